"""En Chromium: el cliente único de autoguardado (static/js/autoguardado.js) en el cuestionario
del diagnóstico y en el editor del plan. Lo escrito se guarda solo («Guardado a las…») y sigue
ahí al recargar; sin conexión se avisa y se reintenta; si alguien guardó en medio, se avisa en
español, no se pisa nada y lo escrito se puede recuperar al recargar."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from diagnosticos.models import Valor
from planes.models import PlanTrabajo
from tests.diagnosticos import test_captura as base
from tests.factories import AplicacionFactory, PlanFactory, RespuestaFactory
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def entrar(page: Page, live_server, usuario):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")


def test_cuestionario_guarda_solo_reintenta_sin_conexion_y_recarga(
    page: Page, live_server, responsable, dependencia
):
    p = base.armar_version()
    respuesta = RespuestaFactory(
        aplicacion=AplicacionFactory(version=p.version), dependencia=dependencia
    )
    entrar(page, live_server, responsable)
    url = reverse("diagnosticos:responder_seccion", args=[respuesta.pk, "datos"])
    page.goto(f"{live_server.url}{url}")

    mujeres = page.locator("#pregunta-mujeres")
    mujeres.get_by_label("Porcentaje de mujeres en puestos directivos").fill("40")
    expect(page.locator("#estado-mujeres")).to_contain_text("Guardado a las")

    # Sin conexión: se avisa, lo escrito queda en el navegador y se reintenta al volver.
    page.context.set_offline(True)
    campo = mujeres.get_by_label("Comentario a la pregunta mujeres", exact=False)
    mujeres.get_by_text("Agregar un comentario").click()
    campo.fill("Dato de la nómina de marzo")
    expect(page.locator("#estado-mujeres")).to_contain_text("No se pudo guardar", timeout=10000)
    page.context.set_offline(False)
    expect(page.locator("#estado-mujeres")).to_contain_text("Guardado a las", timeout=15000)
    valor = Valor.objects.get(respuesta=respuesta, pregunta=p.mujeres)
    assert (valor.valor, valor.comentario) == ("40", "Dato de la nómina de marzo")

    page.reload()
    mujeres = page.locator("#pregunta-mujeres")
    expect(mujeres.get_by_label("Porcentaje de mujeres en puestos directivos")).to_have_value("40")
    expect(mujeres.get_by_label("Comentario a la pregunta mujeres", exact=False)).to_have_value(
        "Dato de la nómina de marzo"
    )


def test_editor_del_plan_guarda_solo_y_no_pisa_lo_ajeno(page: Page, live_server, responsable):
    plan = PlanFactory(unidad=responsable.dependencia.unidad, anio=2026)
    entrar(page, live_server, responsable)
    editor = f"{live_server.url}{reverse('planes:editar', args=[plan.pk])}"
    page.goto(editor)

    compromiso = page.get_by_label("Compromiso para la igualdad")
    compromiso.fill("Una cultura institucional incluyente.")
    expect(page.locator("#estado-encabezado")).to_contain_text("Guardado a las")
    page.reload()
    expect(page.get_by_label("Compromiso para la igualdad")).to_have_value(
        "Una cultura institucional incluyente."
    )

    # Otra persona guarda el encabezado mientras esta página sigue abierta.
    PlanTrabajo.objects.filter(pk=plan.pk).update(compromiso="Versión de Rosa", revision=9)
    page.get_by_label("Compromiso para la igualdad").fill("Mi versión")
    estado = page.locator("#estado-encabezado")
    # (El UPDATE directo no deja historial: el aviso no sabe quién fue.)
    expect(estado).to_contain_text("guardó cambios en el encabezado del plan a las")
    expect(estado).to_contain_text("Lo que usted escribió no se perdió")
    page.get_by_label("Compromiso para la igualdad").fill("Mi versión, corregida")
    page.wait_for_timeout(2500)  # más que la espera del autoguardado: ya no se intenta
    assert PlanTrabajo.objects.get(pk=plan.pk).compromiso == "Versión de Rosa"

    # Al recargar se ve lo guardado por la otra persona y se ofrece lo que se escribió.
    page.goto(editor)
    expect(page.get_by_label("Compromiso para la igualdad")).to_have_value("Versión de Rosa")
    page.get_by_role("button", name="Recuperar mis cambios").click()
    expect(page.get_by_label("Compromiso para la igualdad")).to_have_value("Mi versión, corregida")
    expect(page.locator("#estado-encabezado")).to_contain_text("Guardado a las")
    assert PlanTrabajo.objects.get(pk=plan.pk).compromiso == "Mi versión, corregida"
