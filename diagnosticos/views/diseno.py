"""El diseño de cuestionarios (Coordinación): cuestionarios, versiones, secciones y preguntas.

Una versión que ya usa una ronda no cambia: toda edición la revisa dentro de una transacción
con la fila de la versión bloqueada (`diseno.bloquear_version`) y, si está en uso, se niega con
un mensaje y no guarda nada. Para cambiarla se crea la versión siguiente (`version_nueva`).
Los cuestionarios no son de ninguna institución: el acceso lo deciden solo los permisos.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diagnosticos import condiciones, diseno
from diagnosticos.estructura import Estructura
from diagnosticos.forms.diseno import (
    CondicionForm,
    CuestionarioForm,
    OpcionFormSet,
    PreguntaForm,
    SeccionForm,
    VersionNuevaForm,
)
from diagnosticos.models import Cuestionario, Pregunta, Seccion, Version

DIRECCIONES = ("arriba", "abajo")


def _version(pk):
    return get_object_or_404(Version.objects.select_related("cuestionario"), pk=pk)


def _seccion(pk):
    return get_object_or_404(Seccion.objects.select_related("version__cuestionario"), pk=pk)


def _pregunta(pk):
    return get_object_or_404(
        Pregunta.objects.select_related("seccion__version__cuestionario"), pk=pk
    )


def _en_uso(request, version):
    """La respuesta a cualquier edición de una versión en uso: aviso y de vuelta a ella."""
    messages.error(request, diseno.VersionEnUso(version).mensaje)
    return redirect(version)


def _a_la_version(version, ancla=""):
    return redirect(f"{version.get_absolute_url()}{'#' + ancla if ancla else ''}")


# --- Cuestionarios -----------------------------------------------------------------------------


@require_GET
@permission_required("diagnosticos.view_cuestionario", raise_exception=True)
def cuestionario_lista(request):
    ultima = Version.objects.filter(cuestionario=OuterRef("pk")).order_by("-numero")
    cuestionarios = Cuestionario.objects.annotate(
        n_versiones=Count("versiones", distinct=True),
        n_rondas=Count("versiones__aplicaciones", distinct=True),
        ultima_pk=Subquery(ultima.values("pk")[:1]),
        ultima_numero=Subquery(ultima.values("numero")[:1]),
    ).order_by("nombre")
    return render(
        request, "diagnosticos/diseno/cuestionario_lista.html", {"cuestionarios": cuestionarios}
    )


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.add_cuestionario", raise_exception=True)
def cuestionario_nuevo(request):
    form = CuestionarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            cuestionario = form.save()
            version = Version.objects.create(
                cuestionario=cuestionario, numero=1, notas=_("Versión inicial.")
            )
        messages.success(
            request,
            _("Se creó el cuestionario «%(nombre)s». Agregue ahora las secciones de la versión 1.")
            % {"nombre": cuestionario.nombre},
        )
        return redirect(version)
    return render(
        request,
        "diagnosticos/diseno/cuestionario_form.html",
        {"form": form, "cuestionario": None},
    )


@require_GET
@permission_required("diagnosticos.view_cuestionario", raise_exception=True)
def cuestionario_detalle(request, pk):
    cuestionario = get_object_or_404(Cuestionario, pk=pk)
    versiones = cuestionario.versiones.annotate(
        n_rondas=Count("aplicaciones", distinct=True),
        n_secciones=Count("secciones", distinct=True),
        n_preguntas=Count("secciones__preguntas", distinct=True),
    ).order_by("-numero")
    return render(
        request,
        "diagnosticos/diseno/cuestionario_detalle.html",
        {"cuestionario": cuestionario, "versiones": versiones},
    )


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.change_cuestionario", raise_exception=True)
def cuestionario_editar(request, pk):
    cuestionario = get_object_or_404(Cuestionario, pk=pk)
    form = CuestionarioForm(request.POST or None, instance=cuestionario)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Se guardaron los datos del cuestionario."))
        return redirect(cuestionario)
    return render(
        request,
        "diagnosticos/diseno/cuestionario_form.html",
        {"form": form, "cuestionario": cuestionario},
    )


# --- Versiones ---------------------------------------------------------------------------------


@require_GET
@permission_required("diagnosticos.view_version", raise_exception=True)
def version_detalle(request, pk):
    """La estructura completa de una versión, lo que le falta y, si es editable, el editor."""
    version = _version(pk)
    estructura = Estructura(version)
    rondas = list(version.aplicaciones.order_by("-apertura", "-pk").only("pk", "nombre"))
    secciones = [
        {
            "seccion": seccion,
            "preguntas": [
                {
                    "pregunta": pregunta,
                    "condicion": condiciones.describir(pregunta.condicion, estructura.por_codigo),
                }
                for pregunta in seccion.preguntas_en_orden
            ],
        }
        for seccion in estructura.secciones
    ]
    return render(
        request,
        "diagnosticos/diseno/version_detalle.html",
        {
            "version": version,
            "cuestionario": version.cuestionario,
            "secciones": secciones,
            "total_preguntas": len(estructura.preguntas),
            "errores": diseno.validar_version(version, estructura),
            "rondas": rondas,
            "editable": not rondas,
            "version_form": VersionNuevaForm(),
        },
    )


@require_POST
@permission_required("diagnosticos.add_version", raise_exception=True)
def version_nueva(request, pk):
    version = _version(pk)
    form = VersionNuevaForm(request.POST)
    notas = form.cleaned_data["notas"] if form.is_valid() else ""
    nueva = diseno.copiar_version(version, notas=notas)
    messages.success(
        request,
        _(
            "Se creó la versión %(nueva)s, copia de la versión %(anterior)s. Edítela aquí; la "
            "versión %(anterior)s sigue igual."
        )
        % {"nueva": nueva.numero, "anterior": version.numero},
    )
    return redirect(nueva)


# --- Secciones ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.add_seccion", raise_exception=True)
def seccion_nueva(request, pk):
    version = _version(pk)
    return _seccion_formulario(request, version, Seccion(version=version))


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.change_seccion", raise_exception=True)
def seccion_editar(request, pk):
    seccion = _seccion(pk)
    return _seccion_formulario(request, seccion.version, seccion)


def _seccion_formulario(request, version, seccion):
    if version.en_uso:
        return _en_uso(request, version)
    form = SeccionForm(request.POST or None, instance=seccion, version=version)
    if request.method == "POST" and form.is_valid():
        nueva = seccion.pk is None
        try:
            with transaction.atomic():
                diseno.bloquear_version(version.pk)
                if nueva:
                    seccion.orden = diseno.siguiente_orden(diseno.secciones_de(version))
                seccion = form.save()
        except diseno.VersionEnUso:
            return _en_uso(request, version)
        mensaje = (
            _("Se agregó la sección «%(titulo)s».")
            if nueva
            else _("Se guardó la sección «%(titulo)s».")
        )
        messages.success(request, mensaje % {"titulo": seccion.titulo})
        return _a_la_version(version, f"seccion-{seccion.pk}")
    return render(
        request,
        "diagnosticos/diseno/seccion_form.html",
        {
            "form": form,
            "version": version,
            "cuestionario": version.cuestionario,
            "seccion": seccion,
        },
    )


@require_POST
@permission_required("diagnosticos.delete_seccion", raise_exception=True)
def seccion_eliminar(request, pk):
    seccion = _seccion(pk)
    version = seccion.version
    if version.en_uso:
        return _en_uso(request, version)
    estructura = Estructura(version)
    propias = [p for p in estructura.preguntas if p.seccion.pk == seccion.pk]
    excluir = {p.pk for p in propias}
    usan = [d for p in propias for d in diseno.dependientes(estructura, p.codigo, excluir=excluir)]
    if usan:
        messages.error(
            request,
            _(
                "No se puede eliminar la sección: la condición de %(preguntas)s usa preguntas de "
                "ella. Cambie primero esas condiciones."
            )
            % {"preguntas": ", ".join(sorted({p.codigo for p in usan}))},
        )
        return _a_la_version(version, f"seccion-{seccion.pk}")
    if request.POST.get("confirmar") != "si":
        return render(
            request,
            "diagnosticos/diseno/eliminar_confirmar.html",
            {
                "version": version,
                "cuestionario": version.cuestionario,
                "objeto": seccion,
                "preguntas": propias,
                "es_seccion": True,
                "accion": "diagnosticos:seccion_eliminar",
            },
        )
    try:
        with transaction.atomic():
            diseno.bloquear_version(version.pk)
            seccion.delete()
    except diseno.VersionEnUso:
        return _en_uso(request, version)
    messages.success(request, _("Se eliminó la sección «%(titulo)s».") % {"titulo": seccion.titulo})
    return _a_la_version(version, "estructura")


@require_POST
@permission_required("diagnosticos.change_seccion", raise_exception=True)
def seccion_mover(request, pk):
    seccion = _seccion(pk)
    version = seccion.version
    try:
        with transaction.atomic():
            diseno.bloquear_version(version.pk)
            movida = diseno.mover(
                seccion, diseno.secciones_de(version), request.POST.get("direccion", "")
            )
    except diseno.VersionEnUso:
        return _en_uso(request, version)
    if not movida:
        messages.info(request, _("La sección no se puede mover más en esa dirección."))
    return _a_la_version(version, f"seccion-{seccion.pk}")


# --- Preguntas ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.add_pregunta", raise_exception=True)
def pregunta_nueva(request, pk):
    seccion = _seccion(pk)
    return _pregunta_formulario(
        request, seccion, Pregunta(seccion=seccion, tipo=Pregunta.Tipo.SI_NO)
    )


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.change_pregunta", raise_exception=True)
def pregunta_editar(request, pk):
    pregunta = _pregunta(pk)
    return _pregunta_formulario(request, pregunta.seccion, pregunta)


def _pregunta_formulario(request, seccion, pregunta):
    """Pregunta, opciones y condición: se guardan juntas o no se guarda nada."""
    version = seccion.version
    if version.en_uso:
        return _en_uso(request, version)
    nueva = pregunta.pk is None
    estructura = Estructura(version)
    anteriores = diseno.anteriores_a(
        estructura, pregunta=None if nueva else pregunta, seccion=seccion
    )
    datos = request.POST if request.method == "POST" else None
    form = PreguntaForm(datos, instance=pregunta, estructura=estructura)
    opciones = OpcionFormSet(datos, instance=pregunta, prefix="opciones")
    condicion = CondicionForm(
        datos, anteriores=anteriores, inicial=pregunta.condicion, prefix="cond"
    )
    sin_opciones_error = None
    if datos is not None:
        valido = form.is_valid() & condicion.is_valid()
        con_opciones = form.cleaned_data.get("tipo") in (
            Pregunta.Tipo.OPCION_UNICA,
            Pregunta.Tipo.OPCION_MULTIPLE,
        )
        if con_opciones:
            valido &= opciones.is_valid()
            if opciones.is_valid() and not opciones.elegidas():
                sin_opciones_error = _(
                    "Una pregunta de opción necesita al menos una opción: escriba su valor y "
                    "su etiqueta."
                )
                valido = False
        if valido:
            try:
                pregunta = _guardar_pregunta(form, opciones, condicion, version, con_opciones)
            except diseno.VersionEnUso:
                return _en_uso(request, version)
            mensaje = (
                _("Se agregó la pregunta «%(codigo)s».")
                if nueva
                else _("Se guardó la pregunta «%(codigo)s».")
            )
            messages.success(request, mensaje % {"codigo": pregunta.codigo})
            return _a_la_version(version, f"pregunta-{pregunta.pk}")
    return render(
        request,
        "diagnosticos/diseno/pregunta_form.html",
        {
            "form": form,
            "opciones": opciones,
            "sin_opciones_error": sin_opciones_error,
            "condicion": condicion,
            "version": version,
            "cuestionario": version.cuestionario,
            "seccion": seccion,
            "pregunta": pregunta,
        },
    )


def _guardar_pregunta(form, opciones, condicion, version, con_opciones):
    with transaction.atomic():
        diseno.bloquear_version(version.pk)
        pregunta = form.save(commit=False)
        if pregunta.pk is None:
            pregunta.orden = diseno.siguiente_orden(diseno.preguntas_de(pregunta.seccion))
        pregunta.condicion = condicion.condicion
        pregunta.save()
        if con_opciones:
            for orden, opcion_form in enumerate(opciones.forms):
                opcion_form.instance.orden = orden
            opciones.instance = pregunta
            opciones.save()
        else:
            # Una pregunta que deja de ser de opción no conserva opciones que ya no se ven.
            pregunta.opciones.all().delete()
    return pregunta


@require_POST
@permission_required("diagnosticos.delete_pregunta", raise_exception=True)
def pregunta_eliminar(request, pk):
    pregunta = _pregunta(pk)
    version = pregunta.seccion.version
    if version.en_uso:
        return _en_uso(request, version)
    usan = diseno.dependientes(Estructura(version), pregunta.codigo, excluir={pregunta.pk})
    if usan:
        messages.error(
            request,
            _(
                "No se puede eliminar «%(codigo)s»: la condición de %(preguntas)s la usa. Cambie "
                "primero esas condiciones."
            )
            % {"codigo": pregunta.codigo, "preguntas": ", ".join(p.codigo for p in usan)},
        )
        return _a_la_version(version, f"pregunta-{pregunta.pk}")
    if request.POST.get("confirmar") != "si":
        return render(
            request,
            "diagnosticos/diseno/eliminar_confirmar.html",
            {
                "version": version,
                "cuestionario": version.cuestionario,
                "objeto": pregunta,
                "accion": "diagnosticos:pregunta_eliminar",
            },
        )
    try:
        with transaction.atomic():
            diseno.bloquear_version(version.pk)
            pregunta.delete()
    except diseno.VersionEnUso:
        return _en_uso(request, version)
    messages.success(
        request, _("Se eliminó la pregunta «%(codigo)s».") % {"codigo": pregunta.codigo}
    )
    return _a_la_version(version, f"seccion-{pregunta.seccion_id}")


@require_POST
@permission_required("diagnosticos.change_pregunta", raise_exception=True)
def pregunta_mover(request, pk):
    pregunta = _pregunta(pk)
    version = pregunta.seccion.version
    try:
        with transaction.atomic():
            diseno.bloquear_version(version.pk)
            movida = diseno.mover(
                pregunta,
                diseno.preguntas_de(pregunta.seccion),
                request.POST.get("direccion", ""),
            )
    except diseno.VersionEnUso:
        return _en_uso(request, version)
    if not movida:
        messages.info(request, _("La pregunta no se puede mover más en esa dirección."))
    return _a_la_version(version, f"pregunta-{pregunta.pk}")
