from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EntrarForm(AuthenticationForm):
    """El formulario de acceso, con mensajes claros en español de México."""

    error_messages = {
        "invalid_login": _(
            "El nombre de usuario o la contraseña no son correctos. "
            "Revise que no tenga activadas las mayúsculas."
        ),
        "inactive": _("Esta cuenta está desactivada. Comuníquese con la Coordinación."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Nombre de usuario")
        self.fields["password"].label = _("Contraseña")
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
