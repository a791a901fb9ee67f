"""El programa y los montos en el plan: el editor (programa, monto aprobado, tipo de
contribución), el detalle y el PDF del plan, y el monto ejercido del seguimiento trimestral."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planes import presupuesto as cuentas
from planes.diferencias import instantanea
from planes.models import (
    InformeTrimestral,
    Seguimiento,
)
from planes.services_editor import plan_crear
from tests.factories import ActividadFactory, PlanFactory
from tests.planes.presupuesto_comun import (
    aprobado,
    informe,
    programa,
)
from tests.planes.test_editor import catalogo_de_alineacion, guardar  # noqa: F401
from tests.planes.test_plan_pdf import paginas

pytestmark = pytest.mark.django_db


# --- El monto y el programa en el editor del plan ---------------------------------------------


@pytest.fixture
def plan(dependencia):
    return PlanFactory(unidad=dependencia.unidad, anio=2026)


def test_el_editor_guarda_programa_monto_y_tipo(client, responsable, plan, programas):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    r = guardar(client, actividad, programa=str(programas["E045"].pk),
                monto_aprobado="1,500,000.50", tipo_contribucion="afirmativa")  # fmt: skip
    assert r.status_code == 200, r.content.decode()
    actividad.refresh_from_db()
    assert actividad.programa == programas["E045"]
    assert actividad.monto_aprobado == Decimal("1500000.50")
    assert actividad.tipo_contribucion == "afirmativa"
    assert actividad.revision == 2
    # Lo mismo otra vez no es un cambio: la revisión no sube.
    assert guardar(client, actividad).status_code == 200
    actividad.refresh_from_db()
    assert actividad.revision == 2


@pytest.mark.parametrize(
    "cambios,campo,mensaje",
    [
        ({"monto_aprobado": "-100"}, "monto_aprobado", "El monto no puede ser negativo."),
        ({"monto_aprobado": "cien mil"}, "monto_aprobado", "Escriba el monto solo con números"),
        ({"monto_aprobado": "1000"}, "programa",
         "Indique el programa presupuestario del que sale el monto."),
        ({"programa": "E045-2025", "monto_aprobado": "1000"}, "programa",
         "El programa E045 es del ejercicio 2025 y el plan es de 2026: elija un programa de 2026."),
        ({"programa": "999999"}, "programa", "Ese programa ya no está en el catálogo"),
    ],
)  # fmt: skip
def test_el_editor_rechaza_en_espanol_y_no_guarda(
    client, responsable, plan, programas, cambios, campo, mensaje
):
    actividad = ActividadFactory(plan=plan, descripcion="Original")
    if cambios.get("programa") in programas:
        cambios["programa"] = str(programas[cambios["programa"]].pk)
    client.force_login(responsable)
    r = guardar(client, actividad, descripcion="Cambiada", **cambios)
    html = r.content.decode()
    assert r.status_code == 422
    # El mensaje va en el contenedor de error del campo (lo lee el lector de pantalla).
    assert f'id="id_a{actividad.pk}-{campo}_error"' in html
    assert mensaje in html
    actividad.refresh_from_db()
    assert (actividad.descripcion, actividad.monto_aprobado, actividad.programa_id) == (
        "Original",
        None,
        None,
    )


def test_el_editor_ofrece_solo_los_programas_activos_del_anio(client, responsable, plan, programas):
    inactivo = programa("E099", "Programa dado de baja", activo=False)
    con_inactivo = ActividadFactory(plan=plan, programa=inactivo, monto_aprobado=Decimal(5))
    otra = ActividadFactory(plan=plan)
    client.force_login(responsable)
    html = client.get(reverse("planes:editar", args=[plan.pk])).content.decode()
    assert html.count("E045 · Desarrollo del personal") == 2
    assert "(2025)" not in html  # el del otro ejercicio no se ofrece
    # El inactivo solo aparece en la actividad que ya lo tenía.
    assert html.count("E099 · Programa dado de baja (inactivo)") == 1
    assert f'name="a{otra.pk}-monto_aprobado"' in html
    assert 'value="5.00"' in html  # el monto guardado, como se escribe
    # Otra actividad no puede elegir el inactivo.
    r = guardar(client, otra, programa=str(inactivo.pk))
    assert r.status_code == 422 and "El programa E099 está inactivo" in r.content.decode()
    # La que ya lo tenía se sigue guardando.
    assert guardar(client, con_inactivo, descripcion="Sigue").status_code == 200


def test_el_texto_libre_de_antes_se_muestra_como_ayuda(client, responsable, plan):
    actividad = ActividadFactory(plan=plan, programa_presupuestario="E001 Igualdad sustantiva")
    client.force_login(responsable)
    html = client.get(reverse("planes:editar", args=[plan.pk])).content.decode()
    assert "Antes se escribió: «E001 Igualdad sustantiva»" in html
    assert f'name="a{actividad.pk}-programa_presupuestario"' not in html


def test_consultas_del_editor_con_programas_no_crecen(client, responsable, plan, programas):
    client.force_login(responsable)
    url = reverse("planes:editar", args=[plan.pk])
    ActividadFactory(plan=plan, programa=programas["E045"], monto_aprobado=Decimal(1))
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        assert client.get(url).status_code == 200
    for clave in ("E045", "S010", "K3511") * 4:
        ActividadFactory(plan=plan, programa=programas[clave], monto_aprobado=Decimal(2))
    with CaptureQueriesContext(connection) as muchas:
        assert client.get(url).status_code == 200
    assert len(muchas) == len(pocas), [q["sql"] for q in muchas.captured_queries]


def test_el_detalle_y_el_pdf_del_plan_muestran_el_pp(client, responsable, plan, programas):
    ActividadFactory(plan=plan, programa=programas["S010"], monto_aprobado=Decimal("12345.5"),
                     tipo_contribucion="mujeres")  # fmt: skip
    ActividadFactory(plan=plan, programa_presupuestario="E001 Texto de antes")
    client.force_login(responsable)
    html = client.get(reverse("planes:detalle", args=[plan.pk])).content.decode()
    assert "S010</a> Igualdad sustantiva" in html and "$12,345.50" in html
    assert "Dirigido a mujeres" in html
    assert "E001 Texto de antes" in html
    r = client.get(reverse("planes:pdf", args=[plan.pk]))
    texto = " ".join(paginas(r.content)[1])
    assert "S010 Igualdad sustantiva" in texto and "$12,345.50" in texto
    assert "E001 Texto de antes" in texto


def test_la_instantanea_de_una_devolucion_lleva_el_programa(plan, programas):
    ActividadFactory(plan=plan, programa=programas["E045"], monto_aprobado=Decimal(10))
    foto = instantanea(plan)
    json.dumps(foto)  # cabe en el JSONField
    assert foto["actividades"][0]["campos"]["programa"] == "E045 Desarrollo del personal"


def test_copiar_el_plan_al_anio_siguiente_busca_el_programa_de_ese_anio(dependencia, programas):
    anterior = aprobado(dependencia, anio=2025)
    ActividadFactory(plan=anterior, programa=programas["E045-2025"], monto_aprobado=Decimal(9))
    sin_par = programa("P001", "Solo en 2025", anio=2025)
    ActividadFactory(plan=anterior, programa=sin_par, monto_aprobado=Decimal(3))
    nuevo = plan_crear(unidad=dependencia.unidad, anio=2026, copiar_anterior=True)
    copias = list(nuevo.actividades.order_by("orden"))
    assert [(a.programa, a.monto_aprobado) for a in copias] == [
        (programas["E045"], None),
        (None, None),
    ]
    for copia in copias:
        copia.full_clean()


# --- El monto ejercido en el seguimiento trimestral -------------------------------------------


def captura(plan, valores):
    datos = {
        "seg-TOTAL_FORMS": str(plan.actividades.count()),
        "seg-INITIAL_FORMS": "0",
        "seg-MIN_NUM_FORMS": "0",
        "seg-MAX_NUM_FORMS": "1000",
        "revision": "0",
    }
    for actividad in plan.actividades.all():
        for campo in ("valor_alcanzado", "estado", "motivo_cancelacion", "narrativa",
                      "monto_ejercido"):  # fmt: skip
            datos[f"seg-{actividad.pk}-{campo}"] = valores.get(actividad, {}).get(campo, "")
    return datos


@pytest.fixture
def plan_aprobado(dependencia, programas):
    plan = aprobado(dependencia)
    con = ActividadFactory(plan=plan, programa=programas["E045"], monto_aprobado=Decimal(100))
    sin = ActividadFactory(plan=plan)
    return plan, con, sin


def test_el_informe_pide_el_monto_solo_a_actividades_con_presupuesto(
    client, responsable, plan_aprobado
):
    plan, con, sin = plan_aprobado
    client.force_login(responsable)
    html = client.get(reverse("planes:informe", args=[plan.pk, 1])).content.decode()
    assert f'name="seg-{con.pk}-monto_ejercido"' in html
    assert f'name="seg-{sin.pk}-monto_ejercido"' not in html
    assert "E045 Desarrollo del personal" in html and "$100.00" in html


def test_el_informe_guarda_el_monto_ejercido(client, responsable, plan_aprobado):
    plan, con, sin = plan_aprobado
    client.force_login(responsable)
    valores = {
        con: {"estado": "en_proceso", "valor_alcanzado": "3", "monto_ejercido": "15,000.50"},
        # Si alguien manda el monto de una actividad sin presupuesto, se ignora.
        sin: {"estado": "no_iniciada", "monto_ejercido": "99"},
    }
    r = client.post(reverse("planes:informe", args=[plan.pk, 1]), captura(plan, valores))
    assert r.status_code == 302, r.content.decode()
    filas = {s.actividad_id: s.monto_ejercido for s in Seguimiento.objects.all()}
    assert filas == {con.pk: Decimal("15000.50"), sin.pk: None}


@pytest.mark.parametrize(
    "monto,mensaje",
    [("-1", "El monto no puede ser negativo."), ("diez", "Escriba el monto solo con números")],
)
def test_el_informe_rechaza_montos_invalidos(client, responsable, plan_aprobado, monto, mensaje):
    plan, con, _sin = plan_aprobado
    client.force_login(responsable)
    valores = {con: {"estado": "en_proceso", "valor_alcanzado": "3", "monto_ejercido": monto}}
    r = client.post(reverse("planes:informe", args=[plan.pk, 1]), captura(plan, valores))
    assert r.status_code == 200 and mensaje in r.content.decode()
    assert not InformeTrimestral.objects.exists() and not Seguimiento.objects.exists()


def test_el_pdf_del_informe_lleva_el_monto(client, responsable, plan_aprobado):
    plan, con, _sin = plan_aprobado
    informe(plan, 1, {con: "42.5"})
    client.force_login(responsable)
    r = client.get(reverse("planes:informe_pdf", args=[plan.pk, 1]))
    texto = " ".join(paginas(r.content)[1])
    assert "Pp E045" in texto and "ejercido en el trimestre $42.50" in texto


def test_el_monto_ejercido_pasa_a_la_modificacion_aprobada(client, coordinacion, plan_aprobado):
    from planes import services

    plan, con, _sin = plan_aprobado
    informe(plan, 1, {con: "70"})
    nuevo = services.plan_modificar(plan=plan, usuario=coordinacion, motivo="Ajuste")
    nuevo.estado = "aprobado"
    nuevo.save()
    services.seguimiento_trasladar(nuevo=nuevo, usuario=coordinacion)
    assert cuentas.presupuesto_del_anio(2026).total.ejercido == Decimal(70)
