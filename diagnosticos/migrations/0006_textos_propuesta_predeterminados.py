"""Siembra los textos de propuesta de la versión 1 del instrumento predeterminado.

Solo si esa versión existe y aún no tiene textos: en una base nueva la 0002 creó el instrumento
antes de que existiera la tabla de textos; en una base con el instrumento ya en uso, los textos
llegan ahora. Usa los modelos históricos (`apps`), nunca los vivos.
"""

from django.db import migrations

from diagnosticos.propuestas_predeterminadas import sembrar_textos_predeterminados


def sembrar(apps, schema_editor):
    sembrar_textos_predeterminados(apps)


class Migration(migrations.Migration):
    dependencies = [("diagnosticos", "0005_propuestas_y_presupuesto")]

    operations = [migrations.RunPython(sembrar, migrations.RunPython.noop)]
