"""Accesibilidad en Chromium real: pantallas de 320 px y navegación con teclado."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

ANGOSTA = {"width": 320, "height": 640}


def ancho_del_documento(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_acceso_a_320_px_sin_desplazamiento_horizontal(page: Page, live_server):
    page.set_viewport_size(ANGOSTA)
    page.goto(f"{live_server.url}/cuenta/entrar/")

    expect(page.get_by_role("button", name="Entrar")).to_be_visible()
    assert ancho_del_documento(page) <= ANGOSTA["width"]


def test_inicio_a_320_px_sin_desplazamiento_y_con_menu_plegable(
    entrar, page: Page, live_server, coordinacion, dependencia
):
    page.set_viewport_size(ANGOSTA)
    entrar(coordinacion)

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hola, {coordinacion.first_name}")
    assert ancho_del_documento(page) <= ANGOSTA["width"]

    # El menú está plegado: «Cerrar sesión» solo aparece al abrirlo.
    cerrar_sesion = page.get_by_role("button", name="Cerrar sesión")
    abrir_menu = page.get_by_role("button", name="Abrir el menú")
    expect(cerrar_sesion).to_be_hidden()
    expect(abrir_menu).to_have_attribute("aria-expanded", "false")

    abrir_menu.click()

    expect(abrir_menu).to_have_attribute("aria-expanded", "true")
    expect(cerrar_sesion).to_be_visible()
    expect(cerrar_sesion).to_be_in_viewport()
    assert ancho_del_documento(page) <= ANGOSTA["width"]


def test_tab_lleva_primero_al_enlace_para_saltar_al_contenido(
    entrar, page: Page, live_server, coordinacion
):
    entrar(coordinacion)
    saltar = page.get_by_role("link", name="Saltar al contenido principal")
    # Oculto visualmente (1 px) mientras no tiene el foco.
    assert saltar.bounding_box()["width"] <= 1

    page.keyboard.press("Tab")

    expect(saltar).to_be_focused()
    caja = saltar.bounding_box()
    assert caja["width"] > 50 and caja["height"] > 20, caja
    expect(saltar).to_be_in_viewport()

    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/#contenido")
    expect(page.locator("#contenido")).to_be_focused()
    expect(page.get_by_role("main")).to_be_focused()
