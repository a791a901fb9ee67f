"""uig_portal.lib.concurrencia: la única forma de rechazar una edición vieja."""

import pytest
from django.test import RequestFactory
from django.utils import timezone

from planes.models import Actividad, PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory, UsuarioFactory
from uig_portal.lib import concurrencia

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(dependencia):
    return PlanFactory(unidad=dependencia.unidad, anio=2026)


def test_acepta_la_revision_vigente_y_la_sube_en_uno(plan):
    actividad = ActividadFactory(plan=plan)
    assert actividad.revision == 1
    concurrencia.comprobar(actividad, 1, que="esta actividad")
    assert concurrencia.avanzar(actividad, 1, que="esta actividad") == 2
    assert actividad.revision == 2
    assert Actividad.objects.get(pk=actividad.pk).revision == 2


def test_rechaza_una_revision_vieja_con_el_aviso_comun(plan):
    actividad = ActividadFactory(plan=plan)
    Actividad.objects.filter(pk=actividad.pk).update(revision=3)
    actividad.refresh_from_db()
    with pytest.raises(concurrencia.EdicionVieja) as error:
        concurrencia.avanzar(actividad, 2, que="esta actividad", momento="actualizada", autor=None)
    hora = timezone.localtime(actividad.actualizada).strftime("%H:%M")
    mensaje = error.value.mensaje
    assert mensaje.startswith(f"Alguien más guardó cambios en esta actividad a las {hora}; ")
    assert "recargue para verlos. Lo que usted escribió no se perdió" in mensaje
    assert error.value.revision == 3 and error.value.objeto == actividad
    assert Actividad.objects.get(pk=actividad.pk).revision == 3  # nada cambió


@pytest.mark.parametrize("enviada", [None, 0, 5])
def test_sin_revision_o_con_otra_tambien_se_rechaza(plan, enviada):
    with pytest.raises(concurrencia.EdicionVieja):
        concurrencia.comprobar(plan, enviada, que="el encabezado del plan")


def test_el_incremento_es_atomico_solo_gana_uno(plan):
    """Dos guardados que leyeron la misma revisión: el UPDATE condicionado deja pasar uno."""
    primera = PlanTrabajo.objects.get(pk=plan.pk)
    segunda = PlanTrabajo.objects.get(pk=plan.pk)
    assert concurrencia.avanzar(primera, 1, que="el plan") == 2
    # La segunda aún cree que la revisión es 1: la comprobación en memoria pasa, el UPDATE no.
    with pytest.raises(concurrencia.EdicionVieja) as error:
        concurrencia.avanzar(segunda, 1, que="el plan")
    assert error.value.revision == 2
    assert PlanTrabajo.objects.get(pk=plan.pk).revision == 2


def test_el_aviso_nombra_a_quien_guardo_o_a_la_misma_persona(dependencia):
    ana = UsuarioFactory(first_name="Ana", last_name="Pérez")
    luz = UsuarioFactory(first_name="Luz", last_name="Mora")
    momento = timezone.now()
    otra = concurrencia.mensaje("esta pregunta", momento, autor=ana, usuario=luz)
    misma = concurrencia.mensaje("esta pregunta", momento, autor=luz, usuario=luz)
    assert otra.startswith("Alguien más (Ana Pérez) guardó cambios en esta pregunta a las ")
    assert misma.startswith("Usted, desde otra pestaña o ventana, guardó cambios en esta pregunta")


def test_revision_enviada_y_cabeceras_del_contrato():
    assert concurrencia.revision_enviada({"a3-revision": "7"}, "a3-revision") == 7
    assert concurrencia.revision_enviada({"revision": "x"}) is None
    assert concurrencia.revision_enviada({}) is None
    peticion = RequestFactory().post("/", HTTP_X_AUTOGUARDADO="1")
    assert concurrencia.es_autoguardado(peticion)
    assert not concurrencia.es_autoguardado(RequestFactory().post("/"))

    from django.http import HttpResponse

    respuesta = concurrencia.marcar(HttpResponse(), "guardado", revision=4, momento=timezone.now())
    assert respuesta["X-Autoguardado"] == "guardado" and respuesta["X-Revision"] == "4"
    assert len(respuesta["X-Guardado-Hora"]) == 5
