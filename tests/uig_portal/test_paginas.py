"""Páginas públicas, de error y de salud."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_aviso_de_privacidad_es_publico(client):
    respuesta = client.get(reverse("aviso_de_privacidad"))
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Aviso de privacidad integral" in html and "derechos ARCO" in html


def test_salud_responde_json_sin_sesion(client):
    respuesta = client.get(reverse("salud"))
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "ok", "base_de_datos": "ok"}
    assert "no-cache" in respuesta["Cache-Control"]


def test_salud_avisa_si_la_base_no_responde(client, monkeypatch):
    def falla():
        raise connection.OperationalError("sin conexión")

    monkeypatch.setattr(connection, "cursor", falla)
    respuesta = client.get(reverse("salud"))
    assert respuesta.status_code == 503
    assert respuesta.json()["estado"] == "error"
    assert "sin conexión" not in respuesta.content.decode()


def test_404_en_espanol(client, responsable):
    client.force_login(responsable)
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == 404
    assert "Página no encontrada" in respuesta.content.decode()


def test_403_en_espanol(client, responsable):
    client.force_login(responsable)
    respuesta = client.get(reverse("usuario_lista"))
    assert respuesta.status_code == 403
    assert "Acceso no permitido" in respuesta.content.decode()


def test_500_en_espanol_sin_contexto():
    html = render_to_string("500.html")
    assert "Ocurrió un error en el servidor" in html and 'lang="es-MX"' in html


def test_la_administracion_esta_titulada_en_espanol(client, administracion):
    client.force_login(administracion)
    html = client.get("/admin/").content.decode()
    assert "Administración del Portal de las Unidades de Igualdad de Género" in html
    assert "Dependencias y entidades" in html


def test_administracion_ve_el_catalogo_en_el_admin(client, administracion, dependencia):
    client.force_login(administracion)
    respuesta = client.get(reverse("admin:unidades_dependencia_changelist"))
    assert respuesta.status_code == 200 and "PROPIA" in respuesta.content.decode()
    respuesta = client.get(reverse("admin:uig_portal_usuario_changelist"))
    assert respuesta.status_code == 200
