"""Acuerdos abiertos por institución: vencidos resaltados, filtros, alcance y actualización."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import AcuerdoFactory, AsesoriaFactory, DependenciaFactory, ReunionFactory
from unidades.models import Acuerdo

pytestmark = pytest.mark.django_db

HOY = timezone.localdate()


def lista(client, **filtros):
    return client.get(reverse("unidades:acuerdo_lista"), filtros)


def fila(html, acuerdo):
    """El HTML de la fila de un acuerdo en una tabla."""
    inicio = html.index(f'<tr id="acuerdo-{acuerdo.pk}"')
    return html[inicio : html.index("</tr>", inicio)]


def descripciones(respuesta):
    return [a.descripcion for a in respuesta.context["object_list"]]


@pytest.fixture
def acuerdos(dependencia, otra_dependencia):
    reunion = ReunionFactory(invitadas=[dependencia, otra_dependencia])
    return {
        "vencido": AcuerdoFactory(
            reunion=reunion,
            dependencia=dependencia,
            descripcion="Vencido propio",
            fecha_compromiso=HOY - timedelta(days=2),
        ),
        "abierto": AcuerdoFactory(
            reunion=reunion, dependencia=dependencia, descripcion="Abierto propio"
        ),
        "cumplido": AcuerdoFactory(
            reunion=reunion,
            dependencia=dependencia,
            descripcion="Cumplido propio",
            estado=Acuerdo.Estado.CUMPLIDO,
            cumplido_en=HOY,
            fecha_compromiso=HOY - timedelta(days=5),
        ),
        "ajeno": AcuerdoFactory(
            reunion=reunion, dependencia=otra_dependencia, descripcion="Abierto ajeno"
        ),
        "coordinacion": AcuerdoFactory(
            reunion=reunion, dependencia=None, descripcion="De la Coordinación"
        ),
        "hoy": AcuerdoFactory(
            asesoria=AsesoriaFactory(dependencia=dependencia),
            reunion=None,
            dependencia=dependencia,
            descripcion="Vence hoy",
            fecha_compromiso=HOY,
        ),
    }


# --- Lista ---------------------------------------------------------------------------------


def test_abiertos_agrupados_por_institucion_con_vencidos_resaltados(client, coordinacion, acuerdos):
    client.force_login(coordinacion)
    respuesta = lista(client)
    assert respuesta.status_code == 200
    # La Coordinación primero; luego por nombre de institución y por fecha compromiso.
    assert descripciones(respuesta) == [
        "De la Coordinación",
        "Abierto ajeno",
        "Vencido propio",
        "Vence hoy",
        "Abierto propio",
    ]
    html = respuesta.content.decode()
    assert "Acuerdos abiertos por institución" in html
    assert "Secretaría Ajena" in html and "Secretaría Propia" in html
    vencida = fila(html, acuerdos["vencido"])
    assert 'class="table-danger"' in vencida and "Vencido" in vencida
    # El que vence hoy todavía no está vencido.
    de_hoy = fila(html, acuerdos["hoy"])
    assert "table-danger" not in de_hoy and "Vencido" not in de_hoy and "Pendiente" in de_hoy
    assert respuesta.context["resumen"] == {"abiertos": 5, "vencidos": 1, "cumplidos": 1}


def test_vencido_se_calcula_con_la_fecha_y_no_se_guarda(acuerdos):
    vencido = Acuerdo.objects.get(pk=acuerdos["vencido"].pk)
    assert vencido.estado == Acuerdo.Estado.PENDIENTE
    assert str(vencido.estado_visible) == "Vencido"


@pytest.mark.parametrize(
    "filtros,esperadas",
    [
        ({"estado": "vencidos"}, ["Vencido propio"]),
        ({"estado": "cumplidos"}, ["Cumplido propio"]),
        ({"estado": "todos", "dependencia": "coordinacion"}, ["De la Coordinación"]),
        ({"estado": "abiertos", "dependencia": "ajena"}, ["Abierto ajeno"]),
        ({"estado": "<script>"}, None),  # inválido: los de omisión
    ],
)
def test_filtros(client, coordinacion, acuerdos, otra_dependencia, filtros, esperadas):
    if filtros.get("dependencia") == "ajena":
        filtros["dependencia"] = otra_dependencia.pk
    client.force_login(coordinacion)
    respuesta = lista(client, **filtros)
    assert respuesta.status_code == 200
    if esperadas is None:
        assert len(respuesta.context["object_list"]) == 5
        assert "<script>" not in respuesta.content.decode()
    else:
        assert descripciones(respuesta) == esperadas


def test_responsable_solo_ve_los_de_su_institucion(client, responsable, acuerdos):
    client.force_login(responsable)
    respuesta = lista(client, estado="todos", dependencia="coordinacion")
    assert sorted(descripciones(respuesta)) == [
        "Abierto propio",
        "Cumplido propio",
        "Vence hoy",
        "Vencido propio",
    ]
    assert "dependencia" not in respuesta.context["filtro"].fields
    assert respuesta.context["resumen"] == {"abiertos": 3, "vencidos": 1, "cumplidos": 1}


def test_consulta_ve_sin_formulario_para_actualizar(client, consulta, acuerdos):
    client.force_login(consulta)
    html = lista(client).content.decode()
    assert "Abierto propio" in html
    assert reverse("unidades:acuerdo_actualizar", args=[acuerdos["abierto"].pk]) not in html


def test_la_lista_pagina_y_no_crece_en_consultas(client, coordinacion, acuerdos):
    client.force_login(coordinacion)
    lista(client)
    with CaptureQueriesContext(connection) as pocas:
        lista(client)
    for dependencia in DependenciaFactory.create_batch(12):
        AcuerdoFactory.create_batch(3, dependencia=dependencia)
        AcuerdoFactory(
            reunion=None, asesoria=AsesoriaFactory(dependencia=dependencia), dependencia=dependencia
        )
    with CaptureQueriesContext(connection) as muchas:
        respuesta = lista(client, page=2)
    assert len(respuesta.context["object_list"]) == 25
    assert len(muchas) == len(pocas)


# --- Actualizar ----------------------------------------------------------------------------


def test_la_responsable_marca_cumplido_su_acuerdo(client, responsable, acuerdos):
    acuerdo = acuerdos["vencido"]
    client.force_login(responsable)
    origen = reverse("unidades:acuerdo_lista") + "?estado=vencidos"
    respuesta = client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdo.pk]),
        {"estado": "cumplido", "avance": "Se entregó el acta firmada.", "siguiente": origen},
    )
    assert respuesta.status_code == 302
    assert respuesta.url == f"{origen}#acuerdo-{acuerdo.pk}"
    acuerdo.refresh_from_db()
    assert acuerdo.estado == Acuerdo.Estado.CUMPLIDO
    assert acuerdo.cumplido_en == timezone.localdate()
    assert acuerdo.avance == "Se entregó el acta firmada."
    assert not acuerdo.vencido
    assert acuerdo.history.first().history_user == responsable
    assert "El acuerdo se actualizó." in client.get(respuesta.url).content.decode()


def test_reabrir_un_acuerdo_quita_la_fecha_de_cumplimiento(client, responsable, acuerdos):
    acuerdo = acuerdos["cumplido"]
    client.force_login(responsable)
    client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdo.pk]),
        {"estado": "pendiente", "avance": "Faltó una firma."},
    )
    acuerdo.refresh_from_db()
    assert acuerdo.estado == Acuerdo.Estado.PENDIENTE
    assert acuerdo.cumplido_en is None
    assert acuerdo.vencido


def test_solo_el_avance_no_cambia_la_fecha_de_cumplimiento(client, coordinacion, acuerdos):
    acuerdo = acuerdos["cumplido"]
    acuerdo.cumplido_en = HOY - timedelta(days=3)
    acuerdo.save()
    client.force_login(coordinacion)
    client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdo.pk]),
        {"estado": "cumplido", "avance": "Con acuse."},
    )
    acuerdo.refresh_from_db()
    assert acuerdo.cumplido_en == HOY - timedelta(days=3)


def test_con_htmx_devuelve_solo_la_fila(client, responsable, acuerdos):
    acuerdo = acuerdos["abierto"]
    client.force_login(responsable)
    respuesta = client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdo.pk]),
        {"estado": "cumplido", "avance": "Listo", "siguiente": "/acuerdos/?estado=todos"},
        headers={"HX-Request": "true"},
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode().strip()
    assert html.startswith(f'<tr id="acuerdo-{acuerdo.pk}"')
    assert "Guardado" in html and "Cumplido" in html
    assert 'value="/acuerdos/?estado=todos"' in html  # la fila vuelve a la misma página
    assert "<html" not in html
    acuerdo.refresh_from_db()
    assert acuerdo.estado == Acuerdo.Estado.CUMPLIDO


def test_estado_invalido_no_cambia_nada(client, responsable, acuerdos):
    acuerdo = acuerdos["abierto"]
    client.force_login(responsable)
    respuesta = client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdo.pk]),
        {"estado": "cancelado", "avance": "Otro texto"},
        follow=True,
    )
    assert "El acuerdo no se actualizó" in respuesta.content.decode()
    acuerdo.refresh_from_db()
    assert (acuerdo.estado, acuerdo.avance) == (Acuerdo.Estado.PENDIENTE, "")

    htmx = client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdo.pk]),
        {"estado": "cancelado", "avance": "Otro texto"},
        headers={"HX-Request": "true"},
    )
    assert "no es una de las opciones" in htmx.content.decode() or "válida" in htmx.content.decode()
    assert 'value=""' in htmx.content.decode()  # muestra lo guardado, no lo rechazado


def test_no_redirige_fuera_del_sitio(client, responsable, acuerdos):
    client.force_login(responsable)
    respuesta = client.post(
        reverse("unidades:acuerdo_actualizar", args=[acuerdos["abierto"].pk]),
        {"estado": "cumplido", "siguiente": "https://malicioso.example/"},
    )
    assert respuesta.url.startswith(reverse("unidades:acuerdo_lista") + "#")


def test_alcance_al_actualizar(client, responsable, acuerdos):
    client.force_login(responsable)
    for clave in ("ajeno", "coordinacion"):
        url = reverse("unidades:acuerdo_actualizar", args=[acuerdos[clave].pk])
        assert client.post(url, {"estado": "cumplido"}).status_code == 404
        acuerdos[clave].refresh_from_db()
        assert acuerdos[clave].estado == Acuerdo.Estado.PENDIENTE


def test_get_no_cambia_nada(client, responsable, acuerdos):
    client.force_login(responsable)
    url = reverse("unidades:acuerdo_actualizar", args=[acuerdos["abierto"].pk])
    assert client.get(url, {"estado": "cumplido"}).status_code == 405
    acuerdos["abierto"].refresh_from_db()
    assert acuerdos["abierto"].estado == Acuerdo.Estado.PENDIENTE
