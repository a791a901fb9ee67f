"""El diseño de un cuestionario: copiar una versión, revisarla y cuidar que no cambie en uso.

Una versión que ya usa una ronda es inmutable: las respuestas guardadas apuntan a sus
preguntas, y sus puntajes y exportaciones deben seguir iguales. Para cambiarla se copia en la
versión siguiente con `copiar_version` y se edita la copia; los códigos de sección y de
pregunta se conservan, y con ellos se comparan las rondas entre sí.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from diagnosticos import condiciones
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import (
    Cuestionario,
    Opcion,
    Pregunta,
    Seccion,
    TextoPropuesta,
    Version,
)

Tipo = Pregunta.Tipo


class VersionEnUso(Exception):
    """Se intentó cambiar una versión que ya usa una ronda."""

    def __init__(self, version):
        self.version = version
        self.mensaje = _(
            "Esta versión ya se usó en una ronda y no cambia; para editarla cree una versión nueva."
        )
        super().__init__(self.mensaje)


def version_editable(version):
    """¿Se pueden cambiar sus secciones y preguntas? Solo si ninguna ronda la usa."""
    return not version.en_uso


def exigir_editable(version):
    """Lanza `VersionEnUso` si la versión ya la usa una ronda."""
    if version.en_uso:
        raise VersionEnUso(version)


def bloquear_version(pk):
    """La versión con su fila bloqueada hasta el fin de la transacción, y editable.

    Se bloquea para que dos ediciones de orden (mover, agregar) no se crucen; lanza
    `VersionEnUso` si ya la usa una ronda. Llamar dentro de `transaction.atomic()`.
    """
    version = Version.objects.select_for_update().get(pk=pk)
    exigir_editable(version)
    return version


def _copia(objeto, **cambios):
    """Un objeto nuevo del mismo modelo con los campos de `objeto` (sin pk) y los `cambios`."""
    campos = {
        campo.attname: getattr(objeto, campo.attname)
        for campo in objeto._meta.concrete_fields
        if not campo.primary_key
    }
    campos.update(cambios)
    return type(objeto)(**campos)


def copiar_version(version, *, notas=""):
    """Crea la versión siguiente del cuestionario con todo el contenido de `version`.

    Copia secciones, preguntas (condición, pesos, reglas, límites, evidencia), opciones y los
    textos de propuesta (cada uno con la sección o la pregunta copiada que le toca). El
    número es el siguiente al mayor del cuestionario, no al de `version`: copiar la versión 1
    cuando ya existe la 3 crea la 4. El cuestionario se bloquea para que dos clics seguidos no
    creen dos versiones con el mismo número.
    """
    with transaction.atomic():
        cuestionario = Cuestionario.objects.select_for_update().get(pk=version.cuestionario_id)
        mayor = cuestionario.versiones.aggregate(mayor=Max("numero"))["mayor"] or 0
        nueva = Version.objects.create(cuestionario=cuestionario, numero=mayor + 1, notas=notas)
        estructura = Estructura(version)
        opciones = []
        secciones, preguntas = {}, {}
        for seccion in estructura.secciones:
            seccion_nueva = _copia(seccion, version_id=nueva.pk)
            seccion_nueva.save()
            secciones[seccion.pk] = seccion_nueva.pk
            for pregunta in seccion.preguntas_en_orden:
                pregunta_nueva = _copia(pregunta, seccion_id=seccion_nueva.pk)
                pregunta_nueva.save()
                preguntas[pregunta.pk] = pregunta_nueva.pk
                opciones.extend(
                    _copia(opcion, pregunta_id=pregunta_nueva.pk)
                    for opcion in pregunta.opciones.all()
                )
        Opcion.objects.bulk_create(opciones)
        TextoPropuesta.objects.bulk_create(
            _copia(
                texto,
                version_id=nueva.pk,
                seccion_id=secciones[texto.seccion_id],
                pregunta_id=preguntas.get(texto.pregunta_id),
            )
            for texto in TextoPropuesta.objects.filter(version=version).order_by("pk")
            if texto.seccion_id in secciones
            and (texto.pregunta_id is None or texto.pregunta_id in preguntas)
        )
    return nueva


# --- Revisión de una versión -------------------------------------------------------------------


def validar_version(version, estructura=None):
    """Lo que está mal en una versión, en español (lista vacía si está lista para usarse).

    Revisa lo que la base no puede garantizar: códigos de pregunta repetidos entre secciones,
    condiciones que miran preguntas posteriores o valores que no existen, preguntas de opción
    sin opciones y reglas de puntos incompletas. Acepta una `Estructura` ya cargada para no
    repetir consultas.
    """
    estructura = estructura or Estructura(version)
    errores = []
    if not estructura.preguntas:
        errores.append(_("La versión todavía no tiene preguntas."))
    vistas = {}
    anteriores = {}
    for seccion in estructura.secciones:
        for pregunta in seccion.preguntas_en_orden:
            errores.extend(_errores_de_pregunta(pregunta, anteriores))
            primera = vistas.get(pregunta.codigo)
            if primera is not None and primera is not seccion:
                errores.append(
                    _(
                        "El código de pregunta «%(codigo)s» se repite en las secciones "
                        "«%(primera)s» y «%(segunda)s»; cada pregunta necesita un código único "
                        "en la versión."
                    )
                    % {
                        "codigo": pregunta.codigo,
                        "primera": primera.titulo,
                        "segunda": seccion.titulo,
                    }
                )
            vistas.setdefault(pregunta.codigo, seccion)
            anteriores.setdefault(pregunta.codigo, pregunta)
    return errores


def _errores_de_pregunta(pregunta, anteriores):
    prefijo = _("Pregunta «%(codigo)s»:") % {"codigo": pregunta.codigo}
    errores = [f"{prefijo} {e}" for e in condiciones.errores(pregunta.condicion, anteriores)]
    errores.extend(f"{prefijo} {e}" for _campo, e in errores_de_configuracion(pregunta))
    if pregunta.tiene_opciones and not pregunta.opciones.all():
        errores.append(f"{prefijo} {_('es de opción y no tiene opciones para elegir.')}")
    return errores


def errores_de_configuracion(pregunta):
    """[(campo, mensaje)] de tipo, límites y regla de puntos de una pregunta.

    El mensaje empieza en minúscula: se muestra tras «Pregunta «código»:» en la revisión.
    """
    errores = []
    numerica = pregunta.tipo in V.NUMERICOS
    if pregunta.regla and not numerica:
        errores.append(
            (
                "regla",
                _("la regla de puntos «%(regla)s» solo aplica a preguntas numéricas.")
                % {"regla": pregunta.get_regla_display()},
            )
        )
    if (
        numerica
        and pregunta.regla == Pregunta.Regla.META
        and not (pregunta.meta is not None and pregunta.meta > 0)
    ):
        errores.append(("meta", _("la regla «meta» necesita una meta mayor que cero.")))
    if (
        pregunta.minimo is not None
        and pregunta.maximo is not None
        and pregunta.minimo > pregunta.maximo
    ):
        errores.append(("maximo", _("el valor mínimo es mayor que el máximo.")))
    return errores


# --- Preguntas anteriores y dependencias -------------------------------------------------------


def anteriores_a(estructura, *, pregunta=None, seccion=None):
    """{código: Pregunta} de las preguntas que responden y van antes de `pregunta`.

    Sin `pregunta`, las anteriores a una pregunta nueva que se agrega al final de `seccion`.
    Las notas no se contestan, así que una condición no puede mirarlas.
    """
    resultado = {}
    for actual in estructura.secciones:
        for otra in actual.preguntas_en_orden:
            if pregunta is not None and otra.pk == pregunta.pk:
                return resultado
            if otra.responde:
                resultado.setdefault(otra.codigo, otra)
        if pregunta is None and seccion is not None and actual.pk == seccion.pk:
            return resultado
    return resultado


def dependientes(estructura, codigo, *, excluir=()):
    """Preguntas cuya condición mira la pregunta de `codigo`."""
    return [
        p
        for p in estructura.preguntas
        if p.pk not in excluir
        and any(regla.get("pregunta") == codigo for regla in condiciones.reglas(p.condicion))
    ]


# --- Orden ---------------------------------------------------------------------------------------


def mover(objeto, hermanos, direccion):
    """Sube o baja `objeto` un lugar entre `hermanos` (en su orden actual) y renumera.

    Devuelve False si ya era el primero o el último. Se renumera a todos para que los órdenes
    repetidos (0 por omisión) no hagan que un intercambio no cambie nada.
    """
    lista = list(hermanos)
    posicion = next(i for i, h in enumerate(lista) if h.pk == objeto.pk)
    destino = posicion - 1 if direccion == "arriba" else posicion + 1
    if direccion not in ("arriba", "abajo") or not (0 <= destino < len(lista)):
        return False
    lista[posicion], lista[destino] = lista[destino], lista[posicion]
    for orden, hermano in enumerate(lista):
        hermano.orden = orden
    type(objeto).objects.bulk_update(lista, ["orden"])
    return True


def siguiente_orden(queryset):
    return (queryset.aggregate(mayor=Max("orden"))["mayor"] or 0) + 1


def secciones_de(version):
    return Seccion.objects.filter(version=version).order_by("orden", "pk")


def preguntas_de(seccion):
    return Pregunta.objects.filter(seccion=seccion).order_by("orden", "pk")
