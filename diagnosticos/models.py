"""El cuestionario diagnóstico: su diseño en versiones, las rondas en que se aplica, las
respuestas de cada institución y sus puntajes.

Cuestionario → Version → Seccion → Pregunta (→ Opcion). Una versión que ya se usó en una
ronda no cambia nunca: editarla crea la versión siguiente, de modo que las respuestas, los
puntajes y las exportaciones de rondas anteriores siguen completos. Las preguntas y las
secciones llevan un código estable con el que se comparan versiones y rondas entre sí.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet
from uig_portal.lib.archivos import EXTENSIONES, nombre_aleatorio

CODIGO = RegexValidator(
    r"^[a-z][a-z0-9_]{0,39}$",
    _(
        "Use de 1 a 40 caracteres: letras minúsculas sin acentos, números y guion bajo, "
        "empezando con una letra."
    ),
)
PESO = [
    MinValueValidator(Decimal("0"), message=_("El peso no puede ser negativo.")),
    MaxValueValidator(Decimal("100"), message=_("El peso no puede pasar de 100.")),
]
PUNTOS = [
    MinValueValidator(Decimal("0"), message=_("Los puntos van de 0 a 100.")),
    MaxValueValidator(Decimal("100"), message=_("Los puntos van de 0 a 100.")),
]


class Cuestionario(models.Model):
    """Un instrumento (p. ej. el diagnóstico institucional), con sus versiones y sus niveles.

    Los umbrales de nivel son del cuestionario y no de la versión para que una institución
    se compare con su línea base con la misma vara aunque el instrumento cambie.
    """

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    descripcion = models.TextField(_("descripción"), blank=True)
    umbral_en_desarrollo = models.DecimalField(
        _("índice desde el que el nivel es «en desarrollo»"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("40"),
        validators=PUNTOS,
    )
    umbral_consolidado = models.DecimalField(
        _("índice desde el que el nivel es «consolidado»"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=PUNTOS,
    )
    creado = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuestionario")
        verbose_name_plural = _("cuestionarios")
        ordering = ["nombre"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(umbral_en_desarrollo__lt=models.F("umbral_consolidado")),
                name="cuestionario_umbrales_en_orden",
                violation_error_message=_(
                    "El umbral de «en desarrollo» debe ser menor que el de «consolidado»."
                ),
            )
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("diagnosticos:cuestionario_detalle", args=[self.pk])

    def nivel(self, indice):
        """(clave, etiqueta) del nivel de un índice 0–100, o None sin índice."""
        if indice is None:
            return None
        if indice >= self.umbral_consolidado:
            return Nivel.CONSOLIDADO
        if indice >= self.umbral_en_desarrollo:
            return Nivel.EN_DESARROLLO
        return Nivel.INICIAL


class Nivel(models.TextChoices):
    INICIAL = "inicial", _("Inicial")
    EN_DESARROLLO = "en_desarrollo", _("En desarrollo")
    CONSOLIDADO = "consolidado", _("Consolidado")


class Version(models.Model):
    """Una versión de un cuestionario. Se edita mientras ninguna ronda la use."""

    cuestionario = models.ForeignKey(
        Cuestionario, on_delete=models.PROTECT, related_name="versiones"
    )
    numero = models.PositiveSmallIntegerField(_("versión"), default=1)
    notas = models.TextField(
        _("notas de la versión"), blank=True, help_text=_("Qué cambió respecto de la anterior.")
    )
    creada = models.DateTimeField(auto_now_add=True)
    actualizada = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versión de cuestionario")
        verbose_name_plural = _("versiones de cuestionario")
        ordering = ["cuestionario__nombre", "-numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["cuestionario", "numero"], name="version_numero_unico_por_cuestionario"
            )
        ]

    def __str__(self):
        return _("%(cuestionario)s, versión %(numero)s") % {
            "cuestionario": self.cuestionario.nombre,
            "numero": self.numero,
        }

    def get_absolute_url(self):
        return reverse("diagnosticos:version_detalle", args=[self.pk])

    @property
    def en_uso(self):
        """Ya la usa una ronda: sus preguntas no cambian más (se edita una versión nueva)."""
        return self.aplicaciones.exists()

    def preguntas(self):
        return Pregunta.objects.filter(seccion__version=self).order_by(
            "seccion__orden", "seccion_id", "orden", "pk"
        )


class Seccion(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="secciones")
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    codigo = models.CharField(
        _("código"),
        max_length=40,
        validators=[CODIGO],
        help_text=_("Estable entre versiones: con él se compara la sección de una ronda a otra."),
    )
    titulo = models.CharField(_("título"), max_length=200)
    descripcion = models.TextField(_("descripción"), blank=True)
    peso = models.DecimalField(
        _("peso en el índice general"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=PESO,
        help_text=_("0 si la sección no cuenta en el índice general (p. ej. datos generales)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sección")
        verbose_name_plural = _("secciones")
        ordering = ["version", "orden", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "codigo"], name="seccion_codigo_unico_por_version"
            )
        ]

    def __str__(self):
        return self.titulo


class Pregunta(models.Model):
    class Tipo(models.TextChoices):
        SI_NO = "si_no", _("Sí / parcial / no / no aplica")
        ENTERO = "entero", _("Número entero")
        DECIMAL = "decimal", _("Número decimal")
        PORCENTAJE = "porcentaje", _("Porcentaje")
        OPCION_UNICA = "opcion_unica", _("Opción única")
        OPCION_MULTIPLE = "opcion_multiple", _("Opción múltiple")
        ESCALA = "escala", _("Escala de acuerdo")
        FECHA = "fecha", _("Fecha")
        TEXTO = "texto", _("Texto abierto")
        NOTA = "nota", _("Nota (solo texto, sin respuesta)")

    class Regla(models.TextChoices):
        """Cómo da puntos una respuesta numérica (las demás tienen regla fija)."""

        NINGUNA = "", _("No da puntos")
        DIRECTA = "directa", _("El porcentaje son los puntos")
        PARIDAD = "paridad", _("Paridad: 100 entre 40 % y 60 %, menos fuera de esa banda")
        META = "meta", _("Meta: 100 al alcanzar la meta, proporcional por debajo")

    seccion = models.ForeignKey(Seccion, on_delete=models.CASCADE, related_name="preguntas")
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    codigo = models.CharField(
        _("código"),
        max_length=40,
        validators=[CODIGO],
        help_text=_("Estable entre versiones; es el nombre de la columna en las exportaciones."),
    )
    texto = models.TextField(_("pregunta"))
    ayuda = models.TextField(_("ayuda"), blank=True)
    tipo = models.CharField(_("tipo de respuesta"), max_length=20, choices=Tipo)
    obligatoria = models.BooleanField(_("obligatoria"), default=True)
    #: {"union": "y"|"o", "reglas": [{"pregunta": código, "operador": ..., "valor": ...}]}
    #: Ver `diagnosticos.condiciones`; vacía = siempre visible.
    condicion = models.JSONField(_("se muestra solo si"), default=dict, blank=True)
    minimo = models.DecimalField(
        _("valor mínimo"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    maximo = models.DecimalField(
        _("valor máximo"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    peso = models.DecimalField(
        _("peso en el índice de la sección"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=PESO,
        help_text=_("0 si la pregunta no da puntos (datos, preguntas cualitativas)."),
    )
    regla = models.CharField(
        _("regla de puntos (numéricas)"), max_length=10, choices=Regla, blank=True, default=""
    )
    meta = models.DecimalField(
        _("meta"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Para la regla «meta»: el valor con el que la respuesta vale 100 puntos."),
    )
    admite_evidencia = models.BooleanField(_("admite evidencia"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pregunta")
        verbose_name_plural = _("preguntas")
        ordering = ["seccion", "orden", "pk"]
        # El código es único en la versión; la base solo puede garantizarlo por sección, la
        # versión lo revisa `diagnosticos.diseno.validar_version`.
        constraints = [
            models.UniqueConstraint(
                fields=["seccion", "codigo"], name="pregunta_codigo_unico_por_seccion"
            )
        ]

    def __str__(self):
        return f"{self.codigo}. {self.texto[:80]}"

    @property
    def tiene_opciones(self):
        return self.tipo in (self.Tipo.OPCION_UNICA, self.Tipo.OPCION_MULTIPLE)

    @property
    def responde(self):
        """Las notas solo se leen: no tienen respuesta ni cuentan para el avance."""
        return self.tipo != self.Tipo.NOTA

    @property
    def da_puntos(self):
        if self.peso <= 0 or self.tipo in (self.Tipo.FECHA, self.Tipo.TEXTO, self.Tipo.NOTA):
            return False
        if self.tipo in (self.Tipo.ENTERO, self.Tipo.DECIMAL, self.Tipo.PORCENTAJE):
            return bool(self.regla)
        return True


class Opcion(models.Model):
    pregunta = models.ForeignKey(Pregunta, on_delete=models.CASCADE, related_name="opciones")
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    valor = models.CharField(_("valor"), max_length=40, validators=[CODIGO])
    etiqueta = models.CharField(_("etiqueta"), max_length=300)
    puntos = models.DecimalField(
        _("puntos"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PUNTOS,
        help_text=_("De 0 a 100; vacío si la opción no da puntos."),
    )

    class Meta:
        verbose_name = _("opción")
        verbose_name_plural = _("opciones")
        ordering = ["pregunta", "orden", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pregunta", "valor"], name="opcion_valor_unico_por_pregunta"
            )
        ]

    def __str__(self):
        return self.etiqueta


class AplicacionQuerySet(models.QuerySet):
    def del_anio(self, anio, al=None):
        """La ronda del ejercicio `anio` ya abierta a la fecha `al`, o None.

        La única definición de «la ronda del año»: el tablero, la página pública, sus datos
        abiertos, el informe anual y los pendientes la piden aquí. Abrir la ronda del año
        siguiente (aunque sea en diciembre) no cambia la de este año. Si un año tiene varias
        rondas, cuenta la abierta más recientemente.
        """
        filtro = {"anio": anio}
        if al is not None:
            filtro["apertura__lte"] = al
        return (
            self.filter(**filtro)
            .select_related("version__cuestionario")
            .order_by("-apertura", "-pk")
            .first()
        )

    def anios(self):
        """Los ejercicios que tienen al menos una ronda."""
        return set(self.values_list("anio", flat=True).distinct())


class Aplicacion(models.Model):
    """Una ronda: una versión enviada a un conjunto de instituciones, con plazo.

    Las instituciones de la ronda son las que tienen una `Respuesta` en ella: se crean todas
    (sin iniciar) al abrir la ronda. Pertenece a un ejercicio (`anio`), que por omisión es el
    año de su apertura.
    """

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="aplicaciones")
    nombre = models.CharField(_("nombre"), max_length=200)
    anio = models.PositiveSmallIntegerField(
        _("ejercicio"),
        blank=True,
        db_index=True,
        help_text=_(
            "El año cuyas cifras mide la ronda. Por omisión, el año de la apertura; una ronda "
            "del año siguiente abierta en diciembre lleva el año siguiente."
        ),
    )
    apertura = models.DateField(_("fecha de apertura"))
    cierre = models.DateField(_("fecha límite"))
    instrucciones = models.TextField(_("instrucciones para las unidades"), blank=True)
    creada = models.DateTimeField(auto_now_add=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = AplicacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ronda de aplicación")
        verbose_name_plural = _("rondas de aplicación")
        ordering = ["-apertura", "-pk"]
        permissions = [
            ("revisar_respuesta", _("Puede devolver o aceptar respuestas del diagnóstico")),
            ("ver_resultados", _("Puede ver los resultados consolidados del diagnóstico")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(apertura__lte=models.F("cierre")),
                name="aplicacion_cierre_despues_de_apertura",
                violation_error_message=_(
                    "La fecha límite no puede ser anterior a la de apertura."
                ),
            )
        ]

    def __str__(self):
        return self.nombre

    def save(self, *args, **kwargs):
        if self.anio is None and self.apertura:
            self.anio = self.apertura.year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("diagnosticos:aplicacion_detalle", args=[self.pk])

    def clean(self):
        super().clean()
        if self.anio is None and self.apertura:
            self.anio = self.apertura.year

    @property
    def abierta(self):
        return self.apertura <= timezone.localdate()

    @property
    def vencida(self):
        return timezone.localdate() > self.cierre


class RespuestaQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"

    def aceptadas(self):
        return self.filter(estado=Respuesta.Estado.ACEPTADA)


class Respuesta(models.Model):
    """Lo que contesta una institución en una ronda: una sola por institución y ronda."""

    class Estado(models.TextChoices):
        SIN_INICIAR = "sin_iniciar", _("Sin iniciar")
        EN_PROGRESO = "en_progreso", _("En progreso")
        ENVIADA = "enviada", _("Enviada")
        DEVUELTA = "devuelta", _("Devuelta con observaciones")
        ACEPTADA = "aceptada", _("Aceptada")

    aplicacion = models.ForeignKey(Aplicacion, on_delete=models.CASCADE, related_name="respuestas")
    dependencia = models.ForeignKey(
        "unidades.Dependencia", on_delete=models.PROTECT, related_name="respuestas_diagnostico"
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado, default=Estado.SIN_INICIAR
    )
    #: % de preguntas visibles y por responder que ya tienen respuesta; se guarda en cada
    #: autoguardado para que el seguimiento de miles de instituciones no recalcule nada.
    avance = models.PositiveSmallIntegerField(_("avance (%)"), default=0)
    observaciones = models.TextField(_("observaciones de la Coordinación"), blank=True)
    iniciada_en = models.DateTimeField(_("iniciada el"), null=True, blank=True)
    enviada_en = models.DateTimeField(_("enviada el"), null=True, blank=True)
    devuelta_en = models.DateTimeField(_("devuelta el"), null=True, blank=True)
    devuelta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aceptada_en = models.DateTimeField(_("aceptada el"), null=True, blank=True)
    aceptada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Índices 0–100 calculados al enviar y al aceptar: general y {código de sección: índice}.
    indice = models.DecimalField(
        _("índice general"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    indices = models.JSONField(_("índices por sección"), default=dict, blank=True)
    recordatorio_en = models.DateField(_("último recordatorio"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["avance"])
    objects = RespuestaQuerySet.as_manager()

    class Meta:
        verbose_name = _("respuesta al diagnóstico")
        verbose_name_plural = _("respuestas al diagnóstico")
        ordering = ["aplicacion", "dependencia__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["aplicacion", "dependencia"],
                name="respuesta_una_por_institucion_y_ronda",
                violation_error_message=_("La institución ya está en esta ronda."),
            )
        ]
        indexes = [models.Index(fields=["dependencia", "estado"])]

    def __str__(self):
        return _("%(ronda)s: %(siglas)s") % {
            "ronda": self.aplicacion.nombre,
            "siglas": self.dependencia.siglas,
        }

    def get_absolute_url(self):
        return reverse("diagnosticos:responder", args=[self.pk])

    @property
    def editable(self):
        """La institución puede escribir: no la ha enviado, o se la devolvieron."""
        return self.estado in (
            self.Estado.SIN_INICIAR,
            self.Estado.EN_PROGRESO,
            self.Estado.DEVUELTA,
        )

    @property
    def a_tiempo(self):
        """Enviada dentro del plazo (None si no se ha enviado)."""
        if self.enviada_en is None:
            return None
        return timezone.localdate(self.enviada_en) <= self.aplicacion.cierre


class ValorQuerySet(AlcanceQuerySet):
    campo_dependencia = "respuesta__dependencia"


class Valor(models.Model):
    """La respuesta a una pregunta, con su comentario y sus evidencias.

    `valor` guarda lo normalizado por `diagnosticos.valores` según el tipo: texto, número
    como cadena decimal, lista de valores de opción o fecha ISO; None es «sin respuesta».
    """

    respuesta = models.ForeignKey(Respuesta, on_delete=models.CASCADE, related_name="valores")
    pregunta = models.ForeignKey(Pregunta, on_delete=models.PROTECT, related_name="valores")
    valor = models.JSONField(_("respuesta"), null=True, blank=True)
    comentario = models.TextField(_("comentario"), blank=True)
    #: Contador de guardados: un guardado hecho sobre un número viejo se rechaza.
    revision = models.PositiveIntegerField(default=0)
    actualizado = models.DateTimeField(auto_now=True)
    actualizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = ValorQuerySet.as_manager()

    class Meta:
        verbose_name = _("valor de respuesta")
        verbose_name_plural = _("valores de respuesta")
        constraints = [
            models.UniqueConstraint(fields=["respuesta", "pregunta"], name="valor_uno_por_pregunta")
        ]

    def __str__(self):
        return f"{self.pregunta.codigo}: {self.valor}"

    @property
    def contestado(self):
        return self.valor not in (None, "", [])


class EvidenciaRespuestaQuerySet(AlcanceQuerySet):
    campo_dependencia = "valor__respuesta__dependencia"


def ruta_evidencia_respuesta(instancia, nombre):
    return nombre_aleatorio("diagnosticos", EXTENSIONES.get(instancia.tipo_contenido, ""))


class EvidenciaRespuesta(models.Model):
    valor = models.ForeignKey(Valor, on_delete=models.CASCADE, related_name="evidencias")
    archivo = models.FileField(_("archivo"), upload_to=ruta_evidencia_respuesta, max_length=200)
    nombre_original = models.CharField(_("nombre del archivo"), max_length=255)
    tipo_contenido = models.CharField(max_length=50)
    tamano = models.PositiveIntegerField()
    subida_en = models.DateTimeField(_("subida el"), auto_now_add=True)
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = EvidenciaRespuestaQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidencia de respuesta")
        verbose_name_plural = _("evidencias de respuesta")
        ordering = ["subida_en", "pk"]

    def __str__(self):
        return self.nombre_original


# Las propuestas viven en su propio módulo (este ya es largo); se importan aquí para que Django
# las registre como modelos de la aplicación.
from diagnosticos.modelos_propuestas import (  # noqa: E402, F401
    DiagnosticoSituacional,
    NivelDeTexto,
    Propuesta,
    TextoPropuesta,
)
