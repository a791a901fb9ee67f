"""Operaciones del editor del plan que tocan varias filas: crear (o copiar) un plan y agregar,
duplicar, mover o eliminar actividades.

Todas bloquean primero la fila del plan, igual que el autoguardado y los cambios de estado, para
que dos operaciones simultáneas sobre el mismo plan se hagan una tras otra. Ninguna reescribe el
contenido de las demás actividades: a lo más cambian su número de orden.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from planes.models import Actividad, PlanTrabajo, ProgramaPresupuestario
from unidades.models import Integrante, Unidad

#: Lo que se copia de una actividad: todo su contenido, no su plan, su orden ni sus contadores.
CAMPOS_COPIABLES = [
    f.name
    for f in Actividad._meta.concrete_fields
    if f.editable and f.name not in {"id", "plan", "orden"}
]


class PlanYaExiste(ValidationError):
    """La unidad ya tiene un plan para ese año; `plan` es el que existe."""

    def __init__(self, plan):
        self.plan = plan
        super().__init__(
            _("La unidad ya tiene un plan de trabajo para %(anio)s.") % {"anio": plan.anio},
            code="plan_existe",
        )


def plan_anterior(*, unidad, anio):
    """El plan del año anterior del que se copia: su última versión aprobada o, si ninguna se
    aprobó, la más reciente."""
    planes = list(PlanTrabajo.objects.filter(unidad=unidad, anio=anio - 1).order_by("-version"))
    aprobados = [p for p in planes if p.estado == PlanTrabajo.Estado.APROBADO]
    return (aprobados or planes or [None])[0]


def _titular_vigente(unidad):
    persona = (
        unidad.integrantes.vigentes()
        .filter(cargo_en_unidad__in=[Integrante.Cargo.TITULAR, Integrante.Cargo.ENLACE])
        .order_by("cargo_en_unidad", "-fecha_designacion")
        .first()
    )
    return persona.nombre if persona else ""


def _copiar_actividad(origen, *, plan, orden, programas=None):
    """Copia la actividad en `plan`. Con `programas` ({clave: programa} del año de `plan`),
    la copia va a otro ejercicio: lleva el programa de la misma clave en ese año (si lo hay)
    y no el monto aprobado del año anterior."""
    copia = Actividad(plan=plan, orden=orden)
    for campo in CAMPOS_COPIABLES:
        setattr(copia, campo, getattr(origen, campo))
    if programas is not None and origen.programa_id is not None:
        copia.programa = programas.get(origen.programa.clave)
        copia.monto_aprobado = None
    copia.save()
    copia.alineaciones.set(origen.alineaciones.all())
    return copia


@transaction.atomic
def plan_crear(*, unidad, anio, copiar_anterior=False):
    """Crea la versión 1, en borrador, del plan de `anio` de la unidad.

    Con `copiar_anterior`, copia el encabezado y todas las actividades (con su alineación) del
    plan del año anterior; el seguimiento y las observaciones no se copian.
    """
    # Con la unidad bloqueada, dos envíos simultáneos del formulario no crean dos planes.
    Unidad.objects.select_for_update().filter(pk=unidad.pk).first()
    existente = PlanTrabajo.objects.filter(unidad=unidad, anio=anio).order_by("-version").first()
    if existente is not None:
        raise PlanYaExiste(existente)
    origen = plan_anterior(unidad=unidad, anio=anio) if copiar_anterior else None
    if copiar_anterior and origen is None:
        raise ValidationError(
            _("La unidad no tiene un plan de %(anio)s del cual copiar.") % {"anio": anio - 1},
            code="sin_plan_anterior",
        )
    titular = _titular_vigente(unidad) or (origen.titular_unidad if origen else "")
    try:
        with transaction.atomic():
            plan = PlanTrabajo.objects.create(
                unidad=unidad,
                anio=anio,
                titular_unidad=titular,
                compromiso=origen.compromiso if origen else "",
            )
    except IntegrityError as error:
        raise PlanYaExiste(PlanTrabajo.objects.get(unidad=unidad, anio=anio, version=1)) from error
    if origen is not None:
        actividades = (
            origen.actividades.select_related("programa")
            .prefetch_related("alineaciones")
            .order_by("orden", "pk")
        )
        programas = {p.clave: p for p in ProgramaPresupuestario.objects.filter(anio=anio)}
        for orden, actividad in enumerate(actividades, start=1):
            _copiar_actividad(actividad, plan=plan, orden=orden, programas=programas)
    return plan


def _bloquear(plan):
    """Bloquea la fila del plan y comprueba que siga en edición."""
    plan = PlanTrabajo.objects.select_for_update().get(pk=plan.pk)
    if not plan.editable:
        raise ValidationError(
            _("El plan está «%(estado)s» y ya no se puede editar.")
            % {"estado": plan.get_estado_display()},
            code="no_editable",
        )
    return plan


def _renumerar(plan):
    """Deja el orden de las actividades en 1, 2, 3… sin cambiar su secuencia."""
    actividades = list(Actividad.objects.filter(plan=plan).order_by("orden", "pk"))
    cambiadas = []
    for numero, actividad in enumerate(actividades, start=1):
        if actividad.orden != numero:
            actividad.orden = numero
            cambiadas.append(actividad)
    # Solo el orden, con UPDATE directo: el contenido de las actividades no se toca.
    Actividad.objects.bulk_update(cambiadas, ["orden"])
    return actividades


@transaction.atomic
def actividad_agregar(*, plan, **campos):
    """Agrega una actividad al final del plan: vacía o con los `campos` dados (así la crea una
    propuesta adoptada, `planes.propuestas.adoptar`)."""
    plan = _bloquear(plan)
    ultimo = plan.actividades.aggregate(m=Max("orden"))["m"] or 0
    return Actividad.objects.create(plan=plan, orden=ultimo + 1, **campos)


@transaction.atomic
def actividad_duplicar(*, actividad):
    """Copia la actividad (con su alineación) justo después de ella."""
    plan = _bloquear(actividad.plan)
    actividad = Actividad.objects.get(pk=actividad.pk, plan=plan)
    _renumerar(plan)
    actividad.refresh_from_db(fields=["orden"])
    plan.actividades.filter(orden__gt=actividad.orden).update(orden=F("orden") + 1)
    return _copiar_actividad(actividad, plan=plan, orden=actividad.orden + 1)


@transaction.atomic
def actividad_eliminar(*, actividad):
    """Elimina una actividad; las demás conservan su contenido y su secuencia."""
    plan = _bloquear(actividad.plan)
    eliminada = Actividad.objects.filter(pk=actividad.pk, plan=plan)
    propuesta_id = eliminada.values_list("propuesta_id", flat=True).first()
    eliminada.delete()
    _renumerar(plan)
    if propuesta_id is not None:
        # La propuesta que adoptó vuelve a «sin decidir» si ya nada la lleva al plan. Import
        # local: planes.propuestas usa este módulo para agregar la actividad.
        from planes.propuestas import reabrir_si_quedo_sin_actividad

        reabrir_si_quedo_sin_actividad(propuesta_id)


@transaction.atomic
def actividad_mover(*, actividad, direccion):
    """Intercambia la actividad con la de arriba o la de abajo.

    Devuelve la actividad con que se intercambió, o None si ya estaba en el extremo. Si la
    actividad ya no existe, lanza Actividad.DoesNotExist (igual que duplicar).
    """
    if direccion not in ("arriba", "abajo"):
        raise ValidationError(_("Dirección no válida."), code="direccion")
    plan = _bloquear(actividad.plan)
    actividades = _renumerar(plan)
    posicion = next((i for i, a in enumerate(actividades) if a.pk == actividad.pk), None)
    if posicion is None:  # alguien la eliminó mientras tanto
        raise Actividad.DoesNotExist
    otra = posicion - 1 if direccion == "arriba" else posicion + 1
    if not 0 <= otra < len(actividades):
        return None
    esta, vecina = actividades[posicion], actividades[otra]
    esta.orden, vecina.orden = vecina.orden, esta.orden
    Actividad.objects.bulk_update([esta, vecina], ["orden"])
    return vecina
