"""Las propuestas del diagnóstico en el plan de trabajo: la única casa de sus reglas.

Una propuesta presentada a la persona titular de una institución (`diagnosticos.Propuesta`) la
decide su unidad desde el editor del plan: la adopta como actividad (`adoptar`) o dice por qué
no (`no_adoptar`). Si elimina del plan la actividad que la adoptó, la propuesta vuelve a «sin
decidir» (`reabrir_si_quedo_sin_actividad`, que llama el editor al eliminar).

La Coordinación sigue qué fue de ellas: `ejecucion` (según el seguimiento trimestral enviado),
`cifras` (para el tablero y el informe anual) y `cifras_por_institucion`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos.models import Propuesta
from diagnosticos.seguimiento_propuestas import con_hallazgo, texto_hallazgo
from planes import services_editor
from planes.models import Actividad, InformeTrimestral, PlanTrabajo, Seguimiento
from uig_portal.lib.cifras import porcentaje

Decision = Propuesta.Decision
ENVIADO = InformeTrimestral.Estado.ENVIADO
EstadoSeguimiento = Seguimiento.Estado


# --- Decidir -----------------------------------------------------------------------------


def abiertas_del_plan(plan):
    """Las propuestas presentadas a la institución del plan y aún sin decidir, cada una con su
    hallazgo en palabras (`texto_hallazgo`): lo que ofrece el editor. Una consulta."""
    propuestas = list(
        con_hallazgo(
            Propuesta.objects.abiertas().filter(dependencia_id=plan.unidad.dependencia_id)
        ).order_by("-respuesta__aplicacion__apertura", "orden", "pk")
    )
    for propuesta in propuestas:
        propuesta.hallazgo = texto_hallazgo(propuesta)
    return propuestas


def _tomar(propuesta):
    """La propuesta con su fila bloqueada, si sigue presentada y sin decidir.

    Además del bloqueo de fila, la revisión sube con un UPDATE condicionado a que siga sin
    decidir: aun donde la base no bloquea filas (SQLite), de dos decisiones simultáneas (un
    doble clic) solo una pasa.
    """
    propuesta = Propuesta.objects.select_for_update().get(pk=propuesta.pk)
    if propuesta.estado != Propuesta.Estado.PRESENTADA:
        raise ValidationError(
            _(
                "La propuesta aún no se presenta a la institución: se decide cuando la "
                "Coordinación entrega el diagnóstico situacional."
            ),
            code="no_presentada",
        )
    if propuesta.decision != Decision.ABIERTA:
        raise ValidationError(
            _("La propuesta ya se decidió: «%(decision)s».")
            % {"decision": propuesta.get_decision_display()},
            code="ya_decidida",
        )
    tomadas = Propuesta.objects.filter(
        pk=propuesta.pk, revision=propuesta.revision, decision=Decision.ABIERTA
    ).update(revision=propuesta.revision + 1)
    if not tomadas:
        raise ValidationError(
            _("La propuesta ya se decidió: recargue la página para ver cómo."),
            code="ya_decidida",
        )
    propuesta.revision += 1
    return propuesta


def _decidir(propuesta, decision, usuario, motivo=""):
    propuesta.decision = decision
    propuesta.motivo = motivo
    propuesta.decidida_en = timezone.now()
    propuesta.decidida_por = usuario
    propuesta._history_user = usuario
    propuesta.save(
        update_fields=["decision", "motivo", "decidida_en", "decidida_por", "actualizada"]
    )


@transaction.atomic
def adoptar(propuesta, plan, usuario) -> Actividad:
    """Adopta la propuesta como una actividad nueva al final del plan y la marca adoptada.

    La actividad lleva el eje, el objetivo y el indicador sugeridos, la propuesta como
    descripción, el hallazgo en palabras como área de oportunidad y el vínculo a la propuesta.
    Lanza ValidationError (y no guarda nada) si la propuesta no está presentada o ya se
    decidió, si es de otra institución, o si el plan ya no se edita.
    """
    # Primero el plan y después la propuesta, en el mismo orden que eliminar una actividad:
    # dos operaciones cruzadas no se esperan una a otra para siempre.
    plan = PlanTrabajo.objects.select_for_update().get(pk=plan.pk)
    if not plan.editable:
        raise ValidationError(
            _("El plan está «%(estado)s» y ya no se puede editar.")
            % {"estado": plan.get_estado_display()},
            code="no_editable",
        )
    dependencia_id = plan.unidad.dependencia_id
    if propuesta.dependencia_id != dependencia_id:
        raise ValidationError(
            _("La propuesta es para otra institución: solo se adopta en el plan de su unidad."),
            code="otra_institucion",
        )
    propuesta = _tomar(propuesta)
    if propuesta.dependencia_id != dependencia_id:  # releída con la fila bloqueada
        raise ValidationError(
            _("La propuesta es para otra institución: solo se adopta en el plan de su unidad."),
            code="otra_institucion",
        )
    hallazgo = texto_hallazgo(con_hallazgo(Propuesta.objects.filter(pk=propuesta.pk)).get())
    actividad = services_editor.actividad_agregar(
        plan=plan,
        eje=propuesta.eje,
        objetivo=propuesta.objetivo,
        indicador=propuesta.indicador,
        descripcion=propuesta.texto,
        area_oportunidad=hallazgo,
        propuesta=propuesta,
    )
    _decidir(propuesta, Decision.ADOPTADA, usuario)
    return actividad


@transaction.atomic
def no_adoptar(propuesta, motivo, usuario):
    """Registra que la unidad no adopta la propuesta, con su motivo (obligatorio)."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError(
            _("Escriba por qué no se adopta la propuesta: la Coordinación lo verá."),
            code="sin_motivo",
        )
    propuesta = _tomar(propuesta)
    _decidir(propuesta, Decision.NO_ADOPTADA, usuario, motivo)
    return propuesta


@transaction.atomic
def reabrir(propuesta, usuario=None):
    """Devuelve la propuesta a «sin decidir»; no si alguna actividad (de cualquier plan) la
    lleva todavía."""
    propuesta = Propuesta.objects.select_for_update().get(pk=propuesta.pk)
    if Actividad.objects.filter(propuesta=propuesta).exists():
        raise ValidationError(
            _("La propuesta sigue en el plan: elimine primero la actividad que la adoptó."),
            code="con_actividad",
        )
    if propuesta.decision == Decision.ABIERTA:
        return propuesta
    propuesta.decision = Decision.ABIERTA
    propuesta.motivo = ""
    propuesta.decidida_en = None
    propuesta.decidida_por = None
    propuesta.revision += 1
    if usuario is not None:
        propuesta._history_user = usuario
    propuesta.save(
        update_fields=[
            "decision",
            "motivo",
            "decidida_en",
            "decidida_por",
            "revision",
            "actualizada",
        ]
    )
    return propuesta


def reabrir_si_quedo_sin_actividad(propuesta_id):
    """Tras eliminar en el editor una actividad que adoptó una propuesta: si ninguna otra
    actividad (en ninguna versión de ningún plan) la lleva, vuelve a «sin decidir»."""
    propuesta = Propuesta.objects.filter(pk=propuesta_id, decision=Decision.ADOPTADA).first()
    if propuesta is None or Actividad.objects.filter(propuesta_id=propuesta_id).exists():
        return None
    return reabrir(propuesta)


# --- Qué fue de ellas ------------------------------------------------------------------------


class Ejecucion:
    """Cómo va, según el seguimiento trimestral enviado, la actividad de una propuesta adoptada.

    Los valores son cadenas: «concluida», «en proceso», «cancelada», «sin seguimiento».
    """

    CONCLUIDA = "concluida"
    EN_PROCESO = "en proceso"
    CANCELADA = "cancelada"
    SIN_SEGUIMIENTO = "sin seguimiento"

    ETIQUETAS = {
        CONCLUIDA: gettext_lazy("Concluida"),
        EN_PROCESO: gettext_lazy("En proceso"),
        CANCELADA: gettext_lazy("Cancelada"),
        SIN_SEGUIMIENTO: gettext_lazy("Sin seguimiento"),
    }


def ejecucion(propuestas) -> dict:
    """{propuesta_id: estado} de las propuestas adoptadas (las demás no aparecen). Una consulta.

    Cuenta el seguimiento de los informes trimestrales ENVIADOS de cualquier actividad que
    lleve la propuesta, en cualquier versión del plan: «concluida» si alguno la reporta
    concluida; si no, «cancelada» si el trimestre más reciente la reporta cancelada (una
    actividad en proceso y después cancelada está cancelada); si no, «en proceso» si alguno la
    reporta en proceso; si no, «cancelada» si alguno la reporta cancelada; si no, «sin
    seguimiento».
    """
    ids = [p.pk for p in propuestas if p.decision == Decision.ADOPTADA]
    if not ids:
        return {}
    reportes = {}
    for propuesta_id, estado, trimestre in (
        Seguimiento.objects.filter(actividad__propuesta_id__in=ids, informe__estado=ENVIADO)
        .values_list("actividad__propuesta_id", "estado", "informe__trimestre")
        .distinct()
    ):
        reportes.setdefault(propuesta_id, []).append((trimestre, estado))
    resultado = {}
    for pk in ids:
        estados = reportes.get(pk, [])
        todos = {estado for _trimestre, estado in estados}
        ultimo = max((trimestre for trimestre, _estado in estados), default=None)
        del_ultimo = {estado for trimestre, estado in estados if trimestre == ultimo}
        if EstadoSeguimiento.CONCLUIDA in todos:
            resultado[pk] = Ejecucion.CONCLUIDA
        elif EstadoSeguimiento.CANCELADA in del_ultimo:
            resultado[pk] = Ejecucion.CANCELADA
        elif EstadoSeguimiento.EN_PROCESO in todos:
            resultado[pk] = Ejecucion.EN_PROCESO
        elif EstadoSeguimiento.CANCELADA in todos:
            resultado[pk] = Ejecucion.CANCELADA
        else:
            resultado[pk] = Ejecucion.SIN_SEGUIMIENTO
    return resultado


@dataclass
class Cifras:
    """Cuántas propuestas se presentaron y qué decidieron las instituciones.

    `atendidas`: adoptadas cuya actividad se reportó concluida en un informe trimestral
    enviado (la misma regla que «concluida» en `ejecucion`).
    """

    presentadas: int = 0
    adoptadas: int = 0
    no_adoptadas: int = 0
    sin_decidir: int = 0
    atendidas: int = 0

    @property
    def decididas(self):
        return self.adoptadas + self.no_adoptadas

    @property
    def porcentaje_adoptadas(self):
        """Adoptadas de cada 100 presentadas."""
        return porcentaje(self.adoptadas, self.presentadas)

    @property
    def porcentaje_no_adoptadas(self):
        return porcentaje(self.no_adoptadas, self.presentadas)

    @property
    def porcentaje_decididas(self):
        """Decididas (adoptadas o no) de cada 100 presentadas."""
        return porcentaje(self.decididas, self.presentadas)

    @property
    def porcentaje_atendidas(self):
        """Atendidas de cada 100 adoptadas."""
        return porcentaje(self.atendidas, self.adoptadas)

    @property
    def porcentaje_atendidas_de_presentadas(self):
        """Atendidas de cada 100 presentadas."""
        return porcentaje(self.atendidas, self.presentadas)


def _concluida():
    return Exists(
        Seguimiento.objects.filter(
            actividad__propuesta_id=OuterRef("pk"),
            informe__estado=ENVIADO,
            estado=EstadoSeguimiento.CONCLUIDA,
        )
    )


def _conteos():
    return {
        "presentadas": Count("pk"),
        "adoptadas": Count("pk", filter=Q(decision=Decision.ADOPTADA)),
        "no_adoptadas": Count("pk", filter=Q(decision=Decision.NO_ADOPTADA)),
        "sin_decidir": Count("pk", filter=Q(decision=Decision.ABIERTA)),
        "atendidas": Count("pk", filter=Q(_concluida(), decision=Decision.ADOPTADA)),
    }


def presentadas_del_anio(anio, propuestas=None):
    """Las propuestas presentadas que salieron de una ronda del ejercicio `anio`."""
    propuestas = Propuesta.objects.all() if propuestas is None else propuestas
    return propuestas.presentadas().filter(respuesta__aplicacion__anio=anio)


def cifras(anio, *, propuestas=None) -> Cifras:
    """Las cifras de las propuestas presentadas de las rondas del ejercicio `anio`. Una consulta.

    `propuestas` acota el universo (p. ej. `Propuesta.objects.visibles_para(usuario)`); por
    omisión, todas las instituciones.
    """
    return Cifras(**presentadas_del_anio(anio, propuestas).aggregate(**_conteos()))


@dataclass
class CifrasInstitucion:
    dependencia_id: int
    nombre: str
    siglas: str
    cifras: Cifras


def cifras_por_institucion(anio, *, propuestas=None):
    """Queryset de diccionarios, uno por institución con propuestas presentadas en `anio`:
    `dependencia_id`, `dependencia__nombre`, `dependencia__siglas` y los conteos de `Cifras`,
    por nombre. Una consulta (se puede paginar); `como_cifras` convierte cada fila."""
    return (
        presentadas_del_anio(anio, propuestas)
        .values("dependencia_id", "dependencia__nombre", "dependencia__siglas")
        .annotate(**_conteos())
        .order_by("dependencia__nombre", "dependencia_id")
    )


def como_cifras(fila) -> CifrasInstitucion:
    """Una fila de `cifras_por_institucion` como `CifrasInstitucion`."""
    return CifrasInstitucion(
        dependencia_id=fila["dependencia_id"],
        nombre=fila["dependencia__nombre"],
        siglas=fila["dependencia__siglas"],
        cifras=Cifras(**{campo: fila[campo] for campo in _conteos()}),
    )


def anios_con_propuestas(propuestas=None):
    """Los ejercicios con propuestas presentadas, del más reciente al más antiguo."""
    propuestas = Propuesta.objects.all() if propuestas is None else propuestas
    return list(
        propuestas.presentadas()
        .order_by("-respuesta__aplicacion__anio")
        .values_list("respuesta__aplicacion__anio", flat=True)
        .distinct()
    )
