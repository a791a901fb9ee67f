"""El presupuesto para la igualdad (atribución VIII): catálogo de programas presupuestarios,
montos en las actividades del plan y en el seguimiento trimestral, y las sumas del año."""

import io
import json
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from planes import presupuesto as cuentas
from planes.diferencias import instantanea
from planes.forms.presupuesto import leer_monto
from planes.models import (
    Actividad,
    Alineacion,
    InformeTrimestral,
    MejoraPrograma,
    PlanTrabajo,
    ProgramaPresupuestario,
    Seguimiento,
)
from planes.services_editor import plan_crear
from tests.factories import ActividadFactory, DependenciaFactory, PlanFactory
from tests.planes.test_editor import catalogo_de_alineacion, guardar  # noqa: F401
from tests.planes.test_plan_pdf import paginas

pytestmark = pytest.mark.django_db

AUTOGUARDADO = {"HTTP_X_AUTOGUARDADO": "1"}
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def mensajes(respuesta):
    return " | ".join(str(m) for m in get_messages(respuesta.wsgi_request))


def programa(clave, nombre, anio=2026, **campos):
    return ProgramaPresupuestario.objects.create(anio=anio, clave=clave, nombre=nombre, **campos)


def ped(*claves):
    return list(Alineacion.objects.filter(tipo="ped", clave__in=claves))


def aprobado(dependencia, anio=2026, **campos):
    return PlanFactory(unidad=dependencia.unidad, anio=anio, estado="aprobado", **campos)


def informe(plan, trimestre, montos, estado="enviado"):
    """Un informe con el monto ejercido de cada actividad ({actividad: monto})."""
    creado = InformeTrimestral.objects.create(
        plan=plan,
        trimestre=trimestre,
        estado=estado,
        enviado_en=timezone.now() if estado == "enviado" else None,
    )
    for actividad, monto in montos.items():
        Seguimiento.objects.create(
            informe=creado,
            actividad=actividad,
            estado="en_proceso",
            valor_alcanzado=Decimal(5),
            monto_ejercido=Decimal(monto),
        )
    return creado


@pytest.fixture
def programas(db):
    return {
        "E045": programa("E045", "Desarrollo del personal", unidad_responsable="Administración"),
        "S010": programa("S010", "Igualdad sustantiva", unidad_responsable="Instituto de la Mujer"),
        "K3511": programa("K3511", "Lactarios", unidad_responsable="Obras Públicas"),
        "E045-2025": programa("E045", "Desarrollo del personal", anio=2025),
    }


@pytest.fixture
def datos(dependencia, otra_dependencia, programas):
    """Tres instituciones con plan aprobado en 2026, una con un borrador y una modificación sin
    aprobar, montos aprobados y ejercidos conocidos."""
    tercera = DependenciaFactory(siglas="TER", nombre="Instituto Tercero")
    cuarta = DependenciaFactory(siglas="CUA", nombre="Consejo Cuarto")
    e045, s010, k3511 = programas["E045"], programas["S010"], programas["K3511"]

    propio = aprobado(dependencia)
    a1 = ActividadFactory(plan=propio, programa=e045, monto_aprobado=Decimal("100000"),
                          tipo_contribucion="mujeres", eje="cultura")  # fmt: skip
    a1.alineaciones.add(*ped("2.10.5"))  # con 2.10.2: dos estrategias
    a2 = ActividadFactory(plan=propio, programa=s010, monto_aprobado=Decimal("50000"),
                          tipo_contribucion="afirmativa", eje="violencia")  # fmt: skip
    ActividadFactory(plan=propio)  # sin presupuesto
    informe(propio, 1, {a1: "25000", a2: "10000"})
    informe(propio, 2, {a1: "5000"}, estado="borrador")  # no enviado: no cuenta

    ajeno = aprobado(otra_dependencia)
    b1 = ActividadFactory(plan=ajeno, programa=e045, monto_aprobado=Decimal("200000.50"),
                          tipo_contribucion="operacion", eje="igualdad")  # fmt: skip
    informe(ajeno, 1, {b1: "50000.25"})
    informe(ajeno, 2, {b1: "20000"})

    v1 = aprobado(tercera)
    ActividadFactory(plan=v1, programa=k3511, monto_aprobado=Decimal("30000"),
                     tipo_contribucion="universal", eje="cultura", alineado=False)  # fmt: skip
    v2 = PlanFactory(unidad=tercera.unidad, anio=2026, version=2, anterior=v1)  # en captura
    ActividadFactory(plan=v2, programa=k3511, monto_aprobado=Decimal("77777"))

    borrador = PlanFactory(unidad=cuarta.unidad, anio=2026)
    ActividadFactory(plan=borrador, programa=e045, monto_aprobado=Decimal("999999"))
    return {"propio": propio, "ajeno": ajeno, "a1": a1, "b1": b1, "tercera": tercera}


# --- Las sumas ------------------------------------------------------------------------------


def montos(renglon):
    return (renglon.aprobado, renglon.ejercido, renglon.porcentaje, renglon.actividades)


def test_totales_del_anio_con_datos_conocidos(datos):
    p = cuentas.presupuesto_del_anio(2026)
    assert montos(p.total) == (Decimal("380000.50"), Decimal("105000.25"), Decimal("27.6"), 4)
    assert p.planes_aprobados == 3 and p.planes_con_presupuesto == 3

    assert [(r.etiqueta, *montos(r)) for r in p.por_institucion] == [
        ("Instituto Tercero", Decimal("30000"), Decimal(0), Decimal("0.0"), 1),
        ("Secretaría Ajena", Decimal("200000.50"), Decimal("70000.25"), Decimal("35.0"), 1),
        ("Secretaría Propia", Decimal("150000"), Decimal("35000"), Decimal("23.3"), 2),
    ]
    assert [(r.detalle["clave"], r.detalle["unidad_responsable"], *montos(r))
            for r in p.por_programa] == [
        ("E045", "Administración", Decimal("300000.50"), Decimal("95000.25"), Decimal("31.7"), 2),
        ("K3511", "Obras Públicas", Decimal("30000"), Decimal(0), Decimal("0.0"), 1),
        ("S010", "Instituto de la Mujer", Decimal("50000"), Decimal("10000"), Decimal("20.0"), 1),
    ]  # fmt: skip
    assert p.por_programa[0].detalle["modalidad"] == "Prestación de servicios públicos"
    # La actividad alineada con dos estrategias cuenta completa en las dos.
    assert [(r.clave, r.aprobado, r.ejercido) for r in p.por_estrategia] == [
        ("2.10.2", Decimal("350000.50"), Decimal("105000.25")),
        ("2.10.5", Decimal("100000"), Decimal("25000")),
        (None, Decimal("30000"), Decimal(0)),
    ]
    assert p.en_varias_estrategias == 1
    assert [(r.clave, r.aprobado) for r in p.por_eje] == [
        ("igualdad", Decimal("200000.50")),
        ("violencia", Decimal("50000")),
        ("cultura", Decimal("130000")),
    ]
    assert [(r.clave, r.aprobado) for r in p.por_contribucion] == [
        ("mujeres", Decimal("100000")),
        ("afirmativa", Decimal("50000")),
        ("operacion", Decimal("200000.50")),
        ("universal", Decimal("30000")),
    ]


def test_la_modificacion_aprobada_sustituye_a_la_version_anterior(datos):
    tercera = datos["tercera"]
    v2 = PlanTrabajo.objects.get(unidad=tercera.unidad, version=2)
    v2.estado = "aprobado"
    v2.save()
    p = cuentas.presupuesto_del_anio(2026)
    assert [r.aprobado for r in p.por_institucion if r.etiqueta == "Instituto Tercero"] == [
        Decimal("77777")
    ]
    assert p.planes_aprobados == 3


def test_otro_anio_no_tiene_nada(datos):
    p = cuentas.presupuesto_del_anio(2025)
    assert p.vacio and p.total.aprobado == 0 and p.total.porcentaje is None


def test_la_pagina_del_presupuesto(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(reverse("planes:presupuesto"), {"anio": 2026})
    html = r.content.decode()
    assert r.status_code == 200
    for texto in (
        "Presupuesto para la igualdad 2026",
        "$380,000.50",
        "$105,000.25",
        "27.6",
        "en 3 de 3 planes aprobados",
        "Secretaría Ajena",
        "Desarrollo del personal",
        "cuenta completa en cada una",
        "1 actividad está en más de una estrategia",
        "Sin estrategia del PED",
        "Dirigido a mujeres",
    ):
        assert texto in html, texto
    assert "999,999" not in html and "77,777" not in html
    assert reverse("planes:presupuesto_xlsx") + "?anio=2026" in html


def test_un_anio_invalido_muestra_el_mas_reciente_con_datos(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(reverse("planes:presupuesto"), {"anio": "dos mil"})
    assert r.status_code == 200 and r.context["anio"] in (2025, 2026)
    assert r.context["anios"] == [2026, 2025]


def test_consultas_del_presupuesto_no_crecen(client, coordinacion, dependencia, programas):
    client.force_login(coordinacion)
    url = reverse("planes:presupuesto") + "?anio=2026"
    plan = aprobado(dependencia)
    a = ActividadFactory(plan=plan, programa=programas["E045"], monto_aprobado=Decimal(10))
    informe(plan, 1, {a: "5"})
    client.get(url)
    with CaptureQueriesContext(connection) as una:
        assert client.get(url).status_code == 200
    for n in range(8):
        otra = DependenciaFactory()
        plan = aprobado(otra)
        for clave in ("E045", "S010"):
            a = ActividadFactory(plan=plan, programa=programas[clave], monto_aprobado=Decimal(n))
            a.alineaciones.add(*ped("2.10.3"))
            informe(plan, 1, {a: "1"}) if clave == "E045" else None
    with CaptureQueriesContext(connection) as muchas:
        r = client.get(url)
    assert r.status_code == 200 and r.context["presupuesto"].total.actividades == 17
    assert len(muchas) == len(una), [q["sql"] for q in muchas.captured_queries]


# --- XLSX -----------------------------------------------------------------------------------


def test_el_xlsx_del_presupuesto_se_lee_con_openpyxl(client, coordinacion, datos):
    datos["tercera"].nombre = "=HIPERVINCULO(1) Instituto"
    datos["tercera"].save()
    client.force_login(coordinacion)
    r = client.get(reverse("planes:presupuesto_xlsx"), {"anio": 2026})
    assert r.status_code == 200 and r["Content-Type"] == TIPO_XLSX
    assert "presupuesto-igualdad-2026.xlsx" in r["Content-Disposition"]
    libro = load_workbook(io.BytesIO(r.content))
    assert libro.sheetnames == [
        "Por institución",
        "Por programa",
        "Por estrategia del PED",
        "Por eje",
        "Por tipo de contribución",
        "Actividades",
    ]
    filas = list(libro["Por institución"].iter_rows(values_only=True))
    assert filas[0] == ("Institución", "Siglas", "Actividades", "Aprobado (pesos)",
                        "Ejercido (pesos)", "% ejercido")  # fmt: skip
    # El texto que empieza con «=» va escapado: no es una fórmula.
    assert filas[1] == ("'=HIPERVINCULO(1) Instituto", "TER", 1, 30000, 0, 0)
    assert filas[3] == ("Secretaría Propia", "PROPIA", 2, 150000, 35000, 23.3)
    assert filas[-1] == ("Total", None, 4, 380000.5, 105000.25, 27.6)
    programas_ = list(libro["Por programa"].iter_rows(values_only=True))
    assert programas_[1][:4] == ("E045", "Desarrollo del personal", "Administración",
                                 "Prestación de servicios públicos")  # fmt: skip
    assert programas_[1][4:] == (2, 300000.5, 95000.25, 31.7)
    estrategias = list(libro["Por estrategia del PED"].iter_rows(values_only=True))
    assert [f[0] for f in estrategias[1:]] == ["2.10.2", "2.10.5", None]
    assert estrategias[-1][1] == "Sin estrategia del PED"
    actividades = list(libro["Actividades"].iter_rows(values_only=True))
    assert len(actividades) == 5
    fila_a1 = next(f for f in actividades if f[3] == datos["a1"].descripcion)
    assert fila_a1[8] == "2.10.2; 2.10.5"
    assert fila_a1[9:] == (100000, 25000, None, None, None, 25000, 25)


# --- Montos: una sola forma de leerlos -------------------------------------------------------


@pytest.mark.parametrize(
    "texto,valor",
    [
        ("1,000", Decimal("1000")),
        ("1000.50", Decimal("1000.50")),
        ("$ 1,234,567.8", Decimal("1234567.8")),
        (" 15000 ", Decimal("15000")),
        ("", None),
    ],
)
def test_montos_que_se_aceptan(texto, valor):
    assert leer_monto(texto) == valor


@pytest.mark.parametrize(
    "texto,mensaje",
    [
        ("-5", "no puede ser negativo"),
        ("mil pesos", "solo con números"),
        ("12a", "solo con números"),
        ("1,5", "la coma solo para separar miles"),
        ("10.555", "dos decimales"),
    ],
)
def test_montos_que_se_rechazan_en_espanol(texto, mensaje):
    with pytest.raises(ValidationError) as error:
        leer_monto(texto)
    assert mensaje in error.value.messages[0]


def test_el_filtro_pesos():
    from uig_portal.templatetags.cifras import pesos

    assert pesos(Decimal("1234567.5")) == "$1,234,567.50"
    assert pesos(0) == "$0.00"
    assert pesos(None) == "—"


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


# --- Catálogo -------------------------------------------------------------------------------


def test_alta_normaliza_la_clave(client, coordinacion):
    client.force_login(coordinacion)
    r = client.post(
        reverse("planes:programa_nuevo"),
        {
            "anio": "2026",
            "clave": " e-045 ",
            "nombre": "  Desarrollo   del personal ",
            "unidad_responsable": "",
        },
    )
    creado = ProgramaPresupuestario.objects.get()
    assert r.status_code == 302 and r.url == creado.get_absolute_url()
    assert (creado.clave, creado.nombre, creado.activo) == ("E045", "Desarrollo del personal", True)


@pytest.mark.parametrize(
    "datos,mensaje",
    [
        ({"clave": "45E"}, "Escriba la clave como la letra de la modalidad"),
        ({"anio": "1999"}, "2020"),
        ({"clave": "E045", "anio": "2026"}, "Ya hay un programa con esa clave en ese ejercicio."),
    ],
)
def test_alta_rechaza_en_espanol(client, coordinacion, programas, datos, mensaje):
    client.force_login(coordinacion)
    antes = ProgramaPresupuestario.objects.count()
    r = client.post(
        reverse("planes:programa_nuevo"),
        {"anio": "2027", "clave": "E100", "nombre": "Nuevo", **datos},
    )
    assert r.status_code == 200 and mensaje in r.content.decode()
    assert ProgramaPresupuestario.objects.count() == antes


def test_edicion_con_una_pagina_vieja_no_pisa(client, coordinacion, programas):
    e045 = programas["E045"]
    client.force_login(coordinacion)
    url = reverse("planes:programa_editar", args=[e045.pk])
    marca = client.get(url).context["form"]["marca"].value()
    datos = {"anio": "2026", "clave": "E045", "nombre": "Primer cambio", "marca": marca}
    assert client.post(url, datos).status_code == 302
    r = client.post(url, {**datos, "nombre": "Segundo cambio"})  # con la marca vieja
    assert r.status_code == 200 and "recargue para verlos" in r.content.decode()
    e045.refresh_from_db()
    assert e045.nombre == "Primer cambio"


def test_no_cambia_el_ejercicio_de_un_programa_en_uso(client, coordinacion, programas):
    e045 = programas["E045"]
    ActividadFactory(plan=aprobado(DependenciaFactory()), programa=e045)
    client.force_login(coordinacion)
    url = reverse("planes:programa_editar", args=[e045.pk])
    marca = client.get(url).context["form"]["marca"].value()
    r = client.post(url, {"anio": "2027", "clave": "E045", "nombre": "X", "marca": marca})
    assert r.status_code == 200
    assert "Actividades de planes de 2026 ya usan este programa" in r.content.decode()
    e045.refresh_from_db()
    assert (e045.anio, e045.nombre) == (2026, "Desarrollo del personal")


def test_desactivar_y_reactivar(client, coordinacion, programas):
    e045 = programas["E045"]
    client.force_login(coordinacion)
    r = client.post(reverse("planes:programa_desactivar", args=[e045.pk]))
    assert r.status_code == 302 and "quedó inactivo" in mensajes(r)
    e045.refresh_from_db()
    assert not e045.activo
    r = client.post(reverse("planes:programa_reactivar", args=[e045.pk]))
    e045.refresh_from_db()
    assert e045.activo and "está activo otra vez" in mensajes(r)


def test_la_lista_filtra_y_busca(client, responsable, programas):
    client.force_login(responsable)
    r = client.get(reverse("planes:programa_lista"), {"anio": "2026", "q": "igualdad"})
    assert [p.clave for p in r.context["programas"]] == ["S010"]
    r = client.get(reverse("planes:programa_lista"), {"q": "e 045"})
    assert [(p.clave, p.anio) for p in r.context["programas"]] == [("E045", 2026), ("E045", 2025)]
    html = r.content.decode()
    # La persona responsable consulta el catálogo, pero no lo cambia.
    assert reverse("planes:programa_nuevo") not in html
    assert reverse("planes:programa_importar") not in html


def test_consultas_de_la_lista_no_crecen(client, coordinacion):
    client.force_login(coordinacion)
    url = reverse("planes:programa_lista")
    programa("E001", "Uno")
    client.get(url)
    with CaptureQueriesContext(connection) as uno:
        assert client.get(url).status_code == 200
    for n in range(2, 40):
        programa(f"E{n:03d}", f"Programa {n}", anio=2025 + n % 2)
    with CaptureQueriesContext(connection) as muchos:
        r = client.get(url)
    assert r.status_code == 200 and len(r.context["programas"]) == 39
    assert len(muchos) == len(uno), [q["sql"] for q in muchos.captured_queries]


def test_el_detalle_del_programa(client, coordinacion, responsable, datos, programas):
    client.force_login(coordinacion)
    r = client.get(programas["E045"].get_absolute_url())
    html = r.content.decode()
    assert r.status_code == 200
    assert "Prestación de servicios públicos" in html and "Administración" in html
    assert [a.siglas for a in r.context["uso"].aprobadas] == ["AJENA", "PROPIA"]
    assert montos(r.context["uso"].total)[:2] == (
        Decimal("200000.50") + 100000,
        Decimal("95000.25"),
    )
    # El borrador de otra institución aparece aparte: todavía no cuenta.
    assert [a.plan.unidad.dependencia.siglas for a in r.context["uso"].en_proceso] == ["CUA"]
    assert "Propuestas para mejorar sus indicadores" in html
    # La persona responsable solo ve lo de su institución y no las propuestas de mejora.
    client.force_login(responsable)
    r = client.get(programas["E045"].get_absolute_url())
    assert [a.siglas for a in r.context["uso"].aprobadas] == ["PROPIA"]
    assert "Propuestas para mejorar sus indicadores" not in r.content.decode()


def test_propuestas_de_mejora_agregar_y_eliminar(client, coordinacion, programas):
    e045 = programas["E045"]
    client.force_login(coordinacion)
    url = reverse("planes:programa_mejora_agregar", args=[e045.pk])
    r = client.post(url, {"sugerencia": "0", "texto": ""})
    assert r.status_code == 302 and r.url.endswith("#mejoras")
    r = client.post(url, {"texto": "Agregar un indicador de brecha salarial."})
    assert [m.texto for m in e045.mejoras.all()] == [
        "Desagregar por sexo la población objetivo y la población atendida del programa.",
        "Agregar un indicador de brecha salarial.",
    ]
    # Vacía: error en español y nada guardado.
    r = client.post(url, {"texto": "  "})
    assert r.status_code == 200
    assert "Escriba la propuesta de mejora o elija una de la lista." in r.content.decode()
    assert e045.mejoras.count() == 2
    mejora = e045.mejoras.first()
    eliminar = reverse("planes:programa_mejora_eliminar", args=[e045.pk, mejora.pk])
    assert client.get(eliminar).status_code == 405
    assert client.post(eliminar).status_code == 302
    assert e045.mejoras.count() == 1
    # Con otro programa en la URL no se encuentra.
    otra = e045.mejoras.get()
    r = client.post(
        reverse("planes:programa_mejora_eliminar", args=[programas["S010"].pk, otra.pk])
    )
    assert r.status_code == 404 and MejoraPrograma.objects.count() == 1


# --- Importación desde Excel -----------------------------------------------------------------


def libro(filas, encabezados=("ejercicio", "clave", "nombre", "unidad responsable")):
    hoja_libro = Workbook()
    hoja = hoja_libro.active
    hoja.append(list(encabezados))
    for fila in filas:
        hoja.append(list(fila))
    salida = io.BytesIO()
    hoja_libro.save(salida)
    return SimpleUploadedFile("programas.xlsx", salida.getvalue(), content_type=TIPO_XLSX)


def test_importar_crea_y_actualiza_con_vista_previa(client, coordinacion, programas):
    client.force_login(coordinacion)
    archivo = libro(
        [
            (2026, "e-045", "Desarrollo del personal (nuevo nombre)", "Administración"),
            (2026, "S010", "Igualdad sustantiva", "Instituto de la Mujer"),  # igual
            (2027, "F020", "Fomento a la igualdad", "Secretaría de las Mujeres"),
            ("2027", "K3512", "Centros de cuidado", None),
        ]
    )
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    assert r.status_code == 200
    revision = r.context["revision"]
    assert (len(revision.nuevas), len(revision.actualizadas), len(revision.sin_cambios)) == (
        2,
        1,
        1,
    )
    assert ProgramaPresupuestario.objects.filter(anio=2027).count() == 0  # nada todavía
    html = r.content.decode()
    assert "Desarrollo del personal (nuevo nombre)" in html and "Confirmar e importar" in html

    confirmar = reverse("planes:programa_importar_confirmar")
    r = client.post(confirmar, {"clave": r.context["clave"]})
    assert r.status_code == 302
    assert "Programas nuevos: 2. Actualizados: 1. Sin cambios: 1." in mensajes(r)
    e045 = ProgramaPresupuestario.objects.get(anio=2026, clave="E045")
    assert (
        e045.pk == programas["E045"].pk and e045.nombre == "Desarrollo del personal (nuevo nombre)"
    )
    nuevo = ProgramaPresupuestario.objects.get(anio=2027, clave="F020")
    assert (nuevo.activo, nuevo.unidad_responsable) == (True, "Secretaría de las Mujeres")
    assert nuevo.history.first().history_user == coordinacion
    # Una segunda confirmación (doble clic) no vuelve a importar.
    r = client.post(confirmar, {"clave": "0" * 32})
    assert "no se volvió a aplicar" in mensajes(r)
    assert ProgramaPresupuestario.objects.count() == 6


def test_importar_con_errores_no_guarda_nada(client, coordinacion, programas):
    client.force_login(coordinacion)
    archivo = libro(
        [
            (2026, "E500", "Bien", ""),
            ("20x6", "E501", "Año mal", ""),
            (2026, "45E", "Clave mal", ""),
            (2026, "E502", None, ""),
            (2026, "E500", "Repetido", ""),
            (2026, "E503", "=SUMA(A1)", ""),
        ]
    )
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    html = r.content.decode()
    assert r.status_code == 200
    for error in (
        "tiene 5 errores en 5 filas",
        "Fila 3, columna ejercicio: &quot;20x6&quot; no es un ejercicio válido",
        "Fila 4, columna clave: &quot;45E&quot; no es una clave de programa válida",
        "Fila 5, columna nombre: está vacía y es obligatoria.",
        "Fila 6, columna clave: el programa E500 de 2026 ya aparece en la fila 2.",
        "Fila 7, columna nombre: no se aceptan fórmulas",
        "No se guardó nada.",
    ):
        assert error in html, error
    assert ProgramaPresupuestario.objects.count() == 4
    assert "importacion_programas" not in client.session


@pytest.mark.parametrize(
    "archivo,mensaje",
    [
        (SimpleUploadedFile("p.csv", b"ejercicio,clave\n2026,E045\n"), "no es un libro de Excel"),
        (SimpleUploadedFile("p.xlsx", b"%PDF-1.4 nada"), "parece un PDF"),
    ],
)
def test_importar_rechaza_lo_que_no_es_xlsx(client, coordinacion, archivo, mensaje):
    client.force_login(coordinacion)
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    assert r.status_code == 200 and mensaje in r.content.decode()


def test_importar_sin_columnas_obligatorias(client, coordinacion):
    client.force_login(coordinacion)
    archivo = libro([("E045", "Algo")], encabezados=("clave", "nombre"))
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    assert "faltan las columnas obligatorias «ejercicio»" in r.content.decode()


def test_la_exportacion_del_catalogo_se_vuelve_a_importar_sin_cambios(
    client, coordinacion, programas
):
    client.force_login(coordinacion)
    r = client.get(reverse("planes:programa_exportar"), {"anio": 2026})
    filas = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert filas[0] == ("ejercicio", "clave", "nombre", "unidad responsable", "activo", "modalidad")
    assert len(filas) == 4
    archivo = SimpleUploadedFile("programas.xlsx", r.content, content_type=TIPO_XLSX)
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    revision = r.context["revision"]
    assert len(revision.sin_cambios) == 3 and not revision.hay_cambios
    assert "No hay nada que importar" in r.content.decode()


def test_actividad_sin_programa_ni_monto_no_cuenta(datos):
    assert not Actividad.objects.filter(programa__isnull=True, monto_aprobado__isnull=False)
    assert cuentas.presupuesto_del_anio(2026).total.actividades == 4
