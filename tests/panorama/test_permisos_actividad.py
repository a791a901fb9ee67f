from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

MATRIZ = [
    Caso(
        "actividad",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 200,
            "consulta": 200,
            "sin_rol": 403,
            "responsable_ajena": 404,
        },
        args=lambda m: [m.dependencia.pk],
    ),
]

test_permisos = probar_matriz(MATRIZ)
