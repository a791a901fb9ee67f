"""Línea base (primera respuesta aceptada) y comparación por sección y general.

Las funciones `cuestionario_conocido` y `contestar` las usan también las demás pruebas de
resultados: dan índices que se calculan a mano.
"""

from datetime import date
from decimal import Decimal

import pytest

from diagnosticos import resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import Cuestionario, Nivel, Pregunta, Respuesta
from tests.factories import (
    AplicacionFactory,
    DependenciaFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    ValorFactory,
    VersionFactory,
)

D = Decimal
Estado = Respuesta.Estado


def cuestionario_conocido(numero=1, cuestionario=None):
    """Versión con dos secciones de peso 1 y una de datos sin peso.

    igualdad: i1, i2 (sí/no); violencia: v1 (sí/no), v2 (texto abierto, sin puntos);
    datos: personal (entero, sin puntos).
    """
    cuestionario = cuestionario or Cuestionario.objects.create(nombre="Diagnóstico conocido")
    version = VersionFactory(cuestionario=cuestionario, numero=numero)
    igualdad = SeccionFactory(
        version=version, codigo="igualdad", titulo="Igualdad y no discriminación", orden=1
    )
    violencia = SeccionFactory(
        version=version, codigo="violencia", titulo="Vida libre de violencia", orden=2
    )
    datos = SeccionFactory(
        version=version, codigo="datos", titulo="Datos generales", orden=0, peso=D("0")
    )
    PreguntaFactory(seccion=datos, codigo="personal", orden=1, tipo=Pregunta.Tipo.ENTERO)
    PreguntaFactory(seccion=igualdad, codigo="i1", orden=1, texto="¿Hay protocolo?")
    PreguntaFactory(seccion=igualdad, codigo="i2", orden=2, texto="¿Hay lenguaje incluyente?")
    PreguntaFactory(seccion=violencia, codigo="v1", orden=1, texto="¿Hay comité de atención?")
    PreguntaFactory(
        seccion=violencia,
        codigo="v2",
        orden=2,
        tipo=Pregunta.Tipo.TEXTO,
        texto="¿Qué obstáculos encuentra?",
        obligatoria=False,
    )
    return version


def ronda(version, apertura, nombre=None):
    return AplicacionFactory(
        version=version,
        apertura=apertura,
        cierre=date(apertura.year, 12, 31),
        nombre=nombre or f"Ronda {apertura.year}",
    )


def contestar(aplicacion, dependencia, valores, estado=Estado.ACEPTADA, comentarios=None):
    """Una respuesta con sus valores {código: valor} y sus índices calculados y guardados."""
    respuesta = RespuestaFactory(aplicacion=aplicacion, dependencia=dependencia)
    estructura = Estructura(aplicacion.version)
    comentarios = comentarios or {}
    for codigo, valor in valores.items():
        ValorFactory(
            respuesta=respuesta,
            pregunta=estructura.por_codigo[codigo],
            valor=valor,
            comentario=comentarios.get(codigo, ""),
        )
    estructura.actualizar(respuesta)
    respuesta.estado = estado
    respuesta.save()
    return respuesta


#: Ronda 2025: igualdad 50, violencia 0, general 25.
PRIMERA = {"personal": "120", "i1": "si", "i2": "no", "v1": "no", "v2": "Falta presupuesto"}
#: Ronda 2026: igualdad 100, violencia 100, general 100.
SEGUNDA = {"personal": "130", "i1": "si", "i2": "si", "v1": "si", "v2": "Ya no falta"}


@pytest.fixture
def dos_rondas(dependencia, otra_dependencia):
    version = cuestionario_conocido()
    r1 = ronda(version, date(2025, 3, 1))
    r2 = ronda(version, date(2026, 3, 1))
    return {
        "r1": r1,
        "r2": r2,
        "base": contestar(r1, dependencia, PRIMERA),
        "actual": contestar(r2, dependencia, SEGUNDA, estado=Estado.ENVIADA),
        # La otra institución no estuvo en la primera ronda: no tiene base.
        "nueva": contestar(r2, otra_dependencia, PRIMERA, estado=Estado.ACEPTADA),
    }


def test_indices_guardados(dos_rondas):
    base = dos_rondas["base"]
    assert base.indice == D("25.00")
    assert base.indices == {"datos": None, "igualdad": "50.00", "violencia": "0.00"}


def test_linea_base_es_la_primera_aceptada(dos_rondas):
    assert resultados.linea_base(dos_rondas["actual"]) == dos_rondas["base"]
    # La primera ronda es su propia línea base.
    assert resultados.linea_base(dos_rondas["base"]) == dos_rondas["base"]
    # La otra institución solo respondió la segunda: ésa es su base.
    assert resultados.linea_base(dos_rondas["nueva"]) == dos_rondas["nueva"]


def test_segunda_ronda_cambio_por_seccion_y_general(dos_rondas):
    actual = dos_rondas["actual"]
    comparado = resultados.comparacion(actual, resultados.linea_base(actual))
    assert comparado.situacion == "con_base"
    # «datos» no tiene puntos: no aparece.
    filas = {f.codigo: (f.titulo, f.actual, f.base, f.cambio, f.nivel) for f in comparado.secciones}
    assert filas == {
        "igualdad": (
            "Igualdad y no discriminación",
            D("100"),
            D("50"),
            D("50.00"),
            Nivel.CONSOLIDADO,
        ),
        "violencia": ("Vida libre de violencia", D("100"), D("0"), D("100.00"), Nivel.CONSOLIDADO),
    }
    general = comparado.general
    assert (general.actual, general.base, general.cambio) == (D("100"), D("25"), D("75.00"))
    assert general.nivel == Nivel.CONSOLIDADO
    assert general.nivel_etiqueta == "Consolidado"


def test_la_base_se_compara_consigo_misma(dos_rondas):
    base = dos_rondas["base"]
    comparado = resultados.comparacion(base, resultados.linea_base(base))
    assert comparado.situacion == "es_base"
    assert comparado.general.cambio == D("0.00")
    assert comparado.general.nivel == Nivel.INICIAL


def test_sin_base(dependencia):
    version = cuestionario_conocido()
    respuesta = contestar(ronda(version, date(2026, 1, 1)), dependencia, SEGUNDA, Estado.ENVIADA)
    assert resultados.linea_base(respuesta) is None
    comparado = resultados.comparacion(respuesta, None)
    assert comparado.situacion == "sin_base"
    assert comparado.general.cambio is None
    assert comparado.general.actual == D("100")
    assert all(f.base is None and f.cambio is None for f in comparado.secciones)


def test_solo_cuentan_las_aceptadas(dependencia):
    """Una ronda anterior enviada o devuelta no es base; la primera aceptada, aunque sea
    posterior, sí."""
    version = cuestionario_conocido()
    r1, r2, r3 = (ronda(version, date(anio, 2, 1)) for anio in (2024, 2025, 2026))
    contestar(r1, dependencia, PRIMERA, Estado.DEVUELTA)
    aceptada = contestar(r2, dependencia, PRIMERA)
    tercera = contestar(r3, dependencia, SEGUNDA, Estado.ENVIADA)
    assert resultados.linea_base(tercera) == aceptada
    # Para la ronda 2024 la primera aceptada es posterior: no tiene base.
    primera = Respuesta.objects.get(aplicacion=r1)
    assert resultados.linea_base(primera) is None
    assert dependencia.pk not in resultados.lineas_base(r1)


def test_misma_fecha_desempata_por_ronda(dependencia):
    version = cuestionario_conocido()
    antes = ronda(version, date(2026, 1, 1), "A")
    despues = ronda(version, date(2026, 1, 1), "B")
    segunda = contestar(despues, dependencia, SEGUNDA)
    primera = contestar(antes, dependencia, PRIMERA)
    assert resultados.linea_base(segunda) == primera


def test_otro_cuestionario_no_es_base(dependencia):
    otro = cuestionario_conocido(cuestionario=Cuestionario.objects.create(nombre="Otro"))
    contestar(ronda(otro, date(2024, 1, 1)), dependencia, PRIMERA)
    version = cuestionario_conocido()
    respuesta = contestar(ronda(version, date(2026, 1, 1)), dependencia, SEGUNDA, Estado.ENVIADA)
    assert resultados.linea_base(respuesta) is None


def test_version_nueva_compara_por_codigo(dependencia):
    """La base de la versión 1 se compara con la versión 2 por código de sección; una
    sección nueva no tiene base."""
    v1 = cuestionario_conocido()
    base = contestar(ronda(v1, date(2025, 1, 1)), dependencia, PRIMERA)
    v2 = cuestionario_conocido(numero=2, cuestionario=v1.cuestionario)
    presupuesto = SeccionFactory(
        version=v2, codigo="presupuesto", titulo="Presupuesto con perspectiva", orden=3
    )
    PreguntaFactory(seccion=presupuesto, codigo="g1", orden=1)
    actual = contestar(ronda(v2, date(2026, 1, 1)), dependencia, {**SEGUNDA, "g1": "parcial"})
    assert resultados.linea_base(actual) == base
    comparado = resultados.comparacion(actual, base)
    nueva = comparado.seccion("presupuesto")
    assert (nueva.actual, nueva.base, nueva.cambio) == (D("50"), None, None)
    assert comparado.seccion("igualdad").cambio == D("50.00")
    # general: (100 + 100 + 50) / 3 = 83.33 contra 25.
    assert comparado.general.cambio == D("58.33")


def test_lineas_base_de_la_ronda_en_una_consulta(dos_rondas, django_assert_num_queries):
    for _ in range(5):
        contestar(dos_rondas["r1"], (dependencia := DependenciaFactory()), PRIMERA)
        contestar(dos_rondas["r2"], dependencia, SEGUNDA, Estado.ENVIADA)
    with django_assert_num_queries(1):
        bases = resultados.lineas_base(dos_rondas["r2"])
    assert len(bases) == 7  # las 6 con ronda 2025 y la nueva, que es su propia base
    indice, indices = bases[dos_rondas["base"].dependencia_id]
    assert D(indice) == D("25") and indices["igualdad"] == "50.00"
    assert D(bases[dos_rondas["nueva"].dependencia_id][0]) == D("25")
