"""Historial de actividad de una institución: qué pasó con su unidad, su plan, sus
diagnósticos y su capacitación, a partir de los historiales de django-simple-history.

Cada fuente es una sola consulta, filtrada por la institución, ordenada de lo más reciente a
lo más antiguo y limitada; las transiciones se detectan en la base con LAG() sobre el historial
de cada objeto, de modo que el límite cuenta solo cambios de estado y no guardados sin cambio.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import F, Max, Value, Window
from django.db.models.functions import Coalesce, Lag
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacitacion.models import Certificacion, Constancia, Inscripcion
from diagnosticos.models import Respuesta
from planes.models import PlanTrabajo
from unidades.models import Evidencia, Unidad

#: Tipos de evento, con su etiqueta y su ícono de Bootstrap Icons.
TIPOS = {
    "instalacion": (gettext_lazy("Instalación de la unidad"), "bi-building-check"),
    "plan": (gettext_lazy("Plan de trabajo"), "bi-journal-check"),
    "diagnostico": (gettext_lazy("Diagnóstico"), "bi-clipboard-data"),
    "capacitacion": (gettext_lazy("Capacitación y certificación"), "bi-mortarboard"),
}
#: Filas que se leen como máximo de cada fuente antes de unirlas.
POR_FUENTE = 200
LIMITE = 50


@dataclass
class Evento:
    fecha: datetime
    tipo: str
    titulo: str
    persona: str
    url: str = ""

    @property
    def etiqueta(self):
        return TIPOS[self.tipo][0]

    @property
    def icono(self):
        return TIPOS[self.tipo][1]


def _persona(usuario):
    if usuario is None:
        return _("Sistema")
    return usuario.get_full_name() or usuario.get_username()


def _transiciones(historial, campo, desde, hasta):
    """Filas del historial en que `campo` cambió respecto de la fila anterior del mismo objeto.

    La creación cuenta como cambio (no hay fila anterior). `hasta` puede ir en el WHERE porque
    quitar filas posteriores no altera la fila anterior de las que quedan; `desde` no: se
    compara contra una ventana idéntica a la fecha para que se filtre después de LAG().
    """
    por_objeto = {"partition_by": [F("id")], "order_by": [F("history_date"), F("history_id")]}
    if hasta is not None:
        historial = historial.filter(history_date__lt=hasta)
    historial = historial.annotate(
        valor_previo=Coalesce(Window(Lag(campo), **por_objeto), Value("")),
        fecha_en_ventana=Window(Max("history_date"), partition_by=[F("history_id")]),
    ).exclude(valor_previo=F(campo))
    if desde is not None:
        historial = historial.filter(fecha_en_ventana__gte=desde)
    return historial.order_by("-history_date", "-history_id")[:POR_FUENTE]


def _instalacion(dependencia, desde, hasta):
    eventos = []
    url = dependencia.get_absolute_url()
    filas = _transiciones(
        Unidad.history.filter(dependencia=dependencia).select_related("history_user"),
        "estado",
        desde,
        hasta,
    )
    for fila in filas:
        if fila.estado == Unidad.Estado.SIN_INICIAR:
            continue
        eventos.append(
            Evento(
                fila.history_date,
                "instalacion",
                _("La unidad pasó a «%(estado)s»") % {"estado": fila.get_estado_display()},
                _persona(fila.history_user),
                url,
            )
        )
    revisadas = (Evidencia.Estado.VALIDADA, Evidencia.Estado.RECHAZADA)
    filas = _transiciones(
        Evidencia.history.filter(unidad__dependencia=dependencia).select_related(
            "history_user", "paso"
        ),
        "estado",
        desde,
        hasta,
    )
    for fila in filas:
        if fila.estado not in revisadas:
            continue
        texto = (
            _("Evidencia «%(paso)s» validada")
            if fila.estado == Evidencia.Estado.VALIDADA
            else _("Evidencia «%(paso)s» rechazada")
        )
        eventos.append(
            Evento(
                fila.history_date,
                "instalacion",
                texto % {"paso": fila.paso.titulo},
                _persona(fila.history_user),
                url,
            )
        )
    return eventos


_TEXTO_PLAN = {
    PlanTrabajo.Estado.BORRADOR: gettext_lazy("Plan %(anio)s regresó a borrador"),
    PlanTrabajo.Estado.ENVIADO: gettext_lazy("Plan %(anio)s enviado a revisión"),
    PlanTrabajo.Estado.CON_OBSERVACIONES: gettext_lazy("Plan %(anio)s devuelto con observaciones"),
    PlanTrabajo.Estado.APROBADO: gettext_lazy("Plan %(anio)s aprobado"),
}


def _plan(dependencia, desde, hasta):
    eventos = []
    filas = _transiciones(
        PlanTrabajo.history.filter(unidad__dependencia=dependencia).select_related("history_user"),
        "estado",
        desde,
        hasta,
    )
    for fila in filas:
        if fila.history_type == "+":
            if fila.version > 1:
                texto = _("Plan %(anio)s: se abrió la modificación (versión %(version)s)")
            else:
                texto = _("Plan %(anio)s creado")
        else:
            texto = str(_TEXTO_PLAN[fila.estado])
            if fila.version > 1:
                texto += _(" (versión %(version)s)")
        eventos.append(
            Evento(
                fila.history_date,
                "plan",
                texto % {"anio": fila.anio, "version": fila.version},
                _persona(fila.history_user),
                reverse("planes:detalle", args=[fila.id]),
            )
        )
    return eventos


_TEXTO_RESPUESTA = {
    Respuesta.Estado.SIN_INICIAR: gettext_lazy("Diagnóstico «%(ronda)s»: la institución se sumó"),
    Respuesta.Estado.EN_PROGRESO: gettext_lazy("Diagnóstico «%(ronda)s»: se comenzó a responder"),
    Respuesta.Estado.ENVIADA: gettext_lazy("Diagnóstico «%(ronda)s»: respuesta enviada"),
    Respuesta.Estado.DEVUELTA: gettext_lazy(
        "Diagnóstico «%(ronda)s»: respuesta devuelta con observaciones"
    ),
    Respuesta.Estado.ACEPTADA: gettext_lazy("Diagnóstico «%(ronda)s»: respuesta aceptada"),
}


def _diagnostico(dependencia, desde, hasta):
    filas = _transiciones(
        Respuesta.history.filter(dependencia=dependencia).select_related(
            "history_user", "aplicacion"
        ),
        "estado",
        desde,
        hasta,
    )
    return [
        Evento(
            fila.history_date,
            "diagnostico",
            _TEXTO_RESPUESTA[fila.estado] % {"ronda": fila.aplicacion.nombre},
            _persona(fila.history_user),
            reverse("diagnosticos:responder", args=[fila.id]),
        )
        for fila in filas
    ]


def _fin_del_dia(fecha):
    return timezone.make_aware(datetime.combine(fecha, time(23, 59)))


def _capacitacion(dependencia, desde, hasta):
    eventos = []
    # La acreditación se calcula con UPDATE masivos (sin historial): su fecha es el término
    # del evento, y la registra el sistema.
    acreditadas = Inscripcion.objects.filter(dependencia=dependencia, acreditada=True)
    if desde is not None:
        acreditadas = acreditadas.filter(evento__fecha_fin__gte=timezone.localdate(desde))
    if hasta is not None:
        acreditadas = acreditadas.filter(evento__fecha_fin__lt=timezone.localdate(hasta))
    for inscripcion in acreditadas.select_related("participante", "evento").order_by(
        "-evento__fecha_fin", "-pk"
    )[:POR_FUENTE]:
        eventos.append(
            Evento(
                _fin_del_dia(inscripcion.evento.fecha_fin),
                "capacitacion",
                _("%(persona)s acreditó «%(evento)s»")
                % {"persona": inscripcion.participante.nombre, "evento": inscripcion.evento.nombre},
                _("Sistema"),
                reverse("capacitacion:participante_detalle", args=[inscripcion.participante_id]),
            )
        )
    constancias = Constancia.objects.filter(inscripcion__dependencia=dependencia)
    if desde is not None:
        constancias = constancias.filter(emitida_en__gte=desde)
    if hasta is not None:
        constancias = constancias.filter(emitida_en__lt=hasta)
    for constancia in constancias.select_related("emitida_por").order_by("-emitida_en", "-pk")[
        :POR_FUENTE
    ]:
        eventos.append(
            Evento(
                constancia.emitida_en,
                "capacitacion",
                _("Constancia de %(persona)s por «%(evento)s» emitida")
                % {"persona": constancia.nombre, "evento": constancia.evento_nombre},
                _persona(constancia.emitida_por),
                reverse("capacitacion:constancia_pdf", args=[constancia.pk]),
            )
        )
    filas = _transiciones(
        Certificacion.history.filter(dependencia=dependencia).select_related(
            "history_user", "participante", "estandar"
        ),
        "estado",
        desde,
        hasta,
    )
    for fila in filas:
        eventos.append(
            Evento(
                fila.history_date,
                "capacitacion",
                _("%(persona)s, certificación %(estandar)s: etapa «%(etapa)s»")
                % {
                    "persona": fila.participante.nombre,
                    "estandar": fila.estandar.clave,
                    "etapa": fila.get_estado_display(),
                },
                _persona(fila.history_user),
                reverse("capacitacion:certificacion_detalle", args=[fila.id]),
            )
        )
    return eventos


FUENTES = {
    "instalacion": _instalacion,
    "plan": _plan,
    "diagnostico": _diagnostico,
    "capacitacion": _capacitacion,
}


def linea_de_tiempo(dependencia, desde=None, hasta=None, tipos=None, limite=LIMITE):
    """Eventos de la institución, del más reciente al más antiguo, hasta `limite`.

    `desde` y `hasta` son datetimes con zona (intervalo [desde, hasta)); `tipos`, claves de
    `TIPOS` (todas si está vacío). Hace un número fijo de consultas, sin importar las filas.
    """
    eventos = []
    for tipo, fuente in FUENTES.items():
        if not tipos or tipo in tipos:
            eventos.extend(fuente(dependencia, desde, hasta))
    eventos.sort(key=lambda e: e.fecha, reverse=True)
    return eventos[:limite]
