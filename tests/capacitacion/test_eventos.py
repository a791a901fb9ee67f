"""Eventos de capacitación: alta y edición, estados, sesiones, la página del evento y la
lista que sirve de inicio a cada rol."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import Evento, Inscripcion
from capacitacion.views import asistencia, constancias, inscripciones
from tests.factories import (
    AsistenciaFactory,
    ConstanciaFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ProgramaFactory,
    SesionFactory,
)

pytestmark = pytest.mark.django_db
Estado = Evento.Estado
HOY = timezone.localdate


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def mensajes(respuesta):
    """Los mensajes que dejó esta petición (sin los de peticiones anteriores no mostrados)."""
    return [str(m) for m in get_messages(respuesta.wsgi_request)._queued_messages]


def consultas(cliente, url):
    with CaptureQueriesContext(connection) as contexto:
        respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    return len(contexto.captured_queries)


def datos_evento(programa, **cambios):
    hoy = HOY()
    datos = {
        "programa": programa.pk,
        "nombre": "Taller de presupuestos con perspectiva de género",
        "descripcion": "",
        "modalidad": "presencial",
        "sede": "Auditorio",
        "enlace": "",
        "facilitacion": "Coordinación",
        "cupo": "",
        "dependencias": [],
        "fecha_inicio": (hoy + timedelta(days=5)).isoformat(),
        "fecha_fin": (hoy + timedelta(days=6)).isoformat(),
        "inscripcion_hasta": "",
        "umbral_asistencia": "80",
        "meta_federal": "",
    }
    datos.update(cambios)
    return datos


def datos_edicion(evento, **cambios):
    datos = datos_evento(
        evento.programa,
        nombre=evento.nombre,
        sede=evento.sede,
        fecha_inicio=evento.fecha_inicio.isoformat(),
        fecha_fin=evento.fecha_fin.isoformat(),
        umbral_asistencia=str(evento.umbral_asistencia),
        cupo=evento.cupo or "",
        marca=evento.actualizado.isoformat(),
    )
    datos.update(cambios)
    return datos


def con_asistencia_parcial():
    """Evento abierto de 4 horas (dos sesiones de 2) con una persona que asistió a una."""
    evento = EventoFactory(estado=Estado.ABIERTO)
    primera = SesionFactory(evento=evento)
    segunda = SesionFactory(evento=evento, fecha=evento.fecha_inicio + timedelta(days=1))
    inscripcion = InscripcionFactory(evento=evento)
    AsistenciaFactory(inscripcion=inscripcion, sesion=primera, presente=True)
    AsistenciaFactory(inscripcion=inscripcion, sesion=segunda, presente=False)
    evento.refresh_from_db()
    evento.recalcular_acreditacion()
    inscripcion.refresh_from_db()
    assert inscripcion.horas_asistidas == 2 and not inscripcion.acreditada
    return evento, inscripcion, segunda


# --- Alta ---------------------------------------------------------------------------------------


def test_crea_un_evento_en_borrador(cliente, coordinacion, dependencia, otra_dependencia):
    programa = ProgramaFactory()
    respuesta = cliente.post(
        reverse("capacitacion:evento_nuevo"),
        datos_evento(programa, cupo="30", dependencias=[dependencia.pk, otra_dependencia.pk]),
    )
    evento = Evento.objects.get(nombre="Taller de presupuestos con perspectiva de género")
    assert respuesta.status_code == 302
    assert respuesta.url == evento.get_absolute_url()
    assert evento.estado == Estado.BORRADOR
    assert evento.creado_por == coordinacion
    assert evento.cupo == 30
    assert set(evento.dependencias.all()) == {dependencia, otra_dependencia}
    assert evento.horas_totales == 0
    assert "Se creó el evento en borrador" in mensajes(respuesta)[0]


def test_sin_instituciones_convoca_a_todas(cliente):
    respuesta = cliente.post(reverse("capacitacion:evento_nuevo"), datos_evento(ProgramaFactory()))
    evento = Evento.objects.get(pk=respuesta.url.rstrip("/").split("/")[-1])
    assert not evento.dependencias.exists()
    assert "Todas las instituciones" in cliente.get(respuesta.url).content.decode()


def test_doble_envio_crea_un_solo_evento(cliente):
    datos = datos_evento(ProgramaFactory())
    primera = cliente.post(reverse("capacitacion:evento_nuevo"), datos)
    segunda = cliente.post(reverse("capacitacion:evento_nuevo"), datos)
    assert Evento.objects.filter(nombre=datos["nombre"]).count() == 1
    assert segunda.url == primera.url
    assert "no se creó otro" in mensajes(segunda)[0]


@pytest.mark.parametrize(
    "cambios,campo,mensaje",
    [
        (
            {"modalidad": "virtual", "sede": ""},
            "enlace",
            "Indique el enlace de un evento virtual o mixto.",
        ),
        ({"sede": ""}, "sede", "Indique la sede de un evento presencial o mixto."),
        (
            {"modalidad": "mixta", "enlace": "no es un enlace"},
            "enlace",
            "Ingrese una URL válida.",
        ),
        (
            {"fecha_fin": (HOY() + timedelta(days=1)).isoformat()},
            "fecha_fin",
            "El término no puede ser anterior al inicio.",
        ),
        (
            {"inscripcion_hasta": (HOY() + timedelta(days=30)).isoformat()},
            "inscripcion_hasta",
            "La inscripción no puede cerrar después de que termina el evento.",
        ),
        ({"umbral_asistencia": "0"}, "umbral_asistencia", "El porcentaje va de 1 a 100."),
        ({"umbral_asistencia": "101"}, "umbral_asistencia", "El porcentaje va de 1 a 100."),
        (
            {"cupo": "0"},
            "cupo",
            "El cupo es de al menos un lugar; déjelo vacío si no hay límite.",
        ),
        ({"nombre": ""}, "nombre", "Este campo es obligatorio."),
        ({"fecha_inicio": "31/02/2025"}, "fecha_inicio", "Introduzca una fecha válida."),
    ],
)
def test_evento_invalido_no_se_guarda(cliente, cambios, campo, mensaje):
    antes = Evento.objects.count()
    respuesta = cliente.post(
        reverse("capacitacion:evento_nuevo"), datos_evento(ProgramaFactory(), **cambios)
    )
    assert respuesta.status_code == 200
    assert mensaje in respuesta.context["form"].errors[campo]
    assert "no se guardó nada" in respuesta.content.decode()
    assert Evento.objects.count() == antes


def test_solo_se_ofrecen_programas_activos(cliente):
    inactivo = ProgramaFactory(activo=False)
    form = cliente.get(reverse("capacitacion:evento_nuevo")).context["form"]
    assert inactivo not in form.fields["programa"].queryset
    respuesta = cliente.post(reverse("capacitacion:evento_nuevo"), datos_evento(inactivo))
    assert "programa" in respuesta.context["form"].errors
    assert not Evento.objects.filter(programa=inactivo).exists()


def test_desde_un_programa_el_evento_llega_con_ese_programa(cliente):
    programa = ProgramaFactory()
    detalle = cliente.get(programa.get_absolute_url()).content.decode()
    url = reverse("capacitacion:evento_nuevo") + f"?programa={programa.pk}"
    assert url in detalle
    form = cliente.get(url).context["form"]
    assert f'<option value="{programa.pk}" selected>' in str(form["programa"])
    assert cliente.get(reverse("capacitacion:evento_nuevo") + "?programa=x").status_code == 200


def test_las_instituciones_se_ofrecen_con_una_consulta(cliente):
    DependenciaFactory.create_batch(30)
    url = reverse("capacitacion:evento_nuevo")
    pocas = consultas(cliente, url)
    DependenciaFactory.create_batch(100)
    assert consultas(cliente, url) == pocas


# --- Edición ------------------------------------------------------------------------------------


def test_edita_un_evento(cliente, dependencia):
    evento = EventoFactory()
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, nombre="Nombre corregido", dependencias=[dependencia.pk]),
    )
    assert respuesta.status_code == 302
    evento.refresh_from_db()
    assert evento.nombre == "Nombre corregido"
    assert list(evento.dependencias.all()) == [dependencia]


def test_el_programa_inactivo_del_evento_se_conserva_al_editar(cliente):
    evento = EventoFactory(programa=ProgramaFactory(activo=False))
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, nombre="Sigue en su programa"),
    )
    assert respuesta.status_code == 302
    evento.refresh_from_db()
    assert evento.nombre == "Sigue en su programa"


@pytest.mark.parametrize("marca", ["2001-01-01T00:00:00+00:00", None])
def test_no_pisa_cambios_de_otra_persona(cliente, marca):
    evento = EventoFactory(nombre="Original")
    datos = datos_edicion(evento, nombre="Mi cambio")
    if marca:
        datos["marca"] = marca
    else:
        del datos["marca"]
    respuesta = cliente.post(reverse("capacitacion:evento_editar", args=[evento.pk]), datos)
    assert respuesta.status_code == 200
    assert "Alguien más guardó cambios" in respuesta.context["form"].non_field_errors()[0]
    evento.refresh_from_db()
    assert evento.nombre == "Original"


def test_un_cambio_de_estado_invalida_la_edicion_abierta(cliente):
    evento = EventoFactory()
    SesionFactory(evento=evento)
    evento.refresh_from_db()
    datos = datos_edicion(evento, nombre="Mi cambio")
    evento.cambiar_estado(Estado.ABIERTO)
    respuesta = cliente.post(reverse("capacitacion:evento_editar", args=[evento.pk]), datos)
    assert respuesta.status_code == 200
    evento.refresh_from_db()
    assert evento.nombre != "Mi cambio"


def test_cambiar_el_umbral_recalcula_la_acreditacion(cliente):
    evento, inscripcion, _ = con_asistencia_parcial()
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, umbral_asistencia="50"),
    )
    assert respuesta.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.acreditada

    evento.refresh_from_db()
    cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, umbral_asistencia="90"),
    )
    inscripcion.refresh_from_db()
    assert not inscripcion.acreditada


def test_con_constancias_el_umbral_no_cambia(cliente):
    evento, inscripcion, _ = con_asistencia_parcial()
    ConstanciaFactory(inscripcion=InscripcionFactory(evento=evento, acreditada=True))
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, umbral_asistencia="50"),
    )
    assert respuesta.status_code == 200
    assert "Ya se emitieron constancias" in respuesta.context["form"].errors["umbral_asistencia"][0]
    evento.refresh_from_db()
    assert evento.umbral_asistencia == 80
    # Lo demás sí se puede corregir.
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, nombre="Nombre con acento corregido"),
    )
    assert respuesta.status_code == 302


def test_las_fechas_no_dejan_fuera_una_sesion(cliente):
    evento = EventoFactory()
    SesionFactory(evento=evento, fecha=evento.fecha_fin)
    evento.refresh_from_db()
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, fecha_fin=(evento.fecha_fin - timedelta(days=1)).isoformat()),
    )
    assert respuesta.status_code == 200
    assert "quedaría fuera de las fechas" in respuesta.context["form"].errors["fecha_fin"][0]
    fin = evento.fecha_fin
    evento.refresh_from_db()
    assert evento.fecha_fin == fin


def test_el_cupo_no_baja_de_los_lugares_ocupados(cliente):
    evento = EventoFactory(cupo=10)
    InscripcionFactory.create_batch(3, evento=evento)
    InscripcionFactory(evento=evento, estado=Inscripcion.Estado.CANCELADA)
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, cupo="2"),
    )
    assert "Ya hay 3 lugares ocupados" in respuesta.context["form"].errors["cupo"][0]
    evento.refresh_from_db()
    assert evento.cupo == 10
    respuesta = cliente.post(
        reverse("capacitacion:evento_editar", args=[evento.pk]),
        datos_edicion(evento, cupo="3"),
    )
    assert respuesta.status_code == 302


def test_un_evento_cancelado_no_se_edita(cliente):
    evento = EventoFactory(estado=Estado.CANCELADO, nombre="Cancelado")
    url = reverse("capacitacion:evento_editar", args=[evento.pk])
    respuesta = cliente.get(url)
    assert respuesta.status_code == 302
    assert mensajes(respuesta) == ["Un evento cancelado ya no se modifica."]
    respuesta = cliente.post(url, datos_edicion(evento, nombre="Otro"))
    assert respuesta.status_code == 302
    evento.refresh_from_db()
    assert evento.nombre == "Cancelado"


# --- Estados --------------------------------------------------------------------------------------


ESTADOS = list(Estado)
PARES = [(desde, hacia) for desde in ESTADOS for hacia in ESTADOS if desde != hacia]


@pytest.mark.parametrize("desde,hacia", PARES, ids=[f"{d}-{h}" for d, h in PARES])
def test_transiciones_de_estado(cliente, desde, hacia):
    evento = EventoFactory(estado=desde)
    SesionFactory(evento=evento)
    respuesta = cliente.post(
        reverse("capacitacion:evento_estado", args=[evento.pk]),
        {"desde": desde, "estado": hacia},
    )
    assert respuesta.status_code == 302
    assert respuesta.url == evento.get_absolute_url()
    evento.refresh_from_db()
    if hacia in Evento.TRANSICIONES[desde]:
        assert evento.estado == hacia
        assert mensajes(respuesta)
        assert "no puede pasar" not in mensajes(respuesta)[0]
    else:
        assert evento.estado == desde
        assert mensajes(respuesta) == [
            f"Un evento en «{Estado(desde).label}» no puede pasar a «{Estado(hacia).label}»."
        ]


def test_no_abre_la_inscripcion_sin_sesiones(cliente):
    evento = EventoFactory()
    respuesta = cliente.post(
        reverse("capacitacion:evento_estado", args=[evento.pk]),
        {"desde": "borrador", "estado": "abierto"},
    )
    evento.refresh_from_db()
    assert evento.estado == Estado.BORRADOR
    assert mensajes(respuesta) == ["Agregue al menos una sesión antes de abrir la inscripción."]


def test_estado_viejo_se_rechaza(cliente):
    """Doble clic en «Cerrar la inscripción»: el segundo POST trae un estado que ya no es."""
    evento = EventoFactory(estado=Estado.ABIERTO)
    SesionFactory(evento=evento)
    url = reverse("capacitacion:evento_estado", args=[evento.pk])
    cliente.post(url, {"desde": "abierto", "estado": "cerrado"})
    respuesta = cliente.post(url, {"desde": "abierto", "estado": "cerrado"})
    assert mensajes(respuesta)[0].startswith("El evento ya cambió de estado")
    assert "«Inscripción cerrada»" in mensajes(respuesta)[0]
    # Otra pestaña intentaba concluir desde «abierto»: tampoco pasa.
    respuesta = cliente.post(url, {"desde": "abierto", "estado": "cancelado"})
    evento.refresh_from_db()
    assert evento.estado == Estado.CERRADO
    assert mensajes(respuesta)[0].startswith("El evento ya cambió de estado")


@pytest.mark.parametrize("datos", [{"estado": "cerrado"}, {"desde": "abierto", "estado": "x"}])
def test_estado_incompleto_o_desconocido(cliente, datos):
    evento = EventoFactory(estado=Estado.ABIERTO)
    respuesta = cliente.post(reverse("capacitacion:evento_estado", args=[evento.pk]), datos)
    evento.refresh_from_db()
    assert evento.estado == Estado.ABIERTO
    assert len(mensajes(respuesta)) == 1


def test_concluir_deja_la_acreditacion_al_dia(cliente):
    evento, inscripcion, _ = con_asistencia_parcial()
    evento.cambiar_estado(Estado.CERRADO)
    # Un cambio hecho por fuera de las vistas (p. ej. en la administración) sin recalcular.
    Evento.objects.filter(pk=evento.pk).update(umbral_asistencia=50)
    cliente.post(
        reverse("capacitacion:evento_estado", args=[evento.pk]),
        {"desde": "cerrado", "estado": "concluido"},
    )
    inscripcion.refresh_from_db()
    assert inscripcion.acreditada


# --- Alcance: quién ve qué evento ------------------------------------------------------------------


def test_responsable_ve_los_publicados_que_convocan_a_su_institucion(
    client, responsable, dependencia, otra_dependencia
):
    client.force_login(responsable)
    a_todas = EventoFactory(estado=Estado.ABIERTO)
    a_la_suya = EventoFactory(estado=Estado.CERRADO)
    a_la_suya.dependencias.set([dependencia])
    borrador = EventoFactory()
    a_otra = EventoFactory(estado=Estado.ABIERTO)
    a_otra.dependencias.set([otra_dependencia])
    a_otra_con_su_gente = EventoFactory(estado=Estado.CONCLUIDO)
    a_otra_con_su_gente.dependencias.set([otra_dependencia])
    InscripcionFactory(evento=a_otra_con_su_gente, dependencia=dependencia)

    def estado(evento):
        return client.get(evento.get_absolute_url()).status_code

    assert estado(a_todas) == 200
    assert estado(a_la_suya) == 200
    assert estado(a_otra_con_su_gente) == 200
    assert estado(borrador) == 404
    assert estado(a_otra) == 404


def test_lista_de_una_institucion(client, responsable, dependencia, otra_dependencia):
    client.force_login(responsable)
    hoy = HOY()
    a_todas = EventoFactory(estado=Estado.ABIERTO, nombre="Abierto a todas", cupo=3)
    InscripcionFactory(evento=a_todas, dependencia=dependencia)
    InscripcionFactory(evento=a_todas, dependencia=otra_dependencia)
    a_la_suya = EventoFactory(estado=Estado.ABIERTO, nombre="Abierto a la suya")
    a_la_suya.dependencias.set([dependencia])
    a_otra = EventoFactory(estado=Estado.ABIERTO, nombre="Abierto a otra")
    a_otra.dependencias.set([otra_dependencia])
    EventoFactory(nombre="En borrador")
    EventoFactory(estado=Estado.ABIERTO, nombre="Plazo vencido", inscripcion_hasta=hoy)
    Evento.objects.filter(nombre="Plazo vencido").update(inscripcion_hasta=hoy - timedelta(days=1))
    concluido = EventoFactory(estado=Estado.CONCLUIDO, nombre="Ya concluido")
    InscripcionFactory(evento=concluido, dependencia=dependencia, acreditada=True)
    InscripcionFactory(evento=concluido, dependencia=dependencia)
    InscripcionFactory(evento=EventoFactory(estado=Estado.CONCLUIDO), dependencia=otra_dependencia)

    respuesta = client.get(reverse("capacitacion:evento_lista"))

    assert respuesta.templates[0].name == "capacitacion/eventos/evento_lista_institucion.html"
    abiertos = {e.nombre: e for e in respuesta.context["abiertos"]}
    assert set(abiertos) == {"Abierto a todas", "Abierto a la suya"}
    assert abiertos["Abierto a todas"].lugares == 1
    assert abiertos["Abierto a todas"].mis_personas == 1
    assert abiertos["Abierto a la suya"].lugares is None
    con_personas = {e.nombre: e for e in respuesta.context["eventos"]}
    assert set(con_personas) == {"Ya concluido", "Abierto a todas"}
    assert con_personas["Ya concluido"].mis_personas == 2
    assert con_personas["Ya concluido"].mis_acreditadas == 1
    html = respuesta.content.decode()
    assert "1 lugar disponible" in html
    assert reverse("capacitacion:inscribir", args=[a_todas.pk]) in html
    assert "Nuevo evento" not in html

    busqueda = client.get(reverse("capacitacion:evento_lista"), {"q": "suya"})
    assert [e.nombre for e in busqueda.context["abiertos"]] == ["Abierto a la suya"]
    assert list(busqueda.context["eventos"]) == []


def test_lista_de_consulta_sin_boton_de_inscribir(client, consulta):
    client.force_login(consulta)
    evento = EventoFactory(estado=Estado.ABIERTO)
    respuesta = client.get(reverse("capacitacion:evento_lista"))
    assert [e.pk for e in respuesta.context["abiertos"]] == [evento.pk]
    assert reverse("capacitacion:inscribir", args=[evento.pk]) not in respuesta.content.decode()


# --- Lista de la Coordinación ----------------------------------------------------------------


def test_lista_de_la_coordinacion_con_filtros(cliente):
    programa = ProgramaFactory(nombre="Seminario de prueba")
    hace_un_anio = HOY() - timedelta(days=400)
    viejo = EventoFactory(
        nombre="Seminario 2023",
        programa=programa,
        estado=Estado.CONCLUIDO,
        fecha_inicio=hace_un_anio,
        fecha_fin=hace_un_anio,
    )
    abierto = EventoFactory(nombre="Curso abierto", estado=Estado.ABIERTO, cupo=20)
    InscripcionFactory.create_batch(2, evento=abierto)
    borrador = EventoFactory(nombre="Curso en borrador")
    url = reverse("capacitacion:evento_lista")

    todos = cliente.get(url)
    assert {e.pk for e in todos.context["eventos"]} == {viejo.pk, abierto.pk, borrador.pk}
    html = todos.content.decode()
    assert "2 / 20" in html
    assert reverse("capacitacion:evento_nuevo") in html
    for nombre in (
        "programa_lista",
        "participante_lista",
        "certificacion_tablero",
        "constancia_lista",
        "estadisticas",
    ):
        assert reverse(f"capacitacion:{nombre}") in html

    def nombres(**filtros):
        return [e.nombre for e in cliente.get(url, filtros).context["eventos"]]

    assert nombres(estado="abierto") == ["Curso abierto"]
    assert nombres(programa=programa.pk) == ["Seminario 2023"]
    assert nombres(anio=hace_un_anio.year) == ["Seminario 2023"]
    assert set(nombres(q="curso")) == {"Curso abierto", "Curso en borrador"}
    assert nombres(q="curso", estado="borrador") == ["Curso en borrador"]


def test_lista_pagina_de_50_en_50(cliente):
    EventoFactory.create_batch(51)
    respuesta = cliente.get(reverse("capacitacion:evento_lista"))
    assert len(respuesta.context["eventos"]) == 50
    assert respuesta.context["page_obj"].paginator.num_pages == 2


def test_lista_de_la_coordinacion_consultas_constantes(cliente):
    EventoFactory(estado=Estado.ABIERTO)
    url = reverse("capacitacion:evento_lista")
    pocas = consultas(cliente, url)
    for _ in range(20):
        evento = EventoFactory(estado=Estado.ABIERTO, programa=ProgramaFactory(), cupo=10)
        InscripcionFactory(evento=evento)
    assert consultas(cliente, url) == pocas
    assert consultas(cliente, url + f"?estado=abierto&q=curso&anio={HOY().year}") == pocas


def test_lista_de_una_institucion_consultas_constantes(client, responsable, dependencia):
    client.force_login(responsable)
    url = reverse("capacitacion:evento_lista")

    def uno():
        evento = EventoFactory(estado=Estado.ABIERTO, programa=ProgramaFactory(), cupo=10)
        InscripcionFactory(evento=evento, dependencia=dependencia)

    uno()
    pocas = consultas(client, url)
    for _ in range(20):
        uno()
    assert consultas(client, url) == pocas


# --- Página del evento --------------------------------------------------------------------------


def test_pagina_del_evento_para_la_coordinacion(cliente, dependencia, otra_dependencia):
    evento = EventoFactory(
        estado=Estado.ABIERTO, cupo=25, umbral_asistencia=75, meta_federal="Meta 3.2"
    )
    evento.dependencias.set([dependencia, otra_dependencia])
    sesion = SesionFactory(evento=evento, tema="Conceptos básicos", hora_inicio="09:30")
    SesionFactory(evento=evento, horas=Decimal("2"))
    evento.refresh_from_db()

    respuesta = cliente.get(evento.get_absolute_url())

    html = respuesta.content.decode()
    assert evento.programa.nombre in html
    assert "Conceptos básicos" in html and "09:30" in html
    assert "al menos 3 horas asistidas" in html  # 75 % de 4 horas
    assert "2 instituciones" in html and "AJENA" in html and "PROPIA" in html
    assert "Meta 3.2" in html
    assert reverse("capacitacion:asistencia", args=[sesion.pk]) in html
    assert reverse("capacitacion:sesion_editar", args=[sesion.pk]) in html
    assert reverse("capacitacion:sesion_nueva", args=[evento.pk]) in html
    estados = [a["estado"] for a in respuesta.context["acciones_estado"]]
    assert estados == [Estado.CERRADO, Estado.CANCELADO]
    assert 'name="desde" value="abierto"' in html
    assert "Historial de cambios" in html


def test_pagina_del_evento_para_una_institucion(client, responsable):
    client.force_login(responsable)
    evento = EventoFactory(estado=Estado.ABIERTO)
    sesion = SesionFactory(evento=evento)
    respuesta = client.get(evento.get_absolute_url())
    html = respuesta.content.decode()
    assert "Todas las instituciones" in html
    assert respuesta.context["acciones_estado"] == []
    assert reverse("capacitacion:evento_estado", args=[evento.pk]) not in html
    assert reverse("capacitacion:sesion_editar", args=[sesion.pk]) not in html
    assert reverse("capacitacion:asistencia", args=[sesion.pk]) not in html
    assert "Historial de cambios" not in html


def test_la_pagina_del_evento_reune_los_paneles_de_cada_area(cliente, monkeypatch):
    for modulo, clave in (
        (inscripciones, "inscripciones_prueba"),
        (asistencia, "asistencia_prueba"),
        (constancias, "constancias_prueba"),
    ):
        monkeypatch.setattr(
            modulo,
            "contexto_evento",
            lambda request, evento, clave=clave: {clave: evento.pk},
        )
    evento = EventoFactory()
    respuesta = cliente.get(evento.get_absolute_url())
    for clave in ("inscripciones_prueba", "asistencia_prueba", "constancias_prueba"):
        assert respuesta.context[clave] == evento.pk


def test_muchas_instituciones_convocadas_se_resumen(cliente):
    evento = EventoFactory()
    evento.dependencias.set(DependenciaFactory.create_batch(12))
    respuesta = cliente.get(evento.get_absolute_url())
    assert respuesta.context["num_convocadas"] == 12
    assert len(respuesta.context["convocadas"]) == 8
    assert "y 4 más" in respuesta.content.decode()


@pytest.mark.parametrize("rol", ["coordinacion", "responsable"])
def test_pagina_del_evento_consultas_constantes(client, request, dependencia, rol):
    client.force_login(request.getfixturevalue(rol))
    evento = EventoFactory(estado=Estado.CERRADO)
    # Más de las que se nombran: la cuenta aparte ya está en la primera medición.
    evento.dependencias.set([dependencia, *DependenciaFactory.create_batch(9)])
    inscripcion = InscripcionFactory(evento=evento, dependencia=dependencia)
    sesion = SesionFactory(evento=evento)
    AsistenciaFactory(inscripcion=inscripcion, sesion=sesion)
    pocas = consultas(client, evento.get_absolute_url())
    for dia in range(1, 19):
        sesion = SesionFactory(evento=evento, fecha=evento.fecha_inicio + timedelta(days=dia))
        AsistenciaFactory(inscripcion=inscripcion, sesion=sesion)
    evento.dependencias.add(*DependenciaFactory.create_batch(10))
    assert consultas(client, evento.get_absolute_url()) == pocas
