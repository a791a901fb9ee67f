"""Validación de los archivos de materiales por su contenido, no por su nombre.

Además de PDF, JPG y PNG (`uig_portal.lib.archivos`), un material puede ser una plantilla o
presentación de Office: DOCX, XLSX o PPTX. Esos son archivos zip cuyo `[Content_Types].xml`
declara la parte principal del documento; se reconocen así, sin confiar en la extensión, y se
revisan las entradas del zip antes de leer nada, como hace `uig_portal.lib.hojas.leer_xlsx`.
"""

import zipfile
from pathlib import PurePath

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uig_portal.lib.archivos import validar_documento

TAMANO_MAXIMO = 20 * 1024 * 1024
#: Defensas contra zips maliciosos (bombas de descompresión), las mismas cifras que hojas.py.
DESCOMPRIMIDO_MAXIMO = 50 * 1024 * 1024
ENTRADAS_MAXIMAS = 1_000
#: `[Content_Types].xml` es un índice corto; uno enorme no es un documento de Office.
TIPOS_MAXIMO = 1024 * 1024

_OOXML = "application/vnd.openxmlformats-officedocument"
#: Tipo de la parte principal → (tipo MIME del archivo, extensión con la que se guarda).
#: Solo los formatos sin macros: los habilitados para macros declaran otros tipos y se rechazan.
OFICINA = {
    f"{_OOXML}.wordprocessingml.document.main+xml": (
        f"{_OOXML}.wordprocessingml.document",
        ".docx",
    ),
    f"{_OOXML}.wordprocessingml.template.main+xml": (
        f"{_OOXML}.wordprocessingml.document",
        ".docx",
    ),
    f"{_OOXML}.spreadsheetml.sheet.main+xml": (f"{_OOXML}.spreadsheetml.sheet", ".xlsx"),
    f"{_OOXML}.spreadsheetml.template.main+xml": (f"{_OOXML}.spreadsheetml.sheet", ".xlsx"),
    f"{_OOXML}.presentationml.presentation.main+xml": (
        f"{_OOXML}.presentationml.presentation",
        ".pptx",
    ),
    f"{_OOXML}.presentationml.template.main+xml": (
        f"{_OOXML}.presentationml.presentation",
        ".pptx",
    ),
}
_NS_TIPOS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

ACEPTA = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx"
AYUDA = gettext_lazy("PDF, JPG, PNG, Word (DOCX), Excel (XLSX) o PowerPoint (PPTX) de hasta 20 MB.")


def _no_permitido(nombre):
    return ValidationError(
        _(
            "El archivo «%(nombre)s» no es un PDF, una imagen JPG o PNG ni un documento de Word, "
            "Excel o PowerPoint (DOCX, XLSX o PPTX). Súbalo en uno de esos formatos."
        )
        % {"nombre": nombre},
        code="tipo_no_permitido",
    )


def tipo_oficina(archivo, nombre=""):
    """(tipo MIME, extensión) de un DOCX, XLSX o PPTX reconocido por su contenido, o None.

    Lanza ValidationError si el zip es demasiado grande al descomprimirse.
    """
    archivo.seek(0)
    if archivo.read(4) != b"PK\x03\x04":
        return None
    archivo.seek(0)
    try:
        with zipfile.ZipFile(archivo) as comprimido:
            entradas = comprimido.infolist()
            # zipfile nunca entrega más bytes que el tamaño declarado de cada entrada: basta
            # con sumarlos para acotar lo que costaría descomprimir.
            descomprimido = sum(e.file_size for e in entradas)
            if len(entradas) > ENTRADAS_MAXIMAS or descomprimido > DESCOMPRIMIDO_MAXIMO:
                raise ValidationError(
                    _(
                        "El archivo «%(nombre)s» ocupa %(tamano)s al descomprimirse (o tiene "
                        "%(n)s partes) y no se acepta: el máximo es %(maximo)s."
                    )
                    % {
                        "nombre": nombre,
                        "tamano": filesizeformat(descomprimido),
                        "n": len(entradas),
                        "maximo": filesizeformat(DESCOMPRIMIDO_MAXIMO),
                    },
                    code="zip_bomb",
                )
            partes = {e.filename: e for e in entradas}
            indice = partes.get("[Content_Types].xml")
            if indice is None or indice.file_size > TIPOS_MAXIMO:
                return None
            arbol = ElementTree.fromstring(comprimido.read(indice))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        # RuntimeError: zip cifrado; tampoco es un documento que se pueda abrir.
        return None
    except (ElementTree.ParseError, DefusedXmlException):
        return None
    finally:
        archivo.seek(0)
    for parte in arbol.iter(f"{_NS_TIPOS}Override"):
        detectado = OFICINA.get((parte.get("ContentType") or "").strip())
        # La parte principal debe existir de verdad dentro del zip, no solo estar declarada.
        if detectado and (parte.get("PartName") or "").lstrip("/") in partes:
            return detectado
    return None


def validar_material(archivo):
    """Valida un archivo de material; devuelve (tipo MIME, extensión) o lanza ValidationError."""
    nombre = PurePath(archivo.name).name
    try:
        return validar_documento(archivo, tamano_maximo=TAMANO_MAXIMO)
    except ValidationError as error:
        if error.code != "tipo_no_permitido":
            raise
    detectado = tipo_oficina(archivo, nombre)
    if detectado is None:
        raise _no_permitido(nombre)
    return detectado
