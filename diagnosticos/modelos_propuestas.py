"""Del diagnóstico a las propuestas (atribución IV): los textos que escribe la Coordinación en cada
versión del cuestionario, las propuestas de cada institución que salen de su respuesta aceptada,
y el «Diagnóstico situacional» con que se presentan a su persona titular.

TextoPropuesta (de la versión) → Propuesta (de una respuesta aceptada) → DiagnosticoSituacional
(el documento entregado). La unidad adopta una propuesta presentada como actividad de su plan
(`planes.propuestas`), o dice por qué no.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet
from uig_portal.lib.archivos import EXTENSIONES, nombre_aleatorio
from uig_portal.lib.ejes import Eje


class NivelDeTexto(models.TextChoices):
    """A qué nivel del reactivo (o de la sección) responde un texto de propuesta."""

    CUALQUIERA = "", _("Inicial o en desarrollo")
    INICIAL = "inicial", _("Solo inicial")
    EN_DESARROLLO = "en_desarrollo", _("Solo en desarrollo")


class TextoPropuesta(models.Model):
    """La propuesta que la Coordinación escribió para un reactivo (o una sección) por debajo del
    nivel «consolidado». Es de la versión del cuestionario, como sus preguntas: una ronda
    siempre redacta con los textos de su versión."""

    version = models.ForeignKey(
        "diagnosticos.Version", on_delete=models.CASCADE, related_name="textos_propuesta"
    )
    seccion = models.ForeignKey(
        "diagnosticos.Seccion", on_delete=models.CASCADE, related_name="textos_propuesta"
    )
    #: None: la propuesta responde al índice de la sección entera.
    pregunta = models.ForeignKey(
        "diagnosticos.Pregunta",
        verbose_name=_("reactivo"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="textos_propuesta",
    )
    nivel = models.CharField(
        _("se propone cuando el nivel es"),
        max_length=20,
        choices=NivelDeTexto,
        blank=True,
        default=NivelDeTexto.CUALQUIERA,
    )
    eje = models.CharField(_("eje temático"), max_length=20, choices=Eje)
    texto = models.TextField(_("propuesta"))
    objetivo = models.TextField(_("objetivo sugerido"), blank=True)
    indicador = models.CharField(_("indicador sugerido"), max_length=250, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("texto de propuesta")
        verbose_name_plural = _("textos de propuesta")
        ordering = ["version", "seccion__orden", "pregunta__orden", "orden", "pk"]

    def __str__(self):
        return self.texto[:80]


class PropuestaQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"

    def presentadas(self):
        return self.filter(estado=Propuesta.Estado.PRESENTADA)

    def abiertas(self):
        """Presentadas y sin decisión de la unidad: lo que el editor del plan le ofrece."""
        return self.presentadas().filter(decision=Propuesta.Decision.ABIERTA)


class Propuesta(models.Model):
    """Una propuesta a una institución, redactada de su respuesta aceptada.

    La Coordinación la revisa (`borrador → lista`); al registrar la entrega del diagnóstico
    situacional pasa a `presentada` y la unidad la ve: la adopta como actividad de su plan o
    dice por qué no. `seccion_codigo` y `pregunta_codigo` son los códigos estables con que la
    ronda siguiente muestra qué cambió en lo que la propuesta atendía.
    """

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Por revisar")
        LISTA = "lista", _("Lista para presentar")
        PRESENTADA = "presentada", _("Presentada")

    class Decision(models.TextChoices):
        ABIERTA = "", _("Sin decidir")
        ADOPTADA = "adoptada", _("Adoptada en el plan")
        NO_ADOPTADA = "no_adoptada", _("No adoptada")

    respuesta = models.ForeignKey(
        "diagnosticos.Respuesta", on_delete=models.CASCADE, related_name="propuestas"
    )
    dependencia = models.ForeignKey(
        "unidades.Dependencia", on_delete=models.PROTECT, related_name="propuestas"
    )
    #: El texto de la versión del que salió; None si la Coordinación la escribió a mano.
    texto_origen = models.ForeignKey(
        TextoPropuesta, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seccion_codigo = models.CharField(_("sección"), max_length=40, blank=True)
    pregunta_codigo = models.CharField(_("reactivo"), max_length=40, blank=True)
    #: Puntos del reactivo (o índice de la sección) en la respuesta de la que salió, 0–100.
    puntos = models.DecimalField(
        _("puntos al redactarla"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    #: Puntos que le faltan al índice general por ese reactivo o sección (peso × brecha): el
    #: orden en que se presentan.
    prioridad = models.DecimalField(
        _("prioridad"), max_digits=7, decimal_places=3, default=Decimal("0")
    )
    eje = models.CharField(_("eje temático"), max_length=20, choices=Eje)
    texto = models.TextField(_("propuesta"))
    objetivo = models.TextField(_("objetivo sugerido"), blank=True)
    indicador = models.CharField(_("indicador sugerido"), max_length=250, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado, default=Estado.BORRADOR)
    decision = models.CharField(
        _("decisión de la unidad"),
        max_length=12,
        choices=Decision,
        blank=True,
        default=Decision.ABIERTA,
    )
    motivo = models.TextField(_("por qué no se adoptó"), blank=True)
    decidida_en = models.DateTimeField(_("decidida el"), null=True, blank=True)
    decidida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    creada = models.DateTimeField(auto_now_add=True)
    actualizada = models.DateTimeField(auto_now=True)
    #: Contador de guardados (`uig_portal.lib.concurrencia`).
    revision = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = PropuestaQuerySet.as_manager()

    class Meta:
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        ordering = ["respuesta", "orden", "pk"]
        permissions = [
            ("decidir_propuesta", _("Puede adoptar una propuesta en el plan o decir por qué no")),
        ]
        indexes = [models.Index(fields=["dependencia", "estado", "decision"])]

    def __str__(self):
        return self.texto[:80]

    @property
    def editable(self):
        """La Coordinación la edita hasta que se presenta."""
        return self.estado != self.Estado.PRESENTADA


class DiagnosticoSituacionalQuerySet(AlcanceQuerySet):
    campo_dependencia = "respuesta__dependencia"

    def entregados(self):
        return self.filter(entregado_el__isnull=False)


def ruta_acuse(instancia, nombre):
    return nombre_aleatorio("situacional", EXTENSIONES.get(instancia.acuse_tipo, ""))


class DiagnosticoSituacional(models.Model):
    """El documento «Diagnóstico situacional para la igualdad de género» de una institución en
    una ronda, con el oficio a su persona titular, y el registro de su entrega.

    El PDF se guarda al generarlo: lo entregado es exactamente lo que queda. Mientras no se
    registra la entrega puede volver a generarse; después queda fijo.
    """

    class Medio(models.TextChoices):
        OFICIO = "oficio", _("Oficio impreso entregado en la institución")
        CORREO = "correo", _("Correo electrónico institucional")
        REUNION = "reunion", _("En una reunión de trabajo")
        PORTAL = "portal", _("Por el portal")

    respuesta = models.OneToOneField(
        "diagnosticos.Respuesta", on_delete=models.CASCADE, related_name="situacional"
    )
    numero_oficio = models.CharField(_("número de oficio"), max_length=60, blank=True)
    fecha_oficio = models.DateField(_("fecha del oficio"))
    destinatario = models.CharField(_("persona titular de la institución"), max_length=200)
    cargo_destinatario = models.CharField(_("cargo de la persona titular"), max_length=250)
    firma_nombre = models.CharField(_("nombre de quien firma"), max_length=200)
    firma_cargo = models.CharField(_("cargo de quien firma"), max_length=250)
    pdf = models.FileField(_("PDF"), upload_to="situacional/", blank=True, max_length=200)
    generado_en = models.DateTimeField(_("generado el"), null=True, blank=True)
    generado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entregado_el = models.DateField(_("entregado el"), null=True, blank=True)
    medio = models.CharField(_("cómo se entregó"), max_length=10, choices=Medio, blank=True)
    acuse = models.FileField(_("acuse de recibo"), upload_to=ruta_acuse, blank=True, max_length=200)
    acuse_nombre = models.CharField(_("nombre del archivo"), max_length=255, blank=True)
    acuse_tipo = models.CharField(max_length=50, blank=True)
    acuse_tamano = models.PositiveIntegerField(null=True, blank=True)
    notas_entrega = models.TextField(_("notas de la entrega"), blank=True)
    entrega_registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entrega_registrada_en = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = DiagnosticoSituacionalQuerySet.as_manager()

    class Meta:
        verbose_name = _("diagnóstico situacional")
        verbose_name_plural = _("diagnósticos situacionales")
        ordering = ["-fecha_oficio", "-pk"]
        permissions = [
            ("presentar_propuestas", _("Puede generar y entregar el diagnóstico situacional")),
        ]

    def __str__(self):
        return _("Diagnóstico situacional de %(siglas)s · %(ronda)s") % {
            "siglas": self.respuesta.dependencia.siglas,
            "ronda": self.respuesta.aplicacion.nombre,
        }

    def get_absolute_url(self):
        return reverse("diagnosticos:situacional", args=[self.respuesta_id])

    @property
    def entregado(self):
        return self.entregado_el is not None
