"""Los cuatro ejes temáticos con que se ordena el trabajo de las unidades.

Los usan el plan de trabajo (cada actividad tiene su eje) y el diagnóstico (cada propuesta que
sale de él), por eso viven en la planta baja: una propuesta adoptada se vuelve actividad con el
mismo eje sin traducir nada.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Eje(models.TextChoices):
    NO_DISCRIMINACION = "igualdad", _("Igualdad y no discriminación")
    VIOLENCIA = "violencia", _("Acceso de las mujeres a una vida libre de violencia")
    PRESUPUESTO = "presupuesto", _("Presupuesto público con perspectiva de género")
    CULTURA = "cultura", _("Cultura institucional con perspectiva de género")
