"""Cuentas del seguimiento trimestral: avance de cada actividad y del plan, estado de cada
trimestre, lo que falta para enviar un informe y los informes atrasados.

Las funciones de avance son puras: reciben las actividades y los seguimientos ya cargados y no
consultan la base, así que una página hace las mismas consultas con 3 o con 300 actividades.
`hoy` se recibe siempre como argumento para que las cuentas no dependan del reloj.

Reglas:

- Lo alcanzado a la fecha de un indicador acumulativo es la suma de lo reportado en los
  trimestres; la de uno no acumulativo (p. ej., un porcentaje), el último valor reportado.
- Lo esperado a la fecha es la suma de las metas trimestrales hasta el último trimestre cerrado
  (acumulativo) o la meta de ese trimestre (no acumulativo; sumarlas no tendría sentido).
- Una actividad va con atraso si lo alcanzado es menor que lo esperado y no está cancelada.
- El avance del plan es el promedio del porcentaje de la meta anual de sus actividades, sin las
  canceladas ni las que no tienen meta anual; cada actividad cuenta a lo más 100 %, para que
  rebasar una meta no oculte el rezago de otra.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planes.models import TRIMESTRES, InformeTrimestral, PlanTrabajo, Seguimiento
from uig_portal.lib.cifras import porcentaje_exacto

CIEN = Decimal(100)
UN_DECIMAL = Decimal("0.1")
NOMBRES_TRIMESTRE = dict(TRIMESTRES)


# --- Fechas de los trimestres -------------------------------------------------------------


def inicio_trimestre(anio: int, trimestre: int) -> date:
    return date(anio, 3 * trimestre - 2, 1)


def fin_trimestre(anio: int, trimestre: int) -> date:
    siguiente = date(anio + 1, 1, 1) if trimestre == 4 else date(anio, 3 * trimestre + 1, 1)
    return siguiente - timedelta(days=1)


def trimestre_iniciado(anio: int, trimestre: int, hoy: date) -> bool:
    """Un trimestre se puede reportar desde su primer día."""
    return inicio_trimestre(anio, trimestre) <= hoy


def trimestres_cerrados(anio: int, hoy: date) -> int:
    """Cuántos trimestres del año ya terminaron (0 a 4) al día `hoy`."""
    return sum(1 for t in range(1, 5) if fin_trimestre(anio, t) < hoy)


# --- Estado de cada trimestre -------------------------------------------------------------


@dataclass(frozen=True)
class EstadoTrimestre:
    clave: str
    etiqueta: str
    #: Color de Bootstrap para la insignia.
    clase: str


ESTADOS_TRIMESTRE = {
    "no_iniciado": (gettext_lazy("No iniciado"), "secondary"),
    "en_captura": (gettext_lazy("En captura"), "info"),
    "a_tiempo": (gettext_lazy("Enviado a tiempo"), "success"),
    "con_retraso": (gettext_lazy("Enviado con retraso"), "warning"),
    "vencido": (gettext_lazy("Vencido sin enviar"), "danger"),
}


def _estado(clave):
    etiqueta, clase = ESTADOS_TRIMESTRE[clave]
    return EstadoTrimestre(clave, str(etiqueta), clase)


def estado_trimestre(
    anio: int, trimestre: int, informe: InformeTrimestral | None, hoy: date
) -> EstadoTrimestre:
    """No iniciado, en captura, enviado a tiempo o con retraso, o vencido sin enviar."""
    if informe is not None and informe.estado == InformeTrimestral.Estado.ENVIADO:
        return _estado("a_tiempo" if informe.a_tiempo else "con_retraso")
    if hoy > InformeTrimestral.fecha_limite(anio, trimestre):
        return _estado("vencido")
    if informe is not None:
        return _estado("en_captura")
    return _estado("no_iniciado")


# --- Avance de las actividades ------------------------------------------------------------


#: El porcentaje del avance es Decimal (se compara y se suma con metas Decimal), con la
#: misma regla de redondeo que todo el portal.
porcentaje = porcentaje_exacto


def esperado_a_la_fecha(actividad, cerrados: int) -> Decimal:
    """Lo que la actividad debía llevar al cierre del trimestre `cerrados` (0 si ninguno)."""
    metas = actividad.metas_trimestrales[:cerrados]
    if actividad.acumulativa:
        return sum((m for m in metas if m is not None), Decimal(0))
    definidas = [m for m in metas if m is not None]
    return definidas[-1] if definidas else Decimal(0)


@dataclass
class AvanceActividad:
    actividad: object
    #: {trimestre: Seguimiento} de los trimestres considerados.
    seguimientos: dict
    #: Lo alcanzado a la fecha; None si no se ha reportado ningún valor.
    alcanzado: Decimal | None
    #: Porcentaje real de la meta anual (puede pasar de 100); None si no hay meta anual.
    porcentaje: Decimal | None
    esperado: Decimal
    porcentaje_esperado: Decimal | None
    #: Estado del último seguimiento capturado (valor de Seguimiento.Estado) o None.
    estado: str | None
    atrasada: bool

    @property
    def cancelada(self):
        return self.estado == Seguimiento.Estado.CANCELADA

    @property
    def por_trimestre(self):
        """[Seguimiento o None] de los trimestres 1 a 4, para mostrarlos en columnas."""
        return [self.seguimientos.get(t) for t in range(1, 5)]

    @property
    def porcentaje_tope(self):
        """El porcentaje para dibujar barras: a lo más 100."""
        return None if self.porcentaje is None else min(self.porcentaje, CIEN)

    @property
    def estado_etiqueta(self):
        if self.estado is None:
            return _("Sin reporte")
        return Seguimiento.Estado(self.estado).label

    @property
    def situacion(self):
        """(etiqueta, color de Bootstrap) de cómo va respecto de lo programado."""
        if self.cancelada:
            return _("Cancelada"), "secondary"
        if self.atrasada:
            return _("Con atraso"), "danger"
        if self.esperado == 0 and self.alcanzado is None:
            return _("Sin meta a la fecha"), "light"
        return _("A tiempo"), "success"


def avance_actividad(actividad, seguimientos: dict, cerrados: int) -> AvanceActividad:
    """El avance de una actividad con sus seguimientos por trimestre ({trimestre: Seguimiento})."""
    reportados = [
        (t, s.valor_alcanzado)
        for t, s in sorted(seguimientos.items())
        if s.valor_alcanzado is not None
    ]
    if not reportados:
        alcanzado = None
    elif actividad.acumulativa:
        alcanzado = sum((v for _t, v in reportados), Decimal(0))
    else:
        alcanzado = reportados[-1][1]
    ultimo = seguimientos[max(seguimientos)] if seguimientos else None
    estado = ultimo.estado if ultimo is not None else None
    esperado = esperado_a_la_fecha(actividad, cerrados)
    cancelada = estado == Seguimiento.Estado.CANCELADA
    return AvanceActividad(
        actividad=actividad,
        seguimientos=seguimientos,
        alcanzado=alcanzado,
        porcentaje=porcentaje(alcanzado or 0, actividad.meta_anual),
        esperado=esperado,
        porcentaje_esperado=porcentaje(esperado, actividad.meta_anual),
        estado=estado,
        atrasada=not cancelada and (alcanzado or 0) < esperado,
    )


@dataclass
class AvancePlan:
    actividades: list = field(default_factory=list)
    #: Trimestres cerrados que cuentan para lo esperado.
    cerrados: int = 0
    #: Promedio del porcentaje de la meta anual (cada actividad a lo más 100 %).
    porcentaje: Decimal | None = None
    porcentaje_esperado: Decimal | None = None

    @property
    def atrasado(self):
        return (
            self.porcentaje is not None
            and self.porcentaje_esperado is not None
            and self.porcentaje < self.porcentaje_esperado
        )

    @property
    def atrasadas(self):
        return sum(1 for a in self.actividades if a.atrasada)

    @property
    def canceladas(self):
        return sum(1 for a in self.actividades if a.cancelada)


def promedio(valores):
    """Promedio con un decimal de los valores que no son None, o None si no hay ninguno."""
    valores = [v for v in valores if v is not None]
    if not valores:
        return None
    return (sum(valores, Decimal(0)) / len(valores)).quantize(UN_DECIMAL, rounding=ROUND_HALF_UP)


def avance_plan(
    actividades, seguimientos, *, anio: int, hoy: date, hasta_trimestre: int = 4
) -> AvancePlan:
    """El avance de cada actividad y del plan de `anio` a la fecha `hoy`.

    `seguimientos` son los del plan con su `informe` cargado (select_related); se cuentan los
    de los trimestres 1 a `hasta_trimestre` (el PDF de un trimestre mide hasta ese trimestre),
    tanto de informes enviados como en captura.
    """
    cerrados = min(trimestres_cerrados(anio, hoy), hasta_trimestre)
    por_actividad = defaultdict(dict)
    for s in seguimientos:
        if s.informe.trimestre <= hasta_trimestre:
            por_actividad[s.actividad_id][s.informe.trimestre] = s
    avances = [avance_actividad(a, por_actividad[a.pk], cerrados) for a in actividades]
    cuentan = [a for a in avances if not a.cancelada and a.porcentaje is not None]
    return AvancePlan(
        actividades=avances,
        cerrados=cerrados,
        porcentaje=promedio(a.porcentaje_tope for a in cuentan),
        porcentaje_esperado=promedio(min(a.porcentaje_esperado, CIEN) for a in cuentan),
    )


# --- Envío de un informe ------------------------------------------------------------------


def faltantes_para_enviar(actividades, seguimientos) -> list[str]:
    """Lo que impide enviar un informe: por actividad, lo que falta capturar.

    Cada actividad necesita su fila de seguimiento; si está en proceso o concluida, además
    su valor alcanzado (una no iniciada puede ir sin valor, y una cancelada, con su motivo).
    """
    por_actividad = {s.actividad_id: s for s in seguimientos}
    faltan = []
    for numero, actividad in enumerate(actividades, start=1):
        s = por_actividad.get(actividad.pk)
        nombre = _("Actividad %(n)s («%(actividad)s»)") % {
            "n": numero,
            "actividad": str(actividad)[:60],
        }
        if s is None:
            faltan.append(_("%(actividad)s: falta capturar su avance.") % {"actividad": nombre})
        elif s.estado == Seguimiento.Estado.CANCELADA:
            if not s.motivo_cancelacion.strip():
                faltan.append(
                    _("%(actividad)s: falta el motivo de la cancelación.") % {"actividad": nombre}
                )
        elif s.estado != Seguimiento.Estado.NO_INICIADA and s.valor_alcanzado is None:
            faltan.append(_("%(actividad)s: falta el valor alcanzado.") % {"actividad": nombre})
    return faltan


# --- Planes en seguimiento e informes atrasados -------------------------------------------


def planes_en_seguimiento(planes=None):
    """Los planes aprobados que se siguen: de cada unidad y año, la última versión aprobada.

    Una modificación en captura o en revisión no detiene el seguimiento de la versión
    aprobada anterior.
    """
    planes = PlanTrabajo.objects.all() if planes is None else planes
    aprobada_posterior = PlanTrabajo.objects.filter(
        unidad=OuterRef("unidad"),
        anio=OuterRef("anio"),
        version__gt=OuterRef("version"),
        estado=PlanTrabajo.Estado.APROBADO,
    )
    return planes.filter(estado=PlanTrabajo.Estado.APROBADO).exclude(Exists(aprobada_posterior))


@dataclass(frozen=True)
class InformeAtrasado:
    plan: PlanTrabajo
    trimestre: int
    vence: date
    dias_de_atraso: int
    #: True si el informe ya se empezó a capturar (está en borrador).
    en_captura: bool

    @property
    def nombre_trimestre(self):
        return NOMBRES_TRIMESTRE[self.trimestre]


def informes_atrasados(anio: int, hoy: date | None = None, planes=None) -> list[InformeAtrasado]:
    """Los informes trimestrales vencidos y sin enviar de los planes aprobados de `anio`.

    Uno por plan y trimestre, ordenados por institución y trimestre. `planes` acota la búsqueda
    (p. ej., `PlanTrabajo.objects.visibles_para(usuario)`).
    """
    return _atrasados((anio,), hoy or timezone.localdate(), planes)


def informes_vencidos(hoy: date | None = None, planes=None) -> list[InformeAtrasado]:
    """Todos los informes trimestrales vencidos y sin enviar a la fecha `hoy`.

    La única definición de «informe vencido» que usan el tablero, los pendientes de cada
    institución, los avisos y el recordatorio diario: los del año en curso y los del anterior,
    porque el informe del cuarto trimestre vence en enero del año siguiente.
    """
    hoy = hoy or timezone.localdate()
    return _atrasados((hoy.year - 1, hoy.year), hoy, planes)


def _atrasados(anios, hoy, planes) -> list[InformeAtrasado]:
    """Dos consultas siempre (ninguna si aún no vence ningún trimestre), sin importar cuántos
    planes haya: así las páginas que las usan hacen las mismas consultas con o sin datos."""
    vencidos = {
        anio: [t for t in range(1, 5) if InformeTrimestral.fecha_limite(anio, t) < hoy]
        for anio in anios
    }
    vencidos = {anio: ts for anio, ts in vencidos.items() if ts}
    if not vencidos:
        return []
    seguidos = planes_en_seguimiento(planes).filter(anio__in=list(vencidos))
    estados = {
        (plan_id, trimestre): estado
        for plan_id, trimestre, estado in InformeTrimestral.objects.filter(
            plan__in=seguidos.values("pk")
        ).values_list("plan_id", "trimestre", "estado")
    }
    atrasados = []
    for plan in seguidos.select_related("unidad__dependencia").order_by(
        "unidad__dependencia__nombre", "anio", "pk"
    ):
        for t in vencidos[plan.anio]:
            estado = estados.get((plan.pk, t))
            if estado == InformeTrimestral.Estado.ENVIADO:
                continue
            vence = InformeTrimestral.fecha_limite(plan.anio, t)
            atrasados.append(
                InformeAtrasado(
                    plan=plan,
                    trimestre=t,
                    vence=vence,
                    dias_de_atraso=(hoy - vence).days,
                    en_captura=estado is not None,
                )
            )
    return atrasados
