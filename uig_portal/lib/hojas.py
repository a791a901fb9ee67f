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
from openpyxl.styles import Font

INICIOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r", "\0")
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escapar_formula(valor):
    if isinstance(valor, str) and valor.startswith(INICIOS_PELIGROSOS):
        return "'" + valor
    return valor


def libro_xlsx(hojas):
    """Bytes de un XLSX. `hojas` es una lista de (título, encabezados, filas)."""
    libro = Workbook()
    libro.remove(libro.active)
    for titulo, encabezados, filas in hojas:
        hoja = libro.create_sheet(title=titulo[:31])
        hoja.append(list(encabezados))
        for celda in hoja[1]:
            celda.font = Font(bold=True)
        for fila in filas:
            hoja.append([_celda(v) for v in fila])
        for numero, celda in enumerate(hoja[1], start=1):
            ancho = max(len(str(celda.value or "")), 10)
            hoja.column_dimensions[celda.column_letter].width = min(ancho + 4, 60)
            for columna in hoja.iter_cols(min_col=numero, max_col=numero, min_row=2):
                for c in columna:
                    if isinstance(c.value, (date, datetime)):
                        c.number_format = "dd/mm/yyyy"
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


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
