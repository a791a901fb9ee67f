"""La página del plan de trabajo, su flujo de revisión, su PDF y la lista de la Coordinación.

Toda vista obtiene los planes con `PlanTrabajo.objects.visibles_para(usuario)`: el plan de otra
institución no existe para ella (404) y la falta de permiso es un 403. Los cambios de estado
son POST y viven en `planes.services`, que bloquea la fila del plan mientras decide.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, ListView

from planes import services
from planes.avance import informes_atrasados
from planes.diferencias import instantanea
from planes.forms.flujo import ModificacionForm, ObservacionForm, PlanFiltroForm
from planes.models import (
    MESES,
    TRIMESTRES,
    Actividad,
    Alineacion,
    InformeTrimestral,
    Observacion,
    PlanTrabajo,
    Seguimiento,
    TipoContribucion,
)
from uig_portal.lib.cifras import porcentaje_exacto
from uig_portal.lib.historial import combinar, entradas
from uig_portal.lib.hojas import respuesta_xlsx
from uig_portal.lib.pdf import render_pdf, respuesta_pdf
from unidades.models import Dependencia

Estado = PlanTrabajo.Estado

#: Campos que el historial del plan no muestra: contadores internos y marcas de tiempo.
OMITIR_EN_HISTORIAL = (
    "id",
    "version",
    "revision",
    "actualizado",
    "actualizada",
    "creado",
    "creada",
)
#: Cuántas instituciones sin plan se listan; el total siempre se muestra.
TOPE_SIN_PLAN = 50


def _planes_visibles(usuario):
    return PlanTrabajo.objects.visibles_para(usuario).select_related(
        "unidad__dependencia", "aprobado_por"
    )


def _plan_visible(usuario, pk):
    return get_object_or_404(_planes_visibles(usuario), pk=pk)


def _entero(valor, predeterminado=0):
    try:
        return int(valor)
    except (TypeError, ValueError):
        return predeterminado


# --- La página del plan ---------------------------------------------------------------------


class PlanDetailView(PermissionRequiredMixin, DetailView):
    """El plan tal como está: encabezado, actividades, observaciones, versiones e historial."""

    permission_required = "planes.view_plantrabajo"
    template_name = "planes/plan_detalle.html"
    context_object_name = "plan"

    def get_queryset(self):
        return _planes_visibles(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        usuario = self.request.user
        actividades = services.actividades_de(plan)
        observaciones = list(plan.observaciones.select_related("autor", "respondida_por"))
        # La última vuelta de revisión: qué cambió entre el plan devuelto y el reenviado
        # (o el actual, mientras la unidad lo corrige).
        devolucion = plan.devoluciones.select_related("devuelta_por", "reenviada_por").last()
        diferencias = (
            devolucion.diferencias(plan_actual=instantanea(plan, actividades))
            if devolucion is not None
            else None
        )
        vuelta = [o for o in observaciones if devolucion and o.devolucion_id == devolucion.pk]
        por_actividad = {}
        for observacion in observaciones:
            por_actividad.setdefault(observacion.actividad_id, []).append(observacion)
            observacion.cambio = (
                diferencias.de_actividad(observacion.actividad_id)
                if diferencias is not None and observacion.actividad_id is not None
                else None
            )
        filas = [
            {
                "numero": numero,
                "actividad": actividad,
                "alineaciones": list(actividad.alineaciones.all()),
                "observaciones": por_actividad.get(actividad.pk, []),
            }
            for numero, actividad in enumerate(actividades, start=1)
        ]
        versiones = list(
            PlanTrabajo.objects.filter(unidad_id=plan.unidad_id, anio=plan.anio)
            .select_related("aprobado_por")
            .order_by("version")
        )
        tiene_posterior = any(v.anterior_id == plan.pk for v in versiones)
        puede_enviar = usuario.has_perm("planes.enviar_plan") and plan.editable
        puede_revisar = usuario.has_perm("planes.revisar_plan") and plan.estado == Estado.ENVIADO
        actividad_inicial = self.request.GET.get("actividad", "")
        context.update(
            dependencia=plan.unidad.dependencia,
            filas=filas,
            alineacion=services.resumen_alineacion(actividades),
            observaciones_plan=por_actividad.get(None, []),
            observaciones_actividades=[f for f in filas if f["observaciones"]],
            hay_observaciones=bool(observaciones),
            pendientes=[o for o in observaciones if not o.atendida],
            nuevas=[o for o in observaciones if o.devolucion_id is None and not o.atendida],
            devolucion=devolucion,
            diferencias=diferencias,
            vuelta=vuelta,
            vuelta_atendidas=sum(1 for o in vuelta if o.atendida),
            vuelta_respondidas=sum(1 for o in vuelta if o.respuesta),
            versiones=versiones,
            ultima_version=versiones[-1] if versiones else plan,
            tiene_posterior=tiene_posterior,
            faltantes=services.plan_faltantes(plan=plan, actividades=actividades)
            if plan.editable
            else [],
            puede_enviar=puede_enviar,
            puede_revisar=puede_revisar,
            puede_modificar=usuario.has_perm("planes.add_plantrabajo")
            and plan.estado == Estado.APROBADO
            and not tiene_posterior,
            observacion_form=ObservacionForm(
                actividades=actividades,
                initial={"actividad": actividad_inicial if actividad_inicial.isdigit() else ""},
            )
            if puede_revisar
            else None,
            modificacion_form=ModificacionForm(),
            historial=combinar(
                entradas(
                    plan.history.select_related("history_user")[:15],
                    _("Plan"),
                    OMITIR_EN_HISTORIAL,
                ),
                entradas(
                    Actividad.history.filter(plan_id=plan.pk).select_related("history_user")[:15],
                    _("Actividad"),
                    OMITIR_EN_HISTORIAL,
                ),
                entradas(
                    Observacion.history.filter(plan_id=plan.pk).select_related("history_user")[:15],
                    _("Observación"),
                    OMITIR_EN_HISTORIAL,
                ),
            ),
        )
        return context


# --- Enviar ----------------------------------------------------------------------------------


@require_GET
@permission_required("planes.enviar_plan", raise_exception=True)
def plan_enviar_confirmar(request, pk):
    """Resumen del plan y lo que le falta, antes de enviarlo: una persona confirma el envío."""
    plan = _plan_visible(request.user, pk)
    if not plan.editable:
        messages.info(
            request,
            _("El plan está «%(estado)s»: no hay nada que enviar.")
            % {"estado": plan.get_estado_display()},
        )
        return redirect(plan)
    actividades = services.actividades_de(plan)
    numeros = {a.pk: n for n, a in enumerate(actividades, start=1)}
    sin_respuesta = list(plan.observaciones.sin_respuesta())
    for observacion in sin_respuesta:
        observacion.numero_actividad = numeros.get(observacion.actividad_id)
    return render(
        request,
        "planes/plan_enviar_confirmar.html",
        {
            "plan": plan,
            "dependencia": plan.unidad.dependencia,
            "actividades": actividades,
            "alineacion": services.resumen_alineacion(actividades),
            "faltantes": services.plan_faltantes(plan=plan, actividades=actividades),
            "huella": services.huella(plan, actividades),
            "sin_respuesta": sin_respuesta,
            "observaciones_total": plan.observaciones.de_la_vuelta(plan.devoluciones.last()).count()
            if plan.estado == Estado.CON_OBSERVACIONES
            else 0,
        },
    )


@require_POST
@permission_required("planes.enviar_plan", raise_exception=True)
def plan_enviar(request, pk):
    plan = _plan_visible(request.user, pk)
    if request.POST.get("confirmar") != "si":
        return redirect("planes:enviar_confirmar", pk=plan.pk)
    try:
        services.plan_enviar(
            plan=plan,
            usuario=request.user,
            huella_vista=request.POST.get("huella"),
            # Cuántas observaciones sin respuesta ni marca vio la persona al confirmar; si
            # falta (un formulario viejo), ninguna: que vea la advertencia antes de reenviar.
            sin_respuesta_vistas=_entero(request.POST.get("sin_respuesta")),
        )
    except services.SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except services.ObservacionesSinRespuesta as error:
        messages.warning(request, error.messages[0])
        return redirect("planes:enviar_confirmar", pk=plan.pk)
    except services.PlanIncompleto as error:
        messages.error(request, error.messages[0])
        return redirect("planes:enviar_confirmar", pk=plan.pk)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "Se envió el plan a revisión y se avisó a la Coordinación. Mientras lo revisa, "
                "el plan no se puede editar."
            ),
        )
    return redirect(plan)


# --- Revisión de la Coordinación -------------------------------------------------------------


@require_POST
@permission_required("planes.revisar_plan", raise_exception=True)
def plan_observar(request, pk):
    plan = _plan_visible(request.user, pk)
    actividades = list(plan.actividades.only("pk", "plan_id", "descripcion"))
    form = ObservacionForm(request.POST, actividades=actividades)
    if not form.is_valid():
        messages.error(request, _("Escriba la observación y elija a qué se refiere."))
        return redirect(f"{plan.get_absolute_url()}#observar")
    elegida = form.cleaned_data["actividad"]
    actividad = next((a for a in actividades if a.pk == elegida), None)
    try:
        services.plan_observar(
            plan=plan, usuario=request.user, texto=form.cleaned_data["texto"], actividad=actividad
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "Se agregó la observación. Cuando termine la revisión, devuelva el plan a la "
                "unidad para que la atienda."
            ),
        )
    return redirect(f"{plan.get_absolute_url()}#observaciones")


@require_POST
@permission_required("planes.revisar_plan", raise_exception=True)
def plan_devolver(request, pk):
    plan = _plan_visible(request.user, pk)
    try:
        services.plan_devolver(plan=plan, usuario=request.user)
    except services.SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Se devolvió el plan con sus observaciones y se avisó a la unidad por correo."),
        )
    return redirect(plan)


@require_GET
@permission_required("planes.revisar_plan", raise_exception=True)
def plan_aprobar_confirmar(request, pk):
    plan = _plan_visible(request.user, pk)
    if plan.estado != Estado.ENVIADO:
        messages.info(
            request,
            _("El plan está «%(estado)s»: solo se aprueba un plan enviado a revisión.")
            % {"estado": plan.get_estado_display()},
        )
        return redirect(plan)
    actividades = services.actividades_de(plan)
    return render(
        request,
        "planes/plan_aprobar_confirmar.html",
        {
            "plan": plan,
            "dependencia": plan.unidad.dependencia,
            "actividades": actividades,
            "alineacion": services.resumen_alineacion(actividades),
            "pendientes": plan.observaciones.filter(atendida=False).count(),
            "huella": services.huella(plan, actividades),
        },
    )


@require_POST
@permission_required("planes.revisar_plan", raise_exception=True)
def plan_aprobar(request, pk):
    plan = _plan_visible(request.user, pk)
    if request.POST.get("confirmar") != "si":
        return redirect("planes:aprobar_confirmar", pk=plan.pk)
    try:
        services.plan_aprobar(
            plan=plan, usuario=request.user, huella_vista=request.POST.get("huella")
        )
    except services.SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "Se aprobó el plan: su PDF oficial quedó guardado y se avisó a la unidad por correo."
            ),
        )
    return redirect(plan)


# --- Modificación de un plan aprobado ----------------------------------------------------------


@require_POST
@permission_required("planes.add_plantrabajo", raise_exception=True)
def plan_modificar(request, pk):
    plan = _plan_visible(request.user, pk)
    form = ModificacionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Escriba el motivo de la modificación (hasta 2,000 caracteres)."))
        return redirect(f"{plan.get_absolute_url()}#modificar")
    try:
        nuevo = services.plan_modificar(
            plan=plan, usuario=request.user, motivo=form.cleaned_data["motivo"]
        )
    except services.SinCambios as aviso:
        messages.info(request, aviso.mensaje)
        return redirect(aviso.plan or plan)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(plan)
    messages.success(
        request,
        _(
            "Se abrió la modificación %(n)s (versión %(version)s) en borrador, con las "
            "actividades de la versión aprobada. Haga los cambios y envíela a revisión."
        )
        % {"n": nuevo.version - 1, "version": nuevo.version},
    )
    return redirect(nuevo)


# --- PDF ---------------------------------------------------------------------------------------


@require_GET
@permission_required("planes.view_plantrabajo", raise_exception=True)
def plan_pdf(request, pk):
    """El PDF oficial guardado de un plan aprobado; de uno sin aprobar, una vista previa."""
    plan = _plan_visible(request.user, pk)
    if plan.estado == Estado.APROBADO:
        # Nunca se vuelve a generar: el documento aprobado es el que se guardó al aprobar.
        if not plan.pdf_oficial:
            raise Http404(_("Este plan aprobado no tiene PDF oficial guardado."))
        try:
            archivo = plan.pdf_oficial.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("El PDF oficial ya no está disponible.")) from error
        return FileResponse(
            archivo, content_type="application/pdf", filename=services.nombre_pdf(plan)
        )
    pdf = render_pdf("planes/plan_pdf.html", services.contexto_pdf(plan))
    return respuesta_pdf(pdf, services.nombre_pdf(plan, borrador=True))


# --- Lista de la Coordinación y exportaciones ------------------------------------------------------


def _formulario_de_filtros(request):
    anios = PlanTrabajo.objects.order_by("anio").values_list("anio", flat=True).distinct()
    sectores = (
        Dependencia.objects.visibles_para(request.user)
        .order_by("sector")
        .values_list("sector", flat=True)
        .distinct()
    )
    return PlanFiltroForm(request.GET, anios=list(anios), sectores=list(sectores))


def _filtro_institucion(filtros, prefijo=""):
    """Q de los filtros de institución (sector, tipo y texto) desde el modelo dado."""
    condicion = Q()
    if filtros["sector"]:
        condicion &= Q(**{f"{prefijo}sector": filtros["sector"]})
    if filtros["tipo"]:
        condicion &= Q(**{f"{prefijo}tipo": filtros["tipo"]})
    if filtros["q"]:
        condicion &= Q(**{f"{prefijo}siglas__icontains": filtros["q"]}) | Q(
            **{f"{prefijo}nombre__icontains": filtros["q"]}
        )
    return condicion


def _planes_del_anio(usuario, filtros):
    """La versión vigente de cada plan del año, con los filtros de institución."""
    return (
        PlanTrabajo.objects.visibles_para(usuario)
        .vigentes()
        .filter(anio=filtros["anio"])
        .filter(_filtro_institucion(filtros, "unidad__dependencia__"))
    )


def _planes_filtrados(usuario, filtros):
    planes = _planes_del_anio(usuario, filtros)
    if filtros["estado"]:
        planes = planes.filter(estado=filtros["estado"])
    return planes


class PlanListView(PermissionRequiredMixin, ListView):
    """Planes por año para la Coordinación; para una institución, sus planes de todos los años."""

    permission_required = "planes.view_plantrabajo"
    template_name = "planes/plan_lista.html"
    context_object_name = "planes"
    paginate_by = 50

    def get_queryset(self):
        usuario = self.request.user
        self.vista_global = usuario.ve_todas_las_dependencias
        if self.vista_global:
            self.form = _formulario_de_filtros(self.request)
            self.filtros = self.form.filtros()
            planes = _planes_filtrados(usuario, self.filtros).order_by(
                "unidad__dependencia__nombre"
            )
        else:
            self.form = None
            planes = (
                PlanTrabajo.objects.visibles_para(usuario)
                .vigentes()
                .order_by("-anio", "unidad__dependencia__nombre")
            )
        return planes.select_related("unidad__dependencia").annotate(
            num_actividades=Count("actividades")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(vista_global=self.vista_global, form=self.form)
        if self.vista_global:
            filtros = self.filtros
            por_estado = dict(
                _planes_del_anio(self.request.user, filtros)
                .order_by()
                .values_list("estado")
                .annotate(n=Count("pk"))
            )
            sin_plan = (
                Dependencia.objects.visibles_para(self.request.user)
                .vigentes()
                .filter(_filtro_institucion(filtros))
                .exclude(
                    Exists(
                        PlanTrabajo.objects.filter(
                            unidad__dependencia=OuterRef("pk"), anio=filtros["anio"]
                        )
                    )
                )
                .order_by("nombre")
            )
            context.update(
                filtros=filtros,
                conteos=[
                    {
                        "estado": estado,
                        "etiqueta": estado.label,
                        "n": por_estado.get(estado.value, 0),
                        "activo": filtros["estado"] == estado.value,
                    }
                    for estado in Estado
                ],
                total_con_plan=sum(por_estado.values()),
                sin_plan=list(sin_plan[:TOPE_SIN_PLAN]),
                total_sin_plan=sin_plan.count(),
                atrasados=informes_atrasados(
                    filtros["anio"], planes=PlanTrabajo.objects.visibles_para(self.request.user)
                ),
            )
        return context


def _exige_vista_global(usuario):
    """Las exportaciones abarcan todas las instituciones: solo para quien las ve todas."""
    if not usuario.ve_todas_las_dependencias:
        raise PermissionDenied


def _etiquetas(opciones):
    """{valor: etiqueta ya traducida}: traducir una vez por exportación y no una por celda,
    que con miles de filas era un tercio del tiempo."""
    return {valor: str(etiqueta) for valor, etiqueta in opciones}


@require_GET
@permission_required("planes.view_plantrabajo", raise_exception=True)
def exportar_actividades(request):
    """XLSX con una fila por actividad de los planes filtrados, con todo su marco lógico."""
    _exige_vista_global(request.user)
    filtros = _formulario_de_filtros(request).filtros()
    actividades = (
        Actividad.objects.filter(plan__in=_planes_filtrados(request.user, filtros).values("pk"))
        .select_related("plan__unidad__dependencia", "programa", "propuesta")
        .prefetch_related("alineaciones")
        .order_by("plan__unidad__dependencia__nombre", "plan__version", "orden", "pk")
    )
    catalogos = list(Alineacion.Tipo)
    encabezados = [
        _("Institución"), _("Siglas"), _("Tipo"), _("Sector"), _("Año"), _("Versión"),
        _("Estado del plan"), _("Enviado el"), _("Aprobado el"), _("Núm."), _("Eje temático"),
        _("Área de oportunidad"), _("Objetivo"), _("Estrategia"), _("Línea de acción"),
        _("Actividad"), _("Indicador"), _("Fórmula"), _("Unidad de medida"), _("Línea base"),
        _("Meta anual"), _("Meta T1"), _("Meta T2"), _("Meta T3"), _("Meta T4"),
        _("Metas trimestrales acumulativas"), _("Desagregado por sexo"),
        _("Medio de verificación"), _("Mes de inicio"), _("Mes de término"),
        _("Área responsable"), _("Recursos"), _("Programa presupuestario (Pp)"),
        _("Clave del Pp"), _("Monto aprobado (pesos)"), _("Tipo de contribución"),
        _("Resultado esperado"), _("Propuesta del diagnóstico que adoptó"),
        *[str(tipo.label) for tipo in catalogos],
    ]  # fmt: skip

    def filas():
        tipos = _etiquetas(Dependencia.Tipo.choices)
        estados = _etiquetas(PlanTrabajo.Estado.choices)
        ejes = _etiquetas(Actividad.Eje.choices)
        meses = _etiquetas(MESES)
        contribuciones = _etiquetas(TipoContribucion.choices)
        si_no = {True: str(_("Sí")), False: str(_("No"))}
        numero, plan_actual = 0, None
        for a in actividades:
            numero = numero + 1 if a.plan_id == plan_actual else 1
            plan_actual = a.plan_id
            plan, dependencia = a.plan, a.plan.unidad.dependencia
            por_tipo = {tipo: [] for tipo in catalogos}
            for alineacion in a.alineaciones.all():
                por_tipo[alineacion.tipo].append(alineacion)
            yield [
                dependencia.nombre, dependencia.siglas, tipos.get(dependencia.tipo, ""),
                dependencia.sector, plan.anio, plan.version, estados.get(plan.estado, ""),
                plan.enviado_en, plan.aprobado_en, numero, ejes.get(a.eje, ""),
                a.area_oportunidad, a.objetivo, a.estrategia, a.linea_accion, a.descripcion,
                a.indicador, a.formula, a.unidad_medida, a.linea_base, a.meta_anual, a.meta_t1,
                a.meta_t2, a.meta_t3, a.meta_t4, si_no[a.acumulativa],
                si_no[a.desagregado_por_sexo], a.medio_verificacion,
                meses.get(a.mes_inicio, ""), meses.get(a.mes_fin, ""),
                a.area_responsable, a.recursos,
                # El programa del catálogo o, en actividades anteriores a él, el texto libre.
                a.programa.nombre if a.programa else a.programa_presupuestario,
                a.programa.clave if a.programa else "", a.monto_aprobado,
                contribuciones.get(a.tipo_contribucion, ""), a.resultado_esperado,
                a.propuesta.texto if a.propuesta else "",
                *[
                    "; ".join(f"{x.clave}. {x.descripcion}" for x in sorted(
                        por_tipo[tipo], key=lambda x: services.orden_de_clave(x.clave)))
                    for tipo in catalogos
                ],
            ]  # fmt: skip

    return respuesta_xlsx(
        [(_("Actividades"), encabezados, filas())],
        f"actividades-planes-{filtros['anio']}.xlsx",
    )


@require_GET
@permission_required("planes.view_plantrabajo", raise_exception=True)
def exportar_seguimiento(request):
    """XLSX con una fila por seguimiento trimestral de las instituciones filtradas.

    El seguimiento se reporta sobre la versión aprobada, aunque ya haya una modificación en
    curso; por eso aquí cuentan todas las versiones del año y no el filtro de estado. Al
    aprobarse una modificación, el seguimiento de cada actividad que sigue pasa a la versión
    nueva: la fila de la versión anterior ya no se repite (sí la de una actividad que se quitó).
    """
    _exige_vista_global(request.user)
    filtros = _formulario_de_filtros(request).filtros()
    planes = (
        PlanTrabajo.objects.visibles_para(request.user)
        .filter(anio=filtros["anio"])
        .filter(_filtro_institucion(filtros, "unidad__dependencia__"))
    )
    # El mismo trimestre de la misma actividad, ya en una versión aprobada posterior.
    trasladado = Seguimiento.objects.filter(
        actividad__origen=OuterRef("actividad"),
        informe__trimestre=OuterRef("informe__trimestre"),
        informe__plan__estado=PlanTrabajo.Estado.APROBADO,
    )
    seguimientos = (
        Seguimiento.objects.filter(informe__plan__in=planes.values("pk"))
        .exclude(Exists(trasladado))
        .select_related("informe__plan__unidad__dependencia", "actividad")
        .order_by(
            "informe__plan__unidad__dependencia__nombre",
            "informe__plan__version",
            "informe__trimestre",
            "actividad__orden",
            "actividad__pk",
        )
    )
    encabezados = [
        _("Institución"), _("Siglas"), _("Año"), _("Versión del plan"), _("Trimestre"),
        _("Informe"), _("Informe enviado el"), _("Actividad"), _("Indicador"),
        _("Unidad de medida"), _("Meta del trimestre"), _("Valor alcanzado"),
        _("Cumplimiento del trimestre (%)"), _("Estado"), _("Motivo de la cancelación"),
        _("Monto ejercido en el trimestre (pesos)"), _("Qué se hizo"),
        _("Comentario de la Coordinación"),
    ]  # fmt: skip

    def filas():
        trimestres = _etiquetas(TRIMESTRES)
        estados_informe = _etiquetas(InformeTrimestral.Estado.choices)
        estados_seguimiento = _etiquetas(Seguimiento.Estado.choices)
        for s in seguimientos:
            informe, actividad = s.informe, s.actividad
            plan, dependencia = informe.plan, informe.plan.unidad.dependencia
            meta = getattr(actividad, f"meta_t{informe.trimestre}")
            cumplimiento = (
                porcentaje_exacto(s.valor_alcanzado, meta)
                if s.valor_alcanzado is not None
                else None
            )
            yield [
                dependencia.nombre, dependencia.siglas, plan.anio, plan.version,
                trimestres[informe.trimestre], estados_informe[informe.estado],
                informe.enviado_en, actividad.descripcion, actividad.indicador,
                actividad.unidad_medida, meta, s.valor_alcanzado, cumplimiento,
                estados_seguimiento[s.estado], s.motivo_cancelacion, s.monto_ejercido,
                s.narrativa, s.comentario_coordinacion,
            ]  # fmt: skip

    return respuesta_xlsx(
        [(_("Seguimiento"), encabezados, filas())],
        f"seguimiento-planes-{filtros['anio']}.xlsx",
    )
