"""Lo que la lista de verificación de la instalación (unidades) lee de diagnosticos: la primera
respuesta de la institución que la Coordinación aceptó.

`DiagnosticosConfig.ready()` registra esta búsqueda en `unidades.pasos_del_portal`; unidades no
importa diagnosticos.
"""

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from diagnosticos.models import Respuesta
from unidades.pasos_del_portal import Registro, RegistroDelPortal, registrar


def primer_diagnostico_aceptado(dependencia_id):
    """La primera respuesta de la institución al diagnóstico que la Coordinación aceptó."""
    respuesta = (
        Respuesta.objects.aceptadas()
        .filter(dependencia_id=dependencia_id)
        .select_related("aplicacion")
        .order_by(F("aceptada_en").asc(nulls_last=True), "pk")
        .first()
    )
    if respuesta is None:
        return None
    return RegistroDelPortal(
        fecha=timezone.localdate(respuesta.aceptada_en) if respuesta.aceptada_en else None,
        descripcion=_("Respuesta a «%(ronda)s», aceptada por la Coordinación")
        % {"ronda": respuesta.aplicacion.nombre},
        url=reverse("diagnosticos:resultado", args=[respuesta.pk]),
    )


def registrar_pasos():
    registrar(Registro.DIAGNOSTICO, primer_diagnostico_aceptado)
