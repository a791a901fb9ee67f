import xml.etree.ElementTree as ET

import pytest

from uig_portal.lib.graficas import (
    Barra,
    formato_porcentaje,
    grafica_barras_horizontales,
    grafica_serie,
)

SVG = "{http://www.w3.org/2000/svg}"


def leer(svg):
    """Falla si el marcado no es XML bien formado."""
    return ET.fromstring(str(svg))


def textos(raiz):
    return ["".join(t.itertext()) for t in raiz.iter(f"{SVG}text")]


def test_porcentaje_con_espacio_duro_y_sin_decimales_de_sobra():
    assert formato_porcentaje(50) == "50\u00a0%"
    assert formato_porcentaje(37.46) == "37.5\u00a0%"
    assert formato_porcentaje(0) == "0\u00a0%"


@pytest.mark.parametrize("tipo", ["area", "barras"])
def test_serie_es_svg_accesible_con_fuente_explicita(tipo):
    raiz = leer(
        grafica_serie(
            ["ene 2026", "feb 2026", "mar 2026"],
            [25, 25, 50],
            titulo="Avance mensual",
            descripcion="De enero a marzo",
            tipo=tipo,
            maximo=100,
            formato=formato_porcentaje,
        )
    )
    assert raiz.tag == f"{SVG}svg"
    assert raiz.get("role") == "img"
    assert raiz.get("aria-label") == "Avance mensual"
    assert raiz.find(f"{SVG}title").text == "Avance mensual"
    assert raiz.find(f"{SVG}desc").text == "De enero a marzo"
    assert "Noto Sans" in raiz.get("font-family")
    assert raiz.get("viewBox") == "0 0 720 260"
    todos = textos(raiz)
    assert "mar 2026" in todos
    assert "100\u00a0%" in todos  # el tope del eje
    assert "50\u00a0%" in todos  # el último valor, resaltado


def test_serie_escapa_etiquetas_y_titulo():
    raiz = leer(
        grafica_serie(
            ["<script>", "A & B", 'comillas "x"'],
            [1, 2, 3],
            titulo="Títulos <b> & más",
        )
    )
    assert raiz.get("aria-label") == "Títulos <b> & más"
    assert raiz.find(f"{SVG}title").text == "Títulos <b> & más"
    assert {"<script>", "A & B", 'comillas "x"'} <= set(textos(raiz))
    marcado = str(grafica_serie(["<script>"], [1], titulo="x"))
    assert "<script>" not in marcado and "&lt;script&gt;" in marcado


def test_serie_con_muchos_meses_no_encima_etiquetas():
    etiquetas = [f"m{i}" for i in range(36)]
    raiz = leer(grafica_serie(etiquetas, list(range(36)), titulo="36 meses", max_etiquetas=12))
    del_eje = [t for t in textos(raiz) if t.startswith("m")]
    assert len(del_eje) == 12
    assert "m35" in del_eje  # la última siempre se escribe
    # Cada punto conserva su valor en un <title>, aunque su etiqueta no se escriba.
    assert len(list(raiz.iter(f"{SVG}circle"))) == 36


def test_serie_vacia_y_con_ceros():
    assert "Sin datos" in textos(leer(grafica_serie([], [], titulo="Nada")))
    raiz = leer(grafica_serie(["a", "b"], [0, 0], titulo="Ceros"))
    assert len(list(raiz.iter(f"{SVG}circle"))) == 2


def test_serie_rechaza_datos_incongruentes():
    with pytest.raises(ValueError):
        grafica_serie(["a"], [1, 2], titulo="x")
    with pytest.raises(ValueError):
        grafica_serie(["a"], [1], titulo="x", tipo="pastel")


@pytest.mark.parametrize("etiqueta_arriba", [False, True])
def test_barras_horizontales(etiqueta_arriba):
    raiz = leer(
        grafica_barras_horizontales(
            [
                Barra("Dependencia centralizada", 100, "1 de 1"),
                Barra("Sector <Salud> & Asistencia", 50, "1 de 2"),
                Barra("Órgano desconcentrado", 0, "0 de 1"),
            ],
            titulo="Avance por tipo",
            etiqueta_arriba=etiqueta_arriba,
        )
    )
    assert raiz.get("role") == "img" and raiz.get("aria-label") == "Avance por tipo"
    assert "DejaVu Sans" in raiz.get("font-family")
    filas = raiz.findall(f"{SVG}g")
    assert len(filas) == 3
    assert filas[1].find(f"{SVG}title").text == "Sector <Salud> & Asistencia: 50\u00a0% (1 de 2)"
    todos = textos(raiz)
    assert "Sector <Salud> & Asistencia" in todos
    assert "100\u00a0% (1 de 1)" in todos
    # Fondo de cada barra más el relleno de las que no son cero.
    rects = [r for fila in filas for r in fila.iter(f"{SVG}rect")]
    assert len(rects) == 3 + 2
    fondo, relleno = filas[1].findall(f"{SVG}rect")
    assert float(relleno.get("width")) == pytest.approx(float(fondo.get("width")) / 2)


def test_barras_recorta_etiquetas_largas_pero_guarda_el_texto_completo():
    larga = "Secretaría de Desarrollo Urbano, Vivienda y Ordenamiento Territorial"
    raiz = leer(grafica_barras_horizontales([Barra(larga, 10)], titulo="x", max_caracteres=20))
    assert any(t.endswith("…") and len(t) == 20 for t in textos(raiz))
    assert raiz.find(f"{SVG}g/{SVG}title").text.startswith(larga)


def test_barras_sin_datos():
    assert "Sin datos" in textos(leer(grafica_barras_horizontales([], titulo="Nada")))
