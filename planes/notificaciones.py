"""Avisos por correo del flujo del plan de trabajo (ver `uig_portal.lib.correo`)."""

from django.utils.translation import gettext as _

from uig_portal.lib.correo import (
    correos_coordinacion,
    correos_responsables,
    enlace,
    enviar_al_confirmar,
)


def avisar_envio(plan, *, reenvio, actividades):
    dependencia = plan.unidad.dependencia
    if reenvio:
        asunto = _("%(siglas)s reenvió su plan de trabajo %(anio)s con las correcciones")
    else:
        asunto = _("%(siglas)s envió su plan de trabajo %(anio)s a revisión")
    enviar_al_confirmar(
        asunto % {"siglas": dependencia.siglas, "anio": plan.anio},
        "planes/correo_plan_enviado.txt",
        {
            "plan": plan,
            "dependencia": dependencia,
            "reenvio": reenvio,
            "actividades": actividades,
            "enlace": enlace("planes:detalle", plan.pk),
        },
        correos_coordinacion(),
    )


def avisar_devolucion(plan, observaciones, numeros):
    """`numeros` da el número de cada actividad en el plan (pk → número)."""
    dependencia = plan.unidad.dependencia
    enviar_al_confirmar(
        _("Su plan de trabajo %(anio)s tiene observaciones de la Coordinación")
        % {"anio": plan.anio},
        "planes/correo_plan_devuelto.txt",
        {
            "plan": plan,
            "dependencia": dependencia,
            "observaciones": [
                (numeros.get(o.actividad_id) if o.actividad_id else None, o) for o in observaciones
            ],
            "enlace": enlace("planes:detalle", plan.pk),
        },
        correos_responsables(dependencia),
    )


def avisar_aprobacion(plan):
    dependencia = plan.unidad.dependencia
    enviar_al_confirmar(
        _("Su plan de trabajo %(anio)s fue aprobado") % {"anio": plan.anio},
        "planes/correo_plan_aprobado.txt",
        {
            "plan": plan,
            "dependencia": dependencia,
            "enlace": enlace("planes:detalle", plan.pk),
            "enlace_pdf": enlace("planes:pdf", plan.pk),
        },
        correos_responsables(dependencia),
    )
