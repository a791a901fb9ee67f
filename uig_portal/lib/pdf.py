"""PDF con WeasyPrint a partir de plantillas de impresión (nunca Bootstrap)."""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

RAIZ_ESTATICOS = (Path(settings.BASE_DIR) / "static").resolve()


class BuscadorLocal(URLFetcher):
    """Solo deja leer archivos de static/ y datos en línea: ni la red ni otros archivos.

    Un PDF se arma con datos que escribieron personas usuarias; así una URL maliciosa en un
    texto no puede hacer que el servidor lea sus propios archivos ni pida algo a la red.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            ruta = Path(unquote(urlparse(url).path)).resolve()
            if not ruta.is_relative_to(RAIZ_ESTATICOS):
                raise ValueError(f"Recurso no permitido en un PDF: {url[:80]}")
        return super().fetch(url, headers)


def render_pdf(template_name, context, request=None):
    """Devuelve los bytes del PDF de una plantilla HTML de impresión."""
    html = render_to_string(template_name, context, request=request)
    return HTML(
        string=html, base_url=str(RAIZ_ESTATICOS) + "/", url_fetcher=BuscadorLocal()
    ).write_pdf()


def respuesta_pdf(contenido, nombre_archivo, *, descargar=False):
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    disposicion = "attachment" if descargar else "inline"
    respuesta["Content-Disposition"] = f'{disposicion}; filename="{nombre_archivo}"'
    return respuesta
