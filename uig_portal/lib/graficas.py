"""Gráficas en SVG generadas en el servidor: la misma figura en la página y en el PDF.

Python puro, sin JavaScript. Cada función devuelve el marcado de un `<svg>` listo para
insertarse en una plantilla (ya marcado como seguro) o en un PDF de WeasyPrint:

- todo texto que viene de datos se escapa (una etiqueta con «<» o «&» no rompe el XML);
- el `<svg>` lleva `role="img"`, `aria-label`, `<title>` y `<desc>`; los lectores de pantalla
  leen eso, y la página debe acompañar la gráfica con una tabla de los mismos datos;
- la fuente se nombra explícitamente: WeasyPrint no usa la misma fuente predeterminada que el
  navegador, y sin nombrarla las cifras del PDF cambian de ancho.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FUENTE = "Noto Sans, DejaVu Sans, Liberation Sans, Arial, sans-serif"
COLOR = "#5b2a86"
COLOR_SUAVE = "#e6ddf0"
COLOR_TEXTO = "#212529"
COLOR_TEXTO_SECUNDARIO = "#595959"
COLOR_REJILLA = "#d0d0d0"
ESPACIO_DURO = "\u00a0"


def formato_porcentaje(valor: float) -> str:
    """«50 %», «37.5 %»: sin decimales cuando no hacen falta y con espacio de no separación."""
    redondeado = round(float(valor), 1)
    texto = f"{redondeado:.0f}" if redondeado == int(redondeado) else f"{redondeado:.1f}"
    return f"{texto}{ESPACIO_DURO}%"


def formato_entero(valor: float) -> str:
    """«3,000»: separador de miles como se escribe en México."""
    return f"{round(valor):,}"


def _num(valor: float) -> str:
    """Coordenada compacta: dos decimales como máximo, sin ceros de sobra."""
    return f"{valor:.2f}".rstrip("0").rstrip(".")


def _ancho_texto(texto: str, tamano: float = 12) -> float:
    """Ancho aproximado de un texto en Noto Sans o DejaVu Sans (unos 0.6 em por carácter)."""
    return len(texto) * tamano * 0.6


def _recortar(texto: str, maximo: int) -> str:
    return texto if len(texto) <= maximo else texto[: maximo - 1].rstrip() + "…"


def _abrir_svg(ancho, alto, titulo, descripcion, clase):
    partes = [
        # Ancho 100 % hasta su tamaño de diseño; el alto sale de la proporción del viewBox.
        # (WeasyPrint deforma la combinación max-width: 100 % y height: auto).
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(clase)}" width="100%" '
        f'viewBox="0 0 {_num(ancho)} {_num(alto)}" style="display:block;max-width:{_num(ancho)}px" '
        f'role="img" aria-label="{escape(titulo)}" font-family="{FUENTE}" font-size="12" '
        f'fill="{COLOR_TEXTO}">',
        f"<title>{escape(titulo)}</title>",
    ]
    if descripcion:
        partes.append(f"<desc>{escape(descripcion)}</desc>")
    return partes


def _escala_maxima(valores: Sequence[float]) -> float:
    """Un tope «redondo» para el eje: 1, 2, 2.5 o 5 por una potencia de 10."""
    mayor = max(valores, default=0)
    if mayor <= 0:
        return 1
    potencia = 1
    while potencia * 10 <= mayor:
        potencia *= 10
    while potencia > mayor:
        potencia /= 10
    for factor in (1, 2, 2.5, 5, 10):
        if factor * potencia >= mayor:
            return factor * potencia
    return 10 * potencia


@dataclass(frozen=True)
class Barra:
    """Una categoría de la gráfica de barras horizontales."""

    etiqueta: str
    valor: float
    #: Texto al final de la barra además del valor, p. ej. «3 de 4».
    detalle: str = ""


def grafica_serie(
    etiquetas: Sequence[str],
    valores: Sequence[float],
    *,
    titulo: str,
    descripcion: str = "",
    tipo: str = "area",
    maximo: float | None = None,
    formato: Callable[[float], str] = formato_entero,
    ancho: int = 720,
    alto: int = 260,
    divisiones: int = 4,
    max_etiquetas: int = 12,
) -> SafeString:
    """Una serie en el tiempo (p. ej. mensual) como área con línea, o como columnas.

    `etiquetas` y `valores` van en orden; `maximo` fija el tope del eje (100 para
    porcentajes) y, si falta, se elige uno redondo. Con muchas etiquetas solo se escribe una
    de cada tantas (siempre la última), para que no se encimen.
    """
    if tipo not in ("area", "barras"):
        raise ValueError("tipo debe ser «area» o «barras»")
    if len(etiquetas) != len(valores):
        raise ValueError("etiquetas y valores deben tener la misma longitud")
    n = len(valores)
    tope = maximo if maximo else _escala_maxima(valores)

    izquierda, derecha, arriba, abajo = 52, 16, 22, 34
    ancho_util = ancho - izquierda - derecha
    alto_util = alto - arriba - abajo

    def y(valor):
        proporcion = min(max(valor / tope, 0), 1) if tope else 0
        return arriba + alto_util * (1 - proporcion)

    partes = _abrir_svg(ancho, alto, titulo, descripcion, f"grafica grafica-{tipo}")

    # Rejilla horizontal con sus valores.
    partes.append(f'<g stroke="{COLOR_REJILLA}" stroke-width="1">')
    for i in range(divisiones + 1):
        yy = _num(y(tope * i / divisiones))
        partes.append(f'<line x1="{izquierda}" y1="{yy}" x2="{ancho - derecha}" y2="{yy}"/>')
    partes.append("</g>")
    partes.append(f'<g font-size="11" fill="{COLOR_TEXTO_SECUNDARIO}" text-anchor="end">')
    for i in range(divisiones + 1):
        valor = tope * i / divisiones
        partes.append(
            f'<text x="{izquierda - 6}" y="{_num(y(valor) + 4)}">{escape(formato(valor))}</text>'
        )
    partes.append("</g>")

    if n == 0:
        partes.append(
            f'<text x="{_num(izquierda + ancho_util / 2)}" y="{_num(arriba + alto_util / 2)}" '
            f'text-anchor="middle" fill="{COLOR_TEXTO_SECUNDARIO}">Sin datos</text>'
        )
        partes.append("</svg>")
        return mark_safe("".join(partes))  # noqa: S308 - todo texto de datos va escapado

    paso = ancho_util / n
    centros = [izquierda + paso * (i + 0.5) for i in range(n)]

    if tipo == "barras":
        ancho_barra = max(paso * 0.7, 1)
        partes.append(f'<g fill="{COLOR}">')
        for x, etiqueta, valor in zip(centros, etiquetas, valores, strict=True):
            yy = y(valor)
            partes.append(
                f'<rect x="{_num(x - ancho_barra / 2)}" y="{_num(yy)}" '
                f'width="{_num(ancho_barra)}" height="{_num(arriba + alto_util - yy)}">'
                f"<title>{escape(etiqueta)}: {escape(formato(valor))}</title></rect>"
            )
        partes.append("</g>")
    else:
        puntos = [(x, y(v)) for x, v in zip(centros, valores, strict=True)]
        base = _num(arriba + alto_util)
        linea = " ".join(f"{_num(x)},{_num(yy)}" for x, yy in puntos)
        area = f"{_num(puntos[0][0])},{base} {linea} {_num(puntos[-1][0])},{base}"
        partes.append(f'<polygon points="{area}" fill="{COLOR_SUAVE}" stroke="none"/>')
        partes.append(
            f'<polyline points="{linea}" fill="none" stroke="{COLOR}" stroke-width="2.5" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
        )
        radio = 3 if n <= 24 else 2
        partes.append(f'<g fill="{COLOR}">')
        for (x, yy), etiqueta, valor in zip(puntos, etiquetas, valores, strict=True):
            partes.append(
                f'<circle cx="{_num(x)}" cy="{_num(yy)}" r="{radio}">'
                f"<title>{escape(etiqueta)}: {escape(formato(valor))}</title></circle>"
            )
        partes.append("</g>")

    # El último valor, escrito sobre su punto: es la cifra que se lee primero.
    x_final, y_final = centros[-1], y(valores[-1])
    partes.append(
        f'<text x="{_num(min(x_final, ancho - derecha))}" y="{_num(max(y_final - 8, 11))}" '
        f'text-anchor="end" font-weight="bold" fill="{COLOR}">'
        f"{escape(formato(valores[-1]))}</text>"
    )

    # Eje horizontal: una etiqueta de cada `cada`, contando desde la última hacia atrás.
    cada = max(1, -(-n // max_etiquetas))
    partes.append(f'<g font-size="11" fill="{COLOR_TEXTO_SECUNDARIO}" text-anchor="middle">')
    for i in range(n - 1, -1, -cada):
        # Centrada bajo su punto, pero sin salirse del dibujo por los lados.
        mitad = _ancho_texto(etiquetas[i], 11) / 2
        x = min(max(centros[i], mitad + 2), ancho - mitad - 2)
        partes.append(
            f'<text x="{_num(x)}" y="{_num(alto - abajo + 16)}">{escape(etiquetas[i])}</text>'
        )
    partes.append("</g>")
    partes.append(
        f'<line x1="{izquierda}" y1="{_num(arriba + alto_util)}" x2="{ancho - derecha}" '
        f'y2="{_num(arriba + alto_util)}" stroke="{COLOR_TEXTO_SECUNDARIO}" stroke-width="1"/>'
    )
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 - todo texto de datos va escapado


def grafica_barras_horizontales(
    barras: Sequence[Barra],
    *,
    titulo: str,
    descripcion: str = "",
    maximo: float = 100,
    formato: Callable[[float], str] = formato_porcentaje,
    ancho: int = 640,
    alto_fila: int = 28,
    ancho_etiqueta: int = 210,
    ancho_valor: int | None = None,
    max_caracteres: int | None = None,
    etiqueta_arriba: bool = False,
) -> SafeString:
    """Una barra por categoría (p. ej. % por tipo o por sector) sobre un fondo hasta `maximo`.

    Con `etiqueta_arriba` cada etiqueta va en su propio renglón sobre la barra: sirve en
    pantallas angostas. Las etiquetas largas se recortan con «…» y el texto completo queda en
    el `<title>` de la fila (el navegador lo muestra al pasar el puntero).
    """
    arriba, abajo = 6, 6
    textos_valor = [formato(b.valor) + (f" ({b.detalle})" if b.detalle else "") for b in barras]
    if ancho_valor is None:
        # Lo justo para el texto más largo («100 % (1,234 de 1,234)»), sin cortarlo.
        ancho_valor = round(max(map(_ancho_texto, textos_valor), default=0)) + 12
    renglon_etiqueta = 16 if etiqueta_arriba else 0
    x_barra = 0 if etiqueta_arriba else ancho_etiqueta
    ancho_barra = max(ancho - x_barra - ancho_valor, 10)
    if max_caracteres is None:
        # Unos 6.5 px por carácter a 12 px de Noto Sans o DejaVu Sans.
        max_caracteres = max(int((ancho if etiqueta_arriba else ancho_etiqueta - 10) / 6.5), 8)
    alto_total_fila = alto_fila + renglon_etiqueta
    alto = arriba + abajo + alto_total_fila * max(len(barras), 1)
    grueso = round(alto_fila * 0.6)

    partes = _abrir_svg(ancho, alto, titulo, descripcion, "grafica grafica-barras-horizontales")
    if not barras:
        partes.append(
            f'<text x="{_num(ancho / 2)}" y="{_num(alto / 2 + 4)}" text-anchor="middle" '
            f'fill="{COLOR_TEXTO_SECUNDARIO}">Sin datos</text></svg>'
        )
        return mark_safe("".join(partes))  # noqa: S308 - todo texto de datos va escapado

    for i, (barra, texto_valor) in enumerate(zip(barras, textos_valor, strict=True)):
        tope_fila = arriba + alto_total_fila * i
        centro = tope_fila + renglon_etiqueta + alto_fila / 2
        proporcion = min(max(barra.valor / maximo, 0), 1) if maximo else 0
        valor = formato(barra.valor)
        etiqueta = escape(_recortar(barra.etiqueta, max_caracteres))
        partes.append("<g>")
        partes.append(f"<title>{escape(barra.etiqueta)}: {escape(texto_valor)}</title>")
        if etiqueta_arriba:
            partes.append(f'<text x="0" y="{_num(tope_fila + 13)}">{etiqueta}</text>')
        else:
            partes.append(
                f'<text x="{x_barra - 8}" y="{_num(centro + 4)}" text-anchor="end">'
                f"{etiqueta}</text>"
            )
        partes.append(
            f'<rect x="{x_barra}" y="{_num(centro - grueso / 2)}" width="{ancho_barra}" '
            f'height="{grueso}" fill="{COLOR_SUAVE}"/>'
        )
        if proporcion > 0:
            partes.append(
                f'<rect x="{x_barra}" y="{_num(centro - grueso / 2)}" '
                f'width="{_num(ancho_barra * proporcion)}" height="{grueso}" fill="{COLOR}"/>'
            )
        detalle = (
            f'<tspan fill="{COLOR_TEXTO_SECUNDARIO}"> ({escape(barra.detalle)})</tspan>'
            if barra.detalle
            else ""
        )
        partes.append(
            f'<text x="{x_barra + ancho_barra + 8}" y="{_num(centro + 4)}">'
            f'<tspan font-weight="bold">{escape(valor)}</tspan>{detalle}</text>'
        )
        partes.append("</g>")
    partes.append("</svg>")
    return mark_safe("".join(partes))  # noqa: S308 - todo texto de datos va escapado
