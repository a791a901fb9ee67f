"""Los cálculos rápidos del tablero: `resultados.promedios_de_la_ronda` da las mismas cifras que
`promedios(filas_de_la_ronda(...))` en cualquier mezcla de estados, filtros y secciones sin
respuestas, y `resultados.lineas_base` con `dependencia_ids` da, para unas cuantas
instituciones, las mismas bases que sin ellos."""

import random
from datetime import date
from decimal import Decimal

import pytest

from diagnosticos import resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import Cuestionario, Respuesta
from tests.diagnosticos.test_linea_base import (
    PRIMERA,
    SEGUNDA,
    contestar,
    cuestionario_conocido,
    ronda,
)
from tests.factories import DependenciaFactory, RespuestaFactory, SeccionFactory
from unidades.models import Dependencia

pytestmark = pytest.mark.django_db

D = Decimal
Estado = Respuesta.Estado
Tipo = Dependencia.Tipo
#: igualdad 75, violencia 50, general 62.5
INTERMEDIA = {"i1": "si", "i2": "parcial", "v1": "parcial", "v2": "Poca capacitación"}


def institucion(nombre, sector, tipo=Tipo.CENTRALIZADA):
    return DependenciaFactory(nombre=nombre, siglas=nombre.split()[-1], sector=sector, tipo=tipo)


def lento(aplicacion, **filtros):
    """El cálculo de referencia, el que usa el consolidado."""
    return resultados.promedios(
        resultados.filas_de_la_ronda(aplicacion, **filtros), Estructura(aplicacion.version)
    )


def cifras(promedios):
    general, secciones = promedios
    return (general.promedio, general.n), [(p.codigo, p.titulo, p.promedio, p.n) for p in secciones]


@pytest.fixture
def ronda_conocida():
    """Seis instituciones en todos los estados; solo A, B y C están aceptadas.

    La versión tiene además una sección «presupuesto» que ninguna respuesta aceptada tiene.
    """
    version = cuestionario_conocido()
    SeccionFactory(version=version, codigo="presupuesto", titulo="Presupuesto", orden=3)
    aplicacion = ronda(version, date(2026, 3, 1), "Ronda 2026")
    a = institucion("Instituto A", "Salud")
    b = institucion("Instituto B", "Salud", Tipo.DESCENTRALIZADA)
    c = institucion("Instituto C", "Educación")
    d = institucion("Instituto D", "Educación")
    e = institucion("Instituto E", "Educación", Tipo.DESCONCENTRADA)
    f = institucion("Instituto F", "Cultura")
    # A respondió una ronda anterior: su línea base no cambia los promedios de ésta.
    contestar(ronda(version, date(2025, 3, 1)), a, PRIMERA)
    contestar(aplicacion, a, SEGUNDA)  # 100 / 100 / 100
    contestar(aplicacion, b, PRIMERA)  # 50 / 0 / 25
    contestar(aplicacion, c, INTERMEDIA)  # 75 / 50 / 62.5
    contestar(aplicacion, d, SEGUNDA, Estado.ENVIADA)  # enviada: no cuenta
    contestar(aplicacion, e, INTERMEDIA, Estado.DEVUELTA)  # devuelta: no cuenta
    RespuestaFactory(aplicacion=aplicacion, dependencia=f)  # sin iniciar
    return aplicacion


def test_cifras_conocidas(ronda_conocida):
    general, secciones = resultados.promedios_de_la_ronda(ronda_conocida)
    assert (general.codigo, general.titulo, general.promedio, general.n) == (
        "",
        "Índice general",
        D("62.50"),
        3,
    )
    # «datos» no da puntos y «presupuesto» no tiene respuestas: no aparecen.
    assert [(p.codigo, p.titulo, p.promedio, p.n) for p in secciones] == [
        ("igualdad", "Igualdad y no discriminación", D("75.00"), 3),
        ("violencia", "Vida libre de violencia", D("50.00"), 3),
    ]
    assert cifras((general, secciones)) == cifras(lento(ronda_conocida))


@pytest.mark.parametrize(
    ("filtros", "general", "igualdad", "violencia"),
    [
        ({"sector": "Salud"}, (D("62.50"), 2), (D("75.00"), 2), (D("50.00"), 2)),
        ({"sector": "Educación"}, (D("62.50"), 1), (D("75.00"), 1), (D("50.00"), 1)),
        ({"tipo": Tipo.DESCENTRALIZADA}, (D("25.00"), 1), (D("50.00"), 1), (D("0.00"), 1)),
        (
            {"sector": "Salud", "tipo": Tipo.CENTRALIZADA},
            (D("100.00"), 1),
            (D("100.00"), 1),
            (D("100.00"), 1),
        ),
    ],
)
def test_con_filtros(ronda_conocida, filtros, general, igualdad, violencia):
    obtenido = resultados.promedios_de_la_ronda(ronda_conocida, **filtros)
    assert cifras(obtenido) == (
        general,
        [
            ("igualdad", "Igualdad y no discriminación", *igualdad),
            ("violencia", "Vida libre de violencia", *violencia),
        ],
    )
    assert cifras(obtenido) == cifras(lento(ronda_conocida, **filtros))


@pytest.mark.parametrize("filtros", [{"sector": "Cultura"}, {"sector": "No existe"}])
def test_sin_aceptadas(ronda_conocida, filtros):
    general, secciones = resultados.promedios_de_la_ronda(ronda_conocida, **filtros)
    assert (general.promedio, general.n, secciones) == (None, 0, [])
    assert cifras((general, secciones)) == cifras(lento(ronda_conocida, **filtros))


def test_ronda_sin_respuestas():
    aplicacion = ronda(cuestionario_conocido(), date(2026, 3, 1))
    general, secciones = resultados.promedios_de_la_ronda(aplicacion)
    assert (general.promedio, general.n, secciones) == (None, 0, [])


def test_indices_guardados_como_numero_cadena_o_vacios():
    """Los índices por sección pueden estar como número, como cadena o vacíos; un índice que
    no es de ninguna sección de la versión no aparece."""
    version = cuestionario_conocido()
    aplicacion = ronda(version, date(2026, 3, 1))
    guardados = [
        (D("10.5"), {"igualdad": 20, "violencia": "30.25", "vieja": "90"}),
        (D("20"), {"igualdad": "40.5", "violencia": ""}),
        (None, {"igualdad": None}),
        (D("33.33"), {}),
    ]
    for indice, indices in guardados:
        RespuestaFactory(
            aplicacion=aplicacion, estado=Estado.ACEPTADA, indice=indice, indices=indices
        )
    general, secciones = resultados.promedios_de_la_ronda(aplicacion)
    # (10.5 + 20 + 33.33) / 3 = 21.2766… → 21.28; (20 + 40.5) / 2 = 30.25
    assert (general.promedio, general.n) == (D("21.28"), 3)
    assert [(p.codigo, p.promedio, p.n) for p in secciones] == [
        ("igualdad", D("30.25"), 2),
        ("violencia", D("30.25"), 1),
    ]
    assert cifras((general, secciones)) == cifras(lento(aplicacion))


def test_datos_variados_dan_lo_mismo_que_el_calculo_completo():
    """Cien respuestas al azar (semilla fija) en todos los estados, sectores y tipos."""
    azar = random.Random(20261121)
    version = cuestionario_conocido()
    SeccionFactory(version=version, codigo="presupuesto", titulo="Presupuesto", orden=3)
    anterior = ronda(version, date(2025, 3, 1))
    aplicacion = ronda(version, date(2026, 3, 1))
    otro = Cuestionario.objects.create(nombre="Otro cuestionario")
    otra = ronda(cuestionario_conocido(cuestionario=otro), date(2026, 3, 1))
    sectores = ["Salud", "Educación", "Cultura"]
    for _ in range(100):
        d = DependenciaFactory(sector=azar.choice(sectores), tipo=azar.choice(Tipo.values))
        if azar.random() < 0.3:
            RespuestaFactory(
                aplicacion=anterior, dependencia=d, estado=Estado.ACEPTADA, indice=D("1")
            )
        indices = {
            codigo: str(D(azar.randint(0, 10000)) / 100)
            for codigo in ("igualdad", "violencia", "presupuesto")
            if azar.random() < 0.7
        }
        RespuestaFactory(
            aplicacion=aplicacion,
            dependencia=d,
            estado=azar.choice(Estado.values),
            indice=D(azar.randint(0, 10000)) / 100 if azar.random() < 0.9 else None,
            indices=indices,
        )
        RespuestaFactory(aplicacion=otra, dependencia=d, estado=Estado.ACEPTADA, indice=D("99"))
    combinaciones = [{}] + [{"sector": s} for s in sectores] + [{"tipo": t} for t in Tipo.values]
    combinaciones.append({"sector": "Salud", "tipo": Tipo.DESCONCENTRADA})
    for filtros in combinaciones:
        rapido = resultados.promedios_de_la_ronda(aplicacion, **filtros)
        assert cifras(rapido) == cifras(lento(aplicacion, **filtros)), filtros
    general, secciones = resultados.promedios_de_la_ronda(aplicacion)
    assert general.n > 0 and {p.codigo for p in secciones} == {
        "igualdad",
        "violencia",
        "presupuesto",
    }


def test_consultas_fijas(ronda_conocida, django_assert_num_queries):
    estructura = Estructura(ronda_conocida.version)
    with django_assert_num_queries(2):  # secciones y respuestas aceptadas
        sin = resultados.promedios_de_la_ronda(ronda_conocida)
    with django_assert_num_queries(1):  # con la estructura ya cargada
        con = resultados.promedios_de_la_ronda(ronda_conocida, estructura=estructura)
    assert cifras(sin) == cifras(con)
    for i in range(20):
        contestar(ronda_conocida, institucion(f"Instituto Extra{i}", "Salud"), SEGUNDA)
    with django_assert_num_queries(2):
        general, _secciones = resultados.promedios_de_la_ronda(ronda_conocida, sector="Salud")
    assert general.n == 22


# --- Líneas base de unas cuantas instituciones -----------------------------------------------


def test_lineas_base_de_unas_instituciones():
    """Base anterior, ronda que es su propia base, primera aceptada posterior (sin base), sin
    aceptadas, otra institución fuera de la lista y una que no está en la ronda."""
    version = cuestionario_conocido()
    r2025 = ronda(version, date(2025, 3, 1))
    r2026 = ronda(version, date(2026, 3, 1))
    r2027 = ronda(version, date(2027, 3, 1))
    con_base = institucion("Instituto Base", "Salud")
    propia = institucion("Instituto Propia", "Salud")
    posterior = institucion("Instituto Posterior", "Salud")
    sin_aceptada = institucion("Instituto Enviada", "Salud")
    fuera = institucion("Instituto Fuera", "Salud")
    ausente = institucion("Instituto Ausente", "Salud")
    contestar(r2025, con_base, PRIMERA)  # 25
    contestar(r2026, con_base, SEGUNDA)
    contestar(r2026, propia, SEGUNDA)  # 100
    contestar(r2026, posterior, PRIMERA, Estado.ENVIADA)
    contestar(r2027, posterior, SEGUNDA)
    contestar(r2026, sin_aceptada, SEGUNDA, Estado.ENVIADA)
    contestar(r2025, fuera, PRIMERA)
    contestar(r2026, fuera, SEGUNDA)
    contestar(r2025, ausente, PRIMERA)  # no respondió la ronda 2026
    ids = [con_base.pk, propia.pk, posterior.pk, sin_aceptada.pk, ausente.pk]

    bases = resultados.lineas_base(r2026, ids)
    assert set(bases) == {con_base.pk, propia.pk}
    assert D(bases[con_base.pk][0]) == D("25") and bases[con_base.pk][1]["igualdad"] == "50.00"
    assert D(bases[propia.pk][0]) == D("100")
    todas = resultados.lineas_base(r2026)
    assert bases == {k: v for k, v in todas.items() if k in ids}
    assert resultados.lineas_base(r2026, [fuera.pk]) == {fuera.pk: todas[fuera.pk]}
    assert resultados.lineas_base(r2026, []) == {}
    # En la ronda 2027, la primera aceptada de «posterior» (2027) es su propia base.
    assert resultados.lineas_base(r2027, ids) == {
        k: v for k, v in resultados.lineas_base(r2027).items() if k in ids
    }


def test_lineas_base_de_en_una_consulta(ronda_conocida, django_assert_num_queries):
    ids = list(
        Respuesta.objects.filter(aplicacion=ronda_conocida).values_list("dependencia_id", flat=True)
    )
    with django_assert_num_queries(1):
        bases = resultados.lineas_base(ronda_conocida, ids)
    assert bases == resultados.lineas_base(ronda_conocida)
    # A tiene base en 2025 (25); B y C son su propia base.
    indices = sorted(D(indice) for indice, _por_seccion in bases.values())
    assert indices == [D("25"), D("25"), D("62.5")]
