"""URL de certificacion (capacitación): tablero por etapa, alta, ficha y paso de etapa."""

from django.urls import path

from capacitacion.views import certificacion as vistas

urlpatterns = [
    path("certificacion/", vistas.certificacion_tablero, name="certificacion_tablero"),
    path("certificacion/nueva/", vistas.certificacion_nueva, name="certificacion_nueva"),
    path("certificacion/<int:pk>/", vistas.certificacion_detalle, name="certificacion_detalle"),
    path(
        "certificacion/<int:pk>/avanzar/",
        vistas.certificacion_avanzar,
        name="certificacion_avanzar",
    ),
]
