"""Formularios de los eventos de capacitación, sus sesiones y el filtro de la lista."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from capacitacion.models import Constancia, Evento, Programa, Sesion
from uig_portal.lib.widgets import FechaInput, HoraInput, SelectMultipleRapido
from unidades.models import Dependencia


def tiene_constancias(evento):
    """¿Ya se emitieron constancias de este evento? (también cuentan las revocadas)"""
    return Constancia.objects.filter(inscripcion__evento=evento).exists()


class EventoForm(forms.ModelForm):
    """Alta y edición de un evento. Al editar, `marca` (la fecha de la última modificación)
    evita pisar los cambios que otra persona guardó mientras tanto."""

    marca = forms.CharField(widget=forms.HiddenInput, required=False)
    # Un enlace escrito sin esquema se entiende como https (el valor por omisión de Django 6).
    enlace = forms.URLField(
        label=_("Enlace de conexión"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Obligatorio si el evento es virtual o mixto."),
    )

    class Meta:
        model = Evento
        fields = [
            "programa",
            "nombre",
            "descripcion",
            "modalidad",
            "sede",
            "enlace",
            "facilitacion",
            "cupo",
            "dependencias",
            "fecha_inicio",
            "fecha_fin",
            "inscripcion_hasta",
            "umbral_asistencia",
            "meta_federal",
        ]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 3}),
            "fecha_inicio": FechaInput(),
            "fecha_fin": FechaInput(),
            "inscripcion_hasta": FechaInput(),
            "cupo": forms.NumberInput(attrs={"min": 1}),
            "umbral_asistencia": forms.NumberInput(attrs={"min": 1, "max": 100}),
            "dependencias": SelectMultipleRapido(attrs={"size": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        evento = self.instance
        # Programas activos y, aunque ya no lo esté, el que el evento tiene.
        programas = Q(activo=True)
        if evento.programa_id:
            programas |= Q(pk=evento.programa_id)
        self.fields["programa"].queryset = Programa.objects.filter(programas)

        # Hasta 3,000 instituciones: las opciones se arman con una consulta y un widget rápido.
        actuales = list(evento.dependencias.values_list("pk", flat=True)) if evento.pk else []
        instituciones = Dependencia.objects.filter(Q(vigente=True) | Q(pk__in=actuales)).order_by(
            "nombre"
        )
        campo = self.fields["dependencias"]
        campo.queryset = instituciones
        campo.choices = [
            (pk, f"{siglas} · {nombre}")
            for pk, siglas, nombre in instituciones.values_list("pk", "siglas", "nombre")
        ]
        campo.help_text = _(
            "Déjelo vacío para convocar a todas las instituciones. Mantenga oprimida la tecla "
            "Ctrl (⌘ en Mac) para elegir varias."
        )
        if evento.pk and not self.is_bound:
            self.initial["dependencias"] = actuales
            self.initial["marca"] = evento.actualizado.isoformat()
        if not evento.pk:
            del self.fields["marca"]

    def clean_cupo(self):
        cupo = self.cleaned_data.get("cupo")
        if cupo is not None and cupo < 1:
            raise forms.ValidationError(
                _("El cupo es de al menos un lugar; déjelo vacío si no hay límite.")
            )
        return cupo

    def clean(self):
        datos = super().clean()
        evento = self.instance
        if not evento.pk:
            return datos
        if datos.get("marca") != evento.actualizado.isoformat():
            raise forms.ValidationError(
                _(
                    "Alguien más guardó cambios en este evento (o cambió su estado) mientras "
                    "usted editaba. Abra de nuevo la página para ver la versión actual; sus "
                    "cambios no se guardaron."
                ),
                code="marca",
            )
        self._validar_sesiones(datos)
        self._validar_cupo(datos)
        if (
            "umbral_asistencia" in self.changed_data
            and datos.get("umbral_asistencia")
            and tiene_constancias(evento)
        ):
            self.add_error(
                "umbral_asistencia",
                _(
                    "Ya se emitieron constancias de este evento: la asistencia mínima no puede "
                    "cambiar porque cambiaría quién acredita."
                ),
            )
        return datos

    def _validar_sesiones(self, datos):
        """Las sesiones ya registradas tienen que seguir dentro de las fechas del evento."""
        inicio, fin = datos.get("fecha_inicio"), datos.get("fecha_fin")
        if not inicio or not fin or fin < inicio:
            return
        fuera = (
            self.instance.sesiones.filter(Q(fecha__lt=inicio) | Q(fecha__gt=fin))
            .order_by("fecha")
            .first()
        )
        if fuera:
            self.add_error(
                "fecha_inicio" if fuera.fecha < inicio else "fecha_fin",
                _(
                    "La sesión %(n)s (%(fecha)s) quedaría fuera de las fechas del evento; "
                    "cambie primero la fecha de la sesión."
                )
                % {"n": fuera.numero, "fecha": fuera.fecha.strftime("%d/%m/%Y")},
            )

    def _validar_cupo(self, datos):
        cupo = datos.get("cupo")
        if cupo is None or "cupo" not in self.changed_data:
            return
        ocupados = self.instance.inscripciones.ocupan_lugar().count()
        if cupo < ocupados:
            self.add_error(
                "cupo",
                _(
                    "Ya hay %(n)s lugares ocupados (inscripciones por confirmar o confirmadas); "
                    "el cupo no puede ser menor."
                )
                % {"n": ocupados},
            )


class SesionForm(forms.ModelForm):
    class Meta:
        model = Sesion
        fields = ["fecha", "hora_inicio", "horas", "tema"]
        widgets = {
            "fecha": FechaInput(),
            "hora_inicio": HoraInput(),
            "horas": forms.NumberInput(attrs={"min": "0.5", "max": "12", "step": "0.5"}),
        }
        help_texts = {
            "horas": _("De media hora a 12 horas; cuentan para la asistencia y la constancia."),
            "hora_inicio": _("Opcional."),
        }

    def __init__(self, *args, evento, **kwargs):
        super().__init__(*args, **kwargs)
        # Sesion.clean revisa la fecha contra las del evento.
        self.instance.evento = evento
        self.fields["fecha"].help_text = _("Entre el %(inicio)s y el %(fin)s.") % {
            "inicio": evento.fecha_inicio.strftime("%d/%m/%Y"),
            "fin": evento.fecha_fin.strftime("%d/%m/%Y"),
        }

    def clean(self):
        datos = super().clean()
        evento = self.instance.evento
        if (
            self.instance.pk
            and "horas" in self.changed_data
            and datos.get("horas")
            and tiene_constancias(evento)
        ):
            self.add_error(
                "horas",
                _(
                    "Ya se emitieron constancias de este evento: las horas de sus sesiones no "
                    "pueden cambiar."
                ),
            )
        # Un doble clic al agregar manda la misma sesión dos veces: la segunda se rechaza.
        if not self.instance.pk and datos.get("fecha") and datos.get("horas"):
            repetida = evento.sesiones.filter(
                fecha=datos["fecha"],
                hora_inicio=datos.get("hora_inicio"),
                horas=datos["horas"],
                tema=datos.get("tema", ""),
            ).first()
            if repetida:
                raise forms.ValidationError(
                    _("La sesión %(n)s ya tiene esa fecha, hora, duración y tema.")
                    % {"n": repetida.numero},
                    code="repetida",
                )
        return datos


class EventoFiltroForm(forms.Form):
    """Filtros de la lista de eventos. Estado, programa y año solo se ofrecen a quien ve
    todas las instituciones."""

    q = forms.CharField(label=_("Nombre"), required=False, max_length=100)
    estado = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos"))] + Evento.Estado.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    programa = forms.ModelChoiceField(
        label=_("Programa"),
        required=False,
        queryset=Programa.objects.none(),
        empty_label=_("Todos"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    anio = forms.TypedChoiceField(
        label=_("Año"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, completo=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not completo:
            for nombre in ("estado", "programa", "anio"):
                del self.fields[nombre]
            return
        self.fields["programa"].queryset = Programa.objects.order_by("nombre")
        anios = [f.year for f in Evento.objects.dates("fecha_inicio", "year", order="DESC")]
        self.fields["anio"].choices = [("", _("Todos"))] + [(a, a) for a in anios]

    def filtros(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def filtrar(self, eventos):
        filtros = self.filtros()
        if filtros.get("q"):
            eventos = eventos.filter(nombre__icontains=filtros["q"].strip())
        if filtros.get("estado"):
            eventos = eventos.filter(estado=filtros["estado"])
        if filtros.get("programa"):
            eventos = eventos.filter(programa=filtros["programa"])
        if filtros.get("anio"):
            eventos = eventos.filter(fecha_inicio__year=filtros["anio"])
        return eventos
