"""En Chromium, a 320 px y sin JavaScript propio: la Coordinación crea un cuestionario, una
sección y una pregunta condicional con opciones; un error se explica junto al campo sin borrar
lo escrito; y la versión, ya en una ronda, ofrece crear la versión nueva."""

import pytest
from playwright.sync_api import Page, expect

from diagnosticos.models import Pregunta, Version
from tests.factories import AplicacionFactory
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def _sin_desborde(page: Page):
    ancho = page.evaluate("document.documentElement.scrollWidth")
    anchos = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => !e.closest('.table-responsive') && e.getBoundingClientRect().right"
        " > 321).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' '"
        " + Math.round(e.getBoundingClientRect().right))"
    )
    assert ancho <= 320, f"la página mide {ancho} px de ancho en {page.url}: {anchos}"


def test_disenar_una_pregunta_condicional(page: Page, live_server, coordinacion):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, coordinacion.username)

    page.goto(f"{live_server.url}/diagnosticos/cuestionarios/nuevo/")
    page.get_by_label("Nombre").fill("Diagnóstico de prueba en navegador")
    page.get_by_role("button", name="Crear el cuestionario").click()
    expect(page.get_by_text("Se creó el cuestionario")).to_be_visible()
    _sin_desborde(page)

    page.get_by_role("link", name="Agregar una sección").click()
    page.get_by_label("Código").fill("datos")
    page.get_by_label("Título").fill("Datos generales")
    page.get_by_role("button", name="Guardar la sección").click()
    expect(page.get_by_text("Se agregó la sección «Datos generales».")).to_be_visible()

    page.get_by_role("link", name="Agregar una pregunta").click()
    page.get_by_label("Código").fill("tiene_uig")
    page.locator("#id_texto").fill("¿La institución tiene Unidad de Igualdad?")
    page.get_by_role("button", name="Guardar la pregunta").click()
    expect(page.get_by_text("Se agregó la pregunta «tiene_uig».")).to_be_visible()

    page.get_by_role("link", name="Agregar una pregunta").click()
    _sin_desborde(page)
    page.get_by_label("Código").fill("protocolo")
    page.locator("#id_texto").fill("¿Tiene protocolo?")
    page.get_by_label("Tipo de respuesta").select_option("opcion_unica")
    page.get_by_label("Regla 1: pregunta anterior").select_option("tiene_uig")
    page.get_by_label("Regla 1: operador").select_option("igual")
    page.get_by_label("Regla 1: valor").fill("quizás")
    page.get_by_label("Valor de la opción 1").fill("vigente")
    page.get_by_label("Etiqueta de la opción 1").fill("Vigente")
    page.get_by_label("Puntos de la opción 1").fill("100")
    page.get_by_role("button", name="Guardar la pregunta").click()

    # El valor no existe: se explica junto a la condición y lo escrito sigue ahí.
    expect(page.get_by_text("No se guardó nada")).to_be_visible()
    expect(page.locator("#errores-condicion")).to_contain_text("«tiene_uig» no tiene: quizás")
    expect(page.get_by_label("Etiqueta de la opción 1")).to_have_value("Vigente")
    page.get_by_label("Regla 1: valor").fill("Sí")
    page.get_by_role("button", name="Guardar la pregunta").click()
    expect(page.get_by_text("Se agregó la pregunta «protocolo».")).to_be_visible()
    expect(page.get_by_text("Se muestra si tiene_uig es igual a «Sí».")).to_be_visible()
    _sin_desborde(page)
    assert Pregunta.objects.get(codigo="protocolo").condicion["reglas"][0]["valor"] == "si"

    version = Version.objects.get(cuestionario__nombre="Diagnóstico de prueba en navegador")
    AplicacionFactory(version=version)
    page.reload()
    expect(page.get_by_text("Esta versión ya se usó en una ronda y no cambia")).to_be_visible()
    page.get_by_role("button", name="Crear una versión nueva para editar").click()
    expect(page.get_by_text("Se creó la versión 2, copia de la versión 1.")).to_be_visible()
    expect(page.get_by_role("link", name="Agregar una sección")).to_be_visible()
