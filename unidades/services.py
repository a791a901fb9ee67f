"""Operaciones de unidades que tocan varios modelos a la vez."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from uig_portal.lib.archivos import validar_documento
from unidades import notificaciones
from unidades.guia_predeterminada import PASOS, REGISTROS_AUTOMATICOS
from unidades.models import Dependencia, Evidencia, Integrante, PasoGuia, Unidad


@transaction.atomic
def dependencia_crear(*, datos):
    """Crea una institución con su unidad, sin iniciar."""
    dependencia = Dependencia.objects.create(**datos)
    Unidad.objects.create(dependencia=dependencia)
    return dependencia


def guia_asegurar_predeterminada():
    """Crea los pasos de la guía que falten, con su texto predeterminado; no toca los editados."""
    creados = 0
    for paso in PASOS:
        datos = {**paso, "registro_automatico": REGISTROS_AUTOMATICOS.get(paso["clave"], "")}
        _, nuevo = PasoGuia.objects.get_or_create(clave=paso["clave"], defaults=datos)
        creados += nuevo
    return creados


@transaction.atomic
def integrante_designar(*, unidad, datos):
    """Registra a una persona en la unidad.

    Una unidad tiene a lo más una persona titular y un enlace vigentes: al designar a otra,
    la anterior queda dada de baja con la misma fecha, y su registro se conserva.
    """
    integrante = Integrante(unidad=unidad, **datos)
    integrante.full_clean()
    if integrante.cargo_en_unidad in (Integrante.Cargo.TITULAR, Integrante.Cargo.ENLACE):
        for anterior in unidad.integrantes.vigentes().filter(
            cargo_en_unidad=integrante.cargo_en_unidad
        ):
            anterior.fecha_baja = max(integrante.fecha_designacion, anterior.fecha_designacion)
            anterior.motivo_baja = _("Sustituida por %(nombre)s") % {"nombre": integrante.nombre}
            anterior.save(update_fields=["fecha_baja", "motivo_baja"])
    integrante.save()
    return integrante


def evidencia_subir(*, unidad, paso, archivo, usuario):
    """Valida el archivo por su contenido y lo guarda como evidencia por revisar.

    Un paso que el portal registra (asesoría, diagnóstico, plan, informe) no recibe evidencia.
    """
    if paso.registro_automatico:
        raise ValidationError(
            _("«%(paso)s» no lleva evidencia. %(como)s")
            % {"paso": paso.titulo, "como": paso.como_se_cumple}
        )
    tipo, _extension = validar_documento(archivo)
    return Evidencia.objects.create(
        unidad=unidad,
        paso=paso,
        archivo=archivo,
        nombre_original=archivo.name[:255],
        tipo_contenido=tipo,
        tamano=archivo.size,
        subida_por=usuario,
    )


@transaction.atomic
def evidencia_revisar(*, evidencia, usuario, validar, comentario=""):
    """Valida o rechaza la evidencia (ver `Evidencia.revisar`).

    La fila queda bloqueada mientras se revisa: dos revisiones a la vez producen una sola (la
    segunda ve que ya se revisó). Si se rechaza, el motivo se envía por correo a las personas
    responsables de la institución; devuelve el `Reparto` de ese aviso (None si se validó).
    """
    bloqueada = Evidencia.objects.select_for_update().get(pk=evidencia.pk)
    bloqueada.revisar(usuario=usuario, validar=validar, comentario=comentario)
    for campo in ("estado", "comentario", "revisada_por", "revisada_en"):
        setattr(evidencia, campo, getattr(bloqueada, campo))
    if validar:
        return None
    return notificaciones.avisar_evidencia_rechazada(evidencia)
