from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, Q
from django.views.generic import DetailView
from django_filters.views import FilterView

from uig_portal.roles import Rol
from unidades.filters import DependenciaFilter
from unidades.models import Dependencia


class DependenciaListView(PermissionRequiredMixin, FilterView):
    permission_required = "unidades.view_dependencia"
    filterset_class = DependenciaFilter
    template_name = "unidades/dependencia_lista.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Dependencia.objects.visibles_para(self.request.user)
            .annotate(
                responsables=Count(
                    "usuarios",
                    filter=Q(
                        usuarios__is_active=True, usuarios__groups__name=Rol.RESPONSABLE.value
                    ),
                )
            )
            .order_by("nombre")
        )


class DependenciaDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "unidades.view_dependencia"
    template_name = "unidades/dependencia_detalle.html"

    def get_queryset(self):
        return Dependencia.objects.visibles_para(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["personas"] = (
            self.object.usuarios.filter(is_active=True)
            .prefetch_related("groups")
            .order_by("first_name", "last_name")
        )
        context["historial"] = self.object.history.select_related("history_user").order_by(
            "-history_date"
        )[:20]
        return context
