"""Lo que la lista de verificación de la instalación (unidades) lee de planes: el primer plan
de trabajo aprobado y el primer informe trimestral enviado de cada institución.

`PlanesConfig.ready()` registra estas búsquedas en `unidades.pasos_del_portal`; unidades no
importa planes.
"""

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planes.models import InformeTrimestral, PlanTrabajo
from unidades.pasos_del_portal import Registro, RegistroDelPortal, registrar


def _fecha(momento):
    return timezone.localdate(momento) if momento else None


def primer_plan_aprobado(dependencia_id):
    """El primer plan de trabajo que la Coordinación aprobó a la institución (cualquier año)."""
    plan = (
        PlanTrabajo.objects.filter(
            unidad__dependencia_id=dependencia_id, estado=PlanTrabajo.Estado.APROBADO
        )
        .order_by(F("aprobado_en").asc(nulls_last=True), "anio", "version", "pk")
        .first()
    )
    if plan is None:
        return None
    return RegistroDelPortal(
        fecha=_fecha(plan.aprobado_en),
        descripcion=_("Plan de trabajo %(anio)s aprobado") % {"anio": plan.anio},
        url=plan.get_absolute_url(),
    )


def primer_informe_enviado(dependencia_id):
    """El primer informe trimestral que la institución envió a la Coordinación."""
    informe = (
        InformeTrimestral.objects.filter(
            plan__unidad__dependencia_id=dependencia_id,
            estado=InformeTrimestral.Estado.ENVIADO,
        )
        .select_related("plan")
        .order_by(F("enviado_en").asc(nulls_last=True), "pk")
        .first()
    )
    if informe is None:
        return None
    return RegistroDelPortal(
        fecha=_fecha(informe.enviado_en),
        descripcion=_("Informe del %(trimestre)s de %(anio)s")
        % {"trimestre": informe.get_trimestre_display().lower(), "anio": informe.plan.anio},
        url=reverse("planes:informe", args=[informe.plan_id, informe.trimestre]),
    )


def registrar_pasos():
    registrar(Registro.PLAN, primer_plan_aprobado)
    registrar(Registro.INFORME, primer_informe_enviado)
