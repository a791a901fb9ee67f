"""URL de catalogo (capacitación)."""

urlpatterns = []
