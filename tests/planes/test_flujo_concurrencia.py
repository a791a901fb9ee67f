"""Dos peticiones a la vez sobre el mismo plan producen un solo cambio y un solo correo.

Solo en PostgreSQL: SQLite no tiene `SELECT … FOR UPDATE` y serializa la base entera. Cada hilo
usa su propia conexión, así que la prueba es transaccional de verdad.
"""

import threading
import time

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planes import services
from planes.models import Alineacion, PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="requiere SELECT FOR UPDATE"),
    pytest.mark.django_db(transaction=True),
]


def plan_completo(dependencia, **campos):
    # Una prueba transaccional anterior pudo vaciar los catálogos sembrados.
    ped, _ = Alineacion.objects.get_or_create(
        tipo="ped", clave="2.10.2", defaults={"descripcion": "Estrategia de prueba"}
    )
    atribucion, _ = Alineacion.objects.get_or_create(
        tipo="atribucion", clave="VII", defaults={"descripcion": "Atribución de prueba"}
    )
    plan = PlanFactory(unidad=dependencia.unidad, **campos)
    ActividadFactory(plan=plan, alineado=False).alineaciones.set([ped, atribucion])
    return plan


def a_la_vez(usuario, url, datos, veces=2):
    """Hace `veces` POST simultáneos con sesiones distintas de la misma persona."""
    barrera = threading.Barrier(veces, timeout=30)
    codigos, errores = [], []
    # Las sesiones se abren antes, en este hilo: iniciar sesión guarda a la persona usuaria.
    clientes = [Client() for _ in range(veces)]
    for cliente in clientes:
        cliente.force_login(usuario)

    def peticion(cliente):
        try:
            barrera.wait()
            codigos.append(cliente.post(url, datos).status_code)
        except Exception as error:  # noqa: BLE001 - se informa en la aserción
            errores.append(repr(error))
        finally:
            connection.close()

    hilos = [threading.Thread(target=peticion, args=[c], daemon=True) for c in clientes]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=60)
    assert not errores, errores
    return codigos


@pytest.fixture
def lento(monkeypatch):
    """Alarga la ventana entre leer el estado y guardarlo: sin el bloqueo, ambos pasarían."""
    original = services.actividades_de

    def actividades_de(plan):
        resultado = original(plan)
        time.sleep(0.3)
        return resultado

    monkeypatch.setattr(services, "actividades_de", actividades_de)


def test_dos_envios_simultaneos_envian_una_vez(responsable, coordinacion, dependencia, lento):
    plan = plan_completo(dependencia)
    codigos = a_la_vez(responsable, reverse("planes:enviar", args=[plan.pk]), {"confirmar": "si"})
    assert codigos == [302, 302]
    plan.refresh_from_db()
    assert plan.estado == PlanTrabajo.Estado.ENVIADO
    assert plan.history.filter(estado=PlanTrabajo.Estado.ENVIADO).count() == 1
    assert len(mail.outbox) == 1


def test_dos_aprobaciones_simultaneas_generan_un_pdf(coordinacion, responsable, dependencia, lento):
    plan = plan_completo(dependencia, estado="enviado", enviado_en=timezone.now())
    codigos = a_la_vez(coordinacion, reverse("planes:aprobar", args=[plan.pk]), {"confirmar": "si"})
    assert codigos == [302, 302]
    plan.refresh_from_db()
    assert plan.estado == PlanTrabajo.Estado.APROBADO
    assert plan.history.filter(estado=PlanTrabajo.Estado.APROBADO).count() == 1
    assert len(mail.outbox) == 1
