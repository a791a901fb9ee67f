"""Catálogo de capacitación: programas y estándares de competencia (Coordinación)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacitacion.models import EstandarCompetencia, Programa
from tests.factories import (
    CertificacionFactory,
    EstandarFactory,
    EventoFactory,
    ProgramaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def consultas(cliente, url):
    with CaptureQueriesContext(connection) as contexto:
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    return len(contexto.captured_queries)


# --- Programas -----------------------------------------------------------------------------


def test_lista_de_programas_con_estandar_tipo_y_eventos(cliente):
    estandar = EstandarFactory(clave="EC0999", titulo="Estándar de prueba")
    programa = ProgramaFactory(
        nombre="Taller de lenguaje incluyente", tipo=Programa.Tipo.TALLER, estandar=estandar
    )
    EventoFactory.create_batch(3, programa=programa)
    inactivo = ProgramaFactory(nombre="Programa retirado", activo=False)

    respuesta = cliente.get(reverse("capacitacion:programa_lista"))

    programas = {p.pk: p for p in respuesta.context["programas"]}
    assert programas[programa.pk].num_eventos == 3
    assert programas[inactivo.pk].num_eventos == 0
    html = respuesta.content.decode()
    assert "Taller de lenguaje incluyente" in html
    assert "EC0999" in html
    assert "Taller" in html
    assert "inactivo" in html
    # Los tres programas sembrados por la migración también están.
    assert "Promoción de la certificación EC0308" in html


def test_lista_de_programas_consultas_constantes(cliente):
    ProgramaFactory(estandar=EstandarFactory())
    pocas = consultas(cliente, reverse("capacitacion:programa_lista"))
    for _ in range(15):
        EventoFactory(programa=ProgramaFactory(estandar=EstandarFactory()))
    assert consultas(cliente, reverse("capacitacion:programa_lista")) == pocas


def test_detalle_del_programa_con_sus_eventos(cliente):
    programa = ProgramaFactory()
    propio = EventoFactory(programa=programa, nombre="Edición de primavera")
    ajeno = EventoFactory(nombre="Evento de otro programa")

    respuesta = cliente.get(reverse("capacitacion:programa_detalle", args=[programa.pk]))

    assert list(respuesta.context["eventos"]) == [propio]
    assert "Edición de primavera" in respuesta.content.decode()
    assert ajeno.nombre not in respuesta.content.decode()


def test_detalle_del_programa_consultas_constantes(cliente):
    programa = ProgramaFactory()
    EventoFactory(programa=programa)
    url = reverse("capacitacion:programa_detalle", args=[programa.pk])
    pocas = consultas(cliente, url)
    EventoFactory.create_batch(20, programa=programa)
    assert consultas(cliente, url) == pocas


def test_crea_un_programa(cliente):
    estandar = EstandarCompetencia.objects.get(clave="EC0308")
    respuesta = cliente.post(
        reverse("capacitacion:programa_nuevo"),
        {
            "nombre": "Diplomado en presupuestos con perspectiva de género",
            "tipo": "certificacion",
            "estandar": estandar.pk,
            "descripcion": "Dos módulos.",
            "activo": "on",
        },
    )
    programa = Programa.objects.get(nombre__startswith="Diplomado en presupuestos")
    assert respuesta.status_code == 302
    assert respuesta.url == programa.get_absolute_url()
    assert programa.estandar == estandar
    assert programa.activo
    assert programa.history.first().history_user.username == "coordinacion"


def test_certificacion_sin_estandar_no_se_guarda(cliente):
    antes = Programa.objects.count()
    respuesta = cliente.post(
        reverse("capacitacion:programa_nuevo"),
        {"nombre": "Promoción sin estándar", "tipo": "certificacion", "activo": "on"},
    )
    assert respuesta.status_code == 200
    assert respuesta.context["form"].errors["estandar"] == [
        "Un programa de promoción de la certificación necesita su estándar."
    ]
    assert "no se guardó nada" in respuesta.content.decode()
    assert Programa.objects.count() == antes


def test_nombre_de_programa_repetido(cliente):
    ProgramaFactory(nombre="Curso básico de igualdad")
    antes = Programa.objects.count()
    respuesta = cliente.post(
        reverse("capacitacion:programa_nuevo"),
        {"nombre": "Curso básico de igualdad", "tipo": "curso"},
    )
    assert respuesta.context["form"].errors["nombre"] == ["Ya hay un programa con ese nombre."]
    assert Programa.objects.count() == antes


def test_faltan_campos_obligatorios(cliente):
    antes = Programa.objects.count()
    respuesta = cliente.post(reverse("capacitacion:programa_nuevo"), {"nombre": "", "tipo": ""})
    errores = respuesta.context["form"].errors
    assert errores["nombre"] == ["Este campo es obligatorio."]
    assert errores["tipo"] == ["Este campo es obligatorio."]
    assert Programa.objects.count() == antes


def test_edita_y_desactiva_un_programa(cliente):
    programa = ProgramaFactory(nombre="Taller viejo", tipo="taller")
    respuesta = cliente.post(
        reverse("capacitacion:programa_editar", args=[programa.pk]),
        {"nombre": "Taller renovado", "tipo": "taller"},
    )
    assert respuesta.status_code == 302
    programa.refresh_from_db()
    assert programa.nombre == "Taller renovado"
    assert not programa.activo
    detalle = cliente.get(programa.get_absolute_url())
    assert "Taller viejo" in detalle.content.decode()  # el historial muestra el cambio


def test_el_estandar_no_vigente_solo_se_ofrece_si_ya_estaba(cliente):
    viejo = EstandarFactory(clave="EC0001", vigente=False)
    nuevo_form = cliente.get(reverse("capacitacion:programa_nuevo")).context["form"]
    assert viejo not in nuevo_form.fields["estandar"].queryset

    programa = ProgramaFactory(estandar=viejo)
    form = cliente.get(reverse("capacitacion:programa_editar", args=[programa.pk])).context["form"]
    assert viejo in form.fields["estandar"].queryset

    respuesta = cliente.post(
        reverse("capacitacion:programa_nuevo"),
        {"nombre": "Con estándar retirado", "tipo": "curso", "estandar": viejo.pk},
    )
    assert "estandar" in respuesta.context["form"].errors
    assert not Programa.objects.filter(nombre="Con estándar retirado").exists()


# --- Estándares ----------------------------------------------------------------------------


def test_lista_de_estandares_con_conteos(cliente):
    ec0308 = EstandarCompetencia.objects.get(clave="EC0308")
    CertificacionFactory.create_batch(2)
    programas = Programa.objects.filter(estandar=ec0308).count()

    respuesta = cliente.get(reverse("capacitacion:estandar_lista"))

    estandares = {e.clave: e for e in respuesta.context["estandares"]}
    assert set(estandares) >= {"EC0308", "EC0076", "EC0497", "EC0539", "EC0779", "EC0943"}
    assert estandares["EC0308"].num_certificaciones == 2
    assert estandares["EC0308"].num_programas == programas >= 1
    assert estandares["EC0076"].num_certificaciones == 0


def test_lista_de_estandares_consultas_constantes(cliente):
    pocas = consultas(cliente, reverse("capacitacion:estandar_lista"))
    for _ in range(10):
        ProgramaFactory(estandar=EstandarFactory())
    CertificacionFactory.create_batch(3)
    assert consultas(cliente, reverse("capacitacion:estandar_lista")) == pocas


def test_crea_un_estandar_con_la_clave_normalizada(cliente):
    respuesta = cliente.post(
        reverse("capacitacion:estandar_nuevo"),
        {"clave": " ec1105.01 ", "titulo": "Atención a víctimas", "nivel": "3", "vigente": "on"},
    )
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("capacitacion:estandar_lista")
    estandar = EstandarCompetencia.objects.get(clave="EC1105.01")
    assert estandar.nivel == 3


@pytest.mark.parametrize(
    "datos,campo,mensaje",
    [
        (
            {"clave": "0308", "titulo": "Sin prefijo"},
            "clave",
            "Escriba la clave como la publica el CONOCER, por ejemplo EC0308 o EC0308.01.",
        ),
        ({"clave": "EC0308", "titulo": "Repetido"}, "clave", "Ya hay un estándar con esa clave."),
        (
            {"clave": "EC7777", "titulo": "Nivel alto", "nivel": "6"},
            "nivel",
            "El nivel va de 1 a 5.",
        ),
        ({"clave": "EC7777", "titulo": ""}, "titulo", "Este campo es obligatorio."),
    ],
)
def test_estandar_invalido_no_se_guarda(cliente, datos, campo, mensaje):
    antes = EstandarCompetencia.objects.count()
    respuesta = cliente.post(reverse("capacitacion:estandar_nuevo"), datos)
    assert respuesta.status_code == 200
    assert mensaje in respuesta.context["form"].errors[campo]
    assert EstandarCompetencia.objects.count() == antes


def test_edita_un_estandar(cliente):
    estandar = EstandarFactory(clave="EC4321", titulo="Título anterior")
    respuesta = cliente.post(
        reverse("capacitacion:estandar_editar", args=[estandar.pk]),
        {"clave": "EC4321", "titulo": "Título corregido"},
    )
    assert respuesta.status_code == 302
    estandar.refresh_from_db()
    assert estandar.titulo == "Título corregido"
    assert not estandar.vigente
