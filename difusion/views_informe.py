"""El informe anual consolidado: generarlo, verlo antes de archivarlo y descargar los archivados.

Solo la Coordinación (y la Administración): el informe tiene cifras por institución y por sector.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from difusion import informe_anual
from difusion.forms_informe import InformeAnualForm
from difusion.models import InformeAnual, TextoAvances
from uig_portal.lib.archivos import respuesta_descarga
from uig_portal.lib.pdf import respuesta_pdf

POR_PAGINA = 20
#: Hasta este mes se propone el informe del año anterior: es cuando se entrega.
ULTIMO_MES_DEL_ANTERIOR = 3


def _anio_inicial():
    hoy = timezone.localdate()
    return hoy.year - 1 if hoy.month <= ULTIMO_MES_DEL_ANTERIOR else hoy.year


def _retos_iniciales():
    """Lo último que se escribió: los retos del informe más reciente o, si aún no hay
    informes, los de la página pública."""
    ultimo = InformeAnual.objects.exclude(retos="").order_by("-generado", "-pk").first()
    return ultimo.retos if ultimo else TextoAvances.actual().retos


def _pagina(request, form, status=200):
    pagina = Paginator(
        InformeAnual.objects.select_related("generado_por").order_by("-generado", "-pk"),
        POR_PAGINA,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "difusion/informe_lista.html",
        {
            "form": form,
            "page_obj": pagina,
            "informes": pagina.object_list,
            "hay_errores": form.is_bound and bool(form.errors),
            "puede_generar": request.user.has_perm("difusion.add_informeanual"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@permission_required("difusion.view_informeanual", raise_exception=True)
def lista(request):
    if request.method == "GET":
        return _pagina(
            request,
            InformeAnualForm(initial={"anio": _anio_inicial(), "retos": _retos_iniciales()}),
        )
    if not request.user.has_perm("difusion.add_informeanual"):
        raise PermissionDenied
    form = InformeAnualForm(request.POST)
    if not form.is_valid():
        return _pagina(request, form)
    archivo, nuevo = informe_anual.generar(
        form.cleaned_data["anio"], usuario=request.user, retos=form.cleaned_data["retos"]
    )
    if nuevo:
        messages.success(
            request,
            _("Se generó y archivó el informe anual %(anio)s (%(paginas)s páginas).")
            % {"anio": archivo.anio, "paginas": archivo.paginas},
        )
    else:
        messages.info(request, _("Ese informe se acababa de generar: no se archivó otra copia."))
    return redirect("informes:lista")


@require_POST
@permission_required("difusion.add_informeanual", raise_exception=True)
def vista_previa(request):
    """El PDF con lo que dice el formulario, sin archivarlo."""
    form = InformeAnualForm(request.POST)
    if not form.is_valid():
        return _pagina(request, form)
    anio = form.cleaned_data["anio"]
    informe = informe_anual.calcular(
        anio, usuario=request.user, retos_texto=form.cleaned_data["retos"]
    )
    return respuesta_pdf(
        informe_anual.pdf(informe, vista_previa=True), f"informe-anual-{anio}-vista-previa.pdf"
    )


@require_GET
@permission_required("difusion.view_informeanual", raise_exception=True)
def descargar(request, pk):
    archivo = get_object_or_404(InformeAnual, pk=pk)
    return respuesta_descarga(archivo.archivo, "application/pdf", archivo.nombre_descarga)
