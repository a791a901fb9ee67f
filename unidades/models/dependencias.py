from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet


class DependenciaQuerySet(AlcanceQuerySet):
    campo_dependencia = "pk"

    def vigentes(self):
        return self.filter(vigente=True)

    def con_responsables(self):
        """Anota `responsables`: personas responsables de UIG activas de cada institución.

        Es una subconsulta correlacionada y no un JOIN con GROUP BY, para que la base solo la
        evalúe en las filas de la página que se muestra.
        """
        por_dependencia = (
            _responsables_activos()
            .filter(dependencia=OuterRef("pk"))
            .order_by()
            .values("dependencia")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(responsables=Coalesce(Subquery(por_dependencia), 0))

    def con_marca_de_responsable(self):
        """Agrega el alias `tiene_responsable` para filtrar o contar sin traer personas."""
        return self.alias(
            tiene_responsable=Exists(_responsables_activos().filter(dependencia=OuterRef("pk")))
        )


def _responsables_activos():
    from uig_portal.models import Usuario
    from uig_portal.roles import Rol

    return Usuario.objects.filter(is_active=True, groups__name=Rol.RESPONSABLE.value)


class Dependencia(models.Model):
    """Dependencia, organismo descentralizado u órgano desconcentrado del Gobierno del Estado."""

    class Tipo(models.TextChoices):
        CENTRALIZADA = "centralizada", _("Dependencia centralizada")
        DESCENTRALIZADA = "descentralizada", _("Organismo descentralizado")
        DESCONCENTRADA = "desconcentrada", _("Órgano desconcentrado")

    nombre = models.CharField(_("nombre"), max_length=250, unique=True)
    siglas = models.CharField(_("siglas"), max_length=30, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo)
    sector = models.CharField(
        _("sector coordinador"),
        max_length=120,
        help_text=_("Dependencia que coordina el sector al que pertenece."),
    )
    titular = models.CharField(_("persona titular"), max_length=200, blank=True)
    vigente = models.BooleanField(
        _("vigente"),
        default=True,
        help_text=_("Desmarque si la institución se extinguió o fusionó."),
    )
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    actualizada = models.DateTimeField(_("actualizada"), auto_now=True)

    history = HistoricalRecords()
    objects = DependenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("dependencia o entidad")
        verbose_name_plural = _("dependencias y entidades")
        ordering = ["nombre"]
        indexes = [models.Index(fields=["tipo", "sector"])]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("unidades:dependencia_detalle", args=[self.pk])

    def cambiar_vigencia(self, vigente, motivo=""):
        """Da de baja o reactiva la institución; el motivo queda en su historial. Devuelve
        False si ya estaba así (nada cambia)."""
        if self.vigente == vigente:
            return False
        self.vigente = vigente
        self._change_reason = motivo or None
        self.save(update_fields=["vigente", "actualizada"])
        return True
