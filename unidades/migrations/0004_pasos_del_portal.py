"""Los pasos de la guía que el portal mismo registra (asesoría, diagnóstico, plan e informe):
el campo `registro_automatico` y su valor en los cuatro pasos predeterminados.

Los pasos ya no piden documentos: si la Coordinación no había cambiado el texto predeterminado,
se borra; si lo había editado, se respeta. Los datos van aquí, congelados, y no se importan del
código vivo.
"""

from django.db import migrations, models

#: clave del paso → (registro que lo cumple, texto de «documentos» que traía la guía).
PASOS_DEL_PORTAL = {
    "asesoria": ("asesoria", "Lista de asistencia o minuta de la asesoría."),
    "diagnostico": ("diagnostico", "Comprobante del cuestionario diagnóstico enviado."),
    "plan": ("plan", "Plan de trabajo anual aprobado."),
    "informe": ("informe", "Informe trimestral de seguimiento."),
}

REGISTROS = [
    ("asesoria", "Una asesoría registrada en el portal"),
    ("diagnostico", "El diagnóstico aceptado por la Coordinación"),
    ("plan", "Un plan de trabajo aprobado"),
    ("informe", "El primer informe trimestral enviado"),
]


def campo():
    return models.CharField(
        blank=True,
        choices=REGISTROS,
        help_text=(
            "El registro del portal que cumple este paso sin subir evidencia. Vacío: el paso se "
            "cumple con una evidencia que la Coordinación valida."
        ),
        max_length=20,
        verbose_name="lo registra el portal",
    )


def marcar(apps, schema_editor):
    PasoGuia = apps.get_model("unidades", "PasoGuia")
    for clave, (registro, documentos) in PASOS_DEL_PORTAL.items():
        PasoGuia.objects.filter(clave=clave, registro_automatico="").update(
            registro_automatico=registro
        )
        PasoGuia.objects.filter(clave=clave, documentos=documentos).update(documentos="")


def desmarcar(apps, schema_editor):
    PasoGuia = apps.get_model("unidades", "PasoGuia")
    for clave, (_registro, documentos) in PASOS_DEL_PORTAL.items():
        PasoGuia.objects.filter(clave=clave, documentos="").update(documentos=documentos)


class Migration(migrations.Migration):
    dependencies = [("unidades", "0003_sembrar_guia_y_unidades")]

    operations = [
        migrations.AddField(
            model_name="historicalpasoguia", name="registro_automatico", field=campo()
        ),
        migrations.AddField(model_name="pasoguia", name="registro_automatico", field=campo()),
        migrations.RunPython(marcar, desmarcar),
    ]
