"""El catálogo de capacitación que lleva la Coordinación: programas y estándares de competencia.

Las instituciones no administran el catálogo: sus roles no tienen los permisos de programas ni
de estándares (403). Lo que necesitan del programa lo ven en la página de cada evento.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from capacitacion.forms.catalogo import EstandarForm, ProgramaForm
from capacitacion.models import Certificacion, EstandarCompetencia, Evento, Programa
from uig_portal.lib.historial import entradas

POR_PAGINA = 50


def _contar(modelo, campo):
    """Subconsulta con el número de filas de `modelo` que apuntan a cada fila de la lista."""
    filas = (
        modelo.objects.filter(**{campo: OuterRef("pk")})
        .order_by()
        .values(campo)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(filas), 0)


# --- Programas ---------------------------------------------------------------------------------


class ProgramaListView(PermissionRequiredMixin, ListView):
    permission_required = "capacitacion.view_programa"
    template_name = "capacitacion/catalogo/programa_lista.html"
    context_object_name = "programas"
    paginate_by = POR_PAGINA

    def get_queryset(self):
        return (
            Programa.objects.select_related("estandar")
            .annotate(num_eventos=_contar(Evento, "programa"))
            .order_by("-activo", "nombre")
        )


class ProgramaDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "capacitacion.view_programa"
    template_name = "capacitacion/catalogo/programa_detalle.html"
    context_object_name = "programa"

    def get_queryset(self):
        return Programa.objects.select_related("estandar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        eventos = (
            Evento.objects.filter(programa=self.object)
            .con_ocupacion()
            .order_by("-fecha_inicio", "nombre")
        )
        pagina = Paginator(eventos, POR_PAGINA).get_page(self.request.GET.get("page"))
        context["page_obj"] = pagina
        context["eventos"] = pagina.object_list
        context["historial"] = entradas(
            self.object.history.select_related("history_user")[:20], _("Programa")
        )
        return context


class ProgramaCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "capacitacion.add_programa"
    model = Programa
    form_class = ProgramaForm
    template_name = "capacitacion/catalogo/programa_form.html"
    success_message = gettext_lazy("Se registró el programa «%(nombre)s».")


class ProgramaUpdateView(PermissionRequiredMixin, SuccessMessageMixin, UpdateView):
    permission_required = "capacitacion.change_programa"
    model = Programa
    form_class = ProgramaForm
    template_name = "capacitacion/catalogo/programa_form.html"
    success_message = gettext_lazy("Se guardaron los cambios del programa «%(nombre)s».")


# --- Estándares de competencia ----------------------------------------------------------------


class EstandarListView(PermissionRequiredMixin, ListView):
    permission_required = "capacitacion.view_estandarcompetencia"
    template_name = "capacitacion/catalogo/estandar_lista.html"
    context_object_name = "estandares"
    paginate_by = POR_PAGINA

    def get_queryset(self):
        return EstandarCompetencia.objects.annotate(
            num_programas=_contar(Programa, "estandar"),
            num_certificaciones=_contar(Certificacion, "estandar"),
        ).order_by("-vigente", "clave")


class EstandarCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "capacitacion.add_estandarcompetencia"
    model = EstandarCompetencia
    form_class = EstandarForm
    template_name = "capacitacion/catalogo/estandar_form.html"
    success_url = reverse_lazy("capacitacion:estandar_lista")
    success_message = gettext_lazy("Se registró el estándar %(clave)s.")


class EstandarUpdateView(PermissionRequiredMixin, SuccessMessageMixin, UpdateView):
    permission_required = "capacitacion.change_estandarcompetencia"
    model = EstandarCompetencia
    form_class = EstandarForm
    template_name = "capacitacion/catalogo/estandar_form.html"
    success_url = reverse_lazy("capacitacion:estandar_lista")
    success_message = gettext_lazy("Se guardaron los cambios del estándar %(clave)s.")
