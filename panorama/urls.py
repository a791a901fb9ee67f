from django.urls import path

from panorama import views, views_actividad, views_avisos, views_por_revisar

# Sin app_name: «inicio» y «avisos» se nombran igual desde todas las plantillas.
urlpatterns = [
    path("", views.InicioView.as_view(), name="inicio"),
    path("avisos/", views_avisos.avisos, name="avisos"),
    path("por-revisar/", views_por_revisar.por_revisar, name="por_revisar"),
    path(
        "dependencias/<int:pk>/actividad/",
        views_actividad.actividad,
        name="actividad",
    ),
]
