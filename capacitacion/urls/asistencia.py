"""URL de asistencia (capacitación)."""

urlpatterns = []
