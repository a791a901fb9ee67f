"""El informe anual consolidado: las cifras del año de toda la administración, para archivarlo.

Reúne lo que el portal ya calcula en cada área, con sus mismas definiciones, para que el
informe diga lo mismo que las páginas: la meta de instalación (`unidades.metas`), el avance de
los planes (`planes.avance`), el consolidado del diagnóstico (`diagnosticos.resultados`) y las
estadísticas de capacitación (`capacitacion.estadisticas`). Lo único propio de este módulo son
los resúmenes que ninguna página hacía: la ejecución de todos los planes del año, la comparación
del diagnóstico con la línea base entre las mismas instituciones, las reuniones con sus acuerdos
y la lista de retos.

Las cifras de situación (estado de cada unidad, acuerdos vencidos) son las del día en que se
genera el informe; las del periodo (capacitación, reuniones, asesorías) son del año calendario.
Cada generación se archiva (`InformeAnual`) tal como salió.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pypdf import PdfReader

from capacitacion import estadisticas
from capacitacion.models import Evento
from diagnosticos import puntaje, resultados
from diagnosticos.models import Aplicacion, Respuesta
from difusion.models import InformeAnual
from planes import presupuesto as presupuesto_del_plan
from planes import propuestas as propuestas_del_plan
from planes.avance import NOMBRES_TRIMESTRE, avance_plan, planes_en_seguimiento, promedio
from planes.models import Actividad, InformeTrimestral, PlanTrabajo, Seguimiento
from uig_portal.lib.cifras import porcentaje
from uig_portal.lib.graficas import (
    Barra,
    formato_entero,
    formato_porcentaje,
    grafica_barras_horizontales,
    grafica_serie,
)
from uig_portal.lib.pdf import render_pdf
from unidades import metas
from unidades.models import Acuerdo, Asesoria, AsistenciaReunion, Reunion, Unidad
from unidades.models.reuniones import Modalidad

#: Un informe igual (mismo año y retos, misma persona) generado hace menos que esto se toma
#: como un doble clic en «Generar»: se devuelve el que ya existe.
VENTANA_DUPLICADO = timedelta(minutes=2)
#: Reactivos más débiles del diagnóstico que se citan como retos.
REACTIVOS_EN_RETOS = 3
#: Instituciones con más personas capacitadas que se listan.
INSTITUCIONES_EN_CAPACITACION = 10
#: Rangos del avance de los planes (porcentaje de la meta anual).
RANGOS_AVANCE = [(0, 25), (25, 50), (50, 75), (75, 100)]


# --- Planes de trabajo ------------------------------------------------------------------------


@dataclass
class Trimestre:
    numero: int
    nombre: str
    vence: date
    a_tiempo: int = 0
    con_retraso: int = 0
    vencidos: int = 0
    en_plazo: int = 0

    @property
    def enviados(self):
        return self.a_tiempo + self.con_retraso


@dataclass
class SectorPlanes:
    sector: str
    instituciones: int = 0
    aprobados: int = 0
    avances: list = field(default_factory=list)

    @property
    def avance(self):
        return promedio(self.avances)


@dataclass
class Planes:
    instituciones: int
    por_estado: list
    aprobados: int
    en_seguimiento: int = 0
    avance: Decimal | None = None
    esperado: Decimal | None = None
    atrasados: int = 0
    rangos: list = field(default_factory=list)
    actividades: int = 0
    actividades_por_estado: list = field(default_factory=list)
    trimestres: list = field(default_factory=list)
    por_sector: list = field(default_factory=list)

    @property
    def con_plan(self):
        return sum(n for _e, _v, n in self.por_estado)

    @property
    def sin_aprobar(self):
        return self.instituciones - self.aprobados

    @property
    def porcentaje_aprobados(self):
        return porcentaje(self.aprobados, self.instituciones)

    @property
    def informes_vencidos(self):
        return sum(t.vencidos for t in self.trimestres)


def _planes(anio, hoy, sectores):
    """Los planes del año por estado y la ejecución de los aprobados (siete consultas)."""
    del_anio = PlanTrabajo.objects.filter(anio=anio, unidad__dependencia__vigente=True)
    conteo = dict(del_anio.vigentes().values_list("estado").annotate(n=Count("pk")).order_by())
    aprobados_por_sector = dict(
        # Una institución con su plan aprobado y una modificación en curso cuenta una vez.
        planes_en_seguimiento(del_anio)
        .values_list("unidad__dependencia__sector")
        .annotate(n=Count("unidad", distinct=True))
        .order_by()
    )
    instituciones = sum(a.total for a in sectores)
    datos = Planes(
        instituciones=instituciones,
        por_estado=[(e.label, e.value, conteo.get(e.value, 0)) for e in PlanTrabajo.Estado],
        aprobados=sum(aprobados_por_sector.values()),
    )
    por_sector = {
        a.nombre: SectorPlanes(
            sector=a.nombre, instituciones=a.total, aprobados=aprobados_por_sector.get(a.nombre, 0)
        )
        for a in sorted(sectores, key=lambda a: a.nombre)
    }

    seguidos = planes_en_seguimiento(del_anio)
    sector_de = dict(seguidos.values_list("pk", "unidad__dependencia__sector"))
    actividades = defaultdict(list)
    for actividad in Actividad.objects.filter(plan__in=seguidos.values("pk")).order_by(
        "plan_id", "orden", "pk"
    ):
        actividades[actividad.plan_id].append(actividad)
    seguimientos = defaultdict(list)
    for seguimiento in Seguimiento.objects.filter(
        informe__plan__in=seguidos.values("pk")
    ).select_related("informe"):
        seguimientos[seguimiento.informe.plan_id].append(seguimiento)
    informes = {
        (plan_id, trimestre): (estado, enviado_en)
        for plan_id, trimestre, estado, enviado_en in InformeTrimestral.objects.filter(
            plan__in=seguidos.values("pk")
        ).values_list("plan_id", "trimestre", "estado", "enviado_en")
    }

    trimestres = [
        Trimestre(t, str(NOMBRES_TRIMESTRE[t]), InformeTrimestral.fecha_limite(anio, t))
        for t in range(1, 5)
    ]
    rangos = Counter()
    estados = Counter()
    avances = []
    for plan_id, sector in sector_de.items():
        avance = avance_plan(actividades[plan_id], seguimientos[plan_id], anio=anio, hoy=hoy)
        avances.append(avance)
        if sector in por_sector:
            por_sector[sector].avances.append(avance.porcentaje)
        if avance.porcentaje is not None:
            rangos[_rango(avance.porcentaje)] += 1
        for a in avance.actividades:
            estados[a.estado] += 1
        for t in trimestres:
            estado, enviado_en = informes.get((plan_id, t.numero), (None, None))
            if estado == InformeTrimestral.Estado.ENVIADO and enviado_en is not None:
                if timezone.localtime(enviado_en).date() <= t.vence:
                    t.a_tiempo += 1
                else:
                    t.con_retraso += 1
            elif hoy > t.vence:
                t.vencidos += 1
            else:
                t.en_plazo += 1

    datos.en_seguimiento = len(avances)
    datos.avance = promedio(a.porcentaje for a in avances)
    datos.esperado = promedio(a.porcentaje_esperado for a in avances)
    datos.atrasados = sum(1 for a in avances if a.atrasado)
    datos.rangos = [
        (_("De %(de)s a %(a)s %%") % {"de": de, "a": a}, rangos[(de, a)]) for de, a in RANGOS_AVANCE
    ]
    datos.actividades = sum(estados.values())
    datos.actividades_por_estado = [
        (e.label, estados.get(e.value, 0)) for e in Seguimiento.Estado
    ] + [(_("Sin reporte"), estados.get(None, 0))]
    datos.trimestres = trimestres
    datos.por_sector = list(por_sector.values())
    return datos


def _rango(valor):
    for de, a in RANGOS_AVANCE:
        if valor < a:
            return de, a
    return RANGOS_AVANCE[-1]


# --- Diagnóstico ------------------------------------------------------------------------------


@dataclass
class SeccionComparada:
    titulo: str
    promedio: Decimal | None
    n: int
    base: Decimal | None = None
    actual_comparable: Decimal | None = None

    @property
    def cambio(self):
        return puntaje.cambio(self.actual_comparable, self.base)


@dataclass
class Diagnostico:
    ronda: Aplicacion
    consolidado: resultados.Consolidado
    general: SeccionComparada
    secciones: list
    #: Instituciones aceptadas que tienen una línea base anterior a esta ronda.
    comparables: int = 0
    #: Instituciones para las que esta ronda es su línea base.
    primera_vez: int = 0
    mejoraron: int = 0
    empeoraron: int = 0
    sin_cambio: int = 0

    @property
    def tasa(self):
        return self.consolidado.tasa

    @property
    def no_respondieron(self):
        return self.tasa.total - self.tasa.respondidas

    @property
    def seccion_mas_baja(self):
        con_cifra = [s for s in self.secciones if s.promedio is not None]
        return min(con_cifra, key=lambda s: s.promedio, default=None)


def _diagnostico(anio, hoy):
    """La ronda del año abierta hasta el fin del año (o hasta hoy) y su comparación."""
    ronda = Aplicacion.objects.del_anio(anio, al=min(date(anio, 12, 31), hoy))
    if ronda is None:
        return None
    consolidado = resultados.consolidado(ronda)
    aceptadas = [f for f in consolidado.filas if f.estado == Respuesta.Estado.ACEPTADA]
    bases = _lineas_base_anteriores(ronda)
    comparables = [f for f in aceptadas if f.dependencia_id in bases]
    datos = Diagnostico(
        ronda=ronda,
        consolidado=consolidado,
        general=_comparar(
            consolidado.general,
            [(f.indice, resultados.decimal(bases[f.dependencia_id][0])) for f in comparables],
        ),
        secciones=[
            _comparar(
                p,
                [
                    (
                        f.indices.get(p.codigo),
                        resultados.decimal(bases[f.dependencia_id][1].get(p.codigo)),
                    )
                    for f in comparables
                ],
            )
            for p in consolidado.promedios
        ],
        comparables=len(comparables),
        primera_vez=len(aceptadas) - len(comparables),
    )
    for f in comparables:
        cambio = puntaje.cambio(f.indice, resultados.decimal(bases[f.dependencia_id][0]))
        if cambio is None:
            continue
        if cambio > 0:
            datos.mejoraron += 1
        elif cambio < 0:
            datos.empeoraron += 1
        else:
            datos.sin_cambio += 1
    return datos


def _lineas_base_anteriores(ronda):
    """{dependencia_id: (indice, indices)} de la línea base de cada institución aceptada en la
    ronda, solo si esa línea base es de una ronda anterior (una consulta).

    Es la misma definición que `resultados.lineas_base` (la primera respuesta aceptada del
    mismo cuestionario), pero distingue a quienes respondieron por primera vez en esta ronda:
    para ellas no hay cambio que medir, y contarlas con cambio cero lo diluiría.
    """
    filas = (
        Respuesta.objects.aceptadas()
        .filter(
            aplicacion__version__cuestionario_id=ronda.version.cuestionario_id,
            dependencia_id__in=Respuesta.objects.aceptadas()
            .filter(aplicacion=ronda)
            .values("dependencia_id"),
        )
        .order_by("dependencia_id", "aplicacion__apertura", "aplicacion_id")
        .values_list("dependencia_id", "aplicacion__apertura", "aplicacion_id", "indice", "indices")
    )
    actual = (ronda.apertura, ronda.pk)
    primeras = {}
    for dependencia_id, apertura, aplicacion_id, indice, indices in filas:
        primeras.setdefault(dependencia_id, ((apertura, aplicacion_id), indice, indices or {}))
    return {
        dependencia_id: (indice, indices)
        for dependencia_id, (orden, indice, indices) in primeras.items()
        if orden < actual
    }


def _comparar(de_la_ronda, pares):
    """El promedio de la ronda y, entre las instituciones con línea base anterior, el promedio
    de esas mismas instituciones hoy y en su línea base. `pares` son (hoy, en la base)."""
    pares = [(a, b) for a, b in pares if a is not None and b is not None]
    return SeccionComparada(
        titulo=de_la_ronda.titulo,
        promedio=de_la_ronda.promedio,
        n=de_la_ronda.n,
        base=_media(b for _a, b in pares),
        actual_comparable=_media(a for a, _b in pares),
    )


def _media(valores):
    valores = list(valores)
    if not valores:
        return None
    return puntaje.redondear(sum(valores, Decimal(0)) / len(valores))


# --- Reuniones, asesorías y acuerdos -------------------------------------------------------------


@dataclass
class FilaReunion:
    reunion: Reunion
    instituciones: int = 0
    mujeres: int = 0
    hombres: int = 0
    sin_especificar: int = 0
    acuerdos: int = 0
    cumplidos: int = 0

    @property
    def personas(self):
        return self.mujeres + self.hombres + self.sin_especificar


@dataclass
class Reuniones:
    filas: list
    asesorias: int
    asesorias_por_modalidad: list
    instituciones_asesoradas: int
    acuerdos: int
    cumplidos: int
    cumplidos_a_tiempo: int
    pendientes: int
    vencidos: int
    #: Acuerdos vencidos hoy, de cualquier año.
    vencidos_hoy: int

    @property
    def celebradas(self):
        return [f for f in self.filas if f.reunion.celebrada]

    @property
    def total(self):
        """Una fila con la suma de todas las reuniones del año."""
        return FilaReunion(
            reunion=None,
            **{
                campo: sum(getattr(f, campo) for f in self.filas)
                for campo in (
                    "instituciones", "mujeres", "hombres", "sin_especificar", "acuerdos",
                    "cumplidos",
                )
            },
        )  # fmt: skip

    @property
    def personas(self):
        return self.total.personas

    @property
    def en_plazo(self):
        return self.pendientes - self.vencidos

    @property
    def porcentaje_cumplidos(self):
        return porcentaje(self.cumplidos, self.acuerdos)


def _reuniones(anio, hoy):
    reuniones = list(Reunion.objects.filter(fecha__year=anio).order_by("fecha", "pk"))
    filas = {r.pk: FilaReunion(reunion=r) for r in reuniones}
    for f in (
        AsistenciaReunion.objects.filter(reunion__fecha__year=anio)
        .values("reunion_id")
        .annotate(
            instituciones=Count("pk"),
            m=Sum("mujeres"),
            h=Sum("hombres"),
            s=Sum("sin_especificar"),
        )
        .order_by()
    ):
        fila = filas[f["reunion_id"]]
        fila.instituciones, fila.mujeres = f["instituciones"], f["m"] or 0
        fila.hombres, fila.sin_especificar = f["h"] or 0, f["s"] or 0
    del_anio = Acuerdo.objects.filter(Q(reunion__fecha__year=anio) | Q(asesoria__fecha__year=anio))
    for f in (
        del_anio.filter(reunion__isnull=False)
        .values("reunion_id")
        .annotate(n=Count("pk"), cumplidos=Count("pk", filter=Q(estado=Acuerdo.Estado.CUMPLIDO)))
        .order_by()
    ):
        filas[f["reunion_id"]].acuerdos, filas[f["reunion_id"]].cumplidos = f["n"], f["cumplidos"]
    cumplido = Q(estado=Acuerdo.Estado.CUMPLIDO)
    pendiente = Q(estado=Acuerdo.Estado.PENDIENTE)
    acuerdos = del_anio.aggregate(
        total=Count("pk"),
        cumplidos=Count("pk", filter=cumplido),
        a_tiempo=Count(
            "pk",
            filter=cumplido & Q(cumplido_en__isnull=False, cumplido_en__lte=F("fecha_compromiso")),
        ),
        pendientes=Count("pk", filter=pendiente),
        vencidos=Count("pk", filter=pendiente & Q(fecha_compromiso__lt=hoy)),
    )
    asesorias = Asesoria.objects.filter(fecha__year=anio)
    por_modalidad = dict(asesorias.values_list("modalidad").annotate(n=Count("pk")).order_by())
    return Reuniones(
        filas=list(filas.values()),
        asesorias=sum(por_modalidad.values()),
        asesorias_por_modalidad=[(m.label, por_modalidad.get(m.value, 0)) for m in Modalidad],
        instituciones_asesoradas=asesorias.values("dependencia").distinct().count(),
        acuerdos=acuerdos["total"],
        cumplidos=acuerdos["cumplidos"],
        cumplidos_a_tiempo=acuerdos["a_tiempo"],
        pendientes=acuerdos["pendientes"],
        vencidos=acuerdos["vencidos"],
        vencidos_hoy=Acuerdo.objects.abiertos().filter(fecha_compromiso__lt=hoy).count(),
    )


# --- Capacitación -----------------------------------------------------------------------------


@dataclass
class Capacitacion:
    datos: estadisticas.Estadisticas
    eventos: int
    horas: Decimal

    @property
    def principales(self):
        """Las instituciones con más personas capacitadas en el año."""
        con_personas = [c for c in self.datos.por_dependencia if c.personas]
        return sorted(con_personas, key=lambda c: (-c.personas, c.nombre))[
            :INSTITUCIONES_EN_CAPACITACION
        ]


def _capacitacion(anio, usuario):
    filtros = estadisticas.Filtros(desde=date(anio, 1, 1), hasta=date(anio, 12, 31))
    eventos = Evento.objects.filter(
        estado=Evento.Estado.CONCLUIDO, fecha_fin__gte=filtros.desde, fecha_fin__lte=filtros.hasta
    ).aggregate(n=Count("pk"), horas=Sum("horas_totales"))
    return Capacitacion(
        datos=estadisticas.calcular(usuario, filtros),
        eventos=eventos["n"],
        horas=eventos["horas"] or Decimal(0),
    )


# --- El informe completo ----------------------------------------------------------------------


@dataclass
class Informe:
    anio: int
    hoy: date
    generado: object
    instalacion: metas.MetaInstalacion
    instaladas_en_el_anio: int
    planes: Planes
    diagnostico: Diagnostico | None
    capacitacion: Capacitacion
    reuniones: Reuniones
    #: Las propuestas del diagnóstico presentadas a las personas titulares (`planes.propuestas`).
    propuestas: propuestas_del_plan.Cifras = field(default_factory=propuestas_del_plan.Cifras)
    #: Lo aprobado y lo ejercido de los planes aprobados del año (`planes.presupuesto`).
    presupuesto: presupuesto_del_plan.Presupuesto | None = None
    retos_texto: str = ""
    retos: list = field(default_factory=list)


def calcular(anio, *, usuario, hoy=None, retos_texto=""):
    """Todas las cifras del informe de `anio`, vistas por `usuario` (de la Coordinación)."""
    hoy = hoy or timezone.localdate()
    instalacion = metas.meta_de_instalacion(hoy, al=min(date(anio, 12, 31), hoy))
    informe = Informe(
        anio=anio,
        hoy=hoy,
        generado=timezone.localtime(),
        instalacion=instalacion,
        instaladas_en_el_anio=Unidad.objects.filter(
            dependencia__vigente=True, fecha_instalada__year=anio
        ).count(),
        planes=_planes(anio, hoy, instalacion.por_sector),
        diagnostico=_diagnostico(anio, hoy),
        capacitacion=_capacitacion(anio, usuario),
        reuniones=_reuniones(anio, hoy),
        propuestas=propuestas_del_plan.cifras(anio),
        presupuesto=presupuesto_del_plan.presupuesto_del_anio(anio),
        retos_texto=retos_texto.strip(),
    )
    informe.retos = retos_automaticos(informe)
    return informe


def retos_automaticos(informe):
    """Lo que falta, en frases con su cifra: la parte de los retos que sale de los datos."""
    retos = []
    meta = informe.instalacion
    if meta.sin_instalar:
        retos.append(
            _(
                "Instalar la unidad en %(n)s de %(total)s instituciones vigentes "
                "(%(pct)s) para llegar a la meta de %(meta)s %%."
            )
            % {
                "n": formato_entero(meta.sin_instalar),
                "total": formato_entero(meta.general.total),
                "pct": formato_porcentaje(100 - meta.general.porcentaje),
                "meta": meta.meta,
            }
        )
    planes = informe.planes
    if planes.sin_aprobar:
        retos.append(
            ngettext(
                "%(n)s institución no tiene aprobado su plan de trabajo %(anio)s.",
                "%(n)s instituciones no tienen aprobado su plan de trabajo %(anio)s.",
                planes.sin_aprobar,
            )
            % {"n": formato_entero(planes.sin_aprobar), "anio": informe.anio}
        )
    if planes.atrasados:
        retos.append(
            ngettext(
                "%(n)s de %(m)s planes en seguimiento va por debajo del avance esperado.",
                "%(n)s de %(m)s planes en seguimiento van por debajo del avance esperado.",
                planes.atrasados,
            )
            % {"n": formato_entero(planes.atrasados), "m": formato_entero(planes.en_seguimiento)}
        )
    if planes.informes_vencidos:
        retos.append(
            ngettext(
                "%(n)s informe trimestral venció sin enviarse.",
                "%(n)s informes trimestrales vencieron sin enviarse.",
                planes.informes_vencidos,
            )
            % {"n": formato_entero(planes.informes_vencidos)}
        )
    diagnostico = informe.diagnostico
    if diagnostico is not None:
        if diagnostico.no_respondieron:
            retos.append(
                _(
                    "%(n)s de %(m)s instituciones convocadas no han enviado el diagnóstico «%(ronda)s»."
                )
                % {
                    "n": formato_entero(diagnostico.no_respondieron),
                    "m": formato_entero(diagnostico.tasa.total),
                    "ronda": diagnostico.ronda.nombre,
                }
            )
        baja = diagnostico.seccion_mas_baja
        if baja is not None:
            retos.append(
                _("La sección con el promedio más bajo es «%(seccion)s»: %(promedio)s de 100.")
                % {"seccion": baja.titulo, "promedio": baja.promedio}
            )
        debiles = diagnostico.consolidado.debiles[:REACTIVOS_EN_RETOS]
        if debiles:
            retos.append(
                _("Los reactivos con menor puntaje promedio: %(lista)s.")
                % {"lista": "; ".join(f"«{r.texto}» ({r.promedio})" for r in debiles)}
            )
    propuestas = informe.propuestas
    if propuestas.sin_decidir:
        retos.append(
            ngettext(
                "%(n)s de %(m)s propuestas presentadas a las personas titulares sigue sin que la "
                "institución decida si la adopta en su plan.",
                "%(n)s de %(m)s propuestas presentadas a las personas titulares siguen sin que "
                "las instituciones decidan si las adoptan en su plan.",
                propuestas.sin_decidir,
            )
            % {
                "n": formato_entero(propuestas.sin_decidir),
                "m": formato_entero(propuestas.presentadas),
            }
        )
    reuniones = informe.reuniones
    if reuniones.vencidos_hoy:
        retos.append(
            ngettext(
                "%(n)s acuerdo sigue pendiente con su fecha compromiso vencida.",
                "%(n)s acuerdos siguen pendientes con su fecha compromiso vencida.",
                reuniones.vencidos_hoy,
            )
            % {"n": formato_entero(reuniones.vencidos_hoy)}
        )
    certificacion = informe.capacitacion.datos
    if certificacion.abiertos:
        retos.append(
            ngettext(
                "%(n)s proceso de certificación sigue abierto.",
                "%(n)s procesos de certificación siguen abiertos.",
                certificacion.abiertos,
            )
            % {"n": formato_entero(certificacion.abiertos)}
        )
    return retos


# --- Gráficas ---------------------------------------------------------------------------------


def _barras(pares, *, titulo, descripcion, maximo=None, formato=formato_entero, detalle=None):
    barras = [Barra(str(e), float(n), detalle(e, n) if detalle else "") for e, n in pares]
    tope = maximo or max((b.valor for b in barras), default=0) or 1
    return grafica_barras_horizontales(
        barras,
        titulo=titulo,
        descripcion=descripcion,
        maximo=tope,
        formato=formato,
        ancho=620,
        ancho_etiqueta=210,
        alto_fila=22,
    )


def _lista(pares):
    return "; ".join(f"{e}: {formato_entero(n)}" for e, n in pares)


def graficas(informe):
    """Las gráficas SVG del PDF; cada una repite sus cifras en su descripción."""
    from unidades.views.meta import grafica_por_tipo, grafica_tendencia

    meta = informe.instalacion
    planes = [(e, n) for e, _v, n in informe.planes.por_estado]
    datos = informe.capacitacion.datos
    sexo = [(c.nombre, c.personas) for c in datos.por_sexo]
    resultado = {
        "tipo": grafica_por_tipo(meta, ancho=620, ancho_etiqueta=210, alto_fila=22),
        "tendencia": grafica_tendencia(meta, ancho=720, alto=190),
        "planes": _barras(
            planes,
            titulo=_("Planes de trabajo %(anio)s por estado") % {"anio": informe.anio},
            descripcion=_lista(planes),
        ),
        "rangos": _barras(
            informe.planes.rangos,
            titulo=_("Planes en seguimiento por avance de su meta anual"),
            descripcion=_lista(informe.planes.rangos),
        ),
        "sexo": _barras(
            sexo,
            titulo=_("Personas capacitadas por sexo"),
            descripcion=_lista(sexo),
        ),
        "periodo": grafica_serie(
            [
                estadisticas.nombre_periodo(c.inicio, datos.anual, corto=True)
                for c in datos.por_periodo
            ],
            [float(c.personas) for c in datos.por_periodo],
            titulo=_("Personas capacitadas por mes"),
            descripcion=_lista(
                (estadisticas.nombre_periodo(c.inicio, datos.anual), c.personas)
                for c in datos.por_periodo
            ),
            tipo="barras",
            ancho=720,
            alto=190,
        ),
    }
    diagnostico = informe.diagnostico
    if diagnostico is not None:
        pares = [(s.titulo, s.promedio) for s in diagnostico.secciones if s.promedio is not None]
        resultado["secciones"] = grafica_barras_horizontales(
            [
                Barra(
                    titulo,
                    float(valor),
                    "",
                )
                for titulo, valor in pares
            ],
            titulo=_("Índice promedio por sección"),
            descripcion="; ".join(f"{t}: {v}" for t, v in pares),
            maximo=100,
            formato=lambda v: f"{v:.1f}",
            ancho=620,
            ancho_etiqueta=260,
            alto_fila=22,
        )
    return resultado


# --- PDF y archivo ----------------------------------------------------------------------------


def pdf(informe, *, vista_previa=False):
    """Los bytes del PDF del informe."""
    return render_pdf(
        "difusion/informe_anual_pdf.html",
        {"informe": informe, "graficas": graficas(informe), "vista_previa": vista_previa},
    )


def generar(anio, *, usuario, retos=""):
    """Genera el informe de `anio` y lo archiva. Devuelve (InformeAnual, es_nuevo).

    Un segundo clic en «Generar» con lo mismo devuelve el que se acaba de archivar.
    """
    retos = retos.strip()
    reciente = (
        InformeAnual.objects.filter(
            anio=anio,
            retos=retos,
            generado_por=usuario,
            generado__gte=timezone.now() - VENTANA_DUPLICADO,
        )
        .order_by("-generado")
        .first()
    )
    if reciente is not None:
        return reciente, False
    informe = calcular(anio, usuario=usuario, retos_texto=retos)
    contenido = pdf(informe)
    archivo = InformeAnual(
        anio=anio,
        retos=retos,
        corte=informe.hoy,
        generado_por=usuario,
        paginas=len(PdfReader(BytesIO(contenido)).pages),
        tamano=len(contenido),
        huella=hashlib.sha256(contenido).hexdigest(),
    )
    archivo.archivo.save(f"informe-{anio}.pdf", ContentFile(contenido), save=False)
    archivo.save()
    return archivo, True
