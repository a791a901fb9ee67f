"""Formularios del flujo del plan: observaciones, modificación y filtros de la lista."""

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from planes.models import Observacion, PlanTrabajo
from uig_portal.lib.widgets import SelectRapido
from unidades.models import Dependencia


class ObservacionForm(forms.Form):
    actividad = forms.TypedChoiceField(
        label=_("Se refiere a"), required=False, coerce=int, empty_value=None, widget=SelectRapido
    )
    texto = forms.CharField(
        label=_("Observación"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Diga qué hay que corregir y, si puede, cómo."),
    )

    def __init__(self, *args, actividades=(), **kwargs):
        super().__init__(*args, **kwargs)
        opciones = [("", _("Al plan en general"))]
        for numero, actividad in enumerate(actividades, start=1):
            descripcion = actividad.descripcion.strip() or _("(sin describir)")
            opciones.append((actividad.pk, f"{numero}. {descripcion[:90]}"))
        self.fields["actividad"].choices = opciones


class RespuestaObservacionForm(forms.Form):
    """La respuesta de la unidad a una observación: un texto breve y/o «atendida».

    Cada observación de la página lleva su prefijo (`o<pk>`), así sus campos no se mezclan.
    """

    respuesta = forms.CharField(
        label=_("Respuesta de la unidad"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": Observacion.LARGO_RESPUESTA}),
        help_text=_("Qué se corrigió y dónde, o por qué no se cambió. Hasta 2,000 caracteres."),
    )
    atendida = forms.BooleanField(label=_("Atendida: ya se corrigió o se resolvió"), required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, observacion=None, **kwargs):
        if observacion is not None:
            kwargs.setdefault("prefix", f"o{observacion.pk}")
            kwargs.setdefault(
                "initial",
                {
                    "respuesta": observacion.respuesta,
                    "atendida": observacion.atendida,
                    "revision": observacion.revision,
                },
            )
        super().__init__(*args, **kwargs)

    def clean_respuesta(self):
        respuesta = self.cleaned_data["respuesta"].strip()
        limite = Observacion.LARGO_RESPUESTA
        if len(respuesta) > limite:
            raise forms.ValidationError(
                _("La respuesta admite hasta %(limite)s caracteres y tiene %(n)s; acórtela.")
                % {
                    "limite": number_format(limite, force_grouping=True),
                    "n": number_format(len(respuesta), force_grouping=True),
                }
            )
        return respuesta

    def clean(self):
        datos = super().clean()
        if "respuesta" in datos and not datos["respuesta"] and not datos.get("atendida"):
            raise forms.ValidationError(
                _("Escriba una respuesta o marque la observación como atendida.")
            )
        return datos


class ModificacionForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo de la modificación"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Explique qué cambia y por qué (p. ej., un recorte presupuestal o una nueva "
            "disposición). Queda en el registro del plan y en su PDF."
        ),
    )


class PlanFiltroForm(forms.Form):
    """Filtros de la lista de planes de la Coordinación. Un valor inválido se ignora."""

    anio = forms.TypedChoiceField(label=_("Año"), coerce=int, required=False)
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos los estados")), *PlanTrabajo.Estado.choices],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=SelectRapido)
    tipo = forms.ChoiceField(
        label=_("Tipo de institución"),
        required=False,
        choices=[("", _("Todos los tipos")), *Dependencia.Tipo.choices],
    )
    q = forms.CharField(
        label=_("Institución"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Siglas o parte del nombre")}),
    )

    def __init__(self, *args, anios=(), sectores=(), **kwargs):
        super().__init__(*args, **kwargs)
        actual = timezone.localdate().year
        anios = sorted({actual, *anios}, reverse=True)
        self.fields["anio"].choices = [(a, str(a)) for a in anios]
        self.fields["sector"].choices = [("", _("Todos los sectores"))] + [(s, s) for s in sectores]

    def filtros(self):
        """Los filtros válidos, con el año actual si no se eligió otro."""
        datos = {}
        if self.is_bound:
            # Aunque un campo sea inválido, los demás quedan en cleaned_data.
            self.is_valid()
            datos = self.cleaned_data
        return {
            "anio": datos.get("anio") or timezone.localdate().year,
            "estado": datos.get("estado") or "",
            "sector": datos.get("sector") or "",
            "tipo": datos.get("tipo") or "",
            "q": (datos.get("q") or "").strip(),
        }
