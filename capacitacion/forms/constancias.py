"""Formularios de constancias: revocarlas y buscarlas."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RevocarForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo de la revocación"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Por ejemplo: «Se registró por error la asistencia de la sesión 2». Solo lo ve la "
            "Coordinación; la página pública de verificación no lo muestra."
        ),
        error_messages={"required": _("Escriba el motivo de la revocación.")},
    )

    def clean_motivo(self):
        motivo = self.cleaned_data["motivo"].strip()
        if not motivo:
            raise forms.ValidationError(_("Escriba el motivo de la revocación."))
        return motivo


class VerificarForm(forms.Form):
    codigo = forms.CharField(
        label=_("Código de verificación"),
        max_length=40,
        help_text=_("Está impreso en la constancia, debajo del código QR."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "7KQ2-MX9P-4TZR",
            }
        ),
    )
