"""URL de resultados del diagnóstico."""

urlpatterns = []
