"""Acceso en Chromium real: entrar por el formulario, el inicio de cada rol y cerrar sesión."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.navegador.conftest import URL_ENTRAR, llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


# (fixture de la persona, insignia del rol en la cabecera, lo que solo ese rol ve en su inicio)
INICIOS = [
    ("coordinacion", "Coordinación", "Instituciones y sus responsables de UIG"),
    ("administracion", "Administración", "Cuentas activas por rol"),
    ("responsable", "Responsable de UIG", "Usted es responsable de la Unidad de Igualdad"),
    ("consulta", "Consulta", "Usted consulta la información de:"),
    ("sin_rol", None, "Su cuenta todavía no tiene un rol asignado"),
]


@pytest.mark.parametrize(("fixture", "insignia", "contenido"), INICIOS, ids=[i[0] for i in INICIOS])
def test_cada_rol_entra_y_ve_su_inicio(
    request, entrar, page: Page, live_server, fixture, insignia, contenido
):
    usuario = request.getfixturevalue(fixture)

    entrar(usuario)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hola, {usuario.first_name}")
    cabecera = page.get_by_role("banner")
    if insignia:
        expect(cabecera.locator(".badge")).to_have_text(insignia)
    else:
        expect(cabecera.locator(".badge")).to_have_count(0)
    expect(page.get_by_role("main").get_by_text(contenido)).to_be_visible()
    if fixture in ("responsable", "consulta"):
        expect(page.get_by_role("heading", name="Secretaría Propia (PROPIA)")).to_be_visible()


def test_la_pagina_de_acceso_esta_en_espanol(page: Page, live_server):
    page.goto(f"{live_server.url}/cuenta/entrar/")

    expect(page.locator("html")).to_have_attribute("lang", "es-MX")
    expect(page).to_have_title(re.compile("Iniciar sesión"))
    expect(
        page.get_by_role("heading", level=1, name="Portal de las Unidades de Igualdad de Género")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    expect(page.get_by_label("Nombre de usuario")).to_be_visible()
    expect(page.get_by_label("Contraseña")).to_be_visible()
    expect(page.get_by_role("link", name="¿Olvidó su contraseña?")).to_be_visible()


def test_contrasena_equivocada_muestra_error_en_espanol(page: Page, live_server, coordinacion):
    page.goto(f"{live_server.url}/cuenta/entrar/")

    llenar_acceso(page, coordinacion.username, "no-es-la-contrasena")

    expect(
        page.get_by_text("El nombre de usuario o la contraseña no son correctos")
    ).to_be_visible()
    expect(page).to_have_url(URL_ENTRAR)
    expect(page.get_by_role("button", name="Entrar")).to_be_visible()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_have_count(0)


def test_pagina_protegida_pide_entrar_y_luego_regresa_a_ella(page: Page, live_server, coordinacion):
    page.goto(f"{live_server.url}/dependencias/")

    expect(page).to_have_url(re.compile(r"/cuenta/entrar/\?next="))
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()

    llenar_acceso(page, coordinacion.username)

    expect(page).to_have_url(f"{live_server.url}/dependencias/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dependencias y entidades")


def test_cerrar_sesion_regresa_a_la_pagina_de_acceso(entrar, page: Page, live_server, coordinacion):
    entrar(coordinacion)

    page.get_by_role("button", name="Cerrar sesión").click()

    expect(page).to_have_url(URL_ENTRAR)
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_have_count(0)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/cuenta/entrar/\?next=/$"))
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()


def test_no_guarda_nada_en_el_almacenamiento_local(entrar, page: Page, live_server, coordinacion):
    entrar(coordinacion)
    page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name="Instituciones"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/dependencias/")
    # «Personas usuarias» vive en el menú de la cuenta.
    page.get_by_role("button", name=re.compile(coordinacion.first_name)).click()
    page.get_by_role("link", name="Personas usuarias").click()
    expect(page).to_have_url(f"{live_server.url}/personas-usuarias/")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/dependencias/")

    assert page.evaluate("localStorage.length") == 0
    # htmx anota en sessionStorage solo la ruta actual; nunca debe guardar páginas enteras
    # (su «htmx-history-cache» copiaría HTML con datos personales en el navegador).
    claves = page.evaluate("Object.keys(sessionStorage)")
    assert set(claves) <= {"htmx-current-path-for-history"}, claves
