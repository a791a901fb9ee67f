"""El escritor de XLSX del portal: tipos, fórmulas escapadas, estilos y un OOXML válido."""

import math
import posixpath
import warnings
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook

from uig_portal.lib.hojas import (
    FORMATO_FECHA,
    FORMATO_FECHA_HORA,
    TIPO_XLSX,
    escapar_formula,
    libro_xlsx,
    respuesta_xlsx,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PAQUETE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TIPOS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def leer(contenido, **opciones):
    """El libro leído con openpyxl; cualquier aviso al leerlo es un error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return load_workbook(BytesIO(contenido), **opciones)


def filas(hoja):
    return [list(fila) for fila in hoja.iter_rows(values_only=True)]


def una_hoja(encabezados, *filas_):
    return leer(libro_xlsx([("Datos", encabezados, list(filas_))]))["Datos"]


def test_igual_que_un_libro_de_openpyxl():
    """Las mismas celdas que un libro armado con openpyxl, con las fórmulas escapadas."""
    hojas = [
        (
            "Una hoja con un título muy largo que pasa de treinta y un caracteres",
            ["Texto", "Entero", "Decimal", "Vacío", "Fórmula", "Fecha"],
            [
                [
                    "Acentos: «ñ» & <b>",
                    3,
                    Decimal("12.50"),
                    None,
                    "=HYPERLINK(1)",
                    date(2026, 3, 1),
                ],
                ["@SUMA(A1)", -4, 0.25, "", "-2+3", datetime(2026, 3, 1, 9, 30)],
            ],
        ),
        ("Otra", ["A"], [[f"fila {i}"] for i in range(3)]),
    ]
    referencia = Workbook()
    referencia.remove(referencia.active)
    for titulo, encabezados, filas_ in hojas:
        hoja = referencia.create_sheet(titulo[:31])
        hoja.append(encabezados)
        for fila in filas_:
            hoja.append([None if v == "" else escapar_formula(v) for v in fila])
    guardado = BytesIO()
    referencia.save(guardado)
    referencia = leer(guardado.getvalue())

    rapido = leer(libro_xlsx(hojas))
    assert rapido.sheetnames == referencia.sheetnames
    for nombre in referencia.sheetnames:
        assert filas(rapido[nombre]) == filas(referencia[nombre])
    assert filas(rapido.worksheets[0])[1] == [
        "Acentos: «ñ» & <b>",
        3,
        12.5,
        None,
        "'=HYPERLINK(1)",
        datetime(2026, 3, 1),
    ]
    assert rapido.worksheets[0]["A1"].font.b


def test_tipos_y_valores():
    hoja = una_hoja(
        ["Texto", "Entero", "Real", "Decimal", "Sí", "No", "Nada", "Vacío", "Fecha", "Cero"],
        ["hola", 42, 2.5, Decimal("12.50"), True, False, None, "", date(2026, 3, 10), 0],
        ["  con espacios  ", -7, -0.125, Decimal("-3.1416"), 1, 0.0, None, None, None, -0.0],
    )
    tipos = [(c.value, c.data_type) for c in hoja[2]]
    assert tipos == [
        ("hola", "s"),
        (42, "n"),
        (2.5, "n"),
        (12.5, "n"),
        (True, "b"),
        (False, "b"),
        (None, "n"),
        (None, "n"),
        (datetime(2026, 3, 10), "d"),
        (0, "n"),
    ]
    assert type(hoja["B2"].value) is int and type(hoja["C2"].value) is float
    assert type(hoja["E2"].value) is bool and type(hoja["E3"].value) is int
    assert hoja["I2"].number_format == FORMATO_FECHA == "dd/mm/yyyy"
    assert hoja["A2"].number_format == "General" and not hoja["A2"].font.b
    assert filas(hoja)[2] == ["  con espacios  ", -7, -0.125, -3.1416, 1, 0, None, None, None, 0]


def test_fechas_y_horas(settings):
    settings.TIME_ZONE = "America/Mexico_City"
    utc = UTC
    hoja = una_hoja(
        ["Sin zona", "Con zona", "Medianoche local", "Hora", "Antigua", "Bisiesto de Excel"],
        [
            datetime(2026, 3, 10, 13, 45, 30),
            datetime(2026, 3, 10, 18, 15, tzinfo=utc),  # 12:15 en la Ciudad de México
            datetime(2026, 1, 2, 6, 0, tzinfo=utc),
            time(8, 30),
            date(1899, 12, 1),
            date(1900, 2, 28),
        ],
        [date(1900, 3, 1), datetime(2026, 7, 1, 0, 0, 0, 500_000), None, None, None, None],
    )
    assert hoja["A2"].value == datetime(2026, 3, 10, 13, 45, 30)
    assert hoja["B2"].value == datetime(2026, 3, 10, 12, 15)
    assert hoja["C2"].value == datetime(2026, 1, 2)
    assert {hoja[c].number_format for c in ("A2", "B2", "C2")} == {FORMATO_FECHA_HORA}
    assert hoja["D2"].value == time(8, 30) and hoja["D2"].is_date
    # Excel no tiene fechas antes de 1900: se escriben como texto con el mismo formato.
    assert (hoja["E2"].value, hoja["E2"].data_type) == ("01/12/1899", "s")
    assert hoja["F2"].value == datetime(1900, 2, 28)
    assert hoja["A3"].value == datetime(1900, 3, 1)
    assert hoja["A3"].number_format == FORMATO_FECHA
    assert abs(hoja["B3"].value - datetime(2026, 7, 1, 0, 0, 0, 500_000)) < timedelta(
        milliseconds=1
    )


def test_numeros_que_no_son_numeros():
    """NaN queda vacía e infinito como texto: nunca un <v> que Excel no entiende."""
    hoja = una_hoja(
        ["a", "b", "c", "d", "e", "f"],
        [
            float("nan"),
            float("inf"),
            float("-inf"),
            Decimal("NaN"),
            Decimal("-Infinity"),
            10**400,
        ],
    )
    valores = filas(hoja)[1]
    assert valores[0] is None and valores[3] is None
    # Como todo texto: el signo menos inicial lleva apóstrofo.
    assert valores[1:3] == ["inf", "'-inf"]
    assert valores[4] == "'-Infinity"
    assert valores[5] == str(10**400)
    assert all(c.data_type in ("s", "n") for c in hoja[2])
    assert not any(isinstance(v, float) and math.isnan(v) for v in valores)


@pytest.mark.parametrize(
    "texto", ["=1+1", "+A1", "-2", "@SUMA(A1)", "\tA1", "\r=1", "=HYPERLINK(1)"]
)
def test_formulas_escapadas(texto):
    hoja = una_hoja(["Celda"], [texto])
    celda = hoja["A2"]
    assert celda.value == "'" + texto
    assert celda.data_type == "s"


def test_ninguna_formula_ni_en_encabezados():
    hoja = una_hoja(["=CABECERA()", "-x"], ["=1+1", "ok"], ["\x00=2", "@A"])
    celdas = [c for fila in hoja.iter_rows() for c in fila]
    assert not any(c.data_type == "f" for c in celdas)
    assert filas(hoja) == [["'=CABECERA()", "'-x"], ["'=1+1", "ok"], ["'=2", "'@A"]]


def test_quita_caracteres_de_control():
    hoja = una_hoja(
        ["A", "B", "C"],
        ["uno\x01dos\x0btres\ncuatro\tcinco", "\x00\x07\x1f", "\ud800mal\ufffe\uffffsustituto"],
    )
    assert filas(hoja)[1] == ["unodostres\ncuatro\tcinco", None, "malsustituto"]


def test_retorno_de_carro_se_conserva():
    assert una_hoja(["A"], ["uno\r\ndos"])["A2"].value == "uno\r\ndos"


def test_caracteres_xml_especiales_intactos():
    especial = "a & b < c > d \"e\" 'f' ]]> &amp; <![CDATA[x]]> «ñ» 😀 中文"
    libro = leer(libro_xlsx([('Hoja "A" & <B>', [especial], [[especial, "<v>1</v>"]])]))
    assert libro.sheetnames == ['Hoja "A" & <B>']
    assert filas(libro.active) == [[especial, None], [especial, "<v>1</v>"]]


def test_largo_maximo_de_celda():
    hoja = una_hoja(["A", "B", "C"], ["x" * 40_000, "😀" * 20_000, "y" * 32_767])
    assert hoja["A2"].value == "x" * 32_767
    # Excel cuenta unidades UTF-16: cada emoji son dos.
    assert hoja["B2"].value == "😀" * 16_383
    assert hoja["C2"].value == "y" * 32_767


def test_encabezados_en_negritas_y_anchos():
    hoja = una_hoja(
        ["Corto", "Un encabezado bastante más largo", "x" * 100, 7, date(2026, 1, 1)],
        ["dato", 1, 2, 3, 4],
    )
    assert all(c.font.b for c in hoja[1])
    assert not any(c.font.b for c in hoja[2])
    assert hoja["D1"].value == 7
    assert hoja["E1"].value == datetime(2026, 1, 1) and hoja["E1"].number_format == FORMATO_FECHA
    anchos = {letra: hoja.column_dimensions[letra].width for letra in "ABCDE"}
    assert anchos == {
        "A": 14,
        "B": len("Un encabezado bastante más largo") + 4,
        "C": 60,
        "D": 14,
        "E": 14,
    }


def test_varias_hojas_con_titulos_largos_repetidos_y_prohibidos():
    largo = "Un título muy largo que pasa de treinta y un caracteres"
    hojas = [
        (largo, ["A"], [[1]]),
        (largo, ["A"], [[2]]),
        (largo.upper(), ["A"], [[3]]),
        ("Año [2026]: a/b\\c*d?", ["A"], [[4]]),
        ("", ["A"], [[5]]),
        ("'Citada'", ["A"], [[6]]),
        ("History", ["A"], [[7]]),
    ]
    libro = leer(libro_xlsx(hojas))
    assert libro.sheetnames == [
        largo[:31],
        largo[:27] + " (2)",
        largo.upper()[:27] + " (3)",
        "Año 2026 abcd",
        "Hoja5",
        "Citada",
        "History (2)",
    ]
    assert all(len(nombre) <= 31 for nombre in libro.sheetnames)
    assert len({n.casefold() for n in libro.sheetnames}) == len(hojas)
    assert [hoja["A2"].value for hoja in libro.worksheets] == [1, 2, 3, 4, 5, 6, 7]


def test_hoja_sin_filas_y_filas_de_generador():
    def generador():
        yield ("tupla", 1)
        yield ["lista", 2]

    libro = leer(libro_xlsx([("Vacía", [], []), ("Generada", ("A", "B"), generador())]))
    assert filas(libro["Vacía"]) == []
    assert filas(libro["Generada"]) == [["A", "B"], ["tupla", 1], ["lista", 2]]


def test_filas_mas_anchas_que_los_encabezados():
    hoja = una_hoja(["A"], ["a", "b", *[None] * 25, "ab"])
    assert hoja["AB2"].value == "ab"


def test_muchas_filas():
    """50,000 filas × 10 columnas se escriben y se leen completas."""

    def generar():
        for i in range(50_000):
            yield [
                i,
                f"texto {i}",
                i / 4,
                Decimal(i),
                date(2026, 1, 1 + i % 28),
                None,
                "=x",
                True,
                "",
                i,
            ]

    contenido = libro_xlsx([("Muchas", [f"C{i}" for i in range(10)], generar())])
    libro = leer(contenido, read_only=True)
    leidas = list(libro["Muchas"].iter_rows(values_only=True))
    assert len(leidas) == 1 + 50_000
    assert list(leidas[-1]) == [
        49_999,
        "texto 49999",
        49_999 / 4,
        49_999,
        datetime(2026, 1, 1 + 49_999 % 28),
        None,
        "'=x",
        True,
        None,
        49_999,
    ]
    libro.close()


def test_ooxml_valido():
    """Cada parte es XML bien formado, declarada en [Content_Types].xml y enlazada."""
    contenido = libro_xlsx(
        [("Uno", ["A", "B"], [[date(2026, 1, 1), "x"]]), ("Dos", ["A"], [[datetime(2026, 1, 1)]])]
    )
    with zipfile.ZipFile(BytesIO(contenido)) as archivo:
        assert archivo.testzip() is None
        nombres = archivo.namelist()
        assert nombres[0] == "[Content_Types].xml"
        partes = {n: ElementTree.fromstring(archivo.read(n)) for n in nombres}
        for nombre in nombres:
            assert archivo.read(nombre).startswith(b'<?xml version="1.0" encoding="UTF-8"')

    tipos = partes["[Content_Types].xml"]
    extensiones = {d.get("Extension") for d in tipos.iter(f"{TIPOS}Default")}
    declaradas = {o.get("PartName") for o in tipos.iter(f"{TIPOS}Override")}
    assert {"rels", "xml"} <= extensiones
    assert {"/" + n for n in nombres if not n.endswith(".rels")} - {"/[Content_Types].xml"} == (
        declaradas
    )

    def destinos(rels, base):
        return {
            r.get("Type").rsplit("/", 1)[1]: posixpath.normpath(
                posixpath.join(base, r.get("Target"))
            )
            for r in partes[rels].iter(f"{PAQUETE}Relationship")
        }

    assert destinos("_rels/.rels", "") == {"officeDocument": "xl/workbook.xml"}
    relaciones = list(partes["xl/_rels/workbook.xml.rels"].iter(f"{PAQUETE}Relationship"))
    ids = {r.get("Id"): posixpath.join("xl", r.get("Target")) for r in relaciones}
    assert set(ids.values()) <= set(nombres)
    assert "xl/styles.xml" in ids.values()
    R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    hojas = list(partes["xl/workbook.xml"].iter(f"{MAIN}sheet"))
    assert [ids[h.get(f"{R}id")] for h in hojas] == [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
    ]
    assert len({h.get("sheetId") for h in hojas}) == 2

    estilos = partes["xl/styles.xml"]
    formatos = {int(f.get("numFmtId")): f.get("formatCode") for f in estilos.iter(f"{MAIN}numFmt")}
    assert all(i >= 164 for i in formatos)
    assert FORMATO_FECHA in formatos.values()
    xfs = list(estilos.find(f"{MAIN}cellXfs"))
    assert int(estilos.find(f"{MAIN}cellXfs").get("count")) == len(xfs)
    for xf in xfs:
        if int(xf.get("numFmtId")) in formatos:
            assert xf.get("applyNumberFormat") == "1"
        if xf.get("fontId") != "0":
            assert xf.get("applyFont") == "1"
    for seccion in ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellStyles"):
        nodo = estilos.find(f"{MAIN}{seccion}")
        assert int(nodo.get("count")) == len(nodo)
    # Los estilos de las celdas existen.
    hoja = partes["xl/worksheets/sheet1.xml"]
    usados = {int(c.get("s", 0)) for c in hoja.iter(f"{MAIN}c")}
    assert max(usados) < len(xfs)
    fecha = next(c for c in hoja.iter(f"{MAIN}c") if c.get("r") == "A2")
    assert formatos[int(xfs[int(fecha.get("s"))].get("numFmtId"))] == FORMATO_FECHA


def test_respuesta_xlsx():
    respuesta = respuesta_xlsx([("H", ["A"], [[1]])], "archivo.xlsx")
    assert respuesta["Content-Type"] == TIPO_XLSX
    assert respuesta["Content-Disposition"] == 'attachment; filename="archivo.xlsx"'
    assert filas(leer(respuesta.content)["H"]) == [["A"], [1]]


def test_celda_de_otro_tipo_como_texto():
    class Cosa:
        def __str__(self):
            return "=cosa & <otra>"

    assert una_hoja(["A"], [Cosa()])["A2"].value == "'=cosa & <otra>"


def test_solo_lectura_conoce_el_ancho_de_la_hoja():
    """Con <dimension>, openpyxl en modo de solo lectura completa las filas cortas."""
    contenido = libro_xlsx([("H", ["A", "B", "C"], [["x", "", None], [1], []])])
    libro = leer(contenido, read_only=True)
    assert libro["H"].calculate_dimension() == "A1:C4"
    assert list(libro["H"].iter_rows(values_only=True)) == [
        ("A", "B", "C"),
        ("x", None, None),
        (1, None, None),
        (None, None, None),
    ]
    libro.close()
