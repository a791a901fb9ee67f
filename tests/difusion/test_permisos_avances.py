"""La página «Avances y retos» y sus datos son públicos; sus textos, solo de la Coordinación."""

from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

PUBLICA = {
    "anonimo": 200,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 200,
    "responsable_ajena": 200,
}
NO_PERMITIDO = dict.fromkeys(PUBLICA, 405)

EDITAR = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
GUARDAR = {**EDITAR, "coordinacion": 302, "administracion": 302}


def datos_textos(m):
    return {"introduccion": "Avances del año.", "retos": "", "nota_metodologica": "", "marca": ""}


MATRIZ = [
    Caso("avances:pagina", "get", PUBLICA),
    Caso("avances:pagina", "post", NO_PERMITIDO),
    Caso("avances:datos_csv", "get", PUBLICA),
    Caso("avances:datos_json", "get", PUBLICA),
    Caso("avances:datos_json", "post", NO_PERMITIDO),
    Caso("avances:textos", "get", EDITAR),
    Caso("avances:textos", "post", GUARDAR, datos=datos_textos),
    Caso("avances:textos", "put", {**EDITAR, "coordinacion": 405, "administracion": 405}),
]

test_permisos = probar_matriz(MATRIZ)
