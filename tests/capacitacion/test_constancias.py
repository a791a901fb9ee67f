"""Emisión, revocación y lista de constancias, y el panel de constancias de la página del evento."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capacitacion import constancias as servicios
from capacitacion.models import Constancia, Evento, Inscripcion, Participante
from capacitacion.models.constancias import ALFABETO
from capacitacion.views.constancias import contexto_evento
from tests.factories import (
    ConstanciaFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    SesionFactory,
)

pytestmark = pytest.mark.django_db

FORMATO = re.compile(rf"^[{ALFABETO}]{{4}}-[{ALFABETO}]{{4}}-[{ALFABETO}]{{4}}$")


def evento_con(acreditadas=2, otras=0, estado=Evento.Estado.CONCLUIDO, dependencia=None):
    """Un evento de 4 horas con `acreditadas` personas que acreditaron y `otras` que no."""
    evento = EventoFactory(estado=estado)
    SesionFactory(evento=evento)
    SesionFactory(evento=evento)
    evento.refresh_from_db()
    dependencia = dependencia or DependenciaFactory()
    for i in range(acreditadas + otras):
        InscripcionFactory(
            evento=evento,
            dependencia=dependencia,
            participante__nombre=f"Persona {i:03}",
            acreditada=i < acreditadas,
            horas_asistidas=Decimal("4") if i < acreditadas else Decimal("1"),
        )
    return evento


# --- Emisión -------------------------------------------------------------------------------


def test_emite_una_por_inscripcion_acreditada_con_los_datos_copiados(coordinacion):
    evento = evento_con(acreditadas=2, otras=1)
    assert servicios.emitir(evento, coordinacion) == 2

    constancias = Constancia.objects.filter(inscripcion__evento=evento).order_by("nombre")
    assert [c.nombre for c in constancias] == ["Persona 000", "Persona 001"]
    for constancia in constancias:
        assert constancia.inscripcion.acreditada
        assert constancia.evento_nombre == evento.nombre
        assert constancia.horas == evento.horas_totales == Decimal("4")
        assert constancia.fecha == evento.fecha_fin
        assert constancia.emitida_por == coordinacion
        assert constancia.vigente
        # En el historial, con quién la emitió.
        registro = constancia.history.get()
        assert registro.history_user == coordinacion
        assert registro.history_type == "+"


def test_no_emite_a_una_inscripcion_acreditada_que_ya_no_esta_confirmada(coordinacion):
    evento = evento_con(acreditadas=2)
    Inscripcion.objects.filter(evento=evento, participante__nombre="Persona 000").update(
        estado=Inscripcion.Estado.CANCELADA
    )
    assert servicios.emitir(evento, coordinacion) == 1


@pytest.mark.parametrize(
    "estado",
    [Evento.Estado.BORRADOR, Evento.Estado.ABIERTO, Evento.Estado.CERRADO, Evento.Estado.CANCELADO],
)
def test_solo_un_evento_concluido_emite(coordinacion, estado):
    evento = evento_con(acreditadas=2, estado=estado)
    with pytest.raises(ValidationError, match="concluido"):
        servicios.emitir(evento, coordinacion)
    assert not Constancia.objects.exists()


def test_emitir_dos_veces_no_duplica(coordinacion):
    evento = evento_con(acreditadas=3)
    assert servicios.emitir(evento, coordinacion) == 3
    assert servicios.emitir(evento, coordinacion) == 0
    InscripcionFactory(evento=evento, acreditada=True)
    assert servicios.emitir(evento, coordinacion) == 1
    assert Constancia.objects.filter(inscripcion__evento=evento).count() == 4


def test_300_codigos_distintos_y_bien_formados(coordinacion, django_assert_max_num_queries):
    evento = evento_con(acreditadas=0)
    dependencia = DependenciaFactory()
    personas = Participante.objects.bulk_create(
        Participante(nombre=f"Persona {i}", sexo="mujer", dependencia=dependencia)
        for i in range(300)
    )
    Inscripcion.objects.bulk_create(
        Inscripcion(
            evento=evento,
            participante=p,
            dependencia=dependencia,
            estado=Inscripcion.Estado.CONFIRMADA,
            acreditada=True,
        )
        for p in personas
    )
    # En lote: inserciones de cientos de filas (SQLite admite ~90 por consulta), no una por
    # persona.
    with django_assert_max_num_queries(20):
        assert servicios.emitir(evento, coordinacion) == 300
    codigos = list(Constancia.objects.values_list("codigo", flat=True))
    assert len(codigos) == len(set(codigos)) == 300
    assert all(FORMATO.match(c) for c in codigos)


def test_un_codigo_repetido_se_reemplaza(coordinacion, monkeypatch):
    existente = ConstanciaFactory()
    repetidos = iter([existente.codigo, existente.codigo, "2345-6789-ABCD", "2345-6789-ABCE"])
    monkeypatch.setattr(servicios, "nuevo_codigo", lambda: next(repetidos))
    evento = evento_con(acreditadas=2)
    assert servicios.emitir(evento, coordinacion) == 2
    assert set(
        Constancia.objects.filter(inscripcion__evento=evento).values_list("codigo", flat=True)
    ) == {"2345-6789-ABCD", "2345-6789-ABCE"}


def test_la_vista_emite_y_cuenta_las_que_ya_habia(client, coordinacion):
    evento = evento_con(acreditadas=3)
    servicios.emitir(evento, coordinacion)
    InscripcionFactory(evento=evento, acreditada=True)
    InscripcionFactory(evento=evento, acreditada=True)
    client.force_login(coordinacion)
    url = reverse("capacitacion:constancias_emitir", args=[evento.pk])

    respuesta = client.post(url, follow=True)
    assert respuesta.redirect_chain[0] == (evento.get_absolute_url(), 302)
    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert "Se emitieron 2 constancias. 3 personas ya tenían la suya." in mensajes

    # El doble clic: el segundo POST no emite nada y lo dice.
    respuesta = client.post(url, follow=True)
    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert any("No había constancias pendientes" in m for m in mensajes)
    assert Constancia.objects.filter(inscripcion__evento=evento).count() == 5


def test_la_vista_rechaza_un_evento_no_concluido(client, coordinacion):
    evento = evento_con(acreditadas=2, estado=Evento.Estado.CERRADO)
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("capacitacion:constancias_emitir", args=[evento.pk]), follow=True
    )
    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert any("concluido" in m for m in mensajes)
    assert not Constancia.objects.exists()


def test_sin_personas_acreditadas_avisa(client, coordinacion):
    evento = evento_con(acreditadas=0, otras=2)
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("capacitacion:constancias_emitir", args=[evento.pk]), follow=True
    )
    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert any("Nadie acreditó" in m for m in mensajes)


# --- Revocación ----------------------------------------------------------------------------


def revocar(client, constancia, **datos):
    return client.post(reverse("capacitacion:constancia_revocar", args=[constancia.pk]), datos)


def test_el_primer_post_pide_el_motivo(client, coordinacion):
    constancia = ConstanciaFactory()
    client.force_login(coordinacion)
    respuesta = revocar(client, constancia)
    assert respuesta.status_code == 200
    assert "Motivo de la revocación" in respuesta.content.decode()
    constancia.refresh_from_db()
    assert constancia.vigente


@pytest.mark.parametrize("motivo", ["", "   "])
def test_revocar_exige_motivo(client, coordinacion, motivo):
    constancia = ConstanciaFactory()
    client.force_login(coordinacion)
    respuesta = revocar(client, constancia, confirmar="1", motivo=motivo)
    assert respuesta.status_code == 200
    assert "Escriba el motivo de la revocación." in respuesta.content.decode()
    constancia.refresh_from_db()
    assert constancia.vigente


def test_revoca_con_motivo_y_queda_en_el_historial(client, coordinacion):
    constancia = ConstanciaFactory()
    client.force_login(coordinacion)
    respuesta = revocar(client, constancia, confirmar="1", motivo="Asistencia capturada por error")
    assert respuesta.status_code == 302
    assert respuesta.url == (
        f"{reverse('capacitacion:constancia_lista')}?evento={constancia.inscripcion.evento_id}"
    )
    constancia.refresh_from_db()
    assert not constancia.vigente
    assert constancia.revocada_por == coordinacion
    assert constancia.motivo_revocacion == "Asistencia capturada por error"
    ultimo = constancia.history.first()
    assert ultimo.history_user == coordinacion
    assert ultimo.history_change_reason == "Revocada"


def test_revocar_dos_veces_no_cambia_la_primera(client, coordinacion):
    antes = timezone.now() - timezone.timedelta(days=3)
    constancia = ConstanciaFactory(revocada_en=antes, motivo_revocacion="Primera")
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("capacitacion:constancia_revocar", args=[constancia.pk]),
        {"confirmar": "1", "motivo": "Segunda"},
        follow=True,
    )
    mensajes = [str(m) for m in respuesta.context["messages"]]
    assert any("ya estaba revocada" in m for m in mensajes)
    constancia.refresh_from_db()
    assert constancia.revocada_en == antes
    assert constancia.motivo_revocacion == "Primera"


def test_el_servicio_rechaza_revocar_dos_veces(coordinacion):
    constancia = ConstanciaFactory()
    servicios.revocar(constancia, coordinacion, "Error de captura")
    with pytest.raises(ValidationError, match="ya estaba revocada"):
        servicios.revocar(constancia, coordinacion, "Otra vez")


def test_revocar_vuelve_a_la_pagina_de_origen_si_es_del_sitio(client, coordinacion):
    constancia = ConstanciaFactory()
    client.force_login(coordinacion)
    origen = reverse("capacitacion:constancia_lista") + "?q=Persona"
    respuesta = revocar(client, constancia, confirmar="1", motivo="Error", siguiente=origen)
    assert respuesta.url == origen
    otra = ConstanciaFactory()
    respuesta = revocar(
        client, otra, confirmar="1", motivo="Error", siguiente="https://fuera.example/"
    )
    assert respuesta.url.startswith(reverse("capacitacion:constancia_lista"))


def test_una_responsable_no_revoca_ni_las_de_su_institucion(client, responsable, dependencia):
    constancia = ConstanciaFactory(inscripcion__dependencia=dependencia)
    client.force_login(responsable)
    assert revocar(client, constancia, confirmar="1", motivo="x").status_code == 403
    constancia.refresh_from_db()
    assert constancia.vigente


# --- Lista ---------------------------------------------------------------------------------


def test_la_lista_busca_por_codigo_o_nombre_y_filtra(client, coordinacion):
    una = ConstanciaFactory(nombre="Ana López Ruiz")
    otra = ConstanciaFactory(nombre="Beatriz Soto", revocada_en=timezone.now())
    client.force_login(coordinacion)
    url = reverse("capacitacion:constancia_lista")

    def codigos(**parametros):
        respuesta = client.get(url, parametros)
        assert respuesta.status_code == 200
        return {c.codigo for c in respuesta.context["constancias"]}

    assert codigos() == {una.codigo, otra.codigo}
    assert codigos(q="lópez") == {una.codigo}
    assert codigos(q=una.codigo.lower().replace("-", " ")) == {una.codigo}
    assert codigos(evento=otra.inscripcion.evento_id) == {otra.codigo}
    assert codigos(estado="vigente") == {una.codigo}
    assert codigos(estado="revocada") == {otra.codigo}
    assert codigos(evento="no-es-numero") == {una.codigo, otra.codigo}


def test_la_lista_muestra_las_columnas(client, coordinacion):
    constancia = ConstanciaFactory(nombre="Ana López Ruiz", horas=Decimal("12.5"))
    client.force_login(coordinacion)
    html = client.get(reverse("capacitacion:constancia_lista")).content.decode()
    for texto in (
        constancia.codigo,
        "Ana López Ruiz",
        constancia.evento_nombre,
        "12.5",
        constancia.fecha.strftime("%d/%m/%Y"),
        "Vigente",
        reverse("capacitacion:constancia_pdf", args=[constancia.pk]),
        reverse("capacitacion:constancia_revocar", args=[constancia.pk]),
    ):
        assert texto in html


def test_la_lista_de_una_responsable_solo_trae_su_institucion(
    client, responsable, dependencia, otra_dependencia
):
    propia = ConstanciaFactory(inscripcion__dependencia=dependencia)
    ajena = ConstanciaFactory(inscripcion__dependencia=otra_dependencia)
    client.force_login(responsable)
    respuesta = client.get(reverse("capacitacion:constancia_lista"))
    assert [c.pk for c in respuesta.context["constancias"]] == [propia.pk]
    html = respuesta.content.decode()
    assert ajena.codigo not in html
    assert ajena.evento_nombre not in html  # tampoco en el filtro de eventos
    # Una responsable no revoca.
    assert reverse("capacitacion:constancia_revocar", args=[propia.pk]) not in html


def test_la_lista_hace_las_mismas_consultas_con_mas_filas(
    client, coordinacion, django_assert_num_queries
):
    ConstanciaFactory()
    client.force_login(coordinacion)
    url = reverse("capacitacion:constancia_lista")
    client.get(url)  # calienta la sesión y los permisos
    with CaptureQueriesContext(connection) as capturadas:
        assert client.get(url).status_code == 200
    pocas = len(capturadas)
    ConstanciaFactory.create_batch(30)
    with django_assert_num_queries(pocas):
        respuesta = client.get(url)
    assert len(respuesta.context["constancias"]) == 31


# --- Panel en la página del evento ---------------------------------------------------------


def _peticion(usuario):
    request = RequestFactory().get("/")
    request.user = usuario
    return request


def panel(usuario, evento):
    request = _peticion(usuario)
    contexto = contexto_evento(request, evento)
    return contexto, render_to_string(
        "capacitacion/constancias/_en_evento.html", contexto, request=request
    )


def test_panel_de_la_coordinacion(coordinacion, django_assert_max_num_queries):
    evento = evento_con(acreditadas=3, otras=1)
    servicios.emitir(evento, coordinacion)
    Constancia.objects.filter(nombre="Persona 000").update(revocada_en=timezone.now())
    InscripcionFactory(evento=evento, acreditada=True)
    coordinacion.has_perm("capacitacion.view_constancia")  # carga los permisos
    with django_assert_max_num_queries(1):
        contexto = contexto_evento(_peticion(coordinacion), evento)
    assert contexto["constancias_acreditadas"] == 4
    assert contexto["constancias_emitidas"] == 3
    assert contexto["constancias_revocadas"] == 1
    assert contexto["constancias_pendientes"] == 1
    assert contexto["constancias_puede_emitir"]
    _, html = panel(coordinacion, evento)
    assert "Emitir constancias" in html
    assert "Descargar todas (ZIP)" in html
    assert reverse("capacitacion:constancias_emitir", args=[evento.pk]) in html
    assert f"{reverse('capacitacion:constancia_lista')}?evento={evento.pk}" in html


def test_panel_sin_pendientes_o_sin_concluir_no_ofrece_emitir(coordinacion):
    evento = evento_con(acreditadas=2, estado=Evento.Estado.CERRADO)
    contexto, html = panel(coordinacion, evento)
    assert not contexto["constancias_puede_emitir"]
    assert "Emitir constancias" not in html
    assert "cuando el evento está concluido" in html
    Evento.objects.filter(pk=evento.pk).update(estado=Evento.Estado.CONCLUIDO)
    evento.refresh_from_db()
    servicios.emitir(evento, coordinacion)
    contexto, html = panel(coordinacion, evento)
    assert not contexto["constancias_puede_emitir"]
    assert "Emitir constancias" not in html


def test_panel_de_una_responsable_solo_con_las_suyas(responsable, dependencia, coordinacion):
    evento = evento_con(acreditadas=2, dependencia=dependencia)
    InscripcionFactory(evento=evento, participante__nombre="Persona Ajena", acreditada=True)
    servicios.emitir(evento, coordinacion)
    contexto, html = panel(responsable, evento)
    assert contexto["constancias_acreditadas"] == 2
    assert contexto["constancias_emitidas"] == 2
    assert not contexto["constancias_puede_emitir"]
    assert [c.nombre for c in contexto["constancias_propias"]] == ["Persona 000", "Persona 001"]
    assert "Persona Ajena" not in html
    assert "Emitir constancias" not in html
    for constancia in contexto["constancias_propias"]:
        assert reverse("capacitacion:constancia_pdf", args=[constancia.pk]) in html
    assert reverse("capacitacion:constancias_zip", args=[evento.pk]) in html


def test_panel_sin_permiso_no_muestra_nada(sin_rol):
    evento = evento_con(acreditadas=1)
    contexto, html = panel(sin_rol, evento)
    assert contexto == {"constancias_ver": False}
    assert html.strip() == ""
