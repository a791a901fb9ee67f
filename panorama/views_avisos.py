"""«Avisos»: lo pendiente de la institución, o el resumen de lo vencido para la Coordinación."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from panorama.pendientes import TIPOS, pendientes, vencidos_por_dependencia
from unidades.models import Dependencia

POR_PAGINA = 50


def avisos(request):
    usuario = request.user
    hoy = timezone.localdate()
    if usuario.ve_todas_las_dependencias:
        return render(request, "panorama/avisos.html", _resumen(request, hoy))
    if usuario.dependencia_id is None or usuario.rol is None:
        raise PermissionDenied
    return render(
        request,
        "panorama/avisos.html",
        {
            "dependencia": usuario.dependencia,
            "pendientes_institucion": pendientes(usuario.dependencia, hoy),
        },
    )


def _resumen(request, hoy):
    """Una fila por institución con algo vencido, en consultas fijas (paginado en memoria:
    las cifras ya se calcularon en bloque para todas)."""
    conteos = vencidos_por_dependencia(hoy)
    tipos = [t for t in TIPOS if t in ("informe", "diagnostico", "acuerdo")]
    ids = list(
        Dependencia.objects.filter(pk__in=conteos)
        .order_by("nombre", "pk")
        .values_list("pk", flat=True)
    )
    pagina = Paginator(ids, POR_PAGINA).get_page(request.GET.get("page"))
    nombres = Dependencia.objects.in_bulk(list(pagina.object_list))
    filas = [
        {
            "dependencia": nombres[pk],
            "cifras": [conteos[pk].get(t, 0) for t in tipos],
            "total": sum(conteos[pk].values()),
        }
        for pk in pagina.object_list
    ]
    return {
        "resumen": True,
        "tipos": [TIPOS[t] for t in tipos],
        "filas": filas,
        "page_obj": pagina,
        "total_instituciones": len(ids),
    }
