"""El catálogo de instituciones que lleva la Coordinación: alta, edición, vigencia,
exportación e importación desde hojas de cálculo."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, UpdateView

from uig_portal.lib.hojas import respuesta_csv, respuesta_xlsx
from uig_portal.lib.importacion_vistas import ImportacionDeCatalogo, ImportarView
from unidades import importacion, services
from unidades.filters import DependenciaFilter
from unidades.forms.catalogo import DependenciaForm, DesactivarForm, ImportarForm
from unidades.models import Dependencia
from unidades.resources import DependenciaResource

PERMISOS_IMPORTAR = ("unidades.add_dependencia", "unidades.change_dependencia")
#: Llave de la sesión con el archivo que espera confirmación.
SESION_IMPORTACION = "importacion_dependencias"


def _sectores():
    return Dependencia.objects.order_by("sector").values_list("sector", flat=True).distinct()


class DependenciaCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "unidades.add_dependencia"
    model = Dependencia
    form_class = DependenciaForm
    template_name = "unidades/catalogo_formulario.html"
    extra_context = {"titulo": gettext_lazy("Nueva institución")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(sectores=_sectores(), **kwargs)

    def form_valid(self, form):
        # El servicio crea también la unidad de la institución, sin iniciar.
        self.object = services.dependencia_crear(datos=form.cleaned_data)
        messages.success(
            self.request,
            _("Se registró %(nombre)s con su unidad de igualdad de género, sin iniciar.")
            % {"nombre": self.object.nombre},
        )
        return redirect(self.object)


class DependenciaUpdateView(PermissionRequiredMixin, SuccessMessageMixin, UpdateView):
    permission_required = "unidades.change_dependencia"
    form_class = DependenciaForm
    template_name = "unidades/catalogo_formulario.html"
    success_message = gettext_lazy("Los cambios a %(siglas)s se guardaron.")

    def get_queryset(self):
        return Dependencia.objects.visibles_para(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            titulo=_("Editar %(siglas)s") % {"siglas": self.object.siglas},
            sectores=_sectores(),
            desactivar_form=DesactivarForm(),
            **kwargs,
        )


@require_POST
@permission_required("unidades.change_dependencia", raise_exception=True)
def dependencia_desactivar(request, pk):
    """Marca la institución como no vigente; el primer POST pide confirmar y un motivo."""
    dependencia = get_object_or_404(Dependencia.objects.visibles_para(request.user), pk=pk)
    if not dependencia.vigente:
        messages.info(
            request, _("%(siglas)s ya no estaba vigente.") % {"siglas": dependencia.siglas}
        )
        return redirect(dependencia)
    form = DesactivarForm(request.POST if "confirmar" in request.POST else None)
    if form.is_valid():
        dependencia.cambiar_vigencia(False, form.cleaned_data["motivo"])
        messages.success(
            request,
            _("%(siglas)s quedó como no vigente. Puede reactivarla desde «Editar».")
            % {"siglas": dependencia.siglas},
        )
        return redirect(dependencia)
    return render(
        request, "unidades/catalogo_desactivar.html", {"dependencia": dependencia, "form": form}
    )


@require_POST
@permission_required("unidades.change_dependencia", raise_exception=True)
def dependencia_reactivar(request, pk):
    dependencia = get_object_or_404(Dependencia.objects.visibles_para(request.user), pk=pk)
    if not dependencia.cambiar_vigencia(True):
        messages.info(request, _("%(siglas)s ya estaba vigente.") % {"siglas": dependencia.siglas})
    else:
        messages.success(
            request, _("%(siglas)s está vigente otra vez.") % {"siglas": dependencia.siglas}
        )
    return redirect(dependencia)


@require_GET
@permission_required("unidades.view_dependencia", raise_exception=True)
def dependencia_exportar(request):
    """Las instituciones que la persona ve, con los mismos filtros que la lista."""
    base = (
        Dependencia.objects.visibles_para(request.user).select_related("unidad").order_by("nombre")
    )
    filtro = DependenciaFilter(request.GET, queryset=base)
    # Como la lista: un filtro inválido no muestra nada, en vez de exportarlo todo.
    datos = DependenciaResource().export(queryset=filtro.qs if filtro.is_valid() else base.none())
    nombre = f"instituciones-{timezone.localdate():%Y%m%d}"
    if request.GET.get("formato") == "csv":
        return respuesta_csv(datos.headers, datos, f"{nombre}.csv")
    return respuesta_xlsx([(_("Instituciones"), datos.headers, datos)], f"{nombre}.xlsx")


class ImportacionDependencias(ImportacionDeCatalogo):
    """El catálogo en CSV o Excel: las reglas están en `unidades.importacion`."""

    pasos = importacion
    sesion = SESION_IMPORTACION
    form_class = ImportarForm
    plantilla = "unidades/catalogo_importar.html"
    plantilla_vista_previa = "unidades/catalogo_importar_vista_previa.html"
    url_importar = "unidades:dependencia_importar"
    url_confirmar = "unidades:dependencia_importar_confirmar"
    url_lista = "unidades:dependencia_lista"
    mensaje_exito = gettext_lazy(
        "Importación terminada. Instituciones nuevas, con su unidad: %(nuevas)s. "
        "Actualizadas: %(actualizadas)s. Sin cambios: %(sin_cambios)s."
    )

    def revisar(self, request, hoja, *, bloquear=False):
        # Solo se actualizan las instituciones que la persona ve.
        return importacion.revisar(hoja, request.user, bloquear=bloquear)


IMPORTACION = ImportacionDependencias()


class DependenciaImportarView(PermissionRequiredMixin, ImportarView):
    """Sube un archivo y muestra la vista previa (o todos sus errores); no escribe nada."""

    permission_required = PERMISOS_IMPORTAR
    flujo = IMPORTACION


@require_POST
@permission_required(PERMISOS_IMPORTAR, raise_exception=True)
def dependencia_importar_confirmar(request):
    """Aplica el archivo de la vista previa: todas sus filas o ninguna, y una sola vez."""
    return IMPORTACION.confirmar(request)
