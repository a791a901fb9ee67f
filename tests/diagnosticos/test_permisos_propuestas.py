"""Quién revisa las propuestas y quién escribe los textos de propuesta: solo la Coordinación y
Administración.

La persona responsable y Consulta ven las propuestas presentadas en otras páginas (el plan y el
diagnóstico situacional), pero la revisión es de la Coordinación: 403, también para otra
institución, porque el permiso se revisa antes que el alcance. Las acciones son POST (GET → 405)
y terminan en una redirección; quitar sin confirmar muestra la confirmación (200).
"""

from datetime import date

from diagnosticos import propuestas
from diagnosticos.models import TextoPropuesta
from tests.diagnosticos.test_linea_base import PRIMERA, contestar, cuestionario_conocido, ronda
from tests.factories import AplicacionFactory, SeccionFactory
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

NADIE = {"responsable": 403, "consulta": 403, "sin_rol": 403, "responsable_ajena": 403}
LEEN = {"anonimo": 302, "coordinacion": 200, "administracion": 200, **NADIE}
HACEN = {"anonimo": 302, "coordinacion": 302, "administracion": 302, **NADIE}
SOLO_POST = {
    "anonimo": 302,
    "coordinacion": 405,
    "administracion": 405,
    "responsable": 405,
    "consulta": 405,
    "sin_rol": 405,
    "responsable_ajena": 405,
}


def _aceptada(m):
    version = cuestionario_conocido()
    m.seccion = version.secciones.get(codigo="igualdad")
    TextoPropuesta.objects.create(
        version=version, seccion=m.seccion, eje="igualdad", texto="Adoptar la política"
    )
    return contestar(ronda(version, date(2026, 1, 1)), m.dependencia, PRIMERA)


def respuesta_sin_propuestas(m):
    m.respuesta = _aceptada(m)
    return [m.respuesta.pk]


def respuesta_con_propuestas(m):
    m.respuesta = _aceptada(m)
    m.propuesta = propuestas.redactar(m.respuesta)[0]
    return [m.respuesta.pk]


def propuesta(m):
    respuesta_con_propuestas(m)
    return [m.propuesta.pk]


def propuesta_lista(m):
    propuesta(m)
    propuestas.marcar_lista(m.propuesta)
    return [m.propuesta.pk]


def datos_edicion(m):
    prefijo = f"p{m.propuesta.pk}"
    return {
        f"{prefijo}-eje": "igualdad",
        f"{prefijo}-texto": "Emitir la política firmada",
        f"{prefijo}-revision": m.propuesta.revision,
    }


def version(m):
    m.seccion = SeccionFactory(codigo="igualdad")
    m.version = m.seccion.version
    return [m.version.pk]


def version_en_uso(m):
    version(m)
    AplicacionFactory(version=m.version)
    return [m.version.pk]


def texto(m):
    version(m)
    m.texto = TextoPropuesta.objects.create(
        version=m.version, seccion=m.seccion, eje="igualdad", texto="Adoptar la política"
    )
    return [m.texto.pk]


def texto_en_uso(m):
    texto(m)
    AplicacionFactory(version=m.version)
    return [m.texto.pk]


def datos_texto(m):
    return {"destino": f"s{m.seccion.pk}", "nivel": "", "eje": "igualdad", "texto": "Un texto"}


NUEVA = {"nueva-eje": "cultura", "nueva-texto": "Habilitar un lactario"}

MATRIZ = [
    # Revisión de las propuestas de una respuesta
    Caso("diagnosticos:propuestas", "get", LEEN, args=respuesta_con_propuestas),
    Caso("diagnosticos:propuestas", "get", LEEN, args=respuesta_sin_propuestas),
    Caso("diagnosticos:propuestas", "post", SOLO_POST, args=respuesta_con_propuestas),
    Caso("diagnosticos:propuestas_redactar", "post", HACEN, args=respuesta_sin_propuestas),
    Caso("diagnosticos:propuestas_redactar", "get", SOLO_POST, args=respuesta_sin_propuestas),
    Caso("diagnosticos:propuesta_agregar", "post", HACEN, args=respuesta_con_propuestas,
         datos=lambda m: NUEVA),
    Caso("diagnosticos:propuesta_agregar", "get", SOLO_POST, args=respuesta_con_propuestas),
    Caso("diagnosticos:propuestas_listas", "post", HACEN, args=respuesta_con_propuestas),
    Caso("diagnosticos:propuestas_listas", "get", SOLO_POST, args=respuesta_con_propuestas),
    Caso("diagnosticos:propuesta_editar", "post", HACEN, args=propuesta, datos=datos_edicion),
    Caso("diagnosticos:propuesta_editar", "get", SOLO_POST, args=propuesta),
    Caso("diagnosticos:propuesta_eliminar", "post", LEEN, args=propuesta),
    Caso("diagnosticos:propuesta_eliminar", "post", HACEN, args=propuesta,
         datos=lambda m: {"confirmar": "si"}),
    Caso("diagnosticos:propuesta_eliminar", "get", SOLO_POST, args=propuesta),
    Caso("diagnosticos:propuesta_lista", "post", HACEN, args=propuesta),
    Caso("diagnosticos:propuesta_lista", "get", SOLO_POST, args=propuesta),
    Caso("diagnosticos:propuesta_revisar", "post", HACEN, args=propuesta_lista),
    Caso("diagnosticos:propuesta_revisar", "get", SOLO_POST, args=propuesta_lista),
    # Textos de propuesta de una versión
    Caso("diagnosticos:textos_propuesta", "get", LEEN, args=version),
    Caso("diagnosticos:textos_propuesta", "get", LEEN, args=version_en_uso),
    Caso("diagnosticos:textos_propuesta", "post", SOLO_POST, args=version),
    Caso("diagnosticos:texto_propuesta_nuevo", "get", LEEN, args=version),
    Caso("diagnosticos:texto_propuesta_nuevo", "post", HACEN, args=version, datos=datos_texto),
    Caso("diagnosticos:texto_propuesta_nuevo", "get", HACEN, args=version_en_uso),
    Caso("diagnosticos:texto_propuesta_editar", "get", LEEN, args=texto),
    Caso("diagnosticos:texto_propuesta_editar", "post", HACEN, args=texto, datos=datos_texto),
    Caso("diagnosticos:texto_propuesta_editar", "post", HACEN, args=texto_en_uso,
         datos=datos_texto),
    Caso("diagnosticos:texto_propuesta_eliminar", "post", LEEN, args=texto),
    Caso("diagnosticos:texto_propuesta_eliminar", "post", HACEN, args=texto,
         datos=lambda m: {"confirmar": "si"}),
    Caso("diagnosticos:texto_propuesta_eliminar", "get", SOLO_POST, args=texto),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
