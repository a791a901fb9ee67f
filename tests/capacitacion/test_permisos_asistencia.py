"""Quién toma, importa y exporta la asistencia de un evento.

El evento de la matriz tiene la inscripción abierta, dos sesiones y una persona confirmada de la
institución de `responsable` y `consulta`, y convoca solo a esa institución: `responsable_ajena`
no lo encuentra (404) donde su rol sí puede ver asistencia. Registrar e importar es de la
Coordinación (403 para las demás); exportar, de todo rol que ve asistencia, cada quien lo suyo.
"""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from capacitacion.models import Evento
from tests.factories import EventoFactory, InscripcionFactory, SesionFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    """Los archivos de la vista previa, en una carpeta de la prueba."""
    settings.MEDIA_ROOT = tmp_path


COORDINACION = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
COORDINACION_POST = {**COORDINACION, "coordinacion": 302, "administracion": 302}
SOLO_POST = {rol: 405 for rol in COORDINACION} | {"anonimo": 302}
EXPORTAR = {
    **COORDINACION,
    "responsable": 200,
    "consulta": 200,
    "responsable_ajena": 404,
}


def evento(m):
    """Un evento abierto con dos sesiones y una persona confirmada de la institución del mundo."""
    m.evento = EventoFactory(estado=Evento.Estado.ABIERTO)
    m.evento.dependencias.set([m.dependencia])
    m.sesion = SesionFactory(evento=m.evento)
    SesionFactory(evento=m.evento, fecha=m.evento.fecha_inicio + timedelta(days=1))
    m.inscripcion = InscripcionFactory(evento=m.evento, dependencia=m.dependencia)
    return [m.evento.pk]


def sesion(m):
    evento(m)
    return [m.sesion.pk]


def datos_asistencia(m):
    return {
        "en_pagina": [m.inscripcion.pk],
        "presentes": [m.inscripcion.pk],
        "leida": timezone.now().isoformat(),
    }


def datos_archivo(m):
    libro = Workbook()
    libro.active.append(["Correo", "Sesión 1"])
    libro.active.append([m.inscripcion.participante.correo, "Sí"])
    salida = io.BytesIO()
    libro.save(salida)
    return {"archivo": SimpleUploadedFile("asistencia.xlsx", salida.getvalue())}


MATRIZ = [
    Caso("capacitacion:asistencia", "get", COORDINACION, args=sesion),
    Caso("capacitacion:asistencia", "post", COORDINACION_POST, args=sesion, datos=datos_asistencia),
    Caso("capacitacion:asistencia_plantilla", "get", COORDINACION, args=evento),
    Caso("capacitacion:asistencia_importar", "get", COORDINACION, args=evento),
    Caso(
        "capacitacion:asistencia_importar", "post", COORDINACION, args=evento, datos=datos_archivo
    ),
    Caso("capacitacion:asistencia_importar_confirmar", "get", SOLO_POST, args=evento),
    Caso("capacitacion:asistencia_importar_confirmar", "post", COORDINACION_POST, args=evento),
    Caso("capacitacion:asistencia_exportar", "get", EXPORTAR, args=evento),
]

test_permisos = probar_matriz(MATRIZ)
