from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UigPortalConfig(AppConfig):
    name = "uig_portal"
    verbose_name = _("Portal y cuentas")
