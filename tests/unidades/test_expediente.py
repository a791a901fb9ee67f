"""El expediente: ciclo de instalación con evidencias, integrantes y datos de contacto."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.factories import EvidenciaFactory, IntegranteFactory, archivo_pdf, pdf_minimo
from unidades.models import Evidencia, Integrante, PasoGuia, Unidad

pytestmark = pytest.mark.django_db


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def subir(client, dependencia, clave, archivo=None):
    paso = PasoGuia.objects.get(clave=clave)
    return client.post(
        reverse("unidades:evidencia_subir", args=[dependencia.pk, paso.pk]),
        {"archivo": archivo or archivo_pdf(f"{clave}.pdf")},
    )


def validar(client, clave, unidad, decision="validar", comentario=""):
    evidencia = unidad.evidencias.filter(paso__clave=clave).latest("subida_en")
    return client.post(
        reverse("unidades:evidencia_revisar", args=[evidencia.pk]),
        {"decision": decision, "comentario": comentario},
    )


def avanzar(client, dependencia, fecha):
    return client.post(
        reverse("unidades:unidad_avanzar", args=[dependencia.pk]), {"fecha": fecha.isoformat()}
    )


def test_de_sin_iniciar_a_instalada_con_sus_evidencias(
    client, dependencia, responsable, coordinacion
):
    unidad = dependencia.unidad
    pasos = [
        ("oficio", Unidad.Estado.EN_GESTION, date(2026, 2, 2)),
        ("designacion", Unidad.Estado.TITULAR_DESIGNADA, date(2026, 3, 3)),
        ("acta", None, None),
        ("estructura", Unidad.Estado.INSTALADA, date(2026, 4, 4)),
    ]
    for clave, estado, fecha in pasos:
        client.force_login(responsable)
        assert subir(client, dependencia, clave).status_code == 302
        client.force_login(coordinacion)
        validar(client, clave, unidad)
        if estado:
            respuesta = avanzar(client, dependencia, fecha)
            assert f"La unidad pasó a «{estado.label}»." in mensajes(respuesta)
            unidad.refresh_from_db()
            assert unidad.estado == estado
            assert unidad.fecha_de(estado) == fecha
    assert unidad.esta_instalada
    assert (
        unidad.history.filter(estado=Unidad.Estado.INSTALADA).first().history_user == coordinacion
    )

    html = client.get(dependencia.get_absolute_url()).content.decode()
    assert "Instalada" in html and "04/04/2026" in html


def test_no_avanza_sin_la_evidencia_validada(client, dependencia, coordinacion, responsable):
    client.force_login(responsable)
    subir(client, dependencia, "oficio")  # subida, pero sin validar
    client.force_login(coordinacion)
    respuesta = avanzar(client, dependencia, date(2026, 2, 2))
    assert (
        "Para pasar a «En gestión» falta la evidencia validada de: "
        "Oficio a la persona titular de la institución." in mensajes(respuesta)
    )
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.estado == Unidad.Estado.SIN_INICIAR
    assert dependencia.unidad.fecha_en_gestion is None


def test_una_evidencia_rechazada_no_cuenta(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    subir(client, dependencia, "oficio")
    validar(client, "oficio", dependencia.unidad, "rechazar", "No tiene acuse de recibo.")
    avanzar(client, dependencia, date(2026, 2, 2))
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.estado == Unidad.Estado.SIN_INICIAR


def _con_oficio_validado(client, dependencia):
    subir(client, dependencia, "oficio")
    validar(client, "oficio", dependencia.unidad)


def test_fecha_futura_o_anterior_al_paso_previo(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    _con_oficio_validado(client, dependencia)
    manana = timezone.localdate() + timedelta(days=1)
    assert "La fecha no puede ser posterior a hoy." in mensajes(
        avanzar(client, dependencia, manana)
    )
    avanzar(client, dependencia, date(2026, 5, 5))
    subir(client, dependencia, "designacion")
    validar(client, "designacion", dependencia.unidad)
    respuesta = avanzar(client, dependencia, date(2026, 5, 4))
    assert "La fecha no puede ser anterior a la del paso previo (05/05/2026)." in mensajes(
        respuesta
    )
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.estado == Unidad.Estado.EN_GESTION


def test_fecha_invalida(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    _con_oficio_validado(client, dependencia)
    respuesta = client.post(
        reverse("unidades:unidad_avanzar", args=[dependencia.pk]), {"fecha": "31/02/2026"}
    )
    assert "Escriba una fecha válida (día/mes/año)." in mensajes(respuesta)


def test_doble_clic_en_avanzar_avanza_un_solo_paso(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    _con_oficio_validado(client, dependencia)
    version = dependencia.unidad.version
    url = reverse("unidades:unidad_avanzar", args=[dependencia.pk])
    datos = {"fecha": "2026-02-02", "version": version}
    client.post(url, datos)
    respuesta = client.post(url, datos)
    assert any(
        m.startswith(
            "Usted, desde otra pestaña o ventana, guardó cambios en el estado de la unidad"
        )
        for m in mensajes(respuesta)
    )
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.estado == Unidad.Estado.EN_GESTION


def test_un_enlace_no_necesita_estructura(dependencia):
    unidad = dependencia.unidad
    unidad.modalidad = Unidad.Modalidad.ENLACE
    faltan = [p.clave for p in unidad.pasos_que_faltan(Unidad.Estado.INSTALADA)]
    assert faltan == ["acta"]
    unidad.modalidad = Unidad.Modalidad.UNIDAD
    assert [p.clave for p in unidad.pasos_que_faltan(Unidad.Estado.INSTALADA)] == [
        "acta",
        "estructura",
    ]


def test_coordinacion_cambia_la_modalidad(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    client.post(
        reverse("unidades:unidad_modalidad", args=[dependencia.pk]), {"modalidad": "enlace"}
    )
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.modalidad == Unidad.Modalidad.ENLACE


def test_revisar_rechazo_exige_comentario_y_una_sola_revision(client, dependencia, coordinacion):
    evidencia = EvidenciaFactory(unidad=dependencia.unidad)
    client.force_login(coordinacion)
    url = reverse("unidades:evidencia_revisar", args=[evidencia.pk])
    respuesta = client.post(url, {"decision": "rechazar", "comentario": "  "})
    assert any("Escriba por qué se rechaza" in m for m in mensajes(respuesta))
    evidencia.refresh_from_db()
    assert evidencia.estado == Evidencia.Estado.PENDIENTE

    client.post(url, {"decision": "rechazar", "comentario": "Falta la firma."})
    evidencia.refresh_from_db()
    assert evidencia.estado == Evidencia.Estado.RECHAZADA
    assert evidencia.comentario == "Falta la firma." and evidencia.revisada_por == coordinacion
    respuesta = client.post(url, {"decision": "validar"})
    assert "Esta evidencia ya fue revisada." in mensajes(respuesta)


@pytest.mark.parametrize(
    "nombre,contenido,mensaje",
    [
        ("acta.pdf", b"MZ\x90\x00" + b"\x00" * 200, "no es un PDF ni una imagen JPG o PNG"),
        ("acta.pdf", b"", "Elija el archivo que quiere subir."),
        ("acta.docx", b"PK\x03\x04" + b"\x00" * 100, "no es un PDF ni una imagen JPG o PNG"),
        ("foto.png", b"<svg onload=alert(1)>", "no es un PDF ni una imagen JPG o PNG"),
    ],
)
def test_evidencia_invalida_no_se_guarda(
    client, dependencia, responsable, nombre, contenido, mensaje
):
    client.force_login(responsable)
    respuesta = subir(client, dependencia, "acta", SimpleUploadedFile(nombre, contenido))
    assert any(mensaje in m for m in mensajes(respuesta)), mensajes(respuesta)
    assert not Evidencia.objects.exists()


def test_evidencia_de_mas_de_10_mb_no_se_guarda(client, dependencia, responsable):
    client.force_login(responsable)
    grande = SimpleUploadedFile("acta.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    respuesta = subir(client, dependencia, "acta", grande)
    assert any("supera el máximo de 10 MB" in m for m in mensajes(respuesta)), mensajes(respuesta)
    assert not Evidencia.objects.exists()


def test_acepta_imagenes_y_guarda_sin_el_nombre_original(client, dependencia, responsable):
    client.force_login(responsable)
    png = SimpleUploadedFile("../../foto del acta.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    subir(client, dependencia, "acta", png)
    jpg = SimpleUploadedFile("toma.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    subir(client, dependencia, "acta", jpg)
    evidencias = list(Evidencia.objects.order_by("pk"))
    assert [e.tipo_contenido for e in evidencias] == ["image/png", "image/jpeg"]
    assert evidencias[0].archivo.name.startswith(f"evidencias/{dependencia.unidad.pk}/")
    assert evidencias[0].archivo.name.endswith(".png")
    assert "foto" not in evidencias[0].archivo.name
    assert evidencias[0].subida_por == responsable


def test_descargar_evidencia(client, dependencia, consulta):
    contenido = pdf_minimo("Acta firmada")
    evidencia = EvidenciaFactory(
        unidad=dependencia.unidad, archivo=archivo_pdf("acta <firmada>.pdf", contenido)
    )
    client.force_login(consulta)
    respuesta = client.get(reverse("unidades:evidencia_descargar", args=[evidencia.pk]))
    assert b"".join(respuesta.streaming_content) == contenido
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"] == (
        f'attachment; filename="evidencia-oficio-{evidencia.pk}.pdf"'
    )


def test_datos_de_contacto_y_edicion_simultanea(client, dependencia, responsable):
    client.force_login(responsable)
    url = reverse("unidades:unidad_contacto", args=[dependencia.pk])
    version = dependencia.unidad.version
    datos = {
        "adscripcion": "Oficina de la persona titular",
        "correo": "uig@finanzas.gob.mx",
        "telefono": "492 123 4567",
        "domicilio": "Av. Hidalgo 1",
        "version": version,
    }
    assert client.post(url, datos).status_code == 302
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.correo == "uig@finanzas.gob.mx"
    assert dependencia.unidad.version == version + 1

    # Otra persona envía un formulario que abrió antes del guardado anterior.
    viejo = {**datos, "correo": "otro@finanzas.gob.mx"}
    respuesta = client.post(url, viejo)
    assert respuesta.status_code == 200
    assert (
        "guardó cambios en los datos de contacto de la unidad a las" in respuesta.content.decode()
    )
    dependencia.unidad.refresh_from_db()
    assert dependencia.unidad.correo == "uig@finanzas.gob.mx"


def test_correo_invalido_no_se_guarda(client, dependencia, responsable):
    client.force_login(responsable)
    url = reverse("unidades:unidad_contacto", args=[dependencia.pk])
    respuesta = client.post(url, {"correo": "no-es-correo", "version": dependencia.unidad.version})
    assert respuesta.status_code == 200
    assert "Introduzca una dirección de correo electrónico válida" in respuesta.content.decode()


def test_nueva_titular_da_de_baja_a_la_anterior_y_conserva_su_historia(
    client, dependencia, responsable
):
    anterior = IntegranteFactory(unidad=dependencia.unidad, nombre="Rosa Anterior")
    client.force_login(responsable)
    respuesta = client.post(
        reverse("unidades:integrante_nuevo", args=[dependencia.pk]),
        {
            "cargo_en_unidad": "titular",
            "nombre": "Itzel Nueva",
            "puesto": "Subdirectora",
            "sexo": "mujer",
            "correo": "itzel@ejemplo.gob.mx",
            "telefono": "",
            "fecha_designacion": "2026-06-01",
        },
    )
    assert respuesta.status_code == 302
    anterior.refresh_from_db()
    assert anterior.fecha_baja == date(2026, 6, 1)
    assert anterior.motivo_baja == "Sustituida por Itzel Nueva"
    vigentes = list(dependencia.unidad.integrantes.vigentes().values_list("nombre", flat=True))
    assert vigentes == ["Itzel Nueva"]
    html = client.get(dependencia.get_absolute_url()).content.decode()
    assert "Rosa Anterior" in html and "1 persona anterior" in html


def test_integrante_con_fecha_futura_no_se_guarda(client, dependencia, responsable):
    client.force_login(responsable)
    manana = (timezone.localdate() + timedelta(days=1)).isoformat()
    respuesta = client.post(
        reverse("unidades:integrante_nuevo", args=[dependencia.pk]),
        {
            "cargo_en_unidad": "integrante",
            "nombre": "X",
            "sexo": "mujer",
            "fecha_designacion": manana,
        },
    )
    assert "La fecha no puede ser posterior a hoy." in respuesta.content.decode()
    assert not Integrante.objects.exists()


def test_baja_antes_de_la_designacion_no_se_guarda(client, dependencia, responsable):
    integrante = IntegranteFactory(unidad=dependencia.unidad, fecha_designacion=date(2026, 5, 1))
    client.force_login(responsable)
    url = reverse("unidades:integrante_baja", args=[dependencia.pk, integrante.pk])
    respuesta = client.post(url, {"fecha_baja": "2026-04-01", "motivo_baja": "Cambio de área"})
    assert "La baja no puede ser anterior a la designación." in respuesta.content.decode()
    integrante.refresh_from_db()
    assert integrante.fecha_baja is None
    client.post(url, {"fecha_baja": "2026-07-01", "motivo_baja": "Cambio de área"})
    integrante.refresh_from_db()
    assert integrante.fecha_baja == date(2026, 7, 1)


def test_el_expediente_no_crece_en_consultas(client, dependencia, coordinacion, responsable):
    client.force_login(coordinacion)
    EvidenciaFactory(unidad=dependencia.unidad)
    IntegranteFactory(unidad=dependencia.unidad)
    with CaptureQueriesContext(connection) as pocas:
        client.get(dependencia.get_absolute_url())
    for clave in ("designacion", "acta", "estructura", "asesoria"):
        EvidenciaFactory.create_batch(
            2, unidad=dependencia.unidad, paso=PasoGuia.objects.get(clave=clave)
        )
    IntegranteFactory.create_batch(4, unidad=dependencia.unidad, cargo_en_unidad="integrante")
    with CaptureQueriesContext(connection) as muchas:
        client.get(dependencia.get_absolute_url())
    assert len(muchas) == len(pocas)


def test_el_historial_muestra_que_cambio(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    _con_oficio_validado(client, dependencia)
    avanzar(client, dependencia, date(2026, 2, 2))
    html = client.get(dependencia.get_absolute_url()).content.decode()
    assert "Sin iniciar → <strong>En gestión</strong>" in html
    assert "Por revisar → <strong>Validada</strong>" in html


def test_guia_muestra_los_pasos_y_la_coordinacion_los_edita(client, coordinacion, responsable):
    client.force_login(responsable)
    html = client.get(reverse("unidades:guia")).content.decode()
    assert "Acta de instalación firmada" in html and "Descargar el de mi institución" in html
    paso = PasoGuia.objects.get(clave="asesoria")
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("unidades:paso_editar", args=[paso.pk]),
        {
            "titulo": "Asesoría para el plan",
            "explicacion": "Texto nuevo de la guía.",
            "documentos": "Minuta",
            "requerido_para": "operando",
            "aplica_a_enlace": "on",
            "activo": "on",
        },
    )
    assert respuesta.status_code == 302
    client.force_login(responsable)
    assert "Texto nuevo de la guía." in client.get(reverse("unidades:guia")).content.decode()


@pytest.mark.parametrize(
    "clave,textos",
    [
        ("oficio", ["Instalación de la Unidad de Igualdad de Género", "Secretaría Propia"]),
        ("designacion", ["Designación de la persona titular", "Itzel Ramírez Núñez"]),
        (
            "acta",
            [
                "Acta de instalación de la Unidad de Igualdad de Género de Secretaría Propia",
                "Itzel Ramírez Núñez",
                "Testigo",
            ],
        ),
    ],
)
def test_formatos_pdf_prellenados(client, dependencia, responsable, clave, textos):
    IntegranteFactory(unidad=dependencia.unidad, nombre="Itzel Ramírez Núñez")
    client.force_login(responsable)
    respuesta = client.get(reverse("unidades:plantilla_pdf", args=[dependencia.pk, clave]))
    assert respuesta["Content-Type"] == "application/pdf"
    lector = PdfReader(BytesIO(respuesta.content))
    texto = " ".join(" ".join(p.extract_text().split()) for p in lector.pages)
    for esperado in textos:
        assert esperado in texto, esperado
    assert len(lector.pages) <= 2


def test_formato_desconocido_es_404(client, dependencia, responsable):
    client.force_login(responsable)
    respuesta = client.get(reverse("unidades:plantilla_pdf", args=[dependencia.pk, "otro"]))
    assert respuesta.status_code == 404
