"""La línea de tiempo de actividad de una institución (panorama/actividad.py y su página)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnosticos import captura
from diagnosticos import services as diagnosticos_services
from panorama.actividad import VER_TODAS, linea_de_tiempo
from planes import services as planes_services
from planes.models import PlanTrabajo
from tests.factories import (
    ActividadFactory,
    AcuerdoFactory,
    AsesoriaFactory,
    CertificacionFactory,
    ConstanciaFactory,
    EvidenciaFactory,
    InscripcionFactory,
    PlanFactory,
    RespuestaFactory,
    ReunionFactory,
    UnidadFactory,
    UsuarioFactory,
)
from uig_portal.roles import Rol
from unidades.models import Acuerdo, AsistenciaReunion, PasoGuia, Unidad

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


# --- Asesorías, reuniones y acuerdos --------------------------------------------------------


def _aware(anio, mes, dia, hora=12):
    return timezone.make_aware(datetime(anio, mes, dia, hora))


def _fin_del_dia(fecha):
    return timezone.make_aware(datetime.combine(fecha, time(23, 59)))


def _acuerdo(usuario, **campos):
    """Un acuerdo guardado por `usuario`, como lo haría el formulario (con su historial)."""
    acuerdo = AcuerdoFactory.build(**campos)
    acuerdo._history_user = usuario
    acuerdo.save()
    return acuerdo


def test_asesorias_impartidas(dependencia, otra_dependencia, revisora):
    asesoria = AsesoriaFactory(
        dependencia=dependencia,
        fecha=date(2026, 3, 10),
        modalidad="virtual",
        tema="Presupuesto con perspectiva de género",
        registrada_por=revisora,
    )
    # Una asesoría agendada para después aún no es actividad; la de otra institución, tampoco.
    AsesoriaFactory(dependencia=dependencia, fecha=timezone.localdate() + timedelta(days=3))
    AsesoriaFactory(dependencia=otra_dependencia, fecha=date(2026, 3, 11))
    eventos = linea_de_tiempo(dependencia)
    assert len(eventos) == 1
    evento = eventos[0]
    assert evento.titulo == "Asesoría «Presupuesto con perspectiva de género» (virtual)"
    assert (evento.tipo, evento.persona) == ("asesoria", "María Pérez")
    assert evento.fecha == _fin_del_dia(date(2026, 3, 10))
    assert evento.url == reverse("unidades:asesoria_detalle", args=[asesoria.pk])
    assert evento.permiso == "unidades.view_asesoria"


def test_reuniones_invitada_y_asistencia(dependencia, otra_dependencia, revisora):
    solo_invitada = ReunionFactory(
        titulo="Primera sesión", fecha=_aware(2026, 1, 15), invitadas=[dependencia]
    )
    con_tres = ReunionFactory(
        titulo="Segunda sesión",
        fecha=_aware(2026, 2, 15),
        invitadas=[dependencia, otra_dependencia],
        convocada_por=revisora,
    )
    con_una = ReunionFactory(titulo="Tercera sesión", fecha=_aware(2026, 3, 15))
    con_una.invitadas.set([dependencia])
    corregida = ReunionFactory(titulo="Cuarta sesión", fecha=_aware(2026, 4, 15))
    corregida.invitadas.set([dependencia])
    AsistenciaReunion.objects.create(
        reunion=con_tres, dependencia=dependencia, mujeres=2, hombres=1
    )
    AsistenciaReunion.objects.create(reunion=con_tres, dependencia=otra_dependencia, mujeres=9)
    AsistenciaReunion.objects.create(reunion=con_una, dependencia=dependencia, sin_especificar=1)
    # Se capturó y se corrigió a cero: nadie asistió.
    AsistenciaReunion.objects.create(reunion=corregida, dependencia=dependencia)
    # Aún no se celebra, y otra a la que no se convocó a la institución.
    ReunionFactory(fecha=timezone.now() + timedelta(days=2), invitadas=[dependencia])
    ReunionFactory(fecha=_aware(2026, 1, 20), invitadas=[otra_dependencia])
    eventos = linea_de_tiempo(dependencia, tipos=["reunion"])
    assert _titulos(eventos) == [
        "Invitada a la reunión «Cuarta sesión»",
        "Asistió a la reunión «Tercera sesión» con 1 persona",
        "Asistió a la reunión «Segunda sesión» con 3 personas",
        "Invitada a la reunión «Primera sesión»",
    ]
    assert eventos[2].fecha == con_tres.fecha
    assert eventos[2].persona == "María Pérez"
    assert eventos[3].persona == "Sistema"
    assert eventos[3].url == reverse("unidades:reunion_detalle", args=[solo_invitada.pk])
    assert {e.permiso for e in eventos} == {"unidades.view_reunion"}


def test_acuerdo_asignado_y_cumplido(dependencia, responsable, revisora):
    reunion = ReunionFactory(fecha=_aware(2026, 1, 15), invitadas=[dependencia])
    acuerdo = _acuerdo(
        revisora, reunion=reunion, dependencia=dependencia, descripcion="Enviar el acta firmada"
    )
    cumplido = timezone.localdate() - timedelta(days=1)
    acuerdo.estado, acuerdo.cumplido_en = Acuerdo.Estado.CUMPLIDO, cumplido
    acuerdo._history_user = responsable
    acuerdo.save()
    # Un comentario posterior de otra persona no cambia quién lo cumplió.
    acuerdo.avance = "Se envió por oficio."
    acuerdo._history_user = revisora
    acuerdo.save()
    eventos = linea_de_tiempo(dependencia, tipos=["acuerdo"])
    assert _titulos(eventos) == [
        "Acuerdo asignado: «Enviar el acta firmada»",
        "Acuerdo cumplido: «Enviar el acta firmada»",
    ]
    asignado, hecho = eventos
    assert asignado.persona == "María Pérez"
    assert asignado.fecha == Acuerdo.history.get(id=acuerdo.pk, history_type="+").history_date
    assert hecho.fecha == _fin_del_dia(cumplido)
    assert hecho.persona == responsable.get_full_name()
    url = reverse("unidades:reunion_detalle", args=[reunion.pk]) + f"#acuerdo-{acuerdo.pk}"
    assert asignado.url == hecho.url == url
    assert asignado.permiso == "unidades.view_reunion"


def test_acuerdo_sin_historial_usa_la_fecha_de_su_origen(dependencia, revisora):
    reunion = ReunionFactory(fecha=_aware(2025, 11, 5), invitadas=[dependencia])
    de_reunion = AcuerdoFactory(reunion=reunion, dependencia=dependencia, descripcion="Uno")
    asesoria = AsesoriaFactory(dependencia=dependencia, fecha=date(2025, 10, 1))
    de_asesoria = AcuerdoFactory(
        reunion=None, asesoria=asesoria, dependencia=dependencia, descripcion="Dos"
    )
    # Cargados en bloque, sin historial.
    Acuerdo.history.filter(id__in=[de_reunion.pk, de_asesoria.pk]).delete()
    eventos = linea_de_tiempo(dependencia, tipos=["acuerdo"])
    assert [(e.titulo, e.fecha, e.persona) for e in eventos] == [
        ("Acuerdo asignado: «Uno»", reunion.fecha, "Sistema"),
        ("Acuerdo asignado: «Dos»", _fin_del_dia(date(2025, 10, 1)), "Sistema"),
    ]
    assert eventos[1].url == (
        reverse("unidades:asesoria_detalle", args=[asesoria.pk]) + f"#acuerdo-{de_asesoria.pk}"
    )
    assert eventos[1].permiso == "unidades.view_asesoria"


def test_acuerdo_de_una_reunion_sin_convocarla_pide_ver_todas(
    dependencia, otra_dependencia, revisora
):
    ajena = ReunionFactory(invitadas=[otra_dependencia])
    _acuerdo(revisora, reunion=ajena, dependencia=dependencia, descripcion="Compartir la guía")
    asesoria_ajena = AsesoriaFactory(dependencia=otra_dependencia)
    _acuerdo(
        revisora,
        reunion=None,
        asesoria=asesoria_ajena,
        dependencia=dependencia,
        descripcion="Revisar la minuta",
    )
    eventos = linea_de_tiempo(dependencia, tipos=["acuerdo"])
    assert {e.titulo: e.permiso for e in eventos} == {
        "Acuerdo asignado: «Compartir la guía»": VER_TODAS,
        "Acuerdo asignado: «Revisar la minuta»": VER_TODAS,
    }
    # Los acuerdos de otra institución, o de la Coordinación, no son de esta.
    _acuerdo(revisora, reunion=ajena, dependencia=otra_dependencia)
    _acuerdo(revisora, reunion=ajena, dependencia=None)
    assert len(linea_de_tiempo(dependencia, tipos=["acuerdo"])) == 2


def test_periodo_en_asesorias_reuniones_y_acuerdos(dependencia, revisora):
    AsesoriaFactory(dependencia=dependencia, fecha=date(2025, 6, 30), tema="Junio")
    AsesoriaFactory(dependencia=dependencia, fecha=date(2025, 7, 1), tema="Julio")
    ReunionFactory(titulo="Junio", fecha=_aware(2025, 6, 30, 18), invitadas=[dependencia])
    ReunionFactory(titulo="Julio", fecha=_aware(2025, 7, 1, 9), invitadas=[dependencia])
    acuerdo = _acuerdo(
        revisora,
        reunion=None,
        asesoria=AsesoriaFactory(dependencia=dependencia, fecha=date(2025, 5, 2), tema="Mayo"),
        dependencia=dependencia,
        descripcion="Cumplido en julio",
        estado=Acuerdo.Estado.CUMPLIDO,
        cumplido_en=date(2025, 7, 1),
    )
    Acuerdo.history.filter(id=acuerdo.pk).update(history_date=_aware(2025, 5, 2))
    hasta_julio = _aware(2025, 7, 1, 0)
    titulos = _titulos(linea_de_tiempo(dependencia, desde=_aware(2025, 6, 1, 0), hasta=hasta_julio))
    # La asesoría solo tiene día: va al final de ese día, después de la reunión de las 18:00.
    assert titulos == ["Asesoría «Junio» (presencial)", "Invitada a la reunión «Junio»"]
    titulos = _titulos(linea_de_tiempo(dependencia, desde=hasta_julio))
    assert titulos == [
        "Asesoría «Julio» (presencial)",
        "Acuerdo cumplido: «Cumplido en julio»",
        "Invitada a la reunión «Julio»",
    ]
    titulos = _titulos(linea_de_tiempo(dependencia, hasta=_aware(2025, 6, 1, 0)))
    assert titulos == ["Asesoría «Mayo» (presencial)", "Acuerdo asignado: «Cumplido en julio»"]


# --- La página ------------------------------------------------------------------------------


def test_pagina_agrupa_por_mes(client, coordinacion, dependencia, revisora):
    _avanzar_unidad(dependencia, revisora)
    plan = PlanFactory(unidad=dependencia.unidad)
    PlanTrabajo.history.filter(id=plan.pk).update(
        history_date=timezone.make_aware(datetime(2025, 3, 10, 12))
    )
    client.force_login(coordinacion)
    r = client.get(reverse("actividad", args=[dependencia.pk]))
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
    r = client.get(reverse("actividad", args=[dependencia.pk]), {"tipos": "plan"})
    html = r.content.decode()
    assert "Plan 2026 creado" in html
    assert "La unidad pasó" not in html


def test_fechas_invalidas_dan_error_y_se_ignoran(client, coordinacion, dependencia, revisora):
    _avanzar_unidad(dependencia, revisora)
    client.force_login(coordinacion)
    url = reverse("actividad", args=[dependencia.pk])
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
    url = reverse("actividad", args=[dependencia.pk])
    r = client.get(url, {"limite": 4})
    assert r.context["total"] == 4 and r.context["hay_mas"]
    assert "limite=54" in r.context["ver_mas"]
    r = client.get(url, {"limite": 10})
    assert r.context["total"] == 6 and not r.context["hay_mas"]


def test_el_filtro_ofrece_los_tipos_nuevos(client, coordinacion, dependencia, revisora):
    AsesoriaFactory(dependencia=dependencia, tema="Lenguaje incluyente")
    ReunionFactory(titulo="Sesión de enero", invitadas=[dependencia])
    client.force_login(coordinacion)
    url = reverse("actividad", args=[dependencia.pk])
    html = client.get(url).content.decode()
    for etiqueta in ("Asesorías", "Reuniones de planeación", "Acuerdos"):
        assert f">{etiqueta}</label>" in html
    html = client.get(url, {"tipos": "asesoria"}).content.decode()
    assert "Asesoría «Lenguaje incluyente» (presencial)" in html
    assert "Sesión de enero" not in html


def test_enlaces_solo_para_quien_puede_abrirlos(
    client, coordinacion, responsable, dependencia, otra_dependencia, revisora
):
    propia = ReunionFactory(titulo="Sesión propia", invitadas=[dependencia])
    ajena = ReunionFactory(titulo="Sesión ajena", invitadas=[otra_dependencia])
    acuerdo = _acuerdo(revisora, reunion=ajena, dependencia=dependencia, descripcion="Difundir")
    url = reverse("actividad", args=[dependencia.pk])
    enlace_reunion = f'href="{reverse("unidades:reunion_detalle", args=[propia.pk])}"'
    enlace_acuerdo = (
        f'href="{reverse("unidades:reunion_detalle", args=[ajena.pk])}#acuerdo-{acuerdo.pk}"'
    )

    client.force_login(coordinacion)
    html = client.get(url).content.decode()
    assert enlace_reunion in html and enlace_acuerdo in html

    # La responsable no fue convocada a la reunión del acuerdo: esa página le daría 404.
    client.force_login(responsable)
    html = client.get(url).content.decode()
    assert enlace_reunion in html
    assert enlace_acuerdo not in html
    assert "Acuerdo asignado: «Difundir»" in html
    assert client.get(reverse("unidades:reunion_detalle", args=[ajena.pk])).status_code == 404

    # Quien ve la institución pero no las reuniones ni los planes ve los eventos sin enlace.
    solo_institucion = UsuarioFactory(dependencia=dependencia)
    solo_institucion.user_permissions.add(
        Permission.objects.get(codename="view_dependencia", content_type__app_label="unidades")
    )
    PlanFactory(unidad=UnidadFactory(dependencia=dependencia))
    client.force_login(solo_institucion)
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Invitada a la reunión «Sesión propia»" in html and enlace_reunion not in html
    assert "Plan 2026 creado" in html and "/planes/" not in html


def test_otra_institucion_recibe_404(client, responsable_ajena, dependencia):
    client.force_login(responsable_ajena)
    r = client.get(reverse("actividad", args=[dependencia.pk]))
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
        AsesoriaFactory(
            dependencia=dependencia, registrada_por=revisora, fecha=timezone.localdate()
        )
        reunion = ReunionFactory(invitadas=[dependencia], convocada_por=revisora)
        AsistenciaReunion.objects.create(reunion=reunion, dependencia=dependencia, mujeres=2)
        ReunionFactory(invitadas=[dependencia])
        _acuerdo(
            revisora,
            reunion=reunion,
            dependencia=dependencia,
            estado=Acuerdo.Estado.CUMPLIDO,
            cumplido_en=timezone.localdate(),
        )
        sin_historial = AcuerdoFactory(
            reunion=None, asesoria=AsesoriaFactory(dependencia=dependencia), dependencia=dependencia
        )
        Acuerdo.history.filter(id=sin_historial.pk).delete()
        AcuerdoFactory(reunion=ReunionFactory(), dependencia=dependencia)


def test_consultas_constantes(
    client, coordinacion, dependencia, revisora, django_assert_num_queries
):
    url = reverse("actividad", args=[dependencia.pk])
    client.force_login(coordinacion)
    _historia(dependencia, revisora, 1, 2030)
    client.get(url)  # calienta la sesión y los permisos en caché
    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    _historia(dependencia, revisora, 4, 2040)
    with django_assert_num_queries(len(pocas.captured_queries)):
        r = client.get(url)
    assert r.context["total"] > 30
    assert {"asesoria", "reunion", "acuerdo"} <= {
        evento.tipo for _mes, eventos in r.context["meses"] for _fecha, evento in eventos
    }
