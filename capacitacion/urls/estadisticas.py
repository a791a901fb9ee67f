"""URL de estadisticas (capacitación)."""

from django.urls import path

from capacitacion.views import estadisticas

urlpatterns = [
    path("estadisticas/", estadisticas.estadisticas, name="estadisticas"),
    path("estadisticas.xlsx", estadisticas.estadisticas_xlsx, name="estadisticas_xlsx"),
]
