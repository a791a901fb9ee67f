"""URL de verificacion (capacitación)."""

urlpatterns = []
