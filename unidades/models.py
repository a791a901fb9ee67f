from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet


class DependenciaQuerySet(AlcanceQuerySet):
    campo_dependencia = "pk"

    def vigentes(self):
        return self.filter(vigente=True)


class Dependencia(models.Model):
    """Dependencia, organismo descentralizado u órgano desconcentrado del Gobierno del Estado."""

    class Tipo(models.TextChoices):
        CENTRALIZADA = "centralizada", _("Dependencia centralizada")
        DESCENTRALIZADA = "descentralizada", _("Organismo descentralizado")
        DESCONCENTRADA = "desconcentrada", _("Órgano desconcentrado")

    nombre = models.CharField(_("nombre"), max_length=250, unique=True)
    siglas = models.CharField(_("siglas"), max_length=30, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo)
    sector = models.CharField(
        _("sector coordinador"),
        max_length=120,
        help_text=_("Dependencia que coordina el sector al que pertenece."),
    )
    titular = models.CharField(_("persona titular"), max_length=200, blank=True)
    vigente = models.BooleanField(
        _("vigente"),
        default=True,
        help_text=_("Desmarque si la institución se extinguió o fusionó."),
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    history = HistoricalRecords()
    objects = DependenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("dependencia o entidad")
        verbose_name_plural = _("dependencias y entidades")
        ordering = ["nombre"]
        indexes = [models.Index(fields=["tipo", "sector"])]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("unidades:dependencia_detalle", args=[self.pk])
