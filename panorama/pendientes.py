"""Lo que cada institución tiene pendiente, vencido o por vencer, en consultas fijas.

`pendientes(dependencia)` arma la lista de una institución (la de su página de inicio, la de
«Avisos» y la del correo diario); `vencidos_por_dependencia()` cuenta lo vencido de todas a la
vez para el resumen de la Coordinación, sin consultar una por una.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacitacion.models import Evento
from diagnosticos.models import Respuesta
from diagnosticos.services import PENDIENTES as RESPUESTAS_PENDIENTES
from planes.avance import NOMBRES_TRIMESTRE, informes_vencidos, planes_en_seguimiento
from planes.models import InformeTrimestral, PlanTrabajo
from unidades.models import Acuerdo, Evidencia, Unidad

#: Con esta cantidad de días o menos para la fecha límite, el pendiente «vence pronto».
DIAS_PROXIMO = 7

VENCIDO = "vencido"
PROXIMO = "proximo"
PENDIENTE = "pendiente"
_ORDEN_URGENCIA = {VENCIDO: 0, PROXIMO: 1, PENDIENTE: 2}

#: Tipos de pendiente con su nombre para las personas (y el orden en que se muestran).
TIPOS = {
    "instalacion": gettext_lazy("Instalación de la unidad"),
    "plan": gettext_lazy("Plan de trabajo"),
    "informe": gettext_lazy("Informes trimestrales"),
    "diagnostico": gettext_lazy("Diagnóstico institucional"),
    "acuerdo": gettext_lazy("Acuerdos"),
    "capacitacion": gettext_lazy("Capacitación"),
}
_ORDEN_TIPO = {tipo: i for i, tipo in enumerate(TIPOS)}


@dataclass(frozen=True)
class Pendiente:
    tipo: str
    titulo: str
    detalle: str
    url: str
    fecha_limite: date | None
    urgencia: str

    @property
    def vencido(self):
        return self.urgencia == VENCIDO

    @property
    def proximo(self):
        return self.urgencia == PROXIMO

    @property
    def nombre_tipo(self):
        return TIPOS[self.tipo]


def urgencia(fecha_limite, hoy):
    """Vencido si la fecha ya pasó; próximo si faltan `DIAS_PROXIMO` días o menos."""
    if fecha_limite is None:
        return PENDIENTE
    if fecha_limite < hoy:
        return VENCIDO
    if fecha_limite <= hoy + timedelta(days=DIAS_PROXIMO):
        return PROXIMO
    return PENDIENTE


def _fecha(valor):
    return date_format(valor, "d/m/Y")


def pendientes(dependencia, hoy=None):
    """Los pendientes de una institución: primero lo vencido, luego lo que vence pronto."""
    hoy = hoy or timezone.localdate()
    items = [
        *_instalacion(dependencia),
        *_plan(dependencia, hoy),
        *_informes(dependencia, hoy),
        *_diagnostico(dependencia, hoy),
        *_acuerdos(dependencia, hoy),
        *_capacitacion(dependencia, hoy),
    ]
    return sorted(
        items,
        key=lambda p: (
            _ORDEN_URGENCIA[p.urgencia],
            p.fecha_limite or date.max,
            _ORDEN_TIPO[p.tipo],
        ),
    )


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


def _instalacion(dependencia):
    datos = pendientes_de_instalacion(dependencia)
    if datos is None:
        return []
    url = reverse("unidades:dependencia_detalle", args=[dependencia.pk])
    items = []
    if datos["faltan"]:
        items.append(
            Pendiente(
                tipo="instalacion",
                titulo=_("Lo que falta para pasar a «%(estado)s»")
                % {"estado": datos["siguiente"].label},
                detalle=Unidad.mensaje_de_lo_que_falta(datos["siguiente"], datos["faltan"]),
                url=url,
                fecha_limite=None,
                urgencia=PENDIENTE,
            )
        )
    if datos["rechazadas"]:
        items.append(
            Pendiente(
                tipo="instalacion",
                titulo=_("Evidencias rechazadas por corregir"),
                detalle=_("%(n)s evidencia(s) rechazada(s): súbalas de nuevo corregidas.")
                % {"n": datos["rechazadas"]},
                url=url,
                fecha_limite=None,
                urgencia=PENDIENTE,
            )
        )
    return items


def _plan(dependencia, hoy):
    anio = hoy.year
    plan = (
        PlanTrabajo.objects.vigentes()
        .filter(unidad__dependencia=dependencia, anio=anio)
        .order_by("-version")
        .first()
    )
    Estado = PlanTrabajo.Estado
    if plan is None:
        return [
            Pendiente(
                tipo="plan",
                titulo=_("Elaborar el plan de trabajo %(anio)s") % {"anio": anio},
                detalle=_("Su unidad aún no tiene plan de trabajo para este año."),
                url=reverse("planes:nuevo"),
                fecha_limite=None,
                urgencia=PENDIENTE,
            )
        ]
    if plan.estado == Estado.BORRADOR:
        titulo = _("Enviar a revisión el plan de trabajo %(anio)s")
        detalle = _("El plan está en borrador: complételo y envíelo a la Coordinación.")
    elif plan.estado == Estado.CON_OBSERVACIONES:
        titulo = _("Corregir el plan de trabajo %(anio)s")
        detalle = _("La Coordinación devolvió el plan con observaciones: atiéndalas y reenvíelo.")
    else:
        return []
    return [
        Pendiente(
            tipo="plan",
            titulo=titulo % {"anio": anio},
            detalle=detalle,
            url=reverse("planes:detalle", args=[plan.pk]),
            fecha_limite=None,
            urgencia=PENDIENTE,
        )
    ]


def _pendiente_informe(plan, trimestre, vence, hoy, en_captura):
    detalle = _("Vence el %(fecha)s.") % {"fecha": _fecha(vence)}
    if en_captura:
        detalle += " " + _("Ya está en captura; falta enviarlo.")
    return Pendiente(
        tipo="informe",
        titulo=_("Informe del %(trimestre)s de %(anio)s")
        % {"trimestre": NOMBRES_TRIMESTRE[trimestre], "anio": plan.anio},
        detalle=detalle,
        url=reverse("planes:informe", args=[plan.pk, trimestre]),
        fecha_limite=vence,
        urgencia=urgencia(vence, hoy),
    )


def _informes(dependencia, hoy):
    planes = PlanTrabajo.objects.filter(unidad__dependencia=dependencia)
    # El informe del cuarto trimestre vence en enero: el año anterior también cuenta.
    anios = (hoy.year - 1, hoy.year)
    items = [
        _pendiente_informe(a.plan, a.trimestre, a.vence, hoy, a.en_captura)
        for a in informes_vencidos(hoy, planes)
    ]
    # Los que vencen pronto: trimestres con plazo entre hoy y DIAS_PROXIMO días.
    por_vencer = [
        (anio, t)
        for anio in anios
        for t in range(1, 5)
        if hoy <= InformeTrimestral.fecha_limite(anio, t) <= hoy + timedelta(days=DIAS_PROXIMO)
    ]
    if not por_vencer:
        return items
    consulta = (
        planes_en_seguimiento(planes)
        .filter(anio__in={anio for anio, _t in por_vencer})
        .prefetch_related(
            Prefetch(
                "informes",
                queryset=InformeTrimestral.objects.only("pk", "plan_id", "trimestre", "estado"),
                to_attr="todos_los_informes",
            )
        )
    )
    for plan in consulta:
        informes = {i.trimestre: i for i in plan.todos_los_informes}
        for anio, t in por_vencer:
            informe = informes.get(t)
            if anio != plan.anio or (
                informe is not None and informe.estado == InformeTrimestral.Estado.ENVIADO
            ):
                continue
            vence = InformeTrimestral.fecha_limite(anio, t)
            items.append(_pendiente_informe(plan, t, vence, hoy, informe is not None))
    return items


def _diagnostico(dependencia, hoy):
    respuestas = (
        Respuesta.objects.filter(
            dependencia=dependencia,
            estado__in=RESPUESTAS_PENDIENTES,
            aplicacion__apertura__lte=hoy,
        )
        .select_related("aplicacion")
        .order_by("aplicacion__cierre", "pk")
    )
    items = []
    for r in respuestas:
        cierre = r.aplicacion.cierre
        detalle = _("%(avance)s %% respondido; fecha límite %(fecha)s.") % {
            "avance": r.avance,
            "fecha": _fecha(cierre),
        }
        if r.estado == Respuesta.Estado.DEVUELTA:
            detalle = _("Devuelta con observaciones: corríjala y envíela de nuevo.") + " " + detalle
        items.append(
            Pendiente(
                tipo="diagnostico",
                titulo=_("Responder y enviar «%(ronda)s»") % {"ronda": r.aplicacion.nombre},
                detalle=detalle,
                url=reverse("diagnosticos:responder", args=[r.pk]),
                fecha_limite=cierre,
                urgencia=urgencia(cierre, hoy),
            )
        )
    return items


def _acuerdos(dependencia, hoy):
    url = reverse("unidades:acuerdo_lista")
    return [
        Pendiente(
            tipo="acuerdo",
            titulo=_("Acuerdo: %(acuerdo)s") % {"acuerdo": str(a)},
            detalle=_("Fecha compromiso: %(fecha)s.") % {"fecha": _fecha(a.fecha_compromiso)}
            + (" " + _("Responsable: %(r)s.") % {"r": a.responsable} if a.responsable else ""),
            url=url,
            fecha_limite=a.fecha_compromiso,
            urgencia=urgencia(a.fecha_compromiso, hoy),
        )
        for a in Acuerdo.objects.filter(dependencia=dependencia).abiertos()
    ]


def _capacitacion(dependencia, hoy):
    # Informativo: nadie está obligado a inscribirse, así que nunca «vence».
    eventos = Evento.objects.abiertos_para(dependencia.pk, hoy).order_by("fecha_inicio", "pk")
    return [
        Pendiente(
            tipo="capacitacion",
            titulo=_("Inscripción abierta: %(evento)s") % {"evento": str(e)},
            detalle=(
                _("Inscripción hasta el %(fecha)s.") % {"fecha": _fecha(e.inscripcion_hasta)}
                if e.inscripcion_hasta
                else _("Inscripción abierta.")
            ),
            url=reverse("capacitacion:evento_detalle", args=[e.pk]),
            fecha_limite=None,
            urgencia=PENDIENTE,
        )
        for e in eventos
    ]


def requieren_aviso(items):
    """Lo que amerita correo: lo vencido y lo que vence pronto."""
    return [p for p in items if p.urgencia in (VENCIDO, PROXIMO)]


def vencidos_por_dependencia(hoy=None):
    """{dependencia_id: {tipo: n}} de lo vencido de todas las instituciones, en consultas
    fijas: informes trimestrales, diagnóstico y acuerdos (lo único que tiene fecha límite)."""
    hoy = hoy or timezone.localdate()
    conteos = {}

    def sumar(dependencia_id, tipo, n=1):
        por_tipo = conteos.setdefault(dependencia_id, {})
        por_tipo[tipo] = por_tipo.get(tipo, 0) + n

    for a in informes_vencidos(hoy):
        sumar(a.plan.unidad.dependencia_id, "informe")
    diagnosticos = (
        Respuesta.objects.filter(estado__in=RESPUESTAS_PENDIENTES, aplicacion__cierre__lt=hoy)
        .values_list("dependencia_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for dependencia_id, n in diagnosticos:
        sumar(dependencia_id, "diagnostico", n)
    acuerdos = (
        Acuerdo.objects.abiertos()
        .filter(dependencia__isnull=False, fecha_compromiso__lt=hoy)
        .values_list("dependencia_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for dependencia_id, n in acuerdos:
        sumar(dependencia_id, "acuerdo", n)
    return conteos
