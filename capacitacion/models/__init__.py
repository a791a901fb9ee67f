"""Capacitación y certificación: programas y estándares, eventos con sesiones, participantes,
inscripciones y asistencia, el proceso de certificación en estándares de competencia y las
constancias verificables."""

from capacitacion.models.catalogo import EstandarCompetencia, Programa
from capacitacion.models.certificacion import Certificacion
from capacitacion.models.constancias import Constancia
from capacitacion.models.eventos import Asistencia, Evento, Inscripcion, Participante, Sesion

__all__ = [
    "Asistencia",
    "Certificacion",
    "Constancia",
    "EstandarCompetencia",
    "Evento",
    "Inscripcion",
    "Participante",
    "Programa",
    "Sesion",
]
