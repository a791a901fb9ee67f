"""Validación de archivos subidos por su contenido, no por su nombre.

Una evidencia es un documento que alguien firmará o revisará: solo se aceptan PDF e imágenes
JPG o PNG, reconocidos por sus primeros bytes, y de hasta 10 MB.
"""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

TAMANO_MAXIMO = 10 * 1024 * 1024

#: (firma inicial, tipo MIME, extensión con la que se guarda)
FIRMAS = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
]

EXTENSIONES = {tipo: extension for _firma, tipo, extension in FIRMAS}


def tipo_por_contenido(archivo):
    """(tipo MIME, extensión) según los primeros bytes, o None si no es PDF, PNG ni JPG."""
    posicion = archivo.tell() if hasattr(archivo, "tell") else 0
    archivo.seek(0)
    inicio = archivo.read(16)
    archivo.seek(posicion)
    for firma, tipo, extension in FIRMAS:
        if inicio.startswith(firma):
            return tipo, extension
    return None


def validar_documento(archivo, tamano_maximo=TAMANO_MAXIMO):
    """Valida un PDF o imagen subido; devuelve (tipo MIME, extensión) o lanza ValidationError."""
    if archivo.size == 0:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if archivo.size > tamano_maximo:
        raise ValidationError(
            _(
                "El archivo supera el máximo de %(maximo)s MB (pesa %(tamano)s). "
                "Reduzca su tamaño o escanéelo con menor resolución."
            )
            % {"tamano": filesizeformat(archivo.size), "maximo": tamano_maximo // (1024 * 1024)},
            code="demasiado_grande",
        )
    detectado = tipo_por_contenido(archivo)
    if detectado is None:
        raise ValidationError(
            _(
                "El archivo «%(nombre)s» no es un PDF ni una imagen JPG o PNG. Súbalo en uno de esos formatos."
            )
            % {"nombre": PurePath(archivo.name).name},
            code="tipo_no_permitido",
        )
    return detectado


def respuesta_descarga(campo, tipo_contenido, nombre_base):
    """Un archivo guardado como descarga, con un nombre que elige el servidor; 404 si falta.

    El nombre nunca es el que traía el archivo al subirse: así no se filtran datos personales
    del nombre ni caracteres que rompan la cabecera.
    """
    if not campo:
        raise Http404(_("Este registro no tiene documento."))
    try:
        archivo = campo.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("El archivo ya no está disponible.")) from error
    return FileResponse(
        archivo,
        as_attachment=True,
        filename=f"{nombre_base}{EXTENSIONES.get(tipo_contenido, '')}",
        content_type=tipo_contenido or "application/octet-stream",
    )


def nombre_aleatorio(carpeta, extension):
    """Ruta de almacenamiento que no deriva del nombre que puso quien sube el archivo."""
    return f"{carpeta}/{uuid.uuid4().hex}{extension}"
