import os
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from playwright.sync_api import expect

from tests.factories import DependenciaFactory, UsuarioFactory
from uig_portal.roles import Rol

# Playwright corre un bucle de eventos; el ORM en las pruebas de navegador es síncrono a propósito.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Con las pruebas repartidas entre los núcleos (make test), dos Chromium, dos servidores de
# prueba y los PDF de la otra mitad compiten por 2 CPU: una respuesta puede tardar más de los 5 s
# que `expect` espera por omisión. Se esperan 15 s; lo que de verdad falla, falla igual.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Los grupos de los roles existen en toda base de pruebas, como en producción."""
    with django_db_blocker.unblock():
        call_command("sincronizar_roles", verbosity=0, stdout=StringIO())


@pytest.fixture
def dependencia(db):
    return DependenciaFactory(siglas="PROPIA", nombre="Secretaría Propia")


@pytest.fixture
def otra_dependencia(db):
    return DependenciaFactory(siglas="AJENA", nombre="Secretaría Ajena")


@pytest.fixture
def coordinacion(db):
    return UsuarioFactory(username="coordinacion", rol=Rol.COORDINACION)


@pytest.fixture
def administracion(db):
    return UsuarioFactory(username="administracion", rol=Rol.ADMINISTRACION, is_staff=True)


@pytest.fixture
def responsable(dependencia):
    return UsuarioFactory(username="responsable", rol=Rol.RESPONSABLE, dependencia=dependencia)


@pytest.fixture
def responsable_ajena(otra_dependencia):
    return UsuarioFactory(
        username="responsable.ajena", rol=Rol.RESPONSABLE, dependencia=otra_dependencia
    )


@pytest.fixture
def consulta(dependencia):
    return UsuarioFactory(username="consulta", rol=Rol.CONSULTA, dependencia=dependencia)


@pytest.fixture
def sin_rol(db):
    return UsuarioFactory(username="sin.rol")


#: Espera, al terminar una prueba en Chromium, a que el autoguardado no tenga nada en curso.
ESPERAR_AUTOGUARDADO = """() => Promise.race([
    window.Autoguardado ? window.Autoguardado.guardarTodo().catch(() => null) : null,
    new Promise((listo) => setTimeout(listo, 3000)),
])"""
#: Y que al cerrarse la página no guarde nada: el autoguardado guarda lo pendiente cuando la
#: página se oculta (una petición «keepalive» que ya no pasa por las rutas de Playwright). Se
#: corta el evento en la fase de captura, en `window`, antes de que llegue a `document`.
CALLAR_AUTOGUARDADO = """() => window.addEventListener(
    "visibilitychange", (evento) => evento.stopImmediatePropagation(), true
)"""


class PeticionesEnCurso:
    """Cuántas peticiones atiende el servidor de pruebas (corre en un hilo de este proceso)."""

    def __init__(self):
        self.cuantas = 0
        self.ultima = 0.0
        self.candado = threading.Lock()
        request_started.connect(self.empieza, weak=False)
        request_finished.connect(self.termina, weak=False)

    def empieza(self, **kwargs):
        with self.candado:
            self.cuantas += 1
            self.ultima = time.monotonic()

    def termina(self, **kwargs):
        with self.candado:
            self.cuantas -= 1
            self.ultima = time.monotonic()

    def esperar_quietud(self, quietud=0.15, tope=5.0):
        """Hasta que no haya peticiones en curso ni haya llegado una en `quietud` segundos."""
        limite = time.monotonic() + tope
        while time.monotonic() < limite:
            with self.candado:
                quieto = self.cuantas <= 0 and time.monotonic() - self.ultima >= quietud
            if quieto:
                return
            time.sleep(0.02)


PETICIONES = PeticionesEnCurso()


@pytest.fixture
def context(context):
    """El contexto de Playwright, que al terminar deja quietas sus páginas antes de vaciar la
    base: un guardado del autoguardado que llegara al servidor mientras las pruebas
    transaccionales vacían las tablas las bloquearía (deadlock en PostgreSQL)."""
    yield context
    for pagina in context.pages:
        try:
            pagina.evaluate(ESPERAR_AUTOGUARDADO)
            pagina.evaluate(CALLAR_AUTOGUARDADO)
        except Exception:  # noqa: S110  (una página ya cerrada o navegando no tiene nada que esperar)
            pass
    # Al cerrarse, una página guarda lo pendiente (p. ej., un dato inválido que el servidor
    # rechazó): desde aquí ninguna petición sale hacia el servidor de pruebas.
    try:
        context.route("**/*", lambda ruta: ruta.abort())
    except Exception:  # noqa: S110  (la prueba ya cerró el contexto: no queda nada que cortar)
        PETICIONES.esperar_quietud()
        return
    for pagina in context.pages:
        pagina.close()
    # Lo que ya iba en camino termina antes de que la prueba vacíe la base.
    PETICIONES.esperar_quietud()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Chromium de Debian: Playwright no puede descargar su propio navegador aquí."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
