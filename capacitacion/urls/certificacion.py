"""URL de certificacion (capacitación)."""

urlpatterns = []
