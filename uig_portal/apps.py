from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UigPortalConfig(AppConfig):
    name = "uig_portal"
    verbose_name = _("Portal y cuentas")

    def ready(self):
        from django.contrib.auth import models as auth_models
        from django.contrib.auth.signals import user_logged_in

        # Django guarda last_login en cada inicio de sesión; ese guardado no es un cambio de
        # los datos de la persona y no debe llenar su historial con filas vacías.
        user_logged_in.disconnect(auth_models.update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(actualizar_ultimo_acceso, dispatch_uid="update_last_login")


def actualizar_ultimo_acceso(sender, user, **kwargs):
    from django.utils import timezone

    user.last_login = timezone.now()
    user.skip_history_when_saving = True
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving
