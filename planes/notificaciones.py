"""Avisos por correo del flujo del plan de trabajo.

Cada aviso arma su texto dentro de la transacción (con los datos que se acaban de guardar) y
se envía con `transaction.on_commit`: si la transacción se revierte, no sale ningún correo, y
si el servidor de correo falla, el cambio ya guardado no se pierde (el error queda en el log).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from uig_portal.models import Usuario
from uig_portal.roles import Rol

PREFIJO = "[Portal UIG]"


def correos_coordinacion():
    """Correos de las personas activas del grupo Coordinación."""
    return _correos(Usuario.objects.filter(groups__name=Rol.COORDINACION.value))


def correos_responsables(dependencia):
    """Correos de las personas responsables de UIG activas de una institución."""
    return _correos(
        Usuario.objects.filter(groups__name=Rol.RESPONSABLE.value, dependencia=dependencia)
    )


def _correos(usuarios):
    return sorted(
        set(
            usuarios.filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
    )


def _enlace(nombre, *args):
    return settings.SITE_URL.rstrip("/") + reverse(nombre, args=args)


def _enviar_al_confirmar(asunto, plantilla, contexto, destinatarios):
    if not destinatarios:
        return
    cuerpo = render_to_string(plantilla, contexto)
    asunto = f"{PREFIJO} {asunto}"

    def enviar():
        send_mail(asunto, cuerpo, None, destinatarios)

    # robust: un fallo del correo se registra, pero no convierte en error un cambio ya guardado.
    transaction.on_commit(enviar, robust=True)


def avisar_envio(plan, *, reenvio, actividades):
    dependencia = plan.unidad.dependencia
    if reenvio:
        asunto = _("%(siglas)s reenvió su plan de trabajo %(anio)s con las correcciones")
    else:
        asunto = _("%(siglas)s envió su plan de trabajo %(anio)s a revisión")
    _enviar_al_confirmar(
        asunto % {"siglas": dependencia.siglas, "anio": plan.anio},
        "planes/correo_plan_enviado.txt",
        {
            "plan": plan,
            "dependencia": dependencia,
            "reenvio": reenvio,
            "actividades": actividades,
            "enlace": _enlace("planes:detalle", plan.pk),
        },
        correos_coordinacion(),
    )


def avisar_devolucion(plan, observaciones, numeros):
    """`numeros` da el número de cada actividad en el plan (pk → número)."""
    dependencia = plan.unidad.dependencia
    _enviar_al_confirmar(
        _("Su plan de trabajo %(anio)s tiene observaciones de la Coordinación")
        % {"anio": plan.anio},
        "planes/correo_plan_devuelto.txt",
        {
            "plan": plan,
            "dependencia": dependencia,
            "observaciones": [
                (numeros.get(o.actividad_id) if o.actividad_id else None, o) for o in observaciones
            ],
            "enlace": _enlace("planes:detalle", plan.pk),
        },
        correos_responsables(dependencia),
    )


def avisar_aprobacion(plan):
    dependencia = plan.unidad.dependencia
    _enviar_al_confirmar(
        _("Su plan de trabajo %(anio)s fue aprobado") % {"anio": plan.anio},
        "planes/correo_plan_aprobado.txt",
        {
            "plan": plan,
            "dependencia": dependencia,
            "enlace": _enlace("planes:detalle", plan.pk),
            "enlace_pdf": _enlace("planes:pdf", plan.pk),
        },
        correos_responsables(dependencia),
    )
