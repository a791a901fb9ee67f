"""URL de constancias (capacitación): emitir, descargar, revocar y listar."""

from django.urls import path

from capacitacion.views import constancias as views

urlpatterns = [
    path("constancias/", views.ConstanciaListView.as_view(), name="constancia_lista"),
    path(
        "eventos/<int:pk>/constancias/emitir/",
        views.constancias_emitir,
        name="constancias_emitir",
    ),
    path("constancias/<int:pk>/pdf/", views.constancia_pdf, name="constancia_pdf"),
    path("eventos/<int:pk>/constancias.zip", views.constancias_zip, name="constancias_zip"),
    path("constancias/<int:pk>/revocar/", views.constancia_revocar, name="constancia_revocar"),
]
