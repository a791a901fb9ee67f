"""Asesorías a cada institución, reuniones de planeación operativa con todas las unidades y
los acuerdos que salen de ellas."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet
from uig_portal.lib.archivos import EXTENSIONES, nombre_aleatorio
from unidades.models.instalacion import Sexo


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    VIRTUAL = "virtual", _("Virtual")
    MIXTA = "mixta", _("Mixta")


def ruta_documento(instancia, nombre):
    # Nombre aleatorio con la extensión del tipo detectado, nunca el nombre que traía.
    return nombre_aleatorio(
        instancia._meta.model_name, EXTENSIONES.get(instancia.tipo_documento, "")
    )


class AsesoriaQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"


class Asesoria(models.Model):
    """Una sesión de asesoría de la Coordinación a una institución."""

    dependencia = models.ForeignKey(
        "unidades.Dependencia",
        verbose_name=_("institución"),
        on_delete=models.PROTECT,
        related_name="asesorias",
    )
    fecha = models.DateField(_("fecha"))
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad)
    tema = models.CharField(_("tema"), max_length=200)
    notas = models.TextField(_("temas tratados y notas"), blank=True)
    documento = models.FileField(
        _("evidencia (lista de asistencia, minuta)"),
        upload_to=ruta_documento,
        blank=True,
        max_length=200,
    )
    tipo_documento = models.CharField(max_length=50, blank=True, editable=False)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    creada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = AsesoriaQuerySet.as_manager()

    class Meta:
        verbose_name = _("asesoría")
        verbose_name_plural = _("asesorías")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return f"{self.tema} · {self.dependencia.siglas} · {self.fecha:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("unidades:asesoria_detalle", args=[self.pk])


class AsistenteAsesoria(models.Model):
    asesoria = models.ForeignKey(Asesoria, on_delete=models.CASCADE, related_name="asistentes")
    nombre = models.CharField(_("nombre"), max_length=200)
    cargo = models.CharField(_("cargo"), max_length=200, blank=True)
    sexo = models.CharField(_("sexo"), max_length=20, choices=Sexo)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persona asistente")
        verbose_name_plural = _("personas asistentes")
        ordering = ["pk"]

    def __str__(self):
        return self.nombre


class ReunionQuerySet(AlcanceQuerySet):
    campo_dependencia = "invitadas"

    def visibles_para(self, usuario):
        # Una institución ve las reuniones a las que fue convocada; distinct evita repetidas.
        return super().visibles_para(usuario).distinct()


class Reunion(models.Model):
    """Reunión de planeación operativa de la Coordinación con las unidades."""

    titulo = models.CharField(_("título"), max_length=200)
    fecha = models.DateTimeField(_("fecha y hora"))
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad)
    lugar = models.CharField(_("lugar"), max_length=250, blank=True)
    enlace = models.URLField(_("enlace de la videollamada"), blank=True)
    orden_del_dia = models.TextField(_("orden del día"))
    invitadas = models.ManyToManyField(
        "unidades.Dependencia", verbose_name=_("instituciones convocadas"), related_name="reuniones"
    )
    minuta = models.TextField(_("minuta"), blank=True)
    documento = models.FileField(
        _("minuta firmada o lista de asistencia"),
        upload_to=ruta_documento,
        blank=True,
        max_length=200,
    )
    tipo_documento = models.CharField(max_length=50, blank=True, editable=False)
    convocada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    creada = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[invitadas])
    objects = ReunionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reunión de planeación operativa")
        verbose_name_plural = _("reuniones de planeación operativa")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return f"{self.titulo} · {timezone.localtime(self.fecha):%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("unidades:reunion_detalle", args=[self.pk])

    @property
    def celebrada(self):
        return self.fecha <= timezone.now()


class AsistenciaReunion(models.Model):
    """Cuántas personas de una institución asistieron a una reunión, por sexo."""

    reunion = models.ForeignKey(Reunion, on_delete=models.CASCADE, related_name="asistencias")
    dependencia = models.ForeignKey(
        "unidades.Dependencia",
        verbose_name=_("institución"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mujeres = models.PositiveSmallIntegerField(_("mujeres"), default=0)
    hombres = models.PositiveSmallIntegerField(_("hombres"), default=0)
    sin_especificar = models.PositiveSmallIntegerField(_("sin especificar"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("asistencia a reunión")
        verbose_name_plural = _("asistencias a reuniones")
        ordering = ["dependencia__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["reunion", "dependencia"],
                name="asistencia_una_por_institucion",
                violation_error_message=_("Esa institución ya tiene su asistencia registrada."),
            )
        ]

    def __str__(self):
        return f"{self.dependencia.siglas}: {self.total}"

    @property
    def total(self):
        return self.mujeres + self.hombres + self.sin_especificar


class AcuerdoQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"

    def abiertos(self):
        return self.filter(estado=Acuerdo.Estado.PENDIENTE)

    def vencidos(self):
        return self.abiertos().filter(fecha_compromiso__lt=timezone.localdate())


class Acuerdo(models.Model):
    """Un compromiso con responsable y fecha, surgido de una reunión o de una asesoría."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        CUMPLIDO = "cumplido", _("Cumplido")

    reunion = models.ForeignKey(
        Reunion, on_delete=models.CASCADE, null=True, blank=True, related_name="acuerdos"
    )
    asesoria = models.ForeignKey(
        Asesoria, on_delete=models.CASCADE, null=True, blank=True, related_name="acuerdos"
    )
    descripcion = models.TextField(_("acuerdo"))
    dependencia = models.ForeignKey(
        "unidades.Dependencia",
        verbose_name=_("institución responsable"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="acuerdos",
        help_text=_("Vacío cuando el acuerdo le toca a la Coordinación."),
    )
    responsable = models.CharField(_("persona responsable"), max_length=200, blank=True)
    fecha_compromiso = models.DateField(_("fecha compromiso"))
    estado = models.CharField(_("estado"), max_length=12, choices=Estado, default=Estado.PENDIENTE)
    avance = models.TextField(_("avance o comentario"), blank=True)
    cumplido_en = models.DateField(_("cumplido el"), null=True, blank=True)
    actualizado = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = AcuerdoQuerySet.as_manager()

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["fecha_compromiso", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reunion__isnull=False, asesoria__isnull=True)
                | models.Q(reunion__isnull=True, asesoria__isnull=False),
                name="acuerdo_de_reunion_o_asesoria",
                violation_error_message=_("Un acuerdo pertenece a una reunión o a una asesoría."),
            )
        ]
        indexes = [models.Index(fields=["estado", "fecha_compromiso"])]

    def __str__(self):
        return self.descripcion[:80]

    @property
    def origen(self):
        return self.reunion or self.asesoria

    @property
    def vencido(self):
        return self.estado == self.Estado.PENDIENTE and self.fecha_compromiso < timezone.localdate()

    @property
    def estado_visible(self):
        """Pendiente, cumplido o vencido: vencido se calcula con la fecha de hoy."""
        return _("Vencido") if self.vencido else self.get_estado_display()
