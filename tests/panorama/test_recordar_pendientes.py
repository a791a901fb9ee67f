"""El recordatorio diario: contenido, una sola vez al día, simulación y destinatarios."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from tests.factories import AcuerdoFactory, UsuarioFactory
from uig_portal.roles import Rol

HOY = date(2026, 11, 21)


@pytest.fixture
def vencido(dependencia, responsable, coordinacion):
    responsable.email = "responsable@propia.gob.mx"
    responsable.save()
    coordinacion.email = "coordinacion@uig.gob.mx"
    coordinacion.save()
    return AcuerdoFactory(
        dependencia=dependencia,
        descripcion="Entregar el acta firmada",
        fecha_compromiso=HOY - timedelta(days=3),
    )


def correr(*args):
    call_command("recordar_pendientes", "--fecha", HOY.isoformat(), *args)


@pytest.mark.django_db
def test_correo_a_responsables_y_resumen(vencido, otra_dependencia):
    correr()
    assert len(mail.outbox) == 2
    institucion, resumen = mail.outbox
    assert institucion.to == ["responsable@propia.gob.mx"]
    assert "[VENCIDO] Acuerdo: Entregar el acta firmada" in institucion.body
    sitio = settings.SITE_URL.rstrip("/")
    assert f"{sitio}/acuerdos/" in institucion.body
    assert f"{sitio}/avisos/" in institucion.body
    assert resumen.to == ["coordinacion@uig.gob.mx"]
    assert "Secretaría Propia (PROPIA): 1 vencido(s)" in resumen.body
    assert "AJENA" not in resumen.body


@pytest.mark.django_db
def test_no_envia_dos_veces_el_mismo_dia(vencido):
    correr()
    correr()
    assert len(mail.outbox) == 2
    call_command("recordar_pendientes", "--fecha", (HOY + timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_simulacion_no_envia_ni_marca(vencido):
    correr("--dry-run")
    assert mail.outbox == []
    correr()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_omite_inactivas_y_sin_correo(vencido, dependencia, responsable):
    UsuarioFactory(
        username="inactiva",
        rol=Rol.RESPONSABLE,
        dependencia=dependencia,
        email="inactiva@propia.gob.mx",
        is_active=False,
    )
    UsuarioFactory(username="sincorreo", rol=Rol.RESPONSABLE, dependencia=dependencia, email="")
    correr()
    assert mail.outbox[0].to == ["responsable@propia.gob.mx"]
    responsable.is_active = False
    responsable.save()
    mail.outbox.clear()
    call_command("recordar_pendientes", "--fecha", "2026-11-22")
    # Sin nadie a quién escribirle, solo sale el resumen, que lo señala.
    assert len(mail.outbox) == 1
    assert "sin persona responsable con correo" in mail.outbox[0].body


@pytest.mark.django_db
def test_sin_pendientes_urgentes_no_escribe(dependencia, responsable, coordinacion):
    AcuerdoFactory(dependencia=dependencia, fecha_compromiso=HOY + timedelta(days=30))
    correr()
    assert mail.outbox == []


@pytest.mark.django_db
def test_fecha_invalida():
    with pytest.raises(CommandError, match="AAAA-MM-DD"):
        call_command("recordar_pendientes", "--fecha", "21/11/2026")
