"""Reuniones de planeación operativa: convocatoria, asistencia por sexo, acuerdos y alcance."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AcuerdoFactory,
    DependenciaFactory,
    ReunionFactory,
    archivo_pdf,
)
from tests.unidades.test_asesorias import ejecutable_renombrado, formset
from unidades.models import Acuerdo, AsistenciaReunion, Reunion

pytestmark = pytest.mark.django_db


def datos_reunion(invitadas=(), acuerdos=(), **campos):
    """Los campos POST de una reunión; `invitadas` son instituciones."""
    return {
        "titulo": "Primera reunión de planeación operativa 2026",
        "fecha": "2026-12-03T10:30",
        "modalidad": "presencial",
        "lugar": "Sala de juntas de la Secretaría de las Mujeres",
        "enlace": "",
        "orden_del_dia": "1. Bienvenida\n2. Avance de instalación",
        "invitadas": [d.pk for d in invitadas],
        "minuta": "",
        **formset("acuerdos", acuerdos),
        **campos,
    }


def datos_asistencia(filas):
    """filas: [(institución, mujeres, hombres, sin especificar)] en el orden de la página."""
    return formset(
        "asistencia",
        [
            {"dependencia": d.pk, "mujeres": m, "hombres": h, "sin_especificar": s}
            for d, m, h, s in filas
        ],
        iniciales=len(filas),
    )


# --- Convocatoria --------------------------------------------------------------------------


def test_convoca_a_todas_las_instituciones_vigentes(
    client, coordinacion, dependencia, otra_dependencia
):
    extinta = DependenciaFactory(vigente=False)
    client.force_login(coordinacion)
    datos = datos_reunion(
        todas="on",
        acuerdos=[
            {
                "dependencia": dependencia.pk,
                "responsable": "Titular de la UIG",
                "fecha_compromiso": "2026-12-20",
                "descripcion": "Entregar el diagnóstico",
            },
            {
                "dependencia": "",
                "responsable": "Coordinación",
                "fecha_compromiso": "2026-12-10",
                "descripcion": "Enviar la presentación",
            },
        ],
        documento=archivo_pdf(),
    )

    respuesta = client.post(reverse("unidades:reunion_nueva"), datos)

    reunion = Reunion.objects.get()
    assert respuesta.status_code == 302
    assert respuesta.url == reunion.get_absolute_url()
    assert set(reunion.invitadas.all()) == {dependencia, otra_dependencia}
    assert extinta not in reunion.invitadas.all()
    assert reunion.convocada_por == coordinacion
    assert timezone.localtime(reunion.fecha).strftime("%d/%m/%Y %H:%M") == "03/12/2026 10:30"
    assert reunion.tipo_documento == "application/pdf"
    assert sorted(reunion.acuerdos.values_list("descripcion", "dependencia")) == [
        ("Entregar el diagnóstico", dependencia.pk),
        ("Enviar la presentación", None),
    ]
    html = client.get(respuesta.url).content.decode()
    assert "03/12/2026 10:30" in html
    assert "2 instituciones convocadas" in html


def test_convoca_a_instituciones_elegidas(client, coordinacion, dependencia, otra_dependencia):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("unidades:reunion_nueva"), datos_reunion([dependencia]))
    assert respuesta.status_code == 302
    assert list(Reunion.objects.get().invitadas.all()) == [dependencia]


@pytest.mark.parametrize(
    "campos,campo_con_error,mensaje",
    [
        (
            {"modalidad": "virtual", "enlace": ""},
            "enlace",
            "Escriba el enlace de la videollamada: la reunión es virtual o mixta.",
        ),
        (
            {"modalidad": "mixta", "enlace": "https://meet.example.org/abc", "lugar": ""},
            "lugar",
            "Escriba el lugar de la reunión: es presencial o mixta.",
        ),
        (
            {"modalidad": "presencial", "lugar": ""},
            "lugar",
            "Escriba el lugar de la reunión: es presencial o mixta.",
        ),
        ({"invitadas": []}, "invitadas", "Elija al menos una institución"),
        ({"documento": "ejecutable"}, "documento", "no es un PDF ni una imagen JPG o PNG"),
    ],
)
def test_datos_incompletos_no_guardan_nada(
    client, coordinacion, dependencia, campos, campo_con_error, mensaje
):
    if campos.get("documento") == "ejecutable":
        campos = {**campos, "documento": ejecutable_renombrado()}
    client.force_login(coordinacion)
    campos = {"invitadas": [dependencia], **campos}
    datos = datos_reunion(
        acuerdos=[{"descripcion": "Algo", "fecha_compromiso": "2026-12-20"}], **campos
    )
    respuesta = client.post(reverse("unidades:reunion_nueva"), datos)
    assert respuesta.status_code == 200
    assert campo_con_error in respuesta.context["form"].errors
    assert mensaje in respuesta.content.decode()
    assert not Reunion.objects.exists()
    assert not Acuerdo.objects.exists()


def test_virtual_con_enlace_no_pide_lugar(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    datos = datos_reunion(
        [dependencia], modalidad="virtual", lugar="", enlace="https://meet.example.org/uig"
    )
    assert client.post(reverse("unidades:reunion_nueva"), datos).status_code == 302


def test_edita_la_reunion_y_sus_acuerdos(client, coordinacion, dependencia, otra_dependencia):
    reunion = ReunionFactory(invitadas=[dependencia])
    acuerdo = AcuerdoFactory(reunion=reunion, dependencia=dependencia)
    client.force_login(coordinacion)

    formulario = client.get(reverse("unidades:reunion_editar", args=[reunion.pk]))
    assert formulario.status_code == 200
    assert list(formulario.context["form"]["invitadas"].value()) == [dependencia.pk]

    datos = datos_reunion(
        [dependencia, otra_dependencia],
        titulo=reunion.titulo,
        minuta="Se acordó entregar el acta.",
    )
    datos.update(
        formset(
            "acuerdos",
            [
                {
                    "id": acuerdo.pk,
                    "dependencia": otra_dependencia.pk,
                    "responsable": "Enlace",
                    "fecha_compromiso": "2026-12-31",
                    "descripcion": acuerdo.descripcion,
                }
            ],
            iniciales=1,
        )
    )
    respuesta = client.post(reverse("unidades:reunion_editar", args=[reunion.pk]), datos)

    assert respuesta.status_code == 302
    reunion.refresh_from_db()
    assert reunion.minuta == "Se acordó entregar el acta."
    assert set(reunion.invitadas.all()) == {dependencia, otra_dependencia}
    acuerdo.refresh_from_db()
    assert (acuerdo.dependencia, acuerdo.fecha_compromiso) == (otra_dependencia, date(2026, 12, 31))


def test_el_formulario_no_consulta_instituciones_por_cada_fila(client, coordinacion, dependencia):
    reunion = ReunionFactory(invitadas=[dependencia])
    client.force_login(coordinacion)
    url = reverse("unidades:reunion_editar", args=[reunion.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    AcuerdoFactory.create_batch(8, reunion=reunion, dependencia=dependencia)
    with CaptureQueriesContext(connection) as muchas:
        client.get(url)
    assert len(muchas) == len(pocas)


# --- Asistencia --------------------------------------------------------------------------


def test_captura_asistencia_y_muestra_totales_por_sexo(
    client, coordinacion, dependencia, otra_dependencia
):
    tercera = DependenciaFactory(nombre="Secretaría Tercera", siglas="TERCERA")
    reunion = ReunionFactory(invitadas=[dependencia, otra_dependencia, tercera])
    client.force_login(coordinacion)
    url = reverse("unidades:reunion_asistencia", args=[reunion.pk])

    pagina = client.get(url)
    assert [f.institucion for f in pagina.context["formset"]] == [
        otra_dependencia,
        dependencia,
        tercera,
    ]  # por nombre: Secretaría Ajena, Secretaría Propia, Secretaría Tercera

    respuesta = client.post(
        url,
        datos_asistencia(
            [(otra_dependencia, 2, 1, 0), (dependencia, 3, "", 1), (tercera, "", "", "")]
        ),
    )

    assert respuesta.status_code == 302
    assert respuesta.url == reunion.get_absolute_url()
    registradas = {
        a.dependencia: (a.mujeres, a.hombres, a.sin_especificar) for a in reunion.asistencias.all()
    }
    # La institución que no asistió no deja un registro vacío.
    assert registradas == {otra_dependencia: (2, 1, 0), dependencia: (3, 0, 1)}

    detalle = client.get(reunion.get_absolute_url())
    assert detalle.context["totales"] == {
        "mujeres": 5,
        "hombres": 1,
        "sin_especificar": 1,
        "total": 7,
    }
    assert [a.dependencia for a in detalle.context["asistencias"]] == [
        otra_dependencia,
        dependencia,
    ]
    assert detalle.context["sin_registro"] == [tercera]
    html = detalle.content.decode()
    assert "1 institución convocada sin asistencia registrada" in html

    # Al corregir, solo se guarda lo que cambió.
    client.post(
        url,
        datos_asistencia([(otra_dependencia, 2, 1, 0), (dependencia, 4, 0, 1), (tercera, 0, 0, 0)]),
    )
    assert reunion.asistencias.get(dependencia=dependencia).mujeres == 4
    assert AsistenciaReunion.history.filter(dependencia_id=otra_dependencia.pk).count() == 1


@pytest.mark.parametrize("valor", ["-1", "2.5", "muchas"])
def test_asistencia_invalida_no_guarda_nada(
    client, coordinacion, dependencia, otra_dependencia, valor
):
    reunion = ReunionFactory(invitadas=[dependencia, otra_dependencia])
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("unidades:reunion_asistencia", args=[reunion.pk]),
        datos_asistencia([(otra_dependencia, 5, 0, 0), (dependencia, valor, 0, 0)]),
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "no se guardó nada" in html
    assert "Escriba un número mayor o igual a cero." in html or "número entero" in html
    assert not AsistenciaReunion.objects.exists()


def test_asistencia_de_una_institucion_no_convocada_se_rechaza(
    client, coordinacion, dependencia, otra_dependencia
):
    reunion = ReunionFactory(invitadas=[dependencia])
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("unidades:reunion_asistencia", args=[reunion.pk]),
        datos_asistencia([(otra_dependencia, 5, 0, 0)]),
    )
    assert respuesta.status_code == 200
    assert "La lista de instituciones convocadas cambió" in respuesta.content.decode()
    assert not AsistenciaReunion.objects.exists()


# --- Alcance, lista y documento --------------------------------------------------------


def test_responsable_solo_ve_las_reuniones_a_las_que_se_convoco_a_su_institucion(
    client, responsable, dependencia, otra_dependencia
):
    convocada = ReunionFactory(invitadas=[dependencia, otra_dependencia])
    ajena = ReunionFactory(invitadas=[otra_dependencia])
    client.force_login(responsable)
    respuesta = client.get(reverse("unidades:reunion_lista"))
    assert list(respuesta.context["object_list"]) == [convocada]
    # Cuenta todas las convocadas, no solo la propia.
    assert respuesta.context["object_list"][0].num_invitadas == 2
    assert client.get(ajena.get_absolute_url()).status_code == 404
    assert client.get(reverse("unidades:reunion_documento", args=[ajena.pk])).status_code == 404


def test_la_ficha_muestra_a_la_responsable_solo_sus_acuerdos(
    client, responsable, dependencia, otra_dependencia
):
    reunion = ReunionFactory(invitadas=[dependencia, otra_dependencia])
    AcuerdoFactory(reunion=reunion, dependencia=dependencia, descripcion="Propio")
    AcuerdoFactory(reunion=reunion, dependencia=otra_dependencia, descripcion="Ajeno")
    AcuerdoFactory(reunion=reunion, dependencia=None, descripcion="De la Coordinación")
    client.force_login(responsable)
    respuesta = client.get(reunion.get_absolute_url())
    assert [a.descripcion for a in respuesta.context["acuerdos"]] == ["Propio"]
    assert "Capturar asistencia" not in respuesta.content.decode()


def test_descarga_el_documento_de_la_reunion(client, responsable, dependencia):
    reunion = ReunionFactory(
        invitadas=[dependencia], tipo_documento="application/pdf", documento=archivo_pdf()
    )
    client.force_login(responsable)
    respuesta = client.get(reverse("unidades:reunion_documento", args=[reunion.pk]))
    assert respuesta.status_code == 200
    fecha = timezone.localtime(reunion.fecha).strftime("%Y-%m-%d")
    assert respuesta["Content-Disposition"] == (
        f'attachment; filename="reunion-{reunion.pk}-{fecha}.pdf"'
    )


def crear_reuniones(n, invitadas):
    for _ in range(n):
        reunion = ReunionFactory(invitadas=invitadas)
        AsistenciaReunion.objects.create(reunion=reunion, dependencia=invitadas[0], mujeres=3)
        AcuerdoFactory(reunion=reunion, dependencia=invitadas[0])


@pytest.mark.parametrize("rol", ["coordinacion", "responsable"])
def test_la_lista_pagina_y_no_crece_en_consultas(
    client, request, rol, dependencia, otra_dependencia
):
    client.force_login(request.getfixturevalue(rol))
    url = reverse("unidades:reunion_lista")
    crear_reuniones(3, [dependencia, otra_dependencia])
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    crear_reuniones(30, [dependencia, otra_dependencia])
    ReunionFactory.create_batch(5, invitadas=[otra_dependencia])
    with CaptureQueriesContext(connection) as muchas:
        respuesta = client.get(url, {"page": 2})
    assert len(respuesta.context["object_list"]) == (13 if rol == "coordinacion" else 8)
    assert respuesta.context["object_list"][0].num_asistentes == 3
    assert len(muchas) == len(pocas)


def test_la_ficha_no_crece_en_consultas(client, coordinacion, dependencia):
    reunion = ReunionFactory(invitadas=[dependencia])
    client.force_login(coordinacion)
    client.get(reunion.get_absolute_url())
    with CaptureQueriesContext(connection) as pocas:
        client.get(reunion.get_absolute_url())
    otras = DependenciaFactory.create_batch(10)
    reunion.invitadas.add(*otras)
    for d in otras:
        AsistenciaReunion.objects.create(reunion=reunion, dependencia=d, hombres=1)
        AcuerdoFactory(reunion=reunion, dependencia=d)
    with CaptureQueriesContext(connection) as muchas:
        respuesta = client.get(reunion.get_absolute_url())
    assert respuesta.context["totales"]["hombres"] == 10
    assert len(muchas) == len(pocas)


def test_filtra_por_anio(client, coordinacion, dependencia):
    este = ReunionFactory(invitadas=[dependencia])
    pasado = ReunionFactory(invitadas=[dependencia], fecha=este.fecha - timedelta(days=400))
    client.force_login(coordinacion)
    url = reverse("unidades:reunion_lista")
    anio = timezone.localtime(pasado.fecha).year
    assert list(client.get(url, {"anio": anio}).context["object_list"]) == [pasado]
    assert client.get(url, {"anio": "x"}).status_code == 200


def test_al_editar_se_conserva_o_se_quita_el_documento(client, coordinacion, dependencia):
    reunion = ReunionFactory(
        invitadas=[dependencia], tipo_documento="application/pdf", documento=archivo_pdf()
    )
    client.force_login(coordinacion)
    url = reverse("unidades:reunion_editar", args=[reunion.pk])
    html = client.get(url).content.decode()
    assert reverse("unidades:reunion_documento", args=[reunion.pk]) in html
    assert reunion.documento.url not in html

    datos = datos_reunion([dependencia], titulo=reunion.titulo)
    assert client.post(url, datos).status_code == 302
    reunion.refresh_from_db()
    assert reunion.documento and reunion.tipo_documento == "application/pdf"

    assert client.post(url, {**datos, "documento-clear": "on"}).status_code == 302
    reunion.refresh_from_db()
    assert not reunion.documento and reunion.tipo_documento == ""
