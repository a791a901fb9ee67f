"""URL de diseno del diagnóstico."""

urlpatterns = []
