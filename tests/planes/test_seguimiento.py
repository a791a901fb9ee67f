"""El seguimiento trimestral: resumen, captura y envío del informe, evidencias, comentarios de
la Coordinación y PDF."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from planes.models import EvidenciaSeguimiento, InformeTrimestral, PlanTrabajo, Seguimiento
from planes.views.seguimiento import revision_de_captura
from tests.factories import ActividadFactory, PlanFactory, UsuarioFactory, archivo_pdf
from uig_portal.lib.archivos import TAMANO_MAXIMO
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

CAMPOS = ["valor_alcanzado", "estado", "motivo_cancelacion", "narrativa"]


@pytest.fixture
def plan(dependencia):
    return PlanFactory(unidad=dependencia.unidad, estado="aprobado", anio=2026)


@pytest.fixture
def actividades(plan):
    return ActividadFactory.create_batch(3, plan=plan)


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def avisos(respuesta):
    """Todos los mensajes pendientes de mostrar, en un solo texto."""
    return " | ".join(mensajes(respuesta))


def url_informe(plan, trimestre=1):
    return reverse("planes:informe", args=[plan.pk, trimestre])


def revision(plan, trimestre=1):
    return revision_de_captura(plan.informes.filter(trimestre=trimestre).first())


def datos_captura(plan, valores, trimestre=1, **extra):
    """El POST del formset: `valores` es {actividad: {campo: valor}}; el resto va vacío."""
    actividades = list(plan.actividades.all())
    datos = {
        "seg-TOTAL_FORMS": str(len(actividades)),
        "seg-INITIAL_FORMS": "0",
        "seg-MIN_NUM_FORMS": "0",
        "seg-MAX_NUM_FORMS": "1000",
        "revision": revision(plan, trimestre),
    }
    for actividad in actividades:
        propios = valores.get(actividad, {})
        for campo in CAMPOS:
            datos[f"seg-{actividad.pk}-{campo}"] = propios.get(campo, "")
    datos.update(extra)
    return datos


def completos(actividades, valor="10", estado="en_proceso"):
    return {
        a: {"valor_alcanzado": valor, "estado": estado, "narrativa": f"Se hizo {a.pk}"}
        for a in actividades
    }


def capturar(client, plan, valores, trimestre=1, **extra):
    return client.post(
        url_informe(plan, trimestre), datos_captura(plan, valores, trimestre, **extra)
    )


def enviar(client, plan, trimestre=1, **datos):
    datos.setdefault("confirmar", "on")
    return client.post(reverse("planes:informe_enviar", args=[plan.pk, trimestre]), datos)


def informe_enviado(plan, actividades, trimestre=1, valor=Decimal(10)):
    informe = InformeTrimestral.objects.create(
        plan=plan, trimestre=trimestre, estado="enviado", enviado_en=timezone.now()
    )
    for a in actividades:
        Seguimiento.objects.create(
            informe=informe, actividad=a, valor_alcanzado=valor, estado="en_proceso"
        )
    return informe


# --- Resumen ------------------------------------------------------------------------------


def test_resumen_de_un_plan_no_aprobado_lo_explica(client, responsable, dependencia):
    plan = PlanFactory(unidad=dependencia.unidad, estado="enviado")
    client.force_login(responsable)
    respuesta = client.get(reverse("planes:seguimiento", args=[plan.pk]))
    assert respuesta.status_code == 200
    assert "empieza cuando la Coordinación aprueba el plan" in respuesta.content.decode()


def test_resumen_muestra_trimestres_y_avance(client, responsable, plan, actividades):
    informe_enviado(plan, actividades, trimestre=1)
    client.force_login(responsable)
    html = client.get(reverse("planes:seguimiento", args=[plan.pk])).content.decode()
    for texto in (
        "Primer trimestre",
        "Enviado con retraso" if timezone.localdate() > date(2026, 4, 15) else "Enviado a tiempo",
        "Cuarto trimestre",
        "Avance por actividad",
        "25 %",  # 10 de 40 en cada actividad
    ):
        assert texto in html, texto
    if timezone.localdate() > date(2026, 7, 15):
        assert "Vencido sin enviar" in html


def test_resumen_no_crea_nada(client, responsable, plan, actividades):
    client.force_login(responsable)
    client.get(reverse("planes:seguimiento", args=[plan.pk]))
    client.get(url_informe(plan, 2))
    assert not InformeTrimestral.objects.exists()
    assert not Seguimiento.objects.exists()


def test_trimestre_fuera_de_rango_es_404(client, responsable, plan):
    client.force_login(responsable)
    assert client.get(url_informe(plan, 0)).status_code == 404
    assert client.get(url_informe(plan, 5)).status_code == 404
    assert client.get(reverse("planes:informe_pdf", args=[plan.pk, 5])).status_code == 404


def test_informe_de_un_plan_no_aprobado_es_404(client, responsable, dependencia):
    plan = PlanFactory(unidad=dependencia.unidad, estado="borrador")
    client.force_login(responsable)
    assert client.get(url_informe(plan)).status_code == 404


# --- Captura ------------------------------------------------------------------------------


def test_captura_crea_el_informe_y_sus_filas(client, responsable, plan, actividades):
    client.force_login(responsable)
    a1, a2, a3 = actividades
    respuesta = capturar(
        client,
        plan,
        {
            a1: {"valor_alcanzado": "12.5", "estado": "en_proceso", "narrativa": "Dos talleres"},
            a2: {"estado": "no_iniciada"},
        },
    )
    assert respuesta.status_code == 302
    assert "Se guardó el avance del primer trimestre" in avisos(respuesta)
    informe = InformeTrimestral.objects.get()
    assert (informe.plan, informe.trimestre, informe.estado) == (plan, 1, "borrador")
    filas = {s.actividad: s for s in informe.seguimientos.all()}
    assert set(filas) == {a1, a2}  # la tercera no se tocó: no se crea su fila
    assert filas[a1].valor_alcanzado == Decimal("12.5")
    assert filas[a1].narrativa == "Dos talleres"
    assert filas[a2].estado == "no_iniciada"


def test_la_captura_se_corrige_mientras_esta_en_captura(client, responsable, plan, actividades):
    client.force_login(responsable)
    a1 = actividades[0]
    capturar(client, plan, {a1: {"valor_alcanzado": "5", "estado": "en_proceso"}})
    capturar(client, plan, {a1: {"valor_alcanzado": "8", "estado": "concluida"}})
    fila = Seguimiento.objects.get()
    assert (fila.valor_alcanzado, fila.estado) == (Decimal(8), "concluida")


def test_valor_negativo_no_guarda_nada(client, responsable, plan, actividades):
    client.force_login(responsable)
    a1, a2, _a3 = actividades
    respuesta = capturar(
        client,
        plan,
        {
            a1: {"valor_alcanzado": "-3", "estado": "en_proceso"},
            a2: {"valor_alcanzado": "7", "estado": "en_proceso"},
        },
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "No puede ser negativo." in html
    assert "No se guardó nada" in html
    assert 'value="7"' in html  # lo escrito no se pierde
    assert not InformeTrimestral.objects.exists()
    assert not Seguimiento.objects.exists()


def test_cancelar_sin_motivo_no_se_guarda(client, responsable, plan, actividades):
    client.force_login(responsable)
    a1 = actividades[0]
    respuesta = capturar(client, plan, {a1: {"estado": "cancelada"}})
    assert respuesta.status_code == 200
    assert "Explique por qué se canceló la actividad." in respuesta.content.decode()
    assert not Seguimiento.objects.exists()
    capturar(client, plan, {a1: {"estado": "cancelada", "motivo_cancelacion": "Sin presupuesto"}})
    assert Seguimiento.objects.get().motivo_cancelacion == "Sin presupuesto"


def test_un_campo_escrito_pide_el_estado(client, responsable, plan, actividades):
    client.force_login(responsable)
    respuesta = capturar(client, plan, {actividades[0]: {"narrativa": "Algo"}})
    assert "Elija en qué estado va la actividad." in respuesta.content.decode()
    assert not Seguimiento.objects.exists()


def test_la_unidad_no_escribe_el_comentario_de_la_coordinacion(
    client, responsable, plan, actividades
):
    client.force_login(responsable)
    a1 = actividades[0]
    campo = f"seg-{a1.pk}-comentario_coordinacion"
    capturar(client, plan, {a1: {"estado": "no_iniciada"}}, **{campo: "Todo bien"})
    assert Seguimiento.objects.get().comentario_coordinacion == ""


def test_captura_simultanea_no_pisa_lo_guardado(
    client, responsable, dependencia, plan, actividades
):
    companera = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    a1 = actividades[0]
    client.force_login(responsable)
    vieja = datos_captura(plan, {a1: {"valor_alcanzado": "3", "estado": "en_proceso"}})
    client.force_login(companera)  # otra persona de la unidad guarda mientras tanto
    capturar(client, plan, {a1: {"valor_alcanzado": "9", "estado": "concluida"}})
    client.force_login(responsable)
    respuesta = client.post(url_informe(plan), vieja)
    assert respuesta.status_code == 409
    html = respuesta.content.decode()
    assert f"Alguien más ({companera}) guardó cambios en este informe a las" in html
    assert "Lo que usted escribió no se perdió" in html
    assert 'value="3"' in html  # lo que escribió sigue en pantalla
    assert Seguimiento.objects.get().valor_alcanzado == Decimal(9)
    # Con la revisión nueva que trae la página, volver a guardar reemplaza a sabiendas.
    vieja["revision"] = revision(plan)
    assert client.post(url_informe(plan), vieja).status_code == 302
    assert Seguimiento.objects.get().valor_alcanzado == Decimal(3)


def test_autoguardado_viejo_da_409_y_no_guarda(client, responsable, dependencia, plan, actividades):
    companera = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    a1 = actividades[0]
    vieja = datos_captura(plan, {a1: {"valor_alcanzado": "3", "estado": "en_proceso"}})
    client.force_login(companera)
    capturar(client, plan, {a1: {"valor_alcanzado": "9", "estado": "concluida"}})
    informe = InformeTrimestral.objects.get()
    client.force_login(responsable)
    respuesta = client.post(url_informe(plan), vieja, HTTP_X_AUTOGUARDADO="1")
    assert respuesta.status_code == 409
    assert respuesta["X-Autoguardado"] == "conflicto"
    assert respuesta["X-Revision"] == str(informe.revision)
    assert "guardó cambios en este informe a las" in respuesta.content.decode()
    assert Seguimiento.objects.get().valor_alcanzado == Decimal(9)
    informe.refresh_from_db()
    assert informe.revision == 1


def test_los_guardados_propios_no_cuentan_como_simultaneos(
    client, responsable, plan, actividades, tmp_path, settings
):
    """El autoguardado devuelve la revisión nueva (la página la usa en su «Guardar») y las
    evidencias no la cambian: nada de eso bloquea el «Guardar» de la misma persona."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(responsable)
    a1 = actividades[0]
    auto = datos_captura(plan, {a1: {"valor_alcanzado": "2", "estado": "en_proceso"}})
    respuesta = client.post(url_informe(plan), auto, HTTP_X_AUTOGUARDADO="1")
    assert respuesta.status_code == 200
    subir(client, plan, a1, archivo_pdf())
    final = datos_captura(plan, {a1: {"valor_alcanzado": "3", "estado": "en_proceso"}})
    assert final["revision"] == int(respuesta["X-Revision"])
    assert client.post(url_informe(plan), final).status_code == 302
    assert Seguimiento.objects.get().valor_alcanzado == Decimal(3)


def test_autoguardado(client, responsable, plan, actividades):
    client.force_login(responsable)
    a1 = actividades[0]
    datos = datos_captura(plan, {a1: {"valor_alcanzado": "4", "estado": "en_proceso"}})
    respuesta = client.post(url_informe(plan), datos, HTTP_X_AUTOGUARDADO="1")
    assert respuesta.status_code == 200
    assert respuesta["X-Autoguardado"] == "guardado"
    assert respuesta["X-Revision"] == "1"
    assert "Guardado automáticamente" in respuesta.content.decode()
    assert Seguimiento.objects.get().valor_alcanzado == Decimal(4)
    datos["revision"] = "1"
    datos[f"seg-{a1.pk}-valor_alcanzado"] = "-4"
    respuesta = client.post(url_informe(plan), datos, HTTP_X_AUTOGUARDADO="1")
    assert respuesta.status_code == 422
    assert "No se guardó automáticamente" in respuesta.content.decode()
    assert Seguimiento.objects.get().valor_alcanzado == Decimal(4)


def test_una_cancelada_se_propone_cancelada_el_trimestre_siguiente(
    client, responsable, plan, actividades
):
    a1 = actividades[0]
    informe = InformeTrimestral.objects.create(plan=plan, trimestre=1)
    Seguimiento.objects.create(
        informe=informe, actividad=a1, estado="cancelada", motivo_cancelacion="Veda electoral"
    )
    client.force_login(responsable)
    html = client.get(url_informe(plan, 2)).content.decode()
    assert "Veda electoral" in html
    assert '<option value="cancelada" selected>' in html


def test_una_version_sustituida_no_se_captura(client, responsable, plan, actividades):
    PlanFactory(unidad=plan.unidad, anio=2026, version=2, anterior=plan, estado="aprobado")
    client.force_login(responsable)
    respuesta = capturar(client, plan, completos(actividades))
    assert "fue sustituida por la versión 2" in avisos(respuesta)
    assert not InformeTrimestral.objects.exists()


# --- Trimestre futuro ---------------------------------------------------------------------


def test_un_trimestre_futuro_no_se_puede_reportar(client, responsable, dependencia):
    anio = timezone.localdate().year + 1
    plan = PlanFactory(unidad=dependencia.unidad, estado="aprobado", anio=anio)
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    respuesta = client.get(url_informe(plan, 1))
    esperado = f"El primer trimestre de {anio} empieza el 01/01/{anio}; podrá capturar"
    assert esperado in respuesta.content.decode()
    assert 'id="form-informe"' not in respuesta.content.decode()
    respuesta = capturar(client, plan, {actividad: {"estado": "en_proceso"}})
    assert esperado in avisos(respuesta)
    respuesta = enviar(client, plan)
    assert esperado in avisos(respuesta)
    respuesta = client.post(
        reverse("planes:seguimiento_evidencia_subir", args=[plan.pk, 1, actividad.pk]),
        {"archivo": archivo_pdf()},
    )
    assert esperado in avisos(respuesta)
    assert not InformeTrimestral.objects.exists()
    assert not EvidenciaSeguimiento.objects.exists()


# --- Envío --------------------------------------------------------------------------------


def test_envia_el_informe_completo(client, responsable, plan, actividades):
    client.force_login(responsable)
    capturar(client, plan, completos(actividades))
    respuesta = enviar(client, plan)
    assert respuesta.status_code == 302
    informe = InformeTrimestral.objects.get()
    assert informe.estado == "enviado"
    assert informe.enviado_por == responsable
    assert informe.enviado_en is not None
    assert "Se envió el informe del primer trimestre a la Coordinación" in avisos(respuesta)
    html = client.get(url_informe(plan)).content.decode()
    assert 'id="form-informe"' not in html
    assert "ya no se puede modificar" in html


def test_guardar_y_enviar_en_un_solo_paso(client, responsable, plan, actividades):
    client.force_login(responsable)
    respuesta = client.post(
        reverse("planes:informe_enviar", args=[plan.pk, 1]),
        datos_captura(plan, completos(actividades), confirmar="on"),
    )
    assert respuesta.status_code == 302
    informe = InformeTrimestral.objects.get()
    assert informe.estado == "enviado"
    assert informe.seguimientos.count() == 3


def test_guardar_y_enviar_con_errores_no_guarda_ni_envia(client, responsable, plan, actividades):
    client.force_login(responsable)
    valores = completos(actividades)
    valores[actividades[0]]["valor_alcanzado"] = "-1"
    respuesta = client.post(
        reverse("planes:informe_enviar", args=[plan.pk, 1]),
        datos_captura(plan, valores, confirmar="on"),
    )
    assert respuesta.status_code == 200
    assert "No puede ser negativo." in respuesta.content.decode()
    assert not InformeTrimestral.objects.exists()


def test_no_se_envia_sin_confirmar(client, responsable, plan, actividades):
    client.force_login(responsable)
    capturar(client, plan, completos(actividades))
    respuesta = client.post(reverse("planes:informe_enviar", args=[plan.pk, 1]))
    assert "Marque la casilla de confirmación" in avisos(respuesta)
    assert InformeTrimestral.objects.get().estado == "borrador"


def test_no_se_envia_incompleto(client, responsable, plan, actividades):
    client.force_login(responsable)
    a1, a2, _a3 = actividades
    capturar(client, plan, {a1: {"estado": "concluida"}, a2: {"estado": "no_iniciada"}})
    respuesta = enviar(client, plan)
    textos = mensajes(respuesta)
    assert "Para enviar el informe falta lo siguiente:" in textos
    assert any("Actividad 1" in t and "falta el valor alcanzado" in t for t in textos)
    assert any("Actividad 3" in t and "falta capturar su avance" in t for t in textos)
    assert not any("Actividad 2" in t for t in textos)
    assert InformeTrimestral.objects.get().estado == "borrador"


def test_no_se_envia_sin_captura(client, responsable, plan, actividades):
    client.force_login(responsable)
    respuesta = enviar(client, plan)
    assert "Capture el avance" in avisos(respuesta)
    assert not InformeTrimestral.objects.exists()


def test_las_canceladas_con_motivo_no_impiden_el_envio(client, responsable, plan, actividades):
    client.force_login(responsable)
    valores = completos(actividades)
    valores[actividades[0]] = {"estado": "cancelada", "motivo_cancelacion": "Sin presupuesto"}
    capturar(client, plan, valores)
    enviar(client, plan)
    assert InformeTrimestral.objects.get().estado == "enviado"


def test_doble_envio_se_envia_una_vez(client, responsable, plan, actividades):
    client.force_login(responsable)
    capturar(client, plan, completos(actividades))
    enviar(client, plan)
    primero = InformeTrimestral.objects.get()
    historial = primero.history.count()
    respuesta = enviar(client, plan)
    assert "ya se había enviado" in avisos(respuesta)
    segundo = InformeTrimestral.objects.get()
    assert segundo.enviado_en == primero.enviado_en
    assert segundo.history.count() == historial  # nada se volvió a guardar
    # Guardar y enviar desde una pestaña vieja tampoco cambia nada.
    datos = datos_captura(plan, completos(actividades, valor="99"), confirmar="on")
    client.post(reverse("planes:informe_enviar", args=[plan.pk, 1]), datos)
    assert not Seguimiento.objects.filter(valor_alcanzado=99).exists()


def test_enviado_ya_no_se_modifica(client, responsable, plan, actividades):
    informe_enviado(plan, actividades)
    client.force_login(responsable)
    respuesta = capturar(client, plan, completos(actividades, valor="99"))
    assert "ya se envió" in avisos(respuesta)
    assert not Seguimiento.objects.filter(valor_alcanzado=99).exists()


# --- Evidencias ---------------------------------------------------------------------------


def subir(client, plan, actividad, archivo, trimestre=1, **extra):
    return client.post(
        reverse("planes:seguimiento_evidencia_subir", args=[plan.pk, trimestre, actividad.pk]),
        {"archivo": archivo},
        **extra,
    )


def test_sube_y_descarga_una_evidencia(client, responsable, plan, actividades, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(responsable)
    contenido = archivo_pdf("lista de asistencia.pdf").read()
    respuesta = subir(client, plan, actividades[0], archivo_pdf("lista de asistencia.pdf"))
    assert respuesta.status_code == 302
    assert "Se subió la evidencia «lista de asistencia.pdf»" in avisos(respuesta)
    evidencia = EvidenciaSeguimiento.objects.get()
    assert evidencia.nombre_original == "lista de asistencia.pdf"
    assert evidencia.tipo_contenido == "application/pdf"
    assert evidencia.subida_por == responsable
    assert evidencia.seguimiento.actividad == actividades[0]
    # Se guarda con un nombre aleatorio, no con el que puso quien lo subió.
    assert evidencia.archivo.name.startswith("seguimiento/")
    assert evidencia.archivo.name.endswith(".pdf")
    assert "asistencia" not in evidencia.archivo.name
    descarga = client.get(reverse("planes:seguimiento_evidencia", args=[plan.pk, evidencia.pk]))
    assert descarga.status_code == 200
    assert descarga["Content-Disposition"].startswith("attachment;")
    assert descarga["Content-Type"] == "application/pdf"
    assert b"".join(descarga.streaming_content) == contenido
    html = client.get(url_informe(plan)).content.decode()
    assert "lista de asistencia.pdf" in html


def test_evidencia_con_htmx_devuelve_su_bloque(
    client, responsable, plan, actividades, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(responsable)
    respuesta = subir(client, plan, actividades[0], archivo_pdf("foto.pdf"), HTTP_HX_REQUEST="true")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert f'id="evidencias-{actividades[0].pk}"' in html
    assert "Se subió «foto.pdf»" in html


@pytest.mark.parametrize(
    "archivo,error",
    [
        (
            lambda: SimpleUploadedFile("evidencia.pdf", b"MZ\x90\x00" + b"\x00" * 200),
            "no es un PDF ni una imagen JPG o PNG",
        ),
        (
            lambda: SimpleUploadedFile("grande.pdf", b"%PDF-1.7\n" + b"0" * TAMANO_MAXIMO),
            "supera el máximo de 10 MB",
        ),
        (lambda: SimpleUploadedFile("vacio.pdf", b""), "está vacío"),
    ],
    ids=["exe-renombrado", "mas-de-10-mb", "vacio"],
)
def test_evidencia_invalida_no_guarda_nada(
    client, responsable, plan, actividades, archivo, error, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(responsable)
    respuesta = subir(client, plan, actividades[0], archivo())
    assert error in avisos(respuesta)
    html = subir(client, plan, actividades[0], archivo(), HTTP_HX_REQUEST="true").content.decode()
    assert error in html
    assert not EvidenciaSeguimiento.objects.exists()
    assert not InformeTrimestral.objects.exists()
    assert not Seguimiento.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_no_se_suben_evidencias_a_un_informe_enviado(client, responsable, plan, actividades):
    informe_enviado(plan, actividades)
    client.force_login(responsable)
    respuesta = subir(client, plan, actividades[0], archivo_pdf())
    assert "ya se envió" in avisos(respuesta)
    assert not EvidenciaSeguimiento.objects.exists()


def test_evidencia_de_otra_actividad_o_plan_es_404(client, responsable, plan, actividades):
    ajena = ActividadFactory()
    client.force_login(responsable)
    assert subir(client, plan, ajena, archivo_pdf()).status_code == 404


def test_la_captura_sigue_tras_subir_una_evidencia(
    client, responsable, plan, actividades, settings, tmp_path
):
    """La evidencia crea la fila del seguimiento, y guardar lo capturado no se rechaza."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(responsable)
    datos = datos_captura(plan, completos(actividades))  # la página se abrió antes
    subir(client, plan, actividades[0], archivo_pdf(), HTTP_HX_REQUEST="true")
    respuesta = client.post(url_informe(plan), datos)
    assert respuesta.status_code == 302
    assert Seguimiento.objects.filter(valor_alcanzado=10).count() == 3


# --- Comentarios de la Coordinación -------------------------------------------------------


def comentar(client, plan, actividad, texto, trimestre=1, **extra):
    return client.post(
        reverse("planes:seguimiento_comentar", args=[plan.pk, trimestre, actividad.pk]),
        {"comentario_coordinacion": texto},
        **extra,
    )


def test_la_coordinacion_comenta_un_informe_enviado(client, coordinacion, plan, actividades):
    informe_enviado(plan, actividades)
    client.force_login(coordinacion)
    html = client.get(url_informe(plan)).content.decode()
    assert "Guardar comentario" in html
    assert 'id="form-informe"' not in html  # lee, no captura
    respuesta = comentar(client, plan, actividades[0], "Falta la lista de asistencia")
    assert respuesta.status_code == 302
    assert Seguimiento.objects.get(actividad=actividades[0]).comentario_coordinacion == (
        "Falta la lista de asistencia"
    )
    respuesta = comentar(client, plan, actividades[1], "Bien", HTTP_HX_REQUEST="true")
    assert "Guardado" in respuesta.content.decode()


def test_la_coordinacion_no_comenta_un_borrador(client, coordinacion, plan, actividades):
    informe = InformeTrimestral.objects.create(plan=plan, trimestre=1)
    Seguimiento.objects.create(informe=informe, actividad=actividades[0])
    client.force_login(coordinacion)
    respuesta = comentar(client, plan, actividades[0], "Prematuro")
    assert "una vez enviados" in avisos(respuesta)
    assert Seguimiento.objects.get().comentario_coordinacion == ""


@pytest.mark.parametrize("rol", ["responsable", "consulta", "sin_rol"])
def test_solo_la_coordinacion_comenta(client, request, rol, plan, actividades):
    informe_enviado(plan, actividades)
    client.force_login(request.getfixturevalue(rol))
    assert comentar(client, plan, actividades[0], "Aprobado por mí").status_code == 403
    assert not Seguimiento.objects.exclude(comentario_coordinacion="").exists()


def test_la_unidad_lee_el_comentario(client, responsable, plan, actividades):
    informe = informe_enviado(plan, actividades)
    informe.seguimientos.filter(actividad=actividades[0]).update(
        comentario_coordinacion="Buen avance"
    )
    client.force_login(responsable)
    html = client.get(url_informe(plan)).content.decode()
    assert "Buen avance" in html
    assert "Guardar comentario" not in html


# --- PDF ----------------------------------------------------------------------------------


def texto_pdf(respuesta):
    lector = PdfReader(BytesIO(respuesta.content))
    return lector, " ".join((p.extract_text() or "") for p in lector.pages)


def test_pdf_del_informe(client, responsable, plan, actividades, dependencia):
    a1, a2, a3 = actividades
    informe = informe_enviado(plan, actividades)
    informe.seguimientos.filter(actividad=a1).update(
        narrativa="Se impartieron dos talleres de lenguaje incluyente",
        comentario_coordinacion="Anexar listas de asistencia",
    )
    informe.seguimientos.filter(actividad=a3).update(
        estado="cancelada", motivo_cancelacion="Sin presupuesto", valor_alcanzado=None
    )
    EvidenciaSeguimiento.objects.create(
        seguimiento=informe.seguimientos.get(actividad=a1),
        archivo="seguimiento/x.pdf",
        nombre_original="x.pdf",
        tipo_contenido="application/pdf",
        tamano=10,
    )
    client.force_login(responsable)
    respuesta = client.get(reverse("planes:informe_pdf", args=[plan.pk, 1]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert "informe-propia-2026-T1.pdf" in respuesta["Content-Disposition"]
    lector, texto = texto_pdf(respuesta)
    pagina = lector.pages[0]
    assert pagina.mediabox.width > pagina.mediabox.height  # carta horizontal
    assert round(pagina.mediabox.width) == 792
    texto = " ".join(texto.split())
    for esperado in (
        "GOBIERNO DEL ESTADO DE ZACATECAS",  # el membrete va en versalitas
        "Coordinación de Unidades de Igualdad de Género",
        "Secretaría Propia",
        "2026",
        "Primer trimestre",
        "con retraso" if informe.enviado_en.date() > date(2026, 4, 15) else "a tiempo",
        a1.indicador,
        "Se impartieron dos talleres de lenguaje incluyente",
        "Anexar listas de asistencia",
        "Motivo de la cancelación: Sin presupuesto",
        "25 %",  # avance acumulado de las actividades y del plan
        "Avance acumulado del plan",
        "Página 1 de",
        "Titular de la Unidad de Igualdad de Género",
    ):
        assert esperado in texto, esperado


def test_pdf_sin_informe_es_404(client, responsable, plan, actividades):
    client.force_login(responsable)
    assert client.get(reverse("planes:informe_pdf", args=[plan.pk, 1])).status_code == 404


def test_pdf_de_un_borrador_lo_advierte(client, responsable, plan, actividades):
    client.force_login(responsable)
    capturar(client, plan, completos(actividades))
    _lector, texto = texto_pdf(client.get(reverse("planes:informe_pdf", args=[plan.pk, 1])))
    assert "aún no se ha enviado" in " ".join(texto.split())


def test_pdf_con_muchas_actividades_repite_el_encabezado(client, responsable, plan):
    ActividadFactory.create_batch(40, plan=plan, descripcion="Actividad larga " * 12)
    informe_enviado(plan, plan.actividades.all())
    client.force_login(responsable)
    lector, _texto = texto_pdf(client.get(reverse("planes:informe_pdf", args=[plan.pk, 1])))
    assert len(lector.pages) > 2
    for pagina in lector.pages[1:]:
        assert "Actividad e indicador" in pagina.extract_text()


# --- Consultas constantes -----------------------------------------------------------------


def _consultas(client, url):
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(url).status_code == 200
    return len(consultas)


@pytest.mark.parametrize("rol", ["responsable", "coordinacion"])
def test_paginas_con_consultas_constantes(client, request, rol, plan):
    client.force_login(request.getfixturevalue(rol))

    def llenar(actividades):
        for trimestre in (1, 2):
            informe, _ = InformeTrimestral.objects.get_or_create(
                plan=plan, trimestre=trimestre, defaults={"estado": "enviado"}
            )
            for a in actividades:
                s = Seguimiento.objects.create(
                    informe=informe, actividad=a, valor_alcanzado=5, estado="en_proceso"
                )
                EvidenciaSeguimiento.objects.create(
                    seguimiento=s,
                    archivo="seguimiento/x.pdf",
                    nombre_original="x.pdf",
                    tipo_contenido="application/pdf",
                    tamano=10,
                )

    llenar(ActividadFactory.create_batch(3, plan=plan))
    urls = [
        reverse("planes:seguimiento", args=[plan.pk]),
        url_informe(plan, 2),
        url_informe(plan, 3),  # sin informe aún: el formulario vacío
    ]
    pocas = [_consultas(client, url) for url in urls]
    llenar(ActividadFactory.create_batch(27, plan=plan))
    muchas = [_consultas(client, url) for url in urls]
    assert muchas == pocas
    assert plan.actividades.count() == 30
    assert PlanTrabajo.objects.count() == 1


def test_enviar_con_una_revision_vieja_no_da_error_500(client, responsable, dependencia):
    """Con la captura de otra pestaña en medio, «Guardar y enviar» responde 409 con el aviso
    (la página se dibuja fuera de la transacción revertida) y no envía nada."""
    from planes.models import InformeTrimestral, PlanTrabajo
    from tests.factories import ActividadFactory, PlanFactory

    plan = PlanFactory(unidad=dependencia.unidad, estado=PlanTrabajo.Estado.APROBADO)
    actividad = ActividadFactory(plan=plan)
    InformeTrimestral.objects.create(plan=plan, trimestre=1, revision=3)
    client.force_login(responsable)
    datos = {
        "seg-TOTAL_FORMS": "1",
        "seg-INITIAL_FORMS": "0",
        "seg-MIN_NUM_FORMS": "0",
        "seg-MAX_NUM_FORMS": "1000",
        "revision": "2",
        f"seg-{actividad.pk}-valor_alcanzado": "10",
        f"seg-{actividad.pk}-estado": "en_proceso",
        f"seg-{actividad.pk}-motivo_cancelacion": "",
        f"seg-{actividad.pk}-narrativa": "Se impartió el primer taller.",
        "confirmar": "on",
    }
    respuesta = client.post(reverse("planes:informe_enviar", args=[plan.pk, 1]), datos)
    assert respuesta.status_code == 409
    assert "no se perdió" in respuesta.content.decode()
    informe = InformeTrimestral.objects.get(plan=plan, trimestre=1)
    assert informe.estado == InformeTrimestral.Estado.BORRADOR
    assert informe.revision == 3 and not informe.seguimientos.exists()
