"""Formularios de las rondas: abrir, editar, elegir instituciones, filtrar y revisar."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diagnosticos import services
from diagnosticos.models import Respuesta
from uig_portal.lib.widgets import FechaInput, SelectMultipleRapido, SelectRapido
from unidades.models import Dependencia


class EleccionInstitucionesMixin(forms.Form):
    """Instituciones de la ronda: todas las vigentes, por tipo y/o sector, o una por una.

    Se suman las tres formas: las que coinciden con el tipo y el sector marcados (si se marcan
    los dos, las que cumplen ambos) más las elegidas en la lista.
    """

    todas = forms.BooleanField(
        label=_("Todas las instituciones vigentes"),
        required=False,
        help_text=_("Si lo marca, no hace falta elegir tipo, sector ni instituciones."),
    )
    tipos = forms.MultipleChoiceField(
        label=_("Instituciones vigentes de estos tipos"),
        required=False,
        choices=Dependencia.Tipo.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    sectores = forms.MultipleChoiceField(
        label=_("Instituciones vigentes de estos sectores"),
        required=False,
        widget=SelectMultipleRapido(attrs={"size": 6}),
        help_text=_("Mantenga oprimida la tecla Ctrl (⌘ en Mac) para elegir varios."),
    )
    instituciones = forms.ModelMultipleChoiceField(
        label=_("Además, estas instituciones"),
        queryset=Dependencia.objects.none(),
        required=False,
        widget=SelectMultipleRapido(attrs={"size": 10}),
        help_text=_("Mantenga oprimida la tecla Ctrl (⌘ en Mac) para elegir varias."),
    )

    #: Al editar, elegir instituciones es opcional (solo se agregan).
    instituciones_obligatorias = True

    def _preparar_instituciones(self, excluir=None):
        vigentes = Dependencia.objects.vigentes().order_by("nombre")
        if excluir is not None:
            vigentes = vigentes.exclude(pk__in=excluir)
        self.fields["instituciones"].queryset = vigentes
        # Una consulta para las opciones: el ModelMultipleChoiceField no vuelve a iterar.
        self.fields["instituciones"].choices = [
            (pk, f"{siglas} · {nombre}")
            for pk, siglas, nombre in vigentes.values_list("pk", "siglas", "nombre")
        ]
        sectores = (
            Dependencia.objects.vigentes()
            .order_by("sector")
            .values_list("sector", flat=True)
            .distinct()
        )
        self.fields["sectores"].choices = [(s, s) for s in sectores]

    def dependencias_elegidas(self):
        datos = self.cleaned_data
        vigentes = Dependencia.objects.vigentes()
        if datos.get("todas"):
            return list(vigentes.order_by("nombre"))
        condicion = Q(pk__in=[d.pk for d in datos.get("instituciones") or []])
        if datos.get("tipos") or datos.get("sectores"):
            por_grupo = Q()
            if datos.get("tipos"):
                por_grupo &= Q(tipo__in=datos["tipos"])
            if datos.get("sectores"):
                por_grupo &= Q(sector__in=datos["sectores"])
            condicion |= por_grupo
        return list(vigentes.filter(condicion).order_by("nombre"))

    def clean(self):
        datos = super().clean()
        if self.errors:
            return datos
        eligio = (
            datos.get("todas")
            or datos.get("tipos")
            or datos.get("sectores")
            or datos.get("instituciones")
        )
        if not eligio:
            if self.instituciones_obligatorias:
                self.add_error(
                    "instituciones",
                    _(
                        "Elija al menos una institución, un tipo o un sector, o marque «Todas "
                        "las instituciones vigentes»."
                    ),
                )
            datos["dependencias"] = []
            return datos
        datos["dependencias"] = self.dependencias_elegidas()
        if not datos["dependencias"]:
            self.add_error(
                "sectores" if datos.get("sectores") else "tipos",
                _("Ninguna institución vigente coincide con el tipo y el sector elegidos."),
            )
        return datos


class FechasMixin(forms.Form):
    def clean(self):
        datos = super().clean()
        apertura, cierre = datos.get("apertura"), datos.get("cierre")
        if apertura and cierre and cierre < apertura:
            self.add_error(
                "cierre", _("La fecha límite no puede ser anterior a la fecha de apertura.")
            )
        return datos


class AplicacionForm(FechasMixin, EleccionInstitucionesMixin):
    version = forms.ModelChoiceField(
        label=_("Versión del cuestionario"),
        queryset=services.versiones_con_preguntas(),
        empty_label=_("Elija la versión"),
        help_text=_(
            "Solo aparecen las versiones que tienen preguntas. Al abrir la ronda, la versión "
            "ya no se puede editar: los cambios se hacen en una versión nueva."
        ),
    )
    nombre = forms.CharField(
        label=_("Nombre de la ronda"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("p. ej. Diagnóstico institucional 2027")}),
    )
    apertura = forms.DateField(
        label=_("Fecha de apertura"),
        widget=FechaInput(),
        help_text=_("Desde ese día las instituciones pueden responder y reciben el aviso."),
    )
    cierre = forms.DateField(label=_("Fecha límite"), widget=FechaInput())
    anio = forms.IntegerField(
        label=_("Ejercicio"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "El año cuyas cifras mide la ronda. Déjelo vacío para usar el año de la apertura; "
            "si abre en diciembre la ronda del año siguiente, escriba ese año."
        ),
    )
    instrucciones = forms.CharField(
        label=_("Instrucciones para las unidades"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Aparecen en el aviso por correo y al responder."),
    )

    field_order = [
        "version",
        "nombre",
        "apertura",
        "cierre",
        "anio",
        "instrucciones",
        "todas",
        "tipos",
        "sectores",
        "instituciones",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["apertura"].initial = timezone.localdate()
        self._preparar_instituciones()

    def clean_cierre(self):
        cierre = self.cleaned_data["cierre"]
        if cierre < timezone.localdate():
            raise forms.ValidationError(_("La fecha límite ya pasó: elija una fecha futura."))
        return cierre


class AplicacionEditarForm(FechasMixin, EleccionInstitucionesMixin):
    nombre = AplicacionForm.base_fields["nombre"]
    apertura = AplicacionForm.base_fields["apertura"]
    cierre = forms.DateField(
        label=_("Fecha límite"),
        widget=FechaInput(),
        help_text=_("Puede ampliar el plazo; las instituciones verán la fecha nueva."),
    )
    instrucciones = AplicacionForm.base_fields["instrucciones"]

    instituciones_obligatorias = False
    field_order = AplicacionForm.field_order[1:]

    def __init__(self, *args, aplicacion, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "nombre": aplicacion.nombre,
                "apertura": aplicacion.apertura,
                "cierre": aplicacion.cierre,
                "instrucciones": aplicacion.instrucciones,
            },
        )
        super().__init__(*args, **kwargs)
        self._preparar_instituciones(excluir=aplicacion.respuestas.values("dependencia_id"))
        self.fields["todas"].label = _("Agregar todas las instituciones vigentes que faltan")
        self.fields["instituciones"].label = _("Agregar estas instituciones")
        self.fields["tipos"].label = _("Agregar las instituciones vigentes de estos tipos")
        self.fields["sectores"].label = _("Agregar las instituciones vigentes de estos sectores")


class SeguimientoFiltroForm(forms.Form):
    """Filtros del seguimiento de una ronda. Un valor inválido se ignora."""

    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos los estados")), *Respuesta.Estado.choices],
    )
    situacion = forms.ChoiceField(
        label=_("Plazo"),
        required=False,
        choices=[("", _("Cualquier situación")), *services.Situacion.opciones()],
    )
    tipo = forms.ChoiceField(
        label=_("Tipo de institución"),
        required=False,
        choices=[("", _("Todos los tipos")), *Dependencia.Tipo.choices],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=SelectRapido)
    q = forms.CharField(
        label=_("Institución"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Siglas o parte del nombre")}),
    )

    def __init__(self, *args, sectores=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Todos los sectores"))] + [(s, s) for s in sectores]

    def filtros(self):
        datos = {}
        if self.is_bound:
            self.is_valid()
            datos = self.cleaned_data
        return {
            campo: (datos.get(campo) or "").strip()
            for campo in ("estado", "situacion", "tipo", "sector", "q")
        }


class DevolverForm(forms.Form):
    observaciones = forms.CharField(
        label=_("Observaciones para la institución"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Diga qué hay que corregir y, si puede, en qué preguntas."),
        error_messages={
            "required": _("Escriba las observaciones: la institución necesita saber qué corregir.")
        },
    )
