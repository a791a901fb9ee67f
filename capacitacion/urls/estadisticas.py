"""URL de estadisticas (capacitación)."""

urlpatterns = []
