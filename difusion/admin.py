"""Administración técnica de los materiales; el trabajo diario se hace en /materiales/."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from difusion.models import InformeAnual, Material, TextoAvances


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin):
    list_display = ["titulo", "tema", "publicado", "destacado", "extension", "creado"]
    list_filter = ["tema", "publicado", "destacado", "extension"]
    search_fields = ["titulo", "descripcion", "nombre_original", "enlace"]
    readonly_fields = [
        "nombre_original",
        "tipo_contenido",
        "extension",
        "tamano",
        "creado_por",
        "creado",
        "actualizado",
    ]
    # El archivo se cambia en el portal, que lo valida por su contenido y fija su tipo.
    exclude = ["archivo"]
    list_per_page = 50


@admin.register(TextoAvances)
class TextoAvancesAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "actualizado", "actualizado_por"]
    readonly_fields = ["actualizado", "actualizado_por"]


@admin.register(InformeAnual)
class InformeAnualAdmin(admin.ModelAdmin):
    """Solo consulta: un informe archivado no se edita; se genera otro en /informe-anual/."""

    list_display = ["anio", "generado", "generado_por", "paginas", "huella"]
    list_filter = ["anio"]
    readonly_fields = [f.name for f in InformeAnual._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
