"""Planes de demostración, hechos con las mismas operaciones del portal (solo `cargar_demo`)."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from planes import propuestas, services
from planes.models import Actividad, Alineacion, PlanTrabajo, ProgramaPresupuestario
from planes.services_editor import plan_crear

ACTIVIDADES = [
    ("cultura", "Impartir cuatro talleres de igualdad sustantiva a mandos medios", "Personas capacitadas",
     "Personas", (10, 10, 10, 10), ["2.10.2", "VII"]),
    ("violencia", "Difundir el protocolo contra el hostigamiento y acoso sexual", "Campañas realizadas",
     "Campañas", (1, 1, 1, 1), ["2.10.3", "III"]),
    ("presupuesto", "Incorporar indicadores desagregados por sexo en un programa presupuestario",
     "Indicadores incorporados", "Indicadores", (0, 1, 1, 0), ["2.10.2", "VIII"]),
]  # fmt: skip

#: siglas: estado al que llega su plan 2026
PLANES = {"SEMUJER": "aprobado", "SEFIN": "enviado", "SEDIF": "borrador"}


#: Catálogo de programas presupuestarios 2026 de demostración: (clave, nombre, unidad responsable).
PROGRAMAS = [
    ("E001", "Igualdad sustantiva entre mujeres y hombres", "Secretaría de las Mujeres"),
    ("E045", "Prevención y atención de la violencia contra las mujeres", "Secretaría General de Gobierno"),
    ("P002", "Planeación, seguimiento y evaluación con perspectiva de género", "Secretaría de Finanzas"),
    ("E012", "Educación para la igualdad y la no discriminación", "Secretaría de Educación"),
]  # fmt: skip
#: Programa, monto aprobado y tipo de contribución de cada actividad de `ACTIVIDADES`.
PRESUPUESTO = [
    ("E001", Decimal("180000"), "afirmativa"),
    ("E045", Decimal("95000"), "mujeres"),
    ("P002", Decimal("40000"), "operacion"),
]


def cargar_programas():
    """El catálogo 2026 de demostración (crea lo que falte); devuelve {clave: programa}."""
    return {
        clave: ProgramaPresupuestario.objects.get_or_create(
            anio=2026, clave=clave, defaults={"nombre": nombre, "unidad_responsable": ur}
        )[0]
        for clave, nombre, ur in PROGRAMAS
    }


def cargar_planes(coordinacion, responsables):
    """Crea los planes 2026 de demostración que falten; devuelve cuántos creó."""
    creados = 0
    claves = {a.clave: a for a in Alineacion.objects.all()}
    programas = cargar_programas()
    for siglas, estado in PLANES.items():
        responsable = responsables.get(siglas)
        if (
            responsable is None
            or PlanTrabajo.objects.filter(unidad__dependencia__siglas=siglas, anio=2026).exists()
        ):
            continue
        plan = plan_crear(unidad=responsable.dependencia.unidad, anio=2026)
        plan.titular_unidad = str(responsable)
        plan.compromiso = (
            "Promover una cultura institucional basada en el respeto a los derechos humanos, "
            "incluyente, libre de violencia y con igualdad de oportunidades entre mujeres y hombres."
        )
        plan.save()
        for orden, (eje, descripcion, indicador, unidad, metas, alineacion) in enumerate(
            ACTIVIDADES
        ):
            actividad = Actividad.objects.create(
                plan=plan, orden=orden, eje=eje, area_oportunidad="Resultados del diagnóstico 2025",
                objetivo="Avanzar en la igualdad sustantiva en la institución",
                estrategia="Transversalizar la perspectiva de género", linea_accion=descripcion,
                descripcion=descripcion, indicador=indicador,
                formula=f"{indicador} realizados / programados × 100", unidad_medida=unidad,
                linea_base=Decimal(0), meta_anual=Decimal(sum(metas)),
                meta_t1=metas[0], meta_t2=metas[1], meta_t3=metas[2], meta_t4=metas[3],
                medio_verificacion="Listas de asistencia, informes y evidencias fotográficas",
                mes_inicio=2, mes_fin=11, area_responsable="Unidad de Igualdad de Género",
                recursos="Personal de la unidad", resultado_esperado="Avance medible en igualdad",
                programa=programas[PRESUPUESTO[orden][0]], monto_aprobado=PRESUPUESTO[orden][1],
                tipo_contribucion=PRESUPUESTO[orden][2],
            )  # fmt: skip
            actividad.alineaciones.set([claves[c] for c in alineacion if c in claves])
        if estado in ("enviado", "aprobado"):
            services.plan_enviar(plan=plan, usuario=responsable)
        if estado == "aprobado":
            services.plan_aprobar(plan=plan, usuario=coordinacion)
        creados += 1
    return creados


#: siglas: qué decide su unidad sobre las propuestas que se le presentaron.
DECISIONES = {
    "SEDIF": "adoptar",  # su plan 2026 está en borrador: adopta la primera y deja las demás
    "SEFIN": "no_adoptar",  # su plan ya está en revisión: explica por qué no adopta una
}
MOTIVO_NO_ADOPTADA = (
    "La acción ya está en el programa de trabajo del área de recursos humanos para este año; "
    "la Unidad le dará seguimiento ahí."
)


def decidir_propuestas(responsables):
    """La unidad de cada institución de `DECISIONES` decide una de sus propuestas presentadas
    (con las operaciones del editor del plan); devuelve cuántas decidió."""
    decididas = 0
    for siglas, decision in DECISIONES.items():
        persona = responsables.get(siglas)
        plan = PlanTrabajo.objects.filter(unidad__dependencia__siglas=siglas, anio=2026).first()
        if persona is None or plan is None:
            continue
        abiertas = propuestas.abiertas_del_plan(plan)
        if not abiertas:
            continue
        try:
            if decision == "adoptar":
                propuestas.adoptar(abiertas[0], plan, persona)
            else:
                propuestas.no_adoptar(abiertas[0], MOTIVO_NO_ADOPTADA, persona)
        except ValidationError:
            continue  # p. ej. el plan ya no se edita: la propuesta queda por decidir
        decididas += 1
    return decididas
