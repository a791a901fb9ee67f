"""Filtros de plantilla para escribir cifras igual en todas las páginas."""

from django import template

from uig_portal.lib.graficas import formato_porcentaje

register = template.Library()


@register.filter
def porcentaje(valor):
    """«62.5 %», «50 %» (sin «.0»), o «—» si no hay cifra; el redondeo ya viene de
    `uig_portal.lib.cifras.porcentaje`."""
    if valor is None or valor == "":
        return "—"
    return formato_porcentaje(valor)
