"""URL de eventos (capacitación)."""

urlpatterns = []
