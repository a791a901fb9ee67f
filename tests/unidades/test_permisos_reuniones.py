"""Matriz de permisos de asesorías, reuniones de planeación operativa y acuerdos.

Los objetos son de la institución de `responsable` (la reunión la convoca); `responsable_ajena`
es de otra institución y no debe verlos (404). Crear y editar es solo de la Coordinación (403
para los demás roles, aun antes de buscar el objeto).
"""

from tests.factories import AcuerdoFactory, AsesoriaFactory, ReunionFactory, archivo_pdf
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

#: Ver listas: todo rol con cuenta, salvo quien no tiene rol.
VER_LISTA = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 200,
    "consulta": 200,
    "sin_rol": 403,
    "responsable_ajena": 200,
}
#: Ver un objeto de la institución propia; la ajena no lo encuentra.
VER_OBJETO = {**VER_LISTA, "responsable_ajena": 404}
#: Crear o editar: solo la Coordinación y Administración.
CAPTURAR = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
#: Un POST vacío a un formulario de captura: quien puede ve los errores (200), nadie más pasa.
CAPTURAR_POST = {**CAPTURAR, "anonimo": 302}
#: Actualizar un acuerdo (POST): la institución responsable y la Coordinación.
ACTUALIZAR_ACUERDO = {
    "anonimo": 302,
    "coordinacion": 302,
    "administracion": 302,
    "responsable": 302,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 404,
}
#: GET a una URL que solo acepta POST.
SOLO_POST = {
    "coordinacion": 405,
    "administracion": 405,
    "responsable": 405,
    "consulta": 405,
    "sin_rol": 405,
    "responsable_ajena": 405,
}


def asesoria(m):
    return [AsesoriaFactory(dependencia=m.dependencia).pk]


def asesoria_con_documento(m):
    return [
        AsesoriaFactory(
            dependencia=m.dependencia, tipo_documento="application/pdf", documento=archivo_pdf()
        ).pk
    ]


def reunion(m):
    return [ReunionFactory(invitadas=[m.dependencia]).pk]


def reunion_con_documento(m):
    return [
        ReunionFactory(
            invitadas=[m.dependencia], tipo_documento="application/pdf", documento=archivo_pdf()
        ).pk
    ]


def acuerdo(m):
    return [AcuerdoFactory(dependencia=m.dependencia, reunion__invitadas=[m.dependencia]).pk]


def acuerdo_de_la_coordinacion(m):
    return [AcuerdoFactory(dependencia=None, reunion__invitadas=[m.dependencia]).pk]


def cumplido(m):
    return {"estado": "cumplido", "avance": "Se entregó el acta."}


MATRIZ = [
    # Asesorías
    Caso("unidades:asesoria_lista", "get", VER_LISTA),
    Caso("unidades:asesoria_detalle", "get", VER_OBJETO, args=asesoria),
    Caso("unidades:asesoria_nueva", "get", CAPTURAR),
    Caso("unidades:asesoria_nueva", "post", CAPTURAR_POST),
    Caso("unidades:asesoria_editar", "get", CAPTURAR, args=asesoria),
    Caso("unidades:asesoria_editar", "post", CAPTURAR_POST, args=asesoria),
    Caso("unidades:asesoria_documento", "get", VER_OBJETO, args=asesoria_con_documento),
    Caso("unidades:asesoria_documento", "get", {"coordinacion": 404, "responsable": 404},
         args=asesoria),
    # Reuniones
    Caso("unidades:reunion_lista", "get", VER_LISTA),
    Caso("unidades:reunion_detalle", "get", VER_OBJETO, args=reunion),
    Caso("unidades:reunion_nueva", "get", CAPTURAR),
    Caso("unidades:reunion_nueva", "post", CAPTURAR_POST),
    Caso("unidades:reunion_editar", "get", CAPTURAR, args=reunion),
    Caso("unidades:reunion_editar", "post", CAPTURAR_POST, args=reunion),
    Caso("unidades:reunion_asistencia", "get", CAPTURAR, args=reunion),
    Caso("unidades:reunion_asistencia", "post", CAPTURAR_POST, args=reunion),
    Caso("unidades:reunion_documento", "get", VER_OBJETO, args=reunion_con_documento),
    Caso("unidades:reunion_documento", "get", {"coordinacion": 404, "responsable": 404},
         args=reunion),
    # Acuerdos
    Caso("unidades:acuerdo_lista", "get", VER_LISTA),
    Caso("unidades:acuerdo_actualizar", "post", ACTUALIZAR_ACUERDO, args=acuerdo, datos=cumplido),
    Caso("unidades:acuerdo_actualizar", "get", {"anonimo": 302, **SOLO_POST}, args=acuerdo),
    Caso("unidades:acuerdo_actualizar", "post",
         {"coordinacion": 302, "responsable": 404, "consulta": 403},
         args=acuerdo_de_la_coordinacion, datos=cumplido),
]  # fmt: skip

test_permisos = probar_matriz(MATRIZ)
