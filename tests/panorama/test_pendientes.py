"""Los pendientes de una institución: cada tipo aparece con datos conocidos y se va al hacerlo."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import Evento
from diagnosticos.models import Respuesta
from panorama.pendientes import PENDIENTE, PROXIMO, VENCIDO, pendientes
from planes.models import InformeTrimestral, PlanTrabajo
from tests.factories import (
    AcuerdoFactory,
    AplicacionFactory,
    EventoFactory,
    PlanFactory,
    RespuestaFactory,
    UnidadFactory,
)
from unidades.models import Acuerdo, Unidad

HOY = date(2026, 11, 21)


def por_tipo(items, tipo):
    return [p for p in items if p.tipo == tipo]


@pytest.fixture
def unidad(dependencia):
    return UnidadFactory(dependencia=dependencia)


@pytest.mark.django_db
def test_sin_plan_pide_elaborarlo_y_en_revision_no(unidad):
    plan = por_tipo(pendientes(unidad.dependencia, HOY), "plan")
    assert [p.url for p in plan] == [reverse("planes:nuevo")]
    assert plan[0].urgencia == PENDIENTE
    creado = PlanFactory(unidad=unidad, anio=2026)
    assert "Enviar" in por_tipo(pendientes(unidad.dependencia, HOY), "plan")[0].titulo
    creado.estado = PlanTrabajo.Estado.CON_OBSERVACIONES
    creado.save()
    assert "Corregir" in por_tipo(pendientes(unidad.dependencia, HOY), "plan")[0].titulo
    creado.estado = PlanTrabajo.Estado.ENVIADO
    creado.save()
    assert por_tipo(pendientes(unidad.dependencia, HOY), "plan") == []


@pytest.mark.django_db
def test_informes_vencidos_y_por_vencer(unidad):
    plan = PlanFactory(unidad=unidad, anio=2026, estado=PlanTrabajo.Estado.APROBADO)
    informes = por_tipo(pendientes(unidad.dependencia, HOY), "informe")
    # Al 21/11/2026 vencieron T1, T2 y T3 (el T3 el 15/10).
    assert len(informes) == 3 and all(p.urgencia == VENCIDO for p in informes)
    assert informes[0].url == reverse("planes:informe", args=[plan.pk, 1])
    for t in (1, 2, 3):
        InformeTrimestral.objects.create(
            plan=plan, trimestre=t, estado=InformeTrimestral.Estado.ENVIADO
        )
    assert por_tipo(pendientes(unidad.dependencia, HOY), "informe") == []
    # El 10/10 el del T3 vence en cinco días (el 15/10) (si no se ha enviado).
    InformeTrimestral.objects.filter(plan=plan, trimestre=3).delete()
    proximos = por_tipo(pendientes(unidad.dependencia, date(2026, 10, 10)), "informe")
    assert [(p.urgencia, p.fecha_limite) for p in proximos] == [(PROXIMO, date(2026, 10, 15))]


@pytest.mark.django_db
def test_diagnostico_con_avance_y_plazo(dependencia):
    ronda = AplicacionFactory(apertura=HOY - timedelta(days=10), cierre=HOY + timedelta(days=3))
    respuesta = RespuestaFactory(aplicacion=ronda, dependencia=dependencia, avance=40)
    [item] = por_tipo(pendientes(dependencia, HOY), "diagnostico")
    assert item.urgencia == PROXIMO and "40 %" in item.detalle
    assert item.url == reverse("diagnosticos:responder", args=[respuesta.pk])
    [tarde] = por_tipo(pendientes(dependencia, HOY + timedelta(days=5)), "diagnostico")
    assert tarde.urgencia == VENCIDO
    respuesta.estado = Respuesta.Estado.ENVIADA
    respuesta.save()
    assert por_tipo(pendientes(dependencia, HOY), "diagnostico") == []


@pytest.mark.django_db
def test_ronda_que_no_ha_abierto_no_cuenta(dependencia):
    ronda = AplicacionFactory(apertura=HOY + timedelta(days=2), cierre=HOY + timedelta(days=9))
    RespuestaFactory(aplicacion=ronda, dependencia=dependencia)
    assert por_tipo(pendientes(dependencia, HOY), "diagnostico") == []


@pytest.mark.django_db
def test_acuerdos_abiertos_propios(dependencia, otra_dependencia):
    vencido = AcuerdoFactory(dependencia=dependencia, fecha_compromiso=HOY - timedelta(days=1))
    AcuerdoFactory(dependencia=dependencia, fecha_compromiso=HOY + timedelta(days=30))
    AcuerdoFactory(dependencia=otra_dependencia, fecha_compromiso=HOY - timedelta(days=1))
    acuerdos = por_tipo(pendientes(dependencia, HOY), "acuerdo")
    assert [p.urgencia for p in acuerdos] == [VENCIDO, PENDIENTE]
    vencido.estado = Acuerdo.Estado.CUMPLIDO
    vencido.save()
    assert [p.urgencia for p in por_tipo(pendientes(dependencia, HOY), "acuerdo")] == [PENDIENTE]


@pytest.mark.django_db
def test_eventos_abiertos_son_informativos(dependencia):
    evento = EventoFactory(estado=Evento.Estado.ABIERTO, inscripcion_hasta=HOY + timedelta(days=2))
    [item] = por_tipo(pendientes(dependencia, HOY), "capacitacion")
    assert item.urgencia == PENDIENTE
    assert item.url == reverse("capacitacion:evento_detalle", args=[evento.pk])
    evento.estado = Evento.Estado.CERRADO
    evento.save()
    assert por_tipo(pendientes(dependencia, HOY), "capacitacion") == []


@pytest.mark.django_db
def test_orden_vencido_primero(unidad):
    AcuerdoFactory(dependencia=unidad.dependencia, fecha_compromiso=HOY + timedelta(days=2))
    AcuerdoFactory(dependencia=unidad.dependencia, fecha_compromiso=HOY - timedelta(days=2))
    urgencias = [p.urgencia for p in pendientes(unidad.dependencia, HOY)]
    assert urgencias[:2] == [VENCIDO, PROXIMO]
    assert set(urgencias[2:]) == {PENDIENTE}


def _datos(dependencia, n):
    unidad = UnidadFactory(dependencia=dependencia)
    PlanFactory(unidad=unidad, anio=2026, estado=PlanTrabajo.Estado.APROBADO)
    for i in range(n):
        AcuerdoFactory(dependencia=dependencia, fecha_compromiso=HOY - timedelta(days=i + 1))
        RespuestaFactory(
            dependencia=dependencia,
            aplicacion=AplicacionFactory(apertura=HOY - timedelta(days=20), cierre=HOY),
        )
        EventoFactory(estado=Evento.Estado.ABIERTO)


@pytest.mark.django_db
def test_consultas_constantes(dependencia, otra_dependencia, django_assert_num_queries):
    _datos(dependencia, 1)
    _datos(otra_dependencia, 6)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as pocas:
        pendientes(dependencia, HOY)
    with django_assert_num_queries(len(pocas)):
        pendientes(otra_dependencia, HOY)


# --- Página de inicio y «Avisos» -----------------------------------------------------------


@pytest.mark.django_db
def test_inicio_muestra_lo_pendiente(client, responsable, dependencia):
    AcuerdoFactory(
        dependencia=dependencia,
        descripcion="Acuerdo vencido de prueba",
        fecha_compromiso=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert "Lo que tiene pendiente" in html
    assert "Vencido" in html and "Acuerdo vencido de prueba" in html


@pytest.mark.django_db
def test_inicio_al_dia(client, responsable, dependencia):
    # En el último estado del ciclo no falta evidencia para el siguiente paso.
    UnidadFactory(dependencia=dependencia)
    Unidad.objects.filter(dependencia=dependencia).update(estado=Unidad.Estado.OPERANDO)
    PlanFactory(
        unidad=dependencia.unidad,
        anio=timezone.localdate().year,
        estado=PlanTrabajo.Estado.ENVIADO,
    )
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert "Está al día" in html


@pytest.mark.django_db
def test_avisos_solo_de_su_institucion(client, responsable_ajena, dependencia, otra_dependencia):
    AcuerdoFactory(dependencia=dependencia, descripcion="Acuerdo de PROPIA")
    AcuerdoFactory(dependencia=otra_dependencia, descripcion="Acuerdo de AJENA")
    client.force_login(responsable_ajena)
    html = client.get(reverse("avisos")).content.decode()
    assert "Acuerdo de AJENA" in html
    assert "Acuerdo de PROPIA" not in html


@pytest.mark.django_db
def test_avisos_resumen_de_la_coordinacion(client, coordinacion, dependencia, otra_dependencia):
    ayer = timezone.localdate() - timedelta(days=1)
    AcuerdoFactory(dependencia=dependencia, fecha_compromiso=ayer)
    AcuerdoFactory(dependencia=dependencia, fecha_compromiso=ayer)
    AcuerdoFactory(dependencia=otra_dependencia, fecha_compromiso=ayer + timedelta(days=10))
    client.force_login(coordinacion)
    respuesta = client.get(reverse("avisos"))
    filas = respuesta.context["filas"]
    assert [(f["dependencia"].siglas, f["total"]) for f in filas] == [("PROPIA", 2)]
    assert "1 institución tiene pendientes vencidos" in respuesta.content.decode()


@pytest.mark.django_db
def test_avisos_coordinacion_consultas_constantes(client, coordinacion, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import DependenciaFactory

    ayer = timezone.localdate() - timedelta(days=1)
    AcuerdoFactory(fecha_compromiso=ayer)
    client.force_login(coordinacion)
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("avisos"))
    for _ in range(8):
        dependencia = DependenciaFactory()
        AcuerdoFactory(dependencia=dependencia, fecha_compromiso=ayer)
        RespuestaFactory(
            dependencia=dependencia,
            aplicacion=AplicacionFactory(apertura=ayer - timedelta(days=9), cierre=ayer),
        )
    with django_assert_num_queries(len(pocas)):
        assert len(client.get(reverse("avisos")).context["filas"]) == 9
