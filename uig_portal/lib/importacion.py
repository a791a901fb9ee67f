"""Piezas comunes de toda importación de hojas de cálculo: revisar el archivo subido por su
contenido, leer el texto de una celda sin aceptar fórmulas, comparar nombres sin acentos y
nombrar cada error con su fila y su columna.

Las usan el catálogo de instituciones, las listas de asistencia y los cuestionarios XLSForm;
cada importación pone encima sus propias columnas y reglas.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from uig_portal.lib.hojas import INICIOS_PELIGROSOS

TAMANO_MAXIMO = 5 * 1024 * 1024

FIRMA_ZIP = b"PK\x03\x04"
#: Primeros bytes de archivos que alguien podría subir por error con otra extensión.
FIRMAS_AJENAS = [
    (b"MZ", gettext_lazy("un programa ejecutable")),
    (b"\x7fELF", gettext_lazy("un programa ejecutable")),
    (b"%PDF", gettext_lazy("un PDF")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("un documento de Office 97-2003 (por ejemplo, un .xls)")),
    (b"\x89PNG", gettext_lazy("una imagen PNG")),
    (b"\xff\xd8\xff", gettext_lazy("una imagen JPG")),
]


def normalizar(texto):
    """Clave para comparar sin importar mayúsculas, acentos ni espacios repetidos."""
    sin_acentos = unicodedata.normalize("NFKD", str(texto))
    sin_acentos = "".join(c for c in sin_acentos if not unicodedata.combining(c))
    return " ".join(sin_acentos.replace("_", " ").casefold().split())


def corto(valor, largo=60):
    texto = str(valor)
    return texto if len(texto) <= largo else texto[: largo - 1] + "…"


def limpiar_texto(texto):
    """Un renglón de texto sin espacios sobrantes."""
    return " ".join(str(texto).split())


def texto_de_celda(valor):
    """El texto de una celda de CSV o Excel, o ValueError si es una fórmula.

    openpyxl entrega el texto de la fórmula y no su resultado, así que se rechaza en vez de
    guardar «=BUSCARV(…)». Un valor escapado con apóstrofo por la exportación («'=…») se
    recibe sin el apóstrofo: así un archivo exportado vuelve a entrar igual.
    """
    if valor is None:
        return ""
    if isinstance(valor, (ArrayFormula, DataTableFormula)):
        raise ValueError(_("no se aceptan fórmulas; escriba el valor."))
    if isinstance(valor, bool):
        texto = "sí" if valor else "no"
    elif isinstance(valor, float) and valor.is_integer():
        texto = str(int(valor))
    elif isinstance(valor, (datetime, date)):
        texto = valor.strftime("%d/%m/%Y")
    else:
        texto = str(valor)
    texto = limpiar_texto(texto)
    if texto.startswith("="):
        raise ValueError(
            _('no se aceptan fórmulas ("%(valor)s"); escriba el valor.') % {"valor": corto(texto)}
        )
    if texto.startswith("'") and texto[1:].startswith(INICIOS_PELIGROSOS):
        texto = texto[1:]
    return texto


def revisar_subida(archivo, tamano_maximo=TAMANO_MAXIMO):
    """Primera revisión de un archivo subido, por su contenido y no por su nombre.

    Devuelve (nombre sin ruta, primeros bytes, qué parece ser si sus bytes delatan un tipo
    conocido que no es hoja de cálculo) o ValidationError si está vacío o pesa demasiado.
    """
    nombre = PurePath(archivo.name or "").name
    if not archivo.size:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if archivo.size > tamano_maximo:
        raise ValidationError(
            _("El archivo pesa %(tamano)s y el máximo es %(maximo)s. Divídalo en varios archivos.")
            % {"tamano": filesizeformat(archivo.size), "maximo": filesizeformat(tamano_maximo)},
            code="demasiado_grande",
        )
    archivo.seek(0)
    inicio = archivo.read(8)
    archivo.seek(0)
    ajeno = next((desc for firma, desc in FIRMAS_AJENAS if inicio.startswith(firma)), None)
    return nombre, inicio, ajeno


def no_es_xlsx(nombre, ajeno):
    return ValidationError(
        _("El archivo «%(nombre)s» no es un libro de Excel (.xlsx): parece %(que)s.")
        % {"nombre": nombre, "que": ajeno or _("texto u otro tipo de archivo")},
        code="tipo_no_permitido",
    )


@dataclass
class ErrorDeFila:
    fila: int
    columna: str | None
    mensaje: str

    def __str__(self):
        if self.columna:
            return _("Fila %(fila)s, columna %(columna)s: %(mensaje)s") % {
                "fila": self.fila,
                "columna": self.columna,
                "mensaje": self.mensaje,
            }
        return _("Fila %(fila)s: %(mensaje)s") % {"fila": self.fila, "mensaje": self.mensaje}
