"""Revisión de la Coordinación: devolver con observaciones y aceptar una respuesta enviada."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from diagnosticos import services
from diagnosticos.models import Respuesta
from tests.factories import (
    AplicacionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    ValorFactory,
)

pytestmark = pytest.mark.django_db

Estado = Respuesta.Estado


@pytest.fixture
def enviada(dependencia):
    """Una respuesta enviada con «sí» y «no» en una sección de dos preguntas (índice 50)."""
    seccion = SeccionFactory(codigo="igualdad")
    si = PreguntaFactory(seccion=seccion, codigo="politica")
    no = PreguntaFactory(seccion=seccion, codigo="protocolo")
    respuesta = RespuestaFactory(
        aplicacion=AplicacionFactory(version=seccion.version, nombre="Diagnóstico 2027"),
        dependencia=dependencia,
        estado=Estado.ENVIADA,
        enviada_en=timezone.now(),
        avance=0,
    )
    ValorFactory(respuesta=respuesta, pregunta=si, valor="si")
    ValorFactory(respuesta=respuesta, pregunta=no, valor="no")
    return respuesta


# --- Servicio --------------------------------------------------------------------------------


def test_devolver_cambia_estado_y_avisa(
    enviada, coordinacion, responsable, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.devolver(enviada, observaciones="  Falta el presupuesto.  ", usuario=coordinacion)
    enviada.refresh_from_db()
    assert enviada.estado == Estado.DEVUELTA
    assert enviada.editable
    assert enviada.observaciones == "Falta el presupuesto."
    registro = enviada.history.first()
    assert (registro.history_user, registro.history_change_reason) == (coordinacion, "devolucion")
    assert [m.to for m in mailoutbox] == [[responsable.email]]
    assert "Falta el presupuesto." in mailoutbox[0].body
    assert "observaciones" in mailoutbox[0].subject


@pytest.mark.parametrize("observaciones", ["", "   ", None])
def test_devolver_sin_observaciones_no_cambia_nada(
    enviada, coordinacion, observaciones, mailoutbox
):
    with pytest.raises(ValidationError, match="Escriba las observaciones"):
        services.devolver(enviada, observaciones=observaciones, usuario=coordinacion)
    enviada.refresh_from_db()
    assert enviada.estado == Estado.ENVIADA
    assert mailoutbox == []


@pytest.mark.parametrize("estado", [Estado.SIN_INICIAR, Estado.EN_PROGRESO])
def test_no_se_revisa_lo_que_no_se_ha_enviado(enviada, coordinacion, estado):
    Respuesta.objects.filter(pk=enviada.pk).update(estado=estado)
    with pytest.raises(ValidationError, match="Solo se devuelve una respuesta enviada"):
        services.devolver(enviada, observaciones="Algo", usuario=coordinacion)
    with pytest.raises(ValidationError, match="Solo se acepta una respuesta enviada"):
        services.aceptar(enviada, usuario=coordinacion)
    enviada.refresh_from_db()
    assert enviada.estado == estado


def test_aceptada_no_se_devuelve_y_devuelta_no_se_acepta(enviada, coordinacion):
    services.aceptar(enviada, usuario=coordinacion)
    with pytest.raises(ValidationError, match="esta está «Aceptada»"):
        services.devolver(enviada, observaciones="Tarde", usuario=coordinacion)
    otra = RespuestaFactory(estado=Estado.DEVUELTA)
    with pytest.raises(ValidationError, match="Devuelta con observaciones"):
        services.aceptar(otra, usuario=coordinacion)


def test_doble_clic_un_solo_cambio(
    enviada, coordinacion, responsable, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.devolver(enviada, observaciones="Primera", usuario=coordinacion)
        with pytest.raises(services.SinCambios, match="ya se había devuelto"):
            services.devolver(enviada, observaciones="Segunda", usuario=coordinacion)
    enviada.refresh_from_db()
    assert enviada.observaciones == "Primera"
    assert len(mailoutbox) == 1
    assert enviada.history.filter(history_change_reason="devolucion").count() == 1


def test_aceptar_recalcula_indices_y_avisa(
    enviada, coordinacion, responsable, mailoutbox, django_capture_on_commit_callbacks
):
    # Los índices guardados al enviar pudieron quedar viejos: aceptar los vuelve a calcular.
    Respuesta.objects.filter(pk=enviada.pk).update(indice=Decimal("99"), indices={})
    with django_capture_on_commit_callbacks(execute=True):
        services.aceptar(enviada, usuario=coordinacion)
        with pytest.raises(services.SinCambios, match="ya estaba aceptada"):
            services.aceptar(enviada, usuario=coordinacion)
    enviada.refresh_from_db()
    assert enviada.estado == Estado.ACEPTADA
    assert enviada.indice == Decimal("50.00")
    assert enviada.indices == {"igualdad": "50.00"}
    assert enviada.avance == 100
    assert enviada.aceptada_por == coordinacion
    assert enviada.aceptada_en is not None
    assert len(mailoutbox) == 1
    assert "aceptado" in mailoutbox[0].subject
    assert "50.00" in mailoutbox[0].body


# --- Vistas -------------------------------------------------------------------------------------


def test_vista_devolver_redirige_con_mensaje(client, coordinacion, enviada):
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("diagnosticos:respuesta_devolver", args=[enviada.pk]),
        {"observaciones": "Precise la meta."},
    )
    assert respuesta.status_code == 302
    assert respuesta.url.endswith("#revision")
    enviada.refresh_from_db()
    assert enviada.estado == Estado.DEVUELTA
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert any("Se devolvió la respuesta" in m for m in mensajes)


def test_vista_devolver_sin_observaciones(client, coordinacion, enviada):
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("diagnosticos:respuesta_devolver", args=[enviada.pk]), {"observaciones": " "}
    )
    assert respuesta.status_code == 302
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert any("Escriba las observaciones" in m for m in mensajes)
    enviada.refresh_from_db()
    assert enviada.estado == Estado.ENVIADA


def test_vista_aceptar_doble_clic(client, coordinacion, enviada):
    client.force_login(coordinacion)
    url = reverse("diagnosticos:respuesta_aceptar", args=[enviada.pk])
    client.post(url)
    respuesta = client.post(url)
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert any("ya estaba aceptada" in m for m in mensajes)
    enviada.refresh_from_db()
    assert enviada.estado == Estado.ACEPTADA


def test_vista_de_otra_institucion_es_404(client, enviada, otra_dependencia, administracion):
    ajena = RespuestaFactory(dependencia=otra_dependencia, estado=Estado.ENVIADA)
    client.force_login(administracion)
    assert client.post(reverse("diagnosticos:respuesta_aceptar", args=[999999])).status_code == 404
    assert (
        client.post(reverse("diagnosticos:respuesta_aceptar", args=[ajena.pk])).status_code == 302
    )


# --- El fragmento de revisión --------------------------------------------------------------------


def fragmento(respuesta, usuario):
    request = RequestFactory().get("/")
    request.user = usuario
    from django.contrib.auth.context_processors import PermWrapper

    return render_to_string(
        "diagnosticos/aplicaciones/_revision.html",
        {"respuesta": respuesta, "perms": PermWrapper(usuario)},
        request=request,
    )


def test_fragmento_con_formularios_para_la_coordinacion(enviada, coordinacion, responsable):
    html = fragmento(enviada, coordinacion)
    assert "Devolver con observaciones" in html
    assert "Aceptar" in html
    assert 'name="observaciones"' in html and "required" in html
    html = fragmento(enviada, responsable)
    assert "Devolver con observaciones" not in html
    assert "en revisión de la Coordinación" in html


def test_fragmento_dice_quien_y_cuando(enviada, coordinacion):
    coordinacion.first_name, coordinacion.last_name = "Ana", "Pérez"
    coordinacion.save()
    services.devolver(enviada, observaciones="Corrija la sección 2.", usuario=coordinacion)
    enviada.refresh_from_db()
    html = fragmento(enviada, coordinacion)
    assert "Corrija la sección 2." in html and "Ana Pérez" in html
    assert "Aceptar" not in html
    Respuesta.objects.filter(pk=enviada.pk).update(estado=Estado.ENVIADA)
    enviada.refresh_from_db()
    services.aceptar(enviada, usuario=coordinacion)
    enviada.refresh_from_db()
    html = fragmento(enviada, coordinacion)
    assert "Aceptada" in html and "Ana Pérez" in html
