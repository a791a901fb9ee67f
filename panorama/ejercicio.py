"""El ejercicio (el año) de las cifras: qué años se pueden consultar y cuál pidió la página.

Lo usan el tablero de la Coordinación, «Avances y retos» y sus datos abiertos, y el informe
anual: los tres ofrecen los mismos años y entienden igual un ?anio= que no sirve.
"""

from django.db.models.functions import ExtractYear
from django.utils import timezone

from capacitacion.models import Evento
from diagnosticos.models import Aplicacion
from planes.models import PlanTrabajo
from unidades.models import Unidad

#: El primer año que se puede consultar (el primero que admite un plan de trabajo).
PRIMER_ANIO = 2020


def anios_disponibles(hoy=None, *, con_el_anterior=False):
    """Los años con datos, del en curso hacia atrás: con una ronda del diagnóstico, un plan de
    trabajo, una unidad instalada o un evento de capacitación. El año en curso siempre está, y
    con `con_el_anterior` también el pasado (el informe anual se escribe a principios de año)."""
    hoy = hoy or timezone.localdate()
    # Una sola consulta: la unión de los años de cada fuente.
    anual = (
        Aplicacion.objects.order_by()
        .values_list("anio")
        .union(
            PlanTrabajo.objects.order_by().values_list("anio"),
            Unidad.objects.filter(fecha_instalada__isnull=False)
            .order_by()
            .annotate(anio=ExtractYear("fecha_instalada"))
            .values_list("anio"),
            Evento.objects.order_by().annotate(anio=ExtractYear("fecha_fin")).values_list("anio"),
        )
    )
    anios = {hoy.year} | {anio for (anio,) in anual}
    if con_el_anterior:
        anios.add(hoy.year - 1)
    return sorted((a for a in anios if PRIMER_ANIO <= a <= hoy.year), reverse=True)


def anio_valido(texto, hoy=None):
    """(año, es_valido): el año pedido en ?anio= o, si falta o no sirve, el año en curso."""
    hoy = hoy or timezone.localdate()
    if texto in (None, ""):
        return hoy.year, True
    try:
        anio = int(str(texto).strip())
    except ValueError:
        return hoy.year, False
    if anio not in anios_disponibles(hoy):
        return hoy.year, False
    return anio, True
