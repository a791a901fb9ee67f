"""PDF con WeasyPrint a partir de plantillas de impresión (nunca Bootstrap)."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML, default_url_fetcher

RAIZ_ESTATICOS = (Path(settings.BASE_DIR) / "static").resolve()


def buscar_recurso(url, *args, **kwargs):
    """Solo deja leer archivos de static/: ni la red ni otros archivos del servidor."""
    if url.startswith("file://"):
        ruta = Path(url.removeprefix("file://")).resolve()
        if ruta.is_relative_to(RAIZ_ESTATICOS):
            return default_url_fetcher(url, *args, **kwargs)
    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Recurso no permitido en un PDF: {url[:80]}")


def render_pdf(template_name, context, request=None):
    """Devuelve los bytes del PDF de una plantilla HTML de impresión."""
    html = render_to_string(template_name, context, request=request)
    return HTML(
        string=html, base_url=str(RAIZ_ESTATICOS) + "/", url_fetcher=buscar_recurso
    ).write_pdf()


def respuesta_pdf(contenido, nombre_archivo, *, descargar=False):
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    disposicion = "attachment" if descargar else "inline"
    respuesta["Content-Disposition"] = f'{disposicion}; filename="{nombre_archivo}"'
    return respuesta
