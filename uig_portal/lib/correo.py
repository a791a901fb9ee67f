"""Avisos por correo: a quién se escribe y cómo se envía sin arriesgar lo ya guardado.

Cada aviso arma su texto dentro de la transacción (con los datos que se acaban de guardar) y
se envía con `transaction.on_commit`: si la transacción se revierte, no sale ningún correo, y
si el servidor de correo falla, el cambio ya guardado no se pierde (el error queda en el log).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

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


def enlace(nombre, *args):
    return settings.SITE_URL.rstrip("/") + reverse(nombre, args=args)


def enviar_al_confirmar(asunto, plantilla, contexto, destinatarios):
    if not destinatarios:
        return
    cuerpo = render_to_string(plantilla, contexto)
    asunto = f"{PREFIJO} {asunto}"

    def enviar():
        send_mail(asunto, cuerpo, None, destinatarios)

    # robust: un fallo del correo se registra, pero no convierte en error un cambio ya guardado.
    transaction.on_commit(enviar, robust=True)
