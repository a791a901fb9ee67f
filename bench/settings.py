"""Ajustes del bench: los de producción, con su propia base de datos y lo mínimo cambiado.

La base sale de BENCH_DATABASE_URL (por omisión la base local uig_bench), nunca de
DATABASE_URL, para no llenar con datos sintéticos la base de desarrollo o de producción.
"""

import os

import dj_database_url

# Se mide la configuración de producción: DEBUG apagado siempre.
os.environ["DEBUG"] = "False"
os.environ.setdefault("SECRET_KEY", "clave-solo-para-el-bench-" + "x" * 40)

from uig_portal.settings import *  # noqa: E402,F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["testserver"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

BENCH_DATABASE_URL = os.getenv("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uig_bench")
DATABASES = {"default": dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # El mismo pool de psycopg 3 que en producción (exige CONN_MAX_AGE = 0).
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 4}

# Hash rápido: las cuentas del bench son desechables.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sin manifiesto: el bench renderiza plantillas sin haber corrido collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Solo avisos y errores; los 404/403 esperados de django.request no ensucian la salida.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "ERROR"},
    },
}

# Sin collectstatic: WhiteNoise indexa static/ al arrancar (como en producción, sin autorefresh).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
