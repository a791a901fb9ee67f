"""Avisos por correo de la capacitación (ver `uig_portal.lib.correo`): que un evento abrió
(o reabrió) su inscripción, a las personas responsables de las instituciones convocadas.

El correo se arma dentro de la transacción del cambio de estado y sale al confirmarla; el
`Reparto` que se devuelve dice a qué instituciones les llegó y cuáles no tienen a nadie a
quien avisar.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from uig_portal.lib.correo import (
    avisar_a_responsables,
    enlace,
    enviar_varios_al_confirmar,
    lista_de_nombres,
)
from unidades.models import Dependencia


def convocadas(evento):
    """Las instituciones convocadas; un evento sin ninguna elegida convoca a todas las
    vigentes."""
    elegidas = evento.dependencias.order_by("nombre")
    if elegidas.exists():
        return elegidas
    return Dependencia.objects.vigentes().order_by("nombre")


def avisar_inscripcion_abierta(evento, *, reabierta=False):
    if reabierta:
        asunto = _("Se reabrió la inscripción a «%(evento)s»")
    else:
        asunto = _("Inscripción abierta: «%(evento)s»")
    asunto = asunto % {"evento": evento.nombre}
    contexto = {
        "evento": evento,
        "reabierta": reabierta,
        "enlace": enlace("capacitacion:evento_detalle", evento.pk),
    }

    def armar(dependencia):
        return asunto, render_to_string(
            "capacitacion/eventos/correo_inscripcion_abierta.txt",
            {**contexto, "dependencia": dependencia},
        )

    return avisar_a_responsables(convocadas(evento), armar)


def avisar_confirmacion(inscripciones):
    """Un correo a cada persona cuya inscripción se confirmó; devuelve (avisadas, sin_correo):
    los nombres de quienes lo reciben y de quienes no tienen correo registrado, para que la
    Coordinación sepa a quién avisar por otro medio."""
    avisadas, sin_correo, mensajes = [], [], []
    for inscripcion in inscripciones:
        persona, evento = inscripcion.participante, inscripcion.evento
        if not persona.correo:
            sin_correo.append(persona.nombre)
            continue
        avisadas.append(persona.nombre)
        cuerpo = render_to_string(
            "capacitacion/eventos/correo_inscripcion_confirmada.txt",
            {"persona": persona, "evento": evento},
        )
        asunto = _("Su inscripción a «%(evento)s» está confirmada") % {"evento": evento.nombre}
        mensajes.append((asunto, cuerpo, [persona.correo]))
    enviar_varios_al_confirmar(mensajes)
    return avisadas, sin_correo


def texto_confirmacion(avisadas, sin_correo):
    """«Se le avisó por correo a 3 personas. 1 persona no tiene correo registrado: …»."""
    partes = []
    if avisadas:
        partes.append(
            ngettext(
                "Se avisó por correo a %(n)s persona.",
                "Se avisó por correo a %(n)s personas.",
                len(avisadas),
            )
            % {"n": len(avisadas)}
        )
    if sin_correo:
        partes.append(
            ngettext(
                "%(n)s persona no tiene correo registrado; avísele por otro medio: %(nombres)s.",
                "%(n)s personas no tienen correo registrado; avíseles por otro medio: %(nombres)s.",
                len(sin_correo),
            )
            % {"n": len(sin_correo), "nombres": lista_de_nombres(sin_correo)}
        )
    return " ".join(partes)
