"""El plan de trabajo anual de cada unidad: su encabezado, sus actividades en forma de marco
lógico, la revisión de la Coordinación y el seguimiento trimestral."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet
from uig_portal.lib.archivos import EXTENSIONES, nombre_aleatorio
from uig_portal.lib.ejes import Eje

MESES = [
    (1, _("enero")), (2, _("febrero")), (3, _("marzo")), (4, _("abril")), (5, _("mayo")),
    (6, _("junio")), (7, _("julio")), (8, _("agosto")), (9, _("septiembre")),
    (10, _("octubre")), (11, _("noviembre")), (12, _("diciembre")),
]  # fmt: skip
TRIMESTRES = [(1, _("Primer trimestre")), (2, _("Segundo trimestre")),
              (3, _("Tercer trimestre")), (4, _("Cuarto trimestre"))]  # fmt: skip


def _numero(valor):
    """Un Decimal como lo escribe una persona: 40 y no 4E+1 ni 40.00."""
    return format(valor.normalize(), "f")


NO_NEGATIVO = [MinValueValidator(Decimal("0"), message=_("No puede ser negativo."))]


class Alineacion(models.Model):
    """Un elemento de los catálogos a los que se alinea cada actividad."""

    class Tipo(models.TextChoices):
        ATRIBUCION = "atribucion", _("Atribución de la Coordinación")
        PED = "ped", _("Estrategia del PED 2022–2027")
        PROIGUALDADEZ = "proigualdadez", _("PROIGUALDADEZ")
        PROGRAMA = "programa", _("Programa presupuestario")

    tipo = models.CharField(_("catálogo"), max_length=20, choices=Tipo)
    clave = models.CharField(_("clave"), max_length=30)
    descripcion = models.TextField(_("descripción"))
    activa = models.BooleanField(_("activa"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("elemento de alineación")
        verbose_name_plural = _("catálogos de alineación")
        ordering = ["tipo", "clave"]
        constraints = [
            models.UniqueConstraint(fields=["tipo", "clave"], name="alineacion_unica_por_catalogo")
        ]

    def __str__(self):
        return f"{self.clave}. {self.descripcion[:90]}"


class PlanQuerySet(AlcanceQuerySet):
    campo_dependencia = "unidad__dependencia"

    def vigentes(self):
        """La versión más reciente de cada plan (la última modificación)."""
        return self.filter(siguiente__isnull=True)


class PlanTrabajo(models.Model):
    """El plan de trabajo de una unidad para un año, en una versión.

    La versión 1 es el plan original; cada modificación de un plan aprobado es una nueva fila
    con el número siguiente, que apunta a la anterior, de modo que las anteriores siguen
    legibles tal como se aprobaron.
    """

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        ENVIADO = "enviado", _("Enviado a revisión")
        CON_OBSERVACIONES = "con_observaciones", _("Con observaciones")
        APROBADO = "aprobado", _("Aprobado")

    unidad = models.ForeignKey(
        "unidades.Unidad", verbose_name=_("unidad"), on_delete=models.PROTECT, related_name="planes"
    )
    anio = models.PositiveSmallIntegerField(
        _("año"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    version = models.PositiveSmallIntegerField(_("versión"), default=1)
    anterior = models.OneToOneField(
        "self",
        verbose_name=_("versión anterior"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="siguiente",
    )
    motivo_modificacion = models.TextField(_("motivo de la modificación"), blank=True)
    estado = models.CharField(_("estado"), max_length=20, choices=Estado, default=Estado.BORRADOR)
    titular_unidad = models.CharField(_("titular de la unidad"), max_length=200, blank=True)
    compromiso = models.TextField(
        _("compromiso para la igualdad"),
        blank=True,
        help_text=_(
            "El compromiso de la institución con la igualdad, en una o dos frases: a qué cultura "
            "institucional aspira y con qué instrumentos se alinea."
        ),
    )
    #: Contador de guardados: un guardado con un número viejo se rechaza (edición simultánea).
    revision = models.PositiveIntegerField(default=1, editable=False)
    creado = models.DateTimeField(auto_now_add=True)
    actualizado = models.DateTimeField(auto_now=True)
    enviado_en = models.DateTimeField(_("enviado el"), null=True, blank=True)
    aprobado_en = models.DateTimeField(_("aprobado el"), null=True, blank=True)
    aprobado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf_oficial = models.FileField(
        _("PDF oficial"), upload_to="planes/", blank=True, max_length=200
    )

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan de trabajo")
        verbose_name_plural = _("planes de trabajo")
        ordering = ["-anio", "unidad__dependencia__nombre", "-version"]
        permissions = [
            ("revisar_plan", _("Puede devolver o aprobar planes de trabajo")),
            ("enviar_plan", _("Puede enviar planes de trabajo a revisión")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unidad", "anio", "version"],
                name="plan_una_version_por_unidad_y_anio",
                violation_error_message=_("La unidad ya tiene un plan de trabajo para ese año."),
            )
        ]

    def __str__(self):
        return _("Plan de trabajo %(anio)s de %(siglas)s (versión %(version)s)") % {
            "anio": self.anio,
            "siglas": self.unidad.dependencia.siglas,
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("planes:detalle", args=[self.pk])

    @property
    def editable(self):
        return self.estado in (self.Estado.BORRADOR, self.Estado.CON_OBSERVACIONES)

    @property
    def es_modificacion(self):
        return self.version > 1


@dataclass(frozen=True)
class CambioEnModificacion:
    """Lo que cambió en una actividad en la modificación `version` del plan."""

    version: int
    #: True si la actividad se agregó en esa modificación.
    nueva: bool
    #: Nombres de los campos que cambiaron (vacío si es nueva).
    campos: list


class TipoContribucion(models.TextChoices):
    """Cómo contribuye a la igualdad el gasto de una actividad (a la manera de los anexos
    transversales): etiquetado no es lo mismo que dirigido a cerrar brechas."""

    MUJERES = "mujeres", _("Dirigido a mujeres")
    AFIRMATIVA = "afirmativa", _("Acción afirmativa para cerrar una brecha")
    OPERACION = "operacion", _("Igualdad en la operación del programa")
    UNIVERSAL = "universal", _("Universal, sin enfoque de género")


class ActividadQuerySet(AlcanceQuerySet):
    campo_dependencia = "plan__unidad__dependencia"


class Actividad(models.Model):
    """Una fila del plan, en la forma del marco lógico de INMUJERES."""

    #: El vocabulario de ejes es común al diagnóstico (las propuestas llevan el mismo eje).
    Eje = Eje

    plan = models.ForeignKey(PlanTrabajo, on_delete=models.CASCADE, related_name="actividades")
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    eje = models.CharField(_("eje temático"), max_length=20, choices=Eje, blank=True)
    area_oportunidad = models.TextField(_("área de oportunidad"), blank=True)
    objetivo = models.TextField(_("objetivo"), blank=True)
    estrategia = models.TextField(_("estrategia"), blank=True)
    linea_accion = models.TextField(_("línea de acción"), blank=True)
    descripcion = models.TextField(_("actividad"), blank=True)
    indicador = models.CharField(_("nombre del indicador"), max_length=250, blank=True)
    formula = models.CharField(_("fórmula del indicador"), max_length=250, blank=True)
    unidad_medida = models.CharField(_("unidad de medida"), max_length=100, blank=True)
    linea_base = models.DecimalField(
        _("línea base"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NO_NEGATIVO,
    )
    meta_anual = models.DecimalField(
        _("meta anual"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NO_NEGATIVO,
    )
    meta_t1 = models.DecimalField(
        _("meta del 1.er trimestre"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=NO_NEGATIVO,
    )  # fmt: skip
    meta_t2 = models.DecimalField(
        _("meta del 2.º trimestre"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=NO_NEGATIVO,
    )  # fmt: skip
    meta_t3 = models.DecimalField(
        _("meta del 3.er trimestre"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=NO_NEGATIVO,
    )  # fmt: skip
    meta_t4 = models.DecimalField(
        _("meta del 4.º trimestre"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=NO_NEGATIVO,
    )  # fmt: skip
    acumulativa = models.BooleanField(
        _("las metas trimestrales suman la anual"),
        default=True,
        help_text=_(
            "Márquelo si lo logrado en cada trimestre se suma (p. ej., personas capacitadas)."
        ),
    )
    desagregado_por_sexo = models.BooleanField(_("se desagrega por sexo"), default=False)
    medio_verificacion = models.TextField(_("medio de verificación"), blank=True)
    mes_inicio = models.PositiveSmallIntegerField(
        _("mes de inicio"), choices=MESES, null=True, blank=True
    )
    mes_fin = models.PositiveSmallIntegerField(
        _("mes de término"), choices=MESES, null=True, blank=True
    )
    area_responsable = models.CharField(_("área responsable"), max_length=200, blank=True)
    recursos = models.TextField(_("recursos (humanos, materiales, presupuesto)"), blank=True)
    programa_presupuestario = models.CharField(
        _("programa presupuestario"), max_length=200, blank=True
    )
    programa = models.ForeignKey(
        "planes.ProgramaPresupuestario",
        verbose_name=_("programa presupuestario (Pp)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actividades",
    )
    monto_aprobado = models.DecimalField(
        _("monto aprobado (pesos)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NO_NEGATIVO,
    )
    tipo_contribucion = models.CharField(
        _("tipo de contribución a la igualdad"),
        max_length=20,
        choices=TipoContribucion,
        blank=True,
    )
    resultado_esperado = models.TextField(_("resultado esperado"), blank=True)
    #: La propuesta del diagnóstico que la unidad adoptó con esta actividad (`planes.propuestas`).
    #: Las copias de la actividad en modificaciones del plan conservan el vínculo.
    propuesta = models.ForeignKey(
        "diagnosticos.Propuesta",
        verbose_name=_("propuesta del diagnóstico"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="actividades",
    )
    alineaciones = models.ManyToManyField(
        Alineacion, verbose_name=_("alineación"), related_name="actividades", blank=True
    )
    #: La misma actividad en la versión anterior del plan, de la que esta es copia; None en el
    #: plan original y en las actividades agregadas (o duplicadas) en una modificación. Con ella
    #: el seguimiento de una actividad continúa de una versión a la siguiente.
    origen = models.ForeignKey(
        "self",
        verbose_name=_("actividad en la versión anterior"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="continuaciones",
    )
    #: Contador de guardados de esta actividad, para el autoguardado sin pisar otra edición.
    revision = models.PositiveIntegerField(default=1, editable=False)
    actualizada = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[alineaciones])
    objects = ActividadQuerySet.as_manager()

    #: Campos que una actividad necesita para poder enviar el plan.
    OBLIGATORIOS = [
        "eje", "objetivo", "estrategia", "linea_accion", "descripcion", "indicador", "formula",
        "unidad_medida", "meta_anual", "medio_verificacion", "mes_inicio", "mes_fin",
        "area_responsable", "resultado_esperado",
    ]  # fmt: skip

    #: Lo que no es contenido de la actividad: si solo cambia esto, la actividad no cambió.
    SIN_CONTENIDO = {"id", "plan", "orden", "origen", "revision", "actualizada", "propuesta"}

    class Meta:
        verbose_name = _("actividad del plan")
        verbose_name_plural = _("actividades del plan")
        ordering = ["orden", "pk"]

    def __str__(self):
        return self.descripcion[:80] or str(_("Actividad sin describir"))

    @property
    def metas_trimestrales(self):
        return [self.meta_t1, self.meta_t2, self.meta_t3, self.meta_t4]

    @cached_property
    def observaciones_abiertas(self):
        """Las observaciones de la Coordinación a esta actividad que la unidad no ha marcado
        como atendidas. El editor la llena de una vez para todas las tarjetas."""
        return list(self.observaciones.pendientes())

    @cached_property
    def cambio_en_modificacion(self):
        """Cómo cambió la actividad al modificar el plan, para revisarla en el siguiente informe.

        None si no hay nada que señalar: la actividad es del plan original o quedó igual que
        en la versión anterior. Si no, un `CambioEnModificacion`: nueva (sin origen) o con los
        nombres de los campos que cambiaron. La alineación y el orden no cuentan. Carga
        `origen` (conviene traerlo con select_related).
        """
        if self.origen_id is None:
            if self.plan.es_modificacion:
                return CambioEnModificacion(version=self.plan.version, nueva=True, campos=[])
            return None
        campos = [
            str(campo.verbose_name)
            for campo in self._meta.concrete_fields
            if campo.name not in self.SIN_CONTENIDO
            and getattr(self, campo.attname) != getattr(self.origen, campo.attname)
        ]
        if not campos:
            return None
        return CambioEnModificacion(version=self.plan.version, nueva=False, campos=campos)

    def clean(self):
        errores = {}
        if self.mes_inicio and self.mes_fin and self.mes_inicio > self.mes_fin:
            errores["mes_fin"] = _("El mes de término no puede ser anterior al de inicio.")
        trimestrales = self.metas_trimestrales
        if (
            self.acumulativa
            and self.meta_anual is not None
            and all(m is not None for m in trimestrales)
            and sum(trimestrales) != self.meta_anual
        ):
            errores["meta_anual"] = _(
                "Las metas trimestrales suman %(suma)s y la meta anual es %(anual)s; como el "
                "indicador es acumulativo, deben coincidir."
            ) % {"suma": _numero(sum(trimestrales)), "anual": _numero(self.meta_anual)}
        if self.programa_id is not None and self.plan_id is not None:
            if self.programa.anio != self.plan.anio:
                errores["programa"] = _(
                    "El programa %(clave)s es del ejercicio %(anio)s y el plan es de %(plan)s: "
                    "elija un programa de %(plan)s."
                ) % {
                    "clave": self.programa.clave,
                    "anio": self.programa.anio,
                    "plan": self.plan.anio,
                }
        if self.monto_aprobado and self.programa_id is None:
            errores["programa"] = _("Indique el programa presupuestario del que sale el monto.")
        if errores:
            raise ValidationError(errores)

    def faltantes(self, alineaciones=None):
        """Etiquetas de lo que falta para poder enviar el plan con esta actividad."""
        faltan = [
            str(self._meta.get_field(campo).verbose_name)
            for campo in self.OBLIGATORIOS
            if getattr(self, campo) in (None, "")
        ]
        if any(m is None for m in self.metas_trimestrales):
            faltan.append(str(_("metas trimestrales")))
        tipos = {
            a.tipo for a in (alineaciones if alineaciones is not None else self.alineaciones.all())
        }
        if Alineacion.Tipo.PED not in tipos:
            faltan.append(str(_("alineación con una estrategia del PED")))
        if Alineacion.Tipo.ATRIBUCION not in tipos:
            faltan.append(str(_("alineación con una atribución de la Coordinación")))
        return faltan


class Devolucion(models.Model):
    """Una vuelta de revisión: la Coordinación devolvió el plan y la unidad (quizá) lo reenvió.

    Guarda una instantánea del plan al devolverlo y otra al reenviarlo (`planes.diferencias`):
    así la Coordinación ve qué cambió entre las dos aunque el historial tenga huecos o después
    cambien los catálogos.
    """

    plan = models.ForeignKey(PlanTrabajo, on_delete=models.CASCADE, related_name="devoluciones")
    devuelta_en = models.DateTimeField(_("devuelto el"), default=timezone.now)
    devuelta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    instantanea = models.JSONField(_("el plan al devolverlo"), default=dict)
    reenviada_en = models.DateTimeField(_("reenviado el"), null=True, blank=True)
    reenviada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    instantanea_reenvio = models.JSONField(_("el plan al reenviarlo"), null=True, blank=True)

    class Meta:
        verbose_name = _("devolución del plan")
        verbose_name_plural = _("devoluciones del plan")
        ordering = ["plan", "devuelta_en", "pk"]

    def __str__(self):
        return _("Devolución del %(fecha)s · %(plan)s") % {
            "fecha": timezone.localtime(self.devuelta_en).strftime("%d/%m/%Y"),
            "plan": self.plan,
        }

    def diferencias(self, plan_actual=None):
        """Lo que cambió entre el plan devuelto y el reenviado (o el actual, si no se reenvió).

        `plan_actual` es la instantánea del plan tal como está (`diferencias.instantanea`);
        solo hace falta si aún no se reenvía.
        """
        from planes.diferencias import comparar

        despues = self.instantanea_reenvio if self.instantanea_reenvio is not None else plan_actual
        if despues is None or not self.instantanea:
            return None
        return comparar(self.instantanea, despues)


class ObservacionQuerySet(models.QuerySet):
    def pendientes(self):
        """Las que la unidad no ha marcado como atendidas: la única definición de «pendiente»."""
        return self.filter(atendida=False)

    def sin_respuesta(self):
        """Pendientes y sin respuesta escrita: lo que la unidad no tocó."""
        return self.pendientes().filter(respuesta="")

    def de_la_vuelta(self, devolucion):
        """Lo que la unidad tiene a la vista: las pendientes y las de la última devolución."""
        if devolucion is None:
            return self.pendientes()
        return self.filter(models.Q(atendida=False) | models.Q(devolucion=devolucion))


class Observacion(models.Model):
    """Una observación de la Coordinación al plan entero o a una actividad, con la respuesta
    de la unidad: un texto breve y/o la marca de «atendida»."""

    #: Largo máximo de la respuesta de la unidad.
    LARGO_RESPUESTA = 2000

    plan = models.ForeignKey(PlanTrabajo, on_delete=models.CASCADE, related_name="observaciones")
    #: Si la unidad elimina la actividad, la observación (y su respuesta) se conserva:
    #: `etiqueta_actividad` dice a qué actividad se refería.
    actividad = models.ForeignKey(
        Actividad, on_delete=models.SET_NULL, null=True, blank=True, related_name="observaciones"
    )
    etiqueta_actividad = models.CharField(
        _("actividad observada"), max_length=200, blank=True, editable=False
    )
    #: La devolución con la que la unidad recibió la observación; None mientras la Coordinación
    #: revisa (aún no se devuelve).
    devolucion = models.ForeignKey(
        Devolucion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="observaciones",
    )
    texto = models.TextField(_("observación"))
    autor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    creada = models.DateTimeField(auto_now_add=True)
    atendida = models.BooleanField(_("atendida"), default=False)
    respuesta = models.TextField(_("respuesta de la unidad"), blank=True)
    respondida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    respondida_en = models.DateTimeField(_("respondida el"), null=True, blank=True)
    #: Contador de respuestas: una respuesta con un número viejo se rechaza (edición simultánea).
    revision = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ObservacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("observación")
        verbose_name_plural = _("observaciones")
        ordering = ["creada", "pk"]

    def __str__(self):
        return self.texto[:80]

    @property
    def de_actividad_eliminada(self):
        return self.actividad_id is None and bool(self.etiqueta_actividad)

    @property
    def sin_tocar(self):
        """Ni respondida ni marcada como atendida."""
        return not self.atendida and not self.respuesta.strip()


class InformeTrimestral(models.Model):
    """El reporte de un trimestre de un plan aprobado: se llena por actividad y se envía."""

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("En captura")
        ENVIADO = "enviado", _("Enviado")

    #: Días después del cierre del trimestre para entregar su informe.
    DIAS_DE_PLAZO = 15

    plan = models.ForeignKey(PlanTrabajo, on_delete=models.CASCADE, related_name="informes")
    trimestre = models.PositiveSmallIntegerField(_("trimestre"), choices=TRIMESTRES)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado, default=Estado.BORRADOR)
    enviado_en = models.DateTimeField(_("enviado el"), null=True, blank=True)
    enviado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: La versión del plan en que se envió. Al aprobarse una modificación, los informes pasan a
    #: la nueva versión (`services.seguimiento_trasladar`) y este número conserva la original.
    enviado_en_version = models.PositiveSmallIntegerField(
        _("enviado en la versión"), null=True, blank=True, editable=False
    )

    #: Contador de guardados de la captura (`uig_portal.lib.concurrencia`): un guardado hecho
    #: sobre un número viejo se rechaza.
    revision = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informe trimestral")
        verbose_name_plural = _("informes trimestrales")
        ordering = ["plan", "trimestre"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "trimestre"], name="un_informe_por_trimestre")
        ]

    def __str__(self):
        return f"{self.get_trimestre_display()} · {self.plan}"

    @staticmethod
    def fecha_limite(anio, trimestre):
        """El día en que vence el informe de un trimestre: 15 días después de su cierre."""
        siguiente = date(anio + 1, 1, 1) if trimestre == 4 else date(anio, trimestre * 3 + 1, 1)
        return siguiente + timedelta(days=InformeTrimestral.DIAS_DE_PLAZO - 1)

    @property
    def vence(self):
        return self.fecha_limite(self.plan.anio, self.trimestre)

    @property
    def version_de_envio(self):
        """La versión del plan en que se envió el informe, o None si sigue en captura."""
        if self.estado != self.Estado.ENVIADO:
            return None
        return self.enviado_en_version or self.plan.version

    @property
    def enviado_en_version_anterior(self):
        """True si el informe se envió en una versión anterior del plan y se trajo a esta."""
        version = self.version_de_envio
        return version is not None and version < self.plan.version

    @property
    def a_tiempo(self):
        """True/False si ya se envió; None si sigue en captura."""
        if self.enviado_en is None:
            return None
        return timezone.localtime(self.enviado_en).date() <= self.vence


class Seguimiento(models.Model):
    """El avance de una actividad en un trimestre."""

    class Estado(models.TextChoices):
        NO_INICIADA = "no_iniciada", _("No iniciada")
        EN_PROCESO = "en_proceso", _("En proceso")
        CONCLUIDA = "concluida", _("Concluida")
        CANCELADA = "cancelada", _("Cancelada")

    informe = models.ForeignKey(
        InformeTrimestral, on_delete=models.CASCADE, related_name="seguimientos"
    )
    actividad = models.ForeignKey(Actividad, on_delete=models.CASCADE, related_name="seguimientos")
    valor_alcanzado = models.DecimalField(
        _("valor alcanzado"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NO_NEGATIVO,
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado, default=Estado.NO_INICIADA
    )
    motivo_cancelacion = models.TextField(_("motivo de la cancelación"), blank=True)
    monto_ejercido = models.DecimalField(
        _("monto ejercido en el trimestre (pesos)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NO_NEGATIVO,
    )
    narrativa = models.TextField(_("qué se hizo"), blank=True)
    comentario_coordinacion = models.TextField(_("comentario de la Coordinación"), blank=True)
    actualizado = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seguimiento de actividad")
        verbose_name_plural = _("seguimientos de actividades")
        ordering = ["informe", "actividad__orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["informe", "actividad"], name="un_seguimiento_por_actividad"
            )
        ]

    def __str__(self):
        return f"{self.actividad} · T{self.informe.trimestre}"

    def clean(self):
        if self.estado == self.Estado.CANCELADA and not self.motivo_cancelacion.strip():
            raise ValidationError(
                {"motivo_cancelacion": _("Explique por qué se canceló la actividad.")}
            )


def ruta_evidencia_seguimiento(instancia, nombre):
    return nombre_aleatorio("seguimiento", EXTENSIONES.get(instancia.tipo_contenido, ""))


class EvidenciaSeguimiento(models.Model):
    seguimiento = models.ForeignKey(
        Seguimiento, on_delete=models.CASCADE, related_name="evidencias"
    )
    archivo = models.FileField(_("archivo"), upload_to=ruta_evidencia_seguimiento, max_length=200)
    nombre_original = models.CharField(_("nombre del archivo"), max_length=255)
    tipo_contenido = models.CharField(max_length=50)
    tamano = models.PositiveIntegerField()
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subida_en = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidencia de seguimiento")
        verbose_name_plural = _("evidencias de seguimiento")
        ordering = ["subida_en"]

    def __str__(self):
        return self.nombre_original


# El catálogo de programas presupuestarios vive en su propio módulo; se importa aquí para que
# Django lo registre como modelo de la aplicación.
from planes.modelos_presupuesto import MejoraPrograma, ProgramaPresupuestario  # noqa: E402, F401
