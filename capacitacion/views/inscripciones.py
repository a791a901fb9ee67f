"""Inscripciones a eventos: inscribir personas, revisarlas (Coordinación) y cancelarlas, y el
panel de inscripciones de la página del evento.

Una persona responsable inscribe a personas de su institución en los eventos abiertos a ella; la
Coordinación confirma o no acepta esas inscripciones, e inscribe directamente a cualquier
persona. Las reglas viven en `capacitacion.inscripciones`; aquí solo se traducen a páginas.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from capacitacion import inscripciones as servicio
from capacitacion.forms.inscripciones import (
    ConfirmarVariasForm,
    EleccionDependenciaForm,
    FiltroInscripcionesForm,
    PersonaForm,
    PersonaRegistradaForm,
    RechazoForm,
)
from capacitacion.inscripciones import SinCambios, es_coordinacion
from capacitacion.models import Asistencia, Constancia, Evento, Inscripcion, Participante
from unidades.models import Dependencia

Estado = Inscripcion.Estado
POR_PAGINA = 50
#: Personas ya inscritas de la institución que se listan en la página de inscripción.
INSCRITAS_A_LA_VISTA = 200


def _a_evento(evento):
    return reverse("capacitacion:evento_detalle", args=[evento.pk]) + "#inscripciones"


def _volver(request, evento):
    """A dónde volver después de un POST: la página de origen (con sus filtros), si es de aquí."""
    destino = request.POST.get("siguiente", "")
    if url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(destino)
    return HttpResponseRedirect(_a_evento(evento))


def _impedimento(evento, usuario, coordinacion):
    """Por qué no se puede inscribir hoy en el evento, o "" si se puede."""
    if coordinacion:
        if evento.estado not in servicio.ESTADOS_INSCRIPCION_COORDINACION:
            return _(
                "Solo se inscriben personas mientras el evento está abierto o cerrado; este evento "
                "está en «%(estado)s»."
            ) % {"estado": evento.get_estado_display()}
        return ""
    if usuario.dependencia_id is None or not evento.abierto_a(usuario.dependencia_id):
        return _("La inscripción a este evento no está abierta para su institución.")
    return ""


# --- Inscribir ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.add_inscripcion", raise_exception=True)
def inscribir(request, pk):
    usuario = request.user
    evento = get_object_or_404(Evento.objects.visibles_para(usuario).con_ocupacion(), pk=pk)
    coordinacion = es_coordinacion(usuario)
    if motivo := _impedimento(evento, usuario, coordinacion):
        messages.error(request, motivo)
        return redirect(_a_evento(evento))

    dependencia = _dependencia_elegida(request, usuario, coordinacion)
    personas = _personas_sin_inscribir(evento, dependencia)
    forma = request.POST.get("forma") if request.method == "POST" else None
    nueva = PersonaForm(
        request.POST if forma == "nueva" else None,
        coordinacion=coordinacion,
        initial={"dependencia": dependencia},
        prefix="nueva",
    )
    registrada = None
    if personas is not None:
        registrada = PersonaRegistradaForm(
            request.POST if forma == "registrada" else None, personas=personas, prefix="registrada"
        )
    form = registrada if forma == "registrada" else nueva
    if forma in ("nueva", "registrada") and form is not None and form.is_valid():
        datos = form.cleaned_data
        try:
            resultado = servicio.inscribir(evento, datos, usuario, datos.get("dependencia"))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _avisar(request, resultado, coordinacion)
            if "otra" in request.POST:
                destino = reverse("capacitacion:inscribir", args=[evento.pk])
                inscrita_en = resultado.inscripcion.dependencia_id
                return redirect(f"{destino}?dependencia={inscrita_en}" if coordinacion else destino)
            return redirect(_a_evento(evento))
    elif forma is not None and form is None:
        messages.error(request, _("Elija primero la institución."))

    inscritas = []
    num_inscritas = 0
    if dependencia is not None:
        propias = Inscripcion.objects.filter(evento=evento, dependencia=dependencia)
        num_inscritas = propias.count()
        inscritas = propias.select_related("participante").order_by("participante__nombre", "pk")[
            :INSCRITAS_A_LA_VISTA
        ]
    lugares = None if evento.cupo is None else max(evento.cupo - evento.ocupados, 0)
    return render(
        request,
        "capacitacion/inscripciones/inscribir.html",
        {
            "evento": evento,
            "coordinacion": coordinacion,
            "dependencia": dependencia,
            "eleccion": EleccionDependenciaForm(initial={"dependencia": dependencia})
            if coordinacion
            else None,
            "nueva": nueva,
            "registrada": registrada,
            "lugares": lugares,
            "inscritas": inscritas,
            "num_inscritas": num_inscritas,
            "mas_inscritas": num_inscritas > INSCRITAS_A_LA_VISTA,
        },
    )


def _dependencia_elegida(request, usuario, coordinacion):
    """La institución de las personas: la propia, o la que la Coordinación eligió."""
    if not coordinacion:
        return usuario.dependencia
    # Va en la dirección (también al enviar el formulario), no en el cuerpo del POST.
    valor = request.GET.get("dependencia", "")
    if not valor.isdigit():
        return None
    return Dependencia.objects.filter(pk=valor).first()


def _personas_sin_inscribir(evento, dependencia):
    """Personas de la institución que aún no ocupan lugar en el evento (None sin institución)."""
    if dependencia is None:
        return None
    ocupan = Inscripcion.objects.filter(
        evento=evento, participante=OuterRef("pk"), estado__in=Inscripcion.OCUPAN_LUGAR
    )
    return (
        Participante.objects.filter(dependencia=dependencia)
        .exclude(Exists(ocupan))
        .only("pk", "nombre", "correo")
        .order_by("nombre", "pk")
    )


def _avisar(request, resultado, coordinacion):
    nombre = resultado.inscripcion.participante.nombre
    if resultado.persona_nueva:
        texto = _("Se registró e inscribió a %(nombre)s.") % {"nombre": nombre}
    elif resultado.reabierta:
        texto = _("Se reabrió la inscripción anterior de %(nombre)s.") % {"nombre": nombre}
    else:
        texto = _(
            "La persona %(nombre)s ya estaba registrada en la institución; se inscribió con "
            "ese registro."
        ) % {"nombre": nombre}
    if coordinacion:
        texto += " " + _("La inscripción quedó confirmada.")
    else:
        texto += " " + _("La Coordinación confirmará la inscripción.")
    messages.success(request, texto)
    if resultado.otros_registros:
        messages.warning(
            request,
            ngettext(
                "Hay %(n)s registro más con el mismo correo o CURP; revíselo en «Posibles "
                "duplicados».",
                "Hay %(n)s registros más con el mismo correo o CURP; revíselos en «Posibles "
                "duplicados».",
                resultado.otros_registros,
            )
            % {"n": resultado.otros_registros},
        )


# --- Revisar y cancelar ------------------------------------------------------------------------


@require_POST
@permission_required("capacitacion.confirmar_inscripcion", raise_exception=True)
def inscripcion_revisar(request, pk):
    inscripcion = get_object_or_404(
        Inscripcion.objects.visibles_para(request.user).select_related("evento", "participante"),
        pk=pk,
    )
    accion = request.POST.get("accion")
    if accion not in ("confirmar", "rechazar"):
        messages.error(request, _("Elija si confirma o no acepta la inscripción."))
        return _volver(request, inscripcion.evento)
    confirmar = accion == "confirmar"
    motivo = ""
    if not confirmar:
        form = RechazoForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["motivo"][0])
            return _volver(request, inscripcion.evento)
        motivo = form.cleaned_data["motivo"]
    try:
        revisada = servicio.revisar(inscripcion, confirmar, request.user, motivo)
    except SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        nombre = inscripcion.participante.nombre
        if confirmar:
            confirmacion = revisada.confirmacion
            texto = _("Se confirmó la inscripción de %(n)s.") % {"n": nombre}
            if confirmacion.sin_correo:
                messages.warning(request, f"{texto} {confirmacion.texto_del_aviso}")
            else:
                messages.success(request, f"{texto} {confirmacion.texto_del_aviso}")
        else:
            messages.success(request, _("No se aceptó la inscripción de %(n)s.") % {"n": nombre})
    return _volver(request, inscripcion.evento)


@require_POST
@permission_required("capacitacion.confirmar_inscripcion", raise_exception=True)
def inscripciones_confirmar(request, pk):
    evento = get_object_or_404(Evento.objects.visibles_para(request.user), pk=pk)
    form = ConfirmarVariasForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return _volver(request, evento)
    ids = None if form.cleaned_data["todas"] else form.cleaned_data["ids"]
    try:
        confirmadas = servicio.confirmar_varias(evento, request.user, ids)
    except SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        n = len(confirmadas)
        texto = ngettext(
            "Se confirmó %(n)s inscripción.", "Se confirmaron %(n)s inscripciones.", n
        ) % {"n": n}
        nivel = messages.warning if confirmadas.sin_correo else messages.success
        nivel(request, f"{texto} {confirmadas.texto_del_aviso}")
    return _volver(request, evento)


@require_POST
@permission_required("capacitacion.change_inscripcion", raise_exception=True)
def inscripcion_cancelar(request, pk):
    inscripcion = get_object_or_404(
        Inscripcion.objects.visibles_para(request.user).select_related("evento", "participante"),
        pk=pk,
    )
    try:
        servicio.cancelar(inscripcion, request.user)
    except SinCambios as aviso:
        messages.info(request, aviso.mensaje)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Se canceló la inscripción de %(n)s; su lugar quedó libre.")
            % {"n": inscripcion.participante.nombre},
        )
    return _volver(request, inscripcion.evento)


# --- Panel en la página del evento -------------------------------------------------------------


def contexto_evento(request, evento):
    """Lo que el panel de inscripciones de la página del evento necesita; ver evento_detalle.

    Hace un número fijo de consultas (resumen, instituciones del filtro, conteo y página), sin
    importar cuántas personas estén inscritas.
    """
    usuario = request.user
    if not usuario.has_perm("capacitacion.view_inscripcion"):
        return {"inscripciones_visible": False}
    coordinacion = es_coordinacion(usuario)
    ve_todas = usuario.ve_todas_las_dependencias
    base = Inscripcion.objects.visibles_para(usuario).filter(evento=evento)
    resumen = base.aggregate(
        total=Count("pk"),
        **{
            estado.value: Count("pk", filter=Q(estado=estado))
            for estado in (Estado.SOLICITADA, Estado.CONFIRMADA, Estado.RECHAZADA, Estado.CANCELADA)
        },
        acreditadas=Count("pk", filter=Q(acreditada=True)),
    )
    dependencias = None
    if ve_todas:
        dependencias = Dependencia.objects.filter(
            pk__in=Inscripcion.objects.filter(evento=evento).values("dependencia")
        ).order_by("nombre")
    filtro = FiltroInscripcionesForm(request.GET, dependencias=dependencias)
    filas = base
    if filtro.is_valid():
        if estado := filtro.cleaned_data.get("estado"):
            filas = filas.filter(estado=estado)
        if dependencia := filtro.cleaned_data.get("dependencia"):
            filas = filas.filter(dependencia=dependencia)
    filas = (
        filas.select_related("participante", "dependencia")
        .annotate(
            asistio=Exists(Asistencia.objects.filter(inscripcion=OuterRef("pk"), presente=True)),
            constancia_pk=Subquery(
                Constancia.objects.filter(inscripcion=OuterRef("pk")).values("pk")[:1]
            ),
        )
        .order_by("participante__nombre", "pk")
    )
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("insc_pagina"))
    puede_cancelar = (
        usuario.has_perm("capacitacion.change_inscripcion")
        and evento.estado in servicio.ESTADOS_CANCELACION
    )
    for inscripcion in pagina.object_list:
        inscripcion.evento = evento
        inscripcion.impide_cancelar = (
            servicio.motivo_para_no_cancelar(
                inscripcion,
                asistio=inscripcion.asistio,
                con_constancia=inscripcion.constancia_pk is not None,
            )
            if puede_cancelar
            else ""
        )
    puede_inscribir = False
    if usuario.has_perm("capacitacion.add_inscripcion"):
        puede_inscribir = not _impedimento(evento, usuario, coordinacion)
    ocupados = getattr(evento, "ocupados", None)
    if evento.cupo is not None and ocupados is None:
        ocupados = Inscripcion.objects.filter(
            evento=evento, estado__in=Inscripcion.OCUPAN_LUGAR
        ).count()
    return {
        "inscripciones_visible": True,
        "inscripciones_resumen": resumen,
        "inscripciones_filtro": filtro,
        "inscripciones_filtrado": any(request.GET.get(f"insc_{c}") for c in filtro.fields),
        "inscripciones_pagina": pagina,
        "inscripciones_coordinacion": coordinacion,
        "inscripciones_ve_todas": ve_todas,
        "inscripciones_puede_cancelar": puede_cancelar,
        "inscripciones_puede_inscribir": puede_inscribir,
        "inscripciones_puede_revisar": coordinacion and evento.estado in servicio.ESTADOS_REVISION,
        "inscripciones_lugares": None if evento.cupo is None else max(evento.cupo - ocupados, 0),
        "inscripciones_volver": request.get_full_path() + "#inscripciones",
    }
