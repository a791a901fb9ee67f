"""Rondas de aplicación: lista, abrir, editar, seguimiento, recordatorios y revisión.

Las rondas se obtienen con `services.rondas_visibles(usuario)` y las respuestas con
`Respuesta.objects.visibles_para(usuario)`: quien no ve todas las instituciones solo encuentra
las rondas de la suya (otra es un 404) y, en el seguimiento, solo su propia fila. La falta de
permiso es un 403 y las acciones son POST; los cambios de estado viven en `services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagnosticos import services
from diagnosticos.forms.aplicaciones import (
    AplicacionEditarForm,
    AplicacionForm,
    DevolverForm,
    SeguimientoFiltroForm,
)
from diagnosticos.models import Respuesta
from uig_portal.lib.cifras import porcentaje
from uig_portal.lib.correo import con_responsable_con_correo, informar_reparto

Estado = Respuesta.Estado
Situacion = services.Situacion
RONDAS_POR_PAGINA = 25
INSTITUCIONES_POR_PAGINA = 50


def _ronda_visible(usuario, pk):
    return get_object_or_404(
        services.rondas_visibles(usuario).select_related("version__cuestionario"), pk=pk
    )


def _errores(error):
    """Los mensajes de un ValidationError de servicio, con o sin campos."""
    if hasattr(error, "error_dict"):
        return [m for mensajes in error.message_dict.values() for m in mensajes]
    return error.messages


# --- Lista --------------------------------------------------------------------------------------


@require_GET
@permission_required("diagnosticos.view_aplicacion", raise_exception=True)
def aplicacion_lista(request):
    usuario = request.user
    vista_global = usuario.ve_todas_las_dependencias
    rondas = services.rondas_visibles(usuario).select_related("version__cuestionario")
    if vista_global:
        rondas = services.con_conteos(rondas)
    else:
        propia = Respuesta.objects.visibles_para(usuario).filter(aplicacion=OuterRef("pk"))
        rondas = rondas.annotate(
            mi_respuesta=Subquery(propia.values("pk")[:1]),
            mi_estado=Subquery(propia.values("estado")[:1]),
            mi_avance=Subquery(propia.values("avance")[:1]),
        )
    pagina = Paginator(rondas.order_by("-apertura", "-pk"), RONDAS_POR_PAGINA).get_page(
        request.GET.get("page")
    )
    hoy = timezone.localdate()
    etiquetas = dict(Estado.choices)
    for ronda in pagina.object_list:
        if vista_global:
            ronda.porcentaje = porcentaje(ronda.num_recibidas, ronda.num_instituciones)
        else:
            ronda.mi_estado_display = etiquetas.get(ronda.mi_estado, "")
        ronda.por_abrir = ronda.apertura > hoy
        ronda.vencida_hoy = ronda.cierre < hoy
    return render(
        request,
        "diagnosticos/aplicaciones/aplicacion_lista.html",
        {"page_obj": pagina, "rondas": pagina.object_list, "vista_global": vista_global},
    )


# --- Abrir y editar -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.add_aplicacion", raise_exception=True)
def aplicacion_nueva(request):
    form = AplicacionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            aplicacion = services.abrir_aplicacion(
                version=datos["version"],
                nombre=datos["nombre"],
                anio=datos["anio"],
                apertura=datos["apertura"],
                cierre=datos["cierre"],
                instrucciones=datos["instrucciones"],
                dependencias=datos["dependencias"],
                usuario=request.user,
            )
        except ValidationError as error:
            for mensaje in _errores(error):
                form.add_error(None, mensaje)
        else:
            n = len(datos["dependencias"])
            if aplicacion.reparto is not None:
                informar_reparto(
                    request,
                    aplicacion.reparto,
                    ngettext(
                        "Se abrió la ronda para %(n)s institución.",
                        "Se abrió la ronda para %(n)s instituciones.",
                        n,
                    )
                    % {"n": n},
                )
            elif not aplicacion.abierta:
                messages.success(
                    request,
                    ngettext(
                        "Se creó la ronda para %(n)s institución. El aviso por correo saldrá "
                        "el día de apertura.",
                        "Se creó la ronda para %(n)s instituciones. El aviso por correo saldrá "
                        "el día de apertura.",
                        n,
                    )
                    % {"n": n},
                )
            else:
                messages.success(
                    request,
                    ngettext(
                        "Se abrió la ronda para %(n)s institución. Por ser tantas, el aviso "
                        "por correo sale con el envío automático de recordatorios.",
                        "Se abrió la ronda para %(n)s instituciones. Por ser tantas, el aviso "
                        "por correo sale con el envío automático de recordatorios.",
                        n,
                    )
                    % {"n": n},
                )
            return redirect(aplicacion)
    return render(
        request,
        "diagnosticos/aplicaciones/aplicacion_form.html",
        {"form": form, "hay_errores": form.is_bound and not form.is_valid()},
    )


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.change_aplicacion", raise_exception=True)
def aplicacion_editar(request, pk):
    aplicacion = _ronda_visible(request.user, pk)
    form = AplicacionEditarForm(request.POST or None, aplicacion=aplicacion)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            aplicacion = services.editar_aplicacion(
                aplicacion,
                nombre=datos["nombre"],
                apertura=datos["apertura"],
                cierre=datos["cierre"],
                instrucciones=datos["instrucciones"],
                usuario=request.user,
            )
            agregadas, reparto = services.ampliar_aplicacion(
                aplicacion, datos["dependencias"], request.user
            )
        except ValidationError as error:
            for mensaje in _errores(error):
                form.add_error(None, mensaje)
        else:
            texto = _("Se guardaron los cambios de la ronda.")
            if agregadas:
                texto += " " + ngettext(
                    "Se agregó %(n)s institución.", "Se agregaron %(n)s instituciones.", agregadas
                ) % {"n": agregadas}
            if reparto is not None:
                informar_reparto(request, reparto, texto)
            else:
                messages.success(request, texto)
            return redirect(aplicacion)
    return render(
        request,
        "diagnosticos/aplicaciones/aplicacion_form.html",
        {
            "form": form,
            "aplicacion": aplicacion,
            "hay_errores": form.is_bound and not form.is_valid(),
        },
    )


# --- Seguimiento ----------------------------------------------------------------------------------


def _filtrar(respuestas, aplicacion, filtros, hoy):
    if filtros["estado"]:
        respuestas = respuestas.filter(estado=filtros["estado"])
    if filtros["situacion"]:
        respuestas = respuestas.filter(Situacion.condicion(filtros["situacion"], aplicacion, hoy))
    if filtros["tipo"]:
        respuestas = respuestas.filter(dependencia__tipo=filtros["tipo"])
    if filtros["sector"]:
        respuestas = respuestas.filter(dependencia__sector=filtros["sector"])
    if filtros["q"]:
        respuestas = respuestas.filter(
            Q(dependencia__siglas__icontains=filtros["q"])
            | Q(dependencia__nombre__icontains=filtros["q"])
        )
    return respuestas


@require_GET
@permission_required("diagnosticos.view_aplicacion", raise_exception=True)
def aplicacion_detalle(request, pk):
    """El seguimiento de una ronda: resumen y una fila por institución, con filtros."""
    usuario = request.user
    aplicacion = _ronda_visible(usuario, pk)
    hoy = timezone.localdate()
    vista_global = usuario.ve_todas_las_dependencias
    respuestas = Respuesta.objects.visibles_para(usuario).filter(aplicacion=aplicacion)
    sectores = (
        respuestas.order_by("dependencia__sector")
        .values_list("dependencia__sector", flat=True)
        .distinct()
        if vista_global
        else []
    )
    form = SeguimientoFiltroForm(request.GET or None, sectores=list(sectores))
    filtros = form.filtros()
    filtradas = _filtrar(respuestas, aplicacion, filtros, hoy)
    pagina = Paginator(
        filtradas.select_related("dependencia").order_by("dependencia__nombre", "pk"),
        INSTITUCIONES_POR_PAGINA,
    ).get_page(request.GET.get("page"))
    etiquetas = Situacion.ETIQUETAS
    for respuesta in pagina.object_list:
        respuesta.aplicacion = aplicacion  # sin otra consulta por fila
        respuesta.situacion = Situacion.de(respuesta, aplicacion, hoy)
        respuesta.situacion_display = etiquetas[respuesta.situacion]
        respuesta.tiene_resultados = respuesta.estado in services.RECIBIDAS
    datos = services.resumen(respuestas, aplicacion, hoy) if vista_global else None
    por_recordar = sin_cuenta = 0
    if vista_global and usuario.has_perm("diagnosticos.change_aplicacion"):
        conteo = services.por_recordar(aplicacion, hoy).aggregate(
            total=Count("pk"),
            sin_cuenta=Count("pk", filter=~con_responsable_con_correo("dependencia")),
        )
        por_recordar, sin_cuenta = conteo["total"], conteo["sin_cuenta"]
    return render(
        request,
        "diagnosticos/aplicaciones/aplicacion_detalle.html",
        {
            "aplicacion": aplicacion,
            "vista_global": vista_global,
            "resumen": datos,
            "form": form,
            "filtros": filtros,
            "hay_filtros": any(filtros.values()),
            "page_obj": pagina,
            "respuestas": pagina.object_list,
            "por_recordar": por_recordar,
            "por_recordar_sin_cuenta": sin_cuenta,
            "hoy": hoy,
            "por_abrir": aplicacion.apertura > hoy,
        },
    )


@require_POST
@permission_required("diagnosticos.change_aplicacion", raise_exception=True)
def aplicacion_recordar(request, pk):
    aplicacion = _ronda_visible(request.user, pk)
    if aplicacion.apertura > timezone.localdate():
        messages.info(
            request,
            _("La ronda abre el %(fecha)s: antes de esa fecha no se envían recordatorios.")
            % {"fecha": aplicacion.apertura.strftime("%d/%m/%Y")},
        )
        return redirect(aplicacion)
    reparto = services.recordar(aplicacion)
    if reparto.enviados or reparto.sin_cuenta:
        informar_reparto(request, reparto, avisadas=_texto_recordados)
    else:
        messages.info(
            request,
            _(
                "No se envió ningún recordatorio: las instituciones pendientes ya recibieron "
                "uno hoy."
            ),
        )
    return redirect(aplicacion)


def _texto_recordados(n):
    if not n:
        return _("No se envió ningún recordatorio.")
    return ngettext(
        "Se envió un recordatorio por correo a %(n)s institución pendiente.",
        "Se envió un recordatorio por correo a %(n)s instituciones pendientes.",
        n,
    ) % {"n": n}


# --- Revisión ---------------------------------------------------------------------------------------


def _a_resultados(respuesta):
    return redirect(reverse("diagnosticos:resultado", args=[respuesta.pk]) + "#revision")


def _revisar(request, pk, accion, exito):
    respuesta = get_object_or_404(Respuesta.objects.visibles_para(request.user), pk=pk)
    try:
        accion(respuesta)
    except services.SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except ValidationError as error:
        messages.error(request, " ".join(_errores(error)))
    else:
        messages.success(request, exito)
    return _a_resultados(respuesta)


@require_POST
@permission_required("diagnosticos.revisar_respuesta", raise_exception=True)
def respuesta_devolver(request, pk):
    form = DevolverForm(request.POST)
    observaciones = form.cleaned_data["observaciones"] if form.is_valid() else ""
    return _revisar(
        request,
        pk,
        lambda r: services.devolver(r, observaciones=observaciones, usuario=request.user),
        _(
            "Se devolvió la respuesta con sus observaciones y se avisó a la institución por "
            "correo. Ya puede corregirla y volver a enviarla."
        ),
    )


@require_POST
@permission_required("diagnosticos.revisar_respuesta", raise_exception=True)
def respuesta_aceptar(request, pk):
    return _revisar(
        request,
        pk,
        lambda r: services.aceptar(r, usuario=request.user),
        _("Se aceptó la respuesta, se guardaron sus índices y se avisó a la institución."),
    )
