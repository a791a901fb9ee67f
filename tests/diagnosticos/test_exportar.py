"""XLSX de todas las respuestas de una ronda."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from diagnosticos import exportar
from diagnosticos.models import EvidenciaRespuesta, Pregunta, Respuesta, Valor
from tests.diagnosticos.test_linea_base import (
    PRIMERA,
    SEGUNDA,
    contestar,
    cuestionario_conocido,
    ronda,
)
from tests.factories import DependenciaFactory, PreguntaFactory, RespuestaFactory, archivo_pdf
from uig_portal.lib.hojas import libro_xlsx
from unidades.models import Dependencia

Estado = Respuesta.Estado


@pytest.fixture
def aplicacion(dependencia, otra_dependencia):
    version = cuestionario_conocido()
    aplicacion = ronda(version, date(2026, 3, 1), "Ronda 2026")
    propia = contestar(
        aplicacion, dependencia, SEGUNDA, comentarios={"v2": "=1+1", "i1": "+peligro"}
    )
    contestar(aplicacion, otra_dependencia, PRIMERA, Estado.ENVIADA)
    valor = Valor.objects.get(respuesta=propia, pregunta__codigo="i1")
    for nombre in ("a.pdf", "b.pdf"):
        EvidenciaRespuesta.objects.create(
            valor=valor,
            archivo=archivo_pdf(nombre),
            nombre_original=nombre,
            tipo_contenido="application/pdf",
            tamano=10,
        )
    return aplicacion


def libro(client, aplicacion):
    respuesta = client.get(reverse("diagnosticos:consolidado_xlsx", args=[aplicacion.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"respuestas-ronda-{aplicacion.pk}.xlsx" in respuesta["Content-Disposition"]
    return load_workbook(BytesIO(respuesta.content))


def filas(hoja):
    return [list(fila) for fila in hoja.iter_rows(values_only=True)]


def test_hoja_respuestas(client, coordinacion, aplicacion):
    client.force_login(coordinacion)
    wb = libro(client, aplicacion)
    assert wb.sheetnames == ["Respuestas", "Por institución"]
    hoja = filas(wb["Respuestas"])
    assert hoja[0] == [
        "Ronda",
        "Versión",
        "Institución",
        "Siglas",
        "Sector",
        "Tipo",
        "Estado",
        "Sección",
        "Código",
        "Pregunta",
        "Respuesta",
        "Valor",
        "Puntos",
        "Comentario",
        "Evidencias",
    ]
    # 2 instituciones × 5 preguntas (personal, i1, i2, v1, v2), por nombre de institución.
    assert len(hoja) == 1 + 2 * 5
    assert [f[3] for f in hoja[1:]] == ["AJENA"] * 5 + ["PROPIA"] * 5
    propia = {f[8]: f for f in hoja[1:] if f[3] == "PROPIA"}
    assert propia["i1"] == [
        "Ronda 2026",
        1,
        "Secretaría Propia",
        "PROPIA",
        "Secretaría Propia",
        "Dependencia centralizada",
        "Aceptada",
        "Igualdad y no discriminación",
        "i1",
        "¿Hay protocolo?",
        "Sí",
        "si",
        100,
        "'+peligro",
        2,
    ]
    assert propia["personal"][10:13] == ["130", 130, None]  # número como número, sin puntos
    assert propia["v2"][10:14] == ["Ya no falta", "Ya no falta", None, "'=1+1"]
    ajena = {f[8]: f for f in hoja[1:] if f[3] == "AJENA"}
    assert ajena["i2"][6] == "Enviada" and ajena["i2"][12] == 0


def test_formula_escapada(client, coordinacion, aplicacion):
    client.force_login(coordinacion)
    wb = libro(client, aplicacion)
    celdas = [c for fila in wb["Respuestas"].iter_rows() for c in fila]
    comentario = next(c for c in celdas if c.value == "'=1+1")
    assert comentario.data_type == "s"
    assert not any(c.data_type == "f" for c in celdas)


def test_hoja_por_institucion(client, coordinacion, aplicacion):
    client.force_login(coordinacion)
    hoja = filas(libro(client, aplicacion)["Por institución"])
    assert hoja[0] == [
        "Ronda",
        "Versión",
        "Institución",
        "Siglas",
        "Sector",
        "Tipo",
        "Estado",
        "Avance (%)",
        "Índice general",
        "Nivel",
        "Índice: Datos generales",
        "Índice: Igualdad y no discriminación",
        "Índice: Vida libre de violencia",
        "personal",
        "i1",
        "i2",
        "v1",
        "v2",
    ]
    assert len(hoja) == 3
    ajena, propia = hoja[1], hoja[2]
    assert propia[3] == "PROPIA"
    assert propia[7:] == [
        100,
        100,
        "Consolidado",
        None,
        100,
        100,
        130,
        "si",
        "si",
        "si",
        "Ya no falta",
    ]
    assert ajena[7:13] == [100, 25, "Inicial", None, 50, 0]


def test_escondidas_y_sin_iniciar(client, coordinacion, dependencia):
    version = cuestionario_conocido()
    igualdad = version.secciones.get(codigo="igualdad")
    PreguntaFactory(
        seccion=igualdad,
        codigo="i3",
        orden=3,
        condicion={"reglas": [{"pregunta": "i1", "operador": "igual", "valor": "si"}]},
    )
    multiple = PreguntaFactory(
        seccion=igualdad, codigo="m1", orden=4, tipo=Pregunta.Tipo.OPCION_MULTIPLE
    )
    multiple.opciones.create(valor="a", etiqueta="Opción A", puntos=Decimal("50"), orden=1)
    multiple.opciones.create(valor="b", etiqueta="Opción B", puntos=Decimal("50"), orden=2)
    aplicacion = ronda(version, date(2026, 1, 1))
    contestar(aplicacion, dependencia, {"i1": "no", "i3": "si", "m1": ["a", "b"]})
    RespuestaFactory(aplicacion=aplicacion, dependencia=DependenciaFactory(nombre="Zeta"))
    client.force_login(coordinacion)
    wb = libro(client, aplicacion)
    propia = {f[8]: f for f in filas(wb["Respuestas"])[1:] if f[3] == "PROPIA"}
    # i3 quedó escondida: sin respuesta ni puntos aunque tenga un valor guardado.
    assert propia["i3"][10:13] == [None, None, None]
    assert propia["m1"][10:13] == ["Opción A; Opción B", "a;b", 100]
    zeta = [f for f in filas(wb["Respuestas"])[1:] if f[2] == "Zeta"]
    assert len(zeta) == 7 and zeta[0][6] == "Sin iniciar"
    assert all(f[10] in ("", None) for f in zeta)


def test_consultas_constantes(dependencia):
    version = cuestionario_conocido()
    pocas, muchas = ronda(version, date(2026, 1, 1)), ronda(version, date(2026, 2, 1))
    for aplicacion, n in ((pocas, 2), (muchas, 12)):
        for _ in range(n):
            contestar(aplicacion, DependenciaFactory(), SEGUNDA)

    def contar(aplicacion):
        with CaptureQueriesContext(connection) as capturadas:
            for _titulo, _encabezados, generador in exportar.hojas_de_respuestas(aplicacion):
                list(generador)
        return len(capturadas)

    assert contar(pocas) == contar(muchas)


def test_miles_de_filas(dependencia):
    """1,000 instituciones × 5 preguntas: 5,000 filas y 1,000 anchas (el tiempo lo mide
    `make bench`, no esta prueba)."""
    version = cuestionario_conocido()
    aplicacion = ronda(version, date(2026, 1, 1))
    estructura_preguntas = {p.codigo: p for p in Pregunta.objects.filter(seccion__version=version)}
    dependencias = Dependencia.objects.bulk_create(
        Dependencia(nombre=f"Institución {i}", siglas=f"I{i}", sector="S", tipo="centralizada")
        for i in range(1000)
    )
    respuestas = Respuesta.objects.bulk_create(
        Respuesta(aplicacion=aplicacion, dependencia=d, estado=Estado.ACEPTADA)
        for d in dependencias
    )
    Valor.objects.bulk_create(
        Valor(respuesta=r, pregunta=estructura_preguntas[codigo], valor=valor, comentario="x")
        for r in respuestas
        for codigo, valor in SEGUNDA.items()
    )
    contenido = libro_xlsx(exportar.hojas_de_respuestas(aplicacion))
    wb = load_workbook(BytesIO(contenido), read_only=True)
    assert sum(1 for _ in wb["Respuestas"].iter_rows()) == 1 + 1000 * 5
    assert sum(1 for _ in wb["Por institución"].iter_rows()) == 1 + 1000


def test_libro_quita_caracteres_de_control():
    contenido = libro_xlsx([("H", ["A"], [["uno\x01dos\x0btres\ncuatro"]])])
    assert filas(load_workbook(BytesIO(contenido))["H"])[1] == ["unodostres\ncuatro"]
