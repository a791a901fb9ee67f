"""Quién diseña cuestionarios: solo la Coordinación y Administración.

Los cuestionarios no son de ninguna institución, así que la persona responsable de otra
institución recibe lo mismo que la de la propia: 403. Las acciones son POST (GET → 405) y
terminan en una redirección; editar una versión en uso redirige a ella con un aviso.
"""

from tests.diagnosticos.test_diseno_preguntas import datos_pregunta
from tests.factories import (
    AplicacionFactory,
    OpcionFactory,
    PreguntaFactory,
    SeccionFactory,
    VersionFactory,
)
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

NADIE = {"responsable": 403, "consulta": 403, "sin_rol": 403, "responsable_ajena": 403}
LEEN = {"anonimo": 302, "coordinacion": 200, "administracion": 200, **NADIE}
HACEN = {"anonimo": 302, "coordinacion": 302, "administracion": 302, **NADIE}
#: Un GET a una acción POST: el método se revisa antes que el permiso.
SOLO_POST = {
    "anonimo": 302,
    "coordinacion": 405,
    "administracion": 405,
    "responsable": 405,
    "consulta": 405,
    "sin_rol": 405,
    "responsable_ajena": 405,
}


def version(m):
    m.version = VersionFactory()
    return [m.version.pk]


def version_en_uso(m):
    m.version = AplicacionFactory().version
    return [m.version.pk]


def cuestionario(m):
    return [VersionFactory().cuestionario_id]


def seccion(m):
    m.seccion = SeccionFactory(codigo="datos")
    SeccionFactory(version=m.seccion.version, codigo="otra")
    return [m.seccion.pk]


def seccion_en_uso(m):
    m.seccion = SeccionFactory(codigo="datos")
    AplicacionFactory(version=m.seccion.version)
    return [m.seccion.pk]


def pregunta(m):
    m.pregunta = PreguntaFactory(codigo="tiene_uig")
    PreguntaFactory(seccion=m.pregunta.seccion, codigo="otra")
    return [m.pregunta.pk]


def pregunta_de_opcion(m):
    m.pregunta = OpcionFactory(pregunta__codigo="protocolo").pregunta
    return [m.pregunta.pk]


def pregunta_en_uso(m):
    m.pregunta = PreguntaFactory(codigo="tiene_uig")
    AplicacionFactory(version=m.pregunta.seccion.version)
    return [m.pregunta.pk]


CUESTIONARIO = {
    "nombre": "Diagnóstico de prueba de permisos",
    "umbral_en_desarrollo": "40",
    "umbral_consolidado": "70",
}
SECCION = {"codigo": "nueva", "titulo": "Sección nueva", "peso": "1"}

MATRIZ = [
    # Cuestionarios
    Caso("diagnosticos:cuestionario_lista", "get", LEEN),
    Caso("diagnosticos:cuestionario_nuevo", "get", LEEN),
    Caso("diagnosticos:cuestionario_nuevo", "post", HACEN, datos=lambda m: CUESTIONARIO),
    Caso("diagnosticos:cuestionario_detalle", "get", LEEN, args=cuestionario),
    Caso("diagnosticos:cuestionario_editar", "get", LEEN, args=cuestionario),
    Caso("diagnosticos:cuestionario_editar", "post", HACEN, args=cuestionario,
         datos=lambda m: CUESTIONARIO),
    # Versiones
    Caso("diagnosticos:version_detalle", "get", LEEN, args=version),
    Caso("diagnosticos:version_detalle", "get", LEEN, args=version_en_uso),
    Caso("diagnosticos:version_nueva", "post", HACEN, args=version_en_uso),
    Caso("diagnosticos:version_nueva", "get", SOLO_POST, args=version),
    # Secciones
    Caso("diagnosticos:seccion_nueva", "get", LEEN, args=version),
    Caso("diagnosticos:seccion_nueva", "post", HACEN, args=version, datos=lambda m: SECCION),
    Caso("diagnosticos:seccion_nueva", "get", HACEN, args=version_en_uso),
    Caso("diagnosticos:seccion_editar", "get", LEEN, args=seccion),
    Caso("diagnosticos:seccion_editar", "post", HACEN, args=seccion,
         datos=lambda m: {**SECCION, "codigo": "datos"}),
    Caso("diagnosticos:seccion_editar", "post", HACEN, args=seccion_en_uso,
         datos=lambda m: {**SECCION, "codigo": "datos"}),
    Caso("diagnosticos:seccion_eliminar", "post", LEEN, args=seccion),
    Caso("diagnosticos:seccion_eliminar", "post", HACEN, args=seccion,
         datos=lambda m: {"confirmar": "si"}),
    Caso("diagnosticos:seccion_eliminar", "get", SOLO_POST, args=seccion),
    Caso("diagnosticos:seccion_mover", "post", HACEN, args=seccion,
         datos=lambda m: {"direccion": "abajo"}),
    Caso("diagnosticos:seccion_mover", "get", SOLO_POST, args=seccion),
    # Preguntas
    Caso("diagnosticos:pregunta_nueva", "get", LEEN, args=seccion),
    Caso("diagnosticos:pregunta_nueva", "post", HACEN, args=seccion,
         datos=lambda m: datos_pregunta()),
    Caso("diagnosticos:pregunta_nueva", "post", HACEN, args=seccion_en_uso,
         datos=lambda m: datos_pregunta()),
    Caso("diagnosticos:pregunta_editar", "get", LEEN, args=pregunta_de_opcion),
    Caso("diagnosticos:pregunta_editar", "post", HACEN, args=pregunta,
         datos=lambda m: datos_pregunta(codigo="tiene_uig", texto="¿Tiene Unidad?")),
    Caso("diagnosticos:pregunta_editar", "get", HACEN, args=pregunta_en_uso),
    Caso("diagnosticos:pregunta_eliminar", "post", LEEN, args=pregunta),
    Caso("diagnosticos:pregunta_eliminar", "post", HACEN, args=pregunta,
         datos=lambda m: {"confirmar": "si"}),
    Caso("diagnosticos:pregunta_eliminar", "get", SOLO_POST, args=pregunta),
    Caso("diagnosticos:pregunta_mover", "post", HACEN, args=pregunta,
         datos=lambda m: {"direccion": "abajo"}),
    Caso("diagnosticos:pregunta_mover", "get", SOLO_POST, args=pregunta),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
