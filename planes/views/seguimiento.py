"""El seguimiento trimestral de un plan aprobado.

La unidad captura cada trimestre el avance de sus actividades con sus evidencias y envía el
informe; la Coordinación lo lee y comenta cada actividad. Las filas de informe y seguimiento
se crean al primer guardado (nunca al abrir una página), y todo cambio de estado es por POST.
Las cuentas del avance están en `planes.avance`.
"""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as formato_fecha
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planes.avance import (
    NOMBRES_TRIMESTRE,
    avance_plan,
    estado_trimestre,
    faltantes_para_enviar,
    fin_trimestre,
    inicio_trimestre,
    trimestre_iniciado,
)
from planes.forms.seguimiento import (
    ComentarioForm,
    EnviarInformeForm,
    EvidenciaSeguimientoForm,
    SeguimientoFormSet,
)
from planes.models import EvidenciaSeguimiento, InformeTrimestral, PlanTrabajo, Seguimiento
from uig_portal.lib import concurrencia
from uig_portal.lib.archivos import respuesta_descarga, validar_documento
from uig_portal.lib.historial import combinar, entradas
from uig_portal.lib.pdf import render_pdf, respuesta_pdf

#: Capturar un informe crea y cambia informes y seguimientos: solo la unidad responsable.
PERMISOS_CAPTURA = (
    "planes.add_informetrimestral",
    "planes.change_informetrimestral",
    "planes.add_seguimiento",
    "planes.change_seguimiento",
)
#: El comentario de la Coordinación: `change_seguimiento` también lo tiene la unidad, así que
#: se exige además el permiso de revisar planes, que solo tiene la Coordinación.
PERMISOS_COMENTARIO = ("planes.change_seguimiento", "planes.revisar_plan")
PERMISOS_EVIDENCIA = ("planes.add_evidenciaseguimiento", "planes.add_seguimiento")
PREFIJO = "seg"


# --- Búsquedas comunes --------------------------------------------------------------------


def _validar_trimestre(trimestre):
    if not 1 <= trimestre <= 4:
        raise Http404(_("El trimestre va del 1 al 4."))


def _plan(usuario, pk, *, solo_aprobado=True):
    """El plan si la persona puede verlo (si no, 404); por omisión, solo si está aprobado."""
    planes = PlanTrabajo.objects.visibles_para(usuario).select_related("unidad__dependencia")
    if solo_aprobado:
        planes = planes.filter(estado=PlanTrabajo.Estado.APROBADO)
    return get_object_or_404(planes, pk=pk)


def _version_que_lo_sustituye(plan):
    """Una versión aprobada posterior del mismo plan, si la hay: el seguimiento sigue en ella."""
    return (
        PlanTrabajo.objects.filter(
            unidad_id=plan.unidad_id,
            anio=plan.anio,
            version__gt=plan.version,
            estado=PlanTrabajo.Estado.APROBADO,
        )
        .order_by("-version")
        .first()
    )


def _nombre_trimestre(trimestre):
    return str(NOMBRES_TRIMESTRE[trimestre])


def _por_que_no_se_captura(plan, trimestre, hoy, sustituto):
    """Por qué no se puede capturar este trimestre de este plan, o None si sí se puede."""
    if not trimestre_iniciado(plan.anio, trimestre, hoy):
        return _(
            "El %(trimestre)s de %(anio)s empieza el %(fecha)s; podrá capturar su avance a "
            "partir de esa fecha."
        ) % {
            "trimestre": _nombre_trimestre(trimestre).lower(),
            "anio": plan.anio,
            "fecha": formato_fecha(inicio_trimestre(plan.anio, trimestre), "d/m/Y"),
        }
    if sustituto is not None:
        return _(
            "Esta versión del plan fue sustituida por la versión %(version)s, aprobada; el "
            "seguimiento se captura en ella."
        ) % {"version": sustituto.version}
    return None


def _seguimientos(plan, hasta_trimestre=4):
    """Los seguimientos del plan hasta un trimestre, con su informe y cuántas evidencias tienen."""
    return list(
        Seguimiento.objects.filter(informe__plan=plan, informe__trimestre__lte=hasta_trimestre)
        .select_related("informe")
        .annotate(num_evidencias=Count("evidencias"))
        .order_by("informe__trimestre", "actividad_id")
    )


def revision_de_captura(informe):
    """La revisión del informe que va en el formulario (0 si aún no existe).

    Al guardar se compara con la vigente, con el informe bloqueado
    (`uig_portal.lib.concurrencia`): si otra persona, u otra pestaña, guardó en medio, la
    captura se rechaza en vez de pisarla.
    """
    return informe.revision if informe is not None and informe.pk is not None else 0


def _datos_conflicto(informe, usuario):
    """Lo que dice el aviso de una captura vieja: quién guardó el avance y a qué hora."""
    ultimo = (
        Seguimiento.history.filter(informe_id=informe.pk)
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    return {
        "que": _("este informe"),
        "usuario": usuario,
        "momento": ultimo.history_date if ultimo else None,
        "autor": ultimo.history_user if ultimo else None,
    }


def _bloqueo_al_guardar(plan, trimestre, hoy):
    """Bloquea la fila del plan hasta el fin de la transacción y vuelve a revisar si se puede
    capturar; devuelve por qué no (o None).

    Al aprobar una modificación, `services.seguimiento_trasladar` bloquea la misma fila antes
    de copiar el seguimiento a la nueva versión: un guardado en curso termina antes y se copia,
    y uno posterior ve la versión aprobada y no se guarda en la sustituida.
    """
    list(
        PlanTrabajo.objects.select_for_update()
        .filter(pk=plan.pk)
        .order_by()
        .values_list("pk", flat=True)
    )
    return _por_que_no_se_captura(plan, trimestre, hoy, _version_que_lo_sustituye(plan))


def _bloquear_informe(plan, trimestre, *, crear):
    """El informe del trimestre bloqueado hasta el fin de la transacción (o None si no existe)."""
    if crear:
        InformeTrimestral.objects.get_or_create(plan=plan, trimestre=trimestre)
    informe = (
        InformeTrimestral.objects.select_for_update().filter(plan=plan, trimestre=trimestre).first()
    )
    if informe is not None:
        informe.plan = plan
    return informe


def _url_informe(plan, trimestre, actividad_pk=None):
    url = reverse("planes:informe", args=[plan.pk, trimestre])
    return f"{url}#actividad-{actividad_pk}" if actividad_pk else url


# --- Resumen del seguimiento --------------------------------------------------------------


def _trimestres(plan, informes, hoy):
    return [
        {
            "numero": t,
            "nombre": NOMBRES_TRIMESTRE[t],
            "inicio": inicio_trimestre(plan.anio, t),
            "fin": fin_trimestre(plan.anio, t),
            "vence": InformeTrimestral.fecha_limite(plan.anio, t),
            "informe": informes.get(t),
            "estado": estado_trimestre(plan.anio, t, informes.get(t), hoy),
            "iniciado": trimestre_iniciado(plan.anio, t, hoy),
        }
        for t in range(1, 5)
    ]


@require_GET
@permission_required("planes.view_informetrimestral", raise_exception=True)
def seguimiento(request, pk):
    """Los cuatro trimestres del plan y el avance de cada actividad y del plan a la fecha."""
    plan = _plan(request.user, pk, solo_aprobado=False)
    if plan.estado != PlanTrabajo.Estado.APROBADO:
        return render(request, "planes/seguimiento_resumen.html", {"plan": plan})
    hoy = timezone.localdate()
    actividades = list(plan.actividades.select_related("origen"))
    informes = {i.trimestre: i for i in plan.informes.select_related("enviado_por")}
    for informe in informes.values():
        informe.plan = plan
    avance = avance_plan(actividades, _seguimientos(plan), anio=plan.anio, hoy=hoy)
    return render(
        request,
        "planes/seguimiento_resumen.html",
        {
            "plan": plan,
            "hoy": hoy,
            "avance": avance,
            "trimestres": _trimestres(plan, informes, hoy),
            "sustituto": _version_que_lo_sustituye(plan),
        },
    )


# --- Informe de un trimestre --------------------------------------------------------------


def _formset(trimestre, actividades, seguimientos, data=None):
    """El formset de captura: una forma por actividad, con su fila guardada o una nueva."""
    del_trimestre = {s.actividad_id: s for s in seguimientos if s.informe.trimestre == trimestre}
    anteriores = {s.actividad_id: s for s in seguimientos if s.informe.trimestre == trimestre - 1}
    filas = [(a, del_trimestre.get(a.pk) or Seguimiento(actividad=a)) for a in actividades]
    # Una actividad cancelada sigue cancelada: se propone así, con su motivo, en el trimestre
    # siguiente (la persona puede cambiarlo antes de guardar).
    iniciales = {
        pk: {"estado": s.estado, "motivo_cancelacion": s.motivo_cancelacion}
        for pk, s in anteriores.items()
        if s.estado == Seguimiento.Estado.CANCELADA
    }
    return SeguimientoFormSet(data, prefix=PREFIJO, filas=filas, iniciales=iniciales)


def _datos_informe(plan, trimestre):
    # Con su origen, para señalar lo que cambió en una modificación sin una consulta por fila,
    # y su programa presupuestario.
    actividades = list(plan.actividades.select_related("origen", "programa"))
    seguimientos = _seguimientos(plan, trimestre)
    return actividades, seguimientos


def _render_informe(
    request, plan, trimestre, *, hoy, formset=None, error=None, revision=None, status=200
):
    actividades, seguimientos = _datos_informe(plan, trimestre)
    informe = (
        InformeTrimestral.objects.select_related("enviado_por")
        .filter(plan=plan, trimestre=trimestre)
        .first()
    )
    if informe is not None:
        informe.plan = plan
    sustituto = _version_que_lo_sustituye(plan)
    bloqueo = _por_que_no_se_captura(plan, trimestre, hoy, sustituto)
    puede_capturar = request.user.has_perms(PERMISOS_CAPTURA)
    editable = (
        puede_capturar
        and bloqueo is None
        and (informe is None or informe.estado == InformeTrimestral.Estado.BORRADOR)
    )
    enviado = informe is not None and informe.estado == InformeTrimestral.Estado.ENVIADO
    del_trimestre = [s for s in seguimientos if s.informe.trimestre == trimestre]
    if editable and formset is None:
        formset = _formset(trimestre, actividades, seguimientos)
    formas = {f.actividad.pk: f for f in formset.forms} if editable else {}
    evidencias = {}
    if informe is not None:
        for e in EvidenciaSeguimiento.objects.filter(seguimiento__informe=informe).select_related(
            "seguimiento", "subida_por"
        ):
            evidencias.setdefault(e.seguimiento.actividad_id, []).append(e)
    avance = avance_plan(
        actividades, seguimientos, anio=plan.anio, hoy=hoy, hasta_trimestre=trimestre
    )
    propios = {s.actividad_id: s for s in del_trimestre}
    anteriores = {s.actividad_id: s for s in seguimientos if s.informe.trimestre == trimestre - 1}
    # Lo que cambió en una modificación se señala en los informes que se reportan sobre ella,
    # no en los que se enviaron antes, sobre la versión anterior.
    senalar_cambios = informe is None or not informe.enviado_en_version_anterior
    filas = [
        {
            "numero": numero,
            "actividad": a.actividad,
            "avance": a,
            "meta": a.actividad.metas_trimestrales[trimestre - 1],
            "seguimiento": propios.get(a.actividad.pk),
            "anterior": anteriores.get(a.actividad.pk),
            "cambio": a.actividad.cambio_en_modificacion if senalar_cambios else None,
            "form": formas.get(a.actividad.pk),
            "evidencias": evidencias.get(a.actividad.pk, []),
        }
        for numero, a in enumerate(avance.actividades, start=1)
    ]
    historial = []
    if informe is not None:
        historial = combinar(
            entradas(informe.history.select_related("history_user")[:15], _("Informe")),
            entradas(
                Seguimiento.history.filter(informe_id=informe.pk).select_related("history_user")[
                    :30
                ],
                _("Avance de actividad"),
            ),
        )
    return render(
        request,
        "planes/seguimiento_informe.html",
        {
            "plan": plan,
            "trimestre": trimestre,
            "nombre_trimestre": NOMBRES_TRIMESTRE[trimestre],
            "informe": informe,
            "estado": estado_trimestre(plan.anio, trimestre, informe, hoy),
            "inicio": inicio_trimestre(plan.anio, trimestre),
            "fin": fin_trimestre(plan.anio, trimestre),
            "vence": InformeTrimestral.fecha_limite(plan.anio, trimestre),
            "bloqueo": bloqueo,
            "editable": editable,
            "enviado": enviado,
            "puede_comentar": enviado and request.user.has_perms(PERMISOS_COMENTARIO),
            "puede_subir": editable and request.user.has_perms(PERMISOS_EVIDENCIA),
            "formset": formset if editable else None,
            "revision": revision if revision is not None else revision_de_captura(informe),
            "error": error,
            "filas": filas,
            "avance": avance,
            "enviar_form": EnviarInformeForm(),
            "historial": historial,
        },
        status=status,
    )


def _guardar_captura(request, plan, trimestre, formset):
    """Guarda el formset ya validado en el informe bloqueado; crea las filas que falten.

    Se llama dentro de una transacción. Devuelve (informe, error); con error no se guardó nada,
    y el informe es None si la versión del plan ya fue sustituida. Si la revisión enviada es
    vieja, el error es el aviso de `uig_portal.lib.concurrencia` (y `informe.revision` la
    vigente); si no, sube la revisión cuando hay algo que guardar.
    """
    bloqueo = _bloqueo_al_guardar(plan, trimestre, timezone.localdate())
    if bloqueo:
        return None, bloqueo
    informe = _bloquear_informe(plan, trimestre, crear=True)
    if informe.estado != InformeTrimestral.Estado.BORRADOR:
        return informe, _("El informe ya se envió; no se puede modificar.")
    enviada = concurrencia.revision_enviada(request.POST)
    por_guardar = list(formset.forms_por_guardar())
    try:
        datos = _datos_conflicto(informe, request.user)
        concurrencia.comprobar(informe, enviada, **datos)
        if por_guardar:
            concurrencia.avanzar(informe, enviada, **datos)
    except concurrencia.EdicionVieja as conflicto:
        return informe, conflicto.mensaje
    for form in por_guardar:
        fila = form.save(commit=False)
        fila.informe = informe
        fila.actividad = form.actividad
        fila.save()
    return informe, None


@require_http_methods(["GET", "POST"])
@permission_required("planes.view_informetrimestral", raise_exception=True)
def informe(request, pk, trimestre):
    """El informe de un trimestre: la unidad lo captura; los demás lo leen."""
    _validar_trimestre(trimestre)
    if request.method == "POST" and not request.user.has_perms(PERMISOS_CAPTURA):
        raise PermissionDenied
    plan = _plan(request.user, pk)
    hoy = timezone.localdate()
    if request.method == "GET":
        return _render_informe(request, plan, trimestre, hoy=hoy)

    # El autoguardado (static/js/autoguardado.js, mientras la persona escribe) responde solo
    # con su aviso y las cabeceras del contrato de `uig_portal.lib.concurrencia`: no toca lo
    # que está en pantalla y no guarda nada si algún dato no es válido.
    autoguardado = concurrencia.es_autoguardado(request)
    bloqueo = _por_que_no_se_captura(plan, trimestre, hoy, _version_que_lo_sustituye(plan))
    if bloqueo:
        if autoguardado:
            return _aviso_autoguardado(request, "no_editable", error=bloqueo, status=403)
        messages.error(request, bloqueo)
        return redirect(_url_informe(plan, trimestre))
    actividades, seguimientos = _datos_informe(plan, trimestre)
    formset = _formset(trimestre, actividades, seguimientos, data=request.POST)
    if not formset.is_valid():
        if autoguardado:
            return _aviso_autoguardado(
                request,
                "invalido",
                error=_(
                    "No se guardó automáticamente: hay datos por corregir. Pulse «Guardar el "
                    "avance» para ver cuáles."
                ),
                status=422,
            )
        return _render_informe(
            request,
            plan,
            trimestre,
            hoy=hoy,
            formset=formset,
            error=_("No se guardó nada: corrija los datos marcados en rojo."),
            revision=concurrencia.revision_enviada(request.POST),
        )
    with transaction.atomic():
        informe_, error = _guardar_captura(request, plan, trimestre, formset)
        if error:
            transaction.set_rollback(True)
    if autoguardado:
        if error is None:
            return _aviso_autoguardado(request, "guardado", revision=informe_.revision)
        if informe_ is not None and informe_.estado == InformeTrimestral.Estado.BORRADOR:
            return _aviso_autoguardado(
                request, "conflicto", error=error, status=409, revision=informe_.revision
            )
        return _aviso_autoguardado(request, "no_editable", error=error, status=403)
    if error:
        if informe_ is None or informe_.estado != InformeTrimestral.Estado.BORRADOR:
            messages.error(request, error)
            return redirect(_url_informe(plan, trimestre))
        return _render_informe(
            request, plan, trimestre, hoy=hoy, formset=formset, error=error, status=409
        )
    messages.success(
        request,
        _("Se guardó el avance del %(trimestre)s. El informe sigue en captura hasta que lo envíe.")
        % {"trimestre": _nombre_trimestre(trimestre).lower()},
    )
    return redirect(_url_informe(plan, trimestre))


def _aviso_autoguardado(request, tipo, *, error=None, status=200, revision=None):
    """La respuesta del autoguardado: el aviso para su zona de estado, con las cabeceras del
    contrato (tipo, revisión nueva o vigente, hora del guardado)."""
    ahora = timezone.now()
    respuesta = render(
        request,
        "planes/seguimiento_autoguardado.html",
        {
            "aviso_error": error,
            "aviso_guardado": tipo == "guardado",
            "aviso_recargar": tipo == "conflicto",
            "hora": timezone.localtime(ahora),
        },
        status=status,
    )
    return concurrencia.marcar(
        respuesta, tipo, revision=revision, momento=ahora if tipo == "guardado" else None
    )


def _enviar_bloqueado(request, plan, trimestre, formset, confirmacion, actividades, hoy, url):
    """El envío, con el informe bloqueado (dentro de una transacción).

    Devuelve (respuesta, informe, error): `error` si lo capturado no se pudo guardar (la
    transacción se revierte); una `respuesta` (redirección con su aviso) si no se envía por
    otra razón; ambas None si el informe quedó enviado.
    """
    if formset is not None:
        informe_, error = _guardar_captura(request, plan, trimestre, formset)
        if error:
            return None, informe_, error
    else:
        bloqueo = _bloqueo_al_guardar(plan, trimestre, hoy)
        if bloqueo:
            messages.error(request, bloqueo)
            return redirect(url), None, None
        informe_ = _bloquear_informe(plan, trimestre, crear=False)
        if informe_ is None:
            messages.error(
                request, _("Capture el avance de las actividades antes de enviar el informe.")
            )
            return redirect(url), None, None
        if informe_.estado == InformeTrimestral.Estado.ENVIADO:
            return _ya_enviado(request, informe_, url), informe_, None
    guardado = _("Se guardaron sus cambios, pero el informe no se envió.") if formset else ""
    if not confirmacion.is_valid():
        messages.error(request, f"{guardado} {confirmacion.errors['confirmar'][0]}".strip())
        return redirect(url), informe_, None
    faltan = faltantes_para_enviar(actividades, informe_.seguimientos.all())
    if faltan:
        messages.error(
            request,
            f"{guardado} {_('Para enviar el informe falta lo siguiente:')}".strip(),
        )
        for falta in faltan[:10]:
            messages.error(request, falta)
        if len(faltan) > 10:
            messages.error(request, _("…y %(n)s más.") % {"n": len(faltan) - 10})
        return redirect(url), informe_, None
    informe_.estado = InformeTrimestral.Estado.ENVIADO
    informe_.enviado_en = timezone.now()
    informe_.enviado_por = request.user
    informe_.enviado_en_version = plan.version
    informe_.save(update_fields=["estado", "enviado_en", "enviado_por", "enviado_en_version"])
    return None, informe_, None


@require_POST
@permission_required(PERMISOS_CAPTURA, raise_exception=True)
def informe_enviar(request, pk, trimestre):
    """Envía el informe a la Coordinación; antes guarda lo capturado, si viene en el POST.

    El informe se bloquea y su estado se revisa dentro de la transacción: un doble clic o dos
    pestañas lo envían una sola vez.
    """
    _validar_trimestre(trimestre)
    plan = _plan(request.user, pk)
    hoy = timezone.localdate()
    url = _url_informe(plan, trimestre)
    bloqueo = _por_que_no_se_captura(plan, trimestre, hoy, _version_que_lo_sustituye(plan))
    if bloqueo:
        messages.error(request, bloqueo)
        return redirect(url)
    con_captura = f"{PREFIJO}-TOTAL_FORMS" in request.POST
    actividades, seguimientos = _datos_informe(plan, trimestre)
    formset = None
    if con_captura:
        formset = _formset(trimestre, actividades, seguimientos, data=request.POST)
        if not formset.is_valid():
            return _render_informe(
                request,
                plan,
                trimestre,
                hoy=hoy,
                formset=formset,
                error=_("El informe no se envió ni se guardó: corrija los datos marcados en rojo."),
                revision=concurrencia.revision_enviada(request.POST),
            )
    confirmacion = EnviarInformeForm(request.POST)
    with transaction.atomic():
        respuesta, informe_, error = _enviar_bloqueado(
            request, plan, trimestre, formset, confirmacion, actividades, hoy, url
        )
        if error:
            transaction.set_rollback(True)
    # Fuera de la transacción: revertida, ya no admite consultas para dibujar la página.
    if error:
        if informe_ is None:
            messages.error(request, error)
            return redirect(url)
        if informe_.estado == InformeTrimestral.Estado.ENVIADO:
            return _ya_enviado(request, informe_, url)
        return _render_informe(
            request, plan, trimestre, hoy=hoy, formset=formset, error=error, status=409
        )
    if respuesta is not None:
        return respuesta
    if informe_.a_tiempo:
        texto = _("Se envió el informe del %(trimestre)s a la Coordinación, dentro del plazo.")
    else:
        texto = _(
            "Se envió el informe del %(trimestre)s a la Coordinación, después de la fecha "
            "límite (%(vence)s)."
        )
    messages.success(
        request,
        texto
        % {
            "trimestre": _nombre_trimestre(trimestre).lower(),
            "vence": formato_fecha(informe_.vence, "d/m/Y"),
        },
    )
    return redirect(url)


def _ya_enviado(request, informe_, url):
    messages.info(
        request,
        _("Este informe ya se había enviado el %(fecha)s; no se volvió a enviar.")
        % {"fecha": formato_fecha(timezone.localtime(informe_.enviado_en), "d/m/Y H:i")},
    )
    return redirect(url)


# --- Evidencias ---------------------------------------------------------------------------


@require_POST
@permission_required(PERMISOS_EVIDENCIA, raise_exception=True)
def evidencia_subir(request, pk, trimestre, actividad_pk):
    """Sube una evidencia de una actividad; con htmx devuelve solo su lista de evidencias."""
    _validar_trimestre(trimestre)
    plan = _plan(request.user, pk)
    actividad = get_object_or_404(plan.actividades, pk=actividad_pk)
    hoy = timezone.localdate()
    error = _por_que_no_se_captura(plan, trimestre, hoy, _version_que_lo_sustituye(plan))
    form = EvidenciaSeguimientoForm(request.POST, request.FILES)
    if error is None and not form.is_valid():
        error = form.errors["archivo"][0]
    tipo = None
    if error is None:
        archivo = form.cleaned_data["archivo"]
        try:
            tipo, _extension = validar_documento(archivo)
        except ValidationError as e:
            error = e.messages[0]
    evidencia = None
    informe_ = None
    if error is None:
        with transaction.atomic():
            error = _bloqueo_al_guardar(plan, trimestre, hoy)
            if error is None:
                informe_ = _bloquear_informe(plan, trimestre, crear=True)
                if informe_.estado != InformeTrimestral.Estado.BORRADOR:
                    error = _("El informe ya se envió; ya no se le pueden agregar evidencias.")
                else:
                    seguimiento_, _creado = Seguimiento.objects.get_or_create(
                        informe=informe_, actividad=actividad
                    )
                    evidencia = EvidenciaSeguimiento.objects.create(
                        seguimiento=seguimiento_,
                        archivo=archivo,
                        nombre_original=PurePath(archivo.name).name[:255],
                        tipo_contenido=tipo,
                        tamano=archivo.size,
                        subida_por=request.user,
                    )
    if request.htmx:
        informe_ = informe_ or plan.informes.filter(trimestre=trimestre).first()
        evidencias = []
        if informe_ is not None:
            evidencias = list(
                EvidenciaSeguimiento.objects.filter(
                    seguimiento__informe=informe_, seguimiento__actividad=actividad
                ).select_related("subida_por")
            )
        return render(
            request,
            "planes/seguimiento_evidencias.html",
            {
                "plan": plan,
                "trimestre": trimestre,
                "actividad": actividad,
                "evidencias": evidencias,
                "puede_subir": True,
                "error": error,
                "subida": evidencia,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Se subió la evidencia «%(nombre)s».") % {"nombre": evidencia.nombre_original},
        )
    return redirect(_url_informe(plan, trimestre, actividad.pk))


@require_GET
@permission_required("planes.view_evidenciaseguimiento", raise_exception=True)
def evidencia_descargar(request, pk, evidencia_pk):
    plan = _plan(request.user, pk)
    evidencia = get_object_or_404(
        EvidenciaSeguimiento.objects.select_related("seguimiento__informe"),
        pk=evidencia_pk,
        seguimiento__informe__plan=plan,
    )
    return respuesta_descarga(
        evidencia.archivo,
        evidencia.tipo_contenido,
        f"evidencia-{plan.anio}-T{evidencia.seguimiento.informe.trimestre}-{evidencia.pk}",
    )


# --- Comentario de la Coordinación --------------------------------------------------------


@require_POST
@permission_required(PERMISOS_COMENTARIO, raise_exception=True)
def comentar(request, pk, trimestre, actividad_pk):
    """La Coordinación comenta el avance de una actividad en un informe enviado."""
    _validar_trimestre(trimestre)
    plan = _plan(request.user, pk)
    seguimiento_ = get_object_or_404(
        Seguimiento.objects.select_related("informe", "actividad"),
        informe__plan=plan,
        informe__trimestre=trimestre,
        actividad_id=actividad_pk,
    )
    form = ComentarioForm(request.POST, instance=seguimiento_)
    error = None
    if seguimiento_.informe.estado != InformeTrimestral.Estado.ENVIADO:
        error = _("La Coordinación comenta los informes una vez enviados.")
    elif not form.is_valid():
        error = form.errors["comentario_coordinacion"][0]
    else:
        form.save()
    if request.htmx:
        if error:
            seguimiento_.refresh_from_db()
        return render(
            request,
            "planes/seguimiento_comentario.html",
            {
                "plan": plan,
                "trimestre": trimestre,
                "seguimiento": seguimiento_,
                "puede_comentar": True,
                "error": error,
                "guardado": error is None,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Se guardó el comentario de la Coordinación."))
    return redirect(_url_informe(plan, trimestre, actividad_pk))


# --- PDF ----------------------------------------------------------------------------------


def texto_css(texto):
    """Un texto listo para ir entre comillas en `content:` de CSS, sin poder cerrar el estilo.

    Todo lo que no sea letra, número o espacio va como escape hexadecimal de CSS.
    """
    return mark_safe(  # noqa: S308 - cada carácter especial queda escapado arriba.
        "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in texto)
    )


@require_GET
@permission_required("planes.view_informetrimestral", raise_exception=True)
def informe_pdf(request, pk, trimestre):
    """El informe trimestral en PDF, en formato oficial horizontal."""
    _validar_trimestre(trimestre)
    plan = _plan(request.user, pk)
    informe_ = get_object_or_404(
        InformeTrimestral.objects.select_related("enviado_por"), plan=plan, trimestre=trimestre
    )
    informe_.plan = plan
    hoy = timezone.localdate()
    actividades, seguimientos = _datos_informe(plan, trimestre)
    avance = avance_plan(
        actividades, seguimientos, anio=plan.anio, hoy=hoy, hasta_trimestre=trimestre
    )
    filas = [
        {
            "numero": numero,
            "actividad": a.actividad,
            "avance": a,
            "meta": a.actividad.metas_trimestrales[trimestre - 1],
            "seguimiento": a.seguimientos.get(trimestre),
        }
        for numero, a in enumerate(avance.actividades, start=1)
    ]
    contenido = render_pdf(
        "planes/informe_pdf.html",
        {
            "plan": plan,
            "dependencia": plan.unidad.dependencia,
            "informe": informe_,
            "trimestre": trimestre,
            "nombre_trimestre": NOMBRES_TRIMESTRE[trimestre],
            "inicio": inicio_trimestre(plan.anio, trimestre),
            "fin": fin_trimestre(plan.anio, trimestre),
            "estado": estado_trimestre(plan.anio, trimestre, informe_, hoy),
            "avance": avance,
            "filas": filas,
            "generado": timezone.localtime(),
            "encabezado": texto_css(
                _("%(siglas)s · Informe del %(trimestre)s de %(anio)s")
                % {
                    "siglas": plan.unidad.dependencia.siglas,
                    "trimestre": _nombre_trimestre(trimestre).lower(),
                    "anio": plan.anio,
                }
            ),
        },
    )
    siglas = slugify(plan.unidad.dependencia.siglas) or "institucion"
    return respuesta_pdf(contenido, f"informe-{siglas}-{plan.anio}-T{trimestre}.pdf")
