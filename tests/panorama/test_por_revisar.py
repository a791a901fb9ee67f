"""«Por revisar»: cada tipo de asunto aparece mientras espera a la Coordinación y se va al
atenderlo; lo más antiguo primero; consultas fijas; la cifra de la campana."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from capacitacion import inscripciones as servicio_inscripciones
from capacitacion.models import Evento, Inscripcion
from diagnosticos import services as servicio_diagnostico
from diagnosticos.models import Respuesta
from panorama import por_revisar
from panorama.context_processors import AsuntosPorRevisar
from planes import services as servicio_planes
from planes.models import PlanTrabajo
from tests.factories import (
    ActividadFactory,
    DependenciaFactory,
    EventoFactory,
    EvidenciaFactory,
    InscripcionFactory,
    PlanFactory,
    RespuestaFactory,
)
from unidades.models import Evidencia

pytestmark = pytest.mark.django_db


def hace(dias):
    return timezone.now() - timedelta(days=dias)


def cola_de(usuario, tipos=None):
    tipos = tipos or por_revisar.tipos_para(usuario)
    return por_revisar.asuntos(por_revisar.cola(usuario, tipos))


def evidencia_pendiente(dependencia, dias=1):
    evidencia = EvidenciaFactory(
        unidad=dependencia.unidad, archivo="evidencias/prueba.pdf", tamano=1
    )
    Evidencia.objects.filter(pk=evidencia.pk).update(subida_en=hace(dias))
    return evidencia


def plan_enviado(dependencia, dias=1, anio=2026):
    return PlanFactory(
        unidad=dependencia.unidad,
        anio=anio,
        estado=PlanTrabajo.Estado.ENVIADO,
        enviado_en=hace(dias),
    )


def respuesta_enviada(dependencia, dias=1, aplicacion=None):
    datos = {"aplicacion": aplicacion} if aplicacion else {}
    return RespuestaFactory(
        dependencia=dependencia,
        estado=Respuesta.Estado.ENVIADA,
        enviada_en=hace(dias),
        **datos,
    )


def inscripcion_solicitada(dependencia, dias=1, evento=None):
    inscripcion = InscripcionFactory(
        dependencia=dependencia,
        evento=evento or EventoFactory(estado=Evento.Estado.ABIERTO),
        estado=Inscripcion.Estado.SOLICITADA,
    )
    Inscripcion.objects.filter(pk=inscripcion.pk).update(creada=hace(dias))
    return inscripcion


# --- Cada tipo aparece y se va al atenderlo -------------------------------------------------


def test_evidencia_aparece_con_su_enlace_y_se_va_al_validarla(client, coordinacion, dependencia):
    evidencia = evidencia_pendiente(dependencia)
    [asunto] = cola_de(coordinacion)
    assert asunto.tipo == "evidencia"
    assert asunto.dependencia == dependencia
    assert asunto.titulo == evidencia.paso.titulo
    assert "evidencia.pdf" in asunto.detalle
    destino = reverse("unidades:dependencia_detalle", args=[dependencia.pk])
    assert asunto.url == f"{destino}#paso-{evidencia.paso_id}"

    # El enlace lleva a donde se valida: la página de la institución con el formulario.
    client.force_login(coordinacion)
    html = client.get(asunto.url).content.decode()
    assert reverse("unidades:evidencia_revisar", args=[evidencia.pk]) in html

    client.post(reverse("unidades:evidencia_revisar", args=[evidencia.pk]), {"decision": "validar"})
    assert cola_de(coordinacion) == []


def test_evidencia_rechazada_o_validada_no_espera(coordinacion, dependencia):
    for estado in (Evidencia.Estado.VALIDADA, Evidencia.Estado.RECHAZADA):
        EvidenciaFactory(
            unidad=dependencia.unidad, archivo="evidencias/x.pdf", tamano=1, estado=estado
        )
    assert cola_de(coordinacion) == []


def test_plan_enviado_aparece_se_va_al_devolverlo_y_vuelve_al_reenviarlo(
    client, coordinacion, responsable, dependencia
):
    plan = PlanFactory(unidad=dependencia.unidad, anio=2026)
    ActividadFactory(plan=plan)
    assert cola_de(coordinacion) == []  # En borrador no espera a nadie.
    servicio_planes.plan_enviar(plan=plan, usuario=responsable)
    [asunto] = cola_de(coordinacion)
    assert asunto.tipo == "plan"
    assert asunto.titulo == "Plan de trabajo 2026"
    assert asunto.detalle == "Aprobar o devolver con observaciones"
    assert asunto.url == reverse("planes:detalle", args=[plan.pk])
    client.force_login(coordinacion)
    html = client.get(asunto.url).content.decode()
    assert reverse("planes:aprobar_confirmar", args=[plan.pk]) in html

    servicio_planes.plan_observar(plan=plan, usuario=coordinacion, texto="Precise la meta.")
    servicio_planes.plan_devolver(plan=plan, usuario=coordinacion)
    assert cola_de(coordinacion) == []

    # La unidad responde las observaciones y reenvía: el plan vuelve, marcado como reenviado.
    plan.refresh_from_db()
    servicio_planes.plan_enviar(plan=plan, usuario=responsable)
    [asunto] = cola_de(coordinacion)
    assert asunto.detalle.startswith("Reenviado tras las observaciones")


def test_modificacion_de_un_plan_dice_su_version(coordinacion, dependencia):
    original = PlanFactory(unidad=dependencia.unidad, estado=PlanTrabajo.Estado.APROBADO)
    PlanFactory(
        unidad=dependencia.unidad,
        version=2,
        anterior=original,
        estado=PlanTrabajo.Estado.ENVIADO,
        enviado_en=hace(1),
    )
    [asunto] = cola_de(coordinacion)
    assert asunto.titulo == "Plan de trabajo 2026, modificación (versión 2)"


def test_diagnostico_enviado_aparece_y_se_va_al_devolverlo(client, coordinacion, dependencia):
    respuesta = respuesta_enviada(dependencia)
    [asunto] = cola_de(coordinacion)
    assert asunto.tipo == "diagnostico"
    assert asunto.titulo == respuesta.aplicacion.nombre
    assert asunto.url == reverse("diagnosticos:resultado", args=[respuesta.pk]) + "#revision"
    client.force_login(coordinacion)
    html = client.get(asunto.url).content.decode()
    assert reverse("diagnosticos:respuesta_aceptar", args=[respuesta.pk]) in html

    servicio_diagnostico.devolver(respuesta, observaciones="Falte el anexo.", usuario=coordinacion)
    assert cola_de(coordinacion) == []


def test_inscripciones_se_agrupan_por_evento_e_institucion_y_se_van_al_confirmarlas(
    client, coordinacion, dependencia, otra_dependencia
):
    evento = EventoFactory(estado=Evento.Estado.ABIERTO, nombre="Taller de lenguaje incluyente")
    inscripcion_solicitada(dependencia, dias=3, evento=evento)
    inscripcion_solicitada(dependencia, dias=1, evento=evento)
    inscripcion_solicitada(otra_dependencia, dias=2, evento=evento)
    InscripcionFactory(dependencia=dependencia, evento=evento)  # Confirmada: no espera.
    asuntos = cola_de(coordinacion)
    assert [(a.dependencia, a.detalle) for a in asuntos] == [
        (dependencia, "2 personas por confirmar"),
        (otra_dependencia, "1 persona por confirmar"),
    ]
    propia = asuntos[0]
    assert propia.titulo == "Taller de lenguaje incluyente"
    assert propia.desde.date() == hace(3).date()  # Espera desde la primera solicitud.
    assert propia.url == (
        f"{evento.get_absolute_url()}?insc_estado=solicitada&insc_dependencia={dependencia.pk}"
        "#inscripciones"
    )
    client.force_login(coordinacion)
    html = client.get(propia.url).content.decode()
    assert reverse("capacitacion:inscripciones_confirmar", args=[evento.pk]) in html

    servicio_inscripciones.confirmar_varias(evento, coordinacion)
    assert cola_de(coordinacion) == []


def test_inscripciones_de_un_evento_cancelado_o_en_borrador_no_esperan(coordinacion, dependencia):
    for estado in (Evento.Estado.BORRADOR, Evento.Estado.CANCELADO):
        inscripcion_solicitada(dependencia, evento=EventoFactory(estado=estado))
    assert cola_de(coordinacion) == []


# --- Orden, filtro, página ------------------------------------------------------------------


def test_lo_mas_antiguo_primero_de_todos_los_tipos(client, coordinacion):
    a, b, c, d = (DependenciaFactory() for _ in range(4))
    inscripcion_solicitada(a, dias=2)
    evidencia_pendiente(b, dias=9)
    respuesta_enviada(c, dias=1)
    plan_enviado(d, dias=5)
    assert [x.tipo for x in cola_de(coordinacion)] == [
        "evidencia",
        "plan",
        "inscripcion",
        "diagnostico",
    ]
    client.force_login(coordinacion)
    respuesta = client.get(reverse("por_revisar"))
    assert [x.tipo for x in respuesta.context["asuntos"]] == [
        "evidencia",
        "plan",
        "inscripcion",
        "diagnostico",
    ]
    html = respuesta.content.decode()
    assert "4 asuntos esperan a la Coordinación" in html
    assert "hace 9 días" in html


def test_filtra_por_tipo(client, coordinacion):
    a, b = DependenciaFactory(), DependenciaFactory()
    evidencia_pendiente(a)
    plan_enviado(b)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("por_revisar"), {"tipo": "plan"})
    assert [x.tipo for x in respuesta.context["asuntos"]] == ["plan"]
    assert respuesta.context["elegido"] == "plan"
    assert dict((t, n) for t, _, n in respuesta.context["pestanas"]) == {
        "evidencia": 1,
        "plan": 1,
        "diagnostico": 0,
        "inscripcion": 0,
        "propuestas": 0,
    }
    # Un tipo desconocido se ignora: se ven todos.
    respuesta = client.get(reverse("por_revisar"), {"tipo": "otro"})
    assert len(respuesta.context["asuntos"]) == 2


def test_sin_asuntos_lo_dice(client, coordinacion):
    client.force_login(coordinacion)
    html = client.get(reverse("por_revisar")).content.decode()
    assert "Nada espera a la Coordinación por ahora." in html
    assert "Ningún asunto por revisar" in html


def sembrar(n):
    """`n` asuntos de cada tipo, cada uno de una institución distinta."""
    evento = EventoFactory(estado=Evento.Estado.ABIERTO)
    for i in range(n):
        dependencia = DependenciaFactory()
        evidencia_pendiente(dependencia, dias=i)
        plan_enviado(dependencia, dias=i)
        respuesta_enviada(dependencia, dias=i)
        inscripcion_solicitada(dependencia, dias=i, evento=evento)


def consultas_de_la_pagina(client, **params):
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(reverse("por_revisar"), params)
    assert respuesta.status_code == 200
    return len(capturadas), respuesta


def test_consultas_fijas_con_3_o_30_asuntos_por_tipo(client, coordinacion):
    client.force_login(coordinacion)
    sembrar(3)
    pocas, respuesta = consultas_de_la_pagina(client)
    assert len(respuesta.context["asuntos"]) == 12
    sembrar(27)
    muchas, respuesta = consultas_de_la_pagina(client)
    assert muchas == pocas
    # 120 asuntos: 50 por página.
    assert len(respuesta.context["asuntos"]) == 50
    assert respuesta.context["page_obj"].paginator.num_pages == 3
    _, respuesta = consultas_de_la_pagina(client, page=3)
    assert len(respuesta.context["asuntos"]) == 20
    filtrada, respuesta = consultas_de_la_pagina(client, tipo="inscripcion")
    assert filtrada <= muchas
    assert len(respuesta.context["asuntos"]) == 30


def test_la_cifra_de_la_campana_es_una_consulta(coordinacion):
    sembrar(3)
    asuntos = AsuntosPorRevisar(coordinacion)
    assert asuntos.tipos  # Los permisos se cargan aparte, una vez por petición.
    with CaptureQueriesContext(connection) as capturadas:
        assert asuntos.total == 12
    assert len(capturadas) == 1


def test_la_cifra_de_la_campana_cuenta_lo_mismo_que_la_cola(coordinacion):
    """La campana cuenta con una consulta ligera: debe dar lo mismo que la lista, también con
    varias personas por confirmar de la misma institución en el mismo evento (un asunto)."""
    sembrar(2)
    evento = EventoFactory(estado=Evento.Estado.ABIERTO)
    dependencia = DependenciaFactory()
    for dias in range(3):
        inscripcion_solicitada(dependencia, dias=dias, evento=evento)
    tipos = por_revisar.tipos_para(coordinacion)
    filas = list(por_revisar.cola(coordinacion, tipos))
    assert por_revisar.total(coordinacion, tipos) == len(filas) == 9
    assert sum(por_revisar.conteos(coordinacion, tipos).values()) == 9


# --- Permisos -------------------------------------------------------------------------------


def test_anonimo_va_a_iniciar_sesion(client):
    respuesta = client.get(reverse("por_revisar"))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


@pytest.mark.parametrize("rol", ["responsable", "consulta", "sin_rol"])
def test_quien_no_es_de_la_coordinacion_recibe_403(client, request, rol):
    client.force_login(request.getfixturevalue(rol))
    assert client.get(reverse("por_revisar")).status_code == 403


@pytest.mark.parametrize("rol", ["coordinacion", "administracion"])
def test_coordinacion_y_administracion_la_abren(client, request, rol):
    evidencia_pendiente(DependenciaFactory())
    client.force_login(request.getfixturevalue(rol))
    respuesta = client.get(reverse("por_revisar"))
    assert respuesta.status_code == 200
    assert len(respuesta.context["asuntos"]) == 1


def test_solo_acepta_get(client, coordinacion):
    client.force_login(coordinacion)
    assert client.post(reverse("por_revisar")).status_code == 405


# --- La campana y el inicio -----------------------------------------------------------------


def test_la_campana_de_la_coordinacion_lleva_a_por_revisar_con_su_cifra(client, coordinacion):
    a, b = DependenciaFactory(), DependenciaFactory()
    evidencia_pendiente(a)
    client.force_login(coordinacion)
    html = client.get(reverse("avisos")).content.decode()
    assert f'href="{reverse("por_revisar")}"' in html
    assert "1 asunto por revisar" in html
    plan_enviado(b)
    respuesta_enviada(b)
    html = client.get(reverse("avisos")).content.decode()
    assert "3 asuntos por revisar" in html
    assert 'badge rounded-pill text-bg-warning" aria-hidden="true">3</span>' in html


def test_la_campana_muestra_99_mas_pero_lee_la_cifra_exacta(client, coordinacion):
    for _ in range(100):
        evidencia_pendiente(DependenciaFactory())
    client.force_login(coordinacion)
    html = client.get(reverse("avisos")).content.decode()
    assert 'aria-hidden="true">99+</span>' in html
    assert "100 asuntos por revisar" in html


def test_la_campana_de_una_institucion_sigue_en_avisos_sin_cifra(client, responsable, dependencia):
    evidencia_pendiente(dependencia)
    client.force_login(responsable)
    html = client.get(reverse("avisos")).content.decode()
    assert f'href="{reverse("por_revisar")}"' not in html
    assert "por revisar</span>" not in html
    assert f'href="{reverse("avisos")}"' in html


def test_la_cifra_no_se_consulta_si_la_plantilla_no_la_pide(rf, coordinacion):
    from panorama.context_processors import asuntos_por_revisar

    peticion = rf.get("/")
    peticion.user = coordinacion
    with CaptureQueriesContext(connection) as capturadas:
        contexto = asuntos_por_revisar(peticion)
    assert len(capturadas) == 0
    assert isinstance(contexto["asuntos_por_revisar"], AsuntosPorRevisar)


def test_el_inicio_de_la_coordinacion_muestra_los_5_mas_antiguos(client, coordinacion):
    for dias in range(7):
        evidencia_pendiente(DependenciaFactory(siglas=f"INST{dias}"), dias=dias)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("inicio"))
    html = respuesta.content.decode()
    assert "Ver los 7 asuntos por revisar" in html
    seccion = html.split('id="titulo-por-revisar"')[1].split("</section>")[0]
    assert seccion.count("<li") == 5
    assert "INST6" in seccion and "INST2" in seccion
    assert "INST1" not in seccion and "INST0" not in seccion


def test_tipos_segun_los_permisos(coordinacion, responsable):
    assert por_revisar.tipos_para(coordinacion) == list(por_revisar.TIPOS)
    assert por_revisar.tipos_para(responsable) == []


def test_los_asuntos_conservan_la_fecha_de_envio(coordinacion, dependencia):
    enviado = datetime(2026, 3, 2, 10, 30, tzinfo=timezone.get_current_timezone())
    PlanFactory(unidad=dependencia.unidad, estado=PlanTrabajo.Estado.ENVIADO, enviado_en=enviado)
    [asunto] = cola_de(coordinacion)
    assert asunto.desde == enviado


def _propuestas_de(dependencia, *estados):
    from diagnosticos.models import Propuesta

    respuesta = RespuestaFactory(dependencia=dependencia, estado="aceptada")
    for n, estado in enumerate(estados):
        Propuesta.objects.create(
            respuesta=respuesta, dependencia=dependencia, eje="igualdad",
            texto=f"Propuesta {n}", estado=estado, orden=n,
        )  # fmt: skip
    return respuesta


def test_las_propuestas_sin_presentar_son_un_asunto_por_respuesta(client, coordinacion):
    a, b, c = DependenciaFactory(), DependenciaFactory(), DependenciaFactory()
    por_revisar_ = _propuestas_de(a, "borrador", "borrador", "lista")
    listas = _propuestas_de(b, "lista", "lista")
    _propuestas_de(c, "presentada", "presentada")  # ya presentadas: nada que hacer
    tipos = por_revisar.tipos_para(coordinacion)
    assert "propuestas" in tipos
    asuntos = {x.dependencia.pk: x for x in por_revisar.primeros(coordinacion, tipos, 10)}
    assert set(asuntos) == {a.pk, b.pk}
    assert asuntos[a.pk].detalle == "2 propuestas por revisar"
    assert asuntos[a.pk].url == reverse("diagnosticos:propuestas", args=[por_revisar_.pk])
    assert "generar y entregar el diagnóstico situacional" in asuntos[b.pk].detalle
    assert asuntos[b.pk].url == reverse("diagnosticos:situacional", args=[listas.pk])
    assert por_revisar.total(coordinacion, tipos) == 2
    assert por_revisar.conteos(coordinacion, tipos)["propuestas"] == 2
    client.force_login(coordinacion)
    html = client.get(reverse("por_revisar"), {"tipo": "propuestas"}).content.decode()
    assert "Propuestas del diagnóstico" in html
    assert "2 propuestas por revisar" in html
