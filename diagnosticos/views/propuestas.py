"""Propuestas del diagnóstico: los textos de una versión (diseño del cuestionario) y la revisión
de la Coordinación de las propuestas de cada institución.

Los textos siguen la regla de las preguntas: una versión que ya usa una ronda no cambia
(`diseno.bloquear_version` dentro de la transacción). Las propuestas las revisa solo la
Coordinación (`view_propuesta` y `change_propuesta`); las reglas de redactar, editar, quitar y
marcar viven en `diagnosticos.propuestas`, y aquí solo se traducen a mensajes y páginas.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagnosticos import diseno, propuestas
from diagnosticos.estructura import Estructura
from diagnosticos.forms.propuestas import PropuestaForm, TextoPropuestaForm, destino
from diagnosticos.models import NivelDeTexto, Propuesta, Respuesta, TextoPropuesta, Version
from uig_portal.lib import concurrencia

#: Lo que pide la revisión de propuestas: solo la Coordinación (y Administración) lo tiene.
REVISAR = ("diagnosticos.view_propuesta", "diagnosticos.change_propuesta")
#: Orden en que se listan los textos de un mismo reactivo o sección.
NIVELES = list(NivelDeTexto.values)


def _primer_error(error):
    return " ".join(error.messages)


# --- Textos de propuesta de una versión (diseño) ------------------------------------------------


def _version(pk):
    return get_object_or_404(Version.objects.select_related("cuestionario"), pk=pk)


def _texto(pk):
    return get_object_or_404(TextoPropuesta.objects.select_related("version__cuestionario"), pk=pk)


def _a_los_textos(version, ancla=""):
    url = reverse("diagnosticos:textos_propuesta", args=[version.pk])
    return redirect(f"{url}{'#' + ancla if ancla else ''}")


def _en_uso(request, version):
    messages.error(request, diseno.VersionEnUso(version).mensaje)
    return _a_los_textos(version)


@require_GET
@permission_required("diagnosticos.view_textopropuesta", raise_exception=True)
def textos_propuesta(request, pk):
    """Los textos de la versión por sección y por reactivo con puntos, y lo que no tiene texto."""
    version = _version(pk)
    estructura = Estructura(version)
    por_destino = {}
    for texto in TextoPropuesta.objects.filter(version=version).order_by("orden", "pk"):
        por_destino.setdefault(destino(texto), []).append(texto)
    for textos in por_destino.values():
        textos.sort(key=lambda t: NIVELES.index(t.nivel))
    secciones, sin_texto = [], 0
    for seccion in estructura.secciones:
        reactivos = []
        for pregunta in seccion.preguntas_en_orden:
            textos = por_destino.get(f"p{pregunta.pk}", [])
            if pregunta.da_puntos or textos:
                reactivos.append({"pregunta": pregunta, "textos": textos})
                sin_texto += pregunta.da_puntos and not textos
        if not reactivos and seccion.peso <= 0:
            continue  # p. ej. «datos de la institución»: no tiene índice
        secciones.append(
            {
                "seccion": seccion,
                "textos": por_destino.get(f"s{seccion.pk}", []),
                "reactivos": reactivos,
            }
        )
    return render(
        request,
        "diagnosticos/propuestas/textos.html",
        {
            "version": version,
            "cuestionario": version.cuestionario,
            "secciones": secciones,
            "total": sum(len(t) for t in por_destino.values()),
            "sin_texto": sin_texto,
            "editable": not version.en_uso,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.add_textopropuesta", raise_exception=True)
def texto_propuesta_nuevo(request, pk):
    version = _version(pk)
    texto = TextoPropuesta(version=version)
    return _texto_formulario(request, version, texto, inicial=request.GET.get("destino", ""))


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.change_textopropuesta", raise_exception=True)
def texto_propuesta_editar(request, pk):
    texto = _texto(pk)
    return _texto_formulario(request, texto.version, texto)


def _texto_formulario(request, version, texto, inicial=""):
    if version.en_uso:
        return _en_uso(request, version)
    estructura = Estructura(version)
    form = TextoPropuestaForm(
        request.POST or None,
        instance=texto,
        estructura=estructura,
        initial={"destino": inicial} if inicial else None,
    )
    if request.method == "POST" and form.is_valid():
        nuevo = texto.pk is None
        try:
            with transaction.atomic():
                diseno.bloquear_version(version.pk)
                texto = form.save(commit=False)
                if nuevo:
                    texto.orden = diseno.siguiente_orden(
                        TextoPropuesta.objects.filter(
                            version=version, seccion=texto.seccion, pregunta=texto.pregunta
                        )
                    )
                texto._history_user = request.user
                texto.save()
        except diseno.VersionEnUso:
            return _en_uso(request, version)
        messages.success(
            request,
            _("Se agregó el texto de propuesta.")
            if nuevo
            else _("Se guardó el texto de propuesta."),
        )
        return _a_los_textos(version, f"texto-{texto.pk}")
    return render(
        request,
        "diagnosticos/propuestas/texto_form.html",
        {"form": form, "version": version, "cuestionario": version.cuestionario, "texto": texto},
    )


@require_POST
@permission_required("diagnosticos.delete_textopropuesta", raise_exception=True)
def texto_propuesta_eliminar(request, pk):
    texto = _texto(pk)
    version = texto.version
    if version.en_uso:
        return _en_uso(request, version)
    if request.POST.get("confirmar") != "si":
        return render(
            request,
            "diagnosticos/propuestas/texto_eliminar.html",
            {"texto": texto, "version": version, "cuestionario": version.cuestionario},
        )
    try:
        with transaction.atomic():
            diseno.bloquear_version(version.pk)
            texto._history_user = request.user
            texto.delete()
    except diseno.VersionEnUso:
        return _en_uso(request, version)
    messages.success(request, _("Se eliminó el texto de propuesta."))
    return _a_los_textos(version)


# --- Revisión de las propuestas de una respuesta --------------------------------------------


def _respuesta(request, pk):
    return get_object_or_404(
        Respuesta.objects.visibles_para(request.user).select_related(
            "aplicacion__version__cuestionario", "dependencia"
        ),
        pk=pk,
    )


def _propuesta(request, pk):
    return get_object_or_404(
        Propuesta.objects.visibles_para(request.user).select_related(
            "respuesta__aplicacion__version__cuestionario", "respuesta__dependencia"
        ),
        pk=pk,
    )


def _a_las_propuestas(respuesta_id, ancla=""):
    url = reverse("diagnosticos:propuestas", args=[respuesta_id])
    return redirect(f"{url}{'#' + ancla if ancla else ''}")


def _hallazgo(propuesta, estructura, cuestionario):
    """Sección, reactivo (textos, nunca códigos), puntos y nivel de lo que la originó."""
    seccion = estructura.seccion(propuesta.seccion_codigo) if propuesta.seccion_codigo else None
    pregunta = estructura.por_codigo.get(propuesta.pregunta_codigo)
    nivel = cuestionario.nivel(propuesta.puntos)
    return {
        "seccion": seccion.titulo if seccion else "",
        "reactivo": pregunta.texto if pregunta else "",
        "puntos": propuesta.puntos,
        "nivel": nivel.label if nivel else "",
        "manual": not propuesta.seccion_codigo and not propuesta.pregunta_codigo,
    }


def _pagina(request, respuesta, *, enviados=None, nueva=None):
    """La página de revisión; `enviados` son {pk: formulario con errores} por re-mostrar."""
    enviados = enviados or {}
    version = respuesta.aplicacion.version
    lista = list(respuesta.propuestas.order_by("orden", "pk"))
    estructura = Estructura(version)
    entregado = propuestas.entregado(respuesta)
    aceptada = respuesta.estado == Respuesta.Estado.ACEPTADA
    filas = [
        {
            "propuesta": p,
            "hallazgo": _hallazgo(p, estructura, version.cuestionario),
            "form": enviados.get(p.pk) or (PropuestaForm.de(p) if p.editable else None),
        }
        for p in lista
    ]
    cuenta = propuestas.conteo(lista)
    puede_agregar = request.user.has_perm("diagnosticos.add_propuesta")
    return render(
        request,
        "diagnosticos/propuestas/revision.html",
        {
            "respuesta": respuesta,
            "aplicacion": respuesta.aplicacion,
            "dependencia": respuesta.dependencia,
            "filas": filas,
            "por_revisar": cuenta[Propuesta.Estado.BORRADOR],
            "listas": cuenta[Propuesta.Estado.LISTA],
            "presentadas": cuenta[Propuesta.Estado.PRESENTADA],
            "aceptada": aceptada,
            "entregado": entregado,
            "editable": aceptada and not entregado,
            "puede_redactar": (
                puede_agregar and aceptada and not lista and not propuestas.ya_redactadas(respuesta)
            ),
            "puede_agregar": puede_agregar,
            "puede_eliminar": request.user.has_perm("diagnosticos.delete_propuesta"),
            "nueva": nueva or PropuestaForm(prefix="nueva"),
        },
    )


@require_GET
@permission_required(REVISAR, raise_exception=True)
def propuestas_revision(request, pk):
    return _pagina(request, _respuesta(request, pk))


@require_POST
@permission_required((*REVISAR, "diagnosticos.add_propuesta"), raise_exception=True)
def propuestas_redactar(request, pk):
    respuesta = _respuesta(request, pk)
    try:
        creadas = propuestas.redactar(respuesta, request.user)
    except ValidationError as error:
        messages.error(request, _primer_error(error))
    else:
        if creadas:
            messages.success(
                request,
                ngettext(
                    "Se redactó %(n)s propuesta con los textos de la versión. Revísela.",
                    "Se redactaron %(n)s propuestas con los textos de la versión. Revíselas.",
                    len(creadas),
                )
                % {"n": len(creadas)},
            )
        elif propuestas.ya_redactadas(respuesta):
            messages.info(request, _("Las propuestas de esta respuesta ya se habían redactado."))
        else:
            messages.info(
                request,
                _(
                    "No se redactó ninguna propuesta: ningún reactivo ni sección debajo de "
                    "«consolidado» tiene texto de propuesta en esta versión. Puede agregarlas "
                    "a mano."
                ),
            )
    return _a_las_propuestas(respuesta.pk)


@require_POST
@permission_required((*REVISAR, "diagnosticos.add_propuesta"), raise_exception=True)
def propuesta_agregar(request, pk):
    respuesta = _respuesta(request, pk)
    form = PropuestaForm(request.POST, prefix="nueva")
    if form.is_valid():
        try:
            propuesta = propuestas.agregar(
                respuesta,
                eje=form.cleaned_data["eje"],
                texto=form.cleaned_data["texto"],
                objetivo=form.cleaned_data["objetivo"],
                indicador=form.cleaned_data["indicador"],
                usuario=request.user,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, _primer_error(error))
                return _a_las_propuestas(respuesta.pk)
            _al_formulario(form, error)
        else:
            messages.success(request, _("Se agregó la propuesta al final de la lista."))
            return _a_las_propuestas(respuesta.pk, f"propuesta-{propuesta.pk}")
    return _pagina(request, respuesta, nueva=form)


def _al_formulario(form, error):
    for campo, errores in error.message_dict.items():
        form.add_error(campo if campo in form.fields else None, errores)


@require_POST
@permission_required(REVISAR, raise_exception=True)
def propuesta_editar(request, pk):
    propuesta = _propuesta(request, pk)
    form = PropuestaForm(request.POST, prefix=f"p{propuesta.pk}")
    if form.is_valid():
        try:
            propuestas.editar(
                propuesta, form.cleaned_data, form.cleaned_data["revision"], request.user
            )
        except concurrencia.EdicionVieja as vieja:
            form.add_error(None, vieja.mensaje)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, _primer_error(error))
                return _a_las_propuestas(propuesta.respuesta_id, f"propuesta-{propuesta.pk}")
            _al_formulario(form, error)
        else:
            messages.success(request, _("Se guardó la propuesta %(n)s.") % {"n": propuesta.orden})
            return _a_las_propuestas(propuesta.respuesta_id, f"propuesta-{propuesta.pk}")
    return _pagina(request, propuesta.respuesta, enviados={propuesta.pk: form})


@require_POST
@permission_required((*REVISAR, "diagnosticos.delete_propuesta"), raise_exception=True)
def propuesta_eliminar(request, pk):
    propuesta = _propuesta(request, pk)
    if request.POST.get("confirmar") != "si":
        return render(
            request,
            "diagnosticos/propuestas/eliminar.html",
            {
                "propuesta": propuesta,
                "respuesta": propuesta.respuesta,
                "dependencia": propuesta.respuesta.dependencia,
            },
        )
    try:
        propuestas.eliminar(propuesta, request.user)
    except ValidationError as error:
        messages.error(request, _primer_error(error))
    else:
        messages.success(request, _("Se quitó la propuesta."))
    return _a_las_propuestas(propuesta.respuesta_id)


def _cambiar(request, pk, accion, exito):
    propuesta = _propuesta(request, pk)
    try:
        accion(propuesta, request.user)
    except ValidationError as error:
        messages.error(request, _primer_error(error))
    else:
        messages.success(request, exito % {"n": propuesta.orden})
    return _a_las_propuestas(propuesta.respuesta_id, f"propuesta-{propuesta.pk}")


@require_POST
@permission_required(REVISAR, raise_exception=True)
def propuesta_lista(request, pk):
    return _cambiar(
        request, pk, propuestas.marcar_lista, _("La propuesta %(n)s quedó lista para presentar.")
    )


@require_POST
@permission_required(REVISAR, raise_exception=True)
def propuesta_revisar(request, pk):
    return _cambiar(
        request, pk, propuestas.volver_a_revisar, _("La propuesta %(n)s volvió a «Por revisar».")
    )


@require_POST
@permission_required(REVISAR, raise_exception=True)
def propuestas_listas(request, pk):
    respuesta = _respuesta(request, pk)
    try:
        n = propuestas.marcar_todas_listas(respuesta, request.user)
    except ValidationError as error:
        messages.error(request, _primer_error(error))
    else:
        if n:
            messages.success(
                request,
                ngettext(
                    "%(n)s propuesta quedó lista para presentar.",
                    "%(n)s propuestas quedaron listas para presentar.",
                    n,
                )
                % {"n": n},
            )
        else:
            messages.info(request, _("No había propuestas por revisar."))
    return _a_las_propuestas(respuesta.pk)
