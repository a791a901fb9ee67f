"""URL de la app unidades: cada área tiene su módulo en este paquete."""

from django.urls import include, path

app_name = "unidades"
urlpatterns = [
    path("dependencias/", include("unidades.urls.catalogo")),
    path("dependencias/", include("unidades.urls.expediente")),
    path("guia-de-instalacion/", include("unidades.urls.guia")),
    path("", include("unidades.urls.reuniones")),
    path("instalacion/", include("unidades.urls.meta")),
]
