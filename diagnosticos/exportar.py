"""XLSX de todas las respuestas de una ronda: una fila por institución y pregunta, y una hoja
ancha con una fila por institución.

Pocas consultas para toda la ronda (respuestas, valores, evidencias y estructura) y filas
generadas al vuelo. Los puntos y los índices se calculan con la misma `Estructura` que usa el
resto del portal; los de una pregunta escondida por su condición quedan vacíos.

Con 3,000 instituciones y 50 preguntas son 150,000 filas y más de dos millones de celdas: las
filas se generan al vuelo y `uig_portal.lib.hojas.libro_xlsx` las escribe conforme llegan, con
`escapar_formula` en cada texto.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from diagnosticos import puntaje
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import Respuesta, Valor
from diagnosticos.resultados import evidencias_por_valor
from uig_portal.lib import hojas
from unidades.models import Dependencia


def _celda_valor(pregunta, valor):
    """El valor guardado como dato: números como número, listas separadas por «;»."""
    if V.vacio(valor):
        return None
    if isinstance(valor, list):
        return ";".join(str(v) for v in valor)
    if pregunta.tipo in V.NUMERICOS:
        numero = V.numero(valor)
        return numero if numero is not None else str(valor)
    return str(valor)


def _datos(aplicacion, estructura):
    respuestas = list(
        Respuesta.objects.filter(aplicacion=aplicacion)
        .order_by("dependencia__nombre")
        .values_list(
            "pk",
            "dependencia__nombre",
            "dependencia__siglas",
            "dependencia__sector",
            "dependencia__tipo",
            "estado",
            "avance",
        )
    )
    guardados = defaultdict(dict)
    for pk, respuesta_id, pregunta_id, valor, comentario in (
        Valor.objects.filter(respuesta__aplicacion=aplicacion)
        .values_list("pk", "respuesta_id", "pregunta_id", "valor", "comentario")
        .iterator(chunk_size=5000)
    ):
        if pregunta_id in estructura.por_id:
            guardados[respuesta_id][pregunta_id] = (pk, valor, comentario)
    return respuestas, guardados


def hojas_de_respuestas(aplicacion):
    """Las hojas «Respuestas» y «Por institución» como (título, encabezados, filas)."""
    estructura = Estructura(aplicacion.version)
    cuestionario = aplicacion.version.cuestionario
    respuestas, guardados = _datos(aplicacion, estructura)
    evidencias = evidencias_por_valor(aplicacion)
    preguntas = [p for p in estructura.preguntas if p.responde]
    # Etiquetas traducidas una sola vez: con 150,000 filas, traducir en cada celda pesa.
    tipos = {valor: str(etiqueta) for valor, etiqueta in Dependencia.Tipo.choices}
    estados = {valor: str(etiqueta) for valor, etiqueta in Respuesta.Estado.choices}
    legibles = {}

    def legible(pregunta, valor):
        """`valores.mostrar`, recordado para las preguntas de opciones (valores repetidos)."""
        if not V.opciones(pregunta) or isinstance(valor, list):
            return V.mostrar(pregunta, valor)
        llave = (pregunta.pk, valor)
        if llave not in legibles:
            legibles[llave] = V.mostrar(pregunta, valor)
        return legibles[llave]

    version = aplicacion.version.numero
    # Las hojas se escriben una tras otra y cada una recorre las respuestas en orden: basta
    # recordar la última calculada (guardarlas todas ocuparía memoria con miles).
    calculadas = {}

    def calcular(respuesta_id):
        if respuesta_id not in calculadas:
            suyos = guardados.get(respuesta_id, {})
            valores = {estructura.por_id[pid].codigo: g[1] for pid, g in suyos.items()}
            visibles = estructura.visibles(valores)
            general, por_seccion = puntaje.indices(estructura.secciones, visibles, valores)
            calculadas.clear()
            calculadas[respuesta_id] = (suyos, visibles, general, por_seccion)
        return calculadas[respuesta_id]

    def filas_respuestas():
        for pk, nombre, siglas, sector, tipo, estado, _avance in respuestas:
            suyos, visibles, _general, _secciones = calcular(pk)
            for pregunta in preguntas:
                valor_pk, valor, comentario = suyos.get(pregunta.pk, (None, None, ""))
                visible = pregunta.codigo in visibles
                yield [
                    aplicacion.nombre,
                    version,
                    nombre,
                    siglas,
                    sector,
                    tipos.get(tipo, tipo),
                    estados.get(estado, estado),
                    pregunta.seccion.titulo,
                    pregunta.codigo,
                    pregunta.texto,
                    legible(pregunta, valor) if visible else "",
                    _celda_valor(pregunta, valor) if visible else None,
                    puntaje.redondear(puntaje.puntos(pregunta, valor)) if visible else None,
                    comentario,
                    evidencias.get(valor_pk, 0) if valor_pk else 0,
                ]

    secciones = list(estructura.secciones)

    def filas_por_institucion():
        for pk, nombre, siglas, sector, tipo, estado, avance in respuestas:
            suyos, visibles, general, por_seccion = calcular(pk)
            nivel = cuestionario.nivel(general)
            fila = [
                aplicacion.nombre,
                version,
                nombre,
                siglas,
                sector,
                tipos.get(tipo, tipo),
                estados.get(estado, estado),
                avance,
                general,
                str(nivel.label) if nivel else "",
            ]
            fila += [por_seccion.get(s.codigo) for s in secciones]
            for pregunta in preguntas:
                valor = suyos.get(pregunta.pk, (None, None, ""))[1]
                fila.append(_celda_valor(pregunta, valor) if pregunta.codigo in visibles else None)
            yield fila

    comunes = [
        _("Ronda"),
        _("Versión"),
        _("Institución"),
        _("Siglas"),
        _("Sector"),
        _("Tipo"),
        _("Estado"),
    ]
    encabezados_respuestas = [
        *comunes,
        _("Sección"),
        _("Código"),
        _("Pregunta"),
        _("Respuesta"),
        _("Valor"),
        _("Puntos"),
        _("Comentario"),
        _("Evidencias"),
    ]
    encabezados_ancha = [
        *comunes,
        _("Avance (%)"),
        _("Índice general"),
        _("Nivel"),
        *[_("Índice: %(seccion)s") % {"seccion": s.titulo} for s in secciones],
        *[p.codigo for p in preguntas],
    ]
    return [
        (_("Respuestas"), encabezados_respuestas, filas_respuestas()),
        (_("Por institución"), encabezados_ancha, filas_por_institucion()),
    ]


def nombre_archivo(aplicacion):
    return f"respuestas-ronda-{aplicacion.pk}.xlsx"


def respuesta_xlsx(aplicacion):
    return hojas.respuesta_xlsx(hojas_de_respuestas(aplicacion), nombre_archivo(aplicacion))
