"""En Chromium: la Coordinación abre su tablero, filtra por sector, sigue una cifra hasta la
lista que la respalda; una visita anónima abre la página pública «Avances y retos»."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tests.factories import DependenciaFactory, UnidadFactory
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_tablero_filtra_por_sector_y_lleva_a_la_lista(browser: Browser, live_server, coordinacion):
    salud = DependenciaFactory(siglas="SSZ", nombre="Servicios de Salud", sector="Salud")
    DependenciaFactory(siglas="SEDUZAC", nombre="Secretaría de Educación", sector="Educación")
    UnidadFactory(dependencia=salud, estado="instalada")

    contexto = browser.new_context()
    page = contexto.new_page()
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, coordinacion.username)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Tablero de toda la administración")).to_be_visible()
    tabla = page.locator("table").filter(has_text="Semáforo")
    expect(tabla).to_contain_text("SEDUZAC")

    page.locator("#tablero-sector").select_option("Salud")
    page.get_by_role("button", name="Filtrar").click()
    expect(page).to_have_url(re.compile(r"sector=Salud"))
    tabla = page.locator("table").filter(has_text="Semáforo")
    expect(tabla).to_contain_text("SSZ")
    expect(tabla).not_to_contain_text("SEDUZAC")

    # La cifra de instalación lleva a la meta de instalación, que la desglosa.
    page.get_by_role("link", name="Instalación de las unidades").click()
    expect(page).to_have_url(live_server.url + reverse("unidades:meta"))
    contexto.close()


def test_la_pagina_publica_abre_sin_sesion(browser: Browser, live_server):
    DependenciaFactory(siglas="SSZ", nombre="Servicios de Salud", sector="Salud")
    contexto = browser.new_context()
    page = contexto.new_page()
    page.goto(f"{live_server.url}/avances/")
    expect(
        page.get_by_role("heading", name="Avances y retos de las Unidades de Igualdad de Género")
    ).to_be_visible()
    expect(page.get_by_role("link", name="JSON")).to_be_visible()
    # Sin sesión: el menú no ofrece páginas internas, y la página no pidió iniciar sesión.
    expect(page).to_have_url(f"{live_server.url}/avances/")
    assert "SSZ" not in page.content()
    contexto.close()
