"""Datos del bench para el diagnóstico situacional y el presupuesto para la igualdad.

Se preparan sobre lo que ya generó `generar_datos_bench`, sin regenerarlo: las propuestas de la
respuesta aceptada que se mide (redactadas con las reglas del portal y marcadas listas, para que
el documento se pueda generar) y un catálogo de programas presupuestarios del año con montos en
las actividades de los planes aprobados y lo ejercido en sus informes enviados. Todo es
idempotente: correr el bench dos veces no duplica nada.
"""

from datetime import date
from decimal import Decimal


def preparar_situacional(respuesta_pk):
    """Redacta (si faltan) y marca listas las propuestas de la respuesta; devuelve los datos
    del formulario con que se genera su diagnóstico situacional."""
    from diagnosticos import propuestas
    from diagnosticos.models import DiagnosticoSituacional, Respuesta

    respuesta = Respuesta.objects.select_related("dependencia").get(pk=respuesta_pk)
    # Si una corrida anterior registró la entrega, se borra el registro: se mide generar.
    DiagnosticoSituacional.objects.filter(respuesta=respuesta).delete()
    respuesta.propuestas.update(estado="borrador", decision="")
    if not respuesta.propuestas.exists():
        propuestas.redactar(respuesta)
    propuestas.marcar_todas_listas(respuesta)
    return {
        "numero_oficio": "CUIG/0421/2026",
        "fecha_oficio": date.today().isoformat(),
        "destinatario": respuesta.dependencia.titular or "Persona titular",
        "cargo_destinatario": f"Titular de {respuesta.dependencia.nombre}",
        "firma_nombre": "Laura Méndez Ruiz",
        "firma_cargo": "Coordinadora de Unidades de Igualdad de Género",
    }


#: Programas del catálogo del bench: (clave, nombre, unidad responsable).
PROGRAMAS = [
    ("E001", "Igualdad sustantiva entre mujeres y hombres", "Secretaría de las Mujeres"),
    ("E045", "Prevención y atención de la violencia contra las mujeres", "Secretaría General"),
    ("P002", "Planeación y evaluación con perspectiva de género", "Secretaría de Finanzas"),
    ("F010", "Fomento a la autonomía económica de las mujeres", "Secretaría de Economía"),
    ("K3511", "Infraestructura para el cuidado infantil", "Secretaría de Obras Públicas"),
]


def preparar_presupuesto():
    """Catálogo del año de los planes y montos en cada actividad de los planes aprobados, con
    lo ejercido por trimestre en los informes enviados. Devuelve el año."""
    from django.db.models import F, IntegerField, Value
    from django.db.models.functions import Cast, Mod

    from planes.models import Actividad, PlanTrabajo, ProgramaPresupuestario, Seguimiento

    anio = (
        PlanTrabajo.objects.filter(estado=PlanTrabajo.Estado.APROBADO)
        .order_by("-anio")
        .values_list("anio", flat=True)
        .first()
    ) or date.today().year
    programas = [
        ProgramaPresupuestario.objects.get_or_create(
            anio=anio, clave=clave, defaults={"nombre": nombre, "unidad_responsable": ur}
        )[0]
        for clave, nombre, ur in PROGRAMAS
    ]
    actividades = Actividad.objects.filter(
        plan__anio=anio, plan__estado=PlanTrabajo.Estado.APROBADO, programa__isnull=True
    )
    # Un programa y un monto por actividad, repartidos por su id: sin traer las filas a Python.
    for i, programa in enumerate(programas):
        actividades.annotate(resto=Mod(F("pk"), Value(len(programas)))).filter(resto=i).update(
            programa=programa,
            monto_aprobado=Cast(Mod(F("pk"), Value(40)), IntegerField()) * 2500 + 50000,
            tipo_contribucion="afirmativa" if i % 2 else "mujeres",
        )
    Seguimiento.objects.filter(
        actividad__plan__anio=anio,
        actividad__monto_aprobado__isnull=False,
        monto_ejercido__isnull=True,
    ).update(monto_ejercido=Decimal("12500"))
    return anio
