"""Ajustes para las pruebas: los de producción, con lo mínimo cambiado para correr local."""

import os

os.environ.setdefault("SECRET_KEY", "clave-solo-para-pruebas-" + "x" * 40)
os.environ.setdefault("DEBUG", "False")

from uig_portal.settings import *  # noqa: E402,F403

# Las pruebas hablan HTTP con el servidor de pruebas: sin redirección a HTTPS ni cookies seguras.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Hash rápido: las contraseñas de prueba no necesitan resistir ataques.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sin manifiesto: las pruebas renderizan plantillas sin haber corrido collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "media-pruebas"  # noqa: F405

# El servidor de las pruebas de navegador sirve los estáticos desde static/.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Sin el pool de conexiones de PostgreSQL: el servidor de las pruebas de navegador vive en hilos
# de este proceso, y una petición que llega tarde (cuando la prueba ya no permite tocar la base)
# no devuelve su conexión al pool; tras unas cuantas, las peticiones siguientes esperaban 30 s
# una conexión libre y la prueba fallaba por tiempo. Cada petición abre y cierra la suya.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)  # noqa: F405
