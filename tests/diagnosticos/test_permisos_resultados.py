"""Quién ve los resultados de una institución y los consolidados de una ronda.

Los resultados de una respuesta los ve quien puede ver respuestas de su institución (la
persona responsable y Consulta de la suya; la Coordinación y Administración, todas): otra
institución no la encuentra (404). Los consolidados de la ronda piden
`diagnosticos.ver_resultados`, que solo tienen la Coordinación y Administración.
"""

from datetime import date

from diagnosticos.models import Respuesta
from tests.diagnosticos.test_linea_base import (
    PRIMERA,
    contestar,
    cuestionario_conocido,
    ronda,
)
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def respuesta_propia(m):
    aplicacion = ronda(cuestionario_conocido(), date(2026, 1, 1))
    respuesta = contestar(aplicacion, m.dependencia, PRIMERA, Respuesta.Estado.ENVIADA)
    return [respuesta.pk]


def ronda_con_respuestas(m):
    aplicacion = ronda(cuestionario_conocido(), date(2026, 1, 1))
    contestar(aplicacion, m.dependencia, PRIMERA)
    contestar(aplicacion, m.otra_dependencia, PRIMERA, Respuesta.Estado.ENVIADA)
    return [aplicacion.pk]


DE_SU_INSTITUCION = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
SOLO_COORDINACION = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
SOLO_LECTURA = {
    "anonimo": 302,
    "coordinacion": 405,
    "administracion": 405,
    "responsable": 405,
    "consulta": 405,
    "sin_rol": 405,
    "responsable_ajena": 405,
}

MATRIZ = [
    Caso("diagnosticos:resultado", "get", DE_SU_INSTITUCION, respuesta_propia),
    Caso("diagnosticos:resultado_pdf", "get", DE_SU_INSTITUCION, respuesta_propia),
    Caso("diagnosticos:resultado", "post", SOLO_LECTURA, respuesta_propia),
    Caso("diagnosticos:consolidado", "get", SOLO_COORDINACION, ronda_con_respuestas),
    Caso("diagnosticos:consolidado_pdf", "get", SOLO_COORDINACION, ronda_con_respuestas),
    Caso("diagnosticos:consolidado_xlsx", "get", SOLO_COORDINACION, ronda_con_respuestas),
    Caso("diagnosticos:abiertas", "get", SOLO_COORDINACION, ronda_con_respuestas),
    Caso("diagnosticos:consolidado", "post", SOLO_LECTURA, ronda_con_respuestas),
]

test_permisos = probar_matriz(MATRIZ)
