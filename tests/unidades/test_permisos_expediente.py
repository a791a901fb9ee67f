from tests.factories import EvidenciaFactory, IntegranteFactory, archivo_pdf
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401
from unidades.models import PasoGuia


def paso(clave="oficio"):
    return PasoGuia.objects.get(clave=clave)


LECTURA_GENERAL = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
}
EDITAN_INSTITUCION = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
SOLO_COORDINACION = {
    "anonimo": 302,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}

MATRIZ = [
    Caso("unidades:dependencia_lista", "get", LECTURA_GENERAL),
    Caso("unidades:dependencia_detalle", "get", {**LECTURA_GENERAL, "responsable_ajena": 404},
         args=lambda m: [m.dependencia.pk]),
    Caso("unidades:unidad_avanzar", "post", SOLO_COORDINACION,
         args=lambda m: [m.dependencia.pk], datos=lambda m: {"fecha": "2026-01-15"}),
    Caso("unidades:unidad_avanzar", "get", {"coordinacion": 405}, args=lambda m: [m.dependencia.pk]),
    Caso("unidades:unidad_modalidad", "post", SOLO_COORDINACION,
         args=lambda m: [m.dependencia.pk], datos=lambda m: {"modalidad": "enlace"}),
    Caso("unidades:unidad_modalidad", "get", {"coordinacion": 405}, args=lambda m: [m.dependencia.pk]),
    Caso("unidades:unidad_contacto", "get", EDITAN_INSTITUCION, args=lambda m: [m.dependencia.pk]),
    Caso("unidades:integrante_nuevo", "get", EDITAN_INSTITUCION, args=lambda m: [m.dependencia.pk]),
    Caso("unidades:integrante_baja", "get", EDITAN_INSTITUCION,
         args=lambda m: [m.dependencia.pk, IntegranteFactory(unidad=m.dependencia.unidad).pk]),
    Caso("unidades:evidencia_subir", "post",
         {**EDITAN_INSTITUCION, "coordinacion": 302, "administracion": 302, "responsable": 302},
         args=lambda m: [m.dependencia.pk, paso().pk], datos=lambda m: {"archivo": archivo_pdf()}),
    Caso("unidades:evidencia_subir", "get", {"responsable": 405},
         args=lambda m: [m.dependencia.pk, paso().pk]),
    Caso("unidades:evidencia_descargar", "get", {**LECTURA_GENERAL, "responsable_ajena": 404},
         args=lambda m: [EvidenciaFactory(unidad=m.dependencia.unidad).pk]),
    Caso("unidades:evidencia_descargar", "post", {"responsable": 405},
         args=lambda m: [EvidenciaFactory(unidad=m.dependencia.unidad).pk]),
    Caso("unidades:evidencia_revisar", "post", SOLO_COORDINACION,
         args=lambda m: [EvidenciaFactory(unidad=m.dependencia.unidad).pk],
         datos=lambda m: {"decision": "validar"}),
    Caso("unidades:evidencia_revisar", "get", {"coordinacion": 405},
         args=lambda m: [EvidenciaFactory(unidad=m.dependencia.unidad).pk]),
    Caso("unidades:guia", "get", LECTURA_GENERAL),
    Caso("unidades:paso_editar", "get", {"anonimo": 302, "coordinacion": 200, "administracion": 200,
                                         "responsable": 403, "consulta": 403, "sin_rol": 403},
         args=lambda m: [paso().pk]),
    Caso("unidades:plantilla_pdf", "get", {**LECTURA_GENERAL, "responsable_ajena": 404},
         args=lambda m: [m.dependencia.pk, "acta"]),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
