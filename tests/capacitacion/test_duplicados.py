"""Detección de registros duplicados de personas participantes y su fusión."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacitacion import inscripciones as servicio
from capacitacion.models import (
    Asistencia,
    Certificacion,
    Constancia,
    EstandarCompetencia,
    Inscripcion,
    Participante,
)
from tests.factories import (
    AsistenciaFactory,
    CertificacionFactory,
    ConstanciaFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    SesionFactory,
)

pytestmark = pytest.mark.django_db

Estado = Inscripcion.Estado
DUPLICADOS = reverse("capacitacion:duplicados")
FUSIONAR = reverse("capacitacion:fusionar")


def ultimo(respuesta):
    return str(list(get_messages(respuesta.wsgi_request))[-1])


def grupos():
    return {
        (g.motivo, frozenset(p.pk for p in g.miembros))
        for g in servicio.grupos_duplicados(1, 100).object_list
    }


# --- Detección -----------------------------------------------------------------------------


def test_detecta_por_correo_entre_instituciones(dependencia, otra_dependencia):
    a = ParticipanteFactory(dependencia=dependencia, correo="ana@zac.gob.mx")
    b = ParticipanteFactory(dependencia=otra_dependencia, correo="ANA@zac.gob.mx")
    ParticipanteFactory(correo="otra@zac.gob.mx")
    ParticipanteFactory(correo="", nombre="Sin correo 1")
    ParticipanteFactory(correo="", nombre="Sin correo 2")
    assert grupos() == {("correo", frozenset({a.pk, b.pk}))}


def test_detecta_por_curp(dependencia, otra_dependencia):
    a = ParticipanteFactory(dependencia=dependencia, curp="GOMA850312MZSRRN09")
    b = ParticipanteFactory(dependencia=otra_dependencia, curp="goma850312mzsrrn09")
    ParticipanteFactory(curp="LOPJ900101HZSPRN01")
    assert grupos() == {("curp", frozenset({a.pk, b.pk}))}


def test_detecta_por_nombre_en_la_misma_institucion(dependencia, otra_dependencia):
    a = ParticipanteFactory(dependencia=dependencia, nombre="María José Peña Ávila")
    b = ParticipanteFactory(dependencia=dependencia, nombre="MARIA JOSE  PENA AVILA")
    # Mismo nombre en otra institución: no es el mismo grupo.
    ParticipanteFactory(dependencia=otra_dependencia, nombre="María José Peña Ávila")
    ParticipanteFactory(dependencia=dependencia, nombre="María José Peña Ramírez")
    assert grupos() == {("nombre", frozenset({a.pk, b.pk}))}


def test_una_persona_puede_estar_en_varios_grupos(dependencia, otra_dependencia):
    a = ParticipanteFactory(dependencia=dependencia, nombre="Luz Mar", correo="luz@a.mx")
    b = ParticipanteFactory(dependencia=dependencia, nombre="luz mar", correo="luz2@a.mx")
    c = ParticipanteFactory(dependencia=otra_dependencia, correo="luz@a.mx")
    assert grupos() == {
        ("nombre", frozenset({a.pk, b.pk})),
        ("correo", frozenset({a.pk, c.pk})),
    }


def test_pagina_de_duplicados_con_consultas_constantes(client, coordinacion):
    def crear(desde, hasta):
        for i in range(desde, hasta):
            dependencia = DependenciaFactory()
            a = ParticipanteFactory(dependencia=dependencia, correo=f"dup{i}@zac.gob.mx")
            ParticipanteFactory(correo=f"dup{i}@zac.gob.mx")
            ParticipanteFactory(dependencia=dependencia, nombre=a.nombre.upper(), correo="")
            InscripcionFactory(participante=a, dependencia=dependencia)
            CertificacionFactory(participante=a, dependencia=dependencia)

    client.force_login(coordinacion)
    crear(0, 2)
    with CaptureQueriesContext(connection) as pocas:
        r = client.get(DUPLICADOS)
    assert len(r.context["grupos"]) == 4
    crear(2, 17)
    with CaptureQueriesContext(connection) as muchas:
        r = client.get(DUPLICADOS)
    assert r.context["page_obj"].paginator.count == 34
    assert len(r.context["grupos"]) == 20
    assert len(pocas) == len(muchas) <= 14
    contenido = r.content.decode()
    assert "Mismo correo" in contenido
    assert "EC0308 (Inscrita)" in contenido


def test_propone_conservar_el_registro_con_mas_historia(client, coordinacion, dependencia):
    nuevo = ParticipanteFactory(dependencia=dependencia, correo="x@zac.gob.mx", nombre="Aarón")
    viejo = ParticipanteFactory(dependencia=dependencia, correo="x@zac.gob.mx", nombre="Zoé")
    InscripcionFactory(participante=viejo, dependencia=dependencia)
    (grupo,) = servicio.grupos_duplicados(1, 20).object_list
    assert grupo.miembros == [viejo, nuevo]
    client.force_login(coordinacion)
    contenido = client.get(DUPLICADOS).content.decode()
    assert f'name="conservar" value="{viejo.pk}" checked' in contenido


def test_sin_duplicados(client, coordinacion):
    ParticipanteFactory()
    client.force_login(coordinacion)
    r = client.get(DUPLICADOS)
    assert "No hay posibles duplicados" in r.content.decode()


# --- Fusión --------------------------------------------------------------------------------


@pytest.fixture
def evento():
    evento = EventoFactory()
    SesionFactory(evento=evento)
    SesionFactory(evento=evento)
    return evento


def test_fusion_mueve_todo_y_llena_los_datos(coordinacion, dependencia, otra_dependencia, evento):
    conservar = ParticipanteFactory(dependencia=dependencia, correo="ana@zac.gob.mx", cargo="")
    otro = ParticipanteFactory(
        dependencia=otra_dependencia,
        correo="ana@zac.gob.mx",
        cargo="Jefa de oficina",
        curp="GOMA850312MZSRRN09",
    )
    solo_del_otro = InscripcionFactory(participante=otro, dependencia=otra_dependencia)
    constancia = ConstanciaFactory(
        inscripcion__participante=otro, inscripcion__dependencia=otra_dependencia
    )
    certificacion = CertificacionFactory(participante=otro, dependencia=otra_dependencia)

    fusion = servicio.fusionar(conservar, [otro], coordinacion)

    assert fusion.eliminadas == 1
    assert fusion.certificaciones_movidas == 1
    assert fusion.inscripciones_movidas == 2
    assert not Participante.objects.filter(pk=otro.pk).exists()
    conservar.refresh_from_db()
    assert conservar.cargo == "Jefa de oficina"
    assert conservar.curp == "GOMA850312MZSRRN09"
    assert conservar.dependencia == dependencia
    solo_del_otro.refresh_from_db()
    assert solo_del_otro.participante == conservar
    # La inscripción conserva la institución en la que estaba.
    assert solo_del_otro.dependencia == otra_dependencia
    assert Constancia.objects.get(pk=constancia.pk).inscripcion.participante == conservar
    assert Certificacion.objects.get(pk=certificacion.pk).participante == conservar

    # El historial lo muestra: quién, y qué se unió a qué.
    registro = conservar.history.first()
    assert registro.history_user == coordinacion
    assert f"#{otro.pk}" in registro.history_change_reason
    borrado = Participante.history.filter(id=otro.pk).first()
    assert borrado.history_type == "-"
    assert borrado.history_change_reason == f"Fusionado en el registro #{conservar.pk}"
    assert (
        solo_del_otro.history.first().history_change_reason == "Fusión de registros de la persona"
    )


def test_mismo_evento_queda_la_mejor_y_une_asistencias(coordinacion, dependencia, evento):
    uno, dos = evento.sesiones.order_by("numero")
    conservar = ParticipanteFactory(dependencia=dependencia)
    otro = ParticipanteFactory(dependencia=dependencia)
    cancelada = InscripcionFactory(
        evento=evento, participante=conservar, dependencia=dependencia, estado=Estado.CANCELADA
    )
    AsistenciaFactory(inscripcion=cancelada, sesion=uno, presente=True)
    AsistenciaFactory(inscripcion=cancelada, sesion=dos, presente=True)
    confirmada = InscripcionFactory(evento=evento, participante=otro, dependencia=dependencia)
    AsistenciaFactory(inscripcion=confirmada, sesion=uno, presente=False)
    evento.recalcular_acreditacion()
    confirmada.refresh_from_db()
    assert not confirmada.acreditada

    fusion = servicio.fusionar(conservar, [otro.pk], coordinacion)

    assert fusion.inscripciones_unidas == 1
    assert not Inscripcion.objects.filter(pk=cancelada.pk).exists()
    confirmada.refresh_from_db()
    assert confirmada.participante == conservar
    assert confirmada.estado == Estado.CONFIRMADA
    asistencias = dict(
        Asistencia.objects.filter(inscripcion=confirmada).values_list("sesion_id", "presente")
    )
    assert asistencias == {uno.pk: True, dos.pk: True}
    # Se recalcula la acreditación con la asistencia unida.
    assert confirmada.horas_asistidas == Decimal("4")
    assert confirmada.acreditada
    registro = Inscripcion.history.filter(id=cancelada.pk).first()
    assert registro.history_type == "-"
    assert f"#{confirmada.pk}" in registro.history_change_reason


def test_la_inscripcion_con_constancia_se_queda(coordinacion, dependencia, evento):
    conservar = ParticipanteFactory(dependencia=dependencia)
    otro = ParticipanteFactory(dependencia=dependencia)
    con_constancia = ConstanciaFactory(
        inscripcion__evento=evento,
        inscripcion__participante=otro,
        inscripcion__dependencia=dependencia,
    ).inscripcion
    sin = InscripcionFactory(evento=evento, participante=conservar, dependencia=dependencia)
    servicio.fusionar(conservar, [otro], coordinacion)
    assert not Inscripcion.objects.filter(pk=sin.pk).exists()
    con_constancia.refresh_from_db()
    assert con_constancia.participante == conservar


def test_rechaza_procesos_en_el_mismo_estandar(coordinacion, dependencia):
    conservar = CertificacionFactory(dependencia=dependencia, participante__curp="").participante
    otro = CertificacionFactory(dependencia=dependencia).participante
    InscripcionFactory(participante=otro, dependencia=dependencia)
    otro_estandar = EstandarCompetencia.objects.exclude(clave="EC0308").first()
    CertificacionFactory(participante=otro, estandar=otro_estandar, dependencia=dependencia)
    with pytest.raises(ValidationError, match="EC0308") as error:
        servicio.fusionar(conservar, [otro], coordinacion)
    assert otro_estandar.clave not in str(error.value)
    assert Participante.objects.filter(pk=otro.pk).exists()
    assert otro.inscripciones.count() == 1
    assert otro.certificaciones.count() == 2


def test_rechaza_curp_distintas(coordinacion, dependencia):
    a = ParticipanteFactory(dependencia=dependencia, curp="GOMA850312MZSRRN09")
    b = ParticipanteFactory(dependencia=dependencia, curp="LOPJ900101HZSPRN01")
    with pytest.raises(ValidationError, match="CURP distintas"):
        servicio.fusionar(a, [b], coordinacion)
    assert Participante.objects.count() == 2


def test_rechaza_dos_constancias_del_mismo_evento(coordinacion, dependencia, evento):
    a = ParticipanteFactory(dependencia=dependencia)
    b = ParticipanteFactory(dependencia=dependencia)
    for persona in (a, b):
        ConstanciaFactory(
            inscripcion__evento=evento,
            inscripcion__participante=persona,
            inscripcion__dependencia=dependencia,
        )
    with pytest.raises(ValidationError, match=evento.nombre):
        servicio.fusionar(a, [b], coordinacion)
    assert Participante.objects.count() == 2


def test_rechaza_fusionar_consigo_mismo_o_sin_otros(coordinacion, dependencia):
    a = ParticipanteFactory(dependencia=dependencia)
    with pytest.raises(ValidationError, match="consigo mismo"):
        servicio.fusionar(a, [a], coordinacion)
    with pytest.raises(ValidationError, match="al menos otro"):
        servicio.fusionar(a, [], coordinacion)


def test_rechaza_registros_que_ya_no_existen(coordinacion, dependencia):
    a = ParticipanteFactory(dependencia=dependencia)
    b = ParticipanteFactory(dependencia=dependencia)
    servicio.fusionar(a, [b], coordinacion)
    # La segunda pestaña repite la misma fusión.
    with pytest.raises(ValidationError, match="ya no existe"):
        servicio.fusionar(a, [b.pk], coordinacion)


# --- Vistas --------------------------------------------------------------------------------


def test_fusionar_desde_la_pagina(client, coordinacion, dependencia):
    a = ParticipanteFactory(dependencia=dependencia, correo="x@zac.gob.mx")
    b = ParticipanteFactory(correo="x@zac.gob.mx")
    c = ParticipanteFactory(correo="x@zac.gob.mx")
    client.force_login(coordinacion)
    r = client.get(DUPLICADOS)
    assert f'name="conservar" value="{a.pk}"' in r.content.decode()
    # «c» no es la misma persona: se desmarca.
    r = client.post(FUSIONAR, {"conservar": b.pk, "unir": [a.pk, b.pk]})
    assert r.status_code == 302
    assert r["Location"] == reverse("capacitacion:participante_detalle", args=[b.pk])
    textos = [str(m) for m in get_messages(r.wsgi_request)]
    assert textos[0].startswith("Se unió 1 registro a este.")
    assert set(Participante.objects.values_list("pk", flat=True)) == {b.pk, c.pk}
    r = client.get(reverse("capacitacion:participante_detalle", args=[b.pk]))
    assert f"Fusión: se le unieron los registros #{a.pk}" in r.content.decode()


def test_fusionar_con_errores_vuelve_a_la_lista(client, coordinacion, dependencia):
    a = ParticipanteFactory(dependencia=dependencia, curp="GOMA850312MZSRRN09")
    b = ParticipanteFactory(dependencia=dependencia, curp="LOPJ900101HZSPRN01")
    client.force_login(coordinacion)
    origen = DUPLICADOS + "?page=2"
    r = client.post(FUSIONAR, {"conservar": a.pk, "unir": [b.pk], "siguiente": origen})
    assert r["Location"] == origen
    assert "CURP distintas" in ultimo(r)
    r = client.post(FUSIONAR, {"conservar": a.pk, "unir": [a.pk]})
    assert r["Location"] == DUPLICADOS
    assert "Marque al menos otro" in ultimo(r)
    r = client.post(FUSIONAR, {"conservar": 999999, "unir": [a.pk]})
    assert "ya no existe" in ultimo(r)
    r = client.post(FUSIONAR, {"unir": [a.pk]})
    assert "Elija el registro que se conserva" in ultimo(r)
    assert Participante.objects.count() == 2
