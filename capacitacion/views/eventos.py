"""Eventos de capacitación y sus sesiones.

La lista de eventos es el inicio de la app para todos los roles: la Coordinación ve todos con
filtros; una institución, los abiertos a los que puede inscribir personas y aquellos en los que
ya tiene personas. La página del evento reúne sus datos, sus sesiones, los cambios de estado y
los paneles de inscripciones, asistencia y constancias, que arma cada área con su
`contexto_evento(request, evento)`.

Los eventos se obtienen con `Evento.objects.visibles_para(usuario)`: uno que la institución no
ve es un 404; la falta de permiso es un 403. Los cambios de estado y de sesiones bloquean la
fila del evento, así que un doble clic o dos pestañas no se pisan.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capacitacion import notificaciones
from capacitacion.forms.eventos import EventoFiltroForm, EventoForm, SesionForm, tiene_constancias
from capacitacion.models import Evento, Inscripcion, Programa, Sesion
from capacitacion.views import asistencia, constancias, inscripciones
from uig_portal.lib.correo import informar_reparto
from uig_portal.lib.historial import combinar, entradas

Estado = Evento.Estado
POR_PAGINA = 50
#: Eventos abiertos que se muestran a una institución; si hay más, se busca por nombre.
ABIERTOS_A_LA_VISTA = 50
#: Instituciones convocadas que se nombran en la página del evento.
CONVOCADAS_A_LA_VISTA = 8

#: Cómo se nombra cada cambio de estado en su botón, según el estado de partida.
ACCIONES = {
    (Estado.BORRADOR, Estado.ABIERTO): gettext_lazy("Abrir la inscripción"),
    (Estado.CERRADO, Estado.ABIERTO): gettext_lazy("Reabrir la inscripción"),
    (Estado.ABIERTO, Estado.CERRADO): gettext_lazy("Cerrar la inscripción"),
    (Estado.CONCLUIDO, Estado.CERRADO): gettext_lazy("Volver a «Inscripción cerrada»"),
    (Estado.CERRADO, Estado.CONCLUIDO): gettext_lazy("Marcar como concluido"),
}
EXITO = {
    Estado.ABIERTO: gettext_lazy(
        "La inscripción está abierta: las instituciones convocadas ya pueden inscribir personas."
    ),
    Estado.CERRADO: gettext_lazy(
        "La inscripción quedó cerrada. Se sigue tomando asistencia; al terminar, marque el "
        "evento como concluido."
    ),
    Estado.CONCLUIDO: gettext_lazy(
        "El evento quedó concluido. Ya se pueden emitir las constancias de quienes acreditaron."
    ),
    Estado.CANCELADO: gettext_lazy("Se canceló el evento."),
}
#: Orden de los botones de estado: el camino habitual primero, cancelar al final.
ORDEN = [Estado.ABIERTO, Estado.CERRADO, Estado.CONCLUIDO, Estado.CANCELADO]


def _eventos(usuario):
    return Evento.objects.visibles_para(usuario)


def _contar_propias(dependencia_id, **filtro):
    filas = (
        Inscripcion.objects.filter(evento=OuterRef("pk"), dependencia_id=dependencia_id, **filtro)
        .order_by()
        .values("evento")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(filas), 0)


# --- Lista (inicio de la app) ------------------------------------------------------------------


@require_GET
@permission_required("capacitacion.view_evento", raise_exception=True)
def evento_lista(request):
    if request.user.ve_todas_las_dependencias:
        return _lista_coordinacion(request)
    return _lista_institucion(request)


def _lista_coordinacion(request):
    filtro = EventoFiltroForm(request.GET or None)
    eventos = filtro.filtrar(
        Evento.objects.select_related("programa")
        .con_ocupacion()
        .order_by("-fecha_inicio", "nombre")
    )
    pagina = Paginator(eventos, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "capacitacion/eventos/evento_lista.html",
        {
            "filtro": filtro,
            "hay_filtros": bool(filtro.filtros()),
            "page_obj": pagina,
            "eventos": pagina.object_list,
        },
    )


def _lista_institucion(request):
    usuario = request.user
    dependencia_id = usuario.dependencia_id
    filtro = EventoFiltroForm(request.GET or None, completo=False)
    if dependencia_id is None:
        abiertos, hay_mas = [], False
        con_personas = Evento.objects.none()
    else:
        abiertos = list(
            filtro.filtrar(
                Evento.objects.abiertos_para(dependencia_id)
                .select_related("programa")
                .con_ocupacion()
                .annotate(
                    mis_personas=_contar_propias(
                        dependencia_id, estado__in=Inscripcion.OCUPAN_LUGAR
                    )
                )
                .order_by("fecha_inicio", "nombre")
            )[: ABIERTOS_A_LA_VISTA + 1]
        )
        hay_mas = len(abiertos) > ABIERTOS_A_LA_VISTA
        abiertos = abiertos[:ABIERTOS_A_LA_VISTA]
        for evento in abiertos:
            evento.lugares = None if evento.cupo is None else max(evento.cupo - evento.ocupados, 0)
        propias = Inscripcion.objects.filter(evento=OuterRef("pk"), dependencia_id=dependencia_id)
        con_personas = filtro.filtrar(
            _eventos(usuario)
            .filter(Exists(propias))
            .select_related("programa")
            .annotate(
                mis_personas=_contar_propias(dependencia_id, estado__in=Inscripcion.OCUPAN_LUGAR),
                mis_acreditadas=_contar_propias(dependencia_id, acreditada=True),
            )
            .order_by("-fecha_inicio", "nombre")
        )
    pagina = Paginator(con_personas, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "capacitacion/eventos/evento_lista_institucion.html",
        {
            "filtro": filtro,
            "hay_filtros": bool(filtro.filtros()),
            "abiertos": abiertos,
            "hay_mas_abiertos": hay_mas,
            "page_obj": pagina,
            "eventos": pagina.object_list,
        },
    )


# --- Alta y edición --------------------------------------------------------------------------


def _render_form(request, form, evento=None):
    return render(
        request,
        "capacitacion/eventos/evento_form.html",
        {"form": form, "evento": evento, "hay_errores": form.is_bound and bool(form.errors)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.add_evento", raise_exception=True)
def evento_nuevo(request):
    # Desde la página de un programa, el evento nuevo llega con ese programa elegido.
    form = EventoForm(request.POST or None, initial={"programa": request.GET.get("programa")})
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        with transaction.atomic():
            # Con el programa bloqueado, un doble clic ve el evento que creó el primero.
            Programa.objects.select_for_update().filter(pk=datos["programa"].pk).first()
            repetido = Evento.objects.filter(
                programa=datos["programa"],
                nombre=datos["nombre"],
                fecha_inicio=datos["fecha_inicio"],
            ).first()
            if repetido is None:
                form.instance.creado_por = request.user
                evento = form.save()
        if repetido is not None:
            messages.info(
                request,
                _(
                    "El evento «%(nombre)s» de ese programa y con esa fecha de inicio ya estaba "
                    "registrado; no se creó otro."
                )
                % {"nombre": repetido.nombre},
            )
            return redirect(repetido)
        messages.success(
            request,
            _(
                "Se creó el evento en borrador. Agregue sus sesiones y, cuando esté listo, "
                "abra la inscripción."
            ),
        )
        return redirect(evento)
    return _render_form(request, form)


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.change_evento", raise_exception=True)
def evento_editar(request, pk):
    if request.method == "POST":
        with transaction.atomic():
            evento = get_object_or_404(_eventos(request.user).select_for_update(), pk=pk)
            if evento.estado == Estado.CANCELADO:
                return _cancelado(request, evento)
            form = EventoForm(request.POST, instance=evento)
            if form.is_valid():
                cambia_umbral = "umbral_asistencia" in form.changed_data
                evento = form.save()
                if cambia_umbral:
                    # Quién acredita depende del umbral: se vuelve a calcular con el nuevo.
                    evento.recalcular_acreditacion()
                messages.success(request, _("Se guardaron los cambios del evento."))
                return redirect(evento)
        return _render_form(request, form, evento)
    evento = get_object_or_404(_eventos(request.user), pk=pk)
    if evento.estado == Estado.CANCELADO:
        return _cancelado(request, evento)
    return _render_form(request, EventoForm(instance=evento), evento)


def _cancelado(request, evento):
    messages.error(request, _("Un evento cancelado ya no se modifica."))
    return redirect(evento)


# --- Estado ------------------------------------------------------------------------------------


@require_POST
@permission_required("capacitacion.change_evento", raise_exception=True)
def evento_estado(request, pk):
    """Cambia el estado. El POST trae el estado que la persona veía (`desde`): si el evento
    cambió mientras tanto (otra pestaña, doble clic), no se hace nada."""
    nuevo, desde = request.POST.get("estado", ""), request.POST.get("desde", "")
    with transaction.atomic():
        evento = get_object_or_404(_eventos(request.user).select_for_update(), pk=pk)
        if desde != evento.estado:
            messages.error(
                request,
                _(
                    "El evento ya cambió de estado: ahora está en «%(actual)s». Revise la "
                    "página antes de volver a intentarlo."
                )
                % {"actual": evento.get_estado_display()},
            )
        elif nuevo not in Estado.values:
            messages.error(request, _("Elija un estado válido para el evento."))
        else:
            try:
                evento.cambiar_estado(nuevo)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if nuevo == Estado.CONCLUIDO:
                    # Las constancias salen de la acreditación guardada: que esté al día.
                    evento.recalcular_acreditacion()
                if nuevo == Estado.ABIERTO:
                    reparto = notificaciones.avisar_inscripcion_abierta(
                        evento, reabierta=desde == Estado.CERRADO
                    )
                    informar_reparto(request, reparto, str(EXITO[nuevo]))
                else:
                    messages.success(request, EXITO[nuevo])
    return redirect(evento)


# --- Página del evento -------------------------------------------------------------------------


def _acciones_de_estado(evento):
    actual = Estado(evento.estado)
    posibles = Evento.TRANSICIONES[actual]
    return [
        {
            "estado": nuevo,
            "etiqueta": ACCIONES.get((actual, nuevo), nuevo.label),
            "cancelar": nuevo == Estado.CANCELADO,
        }
        for nuevo in ORDEN
        if nuevo in posibles
    ]


@require_GET
@permission_required("capacitacion.view_evento", raise_exception=True)
def evento_detalle(request, pk):
    usuario = request.user
    evento = get_object_or_404(
        _eventos(usuario).select_related("programa__estandar", "creado_por").con_ocupacion(),
        pk=pk,
    )
    sesiones = list(evento.sesiones.order_by("numero"))
    muestra = list(
        evento.dependencias.order_by("nombre").values("siglas", "nombre")[
            : CONVOCADAS_A_LA_VISTA + 1
        ]
    )
    num_convocadas = (
        evento.dependencias.count() if len(muestra) > CONVOCADAS_A_LA_VISTA else len(muestra)
    )
    gestiona = usuario.has_perm("capacitacion.change_evento")
    con_constancias = gestiona and tiene_constancias(evento)
    context = {
        "evento": evento,
        "sesiones": sesiones,
        "convocadas": muestra[:CONVOCADAS_A_LA_VISTA],
        "num_convocadas": num_convocadas,
        "convocadas_resto": max(num_convocadas - CONVOCADAS_A_LA_VISTA, 0),
        "gestiona": gestiona,
        "cancelado": evento.estado == Estado.CANCELADO,
        "con_asistencia": evento.estado in Evento.CON_ASISTENCIA,
        "con_constancias": con_constancias,
        "acciones_estado": _acciones_de_estado(evento) if gestiona else [],
        # La columna de acciones de las sesiones, solo si la persona tiene alguna.
        "con_acciones": any(
            usuario.has_perm(f"capacitacion.{permiso}")
            for permiso in ("add_asistencia", "change_sesion", "delete_sesion")
        ),
        "lugares": None if evento.cupo is None else max(evento.cupo - evento.ocupados, 0),
    }
    if gestiona:
        context["historial"] = combinar(
            entradas(evento.history.select_related("history_user")[:20], _("Evento")),
            entradas(
                Sesion.history.filter(evento_id=evento.pk)
                .select_related("history_user")
                .order_by("-history_date")[:20],
                _("Sesión"),
            ),
        )
    for area in (inscripciones, asistencia, constancias):
        context.update(area.contexto_evento(request, evento))
    return render(request, "capacitacion/eventos/evento_detalle.html", context)


# --- Sesiones ----------------------------------------------------------------------------------


def _a_sesiones(evento):
    return redirect(reverse("capacitacion:evento_detalle", args=[evento.pk]) + "#sesiones")


def _impedimento(evento, *, cambia_horas=True):
    """Por qué no se pueden tocar las sesiones del evento, o None si se puede."""
    if evento.estado == Estado.CANCELADO:
        return _("El evento está cancelado: sus sesiones ya no cambian.")
    if cambia_horas and tiene_constancias(evento):
        return _(
            "Ya se emitieron constancias de este evento: no se agregan ni se eliminan sesiones, "
            "porque cambiarían sus horas."
        )
    return None


def _render_sesion(request, form, evento, sesion=None):
    return render(
        request,
        "capacitacion/eventos/sesion_form.html",
        {
            "form": form,
            "evento": evento,
            "sesion": sesion,
            "hay_errores": form.is_bound and bool(form.errors),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.add_sesion", raise_exception=True)
def sesion_nueva(request, pk):
    evento = get_object_or_404(_eventos(request.user), pk=pk)
    if request.method == "POST":
        with transaction.atomic():
            # Con el evento bloqueado, el número de la sesión no se repite y un doble clic
            # encuentra la sesión que guardó el primero.
            evento = get_object_or_404(_eventos(request.user).select_for_update(), pk=pk)
            if motivo := _impedimento(evento):
                messages.error(request, motivo)
                return _a_sesiones(evento)
            form = SesionForm(request.POST, evento=evento)
            if form.is_valid():
                sesion = form.save()
                evento.actualizar_horas()
                messages.success(
                    request,
                    _("Se agregó la sesión %(n)s. El evento suma %(horas)s horas.")
                    % {"n": sesion.numero, "horas": floatformat(evento.horas_totales, -1)},
                )
                return _a_sesiones(evento)
        return _render_sesion(request, form, evento)
    if motivo := _impedimento(evento):
        messages.error(request, motivo)
        return _a_sesiones(evento)
    return _render_sesion(request, SesionForm(evento=evento), evento)


def _sesion_visible(usuario, pk):
    return get_object_or_404(
        Sesion.objects.filter(evento__in=_eventos(usuario)).select_related("evento"), pk=pk
    )


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.change_sesion", raise_exception=True)
def sesion_editar(request, pk):
    sesion = _sesion_visible(request.user, pk)
    evento = sesion.evento
    if request.method == "POST":
        with transaction.atomic():
            evento = Evento.objects.select_for_update().get(pk=evento.pk)
            if motivo := _impedimento(evento, cambia_horas=False):
                messages.error(request, motivo)
                return _a_sesiones(evento)
            sesion = get_object_or_404(Sesion, pk=pk)
            form = SesionForm(request.POST, instance=sesion, evento=evento)
            if form.is_valid():
                form.save()
                evento.actualizar_horas()
                messages.success(
                    request,
                    _(
                        "Se guardaron los cambios de la sesión %(n)s. El evento suma %(horas)s horas."
                    )
                    % {"n": sesion.numero, "horas": floatformat(evento.horas_totales, -1)},
                )
                return _a_sesiones(evento)
        return _render_sesion(request, form, evento, sesion)
    if motivo := _impedimento(evento, cambia_horas=False):
        messages.error(request, motivo)
        return _a_sesiones(evento)
    return _render_sesion(request, SesionForm(instance=sesion, evento=evento), evento, sesion)


@require_POST
@permission_required("capacitacion.delete_sesion", raise_exception=True)
def sesion_eliminar(request, pk):
    sesion = _sesion_visible(request.user, pk)
    with transaction.atomic():
        evento = Evento.objects.select_for_update().get(pk=sesion.evento_id)
        sesion = Sesion.objects.filter(pk=pk).first()
        if sesion is None:
            # Otra pestaña ya la eliminó: el resultado es el que se pedía.
            messages.info(request, _("La sesión ya se había eliminado."))
            return _a_sesiones(evento)
        motivo = _impedimento(evento)
        if motivo is None and sesion.asistencias.exists():
            motivo = _("La sesión %(n)s ya tiene asistencia registrada; no se puede eliminar.") % {
                "n": sesion.numero
            }
        if (
            motivo is None
            and evento.estado != Estado.BORRADOR
            and not evento.sesiones.exclude(pk=sesion.pk).exists()
        ):
            motivo = _(
                "Es la única sesión del evento y su inscripción ya se abrió: agregue otra antes "
                "de eliminar esta."
            )
        if motivo:
            messages.error(request, motivo)
            return _a_sesiones(evento)
        numero = sesion.numero
        sesion.delete()
        evento.actualizar_horas()
    messages.success(
        request,
        _("Se eliminó la sesión %(n)s. El evento suma %(horas)s horas.")
        % {"n": numero, "horas": floatformat(evento.horas_totales, -1)},
    )
    return _a_sesiones(evento)
