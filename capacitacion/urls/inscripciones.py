"""URL de inscripciones (capacitación)."""

urlpatterns = []
