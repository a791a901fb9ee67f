"""Quién entra a cada URL de las propuestas del diagnóstico en el plan.

Decidir (adoptar o no) es de la persona responsable de la unidad (y de Administración, que
tiene todo); la Coordinación presenta las propuestas pero no las decide. La página de una
institución la ven la Coordinación y la propia institución (también Consulta, solo lectura);
el resumen de todas las instituciones es de la Coordinación.
"""

from datetime import date, timedelta

from diagnosticos.models import Propuesta
from tests.factories import AplicacionFactory, PlanFactory, RespuestaFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401
from uig_portal.lib.ejes import Eje

DECIDEN = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
SOLO_POST = {"anonimo": 302, "responsable": 405, "coordinacion": 405, "consulta": 405}
INSTITUCION = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
RESUMEN = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}


def _propuesta(m):
    apertura = date(2026, 3, 2)
    respuesta = RespuestaFactory(
        aplicacion=AplicacionFactory(apertura=apertura, cierre=apertura + timedelta(days=30)),
        dependencia=m.dependencia,
        estado="aceptada",
    )
    return Propuesta.objects.create(
        respuesta=respuesta,
        dependencia=m.dependencia,
        eje=Eje.VIOLENCIA,
        texto="Designar y capacitar personas consejeras.",
        estado=Propuesta.Estado.PRESENTADA,
    )


def plan_y_propuesta(m):
    plan = PlanFactory(unidad=m.dependencia.unidad, anio=2026)
    return [plan.pk, _propuesta(m).pk]


def no_adoptada(m):
    propuesta = _propuesta(m)
    propuesta.decision = Propuesta.Decision.NO_ADOPTADA
    propuesta.motivo = "Lo atiende otra área."
    propuesta.save()
    return [propuesta.pk]


def institucion(m):
    _propuesta(m)
    return [m.dependencia.pk]


MATRIZ = [
    Caso("planes:propuesta_reabrir", "post", DECIDEN, args=no_adoptada),
    Caso("planes:propuesta_reabrir", "get", SOLO_POST, args=no_adoptada),
    Caso("planes:propuesta_adoptar", "post", DECIDEN, args=plan_y_propuesta),
    Caso("planes:propuesta_adoptar", "get", SOLO_POST, args=plan_y_propuesta),
    Caso(
        "planes:propuesta_no_adoptar",
        "post",
        DECIDEN,
        args=plan_y_propuesta,
        datos=lambda m: {"motivo": "Lo atiende otra área."},
    ),
    Caso("planes:propuesta_no_adoptar", "get", SOLO_POST, args=plan_y_propuesta),
    Caso("planes:propuestas_institucion", "get", INSTITUCION, args=institucion),
    Caso(
        "planes:propuestas_institucion",
        "post",
        {"anonimo": 302, "coordinacion": 405, "responsable": 405},
        args=institucion,
    ),
    Caso("planes:propuestas_seguimiento", "get", RESUMEN),
    Caso("planes:propuestas_seguimiento", "post", {"anonimo": 302, "coordinacion": 405}),
]

test_permisos = probar_matriz(MATRIZ)
