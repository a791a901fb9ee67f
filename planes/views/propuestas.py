"""Las propuestas del diagnóstico en el plan: la unidad las adopta o dice por qué no (desde el
editor), y la Coordinación sigue qué fue de ellas por institución.

Las reglas están en `planes.propuestas`; aquí solo se piden y se muestran.

Permisos: decidir es `diagnosticos.decidir_propuesta` (la persona responsable de la unidad; la
Coordinación no lo tiene). La página de una institución es `diagnosticos.view_propuesta`, con el
alcance de siempre (otra institución: 404). El resumen de todas las instituciones exige además
ver todas las dependencias (`ve_todas_las_dependencias`): la Coordinación y Administración.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from diagnosticos.models import Propuesta
from diagnosticos.seguimiento_propuestas import (
    cambio_en_la_siguiente_ronda,
    con_hallazgo,
    texto_hallazgo,
)
from planes import propuestas as reglas
from planes.models import Actividad, PlanTrabajo
from unidades.models import Dependencia

#: Instituciones por página en el resumen de la Coordinación.
POR_PAGINA = 50


def _plan_y_propuesta(request, pk, propuesta_pk):
    """El plan y la propuesta si la persona puede verlos; si no, 404."""
    plan = get_object_or_404(
        PlanTrabajo.objects.visibles_para(request.user).select_related("unidad__dependencia"),
        pk=pk,
    )
    propuesta = get_object_or_404(Propuesta.objects.visibles_para(request.user), pk=propuesta_pk)
    return plan, propuesta


def _volver(plan):
    """Al panel de propuestas del editor o, si el plan ya no se edita, a la página del plan."""
    if plan.editable:
        return redirect(f"{reverse('planes:editar', args=[plan.pk])}#propuestas")
    return redirect(plan)


@require_POST
@permission_required(
    ("diagnosticos.decidir_propuesta", "planes.add_actividad"), raise_exception=True
)
def propuesta_adoptar(request, pk, propuesta_pk):
    plan, propuesta = _plan_y_propuesta(request, pk, propuesta_pk)
    try:
        actividad = reglas.adoptar(propuesta, plan, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        plan.refresh_from_db(fields=["estado"])
        return _volver(plan)
    messages.success(
        request,
        _(
            "La propuesta se adoptó: es la nueva actividad al final del plan, con su eje, "
            "objetivo e indicador sugeridos. Complete su estrategia, metas y alineación."
        ),
    )
    editor = reverse("planes:editar", args=[plan.pk])
    return redirect(f"{editor}?abierta={actividad.pk}#actividad-{actividad.pk}")


@require_POST
@permission_required("diagnosticos.decidir_propuesta", raise_exception=True)
def propuesta_no_adoptar(request, pk, propuesta_pk):
    plan, propuesta = _plan_y_propuesta(request, pk, propuesta_pk)
    if propuesta.dependencia_id != plan.unidad.dependencia_id:
        raise Http404
    try:
        reglas.no_adoptar(propuesta, request.POST.get("motivo", ""), request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Se registró que la propuesta no se adopta, con su motivo; la Coordinación lo verá."),
        )
    return _volver(plan)


@require_POST
@permission_required("diagnosticos.decidir_propuesta", raise_exception=True)
def propuesta_reabrir(request, propuesta_pk):
    """La unidad se arrepiente de no adoptar una propuesta: vuelve a «sin decidir» y reaparece
    en el editor de su plan. Una adoptada no se reabre aquí: se elimina su actividad."""
    propuesta = get_object_or_404(Propuesta.objects.visibles_para(request.user), pk=propuesta_pk)
    destino = reverse("planes:propuestas_institucion", args=[propuesta.dependencia_id])
    if propuesta.decision != Propuesta.Decision.NO_ADOPTADA:
        messages.error(
            request,
            _(
                "Solo una propuesta no adoptada vuelve a decidirse; una adoptada sigue en el plan "
                "mientras exista su actividad."
            ),
        )
        return redirect(destino)
    try:
        reglas.reabrir(propuesta, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("La propuesta vuelve a estar sin decidir: la encontrará en el editor de su plan."),
        )
    return redirect(destino)


# --- Seguimiento de la Coordinación ----------------------------------------------------------


def _anio(request, anios):
    """El ejercicio pedido en ?anio=; si falta o no es válido, el más reciente con propuestas."""
    try:
        anio = int(request.GET.get("anio", ""))
    except ValueError:
        anio = None
    if anio is None or not 2000 <= anio <= 2100:
        anio = anios[0] if anios else timezone.localdate().year
    return anio


def _opciones_de_anio(anios, anio):
    return sorted({*anios, anio}, reverse=True)


@require_GET
@permission_required("diagnosticos.view_propuesta", raise_exception=True)
def propuestas_seguimiento(request):
    """Por institución: propuestas presentadas, adoptadas, no adoptadas (con sus motivos),
    sin decidir y atendidas, de las rondas de un ejercicio."""
    if not request.user.ve_todas_las_dependencias:
        raise PermissionDenied
    anios = reglas.anios_con_propuestas()
    anio = _anio(request, anios)
    pagina = Paginator(reglas.cifras_por_institucion(anio), POR_PAGINA).get_page(
        request.GET.get("page")
    )
    filas = [reglas.como_cifras(f) for f in pagina.object_list]
    motivos = {}
    for dependencia_id, texto, motivo in (
        reglas.presentadas_del_anio(anio)
        .filter(
            decision=Propuesta.Decision.NO_ADOPTADA,
            dependencia_id__in=[f.dependencia_id for f in filas],
        )
        .order_by("dependencia_id", "orden", "pk")
        .values_list("dependencia_id", "texto", "motivo")
    ):
        motivos.setdefault(dependencia_id, []).append({"texto": texto, "motivo": motivo})
    for fila in filas:
        fila.motivos = motivos.get(fila.dependencia_id, [])
    return render(
        request,
        "planes/propuestas/seguimiento.html",
        {
            "anio": anio,
            "anios": _opciones_de_anio(anios, anio),
            "totales": reglas.cifras(anio),
            "filas": filas,
            "page_obj": pagina,
        },
    )


def _actividad_por_propuesta(lista):
    """{propuesta_id: la actividad que la lleva en la versión más reciente de su plan}."""
    resultado = {}
    for actividad in (
        Actividad.objects.filter(propuesta__in=lista)
        .select_related("plan")
        .order_by("propuesta_id", "-plan__anio", "-plan__version", "pk")
    ):
        resultado.setdefault(actividad.propuesta_id, actividad)
    return resultado


@require_GET
@permission_required("diagnosticos.view_propuesta", raise_exception=True)
def propuestas_institucion(request, pk):
    """Cada propuesta presentada a una institución: su decisión, la actividad que la adoptó,
    cómo va según el seguimiento trimestral y qué cambió en la siguiente ronda."""
    dependencia = get_object_or_404(Dependencia.objects.visibles_para(request.user), pk=pk)
    suyas = Propuesta.objects.filter(dependencia=dependencia)
    anios = reglas.anios_con_propuestas(suyas)
    anio = _anio(request, anios)
    lista = list(
        con_hallazgo(reglas.presentadas_del_anio(anio, suyas))
        .select_related("respuesta__aplicacion", "decidida_por")
        .order_by("respuesta__aplicacion__apertura", "orden", "pk")
    )
    ejecucion = reglas.ejecucion(lista)
    cambios = cambio_en_la_siguiente_ronda(lista)
    actividades = _actividad_por_propuesta(lista) if ejecucion else {}
    for propuesta in lista:
        propuesta.hallazgo = texto_hallazgo(propuesta)
        propuesta.actividad = actividades.get(propuesta.pk)
        estado = ejecucion.get(propuesta.pk)
        propuesta.ejecucion = reglas.Ejecucion.ETIQUETAS[estado] if estado else ""
        propuesta.ejecucion_clave = estado or ""
        propuesta.cambio = cambios.get(propuesta.pk)
        propuesta.apunta = bool(propuesta.pregunta_codigo or propuesta.seccion_codigo)
    return render(
        request,
        "planes/propuestas/institucion.html",
        {
            "dependencia": dependencia,
            "anio": anio,
            "anios": _opciones_de_anio(anios, anio),
            "cifras": reglas.cifras(anio, propuestas=suyas),
            "propuestas": lista,
            # La Coordinación vuelve al resumen de todas las instituciones del mismo ejercicio.
            "url_seguimiento": (
                f"{reverse('planes:propuestas_seguimiento')}?anio={anio}"
                if request.user.ve_todas_las_dependencias
                else ""
            ),
        },
    )
