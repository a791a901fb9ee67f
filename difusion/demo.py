"""Materiales de demostración: enlaces a las guías que el propio portal ya publica, para que
la sección no se vea vacía al probar el portal."""

from django.conf import settings
from django.urls import reverse

from difusion.models import Material

MATERIALES = [
    (
        "Guía de instalación de la Unidad de Igualdad de Género",
        Material.Tema.INSTALACION,
        "unidades:guia",
        "Los pasos para instalar la unidad, los documentos que pide cada uno y sus formatos.",
        True,
    ),
    (
        "Guía metodológica del plan de trabajo (PDF)",
        Material.Tema.PLANEACION,
        "planes:guia_pdf",
        "Cómo formular objetivos, actividades, indicadores y metas del plan anual de la unidad.",
        True,
    ),
    (
        "Cómo contestar el diagnóstico institucional",
        Material.Tema.DIAGNOSTICO,
        "diagnosticos:mis_diagnosticos",
        "Dónde encontrar la ronda abierta, cómo se guardan las respuestas y cómo se envía.",
        False,
    ),
]


def cargar_difusion(coordinacion):
    """Crea los materiales que falten; devuelve cuántos creó."""
    base = settings.SITE_URL.rstrip("/")
    creados = 0
    for titulo, tema, nombre_url, descripcion, destacado in MATERIALES:
        _material, nuevo = Material.objects.get_or_create(
            titulo=titulo,
            defaults={
                "tema": tema,
                "enlace": base + reverse(nombre_url),
                "descripcion": descripcion,
                "destacado": destacado,
                "creado_por": coordinacion,
            },
        )
        creados += nuevo
    return creados
