from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

#: Cifras agregadas sin datos personales: todo rol que ve unidades las consulta completas.
VEN_LA_META = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
#: Son de solo lectura: cualquier otro método se rechaza antes de calcular nada.
SOLO_GET = {"anonimo": 302, "coordinacion": 405, "responsable": 405, "sin_rol": 405}

MATRIZ = [
    caso
    for nombre in ("unidades:meta", "unidades:meta_xlsx", "unidades:meta_pdf")
    for caso in (Caso(nombre, "get", VEN_LA_META), Caso(nombre, "post", SOLO_GET))
]

test_permisos = probar_matriz(MATRIZ)
