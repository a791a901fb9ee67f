"""URL del informe anual consolidado."""

from django.urls import path

from difusion import views_informe

app_name = "informes"
urlpatterns = [
    path("", views_informe.lista, name="lista"),
    path("vista-previa/", views_informe.vista_previa, name="vista_previa"),
    path("<int:pk>/descargar/", views_informe.descargar, name="descargar"),
]
