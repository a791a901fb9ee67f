import pytest

from difusion.demo import MATERIALES, cargar_difusion
from difusion.models import Material

pytestmark = pytest.mark.django_db


def test_los_materiales_de_demostracion_se_cargan_una_vez_y_enlazan_al_portal(
    client, coordinacion, responsable, settings
):
    settings.SITE_URL = "https://uig.zacatecas.gob.mx"
    assert cargar_difusion(coordinacion) == len(MATERIALES)
    assert cargar_difusion(coordinacion) == 0
    assert Material.objects.count() == len(MATERIALES)
    guia = Material.objects.get(tema=Material.Tema.INSTALACION)
    assert guia.enlace == "https://uig.zacatecas.gob.mx/guia-de-instalacion/"
    client.force_login(responsable)
    texto = client.get("/materiales/").content.decode()
    assert "Guía metodológica del plan de trabajo (PDF)" in texto
