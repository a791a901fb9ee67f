"""Las plantillas no muestran sus comentarios: en Django, `{# … #}` solo vale en una línea, y uno
partido en varias se imprime tal cual en la página."""

from pathlib import Path

from django.conf import settings


def test_ningun_comentario_corto_ocupa_varias_lineas():
    partidos = [
        f"{plantilla.relative_to(settings.BASE_DIR)}:{numero}"
        for plantilla in (Path(settings.BASE_DIR) / "templates").rglob("*.*")
        for numero, linea in enumerate(plantilla.read_text(encoding="utf-8").splitlines(), 1)
        if linea.count("{#") > linea.count("#}")
    ]
    assert partidos == [], "Use {% comment %} para comentarios de varias líneas"
