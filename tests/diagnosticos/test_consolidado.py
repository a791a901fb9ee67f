"""Resultados consolidados de una ronda: cifras, orden, filtros, consultas, PDF y abiertas."""

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from diagnosticos import resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import Nivel, Respuesta
from tests.diagnosticos.test_linea_base import (
    PRIMERA,
    SEGUNDA,
    contestar,
    cuestionario_conocido,
    ronda,
)
from tests.factories import DependenciaFactory, RespuestaFactory
from unidades.models import Dependencia

D = Decimal
Estado = Respuesta.Estado
Tipo = Dependencia.Tipo
#: igualdad 75, violencia 50, general 62.5
INTERMEDIA = {"i1": "si", "i2": "parcial", "v1": "parcial", "v2": "Poca capacitación"}


def institucion(nombre, sector, tipo=Tipo.CENTRALIZADA):
    return DependenciaFactory(nombre=nombre, siglas=nombre.split()[-1], sector=sector, tipo=tipo)


@pytest.fixture
def mundo_ronda(db):
    version = cuestionario_conocido()
    aplicacion = ronda(version, date(2026, 3, 1), "Ronda 2026")
    a = institucion("Instituto A", "Salud")
    b = institucion("Instituto B", "Salud", Tipo.DESCENTRALIZADA)
    c = institucion("Instituto C", "Educación")
    d = institucion("Instituto D", "Educación")
    e = institucion("Instituto E", "Educación", Tipo.DESCONCENTRADA)
    f = institucion("Instituto F", "Cultura")
    # A tenía base 25 en 2025: su cambio es +75.
    contestar(ronda(version, date(2025, 3, 1)), a, PRIMERA)
    respuestas = {
        "a": contestar(aplicacion, a, SEGUNDA),
        "b": contestar(aplicacion, b, PRIMERA, comentarios={"v2": "=1+1"}),
        "c": contestar(aplicacion, c, INTERMEDIA, comentarios={"v2": "Se capacitó a 10"}),
        "d": contestar(aplicacion, d, SEGUNDA, Estado.ENVIADA),
        "e": contestar(aplicacion, e, {"i1": "no", "v2": "Borrador"}, Estado.EN_PROGRESO),
        "f": RespuestaFactory(aplicacion=aplicacion, dependencia=f),
    }
    return aplicacion, respuestas


def test_tasa_de_respuesta(mundo_ronda):
    aplicacion, _ = mundo_ronda
    tasa = resultados.tasa_respuesta(aplicacion)
    assert (tasa.total, tasa.respondidas, tasa.porcentaje) == (6, 4, 66.7)
    assert tasa.por_estado == {"aceptada": 3, "enviada": 1, "en_progreso": 1, "sin_iniciar": 1}


def test_cifras_conocidas(mundo_ronda):
    aplicacion, _ = mundo_ronda
    datos = resultados.consolidado(aplicacion)
    # Promedios entre las aceptadas (A 100, B 25, C 62.5).
    assert (datos.general.promedio, datos.general.n) == (D("62.50"), 3)
    assert [(p.codigo, p.promedio, p.n) for p in datos.promedios] == [
        ("igualdad", D("75.00"), 3),
        ("violencia", D("50.00"), 3),
    ]
    assert datos.distribucion == [
        (Nivel.INICIAL, 1),
        (Nivel.EN_DESARROLLO, 1),
        (Nivel.CONSOLIDADO, 1),
    ]
    assert datos.histograma == [0, 0, 1, 0, 0, 0, 1, 0, 0, 1]
    # Reactivos: i1 100; i2 (100 + 0 + 50) / 3 = 50; v1 (100 + 0 + 50) / 3 = 50.
    assert [(r.codigo, r.promedio, r.n) for r in datos.fuertes] == [
        ("i1", D("100.00"), 3),
        ("i2", D("50.00"), 3),
    ]
    assert [(r.codigo, r.promedio) for r in datos.debiles] == [("v1", D("50.00"))]
    filas = {f.siglas: f for f in datos.filas}
    assert filas["A"].cambio == D("75.00") and filas["A"].base == D("25")
    assert filas["B"].cambio == D("0.00")  # su base es esta misma ronda
    assert filas["D"].indice == D("100") and filas["D"].nivel == Nivel.CONSOLIDADO
    assert filas["E"].indice is None  # aún no envía: sin índices en la tabla
    assert datos.sectores == ["Cultura", "Educación", "Salud"]


def test_reactivos_con_muchos(mundo_ronda):
    lista = [
        resultados.Reactivo(f"r{i}", "", "", D(i * 10), 1)
        for i in range(12)  # promedios 0, 10, …, 110
    ]
    fuertes, debiles = resultados.fuertes_y_debiles(lista)
    assert [r.codigo for r in fuertes] == ["r11", "r10", "r9", "r8", "r7"]
    assert [r.codigo for r in debiles] == ["r0", "r1", "r2", "r3", "r4"]


def test_reactivos_respeta_condiciones(dependencia):
    version = cuestionario_conocido()
    igualdad = version.secciones.get(codigo="igualdad")
    igualdad.preguntas.create(
        codigo="i3",
        orden=3,
        tipo="si_no",
        texto="¿Se aplica el protocolo?",
        condicion={"reglas": [{"pregunta": "i1", "operador": "igual", "valor": "si"}]},
    )
    aplicacion = ronda(version, date(2026, 1, 1))
    contestar(aplicacion, dependencia, {"i1": "no", "i3": "si"})  # i3 escondida: no cuenta
    contestar(aplicacion, DependenciaFactory(), {"i1": "si", "i3": "no"})
    por_codigo = {r.codigo: r for r in resultados.reactivos(aplicacion, Estructura(version))}
    assert (por_codigo["i3"].promedio, por_codigo["i3"].n) == (D("0.00"), 1)
    assert por_codigo["i1"].promedio == D("50.00")


def test_filtros(mundo_ronda):
    aplicacion, _ = mundo_ronda
    salud = resultados.consolidado(aplicacion, sector="Salud")
    assert [f.siglas for f in salud.filas] == ["A", "B"]
    assert salud.general.promedio == D("62.50")  # (100 + 25) / 2
    assert {r.codigo: r.promedio for r in salud.fuertes + salud.debiles}["i2"] == D("50.00")
    descentralizadas = resultados.consolidado(aplicacion, tipo=Tipo.DESCENTRALIZADA)
    assert [f.siglas for f in descentralizadas.filas] == ["B"]
    assert descentralizadas.general.promedio == D("25.00")


def texto(respuesta):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", respuesta.content.decode()))


def url(aplicacion, nombre="consolidado", **params):
    base = reverse(f"diagnosticos:{nombre}", args=[aplicacion.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def siglas_en_orden(respuesta):
    return [f.siglas for f in respuesta.context["filas"]]


def test_pagina(client, coordinacion, mundo_ronda):
    aplicacion, respuestas = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion))
    assert respuesta.status_code == 200
    contenido = texto(respuesta)
    assert "66.7 %" in contenido
    assert "4 de 6" in contenido
    assert "62.5" in contenido
    assert "Reactivos más fuertes" in contenido and "¿Hay protocolo?" in contenido
    assert "<svg" in respuesta.content.decode()
    enlace = reverse("diagnosticos:resultado", args=[respuestas["a"].pk])
    assert enlace in respuesta.content.decode()
    assert siglas_en_orden(respuesta) == ["A", "B", "C", "D", "E", "F"]


@pytest.mark.parametrize(
    "orden,esperado",
    [
        ("-indice", ["A", "D", "C", "B", "E", "F"]),
        ("indice", ["B", "C", "A", "D", "E", "F"]),
        ("s:violencia", ["B", "C", "A", "D", "E", "F"]),
        ("-s:igualdad", ["A", "D", "C", "B", "E", "F"]),
        ("-cambio", ["A", "B", "C", "D", "E", "F"]),
        ("-nombre", ["F", "E", "D", "C", "B", "A"]),
        ("sector", ["F", "C", "D", "E", "A", "B"]),
        ("estado", ["F", "E", "D", "A", "B", "C"]),
        ("s:inventada", ["A", "B", "C", "D", "E", "F"]),
        ("<script>", ["A", "B", "C", "D", "E", "F"]),
    ],
)
def test_orden(client, coordinacion, mundo_ronda, orden, esperado):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion), {"orden": orden})
    assert respuesta.status_code == 200
    assert siglas_en_orden(respuesta) == esperado


def test_filtros_en_la_pagina(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion), {"sector": "Educación", "orden": "-indice"})
    assert siglas_en_orden(respuesta) == ["D", "C", "E"]
    respuesta = client.get(url(aplicacion), {"tipo": Tipo.DESCONCENTRADA})
    assert siglas_en_orden(respuesta) == ["E"]
    # Un tipo desconocido se ignora; un sector que no existe no deja filas.
    assert len(siglas_en_orden(client.get(url(aplicacion), {"tipo": "x"}))) == 6
    respuesta = client.get(url(aplicacion), {"sector": "Nada"})
    assert siglas_en_orden(respuesta) == []
    assert "No hay instituciones con este filtro." in texto(respuesta)


def test_paginacion(client, coordinacion, mundo_ronda, monkeypatch):
    aplicacion, _ = mundo_ronda
    monkeypatch.setattr("diagnosticos.views.resultados.POR_PAGINA", 4)
    client.force_login(coordinacion)
    assert siglas_en_orden(client.get(url(aplicacion), {"page": 2})) == ["E", "F"]


def poblar(aplicacion, n):
    for i in range(n):
        dependencia = DependenciaFactory(sector=f"Sector {i % 3}")
        estado = Estado.ACEPTADA if i % 2 else Estado.ENVIADA
        contestar(aplicacion, dependencia, SEGUNDA if i % 3 else PRIMERA, estado)


def consultas(client, direccion):
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(direccion).status_code == 200
    return len(capturadas)


@pytest.mark.parametrize("nombre", ["consolidado", "consolidado_pdf", "abiertas"])
def test_consultas_constantes(client, coordinacion, nombre):
    version = cuestionario_conocido()
    pocas, muchas = ronda(version, date(2026, 1, 1)), ronda(version, date(2026, 2, 1))
    poblar(pocas, 3)
    poblar(muchas, 15)
    client.force_login(coordinacion)
    params = {"pregunta": "v2"} if nombre == "abiertas" else {}
    assert consultas(client, url(pocas, nombre, **params)) == consultas(
        client, url(muchas, nombre, **params)
    )


def test_pdf(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion, "consolidado_pdf"))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    lector = PdfReader(BytesIO(respuesta.content))
    contenido = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in lector.pages))
    assert "Resultados consolidados del diagnóstico" in contenido
    assert "66.7 %" in contenido
    assert "Tasa de respuesta" in contenido
    assert "Reactivos más débiles" in contenido
    for siglas in "ABCDEF":  # la tabla completa
        assert f"{siglas} · Instituto {siglas}" in contenido
    assert "62.5" in contenido


def test_pdf_con_filtro(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion, "consolidado_pdf", sector="Salud"))
    contenido = " ".join(p.extract_text() for p in PdfReader(BytesIO(respuesta.content)).pages)
    assert "Instituto A" in contenido and "Instituto C" not in contenido
    assert "sector «Salud»" in contenido


def test_pdf_de_muchas_instituciones_resume_por_sector(
    client, coordinacion, mundo_ronda, monkeypatch
):
    aplicacion, _ = mundo_ronda
    monkeypatch.setattr("diagnosticos.views.resultados.MAXIMO_INSTITUCIONES_PDF", 5)
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion, "consolidado_pdf"))
    contenido = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(respuesta.content)).pages)
    )
    assert "Índices por sector" in contenido
    assert "Índices por institución" not in contenido
    assert "A · Instituto A" not in contenido
    # Educación: C aceptada (62.5), D enviada y E en progreso → 2 de 3 respondieron.
    assert "Educación 3 66.7 % 1 62.5" in contenido


# --- Respuestas abiertas ------------------------------------------------------------------


def test_abiertas_lado_a_lado(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion, "abiertas", pregunta="v2"))
    assert respuesta.status_code == 200
    filas = [(f.siglas, f.texto, f.comentario) for f in respuesta.context["filas"]]
    # Solo las enviadas o aceptadas (E está en progreso); por nombre de institución.
    assert filas == [
        ("A", "Ya no falta", ""),
        ("B", "Falta presupuesto", "=1+1"),
        ("C", "Poca capacitación", "Se capacitó a 10"),
        ("D", "Ya no falta", ""),
    ]
    contenido = texto(respuesta)
    assert "¿Qué obstáculos encuentra?" in contenido
    assert "Borrador" not in contenido


def test_abiertas_por_omision_la_primera_de_texto(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion, "abiertas"))
    assert respuesta.context["pregunta"].codigo == "v2"


def test_abiertas_de_una_pregunta_cerrada_y_filtro(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    respuesta = client.get(url(aplicacion, "abiertas", pregunta="i2", sector="Salud"))
    assert [(f.siglas, f.texto) for f in respuesta.context["filas"]] == [
        ("A", "Sí"),
        ("B", "No"),
    ]


def test_abiertas_pregunta_desconocida(client, coordinacion, mundo_ronda):
    aplicacion, _ = mundo_ronda
    client.force_login(coordinacion)
    assert client.get(url(aplicacion, "abiertas", pregunta="nada")).status_code == 404
