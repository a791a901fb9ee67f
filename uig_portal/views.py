import logging

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from capacitacion.models import Evento, Inscripcion
from diagnosticos.models import Aplicacion, Respuesta
from planes.models import PlanTrabajo
from uig_portal import tablero
from uig_portal.lib.historial import entradas
from uig_portal.models import Usuario
from uig_portal.pendientes import pendientes as pendientes_de_dependencia
from uig_portal.roles import Rol
from unidades.models import Dependencia, Evidencia, Unidad

logger = logging.getLogger(__name__)


def resumen_institucional():
    """Cifras del catálogo de instituciones y de quién tiene acceso, en consultas fijas."""
    vigentes = Dependencia.objects.vigentes().con_marca_de_responsable()
    por_tipo = (
        vigentes.values("tipo")
        .annotate(
            total=Count("pk"),
            con_responsable=Count("pk", filter=Q(tiene_responsable=True)),
        )
        .order_by("tipo")
    )
    etiquetas = dict(Dependencia.Tipo.choices)
    filas = [
        {
            "tipo": etiquetas.get(f["tipo"], f["tipo"]),
            "total": f["total"],
            "con_responsable": f["con_responsable"],
            "porcentaje": porcentaje(f["con_responsable"], f["total"]),
        }
        for f in por_tipo
    ]
    total = sum(f["total"] for f in filas)
    con = sum(f["con_responsable"] for f in filas)
    return {
        "por_tipo": filas,
        "total": total,
        "con_responsable": con,
        "porcentaje": porcentaje(con, total),
        "sectores": vigentes.values("sector").distinct().count(),
        "sin_responsable": vigentes.filter(tiene_responsable=False)[:10],
    }


def eventos_en_curso(cuantos=5):
    """Eventos con inscripción abierta o cerrada (aún sin concluir), con sus pendientes de
    confirmar, para que la Coordinación vea de un vistazo qué revisar."""
    # Subconsulta correlacionada y no JOIN + GROUP BY: con 150,000 inscripciones el JOIN
    # hacía que la base evaluara la ocupación por cada inscripción (8 s en el bench).
    pendientes = (
        Inscripcion.objects.filter(evento=OuterRef("pk"), estado=Inscripcion.Estado.SOLICITADA)
        .order_by()
        .values("evento")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Evento.objects.filter(estado__in=[Evento.Estado.ABIERTO, Evento.Estado.CERRADO])
        .con_ocupacion()
        .annotate(por_confirmar=Coalesce(Subquery(pendientes), 0))
        .order_by("fecha_inicio", "pk")[:cuantos]
    )


def capacitacion_de_institucion(usuario):
    """Eventos abiertos a la institución y sus personas acreditadas en el año."""
    anio = timezone.localdate().year
    # Las pendientes de confirmar cuentan sin importar el año del evento.
    cifras = Inscripcion.objects.visibles_para(usuario).aggregate(
        acreditadas=Count(
            "participante",
            distinct=True,
            filter=Q(acreditada=True, evento__fecha_fin__year=anio),
        ),
        por_confirmar=Count("pk", filter=Q(estado=Inscripcion.Estado.SOLICITADA)),
    )
    abiertos = Evento.objects.abiertos_para(usuario.dependencia_id).order_by("fecha_inicio", "pk")
    return {"anio": anio, "abiertos": abiertos[:3], **cifras}


def rondas_de_diagnostico(cuantas=3):
    """Las rondas más recientes del diagnóstico con cuántas instituciones van en cada estado."""
    Estado = Respuesta.Estado
    conteos = {
        estado: Count("respuestas", filter=Q(respuestas__estado=estado)) for estado in Estado
    }
    rondas = list(
        Aplicacion.objects.order_by("-apertura", "-pk").annotate(
            total=Count("respuestas"), **conteos
        )[:cuantas]
    )
    for ronda in rondas:
        ronda.estados = [(e.label, e.value, getattr(ronda, e.value)) for e in Estado]
        ronda.porcentaje = porcentaje(ronda.enviada + ronda.aceptada, ronda.total)
    return rondas


def porcentaje(parte, total):
    return round(100 * parte / total) if total else 0


def resumen_de_cuentas():
    activas = Usuario.objects.filter(is_active=True)
    por_rol = dict(
        activas.filter(groups__isnull=False).values_list("groups__name").annotate(n=Count("pk"))
    )
    return {
        "por_rol": [(rol.label, por_rol.get(rol.value, 0)) for rol in Rol],
        "activas": activas.count(),
        "recientes": activas.filter(last_login__isnull=False)
        .select_related("dependencia")
        .order_by("-last_login")[:5],
    }


def pendientes_de_instalacion(dependencia):
    """Lo que le falta a la unidad de una institución para su siguiente paso del ciclo."""
    unidad = Unidad.objects.filter(dependencia=dependencia).first()
    if unidad is None:
        return None
    evidencias = list(unidad.evidencias.all())
    siguiente = unidad.siguiente_estado
    return {
        "unidad": unidad,
        "siguiente": siguiente,
        "faltan": unidad.pasos_que_faltan(siguiente, evidencias=evidencias) if siguiente else [],
        "por_revisar": sum(e.estado == Evidencia.Estado.PENDIENTE for e in evidencias),
        "rechazadas": sum(e.estado == Evidencia.Estado.RECHAZADA for e in evidencias),
    }


class InicioView(TemplateView):
    """La página de inicio de cada rol."""

    plantillas = {
        Rol.COORDINACION: "uig_portal/inicio_coordinacion.html",
        Rol.ADMINISTRACION: "uig_portal/inicio_administracion.html",
        Rol.RESPONSABLE: "uig_portal/inicio_institucion.html",
        Rol.CONSULTA: "uig_portal/inicio_institucion.html",
    }

    def get_template_names(self):
        usuario = self.request.user
        if usuario.rol == Rol.CONSULTA and usuario.ve_todas_las_dependencias:
            return ["uig_portal/inicio_coordinacion.html"]
        return [self.plantillas.get(usuario.rol, "uig_portal/inicio_sin_rol.html")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        usuario = self.request.user
        if usuario.ve_todas_las_dependencias:
            context["resumen"] = resumen_institucional()
            context["rondas"] = rondas_de_diagnostico()
            context["eventos_en_curso"] = eventos_en_curso()
            if usuario.rol == Rol.ADMINISTRACION:
                context["cuentas"] = resumen_de_cuentas()
            else:
                # El tablero de toda la administración (Coordinación y consulta global).
                context["tablero"] = tablero.contexto(self.request.GET)
        elif usuario.dependencia_id:
            context["dependencia"] = usuario.dependencia
            context["pendientes"] = pendientes_de_instalacion(usuario.dependencia)
            context["pendientes_institucion"] = pendientes_de_dependencia(usuario.dependencia)
            context["planes"] = (
                PlanTrabajo.objects.visibles_para(usuario)
                .vigentes()
                .filter(anio__gte=timezone.localdate().year)
                .order_by("anio")
            )
            # Las rondas que siguen abiertas a la institución y la última cerrada.
            context["diagnosticos"] = (
                Respuesta.objects.visibles_para(usuario)
                .select_related("aplicacion")
                .order_by("-aplicacion__apertura", "-pk")[:3]
            )
            if usuario.has_perm("capacitacion.view_evento"):
                context["capacitacion"] = capacitacion_de_institucion(usuario)
            context["equipo"] = (
                usuario.dependencia.usuarios.filter(is_active=True)
                .prefetch_related("groups")
                .order_by("first_name", "last_name")
            )
        return context


class UsuarioListView(PermissionRequiredMixin, ListView):
    """Quién tiene cuenta en el portal, con su rol y su institución."""

    permission_required = "uig_portal.view_usuario"
    template_name = "uig_portal/usuario_lista.html"
    paginate_by = 50

    def get_queryset(self):
        qs = (
            Usuario.objects.visibles_para(self.request.user)
            .select_related("dependencia")
            .prefetch_related("groups")
        )
        rol = self.request.GET.get("rol")
        if rol in Rol.values:
            qs = qs.filter(groups__name=rol)
        if self.request.GET.get("estado") == "inactivas":
            qs = qs.filter(is_active=False)
        else:
            qs = qs.filter(is_active=True)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = Rol.choices
        context["rol_actual"] = self.request.GET.get("rol", "")
        context["estado_actual"] = self.request.GET.get("estado", "")
        return context


class UsuarioDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "uig_portal.view_usuario"
    template_name = "uig_portal/usuario_detalle.html"
    context_object_name = "persona"

    def get_queryset(self):
        return Usuario.objects.visibles_para(self.request.user).select_related("dependencia")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historial"] = entradas(
            self.object.history.select_related("history_user").order_by("-history_date")[:20],
            _("Cuenta"),
        )
        return context


@login_not_required
@require_GET
def aviso_de_privacidad(request):
    return render(request, "uig_portal/aviso_de_privacidad.html")


@login_not_required
@require_GET
@never_cache
def salud(request):
    """Estado del servicio para el balanceador y el monitoreo: responde si la base contesta."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # Cualquier falla de la base es «no sano»; el detalle va al registro.
        logger.exception("La base de datos no responde")
        return JsonResponse({"estado": "error", "base_de_datos": "sin respuesta"}, status=503)
    return JsonResponse({"estado": "ok", "base_de_datos": "ok"})


class SalirView(auth_views.LogoutView):
    """Cierra la sesión (solo por POST) y pide al navegador borrar lo que guardó."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
