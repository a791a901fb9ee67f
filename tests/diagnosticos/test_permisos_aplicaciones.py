"""Quién puede ver, abrir y editar rondas, mandar recordatorios y revisar respuestas.

Las rondas de la matriz tienen solo a la institución de `responsable` y `consulta`:
`responsable_ajena` no la encuentra (404) donde su rol sí tiene permiso.
"""

from datetime import timedelta

from django.utils import timezone

from diagnosticos.models import Respuesta
from tests.factories import AplicacionFactory, PreguntaFactory, RespuestaFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def ronda(m):
    aplicacion = AplicacionFactory(version=PreguntaFactory().seccion.version)
    RespuestaFactory(aplicacion=aplicacion, dependencia=m.dependencia)
    return [aplicacion.pk]


def enviada(m):
    respuesta = RespuestaFactory(
        dependencia=m.dependencia, estado=Respuesta.Estado.ENVIADA, enviada_en=timezone.now()
    )
    return [respuesta.pk]


def datos_ronda(m):
    hoy = timezone.localdate()
    return {
        "version": PreguntaFactory().seccion.version.pk,
        "nombre": "Ronda de la matriz",
        "apertura": hoy.isoformat(),
        "cierre": (hoy + timedelta(days=10)).isoformat(),
        "instituciones": [m.dependencia.pk],
    }


def datos_edicion(m):
    hoy = timezone.localdate()
    return {
        "nombre": "Ronda editada",
        "apertura": hoy.isoformat(),
        "cierre": (hoy + timedelta(days=40)).isoformat(),
    }


LISTA = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,  # la lista existe para ella, vacía
}
SEGUIMIENTO = {**LISTA, "responsable_ajena": 404}
#: Abrir, editar y revisar: solo la Coordinación y Administración.
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
    Caso("diagnosticos:aplicacion_lista", "get", LISTA),
    Caso("diagnosticos:aplicacion_nueva", "get", COORDINACION),
    Caso("diagnosticos:aplicacion_nueva", "post", COORDINACION_POST, datos=datos_ronda),
    Caso("diagnosticos:aplicacion_detalle", "get", SEGUIMIENTO, args=ronda),
    Caso("diagnosticos:aplicacion_editar", "get", COORDINACION, args=ronda),
    Caso(
        "diagnosticos:aplicacion_editar", "post", COORDINACION_POST, args=ronda, datos=datos_edicion
    ),
    Caso("diagnosticos:aplicacion_recordar", "post", COORDINACION_POST, args=ronda),
    Caso("diagnosticos:aplicacion_recordar", "get", SOLO_POST, args=ronda),
    Caso(
        "diagnosticos:respuesta_devolver",
        "post",
        COORDINACION_POST,
        args=enviada,
        datos=lambda m: {"observaciones": "Corrija la sección 1."},
    ),
    Caso("diagnosticos:respuesta_devolver", "get", SOLO_POST, args=enviada),
    Caso("diagnosticos:respuesta_aceptar", "post", COORDINACION_POST, args=enviada),
    Caso("diagnosticos:respuesta_aceptar", "get", SOLO_POST, args=enviada),
]

test_permisos = probar_matriz(MATRIZ)
