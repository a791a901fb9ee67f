"""Historial de actividad de una institución: qué pasó con su unidad, su plan, sus
diagnósticos, su capacitación, sus asesorías, sus reuniones y sus acuerdos, a partir de los
historiales de django-simple-history y de las fechas de cada registro.

Cada fuente es una sola consulta, filtrada por la institución, ordenada de lo más reciente a
lo más antiguo y limitada; las transiciones se detectan en la base con LAG() sobre el historial
de cada objeto, de modo que el límite cuenta solo cambios de estado y no guardados sin cambio.

Cada evento lleva el permiso que hace falta para abrir su enlace (`Evento.permiso`); la página
muestra el enlace solo a quien lo tiene. Lo que queda fuera del alcance de la institución (la
reunión de la que salió un acuerdo, si la institución no fue convocada) pide ver todas las
instituciones, porque para las demás personas esa página sería un 404.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Exists, F, Max, OuterRef, Subquery, Value, Window
from django.db.models.functions import Coalesce, Concat, Lag
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from capacitacion.models import Certificacion, Constancia, Inscripcion
from diagnosticos.models import Respuesta
from planes.models import PlanTrabajo
from unidades.models import Acuerdo, Asesoria, AsistenciaReunion, Evidencia, Reunion, Unidad

#: Tipos de evento, con su etiqueta y su ícono de Bootstrap Icons.
TIPOS = {
    "instalacion": (gettext_lazy("Instalación de la unidad"), "bi-building-check"),
    "plan": (gettext_lazy("Plan de trabajo"), "bi-journal-check"),
    "diagnostico": (gettext_lazy("Diagnóstico"), "bi-clipboard-data"),
    "capacitacion": (gettext_lazy("Capacitación y certificación"), "bi-mortarboard"),
    "asesoria": (gettext_lazy("Asesorías"), "bi-person-video3"),
    "reunion": (gettext_lazy("Reuniones de planeación"), "bi-calendar-event"),
    "acuerdo": (gettext_lazy("Acuerdos"), "bi-check2-square"),
}
#: Permiso con que se ve todo, también lo que queda fuera del alcance de la institución.
VER_TODAS = "uig_portal.ver_todas_las_dependencias"
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
    #: Permiso que necesita quien consulta para seguir `url` ("" si basta con ver la página).
    permiso: str = ""

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
                "planes.view_plantrabajo",
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
            "diagnosticos.view_respuesta",
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
                "capacitacion.view_participante",
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
                "capacitacion.view_constancia",
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
                "capacitacion.view_certificacion",
            )
        )
    return eventos


def _en_fechas(consulta, campo, desde, hasta):
    """Filtra un campo de fecha (sin hora) con el intervalo [desde, hasta) de datetimes."""
    if desde is not None:
        consulta = consulta.filter(**{f"{campo}__gte": timezone.localdate(desde)})
    if hasta is not None:
        consulta = consulta.filter(**{f"{campo}__lt": timezone.localdate(hasta)})
    return consulta


def _asesoria(dependencia, desde, hasta):
    # Solo las ya impartidas: una asesoría con fecha futura aún no ocurre.
    asesorias = _en_fechas(
        Asesoria.objects.filter(dependencia=dependencia, fecha__lte=timezone.localdate()),
        "fecha",
        desde,
        hasta,
    )
    return [
        Evento(
            _fin_del_dia(asesoria.fecha),
            "asesoria",
            _("Asesoría «%(tema)s» (%(modalidad)s)")
            % {"tema": asesoria.tema, "modalidad": asesoria.get_modalidad_display().lower()},
            _persona(asesoria.registrada_por),
            asesoria.get_absolute_url(),
            "unidades.view_asesoria",
        )
        for asesoria in asesorias.select_related("registrada_por")
        .defer("notas")
        .order_by("-fecha", "-pk")[:POR_FUENTE]
    ]


def _reunion(dependencia, desde, hasta):
    ahora = timezone.now()
    personas = (
        AsistenciaReunion.objects.filter(reunion=OuterRef("pk"), dependencia=dependencia)
        .annotate(total=F("mujeres") + F("hombres") + F("sin_especificar"))
        .values("total")[:1]
    )
    # Solo las ya celebradas (`Reunion.celebrada`): una convocatoria futura no es actividad.
    reuniones = Reunion.objects.filter(invitadas=dependencia, fecha__lte=ahora)
    if desde is not None:
        reuniones = reuniones.filter(fecha__gte=desde)
    if hasta is not None:
        reuniones = reuniones.filter(fecha__lt=hasta)
    eventos = []
    for reunion in (
        reuniones.annotate(personas=Subquery(personas))
        .select_related("convocada_por")
        .only("titulo", "fecha", "convocada_por")
        .order_by("-fecha", "-pk")[:POR_FUENTE]
    ):
        # Una fila de asistencia con cero personas (se capturó y luego se corrigió) equivale
        # a no haber asistido.
        if reunion.personas:
            titulo = ngettext(
                "Asistió a la reunión «%(titulo)s» con %(n)s persona",
                "Asistió a la reunión «%(titulo)s» con %(n)s personas",
                reunion.personas,
            ) % {"titulo": reunion.titulo, "n": reunion.personas}
        else:
            titulo = _("Invitada a la reunión «%(titulo)s»") % {"titulo": reunion.titulo}
        eventos.append(
            Evento(
                reunion.fecha,
                "reunion",
                titulo,
                _persona(reunion.convocada_por),
                reunion.get_absolute_url(),
                "unidades.view_reunion",
            )
        )
    return eventos


def _enlace_acuerdo(acuerdo, dependencia, invitada):
    """(url, permiso) de la página de origen del acuerdo, en su renglón de la tabla.

    Si el origen no es de la institución (una reunión a la que no se le convocó, una asesoría
    a otra institución), solo lo abre quien ve todas las instituciones.
    """
    if acuerdo.reunion_id:
        url = reverse("unidades:reunion_detalle", args=[acuerdo.reunion_id])
        permiso = "unidades.view_reunion" if invitada else VER_TODAS
    else:
        url = reverse("unidades:asesoria_detalle", args=[acuerdo.asesoria_id])
        propia = acuerdo.asesoria.dependencia_id == dependencia.pk
        permiso = "unidades.view_asesoria" if propia else VER_TODAS
    # `id` y no `pk`: en una fila del historial, `pk` es el de la fila del historial.
    return f"{url}#acuerdo-{acuerdo.id}", permiso


def _descripcion(acuerdo):
    return Truncator(acuerdo.descripcion).chars(80)


def _acuerdo(dependencia, desde, hasta):
    eventos = []
    asignados = Acuerdo.objects.filter(dependencia=dependencia)
    invitada = Exists(
        Reunion.invitadas.through.objects.filter(
            reunion_id=OuterRef("reunion_id"), dependencia_id=dependencia.pk
        )
    )

    def agregar(fila, fecha, texto, persona):
        url, permiso = _enlace_acuerdo(fila, dependencia, fila.invitada)
        eventos.append(
            Evento(fecha, "acuerdo", texto % {"acuerdo": _descripcion(fila)}, persona, url, permiso)
        )

    # Asignado: la fila «+» del historial dice cuándo y quién. Se toma la descripción y el
    # origen de esa fila, pero solo de los acuerdos que hoy siguen a cargo de la institución.
    creados = Acuerdo.history.filter(history_type="+", id__in=asignados.values("pk"))
    if desde is not None:
        creados = creados.filter(history_date__gte=desde)
    if hasta is not None:
        creados = creados.filter(history_date__lt=hasta)
    for fila in (
        creados.annotate(invitada=invitada)
        .select_related("history_user", "asesoria")
        .order_by("-history_date", "-history_id")[:POR_FUENTE]
    ):
        agregar(
            fila,
            fila.history_date,
            _("Acuerdo asignado: «%(acuerdo)s»"),
            _persona(fila.history_user),
        )

    # Sin historial de creación (cargados antes del historial o en bloque): la fecha es la de
    # su reunión o su asesoría, y no se sabe quién lo registró.
    sin_historial = asignados.exclude(
        Exists(Acuerdo.history.filter(id=OuterRef("pk"), history_type="+"))
    ).annotate(invitada=invitada)
    de_reunion = sin_historial.filter(reunion__isnull=False)
    if desde is not None:
        de_reunion = de_reunion.filter(reunion__fecha__gte=desde)
    if hasta is not None:
        de_reunion = de_reunion.filter(reunion__fecha__lt=hasta)
    for acuerdo in de_reunion.select_related("reunion").order_by("-reunion__fecha", "-pk")[
        :POR_FUENTE
    ]:
        agregar(acuerdo, acuerdo.reunion.fecha, _("Acuerdo asignado: «%(acuerdo)s»"), _("Sistema"))
    de_asesoria = _en_fechas(
        sin_historial.filter(asesoria__isnull=False), "asesoria__fecha", desde, hasta
    )
    for acuerdo in de_asesoria.select_related("asesoria").order_by("-asesoria__fecha", "-pk")[
        :POR_FUENTE
    ]:
        agregar(
            acuerdo,
            _fin_del_dia(acuerdo.asesoria.fecha),
            _("Acuerdo asignado: «%(acuerdo)s»"),
            _("Sistema"),
        )

    # Cumplido: la fecha es `cumplido_en`; quién lo marcó sale de la primera fila del
    # historial con ese estado y esa fecha.
    cierre = Acuerdo.history.filter(
        id=OuterRef("pk"), estado=Acuerdo.Estado.CUMPLIDO, cumplido_en=OuterRef("cumplido_en")
    ).order_by("history_date", "history_id")
    cumplidos = _en_fechas(
        asignados.filter(estado=Acuerdo.Estado.CUMPLIDO, cumplido_en__isnull=False),
        "cumplido_en",
        desde,
        hasta,
    )
    for acuerdo in (
        cumplidos.annotate(
            invitada=invitada,
            cerro_nombre=Subquery(
                cierre.annotate(
                    nombre=Concat("history_user__first_name", Value(" "), "history_user__last_name")
                ).values("nombre")[:1]
            ),
            cerro_usuario=Subquery(cierre.values("history_user__username")[:1]),
        )
        .select_related("asesoria")
        .order_by("-cumplido_en", "-pk")[:POR_FUENTE]
    ):
        persona = (acuerdo.cerro_nombre or "").strip() or acuerdo.cerro_usuario or _("Sistema")
        agregar(
            acuerdo,
            _fin_del_dia(acuerdo.cumplido_en),
            _("Acuerdo cumplido: «%(acuerdo)s»"),
            persona,
        )
    return eventos


FUENTES = {
    "instalacion": _instalacion,
    "plan": _plan,
    "diagnostico": _diagnostico,
    "capacitacion": _capacitacion,
    "asesoria": _asesoria,
    "reunion": _reunion,
    "acuerdo": _acuerdo,
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
