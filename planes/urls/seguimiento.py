"""URL del seguimiento trimestral de un plan aprobado (montadas en /planes/)."""

from django.urls import path

from planes.views import seguimiento as views

urlpatterns = [
    path("<int:pk>/seguimiento/", views.seguimiento, name="seguimiento"),
    path("<int:pk>/seguimiento/<int:trimestre>/", views.informe, name="informe"),
    path("<int:pk>/seguimiento/<int:trimestre>/pdf/", views.informe_pdf, name="informe_pdf"),
    path(
        "<int:pk>/seguimiento/<int:trimestre>/enviar/",
        views.informe_enviar,
        name="informe_enviar",
    ),
    path(
        "<int:pk>/seguimiento/<int:trimestre>/actividades/<int:actividad_pk>/evidencias/",
        views.evidencia_subir,
        name="seguimiento_evidencia_subir",
    ),
    path(
        "<int:pk>/seguimiento/<int:trimestre>/actividades/<int:actividad_pk>/comentario/",
        views.comentar,
        name="seguimiento_comentar",
    ),
    path(
        "<int:pk>/seguimiento/evidencias/<int:evidencia_pk>/",
        views.evidencia_descargar,
        name="seguimiento_evidencia",
    ),
]
