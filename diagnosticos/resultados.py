"""Resultados del diagnóstico: los de una institución contra su línea base, y los de una ronda.

Línea base: la primera respuesta ACEPTADA de la institución al mismo cuestionario, en el orden
de apertura de las rondas (y, a igual fecha, de creación). Puede ser la propia respuesta: en
ese caso «esta ronda es la línea base». Los índices guardados en la respuesta son los que se
comparan (se calculan al enviar y al aceptar con `Estructura.actualizar`).

Consolidado de una ronda: todo sale de pocas consultas sin importar cuántas instituciones
respondan; los promedios, la distribución por nivel y los reactivos más fuertes y más débiles
se calculan solo con las respuestas ACEPTADAS (lo revisado por la Coordinación), mientras que la
tabla muestra a todas las instituciones de la ronda con su estado.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from diagnosticos import puntaje
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import EvidenciaRespuesta, Nivel, Respuesta, Seccion, Valor
from uig_portal.lib.cifras import porcentaje
from unidades.models import Dependencia

Estado = Respuesta.Estado
#: Estados con los índices ya calculados y las respuestas completas (enviadas a revisión).
ESTADOS_ENVIADOS = (Estado.ENVIADA, Estado.ACEPTADA)
#: Cuántos reactivos se muestran como más fuertes y como más débiles.
REACTIVOS_EN_LISTA = 5


def decimal(texto):
    """Decimal de un índice guardado (cadena o número), o None."""
    if texto is None or texto == "":
        return None
    return Decimal(str(texto))


# --- Línea base ------------------------------------------------------------------------------


def _orden_rondas():
    return ("aplicacion__apertura", "aplicacion_id", "pk")


def linea_base(respuesta):
    """La primera respuesta aceptada de la institución al mismo cuestionario, o None.

    Si esa primera aceptada es de una ronda posterior a la de `respuesta`, no hay base para
    ésta (se compara siempre contra algo anterior o contra sí misma).
    """
    aplicacion = respuesta.aplicacion
    base = (
        Respuesta.objects.aceptadas()
        .filter(
            dependencia_id=respuesta.dependencia_id,
            aplicacion__version__cuestionario_id=aplicacion.version.cuestionario_id,
        )
        .select_related("aplicacion")
        .order_by(*_orden_rondas())
        .first()
    )
    if base is None:
        return None
    if (base.aplicacion.apertura, base.aplicacion_id) > (aplicacion.apertura, aplicacion.pk):
        return None
    return base


def lineas_base(aplicacion, dependencia_ids=None):
    """{dependencia_id: (indice, indices)} de la línea base de cada institución de la ronda.

    Una consulta para toda la ronda o, con `dependencia_ids`, solo para esas instituciones (el
    tablero de la Coordinación la pide para las 50 de una página). Las instituciones sin base no
    aparecen.
    """
    de_la_ronda = Respuesta.objects.filter(aplicacion=aplicacion)
    if dependencia_ids is not None:
        de_la_ronda = de_la_ronda.filter(dependencia_id__in=dependencia_ids)
    filas = (
        Respuesta.objects.aceptadas()
        .filter(
            aplicacion__version__cuestionario_id=aplicacion.version.cuestionario_id,
            dependencia_id__in=de_la_ronda.values("dependencia_id"),
        )
        .order_by("dependencia_id", *_orden_rondas())
        .values_list("dependencia_id", "aplicacion__apertura", "aplicacion_id", "indice", "indices")
    )
    actual = (aplicacion.apertura, aplicacion.pk)
    bases, vistas = {}, set()
    for dependencia_id, apertura, aplicacion_id, indice, indices in filas:
        if dependencia_id in vistas:
            continue
        vistas.add(dependencia_id)
        # Si su primera aceptada es posterior a esta ronda, esta ronda no tiene base.
        if (apertura, aplicacion_id) <= actual:
            bases[dependencia_id] = (indice, indices or {})
    return bases


@dataclass
class FilaComparacion:
    codigo: str
    titulo: str
    actual: Decimal | None
    base: Decimal | None
    cambio: Decimal | None
    nivel: Nivel | None

    @property
    def nivel_etiqueta(self):
        return self.nivel.label if self.nivel else ""


@dataclass
class Comparacion:
    general: FilaComparacion
    secciones: list[FilaComparacion]
    #: «es_base» (esta ronda es la línea base), «con_base» o «sin_base».
    situacion: str
    base: Respuesta | None = None

    def seccion(self, codigo):
        for fila in self.secciones:
            if fila.codigo == codigo:
                return fila
        return None


def comparacion(respuesta, base, estructura=None):
    """Índices actuales contra los de la línea base, por código de sección y general.

    Usa los índices guardados en las respuestas (`indice`, `indices`); las secciones son las
    de la versión de `respuesta` (una sección nueva no tiene base; una que ya no existe no se
    muestra).
    """
    estructura = estructura or Estructura(respuesta.aplicacion.version)
    cuestionario = estructura.version.cuestionario
    if base is None:
        situacion = "sin_base"
    elif base.pk == respuesta.pk:
        situacion = "es_base"
    else:
        situacion = "con_base"
    indices_base = (base.indices or {}) if base is not None else {}
    secciones = []
    for seccion in estructura.secciones:
        actual = decimal((respuesta.indices or {}).get(seccion.codigo))
        anterior = decimal(indices_base.get(seccion.codigo)) if base is not None else None
        if actual is None and anterior is None:
            continue  # sección sin puntos (p. ej. datos generales)
        secciones.append(_fila(seccion.codigo, seccion.titulo, actual, anterior, cuestionario))
    general = _fila(
        "",
        _("Índice general"),
        decimal(respuesta.indice),
        decimal(base.indice) if base is not None else None,
        cuestionario,
    )
    return Comparacion(general=general, secciones=secciones, situacion=situacion, base=base)


def _fila(codigo, titulo, actual, base, cuestionario):
    return FilaComparacion(
        codigo=codigo,
        titulo=titulo,
        actual=actual,
        base=base,
        cambio=puntaje.cambio(actual, base),
        nivel=_nivel(cuestionario, actual),
    )


def _nivel(cuestionario, indice):
    nivel = cuestionario.nivel(indice)
    return Nivel(nivel) if nivel is not None else None


# --- Detalle de una respuesta ------------------------------------------------------------


@dataclass
class FilaPregunta:
    pregunta: object
    respuesta: str
    puntos: Decimal | None
    comentario: str
    evidencias: list


@dataclass
class SeccionDetalle:
    seccion: object
    filas: list[FilaPregunta]
    comparacion: FilaComparacion | None


def detalle(respuesta, estructura, comparado):
    """Las secciones con sus preguntas visibles: respuesta legible, puntos, comentario y
    evidencias. Dos consultas (valores y evidencias)."""
    guardados = {
        v.pregunta_id: v
        for v in Valor.objects.filter(respuesta=respuesta).prefetch_related("evidencias")
    }
    valores = {
        estructura.por_id[pid].codigo: v.valor
        for pid, v in guardados.items()
        if pid in estructura.por_id
    }
    visibles = estructura.visibles(valores)
    secciones = []
    for seccion in estructura.secciones:
        filas = []
        for pregunta in seccion.preguntas_en_orden:
            if pregunta.codigo not in visibles:
                continue
            guardado = guardados.get(pregunta.pk)
            valor = guardado.valor if guardado else None
            filas.append(
                FilaPregunta(
                    pregunta=pregunta,
                    respuesta=V.mostrar(pregunta, valor),
                    puntos=puntaje.redondear(puntaje.puntos(pregunta, valor)),
                    comentario=guardado.comentario if guardado else "",
                    evidencias=list(guardado.evidencias.all()) if guardado else [],
                )
            )
        secciones.append(SeccionDetalle(seccion, filas, comparado.seccion(seccion.codigo)))
    return valores, secciones


# --- Consolidado de una ronda -----------------------------------------------------------


@dataclass
class Tasa:
    """Tasa de respuesta: (enviadas + aceptadas) / instituciones de la ronda.

    Una respuesta devuelta no cuenta: la institución aún debe corregirla y volver a enviarla.
    """

    total: int
    por_estado: dict

    @property
    def respondidas(self):
        return sum(self.por_estado.get(e, 0) for e in ESTADOS_ENVIADOS)

    @property
    def porcentaje(self):
        return porcentaje(self.respondidas, self.total)

    def estados(self):
        return [(e, e.label, self.por_estado.get(e, 0)) for e in Estado]


def tasa_respuesta(aplicacion):
    conteo = dict(
        Respuesta.objects.filter(aplicacion=aplicacion)
        .values_list("estado")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Tasa(total=sum(conteo.values()), por_estado=conteo)


@dataclass
class FilaInstitucion:
    respuesta_id: int
    dependencia_id: int
    nombre: str
    siglas: str
    sector: str
    tipo: str
    estado: str
    avance: int
    indice: Decimal | None
    indices: dict
    nivel: Nivel | None = None
    base: Decimal | None = None
    cambio: Decimal | None = None

    @property
    def estado_etiqueta(self):
        return Estado(self.estado).label

    @property
    def tipo_etiqueta(self):
        return Dependencia.Tipo(self.tipo).label if self.tipo in Dependencia.Tipo else self.tipo

    @property
    def enviada(self):
        return self.estado in ESTADOS_ENVIADOS


def filas_de_la_ronda(aplicacion, *, sector="", tipo=""):
    """Una fila por institución de la ronda, con sus índices y su cambio contra la base.

    Dos consultas (respuestas y líneas base). Los índices solo se muestran si la respuesta
    ya se envió (antes no están calculados).
    """
    respuestas = Respuesta.objects.filter(aplicacion=aplicacion)
    if sector:
        respuestas = respuestas.filter(dependencia__sector=sector)
    if tipo:
        respuestas = respuestas.filter(dependencia__tipo=tipo)
    cuestionario = aplicacion.version.cuestionario
    bases = lineas_base(aplicacion)
    filas = []
    for fila in respuestas.order_by("dependencia__nombre").values_list(
        "pk",
        "dependencia_id",
        "dependencia__nombre",
        "dependencia__siglas",
        "dependencia__sector",
        "dependencia__tipo",
        "estado",
        "avance",
        "indice",
        "indices",
    ):
        f = FilaInstitucion(*fila[:9], indices=fila[9] or {})
        if not f.enviada:
            f.indice, f.indices = None, {}
        else:
            f.indices = {k: decimal(v) for k, v in f.indices.items()}
            f.nivel = _nivel(cuestionario, f.indice)
            base = bases.get(f.dependencia_id)
            if base is not None:
                f.base = decimal(base[0])
                f.cambio = puntaje.cambio(f.indice, f.base)
        filas.append(f)
    return filas


def sectores_de_la_ronda(aplicacion):
    return list(
        Respuesta.objects.filter(aplicacion=aplicacion)
        .order_by("dependencia__sector")
        .values_list("dependencia__sector", flat=True)
        .distinct()
    )


#: Columnas por las que se ordena la tabla (además de «s:<código de sección>»).
ORDENES = {
    "nombre": lambda f: f.nombre.lower(),
    "siglas": lambda f: f.siglas.lower(),
    "sector": lambda f: (f.sector.lower(), f.nombre.lower()),
    "tipo": lambda f: (f.tipo, f.nombre.lower()),
    "estado": lambda f: (list(Estado).index(f.estado), f.nombre.lower()),
    "indice": lambda f: f.indice,
    "cambio": lambda f: f.cambio,
}


def ordenar(filas, orden, codigos_seccion):
    """Ordena en Python (la tabla ya está en memoria); las filas sin cifra van al final.

    `orden` es una clave de ORDENES o «s:<código>», con «-» delante para descendente. Un orden
    desconocido deja el alfabético.
    """
    descendente = orden.startswith("-")
    clave = orden.lstrip("-")
    if clave.startswith("s:") and clave[2:] in codigos_seccion:
        codigo = clave[2:]

        def funcion(f):
            return f.indices.get(codigo)

    elif clave in ORDENES:
        funcion = ORDENES[clave]
    else:
        return filas, "nombre"
    con = [f for f in filas if funcion(f) is not None]
    sin = [f for f in filas if funcion(f) is None]
    con.sort(key=funcion, reverse=descendente)
    return con + sin, orden


@dataclass
class Promedio:
    codigo: str
    titulo: str
    promedio: Decimal | None
    n: int


def _media(valores):
    """(promedio redondeado, cuántos) de los valores que no son None."""
    valores = [v for v in valores if v is not None]
    if not valores:
        return None, 0
    return puntaje.redondear(sum(valores, Decimal("0")) / len(valores)), len(valores)


def promedios(filas, estructura):
    """Promedio del índice general y de cada sección entre las respuestas aceptadas."""
    aceptadas = [f for f in filas if f.estado == Estado.ACEPTADA]
    media = _media

    general = Promedio("", _("Índice general"), *media(f.indice for f in aceptadas))
    secciones = []
    for seccion in estructura.secciones:
        promedio, n = media(f.indices.get(seccion.codigo) for f in aceptadas)
        if n:
            secciones.append(Promedio(seccion.codigo, seccion.titulo, promedio, n))
    return general, secciones


def promedios_de_la_ronda(aplicacion, *, sector="", tipo="", estructura=None):
    """Lo mismo que `promedios(filas_de_la_ronda(...), Estructura(version))`, en dos consultas.

    Para quien solo quiere los promedios (el tablero de la Coordinación): con miles de
    instituciones, `filas_de_la_ronda` arma un objeto por institución y lee todas las líneas
    base; aquí solo se leen `indice` e `indices` de las respuestas aceptadas y los títulos de
    las secciones (o los de `estructura`, si ya se tiene). Las sumas de Decimal son exactas,
    así que el orden en que se suman no cambia el resultado.
    """
    if estructura is not None:
        secciones = [(s.codigo, s.titulo) for s in estructura.secciones]
    else:
        secciones = list(
            Seccion.objects.filter(version_id=aplicacion.version_id)
            .order_by("orden", "pk")
            .values_list("codigo", "titulo")
        )
    aceptadas = Respuesta.objects.filter(aplicacion=aplicacion, estado=Estado.ACEPTADA)
    if sector:
        aceptadas = aceptadas.filter(dependencia__sector=sector)
    if tipo:
        aceptadas = aceptadas.filter(dependencia__tipo=tipo)
    suma_general, n_general = Decimal("0"), 0
    sumas, cuentas = defaultdict(lambda: Decimal("0")), Counter()
    for indice, indices in aceptadas.values_list("indice", "indices"):
        if indice is not None:
            suma_general += indice
            n_general += 1
        for codigo, texto in (indices or {}).items():
            valor = decimal(texto)
            if valor is not None:
                sumas[codigo] += valor
                cuentas[codigo] += 1

    def media(suma, n):
        return (puntaje.redondear(suma / n) if n else None), n

    general = Promedio("", _("Índice general"), *media(suma_general, n_general))
    por_seccion = [
        Promedio(codigo, titulo, *media(sumas[codigo], cuentas[codigo]))
        for codigo, titulo in secciones
        if cuentas[codigo]
    ]
    return general, por_seccion


@dataclass
class FilaSector:
    sector: str
    instituciones: int
    respondidas: int
    aceptadas: int
    indice: Decimal | None
    celdas: list

    @property
    def porcentaje(self):
        return porcentaje(self.respondidas, self.instituciones)


def por_sector(filas, codigos_seccion):
    """Una fila por sector: instituciones, tasa de respuesta y promedios entre las aceptadas.

    Resume en pocas filas una ronda de miles de instituciones (el informe PDF la usa cuando la
    tabla por institución ocuparía decenas de páginas).
    """
    grupos = defaultdict(list)
    for fila in filas:
        grupos[fila.sector].append(fila)
    resultado = []
    for sector in sorted(grupos):
        miembros = grupos[sector]
        aceptadas = [f for f in miembros if f.estado == Estado.ACEPTADA]
        resultado.append(
            FilaSector(
                sector=sector,
                instituciones=len(miembros),
                respondidas=sum(f.enviada for f in miembros),
                aceptadas=len(aceptadas),
                indice=_media(f.indice for f in aceptadas)[0],
                celdas=[_media(f.indices.get(c) for f in aceptadas)[0] for c in codigos_seccion],
            )
        )
    return resultado


def distribucion(filas, cuestionario):
    """[(Nivel, instituciones aceptadas en ese nivel)] según su índice general."""
    conteo = Counter(
        _nivel(cuestionario, f.indice)
        for f in filas
        if f.estado == Estado.ACEPTADA and f.indice is not None
    )
    return [(nivel, conteo.get(nivel, 0)) for nivel in Nivel]


def histograma(filas):
    """Instituciones aceptadas por tramos de 10 puntos del índice general (0–9, …, 90–100)."""
    tramos = [0] * 10
    for f in filas:
        if f.estado == Estado.ACEPTADA and f.indice is not None:
            tramos[min(int(f.indice // 10), 9)] += 1
    return tramos


@dataclass
class Reactivo:
    codigo: str
    texto: str
    seccion: str
    promedio: Decimal
    n: int


def reactivos(aplicacion, estructura, *, sector="", tipo=""):
    """Promedio de puntos de cada pregunta con puntos entre las respuestas aceptadas.

    Una consulta trae todos los valores de la ronda (con 3,000 instituciones y 50 preguntas,
    150,000 filas) y el cálculo es en Python con la estructura ya cargada; los puntos de un
    mismo valor en una misma pregunta se calculan una sola vez.
    """
    valores = Valor.objects.filter(
        respuesta__aplicacion=aplicacion, respuesta__estado=Estado.ACEPTADA
    )
    if sector:
        valores = valores.filter(respuesta__dependencia__sector=sector)
    if tipo:
        valores = valores.filter(respuesta__dependencia__tipo=tipo)
    por_respuesta = defaultdict(dict)
    for respuesta_id, pregunta_id, valor in valores.values_list(
        "respuesta_id", "pregunta_id", "valor"
    ).iterator(chunk_size=5000):
        pregunta = estructura.por_id.get(pregunta_id)
        if pregunta is not None:
            por_respuesta[respuesta_id][pregunta.codigo] = valor
    con_condicion = any(p.condicion for p in estructura.preguntas)
    todos = {p.codigo for p in estructura.preguntas}
    con_puntos = [p for p in estructura.preguntas if p.da_puntos]
    memoria = {}
    sumas, cuentas = defaultdict(Decimal), Counter()
    for respuesta_valores in por_respuesta.values():
        visibles = estructura.visibles(respuesta_valores) if con_condicion else todos
        for pregunta in con_puntos:
            valor = respuesta_valores.get(pregunta.codigo)
            if valor is None or pregunta.codigo not in visibles:
                continue
            llave = (pregunta.pk, tuple(valor) if isinstance(valor, list) else valor)
            if llave not in memoria:
                memoria[llave] = puntaje.puntos(pregunta, valor)
            obtenidos = memoria[llave]
            if obtenidos is not None:
                sumas[pregunta.codigo] += obtenidos
                cuentas[pregunta.codigo] += 1
    resultado = [
        Reactivo(
            codigo=p.codigo,
            texto=p.texto,
            seccion=p.seccion.titulo,
            promedio=puntaje.redondear(sumas[p.codigo] / cuentas[p.codigo]),
            n=cuentas[p.codigo],
        )
        for p in con_puntos
        if cuentas[p.codigo]
    ]
    return resultado


def fuertes_y_debiles(lista, n=REACTIVOS_EN_LISTA):
    """(los n de mayor promedio, los n de menor promedio), sin repetir un reactivo."""
    ordenados = sorted(lista, key=lambda r: (-r.promedio, r.codigo))
    fuertes = ordenados[: min(n, (len(ordenados) + 1) // 2)]
    codigos = {r.codigo for r in fuertes}
    debiles = [r for r in reversed(ordenados) if r.codigo not in codigos][:n]
    return fuertes, debiles


@dataclass
class Abierta:
    dependencia_id: int
    nombre: str
    siglas: str
    estado: str
    respuesta_id: int
    texto: str
    comentario: str
    evidencias: int = 0

    @property
    def estado_etiqueta(self):
        return Estado(self.estado).label


def abiertas(aplicacion, pregunta, estructura, *, sector="", tipo=""):
    """Lo que cada institución que envió su respuesta escribió en una pregunta (respuesta y
    comentario), por nombre de institución; solo si la pregunta le quedó visible."""
    valores = Valor.objects.filter(
        respuesta__aplicacion=aplicacion,
        respuesta__estado__in=ESTADOS_ENVIADOS,
        pregunta=pregunta,
    )
    if sector:
        valores = valores.filter(respuesta__dependencia__sector=sector)
    if tipo:
        valores = valores.filter(respuesta__dependencia__tipo=tipo)
    filas = list(
        valores.order_by("respuesta__dependencia__nombre").values_list(
            "respuesta__dependencia_id",
            "respuesta__dependencia__nombre",
            "respuesta__dependencia__siglas",
            "respuesta__estado",
            "respuesta_id",
            "valor",
            "comentario",
        )
    )
    filas = [f for f in filas if not V.vacio(f[5]) or f[6]]
    if pregunta.condicion and filas:
        # Una respuesta guardada en una pregunta que después quedó escondida no se muestra.
        ids = [f[4] for f in filas]
        todos = defaultdict(dict)
        for respuesta_id, pregunta_id, valor in Valor.objects.filter(
            respuesta_id__in=ids
        ).values_list("respuesta_id", "pregunta_id", "valor"):
            if pregunta_id in estructura.por_id:
                todos[respuesta_id][estructura.por_id[pregunta_id].codigo] = valor
        filas = [f for f in filas if pregunta.codigo in estructura.visibles(todos[f[4]])]
    return [
        Abierta(
            dependencia_id=f[0],
            nombre=f[1],
            siglas=f[2],
            estado=f[3],
            respuesta_id=f[4],
            texto=V.mostrar(pregunta, f[5]),
            comentario=f[6],
        )
        for f in filas
    ]


def evidencias_por_valor(aplicacion):
    """{valor_id: número de evidencias} de toda la ronda, en una consulta."""
    return dict(
        EvidenciaRespuesta.objects.filter(valor__respuesta__aplicacion=aplicacion)
        .values_list("valor_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


@dataclass
class Consolidado:
    aplicacion: object
    estructura: Estructura
    tasa: Tasa
    filas: list
    general: Promedio
    promedios: list
    distribucion: list
    histograma: list
    fuertes: list
    debiles: list
    sectores: list = field(default_factory=list)


def consolidado(aplicacion, *, sector="", tipo="", estructura=None):
    """Todas las cifras de la página y del PDF consolidados de una ronda (con filtros)."""
    estructura = estructura or Estructura(aplicacion.version)
    filas = filas_de_la_ronda(aplicacion, sector=sector, tipo=tipo)
    general, por_seccion = promedios(filas, estructura)
    fuertes, debiles = fuertes_y_debiles(
        reactivos(aplicacion, estructura, sector=sector, tipo=tipo)
    )
    return Consolidado(
        aplicacion=aplicacion,
        estructura=estructura,
        tasa=tasa_respuesta(aplicacion),
        filas=filas,
        general=general,
        promedios=por_seccion,
        distribucion=distribucion(filas, aplicacion.version.cuestionario),
        histograma=histograma(filas),
        fuertes=fuertes,
        debiles=debiles,
        sectores=sectores_de_la_ronda(aplicacion),
    )
