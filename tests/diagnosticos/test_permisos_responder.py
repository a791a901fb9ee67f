"""Matriz de permisos del área Responder (ver tests/permisos.py)."""

import pytest
from django.core.files.base import ContentFile

from diagnosticos.models import EvidenciaRespuesta, Pregunta, Valor
from tests.factories import (
    AplicacionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    pdf_minimo,
)
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


@pytest.fixture(autouse=True)
def media_temporal(settings, tmp_path):
    """Las evidencias de la matriz se guardan en una carpeta que se borra sola."""
    settings.MEDIA_ROOT = tmp_path


def _respuesta(m):
    """Una respuesta de la institución del mundo, con una sección «datos» y una pregunta
    obligatoria con evidencia (así «enviar» responde 422: falta contestarla)."""
    seccion = SeccionFactory(codigo="datos")
    pregunta = PreguntaFactory(
        seccion=seccion, codigo="tiene_uig", tipo=Pregunta.Tipo.SI_NO, admite_evidencia=True
    )
    aplicacion = AplicacionFactory(version=seccion.version)
    respuesta = RespuestaFactory(aplicacion=aplicacion, dependencia=m.dependencia)
    return respuesta, pregunta


def args_respuesta(m):
    return [_respuesta(m)[0].pk]


def args_seccion(m):
    return [_respuesta(m)[0].pk, "datos"]


def args_pregunta(m):
    respuesta, pregunta = _respuesta(m)
    return [respuesta.pk, pregunta.pk]


def args_evidencia(m):
    respuesta, pregunta = _respuesta(m)
    valor = Valor.objects.create(respuesta=respuesta, pregunta=pregunta)
    evidencia = EvidenciaRespuesta(
        valor=valor,
        nombre_original="acta.pdf",
        tipo_contenido="application/pdf",
        tamano=100,
    )
    evidencia.archivo.save("acta.pdf", ContentFile(pdf_minimo()), save=False)
    evidencia.save()
    return [evidencia.pk]


def args_version(m):
    return [SeccionFactory().version.pk]


def guardar_datos(m):
    return {"valor": "si", "revision": "0"}


#: Lo que puede leer cada rol de una respuesta de la institución del mundo.
VER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: Escribir: solo la responsable (y Administración); el resultado es una redirección.
ESCRIBIR = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
SOLO_POST = {
    "anonimo": 302,
    "coordinacion": 405,
    "administracion": 405,
    "responsable": 405,
    "consulta": 405,
    "sin_rol": 405,
    "responsable_ajena": 405,
}

MATRIZ = [
    Caso(
        "diagnosticos:mis_diagnosticos",
        "get",
        {**VER, "responsable_ajena": 200},
    ),
    Caso("diagnosticos:responder", "get", VER, args_respuesta),
    Caso("diagnosticos:responder_seccion", "get", VER, args_seccion),
    Caso("diagnosticos:responder_seccion", "post", ESCRIBIR, args_seccion),
    Caso("diagnosticos:guardar_pregunta", "post", ESCRIBIR, args_pregunta, guardar_datos),
    Caso("diagnosticos:guardar_pregunta", "get", SOLO_POST, args_pregunta),
    Caso("diagnosticos:evidencia_subir", "post", ESCRIBIR, args_pregunta),
    Caso("diagnosticos:evidencia_subir", "get", SOLO_POST, args_pregunta),
    Caso("diagnosticos:evidencia_descargar", "get", VER, args_evidencia),
    Caso("diagnosticos:evidencia_eliminar", "post", ESCRIBIR, args_evidencia),
    Caso("diagnosticos:evidencia_eliminar", "get", SOLO_POST, args_evidencia),
    Caso(
        "diagnosticos:respuesta_enviar",
        "get",
        {**ESCRIBIR, "administracion": 200, "responsable": 200},
        args_respuesta,
    ),
    Caso(
        "diagnosticos:respuesta_enviar",
        "post",
        {**ESCRIBIR, "administracion": 422, "responsable": 422},
        args_respuesta,
    ),
    Caso(
        "diagnosticos:version_vista_previa",
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
        args_version,
    ),
]

test_permisos = probar_matriz(MATRIZ)
