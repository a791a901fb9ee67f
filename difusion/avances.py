"""Cifras de la página pública «Avances y retos»: solo totales de todo el estado.

Qué se publica y por qué así:

- Nada personal ni por persona: ni nombres, ni correos, ni CURP; solo conteos y promedios.
- Nada por institución: ni siquiera el índice de cada institución (un índice bajo publicado
  con su nombre expone a la unidad); solo promedios de todas las que respondieron.
- Las definiciones son las mismas que el portal usa por dentro: la tasa de respuesta y los
  promedios del diagnóstico salen de `diagnosticos.resultados`; las personas capacitadas y
  certificadas, de `capacitacion.estadisticas`.

Celdas pequeñas (umbral `UMBRAL` = 3). Aun siendo totales del estado, una cifra chica señala a
alguien («1 persona certificada: hombre»), y un promedio de una o dos instituciones ES el
índice de esas instituciones, que el portal nunca publica. Por eso:

- Un conteo de personas de 1 o 2 se muestra «menos de 3» y en CSV y JSON se publica vacío
  (null) con el motivo `menos_de_3_personas`. El cero sigue siendo cero.
- Resta: el total de una columna (capacitadas o certificadas) menos las celdas visibles
  devolvería la celda reservada. Si en una columna se reservó alguna celda, se reserva también
  la más chica de las que sí se publicarían (motivo `reservada_para_no_deducir`) y el total se
  publica. Si no queda ninguna que reservar (todas las demás son cero o también menores de 3),
  se reserva el total: «menos de 3» si lo es, `reservada_para_no_deducir` si no.
- Un promedio de tema (y su cambio contra la línea base) calculado con menos de 3
  instituciones no se publica: «Sin cifra: menos de 3 instituciones respondieron», null con el
  motivo `menos_de_3_instituciones`. Lo mismo si el promedio de la línea base se calculó con
  menos de 3: el cambio dejaría despejarlo, así que no se publica el cambio.
- Lo que queda a la vista, a propósito: que una celda sea cero. Si el único grupo con
  personas es «menos de 3», se sabe el sexo de esas personas aunque no cuántas son.
- Los conteos de instituciones (instaladas, planes, respuestas) no se reservan: son de
  instituciones públicas, no de personas, y no revelan el índice de ninguna.

Todo sale de un número fijo de consultas, sin importar cuántas instituciones, respuestas o
inscripciones haya.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacitacion import estadisticas
from diagnosticos import puntaje, resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import Aplicacion, Respuesta
from planes.models import PlanTrabajo
from uig_portal.lib.cifras import porcentaje
from unidades.models import Dependencia, Unidad

#: Conteos de personas menores que esto (y mayores que cero) no se publican; tampoco los
#: promedios calculados con menos instituciones que esto.
UMBRAL = 3

#: Motivos por los que una cifra se publica vacía (la «bandera» de CSV y JSON).
MENOS_DE_UMBRAL = "menos_de_3_personas"
RESERVADA = "reservada_para_no_deducir"
POCAS_INSTITUCIONES = "menos_de_3_instituciones"

TEXTO_MOTIVO = {
    MENOS_DE_UMBRAL: gettext_lazy("menos de 3"),
    RESERVADA: gettext_lazy("reservada"),
    POCAS_INSTITUCIONES: gettext_lazy("Sin cifra: menos de 3 instituciones respondieron"),
}


@dataclass(frozen=True)
class Celda:
    """Un conteo de personas tal como se publica: `valor` es None si se reservó."""

    valor: int | None
    motivo: str = ""

    def __str__(self):
        return str(TEXTO_MOTIVO[self.motivo]) if self.motivo else str(self.valor)


def proteger_columna(valores):
    """(celdas, total) publicables de una columna de conteos de personas (ver el módulo).

    Con empates se reserva la primera de las celdas más chicas, para que el resultado no
    dependa más que de los datos.
    """
    chica = [0 < v < UMBRAL for v in valores]
    celdas = [Celda(None, MENOS_DE_UMBRAL) if 0 < v < UMBRAL else Celda(v) for v in valores]
    total = sum(valores)
    if 0 < total < UMBRAL:
        return celdas, Celda(None, MENOS_DE_UMBRAL)
    if not any(chica):
        return celdas, Celda(total)
    candidatas = [i for i, v in enumerate(valores) if v >= UMBRAL]
    if not candidatas:
        return celdas, Celda(None, RESERVADA)
    reservar = min(candidatas, key=lambda i: (valores[i], i))
    celdas[reservar] = Celda(None, RESERVADA)
    return celdas, Celda(total)


@dataclass
class Tema:
    """El promedio de una sección del diagnóstico en la ronda y en la línea base."""

    codigo: str
    titulo: str
    promedio: Decimal | None
    base: Decimal | None
    cambio: Decimal | None
    respuestas: int
    #: El promedio (y su cambio) no se publica: menos de `UMBRAL` instituciones.
    suprimido: bool = False
    #: Instituciones con que se calculó el promedio de la línea base.
    respuestas_base: int | None = None
    #: La línea base (y el cambio) no se publica: se calculó con menos de `UMBRAL`.
    base_suprimida: bool = False

    @property
    def motivo(self):
        return POCAS_INSTITUCIONES if self.suprimido else ""

    @property
    def motivo_cambio(self):
        return POCAS_INSTITUCIONES if self.suprimido or self.base_suprimida else ""


@dataclass
class Cifras:
    anio: int
    corte: date
    instituciones: int = 0
    instaladas: int = 0
    planes_aprobados: int = 0
    ronda: str = ""
    ronda_base: str = ""
    en_la_ronda: int = 0
    respondidas: int = 0
    aceptadas: int = 0
    indice_general: Tema | None = None
    temas: list[Tema] = field(default_factory=list)
    #: [(clave del sexo, etiqueta, Celda de capacitadas, Celda de certificadas)], ya protegidas.
    por_sexo: list[tuple[str, str, Celda, Celda]] = field(default_factory=list)
    capacitadas: Celda = Celda(0)
    certificadas: Celda = Celda(0)

    @property
    def porcentaje_instaladas(self):
        return porcentaje(self.instaladas, self.instituciones)

    @property
    def porcentaje_planes(self):
        return porcentaje(self.planes_aprobados, self.instituciones)

    @property
    def tasa_respuesta(self):
        return porcentaje(self.respondidas, self.en_la_ronda)

    @property
    def temas_con_respuestas(self):
        """El índice general y los temas con al menos una institución (publicados o no)."""
        return [t for t in [self.indice_general, *self.temas] if t is not None and t.respuestas]

    def indicadores(self):
        """Las cifras como filas de datos abiertos:
        (clave, indicador, valor, unidad, periodo, motivo).

        `motivo` está vacío si la cifra se publica y dice por qué no (`valor` None) si no. La
        misma lista alimenta el CSV y el JSON: los dos publican exactamente lo mismo.
        """
        anio = str(self.anio)
        filas = [
            ("instituciones", _("Instituciones del Gobierno del Estado"), self.instituciones,
             _("instituciones"), anio),
            ("unidades_instaladas", _("Instituciones con unidad instalada"), self.instaladas,
             _("instituciones"), anio),
            ("porcentaje_instaladas", _("Avance de la instalación"),
             self.porcentaje_instaladas, _("porcentaje"), anio),
            ("planes_aprobados", _("Planes de trabajo aprobados"), self.planes_aprobados,
             _("planes"), anio),
            ("porcentaje_planes", _("Instituciones con plan de trabajo aprobado"),
             self.porcentaje_planes, _("porcentaje"), anio),
        ]  # fmt: skip
        filas = [(*fila, "") for fila in filas]
        if self.ronda:
            ronda = self.ronda
            filas += [
                ("instituciones_en_ronda", _("Instituciones convocadas al diagnóstico"),
                 self.en_la_ronda, _("instituciones"), ronda, ""),
                ("respuestas_enviadas", _("Instituciones que respondieron el diagnóstico"),
                 self.respondidas, _("instituciones"), ronda, ""),
                ("tasa_respuesta", _("Tasa de respuesta del diagnóstico"), self.tasa_respuesta,
                 _("porcentaje"), ronda, ""),
            ]  # fmt: skip
            for tema in [self.indice_general, *self.temas]:
                if tema is None:
                    continue
                clave = f"indice_{tema.codigo}" if tema.codigo else "indice_general"
                filas.append(
                    (clave, _("Índice promedio: %s") % tema.titulo, _numero(tema.promedio),
                     _("puntos de 100"), ronda, tema.motivo)
                )  # fmt: skip
                filas.append(
                    (f"cambio_{clave}", _("Cambio contra la línea base: %s") % tema.titulo,
                     _numero(tema.cambio), _("puntos"), f"{self.ronda_base} → {ronda}",
                     tema.motivo_cambio)
                )  # fmt: skip
        for clave, etiqueta, capacitadas, _certificadas in self.por_sexo:
            filas.append(
                (f"capacitadas_{clave}", _("Personas capacitadas: %s") % etiqueta,
                 capacitadas.valor, _("personas"), anio, capacitadas.motivo)
            )  # fmt: skip
        filas.append(
            ("capacitadas", _("Personas capacitadas (total)"), self.capacitadas.valor,
             _("personas"), anio, self.capacitadas.motivo)
        )  # fmt: skip
        for clave, etiqueta, _capacitadas, certificadas in self.por_sexo:
            filas.append(
                (f"certificadas_{clave}", _("Personas certificadas: %s") % etiqueta,
                 certificadas.valor, _("personas"), anio, certificadas.motivo)
            )  # fmt: skip
        filas.append(
            ("certificadas", _("Personas certificadas (total)"), self.certificadas.valor,
             _("personas"), anio, self.certificadas.motivo)
        )  # fmt: skip
        return filas


def _numero(valor):
    """Un Decimal como número para CSV y JSON (float), o None si no hay cifra."""
    return None if valor is None else float(valor)


def cifras(anio=None, hoy=None):
    """Las cifras públicas de un año (el en curso si no se dice)."""
    hoy = hoy or timezone.localdate()
    anio = anio or hoy.year
    fin = min(date(anio, 12, 31), hoy)
    datos = Cifras(anio=anio, corte=fin)

    # Instituciones vigentes y las que ya tenían su unidad instalada al corte del año, no hoy
    # (1 consulta).
    conteo = Dependencia.objects.filter(vigente=True).aggregate(
        total=Count("pk"),
        instaladas=Count("pk", filter=Q(unidad__in=Unidad.objects.instaladas_al(fin))),
    )
    datos.instituciones, datos.instaladas = conteo["total"], conteo["instaladas"]

    # Instituciones con un plan del año aprobado; una modificación aprobada no cuenta doble.
    datos.planes_aprobados = (
        PlanTrabajo.objects.filter(
            anio=anio,
            estado=PlanTrabajo.Estado.APROBADO,
            unidad__dependencia__vigente=True,
        )
        .values("unidad_id")
        .distinct()
        .count()
    )

    _diagnostico(datos, anio, fin)
    _proteger_temas(datos)
    _capacitacion(datos, anio)
    return datos


def _diagnostico(datos, anio, fin):
    """La ronda del año abierta hasta `fin` y sus promedios contra los de la línea base.

    La ronda base es la primera del mismo cuestionario con respuestas aceptadas (la misma
    definición de línea base que usa cada institución, llevada al conjunto).
    """
    aplicacion = Aplicacion.objects.del_anio(anio, al=fin)
    if aplicacion is None:
        return
    base = (
        Aplicacion.objects.filter(
            version__cuestionario_id=aplicacion.version.cuestionario_id,
            respuestas__estado=Respuesta.Estado.ACEPTADA,
        )
        .select_related("version")
        .order_by("apertura", "pk")
        .first()
    )
    if base is not None and (base.apertura, base.pk) > (aplicacion.apertura, aplicacion.pk):
        # Las primeras aceptadas son de una ronda posterior: esta ronda no tiene con qué
        # compararse.
        base = None
    estructura = Estructura(aplicacion.version)
    tasa = resultados.tasa_respuesta(aplicacion)
    datos.ronda = aplicacion.nombre
    datos.en_la_ronda, datos.respondidas = tasa.total, tasa.respondidas
    datos.aceptadas = tasa.por_estado.get(Respuesta.Estado.ACEPTADA, 0)
    general, secciones = resultados.promedios_de_la_ronda(aplicacion, estructura=estructura)
    base_general, base_secciones = None, {}
    if base is not None and base.pk != aplicacion.pk:
        datos.ronda_base = base.nombre
        g, s = resultados.promedios_de_la_ronda(base)
        base_general, base_secciones = g, {p.codigo: p for p in s}
    elif base is not None:
        datos.ronda_base = base.nombre

    def tema(promedio, anterior):
        previo = anterior.promedio if anterior is not None and anterior.n else None
        return Tema(
            codigo=promedio.codigo,
            titulo=promedio.titulo,
            promedio=promedio.promedio,
            base=previo,
            cambio=puntaje.cambio(promedio.promedio, previo),
            respuestas=promedio.n,
            respuestas_base=anterior.n if anterior is not None else None,
        )

    datos.indice_general = tema(general, base_general)
    datos.temas = [tema(p, base_secciones.get(p.codigo)) for p in secciones]


def _proteger_temas(datos):
    """Quita los promedios, líneas base y cambios calculados con menos de `UMBRAL`
    instituciones (ver el módulo)."""
    for tema in datos.temas_con_respuestas:
        if tema.respuestas < UMBRAL:
            tema.promedio, tema.cambio, tema.suprimido = None, None, True
        if tema.base is not None and (tema.respuestas_base or 0) < UMBRAL:
            tema.base, tema.cambio, tema.base_suprimida = None, None, True


def _capacitacion(datos, anio):
    """Personas capacitadas y certificadas del año por sexo, ya protegidas (2 consultas)."""
    por_sexo = estadisticas.por_sexo_estatal(date(anio, 1, 1), date(anio, 12, 31))
    capacitadas, datos.capacitadas = proteger_columna([c.personas for c in por_sexo])
    certificadas, datos.certificadas = proteger_columna([c.certificadas for c in por_sexo])
    datos.por_sexo = [
        (c.clave, c.nombre, capacitada, certificada)
        for c, capacitada, certificada in zip(por_sexo, capacitadas, certificadas, strict=True)
    ]
