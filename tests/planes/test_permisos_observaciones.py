"""Quién responde las observaciones de un plan devuelto: la institución del plan (y
Administración). La Coordinación y Consulta no (403); otra institución no ve el plan (404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from planes import services
from planes.models import PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def devuelto(m):
    plan = PlanFactory(
        unidad=m.dependencia.unidad,
        estado=PlanTrabajo.Estado.ENVIADO,
        enviado_en=timezone.now(),
    )
    ActividadFactory(plan=plan)
    m.observacion = services.plan_observar(plan=plan, usuario=m.coordinacion, texto="Precise.")
    services.plan_devolver(plan=plan, usuario=m.coordinacion)
    return [plan.pk, m.observacion.pk]


def respuesta(m):
    prefijo = f"o{m.observacion.pk}"
    return {f"{prefijo}-respuesta": "Se precisó.", f"{prefijo}-revision": "1"}


RESPONDEN = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}

MATRIZ = [
    Caso("planes:observacion_responder", "post", RESPONDEN, args=devuelto, datos=respuesta),
    Caso("planes:observacion_responder", "get", {"responsable": 405, "coordinacion": 405},
         args=devuelto),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)


@pytest.mark.django_db
def test_anonimo_va_a_la_entrada_y_nada_se_guarda(client, mundo):  # noqa: F811
    url = reverse("planes:observacion_responder", args=devuelto(mundo))
    r = client.post(url, respuesta(mundo))
    assert r.status_code == 302 and r.url.startswith(reverse("login"))
    mundo.observacion.refresh_from_db()
    assert mundo.observacion.respuesta == ""
