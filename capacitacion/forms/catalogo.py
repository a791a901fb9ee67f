"""Formularios del catálogo de capacitación: programas y estándares de competencia."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capacitacion.models import EstandarCompetencia, Programa


class ProgramaForm(forms.ModelForm):
    class Meta:
        model = Programa
        fields = ["nombre", "tipo", "estandar", "descripcion", "activo"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"nombre": {"unique": _("Ya hay un programa con ese nombre.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Se ofrecen los estándares vigentes y, aunque ya no lo sea, el que el programa tiene.
        condicion = Q(vigente=True)
        if self.instance.estandar_id:
            condicion |= Q(pk=self.instance.estandar_id)
        self.fields["estandar"].queryset = EstandarCompetencia.objects.filter(condicion)
        self.fields["estandar"].empty_label = _("Ninguno")

    def clean(self):
        datos = super().clean()
        if datos.get("tipo") == Programa.Tipo.CERTIFICACION and not datos.get("estandar"):
            self.add_error(
                "estandar",
                _("Un programa de promoción de la certificación necesita su estándar."),
            )
        return datos


class ClaveField(forms.CharField):
    """«ec0308 » y «EC0308» son el mismo estándar: se guarda como lo publica el CONOCER."""

    def to_python(self, value):
        return super().to_python(value).upper()


class EstandarForm(forms.ModelForm):
    class Meta:
        model = EstandarCompetencia
        fields = ["clave", "titulo", "nivel", "proposito", "vigente"]
        widgets = {
            "titulo": forms.Textarea(attrs={"rows": 2}),
            "proposito": forms.Textarea(attrs={"rows": 4}),
            "nivel": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }
        error_messages = {"clave": {"unique": _("Ya hay un estándar con esa clave.")}}
        help_texts = {"nivel": _("De 1 a 5, como lo publica el CONOCER; vacío si no lo indica.")}
        field_classes = {"clave": ClaveField}
