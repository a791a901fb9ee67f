"""La línea de tiempo de actividad de una institución (unidades/actividad.py y su página)."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnosticos import captura
from diagnosticos import services as diagnosticos_services
from planes import services as planes_services
from planes.models import PlanTrabajo
from tests.factories import (
    ActividadFactory,
    CertificacionFactory,
    ConstanciaFactory,
    EvidenciaFactory,
    InscripcionFactory,
    PlanFactory,
    RespuestaFactory,
    UnidadFactory,
    UsuarioFactory,
)
from uig_portal.roles import Rol
from unidades.actividad import linea_de_tiempo
from unidades.models import PasoGuia, Unidad

pytestmark = pytest.mark.django_db


@pytest.fixture
def revisora(db):
    return UsuarioFactory(
        username="revisora", first_name="María", last_name="Pérez", rol=Rol.COORDINACION
    )


def _avanzar_unidad(dependencia, revisora):
    """Lleva la unidad a «En gestión» con la evidencia que ese paso exige, validada."""
    unidad = UnidadFactory(dependencia=dependencia)
    for paso in PasoGuia.objects.filter(requerido_para=Unidad.Estado.EN_GESTION):
        evidencia = EvidenciaFactory(unidad=unidad, paso=paso)
        evidencia._history_user = revisora
        evidencia.revisar(usuario=revisora, validar=True)
    unidad._history_user = revisora
    unidad.avanzar(fecha=timezone.localdate())
    return unidad


def _titulos(eventos):
    return [e.titulo for e in eventos]


def test_la_unidad_registra_su_paso_y_la_evidencia_validada(dependencia, revisora):
    paso = PasoGuia.objects.filter(requerido_para=Unidad.Estado.EN_GESTION).first()
    unidad = _avanzar_unidad(dependencia, revisora)
    # Un guardado sin cambio de estado no aparece.
    unidad.telefono = "492 000 0000"
    unidad.save()
    eventos = linea_de_tiempo(dependencia)
    assert eventos[0].titulo == "La unidad pasó a «En gestión»"
    assert eventos[0].persona == "María Pérez"
    assert eventos[0].tipo == "instalacion"
    assert eventos[0].url == dependencia.get_absolute_url()
    if paso is not None:
        assert f"Evidencia «{paso.titulo}» validada" in _titulos(eventos)
    assert sum(1 for e in eventos if e.titulo.startswith("La unidad")) == 1


def test_evidencia_rechazada(dependencia, revisora):
    unidad = UnidadFactory(dependencia=dependencia)
    paso = PasoGuia.objects.first()
    evidencia = EvidenciaFactory(unidad=unidad, paso=paso)
    evidencia._history_user = revisora
    evidencia.revisar(usuario=revisora, validar=False, comentario="Falta la firma.")
    assert _titulos(linea_de_tiempo(dependencia)) == [f"Evidencia «{paso.titulo}» rechazada"]


def test_el_plan_registra_envio_devolucion_y_reenvio(dependencia, responsable, coordinacion):
    plan = PlanFactory(unidad=UnidadFactory(dependencia=dependencia))
    ActividadFactory(plan=plan)
    planes_services.plan_enviar(plan=plan, usuario=responsable)
    planes_services.plan_observar(plan=plan, usuario=coordinacion, texto="Precise la meta.")
    planes_services.plan_devolver(plan=plan, usuario=coordinacion)
    planes_services.plan_enviar(plan=plan, usuario=responsable)
    eventos = [e for e in linea_de_tiempo(dependencia) if e.tipo == "plan"]
    assert _titulos(eventos) == [
        "Plan 2026 enviado a revisión",
        "Plan 2026 devuelto con observaciones",
        "Plan 2026 enviado a revisión",
        "Plan 2026 creado",
    ]
    assert [e.persona for e in eventos[:3]] == [
        responsable.get_full_name() or responsable.username,
        coordinacion.get_full_name() or coordinacion.username,
        responsable.get_full_name() or responsable.username,
    ]
    assert eventos[0].url == reverse("planes:detalle", args=[plan.pk])


def test_el_diagnostico_registra_envio_y_aceptacion(dependencia, responsable, revisora):
    respuesta = RespuestaFactory(dependencia=dependencia, aplicacion__nombre="Diagnóstico 2026")
    assert captura.enviar(respuesta, responsable) == []
    diagnosticos_services.aceptar(respuesta, usuario=revisora)
    eventos = linea_de_tiempo(dependencia, tipos=["diagnostico"])
    assert _titulos(eventos) == [
        "Diagnóstico «Diagnóstico 2026»: respuesta aceptada",
        "Diagnóstico «Diagnóstico 2026»: respuesta enviada",
        "Diagnóstico «Diagnóstico 2026»: la institución se sumó",
    ]
    assert eventos[0].persona == "María Pérez"
    assert eventos[0].url == reverse("diagnosticos:responder", args=[respuesta.pk])


def test_capacitacion_acreditacion_constancia_y_certificacion(dependencia, revisora):
    inscripcion = InscripcionFactory(
        dependencia=dependencia,
        participante__nombre="Ana López",
        evento__nombre="Seminario de igualdad",
        acreditada=True,
    )
    constancia = ConstanciaFactory(inscripcion=inscripcion, emitida_por=revisora)
    certificacion = CertificacionFactory(dependencia=dependencia, participante__nombre="Eva Ruiz")
    certificacion.avanzar("alineacion", revisora, fecha=timezone.localdate())
    titulos = _titulos(linea_de_tiempo(dependencia, tipos=["capacitacion"]))
    assert "Ana López acreditó «Seminario de igualdad»" in titulos
    assert f"Constancia de {constancia.nombre} por «{constancia.evento_nombre}» emitida" in titulos
    assert titulos.index("Eva Ruiz, certificación EC0308: etapa «En alineación»") < titulos.index(
        "Eva Ruiz, certificación EC0308: etapa «Inscrita»"
    )


def test_no_mezcla_otras_instituciones(dependencia, otra_dependencia, revisora):
    _avanzar_unidad(otra_dependencia, revisora)
    PlanFactory(unidad=UnidadFactory(dependencia=otra_dependencia))
    InscripcionFactory(dependencia=otra_dependencia, acreditada=True)
    assert linea_de_tiempo(dependencia) == []


def test_filtros_de_tipo_y_periodo(dependencia, revisora):
    _avanzar_unidad(dependencia, revisora)
    plan = PlanFactory(unidad=dependencia.unidad)
    viejo = timezone.make_aware(datetime(2025, 3, 10, 12))
    PlanTrabajo.history.filter(id=plan.pk).update(history_date=viejo)
    assert {e.tipo for e in linea_de_tiempo(dependencia, tipos=["plan"])} == {"plan"}
    hace_un_mes = timezone.now() - timedelta(days=30)
    recientes = linea_de_tiempo(dependencia, desde=hace_un_mes)
    assert "plan" not in {e.tipo for e in recientes}
    assert recientes
    antiguos = linea_de_tiempo(dependencia, hasta=hace_un_mes)
    assert _titulos(antiguos) == ["Plan 2026 creado"]
    # El filtro «desde» no convierte en cambio la primera fila que queda dentro del periodo.
    plan.estado = PlanTrabajo.Estado.BORRADOR
    plan.compromiso = "Otro compromiso"
    plan.save()
    assert "plan" not in {e.tipo for e in linea_de_tiempo(dependencia, desde=hace_un_mes)}


def test_limite(dependencia, revisora):
    for anio in range(2020, 2026):
        PlanFactory(unidad=UnidadFactory(dependencia=dependencia), anio=anio)
    assert len(linea_de_tiempo(dependencia, limite=4)) == 4


# --- La página ------------------------------------------------------------------------------


def test_pagina_agrupa_por_mes(client, coordinacion, dependencia, revisora):
    _avanzar_unidad(dependencia, revisora)
    plan = PlanFactory(unidad=dependencia.unidad)
    PlanTrabajo.history.filter(id=plan.pk).update(
        history_date=timezone.make_aware(datetime(2025, 3, 10, 12))
    )
    client.force_login(coordinacion)
    r = client.get(reverse("unidades:actividad", args=[dependencia.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "La unidad pasó a «En gestión»" in html
    assert "marzo 2025" in html.lower()
    assert "10/03/2025" in html
    assert len(r.context["meses"]) == 2


def test_pagina_filtra_por_tipo(client, coordinacion, dependencia, revisora):
    _avanzar_unidad(dependencia, revisora)
    PlanFactory(unidad=dependencia.unidad)
    client.force_login(coordinacion)
    r = client.get(reverse("unidades:actividad", args=[dependencia.pk]), {"tipos": "plan"})
    html = r.content.decode()
    assert "Plan 2026 creado" in html
    assert "La unidad pasó" not in html


def test_fechas_invalidas_dan_error_y_se_ignoran(client, coordinacion, dependencia, revisora):
    _avanzar_unidad(dependencia, revisora)
    client.force_login(coordinacion)
    url = reverse("unidades:actividad", args=[dependencia.pk])
    r = client.get(url, {"desde": "31/02/2026", "tipos": "instalacion"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Introduzca una fecha válida" in html
    assert "La unidad pasó a «En gestión»" in html
    r = client.get(url, {"desde": "2026-05-10", "hasta": "2026-05-01"})
    assert "La fecha final no puede ser anterior a la inicial." in r.content.decode()


def test_ver_mas(client, coordinacion, dependencia):
    for anio in range(2020, 2026):
        PlanFactory(unidad=UnidadFactory(dependencia=dependencia), anio=anio)
    client.force_login(coordinacion)
    url = reverse("unidades:actividad", args=[dependencia.pk])
    r = client.get(url, {"limite": 4})
    assert r.context["total"] == 4 and r.context["hay_mas"]
    assert "limite=54" in r.context["ver_mas"]
    r = client.get(url, {"limite": 10})
    assert r.context["total"] == 6 and not r.context["hay_mas"]


def test_otra_institucion_recibe_404(client, responsable_ajena, dependencia):
    client.force_login(responsable_ajena)
    r = client.get(reverse("unidades:actividad", args=[dependencia.pk]))
    assert r.status_code == 404


def _historia(dependencia, revisora, n, primer_anio):
    unidad = UnidadFactory(dependencia=dependencia)
    for i in range(n):
        plan = PlanFactory(unidad=unidad, anio=primer_anio + i)
        ActividadFactory(plan=plan)
        planes_services.plan_enviar(plan=plan, usuario=revisora)
        InscripcionFactory(dependencia=dependencia, acreditada=True)
        RespuestaFactory(dependencia=dependencia)
        CertificacionFactory(dependencia=dependencia)


def test_consultas_constantes(
    client, coordinacion, dependencia, revisora, django_assert_num_queries
):
    url = reverse("unidades:actividad", args=[dependencia.pk])
    client.force_login(coordinacion)
    _historia(dependencia, revisora, 1, 2030)
    client.get(url)  # calienta la sesión y los permisos en caché
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    _historia(dependencia, revisora, 4, 2040)
    with django_assert_num_queries(len(pocas.captured_queries)):
        r = client.get(url)
    assert r.context["total"] > 10
