"""La meta de instalación: página, hoja de cálculo y PDF con las mismas cifras.

Son agregados sobre todas las instituciones vigentes, sin datos personales: cualquier rol que
pueda ver unidades los consulta, sin limitarlo a su institución. Las cifras salen de
`unidades.metas`; aquí solo se eligen la plantilla y el formato.
"""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from uig_portal.lib.graficas import (
    Barra,
    formato_entero,
    formato_porcentaje,
    grafica_barras_horizontales,
    grafica_serie,
)
from uig_portal.lib.hojas import respuesta_xlsx
from uig_portal.lib.pdf import render_pdf, respuesta_pdf
from unidades import metas

POR_PAGINA = 50
#: En el PDF de una página: cuántos sectores y cuántos nombres de instituciones caben.
SECTORES_EN_PDF = 10
NOMBRES_EN_PDF = 6


def grafica_tendencia(meta, **tamano):
    """La tendencia mensual como área; `tamano` pasa ancho, alto, etc. a `grafica_serie`."""
    ultimo = meta.tendencia[-1]
    return grafica_serie(
        [mes.nombre_corto for mes in meta.tendencia],
        [mes.porcentaje for mes in meta.tendencia],
        titulo=_("Avance mensual de la meta de instalación"),
        descripcion=_(
            "Porcentaje acumulado de instituciones vigentes con unidad instalada al cierre de "
            "cada mes, de %(desde)s a %(hasta)s; al cierre de %(hasta)s: %(pct)s."
        )
        % {
            "desde": meta.tendencia[0].nombre,
            "hasta": ultimo.nombre,
            "pct": formato_porcentaje(ultimo.porcentaje),
        },
        maximo=100,
        formato=formato_porcentaje,
        **tamano,
    )


def grafica_por_tipo(meta, **tamano):
    """El avance por tipo en barras; `tamano` pasa a `grafica_barras_horizontales`."""
    return grafica_barras_horizontales(
        [
            Barra(
                a.nombre,
                a.porcentaje,
                _("%(n)s de %(m)s")
                % {"n": formato_entero(a.instaladas), "m": formato_entero(a.total)},
            )
            for a in meta.por_tipo
        ],
        titulo=_("Avance por tipo de institución"),
        descripcion=_("Porcentaje de instituciones vigentes de cada tipo con unidad instalada."),
        **tamano,
    )


@require_GET
@permission_required("unidades.view_unidad", raise_exception=True)
def meta(request):
    datos = metas.meta_de_instalacion()
    pagina = Paginator(metas.instituciones_sin_instalar(), POR_PAGINA).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "unidades/meta_instalacion.html",
        {
            "meta": datos,
            # Cada gráfica en varios anchos (la página muestra el que toca con clases de
            # Bootstrap): así la letra conserva su tamaño en un teléfono y en un monitor.
            "graficas_tendencia": {
                "ancha": grafica_tendencia(datos, ancho=1060, alto=300, max_etiquetas=18),
                "media": grafica_tendencia(datos, ancho=700, alto=260),
                "angosta": grafica_tendencia(datos, ancho=300, alto=220, max_etiquetas=3),
            },
            "grafica_por_tipo": grafica_por_tipo(datos, ancho=560, ancho_etiqueta=190),
            "grafica_por_tipo_angosta": grafica_por_tipo(datos, ancho=300, etiqueta_arriba=True),
            "page_obj": pagina,
            "sin_instalar": pagina.object_list,
            "ve_todas": request.user.ve_todas_las_dependencias,
        },
    )


@require_GET
@permission_required("unidades.view_unidad", raise_exception=True)
def meta_xlsx(request):
    datos = metas.meta_de_instalacion()
    return respuesta_xlsx(
        metas.hojas_de_la_meta(datos), f"meta-de-instalacion-{datos.fecha:%Y-%m-%d}.xlsx"
    )


@require_GET
@permission_required("unidades.view_unidad", raise_exception=True)
def meta_pdf(request):
    datos = metas.meta_de_instalacion()
    nombres = list(
        metas.instituciones_sin_instalar().values_list("nombre", flat=True)[:NOMBRES_EN_PDF]
    )
    contenido = render_pdf(
        "unidades/meta_pdf.html",
        {
            "meta": datos,
            "generado": timezone.localtime(),
            "grafica_tendencia": grafica_tendencia(datos, ancho=720, alto=170),
            "grafica_por_tipo": grafica_por_tipo(
                datos, ancho=340, alto_fila=22, etiqueta_arriba=True
            ),
            "sectores": metas.sectores_principales(datos, SECTORES_EN_PDF),
            "sectores_omitidos": max(len(datos.por_sector) - SECTORES_EN_PDF, 0),
            "nombres_sin_instalar": nombres,
            "otras_sin_instalar": max(datos.sin_instalar - len(nombres), 0),
        },
        request,
    )
    return respuesta_pdf(contenido, f"meta-de-instalacion-{datos.fecha:%Y-%m-%d}.pdf")
