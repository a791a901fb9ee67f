"""El PDF del plan: el oficial se guarda al aprobar; la vista previa lleva marca de borrador."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from planes import services
from planes.models import PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory

pytestmark = pytest.mark.django_db


def paginas(contenido):
    """El texto de cada página, con los espacios y saltos de línea normalizados."""
    lector = PdfReader(io.BytesIO(contenido))
    return lector, [" ".join(p.extract_text().split()) for p in lector.pages]


def plan_con(dependencia, n, **campos):
    plan = PlanFactory(unidad=dependencia.unidad, **campos)
    for i in range(1, n + 1):
        ActividadFactory(
            plan=plan,
            descripcion=f"Actividad de prueba número {i:02d} con lenguaje incluyente",
            medio_verificacion="Listas de asistencia y constancias firmadas",
        )
    return plan


def aprobar(plan, usuario):
    plan.estado = PlanTrabajo.Estado.ENVIADO
    plan.enviado_en = timezone.now()
    plan.save()
    return services.plan_aprobar(plan=plan, usuario=usuario)


def test_el_pdf_oficial_tiene_todo_el_plan_y_repite_el_encabezado(coordinacion, dependencia):
    dependencia.titular = "Mtra. Elena Robles Díaz"
    dependencia.save()
    plan = aprobar(plan_con(dependencia, 30), coordinacion)
    with plan.pdf_oficial.open("rb") as archivo:
        lector, texto = paginas(archivo.read())
    todo = " ".join(texto)
    assert len(texto) >= 3
    caja = lector.pages[0].mediabox
    assert (round(float(caja.width)), round(float(caja.height))) == (792, 612)  # carta horizontal
    for esperado in [
        "GOBIERNO DEL ESTADO DE ZACATECAS",
        "Secretaría Propia",
        "Unidad de Igualdad de Género",
        "Plan de trabajo 2026",
        "Versión original",
        "Itzel Ramírez Núñez",
        "Mtra. Elena Robles Díaz",
        "Promover una cultura institucional incluyente y libre de violencia.",
        "Estrategia del PED 2022–2027",
        "Personas capacitadas / personas programadas × 100",
        "Titular de la Unidad de Igualdad de Género",
        "Titular de la institución (PROPIA)",
        f"Plan aprobado por la Coordinación de Unidades de Igualdad de Género de la Secretaría "
        f"de las Mujeres el {timezone.localtime(plan.aprobado_en):%d/%m/%Y}",
    ]:
        assert esperado in todo, esperado
    for i in range(1, 31):
        assert f"Actividad de prueba número {i:02d} con lenguaje incluyente" in todo, i
    assert "BORRADOR" not in todo
    for numero, pagina in enumerate(texto, start=1):
        assert f"Página {numero} de {len(texto)}" in pagina
        assert f"Aprobado el {timezone.localtime(plan.aprobado_en):%d/%m/%Y}" in pagina
        if numero >= 2:
            # El título corrido va en cada página después de la primera, y el encabezado de la
            # tabla en cada página que tiene actividades.
            assert "PROPIA · Plan de trabajo 2026 · versión 1" in pagina, numero
            if "Actividad de prueba número" in pagina:
                assert "Medio de verificación" in pagina, numero
                assert "Línea base" in pagina, numero
    assert "Actividad de prueba número" in texto[1] and "Actividad de prueba número" in texto[2]


def test_la_vista_previa_lleva_marca_de_borrador_en_cada_pagina(client, responsable, dependencia):
    plan = plan_con(dependencia, 12)
    client.force_login(responsable)
    respuesta = client.get(reverse("planes:pdf", args=[plan.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert "plan-propia-2026-v1-borrador.pdf" in respuesta["Content-Disposition"]
    _lector, texto = paginas(respuesta.content)
    assert len(texto) >= 2
    assert "BORRADOR — sin validez oficial" in texto[0]
    for pagina in texto:
        assert "BORRADOR — sin validez oficial" in pagina
    plan.refresh_from_db()
    assert not plan.pdf_oficial  # la vista previa no se guarda


def test_la_modificacion_lleva_su_numero_y_motivo(coordinacion, responsable, dependencia):
    v1 = aprobar(plan_con(dependencia, 2), coordinacion)
    v2 = services.plan_modificar(
        plan=v1, usuario=responsable, motivo="Reducción del presupuesto estatal"
    )
    v2 = aprobar(v2, coordinacion)
    with v2.pdf_oficial.open("rb") as archivo:
        _lector, texto = paginas(archivo.read())
    todo = " ".join(texto)
    assert "Modificación 1 (versión 2)" in todo
    assert "Motivo de la modificación: Reducción del presupuesto estatal" in todo
    assert v2.pdf_oficial.name != v1.pdf_oficial.name


def test_un_nombre_con_comillas_o_etiquetas_no_rompe_el_pdf(coordinacion, dependencia):
    dependencia.nombre = 'Instituto "La Esperanza" </style><b>&</b>'
    dependencia.siglas = 'IE"</style>'
    dependencia.save()
    plan = aprobar(plan_con(dependencia, 15), coordinacion)
    assert plan.pdf_oficial.name.startswith("planes/plan-iestyle-2026-v1")
    with plan.pdf_oficial.open("rb") as archivo:
        _lector, texto = paginas(archivo.read())
    assert 'Instituto "La Esperanza" </style><b>&</b>' in texto[0]
    assert 'IE"</style> · Plan de trabajo 2026 · versión 1' in texto[1]


def test_una_fila_mas_alta_que_la_pagina_se_parte_sin_perder_el_encabezado(
    client, responsable, dependencia
):
    plan = plan_con(dependencia, 1)
    ActividadFactory(
        plan=plan,
        descripcion="Actividad con un resultado larguísimo",
        resultado_esperado="Un resultado descrito con mucho detalle. " * 80 + "FINDELRESULTADO",
    )
    ActividadFactory(plan=plan, descripcion="Actividad posterior a la larga")
    client.force_login(responsable)
    _lector, texto = paginas(client.get(reverse("planes:pdf", args=[plan.pk])).content)
    todo = " ".join(texto)
    assert len(texto) >= 3
    assert "FINDELRESULTADO" in todo
    assert "Actividad posterior a la larga" in todo
    for numero, pagina in enumerate(texto[1:], start=2):
        assert "Medio de verificación" in pagina, numero
