"""El flujo del plan: enviar, observar, devolver, aprobar y modificar, con sus correos."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planes import services
from planes.models import Actividad, Observacion, PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory, UsuarioFactory, pdf_minimo
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

Estado = PlanTrabajo.Estado


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def plan_completo(dependencia, actividades=2, **campos):
    plan = PlanFactory(unidad=dependencia.unidad, **campos)
    ActividadFactory.create_batch(actividades, plan=plan)
    return plan


def enviado(dependencia, **campos):
    plan = plan_completo(dependencia, **campos)
    plan.estado = Estado.ENVIADO
    plan.enviado_en = timezone.now()
    plan.save()
    return plan


def aprobado(dependencia, coordinacion, **campos):
    plan = enviado(dependencia, **campos)
    return services.plan_aprobar(plan=plan, usuario=coordinacion)


def enviar(client, plan, **datos):
    return client.post(reverse("planes:enviar", args=[plan.pk]), {"confirmar": "si", **datos})


def aprobar(client, plan, **datos):
    return client.post(reverse("planes:aprobar", args=[plan.pk]), {"confirmar": "si", **datos})


# --- La página del plan ---------------------------------------------------------------------


def test_detalle_muestra_encabezado_actividades_y_alineacion(client, responsable, dependencia):
    dependencia.titular = "Mtra. Elena Robles"
    dependencia.save()
    plan = plan_completo(dependencia, actividades=0)
    ActividadFactory(plan=plan, descripcion="Campaña de lenguaje incluyente")
    ActividadFactory(plan=plan, descripcion="Protocolo contra el hostigamiento")
    client.force_login(responsable)
    respuesta = client.get(plan.get_absolute_url())
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    for texto in [
        "Plan de trabajo 2026",
        "Secretaría Propia",
        "Itzel Ramírez Núñez",
        "Mtra. Elena Robles",
        "Promover una cultura institucional incluyente",
        "Campaña de lenguaje incluyente",
        "Protocolo contra el hostigamiento",
        "Estrategia del PED 2022–2027",
        "2.10.2",
        "Atribución de la Coordinación",
        "Borrador",
        "Historial de cambios",
        "Vista previa en PDF (borrador)",
        "Enviar a revisión",
    ]:
        assert texto in html, texto
    # Unión de alineaciones: las dos actividades comparten las mismas, se listan una vez.
    assert [c for c, _ in respuesta.context["alineacion"]] == [
        "Atribución de la Coordinación",
        "Estrategia del PED 2022–2027",
    ]
    assert [len(e) for _, e in respuesta.context["alineacion"]] == [1, 1]


def test_detalle_de_la_coordinacion_no_ofrece_enviar(client, coordinacion, dependencia):
    plan = plan_completo(dependencia)
    client.force_login(coordinacion)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Enviar a revisión" not in html
    assert "Aprobar…" not in html  # en borrador no se revisa


def test_detalle_hace_las_mismas_consultas_con_3_o_40_actividades(
    client, coordinacion, dependencia
):
    def medir(n):
        plan = enviado(dependencia, actividades=n, anio=2030 + n)
        for actividad in plan.actividades.all()[:3]:
            Observacion.objects.create(
                plan=plan, actividad=actividad, texto="Precise la meta", autor=coordinacion
            )
        Observacion.objects.create(plan=plan, texto="Revise el compromiso", autor=coordinacion)
        client.force_login(coordinacion)
        client.get(plan.get_absolute_url())  # calienta la sesión y los permisos
        with CaptureQueriesContext(connection) as consultas:
            respuesta = client.get(plan.get_absolute_url())
        assert respuesta.status_code == 200
        return len(consultas)

    pocas = medir(3)
    assert pocas > 5  # la medición sí capturó consultas
    assert medir(40) == pocas


def test_detalle_lista_lo_que_falta_para_enviar(client, responsable, dependencia):
    plan = PlanFactory(unidad=dependencia.unidad, compromiso="")
    ActividadFactory(plan=plan, indicador="", alineado=False)
    client.force_login(responsable)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Antes de enviar el plan, falta" in html
    assert "compromiso para la igualdad" in html
    assert "nombre del indicador" in html
    assert "alineación con una estrategia del PED" in html


# --- Enviar ----------------------------------------------------------------------------------


def test_confirmacion_de_envio_resume_el_plan(client, responsable, dependencia):
    plan = plan_completo(dependencia, actividades=3)
    client.force_login(responsable)
    respuesta = client.get(reverse("planes:enviar_confirmar", args=[plan.pk]))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Sí, enviar a revisión" in html
    assert 'name="huella"' in html
    assert respuesta.context["faltantes"] == []


def test_envia_un_borrador_y_avisa_a_la_coordinacion(
    client, responsable, dependencia, coordinacion, django_capture_on_commit_callbacks
):
    otra = UsuarioFactory(rol=Rol.COORDINACION)
    UsuarioFactory(rol=Rol.COORDINACION, is_active=False)
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    plan = plan_completo(dependencia)
    client.force_login(responsable)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = enviar(client, plan)
    assert respuesta.status_code == 302 and respuesta.url == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.estado == Estado.ENVIADO
    assert plan.enviado_en is not None
    assert "Se envió el plan a revisión" in mensajes(respuesta)[-1]
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.subject == "[Portal UIG] PROPIA envió su plan de trabajo 2026 a revisión"
    assert sorted(correo.to) == sorted([coordinacion.email, otra.email])
    assert "Secretaría Propia" in correo.body
    assert f"/planes/{plan.pk}/" in correo.body
    assert "&" not in correo.body  # texto plano, sin escapes HTML


def test_doble_clic_en_enviar_envia_una_vez(
    client, responsable, dependencia, coordinacion, django_capture_on_commit_callbacks
):
    plan = plan_completo(dependencia)
    client.force_login(responsable)
    huella = client.get(reverse("planes:enviar_confirmar", args=[plan.pk])).context["huella"]
    with django_capture_on_commit_callbacks(execute=True):
        primera = enviar(client, plan, huella=huella)
    plan.refresh_from_db()
    enviado_en = plan.enviado_en
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        segunda = enviar(client, plan, huella=huella)
    assert primera.status_code == segunda.status_code == 302
    assert callbacks == []
    assert len(mail.outbox) == 1
    assert "ya se había enviado" in mensajes(segunda)[-1]
    plan.refresh_from_db()
    assert plan.enviado_en == enviado_en
    assert plan.history.filter(estado=Estado.ENVIADO).count() == 1


def test_enviar_sin_confirmar_lleva_a_la_confirmacion(client, responsable, dependencia):
    plan = plan_completo(dependencia)
    client.force_login(responsable)
    respuesta = client.post(reverse("planes:enviar", args=[plan.pk]))
    assert respuesta.url == reverse("planes:enviar_confirmar", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR


def test_plan_incompleto_no_se_envia_y_dice_que_falta(
    client, responsable, dependencia, django_capture_on_commit_callbacks
):
    plan = PlanFactory(unidad=dependencia.unidad, compromiso="  ", titular_unidad="")
    ActividadFactory(plan=plan)
    ActividadFactory(
        plan=plan, descripcion="Diagnóstico de clima laboral", indicador="", meta_t3=None
    )
    ActividadFactory(plan=plan, descripcion="Campaña", alineado=False)
    client.force_login(responsable)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = enviar(client, plan)
    assert respuesta.url == reverse("planes:enviar_confirmar", args=[plan.pk])
    mensaje = mensajes(respuesta)[-1]
    assert mensaje.startswith("No se envió el plan porque le falta lo siguiente.")
    for texto in [
        "titular de la unidad",
        "compromiso para la igualdad",
        "Actividad 2 («Diagnóstico de clima laboral»): nombre del indicador, metas trimestrales",
        "Actividad 3 («Campaña»): alineación con una estrategia del PED, alineación con una "
        "atribución de la Coordinación",
    ]:
        assert texto in mensaje, texto
    assert "Actividad 1" not in mensaje
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR and plan.enviado_en is None
    assert mail.outbox == []
    # La confirmación muestra la lista completa y no ofrece el botón.
    html = client.get(respuesta.url).content.decode()
    assert "Todavía no se puede enviar" in html
    assert "Sí, enviar a revisión" not in html


def test_plan_sin_actividades_no_se_envia(client, responsable, dependencia):
    plan = PlanFactory(unidad=dependencia.unidad)
    client.force_login(responsable)
    respuesta = enviar(client, plan)
    assert "al menos una actividad" in mensajes(respuesta)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR


def test_reglas_de_la_actividad_impiden_enviar(client, responsable, dependencia):
    plan = PlanFactory(unidad=dependencia.unidad)
    ActividadFactory(
        plan=plan, meta_anual=Decimal("45"), meta_t1=Decimal("11"), mes_inicio=9, mes_fin=3
    )
    client.force_login(responsable)
    mensaje = mensajes(enviar(client, plan))[-1]
    assert "Las metas trimestrales suman 41 y la meta anual es 45" in mensaje
    assert "El mes de término no puede ser anterior al de inicio" in mensaje
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR


def test_cambio_despues_de_la_confirmacion_se_rechaza(client, responsable, dependencia):
    plan = plan_completo(dependencia)
    client.force_login(responsable)
    huella = client.get(reverse("planes:enviar_confirmar", args=[plan.pk])).context["huella"]
    actividad = plan.actividades.first()
    Actividad.objects.filter(pk=actividad.pk).update(revision=F("revision") + 1)
    respuesta = enviar(client, plan, huella=huella)
    assert "El plan cambió desde que abrió la confirmación" in mensajes(respuesta)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR


def test_si_la_transaccion_se_revierte_no_sale_ningun_correo(
    responsable, dependencia, coordinacion, django_capture_on_commit_callbacks
):
    plan = plan_completo(dependencia)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.plan_enviar(plan=plan, usuario=responsable)
            raise RuntimeError("falla después del envío")
    assert mail.outbox == []
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR


def test_un_plan_aprobado_no_se_envia(client, responsable, dependencia, coordinacion):
    plan = aprobado(dependencia, coordinacion)
    client.force_login(responsable)
    respuesta = enviar(client, plan)
    assert "ya está aprobado" in mensajes(respuesta)[-1]
    assert client.get(reverse("planes:enviar_confirmar", args=[plan.pk])).status_code == 302


# --- Observar y devolver ----------------------------------------------------------------------


def test_la_coordinacion_observa_el_plan_y_una_actividad(client, coordinacion, dependencia):
    plan = enviado(dependencia)
    actividad = plan.actividades.last()
    client.force_login(coordinacion)
    url = reverse("planes:observar", args=[plan.pk])
    client.post(url, {"texto": "Falta el compromiso de la persona titular."})
    client.post(url, {"texto": "La meta del T1 es muy alta.", "actividad": actividad.pk})
    general, de_actividad = plan.observaciones.order_by("pk")
    assert general.actividad is None and general.autor == coordinacion
    assert de_actividad.actividad == actividad and not de_actividad.atendida
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Falta el compromiso de la persona titular." in html
    assert "Actividad 2:" in html
    assert "La meta del T1 es muy alta." in html
    assert "Pendiente" in html


def test_observacion_vacia_o_de_otra_actividad_se_rechaza(client, coordinacion, dependencia):
    plan = enviado(dependencia)
    ajena = ActividadFactory()
    client.force_login(coordinacion)
    url = reverse("planes:observar", args=[plan.pk])
    assert "Escriba la observación" in mensajes(client.post(url, {"texto": "  "}))[-1]
    client.post(url, {"texto": "Hola", "actividad": ajena.pk})
    assert not Observacion.objects.exists()


def test_solo_se_observa_un_plan_enviado(client, coordinacion, dependencia):
    plan = plan_completo(dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(reverse("planes:observar", args=[plan.pk]), {"texto": "Nota"})
    assert "Solo se hacen observaciones mientras" in mensajes(respuesta)[-1]
    assert not plan.observaciones.exists()


def test_devolver_exige_una_observacion(client, coordinacion, dependencia):
    plan = enviado(dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(reverse("planes:devolver", args=[plan.pk]))
    assert "escriba antes al menos una observación" in mensajes(respuesta)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.ENVIADO


def test_devolver_avisa_a_las_personas_responsables(
    client, coordinacion, responsable, responsable_ajena, dependencia,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    enlace = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia, is_active=False)
    UsuarioFactory(rol=Rol.CONSULTA, dependencia=dependencia)
    plan = enviado(dependencia)
    client.force_login(coordinacion)
    client.post(
        reverse("planes:observar", args=[plan.pk]),
        {"texto": "Precise la fórmula.", "actividad": plan.actividades.first().pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(reverse("planes:devolver", args=[plan.pk]))
        doble = client.post(reverse("planes:devolver", args=[plan.pk]))
    assert "Se devolvió el plan" in mensajes(respuesta)[-1]
    assert "ya se había devuelto" in mensajes(doble)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.CON_OBSERVACIONES
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert (
        correo.subject
        == "[Portal UIG] Su plan de trabajo 2026 tiene observaciones de la Coordinación"
    )
    assert sorted(correo.to) == sorted([responsable.email, enlace.email])
    assert "Actividad 1: Precise la fórmula." in correo.body


def test_reenviar_no_atiende_las_observaciones_y_otra_devolucion_pide_una_nueva(
    client, coordinacion, responsable, dependencia, django_capture_on_commit_callbacks
):
    # Reenviar no marca nada como atendido: eso lo dice la unidad en cada observación
    # (tests/planes/test_observaciones_conversacion.py).
    plan = enviado(dependencia)
    services.plan_observar(plan=plan, usuario=coordinacion, texto="Corrija el eje.")
    services.plan_devolver(plan=plan, usuario=coordinacion)
    client.force_login(responsable)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "devolvió el plan con 1 observación por atender" in html
    assert "Reenviar a revisión" in html
    with django_capture_on_commit_callbacks(execute=True):
        enviar(client, plan, sin_respuesta="1")
    plan.refresh_from_db()
    assert plan.estado == Estado.ENVIADO
    assert not plan.observaciones.get().atendida
    assert "reenvió su plan de trabajo 2026" in mail.outbox[-1].subject
    client.force_login(coordinacion)
    respuesta = client.post(reverse("planes:devolver", args=[plan.pk]))
    assert "al menos una observación" in mensajes(respuesta)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.ENVIADO


# --- Aprobar ---------------------------------------------------------------------------------


def test_aprobar_guarda_el_pdf_una_vez_y_avisa(
    client, coordinacion, responsable, dependencia, django_capture_on_commit_callbacks
):
    plan = enviado(dependencia)
    client.force_login(coordinacion)
    confirmacion = client.get(reverse("planes:aprobar_confirmar", args=[plan.pk]))
    assert "Sí, aprobar el plan" in confirmacion.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = aprobar(client, plan, huella=confirmacion.context["huella"])
    assert "Se aprobó el plan" in mensajes(respuesta)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.APROBADO
    assert plan.aprobado_por == coordinacion and plan.aprobado_en is not None
    assert plan.pdf_oficial.name.startswith("planes/plan-propia-2026-v1")
    assert plan.pdf_oficial.name.endswith(".pdf")
    with plan.pdf_oficial.open("rb") as archivo:
        guardado = archivo.read()
    assert guardado.startswith(b"%PDF-")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [responsable.email]
    assert mail.outbox[0].subject == "[Portal UIG] Su plan de trabajo 2026 fue aprobado"
    assert f"/planes/{plan.pk}/pdf/" in mail.outbox[0].body

    # La segunda aprobación (doble clic u otra persona) no cambia nada.
    nombre, aprobado_en = plan.pdf_oficial.name, plan.aprobado_en
    with django_capture_on_commit_callbacks(execute=True):
        segunda = aprobar(client, plan)
    assert "ya estaba aprobado" in mensajes(segunda)[-1]
    plan.refresh_from_db()
    assert (plan.pdf_oficial.name, plan.aprobado_en) == (nombre, aprobado_en)
    with plan.pdf_oficial.open("rb") as archivo:
        assert archivo.read() == guardado
    assert len(mail.outbox) == 1


def test_la_descarga_de_un_plan_aprobado_es_el_pdf_guardado(
    client, coordinacion, responsable, dependencia
):
    plan = aprobado(dependencia, coordinacion)
    # Si la descarga volviera a generar el PDF, no devolvería estos bytes.
    marcador = pdf_minimo("PDF oficial guardado")
    with plan.pdf_oficial.storage.open(plan.pdf_oficial.name, "wb") as archivo:
        archivo.write(marcador)
    client.force_login(responsable)
    respuesta = client.get(reverse("planes:pdf", args=[plan.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert "plan-propia-2026-v1.pdf" in respuesta["Content-Disposition"]
    assert b"".join(respuesta.streaming_content) == marcador


def test_plan_aprobado_sin_archivo_da_404(client, coordinacion, dependencia):
    plan = aprobado(dependencia, coordinacion)
    plan.pdf_oficial.storage.delete(plan.pdf_oficial.name)
    client.force_login(coordinacion)
    assert client.get(reverse("planes:pdf", args=[plan.pk])).status_code == 404


def test_solo_se_aprueba_un_plan_enviado(client, coordinacion, dependencia):
    plan = plan_completo(dependencia)
    client.force_login(coordinacion)
    respuesta = aprobar(client, plan)
    assert "Solo se aprueba un plan que está enviado" in mensajes(respuesta)[-1]
    plan.refresh_from_db()
    assert plan.estado == Estado.BORRADOR and not plan.pdf_oficial
    assert client.get(reverse("planes:aprobar_confirmar", args=[plan.pk])).status_code == 302


def test_aprobar_sin_confirmar_lleva_a_la_confirmacion(client, coordinacion, dependencia):
    plan = enviado(dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(reverse("planes:aprobar", args=[plan.pk]))
    assert respuesta.url == reverse("planes:aprobar_confirmar", args=[plan.pk])
    plan.refresh_from_db()
    assert plan.estado == Estado.ENVIADO


def test_una_responsable_no_aprueba(client, responsable, dependencia):
    plan = enviado(dependencia)
    client.force_login(responsable)
    assert aprobar(client, plan).status_code == 403
    plan.refresh_from_db()
    assert plan.estado == Estado.ENVIADO


def test_un_plan_aprobado_no_admite_observaciones(client, coordinacion, dependencia):
    plan = aprobado(dependencia, coordinacion)
    client.force_login(coordinacion)
    client.post(reverse("planes:observar", args=[plan.pk]), {"texto": "Tarde"})
    assert not plan.observaciones.exists()


# --- Modificación -----------------------------------------------------------------------------


def modificar(client, plan, motivo="Recorte presupuestal de 2026"):
    return client.post(reverse("planes:modificar", args=[plan.pk]), {"motivo": motivo})


def test_modificacion_copia_el_plan_en_una_version_nueva(
    client, coordinacion, responsable, dependencia
):
    v1 = aprobado(dependencia, coordinacion, actividades=3)
    with v1.pdf_oficial.open("rb") as archivo:
        pdf_v1 = archivo.read()
    client.force_login(responsable)
    respuesta = modificar(client, v1)
    v2 = PlanTrabajo.objects.get(anterior=v1)
    assert respuesta.url == v2.get_absolute_url()
    assert "Se abrió la modificación 1 (versión 2)" in mensajes(respuesta)[-1]
    assert (v2.version, v2.estado, v2.anio, v2.unidad) == (2, Estado.BORRADOR, 2026, v1.unidad)
    assert v2.motivo_modificacion == "Recorte presupuestal de 2026"
    assert (v2.titular_unidad, v2.compromiso) == (v1.titular_unidad, v1.compromiso)
    assert not v2.pdf_oficial and v2.aprobado_en is None and v2.enviado_en is None
    originales = list(v1.actividades.all())
    copias = list(v2.actividades.all())
    assert [a.descripcion for a in copias] == [a.descripcion for a in originales]
    assert {a.pk for a in copias}.isdisjoint({a.pk for a in originales})
    for original, copia in zip(originales, copias, strict=True):
        assert copia.meta_anual == original.meta_anual
        assert set(copia.alineaciones.values_list("pk", flat=True)) == set(
            original.alineaciones.values_list("pk", flat=True)
        )
        assert copia.history.count() == 1
    # La versión aprobada sigue igual y legible, con su PDF.
    v1.refresh_from_db()
    assert v1.estado == Estado.APROBADO
    with v1.pdf_oficial.open("rb") as archivo:
        assert archivo.read() == pdf_v1
    html = client.get(v1.get_absolute_url()).content.decode()
    assert "Esta es una versión anterior del plan" in html
    html = client.get(v2.get_absolute_url()).content.decode()
    assert "Modificación 1" in html
    assert "Recorte presupuestal de 2026" in html
    assert f'href="{v1.get_absolute_url()}"' in html
    assert PlanTrabajo.objects.vigentes().get(unidad=v1.unidad) == v2


def test_la_modificacion_pide_motivo(client, coordinacion, responsable, dependencia):
    plan = aprobado(dependencia, coordinacion)
    client.force_login(responsable)
    respuesta = modificar(client, plan, motivo="   ")
    assert "Escriba el motivo de la modificación" in mensajes(respuesta)[-1]
    assert PlanTrabajo.objects.count() == 1


def test_doble_clic_en_modificar_abre_una_sola_version(
    client, coordinacion, responsable, dependencia
):
    plan = aprobado(dependencia, coordinacion)
    client.force_login(responsable)
    modificar(client, plan)
    segunda = modificar(client, plan)
    v2 = PlanTrabajo.objects.get(anterior=plan)
    assert segunda.url == v2.get_absolute_url()
    assert "ya tiene una versión posterior (versión 2)" in mensajes(segunda)[-1]
    assert PlanTrabajo.objects.count() == 2


def test_solo_se_modifica_un_plan_aprobado(client, responsable, dependencia):
    plan = enviado(dependencia)
    client.force_login(responsable)
    assert "Solo se modifica un plan aprobado" in mensajes(modificar(client, plan))[-1]
    assert PlanTrabajo.objects.count() == 1


def test_las_modificaciones_se_numeran_y_pasan_por_el_mismo_flujo(
    client, coordinacion, responsable, dependencia, django_capture_on_commit_callbacks
):
    v1 = aprobado(dependencia, coordinacion)
    v2 = services.plan_modificar(plan=v1, usuario=responsable, motivo="Nueva ley estatal")
    client.force_login(responsable)
    with django_capture_on_commit_callbacks(execute=True):
        enviar(client, v2)
    assert "Versión: 2 (modificación 1)" in mail.outbox[-1].body
    assert "Motivo de la modificación: Nueva ley estatal" in mail.outbox[-1].body
    client.force_login(coordinacion)
    aprobar(client, v2)
    v2.refresh_from_db()
    assert v2.estado == Estado.APROBADO
    assert v2.pdf_oficial.name.startswith("planes/plan-propia-2026-v2")
    v3 = services.plan_modificar(plan=v2, usuario=responsable, motivo="Cambio de titular")
    assert v3.version == 3
    client.force_login(responsable)
    html = client.get(v3.get_absolute_url()).content.decode()
    assert "Modificación 2" in html
    assert [v.version for v in client.get(v3.get_absolute_url()).context["versiones"]] == [1, 2, 3]
    # Todas las versiones siguen legibles; las anteriores ya no se pueden modificar.
    for plan in (v1, v2):
        respuesta = client.get(plan.get_absolute_url())
        assert respuesta.status_code == 200
        assert not respuesta.context["puede_modificar"]
        assert client.get(reverse("planes:pdf", args=[plan.pk])).status_code == 200
