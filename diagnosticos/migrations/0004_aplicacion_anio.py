from django.db import migrations, models


def anio_de_la_apertura(apps, schema_editor):
    # Las rondas que ya existen pertenecen al año en que abrieron.
    for modelo in ("Aplicacion", "HistoricalAplicacion"):
        Modelo = apps.get_model("diagnosticos", modelo)
        for pk, apertura in Modelo.objects.values_list("pk", "apertura"):
            Modelo.objects.filter(pk=pk).update(anio=apertura.year)


class Migration(migrations.Migration):
    dependencies = [("diagnosticos", "0003_respuesta_devuelta")]

    operations = [
        migrations.AddField(
            model_name="aplicacion",
            name="anio",
            field=models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="ejercicio"),
        ),
        migrations.AddField(
            model_name="historicalaplicacion",
            name="anio",
            field=models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="ejercicio"),
        ),
        migrations.RunPython(anio_de_la_apertura, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="aplicacion",
            name="anio",
            field=models.PositiveSmallIntegerField(
                blank=True,
                db_index=True,
                help_text=(
                    "El año cuyas cifras mide la ronda. Por omisión, el año de la apertura; una "
                    "ronda del año siguiente abierta en diciembre lleva el año siguiente."
                ),
                verbose_name="ejercicio",
            ),
        ),
        migrations.AlterField(
            model_name="historicalaplicacion",
            name="anio",
            field=models.PositiveSmallIntegerField(
                blank=True,
                db_index=True,
                help_text=(
                    "El año cuyas cifras mide la ronda. Por omisión, el año de la apertura; una "
                    "ronda del año siguiente abierta en diciembre lleva el año siguiente."
                ),
                verbose_name="ejercicio",
            ),
        ),
    ]
