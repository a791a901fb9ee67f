"""Siembra los catálogos de alineación: atribuciones I–IX de la Coordinación y estrategias
2.10.1–2.10.6 del PED 2022–2027, tal como vienen en los documentos fuente."""

from django.db import migrations

from planes.alineacion_predeterminada import ATRIBUCIONES, ESTRATEGIAS_PED


def sembrar(apps, schema_editor):
    Alineacion = apps.get_model("planes", "Alineacion")
    for tipo, elementos in (("atribucion", ATRIBUCIONES), ("ped", ESTRATEGIAS_PED)):
        for clave, descripcion in elementos:
            Alineacion.objects.get_or_create(tipo=tipo, clave=clave, defaults={"descripcion": descripcion})


class Migration(migrations.Migration):
    dependencies = [("planes", "0001_planes_de_trabajo")]

    operations = [migrations.RunPython(sembrar, migrations.RunPython.noop)]
