"""Exportación del catálogo a CSV y Excel: alcance, filtros, fórmulas escapadas y consultas."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import DependenciaFactory
from unidades.models import Unidad

pytestmark = pytest.mark.django_db

URL = reverse("unidades:dependencia_exportar")
ENCABEZADOS = [
    "siglas",
    "nombre",
    "tipo",
    "sector",
    "titular",
    "vigente",
    "estado de la unidad",
    "fecha de instalación",
]


def filas_csv(respuesta):
    contenido = respuesta.content
    assert contenido.startswith(b"\xef\xbb\xbf")  # BOM: Excel reconoce UTF-8
    return list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))


def filas_xlsx(respuesta):
    hoja = load_workbook(io.BytesIO(respuesta.content)).active
    return [[c.value for c in fila] for fila in hoja.iter_rows()], hoja


@pytest.fixture
def catalogo(db):
    peligrosa = DependenciaFactory(
        siglas="HACK",
        nombre='=HYPERLINK("http://x")',
        tipo="descentralizada",
        sector="+52 492 000",
        titular="@SUMA(A1)",
        vigente=False,
    )
    instalada = DependenciaFactory(siglas="SEFIN", nombre="Secretaría de Finanzas")
    Unidad.objects.filter(dependencia=instalada).update(
        estado=Unidad.Estado.INSTALADA, fecha_instalada=date(2026, 3, 10)
    )
    return peligrosa, instalada


def test_csv_con_bom_columnas_y_formulas_escapadas(client, coordinacion, catalogo):
    client.force_login(coordinacion)
    respuesta = client.get(URL, {"formato": "csv"})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert respuesta["Content-Disposition"].startswith('attachment; filename="instituciones-')
    filas = filas_csv(respuesta)
    assert filas[0] == ENCABEZADOS
    assert filas[1] == [
        "HACK",
        '\'=HYPERLINK("http://x")',
        "descentralizada",
        "'+52 492 000",
        "'@SUMA(A1)",
        "no",
        "Sin iniciar",
        "",
    ]
    assert filas[2] == [
        "SEFIN",
        "Secretaría de Finanzas",
        "centralizada",
        "Secretaría de Finanzas",
        "",
        "sí",
        "Instalada",
        "2026-03-10",
    ]


def test_xlsx_se_abre_con_openpyxl_sin_formulas(client, coordinacion, catalogo):
    client.force_login(coordinacion)
    respuesta = client.get(URL, {"formato": "xlsx"})
    assert respuesta.status_code == 200
    filas, hoja = filas_xlsx(respuesta)
    assert filas[0] == ENCABEZADOS
    assert filas[1][:6] == [
        "HACK",
        '\'=HYPERLINK("http://x")',
        "descentralizada",
        "'+52 492 000",
        "'@SUMA(A1)",
        "no",
    ]
    assert hoja["B2"].data_type == "s"  # texto, no una fórmula viva
    assert filas[2][6] == "Instalada"
    assert filas[2][7].date() == date(2026, 3, 10)
    assert hoja["H3"].number_format == "dd/mm/yyyy"


def test_respeta_los_filtros_de_la_lista(client, coordinacion, catalogo):
    client.force_login(coordinacion)
    siglas = [
        f[0] for f in filas_csv(client.get(URL, {"formato": "csv", "tipo": "descentralizada"}))
    ]
    assert siglas == ["siglas", "HACK"]
    siglas = [f[0] for f in filas_csv(client.get(URL, {"formato": "csv", "q": "finanzas"}))]
    assert siglas == ["siglas", "SEFIN"]
    # Un filtro inválido no exporta nada, igual que la lista no muestra nada.
    filas = filas_csv(client.get(URL, {"formato": "csv", "tipo": "<script>"}))
    assert filas == [ENCABEZADOS]


def test_cada_quien_exporta_solo_lo_que_ve(client, responsable, otra_dependencia, catalogo):
    client.force_login(responsable)
    filas, _hoja = filas_xlsx(client.get(URL))
    assert [f[0] for f in filas[1:]] == ["PROPIA"]


def test_consultas_constantes_sin_importar_cuantas_filas(client, coordinacion):
    client.force_login(coordinacion)
    DependenciaFactory.create_batch(2)
    for formato in ("csv", "xlsx"):
        with CaptureQueriesContext(connection) as pocas:
            client.get(URL, {"formato": formato})
        DependenciaFactory.create_batch(40)
        with CaptureQueriesContext(connection) as muchas:
            respuesta = client.get(URL, {"formato": formato})
        assert respuesta.status_code == 200
        assert len(muchas) == len(pocas), formato


def test_el_recurso_del_admin_exporta_las_mismas_columnas_escapadas(catalogo):
    from unidades.resources import DependenciaResource

    with CaptureQueriesContext(connection) as consultas:
        datos = DependenciaResource().export()
    assert datos.headers == ENCABEZADOS
    assert len(consultas) == 1
    por_siglas = {fila[0]: fila for fila in datos}
    assert por_siglas["HACK"][1:6] == (
        '\'=HYPERLINK("http://x")',
        "descentralizada",
        "'+52 492 000",
        "'@SUMA(A1)",
        "no",
    )
    assert por_siglas["SEFIN"][6:] == ("Instalada", date(2026, 3, 10))
