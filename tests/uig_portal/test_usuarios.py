"""La lista de personas usuarias de la Coordinación."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DependenciaFactory, UsuarioFactory
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db


def test_coordinacion_ve_personas_con_rol_e_institucion(client, coordinacion, responsable):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("usuario_lista"))
    html = respuesta.content.decode()
    assert str(responsable) in html and "PROPIA" in html and "Responsable de UIG" in html


def test_filtra_por_rol_y_estado(client, coordinacion, responsable, consulta):
    baja = UsuarioFactory(rol=Rol.RESPONSABLE, is_active=False)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("usuario_lista"), {"rol": Rol.CONSULTA.value})
    assert list(respuesta.context["object_list"]) == [consulta]
    respuesta = client.get(reverse("usuario_lista"), {"estado": "inactivas"})
    assert list(respuesta.context["object_list"]) == [baja]


def test_la_lista_no_crece_en_consultas(client, coordinacion):
    client.force_login(coordinacion)
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("usuario_lista"))
    for d in DependenciaFactory.create_batch(20):
        UsuarioFactory.create_batch(3, rol=Rol.RESPONSABLE, dependencia=d)
    with CaptureQueriesContext(connection) as muchas:
        client.get(reverse("usuario_lista"))
    assert len(muchas) == len(pocas)


def test_el_detalle_muestra_el_historial_sin_contrasena(client, coordinacion, responsable):
    responsable.cargo = "Titular de la UIG"
    responsable.save()
    client.force_login(coordinacion)
    html = client.get(responsable.get_absolute_url()).content.decode()
    assert "Titular de la UIG" in html and "Historial de cambios" in html
    assert "pbkdf2" not in html and "md5$" not in html
    assert not hasattr(responsable.history.model, "password")
