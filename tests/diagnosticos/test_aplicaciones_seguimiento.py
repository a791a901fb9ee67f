"""El seguimiento de una ronda: resumen, situación de plazo, filtros, alcance y consultas."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnosticos import services
from tests.factories import AplicacionFactory, DependenciaFactory, RespuestaFactory
from unidades.models import Dependencia

pytestmark = pytest.mark.django_db

HOY = timezone.localdate


def el_dia(fecha):
    """Un momento del día dado, a mediodía local."""
    return timezone.make_aware(datetime.combine(fecha, time(12)))


@pytest.fixture
def vencida(dependencia):
    """Una ronda que venció hace 5 días, con una institución en cada situación."""
    ronda = AplicacionFactory(
        nombre="Ronda vencida",
        apertura=HOY() - timedelta(days=30),
        cierre=HOY() - timedelta(days=5),
    )
    RespuestaFactory(aplicacion=ronda, dependencia=dependencia, estado="sin_iniciar")
    crear = [
        ("ATIEMPO", "enviada", ronda.cierre),
        ("TARDE", "aceptada", ronda.cierre + timedelta(days=1)),
        ("ATRASADA", "en_progreso", None),
        ("DEVUELTA", "devuelta", ronda.cierre - timedelta(days=2)),
    ]
    for siglas, estado, enviada in crear:
        RespuestaFactory(
            aplicacion=ronda,
            dependencia=DependenciaFactory(
                siglas=siglas, sector="Salud" if siglas == "TARDE" else "Educación"
            ),
            estado=estado,
            enviada_en=el_dia(enviada) if enviada else None,
            avance=50,
        )
    return ronda


def filas(respuesta):
    return {r.dependencia.siglas: r for r in respuesta.context["respuestas"]}


def test_resumen_y_situacion_de_cada_institucion(client, coordinacion, vencida):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("diagnosticos:aplicacion_detalle", args=[vencida.pk]))
    resumen = respuesta.context["resumen"]
    assert resumen["total"] == 5
    assert (resumen["estado_sin_iniciar"], resumen["estado_en_progreso"]) == (1, 1)
    assert (resumen["estado_enviada"], resumen["estado_devuelta"]) == (1, 1)
    assert resumen["estado_aceptada"] == 1
    assert (resumen["situacion_a_tiempo"], resumen["situacion_tarde"]) == (2, 1)
    assert resumen["situacion_atrasada"] == 2
    assert resumen["porcentaje"] == 40
    assert resumen["pendientes"] == 3
    situaciones = {siglas: r.situacion for siglas, r in filas(respuesta).items()}
    assert situaciones == {
        "PROPIA": "atrasada",
        "ATIEMPO": "a_tiempo",
        "TARDE": "tarde",
        "ATRASADA": "atrasada",
        "DEVUELTA": "a_tiempo",
    }
    html = respuesta.content.decode()
    assert "40 %" in html
    assert "Atrasada (venció sin enviar)" in html


def test_en_plazo_antes_del_cierre(client, coordinacion, dependencia):
    ronda = AplicacionFactory()
    RespuestaFactory(aplicacion=ronda, dependencia=dependencia)
    assert services.Situacion.de(ronda.respuestas.get(), ronda) == "en_plazo"
    client.force_login(coordinacion)
    respuesta = client.get(reverse("diagnosticos:aplicacion_detalle", args=[ronda.pk]))
    assert respuesta.context["resumen"]["situacion_atrasada"] == 0
    assert "En plazo" in respuesta.content.decode()


@pytest.mark.parametrize(
    "filtros,esperadas",
    [
        ({"estado": "enviada"}, {"ATIEMPO"}),
        ({"situacion": "atrasada"}, {"PROPIA", "ATRASADA"}),
        ({"situacion": "a_tiempo"}, {"ATIEMPO", "DEVUELTA"}),
        ({"situacion": "tarde"}, {"TARDE"}),
        ({"sector": "Salud"}, {"TARDE"}),
        ({"q": "propia"}, {"PROPIA"}),
        ({"q": "atras"}, {"ATRASADA"}),
        ({"tipo": "descentralizada"}, set()),
        ({"estado": "inventado"}, {"PROPIA", "ATIEMPO", "TARDE", "ATRASADA", "DEVUELTA"}),
    ],
)
def test_filtros(client, coordinacion, vencida, filtros, esperadas):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("diagnosticos:aplicacion_detalle", args=[vencida.pk]), filtros)
    assert set(filas(respuesta)) == esperadas
    # El resumen es siempre de toda la ronda.
    assert respuesta.context["resumen"]["total"] == 5


def test_filtro_por_tipo(client, coordinacion, vencida):
    Dependencia.objects.filter(siglas="TARDE").update(tipo=Dependencia.Tipo.DESCONCENTRADA)
    client.force_login(coordinacion)
    respuesta = client.get(
        reverse("diagnosticos:aplicacion_detalle", args=[vencida.pk]), {"tipo": "desconcentrada"}
    )
    assert set(filas(respuesta)) == {"TARDE"}


def test_responsable_ve_solo_su_fila_y_sin_resumen(client, responsable, vencida):
    client.force_login(responsable)
    respuesta = client.get(reverse("diagnosticos:aplicacion_detalle", args=[vencida.pk]))
    assert set(filas(respuesta)) == {"PROPIA"}
    assert respuesta.context["resumen"] is None
    html = respuesta.content.decode()
    assert "ATIEMPO" not in html
    assert "Enviar recordatorio" not in html


def test_ronda_sin_su_institucion_es_404(client, responsable_ajena, consulta, vencida):
    client.force_login(responsable_ajena)
    url = reverse("diagnosticos:aplicacion_detalle", args=[vencida.pk])
    assert client.get(url).status_code == 404
    client.force_login(consulta)
    assert client.get(url).status_code == 200


def test_boton_de_recordatorio_con_el_numero_de_pendientes(client, coordinacion, vencida):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("diagnosticos:aplicacion_detalle", args=[vencida.pk]))
    assert respuesta.context["por_recordar"] == 3
    assert "Enviar recordatorio a 3 instituciones pendientes" in respuesta.content.decode()


def test_paginacion(client, coordinacion):
    ronda = AplicacionFactory()
    for _ in range(55):
        RespuestaFactory(aplicacion=ronda)
    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_detalle", args=[ronda.pk])
    assert len(client.get(url).context["respuestas"]) == 50
    assert len(client.get(url, {"page": 2}).context["respuestas"]) == 5


def test_consultas_constantes_con_5_y_30_instituciones(client, coordinacion):
    ronda = AplicacionFactory()

    def crear(n):
        for i in range(n):
            estado = ["sin_iniciar", "en_progreso", "enviada", "aceptada"][i % 4]
            enviada = timezone.now() if estado in ("enviada", "aceptada") else None
            RespuestaFactory(aplicacion=ronda, estado=estado, enviada_en=enviada)

    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_detalle", args=[ronda.pk])
    crear(5)
    client.get(url)  # calienta sesiones y permisos
    with CaptureQueriesContext(connection) as con_5:
        client.get(url, {"q": "Secretaría"})
    crear(25)
    with CaptureQueriesContext(connection) as con_30:
        client.get(url, {"q": "Secretaría"})
    assert len(con_30) == len(con_5)
    assert len(con_5) <= 15
