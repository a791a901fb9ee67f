from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

#: Solo quien lleva el catálogo (Coordinación y Administración) lo modifica.
SOLO_CATALOGO = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
#: Un GET a una URL que solo acepta POST.
SOLO_POST = {"anonimo": 302, "coordinacion": 405, "administracion": 405, "responsable": 405}


def propia(m):
    return [m.dependencia.pk]


MATRIZ = [
    Caso("unidades:dependencia_nueva", "get", SOLO_CATALOGO),
    Caso("unidades:dependencia_nueva", "post", SOLO_CATALOGO),
    Caso("unidades:dependencia_editar", "get", SOLO_CATALOGO, args=propia),
    Caso("unidades:dependencia_editar", "post", SOLO_CATALOGO, args=propia),
    # El primer POST muestra la confirmación; no cambia nada todavía.
    Caso("unidades:dependencia_desactivar", "post", SOLO_CATALOGO, args=propia),
    Caso("unidades:dependencia_desactivar", "get", SOLO_POST, args=propia),
    Caso(
        "unidades:dependencia_reactivar",
        "post",
        {**SOLO_CATALOGO, "coordinacion": 302, "administracion": 302},
        args=propia,
    ),
    Caso("unidades:dependencia_reactivar", "get", SOLO_POST, args=propia),
    Caso(
        "unidades:dependencia_exportar",
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
    Caso("unidades:dependencia_exportar", "post", {"anonimo": 302, "coordinacion": 405}),
    Caso("unidades:dependencia_importar", "get", SOLO_CATALOGO),
    Caso("unidades:dependencia_importar", "post", SOLO_CATALOGO),
    # Sin un archivo en espera, confirmar solo avisa y redirige.
    Caso(
        "unidades:dependencia_importar_confirmar",
        "post",
        {**SOLO_CATALOGO, "coordinacion": 302, "administracion": 302},
    ),
    Caso("unidades:dependencia_importar_confirmar", "get", SOLO_POST),
]

test_permisos = probar_matriz(MATRIZ)
