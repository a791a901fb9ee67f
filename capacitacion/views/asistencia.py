"""Vistas de asistencia (capacitación)."""


def contexto_evento(request, evento):
    """Lo que el panel de asistencia de la página del evento necesita; ver evento_detalle."""
    return {}
