"""Confirmar una inscripción avisa por correo a la persona, y la Coordinación sabe a quién no
le llegó porque no tiene correo registrado."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from capacitacion import inscripciones as servicio
from capacitacion.models import Evento, Inscripcion
from tests.factories import EventoFactory, InscripcionFactory, ParticipanteFactory, SesionFactory

pytestmark = pytest.mark.django_db

Estado = Inscripcion.Estado


@pytest.fixture
def evento(db):
    evento = EventoFactory(nombre="Taller de lenguaje incluyente")
    SesionFactory(evento=evento)
    evento.cambiar_estado(Evento.Estado.ABIERTO)
    return evento


def solicitada(evento, nombre, correo):
    persona = ParticipanteFactory(nombre=nombre, correo=correo)
    return InscripcionFactory(
        evento=evento,
        dependencia=persona.dependencia,
        participante=persona,
        estado=Estado.SOLICITADA,
    )


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def test_confirmar_una_avisa_a_la_persona(
    client, coordinacion, evento, django_capture_on_commit_callbacks
):
    inscripcion = solicitada(evento, "Ana Gómez", "ana@zacatecas.gob.mx")
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("capacitacion:inscripcion_revisar", args=[inscripcion.pk]),
            {"accion": "confirmar"},
        )
    assert mensajes(r) == [
        "Se confirmó la inscripción de Ana Gómez. Se avisó por correo a 1 persona."
    ]
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["ana@zacatecas.gob.mx"]
    assert "Taller de lenguaje incluyente" in correo.subject
    assert "confirmó su inscripción" in correo.body and "Hola, Ana Gómez:" in correo.body


def test_sin_correo_se_dice_a_quien_avisar_por_otro_medio(
    client, coordinacion, evento, django_capture_on_commit_callbacks
):
    inscripcion = solicitada(evento, "Luis Pérez", "")
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("capacitacion:inscripcion_revisar", args=[inscripcion.pk]),
            {"accion": "confirmar"},
        )
    assert mensajes(r) == [
        "Se confirmó la inscripción de Luis Pérez. 1 persona no tiene correo registrado; "
        "avísele por otro medio: Luis Pérez."
    ]
    assert mail.outbox == []


def test_confirmar_varias_cuenta_avisadas_y_sin_correo(
    client, coordinacion, evento, django_capture_on_commit_callbacks
):
    solicitada(evento, "Ana Gómez", "ana@zacatecas.gob.mx")
    solicitada(evento, "Rosa Díaz", "rosa@zacatecas.gob.mx")
    solicitada(evento, "Luis Pérez", "")
    solicitada(evento, "Iker Ruiz", "")
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("capacitacion:inscripciones_confirmar", args=[evento.pk]), {"todas": "1"}
        )
    texto = mensajes(r)[0]
    assert texto.startswith("Se confirmaron 4 inscripciones. Se avisó por correo a 2 personas.")
    assert "2 personas no tienen correo registrado" in texto
    assert "Luis Pérez" in texto and "Iker Ruiz" in texto
    assert sorted(c.to[0] for c in mail.outbox) == ["ana@zacatecas.gob.mx", "rosa@zacatecas.gob.mx"]


def test_rechazar_no_envia_aviso_de_confirmacion(
    client, coordinacion, evento, django_capture_on_commit_callbacks
):
    inscripcion = solicitada(evento, "Ana Gómez", "ana@zacatecas.gob.mx")
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("capacitacion:inscripcion_revisar", args=[inscripcion.pk]),
            {"accion": "rechazar", "motivo": "Perfil distinto"},
        )
    assert mail.outbox == []


def test_si_la_confirmacion_falla_no_sale_ningun_correo(
    coordinacion, evento, django_capture_on_commit_callbacks
):
    inscripcion = solicitada(evento, "Ana Gómez", "ana@zacatecas.gob.mx")
    evento.cambiar_estado(Evento.Estado.CANCELADO)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError, match="ya no se revisan"):
            servicio.confirmar_varias(evento, coordinacion, [inscripcion.pk])
    assert callbacks == []
    assert mail.outbox == []
