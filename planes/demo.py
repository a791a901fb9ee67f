"""Planes de demostración, hechos con las mismas operaciones del portal (solo `cargar_demo`)."""

from decimal import Decimal

from planes import services
from planes.models import Actividad, Alineacion, PlanTrabajo
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


def cargar_planes(coordinacion, responsables):
    """Crea los planes 2026 de demostración que falten; devuelve cuántos creó."""
    creados = 0
    claves = {a.clave: a for a in Alineacion.objects.all()}
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
            )  # fmt: skip
            actividad.alineaciones.set([claves[c] for c in alineacion if c in claves])
        if estado in ("enviado", "aprobado"):
            services.plan_enviar(plan=plan, usuario=responsable)
        if estado == "aprobado":
            services.plan_aprobar(plan=plan, usuario=coordinacion)
        creados += 1
    return creados
