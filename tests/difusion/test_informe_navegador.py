"""En Chromium: la Coordinación llega al informe anual por el menú «Difusión», lo genera y
descarga el PDF archivado."""

from io import BytesIO

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from difusion.models import InformeAnual
from tests.factories import DependenciaFactory
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_generar_y_descargar_el_informe(
    browser: Browser, live_server, coordinacion, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    DependenciaFactory(siglas="SSZ", nombre="Servicios de Salud", sector="Salud")
    anio = timezone.localdate().year

    contexto = browser.new_context(viewport={"width": 1280, "height": 900})
    page = contexto.new_page()
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, coordinacion.username)
    menu = page.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Difusión").click()
    menu.get_by_role("link", name="Informe anual").click()
    expect(page.get_by_role("heading", name="Informe anual", exact=True)).to_be_visible()

    page.get_by_label("Año del informe").select_option(str(anio))
    page.get_by_label("Retos y próximos pasos").fill("Llegar a todas las entidades paraestatales.")
    page.get_by_role("button", name="Generar y archivar").click()
    expect(page.get_by_text(f"Se generó y archivó el informe anual {anio}")).to_be_visible()

    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar PDF").click()
    contenido = open(descarga.value.path(), "rb").read()
    texto = " ".join(p.extract_text() for p in PdfReader(BytesIO(contenido)).pages)
    assert "Llegar a todas las entidades paraestatales." in texto
    assert InformeAnual.objects.get().tamano == len(contenido)
    contexto.close()
