"""Las expresiones de XLSForm que el portal entiende: `relevant` y `constraint`.

Solo se acepta un subconjunto pequeño de XPath, el que corresponde exactamente a lo que una
condición del portal (`diagnosticos.condiciones`) y los límites de una pregunta pueden decir.
Se analiza con un tokenizador propio y nunca se evalúa nada: lo que no encaja se rechaza con un
mensaje en español. `relevant_de` y `constraint_de` son el camino inverso, en el mismo formato,
para que exportar e importar de nuevo dé lo mismo; `exportar` escribe el XLSForm completo de una
versión (ver `diagnosticos.xlsform` para la correspondencia de tipos y columnas).

relevant (→ `Pregunta.condicion`)::

    ${p1} = 'si'                      igual
    ${p1} != 'si'                     distinto
    ${p2} > 10   /   ${p2} < 10       mayor / menor
    selected(${p3}, 'a')              contiene (en opción única equivale a igual)
    (${p4} = 'a' or ${p4} = 'b')      uno de: el mismo campo, todo con or, entre paréntesis
    regla and regla and …             todas con and, o todas con or (sin mezclar)

constraint (→ `minimo` / `maximo`)::

    . >= 0     . <= 100     . >= 0 and . <= 100
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import Pregunta
from uig_portal.lib.hojas import libro_xlsx

Tipo = Pregunta.Tipo


class ErrorDeExpresion(ValueError):
    """Una expresión que el portal no puede representar; el mensaje es para personas."""


#: (tipo, expresión regular) en el orden en que se prueban.
_TOKENS = [
    ("espacio", r"\s+"),
    ("campo", r"\$\{[A-Za-z_][A-Za-z0-9_.-]*\}"),
    ("cadena", r"'[^']*'|\"[^\"]*\""),
    ("numero", r"-?\d+(?:\.\d+)?|-?\.\d+"),
    ("operador", r"!=|>=|<=|=|>|<"),
    ("abre", r"\("),
    ("cierra", r"\)"),
    ("coma", r","),
    ("punto", r"\."),
    ("palabra", r"[A-Za-z_][A-Za-z0-9_:-]*"),
]
_PATRON = re.compile("|".join(f"(?P<{nombre}>{patron})" for nombre, patron in _TOKENS))
_CONECTORES = {"and": "y", "or": "o"}
_OPERADORES = {"=": "igual", "!=": "distinto", ">": "mayor", "<": "menor"}


class _Token:
    __slots__ = ("tipo", "texto", "valor", "posicion")

    def __init__(self, tipo, texto, valor, posicion):
        self.tipo, self.texto, self.valor, self.posicion = tipo, texto, valor, posicion


def _tokenizar(expresion):
    tokens, posicion = [], 0
    while posicion < len(expresion):
        encontrado = _PATRON.match(expresion, posicion)
        if encontrado is None:
            raise ErrorDeExpresion(
                _("el carácter «%(c)s» (posición %(p)s) no se entiende.")
                % {"c": expresion[posicion], "p": posicion + 1}
            )
        tipo = encontrado.lastgroup
        texto = encontrado.group()
        if tipo != "espacio":
            valor = texto
            if tipo == "campo":
                valor = texto[2:-1]
            elif tipo == "cadena":
                valor = texto[1:-1]
            elif tipo == "palabra":
                valor = texto.lower()
            tokens.append(_Token(tipo, texto, valor, posicion + 1))
        posicion = encontrado.end()
    return tokens


class _Lector:
    """Recorre los tokens con mensajes claros cuando algo falta o sobra."""

    def __init__(self, expresion):
        self.tokens = _tokenizar(expresion)
        self.i = 0

    def ver(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def tomar(self, tipo, que):
        token = self.ver()
        if token is None:
            raise ErrorDeExpresion(
                _("la expresión termina antes de tiempo: falta %(que)s.") % {"que": que}
            )
        if token.tipo != tipo:
            raise ErrorDeExpresion(
                _("se esperaba %(que)s y dice «%(texto)s» (posición %(p)s).")
                % {"que": que, "texto": token.texto, "p": token.posicion}
            )
        self.i += 1
        return token

    def conector(self):
        token = self.ver()
        if token is not None and token.tipo == "palabra" and token.valor in _CONECTORES:
            self.i += 1
            return _CONECTORES[token.valor]
        return None

    def al_final(self):
        token = self.ver()
        if token is not None:
            raise ErrorDeExpresion(
                _("sobra «%(texto)s» (posición %(p)s); una a las reglas con and u or.")
                % {"texto": token.texto, "p": token.posicion}
            )


def _literal(lector):
    token = lector.ver()
    if token is None:
        raise ErrorDeExpresion(_("la expresión termina antes de tiempo: falta el valor."))
    if token.tipo in ("cadena", "numero"):
        lector.i += 1
        return token
    raise ErrorDeExpresion(
        _("se esperaba un valor entre comillas o un número y dice «%(texto)s» (posición %(p)s).")
        % {"texto": token.texto, "p": token.posicion}
    )


def _comparacion(lector):
    """${campo} op valor, o selected(${campo}, 'valor')."""
    token = lector.ver()
    if token is None:
        raise ErrorDeExpresion(_("la expresión termina antes de tiempo: falta una regla."))
    if token.tipo == "palabra":
        if token.valor != "selected":
            raise ErrorDeExpresion(
                _("«%(texto)s» no está soportado; use ${pregunta}, selected(…), and u or.")
                % {"texto": token.texto}
            )
        lector.i += 1
        lector.tomar("abre", "«(»")
        campo = lector.tomar("campo", _("${pregunta}")).valor
        lector.tomar("coma", "«,»")
        valor = _literal(lector)
        lector.tomar("cierra", "«)»")
        return {"pregunta": campo, "operador": "contiene", "valor": _valor(valor)}
    campo = lector.tomar("campo", _("${pregunta}")).valor
    operador = lector.ver()
    if operador is None or operador.tipo != "operador" or operador.valor not in _OPERADORES:
        texto = operador.texto if operador else ""
        raise ErrorDeExpresion(
            _("después de ${%(campo)s} va =, !=, > o < (dice «%(texto)s»).")
            % {"campo": campo, "texto": texto}
        )
    lector.i += 1
    valor = _literal(lector)
    nombre = _OPERADORES[operador.valor]
    if nombre in ("mayor", "menor") and valor.tipo != "numero":
        raise ErrorDeExpresion(
            _("con %(op)s se compara con un número, sin comillas.") % {"op": operador.valor}
        )
    return {"pregunta": campo, "operador": nombre, "valor": _valor(valor)}


def _valor(token):
    if token.tipo == "numero":
        return V.formato(Decimal(token.valor))
    return token.valor


def _uno_de(lector):
    """(${x} = 'a' or ${x} = 'b'): ya se tomó el paréntesis que abre."""
    reglas = [_comparacion(lector)]
    while (conector := lector.conector()) is not None:
        if conector != "o":
            raise ErrorDeExpresion(_("dentro de un paréntesis las opciones se unen solo con or."))
        reglas.append(_comparacion(lector))
    lector.tomar("cierra", _("«)» para cerrar el paréntesis"))
    campos = {r["pregunta"] for r in reglas}
    if len(campos) != 1 or any(r["operador"] != "igual" for r in reglas):
        raise ErrorDeExpresion(
            _(
                "entre paréntesis solo va una lista «una de»: la misma pregunta con = y or, "
                "como (${p1} = 'a' or ${p1} = 'b')."
            )
        )
    return {
        "pregunta": reglas[0]["pregunta"],
        "operador": "uno_de",
        "valor": [r["valor"] for r in reglas],
    }


def analizar_relevant(expresion):
    """La condición del portal de un `relevant`, o ErrorDeExpresion; {} si viene vacío."""
    if not (expresion or "").strip():
        return {}
    lector = _Lector(expresion)
    reglas, union = [], None
    while True:
        token = lector.ver()
        if token is not None and token.tipo == "abre":
            lector.i += 1
            reglas.append(_uno_de(lector))
        else:
            reglas.append(_comparacion(lector))
        conector = lector.conector()
        if conector is None:
            break
        if union is not None and conector != union:
            raise ErrorDeExpresion(
                _(
                    "no se pueden mezclar and y or: el portal combina todas las reglas con and "
                    "o todas con or."
                )
            )
        union = conector
    lector.al_final()
    return {"union": union or "y", "reglas": reglas}


def _cadena(valor):
    texto = str(valor)
    if "'" in texto:
        if '"' in texto:
            raise ErrorDeExpresion(_("un valor no puede llevar comillas simples y dobles."))
        return f'"{texto}"'
    return f"'{texto}'"


def relevant_de(condicion):
    """El `relevant` de una condición del portal ("" si no tiene)."""
    reglas = (condicion or {}).get("reglas") or []
    partes = []
    for regla in reglas:
        campo, operador, valor = regla["pregunta"], regla["operador"], regla.get("valor")
        if operador == "uno_de":
            lista = valor if isinstance(valor, list) else [valor]
            partes.append("(" + " or ".join(f"${{{campo}}} = {_cadena(v)}" for v in lista) + ")")
        elif operador == "contiene":
            partes.append(f"selected(${{{campo}}}, {_cadena(valor)})")
        elif operador in ("mayor", "menor"):
            simbolo = ">" if operador == "mayor" else "<"
            numero = V.numero(valor)
            partes.append(
                f"${{{campo}}} {simbolo} {V.formato(numero) if numero is not None else valor}"
            )
        else:
            simbolo = "=" if operador == "igual" else "!="
            partes.append(f"${{{campo}}} {simbolo} {_cadena(valor)}")
    union = " or " if (condicion or {}).get("union") == "o" else " and "
    return union.join(partes)


def analizar_constraint(expresion):
    """(mínimo, máximo) como Decimal o None de un `constraint`, o ErrorDeExpresion."""
    if not (expresion or "").strip():
        return None, None
    lector = _Lector(expresion)
    minimo = maximo = None
    while True:
        lector.tomar("punto", _("«.» (la respuesta)"))
        operador = lector.ver()
        if operador is None or operador.tipo != "operador" or operador.valor not in (">=", "<="):
            raise ErrorDeExpresion(
                _("solo se aceptan límites como . >= 0 y . <= 100, unidos con and.")
            )
        lector.i += 1
        token = lector.tomar("numero", _("un número"))
        try:
            numero = Decimal(token.valor)
        except InvalidOperation:
            raise ErrorDeExpresion(
                _("«%(texto)s» no es un número.") % {"texto": token.texto}
            ) from None
        if operador.valor == ">=":
            if minimo is not None:
                raise ErrorDeExpresion(_("el mínimo (. >=) aparece dos veces."))
            minimo = numero
        else:
            if maximo is not None:
                raise ErrorDeExpresion(_("el máximo (. <=) aparece dos veces."))
            maximo = numero
        conector = lector.conector()
        if conector is None:
            break
        if conector != "y":
            raise ErrorDeExpresion(_("los límites se unen con and, no con or."))
    lector.al_final()
    if minimo is not None and maximo is not None and minimo > maximo:
        raise ErrorDeExpresion(_("el mínimo es mayor que el máximo."))
    return minimo, maximo


def constraint_de(minimo, maximo):
    partes = []
    if minimo is not None:
        partes.append(f". >= {V.formato(minimo)}")
    if maximo is not None:
        partes.append(f". <= {V.formato(maximo)}")
    return " and ".join(partes)


# --- Correspondencia de tipos y exportación (el camino inverso de la importación) ---

TIPOS_SIMPLES = {
    "integer": Tipo.ENTERO,
    "decimal": Tipo.DECIMAL,
    "text": Tipo.TEXTO,
    "date": Tipo.FECHA,
    "note": Tipo.NOTA,
}
VALORES_SI_NO = [valor for valor, _etiqueta in V.SI_NO]
VALORES_ESCALA = [valor for valor, _etiqueta in V.ESCALA]
PORCENTAJE = (Decimal("0"), Decimal("100"))

ENCABEZADOS_SURVEY = [
    "type", "name", "label", "hint", "required", "relevant", "constraint",
    "uig_tipo", "uig_peso", "uig_regla", "uig_meta", "uig_evidencia",
]  # fmt: skip
ENCABEZADOS_CHOICES = ["list_name", "name", "label", "uig_puntos"]


def _si_no(valor):
    return "yes" if valor else "no"


def _tipo_xlsform(pregunta, listas):
    """(type, uig_tipo, constraint) de una pregunta; uig_tipo solo cuando hace falta."""
    tipo = pregunta.tipo
    valores = sorted(o.valor for o in pregunta.opciones.all())
    limites = (pregunta.minimo, pregunta.maximo)
    if tipo == Tipo.SI_NO:
        return f"select_one {listas.fija('si_no', V.SI_NO)}", "", ""
    if tipo == Tipo.ESCALA:
        return f"select_one {listas.fija('escala', V.ESCALA)}", "", ""
    if tipo in (Tipo.OPCION_UNICA, Tipo.OPCION_MULTIPLE):
        base = "select_one" if tipo == Tipo.OPCION_UNICA else "select_multiple"
        ambigua = tipo == Tipo.OPCION_UNICA and valores in (sorted(VALORES_SI_NO), VALORES_ESCALA)
        return f"{base} {listas.propia(pregunta)}", tipo if ambigua else "", ""
    if tipo == Tipo.PORCENTAJE:
        minimo = PORCENTAJE[0] if pregunta.minimo is None else pregunta.minimo
        maximo = PORCENTAJE[1] if pregunta.maximo is None else pregunta.maximo
        propio = "" if (minimo, maximo) == PORCENTAJE else tipo
        return "decimal", propio, constraint_de(minimo, maximo)
    base = {valor: clave for clave, valor in TIPOS_SIMPLES.items()}[tipo]
    ambigua = tipo == Tipo.DECIMAL and limites == PORCENTAJE
    restriccion = constraint_de(*limites) if tipo in V.NUMERICOS else ""
    return base, tipo if ambigua else "", restriccion


class _Listas:
    """Las listas de la hoja choices: una por pregunta de opciones y las fijas del portal."""

    def __init__(self):
        self.filas, self.usadas = [], set()

    def _nombre(self, deseado):
        nombre, n = deseado, 1
        while nombre in self.usadas:
            n += 1
            nombre = f"{deseado}_{n}"
        self.usadas.add(nombre)
        return nombre

    def fija(self, clave, opciones):
        if not hasattr(self, clave):
            nombre = self._nombre(clave)
            setattr(self, clave, nombre)
            self.filas.extend([nombre, valor, str(etiqueta), None] for valor, etiqueta in opciones)
        return getattr(self, clave)

    def propia(self, pregunta):
        nombre = self._nombre(pregunta.codigo)
        self.filas.extend([nombre, o.valor, o.etiqueta, o.puntos] for o in pregunta.opciones.all())
        return nombre


def filas_de(estructura):
    """(filas de survey, filas de choices) de una versión cargada con `Estructura`."""
    listas = _Listas()
    survey = []
    for seccion in estructura.secciones:
        survey.append(
            ["begin_group", seccion.codigo, seccion.titulo, seccion.descripcion,
             "", "", "", "", seccion.peso, "", "", ""]
        )  # fmt: skip
        for pregunta in seccion.preguntas_en_orden:
            tipo, propio, restriccion = _tipo_xlsform(pregunta, listas)
            survey.append(
                [
                    tipo,
                    pregunta.codigo,
                    pregunta.texto,
                    pregunta.ayuda,
                    _si_no(pregunta.obligatoria),
                    relevant_de(pregunta.condicion),
                    restriccion,
                    propio,
                    pregunta.peso,
                    pregunta.regla,
                    pregunta.meta,
                    _si_no(pregunta.admite_evidencia),
                ]
            )
        survey.append(["end_group", seccion.codigo, "", "", "", "", "", "", "", "", "", ""])
    return survey, listas.filas


def exportar(version):
    """Bytes del XLSForm de una versión (tres hojas: survey, choices, settings)."""
    survey, choices = filas_de(Estructura(version))
    ajustes = [
        [version.cuestionario.nombre, f"cuestionario_{version.cuestionario_id}", version.numero]
    ]
    return libro_xlsx(
        [
            ("survey", ENCABEZADOS_SURVEY, survey),
            ("choices", ENCABEZADOS_CHOICES, choices),
            ("settings", ["form_title", "form_id", "version"], ajustes),
        ]
    )
