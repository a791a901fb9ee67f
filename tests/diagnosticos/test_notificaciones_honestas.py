"""Avisos honestos de una ronda: el mensaje dice a quién le llegó el correo y a quién no, y el
«Último recordatorio» y el botón de recordar solo cuentan los correos que de verdad salieron.

El caso del reporte: una ronda para 21 instituciones en la que solo 3 tienen una persona
responsable con cuenta y correo.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from diagnosticos import services
from diagnosticos.models import Aplicacion, Respuesta
from tests.factories import (
    AplicacionFactory,
    DependenciaFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    UsuarioFactory,
)
from uig_portal.lib import correo
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

HOY = timezone.localdate


@pytest.fixture
def version():
    seccion = SeccionFactory(codigo="igualdad")
    PreguntaFactory(seccion=seccion, codigo="politica")
    return seccion.version


def con_responsable(siglas, **extra):
    dependencia = DependenciaFactory(siglas=siglas, nombre=f"Institución {siglas}")
    UsuarioFactory(
        username=f"resp.{siglas.lower()}", rol=Rol.RESPONSABLE, dependencia=dependencia, **extra
    )
    return dependencia


@pytest.fixture
def veintiuna():
    """3 instituciones con responsable con correo y 18 sin nadie a quien avisar (de varias
    formas: sin cuenta, con la cuenta inactiva, sin correo o con una cuenta que no es de
    responsable)."""
    con = [con_responsable(s) for s in ("CON1", "CON2", "CON3")]
    sin = [
        DependenciaFactory(siglas=f"SIN{i:02d}", nombre=f"Sin cuenta {i:02d}") for i in range(15)
    ]
    sin.append(con_responsable("INACTIVA", is_active=False))
    sin.append(con_responsable("SINCORREO", email=""))
    consulta = DependenciaFactory(siglas="CONSULTA", nombre="Solo consulta")
    UsuarioFactory(username="consulta.x", rol=Rol.CONSULTA, dependencia=consulta)
    sin.append(consulta)
    return con, sin


def textos(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def abrir_por_formulario(client, version, dependencias, django_capture_on_commit_callbacks):
    datos = {
        "version": version.pk,
        "nombre": "Diagnóstico 2027",
        "apertura": HOY().isoformat(),
        "cierre": (HOY() + timedelta(days=21)).isoformat(),
        "instrucciones": "",
        "instituciones": [d.pk for d in dependencias],
    }
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("diagnosticos:aplicacion_nueva"), datos)


# --- Abrir una ronda ----------------------------------------------------------------------------


def test_abrir_dice_a_quien_se_aviso_y_a_quien_no(
    client, coordinacion, version, veintiuna, django_capture_on_commit_callbacks
):
    con, sin = veintiuna
    client.force_login(coordinacion)
    respuesta = abrir_por_formulario(client, version, con + sin, django_capture_on_commit_callbacks)
    assert respuesta.status_code == 302
    mensajes = textos(respuesta)
    assert mensajes[0] == (
        "Se abrió la ronda para 21 instituciones. Se avisó por correo a las personas "
        "responsables de 3 instituciones."
    )
    assert "se avisó por correo a sus personas responsables" not in " ".join(mensajes)
    assert mensajes[1].startswith(
        "18 instituciones no tienen una persona responsable con cuenta activa y correo en el "
        "portal, así que no se les pudo avisar: "
    )
    for dependencia in sin:
        assert dependencia.siglas in mensajes[1]
    for dependencia in con:
        assert dependencia.siglas not in mensajes[1]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "resp.con1@ejemplo.gob.mx",
        "resp.con2@ejemplo.gob.mx",
        "resp.con3@ejemplo.gob.mx",
    ]


def test_abrir_marca_el_recordatorio_solo_de_las_avisadas(
    client, coordinacion, version, veintiuna, django_capture_on_commit_callbacks
):
    con, sin = veintiuna
    client.force_login(coordinacion)
    abrir_por_formulario(client, version, con + sin, django_capture_on_commit_callbacks)
    ronda = Aplicacion.objects.get()
    marcadas = set(
        ronda.respuestas.filter(recordatorio_en=HOY()).values_list("dependencia__siglas", flat=True)
    )
    assert marcadas == {"CON1", "CON2", "CON3"}
    assert ronda.respuestas.filter(recordatorio_en__isnull=True).count() == 18

    # La página: «Último recordatorio» solo en 3 filas y el botón sigue para las otras 18.
    pagina = client.get(ronda.get_absolute_url())
    html = pagina.content.decode()
    filas = {r.dependencia.siglas: r for r in pagina.context["respuestas"]}
    assert filas["CON1"].recordatorio_en == HOY()
    assert filas["SIN00"].recordatorio_en is None
    assert pagina.context["por_recordar"] == 18
    assert pagina.context["por_recordar_sin_cuenta"] == 18
    assert "Enviar recordatorio a 18 instituciones pendientes" in html
    assert "ya recibieron un recordatorio hoy" not in html
    assert "18 instituciones pendientes no tienen una persona responsable" in html


def test_abrir_con_una_sola_sin_cuenta_en_singular(
    client, coordinacion, version, django_capture_on_commit_callbacks
):
    con = con_responsable("CON1")
    sin = DependenciaFactory(siglas="SOLA", nombre="La sola")
    client.force_login(coordinacion)
    respuesta = abrir_por_formulario(
        client, version, [con, sin], django_capture_on_commit_callbacks
    )
    assert textos(respuesta) == [
        "Se abrió la ronda para 2 instituciones. Se avisó por correo a las personas "
        "responsables de 1 institución.",
        "1 institución no tiene una persona responsable con cuenta activa y correo en el "
        "portal, así que no se le pudo avisar: SOLA.",
    ]


def test_abrir_sin_nadie_a_quien_avisar(
    client, coordinacion, version, django_capture_on_commit_callbacks
):
    sin = [
        DependenciaFactory(siglas="UNA", nombre="Una"),
        DependenciaFactory(siglas="OTRA", nombre="Otra"),
    ]
    client.force_login(coordinacion)
    respuesta = abrir_por_formulario(client, version, sin, django_capture_on_commit_callbacks)
    mensajes = list(get_messages(respuesta.wsgi_request))
    assert [str(m) for m in mensajes] == [
        "Se abrió la ronda para 2 instituciones. No se avisó por correo a ninguna institución.",
        "2 instituciones no tienen una persona responsable con cuenta activa y correo en el "
        "portal, así que no se les pudo avisar: OTRA y UNA.",
    ]
    assert all(m.level_tag == "warning" for m in mensajes)
    assert mail.outbox == []
    assert not Respuesta.objects.filter(recordatorio_en__isnull=False).exists()


def test_todas_con_cuenta_un_solo_mensaje(
    client, coordinacion, version, django_capture_on_commit_callbacks
):
    dependencias = [con_responsable("CON1"), con_responsable("CON2")]
    client.force_login(coordinacion)
    respuesta = abrir_por_formulario(
        client, version, dependencias, django_capture_on_commit_callbacks
    )
    assert textos(respuesta) == [
        "Se abrió la ronda para 2 instituciones. Se avisó por correo a las personas "
        "responsables de 2 instituciones."
    ]
    assert len(mail.outbox) == 2


def test_cada_institucion_recibe_su_propio_correo(
    version, coordinacion, django_capture_on_commit_callbacks
):
    una = con_responsable("UNA")
    UsuarioFactory(username="resp.una2", rol=Rol.RESPONSABLE, dependencia=una)
    otra = con_responsable("OTRA")
    with django_capture_on_commit_callbacks(execute=True):
        services.abrir_aplicacion(
            version=version,
            nombre="Ronda",
            apertura=HOY(),
            cierre=HOY() + timedelta(days=9),
            instrucciones="",
            dependencias=[una, otra],
            usuario=coordinacion,
        )
    destinatarios = sorted(sorted(m.to) for m in mail.outbox)
    assert destinatarios == [
        ["resp.otra@ejemplo.gob.mx"],
        ["resp.una2@ejemplo.gob.mx", "resp.una@ejemplo.gob.mx"],
    ]


def test_agregar_instituciones_tambien_lo_dice(
    client, coordinacion, version, django_capture_on_commit_callbacks
):
    ronda = AplicacionFactory(version=version)
    RespuestaFactory(aplicacion=ronda, dependencia=con_responsable("YA"))
    nueva = con_responsable("NUEVA")
    sin = DependenciaFactory(siglas="NADIE")
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("diagnosticos:aplicacion_editar", args=[ronda.pk]),
            {
                "nombre": ronda.nombre,
                "apertura": ronda.apertura.isoformat(),
                "cierre": ronda.cierre.isoformat(),
                "instrucciones": "",
                "instituciones": [nueva.pk, sin.pk],
            },
        )
    assert textos(respuesta) == [
        "Se guardaron los cambios de la ronda. Se agregaron 2 instituciones. Se avisó por "
        "correo a las personas responsables de 1 institución.",
        "1 institución no tiene una persona responsable con cuenta activa y correo en el "
        "portal, así que no se le pudo avisar: NADIE.",
    ]
    assert [m.to for m in mail.outbox] == [["resp.nueva@ejemplo.gob.mx"]]
    assert set(
        ronda.respuestas.filter(recordatorio_en=HOY()).values_list("dependencia__siglas", flat=True)
    ) == {"NUEVA"}


# --- Recordatorios --------------------------------------------------------------------------------


@pytest.fixture
def ronda_abierta(coordinacion, version, veintiuna, django_capture_on_commit_callbacks):
    con, sin = veintiuna
    with django_capture_on_commit_callbacks(execute=True):
        ronda = services.abrir_aplicacion(
            version=version,
            nombre="Diagnóstico 2027",
            apertura=HOY(),
            cierre=HOY() + timedelta(days=21),
            instrucciones="",
            dependencias=con + sin,
            usuario=coordinacion,
        )
    mail.outbox.clear()
    return ronda


def test_boton_sin_nadie_a_quien_recordar_lo_dice_y_no_marca(
    client, coordinacion, ronda_abierta, django_capture_on_commit_callbacks
):
    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_recordar", args=[ronda_abierta.pk])
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url)
    mensajes = textos(respuesta)
    assert mensajes[0] == "No se envió ningún recordatorio."
    assert mensajes[1].startswith("18 instituciones no tienen una persona responsable")
    assert mail.outbox == []
    assert ronda_abierta.respuestas.filter(recordatorio_en__isnull=True).count() == 18
    # El botón sigue: ninguna de las 18 recibió nada hoy.
    pagina = client.get(ronda_abierta.get_absolute_url())
    assert "Enviar recordatorio a 18 instituciones pendientes" in pagina.content.decode()


def test_recordatorio_llega_a_quien_recien_tiene_cuenta(
    client, coordinacion, ronda_abierta, django_capture_on_commit_callbacks
):
    dependencia = ronda_abierta.respuestas.get(dependencia__siglas="SIN03").dependencia
    UsuarioFactory(username="resp.nueva", rol=Rol.RESPONSABLE, dependencia=dependencia)
    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_recordar", args=[ronda_abierta.pk])
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url)
    mensajes = textos(respuesta)
    assert mensajes[0] == "Se envió un recordatorio por correo a 1 institución pendiente."
    assert mensajes[1].startswith("17 instituciones no tienen una persona responsable")
    assert "SIN03" not in mensajes[1]
    assert [m.to for m in mail.outbox] == [["resp.nueva@ejemplo.gob.mx"]]
    # Es su primer aviso: le llega como apertura.
    assert "Se abrió el diagnóstico «Diagnóstico 2027»" in mail.outbox[0].subject
    assert set(
        ronda_abierta.respuestas.filter(recordatorio_en=HOY()).values_list(
            "dependencia__siglas", flat=True
        )
    ) == {"CON1", "CON2", "CON3", "SIN03"}


def test_el_cron_tambien_cuenta_a_las_que_no_tienen_a_nadie(ronda_abierta):
    from io import StringIO

    from django.core.management import call_command

    salida = StringIO()
    call_command("recordar_diagnosticos", "--dry-run", stdout=salida)
    texto = salida.getvalue()
    assert "Recordatorios que se enviarían: 0" in texto
    assert "18 instituciones no tienen una persona responsable" in texto


# --- La pieza común -----------------------------------------------------------------------------


def test_lista_de_instituciones_en_espanol():
    class Inst:
        def __init__(self, siglas):
            self.siglas = siglas

    assert correo.lista_de_instituciones([Inst("A")]) == "A"
    assert correo.lista_de_instituciones([Inst("A"), Inst("B")]) == "A y B"
    assert correo.lista_de_instituciones([Inst("A"), Inst("B"), Inst("C")]) == "A, B y C"
    muchas = [Inst(f"I{i}") for i in range(35)]
    texto = correo.lista_de_instituciones(muchas, limite=30)
    assert texto.endswith("I29 y 5 más")


def test_repartir_no_repite_instituciones_sin_cuenta():
    sin = DependenciaFactory(siglas="SIN")
    con = con_responsable("CON")
    otra_ronda = AplicacionFactory()
    respuestas = [
        RespuestaFactory(dependencia=sin),
        RespuestaFactory(dependencia=sin, aplicacion=otra_ronda),
        RespuestaFactory(dependencia=con),
    ]
    reparto = correo.repartir(respuestas, lambda r: r.dependencia)
    assert reparto.enviados == [respuestas[2]]
    assert reparto.sin_cuenta == [sin]
    assert reparto.correos == {con.pk: ["resp.con@ejemplo.gob.mx"]}
