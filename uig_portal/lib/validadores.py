import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _normalizar(texto):
    sin_acentos = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode()
    return sin_acentos.lower()


class PalabrasDelPortalValidator:
    """Rechaza contraseñas construidas con las palabras obvias de este portal.

    Quien intenta adivinar una contraseña del portal empieza por «igualdad», «género» o
    «Zacatecas»; una contraseña que las contiene es débil aunque sea larga.
    """

    PALABRAS = (
        "igualdad",
        "genero",
        "unidad",
        "zacatecas",
        "mujeres",
        "semujer",
        "portal",
        "contrasena",
        "password",
    )

    def validate(self, password, user=None):
        normalizada = _normalizar(password)
        encontradas = [p for p in self.PALABRAS if p in normalizada]
        if encontradas:
            raise ValidationError(
                _("La contraseña no puede contener palabras obvias del portal como «%(palabra)s»."),
                code="password_palabra_del_portal",
                params={"palabra": encontradas[0]},
            )

    def get_help_text(self):
        return _("No use palabras obvias del portal como «igualdad», «género» o «Zacatecas».")
