"""El comando que mantiene los grupos de los roles iguales a uig_portal/roles.py."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from uig_portal.roles import PERMISOS, Rol

pytestmark = pytest.mark.django_db


def sincronizar(*args):
    salida = StringIO()
    call_command("sincronizar_roles", *args, stdout=salida)
    return salida.getvalue()


def codigos(grupo):
    return {f"{p.content_type.app_label}.{p.codename}" for p in grupo.permissions.all()}


def test_crea_los_cuatro_roles_con_sus_permisos():
    Group.objects.all().delete()
    salida = sincronizar()
    assert set(Group.objects.values_list("name", flat=True)) == set(Rol.values)
    assert "Roles sincronizados: 4 roles" in salida
    coordinacion = Group.objects.get(name=Rol.COORDINACION)
    assert codigos(coordinacion) == set(PERMISOS[Rol.COORDINACION])
    assert "uig_portal.change_usuario" in codigos(Group.objects.get(name=Rol.ADMINISTRACION))
    assert codigos(Group.objects.get(name=Rol.RESPONSABLE)) == set(PERMISOS[Rol.RESPONSABLE])


def test_es_idempotente():
    sincronizar()
    antes = {g.name: codigos(g) for g in Group.objects.all()}
    salida = sincronizar()
    assert "0 cambios" in salida
    assert {g.name: codigos(g) for g in Group.objects.all()} == antes
    assert Group.objects.count() == 4


def test_quita_permisos_agregados_a_mano_y_repone_los_quitados():
    grupo = Group.objects.get(name=Rol.RESPONSABLE)
    grupo.permissions.add(Permission.objects.get(codename="delete_dependencia"))
    grupo.permissions.remove(Permission.objects.get(codename="view_dependencia"))
    salida = sincronizar()
    assert "- unidades.delete_dependencia" in salida
    assert "+ unidades.view_dependencia" in salida
    assert codigos(grupo) == set(PERMISOS[Rol.RESPONSABLE])


def test_simulacion_no_cambia_nada():
    grupo = Group.objects.get(name=Rol.RESPONSABLE)
    grupo.permissions.clear()
    salida = sincronizar("--dry-run")
    assert "Simulación" in salida and "+ unidades.view_dependencia" in salida
    assert grupo.permissions.count() == 0


def test_un_permiso_inexistente_es_un_error(monkeypatch):
    monkeypatch.setitem(PERMISOS, Rol.CONSULTA, ["unidades.no_existe"])
    with pytest.raises(CommandError, match="unidades.no_existe"):
        sincronizar()
