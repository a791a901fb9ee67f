"""La página pública de verificación: confirma nombre, evento, horas y fecha, dice si la
constancia fue revocada, y no deja ver nada más."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from capacitacion import constancias as servicios
from tests.factories import ConstanciaFactory, DependenciaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def constancia():
    dependencia = DependenciaFactory(nombre="Secretaría de Finanzas Secretas", siglas="SEFINSE")
    return ConstanciaFactory(
        inscripcion__dependencia=dependencia,
        inscripcion__participante__nombre="Lucía Hernández Campos",
        inscripcion__participante__correo="lucia.hernandez@zacatecas.gob.mx",
        inscripcion__participante__curp="HECL900101MZSRMC05",
        inscripcion__participante__sexo="no_especificado",
        inscripcion__participante__cargo="Directora de Contabilidad Reservada",
        inscripcion__evento__nombre="Taller de lenguaje incluyente",
        nombre="Lucía Hernández Campos",
        evento_nombre="Taller de lenguaje incluyente",
        horas=Decimal("12.5"),
        fecha="2025-03-05",
    )


def pagina(client, codigo):
    return client.get(reverse("capacitacion:verificar_codigo", args=[codigo]))


@pytest.fixture(params=["anonimo", "coordinacion"])
def cliente(request, client):
    """La página es la misma sin sesión y con ella."""
    if request.param != "anonimo":
        client.force_login(request.getfixturevalue(request.param))
    return client


def test_una_constancia_valida_muestra_solo_lo_impreso(cliente, constancia):
    respuesta = pagina(cliente, constancia.codigo)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Constancia válida" in html
    for dato in ("Lucía Hernández Campos", "Taller de lenguaje incluyente", "12.5 horas"):
        assert dato in html
    assert "05/03/2025" in html
    assert '<meta name="robots" content="noindex">' in html
    assert respuesta["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in respuesta["Cache-Control"] or "max-age=0" in respuesta["Cache-Control"]


def test_no_deja_ver_nada_mas(client, constancia):
    constancia.motivo_revocacion = "Motivo confidencial de prueba"
    constancia.save()
    for revocada in (False, True):
        if revocada:
            constancia.revocada_en = timezone.now()
            constancia.save()
        html = pagina(client, constancia.codigo).content.decode()
        inscripcion = constancia.inscripcion
        for dato in (
            "lucia.hernandez@zacatecas.gob.mx",
            "HECL900101MZSRMC05",
            "Secretaría de Finanzas Secretas",
            "SEFINSE",
            "Directora de Contabilidad Reservada",
            "Prefiere no decirlo",
            "Sexo",
            "Institución",
            "Motivo confidencial de prueba",
            f"/participantes/{inscripcion.participante_id}/",
            f"/constancias/{constancia.pk}/",
            f"/eventos/{inscripcion.evento_id}/",
            "/capacitacion/",
        ):
            assert dato not in html, dato


def test_una_revocada_lo_dice_con_su_fecha(cliente, constancia):
    constancia.revocada_en = timezone.make_aware(timezone.datetime(2025, 6, 20, 12, 0))
    constancia.motivo_revocacion = "Error"
    constancia.save()
    respuesta = pagina(cliente, constancia.codigo)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Esta constancia fue revocada el 20/06/2025" in html
    assert "Constancia válida" not in html
    assert "Lucía Hernández Campos" in html
    assert "Taller de lenguaje incluyente" in html


def test_revocar_cambia_la_pagina_al_momento(client, constancia, coordinacion):
    assert "Constancia válida" in pagina(client, constancia.codigo).content.decode()
    servicios.revocar(constancia, coordinacion, "Error")
    html = pagina(client, constancia.codigo).content.decode()
    assert "fue revocada el" in html
    assert "Constancia válida" not in html


def test_responde_a_head(client, constancia):
    """Las vistas previas de enlaces (mensajería, correo) piden HEAD antes de GET."""
    url = reverse("capacitacion:verificar_codigo", args=[constancia.codigo])
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_un_codigo_desconocido_es_404_con_pagina_amable(cliente, constancia):
    respuesta = pagina(cliente, "2222-3333-4444")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "No encontramos esta constancia" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Lucía" not in html


def test_un_codigo_mal_escrito_en_la_direccion_es_404(client):
    respuesta = pagina(client, "no-es-un-codigo")
    assert respuesta.status_code == 404
    assert "tiene 12 letras y números" in respuesta.content.decode()


@pytest.mark.parametrize("como_se_tecleo", ["minusculas", "sin_guiones", "espacios"])
def test_un_codigo_en_minusculas_o_sin_guiones_lleva_a_la_forma_canonica(
    client, constancia, como_se_tecleo
):
    codigo = {
        "minusculas": constancia.codigo.lower(),
        "sin_guiones": constancia.codigo.replace("-", ""),
        "espacios": constancia.codigo.replace("-", " ").lower(),
    }[como_se_tecleo]
    respuesta = pagina(client, codigo)
    assert respuesta.status_code == 301
    assert respuesta.url == reverse("capacitacion:verificar_codigo", args=[constancia.codigo])


def test_el_formulario_lleva_al_codigo(cliente, constancia):
    url = reverse("capacitacion:verificar")
    respuesta = cliente.get(url)
    assert respuesta.status_code == 200
    assert '<meta name="robots" content="noindex">' in respuesta.content.decode()
    respuesta = cliente.get(url, {"codigo": f"  {constancia.codigo.lower()} "})
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("capacitacion:verificar_codigo", args=[constancia.codigo])


@pytest.mark.parametrize("codigo", ["", "ABC", "7KQ2-MX9P-4TZ", "0000-1111-OOOO"])
def test_el_formulario_explica_un_codigo_mal_escrito(client, codigo):
    respuesta = client.get(reverse("capacitacion:verificar"), {"codigo": codigo})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    if codigo:
        assert "Revise el código: tiene 12 letras y números, como 7KQ2-MX9P-4TZR." in html
    else:
        assert "Este campo es obligatorio" in html


def test_la_pagina_publica_no_enlaza_paginas_internas(client, constancia):
    html = pagina(client, constancia.codigo).content.decode()
    enlaces = {
        fragmento.split('"')[0] for fragmento in html.split('href="')[1:] if fragmento[:1] == "/"
    }
    permitidos = {
        reverse("inicio"),
        reverse("aviso_de_privacidad"),
        reverse("capacitacion:verificar"),
        reverse("avances:pagina"),  # el pie enlaza la otra página pública
    }
    internos = {e for e in enlaces if not e.startswith("/static/")}
    assert internos <= permitidos, internos - permitidos


def test_el_qr_y_la_pagina_usan_la_misma_direccion(settings, constancia):
    settings.SITE_URL = "https://igualdad.zacatecas.gob.mx/"
    assert servicios.url_verificacion(constancia) == (
        f"https://igualdad.zacatecas.gob.mx/verificar/{constancia.codigo}/"
    )
