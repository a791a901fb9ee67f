"""Iniciar y cerrar sesión, bloqueo tras intentos fallidos y caducidad de la sesión."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import CONTRASENA

pytestmark = pytest.mark.django_db


def entrar(client, usuario, contrasena=CONTRASENA, **extra):
    return client.post(reverse("login"), {"username": usuario, "password": contrasena}, **extra)


def test_la_pagina_de_acceso_esta_en_espanol(client):
    respuesta = client.get(reverse("login"))
    html = respuesta.content.decode()
    assert '<html lang="es-MX">' in html
    assert "Portal de las Unidades de Igualdad de Género" in html
    assert "Nombre de usuario" in html and "Contraseña" in html
    assert "¿Olvidó su contraseña?" in html


@pytest.mark.parametrize(
    "rol,texto",
    [
        ("coordinacion", "Instituciones y sus responsables de UIG"),
        ("administracion", "Cuentas activas por rol"),
        ("responsable", "Usted es responsable de la Unidad de Igualdad de Género de:"),
        ("consulta", "Usted consulta la información de:"),
        ("sin_rol", "Su cuenta todavía no tiene un rol asignado"),
    ],
)
def test_cada_rol_entra_a_su_inicio(client, request, rol, texto):
    usuario = request.getfixturevalue(rol)
    respuesta = entrar(client, usuario.username, follow=True)
    assert respuesta.redirect_chain[-1][0] == reverse("inicio")
    assert texto in respuesta.content.decode()


def test_contrasena_incorrecta_muestra_error_en_espanol(client, responsable):
    respuesta = entrar(client, "responsable", "no-es-la-contrasena")
    assert respuesta.status_code == 200
    assert "El nombre de usuario o la contraseña no son correctos" in respuesta.content.decode()
    assert "_auth_user_id" not in client.session


def test_cuenta_desactivada_no_entra(client, responsable):
    responsable.is_active = False
    responsable.save()
    respuesta = entrar(client, "responsable")
    assert "_auth_user_id" not in client.session
    assert respuesta.status_code == 200


def test_iniciar_sesion_cambia_la_llave_de_sesion(client, responsable):
    client.get(reverse("login"))
    session = client.session
    session["marca"] = "antes"
    session.save()
    llave_anterior = session.session_key
    entrar(client, "responsable")
    assert client.session.session_key != llave_anterior


def test_cinco_intentos_fallidos_bloquean_quince_minutos(client, responsable):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert entrar(client, "responsable", "equivocada-1234").status_code == 200
    respuesta = entrar(client, "responsable", "equivocada-1234")
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert "Cuenta bloqueada temporalmente" in html
    assert "15 minutos" in html
    # Bloqueada, ni la contraseña correcta entra.
    assert entrar(client, "responsable").status_code == 429
    assert "_auth_user_id" not in client.session

    # Pasados los 15 minutos, la persona vuelve a entrar.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    respuesta = entrar(client, "responsable")
    assert respuesta.status_code == 302
    assert client.session["_auth_user_id"] == str(responsable.pk)


def test_el_bloqueo_es_por_usuario_e_ip(client, responsable, coordinacion):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        entrar(client, "responsable", "equivocada-1234")
    # Otra persona desde la misma IP sí puede entrar…
    assert entrar(client, "coordinacion").status_code == 302
    client.logout()
    # …y la misma persona desde otra IP también: nadie bloquea a otra persona a propósito.
    assert entrar(client, "responsable", REMOTE_ADDR="10.9.8.7").status_code == 302


def test_cerrar_sesion_solo_por_post_y_borra_la_sesion(client, responsable):
    entrar(client, "responsable")
    llave = client.session.session_key
    assert client.get(reverse("logout")).status_code == 405
    respuesta = client.post(reverse("logout"))
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("login")
    assert respuesta["Clear-Site-Data"] == '"cache", "storage"'
    assert not Session.objects.filter(session_key=llave).exists()
    assert client.get(reverse("inicio")).status_code == 302


def test_la_sesion_caduca_tras_treinta_minutos_sin_actividad(client, responsable):
    entrar(client, "responsable")
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    # Cada petición renueva el plazo; sin actividad, la sesión vence en la base.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


def test_cada_peticion_renueva_el_plazo(client, responsable):
    entrar(client, "responsable")
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    client.get(reverse("inicio"))
    vence = Session.objects.get().expire_date
    assert vence > timezone.now() + timedelta(minutes=29)


def test_paginas_con_sesion_no_se_guardan_en_cache(client, responsable):
    client.force_login(responsable)
    respuesta = client.get(reverse("inicio"))
    assert "no-store" in respuesta["Cache-Control"]
    assert "private" in respuesta["Cache-Control"]


def test_csrf_obligatorio_al_iniciar_sesion(responsable):
    from django.test import Client

    cliente = Client(enforce_csrf_checks=True)
    respuesta = cliente.post(reverse("login"), {"username": "responsable", "password": CONTRASENA})
    assert respuesta.status_code == 403


def test_iniciar_sesion_registra_el_acceso_sin_ensuciar_el_historial(client, responsable):
    historial = responsable.history.count()
    entrar(client, "responsable")
    responsable.refresh_from_db()
    assert responsable.last_login is not None
    assert responsable.history.count() == historial
