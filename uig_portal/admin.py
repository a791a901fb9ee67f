from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uig_portal.models import RecordatorioEnviado, Usuario


@admin.register(Usuario)
class UsuarioAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "get_full_name", "email", "dependencia", "rol_", "is_active"]
    list_filter = ["groups", "is_active", "is_staff", "dependencia__tipo"]
    search_fields = ["username", "first_name", "last_name", "email", "dependencia__siglas"]
    list_select_related = ["dependencia"]
    autocomplete_fields = ["dependencia"]
    fieldsets = UserAdmin.fieldsets + ((_("Institución"), {"fields": ("dependencia", "cargo")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        (
            _("Datos de la persona"),
            {"fields": ("first_name", "last_name", "email", "dependencia", "cargo", "groups")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("rol"))
    def rol_(self, obj):
        return obj.rol.label if obj.rol else "—"


@admin.register(RecordatorioEnviado)
class RecordatorioEnviadoAdmin(admin.ModelAdmin):
    """Solo lectura: lo escribe `manage.py recordar_pendientes`. Borrar una marca permite
    volver a enviar ese recordatorio el mismo día."""

    list_display = ["destino", "fecha", "enviado_en"]
    list_filter = ["fecha"]
    search_fields = ["destino"]
    date_hierarchy = "fecha"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
