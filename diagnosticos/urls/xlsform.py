"""URL de importación y exportación de XLSForm."""

urlpatterns = []
