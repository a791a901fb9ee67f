"""El expediente de una institución: su unidad, su ciclo de instalación, sus integrantes y
las evidencias de cada paso de la guía."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from uig_portal.lib import concurrencia
from uig_portal.lib.archivos import respuesta_descarga
from uig_portal.lib.correo import informar_reparto
from uig_portal.lib.historial import combinar, entradas
from unidades import services
from unidades.filters import DependenciaFilter
from unidades.forms.expediente import (
    AvanzarForm,
    BajaIntegranteForm,
    EvidenciaForm,
    IntegranteForm,
    ModalidadForm,
    RevisionForm,
    UnidadContactoForm,
)
from unidades.models import Dependencia, Evidencia, Integrante, PasoGuia, Unidad


class DependenciaListView(PermissionRequiredMixin, FilterView):
    permission_required = "unidades.view_dependencia"
    filterset_class = DependenciaFilter
    template_name = "unidades/dependencia_lista.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            Dependencia.objects.visibles_para(self.request.user)
            .select_related("unidad")
            .con_responsables()
            .order_by("nombre")
        )


def _unidad_visible(usuario, pk):
    """La unidad de la institución `pk`, si la persona puede verla; si no, 404."""
    return get_object_or_404(
        Unidad.objects.visibles_para(usuario).select_related("dependencia"), dependencia_id=pk
    )


def lista_de_verificacion(unidad, pasos, evidencias, registros):
    """Por cada paso de la guía: sus evidencias o su registro en el portal, y en qué va.

    `registros` es `Unidad.registros_del_portal(pasos)`: los pasos que el portal registra
    (asesoría, diagnóstico, plan, informe) se cumplen con su registro, sin evidencia.
    """
    por_paso = {}
    for evidencia in evidencias:
        por_paso.setdefault(evidencia.paso_id, []).append(evidencia)
    cumplidos = unidad.pasos_cumplidos(pasos, evidencias, registros)
    filas = []
    for paso in pasos:
        propias = por_paso.get(paso.pk, [])
        estados = {e.estado for e in propias}
        registro = registros.get(paso.registro_automatico) if paso.registro_automatico else None
        if registro is not None:
            situacion, clase = _("Cumplido en el portal"), "success"
        elif Evidencia.Estado.VALIDADA in estados:
            situacion, clase = _("Validada"), "success"
        elif paso.registro_automatico:
            situacion, clase = _("Lo registra el portal"), "secondary"
        elif Evidencia.Estado.PENDIENTE in estados:
            situacion, clase = _("Por revisar"), "warning"
        elif Evidencia.Estado.RECHAZADA in estados:
            situacion, clase = _("Rechazada: suba otra"), "danger"
        else:
            situacion, clase = _("Sin evidencia"), "secondary"
        aplica = paso.aplica_a_enlace or unidad.modalidad == Unidad.Modalidad.UNIDAD
        filas.append(
            {
                "paso": paso,
                "evidencias": propias,
                "situacion": situacion,
                "clase": clase,
                "aplica": aplica,
                "registro": registro,
                "completo": paso.pk in cumplidos,
            }
        )
    return filas


class DependenciaDetailView(PermissionRequiredMixin, DetailView):
    """El expediente de la institución."""

    permission_required = "unidades.view_dependencia"
    template_name = "unidades/dependencia_detalle.html"

    def get_queryset(self):
        return Dependencia.objects.visibles_para(self.request.user).select_related("unidad")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dependencia = self.object
        unidad = dependencia.unidad
        pasos = list(PasoGuia.objects.activos())
        evidencias = list(
            unidad.evidencias.select_related("subida_por", "revisada_por").order_by("-subida_en")
        )
        integrantes = list(unidad.integrantes.all())
        siguiente = unidad.siguiente_estado
        registros = unidad.registros_del_portal(pasos)
        faltan = (
            unidad.pasos_que_faltan(siguiente, pasos, evidencias, registros) if siguiente else []
        )
        context.update(
            unidad=unidad,
            ciclo=[
                {
                    "estado": estado,
                    "fecha": unidad.fecha_de(estado),
                    "hecho": Unidad.ORDEN.index(estado) <= Unidad.ORDEN.index(unidad.estado),
                    "actual": estado == unidad.estado,
                }
                for estado in Unidad.ORDEN
            ],
            siguiente=siguiente,
            faltan=faltan,
            faltan_evidencia=[p for p in faltan if not p.registro_automatico],
            faltan_portal=[p for p in faltan if p.registro_automatico],
            verificacion=lista_de_verificacion(unidad, pasos, evidencias, registros),
            integrantes_vigentes=[i for i in integrantes if i.fecha_baja is None],
            integrantes_anteriores=[i for i in integrantes if i.fecha_baja is not None],
            personas=dependencia.usuarios.filter(is_active=True)
            .prefetch_related("groups")
            .order_by("first_name", "last_name"),
            avanzar_form=AvanzarForm(),
            modalidad_form=ModalidadForm(instance=unidad),
            evidencia_form=EvidenciaForm(),
            historial=combinar(
                entradas(dependencia.history.select_related("history_user")[:15], _("Institución")),
                entradas(unidad.history.select_related("history_user")[:15], _("Unidad")),
                entradas(
                    Integrante.history.filter(unidad_id=unidad.pk).select_related("history_user")[
                        :15
                    ],
                    _("Integrante"),
                ),
                entradas(
                    Evidencia.history.filter(unidad_id=unidad.pk).select_related("history_user")[
                        :15
                    ],
                    _("Evidencia"),
                ),
            ),
        )
        return context


@require_POST
@permission_required("unidades.cambiar_estado_unidad", raise_exception=True)
def unidad_avanzar(request, pk):
    with transaction.atomic():
        unidad = get_object_or_404(
            Unidad.objects.visibles_para(request.user).select_for_update(), dependencia_id=pk
        )
        form = AvanzarForm(request.POST)
        vieja = None
        if request.POST.get("version"):
            try:
                concurrencia.comprobar(
                    unidad,
                    concurrencia.revision_enviada(request.POST, "version"),
                    que=_("el estado de la unidad"),
                    usuario=request.user,
                    campo="version",
                    momento="actualizada",
                )
            except concurrencia.EdicionVieja as error:
                vieja = error
        if vieja is not None:
            messages.error(request, vieja.mensaje)
        elif not form.is_valid():
            messages.error(request, _("Escriba una fecha válida (día/mes/año)."))
        else:
            try:
                nuevo = unidad.avanzar(fecha=form.cleaned_data["fecha"])
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(
                    request, _("La unidad pasó a «%(estado)s».") % {"estado": nuevo.label}
                )
    return redirect("unidades:dependencia_detalle", pk=pk)


@require_POST
@permission_required("unidades.cambiar_estado_unidad", raise_exception=True)
def unidad_modalidad(request, pk):
    unidad = _unidad_visible(request.user, pk)
    form = ModalidadForm(request.POST, instance=unidad)
    if form.is_valid():
        unidad = form.save(commit=False)
        unidad.version += 1
        unidad.save(update_fields=["modalidad", "version", "actualizada"])
        messages.success(request, _("Se guardó la modalidad de la unidad."))
    else:
        messages.error(request, _("Elija una modalidad válida."))
    return redirect("unidades:dependencia_detalle", pk=pk)


@permission_required("unidades.change_unidad", raise_exception=True)
def unidad_contacto(request, pk):
    unidad = _unidad_visible(request.user, pk)
    form = UnidadContactoForm(instance=unidad)
    if request.method == "POST":
        with transaction.atomic():
            # Con la fila bloqueada, la versión del formulario se compara con la vigente:
            # si alguien guardó en medio, el formulario lo rechaza en lugar de pisarlo.
            unidad = _unidad_visible(request.user, pk)
            unidad = Unidad.objects.select_for_update().get(pk=unidad.pk)
            form = UnidadContactoForm(request.POST, instance=unidad, usuario=request.user)
            if form.is_valid():
                unidad = form.save(commit=False)
                unidad.version += 1
                unidad.save()
                messages.success(request, _("Se guardaron los datos de contacto de la unidad."))
                return redirect("unidades:dependencia_detalle", pk=pk)
    return render(
        request,
        "unidades/unidad_contacto.html",
        {
            "form": form,
            "unidad": unidad,
            "titulo": _("Datos de contacto de la unidad"),
            "boton": _("Guardar"),
        },
    )


@permission_required("unidades.add_integrante", raise_exception=True)
def integrante_nuevo(request, pk):
    unidad = _unidad_visible(request.user, pk)
    form = IntegranteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            integrante = services.integrante_designar(unidad=unidad, datos=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Se registró a %(nombre)s en la unidad.") % {"nombre": integrante.nombre}
            )
            return redirect("unidades:dependencia_detalle", pk=pk)
    return render(
        request,
        "unidades/integrante_form.html",
        {
            "form": form,
            "unidad": unidad,
            "titulo": _("Registrar integrante"),
            "boton": _("Registrar"),
        },
    )


@permission_required("unidades.change_integrante", raise_exception=True)
def integrante_baja(request, pk, integrante_pk):
    unidad = _unidad_visible(request.user, pk)
    integrante = get_object_or_404(unidad.integrantes.vigentes(), pk=integrante_pk)
    form = BajaIntegranteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        integrante.fecha_baja = form.cleaned_data["fecha_baja"]
        integrante.motivo_baja = form.cleaned_data["motivo_baja"]
        try:
            integrante.full_clean()
        except ValidationError as error:
            form.add_error("fecha_baja", error.messages[0])
        else:
            integrante.save(update_fields=["fecha_baja", "motivo_baja"])
            messages.success(
                request, _("Se registró la baja de %(nombre)s.") % {"nombre": integrante.nombre}
            )
            return redirect("unidades:dependencia_detalle", pk=pk)
    return render(
        request,
        "unidades/integrante_baja.html",
        {
            "form": form,
            "unidad": unidad,
            "integrante": integrante,
            "titulo": _("Dar de baja a una persona de la unidad"),
            "boton": _("Registrar la baja"),
        },
    )


@require_POST
@permission_required("unidades.add_evidencia", raise_exception=True)
def evidencia_subir(request, pk, paso_pk):
    unidad = _unidad_visible(request.user, pk)
    paso = get_object_or_404(PasoGuia.objects.activos(), pk=paso_pk)
    form = EvidenciaForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Elija el archivo que quiere subir."))
    else:
        try:
            services.evidencia_subir(
                unidad=unidad, paso=paso, archivo=form.cleaned_data["archivo"], usuario=request.user
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Se subió la evidencia de «%(paso)s»; la Coordinación la revisará.")
                % {"paso": paso.titulo},
            )
    return redirect(f"{unidad.dependencia.get_absolute_url()}#paso-{paso.pk}")


@require_GET
@permission_required("unidades.view_evidencia", raise_exception=True)
def evidencia_descargar(request, pk):
    evidencia = get_object_or_404(Evidencia.objects.visibles_para(request.user), pk=pk)
    return respuesta_descarga(
        evidencia.archivo,
        evidencia.tipo_contenido,
        f"evidencia-{evidencia.paso.clave}-{evidencia.pk}",
    )


@require_POST
@permission_required("unidades.revisar_evidencia", raise_exception=True)
def evidencia_revisar(request, pk):
    evidencia = get_object_or_404(
        Evidencia.objects.visibles_para(request.user).select_related("unidad__dependencia", "paso"),
        pk=pk,
    )
    form = RevisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indique si valida o rechaza la evidencia."))
    else:
        try:
            reparto = services.evidencia_revisar(
                evidencia=evidencia,
                usuario=request.user,
                validar=form.cleaned_data["decision"] == "validar",
                comentario=form.cleaned_data["comentario"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            texto = _("La evidencia de «%(paso)s» quedó %(estado)s.") % {
                "paso": evidencia.paso.titulo,
                "estado": evidencia.get_estado_display().lower(),
            }
            if reparto is None:
                messages.success(request, texto)
            else:
                informar_reparto(request, reparto, texto, avisadas=_texto_motivo_enviado)
    return redirect(f"{evidencia.unidad.dependencia.get_absolute_url()}#paso-{evidencia.paso_id}")


def _texto_motivo_enviado(n):
    if n:
        return _("Se envió el motivo por correo a las personas responsables de la institución.")
    return _("No se envió el motivo por correo.")
