"""Las respuestas de una versión vieja sobreviven a una edición del cuestionario.

Una versión que ya usa una ronda no cambia: editarla se niega, y los cambios se hacen en la
versión siguiente. Las respuestas guardadas, la estructura con la que se contestaron y los
índices de la versión vieja siguen exactamente iguales.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from diagnosticos.estructura import Estructura
from diagnosticos.models import Pregunta, Valor, Version
from tests.diagnosticos.test_diseno_dominio import _foto
from tests.diagnosticos.test_diseno_preguntas import datos_pregunta
from tests.factories import (
    AplicacionFactory,
    OpcionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    ValorFactory,
    VersionFactory,
)

Tipo = Pregunta.Tipo
pytestmark = pytest.mark.django_db


@pytest.fixture
def ronda(dependencia):
    """Una versión 1 con una ronda y la respuesta de una institución ya contestada."""
    version = VersionFactory()
    datos = SeccionFactory(
        version=version, codigo="datos", titulo="Datos", orden=1, peso=Decimal("1")
    )
    igualdad = SeccionFactory(
        version=version, codigo="igualdad", titulo="Igualdad", orden=2, peso=Decimal("2")
    )
    tiene_uig = PreguntaFactory(seccion=datos, codigo="tiene_uig", orden=1)
    mujeres = PreguntaFactory(
        seccion=datos,
        codigo="mujeres",
        orden=2,
        tipo=Tipo.PORCENTAJE,
        regla="paridad",
        condicion={
            "union": "y",
            "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}],
        },
    )
    protocolo = PreguntaFactory(
        seccion=igualdad, codigo="protocolo", orden=1, tipo=Tipo.OPCION_UNICA, peso=Decimal("2")
    )
    OpcionFactory(pregunta=protocolo, valor="vigente", etiqueta="Vigente", puntos=100, orden=1)
    OpcionFactory(pregunta=protocolo, valor="en_proceso", etiqueta="En proceso", puntos=40, orden=2)
    obstaculos = PreguntaFactory(
        seccion=igualdad, codigo="obstaculos", orden=2, tipo=Tipo.TEXTO, peso=Decimal("0")
    )
    respuesta = RespuestaFactory(
        aplicacion=AplicacionFactory(version=version), dependencia=dependencia
    )
    for pregunta, valor in (
        (tiene_uig, "si"),
        (mujeres, "30"),
        (protocolo, "en_proceso"),
        (obstaculos, "Falta presupuesto"),
    ):
        ValorFactory(respuesta=respuesta, pregunta=pregunta, valor=valor)
    Estructura(version).actualizar(respuesta)
    respuesta.save()
    return respuesta  # fmt: skip


def _valores(respuesta):
    return sorted(
        Valor.objects.filter(respuesta=respuesta).values_list(
            "pregunta_id", "pregunta__codigo", "valor", "revision"
        )
    )


def _indices(respuesta):
    estructura = Estructura(respuesta.aplicacion.version)
    return estructura.indices(estructura.valores_de(respuesta))


def test_las_respuestas_de_una_version_vieja_sobreviven_a_una_edicion(client, coordinacion,
                                                                       ronda):  # fmt: skip
    client.force_login(coordinacion)
    v1 = ronda.aplicacion.version
    valores, foto, indices = _valores(ronda), _foto(v1), _indices(ronda)
    assert indices == (ronda.indice, {k: Decimal(v) for k, v in ronda.indices.items()})
    assert ronda.indice is not None

    # 1. Editar la versión en uso se niega y no cambia nada.
    protocolo_v1 = Pregunta.objects.get(seccion__version=v1, codigo="protocolo")
    intentos = [
        ("pregunta_editar", protocolo_v1.pk, datos_pregunta(codigo="protocolo", texto="Otro")),
        ("pregunta_eliminar", protocolo_v1.pk, {"confirmar": "si"}),
        ("pregunta_mover", protocolo_v1.pk, {"direccion": "abajo"}),
        ("pregunta_nueva", protocolo_v1.seccion_id, datos_pregunta(codigo="nueva")),
        ("seccion_nueva", v1.pk, {"codigo": "nueva", "titulo": "Nueva", "peso": "1"}),
        ("seccion_eliminar", protocolo_v1.seccion_id, {"confirmar": "si"}),
    ]
    for nombre, pk, datos in intentos:
        respuesta = client.post(reverse(f"diagnosticos:{nombre}", args=[pk]), datos, follow=True)
        assert respuesta.status_code == 200, nombre
        assert respuesta.redirect_chain[-1][0] == v1.get_absolute_url(), nombre
        mensajes = [str(m) for m in respuesta.context["messages"]]
        assert any("ya se usó en una ronda" in m for m in mensajes), nombre
    assert _foto(v1) == foto

    # 2. La versión nueva copia todo con los mismos códigos.
    respuesta = client.post(reverse("diagnosticos:version_nueva", args=[v1.pk]),
                            {"notas": "Ajustes de la segunda ronda"})  # fmt: skip
    v2 = Version.objects.get(cuestionario=v1.cuestionario, numero=2)
    assert respuesta.url == v2.get_absolute_url()
    assert _foto(v2) == foto

    # 3. Editar la v2 (texto, opciones, puntos, una pregunta nueva, una borrada, el orden).
    protocolo_v2 = Pregunta.objects.get(seccion__version=v2, codigo="protocolo")
    vigente, en_proceso = protocolo_v2.opciones.order_by("orden")
    respuesta = client.post(
        reverse("diagnosticos:pregunta_editar", args=[protocolo_v2.pk]),
        datos_pregunta(
            codigo="protocolo", texto="¿Tiene protocolo contra el hostigamiento?",
            tipo=Tipo.OPCION_UNICA, peso="5", iniciales=2,
            opciones=[
                {"id": vigente.pk, "pregunta": protocolo_v2.pk, "valor": "vigente",
                 "etiqueta": "Vigente y difundido", "puntos": "100"},
                {"id": en_proceso.pk, "pregunta": protocolo_v2.pk, "valor": "en_proceso",
                 "etiqueta": "En proceso", "puntos": "10"},
                {"valor": "no_hay", "etiqueta": "No hay", "puntos": "0"},
            ],
        ),
    )  # fmt: skip
    assert respuesta.status_code == 302
    obstaculos_v2 = Pregunta.objects.get(seccion__version=v2, codigo="obstaculos")
    client.post(reverse("diagnosticos:pregunta_eliminar", args=[obstaculos_v2.pk]),
                {"confirmar": "si"})  # fmt: skip
    client.post(reverse("diagnosticos:pregunta_nueva", args=[protocolo_v2.seccion_id]),
                datos_pregunta(codigo="presupuesto_etiquetado"))  # fmt: skip
    mujeres_v2 = Pregunta.objects.get(seccion__version=v2, codigo="mujeres")
    client.post(reverse("diagnosticos:pregunta_mover", args=[mujeres_v2.pk]),
                {"direccion": "abajo"})  # fmt: skip
    client.post(reverse("diagnosticos:seccion_mover", args=[protocolo_v2.seccion_id]),
                {"direccion": "arriba"})  # fmt: skip
    assert _foto(v2) != foto
    assert set(Estructura(v2).por_codigo) == {
        "tiene_uig", "mujeres", "protocolo", "presupuesto_etiquetado"}  # fmt: skip

    # 4. La v1, sus respuestas y sus índices siguen iguales.
    assert _foto(v1) == foto
    assert _valores(ronda) == valores
    ronda.refresh_from_db()
    assert _indices(ronda) == indices
    assert (ronda.indice, ronda.indices) == (
        indices[0], {k: str(v) for k, v in indices[1].items()})  # fmt: skip
    pagina = client.get(v1.get_absolute_url())
    codigos = [f["pregunta"].codigo for s in pagina.context["secciones"] for f in s["preguntas"]]
    assert codigos == ["tiene_uig", "mujeres", "protocolo", "obstaculos"]
    assert not pagina.context["editable"]
