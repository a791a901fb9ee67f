"""Sesiones de un evento: agregar, editar y eliminar, y su efecto en las horas del evento y
en la acreditación de cada inscripción."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from capacitacion.models import Evento, Sesion
from tests.capacitacion.test_eventos import con_asistencia_parcial, mensajes
from tests.factories import ConstanciaFactory, EventoFactory, InscripcionFactory, SesionFactory

pytestmark = pytest.mark.django_db
Estado = Evento.Estado


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def test_agrega_sesiones_numeradas_y_suma_horas(cliente):
    evento = EventoFactory()
    url = reverse("capacitacion:sesion_nueva", args=[evento.pk])
    primera = cliente.post(
        url, {"fecha": evento.fecha_inicio.isoformat(), "hora_inicio": "09:00", "horas": "3"}
    )
    segunda = cliente.post(
        url, {"fecha": evento.fecha_fin.isoformat(), "horas": "2.5", "tema": "Cierre"}
    )
    assert primera.url == evento.get_absolute_url() + "#sesiones"
    assert segunda.status_code == 302
    assert list(evento.sesiones.values_list("numero", "horas")) == [
        (1, Decimal("3")),
        (2, Decimal("2.5")),
    ]
    evento.refresh_from_db()
    assert evento.horas_totales == Decimal("5.5")
    assert mensajes(segunda) == ["Se agregó la sesión 2. El evento suma 5.5 horas."]


@pytest.mark.parametrize(
    "cambios,campo,mensaje",
    [
        ({"horas": "0.4"}, "horas", "Una sesión dura al menos media hora."),
        ({"horas": "1.25"}, "horas", "Asegúrese de que no haya más de 1 dígito decimal."),
        ({"horas": "13"}, "horas", "Una sesión dura como máximo 12 horas."),
        ({"horas": ""}, "horas", "Este campo es obligatorio."),
        ({"hora_inicio": "25:00"}, "hora_inicio", "Introduzca una hora válida."),
    ],
)
def test_sesion_invalida_no_se_guarda(cliente, cambios, campo, mensaje):
    evento = EventoFactory()
    datos = {"fecha": evento.fecha_inicio.isoformat(), "horas": "2", **cambios}
    respuesta = cliente.post(reverse("capacitacion:sesion_nueva", args=[evento.pk]), datos)
    assert respuesta.status_code == 200
    assert mensaje in respuesta.context["form"].errors[campo]
    assert not evento.sesiones.exists()


def test_sesion_fuera_de_las_fechas_del_evento(cliente):
    evento = EventoFactory()
    respuesta = cliente.post(
        reverse("capacitacion:sesion_nueva", args=[evento.pk]),
        {"fecha": (evento.fecha_fin + timedelta(days=1)).isoformat(), "horas": "2"},
    )
    inicio, fin = evento.fecha_inicio.strftime("%d/%m/%Y"), evento.fecha_fin.strftime("%d/%m/%Y")
    assert respuesta.context["form"].errors["fecha"] == [
        f"La sesión debe caer entre el {inicio} y el {fin}."
    ]
    assert not evento.sesiones.exists()


def test_doble_envio_de_una_sesion_crea_una(cliente):
    evento = EventoFactory()
    url = reverse("capacitacion:sesion_nueva", args=[evento.pk])
    datos = {"fecha": evento.fecha_inicio.isoformat(), "hora_inicio": "10:00", "horas": "2"}
    cliente.post(url, datos)
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 200
    assert "La sesión 1 ya tiene esa fecha" in respuesta.context["form"].non_field_errors()[0]
    assert evento.sesiones.count() == 1


def test_editar_las_horas_recalcula_horas_y_acreditacion(cliente):
    evento, inscripcion, segunda = con_asistencia_parcial()
    respuesta = cliente.post(
        reverse("capacitacion:sesion_editar", args=[segunda.pk]),
        {"fecha": segunda.fecha.isoformat(), "horas": "0.5", "tema": "Más corta"},
    )
    assert respuesta.status_code == 302
    evento.refresh_from_db()
    inscripcion.refresh_from_db()
    assert evento.horas_totales == Decimal("2.5")
    assert inscripcion.acreditada  # 2 de 2.5 horas: el 80 %


def test_eliminar_una_sesion_resta_sus_horas(cliente):
    evento, inscripcion, _ = con_asistencia_parcial()
    extra = SesionFactory(evento=evento, horas=Decimal("4"))
    evento.refresh_from_db()
    assert evento.horas_totales == 8
    respuesta = cliente.post(reverse("capacitacion:sesion_eliminar", args=[extra.pk]))
    assert mensajes(respuesta) == ["Se eliminó la sesión 3. El evento suma 4 horas."]
    assert not Sesion.objects.filter(pk=extra.pk).exists()
    evento.refresh_from_db()
    assert evento.horas_totales == 4
    # Otra pestaña que intente eliminarla otra vez ya no la encuentra.
    respuesta = cliente.post(reverse("capacitacion:sesion_eliminar", args=[extra.pk]))
    assert respuesta.status_code == 404


def test_no_elimina_una_sesion_con_asistencia(cliente):
    evento, _, segunda = con_asistencia_parcial()
    respuesta = cliente.post(reverse("capacitacion:sesion_eliminar", args=[segunda.pk]))
    assert mensajes(respuesta) == [
        "La sesión 2 ya tiene asistencia registrada; no se puede eliminar."
    ]
    assert Sesion.objects.filter(pk=segunda.pk).exists()


def test_la_unica_sesion_de_un_evento_abierto_no_se_elimina(cliente):
    abierto = EventoFactory(estado=Estado.ABIERTO)
    unica = SesionFactory(evento=abierto)
    respuesta = cliente.post(reverse("capacitacion:sesion_eliminar", args=[unica.pk]))
    assert "Es la única sesión del evento" in mensajes(respuesta)[0]
    assert Sesion.objects.filter(pk=unica.pk).exists()

    borrador = SesionFactory(evento=EventoFactory())
    cliente.post(reverse("capacitacion:sesion_eliminar", args=[borrador.pk]))
    assert not Sesion.objects.filter(pk=borrador.pk).exists()


def test_un_evento_cancelado_no_cambia_sus_sesiones(cliente):
    evento = EventoFactory(estado=Estado.CANCELADO)
    sesion = SesionFactory(evento=evento, tema="Original")
    aviso = "El evento está cancelado: sus sesiones ya no cambian."
    for respuesta in (
        cliente.get(reverse("capacitacion:sesion_nueva", args=[evento.pk])),
        cliente.post(
            reverse("capacitacion:sesion_nueva", args=[evento.pk]),
            {"fecha": evento.fecha_inicio.isoformat(), "horas": "2"},
        ),
        cliente.get(reverse("capacitacion:sesion_editar", args=[sesion.pk])),
        cliente.post(
            reverse("capacitacion:sesion_editar", args=[sesion.pk]),
            {"fecha": sesion.fecha.isoformat(), "horas": "2", "tema": "Cambiado"},
        ),
        cliente.post(reverse("capacitacion:sesion_eliminar", args=[sesion.pk])),
    ):
        assert respuesta.status_code == 302
        assert mensajes(respuesta) == [aviso]
    assert list(evento.sesiones.values_list("tema", flat=True)) == ["Original"]


def test_con_constancias_las_horas_no_cambian(cliente):
    evento, _, segunda = con_asistencia_parcial()
    ConstanciaFactory(inscripcion=InscripcionFactory(evento=evento, acreditada=True))
    extra = SesionFactory(evento=evento)

    respuesta = cliente.post(
        reverse("capacitacion:sesion_nueva", args=[evento.pk]),
        {"fecha": evento.fecha_inicio.isoformat(), "horas": "5"},
    )
    assert "Ya se emitieron constancias" in mensajes(respuesta)[0]
    respuesta = cliente.post(reverse("capacitacion:sesion_eliminar", args=[extra.pk]))
    assert "Ya se emitieron constancias" in mensajes(respuesta)[0]
    respuesta = cliente.post(
        reverse("capacitacion:sesion_editar", args=[segunda.pk]),
        {"fecha": segunda.fecha.isoformat(), "horas": "1"},
    )
    assert "Ya se emitieron constancias" in respuesta.context["form"].errors["horas"][0]
    assert evento.sesiones.count() == 3
    segunda.refresh_from_db()
    assert segunda.horas == 2
    # El tema sí se corrige.
    respuesta = cliente.post(
        reverse("capacitacion:sesion_editar", args=[segunda.pk]),
        {"fecha": segunda.fecha.isoformat(), "horas": "2", "tema": "Tema corregido"},
    )
    assert respuesta.status_code == 302
    segunda.refresh_from_db()
    assert segunda.tema == "Tema corregido"
