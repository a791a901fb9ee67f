"""Quién ve los eventos de capacitación y quién los crea, edita, cambia de estado y arma sus
sesiones.

El evento de la matriz tiene la inscripción abierta y convoca solo a la institución de
`responsable` y `consulta`: `responsable_ajena` no lo encuentra (404) donde su rol sí puede ver
eventos. Crear, editar, cambiar de estado y tocar sesiones es de la Coordinación (403 para las
demás); esas acciones no dependen del alcance porque la Coordinación ve todos los eventos.
"""

from datetime import timedelta

from django.utils import timezone

from capacitacion.models import Evento
from tests.factories import EventoFactory, ProgramaFactory, SesionFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

VER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,  # la lista existe para ella, sin este evento
}
VER_EVENTO = {**VER, "responsable_ajena": 404}
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


def evento(m):
    """Un evento abierto, con dos sesiones, que convoca solo a la institución del mundo."""
    m.evento = EventoFactory(estado=Evento.Estado.ABIERTO)
    m.evento.dependencias.set([m.dependencia])
    SesionFactory(evento=m.evento)
    m.sesion = SesionFactory(evento=m.evento, fecha=m.evento.fecha_inicio + timedelta(days=1))
    m.evento.refresh_from_db()
    return [m.evento.pk]


def sesion(m):
    evento(m)
    return [m.sesion.pk]


def datos_evento(m):
    hoy = timezone.localdate()
    return {
        "programa": ProgramaFactory().pk,
        "nombre": "Evento de la matriz",
        "modalidad": "presencial",
        "sede": "Auditorio",
        "fecha_inicio": (hoy - timedelta(days=10)).isoformat(),
        "fecha_fin": (hoy + timedelta(days=10)).isoformat(),
        "umbral_asistencia": "80",
        "dependencias": [m.dependencia.pk],
    }


def datos_edicion(m):
    return {
        **datos_evento(m),
        "programa": m.evento.programa_id,
        "marca": m.evento.actualizado.isoformat(),
    }


def datos_estado(m):
    return {"desde": Evento.Estado.ABIERTO, "estado": Evento.Estado.CERRADO}


def datos_sesion(m):
    return {"fecha": m.evento.fecha_inicio.isoformat(), "horas": "3", "tema": "Matriz"}


MATRIZ = [
    Caso("capacitacion:evento_lista", "get", VER),
    Caso("capacitacion:evento_nuevo", "get", COORDINACION),
    Caso("capacitacion:evento_nuevo", "post", COORDINACION_POST, datos=datos_evento),
    Caso("capacitacion:evento_detalle", "get", VER_EVENTO, args=evento),
    Caso("capacitacion:evento_editar", "get", COORDINACION, args=evento),
    Caso("capacitacion:evento_editar", "post", COORDINACION_POST, args=evento, datos=datos_edicion),
    Caso("capacitacion:evento_estado", "get", SOLO_POST, args=evento),
    Caso("capacitacion:evento_estado", "post", COORDINACION_POST, args=evento, datos=datos_estado),
    Caso("capacitacion:sesion_nueva", "get", COORDINACION, args=evento),
    Caso("capacitacion:sesion_nueva", "post", COORDINACION_POST, args=evento, datos=datos_sesion),
    Caso("capacitacion:sesion_editar", "get", COORDINACION, args=sesion),
    Caso("capacitacion:sesion_editar", "post", COORDINACION_POST, args=sesion, datos=datos_sesion),
    Caso("capacitacion:sesion_eliminar", "get", SOLO_POST, args=sesion),
    Caso("capacitacion:sesion_eliminar", "post", COORDINACION_POST, args=sesion),
]

test_permisos = probar_matriz(MATRIZ)
