"""Administración técnica del diagnóstico.

El diseño del cuestionario se hace en las páginas de la Coordinación; aquí queda para corregir
datos. Una versión que ya usa una ronda no cambia (sus respuestas y puntajes dependen de ella):
sus secciones, preguntas y opciones se ven en solo lectura, como en el resto del portal.
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from diagnosticos.models import (
    Aplicacion,
    Cuestionario,
    DiagnosticoSituacional,
    EvidenciaRespuesta,
    Opcion,
    Pregunta,
    Propuesta,
    Respuesta,
    Seccion,
    TextoPropuesta,
    Valor,
    Version,
)


def _en_uso(version):
    return version is not None and version.pk is not None and version.en_uso


def _version_de(obj):
    """La versión a la que pertenece una versión, sección o pregunta (None si es nueva)."""
    if isinstance(obj, Version):
        return obj
    if isinstance(obj, Seccion):
        return obj.version
    if isinstance(obj, Pregunta):
        return obj.seccion.version
    if isinstance(obj, TextoPropuesta):
        return obj.version
    return None


class SoloSiNoEstaEnUso:
    """Sin cambios, altas ni bajas en lo que cuelga de una versión que ya usa una ronda."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _en_uso(_version_de(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _en_uso(_version_de(obj))


class InlineSoloSiNoEstaEnUso(SoloSiNoEstaEnUso):
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _en_uso(_version_de(obj))


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    fields = ["numero", "notas", "creada"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Cuestionario)
class CuestionarioAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "umbral_en_desarrollo", "umbral_consolidado", "creado"]
    search_fields = ["nombre"]
    inlines = [VersionInline]


class SeccionInline(InlineSoloSiNoEstaEnUso, admin.TabularInline):
    model = Seccion
    extra = 0
    fields = ["orden", "codigo", "titulo", "peso"]
    show_change_link = True


@admin.register(Version)
class VersionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "numero", "en_uso_lista", "actualizada"]
    list_filter = ["cuestionario"]
    search_fields = ["cuestionario__nombre", "notas"]
    list_select_related = ["cuestionario"]
    readonly_fields = ["creada", "actualizada"]
    inlines = [SeccionInline]

    def get_queryset(self, request):
        # El «en uso» de cada fila en la misma consulta de la lista.
        return (
            super()
            .get_queryset(request)
            .annotate(con_rondas=Exists(Aplicacion.objects.filter(version=OuterRef("pk"))))
        )

    @admin.display(description=_("en uso"), boolean=True, ordering="con_rondas")
    def en_uso_lista(self, obj):
        return obj.con_rondas

    def get_readonly_fields(self, request, obj=None):
        if _en_uso(obj):
            return [*self.readonly_fields, "cuestionario", "numero"]
        return self.readonly_fields


class PreguntaInline(InlineSoloSiNoEstaEnUso, admin.TabularInline):
    model = Pregunta
    extra = 0
    fields = ["orden", "codigo", "texto", "tipo", "obligatoria", "peso", "admite_evidencia"]
    show_change_link = True


@admin.register(Seccion)
class SeccionAdmin(SoloSiNoEstaEnUso, SimpleHistoryAdmin):
    list_display = ["titulo", "codigo", "version", "orden", "peso"]
    list_filter = ["version__cuestionario"]
    search_fields = ["titulo", "codigo"]
    list_select_related = ["version__cuestionario"]
    inlines = [PreguntaInline]


class OpcionInline(InlineSoloSiNoEstaEnUso, admin.TabularInline):
    model = Opcion
    extra = 0
    fields = ["orden", "valor", "etiqueta", "puntos"]


@admin.register(Pregunta)
class PreguntaAdmin(SoloSiNoEstaEnUso, SimpleHistoryAdmin):
    list_display = [
        "codigo",
        "texto_corto",
        "tipo",
        "seccion",
        "version",
        "obligatoria",
        "peso",
        "admite_evidencia",
    ]
    list_filter = ["tipo", "obligatoria", "admite_evidencia", "seccion__version__cuestionario"]
    search_fields = ["codigo", "texto"]
    list_select_related = ["seccion__version__cuestionario"]
    inlines = [OpcionInline]

    @admin.display(description=_("pregunta"))
    def texto_corto(self, obj):
        return obj.texto if len(obj.texto) <= 90 else f"{obj.texto[:89]}…"

    @admin.display(description=_("versión"), ordering="seccion__version")
    def version(self, obj):
        return obj.seccion.version


@admin.register(Aplicacion)
class AplicacionAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "version", "apertura", "cierre", "creada_por"]
    list_filter = ["version__cuestionario"]
    search_fields = ["nombre"]
    list_select_related = ["version__cuestionario", "creada_por"]
    date_hierarchy = "apertura"
    readonly_fields = ["creada", "creada_por"]


@admin.register(Respuesta)
class RespuestaAdmin(SimpleHistoryAdmin):
    list_display = ["dependencia", "aplicacion", "estado", "avance", "indice", "enviada_en"]
    list_filter = ["estado", "aplicacion", "dependencia__tipo"]
    search_fields = ["dependencia__nombre", "dependencia__siglas", "aplicacion__nombre"]
    list_select_related = ["dependencia", "aplicacion"]
    raw_id_fields = ["dependencia"]
    # Lo calculan el autoguardado, el envío y la revisión: a mano se desordenaría.
    readonly_fields = [
        "avance",
        "indice",
        "indices",
        "iniciada_en",
        "enviada_en",
        "aceptada_en",
        "aceptada_por",
        "recordatorio_en",
    ]


class EvidenciaRespuestaInline(admin.TabularInline):
    model = EvidenciaRespuesta
    extra = 0
    fields = ["nombre_original", "tipo_contenido", "tamano", "subida_en", "subida_por"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Valor)
class ValorAdmin(SimpleHistoryAdmin):
    list_display = ["pregunta", "respuesta", "valor", "revision", "actualizado", "actualizado_por"]
    list_filter = ["respuesta__aplicacion", "pregunta__tipo"]
    search_fields = ["pregunta__codigo", "respuesta__dependencia__siglas", "comentario"]
    list_select_related = [
        "pregunta",
        "respuesta__aplicacion",
        "respuesta__dependencia",
        "actualizado_por",
    ]
    raw_id_fields = ["respuesta", "pregunta"]
    readonly_fields = ["revision", "actualizado", "actualizado_por"]
    inlines = [EvidenciaRespuestaInline]


@admin.register(EvidenciaRespuesta)
class EvidenciaRespuestaAdmin(SimpleHistoryAdmin):
    list_display = ["nombre_original", "valor", "dependencia", "tamano", "subida_en", "subida_por"]
    search_fields = ["nombre_original", "valor__respuesta__dependencia__siglas"]
    list_select_related = ["valor__pregunta", "valor__respuesta__dependencia", "subida_por"]
    raw_id_fields = ["valor"]
    readonly_fields = ["archivo", "tipo_contenido", "tamano", "subida_en", "subida_por"]

    @admin.display(description=_("institución"), ordering="valor__respuesta__dependencia__siglas")
    def dependencia(self, obj):
        return obj.valor.respuesta.dependencia.siglas


@admin.register(TextoPropuesta)
class TextoPropuestaAdmin(SoloSiNoEstaEnUso, SimpleHistoryAdmin):
    list_display = ["__str__", "version", "seccion", "pregunta", "nivel", "eje"]
    list_filter = ["eje", "nivel", "version__cuestionario"]
    search_fields = ["texto", "pregunta__codigo", "seccion__titulo"]
    list_select_related = ["version__cuestionario", "seccion", "pregunta"]


class SoloLecturaEnAdmin:
    """Se consulta aquí, pero se cambia en el portal: sus reglas (revisión de la Coordinación,
    entrega con acuse, decisión de la unidad) viven en `diagnosticos.propuestas`,
    `diagnosticos.situacional` y `planes.propuestas`."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Propuesta)
class PropuestaAdmin(SoloLecturaEnAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "dependencia", "eje", "estado", "decision"]
    list_filter = ["estado", "decision", "eje", "respuesta__aplicacion__anio"]
    search_fields = ["texto", "dependencia__nombre", "dependencia__siglas"]
    list_select_related = ["dependencia"]


@admin.register(DiagnosticoSituacional)
class DiagnosticoSituacionalAdmin(SoloLecturaEnAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "numero_oficio", "fecha_oficio", "entregado_el", "medio"]
    list_filter = ["medio", "respuesta__aplicacion__anio"]
    search_fields = ["numero_oficio", "respuesta__dependencia__nombre", "destinatario"]
    list_select_related = ["respuesta__dependencia", "respuesta__aplicacion"]
