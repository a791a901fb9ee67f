"""Las páginas de inicio de cada rol: el tablero de la Coordinación y lo que le falta a cada
institución. Leen todas las aplicaciones, por eso viven en el piso de arriba."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.views.generic import TemplateView

from capacitacion.models import Evento, Inscripcion
from diagnosticos.models import Aplicacion, Respuesta
from panorama import tablero
from panorama.pendientes import pendientes as pendientes_de_dependencia
from panorama.pendientes import pendientes_de_instalacion
from planes.models import PlanTrabajo
from uig_portal.lib.cifras import porcentaje
from uig_portal.models import Usuario
from uig_portal.roles import Rol
from unidades.models import Dependencia


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


class InicioView(TemplateView):
    """La página de inicio de cada rol."""

    plantillas = {
        Rol.COORDINACION: "panorama/inicio_coordinacion.html",
        Rol.ADMINISTRACION: "panorama/inicio_administracion.html",
        Rol.RESPONSABLE: "panorama/inicio_institucion.html",
        Rol.CONSULTA: "panorama/inicio_institucion.html",
    }

    def get_template_names(self):
        usuario = self.request.user
        if usuario.rol == Rol.CONSULTA and usuario.ve_todas_las_dependencias:
            return ["panorama/inicio_coordinacion.html"]
        return [self.plantillas.get(usuario.rol, "panorama/inicio_sin_rol.html")]

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
