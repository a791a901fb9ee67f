from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DifusionConfig(AppConfig):
    name = "difusion"
    verbose_name = _("Difusión y materiales")
