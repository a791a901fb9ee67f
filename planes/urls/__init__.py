"""URL de la app planes: cada área tiene su módulo en este paquete."""

from django.urls import include, path

app_name = "planes"
urlpatterns = [
    path("", include("planes.urls.flujo")),
    path("", include("planes.urls.editor")),
    path("", include("planes.urls.seguimiento")),
    path("", include("planes.urls.propuestas")),
    path("", include("planes.urls.presupuesto")),
]
