"""Administración técnica de capacitación.

El trabajo diario (inscribir, confirmar, tomar asistencia, avanzar certificaciones, emitir y
revocar constancias) se hace en las páginas del portal, que validan las reglas; aquí quedan los
catálogos, con importación y exportación, y la corrección de datos. Lo que el portal calcula o
controla (estado del evento y de la certificación, horas asistidas, acreditación, códigos de
constancia) se ve en solo lectura, y lo que se corrige a mano recalcula la acreditación.

Las instituciones son miles: se eligen con autocompletado y las listas se filtran por tipo de
institución y se buscan por siglas, como en el resto del admin.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from capacitacion.models import (
    Asistencia,
    Certificacion,
    Constancia,
    EstandarCompetencia,
    Evento,
    Inscripcion,
    Participante,
    Programa,
    Sesion,
)
from capacitacion.resources import EstandarResource, ProgramaResource


@admin.register(EstandarCompetencia)
class EstandarCompetenciaAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [EstandarResource]
    list_display = ["clave", "titulo", "nivel", "vigente"]
    list_filter = ["vigente", "nivel"]
    search_fields = ["clave", "titulo"]
    list_per_page = 50


@admin.register(Programa)
class ProgramaAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ProgramaResource]
    list_display = ["nombre", "tipo", "estandar", "activo", "creado"]
    list_filter = ["tipo", "activo"]
    search_fields = ["nombre", "descripcion", "estandar__clave"]
    list_select_related = ["estandar"]
    autocomplete_fields = ["estandar"]
    readonly_fields = ["creado"]
    list_per_page = 50


class SesionInline(admin.TabularInline):
    model = Sesion
    extra = 0
    fields = ["numero", "fecha", "hora_inicio", "horas", "tema"]
    readonly_fields = ["numero"]


@admin.register(Evento)
class EventoAdmin(SimpleHistoryAdmin):
    # El enlace de conexión sin esquema se entiende como https, igual que en el portal.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "nombre",
        "programa",
        "fecha_inicio",
        "fecha_fin",
        "modalidad",
        "estado",
        "horas_totales",
        "cupo",
    ]
    list_filter = ["estado", "modalidad", "programa__tipo", "programa"]
    search_fields = ["nombre", "sede", "facilitacion", "programa__nombre"]
    list_select_related = ["programa"]
    autocomplete_fields = ["programa", "dependencias"]
    date_hierarchy = "fecha_inicio"
    readonly_fields = ["estado", "horas_totales", "creado_por", "creado", "actualizado"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "programa",
                    "nombre",
                    "descripcion",
                    "modalidad",
                    "sede",
                    "enlace",
                    "facilitacion",
                    "meta_federal",
                ]
            },
        ),
        (
            _("Fechas, cupo e instituciones convocadas"),
            {
                "fields": [
                    "fecha_inicio",
                    "fecha_fin",
                    "inscripcion_hasta",
                    "cupo",
                    "umbral_asistencia",
                    "dependencias",
                ]
            },
        ),
        (
            _("Estado y horas"),
            {
                "description": _(
                    "El estado cambia solo desde la página del evento en el portal (abrir o "
                    "cerrar la inscripción, concluir, cancelar), que revisa que la transición "
                    "exista. Las horas totales son la suma de las horas de las sesiones."
                ),
                "fields": ["estado", "horas_totales", "creado_por", "creado", "actualizado"],
            },
        ),
    ]
    inlines = [SesionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Sesiones o umbral cambiados: horas totales, horas asistidas y acreditación al día.
        form.instance.actualizar_horas()


class InscripcionEnParticipanteInline(admin.TabularInline):
    model = Inscripcion
    extra = 0
    fields = ["evento", "dependencia", "estado", "horas_asistidas", "acreditada"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        # El enlace de cada fila dice «persona · evento».
        return super().get_queryset(request).select_related("evento", "dependencia", "participante")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Participante)
class ParticipanteAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "sexo", "dependencia", "cargo", "correo", "creado"]
    list_filter = ["sexo", "dependencia__tipo"]
    search_fields = ["nombre", "correo", "curp", "dependencia__siglas"]
    list_select_related = ["dependencia"]
    autocomplete_fields = ["dependencia"]
    readonly_fields = ["creado_por", "creado", "actualizado"]
    inlines = [InscripcionEnParticipanteInline]
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        # Correo y CURP se guardan normalizados; la búsqueda no distingue mayúsculas.
        return super().get_search_results(request, queryset, search_term.strip())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.creado_por = request.user
        super().save_model(request, obj, form, change)


class AsistenciaInline(admin.TabularInline):
    model = Asistencia
    extra = 0
    fields = ["sesion", "presente", "registrada_por", "registrada_en"]
    readonly_fields = ["sesion", "registrada_por", "registrada_en"]
    can_delete = False

    def get_queryset(self, request):
        # Cada fila se nombra «persona · evento · sesión».
        return (
            super()
            .get_queryset(request)
            .select_related(
                "inscripcion__participante", "inscripcion__evento", "sesion", "registrada_por"
            )
        )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Inscripcion)
class InscripcionAdmin(SimpleHistoryAdmin):
    list_display = [
        "participante",
        "evento",
        "dependencia",
        "estado",
        "horas_asistidas",
        "acreditada",
        "creada",
    ]
    list_filter = ["estado", "acreditada", "evento__estado", "dependencia__tipo"]
    search_fields = [
        "participante__nombre",
        "participante__correo",
        "evento__nombre",
        "dependencia__siglas",
    ]
    list_select_related = ["participante", "evento", "dependencia"]
    autocomplete_fields = ["evento", "participante", "dependencia"]
    readonly_fields = [
        "horas_asistidas",
        "acreditada",
        "inscrita_por",
        "creada",
        "revisada_por",
        "revisada_en",
    ]
    fieldsets = [
        (None, {"fields": ["evento", "participante", "dependencia", "estado", "motivo"]}),
        (
            _("Acreditación"),
            {
                "description": _(
                    "Las horas asistidas y la acreditación se calculan con la asistencia y el "
                    "umbral del evento; se recalculan al guardar."
                ),
                "fields": ["horas_asistidas", "acreditada"],
            },
        ),
        (
            _("Registro"),
            {"fields": ["inscrita_por", "creada", "revisada_por", "revisada_en"]},
        ),
    ]
    inlines = [AsistenciaInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.inscrita_por = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # La asistencia corregida aquí queda a nombre de quien la corrigió.
        for subformulario in formset.forms:
            if subformulario.has_changed():
                subformulario.instance.registrada_por = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Un cambio de estado o de asistencia mueve la acreditación.
        form.instance.evento.recalcular_acreditacion()


@admin.register(Asistencia)
class AsistenciaAdmin(admin.ModelAdmin):
    """Casi solo lectura: la asistencia se toma en el portal (en pantalla o con el XLSX)."""

    list_display = [
        "participante",
        "evento",
        "sesion",
        "presente",
        "registrada_por",
        "registrada_en",
    ]
    list_filter = ["presente", "sesion__evento__estado"]
    search_fields = [
        "inscripcion__participante__nombre",
        "inscripcion__participante__correo",
        "sesion__evento__nombre",
    ]
    list_select_related = [
        "inscripcion__participante",
        "inscripcion__evento",
        "sesion",
        "registrada_por",
    ]
    fields = ["inscripcion", "sesion", "presente", "registrada_por", "registrada_en"]
    readonly_fields = ["inscripcion", "sesion", "registrada_por", "registrada_en"]
    list_per_page = 50

    @admin.display(description=_("persona"), ordering="inscripcion__participante__nombre")
    def participante(self, obj):
        return obj.inscripcion.participante

    @admin.display(description=_("evento"), ordering="inscripcion__evento__nombre")
    def evento(self, obj):
        return obj.inscripcion.evento

    def get_queryset(self, request):
        # La ficha muestra la inscripción (persona · evento) sin consultas extra. Un
        # select_related aquí hace que la lista ignore list_select_related: van los mismos.
        return super().get_queryset(request).select_related(*self.list_select_related)

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        obj.registrada_por = request.user
        super().save_model(request, obj, form, change)
        obj.inscripcion.evento.recalcular_acreditacion()

    def delete_model(self, request, obj):
        evento = obj.inscripcion.evento
        super().delete_model(request, obj)
        evento.recalcular_acreditacion()

    def delete_queryset(self, request, queryset):
        eventos = list(Evento.objects.filter(inscripciones__asistencias__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for evento in eventos:
            evento.recalcular_acreditacion()


@admin.register(Certificacion)
class CertificacionAdmin(SimpleHistoryAdmin):
    list_display = [
        "participante",
        "estandar_clave",
        "dependencia",
        "estado",
        "intentos",
        "fecha_inscripcion",
        "folio_certificado",
        "fecha_certificado",
    ]
    list_filter = ["estado", "estandar", "dependencia__tipo"]
    search_fields = [
        "participante__nombre",
        "participante__curp",
        "participante__correo",
        "folio_certificado",
        "dependencia__siglas",
    ]
    list_select_related = ["participante", "estandar", "dependencia"]
    autocomplete_fields = ["evento"]
    readonly_fields = [
        "participante",
        "estandar",
        "dependencia",
        "estado",
        "intentos",
        "actualizada",
        "actualizada_por",
    ]
    fieldsets = [
        (None, {"fields": ["participante", "estandar", "dependencia", "evento"]}),
        (
            _("Etapa"),
            {
                "description": _(
                    "La etapa avanza solo desde el tablero de certificación del portal "
                    "(«Avanzar»), que respeta el orden inscrita → alineación → en evaluación → "
                    "competente o todavía no competente → certificada y pide la persona "
                    "evaluadora y el folio. Aquí solo se corrigen fechas, evaluador, folio u "
                    "observaciones capturados con error."
                ),
                "fields": [
                    "estado",
                    "intentos",
                    "fecha_inscripcion",
                    "fecha_alineacion",
                    "fecha_evaluacion",
                    "fecha_juicio",
                    "evaluador",
                    "folio_certificado",
                    "fecha_certificado",
                    "observaciones",
                ],
            },
        ),
        (_("Registro"), {"fields": ["actualizada", "actualizada_por"]}),
    ]

    @admin.display(description=_("estándar"), ordering="estandar__clave")
    def estandar_clave(self, obj):
        return obj.estandar.clave

    def get_queryset(self, request):
        # Para la ficha; la lista usa este mismo select_related (ignora list_select_related).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def has_add_permission(self, request):
        # Un proceso empieza en el portal, que pide y valida la CURP de la persona.
        return False

    def save_model(self, request, obj, form, change):
        obj.actualizada_por = request.user
        super().save_model(request, obj, form, change)


class RevocadaFilter(admin.SimpleListFilter):
    title = _("vigencia")
    parameter_name = "vigencia"

    def lookups(self, request, model_admin):
        return [("vigentes", _("Vigentes")), ("revocadas", _("Revocadas"))]

    def queryset(self, request, queryset):
        if self.value() == "vigentes":
            return queryset.filter(revocada_en__isnull=True)
        if self.value() == "revocadas":
            return queryset.filter(revocada_en__isnull=False)
        return queryset


@admin.register(Constancia)
class ConstanciaAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "evento_nombre", "horas", "fecha", "emitida_en", "vigente"]
    list_filter = [RevocadaFilter, "fecha"]
    search_fields = [
        "codigo",
        "nombre",
        "evento_nombre",
        "inscripcion__participante__correo",
        "inscripcion__dependencia__siglas",
    ]
    date_hierarchy = "fecha"
    readonly_fields = [
        "codigo",
        "inscripcion",
        "emitida_en",
        "emitida_por",
        "revocada_en",
        "revocada_por",
        "motivo_revocacion",
    ]
    fieldsets = [
        (None, {"fields": ["codigo", "inscripcion"]}),
        (
            _("Lo que dice la constancia"),
            {
                "description": _(
                    "Se copió del evento y de la persona al emitirla y es lo que confirma la "
                    "página pública de verificación. Corríjalo solo si se imprimió con error."
                ),
                "fields": ["nombre", "evento_nombre", "horas", "fecha"],
            },
        ),
        (
            _("Emisión y revocación"),
            {
                "description": _(
                    "Las constancias se emiten y se revocan (con su motivo) desde la página del "
                    "evento y la lista de constancias del portal."
                ),
                "fields": [
                    "emitida_en",
                    "emitida_por",
                    "revocada_en",
                    "revocada_por",
                    "motivo_revocacion",
                ],
            },
        ),
    ]

    @admin.display(description=_("vigente"), boolean=True, ordering="revocada_en")
    def vigente(self, obj):
        return obj.vigente

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("inscripcion__participante", "inscripcion__evento")
        )

    def has_add_permission(self, request):
        return False
