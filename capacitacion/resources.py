"""El catálogo de capacitación en hojas de cálculo (django-import-export, en el admin).

Estándares de competencia y programas se exportan e importan con las mismas reglas que el
catálogo de instituciones (`unidades.resources`): texto sin fórmulas, sí/no para lo booleano y
una columna que identifica la fila (la clave del estándar, el nombre del programa), de modo que
reimportar una hoja exportada actualiza en vez de duplicar.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from capacitacion.models import EstandarCompetencia, Programa
from uig_portal.lib.hojas import escapar_formula
from uig_portal.lib.importacion import normalizar
from unidades.resources import SiNoWidget, TextoWidget


class ClaveWidget(TextoWidget):
    """La clave del estándar en mayúsculas y sin espacios («ec 0308» → «EC0308»)."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).replace(" ", "").upper()


class NivelWidget(widgets.IntegerWidget):
    """El nivel de competencia (1 a 5); vacío si el estándar no lo indica."""

    def clean(self, value, row=None, **kwargs):
        texto = TextoWidget().clean(value, row, **kwargs)
        if not texto:
            return None
        try:
            return int(float(texto))
        except ValueError:
            raise ValueError(
                _("«%(valor)s» no es un nivel; use un número del 1 al 5.") % {"valor": texto[:40]}
            ) from None


class TipoProgramaWidget(TextoWidget):
    """Acepta el código (taller) o el nombre (Taller, «Capacitación interna…»); exporta el código."""

    def clean(self, value, row=None, **kwargs):
        texto = super().clean(value, row, **kwargs)
        buscado = normalizar(texto)
        for codigo, nombre in Programa.Tipo.choices:
            if buscado in (normalizar(codigo), normalizar(str(nombre))):
                return codigo
        validos = ", ".join(Programa.Tipo.values)
        raise ValueError(
            _("«%(valor)s» no es un tipo de programa; use uno de: %(validos)s.")
            % {"valor": texto[:40], "validos": validos}
        )


class EstandarWidget(widgets.ForeignKeyWidget):
    """El estándar por su clave; vacío si el programa no lleva a una certificación."""

    def __init__(self):
        super().__init__(EstandarCompetencia, field="clave")

    def clean(self, value, row=None, **kwargs):
        clave = ClaveWidget().clean(value, row, **kwargs)
        if not clave:
            return None
        try:
            return super().clean(clave, row, **kwargs)
        except EstandarCompetencia.DoesNotExist:
            raise ValueError(
                _("No hay un estándar con la clave «%(clave)s»; agréguelo antes.")
                % {"clave": clave[:20]}
            ) from None


class RecursoSinFormulas(resources.ModelResource):
    def export_field(self, field, instance, **kwargs):
        # Como en el catálogo de instituciones: todo lo que una hoja tomaría por fórmula
        # sale con apóstrofo, no solo lo que empieza con «=».
        return escapar_formula(super().export_field(field, instance, **kwargs))


class EstandarResource(RecursoSinFormulas):
    clave = fields.Field(attribute="clave", column_name="clave", widget=ClaveWidget())
    titulo = fields.Field(attribute="titulo", column_name="título", widget=TextoWidget())
    nivel = fields.Field(attribute="nivel", column_name="nivel", widget=NivelWidget())
    proposito = fields.Field(attribute="proposito", column_name="propósito", widget=TextoWidget())
    vigente = fields.Field(attribute="vigente", column_name="vigente", widget=SiNoWidget())

    class Meta:
        model = EstandarCompetencia
        import_id_fields = ("clave",)
        fields = ("clave", "titulo", "nivel", "proposito", "vigente")
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True


class ProgramaResource(RecursoSinFormulas):
    nombre = fields.Field(attribute="nombre", column_name="nombre", widget=TextoWidget())
    tipo = fields.Field(attribute="tipo", column_name="tipo", widget=TipoProgramaWidget())
    estandar = fields.Field(attribute="estandar", column_name="estándar", widget=EstandarWidget())
    descripcion = fields.Field(
        attribute="descripcion", column_name="descripción", widget=TextoWidget()
    )
    activo = fields.Field(attribute="activo", column_name="activo", widget=SiNoWidget())

    class Meta:
        model = Programa
        import_id_fields = ("nombre",)
        fields = ("nombre", "tipo", "estandar", "descripcion", "activo")
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        # La clave del estándar de cada programa sin una consulta por fila.
        return queryset.select_related("estandar")
