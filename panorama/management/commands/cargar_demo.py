import csv
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from capacitacion.demo import cargar_capacitacion
from diagnosticos.demo import cargar_diagnostico, presentar_propuestas
from difusion.demo import cargar_difusion
from planes.demo import cargar_planes, decidir_propuestas
from uig_portal.models import Usuario
from uig_portal.roles import Rol
from unidades.demo import cargar_avance
from unidades.models import Dependencia, Unidad
from unidades.services import guia_asegurar_predeterminada

CATALOGO = Path(settings.BASE_DIR) / "unidades" / "data" / "dependencias_zacatecas.csv"

#: La contraseña de todas las cuentas de demostración; solo existe a través de este comando.
CONTRASENA_DEMO = "Demostracion-2026"

#: (usuario, nombre, apellidos, rol, siglas de la institución o None, cargo)
CUENTAS = [
    (
        "coordinacion",
        "Laura",
        "Méndez Ruiz",
        Rol.COORDINACION,
        None,
        "Coordinadora de Unidades de Igualdad de Género",
    ),
    (
        "enlace.coordinacion",
        "Jorge",
        "Castañeda Ríos",
        Rol.COORDINACION,
        None,
        "Enlace de seguimiento",
    ),
    (
        "administracion",
        "Sofía",
        "Ramírez Luna",
        Rol.ADMINISTRACION,
        None,
        "Administración técnica del portal",
    ),
    (
        "responsable.sefin",
        "María Elena",
        "Ortiz Salas",
        Rol.RESPONSABLE,
        "SEFIN",
        "Titular de la Unidad de Igualdad de Género",
    ),
    (
        "responsable.seduzac",
        "Ana Lucía",
        "Herrera Pinedo",
        Rol.RESPONSABLE,
        "SEDUZAC",
        "Titular de la Unidad de Igualdad de Género",
    ),
    (
        "enlace.seduzac",
        "Raúl",
        "Villalobos Díaz",
        Rol.RESPONSABLE,
        "SEDUZAC",
        "Enlace de la Unidad de Igualdad de Género",
    ),
    (
        "responsable.ssalud",
        "Patricia",
        "Guerrero Acosta",
        Rol.RESPONSABLE,
        "SSALUD",
        "Titular de la Unidad de Igualdad de Género",
    ),
    (
        "responsable.sedif",
        "Verónica",
        "Escobedo Márquez",
        Rol.RESPONSABLE,
        "SEDIF",
        "Titular de la Unidad de Igualdad de Género",
    ),
    (
        "responsable.semujer",
        "Gabriela",
        "Reveles Torres",
        Rol.RESPONSABLE,
        "SEMUJER",
        "Titular de la Unidad de Igualdad de Género",
    ),
    (
        "responsable.cobaez",
        "Luis Fernando",
        "Dávila Romo",
        Rol.RESPONSABLE,
        "COBAEZ",
        "Enlace de igualdad de género",
    ),
    (
        "responsable.izea",
        "Claudia",
        "Sandoval Núñez",
        Rol.RESPONSABLE,
        "IZEA",
        "Titular de la Unidad de Igualdad de Género",
    ),
    (
        "responsable.c5",
        "Mónica",
        "Félix Carrillo",
        Rol.RESPONSABLE,
        "C5",
        "Enlace de igualdad de género",
    ),
    (
        "consulta.sefin",
        "Ricardo",
        "Bañuelos Murillo",
        Rol.CONSULTA,
        "SEFIN",
        "Titular de la Secretaría de Finanzas (consulta)",
    ),
    (
        "auditoria",
        "Teresa",
        "Lozano Briones",
        Rol.CONSULTA,
        None,
        "Auditoría interna (consulta de todas las instituciones)",
    ),
]


def crear_o_actualizar(modelo, valores, **busqueda):
    """Como update_or_create, pero sin guardar lo que no cambió.

    Así correr el comando otra vez no llena el historial de cambios con filas vacías.
    Devuelve (objeto, "creado" | "actualizado" | "igual").
    """
    objeto = modelo.objects.filter(**busqueda).first()
    if objeto is None:
        return modelo.objects.create(**busqueda, **valores), "creado"
    cambiados = [campo for campo, valor in valores.items() if getattr(objeto, campo) != valor]
    for campo in cambiados:
        setattr(objeto, campo, valores[campo])
    if cambiados:
        objeto.save(update_fields=cambiados)
        return objeto, "actualizado"
    return objeto, "igual"


def cargar_catalogo(ruta=CATALOGO):
    """Crea o actualiza las instituciones del catálogo; cuenta los resultados."""
    cuenta = {"creado": 0, "actualizado": 0, "igual": 0}
    with open(ruta, encoding="utf-8") as archivo:
        for fila in csv.DictReader(archivo):
            _, resultado = crear_o_actualizar(
                Dependencia,
                {"nombre": fila["nombre"], "tipo": fila["tipo"], "sector": fila["sector"]},
                siglas=fila["siglas"],
            )
            cuenta[resultado] += 1
    return cuenta


class Command(BaseCommand):
    help = "Carga el catálogo de instituciones de Zacatecas y las cuentas de demostración."

    def add_arguments(self, parser):
        parser.add_argument(
            "--forzar",
            action="store_true",
            help="Carga las cuentas aunque DEBUG esté apagado (nunca en producción).",
        )
        parser.add_argument(
            "--restablecer-contrasenas",
            action="store_true",
            help="Vuelve a poner la contraseña de demostración a las cuentas que ya existían.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Muestra lo que haría sin guardar nada."
        )

    def handle(self, *args, forzar=False, dry_run=False, restablecer_contrasenas=False, **options):
        restablecer = restablecer_contrasenas
        if not settings.DEBUG and not forzar:
            raise CommandError(
                "Las cuentas de demostración tienen una contraseña pública: este comando solo "
                "corre con DEBUG=True, o con --forzar en un servidor que no sea de producción."
            )
        call_command("sincronizar_roles", verbosity=0, stdout=self.stdout)
        with transaction.atomic():
            catalogo = cargar_catalogo()
            grupos = {g.name: g for g in Group.objects.all()}
            dependencias = Dependencia.objects.in_bulk(field_name="siglas")
            for usuario, nombre, apellidos, rol, siglas, cargo in CUENTAS:
                persona, resultado = crear_o_actualizar(
                    Usuario,
                    {
                        "first_name": nombre,
                        "last_name": apellidos,
                        "email": f"{usuario}@demo.uig.zacatecas.gob.mx",
                        "dependencia": dependencias[siglas] if siglas else None,
                        "cargo": cargo,
                        "is_active": True,
                        "is_staff": rol == Rol.ADMINISTRACION,
                    },
                    username=usuario,
                )
                if resultado == "creado" or restablecer:
                    persona.set_password(CONTRASENA_DEMO)
                    persona.save(update_fields=["password"])
                persona.groups.set([grupos[rol.value]])
                if usuario == "auditoria":
                    # Una persona de Consulta a quien se concedió ver todas las instituciones.
                    persona.user_permissions.set(
                        [Permission.objects.get(codename="ver_todas_las_dependencias")]
                    )
            Unidad.objects.asegurar_para(Dependencia.objects.all())
            guia_asegurar_predeterminada()
            coordinacion = Usuario.objects.get(username="coordinacion")
            avanzadas = cargar_avance(coordinacion)
            responsables = {
                u.dependencia.siglas: u
                for u in Usuario.objects.filter(username__startswith="responsable.").select_related(
                    "dependencia__unidad"
                )
            }
            planes = cargar_planes(coordinacion, responsables)
            rondas = cargar_diagnostico(coordinacion, responsables)
            presentar_propuestas(coordinacion)
            decidir_propuestas(responsables)
            eventos = cargar_capacitacion(coordinacion, responsables)
            materiales = cargar_difusion(coordinacion)
            if dry_run:
                transaction.set_rollback(True)

        self.stdout.write("")
        self.stdout.write(f"Cuentas de demostración (contraseña de todas: {CONTRASENA_DEMO})")
        for usuario, _nombre, _apellidos, rol, siglas, _cargo in CUENTAS:
            self.stdout.write(
                f"  {usuario:<22} {rol.label:<20} {siglas or 'todas las instituciones'}"
            )
        prefijo = "Simulación: " if dry_run else ""
        return (
            f"{prefijo}Catálogo: {catalogo['creado']} instituciones nuevas, "
            f"{catalogo['actualizado']} actualizadas, {catalogo['igual']} sin cambios; "
            f"{len(CUENTAS)} cuentas de demostración listas; {avanzadas} unidades con avance nuevo; "
            f"{planes} planes de trabajo nuevos; {rondas} rondas de diagnóstico nuevas; "
            f"{eventos} eventos de capacitación nuevos; {materiales} materiales nuevos."
        )
