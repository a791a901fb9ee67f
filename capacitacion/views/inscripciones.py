"""Vistas de inscripciones (capacitación)."""


def contexto_evento(request, evento):
    """Lo que el panel de inscripciones de la página del evento necesita; ver evento_detalle."""
    return {}
