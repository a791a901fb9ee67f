"""Recordatorios diarios del diagnóstico, para el cron:

    15 9 * * *  .venv/bin/python manage.py recordar_diagnosticos

Escribe a cada institución que no ha enviado su respuesta en una ronda ya abierta (y el primer
día de una ronda que se creó con apertura futura, el aviso de apertura). Nunca dos correos el
mismo día a la misma institución y ronda, aunque se corra varias veces.
"""

from django.core.management.base import BaseCommand, CommandError

from diagnosticos import services
from diagnosticos.models import Aplicacion
from uig_portal.lib.correo import texto_sin_cuenta


class Command(BaseCommand):
    help = "Envía recordatorios por correo a las instituciones con el diagnóstico pendiente."

    def add_arguments(self, parser):
        parser.add_argument("--ronda", type=int, help="Solo la ronda con este número (pk).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Solo cuenta a cuántas instituciones se les escribiría; no envía nada.",
        )

    def handle(self, *args, ronda=None, dry_run=False, **options):
        aplicacion = None
        if ronda is not None:
            aplicacion = Aplicacion.objects.filter(pk=ronda).first()
            if aplicacion is None:
                raise CommandError(f"No existe la ronda {ronda}.")
        reparto = services.recordar(aplicacion, dry_run=dry_run)
        n = len(reparto.enviados)
        if dry_run:
            self.stdout.write(
                f"Recordatorios que se enviarían: {n} (simulación: no se envió nada)."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Recordatorios enviados: {n}."))
        if reparto.sin_cuenta:
            self.stdout.write(texto_sin_cuenta(reparto.sin_cuenta))
