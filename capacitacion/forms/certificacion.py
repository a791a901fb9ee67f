"""Formularios de la certificación: filtros del tablero, búsqueda de la persona, alta de un
proceso y el paso de una etapa a la siguiente.

Las reglas de las etapas viven en `Certificacion.avanzar`; aquí solo se piden los datos con
etiquetas claras y se repiten los obligatorios para que el error aparezca junto a su campo.
"""

from django import forms
from django.db.models import Case, When
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from capacitacion.models import Certificacion, EstandarCompetencia, Evento, Programa
from capacitacion.models.eventos import CURP
from uig_portal.lib.widgets import FechaInput, SelectRapido

Estado = Certificacion.Estado

#: Botón y etiqueta de la fecha de cada paso (etapa actual, etapa destino).
ACCIONES = {
    (Estado.INSCRITA, Estado.ALINEACION): (
        _("Iniciar alineación"),
        _("Inicio de la alineación"),
    ),
    (Estado.ALINEACION, Estado.EN_EVALUACION): (
        _("Pasar a evaluación"),
        _("Inicio de la evaluación"),
    ),
    (Estado.EN_EVALUACION, Estado.COMPETENTE): (
        _("Registrar juicio: competente"),
        _("Fecha del juicio"),
    ),
    (Estado.EN_EVALUACION, Estado.NO_COMPETENTE): (
        _("Registrar juicio: todavía no competente"),
        _("Fecha del juicio"),
    ),
    (Estado.NO_COMPETENTE, Estado.ALINEACION): (
        _("Nuevo intento: regresar a alineación"),
        _("Inicio de la nueva alineación"),
    ),
    (Estado.COMPETENTE, Estado.CERTIFICADA): (
        _("Registrar certificado"),
        _("Fecha del certificado"),
    ),
}


def _etiqueta_estandar(estandar):
    return f"{estandar.clave} · {Truncator(estandar.titulo).chars(60)}"


# --- Tablero ------------------------------------------------------------------------------------


class TableroFiltroForm(forms.Form):
    """Filtros del tablero. Un valor inválido se ignora; institución y sector solo existen
    para quien ve todas las instituciones."""

    estandar = forms.ChoiceField(label=_("Estándar"), required=False)
    dependencia = forms.ChoiceField(label=_("Institución"), required=False, widget=SelectRapido)
    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=SelectRapido)
    q = forms.CharField(
        label=_("Persona"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Parte del nombre")}),
    )

    def __init__(self, *args, estandares=(), dependencias=None, sectores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estandar"].choices = [("", _("Todos los estándares"))] + [
            (str(e.pk), _etiqueta_estandar(e)) for e in estandares
        ]
        if dependencias is None:
            del self.fields["dependencia"]
        else:
            self.fields["dependencia"].choices = [("", _("Todas las instituciones"))] + [
                (str(pk), f"{siglas} · {nombre}") for pk, siglas, nombre in dependencias
            ]
        if sectores is None:
            del self.fields["sector"]
        else:
            self.fields["sector"].choices = [("", _("Todos los sectores"))] + [
                (s, s) for s in sectores
            ]

    def filtros(self):
        """Los filtros válidos; los que no lo son quedan vacíos."""
        self.is_valid()
        datos = getattr(self, "cleaned_data", {})
        return {
            campo: (datos.get(campo) or "").strip()
            for campo in ("estandar", "dependencia", "sector", "q")
        }


# --- Alta de un proceso ---------------------------------------------------------------------------


class BuscarParticipanteForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar a la persona"),
        min_length=2,
        max_length=100,
        help_text=_("Nombre, correo o CURP. Se muestran hasta 20 coincidencias."),
        error_messages={
            "required": _("Escriba el nombre, el correo o la CURP de la persona."),
            "min_length": _("Escriba al menos dos letras."),
        },
    )


class EventoChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, evento):
        return f"{evento.nombre} · {evento.fecha_inicio:%d/%m/%Y}"


class CertificacionNuevaForm(forms.Form):
    """Inscribe a una persona ya elegida en el proceso de un estándar."""

    estandar = forms.ModelChoiceField(
        label=_("Estándar de competencia"),
        queryset=EstandarCompetencia.objects.none(),
        empty_label=None,
    )
    evento = EventoChoiceField(
        label=_("Evento de promoción"),
        queryset=Evento.objects.none(),
        required=False,
        empty_label=_("Ninguno"),
        widget=SelectRapido,
        help_text=_("El evento en el que la persona conoció el proceso, si lo hubo."),
    )
    fecha_inscripcion = forms.DateField(
        label=_("Fecha de inscripción"),
        widget=FechaInput,
        error_messages={"required": _("Indique la fecha de inscripción.")},
    )
    curp = forms.CharField(
        label=_("CURP de la persona"),
        max_length=18,
        help_text=_(
            "La certificación la pide. Se guarda en el registro de la persona; "
            "18 caracteres, por ejemplo GOMA850312MZSRRN09."
        ),
        error_messages={"required": _("Escriba la CURP: la certificación la necesita.")},
    )
    observaciones = forms.CharField(
        label=_("Observaciones"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, participante, **kwargs):
        super().__init__(*args, **kwargs)
        self.participante = participante
        estandares = EstandarCompetencia.objects.filter(vigente=True).order_by("clave")
        self.fields["estandar"].queryset = estandares
        self.fields["estandar"].initial = (
            estandares.filter(clave="EC0308").values_list("pk", flat=True).first()
        )
        # Primero los eventos de promoción de una certificación, luego los más recientes.
        self.fields["evento"].queryset = (
            Evento.objects.exclude(estado=Evento.Estado.CANCELADO)
            .select_related("programa__estandar")
            .alias(
                de_certificacion=Case(
                    When(programa__tipo=Programa.Tipo.CERTIFICACION, then=0), default=1
                )
            )
            .order_by("de_certificacion", "-fecha_inicio", "nombre")
        )
        self.fields["fecha_inscripcion"].initial = timezone.localdate
        if participante.curp:
            del self.fields["curp"]

    def clean_curp(self):
        curp = self.cleaned_data["curp"].strip().upper()
        CURP(curp)
        return curp

    def clean_fecha_inscripcion(self):
        fecha = self.cleaned_data["fecha_inscripcion"]
        if fecha > timezone.localdate():
            raise forms.ValidationError(_("La fecha no puede ser posterior a hoy."))
        return fecha

    def clean(self):
        datos = super().clean()
        estandar, evento = datos.get("estandar"), datos.get("evento")
        if estandar and evento and evento.programa.estandar_id not in (None, estandar.pk):
            self.add_error(
                "evento",
                _("Ese evento promueve el estándar %(clave)s; elija otro evento o ese estándar.")
                % {"clave": evento.programa.estandar.clave},
            )
        return datos


# --- Paso de etapa --------------------------------------------------------------------------------


class AvanzarForm(forms.Form):
    """El paso de un proceso a la etapa `destino`; `desde` es la etapa que se veía en la
    página, para rechazar el paso si otra persona ya lo movió."""

    destino = forms.ChoiceField(choices=Estado.choices, widget=forms.HiddenInput)
    desde = forms.ChoiceField(choices=Estado.choices, widget=forms.HiddenInput)
    fecha = forms.DateField(
        label=_("Fecha"),
        widget=FechaInput,
        error_messages={"required": _("Indique la fecha.")},
    )
    evaluador = forms.CharField(
        label=_("Persona evaluadora"),
        max_length=200,
        error_messages={"required": _("Indique quién evalúa.")},
    )
    folio = forms.CharField(
        label=_("Folio del certificado"),
        max_length=60,
        error_messages={"required": _("Escriba el folio del certificado.")},
    )
    observaciones = forms.CharField(
        label=_("Observaciones"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Notas del proceso; reemplazan a las anteriores si escribe algo."),
    )

    def __init__(self, *args, certificacion, destino, **kwargs):
        destino = Estado(destino)
        desde = Estado(certificacion.estado)
        kwargs.setdefault("auto_id", f"id_{destino}_%s")
        kwargs.setdefault(
            "initial",
            {
                "destino": destino,
                "desde": desde,
                "fecha": timezone.localdate(),
                "evaluador": certificacion.evaluador,
                "observaciones": certificacion.observaciones,
            },
        )
        super().__init__(*args, **kwargs)
        # No se llama `destino`: en las plantillas form.destino es el campo oculto.
        self.hacia = destino
        boton, etiqueta_fecha = ACCIONES.get((desde, destino), (destino.label, _("Fecha")))
        self.boton = boton
        self.fields["fecha"].label = etiqueta_fecha
        if destino != Estado.EN_EVALUACION:
            del self.fields["evaluador"]
        if destino != Estado.CERTIFICADA:
            del self.fields["folio"]

    def agregar_errores(self, error):
        """Pone los errores de `Certificacion.avanzar` junto a su campo (o arriba)."""
        if not hasattr(error, "error_dict"):
            for mensaje in error.messages:
                self.add_error(None, mensaje)
            return
        for campo, mensajes in error.message_dict.items():
            for mensaje in mensajes:
                self.add_error(campo if campo in self.fields else None, mensaje)
