"""Formularios de las propuestas: los textos de una versión (diseño) y la revisión de las
propuestas de una institución. Las reglas de lo que se guarda viven en
`diagnosticos.propuestas`; aquí solo se piden los campos."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos.models import Propuesta, TextoPropuesta
from uig_portal.lib.ejes import Eje

_AREA = {"class": "form-control", "rows": 3}
MAXIMO_INDICADOR = Propuesta._meta.get_field("indicador").max_length


class PropuestaForm(forms.Form):
    """Eje, texto, objetivo e indicador de una propuesta (con su revisión al editarla).

    En la página de revisión hay uno por propuesta: cada uno lleva el prefijo «p<pk>».
    """

    eje = forms.ChoiceField(
        label=gettext_lazy("Eje temático"),
        choices=[("", "---------"), *Eje.choices],
        error_messages={
            "required": gettext_lazy("Elija el eje temático de la propuesta."),
            "invalid_choice": gettext_lazy("Elija el eje temático de la propuesta."),
        },
    )
    texto = forms.CharField(
        label=gettext_lazy("Propuesta"),
        widget=forms.Textarea(attrs=_AREA),
        max_length=5000,
        error_messages={"required": gettext_lazy("Escriba el texto de la propuesta.")},
    )
    objetivo = forms.CharField(
        label=gettext_lazy("Objetivo sugerido"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    indicador = forms.CharField(
        label=gettext_lazy("Indicador sugerido"), required=False, max_length=MAXIMO_INDICADOR
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def de(cls, propuesta, **kwargs):
        """El formulario sin enviar de una propuesta guardada."""
        return cls(
            prefix=f"p{propuesta.pk}",
            initial={
                "eje": propuesta.eje,
                "texto": propuesta.texto,
                "objetivo": propuesta.objetivo,
                "indicador": propuesta.indicador,
                "revision": propuesta.revision,
            },
            **kwargs,
        )


def destino(texto):
    """«s<pk>» para un texto de sección o «p<pk>» para uno de reactivo."""
    return f"p{texto.pregunta_id}" if texto.pregunta_id else f"s{texto.seccion_id}"


class TextoPropuestaForm(forms.ModelForm):
    """Un texto de propuesta de la versión: a qué responde (la sección o un reactivo), en qué
    nivel, y lo que se propone."""

    destino = forms.ChoiceField(
        label=gettext_lazy("Responde a"),
        help_text=gettext_lazy(
            "El índice de una sección o un reactivo con puntos. Se propone cuando su nivel "
            "queda debajo de «consolidado»."
        ),
    )

    class Meta:
        model = TextoPropuesta
        fields = ["nivel", "eje", "texto", "objetivo", "indicador"]
        widgets = {
            "texto": forms.Textarea(attrs=_AREA),
            "objetivo": forms.Textarea(attrs={"class": "form-control", "rows": 2}),
        }
        help_texts = {
            "nivel": gettext_lazy(
                "Un texto de «solo inicial» o «solo en desarrollo» gana al que vale para los dos."
            ),
        }

    def __init__(self, *args, estructura, **kwargs):
        super().__init__(*args, **kwargs)
        self.estructura = estructura
        actual = destino(self.instance) if self.instance.seccion_id else None
        opciones = []
        self.destinos = {}
        for seccion in estructura.secciones:
            grupo = [(f"s{seccion.pk}", _("Índice de la sección (toda la sección)"))]
            self.destinos[f"s{seccion.pk}"] = (seccion, None)
            for pregunta in seccion.preguntas_en_orden:
                clave = f"p{pregunta.pk}"
                if not pregunta.da_puntos and clave != actual:
                    continue
                grupo.append((clave, Truncator(pregunta.texto).chars(110)))
                self.destinos[clave] = (seccion, pregunta)
            opciones.append((seccion.titulo, grupo))
        self.fields["destino"].choices = [("", "---------"), *opciones]
        self.fields["destino"].error_messages["invalid_choice"] = _(
            "Elija la sección o el reactivo al que responde la propuesta."
        )
        self.fields["destino"].error_messages["required"] = _(
            "Elija la sección o el reactivo al que responde la propuesta."
        )
        self.fields["eje"].error_messages["required"] = _("Elija el eje temático de la propuesta.")
        self.fields["texto"].error_messages["required"] = _("Escriba el texto de la propuesta.")
        if actual:
            self.fields["destino"].initial = actual
        self.order_fields(["destino", "nivel", "eje", "texto", "objetivo", "indicador"])

    def save(self, commit=True):
        seccion, pregunta = self.destinos[self.cleaned_data["destino"]]
        self.instance.seccion = seccion
        self.instance.pregunta = pregunta
        return super().save(commit)
