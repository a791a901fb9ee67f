"""Asesorías a cada institución, reuniones de planeación operativa con todas las unidades y
los acuerdos que salen de ambas.

Todo objeto se obtiene con `visibles_para(request.user)`: el de otra institución es un 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from uig_portal.lib.archivos import respuesta_descarga
from uig_portal.lib.correo import informar_reparto
from uig_portal.lib.historial import combinar, entradas
from unidades import notificaciones
from unidades.forms.reuniones import (
    AcuerdoActualizarForm,
    AcuerdoFiltroForm,
    AcuerdosAsesoriaFormSet,
    AcuerdosReunionFormSet,
    AsesoriaFiltroForm,
    AsesoriaForm,
    AsistenciaFormSet,
    AsistentesFormSet,
    ReunionForm,
)
from unidades.models import (
    Acuerdo,
    Asesoria,
    AsistenciaReunion,
    AsistenteAsesoria,
    Reunion,
    Sexo,
)

TAMANO_PAGINA = 25
#: Instituciones por página al capturar asistencia: cuatro campos por fila, y Django rechaza
#: formularios de más de 1,000 campos (DATA_UPLOAD_MAX_NUMBER_FIELDS).
INSTITUCIONES_POR_CAPTURA = 100

#: Cómo se cuenta la asistencia por sexo en las fichas.
POR_SEXO = {
    Sexo.MUJER: gettext_lazy("Mujeres"),
    Sexo.HOMBRE: gettext_lazy("Hombres"),
    Sexo.NO_ESPECIFICADO: gettext_lazy("Sin especificar"),
}


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


def _acuerdos_visibles(usuario):
    return Acuerdo.objects.visibles_para(usuario).select_related(
        "dependencia", "reunion", "asesoria"
    )


def _descargar(objeto, nombre_base):
    """El documento de `objeto` como descarga, con un nombre que elige el servidor."""
    return respuesta_descarga(objeto.documento, objeto.tipo_documento, nombre_base)


class FormsetsMixin:
    """Un formulario principal con formsets en línea, validados y guardados juntos.

    Nada se guarda si algo no es válido; si todo lo es, se guarda en una transacción.
    """

    formsets = {}
    success_message = ""

    def get_formsets(self, form):
        datos = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return {
            prefijo: clase(*datos, instance=form.instance, prefix=prefijo)
            for prefijo, clase in self.formsets.items()
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        formsets = context.setdefault("formsets", self.get_formsets(form))
        context["hay_errores"] = form.is_bound and (
            bool(form.errors) or any(f.total_error_count() for f in formsets.values())
        )
        return context

    def form_valid(self, form):
        formsets = self.get_formsets(form)
        if not all([f.is_valid() for f in formsets.values()]):
            return self.render_to_response(self.get_context_data(form=form, formsets=formsets))
        with transaction.atomic():
            self.object = self.guardar(form, formsets)
        self.informar()
        return redirect(self.object)

    def informar(self):
        messages.success(self.request, self.success_message)

    def form_invalid(self, form):
        formsets = self.get_formsets(form)
        for formset in formsets.values():
            formset.is_valid()  # Para mostrar también sus errores.
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))


# --- Asesorías ---------------------------------------------------------------------------


class AsesoriaListView(PermissionRequiredMixin, ListView):
    permission_required = "unidades.view_asesoria"
    template_name = "unidades/asesoria_lista.html"
    paginate_by = TAMANO_PAGINA

    def get_queryset(self):
        visibles = Asesoria.objects.visibles_para(self.request.user)
        self.filtro = AsesoriaFiltroForm(
            self.request.GET or None, usuario=self.request.user, asesorias=visibles
        )
        qs = visibles.select_related("dependencia").annotate(
            num_asistentes=_contar(AsistenteAsesoria, "asesoria"),
            num_acuerdos=_contar(Acuerdo, "asesoria"),
        )
        if self.filtro.is_valid():
            if dependencia := self.filtro.cleaned_data.get("dependencia"):
                qs = qs.filter(dependencia=dependencia)
            if anio := self.filtro.cleaned_data.get("anio"):
                qs = qs.filter(fecha__year=anio)
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filtro=self.filtro, **kwargs)


class AsesoriaDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "unidades.view_asesoria"
    template_name = "unidades/asesoria_detalle.html"

    def get_queryset(self):
        return Asesoria.objects.visibles_para(self.request.user).select_related(
            "dependencia", "registrada_por"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asesoria = self.object
        asistentes = list(asesoria.asistentes.all())
        por_sexo = {valor: 0 for valor in Sexo.values}
        for persona in asistentes:
            por_sexo[persona.sexo] += 1
        context["asistentes"] = asistentes
        context["por_sexo"] = [(etiqueta, por_sexo[valor]) for valor, etiqueta in POR_SEXO.items()]
        context["acuerdos"] = _acuerdos_visibles(self.request.user).filter(asesoria=asesoria)
        context["historial"] = combinar(
            entradas(asesoria.history.select_related("history_user")[:20], _("Asesoría")),
            entradas(
                AsistenteAsesoria.history.filter(asesoria_id=asesoria.pk)
                .select_related("history_user")
                .order_by("-history_date")[:20],
                _("Persona asistente"),
            ),
        )
        return context


class AsesoriaFormMixin(FormsetsMixin):
    model = Asesoria
    form_class = AsesoriaForm
    template_name = "unidades/asesoria_form.html"
    formsets = {"asistentes": AsistentesFormSet, "acuerdos": AcuerdosAsesoriaFormSet}

    def get_queryset(self):
        return Asesoria.objects.visibles_para(self.request.user)

    def guardar(self, form, formsets):
        if form.instance.pk is None:
            form.instance.registrada_por = self.request.user
        asesoria = form.save()
        formsets["asistentes"].save()
        # Los acuerdos de una asesoría le tocan a la institución asesorada.
        acuerdos = formsets["acuerdos"]
        for acuerdo in acuerdos.save(commit=False):
            acuerdo.dependencia = asesoria.dependencia
            acuerdo.save()
        for acuerdo in acuerdos.deleted_objects:
            acuerdo.delete()
        # Si cambió la institución de la asesoría, sus acuerdos la siguen.
        for acuerdo in asesoria.acuerdos.filter(dependencia__isnull=False).exclude(
            dependencia=asesoria.dependencia
        ):
            acuerdo.dependencia = asesoria.dependencia
            acuerdo.save()
        return asesoria


class AsesoriaCreateView(PermissionRequiredMixin, AsesoriaFormMixin, CreateView):
    permission_required = "unidades.add_asesoria"
    success_message = gettext_lazy("La asesoría quedó registrada.")


class AsesoriaUpdateView(PermissionRequiredMixin, AsesoriaFormMixin, UpdateView):
    permission_required = "unidades.change_asesoria"
    success_message = gettext_lazy("Los cambios de la asesoría se guardaron.")


@permission_required("unidades.view_asesoria", raise_exception=True)
def asesoria_documento(request, pk):
    asesoria = get_object_or_404(Asesoria.objects.visibles_para(request.user), pk=pk)
    return _descargar(asesoria, f"asesoria-{asesoria.pk}-{asesoria.fecha:%Y-%m-%d}")


# --- Reuniones ---------------------------------------------------------------------------


class ReunionListView(PermissionRequiredMixin, ListView):
    permission_required = "unidades.view_reunion"
    template_name = "unidades/reunion_lista.html"
    paginate_by = TAMANO_PAGINA

    def get_queryset(self):
        # Subconsultas y no JOIN + COUNT: el filtro de alcance de una institución ya une las
        # convocadas, y un Count sobre esa unión contaría solo la suya.
        asistentes = (
            AsistenciaReunion.objects.filter(reunion=OuterRef("pk"))
            .order_by()
            .values("reunion")
            .annotate(n=Sum(F("mujeres") + F("hombres") + F("sin_especificar")))
            .values("n")
        )
        qs = Reunion.objects.visibles_para(self.request.user).annotate(
            num_invitadas=_contar(Reunion.invitadas.through, "reunion"),
            num_asistentes=Coalesce(Subquery(asistentes), 0, output_field=IntegerField()),
        )
        self.anio = self.request.GET.get("anio", "")
        if self.anio.isdigit():
            qs = qs.filter(fecha__year=int(self.anio))
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["anios"] = [
            f.year
            for f in Reunion.objects.visibles_para(self.request.user).dates(
                "fecha", "year", order="DESC"
            )
        ]
        context["anio_actual"] = int(self.anio) if self.anio.isdigit() else None
        context["ahora"] = timezone.now()
        return context


class ReunionDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "unidades.view_reunion"
    template_name = "unidades/reunion_detalle.html"

    def get_queryset(self):
        return Reunion.objects.visibles_para(self.request.user).select_related("convocada_por")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reunion = self.object
        invitadas = list(reunion.invitadas.order_by("nombre"))
        # Por nombre de institución (el orden del modelo); incluye a quien asistió aunque
        # después se haya quitado su invitación.
        asistencias = list(reunion.asistencias.select_related("dependencia"))
        con_registro = {a.dependencia_id for a in asistencias}
        totales = {
            campo: sum(getattr(a, campo) for a in asistencias)
            for campo in ("mujeres", "hombres", "sin_especificar")
        }
        totales["total"] = sum(totales.values())
        context.update(
            invitadas=invitadas,
            asistencias=asistencias,
            sin_registro=[d for d in invitadas if d.pk not in con_registro],
            totales=totales,
            acuerdos=_acuerdos_visibles(self.request.user).filter(reunion=reunion),
            historial=combinar(
                entradas(reunion.history.select_related("history_user")[:20], _("Reunión")),
                entradas(
                    AsistenciaReunion.history.filter(reunion_id=reunion.pk)
                    .select_related("history_user")
                    .order_by("-history_date")[:20],
                    _("Asistencia"),
                ),
            ),
        )
        return context


class ReunionFormMixin(FormsetsMixin):
    model = Reunion
    form_class = ReunionForm
    template_name = "unidades/reunion_form.html"
    formsets = {"acuerdos": AcuerdosReunionFormSet}

    def get_queryset(self):
        return Reunion.objects.visibles_para(self.request.user)

    def guardar(self, form, formsets):
        nueva = form.instance.pk is None
        if nueva:
            form.instance.convocada_por = self.request.user
            antes, cita_previa = set(), None
        else:
            # Lo guardado antes de este cambio (la instancia ya trae los datos del formulario).
            antes = set(form.instance.invitadas.values_list("pk", flat=True))
            cita_previa = (
                Reunion.objects.filter(pk=form.instance.pk)
                .values(*notificaciones.CAMPOS_DE_LA_CITA)
                .first()
            )
        reunion = form.save()
        formsets["acuerdos"].save()
        cambio_la_cita = cita_previa is not None and any(
            cita_previa[campo] != getattr(reunion, campo)
            for campo in notificaciones.CAMPOS_DE_LA_CITA
        )
        self.convocar(reunion, antes, cambio_la_cita=cambio_la_cita)
        return reunion

    def convocar(self, reunion, antes, *, cambio_la_cita):
        """Manda la convocatoria a las instituciones recién convocadas y, si cambió la fecha,
        la modalidad, el lugar o el enlace, avisa a las que ya lo estaban. Una reunión que ya
        pasó no se convoca: se está registrando después."""
        self.reparto = None
        self.ya_paso = False
        invitadas = list(reunion.invitadas.order_by("nombre"))
        nuevas = [d for d in invitadas if d.pk not in antes]
        ya_convocadas = [d for d in invitadas if d.pk in antes] if cambio_la_cita else []
        if not nuevas and not ya_convocadas:
            return
        if reunion.celebrada:
            self.ya_paso = bool(nuevas)
            return
        self.reparto = notificaciones.avisar_convocatoria(reunion, nuevas, ya_convocadas)

    def informar(self):
        if self.reparto is not None:
            informar_reparto(self.request, self.reparto, str(self.success_message))
        elif self.ya_paso:
            messages.success(
                self.request,
                "{} {}".format(
                    self.success_message,
                    _("La fecha de la reunión ya pasó: no se envió la convocatoria por correo."),
                ),
            )
        else:
            super().informar()


class ReunionCreateView(PermissionRequiredMixin, ReunionFormMixin, CreateView):
    permission_required = "unidades.add_reunion"
    success_message = gettext_lazy("La reunión quedó registrada.")


class ReunionUpdateView(PermissionRequiredMixin, ReunionFormMixin, UpdateView):
    permission_required = "unidades.change_reunion"
    success_message = gettext_lazy("Los cambios de la reunión se guardaron.")


class ReunionAsistenciaView(PermissionRequiredMixin, DetailView):
    """Captura de asistencia: una fila por institución convocada, guardadas todas juntas."""

    permission_required = "unidades.change_reunion"
    template_name = "unidades/reunion_asistencia.html"

    def get_queryset(self):
        return Reunion.objects.visibles_para(self.request.user)

    def get_formset(self):
        pagina = Paginator(
            self.object.invitadas.order_by("nombre", "pk"), INSTITUCIONES_POR_CAPTURA
        ).get_page(self.request.GET.get("page"))
        asistencias = {
            a.dependencia_id: a
            for a in self.object.asistencias.filter(dependencia__in=list(pagina.object_list))
        }
        datos = (self.request.POST,) if self.request.method == "POST" else ()
        formset = AsistenciaFormSet(
            *datos, instituciones=pagina.object_list, asistencias=asistencias, prefix="asistencia"
        )
        return pagina, asistencias, formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "formset" not in kwargs:
            context["page_obj"], _asistencias, context["formset"] = self.get_formset()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        pagina, asistencias, formset = self.get_formset()
        if not formset.is_valid():
            messages.error(request, _("Revise los números marcados: no se guardó nada."))
            return self.render_to_response(self.get_context_data(formset=formset, page_obj=pagina))
        with transaction.atomic():
            for form in formset:
                if not form.has_changed():
                    continue
                valores = {c: form.cleaned_data[c] for c in form.CAMPOS}
                asistencia = asistencias.get(form.institucion.pk) or AsistenciaReunion(
                    reunion=self.object, dependencia=form.institucion
                )
                for campo, valor in valores.items():
                    setattr(asistencia, campo, valor)
                asistencia.save()
        messages.success(request, _("La asistencia se guardó."))
        if pagina.has_next():
            return redirect(f"{request.path}?page={pagina.next_page_number()}")
        return redirect(self.object)


@permission_required("unidades.view_reunion", raise_exception=True)
def reunion_documento(request, pk):
    reunion = get_object_or_404(Reunion.objects.visibles_para(request.user), pk=pk)
    return _descargar(reunion, f"reunion-{reunion.pk}-{timezone.localtime(reunion.fecha):%Y-%m-%d}")


# --- Acuerdos ----------------------------------------------------------------------------


class AcuerdoListView(PermissionRequiredMixin, ListView):
    """Acuerdos por institución; los abiertos primero, con los vencidos resaltados."""

    permission_required = "unidades.view_acuerdo"
    template_name = "unidades/acuerdo_lista.html"
    paginate_by = TAMANO_PAGINA

    def get_queryset(self):
        visibles = Acuerdo.objects.visibles_para(self.request.user)
        self.filtro = AcuerdoFiltroForm(
            self.request.GET or None, usuario=self.request.user, acuerdos=visibles
        )
        self.estado, dependencia = self.filtro.valores()
        if dependencia == AcuerdoFiltroForm.COORDINACION:
            visibles = visibles.filter(dependencia__isnull=True)
        elif dependencia:
            visibles = visibles.filter(dependencia_id=dependencia)
        self.en_alcance = visibles
        por_estado = {
            "abiertos": visibles.abiertos(),
            "vencidos": visibles.vencidos(),
            "cumplidos": visibles.filter(estado=Acuerdo.Estado.CUMPLIDO),
            "todos": visibles,
        }
        return (
            por_estado[self.estado]
            .select_related("dependencia", "reunion", "asesoria")
            .order_by(F("dependencia__nombre").asc(nulls_first=True), "fecha_compromiso", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hoy = timezone.localdate()
        pendiente = Q(estado=Acuerdo.Estado.PENDIENTE)
        context["resumen"] = self.en_alcance.aggregate(
            abiertos=Count("pk", filter=pendiente),
            vencidos=Count("pk", filter=pendiente & Q(fecha_compromiso__lt=hoy)),
            cumplidos=Count("pk", filter=Q(estado=Acuerdo.Estado.CUMPLIDO)),
        )
        context["filtro"] = self.filtro
        context["estado"] = self.estado
        context["titulo"] = {
            "abiertos": _("Acuerdos abiertos por institución"),
            "vencidos": _("Acuerdos vencidos por institución"),
            "cumplidos": _("Acuerdos cumplidos por institución"),
            "todos": _("Todos los acuerdos por institución"),
        }[self.estado]
        return context


def _siguiente(request, predeterminada):
    """A dónde volver después de un POST: la página de origen, si es de este sitio."""
    destino = request.POST.get("siguiente", "")
    if url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return destino
    return predeterminada


@require_POST
@permission_required("unidades.change_acuerdo", raise_exception=True)
def acuerdo_actualizar(request, pk):
    """La institución responsable marca su acuerdo cumplido o pendiente y anota su avance.

    Con htmx devuelve la fila actualizada; sin JavaScript, redirige a la página de origen.
    """
    acuerdo = get_object_or_404(_acuerdos_visibles(request.user), pk=pk)
    siguiente = _siguiente(request, reverse("unidades:acuerdo_lista"))
    form = AcuerdoActualizarForm(request.POST, instance=acuerdo)
    guardado = form.is_valid()
    if guardado:
        form.save()
    else:
        acuerdo.refresh_from_db()  # La fila muestra lo guardado, no lo rechazado.
    if request.htmx:
        return render(
            request,
            "unidades/acuerdo_fila.html",
            {
                "acuerdo": acuerdo,
                "errores": form.errors,
                "guardado": guardado,
                "siguiente": siguiente,
            },
        )
    if guardado:
        messages.success(request, _("El acuerdo se actualizó."))
    else:
        for errores in form.errors.values():
            for error in errores:
                messages.error(
                    request, _("El acuerdo no se actualizó: %(error)s") % {"error": error}
                )
    return redirect(f"{siguiente}#acuerdo-{acuerdo.pk}")
