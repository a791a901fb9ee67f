from import_export import fields, resources

from unidades.models import Dependencia


class DependenciaResource(resources.ModelResource):
    # Las siglas identifican la fila: reimportar el catálogo actualiza en lugar de duplicar.
    nombre = fields.Field(attribute="nombre", column_name="nombre")

    class Meta:
        model = Dependencia
        import_id_fields = ("siglas",)
        fields = ("siglas", "nombre", "tipo", "sector", "titular", "vigente")
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
