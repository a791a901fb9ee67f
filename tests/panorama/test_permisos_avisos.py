"""Quién abre «Avisos»: toda persona con rol; sin rol ni institución, 403."""

from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

MATRIZ = [
    Caso(
        "avisos",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 200,
            "consulta": 200,
            "sin_rol": 403,
            "responsable_ajena": 200,
        },
    ),
]

test_permisos = probar_matriz(MATRIZ)
