"""Quién ve y quién cambia el presupuesto para la igualdad.

El catálogo de programas presupuestarios es del Estado, no de una institución: toda persona con
rol lo consulta (`view_programapresupuestario`), también la de otra institución; en la página
de un programa, cada quien ve solo las actividades de su institución (`test_presupuesto`).
Solo la Coordinación (y Administración) lo cambia, agrega propuestas de mejora y ve el
presupuesto de todas las instituciones (`planes.ver_presupuesto`).
"""

from planes.models import MejoraPrograma, ProgramaPresupuestario
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401


def programa(m):
    creado, _ = ProgramaPresupuestario.objects.get_or_create(
        anio=2026, clave="E045", defaults={"nombre": "Desarrollo del personal"}
    )
    return [creado.pk]


def mejora(m):
    pk = programa(m)[0]
    creada = MejoraPrograma.objects.create(
        programa_id=pk, texto="Desagregar por sexo", creada_por=m.coordinacion
    )
    return [pk, creada.pk]


def roles(coordinacion, responsable, consulta, sin_rol, responsable_ajena):
    return {
        "anonimo": 302,
        "coordinacion": coordinacion,
        "administracion": coordinacion,
        "responsable": responsable,
        "consulta": consulta,
        "sin_rol": sin_rol,
        "responsable_ajena": responsable_ajena,
    }


#: Consultar el catálogo: todo rol, de cualquier institución.
CATALOGO = roles(200, 200, 200, 403, 200)
#: Cambiar el catálogo y ver el presupuesto de todas: solo la Coordinación.
SOLO_COORDINACION = roles(200, 403, 403, 403, 403)
#: Una acción POST de la Coordinación que termina en redirección.
ACCION_COORDINACION = roles(302, 403, 403, 403, 403)
#: GET sobre una acción POST, o POST sobre una página de solo lectura.
VERBO_EQUIVOCADO = roles(405, 405, 405, 405, 405)

MATRIZ = [
    Caso("planes:presupuesto", "get", SOLO_COORDINACION),
    Caso("planes:presupuesto", "post", VERBO_EQUIVOCADO),
    Caso("planes:presupuesto_xlsx", "get", SOLO_COORDINACION),
    Caso("planes:programa_lista", "get", CATALOGO),
    Caso("planes:programa_exportar", "get", CATALOGO),
    Caso("planes:programa_exportar", "post", VERBO_EQUIVOCADO),
    Caso("planes:programa_detalle", "get", CATALOGO, programa),
    Caso("planes:programa_detalle", "post", VERBO_EQUIVOCADO, programa),
    Caso("planes:programa_nuevo", "get", SOLO_COORDINACION),
    # Sin datos, el formulario vuelve con sus errores: nada se guarda.
    Caso("planes:programa_nuevo", "post", SOLO_COORDINACION),
    Caso("planes:programa_editar", "get", SOLO_COORDINACION, programa),
    Caso("planes:programa_editar", "post", SOLO_COORDINACION, programa),
    Caso("planes:programa_desactivar", "post", ACCION_COORDINACION, programa),
    Caso("planes:programa_desactivar", "get", VERBO_EQUIVOCADO, programa),
    Caso("planes:programa_reactivar", "post", ACCION_COORDINACION, programa),
    Caso("planes:programa_reactivar", "get", VERBO_EQUIVOCADO, programa),
    Caso("planes:programa_importar", "get", SOLO_COORDINACION),
    Caso("planes:programa_importar", "post", SOLO_COORDINACION),
    # Sin una vista previa pendiente, la confirmación solo avisa y vuelve al catálogo.
    Caso("planes:programa_importar_confirmar", "post", ACCION_COORDINACION),
    Caso("planes:programa_importar_confirmar", "get", VERBO_EQUIVOCADO),
    Caso("planes:programa_mejora_agregar", "post", SOLO_COORDINACION, programa),
    Caso("planes:programa_mejora_agregar", "get", VERBO_EQUIVOCADO, programa),
    Caso("planes:programa_mejora_eliminar", "post", ACCION_COORDINACION, mejora),
    Caso("planes:programa_mejora_eliminar", "get", VERBO_EQUIVOCADO, mejora),
]

test_permisos = probar_matriz(MATRIZ)
