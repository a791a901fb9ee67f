from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticosConfig(AppConfig):
    name = "diagnosticos"
    verbose_name = _("Diagnósticos")
