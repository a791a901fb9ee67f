"""Presupuesto con perspectiva de género (atribución VIII): el catálogo de programas
presupuestarios del Estado por ejercicio y las propuestas de la Coordinación para mejorar sus
indicadores. Los montos están en las actividades del plan (aprobado) y en su seguimiento
trimestral (ejercido); las sumas las hace `planes.presupuesto`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

#: Clave del Pp: la letra de su modalidad (CONAC) y tres o cuatro dígitos: E045, S010, K3511.
CLAVE_PP = RegexValidator(
    r"^[A-Z][0-9]{3,4}$",
    _("Escriba la clave como la letra de la modalidad y 3 o 4 dígitos, p. ej. E045 o K3511."),
)

#: Modalidades de la Clasificación Programática del CONAC, por la letra inicial de la clave.
MODALIDADES = {
    "S": _("Sujetos a reglas de operación"),
    "U": _("Otros subsidios"),
    "E": _("Prestación de servicios públicos"),
    "B": _("Provisión de bienes públicos"),
    "P": _("Planeación, seguimiento y evaluación de políticas públicas"),
    "F": _("Promoción y fomento"),
    "G": _("Regulación y supervisión"),
    "A": _("Funciones de las fuerzas armadas"),
    "R": _("Específicos"),
    "K": _("Proyectos de inversión"),
    "M": _("Apoyo al proceso presupuestario y para mejorar la eficiencia institucional"),
    "O": _("Apoyo a la función pública y al mejoramiento de la gestión"),
    "W": _("Operaciones ajenas"),
    "L": _("Obligaciones de cumplimiento de resolución jurisdiccional"),
    "N": _("Desastres naturales"),
    "J": _("Pensiones y jubilaciones"),
    "T": _("Aportaciones a la seguridad social"),
    "Y": _("Aportaciones a fondos de estabilización"),
    "Z": _("Aportaciones a fondos de inversión y reestructura de pensiones"),
    "C": _("Participaciones a entidades federativas y municipios"),
    "D": _("Costo financiero, deuda o apoyos a deudores y ahorradores de la banca"),
    "H": _("Adeudos de ejercicios fiscales anteriores"),
    "I": _("Gasto federalizado"),
}


def normalizar_clave(texto):
    """«e-045 » → «E045»: como la escriben las personas, sin espacios ni guiones."""
    return "".join(c for c in (texto or "").upper() if c.isalnum())


class ProgramaPresupuestarioQuerySet(models.QuerySet):
    def del_anio(self, anio):
        return self.filter(anio=anio)


class ProgramaPresupuestario(models.Model):
    """Un programa presupuestario (Pp) del Estado en un ejercicio."""

    anio = models.PositiveSmallIntegerField(
        _("ejercicio"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    clave = models.CharField(_("clave"), max_length=10, validators=[CLAVE_PP])
    nombre = models.CharField(_("nombre"), max_length=300)
    unidad_responsable = models.CharField(_("unidad responsable"), max_length=250, blank=True)
    activo = models.BooleanField(
        _("activo"), default=True, help_text=_("Desmárquelo para que no se ofrezca en los planes.")
    )
    creado = models.DateTimeField(auto_now_add=True)
    actualizado = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ProgramaPresupuestarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("programa presupuestario")
        verbose_name_plural = _("programas presupuestarios")
        ordering = ["-anio", "clave"]
        permissions = [
            (
                "ver_presupuesto",
                _("Puede ver el presupuesto para la igualdad de todas las instituciones"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["anio", "clave"],
                name="programa_clave_unica_por_ejercicio",
                violation_error_message=_("Ya hay un programa con esa clave en ese ejercicio."),
            )
        ]

    def __str__(self):
        return f"{self.clave} {self.nombre}"

    def save(self, *args, **kwargs):
        self.clave = normalizar_clave(self.clave)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("planes:programa_detalle", args=[self.pk])

    def clean(self):
        super().clean()
        self.clave = normalizar_clave(self.clave)

    @property
    def modalidad(self):
        """La modalidad del CONAC que dice la letra de la clave, o «»."""
        return MODALIDADES.get(self.clave[:1], "")


class MejoraPrograma(models.Model):
    """Una propuesta de la Coordinación para mejorar los indicadores (la MIR) de un programa."""

    programa = models.ForeignKey(
        ProgramaPresupuestario, on_delete=models.CASCADE, related_name="mejoras"
    )
    texto = models.TextField(_("propuesta de mejora"))
    creada = models.DateTimeField(auto_now_add=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("propuesta de mejora de un programa")
        verbose_name_plural = _("propuestas de mejora de programas")
        ordering = ["programa", "creada", "pk"]

    def __str__(self):
        return self.texto[:80]
