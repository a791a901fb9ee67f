"""Filtros de plantilla para escribir cifras igual en todas las páginas."""

from django import template

from uig_portal.lib import cifras
from uig_portal.lib.graficas import formato_porcentaje

register = template.Library()


@register.filter
def porcentaje(valor):
    """«62.5 %», «50 %» (sin «.0»), o «—» si no hay cifra; el redondeo ya viene de
    `uig_portal.lib.cifras.porcentaje`."""
    if valor is None or valor == "":
        return "—"
    return formato_porcentaje(valor)


@register.filter
def pesos(valor):
    """«$1,234.50», o «—» si no hay monto (`uig_portal.lib.cifras.pesos`)."""
    return cifras.pesos(valor)
