from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from uig_portal.roles import PERMISOS


def permisos_de(especificaciones):
    """Los objetos Permission que corresponden a una lista de "app.codename" o "app.*"."""
    filtro = Q(pk__in=[])
    exactos = set()
    for especificacion in especificaciones:
        app_label, codename = especificacion.split(".", 1)
        if codename == "*":
            filtro |= Q(content_type__app_label=app_label)
        else:
            filtro |= Q(content_type__app_label=app_label, codename=codename)
            exactos.add((app_label, codename))
    permisos = set(Permission.objects.filter(filtro).select_related("content_type"))
    faltantes = exactos - {(p.content_type.app_label, p.codename) for p in permisos}
    if faltantes:
        nombres = ", ".join(sorted(f"{a}.{c}" for a, c in faltantes))
        raise CommandError(f"Permisos inexistentes (¿faltan migraciones?): {nombres}")
    return permisos


class Command(BaseCommand):
    help = (
        "Crea los grupos de los roles del portal y deja sus permisos iguales a uig_portal/roles.py."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Muestra los cambios sin guardarlos."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        cambios = 0
        escribir = self.stdout.write if verbosity > 0 else (lambda *a, **k: None)
        for rol, especificaciones in PERMISOS.items():
            deseados = permisos_de(especificaciones)
            grupo = Group.objects.filter(name=rol.value).first()
            actuales = set(grupo.permissions.all()) if grupo else set()
            agregar, quitar = deseados - actuales, actuales - deseados
            if grupo is None:
                escribir(f"Grupo nuevo: {rol.value}")
                cambios += 1
            for p in sorted(agregar, key=str):
                escribir(f"  {rol.value}: + {p.content_type.app_label}.{p.codename}")
            for p in sorted(quitar, key=str):
                escribir(f"  {rol.value}: - {p.content_type.app_label}.{p.codename}")
            cambios += len(agregar) + len(quitar)
            if dry_run:
                continue
            if grupo is None:
                grupo = Group.objects.create(name=rol.value)
            grupo.permissions.add(*agregar)
            grupo.permissions.remove(*quitar)
        if dry_run:
            transaction.set_rollback(True)
            return f"Simulación: {cambios} cambios pendientes en {len(PERMISOS)} roles."
        return f"Roles sincronizados: {len(PERMISOS)} roles, {cambios} cambios."
