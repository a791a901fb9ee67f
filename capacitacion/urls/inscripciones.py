"""URL de inscripciones y personas participantes (capacitación)."""

from django.urls import path

from capacitacion.views import inscripciones, participantes

urlpatterns = [
    path("eventos/<int:pk>/inscribir/", inscripciones.inscribir, name="inscribir"),
    path(
        "inscripciones/<int:pk>/revisar/",
        inscripciones.inscripcion_revisar,
        name="inscripcion_revisar",
    ),
    path(
        "eventos/<int:pk>/inscripciones/confirmar/",
        inscripciones.inscripciones_confirmar,
        name="inscripciones_confirmar",
    ),
    path(
        "inscripciones/<int:pk>/cancelar/",
        inscripciones.inscripcion_cancelar,
        name="inscripcion_cancelar",
    ),
    path("participantes/", participantes.participante_lista, name="participante_lista"),
    path("participantes/duplicados/", participantes.duplicados, name="duplicados"),
    path("participantes/fusionar/", participantes.fusionar, name="fusionar"),
    path(
        "participantes/<int:pk>/",
        participantes.participante_detalle,
        name="participante_detalle",
    ),
    path(
        "participantes/<int:pk>/editar/",
        participantes.participante_editar,
        name="participante_editar",
    ),
]
