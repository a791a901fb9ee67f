"""En Chromium: la Coordinación lleva una institución de «sin iniciar» a «instalada»; la
responsable sube el acta, y la meta de instalación muestra la nueva cifra."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import DependenciaFactory, IntegranteFactory, pdf_minimo
from tests.navegador.conftest import llenar_acceso
from unidades.services import guia_asegurar_predeterminada

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def abrir_paso(page: Page, titulo: str):
    """Abre el paso si está cerrado (un clic en uno abierto lo cerraría) y espera a que termine
    de abrirse: mientras Bootstrap lo despliega («collapsing»), sus botones ya tienen lugar en la
    página pero quedan recortados, y un clic ahí cae en lo que está debajo (con la máquina
    cargada, la animación dura lo bastante para que pase)."""
    boton = page.locator("button.accordion-button", has_text=titulo)
    if boton.get_attribute("aria-expanded") != "true":
        boton.click()
    expect(boton).to_have_attribute("aria-expanded", "true")
    cuerpo = page.locator(f"#{boton.get_attribute('aria-controls')}")
    expect(cuerpo).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    expect(cuerpo).not_to_have_class(re.compile(r"collapsing"))


def subir_evidencia(page: Page, titulo: str, ruta):
    abrir_paso(page, titulo)
    page.get_by_label(f"Subir evidencia de «{titulo}»").set_input_files(str(ruta))
    with page.expect_navigation():
        page.get_by_label(f"Subir evidencia de «{titulo}»").locator("xpath=../..").get_by_role(
            "button", name="Subir", exact=True
        ).click()
    expect(page.get_by_text(f"Se subió la evidencia de «{titulo}»")).to_be_visible()


def validar_evidencia(page: Page, titulo: str):
    abrir_paso(page, titulo)
    page.get_by_role("button", name="Validar").first.click()
    expect(page.get_by_text("quedó validada")).to_be_visible()


def avanzar(page: Page, estado: str, fecha: str):
    page.get_by_label("Fecha en que ocurrió").fill(fecha)
    page.get_by_role("button", name=f"Pasar a «{estado}»").click()
    expect(page.get_by_text(f"La unidad pasó a «{estado}».")).to_be_visible()


def test_de_sin_iniciar_a_instalada(
    page: Page, live_server, tmp_path, coordinacion, responsable, dependencia
):
    # Una prueba transaccional anterior vacía la base, con la guía que siembra la migración.
    guia_asegurar_predeterminada()
    # Otras tres instituciones sin unidad instalada: la meta pasa de 0 % a 25 %.
    DependenciaFactory.create_batch(3)
    IntegranteFactory(unidad=dependencia.unidad, nombre="Itzel Ramírez Núñez")
    pdf = tmp_path / "evidencia.pdf"
    pdf.write_bytes(pdf_minimo())
    expediente = f"{live_server.url}{dependencia.get_absolute_url()}"

    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, coordinacion.username)
    page.goto(f"{live_server.url}/instalacion/meta/")
    expect(page.get_by_text("0 de 4", exact=True)).to_be_visible()

    page.goto(expediente)
    expect(page.get_by_text("Unidad de Igualdad de Género: Sin iniciar")).to_be_visible()
    for titulo, estado, fecha in [
        ("Oficio a la persona titular de la institución", "En gestión", "2026-02-02"),
        ("Designación de la persona titular de la unidad", "Titular designada", "2026-03-03"),
    ]:
        subir_evidencia(page, titulo, pdf)
        validar_evidencia(page, titulo)
        avanzar(page, estado, fecha)
    subir_evidencia(page, "Estructura de la unidad", pdf)
    validar_evidencia(page, "Estructura de la unidad")
    expect(page.get_by_role("button", name="Pasar a «Instalada»")).to_be_disabled()
    page.get_by_role("button", name="Cerrar sesión").click()

    # La responsable sube el acta firmada desde el expediente de su institución.
    llenar_acceso(page, responsable.username)
    page.get_by_role("link", name="Ver el expediente de la institución").click()
    subir_evidencia(page, "Acta de instalación firmada", pdf)
    expect(page.get_by_text("Por revisar").first).to_be_visible()
    page.get_by_role("button", name="Cerrar sesión").click()

    llenar_acceso(page, coordinacion.username)
    page.goto(expediente)
    validar_evidencia(page, "Acta de instalación firmada")
    avanzar(page, "Instalada", "2026-04-04")
    expect(page.get_by_text("Unidad de Igualdad de Género: Instalada")).to_be_visible()

    page.goto(f"{live_server.url}/instalacion/meta/")
    expect(page.get_by_text("1 de 4", exact=True)).to_be_visible()
    expect(page.get_by_text("25 %").first).to_be_visible()
