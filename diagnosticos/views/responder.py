"""Responder el diagnóstico: la lista de respuestas, el índice de secciones, el formulario de
una sección con autoguardado, las evidencias, el envío y la vista previa para la Coordinación.

Cada pregunta se autoguarda sola (static/js/autoguardado.js) con su número de revisión: un guardado sobre una
revisión vieja se rechaza (409) sin borrar lo escrito, un valor inválido se explica junto a la
pregunta (422) y una sesión vencida se avisa (401). Sin JavaScript la sección tiene su botón
«Guardar sección». La lógica vive en `diagnosticos.captura` y `diagnosticos.estructura`.
"""

from functools import wraps
from pathlib import PurePath
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagnosticos import captura
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.forms.responder import EvidenciaForm, datos_de_pregunta, filas, presente
from diagnosticos.models import Aplicacion, EvidenciaRespuesta, Respuesta, Valor, Version
from uig_portal.lib import concurrencia
from uig_portal.lib.archivos import respuesta_descarga, validar_documento

POR_PAGINA = 50

# --- Acceso ---------------------------------------------------------------------------------


def sesion_o_401(vista):
    """Exige sesión, pero a una petición htmx sin sesión le responde 401 con un aviso en lugar
    de redirigir: si el autoguardado siguiera la redirección, la página de entrada acabaría
    dibujada en la zona de estado y la persona creería que se guardó."""

    @wraps(vista)
    def envoltura(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if concurrencia.es_autoguardado(request):
                actual = request.htmx.current_url_abs_path if request.htmx else None
                referer = urlsplit(request.headers.get("Referer", "")).path
                siguiente = actual or referer or reverse("diagnosticos:mis_diagnosticos")
                return _fragmento(request, "sesion", status=401, siguiente=siguiente)
            return redirect_to_login(request.get_full_path())
        return vista(request, *args, **kwargs)

    return login_not_required(envoltura)


def _respuesta_visible(request, pk):
    return get_object_or_404(
        Respuesta.objects.visibles_para(request.user).select_related(
            "aplicacion__version__cuestionario", "dependencia"
        ),
        pk=pk,
    )


def _puede_escribir(request, respuesta):
    return request.user.has_perm("diagnosticos.change_valor") and captura.puede_editarse(respuesta)


def _hora(momento):
    return date_format(timezone.localtime(momento), "H:i")


def _plazo(aplicacion):
    """«vence el 30/11/2026, faltan 9 días» o «venció el …», para el encabezado."""
    hoy = timezone.localdate()
    fecha = date_format(aplicacion.cierre, "d/m/Y")
    dias = (aplicacion.cierre - hoy).days
    if dias < 0:
        return {"vencido": True, "texto": _("venció el %(fecha)s") % {"fecha": fecha}}
    if dias == 0:
        return {"vencido": False, "texto": _("vence hoy, %(fecha)s") % {"fecha": fecha}}
    if dias == 1:
        texto = _("vence el %(fecha)s, falta 1 día")
    else:
        texto = _("vence el %(fecha)s, faltan %(dias)s días")
    return {"vencido": False, "texto": texto % {"fecha": fecha, "dias": dias}}


def _url_seccion(respuesta, seccion, pregunta=None):
    url = reverse("diagnosticos:responder_seccion", args=[respuesta.pk, seccion.codigo])
    return f"{url}#pregunta-{pregunta.codigo}" if pregunta is not None else url


# --- Respuestas htmx ------------------------------------------------------------------------


def _fragmento(request, tipo, *, status=200, revision=None, **contexto):
    respuesta = render(
        request,
        "diagnosticos/responder/_autoguardado.html",
        {"tipo": tipo, "revision": revision, **contexto},
        status=status,
    )
    # La página solo dibuja respuestas de error que traen esta marca (ver responder.js).
    respuesta["X-Autoguardado"] = tipo
    if revision is not None:
        respuesta["X-Revision"] = str(revision)
    return respuesta


# --- Lista ----------------------------------------------------------------------------------


@require_GET
@permission_required("diagnosticos.view_respuesta", raise_exception=True)
def mis_diagnosticos(request):
    usuario = request.user
    respuestas = (
        Respuesta.objects.visibles_para(usuario)
        .select_related("aplicacion", "dependencia")
        .order_by("-aplicacion__apertura", "-aplicacion_id", "dependencia__nombre")
    )
    filtros = {"ronda": request.GET.get("ronda", ""), "estado": request.GET.get("estado", "")}
    rondas = list(
        Aplicacion.objects.filter(
            pk__in=Respuesta.objects.visibles_para(usuario).values("aplicacion")
        ).order_by("-apertura", "-pk")
    )
    if filtros["ronda"].isdigit():
        respuestas = respuestas.filter(aplicacion_id=int(filtros["ronda"]))
    if filtros["estado"] in Respuesta.Estado.values:
        respuestas = respuestas.filter(estado=filtros["estado"])
    pagina = Paginator(respuestas, POR_PAGINA).get_page(request.GET.get("page"))
    puede_escribir = usuario.has_perm("diagnosticos.change_valor")
    hoy = timezone.localdate()
    filas_lista = [
        {
            "respuesta": r,
            "continuar": puede_escribir and r.editable and r.aplicacion.apertura <= hoy,
            "vencida": r.editable and r.aplicacion.cierre < hoy,
        }
        for r in pagina.object_list
    ]
    return render(
        request,
        "diagnosticos/responder/mis_diagnosticos.html",
        {
            "page_obj": pagina,
            "filas": filas_lista,
            "rondas": rondas,
            "estados": Respuesta.Estado.choices,
            "filtros": filtros,
            "ve_todas": usuario.ve_todas_las_dependencias,
        },
    )


# --- Índice de secciones --------------------------------------------------------------------


def _secciones_con_avance(estructura, valores):
    resultado = []
    for seccion in estructura.secciones:
        contestadas, total = estructura.avance(valores, seccion)
        resultado.append(
            {
                "seccion": seccion,
                "contestadas": contestadas,
                "total": total,
                "porcentaje": round(100 * contestadas / total) if total else 100,
            }
        )
    return resultado


@require_GET
@permission_required("diagnosticos.view_respuesta", raise_exception=True)
def responder(request, pk):
    respuesta = _respuesta_visible(request, pk)
    estructura = Estructura(respuesta.aplicacion.version)
    valores = estructura.valores_de(respuesta)
    return render(
        request,
        "diagnosticos/responder/indice.html",
        {
            "respuesta": respuesta,
            "aplicacion": respuesta.aplicacion,
            "dependencia": respuesta.dependencia,
            "plazo": _plazo(respuesta.aplicacion),
            "secciones": _secciones_con_avance(estructura, valores),
            "porcentaje": estructura.porcentaje(valores),
            "puede_escribir": _puede_escribir(request, respuesta),
            "puede_enviar": request.user.has_perm("diagnosticos.change_respuesta")
            and captura.puede_editarse(respuesta),
            "no_abierta": not respuesta.aplicacion.abierta,
        },
    )


# --- Sección --------------------------------------------------------------------------------


def _guardados(respuesta, preguntas):
    """{id de pregunta: Valor} y {id de pregunta: [evidencias]} en dos consultas."""
    ids = [p.pk for p in preguntas]
    guardados = {
        v.pregunta_id: v
        for v in Valor.objects.filter(respuesta=respuesta, pregunta_id__in=ids).select_related(
            "actualizado_por"
        )
    }
    evidencias = {}
    for evidencia in EvidenciaRespuesta.objects.filter(
        valor__respuesta=respuesta, valor__pregunta_id__in=ids
    ).select_related("valor"):
        evidencias.setdefault(evidencia.valor.pregunta_id, []).append(evidencia)
    return guardados, evidencias


def _datos_condiciones(estructura, valores, seccion=None):
    """Lo que responder.js necesita para evaluar las condiciones en el navegador: el orden de
    todas las preguntas, sus condiciones y los valores de las demás secciones."""
    propias = {p.codigo for p in seccion.preguntas_en_orden} if seccion is not None else set()
    return {
        "orden": [p.codigo for p in estructura.preguntas],
        "condiciones": {p.codigo: p.condicion for p in estructura.preguntas if p.condicion},
        "valores": {c: v for c, v in valores.items() if c not in propias and not V.vacio(v)},
    }


def _pagina_seccion(
    request, respuesta, estructura, seccion, *, post=None, errores=None, conflictos=None, status=200
):
    preguntas = seccion.preguntas_en_orden
    guardados, evidencias = _guardados(respuesta, preguntas)
    valores = estructura.valores_de(respuesta)
    visibles = estructura.visibles(valores)
    indice = estructura.secciones.index(seccion)
    anterior = estructura.secciones[indice - 1] if indice > 0 else None
    siguiente = estructura.secciones[indice + 1] if indice + 1 < len(estructura.secciones) else None
    contestadas, total = estructura.avance(valores, seccion)
    return render(
        request,
        "diagnosticos/responder/seccion.html",
        {
            "respuesta": respuesta,
            "aplicacion": respuesta.aplicacion,
            "dependencia": respuesta.dependencia,
            "plazo": _plazo(respuesta.aplicacion),
            "seccion": seccion,
            "numero": indice + 1,
            "total_secciones": len(estructura.secciones),
            "anterior": anterior,
            "siguiente": siguiente,
            "filas": filas(
                estructura,
                preguntas,
                guardados,
                visibles,
                post=post,
                errores=errores,
                conflictos=conflictos,
                evidencias=evidencias,
            ),
            "avance": {"contestadas": contestadas, "total": total},
            "porcentaje": estructura.porcentaje(valores),
            "puede_escribir": _puede_escribir(request, respuesta),
            "puede_subir": request.user.has_perm("diagnosticos.add_evidenciarespuesta"),
            "puede_eliminar": request.user.has_perm("diagnosticos.delete_evidenciarespuesta"),
            "datos_condiciones": _datos_condiciones(estructura, valores, seccion),
        },
        status=status,
    )


def _seccion_o_404(estructura, codigo):
    seccion = estructura.seccion(codigo)
    if seccion is None:
        raise Http404(_("La sección no existe en este cuestionario."))
    return seccion


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.view_respuesta", raise_exception=True)
def responder_seccion(request, pk, codigo):
    if request.method == "POST" and not request.user.has_perm("diagnosticos.change_valor"):
        raise PermissionDenied
    respuesta = _respuesta_visible(request, pk)
    estructura = Estructura(respuesta.aplicacion.version)
    seccion = _seccion_o_404(estructura, codigo)
    if request.method == "GET":
        return _pagina_seccion(request, respuesta, estructura, seccion)
    if not captura.puede_editarse(respuesta):
        messages.error(request, captura.mensaje_no_editable(respuesta))
        return redirect("diagnosticos:responder", pk=respuesta.pk)
    try:
        errores, conflictos, guardadas = _guardar_seccion(request, respuesta, estructura, seccion)
    except captura.NoEditable as error:
        messages.error(request, error.mensaje)
        return redirect("diagnosticos:responder", pk=respuesta.pk)
    if errores or conflictos:
        messages.error(
            request,
            _(
                "Algunas respuestas no se guardaron: revise las preguntas marcadas. Lo que "
                "escribió sigue en pantalla."
            ),
        )
        return _pagina_seccion(
            request,
            respuesta,
            estructura,
            seccion,
            post=request.POST,
            errores=errores,
            conflictos=conflictos,
            status=422 if errores else 409,
        )
    destino = request.POST.get("ir", "")
    if guardadas:
        messages.success(
            request, _("Se guardó la sección a las %(hora)s.") % {"hora": _hora(timezone.now())}
        )
    elif not destino:
        messages.info(request, _("No había cambios por guardar en esta sección."))
    # Los botones de navegación guardan antes de salir: sin JavaScript, un enlace perdería
    # lo escrito en la sección.
    if destino == "indice":
        return redirect("diagnosticos:responder", pk=respuesta.pk)
    if destino == "enviar":
        return redirect("diagnosticos:respuesta_enviar", pk=respuesta.pk)
    if destino.startswith("seccion:"):
        otra = estructura.seccion(destino.removeprefix("seccion:"))
        if otra is not None:
            return redirect(_url_seccion(respuesta, otra))
    return redirect(_url_seccion(respuesta, seccion))


def _guardar_seccion(request, respuesta, estructura, seccion):
    """Guarda (sin JavaScript) las preguntas de la sección que cambiaron, cada una con su
    revisión. Devuelve ({id: error}, {id: conflicto}, cuántas se guardaron)."""
    errores, conflictos, guardadas = {}, {}, 0
    preguntas = [p for p in seccion.preguntas_en_orden if p.responde]
    guardados, _evidencias = _guardados(respuesta, preguntas)
    for pregunta in preguntas:
        if not presente(request.POST, pregunta):
            continue
        crudo, comentario, revision = datos_de_pregunta(request.POST, pregunta)
        try:
            normalizado = V.normalizar(pregunta, crudo)
        except ValidationError as error:
            errores[pregunta.pk] = " ".join(error.messages)
            continue
        actual = guardados.get(pregunta.pk)
        valor_actual = actual.valor if actual else None
        comentario_actual = actual.comentario if actual else ""
        if normalizado == valor_actual and (comentario or "").strip() == comentario_actual:
            continue
        try:
            captura.guardar_valor(
                respuesta,
                pregunta,
                valor=crudo,
                comentario=comentario,
                revision=revision,
                usuario=request.user,
                estructura=estructura,
            )
        except concurrencia.EdicionVieja as conflicto:
            conflictos[pregunta.pk] = conflicto.mensaje
        except ValidationError as error:
            errores[pregunta.pk] = " ".join(error.messages)
        else:
            guardadas += 1
    return errores, conflictos, guardadas


# --- Autoguardado de una pregunta -----------------------------------------------------------
# El contrato (200/409/422/401/403) es el de `uig_portal.lib.concurrencia`; el cliente,
# static/js/autoguardado.js.


@sesion_o_401
@require_POST
@permission_required("diagnosticos.change_valor", raise_exception=True)
def guardar_pregunta(request, pk, pregunta_pk):
    respuesta = _respuesta_visible(request, pk)
    # Toda respuesta es de una ronda, así que su versión está en uso y no cambia.
    estructura = Estructura.en_uso(respuesta.aplicacion.version)
    pregunta = estructura.por_id.get(pregunta_pk)
    if pregunta is None or not pregunta.responde:
        raise Http404(_("La pregunta no es de este cuestionario."))
    crudo, comentario, revision = datos_de_pregunta(request.POST, pregunta)
    contexto = {"pregunta": pregunta, "respuesta": respuesta}
    try:
        valor = captura.guardar_valor(
            respuesta,
            pregunta,
            valor=crudo,
            comentario=comentario,
            revision=revision,
            usuario=request.user,
            estructura=estructura,
        )
    except ValidationError as error:
        mensaje = " ".join(error.messages)
        if not concurrencia.es_autoguardado(request):
            messages.error(request, f"{pregunta.codigo}: {mensaje}")
            return redirect(_url_seccion(respuesta, pregunta.seccion, pregunta))
        return _fragmento(request, "invalido", status=422, mensaje=mensaje, **contexto)
    except concurrencia.EdicionVieja as conflicto:
        mensaje = conflicto.mensaje
        if not concurrencia.es_autoguardado(request):
            messages.error(request, mensaje)
            return redirect(_url_seccion(respuesta, pregunta.seccion, pregunta))
        return _fragmento(
            request,
            "conflicto",
            status=409,
            revision=conflicto.revision,
            mensaje=mensaje,
            recargar=_url_seccion(respuesta, pregunta.seccion, pregunta),
            **contexto,
        )
    except captura.NoEditable as error:
        if not concurrencia.es_autoguardado(request):
            messages.error(request, error.mensaje)
            return redirect("diagnosticos:responder", pk=respuesta.pk)
        return _fragmento(request, "no_editable", status=403, mensaje=error.mensaje, **contexto)
    if not concurrencia.es_autoguardado(request):
        messages.success(
            request,
            _("Se guardó la respuesta a las %(hora)s.") % {"hora": _hora(valor.actualizado)},
        )
        respuesta_http = redirect(_url_seccion(respuesta, pregunta.seccion, pregunta))
        respuesta_http["X-Revision"] = str(valor.revision)
        return respuesta_http
    valores = estructura.valores_de(respuesta)
    contestadas, total = estructura.avance(valores, pregunta.seccion)
    respuesta_http = _fragmento(
        request,
        "guardado",
        revision=valor.revision,
        valor=valor,
        hora=_hora(valor.actualizado),
        avance={"contestadas": contestadas, "total": total},
        porcentaje=estructura.porcentaje(valores),
        **contexto,
    )
    return concurrencia.marcar(respuesta_http, "guardado", momento=valor.actualizado)


# --- Evidencias -----------------------------------------------------------------------------


def _lista_evidencias(request, respuesta, pregunta, *, error="", subida=None):
    evidencias = list(
        EvidenciaRespuesta.objects.filter(valor__respuesta=respuesta, valor__pregunta=pregunta)
    )
    respuesta_http = render(
        request,
        "diagnosticos/responder/_evidencias.html",
        {
            "respuesta": respuesta,
            "pregunta": pregunta,
            "evidencias": evidencias,
            "puede_escribir": captura.puede_editarse(respuesta),
            "puede_subir": request.user.has_perm("diagnosticos.add_evidenciarespuesta"),
            "puede_eliminar": request.user.has_perm("diagnosticos.delete_evidenciarespuesta"),
            "error": error,
            "subida": subida,
        },
        status=422 if error else 200,
    )
    # El error (422) también se dibuja en la página (ver responder.js).
    respuesta_http["X-Autoguardado"] = "evidencias"
    return respuesta_http


@sesion_o_401
@require_POST
@permission_required("diagnosticos.add_evidenciarespuesta", raise_exception=True)
def evidencia_subir(request, pk, pregunta_pk):
    respuesta = _respuesta_visible(request, pk)
    # Toda respuesta es de una ronda, así que su versión está en uso y no cambia.
    estructura = Estructura.en_uso(respuesta.aplicacion.version)
    pregunta = estructura.por_id.get(pregunta_pk)
    if pregunta is None:
        raise Http404(_("La pregunta no es de este cuestionario."))
    error, evidencia = "", None
    form = EvidenciaForm(request.POST, request.FILES)
    if not pregunta.admite_evidencia:
        error = _("Esta pregunta no admite evidencias.")
    elif not form.is_valid():
        error = form.errors["archivo"][0]
    else:
        archivo = form.cleaned_data["archivo"]
        try:
            tipo, _extension = validar_documento(archivo)
            with transaction.atomic():
                _bloqueada, valor = captura.obtener_valor_para_evidencia(respuesta, pregunta)
                evidencia = EvidenciaRespuesta.objects.create(
                    valor=valor,
                    archivo=archivo,
                    nombre_original=PurePath(archivo.name).name[:255],
                    tipo_contenido=tipo,
                    tamano=archivo.size,
                    subida_por=request.user,
                )
        except ValidationError as e:
            error = e.messages[0]
        except captura.NoEditable as e:
            error = e.mensaje
        except concurrencia.EdicionVieja:
            error = _("Otra persona guardaba esta pregunta al mismo tiempo: intente de nuevo.")
    if request.htmx:
        return _lista_evidencias(request, respuesta, pregunta, error=error, subida=evidencia)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Se subió la evidencia «%(nombre)s».") % {"nombre": evidencia.nombre_original},
        )
    return redirect(_url_seccion(respuesta, pregunta.seccion, pregunta))


def _evidencia_visible(request, pk):
    return get_object_or_404(
        EvidenciaRespuesta.objects.visibles_para(request.user).select_related(
            "valor__pregunta__seccion", "valor__respuesta__aplicacion"
        ),
        pk=pk,
    )


@require_GET
@permission_required("diagnosticos.view_evidenciarespuesta", raise_exception=True)
def evidencia_descargar(request, pk):
    evidencia = _evidencia_visible(request, pk)
    return respuesta_descarga(
        evidencia.archivo,
        evidencia.tipo_contenido,
        f"evidencia-{evidencia.valor.pregunta.codigo}-{evidencia.pk}",
    )


@sesion_o_401
@require_POST
@permission_required("diagnosticos.delete_evidenciarespuesta", raise_exception=True)
def evidencia_eliminar(request, pk):
    evidencia = _evidencia_visible(request, pk)
    respuesta = evidencia.valor.respuesta
    pregunta = evidencia.valor.pregunta
    error = ""
    try:
        captura.eliminar_evidencia(evidencia)
    except captura.NoEditable as e:
        error = e.mensaje
    if request.htmx:
        return _lista_evidencias(request, respuesta, pregunta, error=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Se eliminó la evidencia «%(nombre)s».") % {"nombre": evidencia.nombre_original},
        )
    return redirect(_url_seccion(respuesta, pregunta.seccion, pregunta))


# --- Envío ----------------------------------------------------------------------------------


def _faltantes_con_enlace(respuesta, faltantes):
    return [
        {
            "pregunta": f.pregunta,
            "seccion": f.pregunta.seccion,
            "mensaje": f.mensaje,
            "url": _url_seccion(respuesta, f.pregunta.seccion, f.pregunta),
        }
        for f in faltantes
    ]


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.change_respuesta", raise_exception=True)
def respuesta_enviar(request, pk):
    respuesta = _respuesta_visible(request, pk)
    if not captura.puede_editarse(respuesta):
        if request.method == "POST" and respuesta.estado == Respuesta.Estado.ENVIADA:
            messages.info(request, _("La respuesta ya se envió; no se volvió a enviar."))
        else:
            messages.info(request, captura.mensaje_no_editable(respuesta))
        return redirect("diagnosticos:responder", pk=respuesta.pk)
    status = 200
    if request.method == "POST":
        try:
            faltantes = captura.enviar(respuesta, request.user)
        except captura.NoEditable as error:
            if error.respuesta is not None and error.respuesta.estado == Respuesta.Estado.ENVIADA:
                messages.info(request, _("La respuesta ya se envió; no se volvió a enviar."))
            else:
                messages.error(request, error.mensaje)
            return redirect("diagnosticos:responder", pk=respuesta.pk)
        if not faltantes:
            messages.success(
                request,
                _(
                    "Se envió la respuesta a la Coordinación. Ya no se puede modificar, salvo "
                    "que se la devuelvan con observaciones."
                ),
            )
            return redirect("diagnosticos:responder", pk=respuesta.pk)
        status = 422
        messages.error(
            request, _("Aún no se puede enviar: complete o corrija las preguntas de la lista.")
        )
    else:
        estructura = Estructura(respuesta.aplicacion.version)
        faltantes = estructura.faltantes(estructura.valores_de(respuesta))
    return render(
        request,
        "diagnosticos/responder/enviar.html",
        {
            "respuesta": respuesta,
            "aplicacion": respuesta.aplicacion,
            "dependencia": respuesta.dependencia,
            "plazo": _plazo(respuesta.aplicacion),
            "faltantes": _faltantes_con_enlace(respuesta, faltantes),
        },
        status=status,
    )


# --- Vista previa ---------------------------------------------------------------------------


@require_GET
@permission_required("diagnosticos.view_version", raise_exception=True)
def version_vista_previa(request, pk):
    version = get_object_or_404(Version.objects.select_related("cuestionario"), pk=pk)
    estructura = Estructura(version)
    visibles = estructura.visibles({})
    secciones = [
        {
            "seccion": seccion,
            "filas": filas(estructura, seccion.preguntas_en_orden, {}, visibles),
        }
        for seccion in estructura.secciones
    ]
    return render(
        request,
        "diagnosticos/responder/vista_previa.html",
        {
            "version": version,
            "secciones": secciones,
            "datos_condiciones": _datos_condiciones(estructura, {}),
        },
    )
