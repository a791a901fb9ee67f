from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticosConfig(AppConfig):
    name = "diagnosticos"
    verbose_name = _("Diagnósticos")

    def ready(self):
        # La lista de verificación de la instalación lee el diagnóstico aceptado.
        from diagnosticos.pasos_del_portal import registrar_pasos

        registrar_pasos()
