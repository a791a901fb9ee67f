"""Ayudas para las pruebas en Chromium real: entrar por el formulario, como una persona."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import CONTRASENA

#: La página de acceso, con o sin ?next=.
URL_ENTRAR = re.compile(r"/cuenta/entrar/(\?.*)?$")


def llenar_acceso(page: Page, usuario: str, contrasena: str = CONTRASENA) -> None:
    """Llena el formulario de acceso (por sus etiquetas) y pulsa «Entrar»."""
    page.get_by_label("Nombre de usuario").fill(usuario)
    page.get_by_label("Contraseña").fill(contrasena)
    page.get_by_role("button", name="Entrar").click()


@pytest.fixture
def entrar(page: Page, live_server):
    """entrar(usuario) abre la página de acceso, entra con la contraseña de las fábricas
    y espera a llegar al inicio del portal."""

    def _entrar(usuario, contrasena: str = CONTRASENA) -> Page:
        page.goto(f"{live_server.url}/cuenta/entrar/")
        llenar_acceso(page, usuario.username, contrasena)
        expect(page).to_have_url(f"{live_server.url}/")
        return page

    return _entrar
