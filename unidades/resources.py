"""El catálogo de instituciones en hojas de cálculo (django-import-export).

`DependenciaResource` define las columnas de la exportación, la del portal y la del admin, y
limpia los valores igual que la importación del portal (`unidades.importacion`): tipo por
código o por nombre, vigente como sí/no y sin fórmulas. Las siglas identifican la fila:
reimportar el catálogo actualiza en lugar de duplicar.
"""

from import_export import fields, resources, widgets

from uig_portal.lib.hojas import escapar_formula
from unidades.importacion import (
    limpiar_siglas,
    limpiar_tipo,
    limpiar_vigente,
    texto_de_celda,
)
from unidades.models import Dependencia, Unidad


class TextoWidget(widgets.CharWidget):
    """Texto de un renglón, sin fórmulas."""

    def clean(self, value, row=None, **kwargs):
        return texto_de_celda(value)


class SiglasWidget(TextoWidget):
    def clean(self, value, row=None, **kwargs):
        return limpiar_siglas(super().clean(value, row, **kwargs))


class TipoWidget(TextoWidget):
    """Acepta el código (centralizada) o el nombre (Dependencia centralizada); exporta el código."""

    def clean(self, value, row=None, **kwargs):
        return limpiar_tipo(super().clean(value, row, **kwargs))


class SiNoWidget(widgets.Widget):
    """sí/no al exportar; al importar también 1/0, verdadero/falso. Vacío queda vigente."""

    def clean(self, value, row=None, **kwargs):
        vigente = limpiar_vigente(texto_de_celda(value))
        return True if vigente is None else vigente

    def render(self, value, obj=None, **kwargs):
        return "sí" if value else "no"


class DependenciaResource(resources.ModelResource):
    siglas = fields.Field(attribute="siglas", column_name="siglas", widget=SiglasWidget())
    nombre = fields.Field(attribute="nombre", column_name="nombre", widget=TextoWidget())
    tipo = fields.Field(attribute="tipo", column_name="tipo", widget=TipoWidget())
    sector = fields.Field(attribute="sector", column_name="sector", widget=TextoWidget())
    titular = fields.Field(attribute="titular", column_name="titular", widget=TextoWidget())
    vigente = fields.Field(attribute="vigente", column_name="vigente", widget=SiNoWidget())
    estado_unidad = fields.Field(column_name="estado de la unidad", readonly=True)
    fecha_instalacion = fields.Field(column_name="fecha de instalación", readonly=True)

    class Meta:
        model = Dependencia
        import_id_fields = ("siglas",)
        fields = (
            "siglas",
            "nombre",
            "tipo",
            "sector",
            "titular",
            "vigente",
            "estado_unidad",
            "fecha_instalacion",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        # Las columnas de la unidad, sin una consulta por fila (también en el admin).
        return queryset.select_related("unidad")

    def dehydrate_estado_unidad(self, dependencia):
        unidad = getattr(dependencia, "unidad", None)
        return unidad.get_estado_display() if unidad else ""

    def dehydrate_fecha_instalacion(self, dependencia):
        unidad = getattr(dependencia, "unidad", None)
        return unidad.fecha_instalada if unidad else None

    def export_field(self, field, instance, **kwargs):
        # IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT solo quita un «=» inicial; aquí se antepone
        # un apóstrofo a todo valor que una hoja de cálculo tomaría por fórmula.
        return escapar_formula(super().export_field(field, instance, **kwargs))

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self._is_dry_run(kwargs):
            # Las instituciones importadas desde el admin también reciben su unidad.
            Unidad.objects.asegurar_para(Dependencia.objects.all())
