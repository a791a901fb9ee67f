"""El dominio del diseño: copiar una versión, revisarla y saber si todavía se puede editar."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from diagnosticos import diseno
from diagnosticos.estructura import Estructura
from diagnosticos.models import Opcion, Pregunta, Version
from tests.factories import (
    AplicacionFactory,
    OpcionFactory,
    PreguntaFactory,
    SeccionFactory,
    VersionFactory,
)

Tipo = Pregunta.Tipo
pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    """Dos secciones; una pregunta condicional, una de opción con puntos, una con meta."""
    version = VersionFactory(notas="Primera")
    datos = SeccionFactory(
        version=version, codigo="datos", titulo="Datos", orden=1, peso=Decimal("0")
    )
    igualdad = SeccionFactory(
        version=version, codigo="igualdad", titulo="Igualdad", orden=2, peso=Decimal("2")
    )
    PreguntaFactory(seccion=datos, codigo="tiene_uig", orden=1)
    PreguntaFactory(
        seccion=igualdad,
        codigo="personal",
        orden=1,
        tipo=Tipo.ENTERO,
        regla="meta",
        meta=Decimal("10"),
        minimo=Decimal("0"),
        maximo=Decimal("500"),
        admite_evidencia=True,
        condicion={
            "union": "y",
            "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}],
        },
    )
    opcion = PreguntaFactory(
        seccion=igualdad,
        codigo="protocolo",
        orden=2,
        tipo=Tipo.OPCION_UNICA,
        peso=Decimal("3"),
        obligatoria=False,
    )
    OpcionFactory(
        pregunta=opcion, valor="vigente", etiqueta="Vigente", puntos=Decimal("100"), orden=1
    )
    OpcionFactory(pregunta=opcion, valor="no_hay", etiqueta="No hay", puntos=Decimal("0"), orden=2)
    return version


def _foto(version):
    """Todo lo que define una versión, comparable entre versiones (sin pk ni FK)."""
    estructura = Estructura(version)
    return [
        (
            s.codigo, s.titulo, s.descripcion, s.peso, s.orden,
            [
                (
                    p.codigo, p.texto, p.ayuda, p.tipo, p.obligatoria, p.condicion, p.minimo,
                    p.maximo, p.peso, p.regla, p.meta, p.admite_evidencia, p.orden,
                    [(o.valor, o.etiqueta, o.puntos, o.orden) for o in p.opciones.all()],
                )
                for p in s.preguntas_en_orden
            ],
        )
        for s in estructura.secciones
    ]  # fmt: skip


class TestCopiarVersion:
    def test_copia_todo_en_la_version_siguiente(self, version):
        nueva = diseno.copiar_version(version, notas="Se agregó el módulo de presupuesto")

        assert nueva.cuestionario_id == version.cuestionario_id
        assert nueva.numero == 2
        assert nueva.notas == "Se agregó el módulo de presupuesto"
        assert _foto(nueva) == _foto(version)
        # Son copias: objetos distintos de los de la versión original.
        assert not set(
            Pregunta.objects.filter(seccion__version=nueva).values_list("pk", flat=True)
        ) & set(Pregunta.objects.filter(seccion__version=version).values_list("pk", flat=True))
        assert Opcion.objects.filter(pregunta__seccion__version=nueva).count() == 2

    def test_el_numero_es_el_siguiente_al_mayor_del_cuestionario(self, version):
        diseno.copiar_version(version)
        diseno.copiar_version(version)
        cuarta = diseno.copiar_version(version)
        assert cuarta.numero == 4
        assert list(
            version.cuestionario.versiones.order_by("numero").values_list("numero", flat=True)
        ) == [1, 2, 3, 4]

    def test_copiar_una_version_vacia(self):
        vacia = VersionFactory()
        nueva = diseno.copiar_version(vacia)
        assert nueva.numero == 2
        assert not nueva.secciones.exists()

    def test_la_copia_de_una_version_en_uso_es_editable(self, version):
        AplicacionFactory(version=version)
        nueva = diseno.copiar_version(version)
        assert not diseno.version_editable(version)
        assert diseno.version_editable(nueva)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite no bloquea filas")
def test_dos_copias_a_la_vez_no_repiten_numero():
    version = VersionFactory()
    errores = []

    def copiar():
        try:
            diseno.copiar_version(Version.objects.get(pk=version.pk))
        except Exception as error:  # noqa: BLE001 - se informa en la aserción
            errores.append(error)
        finally:
            connection.close()

    hilos = [threading.Thread(target=copiar) for _ in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    assert errores == []
    assert sorted(version.cuestionario.versiones.values_list("numero", flat=True)) == [1, 2, 3]


class TestEditable:
    def test_sin_rondas_es_editable(self, version):
        assert diseno.version_editable(version)
        diseno.exigir_editable(version)  # no lanza

    def test_en_uso_lanza_una_excepcion_clara(self, version):
        AplicacionFactory(version=version)
        with pytest.raises(diseno.VersionEnUso) as error:
            diseno.exigir_editable(version)
        assert "cree una versión nueva" in error.value.mensaje
        with pytest.raises(diseno.VersionEnUso):
            diseno.bloquear_version(version.pk)


class TestValidarVersion:
    def test_version_correcta_no_tiene_errores(self, version):
        assert diseno.validar_version(version) == []

    def test_version_vacia(self):
        assert diseno.validar_version(VersionFactory()) == [
            "La versión todavía no tiene preguntas."
        ]

    def test_codigo_repetido_en_otra_seccion(self, version):
        otra = SeccionFactory(version=version, codigo="extra", titulo="Extra", orden=3)
        PreguntaFactory(seccion=otra, codigo="tiene_uig")
        errores = diseno.validar_version(version)
        assert len(errores) == 1
        assert "«tiene_uig» se repite en las secciones «Datos» y «Extra»" in errores[0]

    def test_condicion_sobre_pregunta_posterior(self, version):
        pregunta = Pregunta.objects.get(codigo="tiene_uig", seccion__version=version)
        pregunta.condicion = {
            "union": "y",
            "reglas": [{"pregunta": "protocolo", "operador": "igual", "valor": "vigente"}],
        }
        pregunta.save()
        errores = diseno.validar_version(version)
        assert errores == [
            "Pregunta «tiene_uig»: La regla 1 usa «protocolo», que no es una pregunta anterior."
        ]

    def test_condicion_con_valor_que_no_existe(self, version):
        Pregunta.objects.filter(codigo="personal").update(
            condicion={
                "union": "y",
                "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "quizas"}],
            }
        )
        errores = diseno.validar_version(version)
        assert len(errores) == 1
        assert "valores que «tiene_uig» no tiene: quizas" in errores[0]

    def test_opcion_sin_opciones(self, version):
        PreguntaFactory(
            seccion=version.secciones.get(codigo="igualdad"),
            codigo="practicas",
            tipo=Tipo.OPCION_MULTIPLE,
            orden=9,
        )
        errores = diseno.validar_version(version)
        assert errores == ["Pregunta «practicas»: es de opción y no tiene opciones para elegir."]

    def test_regla_meta_sin_meta_y_regla_en_tipo_no_numerico_y_minimo_mayor(self, version):
        Pregunta.objects.filter(codigo="personal").update(
            meta=None, minimo=Decimal("10"), maximo=Decimal("5")
        )
        Pregunta.objects.filter(codigo="tiene_uig").update(regla="directa")
        errores = diseno.validar_version(version)
        assert errores == [
            "Pregunta «tiene_uig»: la regla de puntos «El porcentaje son los puntos» solo aplica "
            "a preguntas numéricas.",
            "Pregunta «personal»: la regla «meta» necesita una meta mayor que cero.",
            "Pregunta «personal»: el valor mínimo es mayor que el máximo.",
        ]

    def test_usa_la_estructura_dada_sin_consultas(self, version, django_assert_num_queries):
        estructura = Estructura(version)
        with django_assert_num_queries(0):
            diseno.validar_version(version, estructura)


class TestMover:
    def test_subir_y_bajar_renumerando(self, version):
        igualdad = version.secciones.get(codigo="igualdad")
        nueva = PreguntaFactory(seccion=igualdad, codigo="ultima", orden=2)  # orden repetido
        preguntas = list(diseno.preguntas_de(igualdad))
        assert diseno.mover(nueva, diseno.preguntas_de(igualdad), "arriba")
        codigos = list(diseno.preguntas_de(igualdad).values_list("codigo", flat=True))
        esperado = [p.codigo for p in preguntas]
        posicion = esperado.index("ultima")
        esperado[posicion - 1], esperado[posicion] = esperado[posicion], esperado[posicion - 1]
        assert codigos == esperado

    def test_el_primero_no_sube(self, version):
        primera = diseno.secciones_de(version).first()
        assert not diseno.mover(primera, diseno.secciones_de(version), "arriba")
        assert not diseno.mover(primera, diseno.secciones_de(version), "a_un_lado")


def test_anteriores_y_dependientes(version):
    estructura = Estructura(version)
    protocolo = estructura.por_codigo["protocolo"]
    assert list(diseno.anteriores_a(estructura, pregunta=protocolo)) == ["tiene_uig", "personal"]
    datos = estructura.seccion("datos")
    assert list(diseno.anteriores_a(estructura, seccion=datos)) == ["tiene_uig"]
    assert [p.codigo for p in diseno.dependientes(estructura, "tiene_uig")] == ["personal"]
