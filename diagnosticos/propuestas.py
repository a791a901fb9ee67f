"""Las propuestas de una institución: se redactan de su respuesta aceptada y la Coordinación las
revisa. La única casa de estas reglas: el servicio de aceptación, las vistas de revisión, el
diagnóstico situacional y el plan las piden aquí.

Redacción (`redactar`): por cada reactivo con puntos que la institución ve y contestó, y por
cada sección con índice, cuyo nivel (`Cuestionario.nivel`) queda debajo de «consolidado», se
copia el texto de propuesta de la versión para ese reactivo (o sección) y ese nivel. Un texto
de nivel «inicial» o «en desarrollo» gana al que vale para los dos. La prioridad es lo que el
reactivo (o la sección) le resta al índice general:

    (peso del reactivo / pesos de los reactivos que cuentan en su sección)
      × (peso de la sección / pesos de las secciones que cuentan en el general) × (100 − puntos)

y para una sección, (peso de la sección / pesos de las secciones) × (100 − índice). «Cuentan»
los mismos que cuenta `diagnosticos.puntaje.indices`: reactivos visibles y con puntos, y
secciones con índice y peso. Así, cerrar por completo la brecha de una propuesta sube el índice
general en su prioridad (mientras lo demás no cambie).

Una respuesta se redacta una sola vez: si ya tuvo propuestas (aunque después se hayan quitado
todas), no se crea nada, para que las ediciones y las eliminaciones de la Coordinación se
conserven. Todo cambio se niega cuando la propuesta ya se presentó o el diagnóstico situacional
de la respuesta ya se entregó.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from diagnosticos import resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import (
    DiagnosticoSituacional,
    Nivel,
    NivelDeTexto,
    Propuesta,
    Respuesta,
    TextoPropuesta,
)
from uig_portal.lib import concurrencia
from uig_portal.lib.ejes import Eje

CIEN = Decimal("100")
MILESIMO = Decimal("0.001")
CENTESIMO = Decimal("0.01")
#: Campos que la Coordinación edita de una propuesta.
CAMPOS_EDITABLES = ("eje", "texto", "objetivo", "indicador")
MAXIMO_INDICADOR = Propuesta._meta.get_field("indicador").max_length
Estado = Propuesta.Estado


# --- Redacción ----------------------------------------------------------------------------------


def ya_redactadas(respuesta):
    """¿La respuesta tiene o tuvo propuestas? Si las tuvo, no se vuelven a redactar."""
    return (
        Propuesta.objects.filter(respuesta_id=respuesta.pk).exists()
        or Propuesta.history.filter(respuesta_id=respuesta.pk).exists()
    )


def _textos_por_destino(version):
    """{destino: {nivel: [textos en orden]}} de la versión; el destino es `_destino(...)`."""
    textos = defaultdict(lambda: defaultdict(list))
    for texto in TextoPropuesta.objects.filter(version=version).order_by("orden", "pk"):
        textos[_destino(texto.seccion_id, texto.pregunta_id)][texto.nivel].append(texto)
    return textos


def _destino(seccion_id, pregunta_id):
    """Un texto de reactivo se busca por su reactivo; uno de sección, por su sección."""
    return ("pregunta", pregunta_id) if pregunta_id else ("seccion", seccion_id)


def textos_para(por_nivel, nivel):
    """Los textos que responden a `nivel`: los de ese nivel, o si no hay, los de cualquiera."""
    return por_nivel.get(nivel) or por_nivel.get(NivelDeTexto.CUALQUIERA) or []


def _cociente(parte, total):
    return parte / total if total else Decimal("0")


def _hallazgos(respuesta, estructura):
    """[(seccion, pregunta o None, puntos, prioridad)] de lo que queda debajo de «consolidado».

    Los puntos de cada reactivo son los de `resultados.detalle` (los de la página de
    resultados) y los índices de sección, los guardados en la respuesta.
    """
    cuestionario = estructura.version.cuestionario
    comparado = resultados.comparacion(respuesta, None, estructura)
    _valores, secciones = resultados.detalle(respuesta, estructura, comparado)
    indices = {
        s.seccion.codigo: resultados.decimal((respuesta.indices or {}).get(s.seccion.codigo))
        for s in secciones
    }
    peso_secciones = sum(
        (s.seccion.peso for s in secciones if indices[s.seccion.codigo] is not None),
        Decimal("0"),
    )
    hallazgos = []
    for detalle in secciones:
        seccion = detalle.seccion
        indice = indices[seccion.codigo]
        if indice is None:
            continue  # sin reactivos con puntos contestados: nada que proponer
        parte_general = _cociente(seccion.peso, peso_secciones)
        con_puntos = [f for f in detalle.filas if f.pregunta.da_puntos and f.puntos is not None]
        peso_reactivos = sum((f.pregunta.peso for f in con_puntos), Decimal("0"))
        if cuestionario.nivel(indice) != Nivel.CONSOLIDADO:
            hallazgos.append((seccion, None, indice, parte_general * (CIEN - indice)))
        for fila in con_puntos:
            if cuestionario.nivel(fila.puntos) == Nivel.CONSOLIDADO:
                continue
            prioridad = (
                _cociente(fila.pregunta.peso, peso_reactivos) * parte_general * (CIEN - fila.puntos)
            )
            hallazgos.append((seccion, fila.pregunta, fila.puntos, prioridad))
    return hallazgos


def redactar(respuesta, usuario=None) -> list[Propuesta]:
    """Redacta las propuestas de una respuesta aceptada con los textos de su versión.

    Devuelve las propuestas creadas, en orden (prioridad de mayor a menor, luego el orden de
    la sección y del reactivo); una lista vacía si la respuesta ya tuvo propuestas o si ningún
    hallazgo tiene texto. Lanza `ValidationError` si la respuesta no está aceptada.
    """
    with transaction.atomic():
        # La fila bloqueada: dos clics en «Redactar» no redactan dos veces.
        respuesta = (
            Respuesta.objects.select_for_update(of=("self",))
            .select_related("aplicacion__version__cuestionario", "dependencia")
            .get(pk=respuesta.pk)
        )
        if respuesta.estado != Respuesta.Estado.ACEPTADA:
            raise ValidationError(
                _("Solo se redactan propuestas de una respuesta aceptada por la Coordinación.")
            )
        if ya_redactadas(respuesta):
            return []
        version = respuesta.aplicacion.version
        estructura = Estructura(version)
        textos = _textos_por_destino(version)
        cuestionario = version.cuestionario
        candidatas = []
        for seccion, pregunta, puntos, prioridad in _hallazgos(respuesta, estructura):
            # Se ordena por la prioridad que se guarda y se muestra: a igual prioridad
            # redondeada decide el orden del cuestionario, no un residuo de la división.
            prioridad = prioridad.quantize(MILESIMO, rounding=ROUND_HALF_UP)
            por_nivel = textos.get(_destino(seccion.pk, pregunta.pk if pregunta else None), {})
            for texto in textos_para(por_nivel, cuestionario.nivel(puntos)):
                clave = (
                    -prioridad,
                    seccion.orden,
                    seccion.pk,
                    -1 if pregunta is None else pregunta.orden,
                    0 if pregunta is None else pregunta.pk,
                    texto.orden,
                    texto.pk,
                )
                candidatas.append((clave, seccion, pregunta, puntos, prioridad, texto))
        candidatas.sort(key=lambda c: c[0])
        propuestas = [
            Propuesta(
                respuesta=respuesta,
                dependencia_id=respuesta.dependencia_id,
                texto_origen=texto,
                seccion_codigo=seccion.codigo,
                pregunta_codigo=pregunta.codigo if pregunta else "",
                puntos=puntos.quantize(CENTESIMO, rounding=ROUND_HALF_UP),
                prioridad=prioridad,
                eje=texto.eje,
                texto=texto.texto,
                objetivo=texto.objetivo,
                indicador=texto.indicador,
                orden=orden,
            )
            for orden, (_clave, seccion, pregunta, puntos, prioridad, texto) in enumerate(
                candidatas, start=1
            )
        ]
        if not propuestas:
            return []
        return bulk_create_with_history(propuestas, Propuesta, default_user=usuario)


# --- Revisión de la Coordinación -----------------------------------------------------------------


def entregado(respuesta):
    """¿Ya se registró la entrega del diagnóstico situacional de la respuesta?"""
    respuesta_id = getattr(respuesta, "pk", respuesta)
    return DiagnosticoSituacional.objects.filter(
        respuesta_id=respuesta_id, entregado_el__isnull=False
    ).exists()


def _exigir_respuesta_abierta(respuesta):
    if entregado(respuesta):
        raise ValidationError(
            _(
                "El diagnóstico situacional de esta institución ya se entregó: sus propuestas "
                "ya no cambian."
            )
        )


def _exigir_editable(propuesta):
    if not propuesta.editable:
        raise ValidationError(_("Esta propuesta ya se presentó a la institución y ya no cambia."))
    _exigir_respuesta_abierta(propuesta.respuesta_id)


def _bloquear(propuesta):
    return Propuesta.objects.select_for_update().get(pk=propuesta.pk)


def limpiar(datos):
    """Los campos editables de `datos`, sin espacios sobrantes, o `ValidationError` por campo.

    La propuesta necesita su texto y un eje válido; el objetivo y el indicador son opcionales.
    """
    limpios = {campo: str(datos.get(campo) or "").strip() for campo in CAMPOS_EDITABLES}
    errores = {}
    if limpios["eje"] not in Eje.values:
        errores["eje"] = _("Elija el eje temático de la propuesta.")
    if not limpios["texto"]:
        errores["texto"] = _("Escriba el texto de la propuesta.")
    if len(limpios["indicador"]) > MAXIMO_INDICADOR:
        errores["indicador"] = _(
            "El indicador sugerido no puede pasar de %(n)s caracteres; ahora tiene %(m)s."
        ) % {"n": MAXIMO_INDICADOR, "m": len(limpios["indicador"])}
    if errores:
        raise ValidationError(errores)
    return limpios


def agregar(respuesta, *, eje, texto, objetivo="", indicador="", usuario=None) -> Propuesta:
    """Agrega al final una propuesta escrita por la Coordinación (sin reactivo de origen)."""
    datos = limpiar({"eje": eje, "texto": texto, "objetivo": objetivo, "indicador": indicador})
    with transaction.atomic():
        respuesta = Respuesta.objects.select_for_update(of=("self",)).get(pk=respuesta.pk)
        if respuesta.estado != Respuesta.Estado.ACEPTADA:
            raise ValidationError(
                _("Solo se agregan propuestas a una respuesta aceptada por la Coordinación.")
            )
        _exigir_respuesta_abierta(respuesta)
        mayor = respuesta.propuestas.aggregate(mayor=Max("orden"))["mayor"] or 0
        propuesta = Propuesta(
            respuesta=respuesta,
            dependencia_id=respuesta.dependencia_id,
            orden=mayor + 1,
            **datos,
        )
        propuesta._history_user = usuario
        propuesta.save()
    return propuesta


def editar(propuesta, datos, revision, usuario=None) -> Propuesta:
    """Guarda eje, texto, objetivo e indicador si `revision` es la vigente.

    Lanza `concurrencia.EdicionVieja` si alguien guardó la propuesta en medio y
    `ValidationError` si los datos no sirven o la propuesta ya no se edita; en ambos casos no
    se guarda nada.
    """
    limpios = limpiar(datos)
    with transaction.atomic():
        actual = _bloquear(propuesta)
        _exigir_editable(actual)
        concurrencia.avanzar(
            actual, revision, que=_("esta propuesta"), usuario=usuario, momento="actualizada"
        )
        for campo, valor in limpios.items():
            setattr(actual, campo, valor)
        actual._history_user = usuario
        actual.save(update_fields=[*CAMPOS_EDITABLES, "revision", "actualizada"])
    return actual


def eliminar(propuesta, usuario=None):
    """Quita una propuesta que aún no se presenta."""
    with transaction.atomic():
        actual = _bloquear(propuesta)
        _exigir_editable(actual)
        actual._history_user = usuario
        actual.delete()


def _cambiar_estado(propuesta, desde, hacia, usuario, mensaje_ya):
    with transaction.atomic():
        actual = _bloquear(propuesta)
        _exigir_editable(actual)
        if actual.estado == hacia:
            raise ValidationError(mensaje_ya)
        if actual.estado != desde:
            raise ValidationError(
                _("La propuesta está «%(estado)s»; no puede cambiar así.")
                % {"estado": actual.get_estado_display()}
            )
        actual.estado = hacia
        actual._history_user = usuario
        actual.save(update_fields=["estado", "actualizada"])
    return actual


def marcar_lista(propuesta, usuario=None) -> Propuesta:
    """Por revisar → lista para presentar."""
    return _cambiar_estado(
        propuesta,
        Estado.BORRADOR,
        Estado.LISTA,
        usuario,
        _("La propuesta ya estaba lista para presentar."),
    )


def volver_a_revisar(propuesta, usuario=None) -> Propuesta:
    """Lista para presentar → por revisar."""
    return _cambiar_estado(
        propuesta,
        Estado.LISTA,
        Estado.BORRADOR,
        usuario,
        _("La propuesta ya estaba por revisar."),
    )


def marcar_todas_listas(respuesta, usuario=None) -> int:
    """Marca listas todas las propuestas por revisar de la respuesta; devuelve cuántas."""
    with transaction.atomic():
        _exigir_respuesta_abierta(respuesta)
        pendientes = list(
            Propuesta.objects.select_for_update()
            .filter(respuesta_id=respuesta.pk, estado=Estado.BORRADOR)
            .order_by("orden", "pk")
        )
        ahora = timezone.now()
        for propuesta in pendientes:
            propuesta.estado = Estado.LISTA
            propuesta.actualizada = ahora
        if pendientes:
            bulk_update_with_history(
                pendientes, Propuesta, ["estado", "actualizada"], default_user=usuario
            )
    return len(pendientes)


def conteo(propuestas):
    """{estado: cuántas} de una lista de propuestas ya leída (sin consultas)."""
    cuenta = dict.fromkeys(Estado.values, 0)
    for propuesta in propuestas:
        cuenta[propuesta.estado] += 1
    return cuenta
