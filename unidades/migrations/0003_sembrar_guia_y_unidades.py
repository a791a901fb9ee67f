"""Siembra la guía de instalación predeterminada y crea, sin iniciar, la unidad de cada
institución que ya existía."""

from django.db import migrations

from unidades.guia_predeterminada import PASOS


def sembrar(apps, schema_editor):
    PasoGuia = apps.get_model("unidades", "PasoGuia")
    Dependencia = apps.get_model("unidades", "Dependencia")
    Unidad = apps.get_model("unidades", "Unidad")
    for paso in PASOS:
        PasoGuia.objects.get_or_create(clave=paso["clave"], defaults=paso)
    faltantes = Dependencia.objects.filter(unidad__isnull=True).values_list("pk", flat=True)
    Unidad.objects.bulk_create([Unidad(dependencia_id=pk) for pk in faltantes])


class Migration(migrations.Migration):
    dependencies = [("unidades", "0002_instalacion_y_reuniones")]

    operations = [migrations.RunPython(sembrar, migrations.RunPython.noop)]
