import os
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import DependenciaFactory, UsuarioFactory
from uig_portal.roles import Rol

# Playwright corre un bucle de eventos; el ORM en las pruebas de navegador es síncrono a propósito.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


@pytest.fixture
def context(context):
    """El contexto de Playwright, que al terminar deja quietas sus páginas antes de vaciar la
    base: un guardado del autoguardado que llegara al servidor mientras las pruebas
    transaccionales vacían las tablas las bloquearía (deadlock en PostgreSQL)."""
    yield context
    for pagina in context.pages:
        try:
            pagina.evaluate(ESPERAR_AUTOGUARDADO)
        except Exception:  # noqa: S110  (una página ya cerrada o navegando no tiene nada que esperar)
            pass
    # Al cerrarse, una página guarda lo pendiente (p. ej., un dato inválido que el servidor
    # rechazó): desde aquí ninguna petición sale hacia el servidor de pruebas.
    try:
        context.route("**/*", lambda ruta: ruta.abort())
    except Exception:  # noqa: S110  (la prueba ya cerró el contexto: no queda nada que cortar)
        return
    for pagina in context.pages:
        pagina.close()


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
