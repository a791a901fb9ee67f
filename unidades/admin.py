from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from unidades.models import (
    Acuerdo,
    Asesoria,
    AsistenciaReunion,
    AsistenteAsesoria,
    Dependencia,
    Evidencia,
    Integrante,
    PasoGuia,
    Reunion,
    Unidad,
)
from unidades.resources import DependenciaResource


@admin.register(Dependencia)
class DependenciaAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [DependenciaResource]
    list_display = ["nombre", "siglas", "tipo", "sector", "titular", "vigente"]
    list_filter = ["tipo", "vigente", "sector"]
    search_fields = ["nombre", "siglas", "titular"]
    list_per_page = 50


class IntegranteInline(admin.TabularInline):
    model = Integrante
    extra = 0
    fields = [
        "cargo_en_unidad",
        "nombre",
        "puesto",
        "sexo",
        "correo",
        "fecha_designacion",
        "fecha_baja",
    ]


@admin.register(Unidad)
class UnidadAdmin(SimpleHistoryAdmin):
    list_display = ["dependencia", "modalidad", "estado", "fecha_instalada", "actualizada"]
    list_filter = ["estado", "modalidad", "dependencia__tipo"]
    search_fields = ["dependencia__nombre", "dependencia__siglas"]
    list_select_related = ["dependencia"]
    readonly_fields = ["dependencia"]
    inlines = [IntegranteInline]


@admin.register(PasoGuia)
class PasoGuiaAdmin(SimpleHistoryAdmin):
    list_display = ["orden", "titulo", "requerido_para", "aplica_a_enlace", "plantilla", "activo"]
    list_display_links = ["titulo"]
    list_filter = ["activo", "requerido_para"]


@admin.register(Evidencia)
class EvidenciaAdmin(SimpleHistoryAdmin):
    list_display = ["nombre_original", "unidad", "paso", "estado", "subida_en", "revisada_por"]
    list_filter = ["estado", "paso"]
    search_fields = ["nombre_original", "unidad__dependencia__siglas"]
    list_select_related = ["unidad__dependencia", "paso", "revisada_por"]
    readonly_fields = ["archivo", "tipo_contenido", "tamano", "subida_por", "subida_en"]


class AsistenteInline(admin.TabularInline):
    model = AsistenteAsesoria
    extra = 0


class AcuerdoInline(admin.TabularInline):
    model = Acuerdo
    extra = 0
    fields = ["descripcion", "dependencia", "responsable", "fecha_compromiso", "estado"]
    autocomplete_fields = ["dependencia"]


@admin.register(Asesoria)
class AsesoriaAdmin(SimpleHistoryAdmin):
    list_display = ["fecha", "dependencia", "tema", "modalidad"]
    list_filter = ["modalidad", "fecha"]
    search_fields = ["tema", "dependencia__siglas", "dependencia__nombre"]
    list_select_related = ["dependencia"]
    autocomplete_fields = ["dependencia"]
    inlines = [AsistenteInline, AcuerdoInline]


class AsistenciaInline(admin.TabularInline):
    model = AsistenciaReunion
    extra = 0
    autocomplete_fields = ["dependencia"]


@admin.register(Reunion)
class ReunionAdmin(SimpleHistoryAdmin):
    list_display = ["titulo", "fecha", "modalidad"]
    list_filter = ["modalidad", "fecha"]
    search_fields = ["titulo", "orden_del_dia"]
    filter_horizontal = ["invitadas"]
    inlines = [AsistenciaInline, AcuerdoInline]


@admin.register(Acuerdo)
class AcuerdoAdmin(SimpleHistoryAdmin):
    list_display = ["descripcion", "dependencia", "fecha_compromiso", "estado"]
    list_filter = ["estado", "fecha_compromiso"]
    search_fields = ["descripcion", "dependencia__siglas", "responsable"]
    list_select_related = ["dependencia"]
    autocomplete_fields = ["dependencia"]
