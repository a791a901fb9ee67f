"""Formularios del presupuesto para la igualdad: el monto en pesos (una sola forma de leerlo,
en el plan y en el seguimiento), el catálogo de programas presupuestarios, su importación y
las propuestas de mejora de sus indicadores."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from planes import importacion_programas
from planes.modelos_presupuesto import (
    CLAVE_PP,
    MejoraPrograma,
    ProgramaPresupuestario,
    normalizar_clave,
)
from uig_portal.lib import concurrencia
from uig_portal.lib.importacion import limpiar_texto

# --- Montos en pesos -----------------------------------------------------------------------

#: «15000», «15000.5», «15,000» o «15,000.50»: la coma solo separa miles; el punto, centavos.
MONTO = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: Lo que se quita antes de leer el monto: el signo de pesos, «MXN» y los espacios.
ADORNOS = re.compile(r"[\s$]|mxn", re.IGNORECASE)


def monto_para_captura(valor):
    """Un monto guardado como se vuelve a mostrar en el campo: «15,000.50»."""
    return f"{valor:,.2f}"


def leer_monto(texto):
    """El Decimal de un monto escrito por una persona, None si está vacío, o ValidationError
    con el motivo en español. Acepta «1,000», «1000.50» y «$ 1,000.50»."""
    limpio = ADORNOS.sub("", str(texto or ""))
    if not limpio:
        return None
    if limpio.startswith("-"):
        raise ValidationError(_("El monto no puede ser negativo."), code="negativo")
    if not MONTO.match(limpio):
        if re.search(r"[^\d.,]", limpio):
            mensaje = _("Escriba el monto solo con números, p. ej. 15000 o 15,000.50.")
        else:
            mensaje = _(
                "Use la coma solo para separar miles y el punto para los centavos, "
                "p. ej. 15,000.50."
            )
        raise ValidationError(mensaje, code="invalido")
    try:
        valor = Decimal(limpio.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - la expresión regular ya lo impide
        raise ValidationError(_("Escriba el monto solo con números."), code="invalido") from None
    if -valor.as_tuple().exponent > 2:
        raise ValidationError(_("Escriba a lo más dos decimales (los centavos)."), code="decimales")
    return valor


class PesosInput(forms.TextInput):
    """Texto y no <input type="number">: el servidor recibe lo que se escribió («1,000») y
    puede explicar el error; un monto guardado se muestra con sus separadores."""

    def __init__(self, attrs=None):
        base = {"class": "form-control", "inputmode": "decimal", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return monto_para_captura(value)
        return super().format_value(value)


class CampoPesos(forms.DecimalField):
    """Un monto en pesos, de 0 a 999,999,999,999.99, con mensajes en español."""

    widget = PesosInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.error_messages["max_digits"] = _("El monto es demasiado grande; revise la cifra.")
        self.error_messages["max_whole_digits"] = self.error_messages["max_digits"]

    def to_python(self, value):
        if isinstance(value, Decimal):
            return value
        return leer_monto(value)

    def widget_attrs(self, widget):
        # Sin los atributos min/step de <input type="number">: el campo es de texto.
        return forms.Field.widget_attrs(self, widget)


# --- Catálogo de programas -----------------------------------------------------------------


def programas_del_anio(anio):
    """Los programas de un ejercicio (activos e inactivos) para elegir en el plan: se leen una
    vez por página y se pasan a cada `ActividadForm`."""
    return list(ProgramaPresupuestario.objects.del_anio(anio).order_by("clave"))


def marca_de_edicion(programa):
    """Microsegundos de la última modificación: el número con que se detecta que otra
    persona guardó el programa mientras se editaba (`uig_portal.lib.concurrencia`)."""
    if programa.actualizado is None:
        return 0
    return (programa.actualizado - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


class ProgramaForm(forms.ModelForm):
    """Alta y edición de un programa presupuestario; la clave se guarda normalizada (E045)."""

    marca = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProgramaPresupuestario
        fields = ["anio", "clave", "nombre", "unidad_responsable"]
        help_texts = {
            "anio": _("El ejercicio fiscal del presupuesto al que pertenece el programa."),
            "clave": _(
                "La letra de la modalidad y 3 o 4 dígitos, como en el presupuesto del Estado: "
                "E045, S010, K3511. La letra dice la modalidad (E: prestación de servicios "
                "públicos; S: sujetos a reglas de operación…)."
            ),
            "unidad_responsable": _("La unidad responsable (UR) del programa, si se conoce."),
        }

    def __init__(self, *args, usuario=None, **kwargs):
        self.usuario = usuario
        super().__init__(*args, **kwargs)
        self.fields["anio"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["clave"].widget.attrs.update({"autocomplete": "off", "class": "text-uppercase"})
        if self.instance.pk:
            self.fields["marca"].initial = marca_de_edicion(self.instance)
        else:
            del self.fields["marca"]

    def clean_anio(self):
        anio = self.cleaned_data["anio"]
        if self.instance.pk and anio != self.instance.anio and self.instance.actividades.exists():
            raise ValidationError(
                _(
                    "Actividades de planes de %(anio)s ya usan este programa: su ejercicio no "
                    "puede cambiar. Registre el programa también en %(nuevo)s."
                )
                % {"anio": self.instance.anio, "nuevo": anio},
                code="en_uso",
            )
        return anio

    def clean_clave(self):
        clave = normalizar_clave(self.cleaned_data["clave"])
        CLAVE_PP(clave)
        return clave

    def clean_nombre(self):
        return limpiar_texto(self.cleaned_data["nombre"])

    def clean_unidad_responsable(self):
        return limpiar_texto(self.cleaned_data["unidad_responsable"])

    def clean(self):
        datos = super().clean()
        if self.instance.pk:
            # La marca del programa tal como está guardado (aún sin los datos del formulario).
            self.instance.marca_de_edicion = marca_de_edicion(self.instance)
            try:
                concurrencia.comprobar(
                    self.instance,
                    datos.get("marca"),
                    que=_("este programa"),
                    usuario=self.usuario,
                    campo="marca_de_edicion",
                    momento="actualizado",
                )
            except concurrencia.EdicionVieja as vieja:
                raise ValidationError(vieja.mensaje, code="edicion_vieja") from None
        return datos


class ImportarProgramasForm(forms.Form):
    archivo = forms.FileField(
        label=_("Archivo"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["archivo"].help_text = _(
            "Libro de Excel (.xlsx) de hasta %(tamano)s y %(filas)s filas con datos. Del libro "
            "se lee la primera hoja."
        ) % {
            "tamano": filesizeformat(importacion_programas.TAMANO_MAXIMO),
            "filas": f"{importacion_programas.FILAS_MAXIMAS:,}",
        }

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        self.hoja = importacion_programas.leer(archivo)
        return archivo


class ProgramaFiltroForm(forms.Form):
    anio = forms.TypedChoiceField(
        label=_("Ejercicio"), coerce=int, required=False, empty_value=None
    )
    q = forms.CharField(label=_("Buscar"), required=False, max_length=100)

    def __init__(self, *args, anios, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anio"].choices = [("", _("Todos"))] + [(a, a) for a in anios]
        self.fields["anio"].widget.attrs["class"] = "form-select"
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Clave, nombre o unidad responsable"), "type": "search"}
        )


# --- Propuestas de mejora de un programa (MIR) -----------------------------------------------

#: Lo que se suele proponer para que la MIR de un programa mida la igualdad (guía de la
#: Coordinación, a partir de los manuales de marco lógico con perspectiva de género).
MEJORAS_SUGERIDAS = [
    _("Desagregar por sexo la población objetivo y la población atendida del programa."),
    _(
        "Expresar el indicador de Propósito como una brecha entre mujeres y hombres o como la "
        "proporción de mujeres atendidas."
    ),
    _("Incluir al menos un Componente que se entregue a mujeres o que cierre una brecha."),
    _("Desagregar por sexo los numeradores de los indicadores de Actividad."),
    _("Asegurar que los medios de verificación registren el sexo de las personas."),
    _(
        "Considerar en los supuestos la carga de cuidados y los riesgos de violencia que "
        "enfrentan las mujeres."
    ),
]


class MejoraForm(forms.Form):
    sugerencia = forms.TypedChoiceField(
        label=_("Tomarla de la lista"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Si deja vacío el texto, se guarda la propuesta elegida de la lista."),
    )
    texto = forms.CharField(
        label=_("Propuesta de mejora"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sugerencia"].choices = [("", _("— Ninguna —"))] + [
            (i, texto) for i, texto in enumerate(MEJORAS_SUGERIDAS)
        ]
        self.fields["sugerencia"].widget.attrs["class"] = "form-select"

    def clean(self):
        datos = super().clean()
        texto = (datos.get("texto") or "").strip()
        sugerencia = datos.get("sugerencia")
        if not texto and sugerencia is not None:
            texto = str(MEJORAS_SUGERIDAS[sugerencia])
        if not texto and not self.errors:
            raise ValidationError(
                _("Escriba la propuesta de mejora o elija una de la lista."), code="vacia"
            )
        datos["texto"] = texto
        return datos

    def guardar(self, programa, usuario):
        return MejoraPrograma.objects.create(
            programa=programa, texto=self.cleaned_data["texto"], creada_por=usuario
        )
