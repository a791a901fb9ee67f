from unidades.models.dependencias import Dependencia, DependenciaQuerySet
from unidades.models.instalacion import (
    Evidencia,
    Integrante,
    PasoGuia,
    Sexo,
    Unidad,
)
from unidades.models.reuniones import (
    Acuerdo,
    Asesoria,
    AsistenciaReunion,
    AsistenteAsesoria,
    Reunion,
)

__all__ = [
    "Acuerdo",
    "Asesoria",
    "AsistenciaReunion",
    "AsistenteAsesoria",
    "Dependencia",
    "DependenciaQuerySet",
    "Evidencia",
    "Integrante",
    "PasoGuia",
    "Reunion",
    "Sexo",
    "Unidad",
]
