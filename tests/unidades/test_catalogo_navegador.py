"""El catálogo en Chromium real: la Coordinación importa un archivo y registra una institución."""

import os

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from tests.navegador import conftest as navegador
from unidades.models import Dependencia

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

#: El fixture que entra por el formulario de acceso, de las pruebas de navegador.
entrar = navegador.entrar


def captura(page, nombre):
    """Con CAPTURAS=/ruta, guarda cómo se ve cada paso (útil al revisar el diseño)."""
    if carpeta := os.environ.get("CAPTURAS"):
        page.screenshot(path=os.path.join(carpeta, f"{nombre}.png"), full_page=True)


def test_importar_con_vista_previa_y_confirmar(
    entrar, coordinacion, dependencia, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    libro = Workbook()
    hoja = libro.active
    hoja.append(["siglas", "nombre", "tipo", "sector", "titular", "vigente"])
    hoja.append(["PROPIA", "Secretaría Propia", "centralizada", "Otro sector", "", "sí"])
    hoja.append(["IZM", "Instituto Zacatecano de las Mujeres", "Organismo descentralizado", "S"])
    archivo = tmp_path / "catalogo.xlsx"
    libro.save(archivo)

    page = entrar(coordinacion)
    page.get_by_role("link", name="Instituciones", exact=True).click()
    page.get_by_role("link", name="Importar").click()
    captura(page, "1-importar")
    page.locator("#id_archivo").set_input_files(archivo)
    page.get_by_role("button", name="Revisar el archivo").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vista previa de la importación")
    expect(page.get_by_text("1 nueva", exact=True)).to_be_visible()
    expect(page.get_by_text("1 con cambios", exact=True)).to_be_visible()
    captura(page, "2-vista-previa")
    assert not Dependencia.objects.filter(siglas="IZM").exists()
    page.get_by_role("button", name="Confirmar e importar").click()

    expect(page.get_by_role("alert")).to_contain_text("Instituciones nuevas, con su unidad: 1.")
    captura(page, "3-lista")
    assert Dependencia.objects.get(siglas="PROPIA").sector == "Otro sector"


def test_un_archivo_con_errores_los_lista_todos(entrar, coordinacion, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    archivo = tmp_path / "catalogo.csv"
    archivo.write_bytes(
        "siglas,nombre,tipo,sector\nA1,Uno,secretaria,S\nA1,Dos,centralizada,\n".encode("cp1252")
    )
    page = entrar(coordinacion)
    page.goto(page.url + "dependencias/importar/")
    page.locator("#id_archivo").set_input_files(archivo)
    page.get_by_role("button", name="Revisar el archivo").click()

    errores = page.locator(".errores-importacion li")
    expect(errores).to_have_count(3)
    expect(errores.nth(1)).to_have_text('Fila 3, columna siglas: "A1" ya aparece en la fila 2.')
    expect(errores.first).to_have_text(
        'Fila 2, columna tipo: "secretaria" no es un tipo válido; use centralizada, '
        "descentralizada o desconcentrada."
    )
    captura(page, "4-errores")
    assert not Dependencia.objects.exists()


def test_registrar_una_institucion(entrar, coordinacion):
    page = entrar(coordinacion)
    page.goto(page.url + "dependencias/")
    page.get_by_role("link", name="Nueva institución").click()
    page.get_by_label("Nombre").fill("Instituto de la Juventud")
    page.get_by_label("Siglas").fill("injuzac")
    page.get_by_label("Tipo").select_option("descentralizada")
    page.get_by_label("Sector coordinador").fill("Desarrollo Social")
    captura(page, "5-nueva")
    page.get_by_role("button", name="Registrar institución").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Instituto de la Juventud")
    assert Dependencia.objects.get(siglas="INJUZAC").unidad


def test_marcar_como_no_vigente_con_confirmacion(entrar, coordinacion, dependencia):
    page = entrar(coordinacion)
    page.goto(f"{page.url}dependencias/{dependencia.pk}/editar/")
    captura(page, "6-editar")
    page.get_by_role("button", name="Marcar como no vigente…").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("¿Marcar PROPIA como no vigente?")
    page.get_by_label("Motivo").fill("Se fusionó con otra secretaría")
    captura(page, "7-confirmar")
    page.get_by_role("button", name="Sí, marcar como no vigente").click()

    expect(page.get_by_role("alert").first).to_contain_text("PROPIA quedó como no vigente.")
    dependencia.refresh_from_db()
    assert not dependencia.vigente
