"""Una versión del cuestionario cargada en memoria, con lo que se calcula sobre sus respuestas.

Tres consultas traen secciones, preguntas y opciones; después la visibilidad, el avance, lo que
falta para enviar y los índices se calculan sin volver a la base. Lo usan el formulario, el
autoguardado, el envío, el seguimiento y los resultados, para que todos cuenten igual.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from diagnosticos import condiciones, puntaje
from diagnosticos import valores as V
from diagnosticos.models import Opcion, Pregunta, Seccion, Valor


@dataclass
class Faltante:
    pregunta: Pregunta
    mensaje: str


#: Estructuras de versiones en uso, por (pk, creada); ver `Estructura.en_uso`.
_EN_USO = {}
_MAXIMO_EN_CACHE = 16


class Estructura:
    @classmethod
    def en_uso(cls, version):
        """La estructura de una versión que ya usa una ronda, cargada una vez por proceso.

        Una versión en uso no cambia nunca (el diseño y el admin lo impiden), así que el
        autoguardado, que la necesita en cada petición, se ahorra sus tres consultas. Solo para
        leer: quien la usa no debe anotar nada en sus preguntas, que comparten los hilos.
        `creada` va en la clave para que un pk reutilizado (SQLite) no herede otra versión.
        """
        clave = (version.pk, version.creada)
        estructura = _EN_USO.get(clave)
        if estructura is None:
            if len(_EN_USO) >= _MAXIMO_EN_CACHE:
                _EN_USO.clear()
            estructura = _EN_USO[clave] = cls(version)
        return estructura

    def __init__(self, version):
        self.version = version
        self.secciones = list(
            Seccion.objects.filter(version=version)
            .order_by("orden", "pk")
            .prefetch_related(
                Prefetch(
                    "preguntas",
                    queryset=Pregunta.objects.order_by("orden", "pk").prefetch_related(
                        Prefetch("opciones", queryset=Opcion.objects.order_by("orden", "pk"))
                    ),
                    to_attr="preguntas_en_orden",
                )
            )
        )
        self.preguntas = [p for s in self.secciones for p in s.preguntas_en_orden]
        self.por_codigo = {p.codigo: p for p in self.preguntas}
        self.por_id = {p.pk: p for p in self.preguntas}
        for seccion in self.secciones:
            for pregunta in seccion.preguntas_en_orden:
                pregunta.seccion = seccion  # sin otra consulta al pedir pregunta.seccion

    def seccion(self, codigo):
        for seccion in self.secciones:
            if seccion.codigo == codigo:
                return seccion
        return None

    # --- Valores de una respuesta ------------------------------------------------------------

    def valores_de(self, respuesta):
        """{código de pregunta: valor guardado} de una respuesta, en una consulta."""
        return {
            self.por_id[pregunta_id].codigo: valor
            for pregunta_id, valor in Valor.objects.filter(respuesta=respuesta).values_list(
                "pregunta_id", "valor"
            )
            if pregunta_id in self.por_id
        }

    def visibles(self, valores):
        return condiciones.visibles(self.preguntas, valores)

    def por_responder(self, valores, seccion=None):
        """Preguntas visibles que piden respuesta (sin notas), de una sección o de todas."""
        visibles = self.visibles(valores)
        preguntas = seccion.preguntas_en_orden if seccion is not None else self.preguntas
        return [p for p in preguntas if p.responde and p.codigo in visibles]

    # --- Avance y envío ------------------------------------------------------------------

    def avance(self, valores, seccion=None):
        """(contestadas, total) entre las preguntas visibles por responder."""
        preguntas = self.por_responder(valores, seccion)
        contestadas = sum(1 for p in preguntas if not V.vacio(valores.get(p.codigo)))
        return contestadas, len(preguntas)

    def porcentaje(self, valores, seccion=None):
        contestadas, total = self.avance(valores, seccion)
        return round(100 * contestadas / total) if total else 100

    def faltantes(self, valores):
        """Lo que impide enviar: obligatorias visibles sin respuesta y valores inválidos.

        Una pregunta escondida por su condición nunca falta, aunque sea obligatoria.
        """
        resultado = []
        for pregunta in self.por_responder(valores):
            valor = valores.get(pregunta.codigo)
            if V.vacio(valor):
                if pregunta.obligatoria:
                    resultado.append(Faltante(pregunta, _("Falta la respuesta.")))
                continue
            try:
                crudo = valor if isinstance(valor, list) else str(valor)
                V.normalizar(pregunta, crudo)
            except ValidationError as error:
                resultado.append(Faltante(pregunta, " ".join(error.messages)))
        return resultado

    # --- Puntajes -------------------------------------------------------------------------

    def indices(self, valores):
        """(índice general, {código de sección: índice})."""
        return puntaje.indices(self.secciones, self.visibles(valores), valores)

    def actualizar(self, respuesta, valores=None):
        """Pone al día el avance y los índices guardados en la respuesta (sin guardarla)."""
        if valores is None:
            valores = self.valores_de(respuesta)
        respuesta.avance = self.porcentaje(valores)
        general, por_seccion = self.indices(valores)
        respuesta.indice = general
        respuesta.indices = {
            codigo: (None if indice is None else str(indice))
            for codigo, indice in por_seccion.items()
        }
        return valores
