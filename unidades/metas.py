"""La meta de instalación: cuántas instituciones vigentes tienen su Unidad instalada, hacia el 100 %.

Una unidad cuenta como instalada si su estado es «instalada» u «operando»
(`Unidad.ESTADOS_INSTALADA`). Todas las cifras son sobre las instituciones vigentes, sin
importar quién las pide: son agregados sin datos personales.

Todo sale de dos consultas agregadas, sin importar cuántas instituciones o sectores haya:
una agrupa por tipo, sector, estado y modalidad, y la otra cuenta las instalaciones por fecha.
La lista de instituciones que faltan es un QuerySet aparte, para paginarlo.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Case, Count, DateField, F, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _

from uig_portal.lib.cifras import porcentaje
from unidades.models import Dependencia, Unidad

META = 100
#: La tendencia abarca al menos un año y a lo más tres.
MESES_MINIMOS = 12
MESES_MAXIMOS = 36


@dataclass(frozen=True)
class Avance:
    """Instituciones vigentes de un grupo y cuántas tienen su unidad instalada."""

    nombre: str
    total: int
    instaladas: int
    clave: str = ""

    @property
    def faltan(self):
        return self.total - self.instaladas

    @property
    def porcentaje(self):
        return porcentaje(self.instaladas, self.total)


@dataclass(frozen=True)
class ConteoEstado:
    """Instituciones en un estado del ciclo, con el desglose por modalidad."""

    clave: str
    nombre: str
    total: int
    unidad: int
    enlace: int
    de_todas: int

    @property
    def porcentaje(self):
        return porcentaje(self.total, self.de_todas)

    @property
    def es_instalada(self):
        return self.clave in Unidad.ESTADOS_INSTALADA


@dataclass(frozen=True)
class MesTendencia:
    """Cómo iba la meta al cierre de un mes."""

    mes: date  # primer día del mes
    nuevas: int
    acumuladas: int
    total: int

    @property
    def porcentaje(self):
        return porcentaje(self.acumuladas, self.total)

    @property
    def cierre(self):
        """Último día del mes."""
        return sumar_meses(self.mes, 1) - timedelta(days=1)

    @property
    def nombre(self):
        """«enero de 2025»."""
        return f"{str(MONTHS[self.mes.month]).lower()} de {self.mes.year}"

    @property
    def nombre_corto(self):
        """«ene 2025», para el eje de la gráfica."""
        return f"{str(MONTHS_3[self.mes.month]).lower()} {self.mes.year}"


@dataclass
class MetaInstalacion:
    """Todas las cifras de la meta de instalación en una fecha."""

    fecha: date
    general: Avance
    por_tipo: list[Avance]
    por_sector: list[Avance]
    por_estado: list[ConteoEstado]
    por_modalidad: list[Avance]
    tendencia: list[MesTendencia]
    #: Unidades instaladas sin fecha de instalación registrada: se suman en el mes en curso.
    instaladas_sin_fecha: int = 0
    meta: int = field(default=META)

    @property
    def sin_instalar(self):
        return self.general.faltan


def sectores_principales(meta: MetaInstalacion, n: int) -> list[Avance]:
    """Los `n` sectores con más instituciones vigentes, del mayor al menor avance.

    Para un resumen de una página: los sectores grandes pesan más en la meta que los de una
    sola institución, que con una unidad instalada ya están al 100 %.
    """
    grandes = sorted(meta.por_sector, key=lambda a: (-a.total, a.nombre))[:n]
    return sorted(grandes, key=lambda a: (-a.porcentaje, -a.total, a.nombre))


def sumar_meses(mes: date, n: int) -> date:
    """El primer día del mes que está `n` meses después (o antes, si es negativo)."""
    indice = mes.year * 12 + (mes.month - 1) + n
    return date(indice // 12, indice % 12 + 1, 1)


def meta_de_instalacion(hoy: date | None = None, *, al: date | None = None) -> MetaInstalacion:
    """Calcula la meta de instalación con dos consultas agregadas.

    Con `al` anterior a hoy, el estado de cada unidad es el que tenía ese día según las fechas
    registradas de cada paso (las cifras de un año pasado no cambian con lo que pasó después).
    """
    hoy = hoy or timezone.localdate()
    grupos = _grupos(al if al is not None and al < hoy else None)
    general = Avance(
        nombre=_("Instituciones vigentes"),
        total=sum(grupos.values()),
        instaladas=sum(n for (_t, _s, estado, _m), n in grupos.items() if _instalada(estado)),
    )
    return MetaInstalacion(
        fecha=hoy,
        general=general,
        por_tipo=_avance_por(grupos, 0, Dependencia.Tipo.choices),
        por_sector=sorted(
            _avance_por(grupos, 1),
            key=lambda a: (-a.porcentaje, -a.total, a.nombre),
        ),
        por_estado=_por_estado(grupos, general.total),
        por_modalidad=_avance_por(grupos, 3, Unidad.Modalidad.choices),
        **_tendencia(hoy, general.total),
    )


def _instalada(estado):
    return estado in Unidad.ESTADOS_INSTALADA


def _grupos(al=None):
    """{(tipo, sector, estado, modalidad): instituciones vigentes}, en una consulta; con `al`,
    el estado de cada unidad ese día.

    Una institución sin unidad (no debería haberla: se crea con la institución) cuenta como
    una unidad sin iniciar, que es como `UnidadQuerySet.asegurar_para` la crearía.
    """
    consulta = Dependencia.objects.vigentes()
    campo_estado = "unidad__estado"
    if al is not None:
        consulta = consulta.annotate(estado_al=Unidad.estado_al(al, prefijo="unidad__"))
        campo_estado = "estado_al"
    filas = (
        consulta.values_list("tipo", "sector", campo_estado, "unidad__modalidad")
        .annotate(n=Count("pk"))
        .order_by()
    )
    grupos = Counter()
    for tipo, sector, estado, modalidad, n in filas:
        clave = (
            tipo,
            sector,
            estado or Unidad.Estado.SIN_INICIAR,
            modalidad or Unidad.Modalidad.UNIDAD,
        )
        grupos[clave] += n
    return grupos


def _avance_por(grupos, posicion, opciones=None):
    """Un Avance por cada valor de la posición dada de la clave; con `opciones`, todos
    los valores posibles en su orden (también los que tienen cero)."""
    totales, instaladas = Counter(), Counter()
    for clave, n in grupos.items():
        totales[clave[posicion]] += n
        if _instalada(clave[2]):
            instaladas[clave[posicion]] += n
    if opciones is None:
        opciones = [(valor, valor) for valor in totales]
    return [
        Avance(
            nombre=str(etiqueta), total=totales[valor], instaladas=instaladas[valor], clave=valor
        )
        for valor, etiqueta in opciones
    ]


def _por_estado(grupos, de_todas):
    por_estado = defaultdict(Counter)
    for (_tipo, _sector, estado, modalidad), n in grupos.items():
        por_estado[estado][modalidad] += n
    return [
        ConteoEstado(
            clave=estado.value,
            nombre=str(estado.label),
            total=sum(por_estado[estado].values()),
            unidad=por_estado[estado][Unidad.Modalidad.UNIDAD],
            enlace=por_estado[estado][Unidad.Modalidad.ENLACE],
            de_todas=de_todas,
        )
        for estado in Unidad.Estado
    ]


def meses_de_la_tendencia(hoy: date, primera: date | None) -> list[date]:
    """Del mes de la primera instalación (o de hace 11 meses, lo que sea antes) al actual,
    con un máximo de 36 meses."""
    actual = hoy.replace(day=1)
    inicio = sumar_meses(actual, -(MESES_MINIMOS - 1))
    if primera is not None:
        inicio = min(inicio, primera.replace(day=1))
    inicio = max(inicio, sumar_meses(actual, -(MESES_MAXIMOS - 1)))
    meses = []
    mes = inicio
    while mes <= actual:
        meses.append(mes)
        mes = sumar_meses(mes, 1)
    return meses


def _tendencia(hoy, total):
    """Instituciones vigentes con unidad instalada al cierre de cada mes, en una consulta.

    La fecha es la de instalación (o, si falta, la de inicio de operación). Una unidad
    instalada sin ninguna de las dos, o con una fecha futura, se cuenta en el mes en curso:
    seguro estaba instalada al cierre de este mes, y así el último mes coincide con la cifra
    general.
    """
    por_fecha = (
        Unidad.objects.instaladas()
        .filter(dependencia__vigente=True)
        .annotate(fecha=Coalesce("fecha_instalada", "fecha_operando"))
        .values_list("fecha")
        .annotate(n=Count("pk"))
        .order_by()
    )
    actual = hoy.replace(day=1)
    por_mes = Counter()
    sin_fecha = 0
    for fecha, n in por_fecha:
        if fecha is None:
            sin_fecha += n
            por_mes[actual] += n
        else:
            por_mes[min(fecha.replace(day=1), actual)] += n
    meses = meses_de_la_tendencia(hoy, min(por_mes) if por_mes else None)
    # Lo instalado antes del primer mes mostrado forma parte de su acumulado.
    acumuladas = sum(n for mes, n in por_mes.items() if mes < meses[0])
    tendencia = []
    for mes in meses:
        acumuladas += por_mes[mes]
        tendencia.append(
            MesTendencia(mes=mes, nuevas=por_mes[mes], acumuladas=acumuladas, total=total)
        )
    return {"tendencia": tendencia, "instaladas_sin_fecha": sin_fecha}


def instituciones_sin_instalar():
    """Las instituciones vigentes cuya unidad aún no está instalada, por nombre.

    Anota `desde`: la fecha en que la unidad llegó a su estado actual (vacía si no ha
    iniciado).
    """
    return (
        Dependencia.objects.vigentes()
        .exclude(unidad__estado__in=Unidad.ESTADOS_INSTALADA)
        .select_related("unidad")
        .annotate(
            desde=Case(
                *(
                    When(unidad__estado=estado, then=F(f"unidad__{campo}"))
                    for estado, campo in Unidad.CAMPO_FECHA.items()
                    if estado not in Unidad.ESTADOS_INSTALADA
                ),
                default=None,
                output_field=DateField(),
            )
        )
        .order_by("nombre")
    )


def hojas_de_la_meta(meta: MetaInstalacion):
    """Las hojas del XLSX de la meta, como (título, encabezados, filas) para `libro_xlsx`.

    Los porcentajes van como números (50.0, no «50 %») para que se puedan graficar y sumar.
    """
    encabezados_avance = [
        _("Instituciones vigentes"),
        _("Con unidad instalada"),
        _("Sin unidad instalada"),
        _("Avance (%)"),
    ]

    def fila_avance(a):
        return [a.nombre, a.total, a.instaladas, a.faltan, a.porcentaje]

    general = meta.general
    resumen = [
        [_("Fecha de las cifras"), meta.fecha],
        [_("Instituciones vigentes"), general.total],
        [_("Con unidad instalada (instalada u operando)"), general.instaladas],
        [_("Sin unidad instalada"), general.faltan],
        [_("Avance (%)"), general.porcentaje],
        [_("Meta (%)"), meta.meta],
    ]
    resumen += [[_("Modalidad: %(m)s") % {"m": m.nombre}, m.total] for m in meta.por_modalidad]
    if meta.instaladas_sin_fecha:
        resumen.append([_("Unidades instaladas sin fecha registrada"), meta.instaladas_sin_fecha])
    etiquetas_estado = dict(Unidad.Estado.choices)
    etiquetas_modalidad = dict(Unidad.Modalidad.choices)
    etiquetas_tipo = dict(Dependencia.Tipo.choices)
    sin_instalar = instituciones_sin_instalar().values_list(
        "nombre", "siglas", "tipo", "sector", "unidad__estado", "unidad__modalidad", "desde"
    )
    return [
        (_("Resumen"), [_("Concepto"), _("Valor")], resumen),
        (_("Por tipo"), [_("Tipo"), *encabezados_avance], map(fila_avance, meta.por_tipo)),
        (
            _("Por sector"),
            [_("Sector coordinador"), *encabezados_avance],
            map(fila_avance, meta.por_sector),
        ),
        (
            _("Por estado"),
            [
                _("Estado"),
                _("Instituciones"),
                _("Con unidad completa"),
                _("Con enlace"),
                _("% de las vigentes"),
            ],
            [[e.nombre, e.total, e.unidad, e.enlace, e.porcentaje] for e in meta.por_estado],
        ),
        (
            _("Tendencia mensual"),
            [
                _("Mes"),
                _("Al cierre del"),
                _("Instaladas en el mes"),
                _("Instaladas acumuladas"),
                _("Avance (%)"),
            ],
            [[m.nombre, m.cierre, m.nuevas, m.acumuladas, m.porcentaje] for m in meta.tendencia],
        ),
        (
            _("Sin instalar"),
            [
                _("Institución"),
                _("Siglas"),
                _("Tipo"),
                _("Sector coordinador"),
                _("Estado"),
                _("Modalidad"),
                _("Desde"),
            ],
            (
                [
                    nombre,
                    siglas,
                    str(etiquetas_tipo.get(tipo, tipo)),
                    sector,
                    str(etiquetas_estado[estado or Unidad.Estado.SIN_INICIAR]),
                    str(etiquetas_modalidad[modalidad or Unidad.Modalidad.UNIDAD]),
                    desde,
                ]
                for nombre, siglas, tipo, sector, estado, modalidad, desde in sin_instalar
            ),
        ),
    ]
