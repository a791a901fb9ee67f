"""Pasos de la guía de instalación que el portal mismo registra.

La asesoría de la Coordinación, el diagnóstico aceptado, el plan de trabajo aprobado y el primer
informe trimestral ya quedan en el portal: la lista de verificación no pide evidencia de ellos,
los lee. Cada app dice cómo encontrar su registro: unidades la asesoría (aquí abajo); planes y
diagnosticos registran su búsqueda en su `AppConfig.ready()`. Así unidades no importa apps de
un piso más alto, y el dato se lee vigente en cada consulta: no hay copia que se desfase si un
registro cambia, ni datos viejos que migrar.

Este módulo no importa modelos al cargarse: los modelos de unidades lo usan.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Registro(models.TextChoices):
    """Qué registro del portal cumple un paso de la guía."""

    ASESORIA = "asesoria", _("Una asesoría registrada en el portal")
    DIAGNOSTICO = "diagnostico", _("El diagnóstico aceptado por la Coordinación")
    PLAN = "plan", _("Un plan de trabajo aprobado")
    INFORME = "informe", _("El primer informe trimestral enviado")


#: Cómo se cumple cada paso, para la lista de verificación y la guía.
COMO_SE_CUMPLE = {
    Registro.ASESORIA: _(
        "El portal marca este paso como cumplido cuando la Coordinación registra una asesoría a "
        "la institución; no hace falta subir evidencia."
    ),
    Registro.DIAGNOSTICO: _(
        "El portal marca este paso como cumplido cuando la Coordinación acepta la respuesta de la "
        "institución al cuestionario diagnóstico; no hace falta subir evidencia."
    ),
    Registro.PLAN: _(
        "El portal marca este paso como cumplido cuando la Coordinación aprueba el plan de "
        "trabajo de la institución; no hace falta subir evidencia."
    ),
    Registro.INFORME: _(
        "El portal marca este paso como cumplido cuando la unidad envía su primer informe "
        "trimestral de seguimiento; no hace falta subir evidencia."
    ),
}


@dataclass(frozen=True)
class RegistroDelPortal:
    """El registro que cumple un paso: cuándo, qué fue y dónde verlo."""

    fecha: date | None
    descripcion: str
    url: str


#: Búsqueda de cada registro: recibe el id de una institución y devuelve su primer registro.
Buscador = Callable[[int], RegistroDelPortal | None]
_BUSCADORES: dict[str, Buscador] = {}


def registrar(registro: str, buscar: Buscador) -> None:
    """Dice cómo encontrar el registro `registro` de una institución (una vez por app)."""
    if registro not in Registro.values:
        raise ValueError(f"Registro desconocido: {registro!r}")
    _BUSCADORES[registro] = buscar


def registros_de(dependencia_id: int, registros: Iterable[str]) -> dict[str, RegistroDelPortal]:
    """{registro: RegistroDelPortal} de los `registros` que la institución ya tiene.

    Una consulta por registro pedido; los que no tienen búsqueda registrada no se cumplen.
    """
    encontrados = {}
    for registro in dict.fromkeys(r for r in registros if r):
        buscar = _BUSCADORES.get(registro)
        encontrado = buscar(dependencia_id) if buscar else None
        if encontrado is not None:
            encontrados[registro] = encontrado
    return encontrados


def primera_asesoria(dependencia_id):
    """La primera asesoría de la Coordinación a la institución."""
    from unidades.models import Asesoria

    asesoria = (
        Asesoria.objects.filter(dependencia_id=dependencia_id).order_by("fecha", "pk").first()
    )
    if asesoria is None:
        return None
    return RegistroDelPortal(
        fecha=asesoria.fecha,
        descripcion=gettext("Asesoría del %(fecha)s: %(tema)s")
        % {"fecha": date_format(asesoria.fecha, "d/m/Y"), "tema": asesoria.tema},
        url=asesoria.get_absolute_url(),
    )


registrar(Registro.ASESORIA, primera_asesoria)
