"""«Por revisar»: la cola de lo que espera a la Coordinación, lo más antiguo primero."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from panorama import por_revisar as cola
from panorama.context_processors import AsuntosPorRevisar

POR_PAGINA = 50


@require_GET
def por_revisar(request):
    usuario = request.user
    tipos = cola.tipos_para(usuario)
    if not tipos:
        raise PermissionDenied
    elegido = request.GET.get("tipo", "")
    if elegido not in tipos:
        elegido = ""
    conteos = cola.conteos(usuario, tipos)
    total = sum(conteos.values())
    paginador = Paginator(cola.cola(usuario, [elegido] if elegido else tipos), POR_PAGINA)
    # Las cuentas ya se hicieron por tipo: ni la paginación ni la campana vuelven a contar.
    paginador.count = conteos[elegido] if elegido else total
    campana = AsuntosPorRevisar(usuario)
    campana.total = total
    pagina = paginador.get_page(request.GET.get("page"))
    return render(
        request,
        "panorama/por_revisar.html",
        {
            "asuntos": cola.asuntos(pagina.object_list),
            "page_obj": pagina,
            "elegido": elegido,
            "pestanas": [(tipo, cola.TIPOS[tipo].nombre, conteos[tipo]) for tipo in tipos],
            "total": total,
            "asuntos_por_revisar": campana,
        },
    )
