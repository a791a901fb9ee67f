"""La lista de verificación lee el portal: la asesoría, el diagnóstico aceptado, el plan aprobado
y el primer informe trimestral cumplen su paso sin subir evidencia ni validarla."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from diagnosticos import services as diagnosticos_services
from diagnosticos.models import Respuesta
from planes import services as planes_services
from planes.models import InformeTrimestral, PlanTrabajo
from planes.views.seguimiento import revision_de_captura
from tests.factories import (
    ActividadFactory,
    AplicacionFactory,
    AsesoriaFactory,
    EvidenciaFactory,
    PlanFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    ValorFactory,
    archivo_pdf,
)
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401
from unidades.models import Evidencia, PasoGuia, Unidad

pytestmark = pytest.mark.django_db

AUTOMATICOS = ["asesoria", "diagnostico", "plan", "informe"]
EN_PAPEL = ["oficio", "designacion", "acta", "estructura"]


def paso(clave):
    return PasoGuia.objects.get(clave=clave)


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def pagina(client, usuario, dependencia):
    client.force_login(usuario)
    respuesta = client.get(dependencia.get_absolute_url())
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def fila(html, clave):
    """El HTML de la fila de un paso en la lista de verificación."""
    inicio = html.index(f'id="paso-{paso(clave).pk}"')
    fin = html.find('class="accordion-item"', inicio)
    return html[inicio : fin if fin != -1 else len(html)]


def url_subir(dependencia, clave):
    return reverse("unidades:evidencia_subir", args=[dependencia.pk, paso(clave).pk])


def cumplidos(dependencia):
    unidad = Unidad.objects.get(pk=dependencia.unidad.pk)
    unidad.estado = Unidad.Estado.INSTALADA
    return [p.clave for p in unidad.pasos_que_faltan(Unidad.Estado.OPERANDO)]


# --- Lo que hace el portal en cada caso ------------------------------------------------------


def diagnostico_aceptado(dependencia, coordinacion):
    seccion = SeccionFactory(codigo="igualdad")
    pregunta = PreguntaFactory(seccion=seccion, codigo="politica")
    respuesta = RespuestaFactory(
        aplicacion=AplicacionFactory(version=seccion.version, nombre="Diagnóstico 2026"),
        dependencia=dependencia,
        estado=Respuesta.Estado.ENVIADA,
        enviada_en=timezone.now(),
    )
    ValorFactory(respuesta=respuesta, pregunta=pregunta, valor="si")
    return diagnosticos_services.aceptar(respuesta, usuario=coordinacion)


def plan_aprobado(dependencia, coordinacion):
    plan = PlanFactory(
        unidad=dependencia.unidad,
        estado=PlanTrabajo.Estado.ENVIADO,
        enviado_en=timezone.now(),
    )
    ActividadFactory(plan=plan)
    return planes_services.plan_aprobar(plan=plan, usuario=coordinacion)


def informe_enviado(plan, trimestre=1):
    return InformeTrimestral.objects.create(
        plan=plan,
        trimestre=trimestre,
        estado=InformeTrimestral.Estado.ENVIADO,
        enviado_en=timezone.now(),
    )


# --- La guía predeterminada --------------------------------------------------------------------


def test_la_guia_predeterminada_marca_los_cuatro_pasos_del_portal():
    assert {p.clave: p.registro_automatico for p in PasoGuia.objects.all()} == {
        "oficio": "",
        "designacion": "",
        "acta": "",
        "estructura": "",
        "asesoria": "asesoria",
        "diagnostico": "diagnostico",
        "plan": "plan",
        "informe": "informe",
    }
    # Ya no pide documentos para los pasos que registra el portal.
    assert all(not paso(clave).documentos for clave in AUTOMATICOS)
    assert all(paso(clave).documentos for clave in EN_PAPEL)


# --- Antes: sin registro, el paso espera al portal, sin formulario de subida -------------------


def test_sin_registro_los_pasos_del_portal_esperan_sin_pedir_evidencia(
    client, dependencia, responsable
):
    html = pagina(client, responsable, dependencia)
    for clave in AUTOMATICOS:
        texto = fila(html, clave)
        assert "Lo registra el portal" in texto
        assert "no hace falta subir evidencia" in texto
        assert "Sin evidencia" not in texto
        assert url_subir(dependencia, clave) not in texto
    for clave in EN_PAPEL:
        texto = fila(html, clave)
        assert "Sin evidencia" in texto
        assert url_subir(dependencia, clave) in texto
    assert cumplidos(dependencia) == ["asesoria", "diagnostico", "plan"]


# --- Cada paso del portal se cumple solo -------------------------------------------------------


def test_la_asesoria_registrada_cumple_su_paso(client, dependencia, responsable, otra_dependencia):
    AsesoriaFactory(dependencia=otra_dependencia)  # la de otra institución no cuenta
    assert "asesoria" in cumplidos(dependencia)
    asesoria = AsesoriaFactory(
        dependencia=dependencia, fecha=date(2026, 3, 10), tema="Cómo contestar el diagnóstico"
    )
    AsesoriaFactory(dependencia=dependencia, fecha=date(2026, 5, 20))  # cuenta la primera
    assert "asesoria" not in cumplidos(dependencia)
    texto = fila(pagina(client, responsable, dependencia), "asesoria")
    assert "Cumplido en el portal" in texto
    assert f'href="{asesoria.get_absolute_url()}"' in texto
    assert "Asesoría del 10/03/2026: Cómo contestar el diagnóstico" in texto
    assert "Sin evidencia" not in texto
    assert url_subir(dependencia, "asesoria") not in texto


def test_el_diagnostico_aceptado_cumple_su_paso(client, dependencia, responsable, coordinacion):
    pendiente = RespuestaFactory(dependencia=dependencia, estado=Respuesta.Estado.ENVIADA)
    assert pendiente.estado == Respuesta.Estado.ENVIADA  # enviada, sin aceptar: no cuenta
    assert "diagnostico" in cumplidos(dependencia)
    respuesta = diagnostico_aceptado(dependencia, coordinacion)
    assert "diagnostico" not in cumplidos(dependencia)
    texto = fila(pagina(client, responsable, dependencia), "diagnostico")
    assert "Cumplido en el portal" in texto
    assert f'href="{reverse("diagnosticos:resultado", args=[respuesta.pk])}"' in texto
    assert "Diagnóstico 2026" in texto
    assert url_subir(dependencia, "diagnostico") not in texto


def test_el_plan_aprobado_cumple_su_paso(client, dependencia, responsable, coordinacion):
    PlanFactory(unidad=dependencia.unidad, anio=2027, estado=PlanTrabajo.Estado.ENVIADO)
    assert "plan" in cumplidos(dependencia)  # enviado, sin aprobar: no cuenta
    plan = plan_aprobado(dependencia, coordinacion)
    assert "plan" not in cumplidos(dependencia)
    texto = fila(pagina(client, responsable, dependencia), "plan")
    assert "Cumplido en el portal" in texto
    assert f'href="{plan.get_absolute_url()}"' in texto
    assert "Plan de trabajo 2026 aprobado" in texto
    assert url_subir(dependencia, "plan") not in texto


def test_el_primer_informe_enviado_cumple_su_paso(client, dependencia, responsable):
    plan = PlanFactory(unidad=dependencia.unidad, estado=PlanTrabajo.Estado.APROBADO)
    otro = PlanFactory(unidad=dependencia.unidad, anio=2027, estado=PlanTrabajo.Estado.APROBADO)
    InformeTrimestral.objects.create(plan=otro, trimestre=1)  # en captura: no cuenta
    assert "Lo registra el portal" in fila(pagina(client, responsable, dependencia), "informe")
    informe_enviado(plan, trimestre=1)
    informe_enviado(plan, trimestre=2)  # cuenta el primero que se envió
    texto = fila(pagina(client, responsable, dependencia), "informe")
    assert "Cumplido en el portal" in texto
    assert f'href="{reverse("planes:informe", args=[plan.pk, 1])}"' in texto
    assert "Informe del primer trimestre de 2026" in texto
    assert url_subir(dependencia, "informe") not in texto


def test_el_informe_enviado_desde_su_pagina_cumple_el_paso(client, dependencia, responsable):
    plan = PlanFactory(unidad=dependencia.unidad, estado=PlanTrabajo.Estado.APROBADO)
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    prefijo = "seg"
    datos = {
        f"{prefijo}-TOTAL_FORMS": "1",
        f"{prefijo}-INITIAL_FORMS": "0",
        f"{prefijo}-MIN_NUM_FORMS": "0",
        f"{prefijo}-MAX_NUM_FORMS": "1000",
        "revision": revision_de_captura(None),
        f"{prefijo}-{actividad.pk}-valor_alcanzado": "10",
        f"{prefijo}-{actividad.pk}-estado": "en_proceso",
        f"{prefijo}-{actividad.pk}-motivo_cancelacion": "",
        f"{prefijo}-{actividad.pk}-narrativa": "Se impartió el primer taller.",
        "confirmar": "on",
    }
    client.post(reverse("planes:informe_enviar", args=[plan.pk, 1]), datos)
    assert InformeTrimestral.objects.get(plan=plan, trimestre=1).estado == "enviado"
    assert "Cumplido en el portal" in fila(pagina(client, responsable, dependencia), "informe")


# --- El ciclo y lo que falta -------------------------------------------------------------------


def test_con_los_registros_del_portal_la_unidad_pasa_a_operando(client, dependencia, coordinacion):
    unidad = dependencia.unidad
    Unidad.objects.filter(pk=unidad.pk).update(
        estado=Unidad.Estado.INSTALADA, fecha_instalada=date(2026, 2, 1)
    )
    html = pagina(client, coordinacion, dependencia)
    assert "que el portal registre" in html
    respuesta = client.post(
        reverse("unidades:unidad_avanzar", args=[dependencia.pk]), {"fecha": "2026-06-01"}
    )
    assert (
        "Para pasar a «Operando» falta que el portal registre: Asesoría de la Coordinación, "
        "Diagnóstico inicial, Plan de trabajo aprobado." in mensajes(respuesta)
    )
    AsesoriaFactory(dependencia=dependencia)
    diagnostico_aceptado(dependencia, coordinacion)
    plan_aprobado(dependencia, coordinacion)
    html = pagina(client, coordinacion, dependencia)
    assert "Están todos los requisitos para pasar a «Operando»." in html
    respuesta = client.post(
        reverse("unidades:unidad_avanzar", args=[dependencia.pk]), {"fecha": "2026-06-01"}
    )
    assert "La unidad pasó a «Operando»." in mensajes(respuesta)
    unidad.refresh_from_db()
    assert unidad.estado == Unidad.Estado.OPERANDO
    assert not unidad.evidencias.exists()


def test_lo_que_falta_junta_evidencias_y_registros_del_portal(client, dependencia, coordinacion):
    """Un paso en papel sigue pidiendo su evidencia validada junto a los del portal."""
    PasoGuia.objects.filter(clave="estructura").update(requerido_para=Unidad.Estado.OPERANDO)
    Unidad.objects.filter(pk=dependencia.unidad.pk).update(estado=Unidad.Estado.INSTALADA)
    AsesoriaFactory(dependencia=dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("unidades:unidad_avanzar", args=[dependencia.pk]), {"fecha": "2026-06-01"}
    )
    assert (
        "Para pasar a «Operando» falta la evidencia validada de: Estructura de la unidad; y que "
        "el portal registre: Diagnóstico inicial, Plan de trabajo aprobado." in mensajes(respuesta)
    )


def test_una_evidencia_validada_de_antes_sigue_contando(dependencia):
    EvidenciaFactory(
        unidad=dependencia.unidad, paso=paso("asesoria"), estado=Evidencia.Estado.VALIDADA
    )
    assert "asesoria" not in cumplidos(dependencia)


# --- Los pasos en papel siguen con su evidencia ------------------------------------------------


def test_no_se_sube_evidencia_a_un_paso_del_portal(client, dependencia, coordinacion):
    client.force_login(coordinacion)
    for clave in AUTOMATICOS:
        respuesta = client.post(url_subir(dependencia, clave), {"archivo": archivo_pdf()})
        assert respuesta.status_code == 302
        assert any("no hace falta subir evidencia" in m for m in mensajes(respuesta))
    assert not Evidencia.objects.exists()


def test_los_pasos_en_papel_siguen_pidiendo_su_evidencia(
    client, dependencia, responsable, coordinacion
):
    AsesoriaFactory(dependencia=dependencia)
    diagnostico_aceptado(dependencia, coordinacion)
    client.force_login(coordinacion)
    for clave in EN_PAPEL:
        respuesta = client.post(url_subir(dependencia, clave), {"archivo": archivo_pdf()})
        assert respuesta.status_code == 302
    assert sorted(Evidencia.objects.values_list("paso__clave", flat=True)) == sorted(EN_PAPEL)
    assert all(e.estado == Evidencia.Estado.PENDIENTE for e in Evidencia.objects.all())
    texto = fila(pagina(client, responsable, dependencia), "acta")
    assert "Por revisar" in texto
    assert url_subir(dependencia, "acta") in texto
    unidad = dependencia.unidad
    unidad.modalidad = Unidad.Modalidad.UNIDAD
    assert [p.clave for p in unidad.pasos_que_faltan(Unidad.Estado.INSTALADA)] == [
        "acta",
        "estructura",
    ]


def test_consulta_ve_el_paso_cumplido_sin_formularios(client, dependencia, consulta):
    asesoria = AsesoriaFactory(dependencia=dependencia)
    html = pagina(client, consulta, dependencia)
    texto = fila(html, "asesoria")
    assert "Cumplido en el portal" in texto
    assert f'href="{asesoria.get_absolute_url()}"' in texto
    assert 'enctype="multipart/form-data"' not in html


# --- Permisos: los mismos que para cualquier paso ----------------------------------------------

SUBIR = {
    "anonimo": 302,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
LEER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 404,
}


def _con_registros(m):
    AsesoriaFactory(dependencia=m.dependencia)
    return [m.dependencia.pk]


MATRIZ = [
    Caso("unidades:dependencia_detalle", "get", LEER, args=_con_registros),
    Caso("unidades:evidencia_subir", "post", SUBIR,
         args=lambda m: [m.dependencia.pk, paso("asesoria").pk],
         datos=lambda m: {"archivo": archivo_pdf()}),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
