import pytest


@pytest.fixture(autouse=True)
def media_temporal(settings, tmp_path):
    """Cada prueba guarda sus archivos en una carpeta propia que se borra al terminar."""
    settings.MEDIA_ROOT = tmp_path / "media"
