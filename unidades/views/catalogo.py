"""El catálogo de instituciones que lleva la Coordinación: alta, edición, vigencia,
exportación e importación desde hojas de cálculo."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, FormView, UpdateView

from uig_portal.lib.hojas import respuesta_csv, respuesta_xlsx
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


class DependenciaImportarView(PermissionRequiredMixin, FormView):
    """Sube un archivo y muestra la vista previa (o todos sus errores); no escribe nada."""

    permission_required = PERMISOS_IMPORTAR
    form_class = ImportarForm
    template_name = "unidades/catalogo_importar.html"

    def form_valid(self, form):
        revision = importacion.revisar(form.hoja, self.request.user)
        if revision.errores:
            return self.render_to_response(self.get_context_data(form=form, revision=revision))
        return _vista_previa(self.request, revision, form.cleaned_data["archivo"])


def _vista_previa(request, revision, archivo, aviso=None):
    """Guarda el archivo para confirmarlo después y muestra qué pasará con cada fila."""
    anterior = request.session.pop(SESION_IMPORTACION, None)
    if anterior:
        importacion.borrar_temporal(anterior["clave"])
    clave = None
    if revision.hay_cambios:
        clave = importacion.guardar_temporal(archivo)
        request.session[SESION_IMPORTACION] = {
            "clave": clave,
            "nombre": revision.hoja.nombre,
            "huella": revision.huella(),
        }
    limite = importacion.LIMITE_VISTA_PREVIA
    return render(
        request,
        "unidades/catalogo_importar_vista_previa.html",
        {
            "revision": revision,
            "clave": clave,
            "aviso": aviso,
            "limite": limite,
            "nuevas": revision.nuevas[:limite],
            "actualizadas": revision.actualizadas[:limite],
            "sin_cambios": revision.sin_cambios[:limite],
        },
    )


@require_POST
@permission_required(PERMISOS_IMPORTAR, raise_exception=True)
def dependencia_importar_confirmar(request):
    """Aplica el archivo de la vista previa: todas sus filas o ninguna, y una sola vez."""
    pendiente = request.session.get(SESION_IMPORTACION)
    clave = request.POST.get("clave", "")
    ruta = (
        importacion.reclamar_temporal(clave) if pendiente and pendiente["clave"] == clave else None
    )
    if ruta is None:
        messages.warning(
            request,
            _(
                "Esa importación ya se aplicó, se canceló o caducó; no se volvió a aplicar. "
                "Revise el catálogo y, si hace falta, suba el archivo de nuevo."
            ),
        )
        return redirect("unidades:dependencia_lista")
    del request.session[SESION_IMPORTACION]
    try:
        if "cancelar" in request.POST:
            messages.info(request, _("Se canceló la importación; no se guardó nada."))
            return redirect("unidades:dependencia_importar")
        with open(ruta, "rb") as abierto:
            return _aplicar(request, File(abierto, name=pendiente["nombre"]), pendiente)
    finally:
        ruta.unlink(missing_ok=True)


def _aplicar(request, archivo, pendiente):
    try:
        hoja = importacion.leer(archivo)
        with transaction.atomic():
            # Se revisa de nuevo, con el catálogo bloqueado: pudo cambiar desde la vista previa.
            revision = importacion.revisar(hoja, request.user, bloquear=True)
            if revision.errores:
                return render(
                    request,
                    "unidades/catalogo_importar.html",
                    {"form": ImportarForm(), "revision": revision},
                )
            if revision.huella() != pendiente["huella"]:
                aviso = _(
                    "El catálogo cambió desde la vista previa. Revise de nuevo lo que se va a "
                    "importar y confirme."
                )
                return _vista_previa(request, revision, archivo, aviso=aviso)
            resumen = importacion.aplicar(revision, request.user)
    except ValidationError as error:
        # El archivo se leyó bien en la vista previa; si ahora no, se pide de nuevo.
        messages.error(request, " ".join(error.messages))
        return redirect("unidades:dependencia_importar")
    except IntegrityError:
        messages.error(
            request,
            _(
                "Otra persona cambió el catálogo al mismo tiempo y la importación no se aplicó; "
                "no se guardó nada. Suba el archivo de nuevo."
            ),
        )
        return redirect("unidades:dependencia_importar")
    messages.success(
        request,
        _(
            "Importación terminada. Instituciones nuevas, con su unidad: %(nuevas)s. "
            "Actualizadas: %(actualizadas)s. Sin cambios: %(sin_cambios)s."
        )
        % resumen,
    )
    return redirect("unidades:dependencia_lista")
