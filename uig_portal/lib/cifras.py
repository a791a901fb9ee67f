"""Cómo se calcula y se redondea un porcentaje en todo el portal: una sola regla.

Un decimal, redondeado «al medio hacia arriba» como se hace a mano (5 de 8 = 62.5 %, 1 de 15 =
6.7 %), y no el redondeo bancario de `round()` de Python, que daría 0.2 para 0.25. Las páginas,
los PDF, los CSV y los correos llaman a esta función; `graficas.formato_porcentaje` la escribe.
"""

from decimal import ROUND_HALF_UP, Decimal

UN_DECIMAL = Decimal("0.1")
CIEN = Decimal(100)


def porcentaje_exacto(parte, total) -> Decimal | None:
    """`parte` de cada 100 de `total` como Decimal con un decimal, o None si no hay total."""
    if total is None or total <= 0:
        return None
    valor = Decimal(str(parte)) * CIEN / Decimal(str(total))
    return valor.quantize(UN_DECIMAL, rounding=ROUND_HALF_UP)


def porcentaje(parte, total) -> float:
    """`parte` de cada 100 de `total` con un decimal; 0.0 si no hay total contra qué medir."""
    exacto = porcentaje_exacto(parte, total)
    return 0.0 if exacto is None else float(exacto)


def pesos(valor) -> str:
    """«$1,234.50»: un monto en pesos como se escribe en México, con centavos; «—» si no hay
    monto. Con formato de Python y no con `floatformat`: una tabla puede tener miles."""
    if valor is None or valor == "":
        return "—"
    return f"${Decimal(str(valor)):,.2f}"
