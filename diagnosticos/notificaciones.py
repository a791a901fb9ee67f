"""Avisos por correo de las rondas del diagnóstico (ver `uig_portal.lib.correo`).

Como en el resto del portal, los correos se arman dentro de la transacción y se envían al
confirmarla (`transaction.on_commit`, robusto): si la transacción se revierte no sale nada, y
si el servidor de correo falla, lo guardado no se pierde. Los avisos masivos (apertura de una
ronda, recordatorios) van en una sola conexión al servidor de correo y con una consulta para
los correos de todas las instituciones, porque una ronda puede tener miles; devuelven el
`Reparto` con las instituciones que recibieron el correo y las que no tienen a nadie a quien
avisar.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from uig_portal.lib.correo import (
    avisar_a_responsables,
    correos_responsables,
    enlace,
    enviar_al_confirmar,
)


def _dependencia(respuesta):
    return respuesta.dependencia


def enlace_respuesta(respuesta):
    return enlace("diagnosticos:responder", respuesta.pk)


def enlace_resultado(respuesta):
    return enlace("diagnosticos:resultado", respuesta.pk)


def avisar_apertura(aplicacion, respuestas):
    """El aviso de que la ronda abrió, a las personas responsables de cada institución.

    Devuelve el `Reparto`: las respuestas cuya institución recibió el correo y las
    instituciones sin nadie a quien avisar.
    """
    asunto = _("Se abrió el diagnóstico «%(ronda)s»") % {"ronda": aplicacion.nombre}

    def armar(respuesta):
        return asunto, render_to_string(
            "diagnosticos/correo_ronda_abierta.txt",
            {
                "aplicacion": aplicacion,
                "dependencia": respuesta.dependencia,
                "enlace": enlace_respuesta(respuesta),
            },
        )

    return avisar_a_responsables(respuestas, armar, _dependencia)


def avisar_recordatorios(reparto, hoy, dias_aviso):
    """Un recordatorio por cada respuesta de `reparto.enviados` (ver `repartir`); el texto
    cambia si venció, si vence pronto o si es el primer aviso de una ronda que abrió después
    de crearse."""

    def armar(respuesta):
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
        return asunto % {"ronda": aplicacion.nombre}, cuerpo

    return avisar_a_responsables(reparto.enviados, armar, _dependencia, reparto=reparto)


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
