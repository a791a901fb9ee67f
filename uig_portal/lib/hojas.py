"""Hojas de cálculo que salen del portal: XLSX y CSV sin fórmulas ejecutables.

Una celda que empieza con =, +, -, @, tabulador, retorno o nulo se interpreta como fórmula en
Excel; se antepone un apóstrofo para que se muestre como texto (ASVS 5.0 1.2.10).
"""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

INICIOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r", "\0")
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escapar_formula(valor):
    if isinstance(valor, str) and valor.startswith(INICIOS_PELIGROSOS):
        return "'" + valor
    return valor


def libro_xlsx(hojas):
    """Bytes de un XLSX. `hojas` es una lista de (título, encabezados, filas).

    En modo de solo escritura: openpyxl no guarda la hoja en memoria celda por celda, lo que
    con miles de filas es varias veces más rápido.
    """
    libro = Workbook(write_only=True)
    negrita = Font(bold=True)
    for titulo, encabezados, filas in hojas:
        hoja = libro.create_sheet(title=titulo[:31])
        for numero, encabezado in enumerate(encabezados, start=1):
            ancho = max(len(str(encabezado or "")), 10)
            hoja.column_dimensions[get_column_letter(numero)].width = min(ancho + 4, 60)
        hoja.append([_con_formato(hoja, e, negrita) for e in encabezados])
        for fila in filas:
            hoja.append([_con_formato(hoja, _celda(v)) for v in fila])
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _con_formato(hoja, valor, fuente=None):
    """Una celda con formato solo cuando lo necesita (fechas dd/mm/yyyy, encabezados)."""
    if fuente is None and not isinstance(valor, (date, datetime)):
        return valor
    celda = WriteOnlyCell(hoja, value=valor)
    if fuente is not None:
        celda.font = fuente
    if isinstance(valor, (date, datetime)):
        celda.number_format = "dd/mm/yyyy"
    return celda


def _celda(valor):
    if isinstance(valor, datetime) and timezone.is_aware(valor):
        return timezone.localtime(valor).replace(tzinfo=None)
    if isinstance(valor, str):
        # openpyxl trata como fórmula todo texto que empieza con «=»; el apóstrofo lo evita.
        return escapar_formula(valor)
    return valor


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
