"""Las cuentas del seguimiento trimestral (planes.avance), con `hoy` siempre explícito."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planes.avance import (
    avance_actividad,
    avance_plan,
    esperado_a_la_fecha,
    estado_trimestre,
    faltantes_para_enviar,
    fin_trimestre,
    informes_atrasados,
    inicio_trimestre,
    planes_en_seguimiento,
    porcentaje,
    trimestre_iniciado,
    trimestres_cerrados,
)
from planes.models import Actividad, InformeTrimestral, PlanTrabajo, Seguimiento
from tests.factories import ActividadFactory, DependenciaFactory, PlanFactory

HOY = date(2026, 11, 21)
D = Decimal


def actividad(pk=1, acumulativa=True, anual="40", metas=("10", "10", "10", "10")):
    """Una actividad sin guardar: las cuentas no necesitan la base."""
    t1, t2, t3, t4 = (None if m is None else D(m) for m in metas)
    return Actividad(
        pk=pk,
        acumulativa=acumulativa,
        meta_anual=None if anual is None else D(anual),
        meta_t1=t1,
        meta_t2=t2,
        meta_t3=t3,
        meta_t4=t4,
        descripcion=f"Actividad {pk}",
    )


def seg(actividad_pk, trimestre, valor=None, estado="en_proceso", motivo=""):
    return Seguimiento(
        actividad_id=actividad_pk,
        informe=InformeTrimestral(trimestre=trimestre),
        valor_alcanzado=None if valor is None else D(valor),
        estado=estado,
        motivo_cancelacion=motivo,
    )


def informe(trimestre, estado="borrador", enviado_en=None, anio=2026):
    return InformeTrimestral(
        plan=PlanTrabajo(anio=anio), trimestre=trimestre, estado=estado, enviado_en=enviado_en
    )


def momento(*args):
    return timezone.make_aware(datetime(*args))


# --- Fechas -------------------------------------------------------------------------------


def test_fechas_de_los_trimestres():
    assert inicio_trimestre(2026, 1) == date(2026, 1, 1)
    assert fin_trimestre(2026, 1) == date(2026, 3, 31)
    assert inicio_trimestre(2026, 4) == date(2026, 10, 1)
    assert fin_trimestre(2026, 4) == date(2026, 12, 31)
    assert fin_trimestre(2024, 1) == date(2024, 3, 31)


@pytest.mark.parametrize(
    "hoy,cerrados",
    [
        (date(2025, 12, 31), 0),
        (date(2026, 3, 31), 0),
        (date(2026, 4, 1), 1),
        (HOY, 3),
        (date(2026, 12, 31), 3),
        (date(2027, 1, 1), 4),
    ],
)
def test_trimestres_cerrados(hoy, cerrados):
    assert trimestres_cerrados(2026, hoy) == cerrados


def test_un_trimestre_se_puede_reportar_desde_su_primer_dia():
    assert trimestre_iniciado(2026, 4, HOY)
    assert trimestre_iniciado(2026, 4, date(2026, 10, 1))
    assert not trimestre_iniciado(2026, 4, date(2026, 9, 30))
    assert not trimestre_iniciado(2027, 1, HOY)


# --- Estado de los trimestres -------------------------------------------------------------


def test_estado_de_un_trimestre_sin_informe():
    assert estado_trimestre(2026, 4, None, HOY).clave == "no_iniciado"
    assert estado_trimestre(2026, 3, None, HOY).clave == "vencido"
    assert estado_trimestre(2026, 3, None, HOY).etiqueta == "Vencido sin enviar"


def test_el_informe_vence_15_dias_despues_del_cierre():
    # El tercer trimestre cierra el 30/09 y vence el 15/10/2026: ese día todavía está a tiempo.
    assert estado_trimestre(2026, 3, informe(3), date(2026, 10, 15)).clave == "en_captura"
    assert estado_trimestre(2026, 3, informe(3), date(2026, 10, 16)).clave == "vencido"


def test_estado_de_un_informe_enviado_a_tiempo_o_con_retraso():
    a_tiempo = informe(3, "enviado", momento(2026, 10, 15, 23, 0))
    tarde = informe(3, "enviado", momento(2026, 10, 16, 9, 0))
    assert estado_trimestre(2026, 3, a_tiempo, HOY).etiqueta == "Enviado a tiempo"
    assert estado_trimestre(2026, 3, tarde, HOY).etiqueta == "Enviado con retraso"
    assert estado_trimestre(2026, 4, informe(4), HOY).etiqueta == "En captura"


# --- Avance de una actividad --------------------------------------------------------------


def test_porcentaje_con_un_decimal_y_sin_meta():
    assert porcentaje(D(10), D(40)) == D("25.0")
    assert porcentaje(D(1), D(3)) == D("33.3")
    assert porcentaje(D(2), D(3)) == D("66.7")
    assert porcentaje(D(5), None) is None
    assert porcentaje(D(5), D(0)) is None


def test_acumulativa_suma_los_trimestres():
    a = actividad()
    avance = avance_actividad(a, {1: seg(1, 1, "10"), 2: seg(1, 2, "5"), 3: seg(1, 3, "12")}, 3)
    assert avance.alcanzado == D(27)
    assert avance.porcentaje == D("67.5")
    assert avance.esperado == D(30)
    assert avance.porcentaje_esperado == D("75.0")
    assert avance.atrasada
    assert avance.situacion[0] == "Con atraso"


def test_acumulativa_a_tiempo_cuando_alcanza_lo_esperado():
    a = actividad()
    avance = avance_actividad(a, {1: seg(1, 1, "10"), 2: seg(1, 2, "10"), 3: seg(1, 3, "10")}, 3)
    assert avance.alcanzado == D(30)
    assert not avance.atrasada
    assert avance.situacion[0] == "A tiempo"


def test_no_acumulativa_toma_el_ultimo_valor_reportado():
    # Un porcentaje: la meta de cada trimestre es el nivel a alcanzar, no una suma.
    a = actividad(acumulativa=False, anual="80", metas=("20", "40", "60", "80"))
    seguimientos = {1: seg(1, 1, "25"), 2: seg(1, 2, "45"), 3: seg(1, 3, None)}
    avance = avance_actividad(a, seguimientos, 3)
    assert avance.alcanzado == D(45)  # el tercer trimestre no reportó valor
    assert avance.porcentaje == D("56.3")
    assert avance.esperado == D(60)  # la meta del último trimestre cerrado
    assert avance.atrasada


def test_no_acumulativa_a_tiempo():
    a = actividad(acumulativa=False, anual="80", metas=("20", "40", "60", "80"))
    avance = avance_actividad(a, {1: seg(1, 1, "30"), 2: seg(1, 2, "65")}, 2)
    assert avance.alcanzado == D(65)
    assert avance.esperado == D(40)
    assert not avance.atrasada


def test_esperado_sin_trimestres_cerrados_es_cero():
    assert esperado_a_la_fecha(actividad(), 0) == D(0)
    assert esperado_a_la_fecha(actividad(acumulativa=False), 0) == D(0)
    assert esperado_a_la_fecha(actividad(metas=("10", None, "10", "10")), 2) == D(10)
    assert esperado_a_la_fecha(actividad(acumulativa=False, metas=("5", None, None, "9")), 3) == 5


def test_sin_reporte_cuenta_cero_y_va_con_atraso():
    avance = avance_actividad(actividad(), {}, 2)
    assert avance.alcanzado is None
    assert avance.porcentaje == D(0)
    assert avance.estado is None
    assert avance.estado_etiqueta == "Sin reporte"
    assert avance.atrasada


def test_sin_reporte_antes_del_primer_cierre_no_va_con_atraso():
    avance = avance_actividad(actividad(), {}, 0)
    assert not avance.atrasada
    assert avance.situacion[0] == "Sin meta a la fecha"


def test_cancelada_no_va_con_atraso():
    seguimientos = {1: seg(1, 1, "2"), 2: seg(1, 2, None, "cancelada", "Sin presupuesto")}
    avance = avance_actividad(actividad(), seguimientos, 3)
    assert avance.cancelada
    assert not avance.atrasada
    assert avance.situacion[0] == "Cancelada"
    assert avance.estado_etiqueta == "Cancelada"


def test_el_estado_es_el_del_ultimo_trimestre_capturado():
    seguimientos = {1: seg(1, 1, "10", "en_proceso"), 3: seg(1, 3, "30", "concluida")}
    assert avance_actividad(actividad(), seguimientos, 3).estado == "concluida"


def test_porcentaje_real_sobre_cien_y_tope_para_la_barra():
    avance = avance_actividad(actividad(), {1: seg(1, 1, "60"), 2: seg(1, 2, "40")}, 2)
    assert avance.porcentaje == D("250.0")
    assert avance.porcentaje_tope == D(100)


def test_sin_meta_anual_no_hay_porcentaje():
    avance = avance_actividad(actividad(anual=None), {1: seg(1, 1, "3")}, 1)
    assert avance.porcentaje is None
    assert avance.porcentaje_tope is None
    assert avance.alcanzado == D(3)


# --- Avance del plan ----------------------------------------------------------------------


def test_avance_del_plan_promedia_sin_canceladas_y_con_tope():
    actividades = [actividad(1), actividad(2), actividad(3), actividad(4, anual=None)]
    seguimientos = [
        seg(1, 1, "10"),
        seg(1, 2, "10"),  # 20 de 40: 50 %
        seg(2, 1, "40"),
        seg(2, 2, "40"),  # 200 %, cuenta como 100 %
        seg(3, 1, None, "cancelada", "Cambio de prioridades"),  # no cuenta
        seg(4, 1, "7"),  # sin meta anual: no cuenta
    ]
    avance = avance_plan(actividades, seguimientos, anio=2026, hoy=HOY)
    assert avance.cerrados == 3
    assert [a.alcanzado for a in avance.actividades] == [D(20), D(80), None, D(7)]
    assert avance.porcentaje == D("75.0")
    assert avance.porcentaje_esperado == D("75.0")  # 30 de 40 en las dos que cuentan
    assert not avance.atrasado
    assert avance.canceladas == 1
    assert avance.atrasadas == 2  # la 1 (20 < 30) y la 4 (7 < 30)


def test_avance_del_plan_con_atraso():
    actividades = [actividad(1), actividad(2)]
    seguimientos = [seg(1, 1, "10"), seg(2, 1, "10")]
    avance = avance_plan(actividades, seguimientos, anio=2026, hoy=HOY)
    assert avance.porcentaje == D("25.0")
    assert avance.porcentaje_esperado == D("75.0")
    assert avance.atrasado


def test_avance_hasta_un_trimestre_ignora_los_siguientes():
    actividades = [actividad(1)]
    seguimientos = [seg(1, 1, "10"), seg(1, 2, "10"), seg(1, 3, "10")]
    avance = avance_plan(actividades, seguimientos, anio=2026, hoy=HOY, hasta_trimestre=2)
    assert avance.cerrados == 2
    assert avance.actividades[0].alcanzado == D(20)
    assert avance.actividades[0].por_trimestre[2] is None


def test_avance_del_plan_sin_actividades_ni_metas():
    assert avance_plan([], [], anio=2026, hoy=HOY).porcentaje is None
    avance = avance_plan([actividad(1, anual=None)], [], anio=2026, hoy=HOY)
    assert avance.porcentaje is None
    assert not avance.atrasado


def test_un_anio_futuro_no_espera_nada():
    avance = avance_plan([actividad(1)], [], anio=2027, hoy=HOY)
    assert avance.cerrados == 0
    assert not avance.actividades[0].atrasada


# --- Lo que falta para enviar -------------------------------------------------------------


def test_faltantes_para_enviar():
    actividades = [actividad(pk) for pk in range(1, 6)]
    seguimientos = [
        seg(1, 1, "10", "concluida"),
        seg(2, 1, None, "en_proceso"),  # falta el valor
        seg(3, 1, None, "no_iniciada"),  # explícitamente no iniciada: basta
        seg(4, 1, None, "cancelada", "Sin presupuesto"),
    ]  # la 5 no tiene fila
    faltan = faltantes_para_enviar(actividades, seguimientos)
    assert faltan == [
        "Actividad 2 («Actividad 2»): falta el valor alcanzado.",
        "Actividad 5 («Actividad 5»): falta capturar su avance.",
    ]
    assert faltantes_para_enviar(actividades[:1], seguimientos) == []


# --- Informes atrasados (con base de datos) -----------------------------------------------


def _plan_aprobado(**kwargs):
    kwargs.setdefault("unidad", DependenciaFactory().unidad)
    kwargs.setdefault("anio", 2026)
    return PlanFactory(estado=PlanTrabajo.Estado.APROBADO, **kwargs)


@pytest.mark.django_db
def test_informes_atrasados():
    plan = _plan_aprobado()
    InformeTrimestral.objects.create(
        plan=plan, trimestre=1, estado="enviado", enviado_en=momento(2026, 4, 10)
    )
    InformeTrimestral.objects.create(plan=plan, trimestre=2)  # en captura, vencido
    PlanFactory(anio=2026)  # en borrador: no se sigue
    _plan_aprobado(anio=2027)  # de otro año
    atrasados = informes_atrasados(2026, hoy=HOY)
    assert [(a.plan, a.trimestre, a.en_captura) for a in atrasados] == [
        (plan, 2, True),
        (plan, 3, False),
    ]
    assert atrasados[1].vence == date(2026, 10, 15)
    assert atrasados[1].dias_de_atraso == 37
    assert atrasados[1].nombre_trimestre == "Tercer trimestre"


@pytest.mark.django_db
def test_sin_informes_vencidos_no_consulta():
    _plan_aprobado()
    with CaptureQueriesContext(connection) as consultas:
        assert informes_atrasados(2026, hoy=date(2026, 4, 15)) == []
    assert len(consultas) == 0
    assert [a.trimestre for a in informes_atrasados(2026, hoy=date(2026, 4, 16))] == [1]


@pytest.mark.django_db
def test_informes_atrasados_ordenados_y_acotados():
    zeta = _plan_aprobado(unidad=DependenciaFactory(nombre="Zeta").unidad)
    alfa = _plan_aprobado(unidad=DependenciaFactory(nombre="Alfa").unidad)
    atrasados = informes_atrasados(2026, hoy=date(2026, 8, 1))
    assert [(a.plan, a.trimestre) for a in atrasados] == [
        (alfa, 1),
        (alfa, 2),
        (zeta, 1),
        (zeta, 2),
    ]
    solo_zeta = PlanTrabajo.objects.filter(unidad__dependencia=zeta.unidad.dependencia)
    assert {a.plan for a in informes_atrasados(2026, hoy=HOY, planes=solo_zeta)} == {zeta}


@pytest.mark.django_db
def test_informes_atrasados_hace_consultas_constantes():
    _plan_aprobado()
    with CaptureQueriesContext(connection) as pocas:
        assert len(informes_atrasados(2026, hoy=HOY)) == 3
    for _ in range(6):
        plan = _plan_aprobado()
        InformeTrimestral.objects.create(plan=plan, trimestre=1)
    with CaptureQueriesContext(connection) as muchas:
        resultado = informes_atrasados(2026, hoy=HOY)
        # Leer el nombre de la institución no consulta más.
        assert all(a.plan.unidad.dependencia.nombre for a in resultado)
    assert len(resultado) == 21
    assert len(muchas) == len(pocas) == 2


@pytest.mark.django_db
def test_se_sigue_la_ultima_version_aprobada():
    v1 = _plan_aprobado()
    v2 = PlanFactory(unidad=v1.unidad, anio=2026, version=2, anterior=v1, estado="borrador")
    # Mientras la modificación se revisa, la versión 1 sigue en seguimiento.
    assert list(planes_en_seguimiento()) == [v1]
    v2.estado = PlanTrabajo.Estado.APROBADO
    v2.save()
    assert list(planes_en_seguimiento()) == [v2]
    assert {a.plan for a in informes_atrasados(2026, hoy=HOY)} == {v2}


@pytest.mark.django_db
def test_avance_con_actividades_guardadas():
    plan = _plan_aprobado()
    a1, a2 = ActividadFactory.create_batch(2, plan=plan)
    informe1 = InformeTrimestral.objects.create(plan=plan, trimestre=1)
    Seguimiento.objects.create(informe=informe1, actividad=a1, valor_alcanzado=10)
    Seguimiento.objects.create(informe=informe1, actividad=a2, valor_alcanzado=4)
    seguimientos = Seguimiento.objects.filter(informe__plan=plan).select_related("informe")
    with CaptureQueriesContext(connection) as consultas:
        avance = avance_plan(
            list(plan.actividades.all()), list(seguimientos), anio=plan.anio, hoy=HOY
        )
    assert len(consultas) == 2
    assert [a.porcentaje for a in avance.actividades] == [D("25.0"), D("10.0")]
    assert avance.porcentaje == D("17.5")
