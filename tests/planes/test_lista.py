"""La lista de planes de la Coordinación: año, filtros, conteos, instituciones sin plan y
exportaciones a XLSX; y la lista de una institución, con sus planes de todos los años."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from planes.models import InformeTrimestral, PlanTrabajo, Seguimiento
from tests.factories import ActividadFactory, DependenciaFactory, PlanFactory, UsuarioFactory
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

Estado = PlanTrabajo.Estado
ANIO = timezone.localdate().year


def plan_de(dependencia, estado=Estado.BORRADOR, anio=ANIO, actividades=1, **campos):
    plan = PlanFactory(unidad=dependencia.unidad, anio=anio, estado=estado, **campos)
    ActividadFactory.create_batch(actividades, plan=plan)
    return plan


def siglas(respuesta):
    return [p.unidad.dependencia.siglas for p in respuesta.context["planes"]]


@pytest.fixture
def instituciones(db):
    return {
        "SEFIN": DependenciaFactory(
            siglas="SEFIN", nombre="Secretaría de Finanzas", sector="Finanzas"
        ),
        "INJUZAC": DependenciaFactory(
            siglas="INJUZAC",
            nombre="Instituto de la Juventud",
            tipo="descentralizada",
            sector="Desarrollo Social",
        ),
        "SEDESO": DependenciaFactory(
            siglas="SEDESO", nombre="Secretaría de Desarrollo Social", sector="Desarrollo Social"
        ),
        "SECAMPO": DependenciaFactory(
            siglas="SECAMPO", nombre="Secretaría del Campo", sector="Campo"
        ),
    }


def test_la_coordinacion_ve_los_planes_del_anio_con_conteos(client, coordinacion, instituciones):
    plan_de(instituciones["SEFIN"], Estado.APROBADO)
    plan_de(instituciones["INJUZAC"], Estado.ENVIADO)
    plan_de(instituciones["SEDESO"], anio=ANIO - 1)  # de otro año: no cuenta
    client.force_login(coordinacion)
    respuesta = client.get(reverse("planes:lista"))
    assert respuesta.status_code == 200
    assert respuesta.context["filtros"]["anio"] == ANIO
    assert siglas(respuesta) == ["INJUZAC", "SEFIN"]
    conteos = {c["estado"].value: c["n"] for c in respuesta.context["conteos"]}
    assert conteos == {"borrador": 0, "enviado": 1, "con_observaciones": 0, "aprobado": 1}
    assert respuesta.context["total_con_plan"] == 2
    html = respuesta.content.decode()
    assert f"Planes de trabajo {ANIO}" in html
    assert "Instituciones sin plan" in html

    anterior = client.get(reverse("planes:lista"), {"anio": ANIO - 1})
    assert siglas(anterior) == ["SEDESO"]


def test_filtros_por_estado_sector_tipo_y_texto(client, coordinacion, instituciones):
    plan_de(instituciones["SEFIN"], Estado.APROBADO)
    plan_de(instituciones["INJUZAC"], Estado.ENVIADO)
    plan_de(instituciones["SEDESO"], Estado.ENVIADO)
    client.force_login(coordinacion)
    url = reverse("planes:lista")
    assert siglas(client.get(url, {"estado": "enviado"})) == ["INJUZAC", "SEDESO"]
    assert siglas(client.get(url, {"sector": "Desarrollo Social"})) == ["INJUZAC", "SEDESO"]
    assert siglas(client.get(url, {"tipo": "descentralizada"})) == ["INJUZAC"]
    assert siglas(client.get(url, {"q": "finanz"})) == ["SEFIN"]
    assert siglas(client.get(url, {"q": "injuz"})) == ["INJUZAC"]
    # Los conteos respetan los filtros de institución, no el de estado.
    respuesta = client.get(url, {"estado": "aprobado", "sector": "Desarrollo Social"})
    assert siglas(respuesta) == []
    conteos = {c["estado"].value: c["n"] for c in respuesta.context["conteos"]}
    assert conteos["enviado"] == 2 and conteos["aprobado"] == 0


def test_un_filtro_invalido_no_rompe_la_pagina(client, coordinacion, instituciones):
    plan_de(instituciones["SEFIN"])
    client.force_login(coordinacion)
    respuesta = client.get(
        reverse("planes:lista"), {"anio": "<script>", "estado": "x", "q": "sefin"}
    )
    assert respuesta.status_code == 200
    assert "<script>" not in respuesta.content.decode()
    assert respuesta.context["filtros"]["anio"] == ANIO
    assert siglas(respuesta) == ["SEFIN"]


def test_solo_la_version_vigente_de_cada_plan(client, coordinacion, responsable, dependencia):
    v1 = plan_de(dependencia, Estado.APROBADO)
    PlanFactory(unidad=dependencia.unidad, anio=ANIO, version=2, anterior=v1)
    client.force_login(coordinacion)
    planes = client.get(reverse("planes:lista")).context["planes"]
    assert [(p.unidad.dependencia.siglas, p.version) for p in planes] == [("PROPIA", 2)]


def test_instituciones_sin_plan(client, coordinacion, instituciones):
    plan_de(instituciones["SEFIN"])
    plan_de(instituciones["SEDESO"], anio=ANIO - 1)
    DependenciaFactory(siglas="EXTINTA", vigente=False)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("planes:lista"))
    assert [d.siglas for d in respuesta.context["sin_plan"]] == [
        "INJUZAC",
        "SEDESO",
        "SECAMPO",
    ]  # por nombre
    assert respuesta.context["total_sin_plan"] == 3
    respuesta = client.get(reverse("planes:lista"), {"sector": "Desarrollo Social"})
    assert [d.siglas for d in respuesta.context["sin_plan"]] == ["INJUZAC", "SEDESO"]


def test_la_lista_de_sin_plan_se_limita_y_dice_cuantas_son(client, coordinacion):
    DependenciaFactory.create_batch(55)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("planes:lista"))
    assert len(respuesta.context["sin_plan"]) == 50
    assert respuesta.context["total_sin_plan"] == 55
    assert "Se muestran 50 de 55" in respuesta.content.decode()


def test_una_responsable_ve_los_planes_de_su_institucion_de_todos_los_anios(
    client, responsable, dependencia, otra_dependencia
):
    plan_de(dependencia, Estado.APROBADO, anio=ANIO - 1)
    plan_de(dependencia, anio=ANIO)
    plan_de(otra_dependencia)
    client.force_login(responsable)
    respuesta = client.get(reverse("planes:lista"))
    assert [(p.unidad.dependencia.siglas, p.anio) for p in respuesta.context["planes"]] == [
        ("PROPIA", ANIO),
        ("PROPIA", ANIO - 1),
    ]
    html = respuesta.content.decode()
    assert "Planes de trabajo de mi institución" in html
    assert "Instituciones sin plan" not in html
    assert "Exportar" not in html


def test_una_consulta_con_todas_las_instituciones_ve_la_lista_global(client, instituciones):
    from django.contrib.auth.models import Permission

    auditora = UsuarioFactory(rol=Rol.CONSULTA)
    auditora.user_permissions.add(Permission.objects.get(codename="ver_todas_las_dependencias"))
    plan_de(instituciones["SEFIN"])
    client.force_login(auditora)
    respuesta = client.get(reverse("planes:lista"))
    assert respuesta.context["vista_global"]
    assert siglas(respuesta) == ["SEFIN"]
    assert client.get(reverse("planes:exportar_actividades")).status_code == 200


def test_la_lista_pagina_de_50_y_no_crece_en_consultas(client, coordinacion):
    client.force_login(coordinacion)
    for d in DependenciaFactory.create_batch(3):
        plan_de(d, actividades=2)
    client.get(reverse("planes:lista"))
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("planes:lista"))
    for d in DependenciaFactory.create_batch(60):
        plan_de(d, Estado.ENVIADO, actividades=2)
    DependenciaFactory.create_batch(5)
    with CaptureQueriesContext(connection) as muchas:
        respuesta = client.get(reverse("planes:lista"), {"page": 2})
    assert len(respuesta.context["planes"]) == 13
    assert respuesta.context["paginator"].count == 63
    assert len(muchas) == len(pocas) > 5


# --- Exportaciones -------------------------------------------------------------------------------


def hoja(respuesta):
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    libro = load_workbook(io.BytesIO(respuesta.content))
    filas = list(libro.active.iter_rows(values_only=True))
    return [dict(zip(filas[0], fila, strict=True)) for fila in filas[1:]]


def test_exportar_actividades_de_los_planes_filtrados(client, coordinacion, instituciones):
    plan = plan_de(instituciones["SEFIN"], Estado.APROBADO, actividades=0)
    ActividadFactory(plan=plan, descripcion="Taller de nuevas masculinidades")
    ActividadFactory(plan=plan, descripcion='=HYPERLINK("http://x")', meta_anual=Decimal("40"))
    plan_de(instituciones["INJUZAC"], Estado.ENVIADO, actividades=3)
    plan_de(instituciones["SEDESO"], anio=ANIO - 1)
    client.force_login(coordinacion)
    filas = hoja(client.get(reverse("planes:exportar_actividades")))
    assert len(filas) == 5
    assert [f["Siglas"] for f in filas] == ["INJUZAC"] * 3 + ["SEFIN"] * 2
    sefin = [f for f in filas if f["Siglas"] == "SEFIN"]
    assert [f["Núm."] for f in sefin] == [1, 2]
    primera = sefin[0]
    assert primera["Institución"] == "Secretaría de Finanzas"
    assert primera["Año"] == ANIO and primera["Versión"] == 1
    assert primera["Estado del plan"] == "Aprobado"
    assert primera["Actividad"] == "Taller de nuevas masculinidades"
    assert primera["Eje temático"] == "Cultura institucional con perspectiva de género"
    assert primera["Fórmula"] == "Personas capacitadas / personas programadas × 100"
    assert primera["Meta anual"] == 40 and primera["Meta T3"] == 10
    assert primera["Mes de inicio"] == "febrero" and primera["Mes de término"] == "noviembre"
    assert primera["Estrategia del PED 2022–2027"].startswith("2.10.2. ")
    assert primera["Atribución de la Coordinación"].startswith("VII. Brindar la capacitación")
    assert primera["PROIGUALDADEZ"] is None or primera["PROIGUALDADEZ"] == ""
    # Una celda que empieza con «=» sale como texto, no como fórmula.
    assert sefin[1]["Actividad"] == '\'=HYPERLINK("http://x")'

    filtradas = hoja(
        client.get(reverse("planes:exportar_actividades"), {"estado": "enviado", "q": "juv"})
    )
    assert {f["Siglas"] for f in filtradas} == {"INJUZAC"}


def test_exportar_actividades_lleva_el_presupuesto_y_la_propuesta(
    client, coordinacion, instituciones
):
    from diagnosticos.models import Propuesta
    from planes.models import ProgramaPresupuestario
    from tests.factories import RespuestaFactory

    plan = plan_de(instituciones["SEFIN"], Estado.APROBADO, actividades=0)
    programa = ProgramaPresupuestario.objects.create(anio=ANIO, clave="E045", nombre="Violencia")
    respuesta = RespuestaFactory(dependencia=instituciones["SEFIN"], estado="aceptada")
    propuesta = Propuesta.objects.create(
        respuesta=respuesta, dependencia=respuesta.dependencia, eje="violencia",
        texto="Designar personas consejeras.", estado="presentada", decision="adoptada",
    )  # fmt: skip
    ActividadFactory(
        plan=plan, programa=programa, monto_aprobado=Decimal("95000.50"),
        tipo_contribucion="mujeres", propuesta=propuesta,
    )  # fmt: skip
    ActividadFactory(plan=plan, programa_presupuestario="E001 texto de antes")
    client.force_login(coordinacion)
    con, sin = hoja(client.get(reverse("planes:exportar_actividades")))
    assert (con["Clave del Pp"], con["Programa presupuestario (Pp)"]) == ("E045", "Violencia")
    assert con["Monto aprobado (pesos)"] == Decimal("95000.50")
    assert con["Tipo de contribución"] == "Dirigido a mujeres"
    assert con["Propuesta del diagnóstico que adoptó"] == "Designar personas consejeras."
    assert sin["Programa presupuestario (Pp)"] == "E001 texto de antes"
    assert sin["Clave del Pp"] in (None, "") and sin["Monto aprobado (pesos)"] is None


def test_exportar_actividades_no_crece_en_consultas(client, coordinacion):
    client.force_login(coordinacion)
    plan_de(DependenciaFactory(), actividades=2)
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("planes:exportar_actividades"))
    for d in DependenciaFactory.create_batch(10):
        plan_de(d, actividades=4)
    with CaptureQueriesContext(connection) as muchas:
        filas = hoja(client.get(reverse("planes:exportar_actividades")))
    assert len(filas) == 42
    assert len(muchas) == len(pocas) > 5


def seguimiento(plan, trimestre, actividad, **campos):
    informe, _ = InformeTrimestral.objects.get_or_create(plan=plan, trimestre=trimestre)
    return Seguimiento.objects.create(informe=informe, actividad=actividad, **campos)


def test_exportar_seguimiento(client, coordinacion, instituciones):
    plan = plan_de(instituciones["SEFIN"], Estado.APROBADO, actividades=0)
    taller = ActividadFactory(plan=plan, descripcion="Taller de igualdad", meta_t2=Decimal("12"),
                              meta_t4=Decimal("8"))  # fmt: skip
    seguimiento(plan, 1, taller, valor_alcanzado=Decimal("5"), estado="en_proceso",
                narrativa="Se impartieron dos talleres.", comentario_coordinacion="Bien.")  # fmt: skip
    seguimiento(plan, 2, taller, valor_alcanzado=Decimal("12"), estado="concluida",
                narrativa="@SUMA(A1)", monto_ejercido=Decimal("12500"))  # fmt: skip
    otro = plan_de(instituciones["INJUZAC"], Estado.APROBADO)
    seguimiento(otro, 1, otro.actividades.get())
    client.force_login(coordinacion)
    filas = hoja(client.get(reverse("planes:exportar_seguimiento"), {"q": "SEFIN"}))
    assert len(filas) == 2
    t1, t2 = filas
    assert t1["Institución"] == "Secretaría de Finanzas" and t1["Año"] == ANIO
    assert t1["Actividad"] == "Taller de igualdad"
    assert t1["Trimestre"] == "Primer trimestre"
    assert t1["Meta del trimestre"] == 10 and t1["Valor alcanzado"] == 5
    assert t1["Cumplimiento del trimestre (%)"] == 50
    assert t1["Estado"] == "En proceso"
    assert t1["Qué se hizo"] == "Se impartieron dos talleres."
    assert t1["Comentario de la Coordinación"] == "Bien."
    assert t2["Trimestre"] == "Segundo trimestre" and t2["Meta del trimestre"] == 12
    assert t2["Qué se hizo"] == "'@SUMA(A1)"
    assert t2["Monto ejercido en el trimestre (pesos)"] == 12500
    assert t1["Monto ejercido en el trimestre (pesos)"] is None
    assert len(hoja(client.get(reverse("planes:exportar_seguimiento")))) == 3


def test_exportar_seguimiento_no_crece_en_consultas(client, coordinacion):
    client.force_login(coordinacion)
    plan = plan_de(DependenciaFactory(), Estado.APROBADO)
    seguimiento(plan, 1, plan.actividades.get())
    with CaptureQueriesContext(connection) as pocas:
        client.get(reverse("planes:exportar_seguimiento"))
    for d in DependenciaFactory.create_batch(5):
        plan = plan_de(d, Estado.APROBADO, actividades=3)
        for actividad in plan.actividades.all():
            for trimestre in (1, 2):
                seguimiento(plan, trimestre, actividad)
    with CaptureQueriesContext(connection) as muchas:
        assert len(hoja(client.get(reverse("planes:exportar_seguimiento")))) == 31
    assert len(muchas) == len(pocas) > 5


def test_la_lista_muestra_los_informes_trimestrales_atrasados(client, coordinacion, dependencia):
    from tests.factories import ActividadFactory, PlanFactory

    plan = PlanFactory(unidad=dependencia.unidad, anio=2025, estado="aprobado")
    ActividadFactory(plan=plan)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("planes:lista"), {"anio": 2025})
    html = respuesta.content.decode()
    assert "Informes trimestrales atrasados 2025" in html
    assert len(respuesta.context["atrasados"]) == 4  # ningún trimestre de 2025 se entregó
    assert "Cuarto trimestre" in html and "PROPIA" in html
