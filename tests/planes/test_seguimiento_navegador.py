"""En Chromium: la unidad captura su informe trimestral (con autoguardado y una evidencia
subida sin recargar la página) y lo envía; la Coordinación lo comenta."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from planes.models import InformeTrimestral, Seguimiento
from tests.factories import ActividadFactory, PlanFactory, pdf_minimo
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def entrar(page: Page, live_server, usuario):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")


def test_la_unidad_captura_y_envia_su_informe(
    page: Page, live_server, tmp_path, settings, responsable, coordinacion, dependencia
):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = PlanFactory(unidad=dependencia.unidad, estado="aprobado", anio=2026)
    a1, a2 = ActividadFactory.create_batch(2, plan=plan)
    pdf = tmp_path / "lista de asistencia.pdf"
    pdf.write_bytes(pdf_minimo())
    url = f"{live_server.url}{reverse('planes:informe', args=[plan.pk, 1])}"

    entrar(page, live_server, responsable)
    page.goto(url)
    primera, segunda = page.locator(f"#actividad-{a1.pk}"), page.locator(f"#actividad-{a2.pk}")
    primera.get_by_label("Logrado en el trimestre").fill("10")
    primera.get_by_label("Estado", exact=True).select_option("en_proceso")
    expect(page.get_by_text("Guardado automáticamente")).to_be_visible()
    assert Seguimiento.objects.get(actividad=a1).valor_alcanzado == 10

    # Lo que se escribe en otra actividad no se pierde al subir una evidencia.
    segunda.get_by_label("Qué se hizo").fill("Campaña en redes institucionales")
    primera.get_by_label("Subir evidencia").set_input_files(str(pdf))
    primera.get_by_role("button", name=f"Subir evidencia de «{a1.descripcion}»").click()
    expect(primera.get_by_text("Se subió «lista de asistencia.pdf».")).to_be_visible()
    expect(primera.get_by_role("link", name="lista de asistencia.pdf")).to_be_visible()
    expect(segunda.get_by_label("Qué se hizo")).to_have_value("Campaña en redes institucionales")

    segunda.get_by_label("Logrado en el trimestre").fill("4")
    segunda.get_by_label("Estado", exact=True).select_option("concluida")
    page.get_by_label("Confirmo que la información es correcta").check()
    page.get_by_role("button", name="Guardar y enviar el informe").click()
    expect(page.get_by_text("Se envió el informe del primer trimestre")).to_be_visible()
    informe = InformeTrimestral.objects.get()
    assert informe.estado == "enviado"
    assert informe.seguimientos.get(actividad=a2).narrativa == "Campaña en redes institucionales"

    page.get_by_role("button", name="Cerrar sesión").click()
    entrar(page, live_server, coordinacion)
    page.goto(url)
    primera = page.locator(f"#actividad-{a1.pk}")
    primera.get_by_label("Comentario de la Coordinación").fill("Anexe la carta descriptiva.")
    primera.get_by_role("button", name="Guardar comentario").click()
    expect(primera.get_by_text("Guardado", exact=True)).to_be_visible()
    assert informe.seguimientos.get(actividad=a1).comentario_coordinacion == (
        "Anexe la carta descriptiva."
    )
