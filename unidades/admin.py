from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from unidades.models import Dependencia
from unidades.resources import DependenciaResource


@admin.register(Dependencia)
class DependenciaAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [DependenciaResource]
    list_display = ["nombre", "siglas", "tipo", "sector", "titular", "vigente"]
    list_filter = ["tipo", "vigente", "sector"]
    search_fields = ["nombre", "siglas", "titular"]
    list_per_page = 50
