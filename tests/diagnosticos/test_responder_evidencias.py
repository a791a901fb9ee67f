"""Evidencias de las preguntas: subir (validadas por contenido), descargar y eliminar."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from diagnosticos.models import EvidenciaRespuesta, Respuesta, Valor
from tests.diagnosticos import test_captura as base
from tests.factories import archivo_pdf

# Fixtures y ayudas compartidas del área (ver test_captura).
cuestionario_chico = base.cuestionario_chico
respuesta_propia = base.respuesta_propia
contestar_todo = base.contestar_todo
guardar = base.guardar

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media_temporal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cliente(client, responsable):
    client.force_login(responsable)
    return client


def url_subir(respuesta, pregunta):
    return reverse("diagnosticos:evidencia_subir", args=[respuesta.pk, pregunta.pk])


def test_subir_pdf_crea_el_valor_y_la_evidencia(
    cliente, respuesta_propia, cuestionario_chico, responsable
):
    p = cuestionario_chico
    respuesta = cliente.post(
        url_subir(respuesta_propia, p.obstaculos), {"archivo": archivo_pdf("minuta.pdf")}, **HTMX
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Se subió «minuta.pdf»." in html
    evidencia = EvidenciaRespuesta.objects.get()
    assert evidencia.nombre_original == "minuta.pdf"
    assert evidencia.tipo_contenido == "application/pdf"
    assert evidencia.tamano > 0
    assert evidencia.valor.pregunta == p.obstaculos
    assert evidencia.valor.valor is None and evidencia.valor.revision == 0
    assert reverse("diagnosticos:evidencia_descargar", args=[evidencia.pk]) in html

    descarga = cliente.get(reverse("diagnosticos:evidencia_descargar", args=[evidencia.pk]))
    assert descarga.status_code == 200
    assert descarga["Content-Type"] == "application/pdf"
    assert f"evidencia-obstaculos-{evidencia.pk}.pdf" in descarga["Content-Disposition"]
    # Subir una evidencia no cambia la revisión: el autoguardado del texto sigue sin conflicto.
    assert guardar(respuesta_propia, p.obstaculos, "Falta presupuesto", responsable).revision == 1


def test_exe_disfrazado_de_pdf_se_rechaza(cliente, respuesta_propia, cuestionario_chico):
    falso = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    respuesta = cliente.post(
        url_subir(respuesta_propia, cuestionario_chico.obstaculos), {"archivo": falso}, **HTMX
    )
    assert respuesta.status_code == 422
    assert "no es un PDF ni una imagen JPG o PNG" in respuesta.content.decode()
    assert not EvidenciaRespuesta.objects.exists()
    assert not Valor.objects.exists()


def test_sin_archivo_y_sin_javascript(cliente, respuesta_propia, cuestionario_chico):
    respuesta = cliente.post(
        url_subir(respuesta_propia, cuestionario_chico.obstaculos), follow=True
    )
    assert "Elija el archivo que quiere subir." in respuesta.content.decode()
    assert not EvidenciaRespuesta.objects.exists()


def test_pregunta_que_no_admite_evidencia(cliente, respuesta_propia, cuestionario_chico):
    respuesta = cliente.post(
        url_subir(respuesta_propia, cuestionario_chico.tiene_uig),
        {"archivo": archivo_pdf()},
        **HTMX,
    )
    assert respuesta.status_code == 422
    assert "no admite evidencias" in respuesta.content.decode()
    assert not EvidenciaRespuesta.objects.exists()


def test_no_se_sube_ni_elimina_tras_enviar(
    cliente, respuesta_propia, cuestionario_chico, responsable
):
    p = cuestionario_chico
    cliente.post(url_subir(respuesta_propia, p.obstaculos), {"archivo": archivo_pdf()}, **HTMX)
    evidencia = EvidenciaRespuesta.objects.get()
    contestar_todo(respuesta_propia, p, responsable)
    cliente.post(reverse("diagnosticos:respuesta_enviar", args=[respuesta_propia.pk]))
    assert Respuesta.objects.get(pk=respuesta_propia.pk).estado == Respuesta.Estado.ENVIADA
    rechazo = cliente.post(
        url_subir(respuesta_propia, p.obstaculos), {"archivo": archivo_pdf()}, **HTMX
    )
    assert "ya se envió" in rechazo.content.decode()
    eliminar = cliente.post(reverse("diagnosticos:evidencia_eliminar", args=[evidencia.pk]), **HTMX)
    assert "ya se envió" in eliminar.content.decode()
    assert EvidenciaRespuesta.objects.count() == 1


def test_eliminar(
    cliente, respuesta_propia, cuestionario_chico, django_capture_on_commit_callbacks
):
    cliente.post(
        url_subir(respuesta_propia, cuestionario_chico.obstaculos),
        {"archivo": archivo_pdf("acta.pdf")},
        **HTMX,
    )
    evidencia = EvidenciaRespuesta.objects.get()
    almacen, nombre = evidencia.archivo.storage, evidencia.archivo.name
    assert almacen.exists(nombre)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente.post(
            reverse("diagnosticos:evidencia_eliminar", args=[evidencia.pk]), follow=True
        )
    assert "Se eliminó la evidencia «acta.pdf»." in respuesta.content.decode()
    assert not EvidenciaRespuesta.objects.exists()
    assert not almacen.exists(nombre)
