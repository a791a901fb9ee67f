"""Formularios del editor del plan: crear un plan, su encabezado y cada actividad.

La ayuda de cada campo sale de `planes.ayuda`, la misma que reúne la guía metodológica.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from planes.ayuda import AYUDA
from planes.forms.presupuesto import CampoPesos, PesosInput, programas_del_anio
from planes.models import (
    MESES,
    Actividad,
    Alineacion,
    PlanTrabajo,
    ProgramaPresupuestario,
    TipoContribucion,
)
from uig_portal.lib.widgets import SelectRapido
from unidades.models import Dependencia

# Controles que se dibujan en Python, con el mismo HTML escapado que las plantillas de widget de
# Django: el editor de un plan de 30 actividades tiene más de 700 controles, y con plantillas
# dibujarlos se llevaba la mitad del tiempo de la página.


class TextoRapido(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        atributos = {"type": self.input_type, "name": name, **self.build_attrs(self.attrs, attrs)}
        valor = self.format_value(value)
        if valor is not None:
            atributos["value"] = valor
        return format_html("<input{}>", flatatt(atributos))


class AreaRapida(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None):
        atributos = {"name": name, **self.build_attrs(self.attrs, attrs)}
        # El salto tras <textarea> lo descarta el navegador, como en la plantilla de Django.
        return format_html(
            "<textarea{}>\n{}</textarea>", flatatt(atributos), self.format_value(value) or ""
        )


class PesosRapido(PesosInput, TextoRapido):
    """Un monto en pesos («15,000.00») dibujado en Python, como los demás controles."""


class CasillaRapida(forms.CheckboxInput):
    def render(self, name, value, attrs=None, renderer=None):
        atributos = {"type": "checkbox", "name": name, **self.build_attrs(self.attrs, attrs)}
        if self.check_test(value):
            atributos["checked"] = True
        return format_html("<input{}>", flatatt(atributos))


#: Campos del marco lógico en el orden del formulario, agrupados como en el formato de INMUJERES.
GRUPOS = [
    (_("Alineación y problema"), ["eje", "area_oportunidad", "alineaciones"]),
    (_("Objetivo, estrategia, línea de acción y actividad"),
     ["objetivo", "estrategia", "linea_accion", "descripcion"]),
    (_("Indicador y metas"),
     ["indicador", "formula", "unidad_medida", "linea_base", "meta_anual", "meta_t1", "meta_t2",
      "meta_t3", "meta_t4", "acumulativa", "desagregado_por_sexo"]),
    (_("Medio de verificación"), ["medio_verificacion"]),
    (_("Periodo de ejecución"), ["mes_inicio", "mes_fin"]),
    (_("Responsables y recursos"),
     ["area_responsable", "recursos", "programa", "monto_aprobado", "tipo_contribucion"]),
    (_("Resultado esperado"), ["resultado_esperado"]),
]  # fmt: skip

METAS_TRIMESTRALES = ["meta_t1", "meta_t2", "meta_t3", "meta_t4"]
CAMPOS_ACTIVIDAD = [campo for _titulo, campos in GRUPOS for campo in campos]


_TEXTO = {"class": "form-control"}
_AREA = {"class": "form-control", "rows": 2}
_NUMERO = {"class": "form-control", "inputmode": "decimal", "autocomplete": "off"}


def anio_sugerido(hoy=None):
    """El año del plan que se suele capturar: el siguiente a partir de noviembre."""
    hoy = hoy or timezone.localdate()
    return hoy.year + 1 if hoy.month > 10 else hoy.year


def _ayudar(form, campo, describe=None):
    """Pone la ayuda de la guía en el campo y enlaza el control con su ayuda y su error."""
    field = form.fields[campo]
    ayuda = AYUDA.get(campo)
    if ayuda:
        field.help_text = ayuda.texto
        field.ejemplo = ayuda.ejemplo
    auto_id = form.auto_id % form.add_prefix(campo)
    describe = describe or f"{auto_id}_helptext"
    # Siempre se enlaza el contenedor del error, aunque esté vacío: el autoguardado lo llena
    # sin volver a dibujar el control, y el lector de pantalla debe poder leerlo.
    field.widget.attrs["aria-describedby"] = f"{describe} {auto_id}_error"


class PlanNuevoForm(forms.Form):
    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.none(),
        empty_label=_("Elija la institución"),
        widget=SelectRapido(attrs={"class": "form-select"}),
    )
    anio = forms.TypedChoiceField(label=_("Año del plan"), coerce=int)
    copiar = forms.BooleanField(
        label=_("Copiar el compromiso y las actividades del plan del año anterior"),
        required=False,
        help_text=_(
            "Se copian el encabezado y todas las actividades con su alineación, indicadores y "
            "metas, para ajustarlos; no se copian el seguimiento ni las observaciones."
        ),
    )

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        sugerido = anio_sugerido()
        hoy = timezone.localdate().year
        self.fields["anio"].choices = [(a, a) for a in range(hoy - 1, hoy + 2)]
        self.fields["anio"].initial = sugerido
        self.fields["anio"].widget.attrs["class"] = "form-select"
        if usuario.ve_todas_las_dependencias:
            self.fields["dependencia"].queryset = (
                Dependencia.objects.visibles_para(usuario)
                .vigentes()
                .filter(unidad__isnull=False)
                .order_by("nombre")
            )
        else:
            del self.fields["dependencia"]


class ErroresPorCampoMixin:
    campos_editables = []

    def errores_por_campo(self):
        """(campo, id del contenedor de su error, mensajes) de cada campo, con o sin error: el
        autoguardado los reemplaza todos, para limpiar también los errores ya corregidos."""
        return [
            (self[c], f"{self[c].auto_id}_error", self.errors.get(c, []))
            for c in self.campos_editables
        ]


class EncabezadoForm(ErroresPorCampoMixin, forms.ModelForm):
    """Encabezado del plan; `revision` es el número de guardado que la persona tenía a la vista."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    use_required_attribute = False
    campos_editables = ["titular_unidad", "compromiso"]

    class Meta:
        model = PlanTrabajo
        fields = ["titular_unidad", "compromiso"]
        widgets = {
            "titular_unidad": forms.TextInput(attrs={"class": "form-control"}),
            "compromiso": forms.Textarea(attrs={"class": "form-control", "rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "encabezado")
        super().__init__(*args, **kwargs)
        # También en el formulario enviado, para que has_changed() compare con lo guardado.
        self.fields["revision"].initial = self.instance.revision
        for campo in self.Meta.fields:
            _ayudar(self, campo)


class CampoPrograma(forms.Field):
    """El programa presupuestario elegido, como número; `ActividadForm.clean_programa` lo
    vuelve el programa del catálogo."""

    widget = SelectRapido

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError(_("Elija un programa de la lista."), code="invalid") from None


class ActividadForm(ErroresPorCampoMixin, forms.ModelForm):
    """Una actividad del plan; una tarjeta del editor con su propio autoguardado.

    `catalogo` es la lista de elementos de alineación y `programas` la de programas
    presupuestarios del año del plan (`programas_del_anio`), leídas una sola vez
    para todas las tarjetas de la página (así la página no hace una consulta por actividad).
    Sin `programas`, el formulario los lee.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    alineaciones = forms.TypedMultipleChoiceField(
        label=_("Alineación"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    programa = CampoPrograma(
        label=Actividad._meta.get_field("programa").verbose_name,
        required=False,
        widget=SelectRapido(attrs={"class": "form-select"}),
    )
    monto_aprobado = CampoPesos(
        label=Actividad._meta.get_field("monto_aprobado").verbose_name,
        widget=PesosRapido,
    )
    use_required_attribute = False
    campos_editables = CAMPOS_ACTIVIDAD

    class Meta:
        model = Actividad
        fields = [c for c in CAMPOS_ACTIVIDAD if c != "alineaciones"]
        widgets = {
            "eje": SelectRapido,
            "tipo_contribucion": SelectRapido,
            "mes_inicio": SelectRapido,
            "mes_fin": SelectRapido,
            "area_oportunidad": AreaRapida(attrs=_AREA),
            "objetivo": AreaRapida(attrs=_AREA),
            "estrategia": AreaRapida(attrs=_AREA),
            "linea_accion": AreaRapida(attrs=_AREA),
            "descripcion": AreaRapida(attrs={**_AREA, "rows": 3}),
            "indicador": TextoRapido(attrs=_TEXTO),
            "formula": TextoRapido(attrs=_TEXTO),
            "unidad_medida": TextoRapido(attrs=_TEXTO),
            # Texto y no <input type="number">: así el servidor recibe lo que se escribió y
            # puede explicar el error, en lugar de recibir un campo vacío.
            "linea_base": TextoRapido(attrs=_NUMERO),
            "meta_anual": TextoRapido(attrs=_NUMERO),
            "meta_t1": TextoRapido(attrs=_NUMERO),
            "meta_t2": TextoRapido(attrs=_NUMERO),
            "meta_t3": TextoRapido(attrs=_NUMERO),
            "meta_t4": TextoRapido(attrs=_NUMERO),
            "acumulativa": CasillaRapida(attrs={"class": "form-check-input"}),
            "desagregado_por_sexo": CasillaRapida(attrs={"class": "form-check-input"}),
            "medio_verificacion": AreaRapida(attrs=_AREA),
            "area_responsable": TextoRapido(attrs=_TEXTO),
            "recursos": AreaRapida(attrs=_AREA),
            "resultado_esperado": AreaRapida(attrs=_AREA),
        }
        labels = {
            "meta_t1": _("Trimestre 1"),
            "meta_t2": _("Trimestre 2"),
            "meta_t3": _("Trimestre 3"),
            "meta_t4": _("Trimestre 4"),
            "acumulativa": _("Las metas trimestrales se suman (indicador acumulativo)"),
        }

    def __init__(self, *args, catalogo, programas=None, **kwargs):
        instancia = kwargs.get("instance")
        if instancia is not None:
            kwargs.setdefault("prefix", f"a{instancia.pk}")
        super().__init__(*args, **kwargs)
        elegidas = [a.pk for a in self.instance.alineaciones.all()] if self.instance.pk else []
        # Los elementos ya dados de baja siguen apareciendo si la actividad los tenía.
        self.catalogo = [a for a in catalogo if a.activa or a.pk in elegidas]
        self.fields["alineaciones"].choices = [(a.pk, str(a)) for a in self.catalogo]
        # También en el formulario enviado, para que has_changed() compare con lo guardado.
        self.initial["alineaciones"] = elegidas
        self.fields["revision"].initial = self.instance.revision
        for campo in ("linea_base", "meta_anual", *METAS_TRIMESTRALES):
            # «40» y no «40.00»: la base guarda dos decimales, la persona escribe el número.
            if isinstance(self.initial.get(campo), Decimal):
                self.initial[campo] = Decimal(format(self.initial[campo].normalize(), "f"))
        for campo in ("mes_inicio", "mes_fin"):
            self.fields[campo].choices = [("", _("Elija el mes"))] + [
                (numero, str(nombre).capitalize()) for numero, nombre in MESES
            ]
            self.fields[campo].widget.attrs["class"] = "form-select"
        self.fields["eje"].choices = [("", _("Elija el eje"))] + list(Actividad.Eje.choices)
        self.fields["eje"].widget.attrs["class"] = "form-select"
        self._opciones_de_programa(programas)
        self.fields["tipo_contribucion"].choices = [("", _("Elija el tipo"))] + list(
            TipoContribucion.choices
        )
        self.fields["tipo_contribucion"].widget.attrs["class"] = "form-select"
        for campo in CAMPOS_ACTIVIDAD:
            if campo in METAS_TRIMESTRALES:
                _ayudar(self, campo, describe=f"{self.prefix}-metas_helptext")
            elif campo == "alineaciones":
                ayuda = AYUDA["alineaciones"]
                self.fields[campo].help_text = ayuda.texto
                self.fields[campo].ejemplo = ayuda.ejemplo
            else:
                _ayudar(self, campo)
        self.ayuda_metas = AYUDA["metas_trimestrales"]
        anterior = self.instance.programa_presupuestario.strip()
        if anterior and not self.instance.programa_id:
            # El texto libre de antes del catálogo: se muestra para elegir el programa que era.
            ayuda = _("Antes se escribió: «%(texto)s». Elija ese programa del catálogo.") % {
                "texto": anterior
            }
            self.fields["programa"].help_text = f"{ayuda} {self.fields['programa'].help_text}"

    def _opciones_de_programa(self, programas):
        """Los programas activos del año del plan, más el que ya tenga la actividad."""
        if programas is None:
            anio = self.instance.plan.anio if self.instance.plan_id else None
            programas = programas_del_anio(anio) if anio else []
        actual = self.instance.programa_id
        self.programas = {p.pk: p for p in programas if p.activo or p.pk == actual}
        opciones = [("", _("Sin programa presupuestario"))]
        for p in self.programas.values():
            etiqueta = f"{p.clave} · {p.nombre}"
            if not p.activo:
                etiqueta = _("%(programa)s (inactivo)") % {"programa": etiqueta}
            opciones.append((p.pk, etiqueta))
        if actual is not None and actual not in self.programas:
            # De otro ejercicio (p. ej., copiado de un plan anterior): se muestra para cambiarlo.
            p = self.instance.programa
            opciones.append((p.pk, f"{p.clave} · {p.nombre} ({p.anio})"))
        self.fields["programa"].widget.choices = opciones

    def clean_programa(self):
        """El programa del catálogo; uno de otro ejercicio lo rechaza `Actividad.clean`."""
        pk = self.cleaned_data.get("programa")
        if pk is None:
            return None
        programa = self.programas.get(pk)
        if programa is not None:
            return programa
        programa = ProgramaPresupuestario.objects.filter(pk=pk).first()
        if programa is None:
            raise ValidationError(
                _("Ese programa ya no está en el catálogo; elija otro."), code="no_existe"
            )
        if not programa.activo and programa.pk != self.instance.programa_id:
            raise ValidationError(
                _("El programa %(clave)s está inactivo; elija otro del catálogo.")
                % {"clave": programa.clave},
                code="inactivo",
            )
        return programa

    def grupos_de_alineacion(self):
        """Las casillas de alineación agrupadas por catálogo, para dibujarlas sin plantillas
        de widget (una página puede tener cientos)."""
        valor = self["alineaciones"].value() or []
        marcadas = {str(v) for v in valor}
        grupos = []
        # El PED primero: es la alineación que se pide a toda actividad, como la atribución.
        orden = [Alineacion.Tipo.PED, Alineacion.Tipo.ATRIBUCION, Alineacion.Tipo.PROIGUALDADEZ,
                 Alineacion.Tipo.PROGRAMA]  # fmt: skip
        for tipo in orden:
            etiqueta = tipo.label
            opciones = [
                {
                    "valor": a.pk,
                    "clave": a.clave,
                    "descripcion": a.descripcion,
                    "activa": a.activa,
                    "marcada": str(a.pk) in marcadas,
                    "id": f"{self['alineaciones'].auto_id}_{a.pk}",
                }
                for a in self.catalogo
                if a.tipo == tipo
            ]
            if opciones:
                grupos.append({"tipo": tipo, "etiqueta": etiqueta, "opciones": opciones})
        return grupos

    @property
    def metas_trimestrales(self):
        return [self[c] for c in METAS_TRIMESTRALES]

    #: Las metas que se dibujan junto con la primera, en una sola fila.
    metas_posteriores = METAS_TRIMESTRALES[1:]

    def grupos(self):
        """Los campos de la tarjeta agrupados por sección del marco lógico."""
        return [(titulo, [self[c] for c in campos]) for titulo, campos in GRUPOS]

    def save(self, commit=True):
        actividad = super().save(commit=False)
        if commit:
            # Solo los campos del formulario: así un guardado nunca pisa el orden de la
            # actividad, que se cambia aparte al moverla.
            actividad.save(update_fields=[*self._meta.fields, "revision", "actualizada"])
            actividad.alineaciones.set(self.cleaned_data["alineaciones"])
        return actividad
