"""Las rondas de aplicación: abrirlas, sumar instituciones, recordar y revisar respuestas.

Las transiciones de una respuesta (devolver, aceptar) bloquean su fila con `select_for_update`
dentro de una transacción y revisan el estado vigente antes de cambiarlo: un doble clic o dos
personas que revisan a la vez producen un solo cambio y un solo correo. Si la transición ya se
había hecho se lanza `SinCambios` (la vista lo muestra como aviso); si el estado no la permite,
`ValidationError`.

Aviso de apertura: si la ronda abre hoy o antes, el correo a las personas responsables sale al
confirmar la transacción que la crea. Si abre en el futuro no se escribe nada todavía: el
recordatorio diario (`enviar_recordatorios`, que corre el cron) manda el aviso de apertura el
primer día en que la ronda ya está abierta, porque esas respuestas aún no tienen
`recordatorio_en`. Así nadie recibe un aviso de algo que todavía no puede contestar. Lo mismo
pasa con rondas de más de `AVISO_INMEDIATO_MAX` instituciones, para no mandar miles de correos
dentro de una petición web, y con las instituciones que no tienen una persona responsable con
correo: les llega en cuanto alguien de ellas tenga cuenta. `recordatorio_en` solo se marca
cuando de verdad se escribió a alguien.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from diagnosticos import notificaciones, propuestas
from diagnosticos.estructura import Estructura
from diagnosticos.models import Aplicacion, Pregunta, Respuesta, Version
from uig_portal.lib.cifras import porcentaje
from uig_portal.lib.correo import repartir

Estado = Respuesta.Estado

#: Estados en que la institución todavía debe enviar su respuesta.
PENDIENTES = (Estado.SIN_INICIAR, Estado.EN_PROGRESO, Estado.DEVUELTA)
#: Estados que cuentan como respuesta recibida para el porcentaje de respuesta.
RECIBIDAS = (Estado.ENVIADA, Estado.ACEPTADA)
#: Con esta cantidad de días o menos para la fecha límite, el recordatorio lo dice.
DIAS_AVISO_CIERRE = 3
#: Hasta cuántas instituciones el aviso de apertura sale en la misma petición. Con más, mandar
#: miles de correos haría esperar (o vencer) la página: el aviso sale con la siguiente corrida
#: de `manage.py recordar_diagnosticos`, que los manda en su propio proceso.
AVISO_INMEDIATO_MAX = 500


class SinCambios(Exception):
    """La transición ya se había hecho (p. ej., un doble clic): no se repitió nada."""

    def __init__(self, mensaje):
        super().__init__(mensaje)
        self.mensaje = mensaje


# --- Lecturas ------------------------------------------------------------------------------


def versiones_con_preguntas():
    """Versiones que se pueden aplicar: con al menos una pregunta (en uso o no)."""
    return (
        Version.objects.filter(Exists(Pregunta.objects.filter(seccion__version=OuterRef("pk"))))
        .select_related("cuestionario")
        .order_by("cuestionario__nombre", "-numero")
    )


def rondas_visibles(usuario):
    """Todas las rondas para quien ve todas las instituciones; si no, las de su institución."""
    rondas = Aplicacion.objects.all()
    if usuario.ve_todas_las_dependencias:
        return rondas
    propias = Respuesta.objects.visibles_para(usuario).filter(aplicacion=OuterRef("pk"))
    return rondas.filter(Exists(propias))


def con_conteos(rondas):
    """Anota instituciones, enviadas (o aceptadas) y aceptadas en una sola consulta."""
    return rondas.annotate(
        num_instituciones=Count("respuestas"),
        num_recibidas=Count("respuestas", filter=Q(respuestas__estado__in=RECIBIDAS)),
        num_aceptadas=Count("respuestas", filter=Q(respuestas__estado=Estado.ACEPTADA)),
    )


def pendientes(aplicacion):
    """Las respuestas que la institución aún no envía: sin iniciar, en progreso o devueltas."""
    return aplicacion.respuestas.filter(estado__in=PENDIENTES)


class Situacion:
    """La situación de una respuesta frente al plazo de su ronda."""

    A_TIEMPO = "a_tiempo"
    TARDE = "tarde"
    ATRASADA = "atrasada"
    EN_PLAZO = "en_plazo"

    ETIQUETAS = {
        A_TIEMPO: gettext_lazy("A tiempo"),
        TARDE: gettext_lazy("Tarde"),
        ATRASADA: gettext_lazy("Atrasada (venció sin enviar)"),
        EN_PLAZO: gettext_lazy("En plazo, sin enviar"),
    }

    @classmethod
    def opciones(cls):
        return list(cls.ETIQUETAS.items())

    @classmethod
    def condicion(cls, situacion, aplicacion, hoy=None):
        """Q de las respuestas de la ronda en esa situación (sin tocar más tablas)."""
        hoy = hoy or timezone.localdate()
        vencida = hoy > aplicacion.cierre
        if situacion == cls.A_TIEMPO:
            return Q(enviada_en__isnull=False, enviada_en__date__lte=aplicacion.cierre)
        if situacion == cls.TARDE:
            return Q(enviada_en__date__gt=aplicacion.cierre)
        if situacion == cls.ATRASADA:
            return Q(enviada_en__isnull=True) if vencida else Q(pk__in=[])
        if situacion == cls.EN_PLAZO:
            return Q(pk__in=[]) if vencida else Q(enviada_en__isnull=True)
        return Q()

    @classmethod
    def de(cls, respuesta, aplicacion, hoy=None):
        """Una devuelta conserva la situación de su primer envío (la fecha se guarda)."""
        hoy = hoy or timezone.localdate()
        if respuesta.enviada_en is not None:
            enviada = timezone.localdate(respuesta.enviada_en)
            return cls.A_TIEMPO if enviada <= aplicacion.cierre else cls.TARDE
        return cls.ATRASADA if hoy > aplicacion.cierre else cls.EN_PLAZO


def resumen(respuestas, aplicacion, hoy=None):
    """Conteos del seguimiento de una ronda en una consulta: estados, plazo y % de respuesta."""
    conteos = {f"estado_{e.value}": Count("pk", filter=Q(estado=e.value)) for e in Estado}
    conteos.update(
        {
            f"situacion_{clave}": Count("pk", filter=Situacion.condicion(clave, aplicacion, hoy))
            for clave in Situacion.ETIQUETAS
        }
    )
    datos = respuestas.order_by().aggregate(total=Count("pk"), **conteos)
    recibidas = datos["estado_enviada"] + datos["estado_aceptada"]
    datos["recibidas"] = recibidas
    datos["porcentaje"] = porcentaje(recibidas, datos["total"])
    datos["pendientes"] = sum(datos[f"estado_{e.value}"] for e in PENDIENTES)
    return datos


# --- Abrir y ampliar una ronda -----------------------------------------------------------------


def _validar_fechas(apertura, cierre):
    if apertura and cierre and cierre < apertura:
        raise ValidationError(
            {"cierre": _("La fecha límite no puede ser anterior a la de apertura.")}
        )


def _crear_respuestas(aplicacion, dependencias, usuario, hoy):
    """Una respuesta sin iniciar por institución; si la ronda ya abrió, avisa por correo.

    Devuelve el `Reparto` del aviso de apertura, o None si el aviso queda para el
    recordatorio diario. Solo las respuestas cuya institución recibió el correo quedan con
    `recordatorio_en`: las demás (las que aún no abren, las de rondas muy grandes y las de
    instituciones sin persona responsable con correo) reciben el aviso de apertura con el
    recordatorio diario, en cuanto tengan a quién escribirle.
    """
    avisar = aplicacion.apertura <= hoy and len(dependencias) <= AVISO_INMEDIATO_MAX
    nuevas = bulk_create_with_history(
        [Respuesta(aplicacion=aplicacion, dependencia=dependencia) for dependencia in dependencias],
        Respuesta,
        default_user=usuario,
    )
    if not avisar:
        return None
    reparto = notificaciones.avisar_apertura(aplicacion, nuevas)
    # update() y no save(): marcar el aviso no es un cambio que deba quedar en el historial.
    Respuesta.objects.filter(
        aplicacion=aplicacion,
        dependencia_id__in=[r.dependencia_id for r in reparto.enviados],
    ).update(recordatorio_en=hoy)
    return reparto


@transaction.atomic
def abrir_aplicacion(
    *, version, nombre, apertura, cierre, instrucciones, dependencias, usuario, anio=None
):
    """Crea la ronda y una respuesta sin iniciar por cada institución elegida.

    `dependencias` es un queryset o una lista de `Dependencia`; sin ninguna no se crea nada.
    Deja en `aplicacion.avisadas` si el aviso de apertura salió ya (True) o saldrá con el
    recordatorio diario (False), y en `aplicacion.reparto` a qué instituciones les llegó y
    cuáles no tienen a nadie a quien avisar (None si el aviso no salió ahora).
    """
    dependencias = list(dependencias)
    if not dependencias:
        raise ValidationError(
            _("Elija al menos una institución: la ronda se aplica a las instituciones elegidas.")
        )
    # La fila de la versión queda bloqueada: el diseño bloquea la misma antes de editarla, así
    # que una pregunta no puede cambiar a la vez que la versión entra en uso.
    version = Version.objects.select_for_update().get(pk=version.pk)
    if not Pregunta.objects.filter(seccion__version=version).exists():
        raise ValidationError(
            {"version": _("Esa versión no tiene preguntas: agréguelas antes de aplicarla.")}
        )
    _validar_fechas(apertura, cierre)
    aplicacion = Aplicacion(
        version=version,
        nombre=(nombre or "").strip(),
        anio=anio or None,
        apertura=apertura,
        cierre=cierre,
        instrucciones=(instrucciones or "").strip(),
        creada_por=usuario,
    )
    aplicacion.full_clean()
    aplicacion._history_user = usuario
    aplicacion.save()
    aplicacion.reparto = _crear_respuestas(aplicacion, dependencias, usuario, timezone.localdate())
    aplicacion.avisadas = aplicacion.reparto is not None
    return aplicacion


@transaction.atomic
def ampliar_aplicacion(aplicacion, dependencias, usuario=None):
    """Suma a la ronda las instituciones que aún no están en ella.

    Devuelve `(cuántas sumó, reparto)`: si la ronda ya abrió, las nuevas reciben el aviso de
    apertura como las primeras y `reparto` dice a cuáles les llegó (si no, es None).
    """
    # La fila de la ronda bloqueada: dos ampliaciones a la vez no crean respuestas repetidas.
    aplicacion = Aplicacion.objects.select_for_update().get(pk=aplicacion.pk)
    ya_estan = set(aplicacion.respuestas.values_list("dependencia_id", flat=True))
    nuevas = [d for d in dependencias if d.pk not in ya_estan]
    reparto = None
    if nuevas:
        reparto = _crear_respuestas(aplicacion, nuevas, usuario, timezone.localdate())
    return len(nuevas), reparto


def agregar_instituciones(aplicacion, dependencias, usuario=None):
    """Como `ampliar_aplicacion`, pero solo devuelve cuántas instituciones sumó."""
    return ampliar_aplicacion(aplicacion, dependencias, usuario)[0]


@transaction.atomic
def editar_aplicacion(aplicacion, *, nombre, apertura, cierre, instrucciones, usuario):
    """Cambia nombre, fechas e instrucciones; la versión de una ronda nunca cambia."""
    _validar_fechas(apertura, cierre)
    aplicacion = Aplicacion.objects.select_for_update().get(pk=aplicacion.pk)
    aplicacion.nombre = (nombre or "").strip()
    aplicacion.apertura = apertura
    aplicacion.cierre = cierre
    aplicacion.instrucciones = (instrucciones or "").strip()
    aplicacion.full_clean()
    aplicacion._history_user = usuario
    aplicacion.save()
    return aplicacion


# --- Recordatorios -----------------------------------------------------------------------------


def por_recordar(aplicacion=None, hoy=None):
    """Respuestas pendientes de rondas ya abiertas que hoy no han recibido correo."""
    hoy = hoy or timezone.localdate()
    respuestas = Respuesta.objects.filter(
        estado__in=PENDIENTES, aplicacion__apertura__lte=hoy
    ).exclude(recordatorio_en=hoy)
    if aplicacion is not None:
        respuestas = respuestas.filter(aplicacion=aplicacion)
    return respuestas


def recordar(aplicacion=None, hoy=None, *, dry_run=False):
    """Un correo por institución pendiente de cada ronda abierta; devuelve el `Reparto`.

    `reparto.enviados` son las respuestas cuyas instituciones recibieron el recordatorio y
    `reparto.sin_cuenta`, las instituciones pendientes sin persona responsable con correo.
    Nunca dos el mismo día a la misma respuesta: las filas se bloquean y se marcan con
    `recordatorio_en` en la misma transacción, así el cron y el botón a la vez no duplican.
    Solo se marcan las respuestas a las que de verdad se escribió. Con `dry_run` solo se
    averigua a quién se le escribiría.
    """
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        respuestas = list(
            por_recordar(aplicacion, hoy)
            .select_for_update(of=("self",))
            .select_related("aplicacion", "dependencia")
            .order_by("aplicacion_id", "dependencia__nombre")
        )
        reparto = repartir(respuestas, lambda r: r.dependencia)
        if dry_run or not reparto.enviados:
            return reparto
        notificaciones.avisar_recordatorios(reparto, hoy, DIAS_AVISO_CIERRE)
        # update() y no save(): marcar el recordatorio no es un cambio de la respuesta que
        # deba quedar en su historial.
        Respuesta.objects.filter(pk__in=[r.pk for r in reparto.enviados]).update(
            recordatorio_en=hoy
        )
    return reparto


def enviar_recordatorios(aplicacion=None, hoy=None, *, dry_run=False):
    """Como `recordar`, pero solo devuelve a cuántas respuestas se les escribió (o, con
    `dry_run`, se les escribiría)."""
    return len(recordar(aplicacion, hoy, dry_run=dry_run).enviados)


# --- Revisión de la Coordinación -----------------------------------------------------------------


def _bloquear(respuesta):
    return (
        Respuesta.objects.select_for_update(of=("self",))
        .select_related("aplicacion__version", "dependencia")
        .get(pk=respuesta.pk)
    )


def _fecha(valor):
    return date_format(timezone.localtime(valor), "d/m/Y H:i") if valor else "—"


@transaction.atomic
def devolver(respuesta, *, observaciones, usuario):
    """Devuelve una respuesta enviada con observaciones: la institución puede corregirla."""
    observaciones = (observaciones or "").strip()
    respuesta = _bloquear(respuesta)
    if respuesta.estado == Estado.DEVUELTA:
        raise SinCambios(
            _("La respuesta ya se había devuelto con observaciones; no se volvió a devolver.")
        )
    if respuesta.estado != Estado.ENVIADA:
        raise ValidationError(
            _("Solo se devuelve una respuesta enviada; esta está «%(estado)s».")
            % {"estado": respuesta.get_estado_display()}
        )
    if not observaciones:
        raise ValidationError(
            _("Escriba las observaciones: la institución necesita saber qué corregir.")
        )
    respuesta.estado = Estado.DEVUELTA
    respuesta.observaciones = observaciones
    respuesta.devuelta_en = timezone.now()
    respuesta.devuelta_por = usuario
    respuesta._history_user = usuario
    respuesta._change_reason = "devolucion"
    respuesta.save(update_fields=["estado", "observaciones", "devuelta_en", "devuelta_por"])
    notificaciones.avisar_devolucion(respuesta)
    return respuesta


@transaction.atomic
def aceptar(respuesta, *, usuario):
    """Acepta una respuesta enviada, guarda sus índices recalculados con los valores finales y
    redacta sus propuestas (`diagnosticos.propuestas.redactar`)."""
    respuesta = _bloquear(respuesta)
    if respuesta.estado == Estado.ACEPTADA:
        raise SinCambios(
            _("La respuesta ya estaba aceptada desde el %(fecha)s; no se volvió a aceptar.")
            % {"fecha": _fecha(respuesta.aceptada_en)}
        )
    if respuesta.estado != Estado.ENVIADA:
        raise ValidationError(
            _("Solo se acepta una respuesta enviada; esta está «%(estado)s».")
            % {"estado": respuesta.get_estado_display()}
        )
    Estructura(respuesta.aplicacion.version).actualizar(respuesta)
    respuesta.estado = Estado.ACEPTADA
    respuesta.aceptada_en = timezone.now()
    respuesta.aceptada_por = usuario
    respuesta._history_user = usuario
    respuesta._change_reason = "aceptacion"
    respuesta.save(
        update_fields=["estado", "aceptada_en", "aceptada_por", "avance", "indice", "indices"]
    )
    propuestas.redactar(respuesta, usuario)
    notificaciones.avisar_aceptacion(respuesta)
    return respuesta


def devoluciones(respuesta, tope=200):
    """Las devoluciones de una respuesta (más reciente primero), desde su historial."""
    return list(
        respuesta.history.filter(history_change_reason="devolucion")
        .select_related("history_user")
        .order_by("-history_date")[:tope]
    )
