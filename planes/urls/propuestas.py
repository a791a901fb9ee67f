"""URL de las propuestas del diagnóstico en el plan: decidirlas desde el editor y seguirlas."""

from django.urls import path

from planes.views import propuestas

urlpatterns = [
    path("propuestas/", propuestas.propuestas_seguimiento, name="propuestas_seguimiento"),
    path(
        "propuestas/instituciones/<int:pk>/",
        propuestas.propuestas_institucion,
        name="propuestas_institucion",
    ),
    path(
        "<int:pk>/propuestas/<int:propuesta_pk>/adoptar/",
        propuestas.propuesta_adoptar,
        name="propuesta_adoptar",
    ),
    path(
        "propuestas/<int:propuesta_pk>/volver-a-decidir/",
        propuestas.propuesta_reabrir,
        name="propuesta_reabrir",
    ),
    path(
        "<int:pk>/propuestas/<int:propuesta_pk>/no-adoptar/",
        propuestas.propuesta_no_adoptar,
        name="propuesta_no_adoptar",
    ),
]
