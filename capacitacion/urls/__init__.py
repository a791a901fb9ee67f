"""URL de la app capacitacion: cada área tiene su módulo en este paquete.

Todo vive bajo /capacitacion/, salvo la verificación pública de constancias (/verificar/), cuya
dirección va impresa en cada constancia y en su código QR.
"""

from django.urls import include, path

app_name = "capacitacion"
urlpatterns = [
    path("capacitacion/", include("capacitacion.urls.catalogo")),
    path("capacitacion/", include("capacitacion.urls.eventos")),
    path("capacitacion/", include("capacitacion.urls.inscripciones")),
    path("capacitacion/", include("capacitacion.urls.asistencia")),
    path("capacitacion/", include("capacitacion.urls.certificacion")),
    path("capacitacion/", include("capacitacion.urls.constancias")),
    path("capacitacion/", include("capacitacion.urls.estadisticas")),
    path("verificar/", include("capacitacion.urls.verificacion")),
]
