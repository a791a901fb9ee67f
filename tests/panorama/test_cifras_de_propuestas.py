"""Las propuestas del diagnóstico en el tablero y en el informe anual: las dos páginas cuentan
con la regla de `planes.propuestas.cifras` (presentadas de las rondas del ejercicio, adoptadas,
atendidas cuando su actividad se reportó concluida en un informe enviado, sin decidir)."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from diagnosticos.models import Propuesta, Respuesta
from difusion import informe_anual
from panorama import tablero
from planes.models import InformeTrimestral, PlanTrabajo, Seguimiento
from tests.factories import (
    ActividadFactory,
    AplicacionFactory,
    DependenciaFactory,
    PlanFactory,
    RespuestaFactory,
    UnidadFactory,
)

ANIO = 2026
HOY = date(2026, 12, 7)
Estado = Propuesta.Estado
Decision = Propuesta.Decision


def _propuesta(respuesta, estado=Estado.PRESENTADA, decision=Decision.ABIERTA, n=0):
    return Propuesta.objects.create(
        respuesta=respuesta,
        dependencia=respuesta.dependencia,
        eje="igualdad",
        texto=f"Emitir la política de igualdad laboral {n}",
        estado=estado,
        decision=decision,
        orden=n,
    )


@pytest.fixture
def datos(db):
    """Salud: 4 presentadas (2 adoptadas, 1 de ellas atendida; 1 no adoptada; 1 sin decidir)
    y 1 en borrador. Educación: 1 presentada sin decidir. Y una presentada de la ronda de 2025,
    que no cuenta en 2026."""
    salud = DependenciaFactory(sector="Salud", siglas="SSZ")
    educacion = DependenciaFactory(sector="Educación", siglas="SEDUZAC")
    ronda = AplicacionFactory(anio=ANIO, apertura=date(ANIO, 3, 1), cierre=date(ANIO, 4, 1))
    anterior = AplicacionFactory(
        anio=ANIO - 1, apertura=date(ANIO - 1, 3, 1), cierre=date(ANIO - 1, 4, 1)
    )
    aceptada = Respuesta.Estado.ACEPTADA
    r_salud = RespuestaFactory(aplicacion=ronda, dependencia=salud, estado=aceptada)
    r_educacion = RespuestaFactory(aplicacion=ronda, dependencia=educacion, estado=aceptada)
    r_anterior = RespuestaFactory(aplicacion=anterior, dependencia=salud, estado=aceptada)

    adoptada = _propuesta(r_salud, decision=Decision.ADOPTADA, n=1)
    atendida = _propuesta(r_salud, decision=Decision.ADOPTADA, n=2)
    _propuesta(r_salud, decision=Decision.NO_ADOPTADA, n=3)
    _propuesta(r_salud, n=4)
    _propuesta(r_salud, estado=Estado.BORRADOR, n=5)
    _propuesta(r_educacion, n=6)
    _propuesta(r_anterior, decision=Decision.ADOPTADA, n=7)

    plan = PlanFactory(
        unidad=UnidadFactory(dependencia=salud), anio=ANIO, estado=PlanTrabajo.Estado.APROBADO
    )
    ActividadFactory(plan=plan, propuesta=adoptada)
    concluida = ActividadFactory(plan=plan, propuesta=atendida)
    enviado = InformeTrimestral.objects.create(
        plan=plan,
        trimestre=2,
        estado=InformeTrimestral.Estado.ENVIADO,
        enviado_en=timezone.make_aware(timezone.datetime(ANIO, 7, 10)),
    )
    Seguimiento.objects.create(
        informe=enviado, actividad=concluida, estado=Seguimiento.Estado.CONCLUIDA
    )
    # Concluida en un informe aún en captura: no cuenta como atendida.
    borrador = InformeTrimestral.objects.create(plan=plan, trimestre=3)
    Seguimiento.objects.create(
        informe=borrador,
        actividad=ActividadFactory(plan=plan, propuesta=adoptada),
        estado=Seguimiento.Estado.CONCLUIDA,
    )
    return salud, educacion


def test_el_tablero_cuenta_las_propuestas_del_ejercicio(datos):
    cifras = tablero.totales(HOY)["propuestas"]
    assert (cifras.presentadas, cifras.adoptadas, cifras.atendidas) == (5, 2, 1)
    assert (cifras.no_adoptadas, cifras.sin_decidir) == (1, 2)
    assert cifras.porcentaje_adoptadas == 40.0


def test_el_tablero_cuenta_solo_las_del_sector_del_filtro(datos):
    cifras = tablero.totales(HOY, sector="Educación")["propuestas"]
    assert (cifras.presentadas, cifras.adoptadas, cifras.sin_decidir) == (1, 0, 1)


def test_la_pagina_del_tablero_lo_dice_con_su_enlace(client, coordinacion, datos):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("inicio"), {"anio": ANIO})
    html = respuesta.content.decode()
    # El porcentaje lleva un espacio duro: se normalizan los espacios para leerlo.
    bloque = " ".join(html[html.index('id="tablero-propuestas"') :][:2000].split())
    assert "5 presentadas a las personas titulares" in bloque
    assert "2 adoptadas en los planes (40 %)" in bloque
    assert "1 atendida" in bloque
    assert "2 sin decidir" in bloque
    assert reverse("planes:propuestas_seguimiento") + f"?anio={ANIO}" in bloque


def test_el_informe_anual_dice_lo_mismo_que_el_tablero(datos, coordinacion):
    informe = informe_anual.calcular(ANIO, usuario=coordinacion, hoy=HOY)
    assert informe.propuestas == tablero.totales(HOY)["propuestas"]
    assert any("2 de 5 propuestas presentadas" in reto for reto in informe.retos)

    texto = " ".join(
        " ".join((pagina.extract_text() or "").split())
        for pagina in PdfReader(BytesIO(informe_anual.pdf(informe))).pages
    )
    assert "Propuestas presentadas a las personas titulares" in texto
    assert "Adoptadas como actividades del plan de trabajo 2 40 %" in texto
    assert "Atendidas: su actividad se reportó concluida 1 20 %" in texto


def test_sin_propuestas_el_informe_lo_dice(db, coordinacion):
    informe = informe_anual.calcular(ANIO, usuario=coordinacion, hoy=HOY)
    assert informe.propuestas.presentadas == 0
    texto = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(BytesIO(informe_anual.pdf(informe))).pages
    )
    assert "aún no se presenta ninguna propuesta" in texto


def test_el_informe_anual_suma_el_presupuesto_para_la_igualdad(db, coordinacion):
    """El capítulo de los planes suma lo aprobado y lo ejercido con `planes.presupuesto`."""
    from decimal import Decimal

    from planes.models import ProgramaPresupuestario

    programa = ProgramaPresupuestario.objects.create(anio=ANIO, clave="E045", nombre="Violencia")
    plan = PlanFactory(
        unidad=UnidadFactory(dependencia=DependenciaFactory()),
        anio=ANIO,
        estado=PlanTrabajo.Estado.APROBADO,
    )
    campos = {"programa": programa, "eje": "violencia"}
    una = ActividadFactory(plan=plan, monto_aprobado=Decimal("80000"), **campos)
    ActividadFactory(plan=plan, monto_aprobado=Decimal("20000"), **campos)
    enviado = InformeTrimestral.objects.create(
        plan=plan, trimestre=1, estado=InformeTrimestral.Estado.ENVIADO
    )
    Seguimiento.objects.create(informe=enviado, actividad=una, monto_ejercido=Decimal("25000"))

    informe = informe_anual.calcular(ANIO, usuario=coordinacion, hoy=HOY)
    assert (informe.presupuesto.total.aprobado, informe.presupuesto.total.ejercido) == (
        Decimal("100000"),
        Decimal("25000"),
    )
    texto = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(BytesIO(informe_anual.pdf(informe))).pages
    )
    assert "Presupuesto para la igualdad" in texto
    assert "$100,000.00 aprobados" in texto
    assert "$25,000.00 ejercidos (25 % de lo aprobado)" in texto
