"""Formularios del catálogo de instituciones que lleva la Coordinación."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from unidades import importacion
from unidades.models import Dependencia


class DependenciaForm(forms.ModelForm):
    """Alta y edición de una institución; la vigencia se cambia aparte, con confirmación."""

    class Meta:
        model = Dependencia
        fields = ["nombre", "siglas", "tipo", "sector", "titular"]
        help_texts = {
            "nombre": _("Nombre oficial completo, como aparece en su decreto de creación."),
            "siglas": _(
                "Se guardan en mayúsculas. Identifican a la institución al importar un archivo."
            ),
            "titular": _("Nombre de la persona titular de la institución, si se conoce."),
        }
        widgets = {"sector": forms.TextInput(attrs={"list": "sectores", "autocomplete": "off"})}
        error_messages = {
            "nombre": {"unique": _("Ya hay una institución registrada con este nombre.")},
            "siglas": {"unique": _("Ya hay una institución registrada con estas siglas.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", _("Elija el tipo")), *Dependencia.Tipo.choices]

    def clean_nombre(self):
        return importacion.limpiar_texto(self.cleaned_data["nombre"])

    def clean_sector(self):
        return importacion.limpiar_texto(self.cleaned_data["sector"])

    def clean_titular(self):
        return importacion.limpiar_texto(self.cleaned_data["titular"])

    def clean_siglas(self):
        try:
            siglas = importacion.limpiar_siglas(self.cleaned_data["siglas"])
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None
        # La base distingue mayúsculas; aquí «Sefin» y «SEFIN» son las mismas siglas.
        otra = (
            Dependencia.objects.filter(siglas__iexact=siglas).exclude(pk=self.instance.pk).first()
        )
        if otra is not None:
            raise ValidationError(
                _("Las siglas «%(siglas)s» ya son de %(nombre)s. Use otras."),
                code="unique",
                params={"siglas": siglas, "nombre": otra.nombre},
            )
        return siglas


class DesactivarForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo"),
        required=False,
        max_length=200,
        help_text=_(
            "Por ejemplo: «Se fusionó con la Secretaría de Economía». Queda en el historial."
        ),
    )


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["archivo"].help_text = _(
            "Libro de Excel (.xlsx) o CSV, de hasta %(tamano)s y %(filas)s filas con datos. "
            "Del libro se lee la primera hoja."
        ) % {
            "tamano": filesizeformat(importacion.TAMANO_MAXIMO),
            "filas": f"{importacion.FILAS_MAXIMAS:,}",
        }

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        self.hoja = importacion.leer(archivo)
        return archivo
