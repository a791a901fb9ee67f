"""Las páginas de la certificación: tablero, alta de un proceso, ficha y paso de etapa."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import Certificacion, EstandarCompetencia, Participante, Programa
from tests.capacitacion.test_certificacion import PERMITIDAS, PROHIBIDAS, en_etapa
from tests.factories import (
    CertificacionFactory,
    DependenciaFactory,
    EventoFactory,
    ParticipanteFactory,
    ProgramaFactory,
)

pytestmark = pytest.mark.django_db

Estado = Certificacion.Estado
HOY = timezone.localdate
TABLERO = reverse("capacitacion:certificacion_tablero")
NUEVA = reverse("capacitacion:certificacion_nueva")


def detalle(certificacion):
    return reverse("capacitacion:certificacion_detalle", args=[certificacion.pk])


def avanzar(certificacion):
    return reverse("capacitacion:certificacion_avanzar", args=[certificacion.pk])


def paso(certificacion, destino, **extra):
    """Lo que envía el formulario de la ficha para pasar a `destino`."""
    datos = {
        "destino": destino,
        "desde": certificacion.estado,
        "fecha": HOY().isoformat(),
        "observaciones": "",
    }
    if destino == Estado.EN_EVALUACION:
        datos["evaluador"] = "Evaluadora Uno"
    if destino == Estado.CERTIFICADA:
        datos["folio"] = "EC0308-0001"
    return {**datos, **extra}


def texto(respuesta):
    return respuesta.content.decode()


def mensajes(respuesta):
    return [str(m) for m in respuesta.context["messages"]]


def totales(respuesta):
    return {c["estado"]: c["total"] for c in respuesta.context["columnas"]}


#: Procesos EC0308 por etapa en la institución propia y en la ajena.
PROPIOS = {
    Estado.INSCRITA: 2,
    Estado.ALINEACION: 1,
    Estado.EN_EVALUACION: 3,
    Estado.COMPETENTE: 1,
    Estado.NO_COMPETENTE: 1,
    Estado.CERTIFICADA: 2,
}
AJENOS = {Estado.INSCRITA: 1, Estado.CERTIFICADA: 1}


def poblar(dependencia, cuantos, prefijo="Persona"):
    for estado, n in cuantos.items():
        for i in range(n):
            participante = ParticipanteFactory(
                dependencia=dependencia, nombre=f"{prefijo} {estado} {i}"
            )
            extra = {}
            if estado == Estado.CERTIFICADA:
                extra["folio_certificado"] = f"{prefijo}-{dependencia.pk}-{i}"
            en_etapa(estado, dependencia=dependencia, participante=participante, **extra)


@pytest.fixture
def conocidos(dependencia, otra_dependencia):
    poblar(dependencia, PROPIOS)
    poblar(otra_dependencia, AJENOS, prefijo="Ajena")
    # Otro estándar: no cuenta en el tablero del EC0308.
    CertificacionFactory(
        dependencia=dependencia, estandar=EstandarCompetencia.objects.get(clave="EC0076")
    )


# --- Tablero --------------------------------------------------------------------------------------


def test_tablero_cuenta_por_etapa(client, coordinacion, conocidos):
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO)
    assert respuesta.status_code == 200
    esperados = {e: PROPIOS.get(e, 0) + AJENOS.get(e, 0) for e in Estado}
    assert totales(respuesta) == esperados
    assert respuesta.context["resumen"] == {
        "total": 12,
        "en_proceso": 9,
        "certificadas": 3,
        "juicios": 5,  # 1 competente + 1 no competente + 3 certificadas
        "tasa": 80,
    }
    html = texto(respuesta)
    assert "80\xa0%" in html
    assert "Inscribir a una persona" in html
    # Una tarjeta por proceso, con enlace a su ficha.
    tarjetas = [p for c in respuesta.context["columnas"] for p in c["tarjetas"]]
    assert len(tarjetas) == 12
    assert all(detalle(p) in html for p in tarjetas)


def test_tablero_todos_los_estandares(client, coordinacion, conocidos):
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO, {"estandar": ""})
    assert respuesta.context["resumen"]["total"] == 13
    assert "EC0076" in texto(respuesta)


def test_tablero_filtra_por_institucion(client, coordinacion, conocidos, otra_dependencia):
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO, {"dependencia": otra_dependencia.pk})
    assert totales(respuesta) == {e: AJENOS.get(e, 0) for e in Estado}
    assert "Ajena inscrita 0" in texto(respuesta)
    assert "Persona inscrita 0" not in texto(respuesta)


def test_tablero_filtra_por_sector(client, coordinacion, conocidos):
    del_sector = DependenciaFactory(sector="Sector Salud")
    poblar(del_sector, {Estado.ALINEACION: 2}, prefijo="Salud")
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO, {"sector": "Sector Salud"})
    assert respuesta.context["resumen"]["total"] == 2
    assert totales(respuesta)[Estado.ALINEACION] == 2


def test_tablero_busca_por_nombre(client, coordinacion, conocidos):
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO, {"q": "  persona   en_evaluacion "})
    assert respuesta.context["resumen"]["total"] == 3
    assert totales(respuesta)[Estado.EN_EVALUACION] == 3


def test_responsable_ve_solo_su_institucion(
    client, responsable, conocidos, otra_dependencia, dependencia
):
    client.force_login(responsable)
    # El filtro de institución no existe para ella: pedir la ajena no cambia nada.
    respuesta = client.get(TABLERO, {"dependencia": otra_dependencia.pk})
    assert respuesta.status_code == 200
    assert totales(respuesta) == {e: PROPIOS.get(e, 0) for e in Estado}
    html = texto(respuesta)
    assert "Ajena" not in html
    assert "Inscribir a una persona" not in html
    assert 'name="dependencia"' not in html
    assert 'name="sector"' not in html


def test_responsable_no_ve_procesos_de_otra_institucion(client, responsable, otra_dependencia):
    ajeno = CertificacionFactory(dependencia=otra_dependencia)
    client.force_login(responsable)
    assert client.get(detalle(ajeno)).status_code == 404
    assert client.get(TABLERO).context["resumen"]["total"] == 0


def test_tablero_muestra_25_tarjetas_y_enlace_a_la_lista(client, coordinacion, dependencia):
    poblar(dependencia, {Estado.INSCRITA: 30})
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO)
    columna = respuesta.context["columnas"][0]
    assert columna["estado"] == Estado.INSCRITA
    assert columna["total"] == 30
    assert len(columna["tarjetas"]) == 25
    assert "Ver las 30" in texto(respuesta)
    assert "?etapa=inscrita" in texto(respuesta)


def test_tablero_tarjetas_mas_recientes_primero(client, coordinacion, dependencia):
    vieja = en_etapa(Estado.ALINEACION, dependencia=dependencia)
    nueva = en_etapa(
        Estado.ALINEACION, dependencia=dependencia, fecha_alineacion=HOY() - timedelta(days=1)
    )
    client.force_login(coordinacion)
    columna = client.get(TABLERO).context["columnas"][1]
    assert [p.pk for p in columna["tarjetas"]] == [nueva.pk, vieja.pk]
    assert columna["tarjetas"][0].fecha_etapa == HOY() - timedelta(days=1)


def test_lista_de_una_etapa_paginada(client, coordinacion, dependencia):
    poblar(dependencia, {Estado.ALINEACION: 55, Estado.INSCRITA: 1})
    client.force_login(coordinacion)
    primera = client.get(TABLERO, {"etapa": "alineacion"})
    assert primera.context["columnas"] is None
    assert primera.context["page_obj"].paginator.count == 55
    assert len(primera.context["procesos"]) == 50
    assert "Página 1 de 2" in texto(primera)
    segunda = client.get(TABLERO, {"etapa": "alineacion", "page": 2})
    assert len(segunda.context["procesos"]) == 5
    assert {p.estado for p in segunda.context["procesos"]} == {Estado.ALINEACION}
    # «Tablero» y «Volver al tablero» quitan la etapa y la página, y conservan los filtros.
    filtrada = client.get(TABLERO, {"etapa": "alineacion", "page": 2, "q": "Persona"})
    assert texto(filtrada).count(f'href="{TABLERO}?q=Persona"') == 2
    assert re.search(rf'<a href="{TABLERO}\??"><i class="bi bi-arrow-left"', texto(primera))


def test_etapa_desconocida_muestra_el_tablero(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(TABLERO, {"etapa": "inventada", "estandar": "no-es-numero"})
    assert respuesta.status_code == 200
    assert respuesta.context["columnas"] is not None


def _consultas(client, url, datos=None):
    with CaptureQueriesContext(connection) as contexto:
        assert client.get(url, datos or {}).status_code == 200
    return len(contexto.captured_queries)


@pytest.mark.parametrize("rol", ["coordinacion", "responsable"])
def test_tablero_consultas_constantes(client, request, rol, dependencia, otra_dependencia):
    client.force_login(request.getfixturevalue(rol))
    poblar(dependencia, {e: 1 for e in Estado})
    pocas = _consultas(client, TABLERO)
    pocas_lista = _consultas(client, TABLERO, {"etapa": "inscrita"})
    poblar(dependencia, {e: 30 for e in Estado}, prefijo="Otra")
    poblar(otra_dependencia, {e: 5 for e in Estado}, prefijo="Ajena")
    assert _consultas(client, TABLERO) == pocas
    assert _consultas(client, TABLERO, {"etapa": "inscrita"}) == pocas_lista
    # Sesión, persona y permisos (hasta 8 con el menú y el guardado de la sesión), más las de
    # la página: estándares, conteos y tarjetas, y las instituciones del filtro si ve todas.
    assert pocas <= 13  # con la cifra de «Por revisar» en la campana


# --- Ficha ----------------------------------------------------------------------------------------


def test_ficha_para_la_coordinacion(client, coordinacion):
    certificacion = en_etapa(Estado.EN_EVALUACION, observaciones="Trae su portafolio")
    client.force_login(coordinacion)
    respuesta = client.get(detalle(certificacion))
    assert respuesta.status_code == 200
    html = texto(respuesta)
    assert certificacion.participante.nombre in html
    assert certificacion.participante.curp in html
    assert certificacion.dependencia.siglas in html
    assert "Evaluadora Previa" in html
    assert "Trae su portafolio" in html
    assert "Registrar juicio: competente" in html
    assert "Registrar juicio: todavía no competente" in html
    assert "Iniciar alineación" not in html
    formularios = respuesta.context["formularios"]
    assert [f.hacia for f in formularios] == [Estado.COMPETENTE, Estado.NO_COMPETENTE]
    assert html.count(avanzar(certificacion)) == 2
    assert f'name="desde" value="{Estado.EN_EVALUACION}"' in html
    assert 'aria-labelledby="paso-no_competente"' in html
    persona = reverse("capacitacion:participante_detalle", args=[certificacion.participante_id])
    assert f'href="{persona}"' in html
    assert 'id="paso-no_competente"' in html


@pytest.mark.parametrize(
    ("estado", "botones"),
    [
        (Estado.INSCRITA, ["Iniciar alineación"]),
        (Estado.ALINEACION, ["Pasar a evaluación"]),
        (Estado.NO_COMPETENTE, ["Nuevo intento: regresar a alineación"]),
        (Estado.COMPETENTE, ["Registrar certificado"]),
        (Estado.CERTIFICADA, []),
    ],
)
def test_ficha_ofrece_solo_los_pasos_posibles(client, coordinacion, estado, botones):
    certificacion = en_etapa(estado)
    client.force_login(coordinacion)
    respuesta = client.get(detalle(certificacion))
    assert [str(f.boton) for f in respuesta.context["formularios"]] == botones


def test_ficha_de_solo_lectura_para_la_institucion(client, consulta, dependencia):
    certificacion = en_etapa(Estado.ALINEACION, dependencia=dependencia)
    client.force_login(consulta)
    respuesta = client.get(detalle(certificacion))
    assert respuesta.status_code == 200
    html = texto(respuesta)
    assert certificacion.participante.curp in html
    assert respuesta.context["formularios"] == []
    assert avanzar(certificacion) not in html


def test_ficha_muestra_el_historial_de_etapas(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    client.force_login(coordinacion)
    client.post(avanzar(certificacion), paso(certificacion, Estado.ALINEACION))
    respuesta = client.get(detalle(certificacion))
    historial = respuesta.context["historial"]
    assert historial[0].motivo == "En alineación"
    assert historial[0].usuario == coordinacion
    assert ("etapa", "Inscrita", "En alineación") in historial[0].cambios
    assert "En alineación" in texto(respuesta)


def test_ficha_consultas_constantes(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    client.force_login(coordinacion)
    pocas = _consultas(client, detalle(certificacion))
    for destino in (Estado.ALINEACION, Estado.EN_EVALUACION, Estado.NO_COMPETENTE):
        certificacion.refresh_from_db()
        client.post(avanzar(certificacion), paso(certificacion, destino))
    assert _consultas(client, detalle(certificacion)) == pocas


# --- Paso de etapa --------------------------------------------------------------------------------


@pytest.mark.parametrize(("desde", "destino"), PERMITIDAS, ids=lambda e: str(e))
def test_avanzar_por_la_vista(client, coordinacion, desde, destino):
    certificacion = en_etapa(desde)
    historial = certificacion.history.count()
    client.force_login(coordinacion)
    respuesta = client.post(avanzar(certificacion), paso(certificacion, destino))
    assert respuesta.status_code == 302
    assert respuesta.url == detalle(certificacion)
    certificacion.refresh_from_db()
    assert certificacion.estado == destino
    assert certificacion.history.count() == historial + 1
    registro = certificacion.history.first()
    assert registro.history_user == coordinacion
    assert registro.history_change_reason == destino.label
    seguida = client.get(respuesta.url)
    assert f"pasó a «{destino.label}»" in " ".join(mensajes(seguida))


@pytest.mark.parametrize(("desde", "destino"), PROHIBIDAS, ids=lambda e: str(e))
def test_avanzar_prohibido_por_la_vista(client, coordinacion, desde, destino):
    certificacion = en_etapa(desde)
    historial = certificacion.history.count()
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion),
        paso(certificacion, destino, evaluador="E", folio="F-9"),
        follow=True,
    )
    assert "no puede pasar a" in " ".join(mensajes(respuesta))
    certificacion.refresh_from_db()
    assert certificacion.estado == desde
    assert certificacion.history.count() == historial


def test_nuevo_intento_por_la_vista_suma_intentos(client, coordinacion):
    certificacion = en_etapa(Estado.NO_COMPETENTE)
    client.force_login(coordinacion)
    for destino in (Estado.ALINEACION, Estado.EN_EVALUACION):
        certificacion.refresh_from_db()
        respuesta = client.post(
            avanzar(certificacion), paso(certificacion, destino, evaluador="Segunda Evaluadora")
        )
        assert respuesta.status_code == 302
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.EN_EVALUACION
    assert certificacion.intentos == 2
    assert certificacion.evaluador == "Segunda Evaluadora"


def test_evaluacion_sin_evaluador_conserva_lo_escrito(client, coordinacion):
    certificacion = en_etapa(Estado.ALINEACION)
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion),
        paso(certificacion, Estado.EN_EVALUACION, evaluador="  ", observaciones="Nota escrita"),
    )
    assert respuesta.status_code == 200
    html = texto(respuesta)
    assert "Indique quién evalúa." in html
    assert "Nota escrita" in html
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.ALINEACION
    assert certificacion.intentos == 0


def test_certificado_sin_folio(client, coordinacion):
    certificacion = en_etapa(Estado.COMPETENTE)
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion), paso(certificacion, Estado.CERTIFICADA, folio="")
    )
    assert respuesta.status_code == 200
    assert "Escriba el folio del certificado." in texto(respuesta)
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.COMPETENTE


def test_folio_repetido_por_la_vista(client, coordinacion):
    en_etapa(Estado.CERTIFICADA, folio_certificado="EC0308-0001")
    certificacion = en_etapa(Estado.COMPETENTE)
    client.force_login(coordinacion)
    respuesta = client.post(avanzar(certificacion), paso(certificacion, Estado.CERTIFICADA))
    assert respuesta.status_code == 200
    html = texto(respuesta)
    assert "Ese folio ya está registrado en otro certificado." in html
    assert 'value="EC0308-0001"' in html  # lo escrito sigue en el campo
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.COMPETENTE
    assert certificacion.folio_certificado == ""


def test_fecha_futura_por_la_vista(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    manana = HOY() + timedelta(days=1)
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion), paso(certificacion, Estado.ALINEACION, fecha=manana.isoformat())
    )
    assert respuesta.status_code == 200
    assert "La fecha no puede ser posterior a hoy." in texto(respuesta)
    assert f'value="{manana.isoformat()}"' in texto(respuesta)
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.INSCRITA


def test_fecha_anterior_a_la_etapa_previa_por_la_vista(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    antes = certificacion.fecha_inscripcion - timedelta(days=1)
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion), paso(certificacion, Estado.ALINEACION, fecha=antes.isoformat())
    )
    assert respuesta.status_code == 200
    assert "no puede ser anterior al" in texto(respuesta)
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.INSCRITA


def test_fecha_ilegible_por_la_vista(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion), paso(certificacion, Estado.ALINEACION, fecha="ayer")
    )
    assert respuesta.status_code == 200
    assert respuesta.context["formularios"][0].errors["fecha"]
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.INSCRITA


def test_etapa_vista_desactualizada_no_cambia_nada(client, coordinacion):
    certificacion = en_etapa(Estado.ALINEACION)
    historial = certificacion.history.count()
    client.force_login(coordinacion)
    datos = paso(certificacion, Estado.ALINEACION, desde=Estado.INSCRITA)
    respuesta = client.post(avanzar(certificacion), datos, follow=True)
    assert (
        "Este proceso ya cambió de etapa (ahora: En alineación); revise antes de continuar."
        in mensajes(respuesta)
    )
    certificacion.refresh_from_db()
    assert certificacion.fecha_alineacion == HOY() - timedelta(days=10)
    assert certificacion.history.count() == historial


def test_doble_clic_avanza_una_sola_vez(client, coordinacion):
    certificacion = en_etapa(Estado.ALINEACION)
    client.force_login(coordinacion)
    datos = paso(certificacion, Estado.EN_EVALUACION)
    assert client.post(avanzar(certificacion), datos).status_code == 302
    segunda = client.post(avanzar(certificacion), datos, follow=True)
    assert any("ya cambió de etapa" in m for m in mensajes(segunda))
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.EN_EVALUACION
    assert certificacion.intentos == 1


def test_destino_inventado(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    client.force_login(coordinacion)
    respuesta = client.post(
        avanzar(certificacion), {"destino": "aprobada", "desde": "inscrita"}, follow=True
    )
    assert "Elija a qué etapa pasa el proceso." in mensajes(respuesta)
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.INSCRITA


def test_avanzar_no_acepta_get(client, coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    client.force_login(coordinacion)
    assert client.get(avanzar(certificacion)).status_code == 405


def test_la_institucion_no_avanza(client, responsable, dependencia):
    certificacion = en_etapa(Estado.INSCRITA, dependencia=dependencia)
    client.force_login(responsable)
    respuesta = client.post(avanzar(certificacion), paso(certificacion, Estado.ALINEACION))
    assert respuesta.status_code == 403
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.INSCRITA


# --- Alta de un proceso ---------------------------------------------------------------------------


def test_buscar_persona_por_nombre_correo_o_curp(client, coordinacion):
    ana = ParticipanteFactory(nombre="Ana Gómez Ruiz", correo="ana.gomez@zac.gob.mx")
    beto = ParticipanteFactory(nombre="Beto Díaz", curp="DIAB800101HZSZRT05")
    client.force_login(coordinacion)
    por_nombre = client.post(NUEVA, {"q": "gómez"})
    assert por_nombre.status_code == 200
    assert [p.pk for p in por_nombre.context["candidatos"]] == [ana.pk]
    assert f"?participante={ana.pk}" in texto(por_nombre)
    por_correo = client.post(NUEVA, {"q": "ANA.GOMEZ@zac"})
    assert [p.pk for p in por_correo.context["candidatos"]] == [ana.pk]
    por_curp = client.post(NUEVA, {"q": "diab800101"})
    assert [p.pk for p in por_curp.context["candidatos"]] == [beto.pk]
    por_get = client.get(NUEVA, {"q": "Beto"})
    assert [p.pk for p in por_get.context["candidatos"]] == [beto.pk]
    # Nada se crea al buscar.
    assert not Certificacion.objects.exists()


def test_busqueda_limitada_a_20(client, coordinacion, dependencia):
    ParticipanteFactory.create_batch(25, dependencia=dependencia, nombre="Coincide Nombre")
    client.force_login(coordinacion)
    respuesta = client.post(NUEVA, {"q": "coincide"})
    assert len(respuesta.context["candidatos"]) == 20
    assert respuesta.context["hay_mas"] is True
    vacia = client.post(NUEVA, {"q": "x"})
    assert "Escriba al menos dos letras." in texto(vacia)
    nadie = client.post(NUEVA, {"q": "Nadie Así"})
    assert "No encontramos a nadie" in texto(nadie)


def test_participante_preelegido(client, coordinacion):
    persona = ParticipanteFactory(curp="")
    client.force_login(coordinacion)
    respuesta = client.get(NUEVA, {"participante": persona.pk})
    assert respuesta.status_code == 200
    form = respuesta.context["form"]
    assert "curp" in form.fields
    ec0308 = EstandarCompetencia.objects.get(clave="EC0308")
    assert form["estandar"].value() == ec0308.pk
    assert form["fecha_inscripcion"].value() == HOY()
    assert client.get(NUEVA, {"participante": 999999}).status_code == 404


def test_inscribir_con_curp_nueva(client, coordinacion, dependencia):
    persona = ParticipanteFactory(dependencia=dependencia, curp="")
    programa = ProgramaFactory(tipo=Programa.Tipo.CERTIFICACION)
    evento = EventoFactory(programa=programa)
    client.force_login(coordinacion)
    respuesta = client.post(
        f"{NUEVA}?participante={persona.pk}",
        {
            "estandar": EstandarCompetencia.objects.get(clave="EC0308").pk,
            "evento": evento.pk,
            "fecha_inscripcion": (HOY() - timedelta(days=2)).isoformat(),
            "curp": " goma850312mzsrrn09 ",
            "observaciones": "Viene del taller",
        },
    )
    certificacion = Certificacion.objects.get(participante=persona)
    assert respuesta.status_code == 302
    assert respuesta.url == detalle(certificacion)
    assert certificacion.estado == Estado.INSCRITA
    assert certificacion.dependencia == dependencia
    assert certificacion.evento == evento
    assert certificacion.fecha_inscripcion == HOY() - timedelta(days=2)
    assert certificacion.observaciones == "Viene del taller"
    assert certificacion.actualizada_por == coordinacion
    persona.refresh_from_db()
    assert persona.curp == "GOMA850312MZSRRN09"
    assert persona.history.first().history_change_reason == "CURP para la certificación"
    registro = certificacion.history.get()
    assert registro.history_user == coordinacion
    assert registro.history_change_reason == "Inscripción al proceso"


def test_la_curp_es_obligatoria_y_valida(client, coordinacion):
    persona = ParticipanteFactory(curp="")
    client.force_login(coordinacion)
    url = f"{NUEVA}?participante={persona.pk}"
    datos = {
        "estandar": EstandarCompetencia.objects.get(clave="EC0308").pk,
        "fecha_inscripcion": HOY().isoformat(),
    }
    sin_curp = client.post(url, datos)
    assert sin_curp.status_code == 200
    assert "Escriba la CURP: la certificación la necesita." in texto(sin_curp)
    mala = client.post(url, {**datos, "curp": "ABC123"})
    assert "La CURP tiene 18 caracteres" in texto(mala)
    assert 'value="ABC123"' in texto(mala)
    assert not Certificacion.objects.exists()
    persona.refresh_from_db()
    assert persona.curp == ""


def test_persona_con_curp_no_la_vuelve_a_pedir(client, coordinacion):
    persona = ParticipanteFactory(curp="DIAB800101HZSZRT05")
    client.force_login(coordinacion)
    url = f"{NUEVA}?participante={persona.pk}"
    assert "curp" not in client.get(url).context["form"].fields
    respuesta = client.post(
        url,
        {
            "estandar": EstandarCompetencia.objects.get(clave="EC0943").pk,
            "fecha_inscripcion": HOY().isoformat(),
        },
    )
    assert respuesta.status_code == 302
    assert Certificacion.objects.get(participante=persona).estandar.clave == "EC0943"


def test_proceso_repetido_rechazado_sin_guardar_nada(client, coordinacion):
    existente = en_etapa(Estado.ALINEACION)
    persona = existente.participante
    Participante.objects.filter(pk=persona.pk).update(curp="")
    client.force_login(coordinacion)
    respuesta = client.post(
        f"{NUEVA}?participante={persona.pk}",
        {
            "estandar": existente.estandar.pk,
            "fecha_inscripcion": HOY().isoformat(),
            "curp": "GOMA850312MZSRRN09",
        },
    )
    assert respuesta.status_code == 200
    assert "ya está en el proceso del estándar EC0308 (etapa: En alineación)" in texto(respuesta)
    assert Certificacion.objects.count() == 1
    persona.refresh_from_db()
    assert persona.curp == ""


def test_fecha_de_inscripcion_futura_rechazada(client, coordinacion):
    persona = ParticipanteFactory(curp="DIAB800101HZSZRT05")
    client.force_login(coordinacion)
    respuesta = client.post(
        f"{NUEVA}?participante={persona.pk}",
        {
            "estandar": EstandarCompetencia.objects.get(clave="EC0308").pk,
            "fecha_inscripcion": (HOY() + timedelta(days=3)).isoformat(),
        },
    )
    assert respuesta.status_code == 200
    assert "La fecha no puede ser posterior a hoy." in texto(respuesta)
    assert not Certificacion.objects.exists()


def test_evento_de_otro_estandar_rechazado(client, coordinacion):
    persona = ParticipanteFactory(curp="DIAB800101HZSZRT05")
    ec0308 = EstandarCompetencia.objects.get(clave="EC0308")
    otro = EstandarCompetencia.objects.get(clave="EC0076")
    evento = EventoFactory(
        programa=ProgramaFactory(tipo=Programa.Tipo.CERTIFICACION, estandar=otro)
    )
    client.force_login(coordinacion)
    respuesta = client.post(
        f"{NUEVA}?participante={persona.pk}",
        {"estandar": ec0308.pk, "evento": evento.pk, "fecha_inscripcion": HOY().isoformat()},
    )
    assert respuesta.status_code == 200
    assert "Ese evento promueve el estándar EC0076" in texto(respuesta)
    assert not Certificacion.objects.exists()


def test_eventos_de_certificacion_primero(client, coordinacion):
    persona = ParticipanteFactory()
    curso = EventoFactory(nombre="Curso reciente", fecha_inicio=HOY())
    promocion = EventoFactory(
        nombre="Promoción EC0308",
        programa=ProgramaFactory(tipo=Programa.Tipo.CERTIFICACION),
        fecha_inicio=HOY() - timedelta(days=60),
    )
    client.force_login(coordinacion)
    form = client.get(NUEVA, {"participante": persona.pk}).context["form"]
    elegibles = list(form.fields["evento"].queryset)
    assert elegibles.index(promocion) < elegibles.index(curso)


def test_curp_compartida_avisa_de_posible_duplicado(client, coordinacion):
    ParticipanteFactory(curp="GOMA850312MZSRRN09")
    persona = ParticipanteFactory(curp="")
    client.force_login(coordinacion)
    respuesta = client.post(
        f"{NUEVA}?participante={persona.pk}",
        {
            "estandar": EstandarCompetencia.objects.get(clave="EC0308").pk,
            "fecha_inscripcion": HOY().isoformat(),
            "curp": "GOMA850312MZSRRN09",
        },
        follow=True,
    )
    assert any("misma CURP" in m for m in mensajes(respuesta))
    assert Certificacion.objects.filter(participante=persona).exists()
