"""El formulario de una sección del diagnóstico, pregunta por pregunta.

No es un `forms.Form` de Django: cada pregunta se guarda sola (autoguardado) con su propia
revisión, y sus controles dependen del tipo de la pregunta. `filas` arma lo que la plantilla
necesita para dibujar cada pregunta —con lo guardado o con lo que la persona acaba de escribir
si no se pudo guardar— y `datos_de_pregunta` lee lo que llega de una pregunta en un POST.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from diagnosticos import condiciones
from diagnosticos import valores as V
from diagnosticos.models import Pregunta

Tipo = Pregunta.Tipo

#: Tipos que se contestan eligiendo una sola opción (radios).
UNA_OPCION = (Tipo.SI_NO, Tipo.ESCALA, Tipo.OPCION_UNICA)


def prefijo(pregunta):
    return f"p{pregunta.pk}-"


def datos_de_pregunta(post, pregunta):
    """(valor crudo, comentario o None, revisión o None) de una pregunta en un POST.

    Acepta los nombres del formulario de la sección (`p<id>-valor`…) y los simples (`valor`,
    `comentario`, `revision`) que usan el autoguardado sin JavaScript y los scripts.
    """
    pre = prefijo(pregunta)
    if f"{pre}revision" not in post:
        pre = ""
    crudo = post.getlist(f"{pre}valor")
    comentario = post.get(f"{pre}comentario")
    try:
        revision = int(post.get(f"{pre}revision", ""))
    except ValueError:
        revision = None
    return crudo, comentario, revision


def presente(post, pregunta):
    """¿Vino esta pregunta en el formulario de la sección? (su revisión siempre viaja)."""
    return f"{prefijo(pregunta)}revision" in post


def _como_texto(valor):
    if V.vacio(valor):
        return ""
    if isinstance(valor, list):
        return valor
    return str(valor)


@dataclass
class Fila:
    """Lo que la plantilla necesita de una pregunta."""

    pregunta: Pregunta
    visible: bool
    revision: int = 0
    #: Lo que se muestra en el control: str, o lista en opción múltiple.
    actual: object = ""
    comentario: str = ""
    guardado: object = None
    error: str = ""
    conflicto: str = ""
    evidencias: list = field(default_factory=list)
    opciones: list = field(default_factory=list)
    condicion: str = ""

    @property
    def prefijo(self):
        return prefijo(self.pregunta)

    @property
    def codigo(self):
        return self.pregunta.codigo

    @property
    def elegidos(self):
        if isinstance(self.actual, list):
            return [str(v) for v in self.actual]
        return [str(self.actual)] if self.actual != "" else []

    @property
    def control(self):
        """Qué control dibuja la plantilla."""
        tipo = self.pregunta.tipo
        if tipo in UNA_OPCION:
            return "radios"
        if tipo == Tipo.OPCION_MULTIPLE:
            return "casillas"
        if tipo in V.NUMERICOS:
            return "numero"
        if tipo == Tipo.FECHA:
            return "fecha"
        if tipo == Tipo.TEXTO:
            return "texto"
        return "nota"

    @property
    def inputmode(self):
        return "numeric" if self.pregunta.tipo == Tipo.ENTERO else "decimal"

    @property
    def mostrado(self):
        """El valor guardado como lo lee una persona (modo de solo lectura)."""
        return V.mostrar(self.pregunta, self.guardado.valor if self.guardado else None)


def filas(
    estructura,
    preguntas,
    guardados,
    visibles,
    *,
    post=None,
    errores=None,
    conflictos=None,
    evidencias=None,
):
    """Las filas de unas preguntas (de una sección, o todas en la vista previa).

    `guardados` es {id de pregunta: Valor}; `visibles` los códigos visibles; con `post`, los
    controles muestran lo que la persona envió (para no perder nada si no se pudo guardar).
    """
    errores = errores or {}
    conflictos = conflictos or {}
    evidencias = evidencias or {}
    resultado = []
    for pregunta in preguntas:
        guardado = guardados.get(pregunta.pk)
        fila = Fila(
            pregunta=pregunta,
            visible=pregunta.codigo in visibles,
            guardado=guardado,
            revision=guardado.revision if guardado else 0,
            actual=_como_texto(guardado.valor) if guardado else "",
            comentario=guardado.comentario if guardado else "",
            error=errores.get(pregunta.pk, ""),
            conflicto=conflictos.get(pregunta.pk, ""),
            evidencias=evidencias.get(pregunta.pk, []),
            opciones=[(str(v), e) for v, e in V.opciones(pregunta)],
            condicion=condiciones.describir(pregunta.condicion, estructura.por_codigo),
        )
        if post is not None and presente(post, pregunta):
            crudo, comentario, _revision = datos_de_pregunta(post, pregunta)
            if pregunta.tipo == Tipo.OPCION_MULTIPLE:
                fila.actual = crudo
            else:
                fila.actual = crudo[-1] if crudo else ""
            if comentario is not None:
                fila.comentario = comentario
        resultado.append(fila)
    return resultado


class EvidenciaForm(forms.Form):
    archivo = forms.FileField(
        label=_("Evidencia (PDF, JPG o PNG, hasta 10 MB)"),
        error_messages={
            "required": _("Elija el archivo que quiere subir."),
            "empty": _("El archivo está vacío."),
        },
    )
