"""Hojas de cálculo que salen del portal: XLSX y CSV sin fórmulas ejecutables.

Una celda que empieza con =, +, -, @, tabulador, retorno o nulo se interpreta como fórmula en
Excel; se antepone un apóstrofo para que se muestre como texto (ASVS 5.0 1.2.10).

`libro_xlsx` escribe el XLSX (OOXML) directamente: XML de texto en línea (sin tabla de textos
compartidos) comprimido conforme se generan las filas. openpyxl, aun en modo de solo escritura,
arma un elemento XML por celda y con cientos de miles de filas tarda minutos; así es unas diez
veces más rápido y las filas no se guardan en memoria.
"""

import csv
import io
import logging
import math
import re
import shutil
import tempfile
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

logger = logging.getLogger(__name__)

INICIOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r", "\0")
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Lo que XML 1.0 no admite: caracteres de control (salvo tab, salto y retorno), sustitutos
#: sueltos (no se pueden codificar en UTF-8) y U+FFFE, U+FFFF.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Límites de Excel: caracteres por celda (en unidades UTF-16) y por título de hoja.
LARGO_CELDA = 32767
LARGO_TITULO = 31
#: Caracteres que Excel no admite en el título de una hoja.
PROHIBIDOS_TITULO = re.compile(r"[\[\]:*?/\\]")
FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_FECHA_HORA = "dd/mm/yyyy hh:mm"
FORMATO_HORA = "hh:mm"


def escapar_formula(valor):
    if isinstance(valor, str) and valor.startswith(INICIOS_PELIGROSOS):
        return "'" + valor
    return valor


# --- Escritura del XLSX ----------------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PAQUETE = "http://schemas.openxmlformats.org/package/2006/relationships"
_TIPO = "application/vnd.openxmlformats-officedocument.spreadsheetml"

#: Estilos (índices de cellXfs): normal o negrita (+4) por formato numérico.
_GENERAL, _FECHA, _FECHA_HORA, _HORA = 0, 1, 2, 3
_NEGRITA = 4
_FORMATOS = ((164, FORMATO_FECHA), (165, FORMATO_FECHA_HORA), (166, FORMATO_HORA))


def _xf(fuente, formato):
    aplica = ' applyFont="1"' if fuente else ""
    if formato:
        aplica += ' applyNumberFormat="1"'
    return f'<xf numFmtId="{formato}" fontId="{fuente}" fillId="0" borderId="0" xfId="0"{aplica}/>'


_ESTILOS = (
    _XML + f'<styleSheet xmlns="{_NS_MAIN}">'
    f'<numFmts count="{len(_FORMATOS)}">'
    + "".join(f'<numFmt numFmtId="{i}" formatCode="{codigo}"/>' for i, codigo in _FORMATOS)
    + "</numFmts>"
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="8">'
    + "".join(_xf(fuente, formato) for fuente in (0, 1) for formato in (0, 164, 165, 166))
    + "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0"/>'
    "</styleSheet>"
)
_RELS = (
    _XML + f'<Relationships xmlns="{_NS_PAQUETE}">'
    f'<Relationship Id="rId1" Type="{_NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def _tipos_contenido(n_hojas):
    hojas = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_TIPO}.worksheet+xml"/>'
        for n in range(1, n_hojas + 1)
    )
    return (
        _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TIPO}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TIPO}.styles+xml"/>'
        f"{hojas}</Types>"
    )


def _libro(titulos):
    hojas = "".join(
        f'<sheet name="{_escapar(titulo, atributo=True)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, titulo in enumerate(titulos, start=1)
    )
    return (
        _XML + f'<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{hojas}</sheets></workbook>"
    )


def _rels_libro(n_hojas):
    hojas = "".join(
        f'<Relationship Id="rId{n}" Type="{_NS_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, n_hojas + 1)
    )
    return (
        _XML + f'<Relationships xmlns="{_NS_PAQUETE}">{hojas}'
        f'<Relationship Id="rId{n_hojas + 1}" Type="{_NS_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _escapar(texto, atributo=False):
    texto = texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if atributo:
        texto = texto.replace('"', "&quot;")
    # Un retorno suelto se volvería salto de línea al leer el XML.
    return texto.replace("\r", "&#13;")


def _recortar(texto, limite):
    """`texto` con a lo más `limite` unidades UTF-16 (como cuenta Excel), sin partir pares."""
    if len(texto) <= limite // 2:
        return texto
    unidades = 0
    for indice, caracter in enumerate(texto):
        unidades += 2 if ord(caracter) > 0xFFFF else 1
        if unidades > limite:
            return texto[:indice]
    return texto


def _texto(valor):
    """El XML de una celda de texto, o "" si después de limpiarlo queda vacía."""
    texto = CONTROL.sub("", valor)
    if texto.startswith(INICIOS_PELIGROSOS):
        texto = "'" + texto
    texto = _recortar(texto, LARGO_CELDA)
    if not texto:
        return ""
    return f' t="inlineStr"><is><t xml:space="preserve">{_escapar(texto)}</t></is></c>'


def _numero(texto):
    return f"><v>{texto}</v></c>"


_EPOCA = date(1899, 12, 30)
_PRIMER_DIA = date(1900, 3, 1)  # Antes, Excel cuenta un 29/02/1900 que no existió.


def _serie(dia):
    dias = (dia - _EPOCA).days
    return dias if dia >= _PRIMER_DIA else dias - 1


def _hora(valor):
    return (valor.hour * 3600 + valor.minute * 60 + valor.second + valor.microsecond / 1e6) / 86400


def _celda(valor, negrita):
    """El XML de una celda sin la apertura `<c r="A1"`, o "" para dejarla vacía."""
    estilo = _NEGRITA if negrita else _GENERAL
    if isinstance(valor, str):
        resultado = _texto(valor)
        return f' s="{estilo}"{resultado}' if resultado and estilo else resultado
    if valor is None:
        return ""
    if isinstance(valor, bool):
        resultado = f' t="b"><v>{int(valor)}</v></c>'
    elif isinstance(valor, int):
        # Más allá del rango de un double, Excel no lo entendería como número.
        if -1e308 < valor < 1e308:
            resultado = _numero(int.__repr__(valor))
        else:
            return _celda(str(valor), negrita)
    elif isinstance(valor, float):
        if not math.isfinite(valor):
            return "" if math.isnan(valor) else _celda(str(valor), negrita)
        resultado = _numero(repr(valor))
    elif isinstance(valor, Decimal):
        if valor.is_nan():
            return ""
        flotante = float(valor)
        if not math.isfinite(flotante):
            return _celda(str(valor), negrita)
        resultado = _numero(repr(flotante))
    elif isinstance(valor, datetime):
        if timezone.is_aware(valor):
            valor = timezone.localtime(valor)
        if valor.year < 1900:
            return _celda(f"{valor.day:02d}/{valor.month:02d}/{valor.year:04d}", negrita)
        resultado = _numero(repr(_serie(valor.date()) + _hora(valor)))
        estilo += _FECHA_HORA
    elif isinstance(valor, date):
        if valor.year < 1900:
            return _celda(f"{valor.day:02d}/{valor.month:02d}/{valor.year:04d}", negrita)
        resultado = _numero(str(_serie(valor)))
        estilo += _FECHA
    elif isinstance(valor, time):
        resultado = _numero(repr(_hora(valor)))
        estilo += _HORA
    else:
        # Textos perezosos de traducción, enumeraciones y cualquier otro objeto: como texto.
        return _celda(str(valor), negrita)
    return f' s="{estilo}"{resultado}' if estilo else resultado


def _fila(numero, valores, letras, negrita=False):
    partes = [f'<row r="{numero}">']
    agregar = partes.append
    for indice, valor in enumerate(valores):
        if valor is None or valor == "":
            continue
        # Los casos más comunes en línea: con millones de celdas, cada llamada cuenta.
        tipo = type(valor)
        if tipo is str and not negrita:
            resto = _texto(valor)
        elif tipo is int and not negrita and -1e308 < valor < 1e308:
            resto = f"><v>{valor}</v></c>"
        else:
            resto = _celda(valor, negrita)
        if not resto:
            continue
        if indice >= len(letras):
            letras.extend(get_column_letter(i + 1) for i in range(len(letras), indice + 1))
        agregar(f'<c r="{letras[indice]}{numero}"{resto}')
    agregar("</row>")
    return "".join(partes)


def _titulos(hojas):
    """Títulos válidos para Excel: sin []:*?/\\ ni apóstrofo en los extremos, de 1 a 31
    caracteres y sin repetirse (Excel no distingue mayúsculas)."""
    usados = set()
    titulos = []
    for numero, (titulo, *_resto) in enumerate(hojas, start=1):
        base = CONTROL.sub("", PROHIBIDOS_TITULO.sub("", str(titulo or "")))
        base = " ".join(base.split()).strip("'")
        base = _recortar(base, LARGO_TITULO).strip() or f"Hoja{numero}"
        candidato, copia = base, 1
        while candidato.casefold() in usados or candidato.casefold() == "history":
            copia += 1
            sufijo = f" ({copia})"
            candidato = _recortar(base, LARGO_TITULO - len(sufijo)).rstrip() + sufijo
        usados.add(candidato.casefold())
        titulos.append(candidato)
    return titulos


def _anchos(encabezados):
    return "".join(
        f'<col min="{i}" max="{i}" width="{min(max(len(str(e or "")), 10) + 4, 60)}" '
        'customWidth="1"/>'
        for i, e in enumerate(encabezados, start=1)
    )


def libro_xlsx(hojas):
    """Bytes de un XLSX. `hojas` es una lista de (título, encabezados, filas).

    Encabezados en negritas y ancho de columna según su largo. Textos con `escapar_formula`, sin
    caracteres que XML no admite y recortados a 32,767 caracteres; fechas como fecha de Excel
    con formato dd/mm/yyyy (las horas con zona, en la hora local); None y "" dejan la celda
    vacía. Las filas pueden ser un generador: se escriben conforme llegan.
    """
    hojas = list(hojas)
    titulos = _titulos(hojas)
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archivo:
        archivo.writestr("[Content_Types].xml", _tipos_contenido(len(hojas)))
        archivo.writestr("_rels/.rels", _RELS)
        archivo.writestr("xl/workbook.xml", _libro(titulos))
        archivo.writestr("xl/_rels/workbook.xml.rels", _rels_libro(len(hojas)))
        archivo.writestr("xl/styles.xml", _ESTILOS)
        for numero, (_titulo, encabezados, filas) in enumerate(hojas, start=1):
            _hoja(archivo, numero, list(encabezados), filas)
    return salida.getvalue()


def _hoja(archivo, numero, encabezados, filas):
    """Escribe xl/worksheets/sheet{numero}.xml.

    Las filas van primero a un archivo temporal: el elemento <dimension> (que los lectores en
    modo de solo lectura, como openpyxl, usan para saber el ancho de la hoja) va antes de los
    datos y solo se conoce al terminar.
    """
    letras = [get_column_letter(i + 1) for i in range(len(encabezados))]
    renglon = 1
    with tempfile.TemporaryFile() as temporal:
        bloque = [_fila(1, encabezados, letras, negrita=True)]
        for renglon, fila in enumerate(filas, start=2):
            bloque.append(_fila(renglon, fila, letras))
            if len(bloque) >= 2000:
                temporal.write("".join(bloque).encode())
                bloque = []
        temporal.write("".join(bloque).encode())
        temporal.seek(0)
        dimension = f"A1:{letras[-1]}{renglon}" if letras else "A1"
        anchos = _anchos(encabezados)
        vista = ' tabSelected="1"' if numero == 1 else ""
        with archivo.open(f"xl/worksheets/sheet{numero}.xml", "w") as hoja:
            hoja.write(
                (
                    _XML + f'<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
                    f'<dimension ref="{dimension}"/>'
                    f'<sheetViews><sheetView workbookViewId="0"{vista}/></sheetViews>'
                    '<sheetFormatPr defaultRowHeight="15"/>'
                    + (f"<cols>{anchos}</cols>" if anchos else "")
                    + "<sheetData>"
                ).encode()
            )
            shutil.copyfileobj(temporal, hoja, 1 << 20)
            hoja.write(b"</sheetData></worksheet>")


def respuesta_xlsx(hojas, nombre_archivo):
    respuesta = HttpResponse(libro_xlsx(hojas), content_type=TIPO_XLSX)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre_archivo}"'
    return respuesta


def respuesta_csv(encabezados, filas, nombre_archivo):
    """CSV en UTF-8 con BOM, para que Excel en español muestre bien los acentos."""
    salida = io.StringIO()
    salida.write("\ufeff")
    escritor = csv.writer(salida)
    escritor.writerow(encabezados)
    for fila in filas:
        escritor.writerow([escapar_formula(v) if isinstance(v, str) else v for v in fila])
    respuesta = HttpResponse(salida.getvalue(), content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre_archivo}"'
    return respuesta


# --- Lectura de un XLSX subido ---------------------------------------------------------------

#: Límites de un libro subido antes de descomprimirlo (contra zip bombs).
DESCOMPRIMIDO_MAXIMO = 50 * 1024 * 1024
ENTRADAS_MAXIMAS = 1_000


def libro_ilegible(nombre):
    """El error de un archivo que no se puede leer como libro de Excel."""
    return ValidationError(
        _(
            "No se pudo leer «%(nombre)s» como libro de Excel: está dañado o no es un .xlsx. "
            "Ábralo en Excel y guárdelo de nuevo como «Libro de Excel (.xlsx)»."
        )
        % {"nombre": nombre},
        code="danado",
    )


def leer_xlsx(archivo, nombre, procesar, *, consejo=""):
    """`procesar(libro)` sobre un XLSX subido abierto en solo lectura, con las defensas comunes.

    Un XLSX es un zip: se revisan sus entradas antes de descomprimir nada (zipfile nunca
    entrega más bytes que el tamaño declarado de cada entrada, así que basta con sumarlos).
    openpyxl usa defusedxml, que rechaza entidades XML maliciosas. Cualquier falla de lectura,
    también dentro de `procesar`, es el ValidationError «no se pudo leer»; los
    ValidationError de `procesar` pasan tal cual. `consejo` se agrega al mensaje de tamaño.
    """
    try:
        with zipfile.ZipFile(archivo) as comprimido:
            entradas = comprimido.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError):
        raise libro_ilegible(nombre) from None
    descomprimido = sum(e.file_size for e in entradas)
    if len(entradas) > ENTRADAS_MAXIMAS or descomprimido > DESCOMPRIMIDO_MAXIMO:
        mensaje = _(
            "El libro «%(nombre)s» ocupa %(tamano)s al descomprimirse (o tiene %(n)s partes) "
            "y no se procesa: el máximo es %(maximo)s."
        ) % {
            "nombre": nombre,
            "tamano": filesizeformat(descomprimido),
            "n": len(entradas),
            "maximo": filesizeformat(DESCOMPRIMIDO_MAXIMO),
        }
        raise ValidationError(f"{mensaje} {consejo}".strip(), code="zip_bomb")
    if "xl/workbook.xml" not in {e.filename for e in entradas}:
        raise libro_ilegible(nombre)
    archivo.seek(0)
    try:
        libro = load_workbook(archivo, read_only=True, data_only=False)
    except Exception:
        logger.info("XLSX ilegible: %s", nombre, exc_info=True)
        raise libro_ilegible(nombre) from None
    try:
        return procesar(libro)
    except ValidationError:
        raise
    except Exception:
        logger.info("XLSX ilegible: %s", nombre, exc_info=True)
        raise libro_ilegible(nombre) from None
    finally:
        libro.close()
