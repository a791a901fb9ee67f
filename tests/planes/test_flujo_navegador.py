"""En Chromium, el ciclo completo de un plan: la responsable lo arma con tres actividades (la
página se recarga a medio camino y nada se pierde), lo envía; la Coordinación lo devuelve con
una observación; la responsable corrige y reenvía; la Coordinación lo aprueba y el PDF oficial
se descarga."""

import re
from io import BytesIO

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.navegador.conftest import llenar_acceso
from tests.planes.test_editor import catalogo_de_alineacion  # noqa: F401

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

TEXTOS = {
    "Área de oportunidad": "Poco personal capacitado en igualdad sustantiva",
    "Objetivo": "Sensibilizar al personal",
    "Estrategia": "Capacitación continua",
    "Línea de acción": "Talleres de igualdad",
    "Actividad": "Impartir cuatro talleres de igualdad sustantiva",
    "Nombre del indicador": "Personas capacitadas",
    "Fórmula del indicador": "Personas capacitadas / programadas × 100",
    "Unidad de medida": "Personas",
    "Línea base": "0",
    "Meta anual": "40",
    "Trimestre 1": "10",
    "Trimestre 2": "10",
    "Trimestre 3": "10",
    "Trimestre 4": "10",
    "Medio de verificación": "Listas de asistencia",
    "Área responsable": "Unidad de Igualdad de Género",
    "Recursos (humanos, materiales, presupuesto)": "Personal de la unidad",
    "Resultado esperado": "Personal sensibilizado",
}


def entrar(page, live_server, usuario):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")


def salir(page):
    page.get_by_role("button", name="Cerrar sesión").click()


def abrir(tarjeta):
    if not tarjeta.get_by_label("Actividad", exact=True).is_visible():
        tarjeta.locator("summary").first.click()


def test_plan_de_punta_a_punta(page: Page, live_server, responsable, coordinacion, dependencia):
    anio = timezone.localdate().year
    entrar(page, live_server, responsable)
    page.goto(f"{live_server.url}/planes/nuevo/")
    page.get_by_label("Año del plan").select_option(str(anio))
    page.get_by_role("button", name="Crear el plan").click()
    expect(page.get_by_text(f"Se creó el plan de trabajo {anio} en borrador.")).to_be_visible()
    # El autoguardado escucha desde que su script corre: lo escrito antes no dispararía nada
    # (con la máquina cargada, la prueba escribía antes y el encabezado nunca se guardaba).
    page.wait_for_function("() => window.Autoguardado !== undefined")
    editor = page.url

    page.get_by_label("Titular de la unidad").fill("Itzel Ramírez Núñez")
    page.get_by_label("Compromiso para la igualdad").fill("Una cultura institucional incluyente.")
    expect(page.locator("#estado-encabezado")).to_contain_text("Guardado a las")

    page.get_by_role("button", name="Agregar una actividad").click()
    tarjeta = page.locator("#lista-actividades > li").first
    expect(tarjeta.get_by_label("Actividad", exact=True)).to_be_visible()
    tarjeta.get_by_label("Eje temático").select_option("cultura")
    for etiqueta, valor in TEXTOS.items():
        tarjeta.get_by_label(etiqueta, exact=True).fill(valor)
    tarjeta.get_by_label("Mes de inicio").select_option("2")
    tarjeta.get_by_label("Mes de término").select_option("11")
    tarjeta.get_by_label(re.compile(r"^2\.10\.2 ")).check()
    tarjeta.get_by_label(re.compile(r"^VII ")).check()
    # El avance lo calcula el servidor tras guardar: cuando dice 1 de 1, todo quedó guardado.
    expect(page.locator("#progreso-plan")).to_contain_text("1 de 1", timeout=15000)

    # A medio camino la página se recarga: lo escrito sigue ahí.
    page.goto(editor)
    tarjeta = page.locator("#lista-actividades > li").first
    abrir(tarjeta)
    expect(tarjeta.get_by_label("Objetivo", exact=True)).to_have_value("Sensibilizar al personal")
    expect(tarjeta.get_by_label("Trimestre 4", exact=True)).to_have_value("10")
    expect(page.locator("#progreso-plan")).to_contain_text("1 de 1")

    # Dos actividades más, duplicando la completa y cambiando su descripción.
    for numero in (2, 3):
        page.locator("#lista-actividades > li").first.get_by_role("button", name="Duplicar").click()
        expect(page.locator("#lista-actividades > li")).to_have_count(numero)
    nueva = page.locator("#lista-actividades > li").nth(2)
    abrir(nueva)
    nueva.get_by_label("Actividad", exact=True).fill("Campaña de comunicación incluyente")
    expect(nueva.locator(".estado-guardado")).to_contain_text("Guardado a las")
    expect(page.locator("#progreso-plan")).to_contain_text("3 de 3")

    page.goto(editor.replace("editar/", ""))
    page.get_by_role("link", name="Enviar a revisión…").click()
    page.get_by_role("button", name="Sí, enviar a revisión").click()
    expect(page.get_by_text("Enviado a revisión").first).to_be_visible()
    plan_url = page.url
    salir(page)

    # La Coordinación observa y devuelve.
    entrar(page, live_server, coordinacion)
    page.goto(plan_url)
    page.locator("#observar textarea[name=texto]").fill(
        "Precise cuántas personas de mandos medios."
    )
    page.get_by_role("button", name="Agregar la observación").click()
    expect(page.get_by_text("Precise cuántas personas de mandos medios.").first).to_be_visible()
    page.get_by_text("Devolver a la unidad con observaciones").click()
    page.get_by_role("button", name="Sí, devolver el plan").click()
    expect(page.get_by_text("Con observaciones").first).to_be_visible()
    salir(page)

    # La responsable corrige y reenvía.
    entrar(page, live_server, responsable)
    page.goto(editor)
    tarjeta = page.locator("#lista-actividades > li").first
    abrir(tarjeta)
    tarjeta.get_by_label("Actividad", exact=True).fill(
        "Impartir cuatro talleres de igualdad sustantiva a 40 personas de mandos medios"
    )
    expect(tarjeta.locator(".estado-guardado")).to_contain_text("Guardado a las")
    page.goto(plan_url)
    page.get_by_role("link", name="Reenviar a revisión…").click()
    page.get_by_role("button", name="Sí, enviar a revisión").click()
    expect(page.get_by_text("Enviado a revisión").first).to_be_visible()
    salir(page)

    # La Coordinación aprueba y descarga el PDF oficial.
    entrar(page, live_server, coordinacion)
    page.goto(plan_url)
    page.get_by_role("link", name="Aprobar…").click()
    page.get_by_role("button", name="Sí, aprobar el plan").click()
    expect(page.get_by_text("Aprobado").first).to_be_visible()
    enlace = page.get_by_role("link", name="Descargar el PDF oficial").get_attribute("href")
    respuesta = page.request.get(f"{live_server.url}{enlace}")  # con la sesión del navegador
    assert respuesta.headers["content-type"] == "application/pdf"
    contenido = respuesta.body()
    texto = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(contenido)).pages
    )
    assert dependencia.nombre in texto
    assert "a 40 personas de mandos medios" in texto
    assert "Campaña de comunicación incluyente" in texto
