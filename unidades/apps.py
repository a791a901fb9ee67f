from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnidadesConfig(AppConfig):
    name = "unidades"
    verbose_name = _("Unidades de Igualdad de Género")
