"""En Chromium: la Coordinación aprueba una modificación del plan después de que la unidad
envió el informe del primer trimestre; la unidad lo sigue viendo enviado, con el mismo avance,
y su inicio no lo lista como vencido."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from planes import services
from planes.models import InformeTrimestral, PlanTrabajo, Seguimiento
from tests.factories import ActividadFactory, PlanFactory
from tests.navegador.conftest import llenar_acceso
from tests.planes.test_editor import catalogo_de_alineacion  # noqa: F401

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def entrar(page: Page, live_server, usuario):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")


def test_la_modificacion_aprobada_conserva_el_primer_trimestre(
    page: Page, live_server, tmp_path, settings, responsable, coordinacion, dependencia
):
    settings.MEDIA_ROOT = tmp_path / "media"
    v1 = PlanFactory(unidad=dependencia.unidad, anio=2026, estado=PlanTrabajo.Estado.ENVIADO)
    ActividadFactory.create_batch(2, plan=v1)
    v1 = services.plan_aprobar(plan=v1, usuario=coordinacion)
    enviado = InformeTrimestral.objects.create(
        plan=v1,
        trimestre=1,
        estado="enviado",
        enviado_en=timezone.make_aware(datetime(2026, 4, 10, 10, 0)),
        enviado_por=responsable,
        enviado_en_version=1,
    )
    for actividad in v1.actividades.all():
        Seguimiento.objects.create(
            informe=enviado, actividad=actividad, valor_alcanzado=Decimal(10), estado="en_proceso"
        )
    v2 = services.plan_modificar(plan=v1, usuario=responsable, motivo="Recorte presupuestal")
    services.plan_enviar(plan=v2, usuario=responsable)

    entrar(page, live_server, coordinacion)
    page.goto(f"{live_server.url}{reverse('planes:aprobar_confirmar', args=[v2.pk])}")
    page.get_by_role("button", name="Sí, aprobar el plan").click()
    expect(page.get_by_text("Se aprobó el plan")).to_be_visible()
    page.get_by_role("button", name="Cerrar sesión").click()

    entrar(page, live_server, responsable)
    if InformeTrimestral.fecha_limite(2026, 2) < timezone.localdate():
        expect(
            page.get_by_role("link", name="Informe del Segundo trimestre de 2026")
        ).to_be_visible()
    expect(page.get_by_role("link", name="Informe del Primer trimestre de 2026")).to_have_count(0)
    page.goto(f"{live_server.url}{reverse('planes:seguimiento', args=[v2.pk])}")
    expect(page.get_by_text("Plan de trabajo 2026, versión 2")).to_be_visible()
    primero = page.locator(".card", has=page.get_by_role("heading", name="Primer trimestre"))
    expect(primero.locator(".badge")).to_have_text("Enviado a tiempo")
    expect(primero).to_contain_text("Enviado el 10/04/2026 por")
    expect(primero).to_contain_text("en la versión 1 del plan")
    expect(page.locator(".cifra")).to_have_text("25 %")
