"""URL de aplicaciones del diagnóstico."""

urlpatterns = []
