"""Widgets de formulario para listas largas."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class SelectRapido(forms.Select):
    """Un <select> que arma sus opciones en Python, con el mismo HTML escapado.

    El Select de Django dibuja cada opción con una plantilla; con las 3,000 instituciones de
    un estado eso toma cientos de milisegundos por página. Este widget no admite grupos de
    opciones, que el portal no usa.
    """

    def render(self, name, value, attrs=None, renderer=None):
        atributos = self.build_attrs(self.attrs, attrs)
        atributos["name"] = name
        if self.allow_multiple_selected:
            atributos["multiple"] = True
        elegidos = set(self.format_value(value))
        opciones = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (valor, " selected" if str(valor) in elegidos else "", etiqueta)
                for valor, etiqueta in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(atributos), opciones)


class SelectMultipleRapido(SelectRapido):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False


class FechaInput(forms.DateInput):
    """Selector de fecha del navegador; el valor viaja como AAAA-MM-DD, que es lo que
    `<input type="date">` entiende sin importar el idioma de la página."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


class HoraInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")
