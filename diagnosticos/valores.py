"""Lo que una persona escribe en una pregunta, revisado y normalizado según el tipo.

`normalizar` convierte lo que llega del formulario en el valor que se guarda en `Valor.valor`
(o lanza un ValidationError con el mensaje en español que se muestra junto a la pregunta);
`mostrar` lo convierte de vuelta en el texto que lee una persona (páginas, PDF y XLSX).
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos.models import Pregunta

Tipo = Pregunta.Tipo

SI_NO = [
    ("si", gettext_lazy("Sí")),
    ("parcial", gettext_lazy("Parcialmente")),
    ("no", gettext_lazy("No")),
    ("na", gettext_lazy("No aplica")),
]
ESCALA = [
    ("1", gettext_lazy("Totalmente en desacuerdo")),
    ("2", gettext_lazy("En desacuerdo")),
    ("3", gettext_lazy("Ni de acuerdo ni en desacuerdo")),
    ("4", gettext_lazy("De acuerdo")),
    ("5", gettext_lazy("Totalmente de acuerdo")),
]
NUMERICOS = (Tipo.ENTERO, Tipo.DECIMAL, Tipo.PORCENTAJE)
LARGO_MAXIMO_TEXTO = 5000
#: Los números caben en el campo de la base de las metas y los umbrales.
NUMERO_MAXIMO = Decimal("999999999999")
#: Un número con comas de miles bien puestas: 1,200 o 12,345,678.90.
MILES = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")


def opciones(pregunta):
    """[(valor, etiqueta)] de una pregunta que se contesta eligiendo; [] si no."""
    if pregunta.tipo == Tipo.SI_NO:
        return SI_NO
    if pregunta.tipo == Tipo.ESCALA:
        return ESCALA
    if pregunta.tiene_opciones:
        # .all() para aprovechar prefetch_related("opciones").
        return [(opcion.valor, opcion.etiqueta) for opcion in pregunta.opciones.all()]
    return []


def vacio(valor):
    return valor in (None, "", [])


def normalizar(pregunta, crudo):
    """El valor a guardar para `crudo` (texto o lista de textos); None si viene vacío."""
    if pregunta.tipo == Tipo.NOTA:
        return None
    if isinstance(crudo, (list, tuple)):
        elegidos = [str(v).strip() for v in crudo if str(v).strip()]
        if pregunta.tipo != Tipo.OPCION_MULTIPLE:
            crudo = elegidos[-1] if elegidos else ""
        else:
            return _multiple(pregunta, elegidos)
    texto = "" if crudo is None else str(crudo).strip()
    if not texto:
        return None
    if pregunta.tipo == Tipo.OPCION_MULTIPLE:
        return _multiple(pregunta, [texto])
    if pregunta.tipo in (Tipo.SI_NO, Tipo.ESCALA, Tipo.OPCION_UNICA):
        validos = [valor for valor, _etiqueta in opciones(pregunta)]
        if texto not in validos:
            raise ValidationError(_("Elija una de las opciones de la lista."), code="opcion")
        return texto
    if pregunta.tipo in NUMERICOS:
        return _numero(pregunta, texto)
    if pregunta.tipo == Tipo.FECHA:
        return _fecha(texto).isoformat()
    if len(texto) > LARGO_MAXIMO_TEXTO:
        raise ValidationError(
            _("La respuesta tiene %(largo)s caracteres; el máximo es %(maximo)s.")
            % {"largo": len(texto), "maximo": LARGO_MAXIMO_TEXTO},
            code="largo",
        )
    return texto


def _multiple(pregunta, elegidos):
    validos = [valor for valor, _etiqueta in opciones(pregunta)]
    desconocidos = [v for v in elegidos if v not in validos]
    if desconocidos:
        raise ValidationError(_("Elija solo opciones de la lista."), code="opcion")
    # En el orden de la lista y sin repetidos, para que la misma selección se guarde igual.
    return [v for v in validos if v in elegidos] or None


def _numero(pregunta, texto):
    limpio = texto.replace(" ", "").replace("\u00a0", "")
    if pregunta.tipo == Tipo.PORCENTAJE:
        limpio = limpio.removesuffix("%")
    if MILES.fullmatch(limpio):
        limpio = limpio.replace(",", "")  # «1,200»: en México la coma separa los miles
    elif "," in limpio and "." not in limpio and limpio.count(",") == 1:
        limpio = limpio.replace(",", ".")  # coma decimal, como se escribe a mano
    try:
        numero = Decimal(limpio)
    except InvalidOperation:
        numero = None
    if numero is None or not numero.is_finite():
        if pregunta.tipo == Tipo.ENTERO:
            mensaje = _("Escriba un número entero, solo con dígitos (por ejemplo 25).")
        else:
            mensaje = _("Escriba un número, solo con dígitos y punto decimal (por ejemplo 12.5).")
        raise ValidationError(mensaje, code="numero")
    if pregunta.tipo == Tipo.ENTERO and numero != numero.to_integral_value():
        raise ValidationError(_("Escriba un número entero, sin decimales."), code="entero")
    if pregunta.tipo == Tipo.PORCENTAJE and not (0 <= numero <= 100):
        raise ValidationError(_("El porcentaje debe estar entre 0 y 100."), code="porcentaje")
    minimo = pregunta.minimo if pregunta.minimo is not None else Decimal("0")
    if numero < minimo:
        raise ValidationError(
            _("El valor no puede ser menor que %(minimo)s.") % {"minimo": formato(minimo)},
            code="minimo",
        )
    maximo = pregunta.maximo if pregunta.maximo is not None else NUMERO_MAXIMO
    if numero > maximo:
        raise ValidationError(
            _("El valor no puede ser mayor que %(maximo)s.") % {"maximo": formato(maximo)},
            code="maximo",
        )
    if pregunta.tipo == Tipo.ENTERO:
        return str(int(numero))
    return formato(numero)


def _fecha(texto):
    for patron in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            fecha = datetime.strptime(texto, patron).date()
        except ValueError:
            continue
        if not (date(1900, 1, 1) <= fecha <= date(2100, 12, 31)):
            break
        return fecha
    raise ValidationError(
        _("Escriba una fecha válida como día/mes/año (por ejemplo 15/03/2026)."), code="fecha"
    )


def formato(numero):
    """Un Decimal como lo escribe una persona: 40 y no 4E+1 ni 40.00."""
    return format(Decimal(numero).normalize(), "f")


def numero(valor):
    """El Decimal de un valor guardado, o None si no es un número."""
    if vacio(valor) or isinstance(valor, list):
        return None
    try:
        return Decimal(str(valor))
    except InvalidOperation:
        return None


def mostrar(pregunta, valor):
    """El texto con que se muestra un valor guardado; "" si no hay respuesta."""
    if vacio(valor):
        return ""
    etiquetas = dict(opciones(pregunta))
    if isinstance(valor, list):
        return "; ".join(str(etiquetas.get(v, v)) for v in valor)
    if etiquetas:
        return str(etiquetas.get(valor, valor))
    if pregunta.tipo == Tipo.PORCENTAJE:
        return f"{valor} %"
    if pregunta.tipo == Tipo.FECHA:
        try:
            return date_format(date.fromisoformat(valor), "d/m/Y")
        except ValueError:
            return str(valor)
    return str(valor)
