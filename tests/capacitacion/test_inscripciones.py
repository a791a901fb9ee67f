"""Inscribir personas en eventos, revisar las inscripciones, cancelarlas y el panel del evento."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capacitacion import inscripciones as servicio
from capacitacion.models import Evento, Inscripcion, Participante
from capacitacion.views.inscripciones import contexto_evento
from tests.factories import (
    AsistenciaFactory,
    ConstanciaFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    SesionFactory,
)
from uig_portal.models import Usuario

pytestmark = pytest.mark.django_db

Estado = Inscripcion.Estado


def abierto(**kwargs):
    evento = EventoFactory(**kwargs)
    SesionFactory(evento=evento)
    evento.cambiar_estado(Evento.Estado.ABIERTO)
    return evento


@pytest.fixture
def evento(db):
    return abierto()


def url(evento):
    return reverse("capacitacion:inscribir", args=[evento.pk])


def persona_nueva(**extra):
    datos = {
        "forma": "nueva",
        "nueva-nombre": "Ana  María Gómez",
        "nueva-sexo": "mujer",
        "nueva-correo": "Ana.Gomez@Zacatecas.gob.mx",
        "nueva-cargo": "Analista",
        "nueva-curp": "",
    }
    datos.update(extra)
    return datos


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


# --- Persona responsable ---------------------------------------------------------------------


def test_responsable_inscribe_a_una_persona_nueva(client, responsable, dependencia, evento):
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva())
    assert r.status_code == 302
    assert r["Location"].endswith(f"/capacitacion/eventos/{evento.pk}/#inscripciones")
    persona = Participante.objects.get()
    assert persona.nombre == "Ana María Gómez"
    assert persona.correo == "ana.gomez@zacatecas.gob.mx"
    assert persona.dependencia == dependencia
    assert persona.creado_por == responsable
    inscripcion = Inscripcion.objects.get()
    assert inscripcion.participante == persona
    assert inscripcion.dependencia == dependencia
    assert inscripcion.estado == Estado.SOLICITADA
    assert inscripcion.inscrita_por == responsable
    assert inscripcion.revisada_por is None
    texto = " ".join(mensajes(r))
    assert "Se registró e inscribió a Ana María Gómez" in texto
    assert "La Coordinación confirmará" in texto
    assert inscripcion.history.get().history_user == responsable


def test_reusa_a_la_persona_de_la_institucion_por_correo(client, responsable, dependencia, evento):
    existente = ParticipanteFactory(
        dependencia=dependencia, nombre="Ana Gómez", correo="ana.gomez@zacatecas.gob.mx", cargo=""
    )
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(**{"nueva-curp": "gomA850312mzsrrn09"}))
    assert r.status_code == 302
    assert Participante.objects.count() == 1
    existente.refresh_from_db()
    # Solo se llenan los campos vacíos; el nombre no se sobrescribe.
    assert existente.nombre == "Ana Gómez"
    assert existente.cargo == "Analista"
    assert existente.curp == "GOMA850312MZSRRN09"
    assert Inscripcion.objects.get().participante == existente
    assert "ya estaba registrada" in " ".join(mensajes(r))
    assert existente.history.first().history_change_reason == "Datos completados al inscribir"


def test_reusa_a_la_persona_de_la_institucion_por_curp(client, responsable, dependencia, evento):
    existente = ParticipanteFactory(
        dependencia=dependencia, correo="", curp="GOMA850312MZSRRN09", cargo="Directora"
    )
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(**{"nueva-curp": "GOMA850312MZSRRN09"}))
    assert r.status_code == 302
    existente.refresh_from_db()
    assert Participante.objects.count() == 1
    assert existente.correo == "ana.gomez@zacatecas.gob.mx"
    assert existente.cargo == "Directora"


def test_persona_de_otra_institucion_crea_un_registro_propio_sin_revelarla(
    client, responsable, dependencia, otra_dependencia, evento
):
    ajena = ParticipanteFactory(
        dependencia=otra_dependencia,
        nombre="Nombre Secreto Ajeno",
        correo="ana.gomez@zacatecas.gob.mx",
        curp="GOMA850312MZSRRN09",
        cargo="Cargo Secreto",
    )
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(**{"nueva-curp": "GOMA850312MZSRRN09"}), follow=True)
    assert r.status_code == 200
    propia = Participante.objects.exclude(pk=ajena.pk).get()
    assert propia.dependencia == dependencia
    assert propia.nombre == "Ana María Gómez"
    contenido = r.content.decode()
    assert "Nombre Secreto Ajeno" not in contenido
    assert "Cargo Secreto" not in contenido
    assert "duplicados" not in contenido
    ajena.refresh_from_db()
    assert ajena.nombre == "Nombre Secreto Ajeno"
    assert not ajena.inscripciones.exists()


def test_correo_de_una_persona_con_otra_curp(client, responsable, dependencia, evento):
    ParticipanteFactory(
        dependencia=dependencia, correo="ana.gomez@zacatecas.gob.mx", curp="GOMA850312MZSRRN09"
    )
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(**{"nueva-curp": "LOPJ900101HZSPRN01"}))
    assert r.status_code == 200
    assert "otra CURP" in r.content.decode()
    assert not Inscripcion.objects.exists()


def test_curp_invalida(client, responsable, evento):
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(**{"nueva-curp": "NOESCURP"}))
    assert r.status_code == 200
    assert "La CURP tiene 18 caracteres" in r.content.decode()
    assert not Participante.objects.exists()


def test_faltan_datos_obligatorios(client, responsable, evento):
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(**{"nueva-correo": "", "nueva-nombre": "   "}))
    assert r.status_code == 200
    assert r.context["nueva"].errors.keys() == {"correo", "nombre"}
    assert not Participante.objects.exists()


def test_inscribe_a_una_persona_ya_registrada(client, responsable, dependencia, evento):
    persona = ParticipanteFactory(dependencia=dependencia, nombre="Beatriz Ruiz")
    inscrita = InscripcionFactory(evento=evento, dependencia=dependencia)
    ajena = ParticipanteFactory(nombre="Persona De Otra Parte")
    client.force_login(responsable)
    r = client.get(url(evento))
    opciones = r.content.decode()
    assert "Beatriz Ruiz" in opciones
    assert f'value="{inscrita.participante.pk}"' not in opciones
    assert "Persona De Otra Parte" not in opciones
    assert inscrita.participante.nombre in opciones  # en la lista de ya inscritas

    r = client.post(url(evento), {"forma": "registrada", "registrada-participante": persona.pk})
    assert r.status_code == 302
    assert Inscripcion.objects.get(participante=persona).estado == Estado.SOLICITADA

    # Una persona de otra institución no se puede elegir.
    r = client.post(url(evento), {"forma": "registrada", "registrada-participante": ajena.pk})
    assert r.status_code == 200
    assert r.context["registrada"].errors
    assert not ajena.inscripciones.exists()


def test_inscribir_y_agregar_otra(client, responsable, evento):
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva(otra="1"))
    assert r.status_code == 302
    assert r["Location"] == url(evento)


def test_muestra_lugares_disponibles(client, responsable, dependencia):
    evento = abierto(cupo=3)
    InscripcionFactory(evento=evento, dependencia=dependencia)
    InscripcionFactory(evento=evento, estado=Estado.CANCELADA)
    client.force_login(responsable)
    r = client.get(url(evento))
    assert r.context["lugares"] == 2
    assert "Quedan 2 lugares disponibles" in r.content.decode()


def test_borrador_y_no_convocado_no_existen_para_la_institucion(
    client, responsable, otra_dependencia
):
    borrador = EventoFactory()
    otro = abierto()
    otro.dependencias.set([otra_dependencia])
    client.force_login(responsable)
    for evento in (borrador, otro):
        assert client.get(url(evento)).status_code == 404
        assert client.post(url(evento), persona_nueva()).status_code == 404
    assert not Participante.objects.exists()


@pytest.mark.parametrize("caso", ["cerrado", "plazo_vencido"])
def test_fuera_del_periodo_de_inscripcion(client, responsable, caso):
    evento = abierto()
    if caso == "cerrado":
        evento.cambiar_estado(Evento.Estado.CERRADO)
    else:
        Evento.objects.filter(pk=evento.pk).update(
            inscripcion_hasta=timezone.localdate() - timedelta(days=1)
        )
    client.force_login(responsable)
    r = client.get(url(evento))
    assert r.status_code == 302
    assert "no está abierta para su institución" in " ".join(mensajes(r))
    r = client.post(url(evento), persona_nueva())
    assert r.status_code == 302
    assert not Participante.objects.exists()
    assert not Inscripcion.objects.exists()


def test_el_servicio_tambien_revisa_el_periodo(responsable):
    evento = abierto()
    evento.cambiar_estado(Evento.Estado.CERRADO)
    datos = {"nombre": "X", "sexo": "mujer", "correo": "x@zac.gob.mx"}
    with pytest.raises(ValidationError, match="no está abierta"):
        servicio.inscribir(evento, datos, responsable)
    assert not Participante.objects.exists()


def test_cupo_lleno_no_guarda_nada(client, responsable, dependencia):
    evento = abierto(cupo=1)
    InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    client.force_login(responsable)
    r = client.post(url(evento), persona_nueva())
    assert r.status_code == 200
    assert "Ya no hay lugares disponibles" in r.content.decode()
    assert Inscripcion.objects.count() == 1
    assert not Participante.objects.filter(dependencia=dependencia).exists()


def test_doble_inscripcion_de_la_misma_persona(client, responsable, dependencia, evento):
    client.force_login(responsable)
    assert client.post(url(evento), persona_nueva()).status_code == 302
    r = client.post(url(evento), persona_nueva())
    assert r.status_code == 200
    assert "ya está inscrita en este evento (Por confirmar)" in r.content.decode()
    assert Inscripcion.objects.count() == 1
    assert Participante.objects.count() == 1


def test_reabre_una_inscripcion_cancelada(client, responsable, dependencia, evento):
    previa = InscripcionFactory(evento=evento, dependencia=dependencia, estado=Estado.RECHAZADA)
    previa.motivo = "Sin perfil"
    previa.save()
    client.force_login(responsable)
    r = client.post(
        url(evento), {"forma": "registrada", "registrada-participante": previa.participante.pk}
    )
    assert r.status_code == 302
    previa.refresh_from_db()
    assert previa.estado == Estado.SOLICITADA
    assert previa.motivo == ""
    assert Inscripcion.objects.count() == 1
    assert "Se reabrió" in " ".join(mensajes(r))
    assert previa.history.first().history_change_reason == "Inscripción reabierta"


def test_responsable_no_inscribe_en_otra_institucion(responsable, otra_dependencia, evento):
    datos = {"nombre": "X", "sexo": "mujer", "correo": "x@zac.gob.mx"}
    with pytest.raises(Exception) as error:
        servicio.inscribir(evento, datos, responsable, dependencia=otra_dependencia)
    assert error.typename == "PermissionDenied"
    ajena = ParticipanteFactory(dependencia=otra_dependencia)
    with pytest.raises(Exception) as error:
        servicio.inscribir(evento, {"participante": ajena}, responsable)
    assert error.typename == "PermissionDenied"
    assert not Inscripcion.objects.exists()


# --- Coordinación ----------------------------------------------------------------------------


def test_coordinacion_inscribe_confirmada_en_la_institucion_elegida(
    client, coordinacion, otra_dependencia
):
    evento = abierto()
    evento.cambiar_estado(Evento.Estado.CERRADO)
    ParticipanteFactory(correo="ana.gomez@zacatecas.gob.mx")  # en una tercera institución
    client.force_login(coordinacion)
    r = client.post(
        url(evento) + f"?dependencia={otra_dependencia.pk}",
        persona_nueva(**{"nueva-dependencia": otra_dependencia.pk}),
    )
    assert r.status_code == 302
    inscripcion = Inscripcion.objects.get()
    assert inscripcion.estado == Estado.CONFIRMADA
    assert inscripcion.dependencia == otra_dependencia
    assert inscripcion.participante.dependencia == otra_dependencia
    assert inscripcion.revisada_por == coordinacion
    assert inscripcion.revisada_en is not None
    texto = " ".join(mensajes(r))
    assert "quedó confirmada" in texto
    assert "Hay 1 registro más con el mismo correo" in texto


def test_coordinacion_debe_elegir_institucion(client, coordinacion, evento):
    client.force_login(coordinacion)
    r = client.post(url(evento), persona_nueva())
    assert r.status_code == 200
    assert "dependencia" in r.context["nueva"].errors
    assert not Participante.objects.exists()


def test_coordinacion_ve_personas_de_la_institucion_elegida(client, coordinacion, dependencia):
    evento = abierto()
    ParticipanteFactory(dependencia=dependencia, nombre="Carmen Propia")
    ParticipanteFactory(nombre="Dolores Ajena")
    client.force_login(coordinacion)
    r = client.get(url(evento))
    assert r.context["registrada"] is None
    r = client.get(url(evento) + f"?dependencia={dependencia.pk}")
    contenido = r.content.decode()
    assert "Carmen Propia" in contenido
    assert "Dolores Ajena" not in contenido


def test_coordinacion_no_inscribe_en_borrador(client, coordinacion):
    evento = EventoFactory()
    client.force_login(coordinacion)
    r = client.get(url(evento))
    assert r.status_code == 302
    assert "abierto o cerrado" in " ".join(mensajes(r))


# --- Revisar -------------------------------------------------------------------------------


def revisar_url(inscripcion):
    return reverse("capacitacion:inscripcion_revisar", args=[inscripcion.pk])


def test_confirma_una_inscripcion(client, coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    client.force_login(coordinacion)
    r = client.post(revisar_url(inscripcion), {"accion": "confirmar"})
    assert r.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.CONFIRMADA
    assert inscripcion.revisada_por == coordinacion
    assert inscripcion.history.first().history_change_reason == "Confirmada"


def test_no_acepta_con_motivo(client, coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    client.force_login(coordinacion)
    r = client.post(revisar_url(inscripcion), {"accion": "rechazar", "motivo": "  "})
    assert "Escriba el motivo" in " ".join(mensajes(r))
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.SOLICITADA

    r = client.post(revisar_url(inscripcion), {"accion": "rechazar", "motivo": "Perfil distinto"})
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.RECHAZADA
    assert inscripcion.motivo == "Perfil distinto"
    assert inscripcion.revisada_en is not None


def test_doble_clic_y_estado_viejo(client, coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    client.force_login(coordinacion)
    client.post(revisar_url(inscripcion), {"accion": "confirmar"})
    inscripcion.refresh_from_db()
    revisada_en = inscripcion.revisada_en
    r = client.post(revisar_url(inscripcion), {"accion": "confirmar"})
    assert "ya estaba en «Confirmada»" in " ".join(mensajes(r))
    # Otra pestaña que todavía la veía por confirmar intenta no aceptarla.
    r = client.post(revisar_url(inscripcion), {"accion": "rechazar", "motivo": "Tarde"})
    assert "ya no está por confirmar" in " ".join(mensajes(r))
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.CONFIRMADA
    assert inscripcion.revisada_en == revisada_en
    assert inscripcion.history.count() == 2


def test_no_revisa_en_evento_cancelado(coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    evento.cambiar_estado(Evento.Estado.CANCELADO)
    with pytest.raises(ValidationError, match="Cancelado"):
        servicio.revisar(inscripcion, True, coordinacion)


def test_accion_desconocida(client, coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    client.force_login(coordinacion)
    r = client.post(revisar_url(inscripcion), {"accion": "borrar"})
    assert r.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.SOLICITADA


def test_confirmar_recalcula_la_acreditacion(coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    AsistenciaFactory(inscripcion=inscripcion, sesion=evento.sesiones.get())
    evento.recalcular_acreditacion()
    inscripcion.refresh_from_db()
    assert not inscripcion.acreditada
    servicio.revisar(inscripcion, True, coordinacion)
    inscripcion.refresh_from_db()
    assert inscripcion.acreditada


def test_vuelve_a_la_pagina_de_origen(client, coordinacion, evento):
    inscripcion = InscripcionFactory(evento=evento, estado=Estado.SOLICITADA)
    client.force_login(coordinacion)
    origen = reverse("capacitacion:evento_detalle", args=[evento.pk]) + "?insc_estado=solicitada"
    r = client.post(revisar_url(inscripcion), {"accion": "confirmar", "siguiente": origen})
    assert r["Location"] == origen
    r = client.post(
        revisar_url(inscripcion), {"accion": "confirmar", "siguiente": "https://malo.example/"}
    )
    assert r["Location"].startswith(f"/capacitacion/eventos/{evento.pk}/")


def test_confirma_las_seleccionadas_y_todas(client, coordinacion, evento):
    a, b, c = (InscripcionFactory(evento=evento, estado=Estado.SOLICITADA) for _ in range(3))
    de_otro_evento = InscripcionFactory(estado=Estado.SOLICITADA)
    confirmar = reverse("capacitacion:inscripciones_confirmar", args=[evento.pk])
    client.force_login(coordinacion)

    r = client.post(confirmar, {})
    assert "Marque al menos una" in " ".join(mensajes(r))

    r = client.post(confirmar, {"ids": [a.pk, de_otro_evento.pk]})
    assert "Se confirmó 1 inscripción. Se avisó por correo a 1 persona." in mensajes(r)
    estados = dict(Inscripcion.objects.values_list("pk", "estado"))
    assert estados[a.pk] == Estado.CONFIRMADA
    assert estados[b.pk] == estados[c.pk] == estados[de_otro_evento.pk] == Estado.SOLICITADA

    r = client.post(confirmar, {"todas": "1"})
    assert "Se confirmaron 2 inscripciones. Se avisó por correo a 2 personas." in mensajes(r)
    assert not Inscripcion.objects.filter(evento=evento, estado=Estado.SOLICITADA).exists()
    b.refresh_from_db()
    assert b.revisada_por == coordinacion
    registro = b.history.first()
    assert registro.history_user == coordinacion
    assert registro.history_change_reason == "Confirmada"

    r = client.post(confirmar, {"todas": "1"})
    assert "No había inscripciones por confirmar" in " ".join(mensajes(r))

    r = client.post(confirmar, {"ids": ["x"]})
    assert "La selección no es válida" in " ".join(mensajes(r))


# --- Cancelar ------------------------------------------------------------------------------


def cancelar_url(inscripcion):
    return reverse("capacitacion:inscripcion_cancelar", args=[inscripcion.pk])


def test_responsable_cancela_una_de_su_institucion(client, responsable, dependencia, evento):
    inscripcion = InscripcionFactory(evento=evento, dependencia=dependencia)
    client.force_login(responsable)
    r = client.post(cancelar_url(inscripcion))
    assert r.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.CANCELADA
    assert "su lugar quedó libre" in " ".join(mensajes(r))
    r = client.post(cancelar_url(inscripcion))
    assert "ya estaba cancelada" in " ".join(mensajes(r))


def test_otra_institucion_no_cancela(client, responsable_ajena, dependencia, evento):
    inscripcion = InscripcionFactory(evento=evento, dependencia=dependencia)
    client.force_login(responsable_ajena)
    assert client.post(cancelar_url(inscripcion)).status_code == 404
    inscripcion.refresh_from_db()
    assert inscripcion.estado == Estado.CONFIRMADA


def test_no_cancela_con_asistencia_o_constancia(client, coordinacion, evento):
    sesion = evento.sesiones.get()
    asistio = InscripcionFactory(evento=evento)
    AsistenciaFactory(inscripcion=asistio, sesion=sesion, presente=True)
    falto = InscripcionFactory(evento=evento)
    AsistenciaFactory(inscripcion=falto, sesion=sesion, presente=False)
    con_constancia = ConstanciaFactory(inscripcion__evento=evento).inscripcion
    client.force_login(coordinacion)

    r = client.post(cancelar_url(asistio))
    assert "Ya hay asistencia registrada" in " ".join(mensajes(r))
    r = client.post(cancelar_url(con_constancia))
    assert "ya tiene constancia" in " ".join(mensajes(r))
    client.post(cancelar_url(falto))  # Una falta no impide cancelar.

    estados = dict(Inscripcion.objects.values_list("pk", "estado"))
    assert estados[asistio.pk] == Estado.CONFIRMADA
    assert estados[con_constancia.pk] == Estado.CONFIRMADA
    assert estados[falto.pk] == Estado.CANCELADA


def test_no_cancela_en_evento_concluido(responsable, dependencia, evento):
    inscripcion = InscripcionFactory(evento=evento, dependencia=dependencia)
    evento.cambiar_estado(Evento.Estado.CERRADO)
    evento.cambiar_estado(Evento.Estado.CONCLUIDO)
    with pytest.raises(ValidationError, match="Concluido"):
        servicio.cancelar(inscripcion, responsable)


# --- Panel de la página del evento ---------------------------------------------------------


def panel(usuario, evento, **parametros):
    request = RequestFactory().get("/", parametros)
    request.user = Usuario.objects.get(pk=usuario.pk)  # sin permisos en caché
    contexto = contexto_evento(request, evento)
    html = render_to_string(
        "capacitacion/inscripciones/_en_evento.html", {"evento": evento, **contexto}, request
    )
    return contexto, html


def poblar(evento, n, dependencia):
    otra = DependenciaFactory()
    for i in range(n):
        inscripcion = InscripcionFactory(
            evento=evento,
            dependencia=dependencia if i % 2 else otra,
            estado=Estado.SOLICITADA if i % 3 else Estado.CONFIRMADA,
        )
        if i % 4 == 0:
            AsistenciaFactory(inscripcion=inscripcion, sesion=evento.sesiones.get())
        if i % 5 == 0:
            ConstanciaFactory(inscripcion=inscripcion)


@pytest.mark.parametrize("rol", ["coordinacion", "responsable"])
def test_panel_con_consultas_constantes(request, rol, dependencia):
    usuario = request.getfixturevalue(rol)
    chico, grande = abierto(cupo=500), abierto(cupo=500)
    poblar(chico, 3, dependencia)
    poblar(grande, 40, dependencia)
    cuentas = []
    for evento in (chico, grande):
        with CaptureQueriesContext(connection) as consultas:
            panel(usuario, evento, insc_estado="solicitada")
        cuentas.append(len(consultas))
    assert cuentas[0] == cuentas[1]
    assert cuentas[1] <= 10


def test_panel_de_la_coordinacion(coordinacion, dependencia, otra_dependencia, evento):
    pendiente = InscripcionFactory(evento=evento, dependencia=dependencia, estado=Estado.SOLICITADA)
    confirmada = InscripcionFactory(evento=evento, dependencia=otra_dependencia)
    contexto, html = panel(coordinacion, evento)
    assert contexto["inscripciones_resumen"]["total"] == 2
    assert contexto["inscripciones_puede_inscribir"]
    assert "Confirmar todas las pendientes" in html or "Confirmar la pendiente" in html
    assert f'name="ids" value="{pendiente.pk}"' in html
    assert f'name="ids" value="{confirmada.pk}"' not in html
    assert "No aceptar" in html

    contexto, html = panel(coordinacion, evento, insc_estado="confirmada")
    assert list(contexto["inscripciones_pagina"].object_list) == [confirmada]
    contexto, html = panel(coordinacion, evento, insc_dependencia=dependencia.pk)
    assert list(contexto["inscripciones_pagina"].object_list) == [pendiente]
    assert contexto["inscripciones_filtrado"]


def test_panel_de_la_responsable(responsable, dependencia, otra_dependencia, evento):
    propia = InscripcionFactory(evento=evento, dependencia=dependencia)
    ajena = InscripcionFactory(evento=evento, dependencia=otra_dependencia)
    AsistenciaFactory(inscripcion=propia, sesion=evento.sesiones.get())
    evento.recalcular_acreditacion()
    contexto, html = panel(responsable, evento)
    assert list(contexto["inscripciones_pagina"].object_list) == [propia]
    assert ajena.participante.nombre not in html
    assert propia.participante.nombre in html
    assert "Inscribir personas" in html
    assert "Acredita" in html
    assert "Confirmar" not in html
    assert "No se puede cancelar" in html  # ya asistió
    assert contexto["inscripciones_resumen"]["total"] == 1


def test_panel_de_consulta_sin_botones(consulta, dependencia, evento):
    InscripcionFactory(evento=evento, dependencia=dependencia)
    contexto, html = panel(consulta, evento)
    assert len(contexto["inscripciones_pagina"].object_list) == 1
    assert "Inscribir personas" not in html
    assert "Cancelar…" not in html


def test_panel_sin_boton_si_la_inscripcion_cerro(responsable, dependencia, evento):
    evento.cambiar_estado(Evento.Estado.CERRADO)
    InscripcionFactory(evento=evento, dependencia=dependencia)
    _, html = panel(responsable, evento)
    assert "Inscribir personas" not in html
    assert "Cancelar…" in html


def test_panel_de_evento_concluido_sin_cancelar(responsable, dependencia, evento):
    InscripcionFactory(evento=evento, dependencia=dependencia)
    evento.cambiar_estado(Evento.Estado.CERRADO)
    evento.cambiar_estado(Evento.Estado.CONCLUIDO)
    contexto, html = panel(responsable, evento)
    assert not contexto["inscripciones_puede_cancelar"]
    assert "cancelar" not in html.lower()


def test_el_panel_aparece_en_la_pagina_del_evento(client, responsable, dependencia, evento):
    InscripcionFactory(evento=evento, dependencia=dependencia, participante__nombre="Elena Paz")
    client.force_login(responsable)
    r = client.get(reverse("capacitacion:evento_detalle", args=[evento.pk]))
    assert r.status_code == 200
    contenido = r.content.decode()
    assert 'id="inscripciones"' in contenido
    assert "Elena Paz" in contenido
    assert url(evento) in contenido
