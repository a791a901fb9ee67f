"""Avisos honestos de unidades: la convocatoria a una reunión llega a las personas
responsables de las instituciones convocadas y el mensaje dice a cuáles les llegó y cuáles no
tienen a nadie; el rechazo de una evidencia manda su motivo a la institución."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    DependenciaFactory,
    EvidenciaFactory,
    ReunionFactory,
    UsuarioFactory,
)
from tests.unidades.test_asesorias import formset
from uig_portal.roles import Rol
from unidades.models import Evidencia, Reunion

pytestmark = pytest.mark.django_db


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def con_responsable(siglas):
    dependencia = DependenciaFactory(siglas=siglas, nombre=f"Institución {siglas}")
    UsuarioFactory(username=f"resp.{siglas.lower()}", rol=Rol.RESPONSABLE, dependencia=dependencia)
    return dependencia


def sin_cuenta(siglas):
    return DependenciaFactory(siglas=siglas, nombre=f"Sin cuenta {siglas}")


def en_dias(dias):
    return timezone.localtime() + timedelta(days=dias)


def datos_reunion(invitadas, fecha=None, **campos):
    fecha = fecha or en_dias(10)
    return {
        "titulo": "Reunión de planeación operativa de enero",
        "fecha": fecha.strftime("%Y-%m-%dT%H:%M"),
        "modalidad": "presencial",
        "lugar": "Sala de juntas de la Secretaría de las Mujeres",
        "enlace": "",
        "orden_del_dia": "1. Bienvenida\n2. Avance de instalación",
        "invitadas": [d.pk for d in invitadas],
        "minuta": "",
        **formset("acuerdos", []),
        **campos,
    }


@pytest.fixture
def tres(db):
    """Una institución con responsable y dos sin nadie a quien avisar."""
    return con_responsable("CON"), sin_cuenta("NADIE1"), sin_cuenta("NADIE2")


def crear(client, datos, capturar):
    with capturar(execute=True):
        return client.post(reverse("unidades:reunion_nueva"), datos)


# --- Reuniones ---------------------------------------------------------------------------------


def test_convocar_avisa_y_dice_a_quien_no(
    client, coordinacion, tres, django_capture_on_commit_callbacks
):
    client.force_login(coordinacion)
    respuesta = crear(client, datos_reunion(tres), django_capture_on_commit_callbacks)
    assert respuesta.status_code == 302
    assert mensajes(respuesta) == [
        "La reunión quedó registrada. Se avisó por correo a las personas responsables de 1 "
        "institución.",
        "2 instituciones no tienen una persona responsable con cuenta activa y correo en el "
        "portal, así que no se les pudo avisar: NADIE1 y NADIE2.",
    ]
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["resp.con@ejemplo.gob.mx"]
    assert correo.subject == "[Portal UIG] Convocatoria: «Reunión de planeación operativa de enero»"
    assert "Sala de juntas de la Secretaría de las Mujeres" in correo.body
    assert "2. Avance de instalación" in correo.body
    assert "Institución CON (CON)" in correo.body
    reunion = Reunion.objects.get()
    assert f"/reuniones/{reunion.pk}/" in correo.body


def test_convocar_a_todas_las_vigentes(
    client, coordinacion, tres, django_capture_on_commit_callbacks
):
    DependenciaFactory(siglas="EXTINTA", vigente=False)
    otra = con_responsable("OTRA")
    client.force_login(coordinacion)
    respuesta = crear(client, datos_reunion([], todas="on"), django_capture_on_commit_callbacks)
    assert mensajes(respuesta)[0].endswith(
        "Se avisó por correo a las personas responsables de 2 instituciones."
    )
    assert "EXTINTA" not in " ".join(mensajes(respuesta))
    assert sorted(m.to[0] for m in mail.outbox) == [
        "resp.con@ejemplo.gob.mx",
        f"resp.{otra.siglas.lower()}@ejemplo.gob.mx",
    ]


def test_todas_con_cuenta_un_solo_mensaje(client, coordinacion, django_capture_on_commit_callbacks):
    una, otra = con_responsable("UNA"), con_responsable("OTRA")
    client.force_login(coordinacion)
    respuesta = crear(client, datos_reunion([una, otra]), django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == [
        "La reunión quedó registrada. Se avisó por correo a las personas responsables de 2 "
        "instituciones."
    ]
    # Cada institución recibe su propio correo: nadie ve las direcciones de otra.
    assert sorted(m.to for m in mail.outbox) == [
        ["resp.otra@ejemplo.gob.mx"],
        ["resp.una@ejemplo.gob.mx"],
    ]


def test_reunion_que_ya_paso_no_se_convoca(
    client, coordinacion, tres, django_capture_on_commit_callbacks
):
    client.force_login(coordinacion)
    respuesta = crear(
        client, datos_reunion(tres, fecha=en_dias(-3)), django_capture_on_commit_callbacks
    )
    assert mensajes(respuesta) == [
        "La reunión quedó registrada. La fecha de la reunión ya pasó: no se envió la "
        "convocatoria por correo."
    ]
    assert mail.outbox == []


def editar(client, reunion, datos, capturar):
    with capturar(execute=True):
        return client.post(reverse("unidades:reunion_editar", args=[reunion.pk]), datos)


def test_editar_convoca_solo_a_las_nuevas(
    client, coordinacion, tres, django_capture_on_commit_callbacks
):
    con, nadie1, _nadie2 = tres
    fecha = en_dias(10).replace(second=0, microsecond=0)
    reunion = ReunionFactory(fecha=fecha, invitadas=[nadie1])
    nueva = con_responsable("NUEVA")
    client.force_login(coordinacion)
    datos = datos_reunion(
        [nadie1, con, nueva], fecha=fecha, titulo=reunion.titulo, lugar=reunion.lugar
    )
    datos["orden_del_dia"] = reunion.orden_del_dia
    respuesta = editar(client, reunion, datos, django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == [
        "Los cambios de la reunión se guardaron. Se avisó por correo a las personas "
        "responsables de 2 instituciones."
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "resp.con@ejemplo.gob.mx",
        "resp.nueva@ejemplo.gob.mx",
    ]
    assert all("Convocatoria" in m.subject for m in mail.outbox)


def test_editar_sin_cambios_de_la_cita_no_escribe(
    client, coordinacion, tres, django_capture_on_commit_callbacks
):
    con = tres[0]
    fecha = en_dias(10).replace(second=0, microsecond=0)
    reunion = ReunionFactory(fecha=fecha, invitadas=[con])
    client.force_login(coordinacion)
    datos = datos_reunion([con], fecha=fecha, titulo="Otro título", lugar=reunion.lugar)
    respuesta = editar(client, reunion, datos, django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == ["Los cambios de la reunión se guardaron."]
    assert mail.outbox == []


def test_cambiar_la_fecha_avisa_a_las_ya_convocadas(
    client, coordinacion, tres, django_capture_on_commit_callbacks
):
    con, nadie1, _nadie2 = tres
    fecha = en_dias(10).replace(second=0, microsecond=0)
    reunion = ReunionFactory(fecha=fecha, invitadas=[con, nadie1])
    client.force_login(coordinacion)
    datos = datos_reunion(
        [con, nadie1], fecha=fecha + timedelta(days=1), titulo=reunion.titulo, lugar=reunion.lugar
    )
    respuesta = editar(client, reunion, datos, django_capture_on_commit_callbacks)
    assert mensajes(respuesta) == [
        "Los cambios de la reunión se guardaron. Se avisó por correo a las personas "
        "responsables de 1 institución.",
        "1 institución no tiene una persona responsable con cuenta activa y correo en el "
        "portal, así que no se le pudo avisar: NADIE1.",
    ]
    assert [m.to for m in mail.outbox] == [["resp.con@ejemplo.gob.mx"]]
    assert mail.outbox[0].subject.startswith("[Portal UIG] Cambió la reunión")
    assert "Cambiaron los datos" in mail.outbox[0].body


# --- Evidencias rechazadas ------------------------------------------------------------------------


def revisar(client, evidencia, decision, comentario, capturar):
    with capturar(execute=True):
        return client.post(
            reverse("unidades:evidencia_revisar", args=[evidencia.pk]),
            {"decision": decision, "comentario": comentario},
        )


def test_rechazo_manda_el_motivo_a_la_institucion(
    client, coordinacion, django_capture_on_commit_callbacks
):
    dependencia = con_responsable("CON")
    evidencia = EvidenciaFactory(unidad=dependencia.unidad, nombre_original="oficio-firmado.pdf")
    client.force_login(coordinacion)
    respuesta = revisar(
        client,
        evidencia,
        "rechazar",
        "Falta el acuse de recibo.",
        django_capture_on_commit_callbacks,
    )
    assert len(mensajes(respuesta)) == 1
    assert mensajes(respuesta)[0].endswith(
        "quedó rechazada. Se envió el motivo por correo a las personas responsables de la "
        "institución."
    )
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["resp.con@ejemplo.gob.mx"]
    assert "Se rechazó la evidencia de" in correo.subject
    assert "Falta el acuse de recibo." in correo.body
    assert "oficio-firmado.pdf" in correo.body
    assert f"#paso-{evidencia.paso_id}" in correo.body


def test_rechazo_sin_nadie_a_quien_avisar_lo_dice(
    client, coordinacion, django_capture_on_commit_callbacks
):
    dependencia = sin_cuenta("NADIE")
    evidencia = EvidenciaFactory(unidad=dependencia.unidad)
    client.force_login(coordinacion)
    respuesta = revisar(
        client, evidencia, "rechazar", "Ilegible.", django_capture_on_commit_callbacks
    )
    assert mensajes(respuesta)[0].endswith("quedó rechazada. No se envió el motivo por correo.")
    assert mensajes(respuesta)[1] == (
        "1 institución no tiene una persona responsable con cuenta activa y correo en el "
        "portal, así que no se le pudo avisar: NADIE."
    )
    assert mail.outbox == []
    evidencia.refresh_from_db()
    assert evidencia.estado == Evidencia.Estado.RECHAZADA


def test_validar_no_escribe_y_una_segunda_revision_no_repite(
    client, coordinacion, django_capture_on_commit_callbacks
):
    dependencia = con_responsable("CON")
    evidencia = EvidenciaFactory(unidad=dependencia.unidad)
    client.force_login(coordinacion)
    respuesta = revisar(client, evidencia, "validar", "", django_capture_on_commit_callbacks)
    assert mensajes(respuesta)[0].endswith("quedó validada.")
    respuesta = revisar(client, evidencia, "rechazar", "Tarde.", django_capture_on_commit_callbacks)
    assert mensajes(respuesta)[-1] == "Esta evidencia ya fue revisada."
    assert mail.outbox == []
