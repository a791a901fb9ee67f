"""Resultados del diagnóstico: los de una institución (página y PDF) y los consolidados de una
ronda (página, PDF, XLSX y respuestas abiertas lado a lado).

Las cifras salen de `diagnosticos.resultados` y `diagnosticos.exportar`; aquí solo se leen
los parámetros, se eligen la plantilla y el formato, y se arman las gráficas.
"""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from diagnosticos import exportar, resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import Aplicacion, Respuesta
from uig_portal.lib.graficas import (
    Barra,
    formato_entero,
    grafica_barras_horizontales,
    grafica_serie,
)
from uig_portal.lib.pdf import render_pdf, respuesta_pdf
from unidades.models import Dependencia

POR_PAGINA = 100
FILAS_POR_BLOQUE_PDF = 40
#: Con más instituciones (tras los filtros), el PDF consolidado resume por sector.
MAXIMO_INSTITUCIONES_PDF = 300


def _formato_indice(valor):
    return f"{valor:.1f}".rstrip("0").rstrip(".")


# --- Resultado de una institución -----------------------------------------------------------


def _resultado(request, pk):
    respuesta = get_object_or_404(
        Respuesta.objects.visibles_para(request.user).select_related(
            "aplicacion__version__cuestionario", "dependencia"
        ),
        pk=pk,
    )
    estructura = Estructura(respuesta.aplicacion.version)
    preliminar = respuesta.estado not in resultados.ESTADOS_ENVIADOS
    if preliminar:
        # Aún no se calculan los índices guardados: se calculan ahora, sin guardarlos.
        estructura.actualizar(respuesta)
    base = resultados.linea_base(respuesta)
    comparado = resultados.comparacion(respuesta, base, estructura)
    _valores, secciones = resultados.detalle(respuesta, estructura, comparado)
    return {
        "respuesta": respuesta,
        "aplicacion": respuesta.aplicacion,
        "dependencia": respuesta.dependencia,
        "cuestionario": respuesta.aplicacion.version.cuestionario,
        "preliminar": preliminar,
        "comparacion": comparado,
        "base": base,
        "secciones": secciones,
        "grafica_secciones": _grafica_secciones(comparado, ancho=640, ancho_etiqueta=240),
        "grafica_secciones_angosta": _grafica_secciones(comparado, ancho=300, etiqueta_arriba=True),
        "puede_revisar": request.user.has_perm("diagnosticos.revisar_respuesta"),
        "puede_consolidado": request.user.has_perm("diagnosticos.ver_resultados"),
    }


def _grafica_secciones(comparado, **tamano):
    """El índice de cada sección en barras; `tamano` pasa a `grafica_barras_horizontales`."""
    return grafica_barras_horizontales(
        [Barra(f.titulo, float(f.actual)) for f in comparado.secciones if f.actual is not None],
        titulo=_("Índice por sección"),
        descripcion=_("Índice de 0 a 100 de cada sección del diagnóstico."),
        formato=_formato_indice,
        **tamano,
    )


@require_GET
@permission_required("diagnosticos.view_respuesta", raise_exception=True)
def resultado(request, pk):
    return render(request, "diagnosticos/resultados/resultado.html", _resultado(request, pk))


@require_GET
@permission_required("diagnosticos.view_respuesta", raise_exception=True)
def resultado_pdf(request, pk):
    contexto = _resultado(request, pk)
    contexto["generado"] = timezone.localtime()
    contexto["grafica_secciones"] = _grafica_secciones(
        contexto["comparacion"], ancho=620, alto_fila=22
    )
    contenido = render_pdf("diagnosticos/resultados/resultado_pdf.html", contexto, request)
    respuesta = contexto["respuesta"]
    nombre = slugify(f"diagnostico-{respuesta.dependencia.siglas}-{respuesta.aplicacion.nombre}")
    return respuesta_pdf(contenido, f"{nombre}.pdf")


# --- Consolidado de una ronda -------------------------------------------------------------


def _aplicacion(pk):
    return get_object_or_404(Aplicacion.objects.select_related("version__cuestionario"), pk=pk)


def _filtros(request):
    """(sector, tipo) válidos de la petición; uno desconocido se ignora."""
    sector = request.GET.get("sector", "").strip()
    tipo = request.GET.get("tipo", "").strip()
    if tipo not in Dependencia.Tipo.values:
        tipo = ""
    return sector[:120], tipo


def _graficas(datos, **tamano):
    barras_promedio = [
        Barra(p.titulo, float(p.promedio), _("%(n)s inst.") % {"n": formato_entero(p.n)})
        for p in [datos.general, *datos.promedios]
        if p.promedio is not None
    ]
    total = sum(n for _nivel, n in datos.distribucion)
    barras_nivel = [
        Barra(
            str(nivel.label),
            100 * n / total if total else 0,
            _("%(n)s de %(m)s") % {"n": formato_entero(n), "m": formato_entero(total)},
        )
        for nivel, n in datos.distribucion
    ]
    return {
        "grafica_promedios": grafica_barras_horizontales(
            barras_promedio,
            titulo=_("Promedio del índice por sección"),
            descripcion=_("Promedio de 0 a 100 entre las respuestas aceptadas."),
            formato=_formato_indice,
            **tamano,
        ),
        "grafica_niveles": grafica_barras_horizontales(
            barras_nivel,
            titulo=_("Instituciones por nivel"),
            descripcion=_("Porcentaje de las respuestas aceptadas en cada nivel."),
            **tamano,
        ),
        "grafica_histograma": grafica_serie(
            [f"{10 * i}–{10 * i + 9 if i < 9 else 100}" for i in range(10)],
            datos.histograma,
            titulo=_("Distribución del índice general"),
            descripcion=_("Instituciones aceptadas por tramo de 10 puntos del índice general."),
            tipo="barras",
            # Con pocas instituciones, un tope de 4 evita marcas repetidas del eje (0, 0, 1…).
            maximo=4 if max(datos.histograma, default=0) < 4 else None,
            ancho=tamano.get("ancho", 640),
            alto=220,
            max_etiquetas=12 if tamano.get("ancho", 640) >= 400 else 5,
        ),
    }


def _columna(clave, titulo, orden, *, numerica=False):
    """Encabezado ordenable: el enlace alterna el sentido; las cifras empiezan de mayor a menor."""
    if orden == clave:
        siguiente, sentido = f"-{clave}", "ascending"
    elif orden == f"-{clave}":
        siguiente, sentido = clave, "descending"
    else:
        siguiente, sentido = (f"-{clave}" if numerica else clave), ""
    return {
        "clave": clave,
        "titulo": titulo,
        "siguiente": siguiente,
        "sentido": sentido,
        "numerica": numerica,
    }


def _contexto_consolidado(request, pk):
    aplicacion = _aplicacion(pk)
    sector, tipo = _filtros(request)
    datos = resultados.consolidado(aplicacion, sector=sector, tipo=tipo)
    # Una columna por sección con algún índice (las de datos generales no tienen).
    codigos = [
        s.codigo
        for s in datos.estructura.secciones
        if any(f.indices.get(s.codigo) is not None for f in datos.filas)
    ]
    filas, orden = resultados.ordenar(datos.filas, request.GET.get("orden", ""), codigos)
    secciones = [s for s in datos.estructura.secciones if s.codigo in codigos]
    for fila in filas:
        fila.celdas = [fila.indices.get(s.codigo) for s in secciones]
    columnas = [
        _columna("nombre", _("Institución"), orden),
        _columna("sector", _("Sector"), orden),
        _columna("estado", _("Estado"), orden),
        _columna("indice", _("Índice general"), orden, numerica=True),
        *[_columna(f"s:{s.codigo}", s.titulo, orden, numerica=True) for s in secciones],
        _columna("cambio", _("Cambio contra la base"), orden, numerica=True),
    ]
    return {
        "columnas": columnas,
        "aplicacion": aplicacion,
        "datos": datos,
        "filas": filas,
        "orden": orden,
        "sector": sector,
        "tipo": tipo,
        "tipos": Dependencia.Tipo.choices,
        "secciones": secciones,
        "preguntas": [p for p in datos.estructura.preguntas if p.responde],
        "pregunta_abierta": next(
            (p for p in datos.estructura.preguntas if p.tipo == p.Tipo.TEXTO), None
        ),
        "total_filtradas": len(filas),
    }


@require_GET
@permission_required("diagnosticos.ver_resultados", raise_exception=True)
def consolidado(request, pk):
    contexto = _contexto_consolidado(request, pk)
    pagina = Paginator(contexto["filas"], POR_PAGINA).get_page(request.GET.get("page"))
    angostas = _graficas(contexto["datos"], ancho=300, etiqueta_arriba=True)
    contexto.update(
        page_obj=pagina,
        filas=pagina.object_list,
        # Cada gráfica en dos anchos, como en la meta de instalación: la letra conserva su
        # tamaño en un teléfono (la página muestra la que toca con clases de Bootstrap).
        angostas=angostas,
        **_graficas(contexto["datos"], ancho=560, ancho_etiqueta=200),
    )
    return render(request, "diagnosticos/resultados/consolidado.html", contexto)


@require_GET
@permission_required("diagnosticos.ver_resultados", raise_exception=True)
def consolidado_pdf(request, pk):
    contexto = _contexto_consolidado(request, pk)
    contexto["generado"] = timezone.localtime()
    # Una tabla por bloque de filas: WeasyPrint acomoda una tabla de miles de filas que cruza
    # muchas páginas en tiempo cuadrático; en bloques, el tiempo crece en proporción.
    filas = contexto["filas"]
    if len(filas) > MAXIMO_INSTITUCIONES_PDF:
        # Decenas de páginas de tabla no se leen y WeasyPrint tarda un minuto en acomodarlas:
        # el informe resume por sector y remite al XLSX o a un filtro para el detalle.
        contexto["por_sector"] = resultados.por_sector(
            filas, [s.codigo for s in contexto["secciones"]]
        )
        filas = []
    contexto["bloques"] = [
        filas[i : i + FILAS_POR_BLOQUE_PDF] for i in range(0, len(filas), FILAS_POR_BLOQUE_PDF)
    ]
    contexto.update(_graficas(contexto["datos"], ancho=620, ancho_etiqueta=200, alto_fila=22))
    contenido = render_pdf("diagnosticos/resultados/consolidado_pdf.html", contexto, request)
    aplicacion = contexto["aplicacion"]
    return respuesta_pdf(contenido, f"{slugify(f'resultados-{aplicacion.nombre}')}.pdf")


@require_GET
@permission_required("diagnosticos.ver_resultados", raise_exception=True)
def consolidado_xlsx(request, pk):
    return exportar.respuesta_xlsx(_aplicacion(pk))


@require_GET
@permission_required("diagnosticos.ver_resultados", raise_exception=True)
def abiertas(request, pk):
    aplicacion = _aplicacion(pk)
    sector, tipo = _filtros(request)
    estructura = Estructura(aplicacion.version)
    preguntas = [p for p in estructura.preguntas if p.responde]
    codigo = request.GET.get("pregunta", "")
    pregunta = estructura.por_codigo.get(codigo)
    if codigo and (pregunta is None or not pregunta.responde):
        raise Http404(_("Esa pregunta no está en la versión de esta ronda."))
    if pregunta is None:
        # Sin elegir: la primera de texto abierto, o la primera que se responde.
        textos = [p for p in preguntas if p.tipo == p.Tipo.TEXTO]
        pregunta = (textos or preguntas or [None])[0]
    filas = (
        resultados.abiertas(aplicacion, pregunta, estructura, sector=sector, tipo=tipo)
        if pregunta is not None
        else []
    )
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "diagnosticos/resultados/abiertas.html",
        {
            "aplicacion": aplicacion,
            "pregunta": pregunta,
            "preguntas": preguntas,
            "filas": pagina.object_list,
            "page_obj": pagina,
            "total": len(filas),
            "sector": sector,
            "tipo": tipo,
            "tipos": Dependencia.Tipo.choices,
            "sectores": resultados.sectores_de_la_ronda(aplicacion),
        },
    )
