"""Difusión: los materiales que la Coordinación publica para las unidades (guías, plantillas,
campañas), por tema, como archivo o como enlace."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.archivos import nombre_aleatorio


def ruta_material(instancia, nombre):
    # Nunca el nombre original: evita colisiones y nombres maliciosos; la extensión es la del
    # tipo reconocido por el contenido.
    return nombre_aleatorio("materiales", instancia.extension)


class MaterialQuerySet(models.QuerySet):
    def publicados(self):
        return self.filter(publicado=True)


class Material(models.Model):
    class Tema(models.TextChoices):
        INSTALACION = "instalacion", _("Instalación de la unidad")
        PLANEACION = "planeacion", _("Plan de trabajo y planeación")
        DIAGNOSTICO = "diagnostico", _("Diagnóstico institucional")
        CAPACITACION = "capacitacion", _("Capacitación")
        IGUALDAD = "igualdad", _("Igualdad y no discriminación")
        VIOLENCIA = "violencia", _("Vida libre de violencia")
        PRESUPUESTO = "presupuesto", _("Presupuesto con perspectiva de género")
        CAMPANAS = "campanas", _("Campañas y comunicación")
        NORMATIVA = "normativa", _("Normativa")
        OTRO = "otro", _("Otros")

    titulo = models.CharField(_("título"), max_length=200)
    tema = models.CharField(_("tema"), max_length=20, choices=Tema)
    descripcion = models.TextField(_("descripción"), blank=True)
    archivo = models.FileField(_("archivo"), upload_to=ruta_material, max_length=200, blank=True)
    nombre_original = models.CharField(_("nombre del archivo"), max_length=255, blank=True)
    tipo_contenido = models.CharField(_("tipo"), max_length=120, blank=True, editable=False)
    extension = models.CharField(max_length=10, blank=True, editable=False)
    tamano = models.PositiveIntegerField(
        _("tamaño en bytes"), null=True, blank=True, editable=False
    )
    enlace = models.URLField(_("enlace"), max_length=500, blank=True)
    publicado = models.BooleanField(
        _("publicado"),
        default=True,
        help_text=_("Solo los materiales publicados los ven las personas responsables."),
    )
    destacado = models.BooleanField(
        _("destacado"), default=False, help_text=_("Se muestra primero en su tema.")
    )
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    creado = models.DateTimeField(_("publicado el"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    history = HistoricalRecords()
    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materiales")
        ordering = ["tema", "-destacado", "titulo"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(archivo="") | ~models.Q(enlace=""),
                name="material_con_archivo_o_enlace",
                violation_error_message=_("Suba un archivo o escriba un enlace."),
            )
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("difusion:material_detalle", args=[self.pk])

    def clean(self):
        if not self.archivo and not (self.enlace or "").strip():
            raise ValidationError(_("Suba un archivo o escriba un enlace."))


class TextoAvances(models.Model):
    """Los textos que la Coordinación escribe para la página pública «Avances y retos».

    Una sola fila (pk=1): la página tiene un texto de cada tipo. Texto plano con párrafos
    separados por líneas en blanco; nunca HTML (se muestra escapado).
    """

    PK = 1

    introduccion = models.TextField(_("introducción"), blank=True, max_length=4000)
    retos = models.TextField(_("retos"), blank=True, max_length=4000)
    nota_metodologica = models.TextField(_("nota metodológica"), blank=True, max_length=4000)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)
    actualizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("textos de «Avances y retos»")
        verbose_name_plural = _("textos de «Avances y retos»")

    def __str__(self):
        return str(_("Textos de «Avances y retos»"))

    @classmethod
    def actual(cls):
        """La fila de textos, o una sin guardar (vacía) si la Coordinación aún no escribe nada.

        La página pública no crea filas: solo lee.
        """
        return cls.objects.filter(pk=cls.PK).first() or cls(pk=cls.PK)


def ruta_informe(instancia, nombre):
    return nombre_aleatorio("informes", ".pdf")


class InformeAnual(models.Model):
    """Un informe anual consolidado ya generado: el PDF tal como se archivó.

    Cada generación se guarda aparte, con quién y cuándo la hizo: las cifras siguen cambiando
    después (un informe trimestral tardío, una ronda aceptada), y el informe que se entregó debe
    poder recuperarse idéntico. Su huella SHA-256 permite comprobar una copia impresa o enviada.
    """

    anio = models.PositiveSmallIntegerField(_("año"))
    archivo = models.FileField(_("archivo"), upload_to=ruta_informe, max_length=200)
    paginas = models.PositiveSmallIntegerField(_("páginas"))
    tamano = models.PositiveIntegerField(_("tamaño en bytes"))
    huella = models.CharField(_("huella SHA-256"), max_length=64)
    retos = models.TextField(_("retos y próximos pasos"), blank=True, max_length=6000)
    corte = models.DateField(_("cifras al"))
    generado = models.DateTimeField(_("generado el"), auto_now_add=True)
    generado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generado por"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("informe anual")
        verbose_name_plural = _("informes anuales")
        ordering = ["-anio", "-generado", "-pk"]

    def __str__(self):
        return str(_("Informe anual %(anio)s (generado el %(fecha)s)")) % {
            "anio": self.anio,
            "fecha": f"{timezone.localtime(self.generado):%d/%m/%Y %H:%M}" if self.generado else "",
        }

    @property
    def nombre_descarga(self):
        return f"informe-anual-{self.anio}-{timezone.localtime(self.generado):%Y%m%d-%H%M}"
