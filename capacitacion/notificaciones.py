"""Avisos por correo de la capacitación (ver `uig_portal.lib.correo`): que un evento abrió
(o reabrió) su inscripción, a las personas responsables de las instituciones convocadas.

El correo se arma dentro de la transacción del cambio de estado y sale al confirmarla; el
`Reparto` que se devuelve dice a qué instituciones les llegó y cuáles no tienen a nadie a
quien avisar.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from uig_portal.lib.correo import avisar_a_responsables, enlace
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
