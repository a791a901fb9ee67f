"""El catálogo de instituciones: lista filtrable y expediente, cada quien con su alcance."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DependenciaFactory, UsuarioFactory
from uig_portal.roles import Rol
from unidades.models import Dependencia

pytestmark = pytest.mark.django_db


def test_coordinacion_lista_todas_y_filtra(client, coordinacion):
    DependenciaFactory(
        nombre="Instituto de la Juventud",
        siglas="INJUZAC",
        tipo="descentralizada",
        sector="Desarrollo Social",
    )
    DependenciaFactory(
        nombre="Secretaría de Finanzas", siglas="SEFIN", tipo="centralizada", sector="Finanzas"
    )
    client.force_login(coordinacion)
    respuesta = client.get(reverse("unidades:dependencia_lista"))
    assert [d.siglas for d in respuesta.context["object_list"]] == ["INJUZAC", "SEFIN"]

    respuesta = client.get(reverse("unidades:dependencia_lista"), {"tipo": "descentralizada"})
    assert [d.siglas for d in respuesta.context["object_list"]] == ["INJUZAC"]
    respuesta = client.get(reverse("unidades:dependencia_lista"), {"q": "sefin"})
    assert [d.siglas for d in respuesta.context["object_list"]] == ["SEFIN"]
    respuesta = client.get(reverse("unidades:dependencia_lista"), {"sector": "Finanzas"})
    assert [d.siglas for d in respuesta.context["object_list"]] == ["SEFIN"]


def test_filtro_invalido_no_rompe_la_pagina(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("unidades:dependencia_lista"), {"tipo": "<script>"})
    assert respuesta.status_code == 200
    assert "<script>" not in respuesta.content.decode()


def test_la_lista_cuenta_responsables(client, coordinacion, dependencia):
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia, is_active=False)
    UsuarioFactory(rol=Rol.CONSULTA, dependencia=dependencia)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("unidades:dependencia_lista"))
    assert respuesta.context["object_list"][0].responsables == 1


def test_responsable_solo_ve_la_suya(client, responsable, otra_dependencia):
    client.force_login(responsable)
    respuesta = client.get(reverse("unidades:dependencia_lista"))
    assert [d.siglas for d in respuesta.context["object_list"]] == ["PROPIA"]
    assert client.get(otra_dependencia.get_absolute_url()).status_code == 404


def test_el_expediente_muestra_personas_e_historial(client, responsable, dependencia, coordinacion):
    dependencia.titular = "Mtra. Elena Robles"
    dependencia._history_user = coordinacion
    dependencia.save()
    client.force_login(responsable)
    html = client.get(dependencia.get_absolute_url()).content.decode()
    assert "Mtra. Elena Robles" in html
    assert str(responsable) in html
    assert "Historial de cambios" in html
    assert str(coordinacion) in html  # quién hizo el cambio


def test_la_lista_pagina_y_no_crece_en_consultas(client, coordinacion):
    client.force_login(coordinacion)
    DependenciaFactory.create_batch(3)
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("unidades:dependencia_lista"))
    for d in DependenciaFactory.create_batch(60):
        UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=d)
    with CaptureQueriesContext(connection) as muchas:
        respuesta = client.get(reverse("unidades:dependencia_lista"), {"page": 2})
    assert len(respuesta.context["object_list"]) == 13
    assert len(muchas) == len(pocas)


def test_el_expediente_no_crece_en_consultas(client, coordinacion, dependencia, responsable):
    client.force_login(coordinacion)
    with CaptureQueriesContext(connection) as pocas:
        client.get(dependencia.get_absolute_url())
    UsuarioFactory.create_batch(8, rol=Rol.RESPONSABLE, dependencia=dependencia)
    for n in range(5):
        dependencia.titular = f"Titular {n}"
        dependencia.save()
    with CaptureQueriesContext(connection) as muchas:
        client.get(dependencia.get_absolute_url())
    assert len(muchas) == len(pocas)


def test_cada_cambio_queda_en_el_historial(dependencia):
    dependencia.sector = "Otro sector"
    dependencia.save()
    assert dependencia.history.count() == 2
    assert dependencia.history.first().sector == "Otro sector"


def test_visibles_para_personas_sin_institucion_ni_permiso(sin_rol, dependencia):
    assert not Dependencia.objects.visibles_para(sin_rol).exists()
