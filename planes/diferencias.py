"""Qué cambió en un plan entre dos momentos: al devolverlo y al reenviarlo.

Se compara una instantánea guardada al devolver el plan (`Devolucion.instantanea`) con otra
guardada al reenviarlo, y no el historial: las instantáneas no dependen de que cada guardado
haya dejado su registro ni de que después cambien los catálogos. Las actividades se reconocen
por su id: una actividad nueva (agregada o duplicada) aparece como agregada y una eliminada,
como eliminada. El orden no cuenta como cambio; el número de cada actividad sí se muestra.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from planes.models import Actividad, PlanTrabajo

#: Formato de las instantáneas; si cambia, las viejas se leen con el que tenían.
FORMATO = 1
CAMPOS_ENCABEZADO = ["titular_unidad", "compromiso"]
CAMPOS_ACTIVIDAD = [
    f.name for f in Actividad._meta.concrete_fields if f.name not in Actividad.SIN_CONTENIDO
]


def _crudo(valor):
    """El valor tal como se guarda en JSON: los decimales como texto, sin ceros de sobra; un
    objeto relacionado (el programa presupuestario), como se lee («E045 Nombre»)."""
    if isinstance(valor, Decimal):
        return format(valor.normalize(), "f")
    if isinstance(valor, models.Model):
        return str(valor)
    return valor


def instantanea(plan, actividades=None):
    """El contenido del plan como un diccionario que cabe en JSON.

    `actividades` son las del plan en orden con su alineación ya cargada (así no consulta la
    base); si no se dan, se leen.
    """
    if actividades is None:
        actividades = list(
            plan.actividades.select_related("programa").prefetch_related("alineaciones")
        )
    return {
        "formato": FORMATO,
        "encabezado": {campo: getattr(plan, campo) for campo in CAMPOS_ENCABEZADO},
        "actividades": [
            {
                "id": actividad.pk,
                "numero": numero,
                "campos": {campo: _crudo(getattr(actividad, campo)) for campo in CAMPOS_ACTIVIDAD},
                "alineaciones": sorted(
                    f"{a.get_tipo_display()}: {a.clave}" for a in actividad.alineaciones.all()
                ),
            }
            for numero, actividad in enumerate(actividades, start=1)
        ],
    }


@dataclass(frozen=True)
class CambioDeCampo:
    campo: str
    etiqueta: str
    antes: str
    despues: str


@dataclass
class CambioDeActividad:
    """Una actividad agregada, eliminada o con campos distintos."""

    AGREGADA = "agregada"
    ELIMINADA = "eliminada"
    MODIFICADA = "modificada"

    id: int
    tipo: str
    numero_antes: int | None
    numero_despues: int | None
    descripcion: str
    campos: list = field(default_factory=list)

    @property
    def numero(self):
        return self.numero_despues or self.numero_antes

    @property
    def cambio_de_numero(self):
        return (
            self.numero_antes is not None
            and self.numero_despues is not None
            and self.numero_antes != self.numero_despues
        )


@dataclass
class Diferencias:
    encabezado: list
    actividades: list

    @property
    def hay_cambios(self):
        return bool(self.encabezado or self.actividades)

    def de_actividad(self, actividad_id):
        return next((c for c in self.actividades if c.id == actividad_id), None)

    def _contar(self, tipo):
        return sum(1 for c in self.actividades if c.tipo == tipo)

    @property
    def agregadas(self):
        return self._contar(CambioDeActividad.AGREGADA)

    @property
    def eliminadas(self):
        return self._contar(CambioDeActividad.ELIMINADA)

    @property
    def modificadas(self):
        return self._contar(CambioDeActividad.MODIFICADA)


def _mostrar(modelo, campo, valor):
    """El valor como lo lee una persona: etiquetas de las opciones, «Sí»/«No», listas."""
    if valor is None or valor == "" or valor == []:
        return ""
    if isinstance(valor, list):
        return "; ".join(str(v) for v in valor)
    if isinstance(valor, bool):
        return _("Sí") if valor else _("No")
    try:
        definicion = modelo._meta.get_field(campo)
    except FieldDoesNotExist:
        return str(valor)
    if definicion.choices:
        return str(dict(definicion.flatchoices).get(valor, valor))
    return str(valor)


def _etiqueta(modelo, campo):
    if campo == "alineaciones":
        return _("alineación")
    try:
        return str(modelo._meta.get_field(campo).verbose_name)
    except FieldDoesNotExist:
        return campo


def _comparar_campos(modelo, antes, despues, campos):
    cambios = []
    for campo in campos:
        viejo, nuevo = antes.get(campo), despues.get(campo)
        if (viejo in (None, "") and nuevo in (None, "")) or viejo == nuevo:
            continue
        cambios.append(
            CambioDeCampo(
                campo=campo,
                etiqueta=_etiqueta(modelo, campo),
                antes=_mostrar(modelo, campo, viejo),
                despues=_mostrar(modelo, campo, nuevo),
            )
        )
    return cambios


def _descripcion(fila):
    return (fila["campos"].get("descripcion") or "").strip() or _("(sin describir)")


def comparar(antes, despues):
    """Las diferencias entre dos instantáneas (`instantanea`) del mismo plan."""
    encabezado = _comparar_campos(
        PlanTrabajo, antes.get("encabezado", {}), despues.get("encabezado", {}), CAMPOS_ENCABEZADO
    )
    previas = {fila["id"]: fila for fila in antes.get("actividades", [])}
    actuales = {fila["id"]: fila for fila in despues.get("actividades", [])}
    actividades = []
    for fila in despues.get("actividades", []):
        previa = previas.get(fila["id"])
        if previa is None:
            actividades.append(
                CambioDeActividad(
                    id=fila["id"],
                    tipo=CambioDeActividad.AGREGADA,
                    numero_antes=None,
                    numero_despues=fila["numero"],
                    descripcion=_descripcion(fila),
                )
            )
            continue
        campos = _comparar_campos(
            Actividad,
            {**previa["campos"], "alineaciones": previa.get("alineaciones", [])},
            {**fila["campos"], "alineaciones": fila.get("alineaciones", [])},
            [*CAMPOS_ACTIVIDAD, "alineaciones"],
        )
        if campos:
            actividades.append(
                CambioDeActividad(
                    id=fila["id"],
                    tipo=CambioDeActividad.MODIFICADA,
                    numero_antes=previa["numero"],
                    numero_despues=fila["numero"],
                    descripcion=_descripcion(fila),
                    campos=campos,
                )
            )
    for fila in antes.get("actividades", []):
        if fila["id"] not in actuales:
            actividades.append(
                CambioDeActividad(
                    id=fila["id"],
                    tipo=CambioDeActividad.ELIMINADA,
                    numero_antes=fila["numero"],
                    numero_despues=None,
                    descripcion=_descripcion(fila),
                )
            )
    return Diferencias(encabezado=encabezado, actividades=actividades)
