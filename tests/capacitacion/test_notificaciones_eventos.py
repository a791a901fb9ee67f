"""Abrir la inscripción de un evento avisa por correo a las personas responsables de las
instituciones convocadas (sin ninguna elegida, a todas las vigentes), y el mensaje dice a
cuáles les llegó y cuáles no tienen a nadie a quien avisar."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from capacitacion.models import Evento
from tests.factories import DependenciaFactory, EventoFactory, SesionFactory, UsuarioFactory
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db
Estado = Evento.Estado


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)._queued_messages]


def con_responsable(siglas):
    dependencia = DependenciaFactory(siglas=siglas, nombre=f"Institución {siglas}")
    UsuarioFactory(username=f"resp.{siglas.lower()}", rol=Rol.RESPONSABLE, dependencia=dependencia)
    return dependencia


def sin_cuenta(siglas, **extra):
    return DependenciaFactory(siglas=siglas, nombre=f"Sin cuenta {siglas}", **extra)


def evento_con_sesion(dependencias=(), **campos):
    evento = EventoFactory(nombre="Taller de presupuestos con perspectiva de género", **campos)
    evento.dependencias.set(dependencias)
    SesionFactory(evento=evento)
    return evento


def cambiar(cliente, evento, desde, hacia, capturar):
    with capturar(execute=True):
        return cliente.post(
            reverse("capacitacion:evento_estado", args=[evento.pk]),
            {"desde": desde, "estado": hacia},
        )


def test_abrir_avisa_a_las_convocadas_y_dice_a_quien_no(
    cliente, django_capture_on_commit_callbacks
):
    con = con_responsable("CON")
    nadie = sin_cuenta("NADIE")
    no_convocada = con_responsable("FUERA")
    evento = evento_con_sesion([con, nadie], cupo=30)
    respuesta = cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == [
        "La inscripción está abierta: las instituciones convocadas ya pueden inscribir "
        "personas. Se avisó por correo a las personas responsables de 1 institución.",
        "1 institución no tiene una persona responsable con cuenta activa y correo en el "
        "portal, así que no se le pudo avisar: NADIE.",
    ]
    assert [m.to for m in mail.outbox] == [["resp.con@ejemplo.gob.mx"]]
    correo = mail.outbox[0]
    assert correo.subject == (
        "[Portal UIG] Inscripción abierta: «Taller de presupuestos con perspectiva de género»"
    )
    assert "Institución CON (CON)" in correo.body
    assert "Cupo: 30 lugares en total" in correo.body
    assert "Auditorio del Palacio de Gobierno" in correo.body
    assert reverse("capacitacion:evento_detalle", args=[evento.pk]) in correo.body
    assert no_convocada.siglas not in " ".join(mensajes(respuesta))


def test_sin_convocadas_elegidas_avisa_a_todas_las_vigentes(
    cliente, django_capture_on_commit_callbacks
):
    una, otra = con_responsable("UNA"), con_responsable("OTRA")
    extinta = sin_cuenta("EXTINTA", vigente=False)
    UsuarioFactory(username="resp.extinta", rol=Rol.RESPONSABLE, dependencia=extinta)
    nadie = sin_cuenta("NADIE")
    evento = evento_con_sesion()
    respuesta = cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    textos = mensajes(respuesta)
    assert textos[0].endswith("Se avisó por correo a las personas responsables de 2 instituciones.")
    assert textos[1].endswith(f"no se le pudo avisar: {nadie.siglas}.")
    assert "EXTINTA" not in " ".join(textos)
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"resp.{otra.siglas.lower()}@ejemplo.gob.mx",
        f"resp.{una.siglas.lower()}@ejemplo.gob.mx",
    ]


def test_todas_con_cuenta_un_solo_mensaje(cliente, django_capture_on_commit_callbacks):
    evento = evento_con_sesion([con_responsable("UNA"), con_responsable("OTRA")])
    respuesta = cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    assert len(mensajes(respuesta)) == 1
    assert mensajes(respuesta)[0].endswith(
        "Se avisó por correo a las personas responsables de 2 instituciones."
    )
    # Un correo por institución: nadie ve las direcciones de otra.
    assert sorted(m.to for m in mail.outbox) == [
        ["resp.otra@ejemplo.gob.mx"],
        ["resp.una@ejemplo.gob.mx"],
    ]


def test_nadie_a_quien_avisar(cliente, django_capture_on_commit_callbacks):
    evento = evento_con_sesion([sin_cuenta("A1"), sin_cuenta("A2"), sin_cuenta("A3")])
    respuesta = cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == [
        "La inscripción está abierta: las instituciones convocadas ya pueden inscribir "
        "personas. No se avisó por correo a ninguna institución.",
        "3 instituciones no tienen una persona responsable con cuenta activa y correo en el "
        "portal, así que no se les pudo avisar: A1, A2 y A3.",
    ]
    assert mail.outbox == []
    evento.refresh_from_db()
    assert evento.estado == Estado.ABIERTO


def test_reabrir_avisa_que_se_reabrio(cliente, django_capture_on_commit_callbacks):
    evento = evento_con_sesion([con_responsable("CON")], estado=Estado.CERRADO)
    cambiar(cliente, evento, "cerrado", "abierto", django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == [
        "[Portal UIG] Se reabrió la inscripción a «Taller de presupuestos con perspectiva de "
        "género»"
    ]
    assert "reabrió la inscripción" in mail.outbox[0].body


def test_otros_cambios_de_estado_no_escriben(cliente, django_capture_on_commit_callbacks):
    evento = evento_con_sesion([con_responsable("CON")], estado=Estado.ABIERTO)
    respuesta = cambiar(cliente, evento, "abierto", "cerrado", django_capture_on_commit_callbacks)
    assert len(mensajes(respuesta)) == 1
    assert mail.outbox == []


def test_sin_sesiones_no_abre_ni_escribe(cliente, django_capture_on_commit_callbacks):
    evento = EventoFactory()
    evento.dependencias.set([con_responsable("CON")])
    respuesta = cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == ["Agregue al menos una sesión antes de abrir la inscripción."]
    assert mail.outbox == []


def test_doble_clic_no_repite_el_aviso(cliente, django_capture_on_commit_callbacks):
    evento = evento_con_sesion([con_responsable("CON")])
    cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    respuesta = cambiar(cliente, evento, "borrador", "abierto", django_capture_on_commit_callbacks)
    assert mensajes(respuesta)[0].startswith("El evento ya cambió de estado")
    assert len(mail.outbox) == 1
