"""El presupuesto para la igualdad (atribución VIII): las sumas del año por institución,
programa, estrategia, eje y tipo; su página y su XLSX; y la única forma de leer un monto."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from planes import presupuesto as cuentas
from planes.forms.presupuesto import leer_monto
from planes.models import (
    Actividad,
    PlanTrabajo,
)
from tests.factories import ActividadFactory, DependenciaFactory
from tests.planes.presupuesto_comun import (
    TIPO_XLSX,
    aprobado,
    informe,
    montos,
    ped,
)
from tests.planes.test_editor import catalogo_de_alineacion, guardar  # noqa: F401

pytestmark = pytest.mark.django_db


# --- Las sumas ------------------------------------------------------------------------------


def test_totales_del_anio_con_datos_conocidos(presupuesto_2026):
    p = cuentas.presupuesto_del_anio(2026)
    assert montos(p.total) == (Decimal("380000.50"), Decimal("105000.25"), Decimal("27.6"), 4)
    assert p.planes_aprobados == 3 and p.planes_con_presupuesto == 3

    assert [(r.etiqueta, *montos(r)) for r in p.por_institucion] == [
        ("Instituto Tercero", Decimal("30000"), Decimal(0), Decimal("0.0"), 1),
        ("Secretaría Ajena", Decimal("200000.50"), Decimal("70000.25"), Decimal("35.0"), 1),
        ("Secretaría Propia", Decimal("150000"), Decimal("35000"), Decimal("23.3"), 2),
    ]
    assert [(r.detalle["clave"], r.detalle["unidad_responsable"], *montos(r))
            for r in p.por_programa] == [
        ("E045", "Administración", Decimal("300000.50"), Decimal("95000.25"), Decimal("31.7"), 2),
        ("K3511", "Obras Públicas", Decimal("30000"), Decimal(0), Decimal("0.0"), 1),
        ("S010", "Instituto de la Mujer", Decimal("50000"), Decimal("10000"), Decimal("20.0"), 1),
    ]  # fmt: skip
    assert p.por_programa[0].detalle["modalidad"] == "Prestación de servicios públicos"
    # La actividad alineada con dos estrategias cuenta completa en las dos.
    assert [(r.clave, r.aprobado, r.ejercido) for r in p.por_estrategia] == [
        ("2.10.2", Decimal("350000.50"), Decimal("105000.25")),
        ("2.10.5", Decimal("100000"), Decimal("25000")),
        (None, Decimal("30000"), Decimal(0)),
    ]
    assert p.en_varias_estrategias == 1
    assert [(r.clave, r.aprobado) for r in p.por_eje] == [
        ("igualdad", Decimal("200000.50")),
        ("violencia", Decimal("50000")),
        ("cultura", Decimal("130000")),
    ]
    assert [(r.clave, r.aprobado) for r in p.por_contribucion] == [
        ("mujeres", Decimal("100000")),
        ("afirmativa", Decimal("50000")),
        ("operacion", Decimal("200000.50")),
        ("universal", Decimal("30000")),
    ]


def test_la_modificacion_aprobada_sustituye_a_la_version_anterior(presupuesto_2026):
    tercera = presupuesto_2026["tercera"]
    v2 = PlanTrabajo.objects.get(unidad=tercera.unidad, version=2)
    v2.estado = "aprobado"
    v2.save()
    p = cuentas.presupuesto_del_anio(2026)
    assert [r.aprobado for r in p.por_institucion if r.etiqueta == "Instituto Tercero"] == [
        Decimal("77777")
    ]
    assert p.planes_aprobados == 3


def test_otro_anio_no_tiene_nada(presupuesto_2026):
    p = cuentas.presupuesto_del_anio(2025)
    assert p.vacio and p.total.aprobado == 0 and p.total.porcentaje is None


def test_la_pagina_del_presupuesto(client, coordinacion, presupuesto_2026):
    client.force_login(coordinacion)
    r = client.get(reverse("planes:presupuesto"), {"anio": 2026})
    html = r.content.decode()
    assert r.status_code == 200
    for texto in (
        "Presupuesto para la igualdad 2026",
        "$380,000.50",
        "$105,000.25",
        "27.6",
        "en 3 de 3 planes aprobados",
        "Secretaría Ajena",
        "Desarrollo del personal",
        "cuenta completa en cada una",
        "1 actividad está en más de una estrategia",
        "Sin estrategia del PED",
        "Dirigido a mujeres",
    ):
        assert texto in html, texto
    assert "999,999" not in html and "77,777" not in html
    assert reverse("planes:presupuesto_xlsx") + "?anio=2026" in html


def test_un_anio_invalido_muestra_el_mas_reciente_con_datos(client, coordinacion, presupuesto_2026):
    client.force_login(coordinacion)
    r = client.get(reverse("planes:presupuesto"), {"anio": "dos mil"})
    assert r.status_code == 200 and r.context["anio"] in (2025, 2026)
    assert r.context["anios"] == [2026, 2025]


def test_consultas_del_presupuesto_no_crecen(client, coordinacion, dependencia, programas):
    client.force_login(coordinacion)
    url = reverse("planes:presupuesto") + "?anio=2026"
    plan = aprobado(dependencia)
    a = ActividadFactory(plan=plan, programa=programas["E045"], monto_aprobado=Decimal(10))
    informe(plan, 1, {a: "5"})
    client.get(url)
    with CaptureQueriesContext(connection) as una:
        assert client.get(url).status_code == 200
    for n in range(8):
        otra = DependenciaFactory()
        plan = aprobado(otra)
        for clave in ("E045", "S010"):
            a = ActividadFactory(plan=plan, programa=programas[clave], monto_aprobado=Decimal(n))
            a.alineaciones.add(*ped("2.10.3"))
            informe(plan, 1, {a: "1"}) if clave == "E045" else None
    with CaptureQueriesContext(connection) as muchas:
        r = client.get(url)
    assert r.status_code == 200 and r.context["presupuesto"].total.actividades == 17
    assert len(muchas) == len(una), [q["sql"] for q in muchas.captured_queries]


# --- XLSX -----------------------------------------------------------------------------------


def test_el_xlsx_del_presupuesto_se_lee_con_openpyxl(client, coordinacion, presupuesto_2026):
    presupuesto_2026["tercera"].nombre = "=HIPERVINCULO(1) Instituto"
    presupuesto_2026["tercera"].save()
    client.force_login(coordinacion)
    r = client.get(reverse("planes:presupuesto_xlsx"), {"anio": 2026})
    assert r.status_code == 200 and r["Content-Type"] == TIPO_XLSX
    assert "presupuesto-igualdad-2026.xlsx" in r["Content-Disposition"]
    libro = load_workbook(io.BytesIO(r.content))
    assert libro.sheetnames == [
        "Por institución",
        "Por programa",
        "Por estrategia del PED",
        "Por eje",
        "Por tipo de contribución",
        "Actividades",
    ]
    filas = list(libro["Por institución"].iter_rows(values_only=True))
    assert filas[0] == ("Institución", "Siglas", "Actividades", "Aprobado (pesos)",
                        "Ejercido (pesos)", "% ejercido")  # fmt: skip
    # El texto que empieza con «=» va escapado: no es una fórmula.
    assert filas[1] == ("'=HIPERVINCULO(1) Instituto", "TER", 1, 30000, 0, 0)
    assert filas[3] == ("Secretaría Propia", "PROPIA", 2, 150000, 35000, 23.3)
    assert filas[-1] == ("Total", None, 4, 380000.5, 105000.25, 27.6)
    programas_ = list(libro["Por programa"].iter_rows(values_only=True))
    assert programas_[1][:4] == ("E045", "Desarrollo del personal", "Administración",
                                 "Prestación de servicios públicos")  # fmt: skip
    assert programas_[1][4:] == (2, 300000.5, 95000.25, 31.7)
    estrategias = list(libro["Por estrategia del PED"].iter_rows(values_only=True))
    assert [f[0] for f in estrategias[1:]] == ["2.10.2", "2.10.5", None]
    assert estrategias[-1][1] == "Sin estrategia del PED"
    actividades = list(libro["Actividades"].iter_rows(values_only=True))
    assert len(actividades) == 5
    fila_a1 = next(f for f in actividades if f[3] == presupuesto_2026["a1"].descripcion)
    assert fila_a1[8] == "2.10.2; 2.10.5"
    assert fila_a1[9:] == (100000, 25000, None, None, None, 25000, 25)


# --- Montos: una sola forma de leerlos -------------------------------------------------------


@pytest.mark.parametrize(
    "texto,valor",
    [
        ("1,000", Decimal("1000")),
        ("1000.50", Decimal("1000.50")),
        ("$ 1,234,567.8", Decimal("1234567.8")),
        (" 15000 ", Decimal("15000")),
        ("", None),
    ],
)
def test_montos_que_se_aceptan(texto, valor):
    assert leer_monto(texto) == valor


@pytest.mark.parametrize(
    "texto,mensaje",
    [
        ("-5", "no puede ser negativo"),
        ("mil pesos", "solo con números"),
        ("12a", "solo con números"),
        ("1,5", "la coma solo para separar miles"),
        ("10.555", "dos decimales"),
    ],
)
def test_montos_que_se_rechazan_en_espanol(texto, mensaje):
    with pytest.raises(ValidationError) as error:
        leer_monto(texto)
    assert mensaje in error.value.messages[0]


def test_el_filtro_pesos():
    from uig_portal.templatetags.cifras import pesos

    assert pesos(Decimal("1234567.5")) == "$1,234,567.50"
    assert pesos(0) == "$0.00"
    assert pesos(None) == "—"


def test_actividad_sin_programa_ni_monto_no_cuenta(presupuesto_2026):
    assert not Actividad.objects.filter(programa__isnull=True, monto_aprobado__isnull=False)
    assert cuentas.presupuesto_del_anio(2026).total.actividades == 4
