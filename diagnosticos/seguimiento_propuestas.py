"""Lo que el diagnóstico dice de una propuesta después de presentarla: el hallazgo que atiende,
en palabras, y qué cambió en ese reactivo (o sección) en la siguiente ronda de la institución.

Solo lee datos del diagnóstico (no conoce el plan de trabajo): el plan lo usa para escribir el
área de oportunidad de la actividad que adopta una propuesta, y la Coordinación para ver si la
brecha se cerró.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from diagnosticos import puntaje
from diagnosticos.estructura import Estructura
from diagnosticos.models import Pregunta, Propuesta, Respuesta, Seccion, Valor

# --- El hallazgo, en palabras ----------------------------------------------------------------


def con_hallazgo(propuestas):
    """El queryset de propuestas con lo necesario para `texto_hallazgo`, en la misma consulta.

    Anota el texto del reactivo y el título de la sección (de la versión del cuestionario de la
    ronda de cada propuesta, por su código) y el nombre de la ronda.
    """
    version = OuterRef("respuesta__aplicacion__version_id")
    return propuestas.annotate(
        hallazgo_pregunta=Subquery(
            Pregunta.objects.filter(seccion__version_id=version, codigo=OuterRef("pregunta_codigo"))
            .order_by("pk")
            .values("texto")[:1]
        ),
        hallazgo_seccion=Subquery(
            Seccion.objects.filter(version_id=version, codigo=OuterRef("seccion_codigo"))
            .order_by("pk")
            .values("titulo")[:1]
        ),
        hallazgo_seccion_de_pregunta=Subquery(
            Pregunta.objects.filter(seccion__version_id=version, codigo=OuterRef("pregunta_codigo"))
            .order_by("pk")
            .values("seccion__titulo")[:1]
        ),
        hallazgo_ronda=Subquery(
            Respuesta.objects.filter(pk=OuterRef("respuesta_id")).values("aplicacion__nombre")[:1]
        ),
    )


def puntos_en_texto(valor):
    """«25», «37.5»: los puntos como los escribe una persona."""
    return format(Decimal(valor).normalize(), "f")


def texto_hallazgo(propuesta):
    """El hallazgo que atiende la propuesta, en palabras y sin códigos internos.

    La propuesta debe venir de `con_hallazgo`. Cadena vacía si la propuesta no apunta a un
    reactivo ni a una sección (la escribió a mano la Coordinación).
    """
    pregunta = getattr(propuesta, "hallazgo_pregunta", None) if propuesta.pregunta_codigo else None
    seccion = getattr(propuesta, "hallazgo_seccion", None) if propuesta.seccion_codigo else None
    if pregunta:
        seccion = seccion or getattr(propuesta, "hallazgo_seccion_de_pregunta", None) or ""
        if propuesta.puntos is None:
            return _("Sección «%(seccion)s», reactivo «%(pregunta)s».") % {
                "seccion": seccion,
                "pregunta": pregunta,
            }
        return _(
            "Sección «%(seccion)s», reactivo «%(pregunta)s»: %(puntos)s de 100 puntos en "
            "«%(ronda)s»."
        ) % {
            "seccion": seccion,
            "pregunta": pregunta,
            "puntos": puntos_en_texto(propuesta.puntos),
            "ronda": propuesta.hallazgo_ronda,
        }
    if seccion:
        if propuesta.puntos is None:
            return _("Índice de la sección «%(seccion)s».") % {"seccion": seccion}
        return _("Índice de la sección «%(seccion)s»: %(puntos)s de 100 puntos en «%(ronda)s».") % {
            "seccion": seccion,
            "puntos": puntos_en_texto(propuesta.puntos),
            "ronda": propuesta.hallazgo_ronda,
        }
    return ""


def hallazgos(propuestas):
    """{propuesta_id: hallazgo en palabras} de un grupo de propuestas, en una consulta."""
    ids = [p.pk for p in propuestas]
    return {p.pk: texto_hallazgo(p) for p in con_hallazgo(Propuesta.objects.filter(pk__in=ids))}


# --- Qué cambió en la siguiente ronda ------------------------------------------------------


@dataclass(frozen=True)
class Cambio:
    """Los puntos de lo que atendía una propuesta: al redactarla y en la siguiente ronda.

    `antes`: los puntos del reactivo (o el índice de la sección) al redactarla; `despues`: los
    de la siguiente respuesta aceptada de la institución (None si el reactivo quedó sin
    contestar, sin puntos o escondido por su condición); `ronda`: la Aplicacion de esa
    respuesta.
    """

    antes: Decimal | None
    despues: Decimal | None
    ronda: object

    @property
    def diferencia(self):
        """Puntos ganados (o perdidos, si es negativo); None si falta alguno."""
        return puntaje.cambio(self.despues, self.antes)


def _orden(apertura, aplicacion_id):
    return (apertura, aplicacion_id)


def cambio_en_la_siguiente_ronda(propuestas):
    """{propuesta_id: Cambio | None} de las propuestas que apuntan a un reactivo o a una sección.

    La siguiente ronda es la primera respuesta ACEPTADA de la misma institución al mismo
    cuestionario en una ronda posterior (por fecha de apertura, como la línea base de
    `diagnosticos.resultados`). None si aún no la hay. Las propuestas que no apuntan a nada
    (escritas a mano) no aparecen.

    Consultas: una para las propuestas, una para las respuestas aceptadas de sus instituciones,
    una para los valores de las respuestas siguientes con reactivos por comparar y las de la
    estructura de cada versión involucrada (que `Estructura.en_uso` guarda en memoria); no
    crecen con el número de propuestas.
    """
    ids = [p.pk for p in propuestas]
    if not ids:
        return {}
    filas = list(
        Propuesta.objects.filter(pk__in=ids)
        .exclude(pregunta_codigo="", seccion_codigo="")
        .values_list(
            "pk",
            "respuesta__dependencia_id",
            "respuesta__aplicacion__version__cuestionario_id",
            "respuesta__aplicacion__apertura",
            "respuesta__aplicacion_id",
            "seccion_codigo",
            "pregunta_codigo",
            "puntos",
        )
    )
    if not filas:
        return {}
    dependencias = {f[1] for f in filas}
    cuestionarios = {f[2] for f in filas}
    aceptadas = defaultdict(list)
    for respuesta in (
        Respuesta.objects.aceptadas()
        .filter(
            dependencia_id__in=dependencias,
            aplicacion__version__cuestionario_id__in=cuestionarios,
        )
        .select_related("aplicacion__version")
        .order_by("aplicacion__apertura", "aplicacion_id", "pk")
    ):
        clave = (respuesta.dependencia_id, respuesta.aplicacion.version.cuestionario_id)
        aceptadas[clave].append(respuesta)

    siguiente = {}
    for pk, dependencia_id, cuestionario_id, apertura, aplicacion_id, *_resto in filas:
        actual = _orden(apertura, aplicacion_id)
        siguiente[pk] = next(
            (
                r
                for r in aceptadas[(dependencia_id, cuestionario_id)]
                if _orden(r.aplicacion.apertura, r.aplicacion_id) > actual
            ),
            None,
        )

    # Los valores de las respuestas siguientes solo hacen falta para los reactivos.
    con_reactivo = {
        siguiente[f[0]].pk: siguiente[f[0]] for f in filas if f[6] and siguiente[f[0]] is not None
    }
    valores = defaultdict(dict)
    if con_reactivo:
        estructuras = {r.pk: Estructura.en_uso(r.aplicacion.version) for r in con_reactivo.values()}
        for respuesta_id, pregunta_id, valor in Valor.objects.filter(
            respuesta_id__in=con_reactivo
        ).values_list("respuesta_id", "pregunta_id", "valor"):
            pregunta = estructuras[respuesta_id].por_id.get(pregunta_id)
            if pregunta is not None:
                valores[respuesta_id][pregunta.codigo] = valor
    visibles = {}

    resultado = {}
    for pk, _dep, _cuest, _apertura, _apl, seccion_codigo, pregunta_codigo, antes in filas:
        respuesta = siguiente[pk]
        if respuesta is None:
            resultado[pk] = None
            continue
        if pregunta_codigo:
            estructura = Estructura.en_uso(respuesta.aplicacion.version)
            suyos = valores[respuesta.pk]
            if respuesta.pk not in visibles:
                visibles[respuesta.pk] = estructura.visibles(suyos)
            pregunta = estructura.por_codigo.get(pregunta_codigo)
            despues = None
            if pregunta is not None and pregunta_codigo in visibles[respuesta.pk]:
                despues = puntaje.redondear(puntaje.puntos(pregunta, suyos.get(pregunta_codigo)))
        else:
            texto = (respuesta.indices or {}).get(seccion_codigo)
            despues = None if texto in (None, "") else Decimal(str(texto))
        resultado[pk] = Cambio(antes=antes, despues=despues, ronda=respuesta.aplicacion)
    return resultado
