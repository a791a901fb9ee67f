"""Puntos de cada respuesta (0–100) e índices de sección y general.

- Sí / parcial / no: 100, 50 y 0; «no aplica» no cuenta.
- Escala de acuerdo de 1 a 5: 0, 25, 50, 75 y 100.
- Opción única: los puntos de la opción elegida (las opciones sin puntos no cuentan).
- Opción múltiple: la parte de los puntos posibles que suman las opciones elegidas, como una
  lista de prácticas presentes.
- Números, según la regla de la pregunta: «directa» (el porcentaje son los puntos),
  «paridad» (100 entre 40 % y 60 %, proporcionalmente menos fuera de esa banda) o «meta»
  (100 al alcanzar la meta, proporcional por debajo).

El índice de una sección es el promedio de los puntos de sus preguntas visibles y contestadas,
ponderado por el peso de cada pregunta; el índice general, el promedio de los índices de
sección ponderado por el peso de cada sección. Una sección sin preguntas con puntos no tiene
índice y no cuenta en el general.
"""

from decimal import ROUND_HALF_UP, Decimal

from diagnosticos import valores as V
from diagnosticos.models import Pregunta

Tipo = Pregunta.Tipo
CIEN = Decimal("100")
CENTESIMO = Decimal("0.01")
PUNTOS_SI_NO = {"si": CIEN, "parcial": Decimal("50"), "no": Decimal("0")}


def redondear(numero):
    return None if numero is None else numero.quantize(CENTESIMO, rounding=ROUND_HALF_UP)


def puntos(pregunta, valor):
    """Los puntos (Decimal 0–100) de un valor guardado, o None si no cuenta."""
    if not pregunta.da_puntos or V.vacio(valor):
        return None
    if pregunta.tipo == Tipo.SI_NO:
        return PUNTOS_SI_NO.get(valor)
    if pregunta.tipo == Tipo.ESCALA:
        return (Decimal(valor) - 1) * 25
    if pregunta.tipo == Tipo.OPCION_UNICA:
        for opcion in pregunta.opciones.all():
            if opcion.valor == valor:
                return opcion.puntos
        return None
    if pregunta.tipo == Tipo.OPCION_MULTIPLE:
        posibles = [o for o in pregunta.opciones.all() if o.puntos is not None]
        total = sum((o.puntos for o in posibles), Decimal("0"))
        if total <= 0:
            return None
        lista = valor if isinstance(valor, list) else [valor]  # «in» de un texto sería subcadena
        elegidos = sum((o.puntos for o in posibles if o.valor in lista), Decimal("0"))
        return min(CIEN, elegidos * CIEN / total)
    return _puntos_numericos(pregunta, V.numero(valor))


def _puntos_numericos(pregunta, numero):
    if numero is None:
        return None
    if pregunta.regla == Pregunta.Regla.DIRECTA:
        return max(Decimal("0"), min(CIEN, numero))
    if pregunta.regla == Pregunta.Regla.PARIDAD:
        if numero < 40:
            return max(Decimal("0"), numero * CIEN / 40)
        if numero > 60:
            return max(Decimal("0"), (CIEN - numero) * CIEN / 40)
        return CIEN
    if pregunta.regla == Pregunta.Regla.META:
        if not pregunta.meta or pregunta.meta <= 0:
            return None
        return max(Decimal("0"), min(CIEN, numero * CIEN / pregunta.meta))
    return None


def indices(secciones, visibles, valores):
    """(índice general, {código de sección: índice}) con índices redondeados a centésimos.

    `secciones`: las secciones con sus preguntas en orden (ver `Estructura`); `visibles`: los
    códigos de pregunta visibles; `valores`: {código: valor guardado}.
    """
    por_seccion = {}
    suma_general = peso_general = Decimal("0")
    for seccion in secciones:
        suma = peso = Decimal("0")
        for pregunta in seccion.preguntas_en_orden:
            if pregunta.codigo not in visibles:
                continue
            obtenidos = puntos(pregunta, valores.get(pregunta.codigo))
            if obtenidos is None:
                continue
            suma += pregunta.peso * obtenidos
            peso += pregunta.peso
        indice = redondear(suma / peso) if peso else None
        por_seccion[seccion.codigo] = indice
        if indice is not None and seccion.peso > 0:
            suma_general += seccion.peso * indice
            peso_general += seccion.peso
    general = redondear(suma_general / peso_general) if peso_general else None
    return general, por_seccion


def cambio(actual, base):
    """Diferencia en puntos contra la línea base, o None si falta alguno de los dos."""
    if actual is None or base is None:
        return None
    return redondear(Decimal(str(actual)) - Decimal(str(base)))
