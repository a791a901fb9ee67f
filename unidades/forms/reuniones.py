"""Formularios de asesorías, reuniones de planeación operativa y acuerdos."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.forms import BaseFormSet, BaseInlineFormSet, formset_factory, inlineformset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uig_portal.lib.archivos import validar_documento
from uig_portal.lib.widgets import FechaInput, SelectMultipleRapido, SelectRapido
from unidades.models import Acuerdo, Asesoria, AsistenteAsesoria, Dependencia, Reunion, Sexo
from unidades.models.reuniones import Modalidad

ACEPTA_DOCUMENTO = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
AYUDA_DOCUMENTO = _("PDF, JPG o PNG de hasta 10 MB.")


class FechaHoraInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _vigentes_y(*pks):
    """Las instituciones vigentes y, aunque ya no lo estén, las que el registro ya tiene."""
    condicion = Q(vigente=True)
    pks = [pk for pk in pks if pk]
    if pks:
        condicion |= Q(pk__in=pks)
    return Dependencia.objects.filter(condicion).order_by("nombre")


class DocumentoActual:
    """El documento ya guardado, tal como lo muestra el campo al editar."""

    def __init__(self, url):
        self.url = url
        self.name = _("Descargar el documento actual")

    def __str__(self):
        return str(self.name)


class DocumentoField(forms.FileField):
    """Al editar, enlaza el documento actual a su descarga con alcance y no a su ruta en MEDIA:
    nginx sirve /media/ sin pedir sesión (ver README), así que esa ruta no debe circular."""

    url_descarga = None

    def prepare_value(self, value):
        if isinstance(value, FieldFile) and value and self.url_descarga:
            return DocumentoActual(self.url_descarga)
        return value


class DocumentoMixin:
    """Valida el documento por su contenido y guarda el tipo detectado, nunca el del nombre.

    `ruta_documento` arma el nombre del archivo con `tipo_documento`, así que el tipo se fija
    en la instancia antes de guardarla. `url_documento` es la vista que lo descarga.
    """

    url_documento = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.documento:
            self.fields["documento"].url_descarga = reverse(
                self.url_documento, args=[self.instance.pk]
            )

    def clean_documento(self):
        archivo = self.cleaned_data.get("documento")
        if isinstance(archivo, UploadedFile):
            self._tipo_documento, _extension = validar_documento(archivo)
        elif archivo is False:  # Se marcó «Limpiar».
            self._tipo_documento = ""
        return archivo

    def save(self, commit=True):
        if hasattr(self, "_tipo_documento"):
            self.instance.tipo_documento = self._tipo_documento
        return super().save(commit)


def _widget_documento():
    return forms.ClearableFileInput(attrs={"accept": ACEPTA_DOCUMENTO})


# --- Asesorías ---------------------------------------------------------------------------


class AsesoriaForm(DocumentoMixin, forms.ModelForm):
    url_documento = "unidades:asesoria_documento"

    class Meta:
        model = Asesoria
        fields = ["dependencia", "fecha", "modalidad", "tema", "notas", "documento"]
        field_classes = {"documento": DocumentoField}
        widgets = {
            "dependencia": SelectRapido,
            "fecha": FechaInput(),
            "notas": forms.Textarea(attrs={"rows": 5}),
            "documento": _widget_documento(),
        }
        help_texts = {"documento": AYUDA_DOCUMENTO}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependencia"].queryset = _vigentes_y(self.instance.dependencia_id)
        self.fields["dependencia"].empty_label = _("Elija la institución")
        self.fields["fecha"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_fecha(self):
        fecha = self.cleaned_data["fecha"]
        if fecha > timezone.localdate():
            raise ValidationError(
                _("La fecha no puede ser posterior a hoy: registre la asesoría cuando ya se dio."),
                code="fecha_futura",
            )
        return fecha


class AsistenteForm(forms.ModelForm):
    class Meta:
        model = AsistenteAsesoria
        fields = ["nombre", "cargo", "sexo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sexo"].choices = [("", _("Elija")), *Sexo.choices]


class AsistentesBaseFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": _("Registre al menos a una persona asistente."),
    }


AsistentesFormSet = inlineformset_factory(
    Asesoria,
    AsistenteAsesoria,
    form=AsistenteForm,
    formset=AsistentesBaseFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    can_delete=True,
)


class AcuerdoAsesoriaForm(forms.ModelForm):
    """Un acuerdo de la asesoría; le toca a la institución asesorada (lo fija la vista)."""

    class Meta:
        model = Acuerdo
        fields = ["descripcion", "responsable", "fecha_compromiso"]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 2}),
            "fecha_compromiso": FechaInput(),
        }


AcuerdosAsesoriaFormSet = inlineformset_factory(
    Asesoria,
    Acuerdo,
    fk_name="asesoria",
    form=AcuerdoAsesoriaForm,
    extra=1,
    can_delete=True,
)


class AsesoriaFiltroForm(forms.Form):
    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.none(),
        required=False,
        empty_label=_("Todas las instituciones"),
        widget=SelectRapido,
    )
    anio = forms.TypedChoiceField(label=_("Año"), coerce=int, required=False)

    def __init__(self, *args, usuario, asesorias, **kwargs):
        super().__init__(*args, **kwargs)
        anios = [(f.year, f.year) for f in asesorias.dates("fecha", "year", order="DESC")]
        self.fields["anio"].choices = [("", _("Todos los años")), *anios]
        if usuario.ve_todas_las_dependencias:
            self.fields["dependencia"].queryset = Dependencia.objects.filter(
                pk__in=asesorias.values("dependencia")
            ).order_by("nombre")
        else:
            del self.fields["dependencia"]


# --- Reuniones ---------------------------------------------------------------------------


class ReunionForm(DocumentoMixin, forms.ModelForm):
    todas = forms.BooleanField(
        label=_("Convocar a todas las instituciones vigentes"),
        required=False,
        help_text=_("Si lo marca, no hace falta elegirlas en la lista."),
    )
    invitadas = forms.ModelMultipleChoiceField(
        label=_("Instituciones convocadas"),
        queryset=Dependencia.objects.none(),
        required=False,
        widget=SelectMultipleRapido(attrs={"size": 12}),
        help_text=_("Mantenga oprimida la tecla Ctrl (⌘ en Mac) para elegir varias."),
    )
    # Un enlace escrito sin esquema se entiende como https (el valor por omisión de Django 6).
    enlace = forms.URLField(
        label=_("Enlace de la videollamada"),
        required=False,
        assume_scheme="https",
        help_text=_("Obligatorio si la reunión es virtual o mixta."),
    )

    url_documento = "unidades:reunion_documento"

    class Meta:
        model = Reunion
        field_classes = {"documento": DocumentoField}
        fields = [
            "titulo",
            "fecha",
            "modalidad",
            "lugar",
            "enlace",
            "orden_del_dia",
            "todas",
            "invitadas",
            "minuta",
            "documento",
        ]
        widgets = {
            "fecha": FechaHoraInput(),
            "orden_del_dia": forms.Textarea(attrs={"rows": 5}),
            "minuta": forms.Textarea(attrs={"rows": 6}),
            "documento": _widget_documento(),
        }
        help_texts = {
            "lugar": _("Obligatorio si la reunión es presencial o mixta."),
            "enlace": _("Obligatorio si la reunión es virtual o mixta."),
            "documento": AYUDA_DOCUMENTO,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actuales = self.instance.invitadas.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["invitadas"].queryset = _vigentes_y(*actuales)

    def clean(self):
        datos = super().clean()
        modalidad = datos.get("modalidad")
        if modalidad in (Modalidad.VIRTUAL, Modalidad.MIXTA) and not datos.get("enlace"):
            if "enlace" not in self.errors:
                self.add_error(
                    "enlace",
                    _("Escriba el enlace de la videollamada: la reunión es virtual o mixta."),
                )
        if modalidad in (Modalidad.PRESENCIAL, Modalidad.MIXTA) and not datos.get("lugar"):
            self.add_error("lugar", _("Escriba el lugar de la reunión: es presencial o mixta."))
        if datos.get("todas"):
            datos["invitadas"] = Dependencia.objects.vigentes()
        elif not datos.get("invitadas") and "invitadas" not in self.errors:
            self.add_error(
                "invitadas",
                _(
                    "Elija al menos una institución o marque «Convocar a todas las instituciones "
                    "vigentes»."
                ),
            )
        return datos


class AcuerdoReunionForm(forms.ModelForm):
    class Meta:
        model = Acuerdo
        fields = ["dependencia", "responsable", "fecha_compromiso", "descripcion"]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 2}),
            "fecha_compromiso": FechaInput(),
        }

    def __init__(self, *args, opciones_dependencia=None, **kwargs):
        super().__init__(*args, **kwargs)
        campo = self.fields["dependencia"]
        campo.empty_label = _("La Coordinación")
        campo.help_text = ""
        if opciones_dependencia is not None:
            campo.queryset, campo.choices = opciones_dependencia


class AcuerdosReunionBaseFormSet(BaseInlineFormSet):
    """Las opciones de institución se consultan una vez para todas las filas, no una por fila."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        actuales = self.queryset.values_list("dependencia", flat=True) if self.instance.pk else []
        queryset = _vigentes_y(*actuales)
        choices = [("", _("La Coordinación")), *((d.pk, d.nombre) for d in queryset)]
        self._opciones_dependencia = (queryset, choices)

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "opciones_dependencia": self._opciones_dependencia,
        }


AcuerdosReunionFormSet = inlineformset_factory(
    Reunion,
    Acuerdo,
    fk_name="reunion",
    form=AcuerdoReunionForm,
    formset=AcuerdosReunionBaseFormSet,
    extra=2,
    can_delete=True,
)


class PersonasField(forms.IntegerField):
    """Un número de personas: vacío cuenta como cero; negativo o con decimales, no."""

    default_error_messages = {
        "invalid": _("Escriba un número entero de personas."),
        "min_value": _("Escriba un número mayor o igual a cero."),
        "max_value": _("Escriba un número menor o igual a %(limit_value)s."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=32767, required=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return 0 if value is None else value


class AsistenciaForm(forms.Form):
    dependencia = forms.IntegerField(widget=forms.HiddenInput)
    mujeres = PersonasField(label=_("Mujeres"))
    hombres = PersonasField(label=_("Hombres"))
    sin_especificar = PersonasField(label=_("Sin especificar"))

    CAMPOS = ("mujeres", "hombres", "sin_especificar")

    def __init__(self, *args, institucion=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.institucion = institucion
        for nombre in self.CAMPOS:
            self.fields[nombre].widget.attrs.update({"min": 0, "inputmode": "numeric"})


class AsistenciaBaseFormSet(BaseFormSet):
    """Una fila por institución convocada, en el mismo orden en que se mostró la página."""

    def __init__(self, *args, instituciones, asistencias, **kwargs):
        """`asistencias`: las ya registradas de la reunión, por id de institución."""
        self.instituciones = list(instituciones)
        kwargs["initial"] = [
            {
                "dependencia": d.pk,
                **{c: getattr(asistencias.get(d.pk), c, 0) for c in AsistenciaForm.CAMPOS},
            }
            for d in self.instituciones
        ]
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.instituciones):
            kwargs["institucion"] = self.instituciones[index]
        return kwargs

    def clean(self):
        super().clean()
        esperadas = [d.pk for d in self.instituciones]
        recibidas = [f.cleaned_data.get("dependencia") for f in self.forms]
        if recibidas != esperadas:
            raise ValidationError(
                _(
                    "La lista de instituciones convocadas cambió mientras capturaba. "
                    "Abra de nuevo la página y capture otra vez."
                ),
                code="lista_cambiada",
            )


AsistenciaFormSet = formset_factory(
    AsistenciaForm, formset=AsistenciaBaseFormSet, extra=0, max_num=1000, absolute_max=1000
)


# --- Acuerdos ----------------------------------------------------------------------------


class AcuerdoActualizarForm(forms.ModelForm):
    """Lo que la institución responsable actualiza de su acuerdo: estado y avance."""

    class Meta:
        model = Acuerdo
        fields = ["estado", "avance"]

    def save(self, commit=True):
        acuerdo = super().save(commit=False)
        if "estado" in self.changed_data:
            cumplido = acuerdo.estado == Acuerdo.Estado.CUMPLIDO
            acuerdo.cumplido_en = timezone.localdate() if cumplido else None
        if commit:
            acuerdo.save()
        return acuerdo


class AcuerdoFiltroForm(forms.Form):
    ESTADOS = [
        ("abiertos", _("Abiertos")),
        ("vencidos", _("Vencidos")),
        ("cumplidos", _("Cumplidos")),
        ("todos", _("Todos")),
    ]
    #: Valor del filtro de institución para los acuerdos que le tocan a la Coordinación.
    COORDINACION = "coordinacion"

    estado = forms.ChoiceField(label=_("Estado"), choices=ESTADOS, required=False)
    dependencia = forms.ChoiceField(label=_("Institución"), required=False, widget=SelectRapido)

    def __init__(self, *args, usuario, acuerdos, **kwargs):
        super().__init__(*args, **kwargs)
        if usuario.ve_todas_las_dependencias:
            con_acuerdos = (
                Dependencia.objects.filter(pk__in=acuerdos.values("dependencia"))
                .order_by("nombre")
                .values_list("pk", "nombre")
            )
            self.fields["dependencia"].choices = [
                ("", _("Todas las instituciones")),
                (self.COORDINACION, _("La Coordinación")),
                *((str(pk), nombre) for pk, nombre in con_acuerdos),
            ]
        else:
            del self.fields["dependencia"]

    def valores(self):
        """(estado, institución) elegidos; con un valor inválido, los de omisión."""
        if not self.is_valid():
            return "abiertos", ""
        return (
            self.cleaned_data.get("estado") or "abiertos",
            self.cleaned_data.get("dependencia", ""),
        )
