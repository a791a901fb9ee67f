"""Ayudas compartidas por las pruebas del presupuesto para la igualdad (`test_presupuesto*.py`):
crear programas y planes aprobados, informes trimestrales con lo ejercido, y leer mensajes y
montos. Sus fixtures (`programas`, `presupuesto_2026`) están en `tests/planes/conftest.py`."""

from decimal import Decimal

from django.contrib.messages import get_messages
from django.utils import timezone

from planes.models import Alineacion, InformeTrimestral, ProgramaPresupuestario, Seguimiento
from tests.factories import PlanFactory

TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def mensajes(respuesta):
    return " | ".join(str(m) for m in get_messages(respuesta.wsgi_request))


def programa(clave, nombre, anio=2026, **campos):
    return ProgramaPresupuestario.objects.create(anio=anio, clave=clave, nombre=nombre, **campos)


def ped(*claves):
    return list(Alineacion.objects.filter(tipo="ped", clave__in=claves))


def aprobado(dependencia, anio=2026, **campos):
    return PlanFactory(unidad=dependencia.unidad, anio=anio, estado="aprobado", **campos)


def informe(plan, trimestre, montos, estado="enviado"):
    """Un informe con el monto ejercido de cada actividad ({actividad: monto})."""
    creado = InformeTrimestral.objects.create(
        plan=plan,
        trimestre=trimestre,
        estado=estado,
        enviado_en=timezone.now() if estado == "enviado" else None,
    )
    for actividad, monto in montos.items():
        Seguimiento.objects.create(
            informe=creado,
            actividad=actividad,
            estado="en_proceso",
            valor_alcanzado=Decimal(5),
            monto_ejercido=Decimal(monto),
        )
    return creado


def montos(renglon):
    """(aprobado, ejercido, % ejercido, actividades) de un renglón del presupuesto."""
    return (renglon.aprobado, renglon.ejercido, renglon.porcentaje, renglon.actividades)
