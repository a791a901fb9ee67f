"""Quién ve, genera y entrega el diagnóstico situacional de una institución.

La Coordinación y Administración (`diagnosticos.presentar_propuestas`) lo ven siempre, lo
generan y registran su entrega. La persona responsable y Consulta de la institución lo ven solo
cuando ya se entregó (antes, 404) y solo para leer (generar y entregar: 403). Otra institución
no lo encuentra (404); quien no tiene rol recibe 403. Las acciones son POST (GET: 405).

Los documentos de la matriz se crean directamente, con un PDF mínimo, para no generar un PDF
en cada celda; las acciones reciben un formulario vacío (se vuelve a mostrar con sus errores).
"""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from diagnosticos.models import DiagnosticoSituacional, Respuesta
from tests.diagnosticos.test_linea_base import PRIMERA, contestar, cuestionario_conocido, ronda
from tests.factories import pdf_minimo
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def _aceptada(m):
    return contestar(ronda(cuestionario_conocido(), date(2026, 1, 1)), m.dependencia, PRIMERA)


def _documento(respuesta, *, entregado):
    hoy = timezone.localdate()
    documento = DiagnosticoSituacional(
        respuesta=respuesta,
        numero_oficio="SEMUJER/CUIG/1/2026",
        fecha_oficio=hoy - timedelta(days=5),
        destinatario="Persona titular",
        cargo_destinatario="Titular de la Secretaría Propia",
        firma_nombre="Quien firma",
        firma_cargo="Coordinación de Unidades de Igualdad de Género",
        generado_en=timezone.now(),
    )
    documento.pdf.save("matriz.pdf", ContentFile(pdf_minimo("Diagnóstico")), save=False)
    if entregado:
        documento.entregado_el = hoy - timedelta(days=1)
        documento.medio = DiagnosticoSituacional.Medio.OFICIO
        documento.acuse_tipo = "application/pdf"
        documento.acuse_nombre = "acuse.pdf"
        documento.acuse.save("acuse.pdf", ContentFile(pdf_minimo("Acuse")), save=False)
    documento.save()
    return documento


def sin_documento(m):
    return [_aceptada(m).pk]


def generado(m):
    respuesta = _aceptada(m)
    _documento(respuesta, entregado=False)
    return [respuesta.pk]


def entregado(m):
    respuesta = _aceptada(m)
    _documento(respuesta, entregado=True)
    return [respuesta.pk]


def enviada(m):
    respuesta = _aceptada(m)
    respuesta.estado = Respuesta.Estado.ENVIADA
    respuesta.save()
    return [respuesta.pk]


#: Entregado: lo ve la institución (solo para leer) y quien lo prepara.
VISIBLE = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: Aún sin entregar: para la institución no existe.
SOLO_QUIEN_PREPARA = {**VISIBLE, "responsable": 404, "consulta": 404}
#: Sin documento generado: el PDF no existe para nadie.
SIN_PDF = {**SOLO_QUIEN_PREPARA, "coordinacion": 404, "administracion": 404}
#: Generar o entregar: solo con `presentar_propuestas`; la falta de permiso va antes que la
#: búsqueda (403 también para otra institución). Un formulario vacío vuelve con sus errores.
PREPARAR = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
SOLO_POST = {rol: (302 if rol == "anonimo" else 405) for rol in VISIBLE}
SOLO_GET = SOLO_POST
LISTA = {**VISIBLE, "responsable_ajena": 200}

MATRIZ = [
    Caso("diagnosticos:situacionales", "get", LISTA),
    Caso("diagnosticos:situacionales", "post", SOLO_GET),
    Caso("diagnosticos:situacional", "get", SOLO_QUIEN_PREPARA, sin_documento),
    Caso("diagnosticos:situacional", "get", SOLO_QUIEN_PREPARA, generado),
    Caso("diagnosticos:situacional", "get", SOLO_QUIEN_PREPARA, enviada),
    Caso("diagnosticos:situacional", "get", VISIBLE, entregado),
    Caso("diagnosticos:situacional", "post", SOLO_GET, entregado),
    Caso("diagnosticos:situacional_pdf", "get", SIN_PDF, sin_documento),
    Caso("diagnosticos:situacional_pdf", "get", SOLO_QUIEN_PREPARA, generado),
    Caso("diagnosticos:situacional_pdf", "get", VISIBLE, entregado),
    Caso("diagnosticos:situacional_pdf", "post", SOLO_GET, entregado),
    Caso("diagnosticos:situacional_acuse", "get", VISIBLE, entregado),
    Caso("diagnosticos:situacional_acuse", "get", SIN_PDF, generado),
    Caso("diagnosticos:situacional_acuse", "post", SOLO_GET, entregado),
    Caso("diagnosticos:situacional_generar", "post", PREPARAR, sin_documento),
    Caso("diagnosticos:situacional_generar", "get", SOLO_POST, sin_documento),
    Caso("diagnosticos:situacional_entregar", "post", PREPARAR, generado),
    Caso("diagnosticos:situacional_entregar", "get", SOLO_POST, generado),
]

test_permisos = probar_matriz(MATRIZ)
