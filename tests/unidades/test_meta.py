"""La meta de instalación: cifras, tendencia, página, hoja de cálculo y PDF."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import DependenciaFactory
from unidades.metas import (
    instituciones_sin_instalar,
    meses_de_la_tendencia,
    meta_de_instalacion,
    sectores_principales,
    sumar_meses,
)
from unidades.models import Dependencia, Unidad

pytestmark = pytest.mark.django_db

E = Unidad.Estado
T = Dependencia.Tipo
HOY = date(2026, 3, 15)


def institucion(nombre, tipo, sector, estado=E.SIN_INICIAR, *, vigente=True, **unidad):
    """Una institución con su unidad en el estado dado (y las fechas que se pasen)."""
    dependencia = DependenciaFactory(nombre=nombre, tipo=tipo, sector=sector, vigente=vigente)
    Unidad.objects.filter(dependencia=dependencia).update(estado=estado, **unidad)
    return dependencia


@pytest.fixture
def catalogo():
    """4 vigentes (1 instalada, 1 operando → 50 %) y una no vigente instalada que no cuenta."""
    return {
        "ssa": institucion(
            "Secretaría de Salud",
            T.CENTRALIZADA,
            "Secretaría de Salud",
            E.INSTALADA,
            fecha_instalada=date(2026, 1, 20),
        ),
        "sszac": institucion(
            "Servicios de Salud de Zacatecas",
            T.DESCENTRALIZADA,
            "Secretaría de Salud",
            E.OPERANDO,
            modalidad=Unidad.Modalidad.ENLACE,
            fecha_instalada=date(2026, 3, 2),
            fecha_operando=date(2026, 3, 10),
        ),
        "cultura": institucion(
            "Instituto Zacatecano de Cultura",
            T.DESCENTRALIZADA,
            "Secretaría de Educación",
            E.EN_GESTION,
            fecha_en_gestion=date(2026, 2, 1),
        ),
        "centro": institucion(
            "Centro Estatal de Evaluación", T.DESCONCENTRADA, "Secretaría de Educación"
        ),
        "extinta": institucion(
            "Instituto Extinto",
            T.CENTRALIZADA,
            "Secretaría de Educación",
            E.INSTALADA,
            vigente=False,
            fecha_instalada=date(2025, 6, 1),
        ),
    }


# --- Cifras ---------------------------------------------------------------------------------


def test_porcentaje_general_solo_de_vigentes(catalogo):
    meta = meta_de_instalacion(hoy=HOY)
    assert (meta.general.total, meta.general.instaladas) == (4, 2)
    assert meta.general.porcentaje == 50.0
    assert meta.sin_instalar == 2
    assert meta.meta == 100


def test_por_tipo_incluye_todos_los_tipos_en_su_orden(catalogo):
    por_tipo = [
        (a.clave, a.total, a.instaladas, a.porcentaje) for a in meta_de_instalacion().por_tipo
    ]
    assert por_tipo == [
        (T.CENTRALIZADA, 1, 1, 100.0),
        (T.DESCENTRALIZADA, 2, 1, 50.0),
        (T.DESCONCENTRADA, 1, 0, 0.0),
    ]


def test_tipo_sin_instituciones_aparece_en_cero(db):
    institucion("Sola", T.CENTRALIZADA, "S")
    por_tipo = {a.clave: (a.total, a.porcentaje) for a in meta_de_instalacion().por_tipo}
    assert por_tipo[T.DESCONCENTRADA] == (0, 0.0)


def test_por_sector_ordenado_por_porcentaje(catalogo):
    institucion("Consejo de Turismo", T.DESCENTRALIZADA, "Secretaría de Turismo", E.INSTALADA)
    institucion("Museo", T.DESCONCENTRADA, "Secretaría de Turismo")
    sectores = [
        (a.nombre, a.total, a.instaladas, a.porcentaje) for a in meta_de_instalacion().por_sector
    ]
    assert sectores == [
        ("Secretaría de Salud", 2, 2, 100.0),
        ("Secretaría de Turismo", 2, 1, 50.0),
        ("Secretaría de Educación", 2, 0, 0.0),  # la no vigente no suma
    ]


def test_por_estado_los_cinco_con_ceros_y_modalidad(catalogo):
    meta = meta_de_instalacion()
    por_estado = {e.clave: (e.total, e.unidad, e.enlace) for e in meta.por_estado}
    assert list(por_estado) == list(E.values)
    assert por_estado == {
        "sin_iniciar": (1, 1, 0),
        "en_gestion": (1, 1, 0),
        "titular_designada": (0, 0, 0),
        "instalada": (1, 1, 0),
        "operando": (1, 0, 1),
    }
    assert [(m.clave, m.total, m.instaladas) for m in meta.por_modalidad] == [
        ("unidad", 3, 1),
        ("enlace", 1, 1),
    ]


def test_sin_instituciones_todo_en_cero(db):
    meta = meta_de_instalacion(hoy=HOY)
    assert (meta.general.total, meta.general.porcentaje) == (0, 0.0)
    assert [e.total for e in meta.por_estado] == [0] * 5
    assert len(meta.tendencia) == 12
    assert all(m.porcentaje == 0 for m in meta.tendencia)


def test_institucion_sin_unidad_cuenta_como_sin_iniciar(catalogo):
    huerfana = DependenciaFactory(nombre="Sin unidad", tipo=T.CENTRALIZADA, sector="S")
    Unidad.objects.filter(dependencia=huerfana).delete()
    meta = meta_de_instalacion()
    assert meta.general.total == 5
    assert {e.clave: e.total for e in meta.por_estado}["sin_iniciar"] == 2
    assert huerfana in instituciones_sin_instalar()


def test_lista_sin_instalar_con_fecha_del_estado_actual(catalogo):
    faltan = list(instituciones_sin_instalar())
    assert [d.nombre for d in faltan] == [
        "Centro Estatal de Evaluación",
        "Instituto Zacatecano de Cultura",
    ]
    assert faltan[0].desde is None
    assert faltan[1].desde == date(2026, 2, 1)


# --- Tendencia ------------------------------------------------------------------------------


def test_tendencia_acumulada_por_mes(catalogo):
    tendencia = meta_de_instalacion(hoy=HOY).tendencia
    # Al menos 12 meses: de abril de 2025 a marzo de 2026.
    assert [m.mes for m in tendencia][0] == date(2025, 4, 1)
    assert tendencia[-1].mes == date(2026, 3, 1)
    assert len(tendencia) == 12
    por_mes = {m.mes: (m.nuevas, m.acumuladas, m.porcentaje) for m in tendencia}
    assert por_mes[date(2025, 12, 1)] == (0, 0, 0.0)
    assert por_mes[date(2026, 1, 1)] == (1, 1, 25.0)
    assert por_mes[date(2026, 2, 1)] == (0, 1, 25.0)
    # La unidad que ya opera cuenta desde su fecha de instalación (marzo), no la de operación.
    assert por_mes[date(2026, 3, 1)] == (1, 2, 50.0)
    assert tendencia[0].nombre == "abril de 2025"
    assert tendencia[-1].nombre_corto == "mar 2026"
    assert tendencia[-1].cierre == date(2026, 3, 31)


def test_tendencia_desde_la_primera_instalacion_hasta_36_meses(catalogo):
    institucion("Pionera", T.CENTRALIZADA, "S", E.OPERANDO, fecha_instalada=date(2024, 6, 30))
    tendencia = meta_de_instalacion(hoy=HOY).tendencia
    assert tendencia[0].mes == date(2024, 6, 1)
    assert tendencia[0].acumuladas == 1
    assert len(tendencia) == 22

    institucion("Antigua", T.CENTRALIZADA, "S2", E.INSTALADA, fecha_instalada=date(2020, 1, 1))
    tendencia = meta_de_instalacion(hoy=HOY).tendencia
    assert len(tendencia) == 36
    assert tendencia[0].mes == date(2023, 4, 1)
    # Lo instalado antes del primer mes mostrado ya está en su acumulado.
    assert tendencia[0].acumuladas == 1
    assert tendencia[-1].acumuladas == 4


def test_meses_de_la_tendencia():
    assert meses_de_la_tendencia(HOY, None)[0] == date(2025, 4, 1)
    assert meses_de_la_tendencia(HOY, date(2025, 10, 3))[0] == date(2025, 4, 1)
    assert meses_de_la_tendencia(HOY, date(2024, 2, 9))[0] == date(2024, 2, 1)
    assert len(meses_de_la_tendencia(HOY, date(2000, 1, 1))) == 36
    assert sumar_meses(date(2025, 12, 1), 1) == date(2026, 1, 1)
    assert sumar_meses(date(2026, 1, 1), -13) == date(2024, 12, 1)


def test_instalada_sin_fecha_cuenta_en_el_mes_en_curso(catalogo):
    institucion("Sin fecha", T.CENTRALIZADA, "S", E.INSTALADA)
    meta = meta_de_instalacion(hoy=HOY)
    assert meta.instaladas_sin_fecha == 1
    assert meta.tendencia[-1].nuevas == 2
    # El último mes coincide con la cifra general.
    assert meta.tendencia[-1].acumuladas == meta.general.instaladas == 3


# --- Página ---------------------------------------------------------------------------------


def test_pagina_muestra_las_cifras(client, coordinacion, catalogo):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("unidades:meta"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert respuesta.context["meta"].general.porcentaje == 50.0
    assert "50 %" in html
    assert "<strong>2 de 4</strong> instituciones vigentes" in html
    assert "Faltan 2 para la meta." in html
    for texto in ("Dependencia centralizada", "Secretaría de Salud", "Titular designada", "Enlace"):
        assert texto in html
    # Los que faltan, con liga a su expediente; la no vigente no aparece.
    centro = catalogo["centro"]
    assert f'<a href="{centro.get_absolute_url()}">Centro Estatal de Evaluación</a>' in html
    assert "Instituto Extinto" not in html
    assert "01/02/2026" in html  # en gestión desde


def test_pagina_tiene_graficas_svg_bien_formadas_y_tabla_de_tendencia(
    client, coordinacion, catalogo
):
    Dependencia.objects.filter(pk=catalogo["ssa"].pk).update(sector="Salud <y> Asistencia & Co")
    client.force_login(coordinacion)
    html = client.get(reverse("unidades:meta")).content.decode()
    graficas = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    # La tendencia en tres anchos y el avance por tipo en dos; el navegador muestra uno de cada.
    assert len(graficas) == 5
    for svg in graficas:
        raiz = ET.fromstring(svg)
        assert raiz.get("role") == "img" and raiz.get("aria-label")
    assert "Salud &lt;y&gt; Asistencia &amp; Co" in html
    # La tabla accesible de la tendencia llega hasta el mes en curso, con su nombre en español.
    ultimo = meta_de_instalacion().tendencia[-1]
    assert ultimo.mes == timezone.localdate().replace(day=1)
    assert f'<th scope="row" class="fw-normal">{ultimo.nombre}</th>' in html
    assert ultimo.nombre.split()[0] in {
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
        "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    }  # fmt: skip


def test_pagina_sin_ligas_a_expedientes_ajenos_para_un_responsable(
    client, responsable, dependencia, catalogo
):
    client.force_login(responsable)
    html = client.get(reverse("unidades:meta")).content.decode()
    # Las cifras son de todas las instituciones vigentes, no solo la propia.
    assert "<strong>2 de 5</strong>" in html
    assert "Instituto Zacatecano de Cultura" in html
    assert f'href="{catalogo["cultura"].get_absolute_url()}"' not in html
    assert f'<a href="{dependencia.get_absolute_url()}">Secretaría Propia</a>' in html


def test_lista_sin_instalar_paginada_de_50(client, coordinacion):
    for i in range(53):
        institucion(f"Institución {i:02d}", T.CENTRALIZADA, "S")
    client.force_login(coordinacion)
    primera = client.get(reverse("unidades:meta"))
    assert len(primera.context["sin_instalar"]) == 50
    segunda = client.get(reverse("unidades:meta") + "?page=2")
    assert [d.nombre for d in segunda.context["sin_instalar"]] == [
        "Institución 50",
        "Institución 51",
        "Institución 52",
    ]
    assert "Página 2 de 2" in segunda.content.decode()


def consultas_de(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return len(capturadas)


@pytest.mark.parametrize("nombre", ["unidades:meta", "unidades:meta_xlsx", "unidades:meta_pdf"])
def test_consultas_constantes_de_3_a_40_instituciones(client, coordinacion, nombre):
    client.force_login(coordinacion)
    estados = list(E)
    for i in range(3):
        institucion(f"Inicial {i}", T.CENTRALIZADA, f"Sector {i}", estados[i])
    url = reverse(nombre)
    pocas = consultas_de(client, url)
    hoy = timezone.localdate()
    for i in range(37):
        estado = estados[i % 5]
        fechas = (
            {"fecha_instalada": hoy - timedelta(days=31 * i)}
            if estado in Unidad.ESTADOS_INSTALADA
            else {}
        )
        institucion(
            f"Otra {i}", list(T)[i % 3], f"Sector {i % 11}", estado,
            modalidad=list(Unidad.Modalidad)[i % 2], **fechas,
        )  # fmt: skip
    assert Dependencia.objects.count() == 40
    assert consultas_de(client, url) == pocas
    assert pocas <= 13  # con la cifra de «Por revisar» en la campana


# --- Hoja de cálculo -------------------------------------------------------------------------


def libro(respuesta):
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'attachment; filename="meta-de-instalacion-' in respuesta["Content-Disposition"]
    return load_workbook(io.BytesIO(respuesta.content))


def filas(hoja):
    return list(hoja.iter_rows(min_row=2, values_only=True))


def test_xlsx_con_las_mismas_cifras(client, consulta, catalogo):
    client.force_login(consulta)
    wb = libro(client.get(reverse("unidades:meta_xlsx")))
    assert wb.sheetnames == [
        "Resumen",
        "Por tipo",
        "Por sector",
        "Por estado",
        "Tendencia mensual",
        "Sin instalar",
    ]
    resumen = dict(filas(wb["Resumen"]))
    # La institución de la persona de Consulta también es vigente: 2 de 5.
    assert resumen["Instituciones vigentes"] == 5
    assert resumen["Con unidad instalada (instalada u operando)"] == 2
    assert resumen["Avance (%)"] == 40.0
    assert resumen["Meta (%)"] == 100
    assert filas(wb["Por tipo"])[0] == ("Dependencia centralizada", 2, 1, 1, 50.0)
    assert filas(wb["Por sector"])[0] == ("Secretaría de Salud", 2, 2, 0, 100.0)
    por_estado = {f[0]: f[1:] for f in filas(wb["Por estado"])}
    assert por_estado["Operando"] == (1, 0, 1, 20.0)
    assert por_estado["Titular designada"] == (0, 0, 0, 0)
    tendencia = filas(wb["Tendencia mensual"])
    assert len(tendencia) >= 12
    assert tendencia[-1][3] == 2 and tendencia[-1][4] == 40.0
    sin_instalar = filas(wb["Sin instalar"])
    assert [f[0] for f in sin_instalar] == [
        "Centro Estatal de Evaluación",
        "Instituto Zacatecano de Cultura",
        "Secretaría Propia",
    ]
    # openpyxl lee las fechas como datetime a medianoche.
    assert sin_instalar[1][4:] == (
        "En gestión",
        "Unidad de Igualdad de Género",
        datetime(2026, 2, 1),
    )


def test_xlsx_escapa_formulas(client, coordinacion):
    institucion('=HYPERLINK("http://x","clic")', T.CENTRALIZADA, "@SUMA(A1)")
    client.force_login(coordinacion)
    wb = libro(client.get(reverse("unidades:meta_xlsx")))
    assert filas(wb["Sin instalar"])[0][0] == '\'=HYPERLINK("http://x","clic")'
    assert filas(wb["Por sector"])[0][0] == "'@SUMA(A1)"


# --- PDF ------------------------------------------------------------------------------------


def pdf(respuesta):
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert 'filename="meta-de-instalacion-' in respuesta["Content-Disposition"]
    return PdfReader(io.BytesIO(respuesta.content))


def test_pdf_de_una_pagina_carta_con_las_cifras(client, administracion, catalogo):
    client.force_login(administracion)
    lector = pdf(client.get(reverse("unidades:meta_pdf")))
    assert len(lector.pages) == 1
    caja = lector.pages[0].mediabox
    assert (round(float(caja.width)), round(float(caja.height))) == (612, 792)  # carta
    texto = " ".join(lector.pages[0].extract_text().split())
    for esperado in (
        "Meta de instalación de las Unidades de Igualdad de Género",
        "50 %",
        "2 de 4",
        "Faltan 2 para la meta de 100 %",
        "Organismo descentralizado",
        "Órgano desconcentrado",
        "Titular designada",
        "Secretaría de Salud",
        "Tendencia mensual",
        "Centro Estatal de Evaluación",
        "Instituto Zacatecano de Cultura",
        f"Generado el {timezone.localtime():%d/%m/%Y}",
        "Página 1 de 1",
    ):
        assert esperado in texto, esperado


def test_pdf_sigue_en_una_pagina_con_muchas_instituciones_y_sectores(client, coordinacion):
    for i in range(45):
        institucion(
            f"Instituto Estatal para el Desarrollo Integral de la Familia y la Niñez número {i}",
            list(T)[i % 3],
            f"Secretaría de Desarrollo Urbano, Vivienda y Ordenamiento Territorial {i % 30}",
            E.INSTALADA if i % 4 == 0 else E.EN_GESTION,
            fecha_instalada=timezone.localdate() - timedelta(days=30 * i),
        )
    client.force_login(coordinacion)
    lector = pdf(client.get(reverse("unidades:meta_pdf")))
    assert len(lector.pages) == 1
    texto = " ".join(lector.pages[0].extract_text().split())
    assert "Instituciones sin unidad instalada: 33" in texto
    assert "y 27 más" in texto
    assert "Se muestran 10 de 30 sectores" in texto


def test_sectores_principales_para_el_pdf(catalogo):
    for i in range(3):
        institucion(f"Chica {i}", T.CENTRALIZADA, f"Sector chico {i}", E.INSTALADA)
    institucion("Grande", T.CENTRALIZADA, "Secretaría de Educación")
    meta = meta_de_instalacion()
    # Los chicos al 100 % van antes que Educación en la lista completa; el resumen de una
    # página toma los más grandes.
    assert [a.nombre for a in meta.por_sector[:2]] == ["Secretaría de Salud", "Sector chico 0"]
    assert [a.nombre for a in sectores_principales(meta, 2)] == [
        "Secretaría de Salud",
        "Secretaría de Educación",
    ]
