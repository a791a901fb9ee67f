"""URL de asistencia (capacitación): en pantalla por sesión, plantilla, importación y
exportación por evento."""

from django.urls import path

from capacitacion.views import asistencia as views

urlpatterns = [
    path("sesiones/<int:pk>/asistencia/", views.asistencia, name="asistencia"),
    path(
        "eventos/<int:pk>/asistencia/plantilla.xlsx",
        views.asistencia_plantilla,
        name="asistencia_plantilla",
    ),
    path(
        "eventos/<int:pk>/asistencia/importar/",
        views.asistencia_importar,
        name="asistencia_importar",
    ),
    path(
        "eventos/<int:pk>/asistencia/importar/confirmar/",
        views.asistencia_importar_confirmar,
        name="asistencia_importar_confirmar",
    ),
    path("eventos/<int:pk>/asistencia.xlsx", views.asistencia_exportar, name="asistencia_exportar"),
]
