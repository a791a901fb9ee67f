"""El diagnóstico situacional de una respuesta: su página, generarlo, registrar su entrega, el
PDF y el acuse guardados, y la lista.

La respuesta se busca con `Respuesta.objects.visibles_para`: otra institución no la encuentra
(404). La Coordinación (`diagnosticos.presentar_propuestas`) genera y entrega; la persona
responsable y Consulta de la institución ven el documento solo cuando ya se entregó (antes, 404),
y solo para leer. Las reglas viven en `diagnosticos.situacional`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from diagnosticos import situacional as reglas
from diagnosticos.forms.situacional import EntregaForm, GenerarForm
from diagnosticos.models import Aplicacion, Propuesta, Respuesta
from uig_portal.lib.archivos import respuesta_descarga
from uig_portal.lib.correo import informar_reparto

PLANTILLA = "diagnosticos/situacional/situacional.html"
POR_PAGINA = 50
EstadoPropuesta = Propuesta.Estado


def _respuesta(request, pk):
    return get_object_or_404(
        Respuesta.objects.visibles_para(request.user).select_related(
            "aplicacion__version__cuestionario", "dependencia"
        ),
        pk=pk,
    )


def _situacional(request, respuesta):
    """El documento de la respuesta, o None si aún no se genera (solo para quien lo prepara).

    Para la unidad y Consulta, un documento no entregado no existe: 404.
    """
    situacional = (
        reglas.visibles_para(request.user)
        .filter(respuesta=respuesta)
        .select_related("generado_por", "entrega_registrada_por")
        .first()
    )
    if situacional is None and not reglas.puede_preparar(request.user):
        raise Http404(_("El diagnóstico situacional de esta respuesta aún no se entrega."))
    if situacional is not None:
        situacional.respuesta = respuesta
    return situacional


def _contexto(request, respuesta, situacional, *, form_generar=None, form_entrega=None):
    prepara = reglas.puede_preparar(request.user)
    propuestas = Propuesta.objects.filter(respuesta=respuesta).order_by("orden", "pk")
    if not prepara:
        propuestas = propuestas.presentadas()
    propuestas = list(propuestas)
    contexto = {
        "respuesta": respuesta,
        "aplicacion": respuesta.aplicacion,
        "dependencia": respuesta.dependencia,
        "situacional": situacional,
        "prepara": prepara,
        "propuestas": propuestas,
        "en_el_documento": [p for p in propuestas if p.estado in reglas.EN_EL_DOCUMENTO],
        "por_revisar": sum(p.estado == EstadoPropuesta.BORRADOR for p in propuestas),
    }
    if prepara:
        impedimento = reglas.revisar_generable(respuesta, situacional)
        contexto["impedimento"] = impedimento.messages[0] if impedimento else ""
        contexto["form_generar"] = form_generar or GenerarForm(
            initial=reglas.valores_iniciales(respuesta, request.user)
        )
        if situacional is not None and not situacional.entregado:
            contexto["form_entrega"] = form_entrega or EntregaForm(
                initial={"entregado_el": timezone.localdate()}
            )
            contexto["propuestas_cambiadas"] = reglas.propuestas_cambiadas(situacional)
    return contexto


@require_GET
@permission_required("diagnosticos.view_diagnosticosituacional", raise_exception=True)
def situacional(request, pk):
    respuesta = _respuesta(request, pk)
    return render(
        request, PLANTILLA, _contexto(request, respuesta, _situacional(request, respuesta))
    )


def _rechazo(request, respuesta, error, form, nombre_form):
    """Los errores por campo vuelven al formulario; uno general, como aviso sobre la página."""
    if hasattr(error, "error_dict"):
        form.add_error(None, error)
        contexto = _contexto(
            request, respuesta, _situacional(request, respuesta), **{nombre_form: form}
        )
        return render(request, PLANTILLA, contexto)
    messages.error(request, " ".join(error.messages))
    return redirect("diagnosticos:situacional", respuesta.pk)


@require_POST
@permission_required("diagnosticos.presentar_propuestas", raise_exception=True)
def situacional_generar(request, pk):
    respuesta = _respuesta(request, pk)
    form = GenerarForm(request.POST)
    if not form.is_valid():
        contexto = _contexto(
            request, respuesta, _situacional(request, respuesta), form_generar=form
        )
        return render(request, PLANTILLA, contexto)
    try:
        reglas.generar(respuesta, usuario=request.user, **form.datos())
    except ValidationError as error:
        return _rechazo(request, respuesta, error, form, "form_generar")
    messages.success(
        request,
        _(
            "Se generó el diagnóstico situacional con su oficio. Revíselo; mientras no registre "
            "su entrega puede volver a generarlo."
        ),
    )
    return redirect("diagnosticos:situacional", respuesta.pk)


@require_POST
@permission_required("diagnosticos.presentar_propuestas", raise_exception=True)
def situacional_entregar(request, pk):
    respuesta = _respuesta(request, pk)
    documento = _situacional(request, respuesta)
    if documento is None:
        messages.error(request, _("Genere el documento antes de registrar su entrega."))
        return redirect("diagnosticos:situacional", respuesta.pk)
    form = EntregaForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request, PLANTILLA, _contexto(request, respuesta, documento, form_entrega=form)
        )
    try:
        reparto = reglas.registrar_entrega(documento, usuario=request.user, **form.datos())
    except ValidationError as error:
        return _rechazo(request, respuesta, error, form, "form_entrega")
    n = respuesta.propuestas.presentadas().count()
    encabezado = ngettext(
        "Se registró la entrega y %(n)s propuesta quedó presentada a la institución.",
        "Se registró la entrega y %(n)s propuestas quedaron presentadas a la institución.",
        n,
    ) % {"n": n}
    informar_reparto(request, reparto, encabezado)
    return redirect("diagnosticos:situacional", respuesta.pk)


def _nombre_base(respuesta, prefijo):
    return slugify(f"{prefijo}-{respuesta.dependencia.siglas}-{respuesta.aplicacion.nombre}")


@require_GET
@permission_required("diagnosticos.view_diagnosticosituacional", raise_exception=True)
def situacional_pdf(request, pk):
    respuesta = _respuesta(request, pk)
    documento = _situacional(request, respuesta)
    if documento is None or not documento.pdf:
        raise Http404(_("Aún no se genera el documento."))
    try:
        archivo = documento.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("El archivo ya no está disponible.")) from error
    return FileResponse(
        archivo,
        content_type="application/pdf",
        filename=f"{_nombre_base(respuesta, 'diagnostico-situacional')}.pdf",
    )


@require_GET
@permission_required("diagnosticos.view_diagnosticosituacional", raise_exception=True)
def situacional_acuse(request, pk):
    respuesta = _respuesta(request, pk)
    documento = _situacional(request, respuesta)
    if documento is None:
        raise Http404(_("Aún no se genera el documento."))
    return respuesta_descarga(
        documento.acuse, documento.acuse_tipo, _nombre_base(respuesta, "acuse-situacional")
    )


# --- Lista ---------------------------------------------------------------------------------------

ENTREGADOS = "entregados"
PENDIENTES = "pendientes"


def _propuestas_en(estados):
    """Cuántas propuestas de cada respuesta están en esos estados (subconsulta por fila)."""
    conteo = (
        Propuesta.objects.filter(respuesta=OuterRef("pk"), estado__in=estados)
        .order_by()
        .values("respuesta")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(conteo), 0)


@require_GET
@permission_required("diagnosticos.view_diagnosticosituacional", raise_exception=True)
def situacionales(request):
    """Las respuestas aceptadas con su diagnóstico situacional: para la Coordinación, todas (las
    pendientes también); para la institución, las suyas ya entregadas."""
    prepara = reglas.puede_preparar(request.user)
    filas = (
        Respuesta.objects.visibles_para(request.user)
        .aceptadas()
        .select_related("aplicacion", "dependencia", "situacional")
        .annotate(
            n_propuestas=_propuestas_en(reglas.EN_EL_DOCUMENTO),
            n_por_revisar=_propuestas_en([EstadoPropuesta.BORRADOR]),
        )
        .order_by("-aplicacion__apertura", "-aplicacion_id", "dependencia__nombre")
    )
    if not prepara:
        filas = filas.filter(situacional__entregado_el__isnull=False)
    rondas = Aplicacion.objects.filter(pk__in=filas.values("aplicacion_id")).order_by(
        "-apertura", "-pk"
    )
    ronda = request.GET.get("ronda", "")
    if ronda.isdigit():
        filas = filas.filter(aplicacion_id=int(ronda))
    else:
        ronda = ""
    estado = request.GET.get("estado", "") if prepara else ""
    if estado == ENTREGADOS:
        filas = filas.filter(situacional__entregado_el__isnull=False)
    elif estado == PENDIENTES:
        filas = filas.exclude(situacional__entregado_el__isnull=False)
    else:
        estado = ""
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "diagnosticos/situacional/lista.html",
        {
            "page_obj": pagina,
            "filas": pagina.object_list,
            "rondas": list(rondas.values_list("pk", "nombre")),
            "ronda": ronda,
            "estado": estado,
            "estados": [(PENDIENTES, _("Por entregar")), (ENTREGADOS, _("Entregados"))],
            "prepara": prepara,
        },
    )
