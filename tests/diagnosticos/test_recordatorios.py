"""Recordatorios: a quién se escriben, nunca dos el mismo día, el comando y el botón."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from diagnosticos import services
from diagnosticos.models import Respuesta
from tests.factories import AplicacionFactory, DependenciaFactory, RespuestaFactory, UsuarioFactory
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

HOY = timezone.localdate


def institucion(siglas):
    """Una institución con una persona responsable con correo."""
    dependencia = DependenciaFactory(siglas=siglas)
    UsuarioFactory(
        username=f"resp.{siglas.lower()}",
        rol=Rol.RESPONSABLE,
        dependencia=dependencia,
    )
    return dependencia


@pytest.fixture
def ronda():
    """Una ronda abierta con una institución en cada estado."""
    ronda = AplicacionFactory(nombre="Diagnóstico 2027")
    for estado in Respuesta.Estado:
        RespuestaFactory(
            aplicacion=ronda,
            dependencia=institucion(estado.value.upper().replace("_", "")),
            estado=estado,
            avance=35,
        )
    return ronda


def destinatarios(mailoutbox):
    return sorted(m.to[0] for m in mailoutbox)


def test_solo_a_las_pendientes(ronda, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enviados = services.enviar_recordatorios(ronda)
    assert enviados == 3
    assert destinatarios(mailoutbox) == [
        "resp.devuelta@ejemplo.gob.mx",
        "resp.enprogreso@ejemplo.gob.mx",
        "resp.sininiciar@ejemplo.gob.mx",
    ]
    correo = mailoutbox[0]
    assert "35 %" in correo.body
    assert "/diagnosticos/" in correo.body
    assert set(
        Respuesta.objects.filter(estado__in=services.PENDIENTES).values_list(
            "recordatorio_en", flat=True
        )
    ) == {HOY()}
    assert not Respuesta.objects.filter(estado="enviada", recordatorio_en__isnull=False).exists()


def test_nunca_dos_el_mismo_dia_y_otro_dia_si(
    ronda, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recordatorios() == 3
        assert services.enviar_recordatorios() == 0
        assert services.enviar_recordatorios(ronda) == 0
    assert len(mailoutbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recordatorios(hoy=HOY() + timedelta(days=1)) == 3
    assert len(mailoutbox) == 6


def test_textos_segun_el_plazo(
    dependencia, responsable, mailoutbox, django_capture_on_commit_callbacks
):
    vencida = AplicacionFactory(
        nombre="Vencida", apertura=HOY() - timedelta(days=20), cierre=HOY() - timedelta(days=2)
    )
    pronto = AplicacionFactory(nombre="Pronto", cierre=HOY() + timedelta(days=2))
    holgada = AplicacionFactory(nombre="Holgada", cierre=HOY() + timedelta(days=20))
    recien = AplicacionFactory(
        nombre="Recién abierta", apertura=HOY(), instrucciones="Lean la guía."
    )
    ayer = HOY() - timedelta(days=1)
    for ronda in (vencida, pronto, holgada):
        RespuestaFactory(aplicacion=ronda, dependencia=dependencia, recordatorio_en=ayer)
    RespuestaFactory(aplicacion=recien, dependencia=dependencia, recordatorio_en=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recordatorios() == 4
    por_asunto = {m.subject: m.body for m in mailoutbox}
    vencido = next(b for s, b in por_asunto.items() if "«Vencida» venció" in s)
    assert "hace 2 días" in vencido
    cercano = next(b for s, b in por_asunto.items() if "«Pronto» vence pronto" in s)
    assert "Faltan 2 días" in cercano
    normal = next(b for s, b in por_asunto.items() if "Recordatorio: diagnóstico «Holgada»" in s)
    assert "tiene pendiente" in normal
    apertura = next(b for s, b in por_asunto.items() if "Se abrió el diagnóstico «Recién" in s)
    assert "Lean la guía." in apertura


def test_rondas_por_abrir_no_reciben_nada(dependencia, responsable, mailoutbox):
    ronda = AplicacionFactory(apertura=HOY() + timedelta(days=3), cierre=HOY() + timedelta(days=9))
    RespuestaFactory(aplicacion=ronda, dependencia=dependencia)
    assert services.enviar_recordatorios() == 0
    # El día de apertura sí sale el aviso.
    assert services.enviar_recordatorios(hoy=ronda.apertura, dry_run=True) == 1


def test_sin_responsable_con_correo_no_cuenta_ni_se_marca(mailoutbox):
    ronda = AplicacionFactory()
    sin_nadie = RespuestaFactory(aplicacion=ronda)
    assert services.enviar_recordatorios(ronda) == 0
    sin_nadie.refresh_from_db()
    assert sin_nadie.recordatorio_en is None


def test_devuelta_incluye_las_observaciones(
    dependencia, responsable, mailoutbox, django_capture_on_commit_callbacks
):
    RespuestaFactory(
        dependencia=dependencia, estado="devuelta", observaciones="Falta el presupuesto."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.enviar_recordatorios()
    assert "Falta el presupuesto." in mailoutbox[0].body


# --- Comando -----------------------------------------------------------------------------------


def test_comando_envia_e_imprime_cuantos(ronda, mailoutbox, django_capture_on_commit_callbacks):
    salida = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recordar_diagnosticos", stdout=salida)
    assert "Recordatorios enviados: 3." in salida.getvalue()
    assert len(mailoutbox) == 3


def test_comando_dry_run_no_envia_ni_marca(ronda, mailoutbox, django_capture_on_commit_callbacks):
    salida = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recordar_diagnosticos", "--dry-run", stdout=salida)
    assert "Recordatorios que se enviarían: 3" in salida.getvalue()
    assert mailoutbox == []
    assert not Respuesta.objects.filter(recordatorio_en__isnull=False).exists()


def test_comando_por_ronda(ronda, mailoutbox, django_capture_on_commit_callbacks):
    otra = AplicacionFactory()
    RespuestaFactory(aplicacion=otra, dependencia=institucion("OTRA"))
    salida = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recordar_diagnosticos", "--ronda", str(otra.pk), stdout=salida)
    assert "Recordatorios enviados: 1." in salida.getvalue()
    assert destinatarios(mailoutbox) == ["resp.otra@ejemplo.gob.mx"]
    with pytest.raises(CommandError, match="No existe la ronda"):
        call_command("recordar_diagnosticos", "--ronda", "999999", stdout=salida)


# --- Botón --------------------------------------------------------------------------------------


def test_boton_envia_y_el_segundo_clic_no_repite(
    client, coordinacion, ronda, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_recordar", args=[ronda.pk])
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url, follow=True)
    html = respuesta.content.decode()
    assert "Se envió un recordatorio por correo a 3 instituciones pendientes." in html
    assert len(mailoutbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url, follow=True)
    assert "No se envió ningún recordatorio" in respuesta.content.decode()
    assert len(mailoutbox) == 3
    assert "ya recibieron un recordatorio hoy" in respuesta.content.decode()


def test_boton_en_ronda_por_abrir(client, coordinacion, dependencia, responsable, mailoutbox):
    ronda = AplicacionFactory(apertura=HOY() + timedelta(days=3))
    RespuestaFactory(aplicacion=ronda, dependencia=dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("diagnosticos:aplicacion_recordar", args=[ronda.pk]), follow=True
    )
    assert "antes de esa fecha no se envían recordatorios" in respuesta.content.decode()
    assert mailoutbox == []
