from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView
from django_filters.views import FilterView

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
            .con_responsables()
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
