"""El admin de materiales: lista con filtros y búsqueda, y su historial."""

import pytest
from django.urls import reverse

from tests.difusion.materiales import MaterialFactory

pytestmark = pytest.mark.django_db


def test_admin_lista_busca_y_muestra_historial(client, administracion):
    material = MaterialFactory(titulo="Guía metodológica del plan")
    MaterialFactory(titulo="Cartel de campaña")
    client.force_login(administracion)
    r = client.get(reverse("admin:difusion_material_changelist"), {"q": "metodológica"})
    assert r.status_code == 200
    assert list(r.context["cl"].result_list) == [material]
    r = client.get(reverse("admin:difusion_material_history", args=[material.pk]))
    assert r.status_code == 200
    assert len(r.context["page_obj"].object_list) == 1
