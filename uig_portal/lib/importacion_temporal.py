"""El archivo de una importación entre la vista previa y la confirmación.

Se guarda con un nombre aleatorio en una carpeta privada de MEDIA_ROOT (nunca publicada) y la
confirmación lo «reclama» renombrándolo, así que un doble clic no importa dos veces.
"""

import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings

CARPETA_TEMPORAL = "importaciones"
#: Segundos que se guarda un archivo de vista previa que nadie confirmó.
VIDA_TEMPORAL = 24 * 60 * 60


def _carpeta():
    carpeta = Path(settings.MEDIA_ROOT) / CARPETA_TEMPORAL
    carpeta.mkdir(mode=0o700, parents=True, exist_ok=True)
    return carpeta


def _ruta(clave):
    if not re.fullmatch(r"[0-9a-f]{32}", clave or ""):
        return None
    return _carpeta() / clave


def guardar_temporal(archivo):
    """Guarda el archivo subido con un nombre aleatorio en una carpeta privada; da su clave."""
    limpiar_temporales()
    clave = uuid.uuid4().hex
    descriptor = os.open(_carpeta() / clave, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    archivo.seek(0)
    with os.fdopen(descriptor, "wb") as destino:
        for trozo in archivo.chunks() if hasattr(archivo, "chunks") else [archivo.read()]:
            destino.write(trozo)
    return clave


def reclamar_temporal(clave):
    """Toma el archivo para procesarlo; None si ya lo tomó otra petición o ya no existe.

    Renombrar es atómico: de dos confirmaciones simultáneas (doble clic), solo una lo obtiene.
    """
    ruta = _ruta(clave)
    if ruta is None:
        return None
    reclamada = ruta.with_name(f"{clave}.{uuid.uuid4().hex}.en-uso")
    try:
        ruta.rename(reclamada)
    except FileNotFoundError:
        return None
    return reclamada


def borrar_temporal(clave):
    ruta = _ruta(clave)
    if ruta is not None:
        ruta.unlink(missing_ok=True)


def limpiar_temporales():
    """Borra los archivos de vistas previas que nadie confirmó."""
    limite = time.time() - VIDA_TEMPORAL
    for ruta in _carpeta().iterdir():
        try:
            if ruta.stat().st_mtime < limite:
                ruta.unlink()
        except FileNotFoundError:
            continue
