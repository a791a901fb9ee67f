"""Lista, ficha y edición de personas participantes."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capacitacion.models import Certificacion, Inscripcion, Participante
from tests.factories import (
    CertificacionFactory,
    ConstanciaFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
)

pytestmark = pytest.mark.django_db

LISTA = reverse("capacitacion:participante_lista")


def detalle(persona):
    return reverse("capacitacion:participante_detalle", args=[persona.pk])


def editar(persona):
    return reverse("capacitacion:participante_editar", args=[persona.pk])


# --- Lista ---------------------------------------------------------------------------------


def test_la_responsable_ve_solo_a_su_institucion(client, responsable, dependencia):
    propia = ParticipanteFactory(dependencia=dependencia, nombre="Alicia Propia")
    ParticipanteFactory(nombre="Bruno Ajeno")
    client.force_login(responsable)
    r = client.get(LISTA)
    assert list(r.context["personas"]) == [propia]
    contenido = r.content.decode()
    assert "Bruno Ajeno" not in contenido
    assert "Posibles duplicados" not in contenido
    assert "1 persona" in contenido


def test_filtros_de_la_coordinacion(client, coordinacion, dependencia):
    ana = ParticipanteFactory(dependencia=dependencia, nombre="Ana Torres", correo="at@a.mx")
    beto = ParticipanteFactory(nombre="Beto Ruiz", sexo="hombre", correo="beto@zac.gob.mx")
    client.force_login(coordinacion)
    r = client.get(LISTA)
    assert set(r.context["personas"]) == {ana, beto}
    assert "Posibles duplicados" in r.content.decode()
    assert list(client.get(LISTA, {"q": "torr"}).context["personas"]) == [ana]
    assert list(client.get(LISTA, {"q": "BETO@ZAC"}).context["personas"]) == [beto]
    assert list(client.get(LISTA, {"sexo": "hombre"}).context["personas"]) == [beto]
    assert list(client.get(LISTA, {"dependencia": dependencia.pk}).context["personas"]) == [ana]


def test_la_responsable_no_filtra_por_otra_institucion(client, responsable, dependencia):
    propia = ParticipanteFactory(dependencia=dependencia)
    otra = ParticipanteFactory()
    client.force_login(responsable)
    r = client.get(LISTA, {"dependencia": otra.dependencia_id})
    assert list(r.context["personas"]) == [propia]


def test_eventos_acreditados_y_etapa(client, coordinacion, responsable, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia, curp="GOMA850312MZSRRN09")
    InscripcionFactory(participante=persona, dependencia=dependencia, acreditada=True)
    InscripcionFactory(participante=persona, dependencia=dependencia, acreditada=False)
    # Una inscripción de cuando la persona estaba en otra institución.
    InscripcionFactory(participante=persona, acreditada=True)
    certificacion = CertificacionFactory(participante=persona, dependencia=dependencia)
    certificacion.avanzar(Certificacion.Estado.ALINEACION, coordinacion)

    client.force_login(coordinacion)
    fila = client.get(LISTA).context["personas"][0]
    assert fila.num_acreditados == 2
    assert (fila.etapa_estandar, fila.etapa_display) == ("EC0308", "En alineación")

    client.force_login(responsable)
    r = client.get(LISTA)
    assert r.context["personas"][0].num_acreditados == 1
    assert "EC0308 · En alineación" in r.content.decode()


def poblar(n):
    dependencias = [DependenciaFactory() for _ in range(3)]
    evento = EventoFactory()
    for i in range(n):
        persona = ParticipanteFactory(dependencia=dependencias[i % 3])
        InscripcionFactory(
            evento=evento, participante=persona, dependencia=persona.dependencia, acreditada=True
        )
        if i % 4 == 0:
            CertificacionFactory(participante=persona, dependencia=persona.dependencia)


def test_lista_con_consultas_constantes(client, coordinacion):
    client.force_login(coordinacion)
    poblar(4)
    with CaptureQueriesContext(connection) as pocas:
        assert client.get(LISTA, {"q": "persona"}).status_code == 200
    poblar(70)
    with CaptureQueriesContext(connection) as muchas:
        r = client.get(LISTA, {"q": "persona"})
    assert r.context["page_obj"].paginator.count == 74
    assert len(r.context["personas"]) == 50
    assert len(pocas) == len(muchas) <= 13  # con la cifra de «Por revisar» en la campana
    # El conteo de la paginación no une ni agrupa otras tablas.
    conteo = next(q["sql"] for q in muchas.captured_queries if "COUNT(" in q["sql"])
    assert "JOIN" not in conteo
    assert "inscripcion" not in conteo


# --- Ficha ---------------------------------------------------------------------------------


def test_ficha_con_inscripciones_certificaciones_e_historial(client, responsable, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia, curp="GOMA850312MZSRRN09")
    evento = EventoFactory(nombre="Curso de lenguaje incluyente")
    InscripcionFactory(evento=evento, participante=persona, dependencia=dependencia)
    constancia = ConstanciaFactory(
        inscripcion__participante=persona, inscripcion__dependencia=dependencia
    )
    anterior = InscripcionFactory(
        participante=persona, evento__nombre="Evento de la institución anterior"
    )
    CertificacionFactory(participante=persona, dependencia=dependencia)
    client.force_login(responsable)
    r = client.get(detalle(persona))
    assert r.status_code == 200
    contenido = r.content.decode()
    assert "Curso de lenguaje incluyente" in contenido
    assert "GOMA850312MZSRRN09" in contenido
    assert "EC0308" in contenido
    # Lo que hizo en otra institución no lo ve la responsable de esta.
    assert "Evento de la institución anterior" not in contenido
    assert anterior not in r.context["inscripciones"]
    pdf = reverse("capacitacion:constancia_pdf", args=[constancia.pk])
    assert pdf in contenido
    assert r.context["historial"]


def test_ficha_de_otra_institucion_es_404(client, responsable_ajena, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia)
    client.force_login(responsable_ajena)
    assert client.get(detalle(persona)).status_code == 404
    assert client.get(editar(persona)).status_code == 404


def test_ficha_para_consulta_sin_boton_de_editar(client, consulta, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia)
    client.force_login(consulta)
    r = client.get(detalle(persona))
    assert r.status_code == 200
    assert editar(persona) not in r.content.decode()


# --- Edición -------------------------------------------------------------------------------


def datos(persona, **cambios):
    base = {
        "nombre": persona.nombre,
        "sexo": persona.sexo,
        "cargo": persona.cargo,
        "correo": persona.correo,
        "curp": persona.curp,
        "dependencia": persona.dependencia_id,
        "actualizado": persona.actualizado.isoformat(),
    }
    base.update(cambios)
    return base


def test_la_responsable_edita_sin_cambiar_la_institucion(
    client, responsable, dependencia, otra_dependencia
):
    persona = ParticipanteFactory(dependencia=dependencia, cargo="")
    client.force_login(responsable)
    r = client.get(editar(persona))
    assert "dependencia" not in r.context["form"].fields
    r = client.post(
        editar(persona),
        datos(
            persona,
            cargo="Subdirectora",
            curp="goma850312mzsrrn09",
            dependencia=otra_dependencia.pk,
        ),
    )
    assert r.status_code == 302
    persona.refresh_from_db()
    assert persona.cargo == "Subdirectora"
    assert persona.curp == "GOMA850312MZSRRN09"
    assert persona.dependencia == dependencia
    registro = persona.history.first()
    assert registro.history_user == responsable
    assert registro.history_change_reason == "Edición de los datos"


def test_la_coordinacion_cambia_la_institucion(client, coordinacion, dependencia, otra_dependencia):
    persona = ParticipanteFactory(dependencia=dependencia)
    inscripcion = InscripcionFactory(participante=persona, dependencia=dependencia)
    client.force_login(coordinacion)
    r = client.post(editar(persona), datos(persona, dependencia=otra_dependencia.pk))
    assert r.status_code == 302
    persona.refresh_from_db()
    assert persona.dependencia == otra_dependencia
    # La inscripción conserva la institución en la que estaba al inscribirse.
    assert Inscripcion.objects.get(pk=inscripcion.pk).dependencia == dependencia


def test_edicion_vieja_no_pisa_los_cambios(client, responsable, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia, cargo="Original")
    vieja = datos(persona, cargo="De la pestaña vieja")
    Participante.objects.get(pk=persona.pk).save()  # otra persona guardó mientras tanto
    client.force_login(responsable)
    r = client.post(editar(persona), vieja)
    assert r.status_code == 200
    assert "Alguien más guardó cambios" in r.content.decode()
    persona.refresh_from_db()
    assert persona.cargo == "Original"


def test_curp_y_correo_invalidos(client, responsable, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia)
    client.force_login(responsable)
    r = client.post(editar(persona), datos(persona, curp="ABC", correo="no-es-correo"))
    assert r.status_code == 200
    assert set(r.context["form"].errors) == {"curp", "correo"}
    persona.refresh_from_db()
    assert persona.curp == ""


def test_editar_con_exito_avisa(client, coordinacion, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia)
    client.force_login(coordinacion)
    r = client.post(editar(persona), datos(persona, nombre="Nombre  Corregido"))
    assert r["Location"] == detalle(persona)
    assert "Se guardaron los datos de Nombre Corregido." in [
        str(m) for m in get_messages(r.wsgi_request)
    ]
