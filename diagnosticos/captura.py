"""Captura de la respuesta al diagnóstico: guardar una pregunta y enviar la respuesta.

Cada pregunta se guarda por separado con su número de revisión (`Valor.revision`): varias
personas de una institución pueden trabajar a la vez en secciones distintas, y un guardado
hecho sobre una revisión vieja se rechaza con `EdicionVieja` (`uig_portal.lib.concurrencia`)
en lugar de pisar lo que otra persona guardó. Guardar y enviar bloquean primero la fila de la respuesta, en ese orden siempre, para
que un guardado no se cuele en una respuesta que se está enviando y para que el avance que se
guarda cuente todos los valores ya confirmados.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import Respuesta, Valor
from uig_portal.lib import concurrencia
from uig_portal.lib.correo import correos_coordinacion, enlace, enviar_al_confirmar


class NoEditable(Exception):
    """La respuesta no se puede modificar: ya se envió, se aceptó o su ronda no ha abierto."""

    def __init__(self, mensaje, respuesta=None):
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.respuesta = respuesta


#: Lo que se edita, para el aviso de una edición vieja.
QUE = gettext_lazy("esta pregunta")


def _conflicto(valor, usuario=None):
    """La `EdicionVieja` de la pregunta, con quién y a qué hora la guardó."""
    return concurrencia.edicion_vieja(valor, que=QUE, usuario=usuario, autor=valor.actualizado_por)


def mensaje_no_editable(respuesta):
    aplicacion = respuesta.aplicacion
    if respuesta.estado == Respuesta.Estado.ENVIADA:
        return _(
            "La respuesta ya se envió a la Coordinación y no se puede modificar; podrá "
            "corregirla si se la devuelven con observaciones."
        )
    if respuesta.estado == Respuesta.Estado.ACEPTADA:
        return _("La Coordinación ya aceptó esta respuesta: no se puede modificar.")
    if not aplicacion.abierta:
        return _("La ronda «%(ronda)s» abre el %(fecha)s; todavía no se puede responder.") % {
            "ronda": aplicacion.nombre,
            "fecha": date_format(aplicacion.apertura, "d/m/Y"),
        }
    return _("La respuesta no se puede modificar en su estado actual.")


def puede_editarse(respuesta):
    return respuesta.editable and respuesta.aplicacion.abierta


def _bloquear(respuesta):
    """La respuesta con su fila bloqueada hasta el fin de la transacción, si sigue editable."""
    bloqueada = (
        Respuesta.objects.select_for_update(of=("self",))
        .select_related("aplicacion__version", "dependencia")
        .get(pk=respuesta.pk)
    )
    if not puede_editarse(bloqueada):
        raise NoEditable(mensaje_no_editable(bloqueada), bloqueada)
    return bloqueada


def _valor_bloqueado(respuesta, pregunta, usuario=None):
    """El Valor de la pregunta con su fila bloqueada; se crea vacío (revisión 0) si no existe."""
    try:
        with transaction.atomic():
            valor, _creado = Valor.objects.select_for_update().get_or_create(
                respuesta=respuesta, pregunta=pregunta
            )
    except IntegrityError:
        # Otra petición lo creó al mismo tiempo: lo que ella guardó es más nuevo.
        raise _conflicto(
            Valor.objects.select_related("actualizado_por").get(
                respuesta=respuesta, pregunta=pregunta
            ),
            usuario,
        ) from None
    return valor


def obtener_valor_para_evidencia(respuesta, pregunta):
    """El Valor al que se cuelga una evidencia (se crea vacío si no existe), con la respuesta
    bloqueada y editable. Debe llamarse dentro de una transacción."""
    bloqueada = _bloquear(respuesta)
    return bloqueada, _valor_bloqueado(bloqueada, pregunta)


def _poner_al_dia(respuesta, estructura, ahora):
    """Guarda el avance (y el paso a «en progreso») con un UPDATE de esos campos solamente."""
    valores = estructura.valores_de(respuesta)
    cambios = {"avance": estructura.porcentaje(valores)}
    if respuesta.estado == Respuesta.Estado.SIN_INICIAR:
        cambios["estado"] = Respuesta.Estado.EN_PROGRESO
    if respuesta.iniciada_en is None:
        cambios["iniciada_en"] = ahora
    Respuesta.objects.filter(pk=respuesta.pk).update(**cambios)
    for campo, dato in cambios.items():
        setattr(respuesta, campo, dato)
    return valores


def guardar_valor(
    respuesta, pregunta, *, valor, comentario=None, revision, usuario, estructura=None
):
    """Guarda la respuesta a una pregunta y devuelve el Valor guardado.

    `valor` es lo que llegó del formulario (texto o lista de textos); `comentario` None no toca
    el comentario guardado; `revision` es la revisión que la persona tenía en pantalla (0 si
    la pregunta nunca se había guardado). Lanza ValidationError (nada se guarda),
    `concurrencia.EdicionVieja` o `NoEditable`.
    """
    normalizado = V.normalizar(pregunta, valor)
    if comentario is not None:
        comentario = str(comentario).strip()
        if len(comentario) > V.LARGO_MAXIMO_TEXTO:
            raise ValidationError(
                _("El comentario tiene %(largo)s caracteres; el máximo es %(maximo)s.")
                % {"largo": len(comentario), "maximo": V.LARGO_MAXIMO_TEXTO},
                code="largo",
            )
    with transaction.atomic():
        respuesta_bloqueada = _bloquear(respuesta)
        if estructura is None:
            estructura = Estructura(respuesta_bloqueada.aplicacion.version)
        if pregunta.pk not in estructura.por_id:
            raise ValidationError(
                _("La pregunta no es de este cuestionario."), code="pregunta_ajena"
            )
        actual = _valor_bloqueado(respuesta_bloqueada, pregunta, usuario)
        if revision != actual.revision:
            raise _conflicto(
                Valor.objects.select_related("actualizado_por").get(pk=actual.pk), usuario
            )
        sin_cambios = actual.valor == normalizado and (
            comentario is None or comentario == actual.comentario
        )
        if sin_cambios:
            return actual
        actual.valor = normalizado
        if comentario is not None:
            actual.comentario = comentario
        actual.revision = concurrencia.avanzar(actual, revision, que=QUE, usuario=usuario)
        actual.actualizado_por = usuario
        actual.save()
        _poner_al_dia(respuesta_bloqueada, estructura, timezone.now())
    respuesta.estado = respuesta_bloqueada.estado
    respuesta.avance = respuesta_bloqueada.avance
    respuesta.iniciada_en = respuesta_bloqueada.iniciada_en
    return actual


def enviar(respuesta, usuario):
    """Envía la respuesta a la Coordinación si nada falta; devuelve la lista de `Faltante`
    (vacía = enviada). Dos envíos simultáneos hacen uno solo: el segundo ve NoEditable."""
    with transaction.atomic():
        bloqueada = _bloquear(respuesta)
        estructura = Estructura(bloqueada.aplicacion.version)
        valores = estructura.valores_de(bloqueada)
        faltantes = estructura.faltantes(valores)
        if faltantes:
            return faltantes
        reenvio = bloqueada.estado == Respuesta.Estado.DEVUELTA
        ahora = timezone.now()
        estructura.actualizar(bloqueada, valores)
        bloqueada.estado = Respuesta.Estado.ENVIADA
        bloqueada.enviada_en = ahora
        if bloqueada.iniciada_en is None:
            bloqueada.iniciada_en = ahora
        bloqueada._change_reason = _("Enviada por %(persona)s") % {"persona": usuario}
        # Fuera de una petición (comandos, pruebas) el historial no sabe quién fue si no se dice.
        bloqueada._history_user = usuario
        bloqueada.save(
            update_fields=["estado", "enviada_en", "iniciada_en", "avance", "indice", "indices"]
        )
        _avisar_envio(bloqueada, usuario, reenvio=reenvio)
    for campo in ("estado", "enviada_en", "iniciada_en", "avance", "indice", "indices"):
        setattr(respuesta, campo, getattr(bloqueada, campo))
    return []


def _avisar_envio(respuesta, usuario, *, reenvio):
    dependencia = respuesta.dependencia
    if reenvio:
        asunto = _("%(siglas)s reenvió su diagnóstico «%(ronda)s» con las correcciones")
    else:
        asunto = _("%(siglas)s envió su diagnóstico «%(ronda)s»")
    enviar_al_confirmar(
        asunto % {"siglas": dependencia.siglas, "ronda": respuesta.aplicacion.nombre},
        "diagnosticos/correo_respuesta_enviada.txt",
        {
            "respuesta": respuesta,
            "dependencia": dependencia,
            "aplicacion": respuesta.aplicacion,
            "persona": usuario,
            "reenvio": reenvio,
            "enlace": enlace("diagnosticos:responder", respuesta.pk),
        },
        correos_coordinacion(),
    )


def eliminar_evidencia(evidencia):
    """Elimina una evidencia de una respuesta que sigue editable (y su archivo, al confirmar)."""
    with transaction.atomic():
        _bloquear(evidencia.valor.respuesta)
        archivo = evidencia.archivo
        evidencia.delete()
        if archivo:
            nombre, almacen = archivo.name, archivo.storage
            transaction.on_commit(lambda: almacen.delete(nombre), robust=True)
