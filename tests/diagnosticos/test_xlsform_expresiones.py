"""El analizador de relevant y constraint: lo que acepta, lo que rechaza y el camino inverso."""

from decimal import Decimal

import pytest

from diagnosticos.xlsform_expresiones import (
    ErrorDeExpresion,
    analizar_constraint,
    analizar_relevant,
    constraint_de,
    relevant_de,
)


@pytest.mark.parametrize(
    "expresion,condicion",
    [
        ("", {}),
        ("${a} = 'si'", {"union": "y", "reglas": [{"pregunta": "a", "operador": "igual", "valor": "si"}]}),
        ('${a}!="no"', {"union": "y", "reglas": [{"pregunta": "a", "operador": "distinto", "valor": "no"}]}),
        ("${n} > -2.5", {"union": "y", "reglas": [{"pregunta": "n", "operador": "mayor", "valor": "-2.5"}]}),
        ("${n} < 10.0", {"union": "y", "reglas": [{"pregunta": "n", "operador": "menor", "valor": "10"}]}),
        ("selected( ${m} , 'x' )", {"union": "y", "reglas": [{"pregunta": "m", "operador": "contiene", "valor": "x"}]}),
        ("(${a} = 'x' or ${a} = 'y') AND ${b} = 'z'", {"union": "y", "reglas": [
            {"pregunta": "a", "operador": "uno_de", "valor": ["x", "y"]},
            {"pregunta": "b", "operador": "igual", "valor": "z"}]}),
        ("${a} = 'x' or ${b} = 'y' or ${c} = 'z'", {"union": "o", "reglas": [
            {"pregunta": "a", "operador": "igual", "valor": "x"},
            {"pregunta": "b", "operador": "igual", "valor": "y"},
            {"pregunta": "c", "operador": "igual", "valor": "z"}]}),
        ("(${a} = 'x')", {"union": "y", "reglas": [{"pregunta": "a", "operador": "uno_de", "valor": ["x"]}]}),
    ],
)  # fmt: skip
def test_relevant_validos(expresion, condicion):
    assert analizar_relevant(expresion) == condicion
    if condicion:
        # El camino inverso vuelve a dar la misma condición.
        assert analizar_relevant(relevant_de(condicion)) == condicion


@pytest.mark.parametrize(
    "expresion,mensaje",
    [
        ("${p1} = ", "termina antes de tiempo"),
        ("eval('x')", "«eval» no está soportado"),
        ("__import__('os')", "no está soportado"),
        ("(${a} = 'x' or ${a} = 'y'", "termina antes de tiempo"),
        ("${a} = 'x')", "sobra «)»"),
        ("${a} = 'x' and ${b} = 'y' or ${c} = 'z'", "no se pueden mezclar"),
        ("(${a} = 'x' or ${b} = 'y')", "la misma pregunta"),
        ("(${a} = 'x' and ${a} = 'y')", "solo con or"),
        ("(${a} > 1 or ${a} > 2)", "la misma pregunta"),
        ("${a} > 'x'", "se compara con un número"),
        ("${a} = 'x' ${b} = 'y'", "sobra"),
        ("${a} >= 3", "va =, !=, > o <"),
        ("${a} = 'x' and", "termina antes de tiempo"),
        ("not(${a} = 'x')", "«not» no está soportado"),
        ("${a} = 'sin cerrar", "no se entiende"),
        ("count-selected(${a}) > 1", "no está soportado"),
        ("${a} = ${b}", "se esperaba un valor"),
        (". = 'x'", "«.»"),
    ],
)
def test_relevant_invalidos(expresion, mensaje):
    with pytest.raises(ErrorDeExpresion) as error:
        analizar_relevant(expresion)
    assert mensaje in str(error.value)


@pytest.mark.parametrize(
    "expresion,limites",
    [
        ("", (None, None)),
        (". >= 0", (Decimal("0"), None)),
        (".<=100", (None, Decimal("100"))),
        (". >= -5 and . <= 2.5", (Decimal("-5"), Decimal("2.5"))),
        (". <= 10 AND . >= 1", (Decimal("1"), Decimal("10"))),
    ],
)
def test_constraint_validos(expresion, limites):
    assert analizar_constraint(expresion) == limites
    if any(v is not None for v in limites):
        assert analizar_constraint(constraint_de(*limites)) == limites


@pytest.mark.parametrize(
    "expresion,mensaje",
    [
        (". > 0", "solo se aceptan límites"),
        (". >= 0 or . <= 5", "se unen con and"),
        (". >= 0 and . >= 1", "aparece dos veces"),
        (". >= 10 and . <= 1", "mayor que el máximo"),
        ("string-length(.) < 10", "«.»"),
        (". >= 'x'", "un número"),
        (". >= 1 . <= 2", "sobra"),
    ],
)
def test_constraint_invalidos(expresion, mensaje):
    with pytest.raises(ErrorDeExpresion) as error:
        analizar_constraint(expresion)
    assert mensaje in str(error.value)


def test_relevant_de_usa_comillas_dobles_si_el_valor_tiene_apostrofo():
    condicion = {"union": "y", "reglas": [{"pregunta": "t", "operador": "igual", "valor": "l'x"}]}
    assert relevant_de(condicion) == '${t} = "l\'x"'
    assert analizar_relevant(relevant_de(condicion)) == condicion
