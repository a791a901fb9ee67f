"""Las observaciones de un plan devuelto son una conversación: la unidad ve todas en el editor,
responde cada una y la marca atendida; reenviar no las marca solo; la Coordinación ve las
respuestas y qué cambió entre el plan devuelto y el reenviado."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from planes import services
from planes.diferencias import comparar, instantanea
from planes.models import Actividad, Alineacion, Observacion, PlanTrabajo
from tests.factories import ActividadFactory, PlanFactory

pytestmark = pytest.mark.django_db

Estado = PlanTrabajo.Estado


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


@pytest.fixture
def devuelto(dependencia, coordinacion):
    """Un plan devuelto con una observación general y otra a su primera actividad."""
    plan = PlanFactory(unidad=dependencia.unidad, estado=Estado.ENVIADO, enviado_en=timezone.now())
    plan.primera = ActividadFactory(plan=plan, descripcion="Taller de lenguaje incluyente")
    plan.segunda = ActividadFactory(plan=plan, descripcion="Protocolo contra el hostigamiento")
    plan.general = services.plan_observar(
        plan=plan, usuario=coordinacion, texto="Revise el compromiso."
    )
    plan.de_actividad = services.plan_observar(
        plan=plan, usuario=coordinacion, texto="Precise la meta del taller.", actividad=plan.primera
    )
    services.plan_devolver(plan=plan, usuario=coordinacion)
    plan.refresh_from_db()
    return plan


def editor(client, plan):
    respuesta = client.get(reverse("planes:editar", args=[plan.pk]))
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def aviso(html):
    return html.split('id="observaciones-editor"')[1].split("</section>")[0]


def tarjeta(html, actividad):
    return html.split(f'id="actividad-{actividad.pk}"')[1].split("</li>")[0]


def responder(client, observacion, respuesta="", atendida=False, revision=None):
    datos = {
        f"o{observacion.pk}-respuesta": respuesta,
        f"o{observacion.pk}-revision": revision if revision is not None else observacion.revision,
    }
    if atendida:
        datos[f"o{observacion.pk}-atendida"] = "on"
    url = reverse("planes:observacion_responder", args=[observacion.plan_id, observacion.pk])
    return client.post(url, datos)


def reenviar(client, plan, **datos):
    return client.post(reverse("planes:enviar", args=[plan.pk]), {"confirmar": "si", **datos})


# --- El editor: el aviso y las tarjetas --------------------------------------------------------


def test_el_aviso_del_editor_lista_todas_las_observaciones(client, responsable, devuelto):
    client.force_login(responsable)
    banner = aviso(editor(client, devuelto))
    assert "Revise el compromiso." in banner
    assert "Precise la meta del taller." in banner
    assert "2 observaciones pendientes" in banner
    assert "Al plan en general" in banner
    # La de la actividad enlaza a su tarjeta, donde se responde.
    assert f'href="#observacion-{devuelto.de_actividad.pk}"' in banner
    assert "Actividad 1: Taller de lenguaje incluyente" in banner


def test_la_tarjeta_con_observacion_se_marca_y_se_abre(client, responsable, devuelto):
    client.force_login(responsable)
    html = editor(client, devuelto)
    observada = tarjeta(html, devuelto.primera)
    resumen = observada.split("</summary>")[0]
    assert "Con observación" in resumen and "completa" not in resumen
    assert "<details open>" in observada.replace("\n", "")[:200]
    cuerpo = observada.split("</summary>")[1]
    # El texto va arriba de la tarjeta, antes del formulario de la actividad.
    assert cuerpo.index("Precise la meta del taller.") < cuerpo.index("form-autoguardado")
    otra = tarjeta(html, devuelto.segunda)
    assert "Con observación" not in otra and "completa" in otra.split("</summary>")[0]


def test_la_unidad_responde_y_despues_marca_atendida(client, responsable, devuelto):
    client.force_login(responsable)
    observacion = devuelto.de_actividad
    respuesta = responder(client, observacion, "Se fijó la meta en 60 personas.")
    assert respuesta.status_code == 302
    assert respuesta.url.endswith(f"?abierta={devuelto.primera.pk}#observacion-{observacion.pk}")
    assert "sigue pendiente hasta que la marque" in mensajes(respuesta)[-1]
    observacion.refresh_from_db()
    assert observacion.respuesta == "Se fijó la meta en 60 personas."
    assert not observacion.atendida and observacion.respondida_por == responsable
    assert observacion.revision == 2
    assert "Con observación" in tarjeta(editor(client, devuelto), devuelto.primera)

    respuesta = responder(client, observacion, "Se fijó la meta en 60 personas.", atendida=True)
    assert "quedó atendida" in mensajes(respuesta)[-1]
    observacion.refresh_from_db()
    assert observacion.atendida and observacion.revision == 3
    html = editor(client, devuelto)
    resumen = tarjeta(html, devuelto.primera).split("</summary>")[0]
    assert "Con observación" not in resumen and "completa" in resumen
    # Sigue a la vista, ya atendida, con su respuesta.
    assert "1 observación pendiente" in aviso(html)
    assert "Se fijó la meta en 60 personas." in html


def test_marcar_atendida_sin_escribir_respuesta(client, responsable, devuelto):
    client.force_login(responsable)
    assert responder(client, devuelto.general, atendida=True).status_code == 302
    devuelto.general.refresh_from_db()
    assert devuelto.general.atendida and devuelto.general.respuesta == ""


def test_sin_respuesta_ni_marca_se_rechaza_sin_guardar(client, responsable, devuelto):
    client.force_login(responsable)
    respuesta = responder(client, devuelto.general, "   ")
    assert respuesta.status_code == 422
    assert "Escriba una respuesta o marque la observación como atendida." in (
        respuesta.content.decode()
    )
    devuelto.general.refresh_from_db()
    assert devuelto.general.revision == 1 and devuelto.general.respondida_en is None


def test_respuesta_demasiado_larga_se_rechaza_sin_guardar(client, responsable, devuelto):
    client.force_login(responsable)
    respuesta = responder(client, devuelto.general, "a" * 2001, atendida=True)
    assert respuesta.status_code == 422
    html = respuesta.content.decode()
    assert "La respuesta admite hasta 2,000 caracteres y tiene 2,001; acórtela." in html
    devuelto.general.refresh_from_db()
    assert devuelto.general.respuesta == "" and not devuelto.general.atendida


def test_dos_respuestas_a_la_vez_rechazan_la_vieja(
    client, responsable, dependencia, devuelto, django_user_model
):
    from tests.factories import UsuarioFactory
    from uig_portal.roles import Rol

    colega = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    client.force_login(colega)
    assert responder(client, devuelto.general, "Se reescribió el compromiso.").status_code == 302
    client.force_login(responsable)
    respuesta = responder(client, devuelto.general, "Mi versión", revision=1)
    assert respuesta.status_code == 409
    html = respuesta.content.decode()
    assert f"Alguien más ({colega}) guardó cambios en la respuesta a esta observación a las" in html
    assert "Lo que usted escribió no se perdió" in html
    # Lo que escribió sigue en el formulario, con la revisión vigente para guardarlo a sabiendas.
    assert "Mi versión</textarea>" in html
    assert re.search(rf'name="o{devuelto.general.pk}-revision" value="2"', html)
    devuelto.general.refresh_from_db()
    assert devuelto.general.respuesta == "Se reescribió el compromiso."
    assert devuelto.general.respondida_por == colega


def test_solo_se_responde_un_plan_devuelto(client, responsable, devuelto):
    client.force_login(responsable)
    services.plan_enviar(plan=devuelto, usuario=responsable)
    respuesta = responder(client, devuelto.general, "Tarde", atendida=True)
    assert respuesta.status_code == 302 and respuesta.url == devuelto.get_absolute_url()
    assert "se envió a revisión" in mensajes(respuesta)[-1]
    devuelto.general.refresh_from_db()
    assert devuelto.general.respuesta == "" and not devuelto.general.atendida


def test_la_observacion_de_otro_plan_no_existe(client, responsable, devuelto, dependencia):
    otro = PlanFactory(unidad=dependencia.unidad, anio=2027, estado=Estado.CON_OBSERVACIONES)
    client.force_login(responsable)
    url = reverse("planes:observacion_responder", args=[otro.pk, devuelto.general.pk])
    assert client.post(url, {f"o{devuelto.general.pk}-respuesta": "x"}).status_code == 404


def test_eliminar_la_actividad_conserva_su_observacion(client, responsable, devuelto):
    client.force_login(responsable)
    url = reverse("planes:actividad_eliminar", args=[devuelto.pk, devuelto.primera.pk])
    client.post(url, {"confirmar": "si"})
    observacion = Observacion.objects.get(pk=devuelto.de_actividad.pk)
    assert observacion.actividad is None and observacion.de_actividad_eliminada
    banner = aviso(editor(client, devuelto))
    assert "Sobre una actividad que se eliminó («Taller de lenguaje incluyente»)" in banner
    assert responder(client, observacion, "Se eliminó: se repetía.", True).status_code == 302


# --- Reenviar -----------------------------------------------------------------------------------


def test_reenviar_no_marca_las_observaciones_como_atendidas(responsable, devuelto):
    services.plan_enviar(plan=devuelto, usuario=responsable)
    devuelto.refresh_from_db()
    assert devuelto.estado == Estado.ENVIADO
    assert devuelto.observaciones.filter(atendida=False).count() == 2


def test_reenviar_con_observaciones_sin_respuesta_pide_confirmarlo(client, responsable, devuelto):
    client.force_login(responsable)
    responder(client, devuelto.general, "Listo.")
    html = client.get(reverse("planes:enviar_confirmar", args=[devuelto.pk])).content.decode()
    assert (
        "1 de 2 observaciones de la Coordinación sigue sin respuesta y sin marcar como atendida"
        in html
    )
    assert "Precise la meta del taller." in html
    assert 'name="sin_respuesta" value="1"' in html

    # Sin haber visto la advertencia (o con menos de las que hay), no se envía.
    for datos in ({}, {"sin_respuesta": "0"}):
        respuesta = reenviar(client, devuelto, **datos)
        assert respuesta.url == reverse("planes:enviar_confirmar", args=[devuelto.pk])
        assert "1 observación de la Coordinación sigue sin respuesta" in mensajes(respuesta)[-1]
        devuelto.refresh_from_db()
        assert devuelto.estado == Estado.CON_OBSERVACIONES

    respuesta = reenviar(client, devuelto, sin_respuesta="1")
    devuelto.refresh_from_db()
    assert devuelto.estado == Estado.ENVIADO
    assert "Se envió el plan a revisión" in mensajes(respuesta)[-1]


def test_reenviar_con_todo_respondido_no_advierte(client, responsable, devuelto):
    client.force_login(responsable)
    responder(client, devuelto.general, "Listo.")
    responder(client, devuelto.de_actividad, atendida=True)
    html = client.get(reverse("planes:enviar_confirmar", args=[devuelto.pk])).content.decode()
    assert "observaciones-sin-respuesta" not in html
    reenviar(client, devuelto)
    devuelto.refresh_from_db()
    assert devuelto.estado == Estado.ENVIADO


# --- La Coordinación revisa el reenvío ------------------------------------------------------------


def test_la_coordinacion_ve_las_respuestas_y_lo_que_cambio(
    client, responsable, coordinacion, devuelto
):
    client.force_login(responsable)
    responder(client, devuelto.general, "Se amplió el compromiso.", atendida=True)
    responder(client, devuelto.de_actividad, "Subimos la meta a 60.")
    primera = devuelto.primera
    primera.meta_anual, primera.meta_t4 = Decimal("60"), Decimal("30")
    primera.mes_fin = 12
    primera.save()
    devuelto.segunda.delete()
    ActividadFactory(plan=devuelto, descripcion="Campaña de comunicación incluyente")
    devuelto.compromiso = "Un compromiso más amplio."
    devuelto.save()
    reenviar(client, devuelto, sin_respuesta="0")

    client.force_login(coordinacion)
    html = client.get(devuelto.get_absolute_url()).content.decode()
    assert "Es un reenvío: de 2 observaciones, la unidad marcó 1 como atendidas y respondió 2." in (
        html
    )
    observaciones = html.split('id="observaciones"')[1].split("</section>")[0]
    assert "Se amplió el compromiso." in observaciones
    assert "Atendida, según la unidad" in observaciones
    assert "Subimos la meta a 60." in observaciones
    assert "Pendiente: la unidad no la marcó atendida" in observaciones
    assert "La actividad cambió en 3 campos" in observaciones

    cambios = html.split('id="cambios"')[1].split("</section>")[0]
    assert "1 actividad modificada" in cambios and "1 agregada" in cambios
    assert "1 eliminada" in cambios and "cambió el encabezado" in cambios
    meta = cambios.split('data-campo="meta_anual"')[1].split("</tr>")[0]
    assert "40" in meta and "60" in meta
    mes = cambios.split('data-campo="mes_fin"')[1].split("</tr>")[0]
    assert "noviembre" in mes and "diciembre" in mes
    assert "Protocolo contra el hostigamiento" in cambios.split("Eliminada")[1]
    assert "Campaña de comunicación incluyente" in cambios.split("Agregada")[1]
    assert "Un compromiso más amplio." in cambios


def test_otra_devolucion_pide_una_observacion_nueva(client, responsable, coordinacion, devuelto):
    services.plan_enviar(plan=devuelto, usuario=responsable)
    client.force_login(coordinacion)
    respuesta = client.post(reverse("planes:devolver", args=[devuelto.pk]))
    assert "al menos una observación" in mensajes(respuesta)[-1]
    devuelto.refresh_from_db()
    assert devuelto.estado == Estado.ENVIADO

    services.plan_observar(plan=devuelto, usuario=coordinacion, texto="Siguen sin responder.")
    services.plan_devolver(plan=devuelto, usuario=coordinacion)
    assert devuelto.devoluciones.count() == 2
    client.force_login(responsable)
    banner = aviso(editor(client, devuelto))
    # Las pendientes de la vuelta anterior siguen a la vista, con la nueva.
    assert "3 observaciones pendientes" in banner
    assert "Siguen sin responder." in banner and "Revise el compromiso." in banner


# --- Las diferencias ------------------------------------------------------------------------------


def test_comparar_instantaneas(dependencia):
    plan = PlanFactory(unidad=dependencia.unidad)
    queda = ActividadFactory(plan=plan, descripcion="Queda")
    ActividadFactory(plan=plan, descripcion="Se va")
    antes = instantanea(plan)
    Actividad.objects.filter(descripcion="Se va").delete()
    queda.eje = Actividad.Eje.VIOLENCIA
    queda.acumulativa = False
    queda.save()
    queda.alineaciones.add(Alineacion.objects.get(tipo="ped", clave="2.10.3"))
    nueva = ActividadFactory(plan=plan, descripcion="Nueva")
    diferencias = comparar(antes, instantanea(plan))
    assert diferencias.hay_cambios and not diferencias.encabezado
    assert [(c.tipo, c.descripcion) for c in diferencias.actividades] == [
        ("modificada", "Queda"),
        ("agregada", "Nueva"),
        ("eliminada", "Se va"),
    ]
    campos = {c.campo: (c.antes, c.despues) for c in diferencias.de_actividad(queda.pk).campos}
    assert campos["eje"] == (
        "Cultura institucional con perspectiva de género",
        "Acceso de las mujeres a una vida libre de violencia",
    )
    assert campos["acumulativa"] == ("Sí", "No")
    assert "2.10.3" in campos["alineaciones"][1] and "2.10.3" not in campos["alineaciones"][0]
    assert diferencias.de_actividad(nueva.pk).numero_despues == 2
    assert not comparar(antes, antes).hay_cambios
