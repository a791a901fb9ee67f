"""URL de resultados del diagnóstico: de una institución y consolidados de una ronda."""

from django.urls import path

from diagnosticos.views import resultados as views

urlpatterns = [
    path("respuestas/<int:pk>/resultados/", views.resultado, name="resultado"),
    path("respuestas/<int:pk>/resultados/pdf/", views.resultado_pdf, name="resultado_pdf"),
    path("rondas/<int:pk>/resultados/", views.consolidado, name="consolidado"),
    path("rondas/<int:pk>/resultados/pdf/", views.consolidado_pdf, name="consolidado_pdf"),
    path(
        "rondas/<int:pk>/resultados/respuestas.xlsx",
        views.consolidado_xlsx,
        name="consolidado_xlsx",
    ),
    path("rondas/<int:pk>/resultados/abiertas/", views.abiertas, name="abiertas"),
]
