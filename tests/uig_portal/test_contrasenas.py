"""Contraseñas: reglas de robustez, cambio y restablecimiento por correo."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import CONTRASENA

pytestmark = pytest.mark.django_db


def test_exige_al_menos_doce_caracteres():
    with pytest.raises(ValidationError) as error:
        validate_password("tz8#kq2!mv4")  # 11
    assert "por lo menos 12 caracteres" in " ".join(error.value.messages)
    validate_password("tz8#kq2!mv4w")  # 12


def test_acepta_frases_largas():
    validate_password("cuatro palabras al azar " * 5)  # 120 caracteres


@pytest.mark.parametrize(
    "contrasena", ["IgualdadGenero2026", "Zacatecas-2026-abc", "unidad-de-genero"]
)
def test_rechaza_palabras_obvias_del_portal(contrasena):
    with pytest.raises(ValidationError) as error:
        validate_password(contrasena)
    assert "palabras obvias del portal" in " ".join(error.value.messages)


def test_rechaza_contrasenas_comunes():
    with pytest.raises(ValidationError):
        validate_password("password123456")


def test_cambiar_contrasena_pide_la_actual(client, responsable):
    client.force_login(responsable)
    respuesta = client.post(
        reverse("password_change"),
        {
            "old_password": "equivocada",
            "new_password1": "tz8#kq2!mv4w-x",
            "new_password2": "tz8#kq2!mv4w-x",
        },
    )
    assert respuesta.status_code == 200
    responsable.refresh_from_db()
    assert responsable.check_password(CONTRASENA)

    respuesta = client.post(
        reverse("password_change"),
        {
            "old_password": CONTRASENA,
            "new_password1": "tz8#kq2!mv4w-x",
            "new_password2": "tz8#kq2!mv4w-x",
        },
    )
    assert respuesta.status_code == 302
    responsable.refresh_from_db()
    assert responsable.check_password("tz8#kq2!mv4w-x")
    # La sesión actual sigue abierta tras el cambio.
    assert client.get(reverse("inicio")).status_code == 200


def test_cambiar_contrasena_cierra_las_otras_sesiones(client, responsable, django_user_model):
    from django.test import Client

    otra = Client()
    otra.force_login(responsable)
    client.force_login(responsable)
    client.post(
        reverse("password_change"),
        {
            "old_password": CONTRASENA,
            "new_password1": "tz8#kq2!mv4w-x",
            "new_password2": "tz8#kq2!mv4w-x",
        },
    )
    assert otra.get(reverse("inicio")).status_code == 302


def test_restablecer_por_correo_de_punta_a_punta(client, responsable):
    respuesta = client.post(reverse("password_reset"), {"email": responsable.email})
    assert respuesta.status_code == 302
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == [responsable.email]
    assert correo.subject == "Restablecer su contraseña del Portal UIG"
    assert "Recibimos una solicitud para restablecer la contraseña" in correo.body
    assert f"Su nombre de usuario es: {responsable.username}" in correo.body

    enlace = re.search(r"https?://[^/]+(/cuenta/restablecer/\S+/\S+/)", correo.body).group(1)
    respuesta = client.get(enlace, follow=True)
    assert "Elegir contraseña nueva" in respuesta.content.decode()
    formulario = respuesta.redirect_chain[-1][0]
    respuesta = client.post(
        formulario, {"new_password1": "tz8#kq2!mv4w-x", "new_password2": "tz8#kq2!mv4w-x"}
    )
    assert respuesta.status_code == 302
    responsable.refresh_from_db()
    assert responsable.check_password("tz8#kq2!mv4w-x")

    # El enlace sirve una sola vez.
    respuesta = client.get(enlace, follow=True)
    assert "Enlace no válido" in respuesta.content.decode()


def test_restablecer_no_revela_si_el_correo_existe(client):
    respuesta = client.post(
        reverse("password_reset"), {"email": "nadie@ejemplo.gob.mx"}, follow=True
    )
    assert "Si el correo que escribió pertenece a una cuenta activa" in respuesta.content.decode()
    assert mail.outbox == []


def test_restablecer_rechaza_contrasena_corta(client, responsable):
    client.post(reverse("password_reset"), {"email": responsable.email})
    enlace = re.search(r"https?://[^/]+(/cuenta/restablecer/\S+/\S+/)", mail.outbox[0].body).group(
        1
    )
    formulario = client.get(enlace, follow=True).redirect_chain[-1][0]
    respuesta = client.post(
        formulario, {"new_password1": "corta-123", "new_password2": "corta-123"}
    )
    assert respuesta.status_code == 200
    assert "por lo menos 12 caracteres" in respuesta.content.decode()
    responsable.refresh_from_db()
    assert responsable.check_password(CONTRASENA)
