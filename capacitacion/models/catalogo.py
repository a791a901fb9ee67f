"""El catálogo: los estándares de competencia (CONOCER) y los programas de capacitación."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

CLAVE_ESTANDAR = RegexValidator(
    r"^EC\d{4}(\.\d{2})?$",
    _("Escriba la clave como la publica el CONOCER, por ejemplo EC0308 o EC0308.01."),
)


class EstandarCompetencia(models.Model):
    """Un estándar de competencia del Registro Nacional (RENEC), p. ej. el EC0308."""

    clave = models.CharField(_("clave"), max_length=10, unique=True, validators=[CLAVE_ESTANDAR])
    titulo = models.CharField(_("título"), max_length=300)
    nivel = models.PositiveSmallIntegerField(
        _("nivel de competencia"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("El nivel va de 1 a 5.")),
            MaxValueValidator(5, _("El nivel va de 1 a 5.")),
        ],
    )
    proposito = models.TextField(_("propósito"), blank=True)
    vigente = models.BooleanField(_("vigente"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("estándar de competencia")
        verbose_name_plural = _("estándares de competencia")
        ordering = ["clave"]

    def __str__(self):
        return f"{self.clave} · {self.titulo}"


class Programa(models.Model):
    """Una línea de capacitación: la promoción de una certificación, el seminario de cultura
    institucional, la capacitación interna de la Coordinación o un curso, taller, diplomado o
    conferencia. Sus eventos son las ediciones concretas, con fechas y sesiones."""

    class Tipo(models.TextChoices):
        CERTIFICACION = "certificacion", _("Promoción de la certificación")
        SEMINARIO = "seminario", _("Seminario")
        INTERNA = "interna", _("Capacitación interna de la Coordinación")
        CURSO = "curso", _("Curso")
        TALLER = "taller", _("Taller")
        DIPLOMADO = "diplomado", _("Diplomado")
        CONFERENCIA = "conferencia", _("Conferencia o plática")

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo)
    descripcion = models.TextField(_("descripción"), blank=True)
    estandar = models.ForeignKey(
        EstandarCompetencia,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programas",
        verbose_name=_("estándar de competencia"),
        help_text=_("El estándar al que prepara, si el programa lleva a una certificación."),
    )
    activo = models.BooleanField(
        _("activo"), default=True, help_text=_("Desmarque para no ofrecerlo en eventos nuevos.")
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programa de capacitación")
        verbose_name_plural = _("programas de capacitación")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("capacitacion:programa_detalle", args=[self.pk])
