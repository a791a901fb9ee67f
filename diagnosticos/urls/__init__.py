"""URL de la app diagnosticos: cada área tiene su módulo en este paquete."""

from django.urls import include, path

app_name = "diagnosticos"
urlpatterns = [
    path("", include("diagnosticos.urls.diseno")),
    path("", include("diagnosticos.urls.aplicaciones")),
    path("", include("diagnosticos.urls.responder")),
    path("", include("diagnosticos.urls.resultados")),
    path("", include("diagnosticos.urls.xlsform")),
    path("", include("diagnosticos.urls.propuestas")),
    path("", include("diagnosticos.urls.situacional")),
]
