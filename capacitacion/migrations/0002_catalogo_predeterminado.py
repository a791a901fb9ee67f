from django.db import migrations

from capacitacion.catalogo_predeterminado import asegurar_catalogo


def sembrar(apps, schema_editor):
    asegurar_catalogo(
        apps.get_model("capacitacion", "EstandarCompetencia"),
        apps.get_model("capacitacion", "Programa"),
    )


class Migration(migrations.Migration):
    dependencies = [("capacitacion", "0001_initial")]

    operations = [migrations.RunPython(sembrar, migrations.RunPython.noop)]
