"""Quién ve, publica, edita, elimina y descarga materiales.

Los materiales no son de una institución: `responsable_ajena` ve lo mismo que `responsable`.
Un material sin publicar solo existe para quien los edita (Coordinación y Administración).
"""

from difusion.models import Material
from tests.difusion.materiales import MaterialFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def publicado(m):
    return [MaterialFactory().pk]


def no_publicado(m):
    return [MaterialFactory(publicado=False).pk]


def datos_material(m):
    return {
        "titulo": "Campaña por la igualdad",
        "tema": Material.Tema.CAMPANAS,
        "enlace": "https://www.gob.mx/campana",
        "publicado": "on",
    }


def datos_edicion(m):
    # El material recién creado por `args`, con la marca de la versión que se está editando.
    return {**datos_material(m), "marca": Material.objects.latest("pk").actualizado.isoformat()}


VER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
VER_NO_PUBLICADO = {**VER, "responsable": 404, "consulta": 404, "responsable_ajena": 404}
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
SOLO_POST = {rol: 405 for rol in EDITAR} | {"anonimo": 302}

MATRIZ = [
    Caso("difusion:material_lista", "get", VER),
    Caso("difusion:material_detalle", "get", VER, publicado),
    Caso("difusion:material_detalle", "get", VER_NO_PUBLICADO, no_publicado),
    Caso("difusion:material_descargar", "get", VER, publicado),
    Caso("difusion:material_descargar", "get", VER_NO_PUBLICADO, no_publicado),
    Caso("difusion:material_nuevo", "get", EDITAR),
    Caso("difusion:material_nuevo", "post", GUARDAR, datos=datos_material),
    Caso("difusion:material_editar", "get", EDITAR, publicado),
    Caso("difusion:material_editar", "get", EDITAR, no_publicado),
    Caso("difusion:material_editar", "post", GUARDAR, publicado, datos_edicion),
    Caso("difusion:material_eliminar", "post", GUARDAR, no_publicado),
    Caso("difusion:material_eliminar", "get", SOLO_POST, publicado),
]

test_permisos = probar_matriz(MATRIZ)
