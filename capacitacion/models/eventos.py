"""Eventos de capacitación con sus sesiones, las personas participantes, sus inscripciones y
su asistencia.

Una persona participante es un solo registro en todos los eventos; su inscripción guarda la
institución en la que estaba al inscribirse, que es la que cuenta en alcance y estadísticas.
Las horas asistidas y la acreditación de cada inscripción se guardan ya calculadas
(`Evento.recalcular_acreditacion`) para que listas y estadísticas no sumen asistencias.
"""

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from capacitacion.models.catalogo import Programa
from uig_portal.lib.alcance import AlcanceQuerySet
from unidades.models import Dependencia
from unidades.models.instalacion import Sexo
from unidades.models.reuniones import Modalidad

CURP = RegexValidator(
    r"^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d$",
    _("La CURP tiene 18 caracteres, por ejemplo GOMA850312MZSRRN09."),
)


class EventoQuerySet(models.QuerySet):
    def visibles_para(self, usuario):
        """La Coordinación ve todos; una institución, los publicados que la convocan y aquellos
        en los que tiene personas inscritas (aunque ya hayan cerrado)."""
        if not usuario.is_authenticated or not usuario.is_active:
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self
        if usuario.dependencia_id is None:
            return self.none()
        return self.filter(
            (~Q(estado=Evento.Estado.BORRADOR) & self._convoca(usuario.dependencia_id))
            | Exists(
                Inscripcion.objects.filter(
                    evento=OuterRef("pk"), dependencia_id=usuario.dependencia_id
                )
            )
        )

    @staticmethod
    def _convoca(dependencia_id):
        destinos = Evento.dependencias.through.objects.filter(evento=OuterRef("pk"))
        return ~Exists(destinos) | Exists(destinos.filter(dependencia_id=dependencia_id))

    def abiertos_para(self, dependencia_id, hoy=None):
        """Los eventos en los que esa institución puede inscribir personas hoy."""
        hoy = hoy or timezone.localdate()
        return self.filter(
            Q(inscripcion_hasta__isnull=True) | Q(inscripcion_hasta__gte=hoy),
            self._convoca(dependencia_id),
            estado=Evento.Estado.ABIERTO,
        )

    def con_ocupacion(self):
        """Anota `ocupados`: inscripciones por confirmar o confirmadas (las que usan cupo)."""
        ocupan = (
            Inscripcion.objects.filter(evento=OuterRef("pk"), estado__in=Inscripcion.OCUPAN_LUGAR)
            .order_by()
            .values("evento")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(ocupados=Coalesce(Subquery(ocupan), 0))


class Evento(models.Model):
    """Una edición concreta de un programa: fechas, modalidad, cupo, sesiones."""

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        ABIERTO = "abierto", _("Inscripción abierta")
        CERRADO = "cerrado", _("Inscripción cerrada")
        CONCLUIDO = "concluido", _("Concluido")
        CANCELADO = "cancelado", _("Cancelado")

    #: Estados a los que se puede pasar desde cada estado.
    TRANSICIONES = {
        Estado.BORRADOR: {Estado.ABIERTO, Estado.CANCELADO},
        Estado.ABIERTO: {Estado.CERRADO, Estado.CANCELADO},
        Estado.CERRADO: {Estado.ABIERTO, Estado.CONCLUIDO, Estado.CANCELADO},
        Estado.CONCLUIDO: {Estado.CERRADO},
        Estado.CANCELADO: set(),
    }
    #: Estados en los que se toma asistencia (el evento ya está en marcha o terminó).
    CON_ASISTENCIA = {Estado.ABIERTO, Estado.CERRADO, Estado.CONCLUIDO}

    programa = models.ForeignKey(
        Programa, on_delete=models.PROTECT, related_name="eventos", verbose_name=_("programa")
    )
    nombre = models.CharField(_("nombre"), max_length=250)
    descripcion = models.TextField(_("descripción"), blank=True)
    modalidad = models.CharField(_("modalidad"), max_length=12, choices=Modalidad)
    sede = models.CharField(_("sede"), max_length=250, blank=True)
    enlace = models.URLField(_("enlace de conexión"), max_length=500, blank=True)
    facilitacion = models.CharField(
        _("persona facilitadora o instancia que imparte"), max_length=250, blank=True
    )
    cupo = models.PositiveIntegerField(
        _("cupo"), null=True, blank=True, help_text=_("Déjelo vacío si no hay límite de lugares.")
    )
    dependencias = models.ManyToManyField(
        Dependencia,
        blank=True,
        related_name="eventos_capacitacion",
        verbose_name=_("instituciones convocadas"),
        help_text=_("Déjelo vacío para convocar a todas las instituciones."),
    )
    fecha_inicio = models.DateField(_("fecha de inicio"))
    fecha_fin = models.DateField(_("fecha de término"))
    inscripcion_hasta = models.DateField(
        _("inscripción hasta"),
        null=True,
        blank=True,
        help_text=_("Último día para inscribir personas; vacío mientras esté abierta."),
    )
    horas_totales = models.DecimalField(
        _("horas totales"), max_digits=6, decimal_places=1, default=Decimal("0"), editable=False
    )
    umbral_asistencia = models.PositiveSmallIntegerField(
        _("asistencia mínima para acreditar (% de horas)"),
        default=80,
        validators=[
            MinValueValidator(1, _("El porcentaje va de 1 a 100.")),
            MaxValueValidator(100, _("El porcentaje va de 1 a 100.")),
        ],
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado, default=Estado.BORRADOR, editable=False
    )
    meta_federal = models.CharField(
        _("meta federal"),
        max_length=60,
        blank=True,
        help_text=_("Meta del programa federal que este evento ayuda a cumplir, si la hay."),
    )
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    creado = models.DateTimeField(_("creado"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizado"), auto_now=True)

    # Las instituciones convocadas también quedan en el historial (quién amplió la convocatoria).
    history = HistoricalRecords(m2m_fields=[dependencias])
    objects = EventoQuerySet.as_manager()

    class Meta:
        verbose_name = _("evento de capacitación")
        verbose_name_plural = _("eventos de capacitación")
        ordering = ["-fecha_inicio", "nombre"]
        indexes = [models.Index(fields=["estado", "fecha_inicio"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="evento_termina_despues_de_iniciar",
                violation_error_message=_("El término no puede ser anterior al inicio."),
            )
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("capacitacion:evento_detalle", args=[self.pk])

    def clean(self):
        errores = {}
        if self.fecha_inicio and self.fecha_fin and self.fecha_fin < self.fecha_inicio:
            errores["fecha_fin"] = _("El término no puede ser anterior al inicio.")
        if self.modalidad in (Modalidad.PRESENCIAL, Modalidad.MIXTA) and not self.sede.strip():
            errores["sede"] = _("Indique la sede de un evento presencial o mixto.")
        if self.modalidad in (Modalidad.VIRTUAL, Modalidad.MIXTA) and not self.enlace.strip():
            errores["enlace"] = _("Indique el enlace de un evento virtual o mixto.")
        if self.inscripcion_hasta and self.fecha_fin and self.inscripcion_hasta > self.fecha_fin:
            errores["inscripcion_hasta"] = _(
                "La inscripción no puede cerrar después de que termina el evento."
            )
        if errores:
            raise ValidationError(errores)

    def abierto_a(self, dependencia_id, hoy=None):
        """¿Puede esa institución inscribir personas hoy? (una consulta)"""
        return Evento.objects.abiertos_para(dependencia_id, hoy).filter(pk=self.pk).exists()

    def cambiar_estado(self, nuevo):
        """Cambia de estado si la transición existe; si no, explica por qué no."""
        nuevo = Evento.Estado(nuevo)
        if nuevo not in self.TRANSICIONES[Evento.Estado(self.estado)]:
            raise ValidationError(
                _("Un evento en «%(actual)s» no puede pasar a «%(nuevo)s».")
                % {"actual": self.get_estado_display(), "nuevo": nuevo.label}
            )
        if nuevo == Evento.Estado.ABIERTO and not self.sesiones.exists():
            raise ValidationError(_("Agregue al menos una sesión antes de abrir la inscripción."))
        self.estado = nuevo
        self.save(update_fields=["estado", "actualizado"])

    def actualizar_horas(self):
        """Horas totales = suma de las horas de sus sesiones; recalcula la acreditación."""
        total = self.sesiones.aggregate(t=Sum("horas"))["t"] or Decimal("0")
        Evento.objects.filter(pk=self.pk).update(horas_totales=total)
        self.horas_totales = total
        self.recalcular_acreditacion()

    def horas_minimas(self):
        """Horas asistidas que hacen falta para acreditar."""
        return (self.horas_totales * self.umbral_asistencia / Decimal(100)).quantize(Decimal("0.1"))

    def recalcular_acreditacion(self):
        """Guarda en cada inscripción sus horas asistidas y si acredita (dos UPDATE).

        Acredita una inscripción confirmada cuyas horas asistidas llegan al umbral del evento;
        un evento sin horas no acredita a nadie.
        """
        horas = (
            Asistencia.objects.filter(inscripcion=OuterRef("pk"), presente=True)
            .order_by()
            .values("inscripcion")
            .annotate(h=Sum("sesion__horas"))
            .values("h")
        )
        inscripciones = Inscripcion.objects.filter(evento=self)
        inscripciones.update(horas_asistidas=Coalesce(Subquery(horas), Decimal("0")))
        minimo = self.horas_minimas()
        inscripciones.update(
            acreditada=models.Case(
                models.When(
                    Q(estado=Inscripcion.Estado.CONFIRMADA)
                    & Q(horas_asistidas__gte=minimo)
                    & Q(horas_asistidas__gt=0),
                    then=True,
                ),
                default=False,
            )
        )


class Sesion(models.Model):
    """Una sesión de un evento, con su fecha y sus horas."""

    evento = models.ForeignKey(
        Evento, on_delete=models.CASCADE, related_name="sesiones", verbose_name=_("evento")
    )
    numero = models.PositiveSmallIntegerField(_("número"), editable=False)
    fecha = models.DateField(_("fecha"))
    hora_inicio = models.TimeField(_("hora de inicio"), null=True, blank=True)
    horas = models.DecimalField(
        _("horas"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5"), _("Una sesión dura al menos media hora.")),
            MaxValueValidator(Decimal("12"), _("Una sesión dura como máximo 12 horas.")),
        ],
    )
    tema = models.CharField(_("tema"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["evento", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["evento", "numero"], name="sesion_numero_unico")
        ]

    def __str__(self):
        return _("Sesión %(n)s · %(fecha)s") % {
            "n": self.numero,
            "fecha": self.fecha.strftime("%d/%m/%Y"),
        }

    def save(self, *args, **kwargs):
        if self.numero is None:
            ultimo = Sesion.objects.filter(evento_id=self.evento_id).aggregate(
                n=models.Max("numero")
            )["n"]
            self.numero = (ultimo or 0) + 1
        super().save(*args, **kwargs)

    def clean(self):
        evento = getattr(self, "evento", None) if self.evento_id else None
        if evento and self.fecha and not evento.fecha_inicio <= self.fecha <= evento.fecha_fin:
            raise ValidationError(
                {
                    "fecha": _("La sesión debe caer entre el %(inicio)s y el %(fin)s.")
                    % {
                        "inicio": evento.fecha_inicio.strftime("%d/%m/%Y"),
                        "fin": evento.fecha_fin.strftime("%d/%m/%Y"),
                    }
                }
            )


def normalizar_nombre(texto):
    return re.sub(r"\s+", " ", texto or "").strip()


class ParticipanteQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"

    def con_correo_o_curp(self, correo="", curp=""):
        """Personas con ese correo o esa CURP (ya normalizados)."""
        condicion = Q(pk__in=[])
        if correo:
            condicion |= Q(correo=correo.strip().lower())
        if curp:
            condicion |= Q(curp=curp.strip().upper())
        return self.filter(condicion)


class Participante(models.Model):
    """Una persona servidora pública que participa en eventos de capacitación.

    La CURP solo se pide cuando una certificación la necesita. Correo y CURP se guardan
    normalizados (minúsculas y mayúsculas) para detectar registros duplicados de la misma
    persona; no son únicos en la base porque los duplicados se revisan y fusionan a mano.
    """

    nombre = models.CharField(_("nombre completo"), max_length=200)
    sexo = models.CharField(_("sexo"), max_length=20, choices=Sexo)
    dependencia = models.ForeignKey(
        Dependencia,
        on_delete=models.PROTECT,
        related_name="participantes",
        verbose_name=_("institución"),
    )
    cargo = models.CharField(_("cargo"), max_length=200, blank=True)
    correo = models.EmailField(_("correo"), blank=True)
    curp = models.CharField(_("CURP"), max_length=18, blank=True, validators=[CURP])
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    creado = models.DateTimeField(_("registrada el"), auto_now_add=True)
    actualizado = models.DateTimeField(_("actualizada"), auto_now=True)

    history = HistoricalRecords()
    objects = ParticipanteQuerySet.as_manager()

    class Meta:
        verbose_name = _("persona participante")
        verbose_name_plural = _("personas participantes")
        ordering = ["nombre", "pk"]
        indexes = [
            models.Index(fields=["correo"]),
            models.Index(fields=["curp"]),
            models.Index(fields=["dependencia", "nombre"]),
        ]
        permissions = [
            ("fusionar_participantes", _("Puede fusionar registros duplicados de participantes"))
        ]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        self.nombre = normalizar_nombre(self.nombre)
        self.correo = (self.correo or "").strip().lower()
        self.curp = (self.curp or "").strip().upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("capacitacion:participante_detalle", args=[self.pk])


class InscripcionQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"

    def ocupan_lugar(self):
        return self.filter(estado__in=Inscripcion.OCUPAN_LUGAR)

    def confirmadas(self):
        return self.filter(estado=Inscripcion.Estado.CONFIRMADA)

    def acreditadas(self):
        return self.filter(acreditada=True)


class Inscripcion(models.Model):
    """Una persona en un evento: la inscribe su institución y la Coordinación la confirma."""

    class Estado(models.TextChoices):
        SOLICITADA = "solicitada", _("Por confirmar")
        CONFIRMADA = "confirmada", _("Confirmada")
        RECHAZADA = "rechazada", _("No aceptada")
        CANCELADA = "cancelada", _("Cancelada")

    OCUPAN_LUGAR = [Estado.SOLICITADA, Estado.CONFIRMADA]

    evento = models.ForeignKey(
        Evento, on_delete=models.PROTECT, related_name="inscripciones", verbose_name=_("evento")
    )
    participante = models.ForeignKey(
        Participante,
        on_delete=models.PROTECT,
        related_name="inscripciones",
        verbose_name=_("persona participante"),
    )
    dependencia = models.ForeignKey(
        Dependencia,
        on_delete=models.PROTECT,
        related_name="inscripciones_capacitacion",
        verbose_name=_("institución"),
        help_text=_("La institución de la persona al inscribirse."),
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado, default=Estado.SOLICITADA)
    inscrita_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    creada = models.DateTimeField(_("inscrita el"), auto_now_add=True)
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revisada_en = models.DateTimeField(_("revisada el"), null=True, blank=True)
    motivo = models.CharField(_("motivo"), max_length=300, blank=True)
    horas_asistidas = models.DecimalField(
        _("horas asistidas"), max_digits=6, decimal_places=1, default=Decimal("0"), editable=False
    )
    acreditada = models.BooleanField(_("acreditada"), default=False, editable=False)

    history = HistoricalRecords()
    objects = InscripcionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        ordering = ["evento", "participante__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["evento", "participante"], name="inscripcion_unica_por_evento"
            )
        ]
        indexes = [
            models.Index(fields=["evento", "estado"]),
            models.Index(fields=["dependencia", "acreditada"]),
            # Las por confirmar son pocas entre cientos de miles: «Por revisar» y su campana
            # las cuentan en cada página de la Coordinación.
            models.Index(
                fields=["evento", "dependencia"],
                condition=models.Q(estado="solicitada"),
                name="inscripcion_por_confirmar",
            ),
        ]
        permissions = [("confirmar_inscripcion", _("Puede confirmar o rechazar inscripciones"))]

    def __str__(self):
        return f"{self.participante} · {self.evento}"


class AsistenciaQuerySet(AlcanceQuerySet):
    campo_dependencia = "inscripcion__dependencia"


class Asistencia(models.Model):
    """Si una persona inscrita estuvo o no en una sesión."""

    inscripcion = models.ForeignKey(
        Inscripcion, on_delete=models.CASCADE, related_name="asistencias"
    )
    sesion = models.ForeignKey(Sesion, on_delete=models.CASCADE, related_name="asistencias")
    presente = models.BooleanField(_("asistió"))
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registrada_en = models.DateTimeField(_("registrada el"), auto_now=True)

    objects = AsistenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencias")
        constraints = [
            models.UniqueConstraint(
                fields=["inscripcion", "sesion"], name="asistencia_unica_por_sesion"
            )
        ]

    def __str__(self):
        return f"{self.inscripcion} · {self.sesion}"
