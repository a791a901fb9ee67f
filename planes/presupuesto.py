"""Las sumas del presupuesto para la igualdad: la única casa de estas cuentas.

Reglas:

- Cuenta el plan aprobado del año de cada unidad: su última versión aprobada
  (`avance.planes_en_seguimiento`), como el seguimiento trimestral. Los borradores, los planes
  en revisión y las modificaciones aún no aprobadas no cuentan.
- Una actividad tiene presupuesto si nombra un programa presupuestario o un monto aprobado.
- Lo aprobado es la suma de `Actividad.monto_aprobado`; lo ejercido, la suma de
  `Seguimiento.monto_ejercido` de los informes trimestrales ya enviados de ese plan (al aprobar
  una modificación, el seguimiento pasa a la nueva versión con sus montos).
- El porcentaje ejercido es ejercido ÷ aprobado (`uig_portal.lib.cifras`); sin aprobado, no hay
  porcentaje.
- Por estrategia del PED, una actividad alineada con dos estrategias cuenta completa en las
  dos: esa tabla no suma el total.

Cada cuenta hace las mismas pocas consultas con 3 o con 3,000 instituciones: se leen valores
(no objetos) y se agrupan en Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from planes.avance import planes_en_seguimiento
from planes.modelos_presupuesto import MODALIDADES, ProgramaPresupuestario
from planes.models import (
    Actividad,
    Alineacion,
    InformeTrimestral,
    PlanTrabajo,
    Seguimiento,
    TipoContribucion,
)
from planes.services import orden_de_clave
from uig_portal.lib.cifras import porcentaje_exacto

CERO = Decimal(0)
CON_PRESUPUESTO = Q(programa__isnull=False) | Q(monto_aprobado__isnull=False)


@dataclass
class Renglon:
    """Una fila de una tabla del presupuesto: lo aprobado y lo ejercido de un grupo."""

    clave: object
    etiqueta: str
    #: Columnas propias de la tabla (siglas, unidad responsable, modalidad…).
    detalle: dict = field(default_factory=dict)
    aprobado: Decimal = CERO
    ejercido: Decimal = CERO
    actividades: int = 0

    @property
    def porcentaje(self):
        """El porcentaje ejercido (Decimal con un decimal), o None si no hay aprobado."""
        return porcentaje_exacto(self.ejercido, self.aprobado)

    def sumar(self, actividad):
        self.aprobado += actividad.aprobado
        self.ejercido += actividad.ejercido
        self.actividades += 1


@dataclass(slots=True)
class ActividadConPresupuesto:
    pk: int
    plan_id: int
    plan_version: int
    dependencia_id: int
    institucion: str
    siglas: str
    descripcion: str
    eje: str
    tipo_contribucion: str
    programa_id: int | None
    programa_clave: str
    programa_nombre: str
    unidad_responsable: str
    aprobado: Decimal
    #: {trimestre: monto ejercido} de los informes enviados.
    ejercido_por_trimestre: dict = field(default_factory=dict)
    #: [(clave, descripción)] de las estrategias del PED con que se alinea.
    estrategias: list = field(default_factory=list)
    #: La suma de `ejercido_por_trimestre` (se calcula al crearla).
    ejercido: Decimal = field(init=False)

    def __post_init__(self):
        self.ejercido = sum(self.ejercido_por_trimestre.values(), CERO)

    @property
    def porcentaje(self):
        return porcentaje_exacto(self.ejercido, self.aprobado)

    @property
    def eje_legible(self):
        return Actividad.Eje(self.eje).label if self.eje else _("Sin eje")

    @property
    def contribucion_legible(self):
        return (
            TipoContribucion(self.tipo_contribucion).label
            if self.tipo_contribucion
            else _("Sin clasificar")
        )


@dataclass
class Presupuesto:
    anio: int
    #: Cuántas unidades tienen plan aprobado en el año (con o sin presupuesto).
    planes_aprobados: int
    actividades: list
    total: Renglon
    por_institucion: list
    por_programa: list
    por_estrategia: list
    por_eje: list
    por_contribucion: list

    @property
    def vacio(self):
        return not self.actividades

    @property
    def planes_con_presupuesto(self):
        return len({a.plan_id for a in self.actividades})

    @property
    def en_varias_estrategias(self):
        """Cuántas actividades cuentan en más de una estrategia del PED."""
        return sum(1 for a in self.actividades if len(a.estrategias) > 1)


# --- Consultas ------------------------------------------------------------------------------


def planes_del_anio(anio):
    """Los planes que cuentan en el presupuesto de `anio`: el aprobado vigente de cada unidad."""
    return planes_en_seguimiento(PlanTrabajo.objects.filter(anio=anio))


def ejercido_por_actividad(actividades):
    """{actividad_id: {trimestre: monto}} de los informes enviados; `actividades` es un
    queryset de actividades (se usa como subconsulta). Una consulta."""
    ejercido = defaultdict(dict)
    filas = Seguimiento.objects.filter(
        actividad__in=actividades.values("pk"),
        informe__estado=InformeTrimestral.Estado.ENVIADO,
        monto_ejercido__isnull=False,
    ).values_list("actividad_id", "informe__trimestre", "monto_ejercido")
    for actividad_id, trimestre, monto in filas:
        ejercido[actividad_id][trimestre] = monto
    return ejercido


def _estrategias_por_actividad(actividades):
    """{actividad_id: [(clave, descripción)]} de la alineación con el PED. Una consulta."""
    estrategias = defaultdict(list)
    filas = Actividad.alineaciones.through.objects.filter(
        actividad__in=actividades.values("pk"), alineacion__tipo=Alineacion.Tipo.PED
    ).values_list("actividad_id", "alineacion__clave", "alineacion__descripcion")
    for actividad_id, clave, descripcion in filas:
        estrategias[actividad_id].append((clave, descripcion))
    for lista in estrategias.values():
        if len(lista) > 1:
            lista.sort(key=lambda e: orden_de_clave(e[0]))
    return estrategias


CAMPOS = [
    "pk", "plan_id", "plan__version", "plan__unidad__dependencia_id",
    "plan__unidad__dependencia__nombre", "plan__unidad__dependencia__siglas", "descripcion",
    "eje", "tipo_contribucion", "monto_aprobado", "programa_id", "programa__clave",
    "programa__nombre", "programa__unidad_responsable",
]  # fmt: skip


def actividades_con_presupuesto(actividades):
    """Las actividades del queryset que nombran programa o monto, con lo ejercido y su
    estrategia del PED: tres consultas."""
    actividades = actividades.filter(CON_PRESUPUESTO)
    ejercido = ejercido_por_actividad(actividades)
    estrategias = _estrategias_por_actividad(actividades)
    filas = actividades.order_by(
        "plan__unidad__dependencia__nombre", "plan_id", "orden", "pk"
    ).values_list(*CAMPOS, named=True)
    return [
        ActividadConPresupuesto(
            pk=f.pk,
            plan_id=f.plan_id,
            plan_version=f.plan__version,
            dependencia_id=f.plan__unidad__dependencia_id,
            institucion=f.plan__unidad__dependencia__nombre,
            siglas=f.plan__unidad__dependencia__siglas,
            descripcion=f.descripcion,
            eje=f.eje,
            tipo_contribucion=f.tipo_contribucion,
            programa_id=f.programa_id,
            programa_clave=f.programa__clave or "",
            programa_nombre=f.programa__nombre or "",
            unidad_responsable=f.programa__unidad_responsable or "",
            aprobado=f.monto_aprobado or CERO,
            ejercido_por_trimestre=ejercido.get(f.pk, {}),
            estrategias=estrategias.get(f.pk, []),
        )
        for f in filas
    ]


# --- Agrupaciones ---------------------------------------------------------------------------


def _agrupar(actividades, llaves, crear):
    """{clave: Renglon} sumando cada actividad en los grupos `llaves(actividad)` (una lista de
    claves). `crear(clave, actividad)` da (etiqueta, detalle) de un grupo nuevo: se llama una
    vez por grupo y no por actividad (las etiquetas se traducen, y eso cuesta con miles)."""
    grupos = {}
    for actividad in actividades:
        for clave in llaves(actividad):
            renglon = grupos.get(clave)
            if renglon is None:
                renglon = grupos[clave] = Renglon(clave, *crear(clave, actividad))
            renglon.sumar(actividad)
    return grupos


def _por_institucion(actividades):
    grupos = _agrupar(
        actividades,
        lambda a: [a.dependencia_id],
        lambda _clave, a: (a.institucion, {"siglas": a.siglas}),
    )
    return sorted(grupos.values(), key=lambda r: r.etiqueta.casefold())


def _programa(clave, a):
    if clave is None:
        etiqueta = _("Sin programa presupuestario")
        return etiqueta, {"nombre": etiqueta}
    detalle = {
        "clave": a.programa_clave,
        "nombre": a.programa_nombre,
        "unidad_responsable": a.unidad_responsable,
        "modalidad": str(MODALIDADES.get(a.programa_clave[:1], "")),
    }
    return f"{a.programa_clave} {a.programa_nombre}", detalle


def _por_programa(actividades):
    grupos = _agrupar(actividades, lambda a: [a.programa_id], _programa)
    return sorted(grupos.values(), key=lambda r: (r.clave is None, r.detalle.get("clave", "")))


def _estrategia(clave, a):
    if clave is None:
        etiqueta = _("Sin estrategia del PED")
        return etiqueta, {"descripcion": etiqueta}
    descripcion = dict(a.estrategias)[clave]
    return f"{clave}. {descripcion}", {"clave": clave, "descripcion": descripcion}


def _por_estrategia(actividades):
    grupos = _agrupar(actividades, lambda a: [c for c, _d in a.estrategias] or [None], _estrategia)
    return sorted(grupos.values(), key=lambda r: (r.clave is None, orden_de_clave(r.clave or "")))


def _por_eje(actividades):
    orden = {eje.value: n for n, eje in enumerate(Actividad.Eje)}
    grupos = _agrupar(actividades, lambda a: [a.eje], lambda _c, a: (a.eje_legible, {}))
    return sorted(grupos.values(), key=lambda r: orden.get(r.clave, len(orden)))


def _por_contribucion(actividades):
    orden = {tipo.value: n for n, tipo in enumerate(TipoContribucion)}
    grupos = _agrupar(
        actividades, lambda a: [a.tipo_contribucion], lambda _c, a: (a.contribucion_legible, {})
    )
    return sorted(grupos.values(), key=lambda r: orden.get(r.clave, len(orden)))


def presupuesto_del_anio(anio):
    """El presupuesto para la igualdad de `anio` en todas sus agrupaciones. Cuatro consultas."""
    planes = planes_del_anio(anio)
    actividades = actividades_con_presupuesto(
        Actividad.objects.filter(plan__in=planes.values("pk"))
    )
    total = Renglon("total", _("Total"))
    for actividad in actividades:
        total.sumar(actividad)
    return Presupuesto(
        anio=anio,
        planes_aprobados=planes.count(),
        actividades=actividades,
        total=total,
        por_institucion=_por_institucion(actividades),
        por_programa=_por_programa(actividades),
        por_estrategia=_por_estrategia(actividades),
        por_eje=_por_eje(actividades),
        por_contribucion=_por_contribucion(actividades),
    )


def anios_con_datos():
    """Los ejercicios que tienen programas en el catálogo o planes aprobados con presupuesto,
    del más reciente al más antiguo. Dos consultas."""
    del_catalogo = set(ProgramaPresupuestario.objects.values_list("anio", flat=True).distinct())
    de_planes = set(
        Actividad.objects.filter(CON_PRESUPUESTO, plan__estado=PlanTrabajo.Estado.APROBADO)
        .values_list("plan__anio", flat=True)
        .distinct()
    )
    return sorted(del_catalogo | de_planes, reverse=True)


# --- Un programa ----------------------------------------------------------------------------


@dataclass
class UsoDelPrograma:
    #: Actividades de los planes aprobados que cuentan en el presupuesto.
    aprobadas: list
    #: Actividades de planes (o modificaciones) aún no aprobados: todavía no cuentan.
    en_proceso: list
    total: Renglon


def uso_del_programa(programa, actividades):
    """Las actividades de `actividades` (un queryset ya acotado a lo que la persona ve) que
    usan el programa: las de planes aprobados, con lo ejercido, y las de planes en
    elaboración o revisión. Cuatro consultas."""
    seguidos = planes_del_anio(programa.anio).values("pk")
    en_proceso = Q(plan__siguiente__isnull=True) & ~Q(plan__estado=PlanTrabajo.Estado.APROBADO)
    base = actividades.filter(programa=programa)
    aprobadas = actividades_con_presupuesto(base.filter(plan__in=seguidos))
    total = Renglon("total", _("Total"))
    for actividad in aprobadas:
        total.sumar(actividad)
    pendientes = list(
        base.filter(en_proceso)
        .select_related("plan__unidad__dependencia")
        .order_by("plan__unidad__dependencia__nombre", "orden", "pk")
    )
    return UsoDelPrograma(aprobadas=aprobadas, en_proceso=pendientes, total=total)
