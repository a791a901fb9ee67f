"""Asistencia a las sesiones de un evento: en pantalla, con plantilla e importación en Excel,
y su exportación.

Registrar asistencia es de la Coordinación (`capacitacion.add_asistencia`); las instituciones
la consultan en la página del evento (solo sus personas) y la exportan. Los eventos se obtienen
con `Evento.objects.visibles_para`: uno que la persona no ve es un 404. Guardar e importar
pasan por `capacitacion.asistencia`, que bloquea el evento y recalcula la acreditación.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capacitacion import asistencia as servicio
from capacitacion.forms.asistencia import (
    FiltroAsistenciaForm,
    GuardarAsistenciaForm,
    ImportarAsistenciaForm,
)
from capacitacion.models import Asistencia, Evento, Inscripcion, Sesion
from uig_portal.lib.hojas import respuesta_xlsx
from uig_portal.lib.importacion_temporal import borrar_temporal, guardar_temporal, reclamar_temporal

PERMISO_REGISTRAR = "capacitacion.add_asistencia"
PERMISO_VER = "capacitacion.view_asistencia"
POR_PAGINA = 100
#: Hasta cuántas personas el panel del evento muestra la cuadrícula persona × sesión.
PERSONAS_EN_PANEL = 200
#: Llave de la sesión con el archivo que espera confirmación.
SESION_IMPORTACION = "importacion_asistencia"


def _evento_visible(usuario, pk):
    return get_object_or_404(Evento.objects.visibles_para(usuario), pk=pk)


def _url_evento(evento):
    return reverse("capacitacion:evento_detalle", args=[evento.pk])


# --- En pantalla ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required(PERMISO_REGISTRAR, raise_exception=True)
def asistencia(request, pk):
    """La lista de personas confirmadas con una casilla para la sesión; guarda una página."""
    sesion = get_object_or_404(
        Sesion.objects.filter(evento__in=Evento.objects.visibles_para(request.user)).select_related(
            "evento__programa"
        ),
        pk=pk,
    )
    if request.method == "POST":
        return _guardar(request, sesion)
    evento = sesion.evento
    filtro = FiltroAsistenciaForm(request.GET, evento=evento)
    marca = Asistencia.objects.filter(inscripcion=OuterRef("pk"), sesion=sesion)
    filas = (
        Inscripcion.objects.filter(evento=evento)
        .confirmadas()
        .select_related("participante", "dependencia")
        .annotate(presente=Subquery(marca.values("presente")[:1]))
        .order_by("participante__nombre", "pk")
    )
    if filtro.is_valid():
        texto = filtro.cleaned_data["q"].strip()
        if texto:
            filas = filas.filter(
                Q(participante__nombre__icontains=texto)
                | Q(participante__correo__icontains=texto.lower())
            )
        if filtro.cleaned_data["dependencia"]:
            filas = filas.filter(dependencia=filtro.cleaned_data["dependencia"])
    else:
        # Un filtro inválido no muestra nada, en vez de mostrarlo todo.
        filas = filas.none()
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("page"))
    sesiones = list(servicio.sesiones_con_conteos(evento))
    actual = next((s for s in sesiones if s.pk == sesion.pk), sesion)
    return render(
        request,
        "capacitacion/asistencia/asistencia.html",
        {
            "evento": evento,
            "sesion": actual,
            "sesiones": sesiones,
            "filtro": filtro,
            "page_obj": pagina,
            "filas": pagina.object_list,
            "editable": servicio.se_toma_asistencia(evento),
            "leida": timezone.now().isoformat(),
            "filtrada": bool(request.GET.get("q") or request.GET.get("dependencia")),
        },
    )


def _guardar(request, sesion):
    """Guarda las marcas de las filas que mostró la página y vuelve a ella (PRG)."""
    volver = request.get_full_path()
    form = GuardarAsistenciaForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("El formulario llegó incompleto y no se guardó nada; vuelva a cargar la página."),
        )
        return redirect(volver)
    datos = form.cleaned_data
    try:
        presentes, personas = servicio.registrar(
            sesion,
            datos["presentes"],
            request.user,
            inscripcion_ids=datos["en_pagina"],
            leida=datos["leida"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(volver)
    messages.success(
        request,
        ngettext(
            "Asistencia guardada: %(presentes)s presente de %(personas)s.",
            "Asistencia guardada: %(presentes)s presentes de %(personas)s.",
            presentes,
        )
        % {"presentes": presentes, "personas": personas},
    )
    siguiente = request.POST.get("siguiente", "")
    if siguiente.isdigit():
        parametros = request.GET.copy()
        parametros["page"] = siguiente
        return redirect(f"{request.path}?{parametros.urlencode()}")
    return redirect(volver)


# --- Plantilla y exportación ------------------------------------------------------------------


def _libro(evento, inscripciones, marcas, sesiones, *, con_resultado):
    """Una hoja con una fila por inscripción: identificación, Sí/No por sesión y, en la
    exportación, horas asistidas y si acredita. Sin marca registrada, la celda queda vacía."""
    si, no = _("Sí"), _("No")
    encabezados = servicio.encabezados_base() + [servicio.encabezado_sesion(s) for s in sesiones]
    if con_resultado:
        encabezados += [_("Horas asistidas"), _("Acredita")]

    def filas():
        for inscripcion in inscripciones:
            persona = inscripcion.participante
            fila = [persona.correo, persona.curp, persona.nombre, inscripcion.dependencia.nombre]
            for sesion in sesiones:
                presente = marcas.get((inscripcion.pk, sesion.pk))
                fila.append("" if presente is None else si if presente else no)
            if con_resultado:
                fila += [inscripcion.horas_asistidas, si if inscripcion.acreditada else no]
            yield fila

    return (_("Asistencia"), encabezados, filas())


def _instrucciones(evento, sesiones):
    lineas = [
        _("Lista de asistencia de «%(evento)s».") % {"evento": evento.nombre},
        _(
            "Escriba Sí o No en la columna de cada sesión (también se aceptan x, 1 y 0; una "
            "celda vacía cuenta como No)."
        ),
        _(
            "Cada persona se reconoce por su correo o, si no lo tiene, por su CURP; no cambie "
            "esas columnas. Nombre e Institución son solo para ubicarla."
        ),
        _(
            "Puede borrar las columnas de las sesiones que no quiera cambiar: su asistencia se "
            "queda como está."
        ),
        _("No use fórmulas: escriba los valores. Se lee solo la primera hoja."),
    ]
    lineas += [
        _("%(sesion)s: %(horas)s horas.")
        % {"sesion": servicio.encabezado_sesion(s), "horas": floatformat(s.horas, -1)}
        for s in sesiones
    ]
    return (_("Instrucciones"), [_("Instrucciones")], [[linea] for linea in lineas])


def _marcas(asistencias):
    return {
        (i, s): p for i, s, p in asistencias.values_list("inscripcion_id", "sesion_id", "presente")
    }


def _nombre_archivo(evento, sufijo):
    base = slugify(evento.nombre)[:50].strip("-") or str(evento.pk)
    return f"asistencia-{base}{sufijo}.xlsx"


@require_GET
@permission_required(PERMISO_REGISTRAR, raise_exception=True)
def asistencia_plantilla(request, pk):
    """El XLSX para capturar asistencia fuera del portal, con lo que ya está registrado."""
    evento = _evento_visible(request.user, pk)
    sesiones = list(Sesion.objects.filter(evento=evento))
    inscripciones = (
        Inscripcion.objects.filter(evento=evento)
        .confirmadas()
        .select_related("participante", "dependencia")
        .order_by("participante__nombre", "pk")
    )
    marcas = _marcas(Asistencia.objects.filter(sesion__evento=evento))
    hojas = [
        _libro(evento, inscripciones, marcas, sesiones, con_resultado=False),
        _instrucciones(evento, sesiones),
    ]
    return respuesta_xlsx(hojas, _nombre_archivo(evento, "-plantilla"))


@require_GET
@permission_required(PERMISO_VER, raise_exception=True)
def asistencia_exportar(request, pk):
    """La asistencia por persona y sesión, con horas y acreditación; cada institución, la suya."""
    evento = _evento_visible(request.user, pk)
    sesiones = list(Sesion.objects.filter(evento=evento))
    inscripciones = (
        Inscripcion.objects.visibles_para(request.user)
        .filter(evento=evento)
        .confirmadas()
        .select_related("participante", "dependencia")
        .order_by("participante__nombre", "pk")
    )
    marcas = _marcas(Asistencia.objects.visibles_para(request.user).filter(sesion__evento=evento))
    hoja = _libro(evento, inscripciones, marcas, sesiones, con_resultado=True)
    return respuesta_xlsx([hoja], _nombre_archivo(evento, ""))


# --- Importación ------------------------------------------------------------------------------


def _pagina_importar(request, evento, form, revision=None):
    return render(
        request,
        "capacitacion/asistencia/importar.html",
        {
            "evento": evento,
            "form": form,
            "revision": revision,
            "editable": servicio.se_toma_asistencia(evento),
            "sesiones": Sesion.objects.filter(evento=evento),
            "filas_maximas": servicio.FILAS_MAXIMAS,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(PERMISO_REGISTRAR, raise_exception=True)
def asistencia_importar(request, pk):
    """Sube la lista y muestra la vista previa (o todos sus errores); no escribe nada."""
    evento = _evento_visible(request.user, pk)
    if request.method == "GET":
        return _pagina_importar(request, evento, ImportarAsistenciaForm(evento=evento))
    if not servicio.se_toma_asistencia(evento):
        messages.error(request, " ".join(_mensajes_estado(evento)))
        return redirect("capacitacion:asistencia_importar", evento.pk)
    form = ImportarAsistenciaForm(request.POST, request.FILES, evento=evento)
    if not form.is_valid():
        return _pagina_importar(request, evento, form)
    revision = servicio.revisar(form.hoja, evento)
    if revision.errores:
        return _pagina_importar(request, evento, form, revision)
    return _vista_previa(request, evento, revision, form.cleaned_data["archivo"])


def _mensajes_estado(evento):
    try:
        servicio.exigir_estado(evento)
    except ValidationError as error:
        return error.messages
    return []


def _vista_previa(request, evento, revision, archivo, aviso=None):
    """Guarda el archivo para confirmarlo después y muestra qué cambia en cada sesión."""
    anterior = request.session.pop(SESION_IMPORTACION, None)
    if anterior:
        borrar_temporal(anterior["clave"])
    clave = None
    if revision.cambios:
        clave = guardar_temporal(archivo)
        request.session[SESION_IMPORTACION] = {
            "clave": clave,
            "evento": evento.pk,
            "nombre": revision.hoja.nombre,
            "huella": revision.huella(),
        }
    return render(
        request,
        "capacitacion/asistencia/importar_vista_previa.html",
        {"evento": evento, "revision": revision, "clave": clave, "aviso": aviso},
    )


@require_POST
@permission_required(PERMISO_REGISTRAR, raise_exception=True)
def asistencia_importar_confirmar(request, pk):
    """Aplica el archivo de la vista previa: todas sus marcas o ninguna, y una sola vez."""
    evento = _evento_visible(request.user, pk)
    pendiente = request.session.get(SESION_IMPORTACION)
    clave = request.POST.get("clave", "")
    es_esta = bool(pendiente) and pendiente["clave"] == clave and pendiente["evento"] == evento.pk
    ruta = reclamar_temporal(clave) if es_esta else None
    if ruta is None:
        messages.warning(
            request,
            _(
                "Esa importación ya se aplicó, se canceló o caducó; no se volvió a aplicar. "
                "Revise la asistencia del evento y, si hace falta, suba el archivo de nuevo."
            ),
        )
        return redirect(_url_evento(evento))
    del request.session[SESION_IMPORTACION]
    try:
        if "cancelar" in request.POST:
            messages.info(request, _("Se canceló la importación; no se guardó nada."))
            return redirect("capacitacion:asistencia_importar", evento.pk)
        with open(ruta, "rb") as abierto:
            return _aplicar(request, evento, File(abierto, name=pendiente["nombre"]), pendiente)
    finally:
        ruta.unlink(missing_ok=True)


def _aplicar(request, evento, archivo, pendiente):
    try:
        with transaction.atomic():
            # Con el evento bloqueado se revisa de nuevo: pudo cambiar desde la vista previa.
            evento = Evento.objects.select_for_update().get(pk=evento.pk)
            revision = servicio.revisar(servicio.leer(archivo, evento), evento)
            if revision.errores:
                form = ImportarAsistenciaForm(evento=evento)
                return _pagina_importar(request, evento, form, revision)
            if revision.huella() != pendiente["huella"]:
                aviso = _(
                    "La asistencia del evento cambió desde la vista previa. Revise de nuevo lo "
                    "que se va a importar y confirme."
                )
                return _vista_previa(request, evento, revision, archivo, aviso=aviso)
            servicio.aplicar(revision, evento, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("capacitacion:asistencia_importar", evento.pk)
    messages.success(
        request,
        _(
            "Asistencia importada de «%(archivo)s»: %(personas)s personas, %(cambios)s marcas "
            "nuevas o cambiadas."
        )
        % {
            "archivo": revision.hoja.nombre,
            "personas": revision.personas,
            "cambios": revision.cambios,
        },
    )
    return redirect(_url_evento(evento))


# --- Panel en la página del evento ------------------------------------------------------------


def contexto_evento(request, evento):
    """Lo que el panel de asistencia de la página del evento necesita; ver evento_detalle.

    La Coordinación ve por sesión cuántas personas confirmadas estuvieron y los accesos para
    registrar; una institución, la asistencia de sus personas (cuadrícula persona × sesión si
    son pocas). Unas cuantas consultas, sin importar cuántas personas haya.
    """
    usuario = request.user
    if not usuario.has_perm(PERMISO_VER):
        return {}
    registra = usuario.has_perm(PERMISO_REGISTRAR) and usuario.ve_todas_las_dependencias
    dependencia_id = None if usuario.ve_todas_las_dependencias else usuario.dependencia_id
    if not usuario.ve_todas_las_dependencias and dependencia_id is None:
        return {}
    sesiones = list(servicio.sesiones_con_conteos(evento, dependencia_id))
    inscripciones = Inscripcion.objects.filter(evento=evento).confirmadas()
    if dependencia_id is not None:
        inscripciones = inscripciones.filter(dependencia_id=dependencia_id)
    totales = inscripciones.aggregate(
        confirmadas=Count("pk"), acreditadas=Count("pk", filter=Q(acreditada=True))
    )
    contexto = {
        "asistencia_evento": evento,
        "asistencia_sesiones": sesiones,
        "asistencia_confirmadas": totales["confirmadas"],
        "asistencia_acreditadas": totales["acreditadas"],
        "asistencia_registra": registra,
        "asistencia_editable": servicio.se_toma_asistencia(evento),
        "asistencia_propia": dependencia_id is not None,
        "asistencia_personas": None,
        "asistencia_limite": PERSONAS_EN_PANEL,
    }
    if dependencia_id is not None and 0 < totales["confirmadas"] <= PERSONAS_EN_PANEL:
        personas = list(
            inscripciones.select_related("participante").order_by("participante__nombre", "pk")
        )
        marcas = _marcas(
            Asistencia.objects.filter(
                sesion__evento=evento, inscripcion__dependencia_id=dependencia_id
            )
        )
        contexto["asistencia_personas"] = [
            (persona, [marcas.get((persona.pk, s.pk)) for s in sesiones]) for persona in personas
        ]
    return contexto
