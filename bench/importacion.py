"""Datos para medir la vista previa de la importación del catálogo en el bench.

Para agregarla a `PAGINAS` de bench/medir.py:

    from bench.importacion import datos_importacion

    Pagina("/dependencias/importar/", Rol.COORDINACION, metodo="post", datos=datos_importacion)

La vista previa no escribe en el catálogo, así que se puede pedir muchas veces con el mismo
archivo (cada petición reemplaza el archivo temporal de la anterior en la sesión). La
confirmación no se repite igual: la segunda vez todo queda «sin cambios». Para medirla una
vez, vea `medir_importacion` abajo.
"""

import io
import re
import time
from functools import cache

INSTITUCIONES = 5_000
TIPOS = ["centralizada", "Organismo descentralizado", "desconcentrada"]


@cache
def libro_de_instituciones(n=INSTITUCIONES):
    """Bytes de un XLSX con `n` instituciones nuevas (siglas IMP00000…), hecho en memoria."""
    from openpyxl import Workbook

    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Instituciones")
    hoja.append(["siglas", "nombre", "tipo", "sector", "titular", "vigente"])
    for i in range(n):
        hoja.append(
            [
                f"IMP{i:05d}",
                f"Institución importada de prueba {i:05d}",
                TIPOS[i % len(TIPOS)],
                f"Sector de prueba {i % 25}",
                f"Persona titular {i}" if i % 3 else "",
                "sí" if i % 10 else "no",
            ]
        )
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def datos_importacion():
    """Los datos del POST a /dependencias/importar/: un archivo nuevo en cada llamada."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from uig_portal.lib.hojas import TIPO_XLSX

    return {
        "archivo": SimpleUploadedFile(
            "instituciones.xlsx", libro_de_instituciones(), content_type=TIPO_XLSX
        )
    }


def medir_importacion(cliente):
    """Segundos de la vista previa y de la confirmación de 5,000 instituciones nuevas.

    `cliente` es un django.test.Client con sesión de una persona de la Coordinación. Crea
    las instituciones de verdad: úsese en una base desechable.
    """
    inicio = time.perf_counter()
    respuesta = cliente.post("/dependencias/importar/", datos_importacion())
    vista_previa = time.perf_counter() - inicio
    # Fuera de las pruebas el cliente no guarda el contexto: la clave sale del HTML.
    clave = re.search(r'name="clave" value="([0-9a-f]{32})"', respuesta.content.decode())
    if respuesta.status_code != 200 or clave is None:
        raise RuntimeError("La vista previa no quedó lista para confirmar; ¿ya se importó?")
    inicio = time.perf_counter()
    respuesta = cliente.post("/dependencias/importar/confirmar/", {"clave": clave.group(1)})
    confirmacion = time.perf_counter() - inicio
    if respuesta.status_code != 302:
        raise RuntimeError(f"La confirmación respondió {respuesta.status_code}.")
    return {"vista_previa": vista_previa, "confirmacion": confirmacion}
