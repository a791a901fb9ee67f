"""URL de responder del diagnóstico."""

urlpatterns = []
