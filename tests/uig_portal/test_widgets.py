from django import forms

from uig_portal.lib.widgets import SelectMultipleRapido, SelectRapido


class Formulario(forms.Form):
    uno = forms.ChoiceField(
        choices=[("", "Todas"), ("1", "A & B"), ("2", "<script>")],
        required=False,
        widget=SelectRapido,
    )
    varios = forms.MultipleChoiceField(
        choices=[("1", "Uno"), ("2", "Dos"), ("3", "Tres")],
        required=False,
        widget=SelectMultipleRapido,
    )


def test_dibuja_igual_que_el_select_de_django_y_escapa():
    html = str(Formulario({"uno": "2", "varios": ["1", "3"]})["uno"])
    assert '<option value="2" selected>&lt;script&gt;</option>' in html
    assert '<option value="1">A &amp; B</option>' in html
    assert 'name="uno"' in html and 'id="id_uno"' in html


def test_seleccion_multiple():
    formulario = Formulario({"uno": "", "varios": ["1", "3"]})
    assert formulario.is_valid()
    assert formulario.cleaned_data["varios"] == ["1", "3"]
    html = str(formulario["varios"])
    assert "multiple" in html
    assert '<option value="1" selected>Uno</option>' in html
    assert '<option value="2">Dos</option>' in html
