"""En Chromium: la persona responsable contesta parte del diagnóstico (una pregunta condicional
aparece al contestar), cierra el navegador, vuelve a entrar desde otro, encuentra todo, termina
y envía. En el camino, un número mal escrito se explica junto a la pregunta sin borrarlo."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from diagnosticos import condiciones
from diagnosticos.models import Pregunta, Respuesta, Valor
from tests.diagnosticos import test_captura as base
from tests.factories import (
    AplicacionFactory,
    OpcionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
)
from tests.navegador.conftest import llenar_acceso

pytestmark = [pytest.mark.navegador, pytest.mark.django_db(transaction=True)]


def entrar(page, live_server, usuario):
    page.goto(f"{live_server.url}/cuenta/entrar/")
    llenar_acceso(page, usuario.username)
    expect(page).to_have_url(f"{live_server.url}/")


def guardada(page, codigo, revision):
    """Espera a que el servidor confirme el guardado de la pregunta con esa revisión."""
    expect(page.locator(f"#rev-{codigo}")).to_have_value(str(revision), timeout=15000)
    expect(page.locator(f"#estado-{codigo}")).to_contain_text("Guardado a las")


def test_responder_cerrar_volver_y_enviar(
    page: Page, browser: Browser, live_server, responsable, dependencia
):
    p = base.armar_version()
    respuesta = RespuestaFactory(
        aplicacion=AplicacionFactory(version=p.version, nombre="Diagnóstico 2026"),
        dependencia=dependencia,
    )
    entrar(page, live_server, responsable)
    page.goto(f"{live_server.url}{reverse('diagnosticos:mis_diagnosticos')}")
    page.get_by_role("link", name="Empezar").click()
    expect(page.get_by_role("heading", name="Diagnóstico institucional")).to_be_visible()
    page.get_by_role("link", name="Datos de la unidad").click()

    personal = page.locator("#pregunta-personal")
    expect(personal).to_be_hidden()
    page.locator("#pregunta-tiene_uig").get_by_label("Sí", exact=True).check()
    # La pregunta condicional aparece sin recargar.
    expect(personal).to_be_visible()
    guardada(page, "tiene_uig", 1)

    personal.get_by_label("¿Cuántas personas integran la UIG?").fill("4")
    guardada(page, "personal", 1)
    personal.get_by_text("Agregar un comentario").click()
    personal.get_by_label("Comentario a la pregunta personal").fill("Dos de medio tiempo")
    guardada(page, "personal", 2)

    mujeres = page.locator("#pregunta-mujeres")
    campo = mujeres.get_by_label("Porcentaje de mujeres en puestos directivos")
    campo.fill("ciento")
    expect(mujeres.locator("#error-mujeres")).to_contain_text("Escriba un número")
    expect(campo).to_have_value("ciento")
    expect(campo).to_have_attribute("aria-invalid", "true")
    campo.fill("45")
    guardada(page, "mujeres", 1)
    expect(page.locator("#avance-seccion")).to_contain_text("3 de 3 preguntas contestadas")

    # Cierra el navegador y vuelve a entrar en otro: todo sigue ahí.
    page.context.close()
    contexto = browser.new_context()
    page = contexto.new_page()
    entrar(page, live_server, responsable)
    page.goto(f"{live_server.url}{reverse('diagnosticos:responder', args=[respuesta.pk])}")
    expect(page.get_by_text("3 de 3 contestadas")).to_be_visible()
    page.get_by_role("link", name="Datos de la unidad").click()
    expect(page.locator("#pregunta-tiene_uig").get_by_label("Sí", exact=True)).to_be_checked()
    personal = page.locator("#pregunta-personal")
    expect(personal.get_by_label("¿Cuántas personas integran la UIG?")).to_have_value("4")
    expect(personal.get_by_label("Comentario a la pregunta personal")).to_have_value(
        "Dos de medio tiempo"
    )
    expect(
        page.locator("#pregunta-mujeres").get_by_label(
            "Porcentaje de mujeres en puestos directivos"
        )
    ).to_have_value("45")

    page.get_by_role("button", name="Sección siguiente").click()
    # «protocolo» depende de una respuesta de la otra sección.
    protocolo = page.locator("#pregunta-protocolo")
    expect(protocolo).to_be_visible()
    protocolo.get_by_label("Uno propio").check()
    guardada(page, "protocolo", 1)
    page.locator("#pregunta-acciones").get_by_label("Cursos").check()
    guardada(page, "acciones", 1)
    acuerdo = page.locator("#pregunta-acuerdo")
    ejemplar = page.locator("#pregunta-ejemplar")
    expect(ejemplar).to_be_hidden()
    acuerdo.get_by_label("Totalmente de acuerdo", exact=True).check()
    expect(ejemplar).to_be_visible()
    guardada(page, "acuerdo", 1)
    acuerdo.get_by_label("De acuerdo", exact=True).check()
    expect(ejemplar).to_be_hidden()
    guardada(page, "acuerdo", 2)

    page.get_by_role("button", name="Revisar y enviar").click()
    expect(page.get_by_text("Todas las preguntas obligatorias están contestadas.")).to_be_visible()
    page.get_by_role("button", name="Enviar a la Coordinación").click()
    expect(page.get_by_text("Se envió la respuesta a la Coordinación.")).to_be_visible()
    respuesta.refresh_from_db()
    assert respuesta.estado == Respuesta.Estado.ENVIADA
    assert Valor.objects.get(respuesta=respuesta, pregunta=p.personal).comentario == (
        "Dos de medio tiempo"
    )
    assert Valor.objects.get(respuesta=respuesta, pregunta=p.acciones).valor == ["cursos"]
    contexto.close()


def _version_condicional():
    """Condiciones de todos los operadores, una cadena (c depende de b, que depende de a) y
    uniones «y» / «o»."""
    seccion = SeccionFactory(codigo="todo", titulo="Condiciones")
    crear = {"seccion": seccion, "obligatoria": False}
    PreguntaFactory(**crear, orden=1, codigo="a", texto="Pregunta A")
    regla = {"pregunta": "a", "operador": "igual", "valor": "si"}
    PreguntaFactory(
        **crear,
        orden=2,
        codigo="b",
        texto="Pregunta B",
        tipo=Pregunta.Tipo.ENTERO,
        condicion={"union": "y", "reglas": [regla]},
    )
    regla = {"pregunta": "b", "operador": "mayor", "valor": 10}
    PreguntaFactory(
        **crear,
        orden=3,
        codigo="c",
        texto="Pregunta C",
        tipo=Pregunta.Tipo.TEXTO,
        condicion={"union": "y", "reglas": [regla]},
    )
    d = PreguntaFactory(
        **crear, orden=4, codigo="d", texto="Pregunta D", tipo=Pregunta.Tipo.OPCION_MULTIPLE
    )
    for orden, valor in enumerate(["x", "y", "z"]):
        OpcionFactory(pregunta=d, orden=orden, valor=valor, etiqueta=f"Opción {valor.upper()}")
    reglas = [
        {"pregunta": "d", "operador": "contiene", "valor": "x"},
        {"pregunta": "a", "operador": "uno_de", "valor": ["no", "na"]},
    ]
    PreguntaFactory(
        **crear,
        orden=5,
        codigo="e",
        texto="Pregunta E",
        tipo=Pregunta.Tipo.TEXTO,
        condicion={"union": "o", "reglas": reglas},
    )
    reglas = [
        {"pregunta": "b", "operador": "menor", "valor": "5"},
        {"pregunta": "d", "operador": "distinto", "valor": "z"},
    ]
    PreguntaFactory(
        **crear,
        orden=6,
        codigo="f",
        texto="Pregunta F",
        tipo=Pregunta.Tipo.TEXTO,
        condicion={"union": "y", "reglas": reglas},
    )
    return seccion.version


def test_vista_previa_evalua_como_el_servidor(page: Page, live_server, coordinacion):
    """Cada combinación de respuestas muestra en el navegador exactamente las preguntas que
    `condiciones.visibles` muestra en el servidor."""
    version = _version_condicional()
    preguntas = list(version.preguntas())
    entrar(page, live_server, coordinacion)
    page.goto(f"{live_server.url}{reverse('diagnosticos:version_vista_previa', args=[version.pk])}")
    expect(page.get_by_text("Vista previa: nada se guarda.")).to_be_visible()

    def pregunta(codigo):
        return page.locator(f"#pregunta-{codigo}")

    def elegir_a(valor):
        etiqueta = {"si": "Sí", "no": "No", "na": "No aplica"}[valor]
        pregunta("a").get_by_label(etiqueta, exact=True).check()

    def marcar_d(elegidos):
        for valor in ["x", "y", "z"]:
            casilla = pregunta("d").get_by_label(f"Opción {valor.upper()}")
            casilla.set_checked(valor in elegidos)

    escenarios = [
        ({"a": "si"}, lambda: elegir_a("si")),
        (
            {"a": "si", "b": "12"},
            lambda: pregunta("b").get_by_role("textbox", name="Pregunta B (b)").fill("12"),
        ),
        (
            {"a": "si", "b": "3"},
            lambda: pregunta("b").get_by_role("textbox", name="Pregunta B (b)").fill("3"),
        ),
        ({"a": "si", "b": "3", "d": ["z"]}, lambda: marcar_d(["z"])),
        ({"a": "si", "b": "3", "d": ["x", "y"]}, lambda: marcar_d(["x", "y"])),
        (
            {"a": "si", "b": "30", "d": ["x", "y"]},
            lambda: pregunta("b").get_by_role("textbox", name="Pregunta B (b)").fill("30"),
        ),
        # «a» = no esconde «b»; su 30 (aún escrito) ya no cuenta para «c».
        ({"a": "no", "b": "30", "d": ["x", "y"]}, lambda: elegir_a("no")),
        ({"a": "na", "b": "30", "d": []}, lambda: (elegir_a("na"), marcar_d([]))),
    ]
    for valores, accion in escenarios:
        accion()
        esperadas = condiciones.visibles(preguntas, valores)
        for p in preguntas:
            localizador = pregunta(p.codigo)
            if p.codigo in esperadas:
                expect(localizador, f"{p.codigo} con {valores}").to_be_visible()
            else:
                expect(localizador, f"{p.codigo} con {valores}").to_be_hidden()
    assert not Valor.objects.exists()
