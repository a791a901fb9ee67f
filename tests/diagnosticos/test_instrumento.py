"""El instrumento predeterminado: sembrado por la migración, válido, y con índices conocidos."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from diagnosticos import condiciones
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.instrumento_predeterminado import (
    NOMBRE,
    SECCIONES,
    asegurar_instrumento_predeterminado,
)
from diagnosticos.models import Cuestionario, Nivel, Opcion, Pregunta, Seccion, Version

pytestmark = pytest.mark.django_db

Tipo = Pregunta.Tipo
TEMATICAS = ["igualdad", "violencia", "presupuesto", "capacitacion"]


@pytest.fixture
def estructura():
    version = Version.objects.get(cuestionario__nombre=NOMBRE, numero=1)
    return Estructura(version)


def borrar_instrumento():
    """Como lo deja un flush de las pruebas de navegador: sin el instrumento sembrado."""
    Version.objects.filter(cuestionario__nombre=NOMBRE).delete()
    Cuestionario.objects.filter(nombre=NOMBRE).delete()


def mejor(pregunta):
    """La respuesta que da más puntos (o una válida si la pregunta no da puntos)."""
    if pregunta.tipo == Tipo.SI_NO:
        return "si"
    if pregunta.tipo == Tipo.ESCALA:
        return "5"
    opciones = list(pregunta.opciones.all())
    if pregunta.tipo == Tipo.OPCION_UNICA:
        return max(opciones, key=lambda o: o.puntos or Decimal(-1)).valor
    if pregunta.tipo == Tipo.OPCION_MULTIPLE:
        return [o.valor for o in opciones if o.puntos is not None]
    if pregunta.regla == Pregunta.Regla.PARIDAD:
        return "50"
    if pregunta.regla == Pregunta.Regla.DIRECTA:
        return "100"
    if pregunta.regla == Pregunta.Regla.META:
        return str(pregunta.meta)
    if pregunta.tipo in V.NUMERICOS:
        return "10"
    if pregunta.tipo == Tipo.FECHA:
        return "15/03/2021"
    return "Texto de ejemplo con lo que la institución escribiría."


def peor(pregunta):
    """La respuesta que da menos puntos; «no» o cero en lo que no se califica."""
    if pregunta.tipo == Tipo.SI_NO:
        return "no"
    if pregunta.tipo == Tipo.ESCALA:
        return "1"
    opciones = list(pregunta.opciones.all())
    if pregunta.tipo == Tipo.OPCION_UNICA:
        valores = [o.valor for o in opciones]
        if "no" in valores:
            return "no"
        return min(opciones, key=lambda o: o.puntos if o.puntos is not None else 101).valor
    if pregunta.tipo == Tipo.OPCION_MULTIPLE:
        return [o.valor for o in opciones if o.puntos is None]
    if pregunta.tipo in V.NUMERICOS:
        return "0"
    return mejor(pregunta)


def respuestas(estructura, elegir):
    """{código: valor normalizado} de todas las preguntas; falla si alguno no es válido."""
    return {p.codigo: V.normalizar(p, elegir(p)) for p in estructura.preguntas if p.responde}


def test_la_migracion_siembra_la_version_1(estructura):
    cuestionario = Cuestionario.objects.get(nombre=NOMBRE)
    assert cuestionario.versiones.count() == 1
    assert cuestionario.umbral_en_desarrollo == Decimal("40")
    assert cuestionario.umbral_consolidado == Decimal("70")
    assert [s.codigo for s in estructura.secciones] == ["datos", *TEMATICAS]
    assert estructura.seccion("datos").peso == 0
    assert all(estructura.seccion(c).peso > 0 for c in TEMATICAS)


def test_tiene_entre_40_y_60_reactivos_que_se_responden(estructura):
    por_responder = [p for p in estructura.preguntas if p.responde]
    assert 40 <= len(por_responder) <= 60
    assert len(estructura.por_codigo) == len(estructura.preguntas), "códigos repetidos"


def test_usa_todos_los_tipos(estructura):
    assert {p.tipo for p in estructura.preguntas} == set(Tipo.values)


def test_cada_objeto_pasa_las_validaciones_del_modelo(estructura):
    for seccion in estructura.secciones:
        seccion.full_clean()
        for pregunta in seccion.preguntas_en_orden:
            pregunta.full_clean()
            for opcion in pregunta.opciones.all():
                opcion.full_clean()


def test_las_condiciones_son_validas_y_solo_miran_preguntas_anteriores(estructura):
    anteriores, con_condicion = {}, 0
    for pregunta in estructura.preguntas:
        assert condiciones.errores(pregunta.condicion, anteriores) == [], pregunta.codigo
        con_condicion += bool(pregunta.condicion)
        anteriores[pregunta.codigo] = pregunta
    assert con_condicion >= 8


def test_cada_seccion_tematica_tiene_cualitativas_sin_puntos(estructura):
    for codigo in TEMATICAS:
        abiertas = [
            p for p in estructura.seccion(codigo).preguntas_en_orden if p.tipo == Tipo.TEXTO
        ]
        assert abiertas, codigo
        assert all(p.peso == 0 and not p.da_puntos for p in abiertas)
    assert not any(p.da_puntos for p in estructura.seccion("datos").preguntas_en_orden)


def test_las_preguntas_calificadas_piden_respuesta(estructura):
    calificadas = [p for p in estructura.preguntas if p.da_puntos]
    assert len(calificadas) >= 25
    assert all(p.obligatoria for p in calificadas)
    assert sum(p.tipo == Tipo.SI_NO for p in calificadas) > len(calificadas) / 2
    assert all(p.ayuda for p in calificadas)
    assert any(p.peso == 2 for p in calificadas)


def test_todo_si_da_100_en_cada_seccion_calificada(estructura):
    valores = respuestas(estructura, mejor)
    assert estructura.faltantes(valores) == []
    assert estructura.porcentaje(valores) == 100
    general, por_seccion = estructura.indices(valores)
    assert general == Decimal("100")
    assert por_seccion == {"datos": None, **{c: Decimal("100") for c in TEMATICAS}}
    # Con todo contestado que sí, todas las condicionales están a la vista.
    assert estructura.visibles(valores) == set(estructura.por_codigo)


def test_todo_no_da_0_y_esconde_las_condicionales(estructura):
    valores = respuestas(estructura, peor)
    assert estructura.faltantes(valores) == []
    general, por_seccion = estructura.indices(valores)
    assert general == Decimal("0")
    assert por_seccion == {"datos": None, **{c: Decimal("0") for c in TEMATICAS}}
    visibles = estructura.visibles(valores)
    for escondida in (
        "uig_fecha_instalacion",
        "uig_personal",
        "personas_consejeras",
        "consejeras_capacitadas",
        "quejas_sancionadas",
        "pp_monto_aprobado",
        "cultura_tasa_respuesta",
    ):
        assert escondida not in visibles
    cuestionario = Cuestionario.objects.get(nombre=NOMBRE)
    assert cuestionario.nivel(general) == Nivel.INICIAL


def test_las_condicionales_obligatorias_bloquean_solo_cuando_se_ven(estructura):
    valores = respuestas(estructura, mejor)
    del valores["quejas_sancionadas"]
    assert [f.pregunta.codigo for f in estructura.faltantes(valores)] == ["quejas_sancionadas"]
    valores["quejas_recibidas"] = "0"
    assert estructura.faltantes(valores) == []


def test_respuestas_mixtas_dan_un_indice_intermedio(estructura):
    valores = respuestas(estructura, mejor)
    valores.update({"politica_igualdad": "parcial", "comite_vigilancia": "no"})
    _general, por_seccion = estructura.indices(valores)
    assert Decimal("0") < por_seccion["igualdad"] < Decimal("100")
    assert por_seccion["violencia"] == Decimal("100")


def test_asegurar_es_idempotente():
    antes = (Cuestionario.objects.count(), Pregunta.objects.count(), Opcion.objects.count())
    cuestionario = asegurar_instrumento_predeterminado()
    assert cuestionario == Cuestionario.objects.get(nombre=NOMBRE)
    despues = (Cuestionario.objects.count(), Pregunta.objects.count(), Opcion.objects.count())
    assert despues == antes


def test_no_toca_un_cuestionario_editado():
    cuestionario = Cuestionario.objects.get(nombre=NOMBRE)
    Seccion.objects.filter(version__cuestionario=cuestionario, codigo="datos").update(
        titulo="Datos generales"
    )
    asegurar_instrumento_predeterminado()
    assert Seccion.objects.get(version__cuestionario=cuestionario, codigo="datos").titulo == (
        "Datos generales"
    )


def test_se_vuelve_a_sembrar_tras_vaciar_la_base():
    borrar_instrumento()
    cuestionario = asegurar_instrumento_predeterminado()
    version = cuestionario.versiones.get()
    total = sum(len(s["preguntas"]) for s in SECCIONES)
    assert Pregunta.objects.filter(seccion__version=version).count() == total
    corresponsabilidad = Pregunta.objects.get(seccion__version=version, codigo="corresponsabilidad")
    assert corresponsabilidad.opciones.count() == 7


def test_funciona_con_los_modelos_historicos_de_la_migracion():
    borrar_instrumento()
    estado = MigrationLoader(connection).project_state(
        ("diagnosticos", "0002_instrumento_predeterminado")
    )
    asegurar_instrumento_predeterminado(estado.apps)
    version = Version.objects.get(cuestionario__nombre=NOMBRE, numero=1)
    assert len(Estructura(version).preguntas) == sum(len(s["preguntas"]) for s in SECCIONES)
