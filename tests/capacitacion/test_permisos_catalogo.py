"""Quién administra el catálogo de capacitación: programas y estándares de competencia.

Solo la Coordinación y Administración; las instituciones (responsable y consulta) no tienen
los permisos del catálogo, así que reciben 403 aun en las páginas de consulta.
"""

from tests.factories import EstandarFactory, ProgramaFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

COORDINACION = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
COORDINACION_POST = {**COORDINACION, "coordinacion": 302, "administracion": 302}


def programa(m):
    return [ProgramaFactory().pk]


def estandar(m):
    return [EstandarFactory().pk]


def datos_programa(m):
    return {"nombre": "Programa de la matriz", "tipo": "taller", "activo": "on"}


def datos_estandar(m):
    return {"clave": "EC1234", "titulo": "Estándar de la matriz", "vigente": "on"}


MATRIZ = [
    Caso("capacitacion:programa_lista", "get", COORDINACION),
    Caso("capacitacion:programa_nuevo", "get", COORDINACION),
    Caso("capacitacion:programa_nuevo", "post", COORDINACION_POST, datos=datos_programa),
    Caso("capacitacion:programa_detalle", "get", COORDINACION, args=programa),
    Caso("capacitacion:programa_editar", "get", COORDINACION, args=programa),
    Caso(
        "capacitacion:programa_editar",
        "post",
        COORDINACION_POST,
        args=programa,
        datos=datos_programa,
    ),
    Caso("capacitacion:estandar_lista", "get", COORDINACION),
    Caso("capacitacion:estandar_nuevo", "get", COORDINACION),
    Caso("capacitacion:estandar_nuevo", "post", COORDINACION_POST, datos=datos_estandar),
    Caso("capacitacion:estandar_editar", "get", COORDINACION, args=estandar),
    Caso(
        "capacitacion:estandar_editar",
        "post",
        COORDINACION_POST,
        args=estandar,
        datos=datos_estandar,
    ),
]

test_permisos = probar_matriz(MATRIZ)
