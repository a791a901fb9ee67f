"""Formulario para subir un XLSForm: valida el archivo y lo analiza sin guardar nada."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos import xlsform


class XlsformForm(forms.Form):
    archivo = forms.FileField(
        label=gettext_lazy("Archivo XLSForm"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.importacion = None
        self.fields["archivo"].help_text = _(
            "Libro de Excel (.xlsx) con las hojas «survey» y «choices», de hasta %(tamano)s."
        ) % {"tamano": filesizeformat(xlsform.TAMANO_MAXIMO)}

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        # Los problemas del archivo (no es xlsx, zip bomb, sin hoja survey) son del campo; los
        # de cada fila quedan en `importacion.errores` para listarlos todos.
        self.importacion = xlsform.analizar(xlsform.leer(archivo))
        return archivo
