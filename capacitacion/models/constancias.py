"""Constancias de participación con un código de verificación público.

El código es aleatorio (60 bits, sin letras que se confundan) y no dice nada de la persona; la
página pública de verificación muestra solo lo que la constancia impresa ya dice. Los datos se
copian al emitirla para que la verificación confirme exactamente lo que se imprimió.
"""

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from capacitacion.models.eventos import Inscripcion
from uig_portal.lib.alcance import AlcanceQuerySet

ALFABETO = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def nuevo_codigo():
    """12 caracteres en tres grupos, p. ej. «7KQ2-MX9P-4TZR»."""
    letras = "".join(secrets.choice(ALFABETO) for _ in range(12))
    return f"{letras[:4]}-{letras[4:8]}-{letras[8:]}"


def normalizar_codigo(texto):
    """Lo que una persona teclea («7kq2 mx9p 4tzr») a la forma guardada, o "" si no puede ser."""
    letras = re.sub(r"[^0-9A-Za-z]", "", texto or "").upper()
    letras = letras.replace("O", "0").replace("I", "1")
    if len(letras) != 12 or any(c not in ALFABETO for c in letras):
        return ""
    return f"{letras[:4]}-{letras[4:8]}-{letras[8:]}"


class ConstanciaQuerySet(AlcanceQuerySet):
    campo_dependencia = "inscripcion__dependencia"

    def vigentes(self):
        return self.filter(revocada_en__isnull=True)


class Constancia(models.Model):
    inscripcion = models.OneToOneField(
        Inscripcion,
        on_delete=models.PROTECT,
        related_name="constancia",
        verbose_name=_("inscripción"),
    )
    codigo = models.CharField(
        _("código de verificación"),
        max_length=14,
        unique=True,
        default=nuevo_codigo,
        editable=False,
    )
    nombre = models.CharField(_("nombre en la constancia"), max_length=200)
    evento_nombre = models.CharField(_("evento"), max_length=250)
    horas = models.DecimalField(_("horas"), max_digits=6, decimal_places=1)
    fecha = models.DateField(_("fecha del evento"))
    emitida_en = models.DateTimeField(_("emitida el"), auto_now_add=True)
    emitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revocada_en = models.DateTimeField(_("revocada el"), null=True, blank=True)
    revocada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    motivo_revocacion = models.TextField(_("motivo de la revocación"), blank=True)

    history = HistoricalRecords()
    objects = ConstanciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("constancia")
        verbose_name_plural = _("constancias")
        ordering = ["-emitida_en", "nombre"]
        permissions = [("revocar_constancia", _("Puede revocar constancias"))]

    def __str__(self):
        return f"{self.codigo} · {self.nombre}"

    @property
    def vigente(self):
        return self.revocada_en is None
