"""Quién ve el tablero y las fichas de certificación, y quién inscribe y avanza procesos.

Los procesos de la matriz son de la institución de `responsable` y `consulta`:
`responsable_ajena` no los encuentra (404) donde su rol sí tiene permiso de verlos.
"""

from django.utils import timezone

from tests.factories import CertificacionFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def proceso(m):
    return [CertificacionFactory(dependencia=m.dependencia).pk]


def busqueda(m):
    # Sin ?participante= el POST busca personas: no crea nada (el alta se prueba aparte).
    return {"q": "Persona"}


def paso(m):
    return {
        "destino": "alineacion",
        "desde": "inscrita",
        "fecha": timezone.localdate().isoformat(),
    }


#: El tablero existe para toda institución (con sus procesos o vacío).
TABLERO = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
FICHA = {**TABLERO, "responsable_ajena": 404}
#: Inscribir y avanzar: solo la Coordinación y Administración.
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
    Caso("capacitacion:certificacion_tablero", "get", TABLERO),
    Caso("capacitacion:certificacion_nueva", "get", COORDINACION),
    Caso("capacitacion:certificacion_nueva", "post", COORDINACION, datos=busqueda),
    Caso("capacitacion:certificacion_detalle", "get", FICHA, args=proceso),
    Caso("capacitacion:certificacion_avanzar", "post", COORDINACION_POST, args=proceso, datos=paso),
    Caso("capacitacion:certificacion_avanzar", "get", SOLO_POST, args=proceso),
]

test_permisos = probar_matriz(MATRIZ)
