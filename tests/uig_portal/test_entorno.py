"""La configuración desde el entorno y el archivo .env local."""

import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from uig_portal.lib.entorno import cargar_archivo_env, envbool, envlist


def test_env_completa_sin_sobrescribir(tmp_path, monkeypatch):
    archivo = tmp_path / ".env"
    archivo.write_text(
        "# comentario\n\nUIG_PRUEBA_A=desde-archivo\nUIG_PRUEBA_B='con comillas'\nbasura\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("UIG_PRUEBA_A", "desde-entorno")
    monkeypatch.delenv("UIG_PRUEBA_B", raising=False)
    cargar_archivo_env(archivo)
    assert os.environ["UIG_PRUEBA_A"] == "desde-entorno"
    assert os.environ["UIG_PRUEBA_B"] == "con comillas"
    monkeypatch.delenv("UIG_PRUEBA_B")


def test_sin_archivo_no_pasa_nada(tmp_path):
    cargar_archivo_env(tmp_path / "no-existe")


def test_envbool_rechaza_valores_ambiguos(monkeypatch):
    monkeypatch.setenv("UIG_PRUEBA_BOOL", "yes")
    with pytest.raises(ImproperlyConfigured, match="'True' o 'False'"):
        envbool("UIG_PRUEBA_BOOL")
    monkeypatch.setenv("UIG_PRUEBA_BOOL", "True")
    assert envbool("UIG_PRUEBA_BOOL") is True


def test_envlist_separa_por_comas(monkeypatch):
    monkeypatch.setenv("UIG_PRUEBA_LISTA", " a.gob.mx, b.gob.mx ,,")
    assert envlist("UIG_PRUEBA_LISTA") == ["a.gob.mx", "b.gob.mx"]
