"""En Chromium, del diagnóstico al plan: la Coordinación acepta una respuesta enviada, revisa
las propuestas que se redactaron (edita una y las marca listas), genera el diagnóstico
situacional con su oficio y registra su entrega con el acuse; la persona responsable de la
unidad ve la propuesta en el editor de su plan y la adopta como actividad."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from diagnosticos import captura, services
from diagnosticos.demo import respuestas_de_ejemplo
from diagnosticos.estructura import Estructura
from diagnosticos.instrumento_predeterminado import asegurar_instrumento_predeterminado
from diagnosticos.models import DiagnosticoSituacional, Propuesta
from planes.models import PlanTrabajo
from tests.diagnosticos.test_ciclo_navegador import sesion
from tests.factories import PlanFactory, pdf_minimo

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

TEXTO_EDITADO = (
    "Emitir, firmada por la persona titular, la política institucional de igualdad laboral y "
    "no discriminación, y publicarla en la intranet antes de junio."
)


@pytest.fixture
def respuesta_enviada(responsable, coordinacion, dependencia):
    """Una respuesta al instrumento predeterminado con puntajes bajos, ya enviada."""
    version = asegurar_instrumento_predeterminado().versiones.get(numero=1)
    hoy = timezone.localdate()
    aplicacion = services.abrir_aplicacion(
        version=version,
        nombre="Diagnóstico 2026",
        apertura=hoy - timedelta(days=20),
        cierre=hoy + timedelta(days=10),
        instrucciones="",
        dependencias=[dependencia],
        usuario=coordinacion,
    )
    respuesta = aplicacion.respuestas.get()
    estructura = Estructura(version)
    for codigo, valor in respuestas_de_ejemplo(estructura, 0.3, semilla=14).items():
        captura.guardar_valor(
            respuesta, estructura.por_codigo[codigo], valor=valor, revision=0, usuario=responsable
        )
    assert captura.enviar(respuesta, responsable) == []
    dependencia.titular = "Mtra. Rosa Elena Delgado Campos"
    dependencia.save()
    return respuesta


def test_de_la_respuesta_aceptada_a_la_actividad_del_plan(
    browser: Browser, live_server, responsable, coordinacion, respuesta_enviada, tmp_path
):
    respuesta = respuesta_enviada
    plan = PlanFactory(unidad=responsable.dependencia.unidad, anio=timezone.localdate().year)
    url = live_server.url

    # 1. La Coordinación acepta la respuesta: se redactan sus propuestas.
    contexto, coord = sesion(browser, live_server, coordinacion)
    coord.goto(f"{url}{reverse('diagnosticos:resultado', args=[respuesta.pk])}")
    coord.get_by_role("button", name="Aceptar").click()
    coord.get_by_role("link", name="Propuestas").click()
    expect(coord.get_by_role("heading", name="Propuesta 1 Por revisar")).to_be_visible()
    redactadas = Propuesta.objects.filter(respuesta=respuesta).count()
    assert redactadas > 3

    # 2. Edita la primera propuesta y marca todas como listas.
    primera = Propuesta.objects.get(respuesta=respuesta, orden=1)
    tarjeta = coord.locator(f"#propuesta-{primera.pk}")
    tarjeta.get_by_text("Editar la propuesta 1").click()
    tarjeta.locator("textarea[name$=texto]").fill(TEXTO_EDITADO)
    tarjeta.get_by_role("button", name="Guardar la propuesta").click()
    expect(coord.locator(f"#propuesta-{primera.pk}")).to_contain_text("antes de junio")
    coord.get_by_role("button", name="propuestas por revisar como listas").click()
    expect(coord.get_by_text("Por revisar").first).not_to_be_visible()
    assert not Propuesta.objects.filter(respuesta=respuesta, estado="borrador").exists()

    # 3. Genera el diagnóstico situacional con su oficio y registra la entrega con el acuse.
    coord.goto(f"{url}{reverse('diagnosticos:situacional', args=[respuesta.pk])}")
    coord.get_by_label("Número de oficio").fill("CUIG/0318/2026")
    coord.get_by_role("button", name="Generar", exact=True).click()
    expect(coord.get_by_role("heading", name="Documento generado")).to_be_visible()
    documento = DiagnosticoSituacional.objects.get(respuesta=respuesta)
    texto = " ".join(
        " ".join((p.extract_text() or "").split())
        for p in PdfReader(BytesIO(documento.pdf.read())).pages
    )
    assert "Mtra. Rosa Elena Delgado Campos" in texto
    assert "antes de junio" in texto

    acuse = tmp_path / "acuse.pdf"
    acuse.write_bytes(pdf_minimo("Acuse de recibo con sello"))
    coord.get_by_label("Entregado el").fill(timezone.localdate().isoformat())
    coord.get_by_label("Cómo se entregó").select_option(
        label="Oficio impreso entregado en la institución"
    )
    coord.get_by_label("Acuse de recibo").set_input_files(str(acuse))
    coord.get_by_role("button", name="Registrar la entrega").click()
    expect(coord.get_by_role("heading", name="Entregado a la persona titular")).to_be_visible()
    documento.refresh_from_db()
    assert documento.entregado and documento.acuse
    assert Propuesta.objects.filter(respuesta=respuesta, estado="presentada").count() == redactadas
    contexto.close()

    # 4. La unidad ve la propuesta en el editor de su plan y la adopta como actividad.
    contexto, page = sesion(browser, live_server, responsable)
    page.goto(f"{url}{reverse('planes:editar', args=[plan.pk])}")
    panel = page.locator("#titulo-propuestas").locator("..")
    expect(panel).to_contain_text("antes de junio")
    page.locator(f"form[action$='/propuestas/{primera.pk}/adoptar/'] button").click()
    expect(page.get_by_text("antes de junio").first).to_be_visible()
    primera.refresh_from_db()
    assert primera.decision == Propuesta.Decision.ADOPTADA
    actividad = PlanTrabajo.objects.get(pk=plan.pk).actividades.get(propuesta=primera)
    assert actividad.descripcion == TEXTO_EDITADO
    expect(page.locator(f"#actividad-{actividad.pk}")).to_contain_text(
        "Viene de la propuesta del diagnóstico"
    )
    contexto.close()
