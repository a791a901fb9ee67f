"""Quién puede crear y editar planes, y ver la guía metodológica.

Crear y editar es de la persona responsable de la unidad (y de Administración); la Coordinación
y Consulta solo leen. El plan de otra institución no existe para quien no es de ella (404).
"""

from django.utils import timezone

from planes.models import PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

ANIO = timezone.localdate().year

LECTURA = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
CREAN = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 200,
    "responsable": 200,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
EDITAN = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 200,
    "responsable": 200,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: Las acciones POST sin JavaScript terminan en una redirección al editor.
EDITAN_POST = {**EDITAN, "administracion": 302, "responsable": 302}


def plan(m, **campos):
    return PlanFactory(unidad=m.dependencia.unidad, anio=ANIO, **campos)


def con_actividad(m):
    """Crea un plan con dos actividades y deja la primera en el mundo, para los datos."""
    m.actividad = ActividadFactory(plan=plan(m), orden=1)
    ActividadFactory(plan=m.actividad.plan, orden=2)
    return [m.actividad.plan_id, m.actividad.pk]


def plan_aprobado(m):
    return [plan(m, estado=PlanTrabajo.Estado.APROBADO).pk]


MATRIZ = [
    Caso("planes:nuevo", "get", CREAN),
    Caso("planes:nuevo", "post", {**CREAN, "administracion": 302, "responsable": 302,
                                  "responsable_ajena": 302},
         datos=lambda m: {"anio": ANIO, "dependencia": m.dependencia.pk}),
    Caso("planes:nuevo", "put", {"responsable": 405}),
    Caso("planes:editar", "get", EDITAN, args=lambda m: [plan(m).pk]),
    Caso("planes:editar", "get", {**EDITAN, "administracion": 302, "responsable": 302},
         args=plan_aprobado),
    Caso("planes:editar", "post", {"responsable": 405}, args=lambda m: [plan(m).pk]),
    Caso("planes:encabezado_guardar", "post", EDITAN_POST, args=lambda m: [plan(m).pk],
         datos=lambda m: {"encabezado-revision": "1", "encabezado-compromiso": "Igualdad"}),
    Caso("planes:encabezado_guardar", "get", {"anonimo": 302, "responsable": 405},
         args=lambda m: [plan(m).pk]),
    Caso("planes:actividad_guardar", "post", EDITAN_POST, args=con_actividad,
         datos=lambda m: {f"a{m.actividad.pk}-revision": "1",
                          f"a{m.actividad.pk}-objetivo": "Sensibilizar"}),
    Caso("planes:actividad_guardar", "get", {"anonimo": 302, "responsable": 405},
         args=con_actividad),
    Caso("planes:actividad_agregar", "post", EDITAN_POST, args=lambda m: [plan(m).pk]),
    Caso("planes:actividad_agregar", "get", {"anonimo": 302, "responsable": 405},
         args=lambda m: [plan(m).pk]),
    Caso("planes:actividad_duplicar", "post", EDITAN_POST, args=con_actividad),
    Caso("planes:actividad_duplicar", "get", {"responsable": 405}, args=con_actividad),
    Caso("planes:actividad_eliminar", "post", EDITAN_POST, args=con_actividad,
         datos=lambda m: {"confirmar": "si"}),
    Caso("planes:actividad_eliminar", "post", EDITAN, args=con_actividad),  # confirmación
    Caso("planes:actividad_eliminar", "get", {"responsable": 405}, args=con_actividad),
    Caso("planes:actividad_mover", "post", EDITAN_POST, args=con_actividad,
         datos=lambda m: {"direccion": "abajo"}),
    Caso("planes:actividad_mover", "get", {"responsable": 405}, args=con_actividad),
    Caso("planes:guia", "get", LECTURA),
    Caso("planes:guia", "post", {"responsable": 405}),
    Caso("planes:guia_pdf", "get", LECTURA),
    Caso("planes:guia_pdf", "post", {"responsable": 405}),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
