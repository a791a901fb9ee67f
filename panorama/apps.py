from django.apps import AppConfig


class PanoramaConfig(AppConfig):
    """El piso de arriba: lo que lee todas las aplicaciones (inicio y tablero, pendientes y
    avisos, historial de actividad, recordatorios, datos de demostración y del bench)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "panorama"
    verbose_name = "Panorama del portal"
