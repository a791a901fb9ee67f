"""El generador de diagnósticos del bench, a escala diminuta (sin medir tiempos)."""

import random
from decimal import Decimal

import pytest
from django.utils import timezone

from bench.diagnostico import generar_diagnosticos, valores_plausibles
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import Pregunta, Respuesta, Valor
from tests.factories import (
    DependenciaFactory,
    OpcionFactory,
    PreguntaFactory,
    SeccionFactory,
    UsuarioFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db
Tipo = Pregunta.Tipo


@pytest.fixture
def version():
    """Una versión con todos los tipos, una pregunta condicional y una sección sin puntos."""
    version = VersionFactory()
    datos = SeccionFactory(version=version, codigo="datos", peso=0)
    PreguntaFactory(seccion=datos, codigo="mujeres", tipo=Tipo.ENTERO, peso=0, maximo=500)
    PreguntaFactory(seccion=datos, codigo="alta", tipo=Tipo.FECHA, peso=0)
    PreguntaFactory(seccion=datos, codigo="aviso", tipo=Tipo.NOTA, peso=0)
    igualdad = SeccionFactory(version=version, codigo="igualdad")
    PreguntaFactory(seccion=igualdad, codigo="protocolo")
    PreguntaFactory(
        seccion=igualdad,
        codigo="difusion",
        condicion={"reglas": [{"pregunta": "protocolo", "operador": "igual", "valor": "si"}]},
    )
    PreguntaFactory(seccion=igualdad, codigo="acuerdo", tipo=Tipo.ESCALA)
    PreguntaFactory(
        seccion=igualdad,
        codigo="paridad",
        tipo=Tipo.PORCENTAJE,
        regla=Pregunta.Regla.PARIDAD,
    )
    PreguntaFactory(
        seccion=igualdad,
        codigo="capacitadas",
        tipo=Tipo.ENTERO,
        regla=Pregunta.Regla.META,
        meta=Decimal("40"),
    )
    PreguntaFactory(seccion=igualdad, codigo="presupuesto", tipo=Tipo.DECIMAL, obligatoria=False)
    unica = PreguntaFactory(seccion=igualdad, codigo="instancia", tipo=Tipo.OPCION_UNICA)
    multiple = PreguntaFactory(seccion=igualdad, codigo="practicas", tipo=Tipo.OPCION_MULTIPLE)
    for puntos, pregunta in [(p, q) for q in (unica, multiple) for p in (0, 50, 100)]:
        OpcionFactory(pregunta=pregunta, puntos=puntos, valor=f"o{puntos}")
    PreguntaFactory(seccion=igualdad, codigo="obstaculos", tipo=Tipo.TEXTO, peso=0)
    return version


def test_genera_dos_rondas_coherentes(version):
    dependencias = [DependenciaFactory() for _ in range(40)]
    base, actual = generar_diagnosticos(
        dependencias, UsuarioFactory(), random.Random(1), version=version
    )

    assert base.apertura < actual.apertura and base.cierre < actual.apertura
    assert base.respuestas.count() == actual.respuestas.count() == 40
    assert set(base.respuestas.values_list("estado", flat=True)) == {Respuesta.Estado.ACEPTADA}
    estados = list(actual.respuestas.values_list("estado", flat=True))
    terminadas = sum(e in (Respuesta.Estado.ENVIADA, Respuesta.Estado.ACEPTADA) for e in estados)
    assert 24 <= terminadas < 40  # ~80 %, con algunas por terminar

    aceptadas = Respuesta.objects.aceptadas()
    assert aceptadas.filter(indice__isnull=True).count() == 0
    assert aceptadas.filter(aceptada_en__isnull=True).count() == 0
    for respuesta in aceptadas:
        assert set(respuesta.indices) == {"datos", "igualdad"}
        assert respuesta.indices["igualdad"] is not None
        assert respuesta.avance >= 80  # las opcionales pueden quedar en blanco
    assert not actual.respuestas.filter(estado="sin_iniciar").exclude(avance=0).exists()
    ahora = timezone.now()
    assert not Respuesta.objects.filter(enviada_en__gt=ahora).exists()
    assert not Respuesta.objects.filter(aceptada_en__gt=ahora).exists()
    assert not base.respuestas.filter(enviada_en__isnull=True).exists()
    a_tiempo = [r.a_tiempo for r in base.respuestas.select_related("aplicacion")]
    assert 0 < a_tiempo.count(False) < 20  # en la línea base algunas llegaron tarde
    assert not Valor.objects.filter(respuesta__estado="sin_iniciar").exists()


def test_valores_validos_y_solo_en_preguntas_visibles(version):
    generar_diagnosticos(
        [DependenciaFactory() for _ in range(15)],
        UsuarioFactory(),
        random.Random(2),
        version=version,
    )
    estructura = Estructura(version)
    assert not Valor.objects.filter(pregunta__tipo=Tipo.NOTA).exists()
    for respuesta in Respuesta.objects.all():
        valores = estructura.valores_de(respuesta)
        visibles = estructura.visibles(valores)
        assert set(valores) <= visibles
        if respuesta.estado in ("enviada", "aceptada"):
            assert estructura.faltantes(valores) == []
        for codigo, valor in valores.items():
            pregunta = estructura.por_codigo[codigo]
            crudo = valor if isinstance(valor, list) else str(valor)
            assert V.normalizar(pregunta, crudo) == valor


def test_en_progreso_contesta_solo_una_parte(version):
    estructura = Estructura(version)
    azar = random.Random(3)
    completas = valores_plausibles(estructura, azar, 0.5)
    parciales = valores_plausibles(estructura, azar, 0.5, parte=0.3)
    assert len(parciales) < len(completas)
    assert "mujeres" in parciales  # se contesta en orden, desde la primera sección


def test_con_el_instrumento_predeterminado():
    pytest.importorskip("diagnosticos.instrumento_predeterminado")
    base, actual = generar_diagnosticos(
        [DependenciaFactory() for _ in range(5)], UsuarioFactory(), random.Random(4)
    )
    assert base.version_id == actual.version_id
    assert Valor.objects.filter(respuesta__aplicacion=base).count() >= 5 * 30
    assert not base.respuestas.filter(indice__isnull=True).exists()
