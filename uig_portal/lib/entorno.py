"""Lectura de la configuración desde el entorno, para uig_portal/settings.py."""

import os

from django.core.exceptions import ImproperlyConfigured


def cargar_archivo_env(ruta):
    """Pasa al entorno las líneas CLAVE=valor de un archivo .env, si existe.

    Lo que ya está definido en el entorno gana: el archivo solo completa, nunca sobrescribe.
    `make run` crea uno para desarrollo local; en producción las variables vienen del servicio.
    """
    if not ruta.is_file():
        return
    for linea in ruta.read_text(encoding="utf-8").splitlines():
        linea = linea.strip()
        if not linea or linea.startswith("#") or "=" not in linea:
            continue
        clave, valor = linea.split("=", 1)
        os.environ.setdefault(clave.strip(), valor.strip().strip("'\""))


def envbool(nombre, default="False"):
    valor = os.getenv(nombre, default)
    if valor not in ("True", "False"):
        raise ImproperlyConfigured(f"{nombre} debe ser 'True' o 'False', no {valor!r}")
    return valor == "True"


def envlist(nombre, default=""):
    return [v.strip() for v in os.getenv(nombre, default).split(",") if v.strip()]
