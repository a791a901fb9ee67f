"""Estadísticas de capacitación: página con tablas y gráficas, y la misma información en XLSX.

Las cifras salen de `capacitacion.estadisticas.calcular`; aquí se leen los filtros, se arman
las gráficas y se elige el formato. Responsables y consulta ven solo su institución: el cálculo
usa `visibles_para` y el formulario no les ofrece los filtros de institución ni de sector.
"""

from collections import namedtuple

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from capacitacion.estadisticas import calcular, hojas, nombre_periodo
from capacitacion.forms.estadisticas import EstadisticasForm
from capacitacion.models import Certificacion
from uig_portal.lib.cifras import porcentaje
from uig_portal.lib.graficas import (
    Barra,
    formato_entero,
    formato_porcentaje,
    grafica_barras_horizontales,
    grafica_serie,
)
from uig_portal.lib.hojas import respuesta_xlsx

_Etapa = namedtuple("_Etapa", ["nombre", "n"])

POR_PAGINA = 50
#: Barras de las gráficas de instituciones y sectores (la tabla y el XLSX tienen todas).
EN_GRAFICA = 10


def _formato_horas(valor):
    texto = f"{float(valor):,.1f}"
    return texto[:-2] if texto.endswith(".0") else texto


def _periodo(filtros):
    return _("del %(desde)s al %(hasta)s") % {
        "desde": f"{filtros.desde:%d/%m/%Y}",
        "hasta": f"{filtros.hasta:%d/%m/%Y}",
    }


def _lista(filas, valor, formato=formato_entero):
    """«Mujeres: 3; Hombres: 1» para la descripción accesible de una gráfica."""
    return "; ".join(f"{f.nombre}: {formato(valor(f))}" for f in filas)


def _barras(grupos, *, titulo, descripcion, valor, formato=formato_entero, detalle=None):
    """La gráfica de barras horizontales en dos anchos (pantalla ancha y teléfono)."""
    barras = [Barra(g.nombre, float(valor(g)), detalle(g) if detalle else "") for g in grupos]
    tope = max((b.valor for b in barras), default=0) or 1
    comun = {"titulo": titulo, "descripcion": descripcion, "maximo": tope, "formato": formato}
    return {
        "ancha": grafica_barras_horizontales(barras, ancho=640, ancho_etiqueta=230, **comun),
        "angosta": grafica_barras_horizontales(barras, ancho=300, etiqueta_arriba=True, **comun),
    }


def _serie(datos, *, titulo, descripcion, valor, formato=formato_entero):
    etiquetas = [nombre_periodo(p.inicio, datos.anual, corto=True) for p in datos.por_periodo]
    valores = [float(valor(p)) for p in datos.por_periodo]
    comun = {
        "titulo": titulo,
        "descripcion": descripcion,
        "tipo": "barras",
        "formato": formato,
        # Con cifras pequeñas, un tope de 4 evita marcas repetidas en el eje (0, 0, 1…).
        "maximo": 4 if max(valores, default=0) < 4 else None,
    }
    return {
        "ancha": grafica_serie(etiquetas, valores, ancho=720, alto=240, **comun),
        "angosta": grafica_serie(etiquetas, valores, ancho=300, alto=200, max_etiquetas=4, **comun),
    }


def _porcentaje_de(parte, total):
    return formato_porcentaje(porcentaje(parte, total))


def _graficas(datos):
    """Las gráficas de lo que la página muestra; cada una repite sus cifras en `<desc>` y
    lleva una tabla debajo (la gráfica nunca es la única fuente)."""
    graficas = {}
    if datos.hay_capacitacion:
        graficas.update(_graficas_capacitacion(datos))
        if datos.ve_todas:
            graficas.update(_graficas_instituciones(datos))
    if datos.hay_certificacion:
        etapas = [_Etapa(etiqueta, n) for _estado, etiqueta, n in datos.por_etapa]
        graficas["etapas"] = _barras(
            etapas,
            titulo=_("Procesos de certificación por etapa"),
            descripcion=_("Procesos de certificación en cada etapa hoy: %(lista)s.")
            % {"lista": _lista(etapas, lambda g: g.n)},
            valor=lambda g: g.n,
        )
    return graficas


def _graficas_capacitacion(datos):
    periodo = _periodo(datos.filtros)
    total = datos.total.personas
    por_periodo = datos.por_periodo
    return {
        "sexo": _barras(
            datos.por_sexo,
            titulo=_("Personas capacitadas por sexo"),
            descripcion=_("Personas capacitadas %(periodo)s: %(lista)s.")
            % {"periodo": periodo, "lista": _lista(datos.por_sexo, lambda g: g.personas)},
            valor=lambda g: g.personas,
            detalle=lambda g: _porcentaje_de(g.personas, total),
        ),
        "programa": _barras(
            datos.por_programa,
            titulo=_("Personas capacitadas por programa"),
            descripcion=_("Personas capacitadas en cada programa %(periodo)s: %(lista)s.")
            % {"periodo": periodo, "lista": _lista(datos.por_programa, lambda g: g.personas)},
            valor=lambda g: g.personas,
            detalle=lambda g: _("%(h)s h") % {"h": _formato_horas(g.horas)},
        ),
        "personas_periodo": _serie(
            datos,
            titulo=(
                _("Personas capacitadas por año")
                if datos.anual
                else _("Personas capacitadas por mes")
            ),
            descripcion=_(
                "Personas distintas que acreditaron algún evento terminado en cada periodo, "
                "%(periodo)s: %(lista)s."
            )
            % {"periodo": periodo, "lista": _lista(por_periodo, lambda g: g.personas)},
            valor=lambda g: g.personas,
        ),
        "horas_periodo": _serie(
            datos,
            titulo=(
                _("Horas de capacitación por año")
                if datos.anual
                else _("Horas de capacitación por mes")
            ),
            descripcion=_(
                "Horas asistidas de las inscripciones acreditadas, %(periodo)s: %(lista)s."
            )
            % {"periodo": periodo, "lista": _lista(por_periodo, lambda g: g.horas, _formato_horas)},
            valor=lambda g: g.horas,
            formato=_formato_horas,
        ),
    }


def _graficas_instituciones(datos):
    """Las instituciones y los sectores con más personas (solo para quien ve todas)."""
    periodo = _periodo(datos.filtros)
    principales = datos.por_dependencia[:EN_GRAFICA]
    sectores = datos.por_sector[:EN_GRAFICA]
    return {
        "dependencias": _barras(
            principales,
            titulo=_("Instituciones con más personas capacitadas"),
            descripcion=_(
                "Las %(n)s instituciones con más personas capacitadas %(periodo)s: %(lista)s."
            )
            % {
                "n": len(principales),
                "periodo": periodo,
                "lista": _lista(principales, lambda g: g.personas),
            },
            valor=lambda g: g.personas,
        ),
        "sectores": _barras(
            sectores,
            titulo=_("Personas capacitadas por sector"),
            descripcion=_(
                "Personas capacitadas en los %(n)s sectores con más, %(periodo)s: %(lista)s."
            )
            % {
                "n": len(sectores),
                "periodo": periodo,
                "lista": _lista(sectores, lambda g: g.personas),
            },
            valor=lambda g: g.personas,
        ),
    }


@require_GET
@permission_required("capacitacion.view_inscripcion", raise_exception=True)
def estadisticas(request):
    formulario = EstadisticasForm(request.GET or None, usuario=request.user)
    datos = calcular(request.user, formulario.filtros())
    pagina = Paginator(datos.por_dependencia, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "capacitacion/estadisticas/estadisticas.html",
        {
            "formulario": formulario,
            "datos": datos,
            "filtros": datos.filtros,
            "graficas": _graficas(datos),
            "page_obj": pagina,
            "instituciones": pagina.object_list,
            "etapas": [estado.label for estado in Certificacion.Estado],
        },
    )


@require_GET
@permission_required("capacitacion.view_inscripcion", raise_exception=True)
def estadisticas_xlsx(request):
    formulario = EstadisticasForm(request.GET or None, usuario=request.user)
    datos = calcular(request.user, formulario.filtros())
    nombre = f"estadisticas-capacitacion-{datos.filtros.desde:%Y%m%d}-{datos.filtros.hasta:%Y%m%d}"
    return respuesta_xlsx(hojas(datos), f"{nombre}.xlsx")
