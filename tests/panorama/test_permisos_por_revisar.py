"""Quién abre «Por revisar»: la Coordinación y Administración; nadie más."""

from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

MATRIZ = [
    Caso(
        "por_revisar",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 403,
            "consulta": 403,
            "sin_rol": 403,
            "responsable_ajena": 403,
        },
    ),
    Caso(
        "por_revisar",
        "post",
        {"anonimo": 302, "coordinacion": 405, "responsable": 405},
    ),
]

test_permisos = probar_matriz(MATRIZ)
