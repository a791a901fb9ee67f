"""Los datos de demostración: solo con DEBUG, idempotentes, y las cuentas funcionan."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from panorama.management.commands.cargar_demo import CONTRASENA_DEMO, CUENTAS
from uig_portal.models import Usuario
from uig_portal.roles import Rol
from unidades.models import Dependencia

pytestmark = pytest.mark.django_db


def cargar(*args):
    salida = StringIO()
    call_command("cargar_demo", *args, stdout=salida)
    return salida.getvalue()


def test_se_niega_sin_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="solo corre con DEBUG=True"):
        cargar()
    assert not Usuario.objects.exists()


def test_carga_el_catalogo_y_las_cuentas(settings):
    settings.DEBUG = True
    salida = cargar()
    assert Dependencia.objects.count() >= 50
    for siglas in ("SEMUJER", "SAD", "SEFIN"):
        assert Dependencia.objects.filter(siglas=siglas).exists()
    assert set(Dependencia.objects.values_list("tipo", flat=True)) == set(Dependencia.Tipo.values)
    assert Usuario.objects.count() == len(CUENTAS)
    assert "coordinacion" in salida and CONTRASENA_DEMO in salida
    assert not Usuario.objects.filter(username__in=["admin", "root"]).exists()


def test_es_idempotente_y_no_ensucia_el_historial(settings):
    settings.DEBUG = True
    cargar()
    historial = Dependencia.history.count() + Usuario.history.count()
    salida = cargar()
    assert "0 instituciones nuevas, 0 actualizadas" in salida
    assert Dependencia.history.count() + Usuario.history.count() == historial
    assert Usuario.objects.count() == len(CUENTAS)


def test_forzar_permite_cargar_sin_debug(settings):
    settings.DEBUG = False
    cargar("--forzar")
    assert Usuario.objects.filter(username="coordinacion").exists()


@pytest.mark.parametrize("usuario,rol", [(c[0], c[3]) for c in CUENTAS])
def test_cada_cuenta_entra_a_su_inicio(client, settings, usuario, rol):
    settings.DEBUG = True
    cargar()
    respuesta = client.post(
        reverse("login"), {"username": usuario, "password": CONTRASENA_DEMO}, follow=True
    )
    assert respuesta.redirect_chain[-1][0] == reverse("inicio")
    persona = Usuario.objects.get(username=usuario)
    assert persona.rol == rol
    assert respuesta.context["user"] == persona


def test_auditoria_ve_todas_las_instituciones(settings):
    settings.DEBUG = True
    cargar()
    auditoria = Usuario.objects.get(username="auditoria")
    assert auditoria.rol == Rol.CONSULTA
    assert Dependencia.objects.visibles_para(auditoria).count() == Dependencia.objects.count()
    sefin = Usuario.objects.get(username="consulta.sefin")
    assert list(Dependencia.objects.visibles_para(sefin).values_list("siglas", flat=True)) == [
        "SEFIN"
    ]
