"""Quién ve las estadísticas de capacitación y su XLSX.

Son cifras agregadas: cualquier rol con `view_inscripcion` las ve, limitado a su institución
salvo la Coordinación y Administración (ver test_estadisticas.py). `responsable_ajena` recibe
200 con las cifras de su propia institución; sin rol, 403; sin sesión, al inicio de sesión.
"""

from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

VER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
#: Las dos vistas son de solo lectura: un POST con sesión recibe 405.
POST = {**{rol: 405 for rol in VER}, "anonimo": 302}

MATRIZ = [
    Caso("capacitacion:estadisticas", "get", VER),
    Caso("capacitacion:estadisticas_xlsx", "get", VER),
    Caso("capacitacion:estadisticas", "post", POST),
    Caso("capacitacion:estadisticas_xlsx", "post", POST),
]

test_permisos = probar_matriz(MATRIZ)
