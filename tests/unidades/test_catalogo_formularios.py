"""Alta, edición y vigencia de instituciones del catálogo (Coordinación)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import DependenciaFactory
from unidades.models import Dependencia, Unidad

pytestmark = pytest.mark.django_db

DATOS = {
    "nombre": "  Instituto   Zacatecano de las Mujeres ",
    "siglas": "izm",
    "tipo": "descentralizada",
    "sector": "Secretaría de las Mujeres",
    "titular": "Mtra. Ana Luisa Robles",
}


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def test_alta_crea_la_institucion_con_su_unidad_y_aparece_en_la_lista(client, coordinacion):
    client.force_login(coordinacion)
    assert client.get(reverse("unidades:dependencia_nueva")).status_code == 200

    respuesta = client.post(reverse("unidades:dependencia_nueva"), DATOS)

    dependencia = Dependencia.objects.get(siglas="IZM")
    assert respuesta.status_code == 302 and respuesta.url == dependencia.get_absolute_url()
    assert dependencia.nombre == "Instituto Zacatecano de las Mujeres"
    assert dependencia.vigente
    assert Unidad.objects.get(dependencia=dependencia).estado == Unidad.Estado.SIN_INICIAR
    assert dependencia.history.get().history_user == coordinacion
    assert "Se registró Instituto Zacatecano de las Mujeres" in mensajes(respuesta)[0]
    lista = client.get(reverse("unidades:dependencia_lista"))
    assert "IZM" in [d.siglas for d in lista.context["object_list"]]


def test_la_lista_muestra_los_botones_del_catalogo_solo_a_quien_lo_lleva(
    client, coordinacion, responsable
):
    client.force_login(coordinacion)
    html = client.get(reverse("unidades:dependencia_lista"), {"tipo": "centralizada"}).content
    assert reverse("unidades:dependencia_nueva").encode() in html
    assert reverse("unidades:dependencia_importar").encode() in html
    assert b"exportar/?tipo=centralizada&amp;formato=csv" in html
    client.force_login(responsable)
    html = client.get(reverse("unidades:dependencia_lista")).content
    assert reverse("unidades:dependencia_nueva").encode() not in html


@pytest.mark.parametrize("siglas", ["SEFIN", "sefin", " Sefin "])
def test_siglas_repetidas_sin_importar_mayusculas(client, coordinacion, siglas):
    DependenciaFactory(siglas="SEFIN", nombre="Secretaría de Finanzas")
    client.force_login(coordinacion)
    respuesta = client.post(reverse("unidades:dependencia_nueva"), {**DATOS, "siglas": siglas})
    assert respuesta.status_code == 200
    assert respuesta.context["form"].errors["siglas"] == [
        "Las siglas «SEFIN» ya son de Secretaría de Finanzas. Use otras."
    ]
    assert Dependencia.objects.count() == 1


def test_nombre_repetido_y_siglas_invalidas_tienen_error_en_espanol(client, coordinacion):
    DependenciaFactory(nombre="Instituto Zacatecano de las Mujeres")
    client.force_login(coordinacion)
    respuesta = client.post(reverse("unidades:dependencia_nueva"), {**DATOS, "siglas": "=X1"})
    errores = respuesta.context["form"].errors
    assert errores["nombre"] == ["Ya hay una institución registrada con este nombre."]
    assert "no son siglas válidas" in errores["siglas"][0]
    assert Dependencia.objects.count() == 1


def test_campos_obligatorios(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.post(reverse("unidades:dependencia_nueva"), {})
    errores = respuesta.context["form"].errors
    assert set(errores) == {"nombre", "siglas", "tipo", "sector"}
    assert errores["nombre"] == ["Este campo es obligatorio."]


def test_editar_guarda_y_registra_quien_cambio(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    url = reverse("unidades:dependencia_editar", args=[dependencia.pk])
    assert client.get(url).context["form"].initial["siglas"] == "PROPIA"

    respuesta = client.post(url, {**DATOS, "siglas": "propia", "nombre": dependencia.nombre})

    assert respuesta.status_code == 302 and respuesta.url == dependencia.get_absolute_url()
    dependencia.refresh_from_db()
    assert dependencia.sector == "Secretaría de las Mujeres"
    assert dependencia.titular == "Mtra. Ana Luisa Robles"
    ultimo = dependencia.history.first()
    assert ultimo.history_type == "~" and ultimo.history_user == coordinacion
    assert mensajes(respuesta) == ["Los cambios a PROPIA se guardaron."]


def test_editar_algo_que_no_existe_es_404(client, coordinacion):
    client.force_login(coordinacion)
    assert client.get(reverse("unidades:dependencia_editar", args=[999999])).status_code == 404


def test_desactivar_pide_confirmacion_y_luego_reactivar(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    url = reverse("unidades:dependencia_desactivar", args=[dependencia.pk])

    respuesta = client.post(url)
    assert respuesta.status_code == 200
    assert "¿Marcar PROPIA como no vigente?" in respuesta.content.decode()
    dependencia.refresh_from_db()
    assert dependencia.vigente

    respuesta = client.post(url, {"confirmar": "1", "motivo": "Se fusionó con la SEMUJER"})
    assert respuesta.status_code == 302
    dependencia.refresh_from_db()
    assert not dependencia.vigente
    ultimo = dependencia.history.first()
    assert ultimo.history_user == coordinacion
    assert ultimo.history_change_reason == "Se fusionó con la SEMUJER"
    # Un segundo envío (doble clic) no cambia nada.
    client.post(url, {"confirmar": "1"})
    assert dependencia.history.count() == 2

    editar = client.get(reverse("unidades:dependencia_editar", args=[dependencia.pk]))
    assert (
        reverse("unidades:dependencia_reactivar", args=[dependencia.pk]) in editar.content.decode()
    )
    respuesta = client.post(reverse("unidades:dependencia_reactivar", args=[dependencia.pk]))
    assert respuesta.status_code == 302
    dependencia.refresh_from_db()
    assert dependencia.vigente
    assert mensajes(respuesta)[-1] == "PROPIA está vigente otra vez."


def test_desactivar_y_reactivar_no_aceptan_get(client, coordinacion, dependencia):
    client.force_login(coordinacion)
    for nombre in ("unidades:dependencia_desactivar", "unidades:dependencia_reactivar"):
        assert client.get(reverse(nombre, args=[dependencia.pk])).status_code == 405
    dependencia.refresh_from_db()
    assert dependencia.vigente


def test_responsable_no_edita_ni_su_propia_institucion(client, responsable, dependencia):
    client.force_login(responsable)
    url = reverse("unidades:dependencia_editar", args=[dependencia.pk])
    assert client.post(url, {**DATOS, "nombre": "Otro"}).status_code == 403
    assert (
        client.post(
            reverse("unidades:dependencia_desactivar", args=[dependencia.pk]), {"confirmar": "1"}
        ).status_code
        == 403
    )
    dependencia.refresh_from_db()
    assert dependencia.nombre == "Secretaría Propia" and dependencia.vigente


def test_quien_tiene_el_permiso_pero_no_ve_la_institucion_recibe_404(
    client, otra_dependencia, dependencia
):
    from django.contrib.auth.models import Permission

    from tests.factories import UsuarioFactory

    persona = UsuarioFactory(dependencia=otra_dependencia)
    persona.user_permissions.add(Permission.objects.get(codename="change_dependencia"))
    client.force_login(persona)
    assert (
        client.get(reverse("unidades:dependencia_editar", args=[dependencia.pk])).status_code == 404
    )
    for nombre in ("unidades:dependencia_desactivar", "unidades:dependencia_reactivar"):
        assert client.post(reverse(nombre, args=[dependencia.pk])).status_code == 404
    url = reverse("unidades:dependencia_editar", args=[otra_dependencia.pk])
    assert client.get(url).status_code == 200
