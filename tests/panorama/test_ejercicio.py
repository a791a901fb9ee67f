"""Un ciclo por año: las cifras de un año no cambian al abrir la ronda del siguiente, los años
pasados se cuentan con lo que había entonces, y el tablero, los pendientes, los avisos y el
recordatorio coinciden en lo vencido, también al cruzar de un año a otro."""

import io
import json
from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from diagnosticos.models import Aplicacion, Respuesta
from difusion import avances, informe_anual
from panorama import ejercicio, tablero
from panorama.pendientes import pendientes, vencidos_por_dependencia
from planes.avance import informes_vencidos
from planes.models import InformeTrimestral, PlanTrabajo
from tests.factories import (
    AplicacionFactory,
    DependenciaFactory,
    PlanFactory,
    RespuestaFactory,
    UnidadFactory,
    UsuarioFactory,
)
from uig_portal.roles import Rol
from unidades.models import Unidad

HOY = date(2026, 12, 7)


@pytest.fixture
def anio_con_datos(db):
    """Cuatro instituciones; tres instaladas en 2026 y una en 2025; la ronda 2026 con dos
    respuestas aceptadas de cuatro."""
    dependencias = [DependenciaFactory(siglas=f"D{i}") for i in range(4)]
    fechas = [date(2025, 6, 1), date(2026, 2, 1), date(2026, 5, 1), None]
    for dependencia, fecha in zip(dependencias, fechas, strict=True):
        Unidad.objects.filter(
            dependencia=UnidadFactory(dependencia=dependencia).dependencia
        ).update(
            estado=Unidad.Estado.INSTALADA if fecha else Unidad.Estado.EN_GESTION,
            fecha_instalada=fecha,
        )
    ronda = AplicacionFactory(
        nombre="Diagnóstico 2026", apertura=date(2026, 3, 1), cierre=date(2026, 4, 30)
    )
    for i, dependencia in enumerate(dependencias):
        estado = Respuesta.Estado.ACEPTADA if i < 2 else Respuesta.Estado.SIN_INICIAR
        RespuestaFactory(aplicacion=ronda, dependencia=dependencia, estado=estado)
    return dependencias, ronda


def abrir_la_ronda_siguiente(dependencias, ronda):
    """La ronda 2027 abierta en diciembre de 2026: pertenece al ejercicio 2027."""
    siguiente = Aplicacion.objects.create(
        version=ronda.version,
        nombre="Diagnóstico 2027",
        anio=2027,
        apertura=date(2026, 12, 1),
        cierre=date(2027, 2, 28),
    )
    for dependencia in dependencias:
        RespuestaFactory(aplicacion=siguiente, dependencia=dependencia)
    return siguiente


def test_la_ronda_de_un_anio_es_la_de_su_ejercicio(anio_con_datos):
    dependencias, ronda = anio_con_datos
    assert Aplicacion.objects.del_anio(2026, al=HOY) == ronda
    siguiente = abrir_la_ronda_siguiente(dependencias, ronda)
    assert Aplicacion.objects.del_anio(2026, al=HOY) == ronda
    assert Aplicacion.objects.del_anio(2027, al=HOY) == siguiente
    assert Aplicacion.objects.del_anio(2027, al=date(2026, 11, 30)) is None
    assert Aplicacion.objects.del_anio(2025) is None


def test_el_ejercicio_es_el_anio_de_la_apertura_si_no_se_dice(db):
    assert AplicacionFactory(apertura=date(2025, 9, 1), cierre=date(2025, 10, 1)).anio == 2025


def test_abrir_la_ronda_siguiente_no_cambia_las_cifras_del_anio(
    anio_con_datos, client, coordinacion
):
    dependencias, ronda = anio_con_datos

    def todas():
        totales = tablero.totales(hoy=HOY)
        publicas = avances.cifras(2026, hoy=HOY)
        informe = informe_anual.calcular(2026, usuario=coordinacion, hoy=HOY)
        return {
            "tablero": (
                totales["diagnostico"]["ronda"].nombre,
                totales["diagnostico"]["tasa"].porcentaje,
            ),
            "publicas": (
                publicas.ronda,
                publicas.en_la_ronda,
                publicas.respondidas,
                publicas.tasa_respuesta,
            ),
            "informe": (informe.diagnostico.ronda.nombre, informe.diagnostico.tasa.porcentaje),
        }

    antes = todas()
    assert antes == {
        "tablero": ("Diagnóstico 2026", 50.0),
        "publicas": ("Diagnóstico 2026", 4, 2, 50.0),
        "informe": ("Diagnóstico 2026", 50.0),
    }

    def datos_abiertos():
        with mock.patch("django.utils.timezone.localdate", return_value=HOY):
            return (
                json.loads(client.get(reverse("avances:datos_json") + "?anio=2026").content),
                client.get(reverse("avances:datos_csv") + "?anio=2026").content.decode(),
                client.get(reverse("avances:pagina") + "?anio=2026").content.decode(),
            )

    json_antes, csv_antes, pagina_antes = datos_abiertos()
    assert "2 de 4 instituciones" in pagina_antes
    abrir_la_ronda_siguiente(dependencias, ronda)
    assert todas() == antes
    json_despues, csv_despues, pagina_despues = datos_abiertos()
    assert json_despues == json_antes
    assert csv_despues == csv_antes
    assert "2 de 4 instituciones" in pagina_despues


def test_el_pdf_del_informe_anual_no_cambia_con_la_ronda_siguiente(anio_con_datos, coordinacion):
    dependencias, ronda = anio_con_datos

    def texto():
        informe = informe_anual.calcular(2026, usuario=coordinacion, hoy=HOY)
        pdf = informe_anual.pdf(informe, vista_previa=True)
        lector = PdfReader(__import__("io").BytesIO(pdf))
        return " ".join(p.extract_text() for p in lector.pages)

    antes = texto()
    assert "Diagnóstico 2026" in antes
    abrir_la_ronda_siguiente(dependencias, ronda)
    despues = texto()
    assert "Diagnóstico 2026" in despues
    assert "Diagnóstico 2027" not in despues


def test_un_anio_pasado_cuenta_las_unidades_instaladas_entonces(anio_con_datos):
    assert avances.cifras(2026, hoy=HOY).instaladas == 3
    assert avances.cifras(2025, hoy=HOY).instaladas == 1
    assert avances.cifras(2020, hoy=HOY).instaladas == 0


def test_solo_se_ofrecen_los_anios_con_datos(anio_con_datos):
    assert ejercicio.anios_disponibles(HOY) == [2026, 2025]
    assert ejercicio.anios_disponibles(HOY, con_el_anterior=True) == [2026, 2025]
    assert ejercicio.anio_valido("2020", HOY) == (2026, False)


def test_la_meta_de_un_anio_pasado_usa_el_estado_de_entonces(anio_con_datos):
    from unidades import metas

    assert metas.meta_de_instalacion(HOY).general.instaladas == 3
    assert metas.meta_de_instalacion(HOY, al=date(2025, 12, 31)).general.instaladas == 1


@pytest.mark.parametrize(
    ("hoy", "vencidos"),
    [
        (date(2026, 12, 7), 0),  # T1 a T3 enviados; el T4 aún no vence
        (date(2027, 1, 14), 0),  # el T4 de 2026 vence el 15 de enero
        (date(2027, 1, 16), 1),  # ya venció: cuenta en 2027 aunque el plan sea de 2026
    ],
)
def test_todos_coinciden_en_lo_vencido_al_cruzar_el_anio(db, hoy, vencidos):
    unidad = UnidadFactory()
    plan = PlanFactory(unidad=unidad, anio=2026, estado=PlanTrabajo.Estado.APROBADO)
    for t in (1, 2, 3):
        InformeTrimestral.objects.create(
            plan=plan, trimestre=t, estado=InformeTrimestral.Estado.ENVIADO
        )
    dependencia = unidad.dependencia

    de_la_regla = len(informes_vencidos(hoy))
    del_tablero = tablero.filas(tablero.filtro({}), hoy=hoy).object_list[0].informes_vencidos
    de_sus_pendientes = sum(
        1 for p in pendientes(dependencia, hoy) if p.tipo == "informe" and p.urgencia == "vencido"
    )
    de_los_avisos = vencidos_por_dependencia(hoy).get(dependencia.pk, {}).get("informe", 0)
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia, email="uig@zacatecas.gob.mx")
    call_command("recordar_pendientes", fecha=hoy.isoformat(), stdout=io.StringIO())
    cuerpos = " ".join(m.body for m in mail.outbox)
    del_recordatorio = sum(
        1 for linea in cuerpos.splitlines() if "[VENCIDO]" in linea and "informe" in linea.lower()
    )
    assert de_la_regla == del_tablero == de_sus_pendientes == de_los_avisos == vencidos
    assert del_recordatorio == vencidos


def test_el_tablero_de_un_anio_pasado_usa_su_ronda_y_su_corte(anio_con_datos, coordinacion):
    dependencias, ronda = anio_con_datos
    anterior = AplicacionFactory(
        version=ronda.version,
        nombre="Diagnóstico 2025",
        apertura=date(2025, 3, 1),
        cierre=date(2025, 4, 30),
    )
    RespuestaFactory(aplicacion=anterior, dependencia=dependencias[0], estado="aceptada")

    de_2026 = tablero.contexto({}, hoy=HOY)
    assert de_2026["ejercicio"]["anio"] == 2026 and not de_2026["ejercicio"]["pasado"]
    assert de_2026["totales"]["instalacion"]["instaladas"] == 3
    assert de_2026["totales"]["diagnostico"]["ronda"].nombre == "Diagnóstico 2026"

    de_2025 = tablero.contexto({"anio": "2025"}, hoy=HOY)
    assert de_2025["ejercicio"]["pasado"] and de_2025["ejercicio"]["corte"] == date(2025, 12, 31)
    assert de_2025["totales"]["instalacion"]["instaladas"] == 1
    assert de_2025["totales"]["diagnostico"]["ronda"].nombre == "Diagnóstico 2025"
    estados = {f.dependencia.siglas: f.unidad_estado for f in de_2025["pagina"].object_list}
    assert estados == {
        "D0": "instalada",
        "D1": "sin_iniciar",
        "D2": "sin_iniciar",
        "D3": "sin_iniciar",
    }

    sin_datos = tablero.contexto({"anio": "2019"}, hoy=HOY)
    assert sin_datos["ejercicio"]["anio"] == 2026 and not sin_datos["ejercicio"]["valido"]


def test_la_pagina_del_tablero_ofrece_solo_los_anios_con_datos(
    anio_con_datos, client, coordinacion
):
    client.force_login(coordinacion)
    html = client.get(reverse("inicio") + "?anio=2025").content.decode()
    assert 'name="anio"' in html
    assert '<option value="2025" selected>' in html
    assert '<option value="2024"' not in html
    assert "Cifras al 31/12/2025" in html
