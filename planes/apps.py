from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanesConfig(AppConfig):
    name = "planes"
    verbose_name = _("Planes de trabajo")

    def ready(self):
        # La lista de verificación de la instalación lee el plan aprobado y el primer informe.
        from planes.pasos_del_portal import registrar_pasos

        registrar_pasos()
