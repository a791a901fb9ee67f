import logging

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from uig_portal.lib.historial import entradas
from uig_portal.models import Usuario
from uig_portal.roles import Rol

logger = logging.getLogger(__name__)


class UsuarioListView(PermissionRequiredMixin, ListView):
    """Quién tiene cuenta en el portal, con su rol y su institución."""

    permission_required = "uig_portal.view_usuario"
    template_name = "uig_portal/usuario_lista.html"
    paginate_by = 50

    def get_queryset(self):
        qs = (
            Usuario.objects.visibles_para(self.request.user)
            .select_related("dependencia")
            .prefetch_related("groups")
        )
        rol = self.request.GET.get("rol")
        if rol in Rol.values:
            qs = qs.filter(groups__name=rol)
        if self.request.GET.get("estado") == "inactivas":
            qs = qs.filter(is_active=False)
        else:
            qs = qs.filter(is_active=True)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = Rol.choices
        context["rol_actual"] = self.request.GET.get("rol", "")
        context["estado_actual"] = self.request.GET.get("estado", "")
        return context


class UsuarioDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "uig_portal.view_usuario"
    template_name = "uig_portal/usuario_detalle.html"
    context_object_name = "persona"

    def get_queryset(self):
        return Usuario.objects.visibles_para(self.request.user).select_related("dependencia")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historial"] = entradas(
            self.object.history.select_related("history_user").order_by("-history_date")[:20],
            _("Cuenta"),
        )
        return context


@login_not_required
@require_GET
def aviso_de_privacidad(request):
    return render(request, "uig_portal/aviso_de_privacidad.html")


@login_not_required
@require_GET
@never_cache
def salud(request):
    """Estado del servicio para el balanceador y el monitoreo: responde si la base contesta."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # Cualquier falla de la base es «no sano»; el detalle va al registro.
        logger.exception("La base de datos no responde")
        return JsonResponse({"estado": "error", "base_de_datos": "sin respuesta"}, status=503)
    return JsonResponse({"estado": "ok", "base_de_datos": "ok"})


class SalirView(auth_views.LogoutView):
    """Cierra la sesión (solo por POST) y pide al navegador borrar lo que guardó."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
