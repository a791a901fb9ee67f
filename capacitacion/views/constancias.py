"""Vistas de constancias (capacitación)."""


def contexto_evento(request, evento):
    """Lo que el panel de constancias de la página del evento necesita; ver evento_detalle."""
    return {}
