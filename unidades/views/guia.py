"""La guía de instalación: los pasos del protocolo y sus formatos PDF prellenados."""

from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import ListView, UpdateView

from uig_portal.lib.pdf import render_pdf, respuesta_pdf
from unidades.forms.expediente import PasoGuiaForm
from unidades.models import Dependencia, Integrante, PasoGuia


class PasoGuiaListView(PermissionRequiredMixin, ListView):
    permission_required = "unidades.view_pasoguia"
    template_name = "unidades/guia.html"
    context_object_name = "pasos"

    def get_queryset(self):
        if self.request.user.has_perm("unidades.change_pasoguia"):
            return PasoGuia.objects.order_by("orden")
        return PasoGuia.objects.activos()


class PasoGuiaUpdateView(PermissionRequiredMixin, SuccessMessageMixin, UpdateView):
    permission_required = "unidades.change_pasoguia"
    model = PasoGuia
    form_class = PasoGuiaForm
    template_name = "unidades/paso_form.html"
    success_url = reverse_lazy("unidades:guia")
    success_message = _("Se guardó el paso «%(titulo)s» de la guía.")


@require_GET
@permission_required("unidades.view_pasoguia", raise_exception=True)
def plantilla_pdf(request, pk, clave):
    """Un formato de la guía (oficio, designación o acta) prellenado con los datos de la institución."""
    if clave not in PasoGuia.Plantilla.values:
        raise Http404
    dependencia = get_object_or_404(
        Dependencia.objects.visibles_para(request.user).select_related("unidad"), pk=pk
    )
    unidad = dependencia.unidad
    integrantes = list(unidad.integrantes.vigentes())
    titular_unidad = next(
        (
            i
            for i in integrantes
            if i.cargo_en_unidad in (Integrante.Cargo.TITULAR, Integrante.Cargo.ENLACE)
        ),
        None,
    )
    contexto = {
        "dependencia": dependencia,
        "unidad": unidad,
        "integrantes": integrantes,
        "titular_unidad": titular_unidad,
        "hoy": timezone.localdate(),
        "titulo": PasoGuia.Plantilla(clave).label,
    }
    pdf = render_pdf(f"unidades/plantilla_{clave}_pdf.html", contexto)
    return respuesta_pdf(pdf, f"{clave}-{dependencia.siglas.lower()}.pdf")
