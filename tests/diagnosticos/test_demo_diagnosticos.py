"""Las rondas de diagnóstico de demostración: estados variados, índices distintos, idempotentes."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from diagnosticos import demo
from diagnosticos import valores as V
from diagnosticos.demo import RONDA_ACTUAL, RONDA_BASE, cargar_diagnostico
from diagnosticos.estructura import Estructura
from diagnosticos.instrumento_predeterminado import NOMBRE
from diagnosticos.models import Aplicacion, Respuesta, Valor, Version
from uig_portal.models import Usuario

pytestmark = pytest.mark.django_db

Estado = Respuesta.Estado


def cuentas():
    """Las mismas que `cargar_demo` le pasa a las demás cargas de demostración."""
    coordinacion = Usuario.objects.get(username="coordinacion")
    responsables = {
        u.dependencia.siglas: u
        for u in Usuario.objects.filter(username__startswith="responsable.").select_related(
            "dependencia__unidad"
        )
    }
    return coordinacion, responsables


@pytest.fixture
def demo_cargada(settings):
    settings.DEBUG = True
    call_command("cargar_demo", stdout=StringIO())
    coordinacion, responsables = cuentas()
    if not Aplicacion.objects.filter(nombre=RONDA_ACTUAL).exists():
        # Mientras `cargar_demo` no la llame, se carga aquí igual que lo hará el comando.
        assert cargar_diagnostico(coordinacion, responsables) == 2
    return coordinacion, responsables


def estados(nombre):
    return dict(
        Respuesta.objects.filter(aplicacion__nombre=nombre).values_list(
            "dependencia__siglas", "estado"
        )
    )


def test_rondas_estados_e_indices(demo_cargada, client):
    """Una sola carga para todas las revisiones: `cargar_demo` tarda varios segundos."""
    _coordinacion, responsables = demo_cargada
    revisar_linea_base()
    revisar_ronda_actual(responsables)
    revisar_aceptada_contra_su_base()
    revisar_devuelta()
    revisar_sefin_a_medias(client)
    revisar_valores_coherentes()


def revisar_linea_base():
    ronda = Aplicacion.objects.get(nombre=RONDA_BASE)
    assert ronda.vencida
    assert estados(RONDA_BASE) == {siglas: Estado.ACEPTADA for siglas in demo.BASE}
    respuestas = Respuesta.objects.filter(aplicacion=ronda)
    indices = [r.indice for r in respuestas]
    assert None not in indices
    assert len(set(indices)) == len(indices), "índices repetidos"
    assert max(indices) - min(indices) > 20
    for respuesta in respuestas:
        assert respuesta.avance >= 90  # las abiertas opcionales pueden quedar vacías
        assert respuesta.a_tiempo
        assert respuesta.aceptada_en.date() > ronda.cierre >= respuesta.enviada_en.date()
        assert set(respuesta.indices) == {
            "datos",
            "igualdad",
            "violencia",
            "presupuesto",
            "capacitacion",
        }
        assert respuesta.indices["datos"] is None


def revisar_ronda_actual(responsables):
    ronda = Aplicacion.objects.get(nombre=RONDA_ACTUAL)
    assert ronda.abierta and not ronda.vencida
    assert 14 <= (ronda.cierre - timezone.localdate()).days <= 28
    actuales = estados(RONDA_ACTUAL)
    assert set(actuales) == set(responsables)
    assert actuales["SEMUJER"] == Estado.ACEPTADA
    assert actuales["SEDIF"] == Estado.ENVIADA
    assert actuales["SEDUZAC"] == Estado.DEVUELTA
    assert actuales["SEFIN"] == Estado.EN_PROGRESO
    sin_iniciar = [s for s, e in actuales.items() if e == Estado.SIN_INICIAR]
    assert len(sin_iniciar) == len(responsables) - 4
    assert not Valor.objects.filter(
        respuesta__aplicacion=ronda, respuesta__dependencia__siglas__in=sin_iniciar
    ).exists()


def revisar_aceptada_contra_su_base():
    base = Respuesta.objects.get(aplicacion__nombre=RONDA_BASE, dependencia__siglas="SEMUJER")
    actual = Respuesta.objects.get(aplicacion__nombre=RONDA_ACTUAL, dependencia__siglas="SEMUJER")
    assert actual.indice is not None and actual.indice > base.indice
    assert actual.aceptada_por.username == "coordinacion"
    assert actual.a_tiempo


def revisar_devuelta():
    devuelta = Respuesta.objects.get(aplicacion__nombre=RONDA_ACTUAL, dependencia__siglas="SEDUZAC")
    assert "protocolo" in devuelta.observaciones
    assert devuelta.editable
    assert devuelta.enviada_en is not None


def revisar_sefin_a_medias(client):
    sefin = Respuesta.objects.get(aplicacion__nombre=RONDA_ACTUAL, dependencia__siglas="SEFIN")
    assert 25 <= sefin.avance <= 75
    assert sefin.editable and sefin.iniciada_en is not None
    assert sefin.indice is not None
    client.force_login(Usuario.objects.get(username="responsable.sefin"))
    assert client.get(reverse("diagnosticos:responder", args=[sefin.pk])).status_code == 200


def revisar_valores_coherentes():
    enviada = Respuesta.objects.get(aplicacion__nombre=RONDA_ACTUAL, dependencia__siglas="SEDIF")
    valores = dict(enviada.valores.values_list("pregunta__codigo", "valor"))
    recibidas = int(valores["quejas_recibidas"])
    if recibidas:
        assert int(valores["quejas_sancionadas"]) <= int(valores["quejas_atendidas"]) <= recibidas
    assert enviada.valores.filter(actualizado_por__username="responsable.sedif").exists()
    assert not enviada.valores.exclude(actualizado_por__username="responsable.sedif").exists()


def test_cargar_dos_veces_no_duplica(demo_cargada):
    coordinacion, responsables = demo_cargada
    conteo = (
        Aplicacion.objects.count(),
        Respuesta.objects.count(),
        Valor.objects.count(),
        Respuesta.history.count(),
    )
    mail.outbox.clear()
    assert cargar_diagnostico(coordinacion, responsables) == 0
    assert (
        Aplicacion.objects.count(),
        Respuesta.objects.count(),
        Valor.objects.count(),
        Respuesta.history.count(),
    ) == conteo
    assert mail.outbox == []


def test_el_generador_es_determinista_y_valido():
    version = Version.objects.get(cuestionario__nombre=NOMBRE, numero=1)
    estructura = Estructura(version)
    primera = demo.respuestas_de_ejemplo(estructura, 0.5, "semilla")
    assert primera == demo.respuestas_de_ejemplo(estructura, 0.5, "semilla")
    assert primera != demo.respuestas_de_ejemplo(estructura, 0.5, "otra")
    for nivel in (0, 0.3, 0.7, 1):
        crudos = demo.respuestas_de_ejemplo(estructura, nivel, f"nivel-{nivel}")
        normalizados = {
            p.codigo: V.normalizar(p, crudos[p.codigo]) for p in estructura.preguntas if p.responde
        }
        assert estructura.faltantes(normalizados) == [], nivel
