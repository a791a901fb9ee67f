"""Vistas de Responder: lista, índice, sección, autoguardado (200/409/422/401) y envío."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from diagnosticos.models import Respuesta, Valor
from tests.diagnosticos import test_captura as base
from tests.factories import AplicacionFactory, PreguntaFactory, RespuestaFactory

# Fixtures y ayudas compartidas del área (ver test_captura).
cuestionario_chico = base.cuestionario_chico
respuesta_propia = base.respuesta_propia
armar_version = base.armar_version
contestar_todo = base.contestar_todo
guardar = base.guardar

HTMX = {"HTTP_HX_REQUEST": "true"}


def url_guardar(respuesta, pregunta):
    return reverse("diagnosticos:guardar_pregunta", args=[respuesta.pk, pregunta.pk])


def url_seccion(respuesta, codigo):
    return reverse("diagnosticos:responder_seccion", args=[respuesta.pk, codigo])


@pytest.fixture
def cliente(client, responsable):
    client.force_login(responsable)
    return client


# --- Lista ----------------------------------------------------------------------------------


def test_mis_diagnosticos_de_la_responsable(cliente, respuesta_propia, otra_dependencia):
    RespuestaFactory(aplicacion=respuesta_propia.aplicacion, dependencia=otra_dependencia)
    pagina = cliente.get(reverse("diagnosticos:mis_diagnosticos"))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Diagnóstico 2026" in html
    assert "Empezar" in html
    assert reverse("diagnosticos:responder", args=[respuesta_propia.pk]) in html
    assert "AJENA" not in html


def test_mis_diagnosticos_coordinacion_filtra(
    client, coordinacion, respuesta_propia, otra_dependencia
):
    ajena = RespuestaFactory(
        aplicacion=respuesta_propia.aplicacion,
        dependencia=otra_dependencia,
        estado=Respuesta.Estado.ENVIADA,
    )
    client.force_login(coordinacion)
    url = reverse("diagnosticos:mis_diagnosticos")
    html = client.get(url).content.decode()
    assert "PROPIA" in html and "AJENA" in html
    html = client.get(url, {"estado": "enviada"}).content.decode()
    assert "AJENA" in html and "PROPIA" not in html
    assert reverse("diagnosticos:responder", args=[ajena.pk]) in html
    # La Coordinación no responde: solo «Ver».
    assert "Continuar" not in html and "Empezar" not in html
    otra = AplicacionFactory(nombre="Otra ronda")
    RespuestaFactory(aplicacion=otra, dependencia=otra_dependencia)
    html = client.get(url, {"ronda": otra.pk}).content.decode()
    assert "1 respuesta" in html


def test_mis_diagnosticos_consultas_constantes(
    client, coordinacion, respuesta_propia, django_assert_max_num_queries
):
    client.force_login(coordinacion)
    url = reverse("diagnosticos:mis_diagnosticos")
    client.get(url)
    with django_assert_max_num_queries(12) as antes:
        client.get(url)
    for _n in range(8):
        RespuestaFactory(aplicacion=AplicacionFactory())
    with django_assert_max_num_queries(len(antes.captured_queries)):
        assert client.get(url).status_code == 200


# --- Índice ---------------------------------------------------------------------------------


def test_indice_con_avance_por_seccion(cliente, respuesta_propia, cuestionario_chico, responsable):
    guardar(respuesta_propia, cuestionario_chico.tiene_uig, "si", responsable)
    html = cliente.get(
        reverse("diagnosticos:responder", args=[respuesta_propia.pk])
    ).content.decode()
    assert "Secretaría Propia" in html
    assert re.search(r"vence el \d\d/\d\d/\d{4}, faltan 21 días", html)
    assert "Datos de la unidad" in html and "Prácticas institucionales" in html
    assert "1 de 3 contestadas" in html  # tiene_uig, personal y mujeres
    assert "0 de 5 contestadas" in html  # protocolo, acciones, acuerdo, instalada, obstaculos
    assert url_seccion(respuesta_propia, "datos") in html
    assert "Revisar y enviar" in html


def test_indice_devuelta_muestra_observaciones(cliente, respuesta_propia):
    Respuesta.objects.filter(pk=respuesta_propia.pk).update(
        estado=Respuesta.Estado.DEVUELTA, observaciones="Falta el protocolo."
    )
    html = cliente.get(
        reverse("diagnosticos:responder", args=[respuesta_propia.pk])
    ).content.decode()
    assert "devolvió la respuesta con estas observaciones" in html
    assert "Falta el protocolo." in html


def test_indice_enviada_es_de_solo_lectura(
    cliente, respuesta_propia, cuestionario_chico, responsable
):
    contestar_todo(respuesta_propia, cuestionario_chico, responsable)
    cliente.post(reverse("diagnosticos:respuesta_enviar", args=[respuesta_propia.pk]))
    html = cliente.get(
        reverse("diagnosticos:responder", args=[respuesta_propia.pk])
    ).content.decode()
    assert "ya no se puede modificar" in html
    assert "Revisar y enviar" not in html
    seccion = cliente.get(url_seccion(respuesta_propia, "datos")).content.decode()
    assert "Solo lectura" in seccion
    assert "hx-post" not in seccion
    assert "Sí" in seccion


def test_indice_ronda_vencida(cliente, cuestionario_chico, dependencia):
    from datetime import timedelta

    from django.utils import timezone

    hoy = timezone.localdate()
    aplicacion = AplicacionFactory(
        version=cuestionario_chico.version,
        apertura=hoy - timedelta(days=30),
        cierre=hoy - timedelta(days=2),
    )
    respuesta = RespuestaFactory(aplicacion=aplicacion, dependencia=dependencia)
    html = cliente.get(reverse("diagnosticos:responder", args=[respuesta.pk])).content.decode()
    assert "venció el" in html


# --- Sección --------------------------------------------------------------------------------


def test_seccion_dibuja_cada_tipo(cliente, respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "si", responsable)
    html = cliente.get(url_seccion(respuesta_propia, "datos")).content.decode()
    assert f'data-autoguardado="{url_guardar(respuesta_propia, p.tiene_uig)}"' in html
    assert f'type="radio" name="p{p.tiene_uig.pk}-valor"' in html
    assert 'inputmode="numeric"' in html and 'inputmode="decimal"' in html
    assert "Agregar un comentario (obstáculos, buenas prácticas…)" in html
    assert 'aria-live="polite"' in html
    assert 'id="pregunta-personal"' in html
    assert "Guardar sección" in html and "Sección siguiente" in html
    assert 'id="datos-condiciones"' in html
    # La sección 2 tiene múltiple, escala, fecha, texto y evidencia; «ejemplar» escondida.
    html = cliente.get(url_seccion(respuesta_propia, "practicas")).content.decode()
    assert 'type="checkbox"' in html and 'type="date"' in html and "<textarea" in html
    assert "Subir evidencia" in html
    assert re.search(r'id="pregunta-ejemplar"[^>]*hidden', html)
    assert not re.search(r'id="pregunta-protocolo"[^>]*hidden', html)
    assert "Revisar y enviar" in html and "Sección anterior" in html
    # Los valores de otra sección viajan para evaluar las condiciones en el navegador.
    assert '"tiene_uig": "si"' in html


def test_seccion_inexistente(cliente, respuesta_propia):
    assert cliente.get(url_seccion(respuesta_propia, "no_existe")).status_code == 404


def test_seccion_consultas_constantes(
    cliente, respuesta_propia, cuestionario_chico, responsable, django_assert_max_num_queries
):
    p = cuestionario_chico
    guardar(respuesta_propia, p.acuerdo, "4", responsable)
    url = url_seccion(respuesta_propia, "practicas")
    cliente.get(url)
    with django_assert_max_num_queries(20) as antes:
        cliente.get(url)
    for n in range(6):
        pregunta = PreguntaFactory(seccion=p.practicas, orden=10 + n, admite_evidencia=True)
        guardar(respuesta_propia, pregunta, "si", responsable)
    with django_assert_max_num_queries(len(antes.captured_queries)):
        assert cliente.get(url).status_code == 200


def test_guardar_seccion_sin_javascript(cliente, respuesta_propia, cuestionario_chico):
    p = cuestionario_chico
    datos = {
        f"p{p.tiene_uig.pk}-valor": "si",
        f"p{p.tiene_uig.pk}-revision": "0",
        f"p{p.tiene_uig.pk}-comentario": "",
        f"p{p.personal.pk}-valor": "7",
        f"p{p.personal.pk}-revision": "0",
        f"p{p.personal.pk}-comentario": "Dos de medio tiempo",
        f"p{p.mujeres.pk}-valor": "",
        f"p{p.mujeres.pk}-revision": "0",
        f"p{p.mujeres.pk}-comentario": "",
        "ir": "seccion:practicas",
    }
    respuesta = cliente.post(url_seccion(respuesta_propia, "datos"), datos)
    assert respuesta.status_code == 302
    assert respuesta["Location"] == url_seccion(respuesta_propia, "practicas")
    assert Valor.objects.get(pregunta=p.personal).valor == "7"
    assert Valor.objects.get(pregunta=p.personal).comentario == "Dos de medio tiempo"
    assert not Valor.objects.filter(pregunta=p.mujeres).exists()  # sin cambios, no se toca


def test_guardar_seccion_con_errores_no_pierde_lo_escrito(
    cliente, respuesta_propia, cuestionario_chico, responsable, dependencia
):
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "si", responsable)  # revisión 1
    datos = {
        f"p{p.tiene_uig.pk}-valor": "no",
        f"p{p.tiene_uig.pk}-revision": "0",  # vieja: conflicto
        f"p{p.personal.pk}-valor": "siete",
        f"p{p.personal.pk}-revision": "0",
        f"p{p.mujeres.pk}-valor": "30",
        f"p{p.mujeres.pk}-revision": "0",
    }
    respuesta = cliente.post(url_seccion(respuesta_propia, "datos"), datos)
    assert respuesta.status_code == 422
    html = respuesta.content.decode()
    assert "Escriba un número entero" in html
    assert 'value="siete"' in html
    assert "Usted, desde otra pestaña o ventana, guardó cambios en esta pregunta" in html
    assert Valor.objects.get(pregunta=p.tiene_uig).valor == "si"
    assert not Valor.objects.filter(pregunta=p.personal).exists()
    assert Valor.objects.get(pregunta=p.mujeres).valor == "30"  # lo válido sí se guardó


# --- Autoguardado ---------------------------------------------------------------------------


def test_autoguardado_htmx(cliente, respuesta_propia, cuestionario_chico):
    p = cuestionario_chico
    respuesta = cliente.post(
        url_guardar(respuesta_propia, p.mujeres),
        {"valor": "42", "comentario": "Dato de RH", "revision": "0"},
        **HTMX,
    )
    assert respuesta.status_code == 200
    assert respuesta["X-Revision"] == "1"
    html = respuesta.content.decode()
    assert "Guardado a las" in html
    assert 'id="rev-mujeres" value="1"' in html
    assert 'id="avance-seccion"' in html
    valor = Valor.objects.get(pregunta=p.mujeres)
    assert (valor.valor, valor.comentario) == ("42", "Dato de RH")


def test_autoguardado_con_nombres_de_la_seccion(cliente, respuesta_propia, cuestionario_chico):
    p = cuestionario_chico
    pre = f"p{p.acciones.pk}-"
    respuesta = cliente.post(
        url_guardar(respuesta_propia, p.acciones),
        {f"{pre}valor": ["cursos", "campanas"], f"{pre}revision": "0", f"{pre}comentario": ""},
        **HTMX,
    )
    assert respuesta.status_code == 200
    assert Valor.objects.get(pregunta=p.acciones).valor == ["cursos", "campanas"]


def test_autoguardado_conflicto_409(cliente, respuesta_propia, cuestionario_chico, dependencia):
    from tests.factories import UsuarioFactory
    from uig_portal.roles import Rol

    p = cuestionario_chico
    colega = UsuarioFactory(
        first_name="Luz", last_name="Mora", rol=Rol.RESPONSABLE, dependencia=dependencia
    )
    guardar(respuesta_propia, p.tiene_uig, "si", colega)
    # Como lo manda static/js/autoguardado.js (contrato en uig_portal/lib/concurrencia.py).
    respuesta = cliente.post(
        url_guardar(respuesta_propia, p.tiene_uig),
        {"valor": "no", "revision": "0"},
        HTTP_X_AUTOGUARDADO="1",
    )
    assert respuesta.status_code == 409
    assert respuesta["X-Autoguardado"] == "conflicto" and respuesta["X-Revision"] == "1"
    html = respuesta.content.decode()
    assert "Alguien más (Luz Mora) guardó cambios en esta pregunta a las" in html
    assert "Lo que usted escribió no se perdió" in html
    assert Valor.objects.get(pregunta=p.tiene_uig).valor == "si"


@pytest.mark.parametrize(
    "atributo,crudo,mensaje",
    [
        ("personal", "muchas", "Escriba un número entero"),
        ("mujeres", "101", "El porcentaje debe estar entre 0 y 100."),
    ],
)
def test_autoguardado_invalido_422(
    cliente, respuesta_propia, cuestionario_chico, atributo, crudo, mensaje
):
    pregunta = getattr(cuestionario_chico, atributo)
    respuesta = cliente.post(
        url_guardar(respuesta_propia, pregunta), {"valor": crudo, "revision": "0"}, **HTMX
    )
    assert respuesta.status_code == 422
    assert mensaje in respuesta.content.decode()
    assert f'id="error-{pregunta.codigo}"' in respuesta.content.decode()
    assert not Valor.objects.exists()


def test_autoguardado_sin_sesion_401(client, respuesta_propia, cuestionario_chico):
    respuesta = client.post(
        url_guardar(respuesta_propia, cuestionario_chico.tiene_uig),
        {"valor": "si", "revision": "0"},
        HTTP_HX_CURRENT_URL="http://testserver" + url_seccion(respuesta_propia, "datos"),
        **HTMX,
    )
    assert respuesta.status_code == 401
    html = respuesta.content.decode()
    assert "Su sesión se cerró" in html
    assert "/cuenta/entrar/?next=" in html
    assert not Valor.objects.exists()


def test_autoguardado_sin_htmx_redirige(cliente, respuesta_propia, cuestionario_chico):
    p = cuestionario_chico
    respuesta = cliente.post(
        url_guardar(respuesta_propia, p.tiene_uig), {"valor": "si", "revision": "0"}
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"].endswith("#pregunta-tiene_uig")
    assert respuesta["X-Revision"] == "1"


def test_pregunta_de_otra_version_404(cliente, respuesta_propia):
    ajena = armar_version()
    respuesta = cliente.post(
        url_guardar(respuesta_propia, ajena.tiene_uig), {"valor": "si", "revision": "0"}, **HTMX
    )
    assert respuesta.status_code == 404


# --- Envío ----------------------------------------------------------------------------------


def test_enviar_lista_faltantes_con_enlace(
    cliente, respuesta_propia, cuestionario_chico, responsable
):
    guardar(respuesta_propia, cuestionario_chico.tiene_uig, "si", responsable)
    url = reverse("diagnosticos:respuesta_enviar", args=[respuesta_propia.pk])
    html = cliente.get(url).content.decode()
    assert "Faltan 4 respuestas" in html
    assert url_seccion(respuesta_propia, "datos") + "#pregunta-personal" in html
    assert url_seccion(respuesta_propia, "practicas") + "#pregunta-protocolo" in html
    assert "Falta la respuesta." in html
    respuesta = cliente.post(url)
    assert respuesta.status_code == 422
    assert "#pregunta-acuerdo" in respuesta.content.decode()
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.EN_PROGRESO


def test_enviar_bloquea_y_doble_envio_es_uno(
    cliente,
    respuesta_propia,
    cuestionario_chico,
    responsable,
    coordinacion,
    django_capture_on_commit_callbacks,
):
    contestar_todo(respuesta_propia, cuestionario_chico, responsable)
    url = reverse("diagnosticos:respuesta_enviar", args=[respuesta_propia.pk])
    assert "Enviar a la Coordinación" in cliente.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        primera = cliente.post(url)
    assert primera.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        segunda = cliente.post(url, follow=True)
    assert "ya se envió; no se volvió a enviar" in segunda.content.decode()
    assert len(mail.outbox) == 1
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.ENVIADA
    # Bloqueada: el autoguardado se niega sin tocar nada.
    rechazo = cliente.post(
        url_guardar(respuesta_propia, cuestionario_chico.mujeres),
        {"valor": "10", "revision": "1"},
        **HTMX,
    )
    assert rechazo.status_code == 403
    assert "ya se envió" in rechazo.content.decode()
    assert Valor.objects.get(pregunta=cuestionario_chico.mujeres).valor == "45"


def test_devuelta_se_corrige_y_reenvia(cliente, respuesta_propia, cuestionario_chico, responsable):
    contestar_todo(respuesta_propia, cuestionario_chico, responsable)
    url = reverse("diagnosticos:respuesta_enviar", args=[respuesta_propia.pk])
    cliente.post(url)
    Respuesta.objects.filter(pk=respuesta_propia.pk).update(
        estado=Respuesta.Estado.DEVUELTA, observaciones="Revise el porcentaje."
    )
    guardado = cliente.post(
        url_guardar(respuesta_propia, cuestionario_chico.mujeres),
        {"valor": "30", "revision": "1"},
        **HTMX,
    )
    assert guardado.status_code == 200
    assert cliente.post(url).status_code == 302
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.ENVIADA
    assert Valor.objects.get(pregunta=cuestionario_chico.mujeres).valor == "30"


# --- Vista previa ---------------------------------------------------------------------------


def test_vista_previa(client, coordinacion, cuestionario_chico):
    client.force_login(coordinacion)
    url = reverse("diagnosticos:version_vista_previa", args=[cuestionario_chico.version.pk])
    html = client.get(url).content.decode()
    assert "Vista previa: nada se guarda." in html
    assert "hx-post" not in html
    assert "Datos de la unidad" in html and "Prácticas institucionales" in html
    assert 'id="datos-condiciones"' in html
    assert re.search(r'id="pregunta-personal"[^>]*hidden', html)
    assert "Se muestra si tiene_uig es igual a «Sí»." in html
    assert not Valor.objects.exists()
