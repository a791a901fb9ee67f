"""Siembra el «Diagnóstico institucional de igualdad de género», versión 1 (si no existe)."""

from django.db import migrations

from diagnosticos.instrumento_predeterminado import asegurar_instrumento_predeterminado


def sembrar(apps, schema_editor):
    asegurar_instrumento_predeterminado(apps)


class Migration(migrations.Migration):
    dependencies = [("diagnosticos", "0001_cuestionario_diagnostico")]

    operations = [migrations.RunPython(sembrar, migrations.RunPython.noop)]
