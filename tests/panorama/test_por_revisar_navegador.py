"""En Chromium: la Coordinación abre «Por revisar» desde la campana, sigue una evidencia hasta
donde se valida, la valida, vuelve y la evidencia ya no está en la cola."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tests.factories import DependenciaFactory, EvidenciaFactory
from tests.navegador.conftest import llenar_acceso
from unidades.models import Evidencia
from unidades.services import guia_asegurar_predeterminada

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def test_de_la_campana_a_validar_una_evidencia_y_de_vuelta(
    browser: Browser, live_server, coordinacion
):
    # Con transaction=True la base se vacía entre pruebas: la guía de la migración se repone.
    guia_asegurar_predeterminada()
    salud = DependenciaFactory(siglas="SSZ", nombre="Servicios de Salud")
    evidencia = EvidenciaFactory(unidad=salud.unidad, archivo="evidencias/oficio.pdf", tamano=1234)
    paso = evidencia.paso.titulo

    contexto = browser.new_context()
    page = contexto.new_page()
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, coordinacion.username)
    expect(page).to_have_url(f"{live_server.url}/")

    # La campana dice cuántos asuntos esperan y lleva a «Por revisar».
    page.get_by_role("link", name="1 asunto por revisar").click()
    expect(page).to_have_url(live_server.url + reverse("por_revisar"))
    expect(page.get_by_role("heading", name="Por revisar", level=1)).to_be_visible()
    fila = page.get_by_role("row").filter(has_text="SSZ")
    expect(fila).to_contain_text("Evidencias de instalación")

    # El asunto lleva al paso de la institución donde se valida.
    fila.get_by_role("link", name=paso).click()
    destino = reverse("unidades:dependencia_detalle", args=[salud.pk])
    expect(page).to_have_url(f"{live_server.url}{destino}#paso-{evidencia.paso_id}")
    page.locator(f"#paso-{evidencia.paso_id}").get_by_role("button", name=paso).click()
    page.locator(f"#detalle-paso-{evidencia.paso_id}").get_by_role("button", name="Validar").click()
    expect(page.get_by_role("alert")).to_contain_text("quedó validada")

    # De vuelta en «Por revisar», por la campana: ya no queda nada.
    page.get_by_role("link", name="Ningún asunto por revisar").click()
    expect(page).to_have_url(live_server.url + reverse("por_revisar"))
    expect(page.get_by_text("Nada espera a la Coordinación por ahora.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="SSZ")).to_have_count(0)
    contexto.close()

    evidencia.refresh_from_db()
    assert evidencia.estado == Evidencia.Estado.VALIDADA
