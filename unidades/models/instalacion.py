"""La Unidad de Igualdad de Género de cada institución: su ciclo de instalación, sus
integrantes, la guía de instalación y las evidencias de cada paso."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet
from uig_portal.lib.archivos import EXTENSIONES, nombre_aleatorio
from unidades import pasos_del_portal


class Sexo(models.TextChoices):
    MUJER = "mujer", _("Mujer")
    HOMBRE = "hombre", _("Hombre")
    NO_ESPECIFICADO = "no_especificado", _("Prefiere no decirlo")


class UnidadQuerySet(AlcanceQuerySet):
    campo_dependencia = "dependencia"

    def instaladas(self):
        return self.filter(estado__in=Unidad.ESTADOS_INSTALADA)

    def instaladas_al(self, fecha):
        """Las unidades que ya estaban instaladas (u operando) el día `fecha`.

        La única definición para las cifras de un año pasado: cuenta la fecha en que se
        registró su instalación, no el estado de hoy. El ciclo solo avanza, así que una unidad
        instalada entonces lo sigue estando. Hoy (o después) cuenta el estado de hoy.
        """
        if fecha >= timezone.localdate():
            return self.instaladas()
        return self.instaladas().filter(fecha_instalada__lte=fecha)

    def asegurar_para(self, dependencias):
        """Crea, sin iniciar, la unidad de cada institución que aún no la tiene."""
        faltantes = dependencias.filter(unidad__isnull=True).values_list("pk", flat=True)
        return self.bulk_create([Unidad(dependencia_id=pk) for pk in faltantes], batch_size=1000)


class Unidad(models.Model):
    """La UIG (o el enlace de igualdad) de una Dependencia, con su ciclo de instalación."""

    class Estado(models.TextChoices):
        SIN_INICIAR = "sin_iniciar", _("Sin iniciar")
        EN_GESTION = "en_gestion", _("En gestión")
        TITULAR_DESIGNADA = "titular_designada", _("Titular designada")
        INSTALADA = "instalada", _("Instalada")
        OPERANDO = "operando", _("Operando")

    class Modalidad(models.TextChoices):
        UNIDAD = "unidad", _("Unidad de Igualdad de Género")
        ENLACE = "enlace", _("Enlace de igualdad")

    #: El orden del ciclo; solo se avanza un paso a la vez.
    ORDEN = list(Estado)
    ESTADOS_INSTALADA = [Estado.INSTALADA, Estado.OPERANDO]
    #: Campo de fecha de cada estado (sin iniciar no tiene fecha).
    CAMPO_FECHA = {
        Estado.EN_GESTION: "fecha_en_gestion",
        Estado.TITULAR_DESIGNADA: "fecha_titular_designada",
        Estado.INSTALADA: "fecha_instalada",
        Estado.OPERANDO: "fecha_operando",
    }

    dependencia = models.OneToOneField(
        "unidades.Dependencia",
        verbose_name=_("dependencia o entidad"),
        on_delete=models.PROTECT,
        related_name="unidad",
    )
    modalidad = models.CharField(
        _("modalidad"),
        max_length=10,
        choices=Modalidad,
        default=Modalidad.UNIDAD,
        help_text=_(
            "Una entidad pequeña puede designar un enlace en lugar de una unidad completa."
        ),
    )
    estado = models.CharField(
        _("estado"), max_length=20, choices=Estado, default=Estado.SIN_INICIAR
    )
    fecha_en_gestion = models.DateField(_("en gestión desde"), null=True, blank=True)
    fecha_titular_designada = models.DateField(_("titular designada el"), null=True, blank=True)
    fecha_instalada = models.DateField(_("instalada el"), null=True, blank=True)
    fecha_operando = models.DateField(_("operando desde"), null=True, blank=True)
    adscripcion = models.CharField(
        _("área de adscripción"),
        max_length=200,
        blank=True,
        help_text=_(
            "Área de la que depende la unidad; de preferencia, la persona titular de la institución."
        ),
    )
    correo = models.EmailField(_("correo de la unidad"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    domicilio = models.CharField(_("domicilio"), max_length=250, blank=True)
    #: Control de concurrencia optimista: un guardado con versión vieja se rechaza.
    version = models.PositiveIntegerField(default=1, editable=False)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    history = HistoricalRecords()
    objects = UnidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("unidad de igualdad de género")
        verbose_name_plural = _("unidades de igualdad de género")
        ordering = ["dependencia__nombre"]
        permissions = [
            ("cambiar_estado_unidad", _("Puede mover una unidad en su ciclo de instalación"))
        ]
        indexes = [models.Index(fields=["estado"])]

    def __str__(self):
        return f"{self.get_modalidad_display()} · {self.dependencia}"

    def get_absolute_url(self):
        return self.dependencia.get_absolute_url()

    @property
    def esta_instalada(self):
        return self.estado in self.ESTADOS_INSTALADA

    @property
    def siguiente_estado(self):
        posicion = self.ORDEN.index(self.estado)
        return self.ORDEN[posicion + 1] if posicion + 1 < len(self.ORDEN) else None

    @classmethod
    def estado_al(cls, fecha, prefijo=""):
        """Expresión del estado que la unidad tenía el día `fecha`, según la fecha de cada
        paso (el más avanzado con fecha hasta ese día); para las cifras de años pasados."""
        pasos = [
            When(**{f"{prefijo}{cls.CAMPO_FECHA[estado]}__lte": fecha}, then=Value(estado.value))
            for estado in reversed(cls.ORDEN)
            if estado in cls.CAMPO_FECHA
        ]
        return Case(*pasos, default=Value(cls.Estado.SIN_INICIAR.value))

    def fecha_de(self, estado):
        campo = self.CAMPO_FECHA.get(estado)
        return getattr(self, campo) if campo else None

    def registros_del_portal(self, pasos):
        """{registro: RegistroDelPortal} de los `pasos` que el portal registra y ya ocurrieron."""
        return pasos_del_portal.registros_de(
            self.dependencia_id, (paso.registro_automatico for paso in pasos)
        )

    def pasos_cumplidos(self, pasos, evidencias, registros):
        """pk de los `pasos` cumplidos: con una evidencia validada o con su registro en el portal.

        La única definición de «paso cumplido»: la usan la lista de verificación, lo que falta
        para el siguiente estado y el avance del ciclo.
        """
        validados = {e.paso_id for e in evidencias if e.estado == Evidencia.Estado.VALIDADA}
        return {
            paso.pk
            for paso in pasos
            if paso.pk in validados
            or (paso.registro_automatico and paso.registro_automatico in registros)
        }

    def pasos_que_faltan(self, estado, pasos=None, evidencias=None, registros=None):
        """Pasos de la guía que `estado` exige y aún no se cumplen (ver `pasos_cumplidos`)."""
        requeridos = [
            paso
            for paso in (pasos if pasos is not None else PasoGuia.objects.activos())
            if paso.exigido_para(self, estado)
        ]
        if evidencias is None:
            evidencias = self.evidencias.filter(estado=Evidencia.Estado.VALIDADA)
        if registros is None:
            registros = self.registros_del_portal(requeridos)
        cumplidos = self.pasos_cumplidos(requeridos, evidencias, registros)
        return [paso for paso in requeridos if paso.pk not in cumplidos]

    @staticmethod
    def mensaje_de_lo_que_falta(estado, faltan):
        """«Para pasar a «X» falta la evidencia validada de: …; y que el portal registre: …»."""
        evidencia = ", ".join(p.titulo for p in faltan if not p.registro_automatico)
        portal = ", ".join(p.titulo for p in faltan if p.registro_automatico)
        datos = {"estado": estado.label, "evidencia": evidencia, "portal": portal}
        if evidencia and portal:
            return (
                _(
                    "Para pasar a «%(estado)s» falta la evidencia validada de: %(evidencia)s; "
                    "y que el portal registre: %(portal)s."
                )
                % datos
            )
        if portal:
            return _("Para pasar a «%(estado)s» falta que el portal registre: %(portal)s.") % datos
        return _("Para pasar a «%(estado)s» falta la evidencia validada de: %(evidencia)s.") % datos

    def avanzar(self, *, fecha):
        """Pasa al siguiente estado del ciclo, con la fecha en que ocurrió.

        Exige que la fecha no sea futura ni anterior al paso previo, y que los pasos de la guía
        que el nuevo estado requiere tengan su evidencia validada.
        """
        nuevo = self.siguiente_estado
        if nuevo is None:
            raise ValidationError(_("La unidad ya está en el último estado del ciclo."))
        if fecha > timezone.localdate():
            raise ValidationError(_("La fecha no puede ser posterior a hoy."))
        anterior = self.fecha_de(self.estado)
        if anterior and fecha < anterior:
            raise ValidationError(
                _("La fecha no puede ser anterior a la del paso previo (%(fecha)s).")
                % {"fecha": date_format(anterior, "d/m/Y")}
            )
        faltan = self.pasos_que_faltan(nuevo)
        if faltan:
            raise ValidationError(self.mensaje_de_lo_que_falta(nuevo, faltan))
        self.estado = nuevo
        setattr(self, self.CAMPO_FECHA[nuevo], fecha)
        self.version += 1
        self.save(update_fields=["estado", self.CAMPO_FECHA[nuevo], "version", "actualizada"])
        return nuevo


class IntegranteQuerySet(AlcanceQuerySet):
    campo_dependencia = "unidad__dependencia"

    def vigentes(self):
        return self.filter(fecha_baja__isnull=True)

    def anteriores(self):
        return self.filter(fecha_baja__isnull=False)


class Integrante(models.Model):
    """Una persona de la unidad; al cambiar de persona se registra su baja y queda la historia."""

    class Cargo(models.TextChoices):
        TITULAR = "titular", _("Titular de la unidad")
        ENLACE = "enlace", _("Enlace de igualdad")
        INTEGRANTE = "integrante", _("Integrante")

    unidad = models.ForeignKey(Unidad, on_delete=models.PROTECT, related_name="integrantes")
    cargo_en_unidad = models.CharField(_("función en la unidad"), max_length=12, choices=Cargo)
    nombre = models.CharField(_("nombre completo"), max_length=200)
    puesto = models.CharField(_("cargo en la institución"), max_length=200, blank=True)
    sexo = models.CharField(_("sexo"), max_length=20, choices=Sexo)
    correo = models.EmailField(_("correo"), blank=True)
    telefono = models.CharField(_("teléfono"), max_length=40, blank=True)
    fecha_designacion = models.DateField(_("fecha de designación"))
    fecha_baja = models.DateField(_("fecha de baja"), null=True, blank=True)
    motivo_baja = models.CharField(_("motivo de la baja"), max_length=250, blank=True)

    history = HistoricalRecords()
    objects = IntegranteQuerySet.as_manager()

    class Meta:
        verbose_name = _("integrante de la unidad")
        verbose_name_plural = _("integrantes de la unidad")
        ordering = ["fecha_baja", "cargo_en_unidad", "nombre"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fecha_baja__isnull=True)
                | models.Q(fecha_baja__gte=models.F("fecha_designacion")),
                name="integrante_baja_despues_de_designacion",
                violation_error_message=_("La baja no puede ser anterior a la designación."),
            )
        ]

    def __str__(self):
        return f"{self.nombre} ({self.get_cargo_en_unidad_display()})"

    def clean(self):
        if self.fecha_designacion and self.fecha_designacion > timezone.localdate():
            raise ValidationError(
                {"fecha_designacion": _("La fecha no puede ser posterior a hoy.")}
            )
        if self.fecha_baja and self.fecha_designacion and self.fecha_baja < self.fecha_designacion:
            raise ValidationError(
                {"fecha_baja": _("La baja no puede ser anterior a la designación.")}
            )


class PasoGuiaQuerySet(models.QuerySet):
    def activos(self):
        return self.filter(activo=True).order_by("orden")


class PasoGuia(models.Model):
    """Un paso del protocolo de instalación; su texto lo edita la Coordinación."""

    class Plantilla(models.TextChoices):
        OFICIO = "oficio", _("Oficio a la persona titular de la institución")
        DESIGNACION = "designacion", _("Oficio de designación")
        ACTA = "acta", _("Acta de instalación")

    orden = models.PositiveSmallIntegerField(_("orden"), unique=True)
    clave = models.SlugField(_("clave"), max_length=40, unique=True)
    titulo = models.CharField(_("título"), max_length=150)
    explicacion = models.TextField(_("explicación"))
    documentos = models.TextField(_("documentos que se necesitan"), blank=True)
    requerido_para = models.CharField(
        _("requisito para pasar a"),
        max_length=20,
        choices=Unidad.Estado,
        blank=True,
        help_text=_("Estado del ciclo que exige la evidencia validada de este paso."),
    )
    aplica_a_enlace = models.BooleanField(
        _("aplica también a un enlace"),
        default=True,
        help_text=_(
            "Desmarque los pasos que una entidad con enlace (sin unidad completa) no necesita."
        ),
    )
    plantilla = models.CharField(_("plantilla PDF"), max_length=20, choices=Plantilla, blank=True)
    registro_automatico = models.CharField(
        _("lo registra el portal"),
        max_length=20,
        choices=pasos_del_portal.Registro,
        blank=True,
        help_text=_(
            "El registro del portal que cumple este paso sin subir evidencia. Vacío: el paso se "
            "cumple con una evidencia que la Coordinación valida."
        ),
    )
    activo = models.BooleanField(_("activo"), default=True)

    history = HistoricalRecords()
    objects = PasoGuiaQuerySet.as_manager()

    class Meta:
        verbose_name = _("paso de la guía de instalación")
        verbose_name_plural = _("pasos de la guía de instalación")
        ordering = ["orden"]

    def __str__(self):
        return f"{self.orden}. {self.titulo}"

    @property
    def como_se_cumple(self):
        """Cómo cumple el portal este paso; vacío si se cumple con una evidencia."""
        return pasos_del_portal.COMO_SE_CUMPLE.get(self.registro_automatico, "")

    def exigido_para(self, unidad, estado):
        if self.requerido_para != estado:
            return False
        return self.aplica_a_enlace or unidad.modalidad == Unidad.Modalidad.UNIDAD


def ruta_evidencia(instancia, nombre):
    # La ruta nunca usa el nombre original: evita colisiones y nombres maliciosos.
    return nombre_aleatorio(
        f"evidencias/{instancia.unidad_id}", EXTENSIONES.get(instancia.tipo_contenido, "")
    )


class EvidenciaQuerySet(AlcanceQuerySet):
    campo_dependencia = "unidad__dependencia"


class Evidencia(models.Model):
    """Un documento que prueba un paso de la instalación, con su revisión."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Por revisar")
        VALIDADA = "validada", _("Validada")
        RECHAZADA = "rechazada", _("Rechazada")

    unidad = models.ForeignKey(Unidad, on_delete=models.PROTECT, related_name="evidencias")
    paso = models.ForeignKey(PasoGuia, on_delete=models.PROTECT, related_name="evidencias")
    archivo = models.FileField(_("archivo"), upload_to=ruta_evidencia, max_length=200)
    nombre_original = models.CharField(_("nombre del archivo"), max_length=255)
    tipo_contenido = models.CharField(_("tipo"), max_length=50)
    tamano = models.PositiveIntegerField(_("tamaño en bytes"))
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subida_en = models.DateTimeField(_("subida el"), auto_now_add=True)
    estado = models.CharField(
        _("revisión"), max_length=12, choices=Estado, default=Estado.PENDIENTE
    )
    comentario = models.TextField(_("comentario de la revisión"), blank=True)
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revisada_en = models.DateTimeField(_("revisada el"), null=True, blank=True)

    history = HistoricalRecords()
    objects = EvidenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["-subida_en"]
        permissions = [("revisar_evidencia", _("Puede validar o rechazar evidencias"))]

    def __str__(self):
        return f"{self.paso.titulo}: {self.nombre_original}"

    def get_absolute_url(self):
        return reverse("unidades:evidencia_descargar", args=[self.pk])

    def revisar(self, *, usuario, validar, comentario=""):
        """Valida o rechaza la evidencia; rechazar exige decir por qué."""
        if self.estado != self.Estado.PENDIENTE:
            raise ValidationError(_("Esta evidencia ya fue revisada."))
        if not validar and not comentario.strip():
            raise ValidationError(
                _("Escriba por qué se rechaza, para que la institución sepa qué corregir.")
            )
        self.estado = self.Estado.VALIDADA if validar else self.Estado.RECHAZADA
        self.comentario = comentario.strip()
        self.revisada_por = usuario
        self.revisada_en = timezone.now()
        self.save(update_fields=["estado", "comentario", "revisada_por", "revisada_en"])
