"""En Chromium, el ciclo de un evento: la Coordinación lo crea con dos sesiones y abre la
inscripción, una persona responsable inscribe a dos personas, la Coordinación las confirma,
importa la lista de asistencia en XLSX, concluye el evento y emite las constancias, y una
visita anónima verifica una en la página pública."""

from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import Browser, expect

from capacitacion.catalogo_predeterminado import asegurar_catalogo
from capacitacion.models import Constancia, Evento, Inscripcion
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

SEMINARIO = "Seminario de cultura institucional con perspectiva de género"


def sesion(browser, live_server, usuario):
    contexto = browser.new_context()
    page = contexto.new_page()
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")
    return contexto, page


def lista_de_asistencia(ruta, hoy):
    """La lista como la llenaría la Coordinación: Ana a las dos sesiones, Luis a una."""
    libro = Workbook()
    hoja = libro.active
    fecha = hoy.strftime("%d/%m/%Y")
    hoja.append(
        ["Correo", "CURP", "Nombre", "Institución", f"Sesión 1 ({fecha})", f"Sesión 2 ({fecha})"]
    )
    hoja.append(["ana.lopez@zacatecas.gob.mx", "", "Ana López", "PROPIA", "Sí", "Sí"])
    hoja.append(["luis.garcia@zacatecas.gob.mx", "", "Luis García", "PROPIA", "Sí", "No"])
    libro.save(ruta)
    return ruta


def test_evento_de_principio_a_fin(
    browser: Browser, live_server, coordinacion, responsable, dependencia, tmp_path
):
    # Las pruebas transaccionales vacían la base, y con ella el catálogo sembrado.
    asegurar_catalogo()
    hoy = timezone.localdate()
    contexto_coord, coord = sesion(browser, live_server, coordinacion)

    # 1. La Coordinación crea el evento y le agrega dos sesiones.
    coord.goto(f"{live_server.url}/capacitacion/")
    coord.get_by_role("link", name="Nuevo evento").click()
    coord.locator("#id_programa").select_option(label=SEMINARIO)
    coord.locator("#id_nombre").fill("Seminario 2026: cultura institucional")
    coord.locator("#id_modalidad").select_option("presencial")
    coord.locator("#id_sede").fill("Salón de Gobernadores, Palacio de Gobierno")
    coord.locator("#id_facilitacion").fill("Coordinación de Unidades de Igualdad de Género")
    coord.locator("#id_cupo").fill("30")
    coord.locator("#id_fecha_inicio").fill(hoy.isoformat())
    coord.locator("#id_fecha_fin").fill((hoy + timedelta(days=7)).isoformat())
    coord.locator("#id_umbral_asistencia").fill("80")
    coord.get_by_role("button", name="Crear evento").click()
    expect(coord.get_by_role("heading", level=1)).to_contain_text("Seminario 2026")
    evento = Evento.objects.get()
    for tema in ("Cultura institucional", "Lenguaje incluyente"):
        coord.goto(f"{live_server.url}/capacitacion/eventos/{evento.pk}/sesiones/nueva/")
        coord.locator("#id_fecha").fill(hoy.isoformat())
        coord.locator("#id_horas").fill("2")
        coord.locator("#id_tema").fill(tema)
        coord.get_by_role("button", name="Agregar sesión").click()
    expect(coord.get_by_role("cell", name="Lenguaje incluyente")).to_be_visible()
    evento.refresh_from_db()
    assert evento.horas_totales == 4
    coord.get_by_role("button", name="Abrir la inscripción").click()
    expect(coord.locator("body")).to_contain_text("La inscripción está abierta")

    # 2. La persona responsable inscribe a dos personas de su institución.
    contexto_resp, resp = sesion(browser, live_server, responsable)
    resp.goto(f"{live_server.url}/capacitacion/eventos/{evento.pk}/")
    resp.get_by_role("link", name="Inscribir personas").click()
    for nombre, sexo, correo, otra in (
        ("Ana López", "mujer", "ana.lopez@zacatecas.gob.mx", True),
        ("Luis García", "hombre", "luis.garcia@zacatecas.gob.mx", False),
    ):
        formulario = resp.locator("form").filter(has=resp.locator("#id_nueva-nombre"))
        formulario.locator("#id_nueva-nombre").fill(nombre)
        formulario.locator("#id_nueva-sexo").select_option(sexo)
        formulario.locator("#id_nueva-correo").fill(correo)
        formulario.locator("#id_nueva-cargo").fill("Jefatura de departamento")
        boton = "Inscribir y agregar a otra persona" if otra else "Inscribir"
        formulario.get_by_role("button", name=boton, exact=True).click()
        expect(resp.locator(".alert").first).to_contain_text(nombre)
    assert Inscripcion.objects.filter(estado="solicitada").count() == 2
    contexto_resp.close()

    # 3. La Coordinación confirma y cierra la inscripción.
    coord.goto(f"{live_server.url}/capacitacion/eventos/{evento.pk}/")
    coord.get_by_role("button", name="Confirmar todas las pendientes").click()
    expect(coord.locator("body")).to_contain_text("2 confirmadas")
    assert Inscripcion.objects.filter(estado="confirmada").count() == 2
    coord.get_by_role("button", name="Cerrar la inscripción").click()

    # 4. Importa la lista de asistencia: vista previa y confirmación.
    coord.get_by_role("link", name="Importar lista de asistencia").click()
    coord.locator("#id_archivo").set_input_files(
        str(lista_de_asistencia(tmp_path / "asistencia.xlsx", hoy))
    )
    coord.get_by_role("button", name="Revisar el archivo").click()
    coord.get_by_role("button", name="Confirmar e importar").click()
    expect(coord.locator(".alert").first).to_be_visible()
    acreditadas = Inscripcion.objects.filter(acreditada=True)
    assert [i.participante.nombre for i in acreditadas] == ["Ana López"]

    # 5. Concluye el evento y emite las constancias.
    coord.goto(f"{live_server.url}/capacitacion/eventos/{evento.pk}/")
    coord.get_by_role("button", name="Marcar como concluido").click()
    coord.get_by_role("button", name="Emitir constancias").click()
    expect(coord.locator(".alert").first).to_contain_text("1")
    constancia = Constancia.objects.get()
    assert constancia.nombre == "Ana López"
    contexto_coord.close()

    # 6. Una visita anónima verifica la constancia con su código.
    anonima = browser.new_context()
    page = anonima.new_page()
    page.goto(f"{live_server.url}/cuenta/entrar/")
    page.get_by_role("link", name="Verificar una constancia de capacitación").click()
    page.get_by_label("Código de verificación").fill(constancia.codigo.lower().replace("-", " "))
    page.get_by_role("button", name="Verificar").click()
    expect(page.get_by_role("heading", name="Constancia válida")).to_be_visible()
    contenido = page.locator("main").inner_text()
    assert "Ana López" in contenido
    assert "Seminario 2026: cultura institucional" in contenido
    assert "ana.lopez@zacatecas.gob.mx" not in page.content()
    assert "PROPIA" not in page.content()
    anonima.close()
