"""El admin de las propuestas y del presupuesto: las listas abren sin una consulta por fila; las
propuestas y los diagnósticos situacionales se consultan ahí pero no se cambian (sus reglas
viven en el portal), y el catálogo de programas sí se edita."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnosticos.models import DiagnosticoSituacional, Propuesta, TextoPropuesta
from planes.models import ProgramaPresupuestario
from tests.factories import RespuestaFactory, SeccionFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superusuario(client):
    persona = UsuarioFactory(username="super", is_staff=True, is_superuser=True)
    client.force_login(persona)
    return persona


def _propuesta(n=0):
    respuesta = RespuestaFactory(estado="aceptada")
    return Propuesta.objects.create(
        respuesta=respuesta, dependencia=respuesta.dependencia, eje="igualdad",
        texto=f"Emitir la política de igualdad {n}", estado="presentada",
    )  # fmt: skip


def _situacional(propuesta):
    return DiagnosticoSituacional.objects.create(
        respuesta=propuesta.respuesta, numero_oficio="CUIG/1/2026", fecha_oficio=date(2026, 5, 1),
        destinatario="Mtra. Rosa Delgado", cargo_destinatario="Titular de la Secretaría",
        firma_nombre="Laura Méndez", firma_cargo="Coordinadora",
    )  # fmt: skip


def contar(client, url):
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(url).status_code == 200
    return len(consultas)


@pytest.mark.parametrize(
    "lista,crear",
    [
        ("admin:diagnosticos_propuesta_changelist", lambda n: _propuesta(n)),
        (
            "admin:diagnosticos_diagnosticosituacional_changelist",
            lambda n: _situacional(_propuesta(n)),
        ),
        (
            "admin:diagnosticos_textopropuesta_changelist",
            lambda n: TextoPropuesta.objects.create(
                version=(s := SeccionFactory()).version, seccion=s, eje="cultura", texto=f"T{n}"
            ),
        ),
        (
            "admin:planes_programapresupuestario_changelist",
            lambda n: ProgramaPresupuestario.objects.create(
                anio=2026, clave=f"E{n:03d}", nombre="P"
            ),
        ),
    ],
)
def test_las_listas_no_hacen_una_consulta_por_fila(client, superusuario, lista, crear):
    crear(1)
    pocas = contar(client, reverse(lista))
    for n in range(2, 8):
        crear(n)
    assert contar(client, reverse(lista)) == pocas


def test_propuestas_y_documentos_se_leen_pero_no_se_cambian_en_el_admin(client, superusuario):
    propuesta = _propuesta()
    documento = _situacional(propuesta)
    for modelo, objeto in (("propuesta", propuesta), ("diagnosticosituacional", documento)):
        ficha = client.get(reverse(f"admin:diagnosticos_{modelo}_change", args=[objeto.pk]))
        assert ficha.status_code == 200
        assert 'name="_save"' not in ficha.content.decode()
        assert client.get(reverse(f"admin:diagnosticos_{modelo}_add")).status_code == 403
        borrar = reverse(f"admin:diagnosticos_{modelo}_delete", args=[objeto.pk])
        assert client.post(borrar, {"post": "yes"}).status_code == 403
    propuesta.refresh_from_db()
    assert propuesta.estado == "presentada"


def test_el_catalogo_de_programas_se_edita_en_el_admin(client, superusuario):
    respuesta = client.post(
        reverse("admin:planes_programapresupuestario_add"),
        {
            "anio": "2026", "clave": "E045", "nombre": "Prevención de la violencia",
            "unidad_responsable": "Secretaría General", "activo": "on",
            "mejoras-TOTAL_FORMS": "0", "mejoras-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert respuesta.status_code == 302
    assert ProgramaPresupuestario.objects.get().clave == "E045"
