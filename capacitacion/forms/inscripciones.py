"""Formularios para inscribir personas, revisar inscripciones y mantener el registro de
personas participantes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capacitacion.models import Inscripcion, Participante
from capacitacion.models.eventos import CURP
from uig_portal.lib.widgets import SelectRapido
from unidades.models import Dependencia, Sexo


class ListaDeIdsField(forms.Field):
    """Varios identificadores enteros con el mismo nombre (casillas de una tabla)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise ValidationError(_("La selección no es válida."), code="invalid") from None


def _limpiar_curp(valor):
    valor = (valor or "").strip().upper()
    if valor:
        CURP(valor)
    return valor


def _dependencias():
    return Dependencia.objects.vigentes().order_by("nombre").only("pk", "nombre", "siglas")


class PersonaForm(forms.Form):
    """Los datos de una persona que se inscribe; si ya está registrada en la institución (por
    correo o CURP), se usa ese registro."""

    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.none(),
        empty_label=_("Elija la institución"),
        widget=SelectRapido(attrs={"class": "form-select"}),
    )
    nombre = forms.CharField(label=_("Nombre completo"), max_length=200)
    sexo = forms.ChoiceField(label=_("Sexo"), choices=[("", "---------"), *Sexo.choices])
    correo = forms.EmailField(
        label=_("Correo"),
        help_text=_("Con el correo se reconoce a la persona si ya estaba registrada."),
    )
    cargo = forms.CharField(label=_("Cargo"), max_length=200, required=False)
    curp = forms.CharField(
        label=_("CURP"),
        max_length=18,
        required=False,
        help_text=_("Opcional; solo hace falta para certificarse en un estándar de competencia."),
    )

    def __init__(self, *args, coordinacion=False, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinacion:
            self.fields["dependencia"].queryset = _dependencias()
        else:
            del self.fields["dependencia"]

    def clean_nombre(self):
        nombre = " ".join(self.cleaned_data["nombre"].split())
        if not nombre:
            raise ValidationError(_("Escriba el nombre completo."))
        return nombre

    def clean_correo(self):
        return self.cleaned_data["correo"].strip().lower()

    def clean_curp(self):
        return _limpiar_curp(self.cleaned_data.get("curp"))


class PersonaRegistradaForm(forms.Form):
    """Elegir a una persona ya registrada que todavía no está inscrita en el evento."""

    participante = forms.ModelChoiceField(
        label=_("Persona"),
        queryset=Participante.objects.none(),
        empty_label=_("Elija a la persona"),
        widget=SelectRapido(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, personas, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["participante"]
        campo.queryset = personas
        campo.label_from_instance = lambda p: f"{p.nombre} · {p.correo}" if p.correo else p.nombre


class RechazoForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo"),
        max_length=300,
        error_messages={"required": _("Escriba el motivo por el que no se acepta.")},
    )


class ConfirmarVariasForm(forms.Form):
    ids = ListaDeIdsField(required=False)
    todas = forms.BooleanField(required=False)

    def clean(self):
        datos = super().clean()
        if not datos.get("todas") and not datos.get("ids"):
            raise ValidationError(_("Marque al menos una inscripción para confirmarla."))
        return datos


class FiltroInscripcionesForm(forms.Form):
    """Filtros del panel de inscripciones en la página del evento (prefijo «insc»)."""

    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos los estados")), *Inscripcion.Estado.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.none(),
        required=False,
        empty_label=_("Todas las instituciones"),
        widget=SelectRapido(attrs={"class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, dependencias=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dependencias is None:
            del self.fields["dependencia"]
        else:
            self.fields["dependencia"].queryset = dependencias

    def add_prefix(self, field_name):
        # Parámetros «insc_…» para no chocar con los filtros de los otros paneles del evento.
        return f"insc_{field_name}"


class EleccionDependenciaForm(forms.Form):
    """La Coordinación elige la institución de las personas que va a inscribir."""

    dependencia = forms.ModelChoiceField(
        label=_("Institución de las personas"),
        queryset=Dependencia.objects.none(),
        empty_label=_("Elija la institución"),
        widget=SelectRapido(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependencia"].queryset = _dependencias()


class FiltroParticipantesForm(forms.Form):
    q = forms.CharField(label=_("Nombre o correo"), required=False, max_length=100)
    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.none(),
        required=False,
        empty_label=_("Todas las instituciones"),
        widget=SelectRapido(attrs={"class": "form-select"}),
    )
    sexo = forms.ChoiceField(
        label=_("Sexo"), required=False, choices=[("", _("Todos")), *Sexo.choices]
    )

    def __init__(self, *args, coordinacion=False, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinacion:
            self.fields["dependencia"].queryset = Dependencia.objects.order_by("nombre").only(
                "pk", "nombre", "siglas"
            )
        else:
            del self.fields["dependencia"]


class ParticipanteForm(forms.ModelForm):
    """Editar a una persona; `actualizado` evita pisar los cambios de otra persona."""

    actualizado = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Participante
        fields = ["nombre", "sexo", "dependencia", "cargo", "correo", "curp"]
        widgets = {"dependencia": SelectRapido(attrs={"class": "form-select"})}

    def __init__(self, *args, coordinacion=False, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinacion:
            # Las vigentes y la actual, aunque ya no lo sea.
            self.fields["dependencia"].queryset = (
                Dependencia.objects.filter(Q(vigente=True) | Q(pk=self.instance.dependencia_id))
                .order_by("nombre")
                .only("pk", "nombre", "siglas")
            )
            self.fields["dependencia"].help_text = _(
                "Si la persona cambió de institución; sus inscripciones anteriores conservan "
                "la institución en la que estaba."
            )
        else:
            del self.fields["dependencia"]
        self.fields["curp"].help_text = _("Solo hace falta para certificarse en un estándar.")
        if not self.is_bound:
            self.fields["actualizado"].initial = self.marca()

    def marca(self):
        return self.instance.actualizado.isoformat() if self.instance.actualizado else ""

    def clean_correo(self):
        return (self.cleaned_data.get("correo") or "").strip().lower()

    def clean_curp(self):
        return _limpiar_curp(self.cleaned_data.get("curp"))

    def clean(self):
        datos = super().clean()
        if datos.get("actualizado") != self.marca():
            raise ValidationError(
                _(
                    "Alguien más guardó cambios en esta persona mientras usted editaba. Abra "
                    "de nuevo la página para ver los datos actuales; sus cambios no se guardaron."
                ),
                code="version",
            )
        return datos


class FusionForm(forms.Form):
    """Qué registro se conserva y cuáles se le unen, dentro de un grupo de duplicados."""

    conservar = forms.IntegerField(
        error_messages={"required": _("Elija el registro que se conserva.")}
    )
    unir = ListaDeIdsField(required=False)

    def clean(self):
        datos = super().clean()
        conservar = datos.get("conservar")
        otros = [pk for pk in datos.get("unir", []) if pk != conservar]
        if conservar is not None and not otros:
            raise ValidationError(
                _("Marque al menos otro registro para unirlo al que se conserva.")
            )
        datos["otros"] = otros
        return datos
