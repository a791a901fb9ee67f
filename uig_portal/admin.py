from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from uig_portal.models import Usuario


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
