"""Formularios del diseño de cuestionarios: el cuestionario, sus secciones y sus preguntas.

El editor de condición funciona sin JavaScript: una lista para combinar con «y» u «o» y unas
filas de regla (pregunta anterior, operador, valor) que se guardan en el formato de
`diagnosticos.condiciones` y se revisan con `condiciones.errores`.
"""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos import condiciones, diseno
from diagnosticos import valores as V
from diagnosticos.models import Cuestionario, Opcion, Pregunta, Seccion

#: Filas de regla que ofrece el editor de condición (más si la condición guardada tiene más).
FILAS_DE_CONDICION = 4

_AREA = {"class": "form-control", "rows": 2}


class CuestionarioForm(forms.ModelForm):
    class Meta:
        model = Cuestionario
        fields = ["nombre", "descripcion", "umbral_en_desarrollo", "umbral_consolidado"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "umbral_en_desarrollo": gettext_lazy(
                "De 0 a 100. Debajo de este índice el nivel es «inicial»."
            ),
            "umbral_consolidado": gettext_lazy(
                "De 0 a 100, mayor que el anterior. Desde este índice el nivel es «consolidado»."
            ),
        }

    def clean(self):
        datos = super().clean()
        desarrollo = datos.get("umbral_en_desarrollo")
        consolidado = datos.get("umbral_consolidado")
        if desarrollo is not None and consolidado is not None and desarrollo >= consolidado:
            self.add_error(
                "umbral_consolidado",
                _("El umbral de «consolidado» debe ser mayor que el de «en desarrollo»."),
            )
        return datos


class VersionNuevaForm(forms.Form):
    notas = forms.CharField(
        label=gettext_lazy("Qué cambiará en la versión nueva (opcional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SeccionForm(forms.ModelForm):
    class Meta:
        model = Seccion
        fields = ["codigo", "titulo", "descripcion", "peso"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.fields["codigo"].widget.attrs.update(autocomplete="off", spellcheck="false")

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"]
        repetida = Seccion.objects.filter(version=self.version, codigo=codigo).exclude(
            pk=self.instance.pk
        )
        if repetida.exists():
            raise forms.ValidationError(
                _("Ya hay una sección con el código «%(codigo)s» en esta versión.")
                % {"codigo": codigo}
            )
        return codigo


class PreguntaForm(forms.ModelForm):
    class Meta:
        model = Pregunta
        fields = [
            "codigo",
            "texto",
            "ayuda",
            "tipo",
            "obligatoria",
            "minimo",
            "maximo",
            "peso",
            "regla",
            "meta",
            "admite_evidencia",
        ]
        widgets = {"texto": forms.Textarea(attrs=_AREA), "ayuda": forms.Textarea(attrs=_AREA)}
        help_texts = {
            "minimo": gettext_lazy("Solo para números; vacío es 0."),
            "maximo": gettext_lazy("Solo para números; vacío es sin límite."),
            "regla": gettext_lazy(
                "Solo para números y porcentajes. Las demás preguntas dan puntos por su "
                "respuesta: sí 100, parcial 50, no 0; la escala de 0 a 100; las opciones, "
                "los puntos de cada opción."
            ),
        }

    def __init__(self, *args, estructura, **kwargs):
        super().__init__(*args, **kwargs)
        self.estructura = estructura
        self.fields["codigo"].widget.attrs.update(autocomplete="off", spellcheck="false")
        for campo in ("minimo", "maximo", "meta", "peso"):
            self.fields[campo].widget.attrs["inputmode"] = "decimal"

    def clean_codigo(self):
        codigo = self.cleaned_data["codigo"]
        for otra in self.estructura.preguntas:
            if otra.codigo == codigo and otra.pk != self.instance.pk:
                raise forms.ValidationError(
                    _(
                        "Ya hay una pregunta con el código «%(codigo)s» en esta versión "
                        "(sección «%(seccion)s»)."
                    )
                    % {"codigo": codigo, "seccion": otra.seccion.titulo}
                )
        anterior = self.instance.codigo if self.instance.pk else None
        if anterior and anterior != codigo:
            usan = diseno.dependientes(self.estructura, anterior)
            if usan:
                raise forms.ValidationError(
                    _(
                        "No se puede cambiar el código: la condición de %(preguntas)s usa "
                        "«%(codigo)s». Cambie primero esas condiciones."
                    )
                    % {"preguntas": ", ".join(p.codigo for p in usan), "codigo": anterior}
                )
        return codigo

    def clean(self):
        datos = super().clean()
        if "tipo" not in datos:
            return datos
        prueba = Pregunta(
            tipo=datos["tipo"],
            regla=datos.get("regla", ""),
            meta=datos.get("meta"),
            minimo=datos.get("minimo"),
            maximo=datos.get("maximo"),
        )
        for campo, error in diseno.errores_de_configuracion(prueba):
            self.add_error(campo, error[:1].upper() + error[1:])
        return datos


class OpcionForm(forms.ModelForm):
    class Meta:
        model = Opcion
        fields = ["valor", "etiqueta", "puntos"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valor"].widget.attrs.update(
            autocomplete="off", spellcheck="false", **{"class": "form-control form-control-sm"}
        )
        self.fields["etiqueta"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["puntos"].widget.attrs.update(
            inputmode="decimal", **{"class": "form-control form-control-sm"}
        )


class OpcionesBaseFormSet(forms.BaseInlineFormSet):
    def elegidas(self):
        """Los formularios que quedan como opciones (llenos y sin marcar para eliminar)."""
        return [
            f
            for f in self.forms
            if f not in self.deleted_forms and (f.instance.pk or f.has_changed())
        ]


OpcionFormSet = inlineformset_factory(
    Pregunta,
    Opcion,
    form=OpcionForm,
    formset=OpcionesBaseFormSet,
    extra=3,
    can_delete=True,
)


class CondicionForm(forms.Form):
    """«Se muestra solo si…»: hasta cuatro reglas sobre preguntas anteriores."""

    union = forms.ChoiceField(
        label=gettext_lazy("Combinar las reglas con"),
        choices=[
            ("y", gettext_lazy("«y»: se deben cumplir todas")),
            ("o", gettext_lazy("«o»: basta con que se cumpla una")),
        ],
        initial="y",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, anteriores, inicial=None, **kwargs):
        self.anteriores = anteriores
        guardadas = condiciones.reglas(inicial)
        self.filas = max(FILAS_DE_CONDICION, len(guardadas))
        valores_iniciales = {"union": (inicial or {}).get("union", "y")}
        for numero, regla in enumerate(guardadas):
            if not isinstance(regla, dict):
                continue
            valor = regla.get("valor")
            valores_iniciales.update(
                {
                    f"pregunta_{numero}": regla.get("pregunta", ""),
                    f"operador_{numero}": regla.get("operador", ""),
                    f"valor_{numero}": ", ".join(str(v) for v in valor)
                    if isinstance(valor, list)
                    else ("" if valor is None else str(valor)),
                }
            )
        kwargs.setdefault("initial", valores_iniciales)
        super().__init__(*args, **kwargs)
        opciones_pregunta = [("", _("(ninguna)"))] + [
            (codigo, f"{codigo}. {pregunta.texto[:70]}") for codigo, pregunta in anteriores.items()
        ]
        # Una condición importada puede mirar una pregunta que ya no es anterior: se muestra
        # para que la persona vea el error y la corrija, en lugar de perderla en silencio.
        for regla in guardadas:
            codigo = regla.get("pregunta") if isinstance(regla, dict) else None
            if codigo and codigo not in anteriores:
                opciones_pregunta.append(
                    (codigo, _("%(codigo)s (no es anterior)") % {"codigo": codigo})
                )
        operadores = [("", "—")] + list(condiciones.OPERADORES.items())
        for numero in range(self.filas):
            self.fields[f"pregunta_{numero}"] = forms.ChoiceField(
                label=_("Pregunta anterior"),
                choices=opciones_pregunta,
                required=False,
                error_messages={
                    "invalid_choice": _(
                        "«%(value)s» no es una pregunta anterior a esta; elija una de la lista."
                    )
                },
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"operador_{numero}"] = forms.ChoiceField(
                label=_("Operador"),
                choices=operadores,
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"valor_{numero}"] = forms.CharField(
                label=_("Valor"),
                required=False,
                max_length=500,
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm", "autocomplete": "off"}
                ),
            )

    def reglas_filas(self):
        """[(número, campo pregunta, campo operador, campo valor)] para la plantilla."""
        return [
            (n + 1, self[f"pregunta_{n}"], self[f"operador_{n}"], self[f"valor_{n}"])
            for n in range(self.filas)
        ]

    def ayuda_valores(self):
        """[(código, [(valor, etiqueta)])] de las preguntas anteriores que se eligen de lista."""
        return [
            (codigo, V.opciones(pregunta))
            for codigo, pregunta in self.anteriores.items()
            if V.opciones(pregunta)
        ]

    def clean(self):
        datos = super().clean()
        reglas = []
        for numero in range(self.filas):
            codigo = datos.get(f"pregunta_{numero}", "")
            operador = datos.get(f"operador_{numero}", "")
            texto = (datos.get(f"valor_{numero}") or "").strip()
            if f"pregunta_{numero}" in self.errors or f"operador_{numero}" in self.errors:
                continue
            if not (codigo or operador or texto):
                continue
            if not codigo:
                self.add_error(f"pregunta_{numero}", _("Elija la pregunta anterior."))
                continue
            if not operador:
                self.add_error(f"operador_{numero}", _("Elija cómo se compara."))
                continue
            reglas.append(
                {
                    "pregunta": codigo,
                    "operador": operador,
                    "valor": self._valor(codigo, operador, texto),
                }
            )
        self.condicion = {"union": datos.get("union") or "y", "reglas": reglas} if reglas else {}
        for error in condiciones.errores(self.condicion, self.anteriores):
            self.add_error(None, error)
        return datos

    def _valor(self, codigo, operador, texto):
        """El valor de una regla como lo guarda el formato: lista para «una de», número como
        texto decimal para comparar, y el valor de la opción aunque se escriba su etiqueta."""
        pregunta = self.anteriores.get(codigo)
        if operador in ("mayor", "menor"):
            numero = V.numero(texto.replace(",", ".") if texto.count(",") == 1 else texto)
            return V.formato(numero) if numero is not None and numero.is_finite() else texto
        if operador == "uno_de":
            return [self._opcion(pregunta, t.strip()) for t in texto.split(",") if t.strip()]
        return self._opcion(pregunta, texto)

    @staticmethod
    def _opcion(pregunta, texto):
        if pregunta is None:
            return texto
        lista = V.opciones(pregunta)
        if any(valor == texto for valor, _etiqueta in lista):
            return texto
        for valor, etiqueta in lista:
            if str(etiqueta).casefold() == texto.casefold() or valor.casefold() == texto.casefold():
                return valor
        return texto
