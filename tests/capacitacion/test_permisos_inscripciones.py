"""Quién inscribe, revisa y cancela inscripciones, y quién ve, edita y fusiona personas.

Los eventos de la matriz convocan solo a la institución de `responsable` y `consulta`, y las
personas e inscripciones son de ella: `responsable_ajena` no los encuentra (404) donde su rol sí
tiene permiso.
"""

from capacitacion.models import Evento, Inscripcion
from tests.factories import EventoFactory, InscripcionFactory, ParticipanteFactory, SesionFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def evento(m):
    evento = EventoFactory()
    evento.dependencias.set([m.dependencia])
    SesionFactory(evento=evento)
    evento.cambiar_estado(Evento.Estado.ABIERTO)
    return [evento.pk]


def pendiente(m):
    (pk,) = evento(m)
    inscripcion = InscripcionFactory(
        evento_id=pk, dependencia=m.dependencia, estado=Inscripcion.Estado.SOLICITADA
    )
    return [inscripcion.pk]


def persona(m):
    m.persona = ParticipanteFactory(dependencia=m.dependencia)
    return [m.persona.pk]


def datos_inscripcion(m):
    return {
        "forma": "nueva",
        "nueva-dependencia": m.dependencia.pk,
        "nueva-nombre": "Persona de la matriz",
        "nueva-sexo": "mujer",
        "nueva-correo": "matriz@zacatecas.gob.mx",
    }


def datos_persona(m):
    p = m.persona
    return {
        "nombre": "Nombre corregido",
        "sexo": p.sexo,
        "correo": p.correo,
        "dependencia": p.dependencia_id,
        "actualizado": p.actualizado.isoformat(),
    }


#: Ver personas: todos los roles con acceso a capacitación.
VER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,  # la lista existe para ella, sin personas de otra institución
}
VER_OBJETO = {**VER, "responsable_ajena": 404}
#: Inscribir, cancelar y editar personas: la Coordinación y las responsables de la institución.
GESTIONAR = {**VER_OBJETO, "consulta": 403}
GESTIONAR_POST = {
    **GESTIONAR,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 302,
}
#: Revisar inscripciones y fusionar personas: solo la Coordinación (y Administración).
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
SOLO_POST = {rol: 405 for rol in COORDINACION} | {"anonimo": 302}

MATRIZ = [
    Caso("capacitacion:inscribir", "get", GESTIONAR, args=evento),
    Caso("capacitacion:inscribir", "post", GESTIONAR_POST, args=evento, datos=datos_inscripcion),
    Caso(
        "capacitacion:inscripcion_revisar",
        "post",
        COORDINACION_POST,
        args=pendiente,
        datos=lambda m: {"accion": "confirmar"},
    ),
    Caso("capacitacion:inscripcion_revisar", "get", SOLO_POST, args=pendiente),
    Caso(
        "capacitacion:inscripciones_confirmar",
        "post",
        COORDINACION_POST,
        args=evento,
        datos=lambda m: {"todas": "1"},
    ),
    Caso("capacitacion:inscripciones_confirmar", "get", SOLO_POST, args=evento),
    Caso("capacitacion:inscripcion_cancelar", "post", GESTIONAR_POST, args=pendiente),
    Caso("capacitacion:inscripcion_cancelar", "get", SOLO_POST, args=pendiente),
    Caso("capacitacion:participante_lista", "get", VER),
    Caso("capacitacion:participante_detalle", "get", VER_OBJETO, args=persona),
    Caso("capacitacion:participante_editar", "get", GESTIONAR, args=persona),
    Caso(
        "capacitacion:participante_editar",
        "post",
        GESTIONAR_POST,
        args=persona,
        datos=datos_persona,
    ),
    Caso("capacitacion:duplicados", "get", COORDINACION),
    Caso("capacitacion:fusionar", "post", COORDINACION_POST),
    Caso("capacitacion:fusionar", "get", SOLO_POST),
]

test_permisos = probar_matriz(MATRIZ)
