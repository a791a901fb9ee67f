"""La página de resultados de una institución y su PDF."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from diagnosticos.models import EvidenciaRespuesta, Respuesta, Valor
from tests.diagnosticos.test_linea_base import (
    PRIMERA,
    SEGUNDA,
    contestar,
    cuestionario_conocido,
    ronda,
)
from tests.factories import archivo_pdf

Estado = Respuesta.Estado


def texto(respuesta):
    """El HTML sin etiquetas y con los espacios juntos, para buscar frases."""
    sin_etiquetas = re.sub(r"<[^>]+>", " ", respuesta.content.decode())
    return re.sub(r"\s+", " ", sin_etiquetas)


@pytest.fixture
def rondas(dependencia, otra_dependencia):
    version = cuestionario_conocido()
    r1 = ronda(version, date(2025, 3, 1))
    r2 = ronda(version, date(2026, 3, 1))
    base = contestar(r1, dependencia, PRIMERA)
    actual = contestar(
        r2,
        dependencia,
        SEGUNDA,
        Estado.ENVIADA,
        comentarios={"i1": "Aprobado por el comité en 2025", "v2": "Ver el informe anual"},
    )
    ajena = contestar(r2, otra_dependencia, PRIMERA, Estado.ENVIADA)
    return {"base": base, "actual": actual, "ajena": ajena, "r2": r2}


def url(respuesta, pdf=False):
    nombre = "diagnosticos:resultado_pdf" if pdf else "diagnosticos:resultado"
    return reverse(nombre, args=[respuesta.pk])


def test_responsable_ve_la_suya_con_cambio(client, responsable, rondas):
    client.force_login(responsable)
    respuesta = client.get(url(rondas["actual"]))
    assert respuesta.status_code == 200
    contenido = texto(respuesta)
    assert "Secretaría Propia" in contenido
    assert "Ronda 2026" in contenido
    # Índice general 100 (consolidado), +75 contra la base de 25 de la ronda 2025.
    assert "100 / 100" in contenido
    assert "Consolidado" in contenido
    assert "+75" in contenido
    assert "línea base: Ronda 2025, 25" in contenido
    # Por sección: igualdad 100 (base 50, +50); violencia 100 (base 0, +100).
    assert "+50" in contenido and "+100" in contenido
    assert "preliminar" not in contenido.lower()


def test_responsable_no_ve_la_de_otra(client, responsable, rondas):
    client.force_login(responsable)
    assert client.get(url(rondas["ajena"])).status_code == 404
    assert client.get(url(rondas["ajena"], pdf=True)).status_code == 404


def test_respuestas_comentarios_y_evidencias(client, coordinacion, rondas):
    actual = rondas["actual"]
    valor = Valor.objects.get(respuesta=actual, pregunta__codigo="i1")
    evidencia = EvidenciaRespuesta.objects.create(
        valor=valor,
        archivo=archivo_pdf("acta.pdf"),
        nombre_original="acta-del-comite.pdf",
        tipo_contenido="application/pdf",
        tamano=100,
    )
    client.force_login(coordinacion)
    respuesta = client.get(url(actual))
    html = respuesta.content.decode()
    contenido = texto(respuesta)
    assert "¿Hay protocolo?" in contenido
    assert "Sí" in contenido
    assert "100 puntos" in contenido
    assert "Aprobado por el comité en 2025" in contenido
    assert "Ya no falta" in contenido and "Ver el informe anual" in contenido
    assert "acta-del-comite.pdf" in contenido
    assert reverse("diagnosticos:evidencia_descargar", args=[evidencia.pk]) in html
    # La Coordinación ve el bloque de revisión de una respuesta enviada.
    assert "Revisión de la Coordinación" in contenido


def test_solo_preguntas_visibles(client, coordinacion, dependencia):
    version = cuestionario_conocido()
    condicionada = version.secciones.get(codigo="igualdad").preguntas.create(
        codigo="i3",
        orden=3,
        texto="¿Cuándo se aprobó el protocolo?",
        tipo="texto",
        condicion={"reglas": [{"pregunta": "i1", "operador": "igual", "valor": "si"}]},
    )
    respuesta = contestar(ronda(version, date(2026, 1, 1)), dependencia, PRIMERA)
    Valor.objects.create(respuesta=respuesta, pregunta=condicionada, valor="Respuesta vieja")
    respuesta.valores.filter(pregunta__codigo="i1").update(valor="no")
    client.force_login(coordinacion)
    contenido = texto(client.get(url(respuesta)))
    assert "¿Cuándo se aprobó el protocolo?" not in contenido
    assert "Respuesta vieja" not in contenido


def test_es_la_linea_base(client, responsable, rondas):
    client.force_login(responsable)
    contenido = texto(client.get(url(rondas["base"])))
    assert "Esta ronda es la línea base de la institución" in contenido
    assert "25 / 100" in contenido
    assert "Inicial" in contenido


def test_sin_base_y_preliminar(client, responsable_ajena, otra_dependencia):
    version = cuestionario_conocido()
    respuesta = contestar(
        ronda(version, date(2026, 1, 1)), otra_dependencia, {"i1": "si"}, Estado.EN_PROGRESO
    )
    # Índices guardados viejos: la página calcula los preliminares con lo contestado.
    Respuesta.objects.filter(pk=respuesta.pk).update(indice=None, indices={})
    client.force_login(responsable_ajena)
    contenido = texto(client.get(url(respuesta)))
    assert "Índices preliminares" in contenido
    assert "Aún no hay línea base" in contenido
    assert "100 / 100" in contenido  # i1 = sí es lo único con puntos
    assert "Sin respuesta" in contenido


def test_consultas_acotadas(client, coordinacion, rondas, django_assert_max_num_queries):
    client.force_login(coordinacion)
    with django_assert_max_num_queries(25):
        assert client.get(url(rondas["actual"])).status_code == 200


def test_pdf_con_indices_e_institucion(client, responsable, rondas):
    client.force_login(responsable)
    respuesta = client.get(url(rondas["actual"], pdf=True))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    lector = PdfReader(BytesIO(respuesta.content))
    contenido = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lector.pages))
    assert "Secretaría Propia" in contenido
    assert "Resultados del diagnóstico" in contenido
    assert "Índice general" in contenido
    assert "+75" in contenido
    assert "Igualdad y no discriminación" in contenido
    assert "Aprobado por el comité en 2025" in contenido


def test_pdf_preliminar(client, responsable, dependencia):
    version = cuestionario_conocido()
    respuesta = contestar(ronda(version, date(2026, 1, 1)), dependencia, {"i1": "no"}, "devuelta")
    client.force_login(responsable)
    lector = PdfReader(BytesIO(client.get(url(respuesta, pdf=True)).content))
    contenido = " ".join(p.extract_text() for p in lector.pages)
    assert "preliminares" in contenido


def test_post_no_permitido(client, coordinacion, rondas):
    client.force_login(coordinacion)
    assert client.post(url(rondas["actual"])).status_code == 405
