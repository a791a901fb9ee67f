"""Quién entra a cada URL del seguimiento trimestral (matriz compartida de tests/permisos.py)."""

from django.utils import timezone

from planes.models import EvidenciaSeguimiento, InformeTrimestral, Seguimiento
from tests.factories import ActividadFactory, PlanFactory, archivo_pdf
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

LECTURA = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: Capturar, enviar y subir evidencias: solo la unidad (y Administración, que tiene todo).
CAPTURA = {
    "anonimo": 302,
    "coordinacion": 403,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: El comentario de la Coordinación: la unidad tiene change_seguimiento, pero no revisar_plan.
COMENTARIO = {
    "anonimo": 302,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}


def plan(m):
    plan = PlanFactory(unidad=m.dependencia.unidad, estado="aprobado", anio=2026)
    ActividadFactory(plan=plan)
    return plan


def con_informe(m, estado="borrador"):
    """Un plan con su informe del primer trimestre completo; devuelve (plan, actividad)."""
    p = plan(m)
    actividad = p.actividades.get()
    informe = InformeTrimestral.objects.create(
        plan=p,
        trimestre=1,
        estado=estado,
        enviado_en=timezone.now() if estado == "enviado" else None,
    )
    Seguimiento.objects.create(
        informe=informe, actividad=actividad, valor_alcanzado=5, estado="en_proceso"
    )
    return p, actividad


def evidencia(m):
    p, actividad = con_informe(m)
    e = EvidenciaSeguimiento.objects.create(
        seguimiento=Seguimiento.objects.get(actividad=actividad),
        archivo=archivo_pdf("lista.pdf"),
        nombre_original="lista.pdf",
        tipo_contenido="application/pdf",
        tamano=100,
    )
    return [p.pk, e.pk]


def captura(m):
    """Un POST válido del formset para la única actividad del último plan creado."""
    actividad = m.dependencia.unidad.planes.latest("pk").actividades.get()
    return {
        "seg-TOTAL_FORMS": "1",
        "seg-INITIAL_FORMS": "0",
        "seg-MIN_NUM_FORMS": "0",
        "seg-MAX_NUM_FORMS": "1000",
        "revision": "0",
        f"seg-{actividad.pk}-valor_alcanzado": "3",
        f"seg-{actividad.pk}-estado": "en_proceso",
    }


def informe_args(estado="borrador"):
    def args(m):
        p, _actividad = con_informe(m, estado)
        return [p.pk, 1]

    return args


def actividad_args(estado="borrador"):
    def args(m):
        p, actividad = con_informe(m, estado)
        return [p.pk, 1, actividad.pk]

    return args


MATRIZ = [
    Caso("planes:seguimiento", "get", LECTURA, args=lambda m: [plan(m).pk]),
    Caso("planes:seguimiento", "post", {"responsable": 405}, args=lambda m: [plan(m).pk]),
    Caso("planes:informe", "get", LECTURA, args=lambda m: [plan(m).pk, 1]),
    Caso("planes:informe", "post", CAPTURA, args=lambda m: [plan(m).pk, 1], datos=captura),
    Caso("planes:informe", "put", {"responsable": 405}, args=lambda m: [plan(m).pk, 1]),
    Caso("planes:informe_pdf", "get", LECTURA, args=informe_args()),
    Caso("planes:informe_pdf", "post", {"responsable": 405}, args=informe_args()),
    Caso("planes:informe_enviar", "post", CAPTURA, args=informe_args(),
         datos=lambda m: {"confirmar": "on"}),
    Caso("planes:informe_enviar", "get", {"responsable": 405, "coordinacion": 405},
         args=informe_args()),
    Caso("planes:seguimiento_evidencia_subir", "post", CAPTURA, args=actividad_args(),
         datos=lambda m: {"archivo": archivo_pdf()}),
    Caso("planes:seguimiento_evidencia_subir", "get", {"responsable": 405},
         args=actividad_args()),
    Caso("planes:seguimiento_evidencia", "get", LECTURA, args=evidencia),
    Caso("planes:seguimiento_evidencia", "post", {"responsable": 405}, args=evidencia),
    Caso("planes:seguimiento_comentar", "post", COMENTARIO, args=actividad_args("enviado"),
         datos=lambda m: {"comentario_coordinacion": "Anexe las listas de asistencia."}),
    Caso("planes:seguimiento_comentar", "get", {"coordinacion": 405},
         args=actividad_args("enviado")),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
