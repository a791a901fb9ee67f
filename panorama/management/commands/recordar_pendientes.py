"""Recordatorio diario de pendientes, para el cron:

    30 9 * * *  .venv/bin/python manage.py recordar_pendientes

Escribe a las personas responsables de cada institución con algo vencido o por vencer (plan,
informes trimestrales, diagnóstico, acuerdos) y a la Coordinación un resumen. Nunca dos correos
el mismo día al mismo destino, aunque se corra varias veces.

Marca de envío: cada envío se «reclama» creando su `RecordatorioEnviado` (destino y fecha
únicos) antes de mandar el correo, así que dos corridas no pueden reclamar el mismo envío.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from panorama.pendientes import TIPOS, VENCIDO, pendientes, requieren_aviso
from uig_portal.lib.correo import PREFIJO, correos_coordinacion, correos_responsables, enlace
from uig_portal.models import RecordatorioEnviado
from unidades.models import Dependencia


def reclamar_envio(destino, hoy):
    """True si este envío no se había hecho hoy (y queda marcado); False si ya se hizo."""
    try:
        with transaction.atomic():
            RecordatorioEnviado.objects.create(destino=destino, fecha=hoy)
    except IntegrityError:
        return False
    return True


def liberar_envio(destino, hoy):
    RecordatorioEnviado.objects.filter(destino=destino, fecha=hoy).delete()


def enviar(destino, hoy, asunto, plantilla, contexto, destinatarios):
    """Envía una sola vez al día por destino; devuelve True si salió el correo."""
    if not reclamar_envio(destino, hoy):
        return False
    try:
        send_mail(f"{PREFIJO} {asunto}", render_to_string(plantilla, contexto), None, destinatarios)
    except Exception:
        # Si el correo no salió, la marca se quita para que la siguiente corrida lo intente.
        liberar_envio(destino, hoy)
        raise
    return True


class Command(BaseCommand):
    help = "Envía por correo a cada institución lo vencido o por vencer y un resumen a la Coordinación."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Solo cuenta a quién se le escribiría; no envía nada.",
        )
        parser.add_argument("--fecha", help="Fecha de referencia AAAA-MM-DD (por omisión, hoy).")

    def handle(self, *args, dry_run=False, fecha=None, **options):
        hoy = timezone.localdate()
        if fecha:
            try:
                hoy = date.fromisoformat(fecha)
            except ValueError as error:
                raise CommandError(f"Fecha inválida «{fecha}»: use AAAA-MM-DD.") from error
        filas = []
        enviados = 0
        for dependencia in Dependencia.objects.vigentes().order_by("nombre", "pk"):
            items = pendientes(dependencia, hoy)
            urgentes = requieren_aviso(items)
            if not urgentes:
                continue
            destinatarios = correos_responsables(dependencia)
            filas.append(
                {
                    "dependencia": dependencia,
                    "vencidos": sum(p.urgencia == VENCIDO for p in urgentes),
                    "proximos": sum(p.urgencia != VENCIDO for p in urgentes),
                    "sin_correo": not destinatarios,
                }
            )
            if not destinatarios or dry_run:
                continue
            contexto = {
                "dependencia": dependencia,
                "items": [
                    {"p": p, "url": _absoluta(p.url)} for p in items if p.tipo in _TIPOS_CORREO
                ],
                "hoy": hoy,
                "enlace_avisos": enlace("avisos"),
            }
            if enviar(
                f"d{dependencia.pk}",
                hoy,
                f"Pendientes de {dependencia.siglas or dependencia.nombre}",
                "panorama/correo_pendientes.txt",
                contexto,
                destinatarios,
            ):
                enviados += 1
        coordinacion = correos_coordinacion()
        resumen = False
        if filas and coordinacion and not dry_run:
            resumen = enviar(
                "coordinacion",
                hoy,
                "Resumen de pendientes de las instituciones",
                "panorama/correo_pendientes_resumen.txt",
                {"filas": filas, "hoy": hoy, "enlace_avisos": enlace("avisos")},
                coordinacion,
            )
        if dry_run:
            con_correo = sum(not f["sin_correo"] for f in filas)
            self.stdout.write(
                f"Instituciones a las que se escribiría: {con_correo} "
                "(simulación: no se envió nada)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Correos a instituciones: {enviados}. "
                    f"Resumen a la Coordinación: {'sí' if resumen else 'no'}."
                )
            )


#: El correo habla de lo que tiene plazo; la capacitación abierta solo se ve en el portal.
_TIPOS_CORREO = [t for t in TIPOS if t != "capacitacion"]


def _absoluta(url):
    return settings.SITE_URL.rstrip("/") + url
