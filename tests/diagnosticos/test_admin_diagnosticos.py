"""El admin del diagnóstico: cada lista y ficha abre, sin N+1, y una versión en uso no cambia."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnosticos.models import Pregunta
from tests.factories import (
    AplicacionFactory,
    OpcionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    UsuarioFactory,
    ValorFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db

MODELOS = [
    "cuestionario",
    "version",
    "seccion",
    "pregunta",
    "aplicacion",
    "respuesta",
    "valor",
    "evidenciarespuesta",
]


@pytest.fixture
def superusuario(client):
    persona = UsuarioFactory(username="super", is_staff=True, is_superuser=True)
    client.force_login(persona)
    return persona


@pytest.fixture
def datos():
    """Una versión en uso con una pregunta de opciones y un valor con evidencia."""
    pregunta = OpcionFactory().pregunta
    version = pregunta.seccion.version
    respuesta = RespuestaFactory(aplicacion=AplicacionFactory(version=version), indice=55)
    valor = ValorFactory(respuesta=respuesta, pregunta=pregunta, valor="op0")
    valor.evidencias.create(
        archivo="diagnosticos/prueba.pdf",
        nombre_original="acta.pdf",
        tipo_contenido="application/pdf",
        tamano=10,
    )
    return {"pregunta": pregunta, "version": version, "respuesta": respuesta, "valor": valor}


def contar(client, url):
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return len(consultas)


@pytest.mark.parametrize("modelo", MODELOS)
def test_cada_lista_abre(client, superusuario, datos, modelo):
    respuesta = client.get(reverse(f"admin:diagnosticos_{modelo}_changelist"))
    assert respuesta.status_code == 200


@pytest.mark.parametrize("modelo", MODELOS)
def test_cada_ficha_abre(client, superusuario, datos, modelo):
    objeto = {
        "cuestionario": datos["version"].cuestionario,
        "version": datos["version"],
        "seccion": datos["pregunta"].seccion,
        "pregunta": datos["pregunta"],
        "aplicacion": datos["respuesta"].aplicacion,
        "respuesta": datos["respuesta"],
        "valor": datos["valor"],
        "evidenciarespuesta": datos["valor"].evidencias.get(),
    }[modelo]
    url = reverse(f"admin:diagnosticos_{modelo}_change", args=[objeto.pk])
    assert client.get(url).status_code == 200
    historial = reverse(f"admin:diagnosticos_{modelo}_history", args=[objeto.pk])
    assert client.get(historial).status_code == 200


def test_la_lista_de_preguntas_no_hace_una_consulta_por_fila(client, superusuario):
    url = reverse("admin:diagnosticos_pregunta_changelist")
    PreguntaFactory.create_batch(2)
    pocas = contar(client, url)
    for _ in range(6):
        PreguntaFactory(seccion=SeccionFactory(version=VersionFactory()))
    assert contar(client, url) == pocas


def test_la_lista_de_respuestas_no_hace_una_consulta_por_fila(client, superusuario):
    url = reverse("admin:diagnosticos_respuesta_changelist")
    RespuestaFactory.create_batch(2)
    pocas = contar(client, url)
    RespuestaFactory.create_batch(6, indice=40)
    mas = contar(client, url)
    assert mas == pocas


@pytest.mark.parametrize(
    "modelo", ["valor", "evidenciarespuesta", "version", "aplicacion", "seccion"]
)
def test_las_demas_listas_tampoco(client, superusuario, datos, modelo):
    url = reverse(f"admin:diagnosticos_{modelo}_changelist")
    pocas = contar(client, url)
    for _ in range(3):
        pregunta = OpcionFactory().pregunta
        valor = ValorFactory(
            respuesta=RespuestaFactory(
                aplicacion=AplicacionFactory(version=pregunta.seccion.version)
            ),
            pregunta=pregunta,
            valor="x",
        )
        valor.evidencias.create(
            archivo="diagnosticos/otra.pdf",
            nombre_original="otra.pdf",
            tipo_contenido="application/pdf",
            tamano=10,
        )
    assert contar(client, url) == pocas


def test_una_version_en_uso_tiene_preguntas_de_solo_lectura(client, superusuario, datos):
    pregunta = datos["pregunta"]
    url = reverse("admin:diagnosticos_pregunta_change", args=[pregunta.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'name="_save"' not in pagina.content.decode()
    respuesta = client.post(url, {"codigo": "otro", "texto": "Cambiada", "tipo": "si_no"})
    assert respuesta.status_code == 403
    pregunta.refresh_from_db()
    assert pregunta.texto != "Cambiada"
    borrar = reverse("admin:diagnosticos_pregunta_delete", args=[pregunta.pk])
    assert client.post(borrar, {"post": "yes"}).status_code == 403
    assert Pregunta.objects.filter(pk=pregunta.pk).exists()


def test_la_version_en_uso_muestra_sus_secciones_sin_editarlas(client, superusuario, datos):
    url = reverse("admin:diagnosticos_version_change", args=[datos["version"].pk])
    html = client.get(url).content.decode()
    assert datos["pregunta"].seccion.titulo in html
    assert "secciones-0-titulo" not in html  # sin campos editables del inline


def test_una_version_sin_rondas_se_edita(client, superusuario):
    pregunta = PreguntaFactory(texto="Antes")
    url = reverse("admin:diagnosticos_pregunta_change", args=[pregunta.pk])
    html = client.get(url).content.decode()
    assert 'name="_save"' in html
    datos = {
        "seccion": pregunta.seccion_id,
        "orden": 1,
        "codigo": pregunta.codigo,
        "texto": "Después",
        "ayuda": "",
        "tipo": "si_no",
        "obligatoria": "on",
        "condicion": "{}",
        "peso": "1",
        "regla": "",
        "opciones-TOTAL_FORMS": "0",
        "opciones-INITIAL_FORMS": "0",
        "opciones-MIN_NUM_FORMS": "0",
        "opciones-MAX_NUM_FORMS": "1000",
    }
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    pregunta.refresh_from_db()
    assert pregunta.texto == "Después"


def test_quien_no_es_de_administracion_no_entra(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("admin:diagnosticos_respuesta_changelist"))
    assert respuesta.status_code == 302
