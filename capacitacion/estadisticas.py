"""Estadísticas de capacitación: personas capacitadas, horas y certificaciones en un periodo.

Cómo se cuenta (las mismas definiciones se explican en la página):

- Una **persona capacitada** es una persona participante distinta con al menos una
  inscripción confirmada y acreditada en un evento no cancelado cuya fecha de término cae en el
  periodo. Dentro de cada grupo (un sexo, una institución, un programa, un mes) se cuenta una
  sola vez; entre grupos puede repetirse (quien acreditó en enero y en marzo cuenta en los dos
  meses, pero una sola vez en el total).
- Las **horas** son la suma de las horas asistidas de las inscripciones acreditadas.
- La **tasa de acreditación** es inscripciones acreditadas / inscripciones confirmadas.
- Una **persona certificada** tiene un proceso en la etapa «Certificada» con fecha del
  certificado en el periodo. La tabla de etapas es la foto de hoy, sin importar el periodo.
- La institución es la de la inscripción (o del proceso de certificación), no la actual de la
  persona: así un cambio de institución no mueve las cifras de años pasados.

Todo se agrega en la base: una consulta por desglose (ocho en total), sin importar cuántas
inscripciones haya. Cada desglose se agrupa además por sexo: como cada persona tiene un solo
sexo, sumar los tres grupos da personas distintas sin otro COUNT DISTINCT, y el desglose por
sexo de cada institución, programa o mes sale gratis. Python solo recorre grupos ya agregados
(a lo más tantos como instituciones, programas o meses), nunca inscripciones.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _

from capacitacion.models import Certificacion, Evento, Inscripcion, Programa
from uig_portal.lib.cifras import porcentaje
from unidades.metas import sumar_meses
from unidades.models import Dependencia
from unidades.models.instalacion import Sexo

#: Con un periodo de más meses, la serie va por año en lugar de por mes.
MESES_MAXIMOS_SERIE = 24
#: El periodo más largo que se acepta (evita series de miles de años por una fecha mal escrita).
ANIOS_MAXIMOS = 50

#: Los tres campos de conteo por sexo de `Cifras`, en el orden de `Sexo`.
CAMPO_SEXO = {
    Sexo.MUJER: "mujeres",
    Sexo.HOMBRE: "hombres",
    Sexo.NO_ESPECIFICADO: "no_especificado",
}

#: Los campos de `Cifras` que se suman entre grupos de personas distintas.
CAMPOS_SUMABLES = (
    "mujeres",
    "hombres",
    "no_especificado",
    "horas",
    "acreditadas",
    "confirmadas",
    "certificadas",
)


def periodo_predeterminado(hoy: date | None = None) -> tuple[date, date]:
    """El año calendario en curso."""
    hoy = hoy or timezone.localdate()
    return date(hoy.year, 1, 1), date(hoy.year, 12, 31)


def meses_del_periodo(desde: date, hasta: date) -> int:
    """Cuántos meses calendario toca el periodo (enero a diciembre de un año: 12)."""
    return (hasta.year - desde.year) * 12 + hasta.month - desde.month + 1


@dataclass
class Filtros:
    """Lo que se pidió: el periodo y, opcionalmente, un programa, sector, institución o sexo."""

    desde: date
    hasta: date
    programa: Programa | None = None
    sector: str = ""
    dependencia: Dependencia | None = None
    sexo: str = ""

    @classmethod
    def predeterminados(cls, hoy: date | None = None) -> "Filtros":
        desde, hasta = periodo_predeterminado(hoy)
        return cls(desde=desde, hasta=hasta)

    @property
    def anual(self) -> bool:
        """¿La serie va por año? Sí, cuando el periodo toca más de 24 meses."""
        return meses_del_periodo(self.desde, self.hasta) > MESES_MAXIMOS_SERIE

    def descripcion(self) -> list[tuple[str, str]]:
        """(filtro, valor) de cada filtro aplicado, para el XLSX y la página."""
        partes = [
            (
                _("Periodo"),
                _("del %(desde)s al %(hasta)s")
                % {"desde": f"{self.desde:%d/%m/%Y}", "hasta": f"{self.hasta:%d/%m/%Y}"},
            )
        ]
        if self.programa:
            partes.append((_("Programa"), self.programa.nombre))
        if self.sector:
            partes.append((_("Sector"), self.sector))
        if self.dependencia:
            partes.append((_("Institución"), self.dependencia.nombre))
        if self.sexo:
            partes.append((_("Sexo"), str(Sexo(self.sexo).label)))
        return partes


@dataclass
class Cifras:
    """Las cifras de un grupo (un sexo, una institución, un programa, un periodo o el total).

    `mujeres`, `hombres` y `no_especificado` son personas capacitadas distintas de cada sexo;
    su suma, las personas capacitadas distintas del grupo.
    """

    clave: object = None
    nombre: str = ""
    siglas: str = ""
    sector: str = ""
    mujeres: int = 0
    hombres: int = 0
    no_especificado: int = 0
    horas: Decimal = Decimal("0")
    acreditadas: int = 0
    confirmadas: int = 0
    #: Personas distintas certificadas en el periodo (total, por sexo y por institución).
    certificadas: int = 0
    #: Personas con un proceso de certificación abierto hoy (solo por institución).
    en_proceso: int = 0
    #: Para los periodos: el primer día del mes o del año.
    inicio: date | None = None

    @property
    def personas(self) -> int:
        return self.mujeres + self.hombres + self.no_especificado

    @property
    def tasa(self) -> float:
        """Inscripciones acreditadas por cada 100 confirmadas."""
        return porcentaje(self.acreditadas, self.confirmadas)

    @property
    def horas_por_persona(self) -> float:
        return round(float(self.horas) / self.personas, 1) if self.personas else 0.0

    def agregar(self, otras: "Cifras") -> None:
        """Suma las cifras de un grupo ajeno a este (solo si sus personas no se repiten)."""
        for campo in CAMPOS_SUMABLES:
            setattr(self, campo, getattr(self, campo) + getattr(otras, campo))

    def sumar(self, fila: dict) -> None:
        """Suma una fila agregada (de un sexo) a este grupo."""
        campo = CAMPO_SEXO.get(fila["participante__sexo"], "no_especificado")
        setattr(self, campo, getattr(self, campo) + fila["personas"])
        self.horas += fila["horas"] or Decimal("0")
        self.acreditadas += fila["acreditadas"]
        self.confirmadas += fila["confirmadas"]


@dataclass
class FilaEstandar:
    """Los procesos de certificación de un estándar: cuántos hay hoy en cada etapa y cuántas
    personas se certificaron en el periodo, por sexo (un proceso por persona y estándar)."""

    clave: str
    titulo: str
    etapas: dict = field(default_factory=dict)
    mujeres: int = 0
    hombres: int = 0
    no_especificado: int = 0

    @property
    def certificadas(self) -> int:
        return self.mujeres + self.hombres + self.no_especificado

    @property
    def por_etapa(self) -> list[int]:
        """Procesos en cada etapa, en el orden de `Certificacion.Estado`."""
        return [self.etapas.get(estado, 0) for estado in Certificacion.Estado]

    @property
    def procesos(self) -> int:
        return sum(self.etapas.values())


@dataclass
class Estadisticas:
    filtros: Filtros
    total: Cifras
    por_sexo: list[Cifras]
    por_dependencia: list[Cifras]
    por_sector: list[Cifras]
    por_programa: list[Cifras]
    por_periodo: list[Cifras]
    por_estandar: list[FilaEstandar]
    #: (estado, etiqueta, procesos hoy) de todos los estándares, en el orden de las etapas.
    por_etapa: list[tuple[str, str, int]]
    #: ¿Son cifras de todas las instituciones? (Coordinación y Administración.)
    ve_todas: bool = True
    #: La institución a la que se limitan las cifras (responsables y consulta), o None.
    alcance: Dependencia | None = None

    @property
    def anual(self) -> bool:
        return self.filtros.anual

    @property
    def procesos(self) -> int:
        return sum(n for _estado, _etiqueta, n in self.por_etapa)

    @property
    def abiertos(self) -> int:
        """Procesos de certificación que hoy no han llegado a «Certificada»."""
        return sum(
            n
            for estado, _etiqueta, n in self.por_etapa
            if estado != Certificacion.Estado.CERTIFICADA
        )

    @property
    def hay_capacitacion(self) -> bool:
        return self.total.confirmadas > 0

    @property
    def hay_certificacion(self) -> bool:
        return self.procesos > 0 or self.total.certificadas > 0

    @property
    def hay_datos(self) -> bool:
        """¿Hay cifras del periodo? (Las etapas de certificación son de hoy, no del periodo.)"""
        return self.hay_capacitacion or self.total.certificadas > 0


# --- Cálculo --------------------------------------------------------------------------------


def _metricas():
    acreditada = Q(acreditada=True)
    return {
        "personas": Count("participante", distinct=True, filter=acreditada),
        "horas": Sum("horas_asistidas", filter=acreditada),
        "acreditadas": Count("pk", filter=acreditada),
        "confirmadas": Count("pk"),
    }


def _por(inscripciones, *campos):
    """Las métricas agrupadas por `campos` y por sexo (una consulta)."""
    return inscripciones.values(*campos, "participante__sexo").annotate(**_metricas()).order_by()


def _agrupar(filas, clave, crear):
    """Junta en un `Cifras` por clave las filas de cada sexo."""
    grupos = {}
    for fila in filas:
        k = clave(fila)
        grupo = grupos.get(k)
        if grupo is None:
            grupo = grupos[k] = crear(fila)
        grupo.sumar(fila)
    return grupos


def _ordenar(grupos):
    """De más a menos personas capacitadas; luego por horas, confirmadas y nombre."""
    return sorted(
        grupos,
        key=lambda c: (-c.personas, -c.horas, -c.confirmadas, c.nombre.casefold()),
    )


def _inscripciones(usuario, filtros):
    """Inscripciones confirmadas visibles en eventos no cancelados que terminan en el periodo."""
    return _filtrar_inscripciones(Inscripcion.objects.visibles_para(usuario), filtros)


def _filtrar_inscripciones(consulta, filtros):
    consulta = consulta.filter(
        estado=Inscripcion.Estado.CONFIRMADA,
        evento__fecha_fin__gte=filtros.desde,
        evento__fecha_fin__lte=filtros.hasta,
    ).exclude(evento__estado=Evento.Estado.CANCELADO)
    if filtros.programa:
        consulta = consulta.filter(evento__programa=filtros.programa)
    if filtros.sector:
        consulta = consulta.filter(dependencia__sector=filtros.sector)
    if filtros.dependencia:
        consulta = consulta.filter(dependencia=filtros.dependencia)
    if filtros.sexo:
        consulta = consulta.filter(participante__sexo=filtros.sexo)
    return consulta


def _certificaciones(usuario, filtros):
    """Procesos de certificación visibles con los filtros de programa, sector, institución y sexo.

    Con un programa: los procesos de sus eventos de promoción y, si el programa lleva a un
    estándar, los de ese estándar sin evento registrado.
    """
    return _filtrar_certificaciones(Certificacion.objects.visibles_para(usuario), filtros)


def _filtrar_certificaciones(consulta, filtros):
    if filtros.programa:
        del_programa = Q(evento__programa=filtros.programa)
        if filtros.programa.estandar_id:
            del_programa |= Q(evento__isnull=True, estandar_id=filtros.programa.estandar_id)
        consulta = consulta.filter(del_programa)
    if filtros.sector:
        consulta = consulta.filter(dependencia__sector=filtros.sector)
    if filtros.dependencia:
        consulta = consulta.filter(dependencia=filtros.dependencia)
    if filtros.sexo:
        consulta = consulta.filter(participante__sexo=filtros.sexo)
    return consulta


def _certificada_en(filtros):
    return Q(
        estado=Certificacion.Estado.CERTIFICADA,
        fecha_certificado__gte=filtros.desde,
        fecha_certificado__lte=filtros.hasta,
    )


def nombre_periodo(inicio: date, anual: bool, corto: bool = False) -> str:
    """«enero de 2025» («ene 2025» si es corto) o «2025»."""
    if anual:
        return str(inicio.year)
    if corto:
        return f"{str(MONTHS_3[inicio.month]).lower()} {inicio.year}"
    return f"{str(MONTHS[inicio.month]).lower()} de {inicio.year}"


def _inicios(filtros):
    """El primer día de cada mes (o año) del periodo, en orden."""
    if filtros.anual:
        return [date(anio, 1, 1) for anio in range(filtros.desde.year, filtros.hasta.year + 1)]
    primero = filtros.desde.replace(day=1)
    return [sumar_meses(primero, n) for n in range(meses_del_periodo(filtros.desde, filtros.hasta))]


def _por_periodo(inscripciones, filtros):
    """Un `Cifras` por mes (o año) del periodo, también los que no tienen datos.

    El periodo de cada inscripción es un CASE con un WHEN por mes o año («termina antes del
    inicio del siguiente»): SQL llano en cualquier motor. TruncMonth en SQLite llama una
    función de Python por fila, y con 150,000 inscripciones tardaba más que todo lo demás.
    """
    inicios = _inicios(filtros)
    limites = [*inicios[1:], _siguiente(inicios[-1], filtros.anual)]
    periodo = Case(
        *(
            When(evento__fecha_fin__lt=limite, then=Value(indice))
            for indice, limite in enumerate(limites)
        ),
        output_field=IntegerField(),
    )
    grupos = _agrupar(
        _por(inscripciones.annotate(periodo=periodo), "periodo"),
        lambda f: f["periodo"],
        lambda f: Cifras(),
    )
    resultado = []
    for indice, inicio in enumerate(inicios):
        grupo = grupos.get(indice, Cifras())
        grupo.clave = grupo.inicio = inicio
        grupo.nombre = nombre_periodo(inicio, filtros.anual)
        resultado.append(grupo)
    return resultado


def _siguiente(inicio, anual):
    return date(inicio.year + 1, 1, 1) if anual else sumar_meses(inicio, 1)


def _sin_alcance_global(usuario, filtros):
    """Quien no ve todas las instituciones no filtra por institución ni por sector: sus
    cifras ya son solo las de su institución y esos filtros no deben sacarlo de ahí."""
    if usuario.ve_todas_las_dependencias:
        return filtros
    return Filtros(
        desde=filtros.desde,
        hasta=filtros.hasta,
        programa=filtros.programa,
        sexo=filtros.sexo,
    )


def calcular(usuario, filtros: Filtros | None = None) -> Estadisticas:
    """Todas las cifras del periodo para lo que `usuario` puede ver (ocho consultas)."""
    filtros = _sin_alcance_global(usuario, filtros or Filtros.predeterminados())
    inscripciones = _inscripciones(usuario, filtros)
    certificaciones = _certificaciones(usuario, filtros)
    certificada = _certificada_en(filtros)
    por_sexo = _por_sexo(inscripciones, certificaciones, certificada)  # 2 consultas
    total = Cifras(clave="total", nombre=_("Total"))
    for cifras in por_sexo:
        total.agregar(cifras)
    por_estandar = _por_estandar(certificaciones, certificada)  # 1 consulta
    return Estadisticas(
        filtros=filtros,
        total=total,
        por_sexo=por_sexo,
        por_dependencia=_por_dependencia(inscripciones, certificaciones, certificada),  # 2
        por_sector=_ordenar(  # 1 consulta
            _agrupar(
                _por(inscripciones, "dependencia__sector"),
                lambda f: f["dependencia__sector"],
                lambda f: Cifras(clave=f["dependencia__sector"], nombre=f["dependencia__sector"]),
            ).values()
        ),
        por_programa=_ordenar(  # 1 consulta
            _agrupar(
                _por(inscripciones, "evento__programa_id", "evento__programa__nombre"),
                lambda f: f["evento__programa_id"],
                lambda f: Cifras(
                    clave=f["evento__programa_id"], nombre=f["evento__programa__nombre"]
                ),
            ).values()
        ),
        por_periodo=_por_periodo(inscripciones, filtros),  # 1 consulta
        por_estandar=por_estandar,
        por_etapa=[
            (estado.value, str(estado.label), sum(e.etapas.get(estado, 0) for e in por_estandar))
            for estado in Certificacion.Estado
        ],
        ve_todas=usuario.ve_todas_las_dependencias,
        alcance=None if usuario.ve_todas_las_dependencias else usuario.dependencia,
    )


def por_sexo_estatal(desde, hasta):
    """Personas capacitadas y certificadas por sexo en todo el estado (dos consultas).

    Para las cifras públicas: no dependen de quién consulta porque solo son totales.
    """
    filtros = Filtros(desde=desde, hasta=hasta)
    return _por_sexo(
        _filtrar_inscripciones(Inscripcion.objects.all(), filtros),
        _filtrar_certificaciones(Certificacion.objects.all(), filtros),
        _certificada_en(filtros),
    )


def _por_sexo(inscripciones, certificaciones, certificada):
    """Un `Cifras` por cada sexo, en el orden de `Sexo` (también los que tienen cero).

    Sus sumas son los totales: cada persona tiene un solo sexo, así que las personas de los
    tres grupos son distintas entre sí.
    """
    capacitacion = _agrupar(_por(inscripciones), lambda f: _sexo(f), lambda f: Cifras())
    certificadas = Counter()
    for fila in (
        certificaciones.filter(certificada)
        .values("participante__sexo")
        .annotate(n=Count("participante", distinct=True))
        .order_by()
    ):
        certificadas[_sexo(fila)] += fila["n"]
    resultado = []
    for sexo in Sexo:
        cifras = capacitacion.get(sexo.value, Cifras())
        cifras.clave, cifras.nombre = sexo.value, str(sexo.label)
        cifras.certificadas = certificadas[sexo.value]
        resultado.append(cifras)
    return resultado


def _sexo(fila):
    """El sexo de una fila agregada; uno fuera del catálogo cuenta como «prefiere no decirlo»,
    igual que en `Cifras.sumar`, para que los totales cuadren."""
    sexo = fila["participante__sexo"]
    return sexo if sexo in CAMPO_SEXO else Sexo.NO_ESPECIFICADO.value


def _por_dependencia(inscripciones, certificaciones, certificada):
    """Capacitación y certificación de cada institución, de más a menos personas.

    Aparece toda institución con inscripciones confirmadas en el periodo o con procesos de
    certificación (certificados en el periodo o abiertos hoy).
    """
    columnas = ("dependencia_id", "dependencia__nombre", "dependencia__siglas")
    dependencias = _agrupar(
        _por(inscripciones, *columnas, "dependencia__sector"),
        lambda f: f["dependencia_id"],
        _cifras_dependencia,
    )
    abierto = ~Q(estado=Certificacion.Estado.CERTIFICADA)
    for fila in (
        certificaciones.values(*columnas, "dependencia__sector")
        .annotate(
            certificadas=Count("participante", distinct=True, filter=certificada),
            en_proceso=Count("participante", distinct=True, filter=abierto),
        )
        .order_by()
    ):
        if not fila["certificadas"] and not fila["en_proceso"]:
            continue
        cifras = dependencias.get(fila["dependencia_id"])
        if cifras is None:
            cifras = dependencias[fila["dependencia_id"]] = _cifras_dependencia(fila)
        cifras.certificadas = fila["certificadas"]
        cifras.en_proceso = fila["en_proceso"]
    return sorted(
        dependencias.values(),
        key=lambda c: (
            -c.personas,
            -c.horas,
            -c.certificadas,
            -c.confirmadas,
            c.nombre.casefold(),
        ),
    )


def _por_estandar(certificaciones, certificada):
    """Procesos de cada estándar por etapa (hoy) y certificadas en el periodo por sexo."""
    estandares = {}
    for fila in (
        certificaciones.values(
            "estandar_id", "estandar__clave", "estandar__titulo", "estado", "participante__sexo"
        )
        .annotate(procesos=Count("pk"), certificadas=Count("pk", filter=certificada))
        .order_by()
    ):
        estandar = estandares.get(fila["estandar_id"])
        if estandar is None:
            estandar = estandares[fila["estandar_id"]] = FilaEstandar(
                clave=fila["estandar__clave"], titulo=fila["estandar__titulo"]
            )
        estado = fila["estado"]
        estandar.etapas[estado] = estandar.etapas.get(estado, 0) + fila["procesos"]
        campo = CAMPO_SEXO.get(fila["participante__sexo"], "no_especificado")
        setattr(estandar, campo, getattr(estandar, campo) + fila["certificadas"])
    return sorted(estandares.values(), key=lambda e: e.clave)


def _cifras_dependencia(fila):
    return Cifras(
        clave=fila["dependencia_id"],
        nombre=fila["dependencia__nombre"],
        siglas=fila["dependencia__siglas"],
        sector=fila["dependencia__sector"],
    )


# --- Hoja de cálculo ------------------------------------------------------------------------


def _decimal(valor):
    return float(valor)


def _columnas_cifras():
    return [
        _("Personas capacitadas"),
        _("Mujeres"),
        _("Hombres"),
        str(Sexo.NO_ESPECIFICADO.label),
        _("Horas"),
        _("Inscripciones acreditadas"),
        _("Inscripciones confirmadas"),
        _("Tasa de acreditación (%)"),
    ]


def _valores(c: Cifras):
    return [
        c.personas,
        c.mujeres,
        c.hombres,
        c.no_especificado,
        _decimal(c.horas),
        c.acreditadas,
        c.confirmadas,
        c.tasa,
    ]


def hojas(datos: Estadisticas):
    """Las hojas del XLSX: solo cifras agregadas, ningún dato de personas."""
    t = datos.total
    resumen = [*datos.filtros.descripcion()]
    if datos.alcance:
        resumen.append((_("Institución (alcance)"), datos.alcance.nombre))
    resumen += [
        (_("Personas capacitadas"), t.personas),
        (_("Mujeres"), t.mujeres),
        (_("Hombres"), t.hombres),
        (str(Sexo.NO_ESPECIFICADO.label), t.no_especificado),
        (_("Horas de capacitación"), _decimal(t.horas)),
        (_("Inscripciones acreditadas"), t.acreditadas),
        (_("Inscripciones confirmadas"), t.confirmadas),
        (_("Tasa de acreditación (%)"), t.tasa),
        (_("Personas certificadas"), t.certificadas),
        (_("Procesos de certificación abiertos hoy"), datos.abiertos),
        (
            _("Cómo se cuenta"),
            _(
                "Persona capacitada: persona distinta con al menos una inscripción acreditada "
                "en un evento no cancelado que termina en el periodo. Horas: suma de las horas "
                "asistidas de las inscripciones acreditadas. Persona certificada: proceso "
                "certificado con fecha del certificado en el periodo."
            ),
        ),
    ]
    etapas = [str(estado.label) for estado in Certificacion.Estado]
    return [
        (_("Resumen"), [_("Concepto"), _("Valor")], resumen),
        (
            _("Por sexo"),
            [
                _("Sexo"),
                _("Personas capacitadas"),
                _("Horas"),
                _("Inscripciones acreditadas"),
                _("Inscripciones confirmadas"),
                _("Tasa de acreditación (%)"),
                _("Personas certificadas"),
            ],
            [
                [
                    c.nombre,
                    c.personas,
                    _decimal(c.horas),
                    c.acreditadas,
                    c.confirmadas,
                    c.tasa,
                    c.certificadas,
                ]
                for c in datos.por_sexo
            ],
        ),
        (
            _("Por institución"),
            [
                _("Institución"),
                _("Siglas"),
                _("Sector"),
                *_columnas_cifras(),
                _("Personas certificadas"),
                _("En proceso de certificación"),
            ],
            (
                [c.nombre, c.siglas, c.sector, *_valores(c), c.certificadas, c.en_proceso]
                for c in datos.por_dependencia
            ),
        ),
        (
            _("Por sector"),
            [_("Sector"), *_columnas_cifras()],
            ([c.nombre, *_valores(c)] for c in datos.por_sector),
        ),
        (
            _("Por programa"),
            [_("Programa"), *_columnas_cifras()],
            ([c.nombre, *_valores(c)] for c in datos.por_programa),
        ),
        (
            _("Por periodo"),
            [_("Año") if datos.anual else _("Mes"), *_columnas_cifras()],
            ([c.nombre, *_valores(c)] for c in datos.por_periodo),
        ),
        (
            _("Certificación"),
            [
                _("Estándar"),
                _("Título"),
                *[_("Hoy: %(etapa)s") % {"etapa": e} for e in etapas],
                _("Certificadas en el periodo"),
                _("Mujeres"),
                _("Hombres"),
                str(Sexo.NO_ESPECIFICADO.label),
            ],
            (
                [
                    e.clave,
                    e.titulo,
                    *e.por_etapa,
                    e.certificadas,
                    e.mujeres,
                    e.hombres,
                    e.no_especificado,
                ]
                for e in datos.por_estandar
            ),
        ),
    ]
