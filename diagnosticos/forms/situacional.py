"""Formularios del diagnóstico situacional: los datos del oficio y el registro de la entrega.

Solo leen lo que llega; las reglas (qué fechas valen, qué archivo se acepta, cuándo se puede
generar o entregar) están en `diagnosticos.situacional`, que devuelve sus errores por campo.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diagnosticos.models import DiagnosticoSituacional
from uig_portal.lib.widgets import FechaInput

ACEPTA_ACUSE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _etiqueta(campo):
    return DiagnosticoSituacional._meta.get_field(campo).verbose_name.capitalize()


class GenerarForm(forms.Form):
    numero_oficio = forms.CharField(
        label=_etiqueta("numero_oficio"),
        max_length=60,
        help_text=_("Como lo asigna el control de oficios de la Secretaría."),
    )
    fecha_oficio = forms.DateField(label=_etiqueta("fecha_oficio"), widget=FechaInput())
    destinatario = forms.CharField(
        label=_etiqueta("destinatario"),
        max_length=200,
        help_text=_("Nombre completo, con el tratamiento que corresponda (p. ej., «Mtra.»)."),
    )
    cargo_destinatario = forms.CharField(
        label=_etiqueta("cargo_destinatario"),
        max_length=250,
        help_text=_("Revise el artículo: «Titular de la Secretaría…», «Titular del Instituto…»."),
    )
    firma_nombre = forms.CharField(label=_etiqueta("firma_nombre"), max_length=200)
    firma_cargo = forms.CharField(label=_etiqueta("firma_cargo"), max_length=250)

    def datos(self):
        """Los argumentos con nombre de `situacional.generar`."""
        return {campo: self.cleaned_data[campo] for campo in self.fields}


class EntregaForm(forms.Form):
    entregado_el = forms.DateField(
        label=_etiqueta("entregado_el"),
        widget=FechaInput(),
        error_messages={"required": _("Escriba la fecha en que se entregó.")},
    )
    medio = forms.ChoiceField(
        label=_etiqueta("medio"),
        choices=[("", _("Elija cómo se entregó")), *DiagnosticoSituacional.Medio.choices],
        error_messages={"required": _("Elija cómo se entregó.")},
    )
    acuse = forms.FileField(
        label=_etiqueta("acuse"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACEPTA_ACUSE}),
        help_text=_("Opcional. PDF, JPG o PNG de hasta 10 MB: el oficio con el sello de recibido."),
    )
    notas = forms.CharField(
        label=_etiqueta("notas_entrega"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entregado_el"].widget.attrs["max"] = timezone.localdate().isoformat()

    def datos(self):
        """Los argumentos con nombre de `situacional.registrar_entrega`."""
        return {campo: self.cleaned_data[campo] for campo in self.fields}
