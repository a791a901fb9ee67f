"""Formularios del seguimiento trimestral: el avance de cada actividad (un formset por
informe), las evidencias, el comentario de la Coordinación y la confirmación del envío."""

from django import forms
from django.utils.translation import gettext_lazy as _

from planes.forms.presupuesto import CampoPesos
from planes.models import Seguimiento
from uig_portal.lib.archivos import TAMANO_MAXIMO

#: Campos que captura la unidad; el comentario de la Coordinación nunca está aquí. El monto
#: ejercido solo se pide en las actividades con programa presupuestario o monto aprobado.
CAMPOS_CAPTURA = ["valor_alcanzado", "estado", "motivo_cancelacion", "monto_ejercido", "narrativa"]


def lleva_presupuesto(actividad):
    """Si en el seguimiento de la actividad se reporta el monto ejercido."""
    return actividad.programa_id is not None or actividad.monto_aprobado is not None


class SeguimientoForm(forms.ModelForm):
    """El avance de una actividad en un trimestre."""

    monto_ejercido = CampoPesos(label=_("Monto ejercido (pesos)"))

    class Meta:
        model = Seguimiento
        fields = CAMPOS_CAPTURA
        widgets = {
            "valor_alcanzado": forms.NumberInput(attrs={"min": "0", "step": "any"}),
            "motivo_cancelacion": forms.Textarea(attrs={"rows": 2}),
            "narrativa": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, actividad, **kwargs):
        super().__init__(*args, **kwargs)
        self.actividad = actividad
        # Sin estado preseleccionado: «no iniciada» tiene que elegirse, no quedar por omisión.
        estado = self.fields["estado"]
        estado.required = False
        estado.choices = [("", _("— Elija el estado —")), *Seguimiento.Estado.choices]
        if not self.instance.pk and "estado" not in kwargs.get("initial", {}):
            self.initial["estado"] = ""
        valor = self.fields["valor_alcanzado"]
        if actividad.acumulativa:
            valor.label = _("Logrado en el trimestre")
            valor.help_text = _("Solo lo de este trimestre; el acumulado se calcula solo.")
        else:
            valor.label = _("Valor del indicador al cierre del trimestre")
        if actividad.unidad_medida:
            valor.help_text = f"{valor.help_text} ({actividad.unidad_medida})".strip()
        self.fields["motivo_cancelacion"].help_text = _("Obligatorio si la actividad se cancela.")
        self.fields["narrativa"].help_text = _(
            "Acciones realizadas, población atendida (por sexo, si aplica) y dificultades."
        )
        if lleva_presupuesto(actividad):
            self.fields["monto_ejercido"].help_text = _(
                "Lo que se ejerció en este trimestre (no el acumulado), p. ej. 25,000.50."
            )
        else:
            del self.fields["monto_ejercido"]

    @property
    def capturada(self):
        """Si hay algo que guardar: la fila ya existe o se escribió al menos un campo."""
        if self.instance.pk:
            return True
        datos = getattr(self, "cleaned_data", {})
        return any(datos.get(campo) not in (None, "") for campo in CAMPOS_CAPTURA)

    def clean(self):
        datos = super().clean()
        if self.capturada and not datos.get("estado"):
            self.add_error("estado", _("Elija en qué estado va la actividad."))
        return datos


class BaseSeguimientoFormSet(forms.BaseFormSet):
    """Un formulario por actividad del plan, identificado por la actividad (no por su orden).

    `filas` es una lista de (actividad, Seguimiento) donde el seguimiento puede no estar
    guardado aún: las filas se crean al guardar, nunca al mostrar la página. `iniciales`
    ({actividad_pk: {campo: valor}}) propone valores para las filas aún no guardadas.
    """

    def __init__(self, *args, filas, iniciales=None, **kwargs):
        self.filas = filas
        self.iniciales = iniciales or {}
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return len(self.filas)

    def add_prefix(self, index):
        if isinstance(index, int) and index < len(self.filas):
            return f"{self.prefix}-{self.filas[index][0].pk}"
        return super().add_prefix(index)

    def get_form_kwargs(self, index):
        actividad, seguimiento = self.filas[index]
        kwargs = {"actividad": actividad, "instance": seguimiento}
        if not seguimiento.pk and actividad.pk in self.iniciales:
            kwargs["initial"] = self.iniciales[actividad.pk]
        return kwargs

    def forms_por_guardar(self):
        """Los formularios con algo que guardar: filas existentes que cambiaron y filas nuevas."""
        return [f for f in self.forms if f.capturada and (not f.instance.pk or f.has_changed())]


SeguimientoFormSet = forms.formset_factory(
    SeguimientoForm, formset=BaseSeguimientoFormSet, extra=0, can_delete=False
)


class EvidenciaSeguimientoForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo de evidencia"),
        help_text=_("PDF o imagen JPG o PNG, de hasta %(mb)s MB.")
        % {"mb": TAMANO_MAXIMO // (1024 * 1024)},
        error_messages={"required": _("Elija el archivo que quiere subir.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )


class ComentarioForm(forms.ModelForm):
    class Meta:
        model = Seguimiento
        fields = ["comentario_coordinacion"]
        widgets = {"comentario_coordinacion": forms.Textarea(attrs={"rows": 2})}


class EnviarInformeForm(forms.Form):
    confirmar = forms.BooleanField(
        label=_(
            "Confirmo que la información es correcta. Después de enviar el informe ya no podrá "
            "modificarse."
        ),
        error_messages={"required": _("Marque la casilla de confirmación para enviar el informe.")},
    )
