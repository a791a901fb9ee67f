"""Preguntas condicionales: una pregunta se muestra solo si respuestas anteriores cumplen algo.

Una condición es un dict guardado en `Pregunta.condicion`:

    {"union": "y" | "o",
     "reglas": [{"pregunta": "codigo_anterior", "operador": "igual", "valor": "si"}, ...]}

Operadores: igual, distinto, uno_de (valor: lista), mayor, menor (valor: número) y contiene
(para opción múltiple). Una condición vacía ({}) es «siempre visible». Una regla sobre una
pregunta sin respuesta, o escondida a su vez, no se cumple: así las cadenas de condiciones
se esconden juntas. Las reglas solo pueden mirar preguntas anteriores de la misma versión,
lo que evita ciclos y permite evaluar todo en una sola pasada en orden.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos import valores as V

OPERADORES = {
    "igual": gettext_lazy("es igual a"),
    "distinto": gettext_lazy("es distinto de"),
    "uno_de": gettext_lazy("es una de"),
    "mayor": gettext_lazy("es mayor que"),
    "menor": gettext_lazy("es menor que"),
    "contiene": gettext_lazy("incluye"),
}
UNIONES = {"y": gettext_lazy("y"), "o": gettext_lazy("o")}


def reglas(condicion):
    return (condicion or {}).get("reglas") or []


def cumple(condicion, valores):
    """¿Se cumple la condición con {código: valor guardado}?"""
    lista = reglas(condicion)
    if not lista:
        return True
    resultados = (_cumple_regla(regla, valores) for regla in lista)
    if (condicion or {}).get("union") == "o":
        return any(resultados)
    return all(resultados)


def _cumple_regla(regla, valores):
    actual = valores.get(regla.get("pregunta"))
    if V.vacio(actual):
        return False
    operador, esperado = regla.get("operador"), regla.get("valor")
    if operador in ("mayor", "menor"):
        numero, limite = V.numero(actual), V.numero(esperado)
        if numero is None or limite is None:
            return False
        return numero > limite if operador == "mayor" else numero < limite
    elegidos = actual if isinstance(actual, list) else [actual]
    if operador == "uno_de":
        esperados = esperado if isinstance(esperado, list) else [esperado]
        return any(_iguales(e, x) for e in elegidos for x in esperados)
    coincide = any(_iguales(e, esperado) for e in elegidos)
    if operador in ("igual", "contiene"):
        return coincide
    if operador == "distinto":
        return not coincide
    return False


def _iguales(a, b):
    """Igualdad de valores guardados: "10" y "10.0" son el mismo número."""
    na, nb = V.numero(a), V.numero(b)
    if na is not None and nb is not None:
        return na == nb
    return str(a) == str(b)


def visibles(preguntas, valores):
    """Códigos de las preguntas visibles con estas respuestas (preguntas en su orden).

    Las respuestas de una pregunta escondida no cuentan para las condiciones siguientes.
    """
    efectivos, resultado = {}, set()
    for pregunta in preguntas:
        if cumple(pregunta.condicion, efectivos):
            resultado.add(pregunta.codigo)
            if pregunta.codigo in valores:
                efectivos[pregunta.codigo] = valores[pregunta.codigo]
    return resultado


def errores(condicion, anteriores):
    """Lo que está mal en una condición, en español; `anteriores` es {código: Pregunta}
    con las preguntas que la preceden en la versión."""
    if not condicion:
        return []
    if not isinstance(condicion, dict) or not isinstance(condicion.get("reglas"), list):
        return [_("La condición no tiene el formato esperado.")]
    resultado = []
    if condicion.get("union", "y") not in UNIONES:
        resultado.append(_("Las reglas se combinan con «y» o con «o»."))
    for numero, regla in enumerate(condicion["reglas"], start=1):
        if not isinstance(regla, dict):
            resultado.append(_("La regla %(n)s no tiene el formato esperado.") % {"n": numero})
            continue
        codigo, operador, valor = regla.get("pregunta"), regla.get("operador"), regla.get("valor")
        pregunta = anteriores.get(codigo)
        if pregunta is None:
            resultado.append(
                _("La regla %(n)s usa «%(codigo)s», que no es una pregunta anterior.")
                % {"n": numero, "codigo": codigo}
            )
            continue
        if operador not in OPERADORES:
            resultado.append(
                _("La regla %(n)s tiene un operador desconocido: «%(op)s».")
                % {"n": numero, "op": operador}
            )
            continue
        resultado.extend(_errores_de_valor(numero, pregunta, operador, valor))
    return resultado


def _errores_de_valor(numero, pregunta, operador, valor):
    if operador in ("mayor", "menor"):
        if pregunta.tipo not in V.NUMERICOS:
            return [
                _("La regla %(n)s compara como número «%(codigo)s», que no es numérica.")
                % {"n": numero, "codigo": pregunta.codigo}
            ]
        if V.numero(valor) is None:
            return [_("La regla %(n)s necesita un número para comparar.") % {"n": numero}]
        return []
    if operador == "contiene" and pregunta.tipo != pregunta.Tipo.OPCION_MULTIPLE:
        return [
            _("La regla %(n)s usa «incluye», que solo aplica a preguntas de opción múltiple.")
            % {"n": numero}
        ]
    validos = [v for v, _etiqueta in V.opciones(pregunta)]
    esperados = valor if isinstance(valor, list) else [valor]
    if any("'" in str(v) and '"' in str(v) for v in esperados):
        # XLSForm escribe cada valor entre comillas de un solo tipo: con ambas no se exporta.
        return [
            _("La regla %(n)s usa un valor con comillas simples y dobles a la vez; use solo unas.")
            % {"n": numero}
        ]
    if operador == "uno_de" and (not isinstance(valor, list) or not valor):
        return [_("La regla %(n)s necesita una lista de valores.") % {"n": numero}]
    if validos:
        malos = [str(v) for v in esperados if str(v) not in validos]
        if malos:
            return [
                _("La regla %(n)s usa valores que «%(codigo)s» no tiene: %(malos)s.")
                % {"n": numero, "codigo": pregunta.codigo, "malos": ", ".join(malos)}
            ]
    elif any(V.vacio(v) for v in esperados):
        return [_("La regla %(n)s necesita un valor.") % {"n": numero}]
    return []


def describir(condicion, preguntas_por_codigo):
    """«Se muestra si P3 es igual a «Sí» y P4 es mayor que 10», para personas."""
    lista = reglas(condicion)
    if not lista:
        return ""
    partes = []
    for regla in lista:
        pregunta = preguntas_por_codigo.get(regla.get("pregunta"))
        esperado = regla.get("valor")
        esperados = esperado if isinstance(esperado, list) else [esperado]
        if pregunta is not None:
            textos = [_etiqueta(pregunta, e) for e in esperados]
        else:
            textos = [str(e) for e in esperados]
        operador = OPERADORES.get(regla.get("operador"), regla.get("operador"))
        esperados_texto = ", ".join(f"«{t}»" for t in textos)
        partes.append(f"{regla.get('pregunta')} {operador} {esperados_texto}")
    union = f" {UNIONES.get(condicion.get('union', 'y'), 'y')} "
    return _("Se muestra si %(reglas)s.") % {"reglas": union.join(partes)}


def _etiqueta(pregunta, valor):
    etiquetas = dict(V.opciones(pregunta))
    if etiquetas:
        return str(etiquetas.get(str(valor), valor))
    if isinstance(valor, Decimal):
        return V.formato(valor)
    return str(valor)
