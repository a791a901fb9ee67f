"""En Chromium, el ciclo completo con el instrumento predeterminado: la persona responsable
contesta parte, cierra el navegador, vuelve y encuentra sus respuestas, termina y envía; la
Coordinación la devuelve con observaciones, se corrige y se reenvía, la Coordinación la acepta,
y la página de resultados y su PDF muestran los índices."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from diagnosticos import captura, services
from diagnosticos.demo import respuestas_de_ejemplo
from diagnosticos.estructura import Estructura
from diagnosticos.instrumento_predeterminado import asegurar_instrumento_predeterminado
from diagnosticos.models import Respuesta
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]

IGUALDAD = "Igualdad y no discriminación"


def sesion(browser, live_server, usuario):
    """Un navegador nuevo (sin cookies) con la persona ya dentro del portal."""
    contexto = browser.new_context()
    page = contexto.new_page()
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")
    return contexto, page


def elegir(page, codigo, etiqueta, revision):
    """Elige una opción de una pregunta y espera a que el servidor confirme el guardado."""
    page.locator(f"#pregunta-{codigo}").get_by_label(etiqueta, exact=True).check()
    expect(page.locator(f"#rev-{codigo}")).to_have_value(str(revision), timeout=15000)
    expect(page.locator(f"#estado-{codigo}")).to_contain_text("Guardado a las")


def test_ciclo_completo_con_el_instrumento_predeterminado(
    browser: Browser, live_server, responsable, coordinacion, dependencia
):
    # Las pruebas transaccionales vacían la base, y con ella el instrumento sembrado.
    version = asegurar_instrumento_predeterminado().versiones.get(numero=1)
    hoy = timezone.localdate()
    aplicacion = services.abrir_aplicacion(
        version=version,
        nombre="Diagnóstico 2026",
        apertura=hoy - timedelta(days=2),
        cierre=hoy + timedelta(days=20),
        instrucciones="",
        dependencias=[dependencia],
        usuario=coordinacion,
    )
    respuesta = aplicacion.respuestas.get()
    url_responder = f"{live_server.url}{reverse('diagnosticos:responder', args=[respuesta.pk])}"
    url_resultado = f"{live_server.url}{reverse('diagnosticos:resultado', args=[respuesta.pk])}"

    # 1. Contesta parte de la sección de igualdad y cierra el navegador.
    contexto, page = sesion(browser, live_server, responsable)
    page.goto(url_responder)
    page.get_by_role("link", name=IGUALDAD).first.click()
    elegir(page, "politica_igualdad", "Sí", 1)
    elegir(page, "comite_vigilancia", "No", 1)
    contexto.close()

    # 2. Vuelve desde otro navegador: sus respuestas siguen ahí; el envío dice qué falta.
    contexto, page = sesion(browser, live_server, responsable)
    page.goto(url_responder)
    page.get_by_role("link", name=IGUALDAD).first.click()
    expect(
        page.locator("#pregunta-politica_igualdad").get_by_label("Sí", exact=True)
    ).to_be_checked()
    expect(
        page.locator("#pregunta-comite_vigilancia").get_by_label("No", exact=True)
    ).to_be_checked()
    page.goto(f"{live_server.url}{reverse('diagnosticos:respuesta_enviar', args=[respuesta.pk])}")
    expect(page.locator("#lista-faltantes")).to_be_visible()

    # El resto del cuestionario (más de 50 preguntas) se contesta por el mismo servicio que
    # usa el autoguardado, para no alargar la prueba pregunta por pregunta.
    estructura = Estructura(version)
    guardadas = estructura.valores_de(respuesta)
    for codigo, texto in respuestas_de_ejemplo(estructura, 0.6, semilla=5).items():
        if codigo not in guardadas:
            captura.guardar_valor(
                respuesta,
                estructura.por_codigo[codigo],
                valor=texto,
                revision=0,
                usuario=responsable,
            )
    page.reload()
    expect(page.get_by_text("Todas las preguntas obligatorias están contestadas.")).to_be_visible()
    page.get_by_role("button", name="Enviar a la Coordinación").click()
    expect(page.get_by_text("Se envió la respuesta a la Coordinación.")).to_be_visible()
    contexto.close()

    # 3. La Coordinación la devuelve con observaciones desde el seguimiento de la ronda.
    coordinacion_contexto, coord = sesion(browser, live_server, coordinacion)
    coord.goto(
        f"{live_server.url}{reverse('diagnosticos:aplicacion_detalle', args=[aplicacion.pk])}"
    )
    coord.get_by_role("link", name=f"Resultados {dependencia.siglas}").click()
    coord.get_by_label("Observaciones para la institución").fill(
        "Revise el comité de vigilancia: el acta de integración que tenemos dice otra cosa."
    )
    coord.get_by_role("button", name="Devolver con observaciones").click()
    expect(coord.get_by_text("Devuelta con observaciones").first).to_be_visible()
    respuesta.refresh_from_db()
    assert respuesta.estado == Respuesta.Estado.DEVUELTA

    # 4. La persona responsable ve las observaciones, corrige y reenvía.
    contexto, page = sesion(browser, live_server, responsable)
    page.goto(url_responder)
    expect(page.get_by_text("acta de integración que tenemos")).to_be_visible()
    page.get_by_role("link", name=IGUALDAD).first.click()
    elegir(page, "comite_vigilancia", "Parcialmente", 2)
    page.goto(f"{live_server.url}{reverse('diagnosticos:respuesta_enviar', args=[respuesta.pk])}")
    page.get_by_role("button", name="Enviar a la Coordinación").click()
    expect(page.get_by_text("Se envió la respuesta a la Coordinación.")).to_be_visible()
    contexto.close()

    # 5. La Coordinación la acepta; resultados y PDF muestran los índices.
    coord.goto(url_resultado)
    coord.get_by_role("button", name="Aceptar").click()
    respuesta.refresh_from_db()
    assert respuesta.estado == Respuesta.Estado.ACEPTADA
    assert respuesta.indice is not None
    general = floatformat(respuesta.indice, "-2")
    expect(coord.locator("#titulo-general + div .cifra")).to_contain_text(general)
    expect(
        coord.get_by_text("Esta ronda es la línea base de la institución", exact=False)
    ).to_be_visible()
    pdf = coord.request.get(
        f"{live_server.url}{reverse('diagnosticos:resultado_pdf', args=[respuesta.pk])}"
    )
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    texto = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.body())).pages)
    assert general in texto
    assert dependencia.nombre in " ".join(texto.split())
    igualdad = floatformat(respuesta.indices["igualdad"], "-2")
    assert igualdad in texto
    coordinacion_contexto.close()
