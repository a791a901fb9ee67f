"""En Chromium: la responsable crea su plan, captura una actividad con autoguardado y, al
recargar, lo escrito sigue ahí; un valor inválido se explica junto al campo sin borrarlo (ni
al recargar: queda en el navegador hasta que se corrija)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from planes.models import Actividad
from tests.navegador.conftest import llenar_acceso
from tests.planes.test_editor import catalogo_de_alineacion  # noqa: F401

# El catálogo de alineación lo asegura el fixture importado de test_editor: una prueba
# transaccional anterior pudo vaciar lo que siembran las migraciones.
pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_captura_con_autoguardado(page: Page, live_server, responsable):
    anio = timezone.localdate().year
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, responsable.username)
    page.goto(f"{live_server.url}/planes/nuevo/")
    page.get_by_label("Año del plan").select_option(str(anio))
    page.get_by_role("button", name="Crear el plan").click()
    expect(page.get_by_text(f"Se creó el plan de trabajo {anio} en borrador.")).to_be_visible()
    editor = page.url
    # El autoguardado escucha desde que su script corre: antes, lo escrito no dispararía nada.
    page.wait_for_function("() => window.Autoguardado !== undefined")

    page.get_by_label("Compromiso para la igualdad").fill("Una cultura institucional incluyente.")
    expect(page.locator("#estado-encabezado")).to_contain_text("Guardado a las")

    page.get_by_role("button", name="Agregar una actividad").click()
    tarjeta = page.locator("#lista-actividades > li").first
    expect(tarjeta.get_by_label("Actividad", exact=True)).to_be_visible()
    tarjeta.get_by_label("Actividad", exact=True).fill("Impartir 4 cursos de igualdad sustantiva")
    tarjeta.get_by_label(re.compile(r"^2\.10\.2 ")).check()
    estado = tarjeta.locator(".estado-guardado")
    expect(estado).to_contain_text("Guardado a las")

    tarjeta.get_by_label("Meta anual").fill("-5")
    tarjeta.get_by_label("Meta anual").blur()
    expect(estado).to_contain_text("No se guardaron estos cambios")
    expect(tarjeta.get_by_text("No puede ser negativo.").first).to_be_visible()
    expect(tarjeta.get_by_label("Meta anual")).to_have_value("-5")
    expect(tarjeta.get_by_label("Meta anual")).to_have_attribute("aria-invalid", "true")

    page.goto(editor)
    tarjeta = page.locator("#lista-actividades > li").first
    tarjeta.locator("summary").first.click()
    expect(tarjeta.get_by_label("Actividad", exact=True)).to_have_value(
        "Impartir 4 cursos de igualdad sustantiva"
    )
    expect(tarjeta.get_by_label(re.compile(r"^2\.10\.2 "))).to_be_checked()
    # Lo inválido no se guardó, pero tampoco se pierde: static/js/autoguardado.js lo guardó en
    # el navegador y lo devuelve al campo, con su explicación (el servidor lo vuelve a rechazar).
    expect(tarjeta.get_by_label("Meta anual")).to_have_value("-5")
    expect(tarjeta.locator(".estado-guardado")).to_contain_text("No se guardaron estos cambios")
    assert Actividad.objects.get().meta_anual is None
    expect(page.get_by_label("Compromiso para la igualdad")).to_have_value(
        "Una cultura institucional incluyente."
    )
    expect(page.locator("#progreso-plan")).to_contain_text("0 de 1")
