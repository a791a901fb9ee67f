"""Quién puede ver el plan, enviarlo, revisarlo, aprobarlo, modificarlo, y la lista y sus
exportaciones. Los planes son de la institución de `responsable` y `consulta`."""

from django.core.files.base import ContentFile
from django.utils import timezone

from planes.models import Observacion, PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory, pdf_minimo
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

Estado = PlanTrabajo.Estado


def borrador(m):
    plan = PlanFactory(unidad=m.dependencia.unidad)
    ActividadFactory(plan=plan)
    return [plan.pk]


def enviado(m, observado=False):
    plan = PlanFactory(
        unidad=m.dependencia.unidad, estado=Estado.ENVIADO, enviado_en=timezone.now()
    )
    ActividadFactory(plan=plan)
    if observado:
        Observacion.objects.create(plan=plan, texto="Precise la meta.", autor=m.coordinacion)
    return [plan.pk]


def aprobado(m):
    plan = PlanFactory(
        unidad=m.dependencia.unidad,
        estado=Estado.APROBADO,
        enviado_en=timezone.now(),
        aprobado_en=timezone.now(),
        aprobado_por=m.coordinacion,
    )
    ActividadFactory(plan=plan)
    plan.pdf_oficial.save("plan-prueba.pdf", ContentFile(pdf_minimo()))
    return [plan.pk]


LECTURA = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: Enviar y modificar: la institución (y Administración, que tiene todos los permisos).
INSTITUCION = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: Revisar: la Coordinación (y Administración). Sin el permiso, 403 antes de buscar el plan.
REVISION = {
    "anonimo": 302,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
#: Exportar: quien ve todas las instituciones.
GLOBAL = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
CONFIRMAR = {"confirmar": "si"}

MATRIZ = [
    Caso("planes:lista", "get", {**LECTURA, "responsable_ajena": 200}),
    Caso("planes:lista", "post", {"coordinacion": 405, "responsable": 405}),
    Caso("planes:detalle", "get", LECTURA, args=borrador),
    Caso("planes:detalle", "get", LECTURA, args=aprobado),
    Caso("planes:detalle", "post", {"responsable": 405, "coordinacion": 405}, args=borrador),
    Caso("planes:pdf", "get", LECTURA, args=borrador),
    Caso("planes:pdf", "get", LECTURA, args=aprobado),
    Caso("planes:pdf", "post", {"responsable": 405}, args=aprobado),
    Caso("planes:enviar_confirmar", "get",
         {**INSTITUCION, "administracion": 200, "responsable": 200}, args=borrador),
    Caso("planes:enviar_confirmar", "post", {"responsable": 405}, args=borrador),
    Caso("planes:enviar", "post", INSTITUCION, args=borrador, datos=lambda m: CONFIRMAR),
    Caso("planes:enviar", "get", {"responsable": 405}, args=borrador),
    Caso("planes:observar", "post", REVISION, args=enviado,
         datos=lambda m: {"texto": "Revise el indicador."}),
    Caso("planes:observar", "get", {"coordinacion": 405}, args=enviado),
    Caso("planes:devolver", "post", REVISION, args=lambda m: enviado(m, observado=True)),
    Caso("planes:devolver", "get", {"coordinacion": 405}, args=enviado),
    Caso("planes:aprobar_confirmar", "get",
         {**REVISION, "coordinacion": 200, "administracion": 200}, args=enviado),
    Caso("planes:aprobar_confirmar", "post", {"coordinacion": 405}, args=enviado),
    Caso("planes:aprobar", "post", REVISION, args=enviado, datos=lambda m: CONFIRMAR),
    Caso("planes:aprobar", "get", {"coordinacion": 405}, args=enviado),
    Caso("planes:modificar", "post", INSTITUCION, args=aprobado,
         datos=lambda m: {"motivo": "Cambio de titular de la institución"}),
    Caso("planes:modificar", "get", {"responsable": 405}, args=aprobado),
    Caso("planes:exportar_actividades", "get", GLOBAL),
    Caso("planes:exportar_actividades", "post", {"coordinacion": 405}),
    Caso("planes:exportar_seguimiento", "get", GLOBAL),
    Caso("planes:exportar_seguimiento", "post", {"coordinacion": 405}),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
