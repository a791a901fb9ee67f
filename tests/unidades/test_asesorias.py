"""Asesorías: registro con personas asistentes y acuerdos, evidencia validada, alcance y lista."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import AcuerdoFactory, AsesoriaFactory, DependenciaFactory, archivo_pdf
from unidades.models import Acuerdo, Asesoria, AsistenteAsesoria, Sexo

pytestmark = pytest.mark.django_db

HACE_TRES_DIAS = timezone.localdate() - timedelta(days=3)


def formset(prefijo, filas, iniciales=0):
    """Los campos POST de un formset: su formulario de control y una entrada por fila."""
    datos = {
        f"{prefijo}-TOTAL_FORMS": len(filas),
        f"{prefijo}-INITIAL_FORMS": iniciales,
        f"{prefijo}-MIN_NUM_FORMS": 0,
        f"{prefijo}-MAX_NUM_FORMS": 1000,
    }
    for i, fila in enumerate(filas):
        datos.update({f"{prefijo}-{i}-{campo}": valor for campo, valor in fila.items()})
    return datos


def datos_asesoria(dependencia, asistentes=None, acuerdos=(), **campos):
    if asistentes is None:
        asistentes = [{"nombre": "Rosa Méndez", "cargo": "Titular de la UIG", "sexo": "mujer"}]
    return {
        "dependencia": dependencia.pk,
        "fecha": HACE_TRES_DIAS.isoformat(),
        "modalidad": "presencial",
        "tema": "Instalación de la unidad",
        "notas": "Se revisó el acta de instalación.",
        **formset("asistentes", asistentes),
        **formset("acuerdos", acuerdos),
        **campos,
    }


def ejecutable_renombrado():
    return SimpleUploadedFile("lista.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")


# --- Registro --------------------------------------------------------------------------


def test_registra_asesoria_con_dos_asistentes_y_un_acuerdo(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    datos = datos_asesoria(
        dependencia,
        asistentes=[
            {"nombre": "Rosa Méndez", "cargo": "Titular de la UIG", "sexo": "mujer"},
            {"nombre": "Luis Ortega", "cargo": "Enlace", "sexo": "hombre"},
        ],
        acuerdos=[
            {
                "descripcion": "Enviar el acta firmada",
                "responsable": "Rosa Méndez",
                "fecha_compromiso": "2026-12-15",
            }
        ],
        documento=archivo_pdf("../../nombre-peligroso.exe.pdf"),
    )

    respuesta = client.post(reverse("unidades:asesoria_nueva"), datos)

    asesoria = Asesoria.objects.get()
    assert respuesta.status_code == 302
    assert respuesta.url == asesoria.get_absolute_url()
    assert asesoria.registrada_por == coordinacion
    assert asesoria.fecha == HACE_TRES_DIAS
    assert sorted(asesoria.asistentes.values_list("sexo", flat=True)) == ["hombre", "mujer"]
    acuerdo = asesoria.acuerdos.get()
    assert acuerdo.dependencia == dependencia  # le toca a la institución asesorada
    assert acuerdo.fecha_compromiso == date(2026, 12, 15)
    assert acuerdo.estado == Acuerdo.Estado.PENDIENTE
    # El archivo se guarda con el tipo detectado y un nombre que no viene de quien lo subió.
    assert asesoria.tipo_documento == "application/pdf"
    assert asesoria.documento.name.startswith("asesoria/")
    assert asesoria.documento.name.endswith(".pdf")
    assert "peligroso" not in asesoria.documento.name

    pagina = client.get(respuesta.url)
    assert ("Mujeres", 1) in [(str(e), n) for e, n in pagina.context["por_sexo"]]
    assert ("Hombres", 1) in [(str(e), n) for e, n in pagina.context["por_sexo"]]
    html = pagina.content.decode()
    assert "Luis Ortega" in html and "Enviar el acta firmada" in html
    assert HACE_TRES_DIAS.strftime("%d/%m/%Y") in html
    assert "La asesoría quedó registrada." in html


def test_el_formulario_nuevo_ofrece_filas_vacias(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("unidades:asesoria_nueva"))
    assert respuesta.status_code == 200
    assert respuesta.context["formsets"]["asistentes"].total_form_count() == 3
    html = respuesta.content.decode()
    assert "Personas asistentes" in html and "Agregar otra persona" in html
    assert 'name="asistentes-__prefix__-nombre"' in html  # la fila modelo para JavaScript


def test_edita_asesoria_y_sus_filas(client, coordinacion, dependencia, otra_dependencia):
    asesoria = AsesoriaFactory(dependencia=dependencia)
    persona = AsistenteAsesoria.objects.create(asesoria=asesoria, nombre="Ana", sexo="mujer")
    acuerdo = AcuerdoFactory(reunion=None, asesoria=asesoria, dependencia=dependencia)
    client.force_login(coordinacion)

    respuesta = client.get(reverse("unidades:asesoria_editar", args=[asesoria.pk]))
    assert respuesta.status_code == 200
    assert respuesta.context["form"]["tema"].value() == asesoria.tema

    datos = datos_asesoria(otra_dependencia, tema="Seguimiento del plan")
    datos.update(
        formset(
            "asistentes",
            [
                {"id": persona.pk, "nombre": "Ana", "sexo": "mujer", "DELETE": "on"},
                {"nombre": "Berta", "sexo": "no_especificado"},
            ],
            iniciales=1,
        )
    )
    datos.update(
        formset(
            "acuerdos",
            [
                {
                    "id": acuerdo.pk,
                    "descripcion": acuerdo.descripcion,
                    "responsable": acuerdo.responsable,
                    "fecha_compromiso": acuerdo.fecha_compromiso.isoformat(),
                }
            ],
            iniciales=1,
        )
    )
    respuesta = client.post(reverse("unidades:asesoria_editar", args=[asesoria.pk]), datos)

    assert respuesta.status_code == 302
    asesoria.refresh_from_db()
    assert asesoria.tema == "Seguimiento del plan"
    assert list(asesoria.asistentes.values_list("nombre", flat=True)) == ["Berta"]
    # El acuerdo no cambió en el formulario, pero sigue a la institución de la asesoría.
    acuerdo.refresh_from_db()
    assert acuerdo.dependencia == otra_dependencia


# --- Entradas inválidas: no se guarda nada --------------------------------------------


def test_fecha_futura_no_se_guarda(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    manana = timezone.localdate() + timedelta(days=1)
    respuesta = client.post(
        reverse("unidades:asesoria_nueva"), datos_asesoria(dependencia, fecha=manana.isoformat())
    )
    assert respuesta.status_code == 200
    assert "La fecha no puede ser posterior a hoy" in respuesta.content.decode()
    assert "no se guardó nada" in respuesta.content.decode()
    assert not Asesoria.objects.exists()
    assert not AsistenteAsesoria.objects.exists()


def test_sin_asistentes_no_se_guarda(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    vacias = [{"nombre": "", "cargo": "", "sexo": ""}] * 3
    respuesta = client.post(
        reverse("unidades:asesoria_nueva"), datos_asesoria(dependencia, asistentes=vacias)
    )
    assert respuesta.status_code == 200
    assert "Registre al menos a una persona asistente." in respuesta.content.decode()
    assert not Asesoria.objects.exists()


def test_asistente_sin_sexo_ni_acuerdo_sin_fecha_no_se_guarda(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    datos = datos_asesoria(
        dependencia,
        asistentes=[{"nombre": "Rosa", "sexo": ""}],
        acuerdos=[{"descripcion": "Enviar el acta", "fecha_compromiso": ""}],
    )
    respuesta = client.post(reverse("unidades:asesoria_nueva"), datos)
    assert respuesta.status_code == 200
    assert respuesta.context["formsets"]["asistentes"].errors[0]["sexo"]
    assert respuesta.context["formsets"]["acuerdos"].errors[0]["fecha_compromiso"]
    assert not Asesoria.objects.exists()
    assert not Acuerdo.objects.exists()


def test_ejecutable_renombrado_no_se_acepta(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("unidades:asesoria_nueva"),
        datos_asesoria(dependencia, documento=ejecutable_renombrado()),
    )
    assert respuesta.status_code == 200
    assert "no es un PDF ni una imagen JPG o PNG" in respuesta.content.decode()
    assert not Asesoria.objects.exists()


def test_archivo_de_mas_de_10_mb_no_se_acepta(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    grande = SimpleUploadedFile(
        "minuta.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "application/pdf"
    )
    respuesta = client.post(
        reverse("unidades:asesoria_nueva"), datos_asesoria(dependencia, documento=grande)
    )
    assert respuesta.status_code == 200
    assert "supera el máximo de 10 MB" in respuesta.content.decode()
    assert not Asesoria.objects.exists()


def test_al_editar_un_archivo_invalido_conserva_el_anterior(client, coordinacion, dependencia):
    asesoria = AsesoriaFactory(
        dependencia=dependencia, tipo_documento="application/pdf", documento=archivo_pdf()
    )
    AsistenteAsesoria.objects.create(asesoria=asesoria, nombre="Ana", sexo="mujer")
    anterior = asesoria.documento.name
    client.force_login(coordinacion)
    datos = datos_asesoria(dependencia, documento=ejecutable_renombrado())
    respuesta = client.post(reverse("unidades:asesoria_editar", args=[asesoria.pk]), datos)
    assert respuesta.status_code == 200
    asesoria.refresh_from_db()
    assert asesoria.documento.name == anterior
    assert asesoria.tipo_documento == "application/pdf"


# --- Evidencia ---------------------------------------------------------------------------


def test_al_editar_el_documento_actual_se_enlaza_a_la_descarga_con_alcance(
    client, coordinacion, dependencia
):
    asesoria = AsesoriaFactory(
        dependencia=dependencia, tipo_documento="application/pdf", documento=archivo_pdf()
    )
    client.force_login(coordinacion)
    html = client.get(reverse("unidades:asesoria_editar", args=[asesoria.pk])).content.decode()
    assert reverse("unidades:asesoria_documento", args=[asesoria.pk]) in html
    assert "Descargar el documento actual" in html
    assert asesoria.documento.url not in html and asesoria.documento.name not in html


def test_descarga_la_evidencia_con_nombre_del_servidor(client, responsable, dependencia):
    contenido = archivo_pdf().read()
    asesoria = AsesoriaFactory(
        dependencia=dependencia,
        fecha=date(2026, 3, 10),
        tipo_documento="application/pdf",
        documento=SimpleUploadedFile("<script>.pdf", contenido, "application/pdf"),
    )
    client.force_login(responsable)
    respuesta = client.get(reverse("unidades:asesoria_documento", args=[asesoria.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert respuesta["Content-Disposition"] == (
        f'attachment; filename="asesoria-{asesoria.pk}-2026-03-10.pdf"'
    )
    assert b"".join(respuesta.streaming_content) == contenido


def test_sin_evidencia_la_descarga_es_404(client, coordinacion, dependencia):
    asesoria = AsesoriaFactory(dependencia=dependencia)
    client.force_login(coordinacion)
    assert client.get(reverse("unidades:asesoria_documento", args=[asesoria.pk])).status_code == 404


# --- Alcance y lista ---------------------------------------------------------------------


def test_responsable_solo_ve_las_de_su_institucion(
    client, responsable, dependencia, otra_dependencia
):
    propia = AsesoriaFactory(dependencia=dependencia, tema="Tema propio")
    ajena = AsesoriaFactory(dependencia=otra_dependencia, tema="Tema ajeno")
    client.force_login(responsable)

    respuesta = client.get(reverse("unidades:asesoria_lista"), {"dependencia": otra_dependencia.pk})
    assert list(respuesta.context["object_list"]) == [propia]
    assert "dependencia" not in respuesta.context["filtro"].fields
    assert client.get(ajena.get_absolute_url()).status_code == 404
    assert client.get(reverse("unidades:asesoria_documento", args=[ajena.pk])).status_code == 404


def test_la_ficha_oculta_a_la_responsable_los_acuerdos_de_la_coordinacion(
    client, responsable, dependencia
):
    asesoria = AsesoriaFactory(dependencia=dependencia)
    AcuerdoFactory(reunion=None, asesoria=asesoria, dependencia=dependencia, descripcion="Suyo")
    AcuerdoFactory(reunion=None, asesoria=asesoria, dependencia=None, descripcion="Nuestro")
    client.force_login(responsable)
    respuesta = client.get(asesoria.get_absolute_url())
    assert [a.descripcion for a in respuesta.context["acuerdos"]] == ["Suyo"]


def test_coordinacion_filtra_por_institucion_y_anio(
    client, coordinacion, dependencia, otra_dependencia
):
    a = AsesoriaFactory(dependencia=dependencia, fecha=date(2026, 2, 1))
    b = AsesoriaFactory(dependencia=otra_dependencia, fecha=date(2026, 3, 1))
    c = AsesoriaFactory(dependencia=dependencia, fecha=date(2025, 5, 1))
    client.force_login(coordinacion)
    url = reverse("unidades:asesoria_lista")

    assert list(client.get(url).context["object_list"]) == [b, a, c]
    filtrada = client.get(url, {"dependencia": dependencia.pk})
    assert list(filtrada.context["object_list"]) == [a, c]
    assert list(client.get(url, {"anio": 2025}).context["object_list"]) == [c]
    respuesta = client.get(url, {"anio": "<script>", "dependencia": "x"})
    assert respuesta.status_code == 200
    assert "<script>" not in respuesta.content.decode()


def test_la_lista_cuenta_asistentes_y_acuerdos(client, coordinacion, dependencia):
    asesoria = AsesoriaFactory(dependencia=dependencia)
    for nombre in ("Ana", "Berta", "Carlos"):
        AsistenteAsesoria.objects.create(asesoria=asesoria, nombre=nombre, sexo=Sexo.MUJER)
    AcuerdoFactory(reunion=None, asesoria=asesoria, dependencia=dependencia)
    client.force_login(coordinacion)
    fila = client.get(reverse("unidades:asesoria_lista")).context["object_list"][0]
    assert (fila.num_asistentes, fila.num_acuerdos) == (3, 1)


def crear_asesorias(n):
    for _ in range(n):
        asesoria = AsesoriaFactory(dependencia=DependenciaFactory())
        AsistenteAsesoria.objects.create(asesoria=asesoria, nombre="Ana", sexo=Sexo.MUJER)
        AcuerdoFactory(reunion=None, asesoria=asesoria, dependencia=asesoria.dependencia)


@pytest.mark.parametrize("rol", ["coordinacion", "responsable"])
def test_la_lista_pagina_y_no_crece_en_consultas(client, request, rol, dependencia):
    client.force_login(request.getfixturevalue(rol))
    url = reverse("unidades:asesoria_lista")
    AsesoriaFactory.create_batch(2, dependencia=dependencia)
    crear_asesorias(2)
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    AsesoriaFactory.create_batch(30, dependencia=dependencia)
    crear_asesorias(30)
    with CaptureQueriesContext(connection) as muchas:
        respuesta = client.get(url, {"page": 2})
    assert len(respuesta.context["object_list"]) == (25 if rol == "coordinacion" else 7)
    assert len(muchas) == len(pocas)


def test_la_ficha_muestra_el_historial(client, coordinacion, administracion, dependencia):
    asesoria = AsesoriaFactory(dependencia=dependencia, tema="Tema original")
    asesoria.tema = "Tema corregido"
    asesoria._history_user = administracion
    asesoria.save()
    client.force_login(coordinacion)
    html = client.get(asesoria.get_absolute_url()).content.decode()
    historial = html[html.index("Historial de cambios") :]
    assert "Tema original" in historial and "Tema corregido" in historial
    assert str(administracion) in historial
