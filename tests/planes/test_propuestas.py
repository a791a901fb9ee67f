"""Las propuestas del diagnóstico en el plan: adoptarlas como actividad, decir por qué no,
y seguir qué fue de ellas (ejecución, cifras y qué cambió en la siguiente ronda).

Las propuestas se crean directamente aquí: su redacción y su entrega son de otras pruebas.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from diagnosticos.models import Propuesta
from diagnosticos.seguimiento_propuestas import cambio_en_la_siguiente_ronda, hallazgos
from planes import propuestas as reglas
from planes import services
from planes.models import Actividad, InformeTrimestral, PlanTrabajo, Seguimiento
from tests.factories import (
    ActividadFactory,
    AplicacionFactory,
    DependenciaFactory,
    PlanFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    ValorFactory,
    VersionFactory,
)
from uig_portal.lib.ejes import Eje

pytestmark = pytest.mark.django_db

Decision = Propuesta.Decision
TEXTO = "Habilitar un lactario y difundir el derecho a pausas de lactancia."


def _ronda(version, apertura):
    return AplicacionFactory(
        version=version, apertura=apertura, cierre=apertura + timedelta(days=30)
    )


@pytest.fixture
def instrumento():
    """Una versión con una sección de cultura institucional y dos reactivos."""
    version = VersionFactory()
    seccion = SeccionFactory(version=version, codigo="cultura_inst", titulo="Cultura institucional")
    lactario = PreguntaFactory(
        seccion=seccion, codigo="p_lactario", texto="¿La institución cuenta con un lactario?"
    )
    horario = PreguntaFactory(
        seccion=seccion, codigo="p_horario", texto="¿Hay horarios escalonados o flexibles?"
    )
    return version, seccion, lactario, horario


@pytest.fixture
def ronda_2026(instrumento):
    return _ronda(instrumento[0], date(2026, 3, 2))


@pytest.fixture
def respuesta(ronda_2026, dependencia):
    return RespuestaFactory(aplicacion=ronda_2026, dependencia=dependencia, estado="aceptada")


def nueva_propuesta(respuesta, **campos):
    datos = {
        "respuesta": respuesta,
        "dependencia": respuesta.dependencia,
        "seccion_codigo": "cultura_inst",
        "pregunta_codigo": "p_lactario",
        "puntos": Decimal("0"),
        "eje": Eje.CULTURA,
        "texto": TEXTO,
        "objetivo": "Garantizar el derecho a la lactancia del personal.",
        "indicador": "Lactario habilitado y en uso",
        "estado": Propuesta.Estado.PRESENTADA,
        **campos,
    }
    return Propuesta.objects.create(**datos)


@pytest.fixture
def propuesta(respuesta):
    return nueva_propuesta(respuesta)


@pytest.fixture
def plan(dependencia):
    plan = PlanFactory(unidad=dependencia.unidad, anio=2026)
    ActividadFactory(plan=plan, orden=1)
    return plan


# --- Adoptar ---------------------------------------------------------------------------


def test_adoptar_crea_la_actividad_vinculada_con_lo_sugerido(propuesta, plan, responsable):
    actividad = reglas.adoptar(propuesta, plan, responsable)

    assert actividad.plan == plan
    assert actividad.orden == 2  # al final del plan
    assert actividad.propuesta == propuesta
    assert actividad.eje == Eje.CULTURA
    assert actividad.objetivo == "Garantizar el derecho a la lactancia del personal."
    assert actividad.indicador == "Lactario habilitado y en uso"
    assert actividad.descripcion == TEXTO
    hallazgo = actividad.area_oportunidad
    assert "Cultura institucional" in hallazgo
    assert "¿La institución cuenta con un lactario?" in hallazgo
    assert "0 de 100 puntos" in hallazgo
    assert "p_lactario" not in hallazgo and "cultura_inst" not in hallazgo
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ADOPTADA
    assert propuesta.decidida_por == responsable
    assert propuesta.decidida_en is not None


def test_el_hallazgo_de_una_seccion_dice_su_indice(respuesta, plan, responsable):
    propuesta = nueva_propuesta(respuesta, pregunta_codigo="", puntos=Decimal("37.50"))
    actividad = reglas.adoptar(propuesta, plan, responsable)
    assert actividad.area_oportunidad.startswith("Índice de la sección «Cultura institucional»")
    assert "37.5 de 100 puntos" in actividad.area_oportunidad


def test_una_propuesta_escrita_a_mano_no_lleva_hallazgo(respuesta, plan, responsable):
    propuesta = nueva_propuesta(respuesta, pregunta_codigo="", seccion_codigo="", puntos=None)
    assert reglas.adoptar(propuesta, plan, responsable).area_oportunidad == ""


def test_adoptar_dos_veces_se_rechaza(propuesta, plan, responsable):
    reglas.adoptar(propuesta, plan, responsable)
    with pytest.raises(ValidationError, match="ya se decidió"):
        reglas.adoptar(propuesta, plan, responsable)
    assert Actividad.objects.filter(propuesta=propuesta).count() == 1


def test_un_doble_clic_adopta_una_sola_vez(client, propuesta, plan, responsable):
    client.force_login(responsable)
    url = reverse("planes:propuesta_adoptar", args=[plan.pk, propuesta.pk])
    primera = client.post(url)
    segunda = client.post(url, follow=True)
    actividad = Actividad.objects.get(propuesta=propuesta)
    assert primera.url.endswith(f"?abierta={actividad.pk}#actividad-{actividad.pk}")
    assert "ya se decidió" in segunda.content.decode()
    assert plan.actividades.count() == 2


def test_la_vieja_copia_en_memoria_tampoco_adopta_dos_veces(propuesta, plan, responsable):
    """Dos peticiones que leyeron la propuesta abierta: solo la primera la decide."""
    copia = Propuesta.objects.get(pk=propuesta.pk)
    reglas.adoptar(propuesta, plan, responsable)
    with pytest.raises(ValidationError):
        reglas.adoptar(copia, plan, responsable)
    with pytest.raises(ValidationError):
        reglas.no_adoptar(copia, "Ya no", responsable)
    assert Actividad.objects.filter(propuesta=propuesta).count() == 1


def test_la_propuesta_de_otra_institucion_se_rechaza(respuesta, plan, responsable):
    ajena = RespuestaFactory(
        aplicacion=respuesta.aplicacion, dependencia=DependenciaFactory(), estado="aceptada"
    )
    propuesta = nueva_propuesta(ajena)
    with pytest.raises(ValidationError, match="otra institución"):
        reglas.adoptar(propuesta, plan, responsable)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA
    assert plan.actividades.count() == 1


@pytest.mark.parametrize("estado", ["borrador", "lista"])
def test_una_propuesta_no_presentada_se_rechaza(respuesta, plan, responsable, estado):
    propuesta = nueva_propuesta(respuesta, estado=estado)
    with pytest.raises(ValidationError, match="aún no se presenta"):
        reglas.adoptar(propuesta, plan, responsable)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA
    assert plan.actividades.count() == 1


@pytest.mark.parametrize("estado", ["enviado", "aprobado"])
def test_un_plan_que_ya_no_se_edita_se_rechaza(propuesta, plan, responsable, estado):
    PlanTrabajo.objects.filter(pk=plan.pk).update(estado=estado)
    with pytest.raises(ValidationError, match="ya no se puede editar"):
        reglas.adoptar(propuesta, plan, responsable)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA
    assert plan.actividades.count() == 1


def test_un_plan_con_observaciones_si_se_edita(propuesta, plan, responsable):
    PlanTrabajo.objects.filter(pk=plan.pk).update(estado="con_observaciones")
    assert reglas.adoptar(propuesta, plan, responsable).propuesta == propuesta


# --- No adoptar ------------------------------------------------------------------------


@pytest.mark.parametrize("motivo", ["", "   \n "])
def test_no_adoptar_exige_el_motivo(propuesta, responsable, motivo):
    with pytest.raises(ValidationError, match="Escriba por qué no se adopta"):
        reglas.no_adoptar(propuesta, motivo, responsable)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA
    assert propuesta.decidida_en is None


def test_no_adoptar_guarda_el_motivo(propuesta, responsable):
    reglas.no_adoptar(
        propuesta, "  El lactario ya existe en el edificio compartido.  ", responsable
    )
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.NO_ADOPTADA
    assert propuesta.motivo == "El lactario ya existe en el edificio compartido."
    assert propuesta.decidida_por == responsable


def test_no_adoptar_solo_presentadas_y_abiertas(respuesta, propuesta, plan, responsable):
    lista = nueva_propuesta(respuesta, estado="lista")
    with pytest.raises(ValidationError, match="aún no se presenta"):
        reglas.no_adoptar(lista, "No aplica", responsable)
    reglas.adoptar(propuesta, plan, responsable)
    with pytest.raises(ValidationError, match="ya se decidió"):
        reglas.no_adoptar(propuesta, "No aplica", responsable)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ADOPTADA
    assert propuesta.motivo == ""


def test_no_adoptar_desde_el_editor_sin_motivo_avisa(client, propuesta, plan, responsable):
    client.force_login(responsable)
    url = reverse("planes:propuesta_no_adoptar", args=[plan.pk, propuesta.pk])
    respuesta = client.post(url, {"motivo": " "}, follow=True)
    assert "Escriba por qué no se adopta la propuesta" in respuesta.content.decode()
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA
    client.post(url, {"motivo": "Lo atiende otra dependencia."})
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.NO_ADOPTADA


# --- Eliminar la actividad la reabre ------------------------------------------------------


def test_eliminar_en_el_editor_la_actividad_reabre_la_propuesta(
    client, propuesta, plan, responsable
):
    actividad = reglas.adoptar(propuesta, plan, responsable)
    client.force_login(responsable)
    client.post(
        reverse("planes:actividad_eliminar", args=[plan.pk, actividad.pk]), {"confirmar": "si"}
    )
    assert not Actividad.objects.filter(pk=actividad.pk).exists()
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA
    assert propuesta.decidida_en is None and propuesta.decidida_por is None
    # Y se puede volver a adoptar.
    assert reglas.adoptar(propuesta, plan, responsable).propuesta == propuesta


def test_eliminar_la_copia_de_una_modificacion_no_la_reabre(
    propuesta, plan, responsable, coordinacion
):
    """La versión aprobada todavía la lleva: sigue adoptada."""
    reglas.adoptar(propuesta, plan, responsable)
    PlanTrabajo.objects.filter(pk=plan.pk).update(estado="aprobado")
    plan.refresh_from_db()
    modificacion = services.plan_modificar(plan=plan, usuario=responsable, motivo="Ajuste")
    copia = modificacion.actividades.get(propuesta=propuesta)
    from planes import services_editor

    services_editor.actividad_eliminar(actividad=copia)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ADOPTADA


def test_reabrir_se_niega_mientras_una_actividad_la_lleve(propuesta, plan, responsable):
    reglas.adoptar(propuesta, plan, responsable)
    with pytest.raises(ValidationError, match="sigue en el plan"):
        reglas.reabrir(propuesta)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ADOPTADA


def test_reabrir_una_no_adoptada(propuesta, responsable):
    reglas.no_adoptar(propuesta, "No aplica", responsable)
    reglas.reabrir(propuesta)
    propuesta.refresh_from_db()
    assert propuesta.decision == Decision.ABIERTA and propuesta.motivo == ""


# --- Ejecución -------------------------------------------------------------------------


def _reportar(actividad, trimestre, estado, *, enviado=True):
    informe, _ = InformeTrimestral.objects.get_or_create(
        plan=actividad.plan,
        trimestre=trimestre,
        defaults={
            "estado": "enviado" if enviado else "borrador",
            "enviado_en": timezone.now() if enviado else None,
        },
    )
    Seguimiento.objects.create(
        informe=informe,
        actividad=actividad,
        estado=estado,
        motivo_cancelacion="Sin presupuesto" if estado == "cancelada" else "",
    )


@pytest.fixture
def adoptadas(respuesta, dependencia, responsable):
    """Cinco propuestas adoptadas en un plan aprobado; devuelve [(propuesta, actividad)]."""
    plan = PlanFactory(unidad=dependencia.unidad, anio=2026)
    pares = []
    for n in range(5):
        propuesta = nueva_propuesta(respuesta, orden=n)
        pares.append((propuesta, reglas.adoptar(propuesta, plan, responsable)))
    PlanTrabajo.objects.filter(pk=plan.pk).update(estado="aprobado")
    return pares


def test_ejecucion_segun_el_seguimiento_enviado(adoptadas, respuesta, django_assert_num_queries):
    (concluida, a1), (en_proceso, a2), (cancelada, a3), (sin, _a4), (en_borrador, a5) = adoptadas
    _reportar(a1, 1, "en_proceso")
    _reportar(a1, 2, "concluida")
    _reportar(a2, 1, "en_proceso")
    _reportar(a3, 1, "en_proceso")
    _reportar(a3, 2, "cancelada")
    # Un informe en captura no cuenta todavía.
    informe = InformeTrimestral.objects.create(plan=a5.plan, trimestre=3, estado="borrador")
    Seguimiento.objects.create(informe=informe, actividad=a5, estado="concluida")
    abierta = nueva_propuesta(respuesta)
    todas = [p for p, _a in adoptadas] + [abierta]
    for p in todas:
        p.refresh_from_db()

    with django_assert_num_queries(1):
        resultado = reglas.ejecucion(todas)

    assert resultado == {
        concluida.pk: "concluida",
        en_proceso.pk: "en proceso",
        cancelada.pk: "cancelada",
        sin.pk: "sin seguimiento",
        en_borrador.pk: "sin seguimiento",
    }


def test_la_ejecucion_sigue_en_la_version_modificada(adoptadas, responsable):
    """El seguimiento se reporta en la copia de la actividad (otra versión del plan)."""
    propuesta, actividad = adoptadas[0]
    plan = actividad.plan
    nuevo = services.plan_modificar(plan=plan, usuario=responsable, motivo="Ajuste de metas")
    PlanTrabajo.objects.filter(pk=nuevo.pk).update(estado="aprobado")
    _reportar(nuevo.actividades.get(propuesta=propuesta), 4, "concluida")
    propuesta.refresh_from_db()
    assert reglas.ejecucion([propuesta]) == {propuesta.pk: "concluida"}


# --- Cifras -----------------------------------------------------------------------------


def test_cifras_contra_datos_conocidos(
    instrumento, respuesta, adoptadas, responsable, django_assert_num_queries
):
    # 2026: 5 adoptadas (1 atendida), 2 no adoptadas, 3 sin decidir; 1 lista no cuenta.
    _reportar(adoptadas[0][1], 1, "concluida")
    _reportar(adoptadas[1][1], 1, "en_proceso")
    for _n in range(2):
        reglas.no_adoptar(nueva_propuesta(respuesta), "No aplica", responsable)
    for _n in range(3):
        nueva_propuesta(respuesta)
    nueva_propuesta(respuesta, estado="lista")
    # Otra institución en la misma ronda, y una ronda de 2025 que no cuenta para 2026.
    otra = RespuestaFactory(
        aplicacion=respuesta.aplicacion, dependencia=DependenciaFactory(), estado="aceptada"
    )
    nueva_propuesta(otra)
    previa = _ronda(instrumento[0], date(2025, 3, 3))
    nueva_propuesta(RespuestaFactory(aplicacion=previa, dependencia=respuesta.dependencia))

    with django_assert_num_queries(1):
        cifras = reglas.cifras(2026)

    assert cifras == reglas.Cifras(
        presentadas=11, adoptadas=5, no_adoptadas=2, sin_decidir=4, atendidas=1
    )
    assert cifras.porcentaje_adoptadas == 45.5
    assert cifras.porcentaje_atendidas == 20.0
    assert cifras.porcentaje_decididas == 63.6
    assert reglas.cifras(2025).presentadas == 1
    assert reglas.cifras(2030) == reglas.Cifras()
    assert reglas.cifras(2030).porcentaje_adoptadas == 0.0

    with django_assert_num_queries(1):
        filas = [reglas.como_cifras(f) for f in reglas.cifras_por_institucion(2026)]
    por_siglas = {f.siglas: f.cifras for f in filas}
    assert por_siglas["PROPIA"] == reglas.Cifras(
        presentadas=10, adoptadas=5, no_adoptadas=2, sin_decidir=3, atendidas=1
    )
    assert por_siglas[otra.dependencia.siglas] == reglas.Cifras(presentadas=1, sin_decidir=1)
    propias = Propuesta.objects.filter(dependencia=respuesta.dependencia)
    assert reglas.cifras(2026, propuestas=propias).presentadas == 10


# --- Qué cambió en la siguiente ronda --------------------------------------------------------


def test_cambio_en_la_siguiente_ronda(instrumento, respuesta, django_assert_max_num_queries):
    version, _seccion, lactario, horario = instrumento
    del_reactivo = nueva_propuesta(respuesta)
    de_la_seccion = nueva_propuesta(respuesta, pregunta_codigo="", puntos=Decimal("25"))
    a_mano = nueva_propuesta(respuesta, pregunta_codigo="", seccion_codigo="", puntos=None)
    # Una ronda posterior solo enviada no cuenta; la aceptada siguiente sí.
    enviada = _ronda(version, date(2026, 9, 1))
    RespuestaFactory(aplicacion=enviada, dependencia=respuesta.dependencia, estado="enviada")
    siguiente = _ronda(version, date(2027, 3, 1))
    despues = RespuestaFactory(
        aplicacion=siguiente,
        dependencia=respuesta.dependencia,
        estado="aceptada",
        indices={"cultura_inst": "75.00"},
    )
    ValorFactory(respuesta=despues, pregunta=lactario, valor="si")
    ValorFactory(respuesta=despues, pregunta=horario, valor="parcial")
    # Otra institución sin ronda posterior.
    sola = nueva_propuesta(
        RespuestaFactory(
            aplicacion=respuesta.aplicacion, dependencia=DependenciaFactory(), estado="aceptada"
        )
    )

    with django_assert_max_num_queries(6):
        cambios = cambio_en_la_siguiente_ronda([del_reactivo, de_la_seccion, a_mano, sola])

    assert a_mano.pk not in cambios
    assert cambios[sola.pk] is None
    assert cambios[del_reactivo.pk].antes == 0
    assert cambios[del_reactivo.pk].despues == 100
    assert cambios[del_reactivo.pk].diferencia == 100
    assert cambios[del_reactivo.pk].ronda == siguiente
    assert cambios[de_la_seccion.pk].despues == 75
    assert cambios[de_la_seccion.pk].diferencia == 50


def test_un_reactivo_escondido_en_la_siguiente_ronda_no_tiene_puntos(instrumento, respuesta):
    version, _seccion, lactario, horario = instrumento
    lactario.condicion = {
        "union": "y",
        "reglas": [{"pregunta": "p_horario", "operador": "igual", "valor": "si"}],
    }
    lactario.orden = horario.orden + 1  # las condiciones miran preguntas anteriores
    lactario.save()
    propuesta = nueva_propuesta(respuesta)
    despues = RespuestaFactory(
        aplicacion=_ronda(version, date(2027, 3, 1)),
        dependencia=respuesta.dependencia,
        estado="aceptada",
    )
    ValorFactory(respuesta=despues, pregunta=horario, valor="no")
    ValorFactory(respuesta=despues, pregunta=lactario, valor="si")
    cambio = cambio_en_la_siguiente_ronda([propuesta])[propuesta.pk]
    assert cambio.despues is None and cambio.diferencia is None


def test_las_consultas_no_crecen_con_las_propuestas(
    instrumento, respuesta, django_assert_num_queries
):
    version, _seccion, lactario, _horario = instrumento
    despues = RespuestaFactory(
        aplicacion=_ronda(version, date(2027, 3, 1)),
        dependencia=respuesta.dependencia,
        estado="aceptada",
    )
    ValorFactory(respuesta=despues, pregunta=lactario, valor="no")
    una = [nueva_propuesta(respuesta)]
    cambio_en_la_siguiente_ronda(una)  # carga la estructura de la versión
    with django_assert_num_queries(3):
        cambio_en_la_siguiente_ronda(una)
    muchas = una + [nueva_propuesta(respuesta, orden=n) for n in range(8)]
    with django_assert_num_queries(3):
        assert len(cambio_en_la_siguiente_ronda(muchas)) == 9


def test_hallazgos_en_palabras(respuesta, django_assert_num_queries):
    propuestas = [nueva_propuesta(respuesta), nueva_propuesta(respuesta, pregunta_codigo="")]
    with django_assert_num_queries(1):
        textos = hallazgos(propuestas)
    assert textos[propuestas[0].pk].startswith(
        "Sección «Cultura institucional», reactivo «¿La institución cuenta con un lactario?»"
    )
    assert respuesta.aplicacion.nombre in textos[propuestas[0].pk]
    assert textos[propuestas[1].pk].startswith("Índice de la sección «Cultura institucional»")


# --- Páginas ---------------------------------------------------------------------------------


def _editor(client, plan):
    return client.get(reverse("planes:editar", args=[plan.pk]))


def test_el_editor_ofrece_las_propuestas_abiertas(client, respuesta, plan, responsable):
    abierta = nueva_propuesta(respuesta)
    reglas.no_adoptar(nueva_propuesta(respuesta, texto="Otra ya decidida"), "No", responsable)
    nueva_propuesta(respuesta, texto="Aún por revisar", estado="lista")
    client.force_login(responsable)
    html = _editor(client, plan).content.decode()
    assert "Propuestas del diagnóstico" in html
    assert TEXTO in html
    assert "Cultura institucional con perspectiva de género" in html  # el eje, en palabras
    assert "¿La institución cuenta con un lactario?" in html
    assert "p_lactario" not in html
    assert "Otra ya decidida" not in html and "Aún por revisar" not in html
    assert reverse("planes:propuesta_adoptar", args=[plan.pk, abierta.pk]) in html
    assert reverse("planes:propuesta_no_adoptar", args=[plan.pk, abierta.pk]) in html


def test_el_editor_sin_propuestas_no_muestra_el_panel(client, plan, responsable):
    client.force_login(responsable)
    assert 'id="propuestas"' not in _editor(client, plan).content.decode()


def test_el_panel_no_cuesta_una_consulta_por_propuesta(
    client, respuesta, plan, responsable, django_assert_num_queries
):
    client.force_login(responsable)
    nueva_propuesta(respuesta)
    reglas.adoptar(nueva_propuesta(respuesta), plan, responsable)
    _editor(client, plan)  # calienta cachés (sesión, permisos)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as una:
        _editor(client, plan)
    for n in range(6):
        nueva_propuesta(respuesta, orden=n)
        reglas.adoptar(nueva_propuesta(respuesta, orden=10 + n), plan, responsable)
    with django_assert_num_queries(len(una.captured_queries)):
        html = _editor(client, plan).content.decode()
    assert html.count("Viene de la propuesta del diagnóstico:") == 7


def test_adoptar_desde_el_editor_lleva_a_la_actividad(client, propuesta, plan, responsable):
    client.force_login(responsable)
    respuesta = client.post(
        reverse("planes:propuesta_adoptar", args=[plan.pk, propuesta.pk]), follow=True
    )
    actividad = Actividad.objects.get(propuesta=propuesta)
    assert respuesta.redirect_chain[-1][0].endswith(f"#actividad-{actividad.pk}")
    html = respuesta.content.decode()
    assert "La propuesta se adoptó" in html
    assert "Viene de la propuesta del diagnóstico:" in html
    assert 'id="propuestas"' not in html  # ya no está abierta


def test_adoptar_en_un_plan_cerrado_vuelve_al_plan_con_el_aviso(
    client, propuesta, plan, responsable
):
    PlanTrabajo.objects.filter(pk=plan.pk).update(estado="enviado")
    client.force_login(responsable)
    respuesta = client.post(reverse("planes:propuesta_adoptar", args=[plan.pk, propuesta.pk]))
    assert respuesta.url == plan.get_absolute_url()
    assert not Actividad.objects.filter(propuesta=propuesta).exists()


def _institucion(client, dependencia, anio=2026):
    url = reverse("planes:propuestas_institucion", args=[dependencia.pk])
    return client.get(url, {"anio": anio})


def test_la_pagina_de_la_institucion(client, instrumento, adoptadas, respuesta, responsable):
    version, _seccion, lactario, _horario = instrumento
    (concluida, actividad), *_resto = adoptadas
    _reportar(actividad, 1, "concluida")
    reglas.no_adoptar(nueva_propuesta(respuesta, texto="Un comité mixto"), "Ya existe", responsable)
    despues = RespuestaFactory(
        aplicacion=_ronda(version, date(2027, 3, 1)),
        dependencia=respuesta.dependencia,
        estado="aceptada",
    )
    ValorFactory(respuesta=despues, pregunta=lactario, valor="parcial")
    client.force_login(responsable)
    html = _institucion(client, respuesta.dependencia).content.decode()
    assert "Adoptada en el plan" in html and "No adoptada" in html
    assert "Ya existe" in html
    assert f"{actividad.plan.get_absolute_url()}#actividad-{actividad.pk}" in html
    assert "Concluida" in html
    assert "de 0 a 50 puntos" in html
    assert despues.aplicacion.nombre in html
    assert "p_lactario" not in html


def test_la_pagina_de_la_institucion_cuesta_lo_mismo_con_una_o_muchas(
    client, instrumento, respuesta, dependencia, responsable, django_assert_num_queries
):
    version, _seccion, lactario, _horario = instrumento
    plan = PlanFactory(unidad=dependencia.unidad, anio=2026)
    despues = RespuestaFactory(
        aplicacion=_ronda(version, date(2027, 3, 1)), dependencia=dependencia, estado="aceptada"
    )
    ValorFactory(respuesta=despues, pregunta=lactario, valor="si")
    reglas.adoptar(nueva_propuesta(respuesta), plan, responsable)
    client.force_login(responsable)
    _institucion(client, dependencia)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as una:
        _institucion(client, dependencia)
    for n in range(8):
        propuesta = nueva_propuesta(respuesta, orden=n)
        if n % 2:
            reglas.adoptar(propuesta, plan, responsable)
        elif n % 3:
            reglas.no_adoptar(propuesta, "No aplica", responsable)
    with django_assert_num_queries(len(una.captured_queries)):
        _institucion(client, dependencia)


def _resumen(client, anio=2026, **extra):
    return client.get(reverse("planes:propuestas_seguimiento"), {"anio": anio, **extra})


def test_el_resumen_de_la_coordinacion(client, adoptadas, respuesta, responsable, coordinacion):
    _reportar(adoptadas[0][1], 1, "concluida")
    reglas.no_adoptar(
        nueva_propuesta(respuesta, texto="Un comité mixto"), "Lo atiende el OIC", responsable
    )
    client.force_login(coordinacion)
    respuesta_http = _resumen(client)
    html = respuesta_http.content.decode()
    assert "Propuestas del diagnóstico 2026" in html
    assert "Lo atiende el OIC" in html
    assert reverse("planes:propuestas_institucion", args=[respuesta.dependencia_id]) in html
    fila = respuesta_http.context["filas"][0]
    assert fila.cifras == reglas.Cifras(
        presentadas=6, adoptadas=5, no_adoptadas=1, sin_decidir=0, atendidas=1
    )
    assert respuesta_http.context["totales"] == fila.cifras
    assert "Aún no se presentan propuestas" in _resumen(client, anio=2031).content.decode()


def test_el_resumen_cuesta_lo_mismo_con_una_o_muchas_instituciones(
    client, ronda_2026, coordinacion, responsable, django_assert_num_queries
):
    def institucion():
        r = RespuestaFactory(aplicacion=ronda_2026, estado="aceptada")
        nueva_propuesta(r)
        reglas.no_adoptar(nueva_propuesta(r), "No aplica", responsable)

    institucion()
    client.force_login(coordinacion)
    _resumen(client)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as una:
        _resumen(client)
    for _n in range(12):
        institucion()
    with django_assert_num_queries(len(una.captured_queries)):
        respuesta_http = _resumen(client)
    assert len(respuesta_http.context["filas"]) == 13


def test_el_anio_por_omision_es_el_mas_reciente_con_propuestas(client, propuesta, coordinacion):
    client.force_login(coordinacion)
    assert client.get(reverse("planes:propuestas_seguimiento")).context["anio"] == 2026
    assert _resumen(client, anio="no-es-un-año").context["anio"] == 2026
    assert _resumen(client, anio="99999999999999999999").context["anio"] == 2026


# --- Dos peticiones a la vez (solo PostgreSQL) ---------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_dos_adopciones_simultaneas_crean_una_sola_actividad(monkeypatch, dependencia):
    import threading
    import time

    from django.db import connection
    from django.test import Client

    from tests.factories import UsuarioFactory
    from uig_portal.roles import Rol

    if connection.vendor != "postgresql":
        pytest.skip("requiere SELECT FOR UPDATE")
    responsable = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    version = VersionFactory()
    SeccionFactory(version=version, codigo="cultura_inst", titulo="Cultura institucional")
    respuesta = RespuestaFactory(
        aplicacion=_ronda(version, date(2026, 3, 2)), dependencia=dependencia, estado="aceptada"
    )
    propuesta = nueva_propuesta(respuesta, pregunta_codigo="")
    plan = PlanFactory(unidad=dependencia.unidad, anio=2026)
    original = reglas.con_hallazgo

    def lento(consulta):
        time.sleep(0.3)  # sin los bloqueos, las dos pasarían la comprobación
        return original(consulta)

    monkeypatch.setattr(reglas, "con_hallazgo", lento)
    url = reverse("planes:propuesta_adoptar", args=[plan.pk, propuesta.pk])
    clientes = [Client(), Client()]
    for cliente in clientes:
        cliente.force_login(responsable)
    barrera = threading.Barrier(2, timeout=30)
    codigos, errores = [], []

    def peticion(cliente):
        try:
            barrera.wait()
            codigos.append(cliente.post(url).status_code)
        except Exception as error:  # noqa: BLE001 - se informa en la aserción
            errores.append(repr(error))
        finally:
            connection.close()

    hilos = [threading.Thread(target=peticion, args=[c], daemon=True) for c in clientes]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=60)
    assert not errores, errores
    assert codigos == [302, 302]
    assert Actividad.objects.filter(propuesta=propuesta).count() == 1
    assert plan.actividades.count() == 1


# --- Volver a decidir una propuesta no adoptada ------------------------------------------------


def test_la_unidad_vuelve_a_decidir_una_propuesta_que_no_adopto(client, responsable):
    respuesta = RespuestaFactory(dependencia=responsable.dependencia, estado="aceptada")
    propuesta = Propuesta.objects.create(
        respuesta=respuesta, dependencia=responsable.dependencia, eje="igualdad",
        texto="Emitir la política de igualdad.", estado="presentada",
        decision="no_adoptada", motivo="Ya está en otro programa.",
    )  # fmt: skip
    client.force_login(responsable)
    url = reverse("planes:propuesta_reabrir", args=[propuesta.pk])
    pagina = reverse("planes:propuestas_institucion", args=[responsable.dependencia_id])
    assert url in client.get(pagina, {"anio": respuesta.aplicacion.anio}).content.decode()
    respuesta_http = client.post(url, follow=True)
    assert "vuelve a estar sin decidir" in respuesta_http.content.decode()
    propuesta.refresh_from_db()
    assert (propuesta.decision, propuesta.motivo) == ("", "")
    # Una que no está «no adoptada» no cambia.
    propuesta.decision = "adoptada"
    propuesta.save()
    mensaje = client.post(url, follow=True).content.decode()
    assert "Solo una propuesta no adoptada vuelve a decidirse" in mensaje
    propuesta.refresh_from_db()
    assert propuesta.decision == "adoptada"
