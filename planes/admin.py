from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planes.models import (
    Actividad,
    Alineacion,
    Devolucion,
    EvidenciaSeguimiento,
    InformeTrimestral,
    MejoraPrograma,
    Observacion,
    PlanTrabajo,
    ProgramaPresupuestario,
    Seguimiento,
)


@admin.register(Alineacion)
class AlineacionAdmin(SimpleHistoryAdmin):
    list_display = ["clave", "tipo", "descripcion", "activa"]
    list_filter = ["tipo", "activa"]
    search_fields = ["clave", "descripcion"]


class ActividadInline(admin.StackedInline):
    model = Actividad
    extra = 0
    fields = ["orden", "eje", "descripcion", "indicador", "meta_anual", "mes_inicio", "mes_fin"]
    show_change_link = True


@admin.register(PlanTrabajo)
class PlanTrabajoAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "anio", "version", "estado", "enviado_en", "aprobado_en"]
    list_filter = ["estado", "anio", "unidad__dependencia__tipo"]
    search_fields = ["unidad__dependencia__nombre", "unidad__dependencia__siglas"]
    list_select_related = ["unidad__dependencia"]
    readonly_fields = [
        "unidad",
        "anterior",
        "pdf_oficial",
        "aprobado_por",
        "aprobado_en",
        "enviado_en",
    ]
    inlines = [ActividadInline]


@admin.register(Actividad)
class ActividadAdmin(SimpleHistoryAdmin):
    list_display = ["descripcion", "plan", "eje", "meta_anual"]
    list_filter = ["eje", "plan__anio"]
    search_fields = ["descripcion", "indicador", "plan__unidad__dependencia__siglas"]
    list_select_related = ["plan__unidad__dependencia"]
    filter_horizontal = ["alineaciones"]


@admin.register(Observacion)
class ObservacionAdmin(SimpleHistoryAdmin):
    list_display = ["texto", "plan", "actividad", "autor", "creada", "atendida"]
    list_filter = ["atendida"]
    list_select_related = ["plan__unidad__dependencia", "actividad", "autor"]


@admin.register(Devolucion)
class DevolucionAdmin(admin.ModelAdmin):
    """Las vueltas de revisión de cada plan; las instantáneas son de solo lectura."""

    list_display = ["plan", "devuelta_en", "devuelta_por", "reenviada_en", "reenviada_por"]
    list_filter = ["devuelta_en", "reenviada_en"]
    list_select_related = ["plan__unidad__dependencia", "devuelta_por", "reenviada_por"]
    search_fields = ["plan__unidad__dependencia__siglas", "plan__unidad__dependencia__nombre"]
    date_hierarchy = "devuelta_en"
    readonly_fields = [f.name for f in Devolucion._meta.fields]

    def has_add_permission(self, request):
        return False


class SeguimientoInline(admin.TabularInline):
    model = Seguimiento
    extra = 0
    fields = ["actividad", "valor_alcanzado", "estado", "narrativa"]


@admin.register(InformeTrimestral)
class InformeTrimestralAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "trimestre", "estado", "enviado_en"]
    list_filter = ["estado", "trimestre", "plan__anio"]
    list_select_related = ["plan__unidad__dependencia"]
    inlines = [SeguimientoInline]


@admin.register(EvidenciaSeguimiento)
class EvidenciaSeguimientoAdmin(SimpleHistoryAdmin):
    list_display = ["nombre_original", "seguimiento", "subida_en"]
    readonly_fields = ["archivo", "tipo_contenido", "tamano", "subida_por"]


class MejoraProgramaInline(admin.TabularInline):
    model = MejoraPrograma
    extra = 0
    fields = ["texto", "creada", "creada_por"]
    readonly_fields = ["creada", "creada_por"]

    def has_add_permission(self, request, obj=None):
        # Las propuestas de mejora se agregan en el portal, que registra quién las escribió.
        return False


@admin.register(ProgramaPresupuestario)
class ProgramaPresupuestarioAdmin(SimpleHistoryAdmin):
    list_display = ["clave", "nombre", "anio", "unidad_responsable", "activo"]
    list_filter = ["anio", "activo"]
    search_fields = ["clave", "nombre", "unidad_responsable"]
    inlines = [MejoraProgramaInline]
