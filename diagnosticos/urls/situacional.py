"""URL del diagnóstico situacional de una respuesta (atribución IV) y su lista."""

from django.urls import path

from diagnosticos.views import situacional as views

urlpatterns = [
    path("situacionales/", views.situacionales, name="situacionales"),
    path("respuestas/<int:pk>/situacional/", views.situacional, name="situacional"),
    path(
        "respuestas/<int:pk>/situacional/generar/",
        views.situacional_generar,
        name="situacional_generar",
    ),
    path(
        "respuestas/<int:pk>/situacional/entregar/",
        views.situacional_entregar,
        name="situacional_entregar",
    ),
    path(
        "respuestas/<int:pk>/situacional/documento.pdf",
        views.situacional_pdf,
        name="situacional_pdf",
    ),
    path(
        "respuestas/<int:pk>/situacional/acuse/",
        views.situacional_acuse,
        name="situacional_acuse",
    ),
]
