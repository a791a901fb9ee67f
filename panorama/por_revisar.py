"""«Por revisar»: lo que espera a la Coordinación en todas las aplicaciones, en una sola cola.

La regla de qué espera a la Coordinación vive aquí y solo aquí; la página «Por revisar», la
cifra de la campana y el inicio de la Coordinación la leen de este módulo:

- evidencias de la instalación por validar (unidades, estado «por revisar»);
- planes de trabajo enviados a revisión, también los reenviados con las observaciones
  atendidas (planes, estado «enviado»);
- respuestas al diagnóstico enviadas, por aceptar o devolver (diagnosticos, estado «enviada»);
- inscripciones por confirmar en eventos cuyas inscripciones aún se revisan (capacitación),
  agrupadas por evento e institución, porque así se confirman en la página del evento;
- propuestas del diagnóstico aún sin presentar a la persona titular (diagnosticos, estados
  «por revisar» y «lista»), agrupadas por respuesta: se revisan juntas y se presentan en un
  solo diagnóstico situacional.

Las observaciones a un plan no son un tipo aparte: la unidad las atiende al reenviar el plan,
que entonces vuelve a esta cola como plan enviado.

Cada tipo es una consulta con las mismas columnas (`_columnas`), que traen todo lo que se
muestra; se unen en SQL (UNION ALL) para que la base ordene y pagine. Una página de la cola son
dos consultas (la cuenta y la página) sin importar cuántos asuntos haya ni de qué tipos.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from capacitacion.inscripciones import ESTADOS_REVISION
from capacitacion.models import Inscripcion
from diagnosticos.models import Propuesta, Respuesta
from planes.models import Devolucion, PlanTrabajo
from unidades.models import Dependencia, Evidencia

#: Cuántos asuntos muestra el inicio de la Coordinación antes de «Ver todos».
EN_INICIO = 5


@dataclass(frozen=True)
class Asunto:
    """Algo que espera a la Coordinación: qué es, de quién, desde cuándo y dónde se atiende."""

    tipo: str
    dependencia: Dependencia
    titulo: str
    detalle: str
    desde: datetime
    url: str

    @property
    def nombre_tipo(self):
        return TIPOS[self.tipo].nombre

    @property
    def dias(self):
        """Días completos que lleva esperando (0 si llegó hoy)."""
        return (timezone.localdate() - timezone.localdate(self.desde)).days


def _columnas(
    consulta,
    tipo,
    *,
    ref,
    dependencia,
    desde,
    titulo=None,
    texto=None,
    numero=None,
    version_plan=None,
    reenviado=None,
    n=None,
    ligera=False,
):
    """Las columnas comunes de la cola, en el mismo orden para todos los tipos.

    Cada fila trae todo lo que se muestra (nombre y siglas de la institución, título, etc.):
    así una página de la cola es una sola consulta, venga de los tipos que venga. En la de
    inscripciones, `desde` y `n` son agregados y las columnas de `values()` la agrupan.

    `ligera` deja solo lo que distingue un asunto de otro (sin uniones a otras tablas ni
    agregados): es la que cuenta la campana en cada página de la Coordinación.
    """
    if ligera:
        # Con `n` (inscripciones) un asunto agrupa las filas de un evento y una institución: se
        # cuentan los grupos. Los demás son una fila cada uno y no necesitan la institución.
        if n is not None:
            return consulta.values(ref=ref, dep=F(dependencia)).order_by().distinct()
        return consulta.values(ref=ref, dep=Value(0, output_field=IntegerField())).order_by()
    return (
        consulta.values(
            ref=ref,
            dep=F(dependencia),
            dep_nombre=F(f"{dependencia}__nombre"),
            dep_siglas=F(f"{dependencia}__siglas"),
            titulo=titulo or Value("", output_field=CharField()),
            texto=texto or Value("", output_field=CharField()),
            numero=numero or Value(0, output_field=IntegerField()),
            version_plan=version_plan or Value(0, output_field=IntegerField()),
        )
        .annotate(
            reenviado=reenviado or Value(False, output_field=BooleanField()),
            desde=desde,
            tipo=Value(tipo, output_field=CharField()),
            n=n or Value(1, output_field=IntegerField()),
        )
        .order_by()
    )


def _dependencia(fila):
    return Dependencia(pk=fila["dep"], nombre=fila["dep_nombre"], siglas=fila["dep_siglas"])


# --- Evidencias de la instalación ---------------------------------------------------------------


def _evidencias(usuario, ligera=False):
    return _columnas(
        Evidencia.objects.visibles_para(usuario).filter(estado=Evidencia.Estado.PENDIENTE),
        "evidencia",
        ligera=ligera,
        ref=F("pk"),
        dependencia="unidad__dependencia",
        titulo=F("paso__titulo"),
        texto=F("nombre_original"),
        numero=F("paso_id"),
        desde=F("subida_en"),
    )


def _asunto_evidencia(fila):
    url = reverse("unidades:dependencia_detalle", args=[fila["dep"]])
    return Asunto(
        tipo="evidencia",
        dependencia=_dependencia(fila),
        titulo=fila["titulo"],
        detalle=_("Validar o rechazar «%(archivo)s»") % {"archivo": fila["texto"]},
        desde=fila["desde"],
        url=f"{url}#paso-{fila['numero']}",
    )


# --- Planes de trabajo --------------------------------------------------------------------------


def _planes(usuario, ligera=False):
    # Reenviado: volvió después de una devolución con observaciones, que la unidad respondió o
    # marcó (la Coordinación las revisa en la página del plan, con lo que cambió).
    reenvios = Devolucion.objects.filter(plan=OuterRef("pk"), reenviada_en__isnull=False)
    return _columnas(
        PlanTrabajo.objects.visibles_para(usuario).filter(estado=PlanTrabajo.Estado.ENVIADO),
        "plan",
        ligera=ligera,
        ref=F("pk"),
        dependencia="unidad__dependencia",
        numero=F("anio"),
        version_plan=F("version"),
        reenviado=Exists(reenvios),
        # Un plan enviado siempre tiene fecha de envío; `actualizado` cubre datos viejos.
        desde=Coalesce("enviado_en", "actualizado"),
    )


def _asunto_plan(fila):
    if fila["version_plan"] > 1:
        titulo = _("Plan de trabajo %(anio)s, modificación (versión %(version)s)") % {
            "anio": fila["numero"],
            "version": fila["version_plan"],
        }
    else:
        titulo = _("Plan de trabajo %(anio)s") % {"anio": fila["numero"]}
    if fila["reenviado"]:
        detalle = _(
            "Reenviado tras las observaciones: revisar las respuestas y lo que cambió, y aprobar "
            "o devolver"
        )
    else:
        detalle = _("Aprobar o devolver con observaciones")
    return Asunto(
        tipo="plan",
        dependencia=_dependencia(fila),
        titulo=titulo,
        detalle=detalle,
        desde=fila["desde"],
        url=reverse("planes:detalle", args=[fila["ref"]]),
    )


# --- Respuestas al diagnóstico ------------------------------------------------------------------


def _diagnosticos(usuario, ligera=False):
    return _columnas(
        Respuesta.objects.visibles_para(usuario).filter(estado=Respuesta.Estado.ENVIADA),
        "diagnostico",
        ligera=ligera,
        ref=F("pk"),
        dependencia="dependencia",
        titulo=F("aplicacion__nombre"),
        desde=F("enviada_en"),
    )


def _asunto_diagnostico(fila):
    url = reverse("diagnosticos:resultado", args=[fila["ref"]])
    return Asunto(
        tipo="diagnostico",
        dependencia=_dependencia(fila),
        titulo=fila["titulo"],
        detalle=_("Aceptar la respuesta o devolverla con observaciones"),
        desde=fila["desde"],
        url=f"{url}#revision",
    )


# --- Inscripciones a capacitación ---------------------------------------------------------------


def _inscripciones(usuario, ligera=False):
    # Una fila por evento e institución: se confirman juntas en la página del evento.
    return _columnas(
        Inscripcion.objects.visibles_para(usuario).filter(
            estado=Inscripcion.Estado.SOLICITADA, evento__estado__in=ESTADOS_REVISION
        ),
        "inscripcion",
        ligera=ligera,
        ref=F("evento_id"),
        dependencia="dependencia",
        titulo=F("evento__nombre"),
        desde=Min("creada"),
        n=Count("pk"),
    )


def _asunto_inscripcion(fila):
    evento = reverse("capacitacion:evento_detalle", args=[fila["ref"]])
    filtro = urlencode(
        {"insc_estado": Inscripcion.Estado.SOLICITADA.value, "insc_dependencia": fila["dep"]}
    )
    n = fila["n"]
    return Asunto(
        tipo="inscripcion",
        dependencia=_dependencia(fila),
        titulo=fila["titulo"],
        detalle=ngettext("%(n)s persona por confirmar", "%(n)s personas por confirmar", n)
        % {"n": n},
        desde=fila["desde"],
        url=f"{evento}?{filtro}#inscripciones",
    )


# --- Propuestas del diagnóstico -----------------------------------------------------------------


def _propuestas(usuario, ligera=False):
    # Una fila por respuesta: sus propuestas se revisan en una página y se presentan juntas.
    # Se parte de la respuesta (no de la propuesta, cuyo campo «texto» choca con la columna).
    return _columnas(
        Respuesta.objects.visibles_para(usuario).filter(
            propuestas__estado__in=[Propuesta.Estado.BORRADOR, Propuesta.Estado.LISTA]
        ),
        "propuestas",
        ligera=ligera,
        ref=F("pk"),
        dependencia="dependencia",
        titulo=F("aplicacion__nombre"),
        desde=Min("propuestas__creada"),
        n=Count("propuestas", filter=Q(propuestas__estado=Propuesta.Estado.BORRADOR)),
    )


def _asunto_propuestas(fila):
    n = fila["n"]
    if n:
        detalle = ngettext("%(n)s propuesta por revisar", "%(n)s propuestas por revisar", n) % {
            "n": n
        }
        url = reverse("diagnosticos:propuestas", args=[fila["ref"]])
    else:
        detalle = _("Propuestas listas: generar y entregar el diagnóstico situacional")
        url = reverse("diagnosticos:situacional", args=[fila["ref"]])
    return Asunto(
        tipo="propuestas",
        dependencia=_dependencia(fila),
        titulo=_("Propuestas de «%(ronda)s»") % {"ronda": fila["titulo"]},
        detalle=detalle,
        desde=fila["desde"],
        url=url,
    )


# --- La cola ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tipo:
    nombre: str
    #: Permiso con que se atiende en su página: sin él, el tipo no está en la cola de la persona.
    permiso: str
    consulta: object
    asunto: object


#: Los tipos de asunto, en el orden de las pestañas de la página.
TIPOS = {
    "evidencia": Tipo(
        gettext_lazy("Evidencias de instalación"),
        "unidades.revisar_evidencia",
        _evidencias,
        _asunto_evidencia,
    ),
    "plan": Tipo(
        gettext_lazy("Planes de trabajo"),
        "planes.revisar_plan",
        _planes,
        _asunto_plan,
    ),
    "diagnostico": Tipo(
        gettext_lazy("Diagnósticos"),
        "diagnosticos.revisar_respuesta",
        _diagnosticos,
        _asunto_diagnostico,
    ),
    "inscripcion": Tipo(
        gettext_lazy("Inscripciones"),
        "capacitacion.confirmar_inscripcion",
        _inscripciones,
        _asunto_inscripcion,
    ),
    "propuestas": Tipo(
        gettext_lazy("Propuestas del diagnóstico"),
        "diagnosticos.presentar_propuestas",
        _propuestas,
        _asunto_propuestas,
    ),
}


def tipos_para(usuario):
    """Los tipos que la persona atiende: los de la Coordinación (y Administración) que su rol
    puede revisar. Vacío para quien no ve todas las instituciones."""
    if not usuario.is_authenticated or not usuario.ve_todas_las_dependencias:
        return []
    return [tipo for tipo, datos in TIPOS.items() if usuario.has_perm(datos.permiso)]


def cola(usuario, tipos):
    """Las filas (columnas de `_columnas`) de los `tipos` dados, lo más antiguo primero.

    Es una consulta perezosa: se puede contar y rebanar (paginar) en la base.
    """
    consultas = [TIPOS[tipo].consulta(usuario) for tipo in tipos]
    if not consultas:
        return Evidencia.objects.none().values("pk")
    primera, *resto = consultas
    unidas = primera.union(*resto, all=True) if resto else primera
    return unidas.order_by("desde", "tipo", "ref")


def asuntos(filas):
    """Convierte filas de `cola()` en `Asunto`, sin más consultas que la de las filas."""
    return [TIPOS[fila["tipo"]].asunto(fila) for fila in filas]


def conteos(usuario, tipos):
    """{tipo: cuántos asuntos}, una consulta por tipo."""
    return {tipo: TIPOS[tipo].consulta(usuario).count() for tipo in tipos}


def total(usuario, tipos):
    """Cuántos asuntos esperan, en una sola consulta ligera (la cifra de la campana)."""
    if not tipos:
        return 0
    primera, *resto = [TIPOS[tipo].consulta(usuario, ligera=True) for tipo in tipos]
    return (primera.union(*resto, all=True) if resto else primera).count()


def primeros(usuario, tipos, cuantos=EN_INICIO):
    """Los `cuantos` asuntos que llevan más tiempo esperando."""
    if not tipos:
        return []
    return asuntos(cola(usuario, tipos)[:cuantos])
