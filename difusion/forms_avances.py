"""Formulario de los textos de la página pública «Avances y retos»."""

from django import forms
from django.utils.translation import gettext_lazy as _

from difusion.models import TextoAvances


class TextoAvancesForm(forms.ModelForm):
    MENSAJE_MARCA = _(
        "Alguien más guardó cambios en estos textos mientras usted editaba. Abra de nuevo la "
        "página para ver la versión actual; sus cambios no se guardaron."
    )
    # La fecha de la última modificación que vio la persona: evita pisar los cambios que
    # alguien más guardó mientras tanto.
    marca = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TextoAvances
        fields = ["introduccion", "retos", "nota_metodologica"]
        widgets = {
            "introduccion": forms.Textarea(attrs={"rows": 5}),
            "retos": forms.Textarea(attrs={"rows": 8}),
            "nota_metodologica": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "introduccion": _("Texto plano; separe los párrafos con una línea en blanco."),
            "retos": _("Los retos pendientes, en texto plano; un párrafo por reto."),
            "nota_metodologica": _("Cómo se calculan las cifras y de dónde salen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["marca"] = self.marca_actual()

    def marca_actual(self):
        if getattr(self.instance, "sin_version_previa", False) or not self.instance.actualizado:
            return ""
        return self.instance.actualizado.isoformat()

    def clean(self):
        datos = super().clean()
        if datos.get("marca", "") != self.marca_actual():
            raise forms.ValidationError(self.MENSAJE_MARCA, code="marca")
        return datos
