"""Avisos por correo de las rondas del diagnóstico (ver `uig_portal.lib.correo`).

Como en el resto del portal, los correos se arman dentro de la transacción y se envían al
confirmarla (`transaction.on_commit`, robusto): si la transacción se revierte no sale nada, y
si el servidor de correo falla, lo guardado no se pierde. Los avisos masivos (apertura de una
ronda, recordatorios) van en una sola conexión al servidor de correo y con una consulta para
los correos de todas las instituciones, porque una ronda puede tener miles.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from uig_portal.lib.correo import (
    PREFIJO,
    correos_responsables,
    enlace,
    enviar_al_confirmar,
)
from uig_portal.models import Usuario
from uig_portal.roles import Rol


def correos_por_dependencia(dependencia_ids):
    """{pk de institución: [correos de sus responsables activas]} en una consulta."""
    resultado = {}
    if not dependencia_ids:
        return resultado
    filas = (
        Usuario.objects.filter(
            groups__name=Rol.RESPONSABLE.value,
            dependencia_id__in=list(dependencia_ids),
            is_active=True,
        )
        .exclude(email="")
        .values_list("dependencia_id", "email")
        .distinct()
    )
    for dependencia_id, correo in filas:
        resultado.setdefault(dependencia_id, set()).add(correo)
    return {pk: sorted(correos) for pk, correos in resultado.items()}


def enlace_respuesta(respuesta):
    return enlace("diagnosticos:responder", respuesta.pk)


def enlace_resultado(respuesta):
    return enlace("diagnosticos:resultado", respuesta.pk)


def _enviar_varios_al_confirmar(mensajes):
    """Envía [(asunto, cuerpo, destinatarios)] por una sola conexión al confirmar."""
    correos = [
        EmailMessage(f"{PREFIJO} {asunto}", cuerpo, settings.DEFAULT_FROM_EMAIL, destinatarios)
        for asunto, cuerpo, destinatarios in mensajes
        if destinatarios
    ]
    if not correos:
        return

    def enviar():
        get_connection().send_messages(correos)

    transaction.on_commit(enviar, robust=True)


def avisar_apertura(aplicacion, respuestas):
    """El aviso de que la ronda abrió, a las personas responsables de cada institución."""
    correos = correos_por_dependencia({r.dependencia_id for r in respuestas})
    asunto = _("Se abrió el diagnóstico «%(ronda)s»") % {"ronda": aplicacion.nombre}
    mensajes = [
        (
            asunto,
            render_to_string(
                "diagnosticos/correo_ronda_abierta.txt",
                {
                    "aplicacion": aplicacion,
                    "dependencia": respuesta.dependencia,
                    "enlace": enlace_respuesta(respuesta),
                },
            ),
            correos[respuesta.dependencia_id],
        )
        for respuesta in respuestas
        if respuesta.dependencia_id in correos
    ]
    _enviar_varios_al_confirmar(mensajes)


def avisar_recordatorios(respuestas, correos, hoy, dias_aviso):
    """Un recordatorio por respuesta; el texto cambia si venció, si vence pronto o si es el
    primer aviso de una ronda que abrió después de crearse."""
    mensajes = []
    for respuesta in respuestas:
        aplicacion = respuesta.aplicacion
        faltan = (aplicacion.cierre - hoy).days
        if faltan < 0:
            asunto = _("El diagnóstico «%(ronda)s» venció y su institución no lo ha enviado")
        elif respuesta.recordatorio_en is None:
            asunto = _("Se abrió el diagnóstico «%(ronda)s»")
        elif faltan <= dias_aviso:
            asunto = _("El diagnóstico «%(ronda)s» vence pronto")
        else:
            asunto = _("Recordatorio: diagnóstico «%(ronda)s»")
        cuerpo = render_to_string(
            "diagnosticos/correo_recordatorio.txt",
            {
                "aplicacion": aplicacion,
                "respuesta": respuesta,
                "dependencia": respuesta.dependencia,
                "vencida": faltan < 0,
                "primer_aviso": respuesta.recordatorio_en is None,
                "pronto": 0 <= faltan <= dias_aviso,
                "faltan": faltan,
                "dias_atraso": -faltan,
                "enlace": enlace_respuesta(respuesta),
            },
        )
        mensajes.append(
            (asunto % {"ronda": aplicacion.nombre}, cuerpo, correos[respuesta.dependencia_id])
        )
    _enviar_varios_al_confirmar(mensajes)


def avisar_devolucion(respuesta):
    enviar_al_confirmar(
        _("Su diagnóstico «%(ronda)s» tiene observaciones de la Coordinación")
        % {"ronda": respuesta.aplicacion.nombre},
        "diagnosticos/correo_respuesta_devuelta.txt",
        {
            "respuesta": respuesta,
            "aplicacion": respuesta.aplicacion,
            "dependencia": respuesta.dependencia,
            "enlace": enlace_respuesta(respuesta),
        },
        correos_responsables(respuesta.dependencia),
    )


def avisar_aceptacion(respuesta):
    enviar_al_confirmar(
        _("Su diagnóstico «%(ronda)s» fue aceptado") % {"ronda": respuesta.aplicacion.nombre},
        "diagnosticos/correo_respuesta_aceptada.txt",
        {
            "respuesta": respuesta,
            "aplicacion": respuesta.aplicacion,
            "dependencia": respuesta.dependencia,
            "enlace": enlace_resultado(respuesta),
        },
        correos_responsables(respuesta.dependencia),
    )
