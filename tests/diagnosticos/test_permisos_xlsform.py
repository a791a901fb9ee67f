"""Permisos de importar y exportar XLSForm. Cuestionarios y versiones no son de una institución:
la persona responsable de otra institución recibe lo mismo que la responsable (403)."""

from tests.factories import CuestionarioFactory, VersionFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

SOLO_DISENO = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}


def _version(_mundo):
    return [VersionFactory().pk]


def _cuestionario(_mundo):
    return [CuestionarioFactory().pk]


MATRIZ = [
    Caso("diagnosticos:version_xlsform", "get", SOLO_DISENO, args=_version),
    Caso("diagnosticos:version_xlsform", "post", {"anonimo": 302, "coordinacion": 405},
         args=_version),
    Caso("diagnosticos:version_xlsform", "get", {"coordinacion": 404}, args=lambda m: [999999]),
    Caso("diagnosticos:xlsform_importar", "get", SOLO_DISENO, args=_cuestionario),
    # Un POST sin archivo vuelve a mostrar el formulario con el error a quien puede importar.
    Caso("diagnosticos:xlsform_importar", "post", SOLO_DISENO, args=_cuestionario),
    Caso("diagnosticos:xlsform_importar", "put", {"anonimo": 302, "coordinacion": 405},
         args=_cuestionario),
    Caso("diagnosticos:xlsform_importar", "get", {"coordinacion": 404, "administracion": 404},
         args=lambda m: [999999]),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
