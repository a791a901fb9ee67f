"""Corpus de libros XLSForm reales (tests/datos/xlsform_reales).

Cada libro está en la carpeta, figura en ORIGEN.md con su origen y su licencia (con el texto de
esa licencia en LICENCIAS/), el número de filas de la hoja `survey` coincide con lo declarado, y
pyxform, la implementación de referencia de XLSForm, lo convierte a XForm sin error. ORIGEN.md
nombra exactamente los archivos de la carpeta: ni libros sin origen ni filas sin libro.
"""

import re
import warnings
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

CARPETA = Path(__file__).resolve().parent.parent / "datos" / "xlsform_reales"
ORIGEN = CARPETA / "ORIGEN.md"
LICENCIAS = CARPETA / "LICENCIAS"

COLUMNAS = (
    "archivo",
    "repositorio",
    "ruta",
    "commit",
    "licencia",
    "texto de licencia",
    "idioma(s)",
    "filas de survey",
    "rasgos",
)
# Licencias permisivas que permiten redistribuir el archivo junto al código del portal
# (identificadores SPDX al inicio de la celda); las de reciprocidad (GPL, AGPL) no se admiten.
LICENCIAS_ADMITIDAS = (
    "MIT",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "Apache-2.0",
    "ISC",
    "CC0-1.0",
    "CC-BY-4.0",
)


def _sin_comillas(celda):
    return celda.strip().strip("`").strip()


def _filas_de_origen():
    """Las filas de la tabla de ORIGEN.md, como diccionarios columna → valor."""
    lineas = [
        linea.strip()
        for linea in ORIGEN.read_text(encoding="utf-8").splitlines()
        if linea.strip().startswith("|")
    ]
    cabecera = [c.strip() for c in lineas[0].strip("|").split("|")]
    assert tuple(cabecera) == COLUMNAS, cabecera
    filas = []
    for linea in lineas[2:]:  # cabecera y separador
        celdas = [c.strip() for c in linea.strip("|").split("|")]
        assert len(celdas) == len(COLUMNAS), linea
        filas.append(dict(zip(COLUMNAS, celdas, strict=True)))
    return filas


FILAS = _filas_de_origen()


def _filas_de_survey(ruta):
    """Filas con algún dato en la hoja `survey` (sin la cabecera), como las cuenta ORIGEN.md."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl avisa de estilos y encabezados que no usa
        libro = openpyxl.load_workbook(ruta, read_only=True)
    try:
        hoja = next(libro[n] for n in libro.sheetnames if n.strip().lower() == "survey")
        # Algunos libros declaran una dimensión de hoja entera (A1:AMJ1048576): se ignora.
        hoja.reset_dimensions()
        filas = hoja.iter_rows(values_only=True)
        next(filas)
        return sum(1 for fila in filas if any(v not in (None, "") for v in fila))
    finally:
        libro.close()


def test_origen_nombra_exactamente_los_archivos_de_la_carpeta():
    listados = [_sin_comillas(f["archivo"]) for f in FILAS]
    assert len(listados) == len(set(listados)), "archivo repetido en ORIGEN.md"
    en_carpeta = {p.name for p in CARPETA.iterdir() if p.is_file() and p.name != "ORIGEN.md"}
    assert set(listados) == en_carpeta
    assert len(listados) >= 10


def test_cada_texto_de_licencia_corresponde_a_algun_archivo():
    citados = {_sin_comillas(f["texto de licencia"]) for f in FILAS}
    presentes = {f"LICENCIAS/{p.name}" for p in LICENCIAS.iterdir() if p.is_file()}
    assert citados == presentes


def test_el_corpus_tiene_un_libro_grande_y_uno_en_espanol():
    assert max(int(f["filas de survey"]) for f in FILAS) > 300
    assert any("español" in f["idioma(s)"].lower() for f in FILAS)


@pytest.mark.parametrize("fila", FILAS, ids=lambda f: _sin_comillas(f["archivo"]))
def test_libro_con_origen_y_licencia(fila):
    ruta = CARPETA / _sin_comillas(fila["archivo"])
    assert ruta.is_file() and ruta.suffix in {".xlsx", ".xls"}
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", ruta.name), "nombre de archivo corto y ASCII"
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", fila["repositorio"]), fila["repositorio"]
    assert _sin_comillas(fila["ruta"])
    assert re.fullmatch(r"[0-9a-f]{40}", _sin_comillas(fila["commit"])), fila["commit"]
    assert fila["licencia"].startswith(LICENCIAS_ADMITIDAS), fila["licencia"]
    texto = CARPETA / _sin_comillas(fila["texto de licencia"])
    assert texto.is_file() and texto.stat().st_size > 0
    assert fila["idioma(s)"] and fila["rasgos"]
    assert _filas_de_survey(ruta) == int(fila["filas de survey"])


@pytest.mark.parametrize("fila", FILAS, ids=lambda f: _sin_comillas(f["archivo"]))
def test_pyxform_convierte_el_libro(fila):
    ruta = CARPETA / _sin_comillas(fila["archivo"])
    avisos = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        resultado = convert(xlsform=str(ruta), warnings=avisos)
    assert "<h:html" in resultado.xform
    assert "<h:body" in resultado.xform
