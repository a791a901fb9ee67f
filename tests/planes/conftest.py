"""Fixtures compartidas por las pruebas de planes."""

from decimal import Decimal

import pytest

from tests.factories import ActividadFactory, DependenciaFactory, PlanFactory
from tests.planes.presupuesto_comun import aprobado, informe, ped, programa


@pytest.fixture
def programas(db):
    return {
        "E045": programa("E045", "Desarrollo del personal", unidad_responsable="Administración"),
        "S010": programa("S010", "Igualdad sustantiva", unidad_responsable="Instituto de la Mujer"),
        "K3511": programa("K3511", "Lactarios", unidad_responsable="Obras Públicas"),
        "E045-2025": programa("E045", "Desarrollo del personal", anio=2025),
    }


@pytest.fixture
def presupuesto_2026(dependencia, otra_dependencia, programas):
    """Tres instituciones con plan aprobado en 2026, una con un borrador y una modificación sin
    aprobar, montos aprobados y ejercidos conocidos."""
    tercera = DependenciaFactory(siglas="TER", nombre="Instituto Tercero")
    cuarta = DependenciaFactory(siglas="CUA", nombre="Consejo Cuarto")
    e045, s010, k3511 = programas["E045"], programas["S010"], programas["K3511"]

    propio = aprobado(dependencia)
    a1 = ActividadFactory(plan=propio, programa=e045, monto_aprobado=Decimal("100000"),
                          tipo_contribucion="mujeres", eje="cultura")  # fmt: skip
    a1.alineaciones.add(*ped("2.10.5"))  # con 2.10.2: dos estrategias
    a2 = ActividadFactory(plan=propio, programa=s010, monto_aprobado=Decimal("50000"),
                          tipo_contribucion="afirmativa", eje="violencia")  # fmt: skip
    ActividadFactory(plan=propio)  # sin presupuesto
    informe(propio, 1, {a1: "25000", a2: "10000"})
    informe(propio, 2, {a1: "5000"}, estado="borrador")  # no enviado: no cuenta

    ajeno = aprobado(otra_dependencia)
    b1 = ActividadFactory(plan=ajeno, programa=e045, monto_aprobado=Decimal("200000.50"),
                          tipo_contribucion="operacion", eje="igualdad")  # fmt: skip
    informe(ajeno, 1, {b1: "50000.25"})
    informe(ajeno, 2, {b1: "20000"})

    v1 = aprobado(tercera)
    ActividadFactory(plan=v1, programa=k3511, monto_aprobado=Decimal("30000"),
                     tipo_contribucion="universal", eje="cultura", alineado=False)  # fmt: skip
    v2 = PlanFactory(unidad=tercera.unidad, anio=2026, version=2, anterior=v1)  # en captura
    ActividadFactory(plan=v2, programa=k3511, monto_aprobado=Decimal("77777"))

    borrador = PlanFactory(unidad=cuarta.unidad, anio=2026)
    ActividadFactory(plan=borrador, programa=e045, monto_aprobado=Decimal("999999"))
    return {"propio": propio, "ajeno": ajeno, "a1": a1, "b1": b1, "tercera": tercera}
