"""Los pisos del portal: ningún módulo importa de una aplicación de un piso más alto.

uig_portal (0) es la planta baja; unidades (1); planes, diagnosticos y capacitacion (2); lo que
lee todo (panorama, difusion) arriba (3). Una aplicación nueva entra arriba hasta que se le
asigne su piso aquí.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

PISOS = {"uig_portal": 0, "unidades": 1, "planes": 2, "diagnosticos": 2, "capacitacion": 2}
RAIZ = Path(settings.BASE_DIR)
PROPIAS = sorted(
    c.name for c in apps.get_app_configs() if Path(c.path).resolve().parent == RAIZ.resolve()
)
# Solo el enrutador de la planta baja reúne las URL de todos los pisos.
EXENTOS = {"uig_portal/urls.py"}


def piso(app):
    return PISOS.get(app, 3)


def importaciones(archivo):
    for nodo in ast.walk(ast.parse(archivo.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.ImportFrom) and nodo.module and nodo.level == 0:
            yield nodo.lineno, nodo.module
        elif isinstance(nodo, ast.Import):
            for alias in nodo.names:
                yield nodo.lineno, alias.name


def subidas(app):
    for archivo in sorted((RAIZ / app).rglob("*.py")):
        relativo = archivo.relative_to(RAIZ).as_posix()
        if "/migrations/" in relativo or relativo in EXENTOS:
            continue
        for linea, modulo in importaciones(archivo):
            destino = modulo.split(".")[0]
            if destino in PROPIAS and piso(destino) > piso(app):
                yield f"{relativo}:{linea} importa {modulo}"


def test_las_aplicaciones_del_portal_tienen_piso():
    assert {"uig_portal", "unidades", "planes", "diagnosticos", "capacitacion"} <= set(PROPIAS)
    assert "panorama" in PROPIAS


@pytest.mark.parametrize("app", PROPIAS)
def test_ningun_modulo_importa_de_un_piso_mas_alto(app):
    assert list(subidas(app)) == []


def test_la_revision_detecta_una_importacion_que_sube(tmp_path):
    archivo = tmp_path / "m.py"
    archivo.write_text("from planes.models import PlanTrabajo\nimport panorama.tablero\n")
    destinos = [m.split(".")[0] for _, m in importaciones(archivo)]
    assert [d for d in destinos if piso(d) > piso("unidades")] == ["planes", "panorama"]
