from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from uig_portal.lib.alcance import AlcanceQuerySet
from uig_portal.roles import Rol


class UsuarioQuerySet(AlcanceQuerySet):
    pass


class UsuarioManager(UserManager.from_queryset(UsuarioQuerySet)):
    pass


class Usuario(AbstractUser):
    """Persona usuaria del portal; pertenece a lo más a una Dependencia."""

    dependencia = models.ForeignKey(
        "unidades.Dependencia",
        verbose_name=_("dependencia o entidad"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usuarios",
        help_text=_("Vacío para el personal de la Coordinación y de Administración."),
    )
    cargo = models.CharField(_("cargo"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UsuarioManager()

    class Meta:
        verbose_name = _("persona usuaria")
        verbose_name_plural = _("personas usuarias")
        ordering = ["first_name", "last_name", "username"]
        permissions = [
            ("ver_todas_las_dependencias", _("Puede ver los datos de todas las instituciones")),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_absolute_url(self):
        return reverse("usuario_detalle", args=[self.pk])

    @cached_property
    def nombres_de_grupo(self):
        return {g.name for g in self.groups.all()}

    @cached_property
    def rol(self):
        """El rol principal de la persona, o None si no tiene ninguno."""
        if self.is_superuser:
            return Rol.ADMINISTRACION
        return Rol.de_grupos(self.nombres_de_grupo)

    @property
    def ve_todas_las_dependencias(self):
        return self.has_perm("uig_portal.ver_todas_las_dependencias")


class RecordatorioEnviado(models.Model):
    """Marca de un recordatorio diario ya enviado: destino (una institución o la Coordinación)
    y fecha son únicos, así que dos corridas del mismo día no escriben dos veces."""

    destino = models.CharField(_("destino"), max_length=40)
    fecha = models.DateField(_("fecha"))
    enviado_en = models.DateTimeField(_("enviado el"), auto_now_add=True)

    class Meta:
        verbose_name = _("recordatorio enviado")
        verbose_name_plural = _("recordatorios enviados")
        constraints = [
            models.UniqueConstraint(fields=["destino", "fecha"], name="recordatorio_unico_por_dia")
        ]

    def __str__(self):
        return f"{self.destino} · {self.fecha:%d/%m/%Y}"
