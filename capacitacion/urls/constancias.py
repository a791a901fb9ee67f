"""URL de constancias (capacitación)."""

urlpatterns = []
