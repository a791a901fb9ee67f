"""Importar una versión nueva de un cuestionario desde XLSForm y exportar una versión.

Importar son dos pasos sobre la misma URL: subir el archivo (vista previa o la lista completa
de errores, sin guardar nada) y confirmar. Entre ambos el archivo se guarda en la carpeta
privada de las importaciones (`uig_portal.lib.importacion_temporal`) y la confirmación lo reclama
renombrándolo: un doble clic crea una sola versión.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.files import File
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from diagnosticos import xlsform
from diagnosticos.forms.xlsform import XlsformForm
from diagnosticos.models import Cuestionario, Version
from diagnosticos.xlsform_expresiones import ErrorDeExpresion
from uig_portal.lib.hojas import TIPO_XLSX
from uig_portal.lib.importacion_temporal import borrar_temporal, guardar_temporal, reclamar_temporal

#: Llave de la sesión con el archivo que espera confirmación.
SESION = "importacion_xlsform"


@require_GET
@permission_required("diagnosticos.view_version", raise_exception=True)
def version_xlsform(request, pk):
    version = get_object_or_404(Version.objects.select_related("cuestionario"), pk=pk)
    nombre = f"{slugify(version.cuestionario.nombre) or 'cuestionario'}-v{version.numero}.xlsx"
    try:
        contenido = xlsform.exportar(version)
    except ErrorDeExpresion as error:
        # Una condición guardada antes de que el diseño la validara (p. ej. por el admin).
        messages.error(
            request,
            _("Esta versión no se puede exportar a XLSForm: %(error)s") % {"error": error},
        )
        return redirect(version)
    respuesta = HttpResponse(contenido, content_type=TIPO_XLSX)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


@require_http_methods(["GET", "POST"])
@permission_required("diagnosticos.add_version", raise_exception=True)
def xlsform_importar(request, pk):
    cuestionario = get_object_or_404(Cuestionario, pk=pk)
    if request.method == "POST" and "clave" in request.POST:
        return _confirmar(request, cuestionario)
    form = XlsformForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not form.importacion.errores:
            return _vista_previa(request, cuestionario, form)
    importacion = form.importacion
    errores = importacion.errores if importacion else []
    return _pagina(request, cuestionario, form, errores, importacion and importacion.libro.nombre)


def _pagina(request, cuestionario, form, errores=(), archivo=""):
    """El formulario para subir, con la lista completa de problemas si los hubo."""
    ultima = cuestionario.versiones.order_by("-numero").first()
    contexto = {
        "cuestionario": cuestionario,
        "form": form,
        "errores": list(errores),
        "archivo": archivo,
        "ultima": ultima,
    }
    return render(request, "diagnosticos/xlsform/importar.html", contexto)


def _vista_previa(request, cuestionario, form):
    anterior = request.session.pop(SESION, None)
    if anterior:
        borrar_temporal(anterior["clave"])
    archivo = form.cleaned_data["archivo"]
    clave = guardar_temporal(archivo)
    request.session[SESION] = {
        "clave": clave,
        "nombre": form.importacion.libro.nombre,
        "cuestionario": cuestionario.pk,
    }
    ultima = cuestionario.versiones.order_by("-numero").first()
    return render(
        request,
        "diagnosticos/xlsform/vista_previa.html",
        {
            "cuestionario": cuestionario,
            "importacion": form.importacion,
            "clave": clave,
            "numero": (ultima.numero if ultima else 0) + 1,
        },
    )


def _confirmar(request, cuestionario):
    pendiente = request.session.get(SESION)
    clave = request.POST.get("clave", "")
    vigente = (
        pendiente and pendiente["clave"] == clave and pendiente["cuestionario"] == cuestionario.pk
    )
    ruta = reclamar_temporal(clave) if vigente else None
    if ruta is None:
        messages.warning(
            request,
            _(
                "Esa importación ya se aplicó, se canceló o caducó; no se creó otra versión. "
                "Si hace falta, suba el archivo de nuevo."
            ),
        )
        return redirect(_destino(cuestionario))
    del request.session[SESION]
    try:
        if "cancelar" in request.POST:
            messages.info(request, _("Se canceló la importación; no se creó nada."))
            return redirect("diagnosticos:xlsform_importar", pk=cuestionario.pk)
        with open(ruta, "rb") as abierto:
            archivo = File(abierto, name=pendiente["nombre"])
            try:
                importacion = xlsform.analizar(xlsform.leer(archivo))
            except ValidationError as error:
                return _pagina(request, cuestionario, XlsformForm(), error.messages, archivo.name)
        if importacion.errores:
            nombre = importacion.libro.nombre
            return _pagina(request, cuestionario, XlsformForm(), importacion.errores, nombre)
        notas = _("Importada desde el XLSForm «%(nombre)s».") % {"nombre": pendiente["nombre"]}
        version = xlsform.crear_version(cuestionario, importacion, notas=notas)
    finally:
        ruta.unlink(missing_ok=True)
    messages.success(
        request,
        _("Se creó la versión %(n)s con %(s)s secciones y %(p)s preguntas.")
        % {"n": version.numero, "s": len(importacion.secciones), "p": len(importacion.preguntas)},
    )
    return redirect(_destino(cuestionario, version))


def _destino(cuestionario, version=None):
    """La versión creada (o el cuestionario) en el diseño; la importación si aún no existe."""
    try:
        if version is not None:
            return reverse("diagnosticos:version_detalle", args=[version.pk])
        return reverse("diagnosticos:cuestionario_detalle", args=[cuestionario.pk])
    except NoReverseMatch:
        return reverse("diagnosticos:xlsform_importar", args=[cuestionario.pk])
