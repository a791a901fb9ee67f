"""El informe anual es de la Coordinación y la Administración: tiene cifras por institución.

No pertenece a una institución: otra institución no cambia nada (403 como cualquier responsable).
"""

from tests.factories import pdf_minimo
from tests.permisos import Caso, mundo, probar_matriz  # noqa: F401

VER = {
    "anonimo": 302,
    "coordinacion": 200,
    "administracion": 200,
    "responsable": 403,
    "consulta": 403,
    "sin_rol": 403,
    "responsable_ajena": 403,
}
GENERAR = {**VER, "coordinacion": 302, "administracion": 302}
#: Un método que la URL no admite: 405 para toda persona con sesión, antes que el permiso.
NO_ADMITIDO = {rol: 405 for rol in VER} | {"anonimo": 302}


def informe(m):
    from django.core.files.base import ContentFile

    from difusion.models import InformeAnual

    archivo = InformeAnual(anio=2025, paginas=1, tamano=10, huella="0" * 64, corte="2026-01-31")
    archivo.archivo.save("informe.pdf", ContentFile(pdf_minimo("Informe")), save=False)
    archivo.save()
    return [archivo.pk]


def datos(m):
    return {"anio": "2025", "retos": "Consolidar las unidades."}


MATRIZ = [
    Caso("informes:lista", "get", VER),
    Caso("informes:lista", "post", GENERAR, datos=datos),
    Caso("informes:lista", "put", NO_ADMITIDO),
    Caso("informes:vista_previa", "post", VER, datos=datos),
    Caso("informes:vista_previa", "get", NO_ADMITIDO),
    Caso("informes:descargar", "get", VER, informe),
    Caso("informes:descargar", "post", NO_ADMITIDO, informe),
]

test_permisos = probar_matriz(MATRIZ)
