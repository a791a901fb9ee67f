"""El presupuesto para la igualdad (atribución VIII): el catálogo de programas presupuestarios
que lleva la Coordinación (alta, edición, baja, importación desde Excel), la página de cada
programa con las actividades que lo usan y las propuestas para mejorar sus indicadores, y el
presupuesto del año por institución, programa, estrategia del PED, eje y tipo de contribución.

Las sumas están en `planes.presupuesto`; la importación, en `planes.importacion_programas`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, ListView, UpdateView

from planes import importacion_programas as importacion
from planes import presupuesto as cuentas
from planes.forms.presupuesto import (
    MEJORAS_SUGERIDAS,
    ImportarProgramasForm,
    MejoraForm,
    ProgramaFiltroForm,
    ProgramaForm,
)
from planes.models import Actividad, MejoraPrograma, ProgramaPresupuestario
from uig_portal.lib.hojas import respuesta_xlsx
from uig_portal.lib.importacion_vistas import ImportacionDeCatalogo, ImportarView

PERMISOS_IMPORTAR = (
    "planes.add_programapresupuestario",
    "planes.change_programapresupuestario",
)
#: Llave de la sesión con el archivo que espera confirmación.
SESION_IMPORTACION = "importacion_programas"


def _anios_del_catalogo():
    return list(
        ProgramaPresupuestario.objects.order_by("-anio").values_list("anio", flat=True).distinct()
    )


# --- Catálogo -------------------------------------------------------------------------------


class ProgramaListView(PermissionRequiredMixin, ListView):
    """Los programas del catálogo, por ejercicio y con búsqueda."""

    permission_required = "planes.view_programapresupuestario"
    template_name = "planes/presupuesto/programa_lista.html"
    context_object_name = "programas"
    paginate_by = 50

    def get_queryset(self):
        self.anios = _anios_del_catalogo()
        self.form = ProgramaFiltroForm(self.request.GET or None, anios=self.anios)
        programas = ProgramaPresupuestario.objects.order_by("-anio", "clave")
        if not self.form.is_valid():
            return programas.none() if self.form.is_bound else programas
        anio, buscar = self.form.cleaned_data["anio"], self.form.cleaned_data["q"].strip()
        if anio:
            programas = programas.filter(anio=anio)
        if buscar:
            programas = programas.filter(
                Q(clave__icontains=buscar.replace(" ", ""))
                | Q(nombre__icontains=buscar)
                | Q(unidad_responsable__icontains=buscar)
            )
        return programas

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, anios=self.anios, **kwargs)


class ProgramaCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "planes.add_programapresupuestario"
    model = ProgramaPresupuestario
    form_class = ProgramaForm
    template_name = "planes/presupuesto/programa_formulario.html"
    extra_context = {"titulo": gettext_lazy("Nuevo programa presupuestario")}

    def get_initial(self):
        try:
            anio = int(self.request.GET.get("anio", ""))
        except ValueError:
            anio = timezone.localdate().year
        return {"anio": anio}

    def form_valid(self, form):
        self.object = form.save()
        messages.success(
            self.request,
            _("Se registró el programa %(clave)s de %(anio)s.")
            % {"clave": self.object.clave, "anio": self.object.anio},
        )
        return redirect(self.object)


@method_decorator(transaction.atomic, name="post")
class ProgramaUpdateView(PermissionRequiredMixin, UpdateView):
    """Edición de un programa. Al guardar, la fila queda bloqueada mientras el formulario
    compara su marca de edición: si otra persona guardó en medio, no se pisa su cambio."""

    permission_required = "planes.change_programapresupuestario"
    form_class = ProgramaForm
    template_name = "planes/presupuesto/programa_formulario.html"

    def get_queryset(self):
        programas = ProgramaPresupuestario.objects.all()
        if self.request.method == "POST":
            programas = programas.select_for_update()
        return programas

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user}

    def get_context_data(self, **kwargs):
        titulo = _("Editar el programa %(clave)s") % {"clave": self.object.clave}
        return super().get_context_data(titulo=titulo, **kwargs)

    def form_valid(self, form):
        self.object = form.save()
        messages.success(
            self.request,
            _("Se guardaron los cambios al programa %(clave)s.") % {"clave": self.object.clave},
        )
        return redirect(self.object)


@require_POST
@permission_required("planes.change_programapresupuestario", raise_exception=True)
def programa_desactivar(request, pk):
    """El programa deja de ofrecerse en los planes; las actividades que ya lo usan lo conservan."""
    return _cambiar_activo(request, pk, activo=False)


@require_POST
@permission_required("planes.change_programapresupuestario", raise_exception=True)
def programa_reactivar(request, pk):
    return _cambiar_activo(request, pk, activo=True)


def _cambiar_activo(request, pk, *, activo):
    programa = get_object_or_404(ProgramaPresupuestario, pk=pk)
    if programa.activo == activo:
        mensaje = (
            _("El programa %(clave)s ya estaba activo.")
            if activo
            else _("El programa %(clave)s ya estaba inactivo.")
        )
        messages.info(request, mensaje % {"clave": programa.clave})
        return redirect(programa)
    programa.activo = activo
    programa.save(update_fields=["activo", "actualizado"])
    if activo:
        mensaje = _(
            "El programa %(clave)s está activo otra vez y se ofrece en los planes de %(anio)s."
        )
    else:
        mensaje = _(
            "El programa %(clave)s quedó inactivo: ya no se ofrece en los planes de %(anio)s; "
            "las actividades que ya lo usan lo conservan."
        )
    messages.success(request, mensaje % {"clave": programa.clave, "anio": programa.anio})
    return redirect(programa)


@require_GET
@permission_required("planes.view_programapresupuestario", raise_exception=True)
def programa_exportar(request):
    """El catálogo en Excel (de un ejercicio, con ?anio=), listo para editarse e importarse."""
    programas = ProgramaPresupuestario.objects.order_by("-anio", "clave")
    anio = request.GET.get("anio", "")
    if anio.isdigit():
        programas = programas.filter(anio=int(anio))
    nombre = f"programas-presupuestarios-{anio if anio.isdigit() else 'todos'}.xlsx"
    return respuesta_xlsx(
        [
            (
                _("Programas presupuestarios"),
                importacion.encabezados_exportacion(),
                importacion.filas_exportacion(programas.iterator()),
            )
        ],
        nombre,
    )


# --- Un programa: su uso en los planes y sus propuestas de mejora -----------------------------


def _detalle(request, programa, *, mejora_form=None, status=200):
    actividades = Actividad.objects.visibles_para(request.user)
    puede_ver_mejoras = request.user.has_perm("planes.view_mejoraprograma")
    return render(
        request,
        "planes/presupuesto/programa_detalle.html",
        {
            "programa": programa,
            "uso": cuentas.uso_del_programa(programa, actividades),
            "ve_todo": request.user.ve_todas_las_dependencias,
            "mejoras": (
                list(programa.mejoras.select_related("creada_por")) if puede_ver_mejoras else []
            ),
            "puede_ver_mejoras": puede_ver_mejoras,
            "mejora_form": mejora_form or MejoraForm(),
            "sugeridas": MEJORAS_SUGERIDAS,
        },
        status=status,
    )


@require_GET
@permission_required("planes.view_programapresupuestario", raise_exception=True)
def programa_detalle(request, pk):
    return _detalle(request, get_object_or_404(ProgramaPresupuestario, pk=pk))


@require_POST
@permission_required("planes.add_mejoraprograma", raise_exception=True)
def programa_mejora_agregar(request, pk):
    programa = get_object_or_404(ProgramaPresupuestario, pk=pk)
    form = MejoraForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("No se guardó la propuesta de mejora: corrija lo marcado."))
        return _detalle(request, programa, mejora_form=form)
    form.guardar(programa, request.user)
    messages.success(request, _("Se agregó la propuesta de mejora del programa."))
    return redirect(f"{programa.get_absolute_url()}#mejoras")


@require_POST
@permission_required("planes.delete_mejoraprograma", raise_exception=True)
def programa_mejora_eliminar(request, pk, mejora_pk):
    mejora = get_object_or_404(
        MejoraPrograma.objects.select_related("programa"), pk=mejora_pk, programa_id=pk
    )
    mejora.delete()
    messages.success(request, _("Se eliminó la propuesta de mejora."))
    return redirect(f"{mejora.programa.get_absolute_url()}#mejoras")


# --- Importación ----------------------------------------------------------------------------


class ImportacionProgramas(ImportacionDeCatalogo):
    """El catálogo en Excel: las reglas están en `planes.importacion_programas`."""

    pasos = importacion
    sesion = SESION_IMPORTACION
    form_class = ImportarProgramasForm
    plantilla = "planes/presupuesto/programa_importar.html"
    plantilla_vista_previa = "planes/presupuesto/programa_importar_vista_previa.html"
    url_importar = "planes:programa_importar"
    url_confirmar = "planes:programa_importar_confirmar"
    url_lista = "planes:programa_lista"
    mensaje_exito = gettext_lazy(
        "Importación terminada. Programas nuevos: %(nuevos)s. Actualizados: "
        "%(actualizados)s. Sin cambios: %(sin_cambios)s."
    )


IMPORTACION = ImportacionProgramas()


class ProgramaImportarView(PermissionRequiredMixin, ImportarView):
    """Sube un libro de Excel y muestra la vista previa (o todos sus errores); no escribe nada."""

    permission_required = PERMISOS_IMPORTAR
    flujo = IMPORTACION


@require_POST
@permission_required(PERMISOS_IMPORTAR, raise_exception=True)
def programa_importar_confirmar(request):
    """Aplica el archivo de la vista previa: todas sus filas o ninguna, y una sola vez."""
    return IMPORTACION.confirmar(request)


# --- El presupuesto del año -----------------------------------------------------------------


def _anio_elegido(request, anios):
    """El ejercicio de ?anio= si es válido; si no, el más reciente con datos hasta el actual."""
    try:
        anio = int(request.GET.get("anio", ""))
    except ValueError:
        anio = None
    if anio is not None and 2020 <= anio <= 2100:
        return anio
    actual = timezone.localdate().year
    return next((a for a in anios if a <= actual), anios[0] if anios else actual)


@require_GET
@permission_required("planes.ver_presupuesto", raise_exception=True)
def presupuesto(request):
    anios = cuentas.anios_con_datos()
    anio = _anio_elegido(request, anios)
    return render(
        request,
        "planes/presupuesto/presupuesto.html",
        {
            "anio": anio,
            "anios": sorted({*anios, anio}, reverse=True),
            "presupuesto": cuentas.presupuesto_del_anio(anio),
            "url_xlsx": f"{reverse('planes:presupuesto_xlsx')}?anio={anio}",
        },
    )


def _renglones(renglones, columnas, total=None):
    """Filas de una hoja: las columnas propias de la tabla, los montos y, si se da, el total."""
    for r in [*renglones, *([total] if total is not None else [])]:
        propias = [r.etiqueta if c == "etiqueta" else r.detalle.get(c, "") for c in columnas]
        if r is total:
            propias = [r.etiqueta] + [""] * (len(columnas) - 1)
        yield [*propias, r.actividades, r.aprobado, r.ejercido, r.porcentaje]


@require_GET
@permission_required("planes.ver_presupuesto", raise_exception=True)
def presupuesto_xlsx(request):
    """El presupuesto del año en Excel: una hoja por agrupación y una con cada actividad; los
    montos como números."""
    anio = _anio_elegido(request, cuentas.anios_con_datos())
    datos = cuentas.presupuesto_del_anio(anio)
    montos = [_("Actividades"), _("Aprobado (pesos)"), _("Ejercido (pesos)"), _("% ejercido")]
    hojas = [
        (
            _("Por institución"),
            [_("Institución"), _("Siglas"), *montos],
            _renglones(datos.por_institucion, ["etiqueta", "siglas"], datos.total),
        ),
        (
            _("Por programa"),
            [
                _("Clave"),
                _("Programa presupuestario"),
                _("Unidad responsable"),
                _("Modalidad"),
                *montos,
            ],
            _renglones(
                datos.por_programa,
                ["clave", "nombre", "unidad_responsable", "modalidad"],
                datos.total,
            ),
        ),
        (
            _("Por estrategia del PED"),
            [_("Estrategia"), _("Descripción"), *montos],
            _renglones(datos.por_estrategia, ["clave", "descripcion"]),
        ),
        (_("Por eje"), [_("Eje"), *montos], _renglones(datos.por_eje, ["etiqueta"], datos.total)),
        (
            _("Por tipo de contribución"),
            [_("Tipo de contribución"), *montos],
            _renglones(datos.por_contribucion, ["etiqueta"], datos.total),
        ),
        (
            _("Actividades"),
            [
                _("Institución"),
                _("Siglas"),
                _("Versión del plan"),
                _("Actividad"),
                _("Clave del programa"),
                _("Programa presupuestario"),
                _("Eje"),
                _("Tipo de contribución"),
                _("Estrategias del PED"),
                _("Aprobado (pesos)"),
                _("Ejercido T1"),
                _("Ejercido T2"),
                _("Ejercido T3"),
                _("Ejercido T4"),
                _("Ejercido (pesos)"),
                _("% ejercido"),
            ],  # fmt: skip
            (
                [
                    a.institucion,
                    a.siglas,
                    a.plan_version,
                    a.descripcion,
                    a.programa_clave,
                    a.programa_nombre,
                    a.eje_legible,
                    a.contribucion_legible,
                    "; ".join(clave for clave, _d in a.estrategias),
                    a.aprobado,
                    *[a.ejercido_por_trimestre.get(t) for t in range(1, 5)],
                    a.ejercido,
                    a.porcentaje,
                ]  # fmt: skip
                for a in datos.actividades
            ),
        ),
    ]
    # La hoja de estrategias no lleva total: una actividad alineada con dos cuenta en las dos.
    return respuesta_xlsx(hojas, f"presupuesto-igualdad-{anio}.xlsx")
