"""Tablero de la Coordinación: una fila por institución y los totales de toda la administración.

Todo sale de un número fijo de consultas, sin importar cuántas instituciones haya: la página de
instituciones se pagina (50 por página) y cada cifra de sus filas sale de una consulta agrupada
por institución, solo para los identificadores de esa página.

Semáforo de cada institución (la regla que se muestra en la página):

- **Rojo** si su unidad aún no está instalada, si tiene un acuerdo vencido, si un informe
  trimestral venció sin enviarse (también el cuarto del año anterior, con la regla de
  `planes.avance.informes_vencidos`), o si la ronda del diagnóstico del ejercicio ya cerró y no
  envió su cuestionario.
- **Amarillo** si no tiene aprobado el plan de trabajo del año, si no ha enviado el
  cuestionario de la ronda del ejercicio (aún en plazo) o si el avance de su plan va por debajo
  de lo esperado.
- **Verde** en otro caso.

Los totales de arriba siguen el sector y el tipo del filtro de las filas (no la búsqueda por
nombre, que solo acota la tabla), y los enlaces detrás de cada cifra llevan ese filtro a la
lista que lo acepta.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capacitacion.models import Inscripcion
from diagnosticos import resultados
from diagnosticos.models import Aplicacion, Propuesta, Respuesta
from panorama import ejercicio
from planes import propuestas
from planes.avance import avance_plan, informes_vencidos, planes_en_seguimiento
from planes.models import Actividad, PlanTrabajo, Seguimiento
from uig_portal.lib.cifras import porcentaje
from uig_portal.lib.graficas import (
    Barra,
    formato_entero,
    formato_porcentaje,
    grafica_barras_horizontales,
    grafica_serie,
)
from unidades.filters import DependenciaFilter
from unidades.models import Acuerdo, Dependencia, Sexo, Unidad

POR_PAGINA = 50

VERDE, AMARILLO, ROJO = "verde", "amarillo", "rojo"
#: (etiqueta, clase de Bootstrap) de cada color; la etiqueta siempre acompaña al color.
SEMAFOROS = {
    VERDE: (gettext_lazy("En orden"), "text-bg-success"),
    AMARILLO: (gettext_lazy("Requiere atención"), "text-bg-warning"),
    ROJO: (gettext_lazy("Urgente"), "text-bg-danger"),
}


#: Valor por omisión de `ronda` en `filas` y `totales`: buscar la ronda reciente (None ya
#: significa «no hay ronda»).
BUSCAR_RONDA = object()


def filtro(datos=None):
    """El filtro de instituciones vigentes (sector, tipo y búsqueda por nombre o siglas)."""
    datos = (datos or {}).copy() if hasattr(datos, "copy") else dict(datos or {})
    # El tablero solo muestra instituciones vigentes: se ignora el filtro «vigente».
    datos.pop("vigente", None)
    return DependenciaFilter(datos, queryset=Dependencia.objects.vigentes())


def alcance(filtros):
    """{"sector", "tipo"} válidos de `filtros` (los de `filtro()`); uno inválido queda vacío.

    Son los filtros que también siguen los totales; la búsqueda por nombre no.
    """
    filtros.is_valid()
    datos = filtros.form.cleaned_data
    return {"sector": datos.get("sector") or "", "tipo": datos.get("tipo") or ""}


def contexto(datos, *, hoy=None):
    """Todo lo que la plantilla del tablero necesita, a partir de los datos GET de la página.

    `?anio=` elige el ejercicio (solo los años con datos): el año en curso se mide a hoy y un
    año pasado a su 31 de diciembre, con el estado que cada unidad tenía ese día. La ronda del
    año se busca una sola vez para los totales y las filas.
    """
    hoy = hoy or timezone.localdate()
    anio, valido = ejercicio.anio_valido(datos.get("anio"), hoy)
    pasado = anio < hoy.year
    corte = date(anio, 12, 31) if pasado else hoy
    estado_al = corte if pasado else None
    filtros = filtro(datos)
    ronda = ronda_reciente(corte)
    datos_totales = totales(corte, ronda=ronda, estado_al=estado_al, **alcance(filtros))
    return {
        "ejercicio": {
            "anio": anio,
            "anios": ejercicio.anios_disponibles(hoy),
            "corte": corte,
            "pasado": pasado,
            "valido": valido,
        },
        "filtros": filtros,
        "pagina": filas(
            filtros, pagina=datos.get("page"), hoy=corte, ronda=ronda, estado_al=estado_al
        ),
        "totales": datos_totales,
        "enlaces": enlaces(datos_totales),
        "graficas": graficas(datos_totales),
        "semaforos": SEMAFOROS,
    }


def _de_las_instituciones(consulta, prefijo, *, sector="", tipo=""):
    """`consulta` ceñida al sector y al tipo de la institución (`prefijo` lleva a ella)."""
    if sector:
        consulta = consulta.filter(**{f"{prefijo}sector": sector})
    if tipo:
        consulta = consulta.filter(**{f"{prefijo}tipo": tipo})
    return consulta


def ronda_reciente(hoy=None):
    """La ronda del diagnóstico del año de `hoy` ya abierta, o None.

    Abrir la ronda del año siguiente no cambia las cifras de este año.
    """
    hoy = hoy or timezone.localdate()
    return Aplicacion.objects.del_anio(hoy.year, al=hoy)


@dataclass
class Fila:
    dependencia: Dependencia
    unidad_estado: str = Unidad.Estado.SIN_INICIAR
    plan: dict | None = None
    avance: object = None
    informes_vencidos: int = 0
    respuesta: dict | None = None
    base: Decimal | None = None
    cambio: Decimal | None = None
    capacitadas: dict = field(default_factory=dict)
    acuerdos_abiertos: int = 0
    acuerdos_vencidos: int = 0
    ronda_vencida: bool = False
    motivos: list = field(default_factory=list)
    semaforo: str = VERDE

    @property
    def unidad_etiqueta(self):
        return Unidad.Estado(self.unidad_estado).label

    @property
    def unidad_instalada(self):
        return self.unidad_estado in Unidad.ESTADOS_INSTALADA

    @property
    def plan_aprobado(self):
        return self.plan is not None and self.plan["estado"] == PlanTrabajo.Estado.APROBADO

    @property
    def plan_etiqueta(self):
        if self.plan is None:
            return _("Sin plan")
        return PlanTrabajo.Estado(self.plan["estado"]).label

    @property
    def cuestionario_enviado(self):
        return self.respuesta is not None and self.respuesta["estado"] in (
            resultados.ESTADOS_ENVIADOS
        )

    @property
    def cuestionario_etiqueta(self):
        if self.respuesta is None:
            return _("No está en la ronda")
        return Respuesta.Estado(self.respuesta["estado"]).label

    @property
    def indice(self):
        if not self.cuestionario_enviado:
            return None
        return self.respuesta["indice"]

    @property
    def capacitadas_total(self):
        return sum(self.capacitadas.values())

    @property
    def capacitadas_por_sexo(self):
        return [(s.label, self.capacitadas.get(s.value, 0)) for s in Sexo]

    @property
    def semaforo_etiqueta(self):
        return SEMAFOROS[self.semaforo][0]

    @property
    def semaforo_clase(self):
        return SEMAFOROS[self.semaforo][1]


def semaforo(fila):
    """(color, motivos) de una fila según la regla del módulo."""
    rojos, amarillos = [], []
    if not fila.unidad_instalada:
        rojos.append(_("La unidad aún no está instalada."))
    if fila.acuerdos_vencidos:
        rojos.append(_("Tiene acuerdos vencidos."))
    if fila.informes_vencidos:
        rojos.append(_("Tiene informes trimestrales vencidos sin enviar."))
    if fila.respuesta is not None and not fila.cuestionario_enviado:
        if fila.ronda_vencida:
            rojos.append(_("No envió el cuestionario y la ronda ya cerró."))
        else:
            amarillos.append(_("Aún no envía el cuestionario del diagnóstico."))
    if not fila.plan_aprobado:
        amarillos.append(_("El plan de trabajo del año no está aprobado."))
    elif fila.avance is not None and fila.avance.atrasado:
        amarillos.append(_("El avance del plan va por debajo de lo esperado."))
    if rojos:
        return ROJO, rojos + amarillos
    if amarillos:
        return AMARILLO, amarillos
    return VERDE, []


def _estado_de_la_unidad(estado_al, prefijo="unidad__"):
    """El estado de hoy, o con `estado_al` el que la unidad tenía ese día (años pasados)."""
    if estado_al is None:
        return F(f"{prefijo}estado")
    return Unidad.estado_al(estado_al, prefijo=prefijo)


def filas(filtros, *, pagina=None, hoy=None, ronda=BUSCAR_RONDA, estado_al=None):
    """Una página (Paginator, 50 por página) de filas del tablero, en consultas fijas.

    `filtros` es el de `filtro()`. Las cifras de las filas salen de una consulta agrupada por
    cifra para las instituciones de la página. `ronda` es la de `ronda_reciente(hoy)` si ya
    se buscó.
    """
    hoy = hoy or timezone.localdate()
    anio = hoy.year
    consulta = filtros.qs.annotate(estado_unidad=_estado_de_la_unidad(estado_al)).order_by(
        "nombre", "pk"
    )
    page = Paginator(consulta, POR_PAGINA).get_page(pagina)
    # Se corta la consulta a mano y no con `page.object_list`: con cero instituciones el
    # Paginator corta [0:0] y Django ni siquiera consulta, y el conteo de consultas cambiaría.
    inicio = (page.number - 1) * POR_PAGINA
    dependencias = list(consulta[inicio : inicio + POR_PAGINA])
    # Con una página vacía se consulta igual (con un identificador que no existe): Django no
    # va a la base con `__in=[]`, y el número de consultas no debe depender de los datos.
    ids = [d.pk for d in dependencias] or [0]

    planes = _planes(ids, anio)
    avances, vencidos = _avances(ids, anio, hoy)
    if ronda is BUSCAR_RONDA:
        ronda = ronda_reciente(hoy)
    respuestas, bases = _respuestas(ids, ronda)
    capacitadas = _capacitadas(ids, anio)
    acuerdos = _acuerdos(ids, hoy)

    filas_ = []
    for d in dependencias:
        fila = Fila(
            dependencia=d,
            unidad_estado=d.estado_unidad or Unidad.Estado.SIN_INICIAR,
            plan=planes.get(d.pk),
            avance=avances.get(d.pk),
            informes_vencidos=vencidos.get(d.pk, 0),
            respuesta=respuestas.get(d.pk),
            capacitadas=capacitadas.get(d.pk, {}),
            acuerdos_abiertos=acuerdos.get(d.pk, (0, 0))[0],
            acuerdos_vencidos=acuerdos.get(d.pk, (0, 0))[1],
            ronda_vencida=bool(ronda and ronda.cierre < hoy),
        )
        if fila.indice is not None and d.pk in bases:
            fila.base = resultados.decimal(bases[d.pk][0])
            if fila.base is not None:
                fila.cambio = fila.indice - fila.base
        fila.semaforo, fila.motivos = semaforo(fila)
        filas_.append(fila)
    page.object_list = filas_
    page.ronda = ronda
    return page


def _planes(ids, anio):
    """{dependencia_id: {pk, estado}} de la versión vigente del plan del año."""
    return {
        p["unidad__dependencia_id"]: p
        for p in PlanTrabajo.objects.vigentes()
        .filter(anio=anio, unidad__dependencia_id__in=ids)
        .values("pk", "estado", "unidad__dependencia_id")
    }


def _avances(ids, anio, hoy):
    """({dependencia_id: AvancePlan}, {dependencia_id: informes vencidos sin enviar}).

    Del plan aprobado en seguimiento de cada institución, en cuatro consultas. Se filtra con
    subconsultas y no con listas de identificadores para que las consultas se hagan aunque no
    haya planes: así su número no depende de los datos.
    """
    en_seguimiento = planes_en_seguimiento(
        PlanTrabajo.objects.filter(anio=anio, unidad__dependencia_id__in=ids)
    )
    planes = {
        p["pk"]: p["unidad__dependencia_id"]
        for p in en_seguimiento.values("pk", "unidad__dependencia_id")
    }
    actividades = defaultdict(list)
    for actividad in Actividad.objects.filter(plan__in=en_seguimiento.values("pk")).order_by(
        "orden", "pk"
    ):
        actividades[actividad.plan_id].append(actividad)
    seguimientos = defaultdict(list)
    for seguimiento in Seguimiento.objects.filter(
        informe__plan__in=en_seguimiento.values("pk")
    ).select_related("informe"):
        seguimientos[seguimiento.informe.plan_id].append(seguimiento)
    avances = {
        dependencia_id: avance_plan(actividades[plan_id], seguimientos[plan_id], anio=anio, hoy=hoy)
        for plan_id, dependencia_id in planes.items()
    }
    # La misma regla que los pendientes de cada institución y el recordatorio: también cuenta
    # el cuarto informe del año anterior, que vence en enero.
    vencidos = defaultdict(int)
    for atrasado in informes_vencidos(
        hoy, PlanTrabajo.objects.filter(unidad__dependencia_id__in=ids)
    ):
        vencidos[atrasado.plan.unidad.dependencia_id] += 1
    return avances, vencidos


def _respuestas(ids, ronda):
    """({dependencia_id: respuesta}, {dependencia_id: (indice, indices) de su línea base})."""
    if ronda is None:
        return {}, {}
    respuestas = {
        r["dependencia_id"]: r
        for r in Respuesta.objects.filter(aplicacion=ronda, dependencia_id__in=ids).values(
            "pk", "dependencia_id", "estado", "avance", "indice"
        )
    }
    return respuestas, resultados.lineas_base(ronda, ids)


def _capacitadas(ids, anio):
    """{dependencia_id: {sexo: personas}}: personas distintas que acreditaron un evento que
    terminó en el año, contadas en la institución de su inscripción."""
    cuentas = defaultdict(dict)
    for f in (
        _acreditadas(anio)
        .filter(dependencia_id__in=ids)
        .values("dependencia_id", "participante__sexo")
        .annotate(n=Count("participante", distinct=True))
        .order_by()
    ):
        cuentas[f["dependencia_id"]][f["participante__sexo"]] = f["n"]
    return cuentas


def _acreditadas(anio):
    return Inscripcion.objects.acreditadas().filter(evento__fecha_fin__year=anio)


def _acuerdos(ids, hoy):
    """{dependencia_id: (abiertos, vencidos)}."""
    return {
        f["dependencia_id"]: (f["abiertos"], f["vencidos"])
        for f in Acuerdo.objects.abiertos()
        .filter(dependencia_id__in=ids)
        .values("dependencia_id")
        .annotate(abiertos=Count("pk"), vencidos=Count("pk", filter=Q(fecha_compromiso__lt=hoy)))
        .order_by()
    }


# --- Totales ---------------------------------------------------------------------------------


def etiqueta_alcance(*, sector="", tipo=""):
    """«sector Salud · tipo Organismo descentralizado», o "" sin filtro."""
    partes = []
    if sector:
        partes.append(_("sector %(sector)s") % {"sector": sector})
    if tipo:
        partes.append(_("tipo %(tipo)s") % {"tipo": Dependencia.Tipo(tipo).label})
    return " · ".join(partes)


def totales(hoy=None, *, sector="", tipo="", ronda=BUSCAR_RONDA, estado_al=None):
    """Las cifras de arriba del tablero: de las instituciones vigentes del sector y del tipo
    dados, o de toda la administración.

    `ronda` es la de `ronda_reciente(hoy)` si ya se buscó; con `estado_al`, cada unidad cuenta
    con el estado que tenía ese día.
    """
    hoy = hoy or timezone.localdate()
    anio = hoy.year
    ambito = {"sector": sector, "tipo": tipo}
    vigentes = _de_las_instituciones(Dependencia.objects.vigentes(), "", **ambito)
    por_estado_unidad = dict(
        vigentes.annotate(estado_unidad=_estado_de_la_unidad(estado_al))
        .values_list("estado_unidad")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # El total y las instaladas salen de la misma cuenta por estado, sin otra consulta.
    instalacion = {
        "total": sum(por_estado_unidad.values()),
        "instaladas": sum(
            n for estado, n in por_estado_unidad.items() if estado in Unidad.ESTADOS_INSTALADA
        ),
    }
    unidades = [(e.label, e.value, por_estado_unidad.get(e.value, 0)) for e in Unidad.Estado]
    # Las instituciones sin fila de unidad cuentan como «sin iniciar».
    sin_fila = por_estado_unidad.get(None, 0)
    if sin_fila:
        etiqueta, valor, n = unidades[0]
        unidades[0] = (etiqueta, valor, n + sin_fila)

    planes = dict(
        _de_las_instituciones(
            PlanTrabajo.objects.vigentes().filter(anio=anio, unidad__dependencia__vigente=True),
            "unidad__dependencia__",
            **ambito,
        )
        .values_list("estado")
        .annotate(n=Count("pk"))
        .order_by()
    )
    aprobados = planes.get(PlanTrabajo.Estado.APROBADO, 0)
    if ronda is BUSCAR_RONDA:
        ronda = ronda_reciente(hoy)
    return {
        "anio": anio,
        "alcance": {**ambito, "etiqueta": etiqueta_alcance(**ambito)},
        "instalacion": {
            **instalacion,
            "porcentaje": porcentaje(instalacion["instaladas"], instalacion["total"]),
            "por_estado": unidades,
        },
        "planes": {
            "aprobados": aprobados,
            "porcentaje": porcentaje(aprobados, instalacion["total"]),
            "por_estado": [(e.label, e.value, planes.get(e.value, 0)) for e in PlanTrabajo.Estado],
        },
        "diagnostico": _diagnostico(ronda, **ambito),
        # Las propuestas presentadas de las rondas del ejercicio: la regla es de
        # `planes.propuestas`, la misma del informe anual y del seguimiento de propuestas.
        "propuestas": propuestas.cifras(
            anio,
            propuestas=_de_las_instituciones(Propuesta.objects.all(), "dependencia__", **ambito),
        ),
        "capacitacion": _capacitacion_total(anio, **ambito),
    }


def _diagnostico(ronda, *, sector="", tipo=""):
    """Tasa de respuesta y promedios por sección de la ronda, entre sus instituciones del
    sector y del tipo dados (los promedios son los de su consolidado con esos filtros)."""
    if ronda is None:
        return None
    respuestas = _de_las_instituciones(
        Respuesta.objects.filter(aplicacion=ronda), "dependencia__", sector=sector, tipo=tipo
    )
    conteo = dict(respuestas.values_list("estado").annotate(n=Count("pk")).order_by())
    general, secciones = resultados.promedios_de_la_ronda(ronda, sector=sector, tipo=tipo)
    return {
        "ronda": ronda,
        "tasa": resultados.Tasa(total=sum(conteo.values()), por_estado=conteo),
        "general": general,
        "secciones": secciones,
    }


def _capacitacion_total(anio, *, sector="", tipo=""):
    """Personas acreditadas en el año por sexo y por mes (cada persona una vez por grupo),
    contadas en la institución de su inscripción."""
    acreditadas = _de_las_instituciones(
        _acreditadas(anio), "dependencia__", sector=sector, tipo=tipo
    )
    por_sexo = dict(
        acreditadas.values_list("participante__sexo")
        .annotate(n=Count("participante", distinct=True))
        .order_by()
    )
    por_mes = dict(
        acreditadas.annotate(mes=_mes(anio))
        .values_list("mes")
        .annotate(n=Count("participante", distinct=True))
        .order_by()
    )
    return {
        "por_sexo": [(s.label, s.value, por_sexo.get(s.value, 0)) for s in Sexo],
        # Cada persona tiene un solo sexo: la suma de los grupos son las personas distintas,
        # sin otro COUNT DISTINCT sobre todas las inscripciones del año.
        "total": sum(por_sexo.values()),
        "por_mes": [(str(MONTHS_3[m]).capitalize(), por_mes.get(m, 0)) for m in range(1, 13)],
    }


def _mes(anio):
    """El mes del término del evento como CASE (SQL llano): ExtractMonth en SQLite llama una
    función de Python por fila, lo que con miles de inscripciones es lento (ver
    `capacitacion.estadisticas._por_periodo`)."""
    limites = [date(anio, m + 1, 1) for m in range(1, 12)] + [date(anio + 1, 1, 1)]
    return Case(
        *(
            When(evento__fecha_fin__lt=limite, then=Value(mes))
            for mes, limite in enumerate(limites, start=1)
        ),
        output_field=IntegerField(),
    )


def _con(url, **parametros):
    """`url` con los parámetros que tienen valor, en una cadena de consulta."""
    parametros = {k: v for k, v in parametros.items() if v not in ("", None)}
    return f"{url}?{urlencode(parametros)}" if parametros else url


def enlaces(datos_totales):
    """Las URL de las listas detrás de cada cifra de los totales, con el sector y el tipo de
    los totales donde la lista los acepta (la meta de instalación no tiene filtros y las
    estadísticas de capacitación solo el de sector)."""
    anio = datos_totales["anio"]
    sector, tipo = datos_totales["alcance"]["sector"], datos_totales["alcance"]["tipo"]
    diagnostico = datos_totales["diagnostico"]
    capacitacion = reverse("capacitacion:estadisticas")
    ronda = diagnostico["ronda"].pk if diagnostico else None
    return {
        "instituciones": _con(reverse("unidades:dependencia_lista"), sector=sector, tipo=tipo),
        "meta": reverse("unidades:meta"),
        "planes": _con(reverse("planes:lista"), anio=anio, sector=sector, tipo=tipo),
        "planes_aprobados": _con(
            reverse("planes:lista"), anio=anio, sector=sector, tipo=tipo, estado="aprobado"
        ),
        "ronda": (
            _con(reverse("diagnosticos:aplicacion_detalle", args=[ronda]), sector=sector, tipo=tipo)
            if ronda
            else ""
        ),
        "consolidado": (
            _con(reverse("diagnosticos:consolidado", args=[ronda]), sector=sector, tipo=tipo)
            if ronda
            else ""
        ),
        "capacitacion": _con(capacitacion, sector=sector),
        "capacitacion_por_sexo": [
            (etiqueta, n, _con(capacitacion, sector=sector, sexo=valor))
            for etiqueta, valor, n in datos_totales["capacitacion"]["por_sexo"]
        ],
        "acuerdos": reverse("unidades:acuerdo_lista"),
        "propuestas": _con(reverse("planes:propuestas_seguimiento"), anio=anio),
    }


# --- Gráficas --------------------------------------------------------------------------------


def _lista(pares):
    return "; ".join(f"{etiqueta}: {formato_entero(n)}" for etiqueta, n in pares)


def _barras(pares, *, titulo, descripcion, maximo=None, formato=formato_entero, detalle=None):
    """La gráfica de barras horizontales en dos anchos (pantalla ancha y teléfono)."""
    barras = [Barra(str(e), float(n), detalle(n) if detalle else "") for e, n in pares]
    tope = maximo or max((b.valor for b in barras), default=0) or 1
    comun = {"titulo": titulo, "descripcion": descripcion, "maximo": tope, "formato": formato}
    return {
        "ancha": grafica_barras_horizontales(barras, ancho=640, ancho_etiqueta=230, **comun),
        "angosta": grafica_barras_horizontales(barras, ancho=300, etiqueta_arriba=True, **comun),
    }


def graficas(datos):
    """Las gráficas SVG de los totales; cada una repite sus cifras en su descripción, y dice
    de qué sector y tipo son si los totales están filtrados."""
    alcance = datos["alcance"]["etiqueta"]

    def descripcion(texto):
        if not alcance:
            return texto
        return texto + " " + _("Cifras de: %(alcance)s.") % {"alcance": alcance}

    instalacion = datos["instalacion"]
    total = instalacion["total"]
    unidades = [(e, n) for e, _v, n in instalacion["por_estado"]]
    planes = [(e, n) for e, _v, n in datos["planes"]["por_estado"]]
    capacitacion = datos["capacitacion"]
    sexo = [(e, n) for e, _v, n in capacitacion["por_sexo"]]
    meses = capacitacion["por_mes"]
    maximo_mes = max((n for _m, n in meses), default=0)

    def de_total(n):
        return formato_porcentaje(porcentaje(n, total))

    return {
        "instalacion": _barras(
            unidades,
            titulo=_("Unidades por estado de instalación"),
            descripcion=descripcion(
                _("Instituciones vigentes según el estado de su unidad: %(lista)s.")
                % {"lista": _lista(unidades)}
            ),
            maximo=total or 1,
            detalle=de_total,
        ),
        "planes": _barras(
            planes,
            titulo=_("Planes de trabajo %(anio)s por estado") % {"anio": datos["anio"]},
            descripcion=descripcion(
                _("Planes de trabajo del año en cada estado: %(lista)s.")
                % {"lista": _lista(planes)}
            ),
        ),
        "sexo": _barras(
            sexo,
            titulo=_("Personas capacitadas por sexo"),
            descripcion=descripcion(
                _("Personas que acreditaron un evento en %(anio)s: %(lista)s.")
                % {"anio": datos["anio"], "lista": _lista(sexo)}
            ),
        ),
        "meses": {
            tamano: grafica_serie(
                [m for m, _n in meses],
                [float(n) for _m, n in meses],
                titulo=_("Personas capacitadas por mes"),
                descripcion=descripcion(
                    _(
                        "Personas que acreditaron un evento terminado en cada mes de "
                        "%(anio)s: %(lista)s."
                    )
                    % {"anio": datos["anio"], "lista": _lista(meses)}
                ),
                tipo="barras",
                # Con cifras pequeñas, un tope de 4 evita marcas repetidas en el eje.
                maximo=4 if maximo_mes < 4 else None,
                **medidas,
            )
            for tamano, medidas in (
                ("ancha", {"ancho": 720, "alto": 240}),
                ("angosta", {"ancho": 300, "alto": 200, "max_etiquetas": 4}),
            )
        },
    }
