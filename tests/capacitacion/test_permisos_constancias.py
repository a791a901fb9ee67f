"""Quién emite, descarga, revoca y lista constancias, y que la verificación es pública.

Las constancias de la matriz son de personas de la institución de `responsable` y `consulta`,
en un evento concluido que convoca solo a esa institución: `responsable_ajena` no encuentra ni
el evento ni la constancia (404) donde su rol sí tiene permiso de ver.
"""

from capacitacion.models import Evento
from tests.factories import ConstanciaFactory, EventoFactory, InscripcionFactory, SesionFactory
from tests.permisos import ROLES, Caso, mundo, probar_matriz  # noqa: F401


def _evento(m):
    evento = EventoFactory(estado=Evento.Estado.CONCLUIDO)
    evento.dependencias.set([m.dependencia])
    SesionFactory(evento=evento)
    return evento


def evento_con_acreditadas(m):
    evento = _evento(m)
    InscripcionFactory(evento=evento, dependencia=m.dependencia, acreditada=True)
    return [evento.pk]


def evento_con_constancia(m):
    evento = _evento(m)
    ConstanciaFactory(inscripcion__evento=evento, inscripcion__dependencia=m.dependencia)
    return [evento.pk]


def constancia(m):
    evento = _evento(m)
    return [
        ConstanciaFactory(inscripcion__evento=evento, inscripcion__dependencia=m.dependencia).pk
    ]


def codigo(m):
    return [ConstanciaFactory(inscripcion__dependencia=m.dependencia).codigo]


LISTA = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,  # la lista existe para ella, vacía
}
#: Descargar una constancia o el ZIP del evento: quien ve constancias, en su alcance.
DESCARGA = {**LISTA, "responsable_ajena": 404}
#: Emitir y revocar: solo la Coordinación y Administración.
COORDINACION_POST = {
    "anonimo": 302,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
SOLO_POST = {rol: 405 for rol in ROLES} | {"anonimo": 302}
PUBLICA = {rol: 200 for rol in ROLES}

MATRIZ = [
    Caso("capacitacion:constancia_lista", "get", LISTA),
    Caso("capacitacion:constancias_emitir", "post", COORDINACION_POST, args=evento_con_acreditadas),
    Caso("capacitacion:constancias_emitir", "get", SOLO_POST, args=evento_con_acreditadas),
    Caso("capacitacion:constancia_pdf", "get", DESCARGA, args=constancia),
    Caso("capacitacion:constancias_zip", "get", DESCARGA, args=evento_con_constancia),
    Caso(
        "capacitacion:constancia_revocar",
        "post",
        COORDINACION_POST,
        args=constancia,
        datos=lambda m: {"confirmar": "1", "motivo": "Se capturó por error."},
    ),
    Caso("capacitacion:constancia_revocar", "get", SOLO_POST, args=constancia),
    Caso("capacitacion:verificar", "get", PUBLICA),
    Caso("capacitacion:verificar_codigo", "get", PUBLICA, args=codigo),
]

test_permisos = probar_matriz(MATRIZ)
