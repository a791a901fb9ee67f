"""Formulario para generar el informe anual."""

from django import forms
from django.utils.translation import gettext_lazy as _

from difusion.models import InformeAnual
from panorama.ejercicio import anios_disponibles


class InformeAnualForm(forms.Form):
    anio = forms.TypedChoiceField(
        label=_("Año del informe"),
        coerce=int,
        error_messages={"invalid_choice": _("Elija un año de la lista.")},
    )
    retos = forms.CharField(
        label=_("Retos y próximos pasos"),
        required=False,
        max_length=InformeAnual._meta.get_field("retos").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "La valoración de la Coordinación que abre la sección «Retos y próximos pasos», en "
            "texto plano. El informe agrega después los pendientes que muestran las cifras."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anio"].choices = [(a, str(a)) for a in anios_disponibles(con_el_anterior=True)]
