"""Formularios de asistencia: filtrar la lista, guardar una página y subir la lista en Excel."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from capacitacion import asistencia
from capacitacion.models import Inscripcion
from unidades.models import Dependencia

#: Filas que una página de asistencia puede guardar de una vez (la página muestra 100).
MAXIMO_POR_ENVIO = 500


class FiltroAsistenciaForm(forms.Form):
    q = forms.CharField(
        label=_("Nombre o correo"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )
    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.none(),
        required=False,
        empty_label=_("Todas"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, evento, **kwargs):
        super().__init__(*args, **kwargs)
        # Solo las instituciones con personas confirmadas en el evento.
        self.fields["dependencia"].queryset = (
            Dependencia.objects.filter(
                inscripciones_capacitacion__evento=evento,
                inscripciones_capacitacion__estado=Inscripcion.Estado.CONFIRMADA,
            )
            .distinct()
            .order_by("nombre")
        )


class ListaDeIds(forms.Field):
    """Una lista de números de inscripción llegada en varios campos con el mismo nombre."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return set()
        try:
            ids = {int(v) for v in value}
        except (TypeError, ValueError):
            raise ValidationError(
                _("La lista de personas llegó dañada."), code="invalido"
            ) from None
        if len(ids) > MAXIMO_POR_ENVIO:
            raise ValidationError(_("Demasiadas personas en un solo envío."), code="demasiadas")
        return ids


class GuardarAsistenciaForm(forms.Form):
    """Lo que envía la página de asistencia: las filas mostradas y cuáles están marcadas.

    `leida` es el momento en que se mostró la página: si otra persona guardó después alguna
    de esas filas, el envío se rechaza en vez de borrar su captura sin avisar.
    """

    en_pagina = ListaDeIds(required=True)
    presentes = ListaDeIds(required=False)
    leida = forms.DateTimeField(widget=forms.HiddenInput)

    def clean(self):
        datos = super().clean()
        if "en_pagina" in datos and "presentes" in datos:
            datos["presentes"] = datos["presentes"] & datos["en_pagina"]
        return datos


class ImportarAsistenciaForm(forms.Form):
    archivo = forms.FileField(
        label=_("Lista de asistencia"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, evento, **kwargs):
        super().__init__(*args, **kwargs)
        self.evento = evento
        self.hoja = None
        self.fields["archivo"].help_text = _(
            "Libro de Excel (.xlsx) de hasta %(tamano)s y %(filas)s filas con datos; se lee la "
            "primera hoja."
        ) % {
            "tamano": filesizeformat(asistencia.TAMANO_MAXIMO),
            "filas": f"{asistencia.FILAS_MAXIMAS:,}",
        }

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        self.hoja = asistencia.leer(archivo, self.evento)
        return archivo
