"""En Chromium: un plan devuelto muestra cada observación en el aviso del editor y en su
tarjeta; la responsable responde una, reenvía el plan con la advertencia de la que quedó sin
respuesta, y la Coordinación ve la respuesta y qué cambió en el plan."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from planes import services
from planes.models import Actividad, PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory
from tests.navegador.conftest import llenar_acceso
from tests.planes.test_editor import catalogo_de_alineacion  # noqa: F401

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def entrar(page, live_server, usuario):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")


def salir(page):
    page.get_by_role("button", name="Cerrar sesión").click()


def test_la_conversacion_de_una_devolucion(
    page: Page, live_server, responsable, coordinacion, dependencia
):
    plan = PlanFactory(
        unidad=dependencia.unidad, estado=PlanTrabajo.Estado.ENVIADO, enviado_en=timezone.now()
    )
    taller = ActividadFactory(plan=plan, descripcion="Taller de lenguaje incluyente")
    ActividadFactory(plan=plan, descripcion="Protocolo contra el hostigamiento")
    services.plan_observar(plan=plan, usuario=coordinacion, texto="Revise el compromiso.")
    de_taller = services.plan_observar(
        plan=plan, usuario=coordinacion, texto="Precise la meta del taller.", actividad=taller
    )
    services.plan_devolver(plan=plan, usuario=coordinacion)

    # La responsable ve las dos observaciones en el aviso, y la del taller en su tarjeta.
    entrar(page, live_server, responsable)
    page.goto(f"{live_server.url}{reverse('planes:editar', args=[plan.pk])}")
    aviso = page.locator("#observaciones-editor")
    expect(aviso).to_contain_text("Revise el compromiso.")
    expect(aviso).to_contain_text("Precise la meta del taller.")
    expect(aviso).to_contain_text("2 observaciones pendientes")
    tarjeta = page.locator(f"#actividad-{taller.pk}")
    expect(tarjeta.locator("summary.card-header")).to_contain_text("Con observación")
    expect(tarjeta.locator("summary.card-header")).not_to_contain_text("completa")
    observacion = page.locator(f"#observacion-{de_taller.pk}")
    expect(observacion).to_be_visible()
    expect(observacion).to_contain_text("Precise la meta del taller.")

    # Desde el aviso se llega a la observación en la tarjeta, y ahí se responde.
    aviso.get_by_role("link", name="Actividad 1: Taller de lenguaje incluyente").click()
    expect(page).to_have_url(f"{page.url.split('#')[0].split('?')[0]}#observacion-{de_taller.pk}")
    observacion.get_by_label("Respuesta de la unidad").fill("Subimos la meta a 60 personas.")
    observacion.get_by_label("Atendida: ya se corrigió o se resolvió").check()
    observacion.get_by_role("button", name="Guardar la respuesta").click()
    expect(page.get_by_text("la observación quedó atendida")).to_be_visible()
    expect(page.locator("#observaciones-editor")).to_contain_text("1 observación pendiente")
    expect(page.locator(f"#actividad-{taller.pk} summary.card-header")).to_contain_text("completa")

    # La unidad corrige la meta (el editor guarda igual que aquí) y reenvía.
    Actividad.objects.filter(pk=taller.pk).update(meta_anual=Decimal("60"), meta_t4=Decimal("30"))
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_role("link", name="Reenviar a revisión…").click()
    expect(page.locator("#observaciones-sin-respuesta")).to_contain_text(
        "1 de 2 observaciones de la Coordinación sigue sin respuesta"
    )
    expect(page.locator("#observaciones-sin-respuesta")).to_contain_text("Revise el compromiso.")
    page.get_by_role("button", name="Sí, enviar a revisión").click()
    expect(page.get_by_text("Se envió el plan a revisión")).to_be_visible()
    salir(page)

    # La Coordinación ve la respuesta, la marca y qué cambió.
    entrar(page, live_server, coordinacion)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    expect(page.locator("#resumen-reenvio")).to_contain_text(
        "de 2 observaciones, la unidad marcó 1 como atendidas y respondió 1"
    )
    respondida = page.locator(f"#observaciones #observacion-{de_taller.pk}")
    expect(respondida).to_contain_text("Subimos la meta a 60 personas.")
    expect(respondida).to_contain_text("Atendida, según la unidad")
    respondida.get_by_role("link", name="La actividad cambió en 2 campos").click()
    cambio = page.locator(f"#cambios-actividad-{taller.pk}")
    expect(cambio).to_be_in_viewport()
    fila = cambio.locator("tr[data-campo=meta_anual]")
    expect(fila.locator("del")).to_have_text("40")
    expect(fila.locator("ins")).to_have_text("60")
