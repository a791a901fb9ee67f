from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uig_portal.lib import concurrencia
from uig_portal.lib.archivos import TAMANO_MAXIMO
from uig_portal.lib.widgets import FechaInput
from unidades.models import Integrante, PasoGuia, Unidad


class UnidadContactoForm(forms.ModelForm):
    """Datos de contacto de la unidad, con control de versión para no pisar otra edición."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Unidad
        fields = ["adscripcion", "correo", "telefono", "domicilio"]

    def __init__(self, *args, usuario=None, **kwargs):
        self.usuario = usuario
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        # Error general (no del campo oculto) para que la persona lo vea arriba del formulario.
        try:
            concurrencia.comprobar(
                self.instance,
                self.cleaned_data.get("version"),
                que=_("los datos de contacto de la unidad"),
                usuario=self.usuario,
                campo="version",
                momento="actualizada",
            )
        except concurrencia.EdicionVieja as vieja:
            raise ValidationError(vieja.mensaje, code="version") from None
        return self.cleaned_data


class AvanzarForm(forms.Form):
    fecha = forms.DateField(
        label=_("Fecha en que ocurrió"),
        widget=FechaInput(),
        help_text=_("La fecha del documento o del acto, no necesariamente la de hoy."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fecha"].initial = timezone.localdate()


class ModalidadForm(forms.ModelForm):
    class Meta:
        model = Unidad
        fields = ["modalidad"]
        widgets = {"modalidad": forms.Select(attrs={"class": "form-select form-select-sm"})}


class IntegranteForm(forms.ModelForm):
    class Meta:
        model = Integrante
        fields = [
            "cargo_en_unidad",
            "nombre",
            "puesto",
            "sexo",
            "correo",
            "telefono",
            "fecha_designacion",
        ]
        widgets = {"fecha_designacion": FechaInput()}
        help_texts = {
            "cargo_en_unidad": _(
                "Al registrar a una nueva persona titular o enlace, la anterior queda dada de baja "
                "y su registro se conserva en el historial."
            )
        }


class BajaIntegranteForm(forms.Form):
    fecha_baja = forms.DateField(label=_("Fecha de baja"), widget=FechaInput())
    motivo_baja = forms.CharField(label=_("Motivo"), max_length=250)


class EvidenciaForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"),
        help_text=_("PDF o imagen JPG o PNG, de hasta %(mb)s MB.")
        % {"mb": TAMANO_MAXIMO // (1024 * 1024)},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )


class RevisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("validar", _("Validar")), ("rechazar", _("Rechazar"))])
    comentario = forms.CharField(
        label=_("Comentario"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PasoGuiaForm(forms.ModelForm):
    class Meta:
        model = PasoGuia
        fields = [
            "titulo",
            "explicacion",
            "documentos",
            "requerido_para",
            "aplica_a_enlace",
            "activo",
        ]
        widgets = {
            "explicacion": forms.Textarea(attrs={"rows": 6}),
            "documentos": forms.Textarea(attrs={"rows": 3}),
        }
