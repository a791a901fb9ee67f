"""Formulario de materiales: archivo validado por su contenido o enlace."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from difusion.archivos import ACEPTA, AYUDA, validar_material
from difusion.models import Material
from unidades.forms.reuniones import DocumentoField


class MaterialForm(forms.ModelForm):
    # Un enlace escrito sin esquema se entiende como https (el valor por omisión de Django 6).
    enlace = forms.URLField(
        label=_("Enlace"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Una página o documento en línea. Escriba un enlace, suba un archivo o ambos."),
    )

    # Al editar, la fecha de la última modificación que vio la persona: evita pisar los cambios
    # que alguien más guardó mientras tanto.
    marca = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Material
        fields = ["titulo", "tema", "descripcion", "archivo", "enlace", "publicado", "destacado"]
        field_classes = {"archivo": DocumentoField}
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 4}),
            "archivo": forms.ClearableFileInput(attrs={"accept": ACEPTA}),
        }
        help_texts = {"archivo": AYUDA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"].choices = [("", _("Elija el tema")), *Material.Tema.choices]
        if not self.instance.pk:
            del self.fields["marca"]
        elif not self.is_bound:
            self.initial["marca"] = self.instance.actualizado.isoformat()
        if self.instance.pk and self.instance.archivo:
            # Al editar, el archivo actual se enlaza a su descarga con permisos, nunca a MEDIA.
            self.fields["archivo"].url_descarga = reverse(
                "difusion:material_descargar", args=[self.instance.pk]
            )

    def clean_archivo(self):
        archivo = self.cleaned_data.get("archivo")
        if isinstance(archivo, UploadedFile):
            self._detectado = validar_material(archivo)
        return archivo

    def clean(self):
        datos = super().clean()
        if self.instance.pk and datos.get("marca") != self.instance.actualizado.isoformat():
            raise forms.ValidationError(
                _(
                    "Alguien más guardó cambios en este material mientras usted editaba. Abra "
                    "de nuevo la página para ver la versión actual; sus cambios no se guardaron."
                ),
                code="marca",
            )
        return datos

    def _post_clean(self):
        super()._post_clean()
        # Material.clean y la restricción de la base explican lo mismo («archivo o enlace»):
        # el mensaje se muestra una sola vez.
        errores = self._errors.get(NON_FIELD_ERRORS)
        if errores:
            unicos = {tuple(e.messages): e for e in errores.as_data()}
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                list(unicos.values()), error_class="nonfield", renderer=self.renderer
            )

    def save(self, commit=True):
        material = self.instance
        archivo = self.cleaned_data.get("archivo")
        if isinstance(archivo, UploadedFile):
            # `ruta_material` arma el nombre con la extensión: se fija antes de guardar.
            material.tipo_contenido, material.extension = self._detectado
            material.tamano = archivo.size
            material.nombre_original = PurePath(archivo.name).name[:255]
        elif not material.archivo:
            material.tipo_contenido = material.extension = material.nombre_original = ""
            material.tamano = None
        return super().save(commit)
