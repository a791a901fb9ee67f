"""El proceso de certificación de una persona en un estándar de competencia (EC0308 y otros).

inscrita → alineación → en evaluación → competente | todavía no competente → certificada.
«Todavía no competente» regresa a alineación para un nuevo intento. Cada etapa guarda su fecha;
el juicio, quién evaluó, y la certificación, el folio y la fecha del certificado.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from capacitacion.models.catalogo import EstandarCompetencia
from capacitacion.models.eventos import Evento, Participante
from uig_portal.lib.alcance import AlcanceQuerySet
from unidades.models import Dependencia


class CertificacionQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"


class Certificacion(models.Model):
    class Estado(models.TextChoices):
        INSCRITA = "inscrita", _("Inscrita")
        ALINEACION = "alineacion", _("En alineación")
        EN_EVALUACION = "en_evaluacion", _("En evaluación")
        COMPETENTE = "competente", _("Competente")
        NO_COMPETENTE = "no_competente", _("Todavía no competente")
        CERTIFICADA = "certificada", _("Certificada")

    #: Etapas a las que se puede pasar desde cada etapa.
    TRANSICIONES = {
        Estado.INSCRITA: [Estado.ALINEACION],
        Estado.ALINEACION: [Estado.EN_EVALUACION],
        Estado.EN_EVALUACION: [Estado.COMPETENTE, Estado.NO_COMPETENTE],
        Estado.NO_COMPETENTE: [Estado.ALINEACION],
        Estado.COMPETENTE: [Estado.CERTIFICADA],
        Estado.CERTIFICADA: [],
    }
    #: Campo de fecha que registra la llegada a cada etapa.
    CAMPO_FECHA = {
        Estado.INSCRITA: "fecha_inscripcion",
        Estado.ALINEACION: "fecha_alineacion",
        Estado.EN_EVALUACION: "fecha_evaluacion",
        Estado.COMPETENTE: "fecha_juicio",
        Estado.NO_COMPETENTE: "fecha_juicio",
        Estado.CERTIFICADA: "fecha_certificado",
    }

    participante = models.ForeignKey(
        Participante,
        on_delete=models.PROTECT,
        related_name="certificaciones",
        verbose_name=_("persona"),
    )
    estandar = models.ForeignKey(
        EstandarCompetencia,
        on_delete=models.PROTECT,
        related_name="certificaciones",
        verbose_name=_("estándar de competencia"),
    )
    dependencia = models.ForeignKey(
        Dependencia,
        on_delete=models.PROTECT,
        related_name="certificaciones",
        verbose_name=_("institución"),
    )
    evento = models.ForeignKey(
        Evento,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificaciones",
        verbose_name=_("evento de promoción"),
    )
    estado = models.CharField(
        _("etapa"), max_length=14, choices=Estado, default=Estado.INSCRITA, editable=False
    )
    fecha_inscripcion = models.DateField(_("inscrita el"), default=timezone.localdate)
    fecha_alineacion = models.DateField(_("alineación desde"), null=True, blank=True)
    fecha_evaluacion = models.DateField(_("evaluación desde"), null=True, blank=True)
    fecha_juicio = models.DateField(_("fecha del juicio"), null=True, blank=True)
    evaluador = models.CharField(_("persona evaluadora"), max_length=200, blank=True)
    folio_certificado = models.CharField(_("folio del certificado"), max_length=60, blank=True)
    fecha_certificado = models.DateField(_("fecha del certificado"), null=True, blank=True)
    intentos = models.PositiveSmallIntegerField(_("intentos de evaluación"), default=0)
    observaciones = models.TextField(_("observaciones"), blank=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)
    actualizada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = CertificacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("proceso de certificación")
        verbose_name_plural = _("procesos de certificación")
        ordering = ["participante__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["participante", "estandar"],
                name="certificacion_unica_por_estandar",
                violation_error_message=_("Esa persona ya está en el proceso de ese estándar."),
            ),
            models.UniqueConstraint(
                fields=["estandar", "folio_certificado"],
                condition=~models.Q(folio_certificado=""),
                name="certificacion_folio_unico",
                violation_error_message=_("Ese folio ya está registrado en otro certificado."),
            ),
        ]
        indexes = [models.Index(fields=["estandar", "estado"])]

    def __str__(self):
        return f"{self.participante} · {self.estandar.clave}"

    def get_absolute_url(self):
        return reverse("capacitacion:certificacion_detalle", args=[self.pk])

    def siguientes(self):
        return self.TRANSICIONES[Certificacion.Estado(self.estado)]

    def avanzar(self, destino, usuario, *, fecha=None, evaluador="", folio="", observaciones=""):
        """Pasa a la etapa `destino` si la transición existe y trae los datos que pide.

        La evaluación necesita a la persona evaluadora; la certificación, el folio. Las fechas
        no pueden ser futuras ni anteriores a la etapa previa.
        """
        destino = Certificacion.Estado(destino)
        fecha = fecha or timezone.localdate()
        if destino not in self.siguientes():
            raise ValidationError(
                _("Un proceso «%(actual)s» no puede pasar a «%(destino)s».")
                % {"actual": self.get_estado_display(), "destino": destino.label}
            )
        if fecha > timezone.localdate():
            raise ValidationError({"fecha": _("La fecha no puede ser posterior a hoy.")})
        previa = getattr(self, self.CAMPO_FECHA[Certificacion.Estado(self.estado)])
        if previa and fecha < previa:
            raise ValidationError(
                {
                    "fecha": _("La fecha no puede ser anterior al %(previa)s, la etapa previa.")
                    % {"previa": previa.strftime("%d/%m/%Y")}
                }
            )
        evaluador = (evaluador or "").strip()
        folio = (folio or "").strip()
        if destino == self.Estado.EN_EVALUACION:
            if not evaluador:
                raise ValidationError({"evaluador": _("Indique quién evalúa.")})
            self.evaluador = evaluador
            self.intentos += 1
        if destino == self.Estado.CERTIFICADA:
            if not folio:
                raise ValidationError({"folio": _("Escriba el folio del certificado.")})
            repetido = (
                Certificacion.objects.filter(estandar_id=self.estandar_id, folio_certificado=folio)
                .exclude(pk=self.pk)
                .exists()
            )
            if repetido:
                raise ValidationError(
                    {"folio": _("Ese folio ya está registrado en otro certificado.")}
                )
            self.folio_certificado = folio
        if destino == self.Estado.ALINEACION and self.estado == self.Estado.NO_COMPETENTE:
            # Un nuevo intento: el juicio anterior queda en el historial.
            self.fecha_juicio = None
            self.fecha_evaluacion = None
        setattr(self, self.CAMPO_FECHA[destino], fecha)
        if observaciones:
            self.observaciones = observaciones.strip()
        self.estado = destino
        self.actualizada_por = usuario
        self._change_reason = destino.label
        # Fuera de una petición (comandos, demo) el historial no sabe quién fue si no se dice.
        self._history_user = usuario
        self.save()
        return destino
