"""Matriz de permisos compartida: cada área declara sus casos en su propio archivo.

Un archivo `tests/<app>/test_permisos_<area>.py` define `MATRIZ = [Caso(...), ...]` y una prueba
`test_permisos = probar_matriz(MATRIZ)`. `tests/test_permisos.py` comprueba que cada URL del
proyecto tenga al menos un caso en alguna matriz.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse

#: Roles de la matriz; cada uno es un fixture de tests/conftest.py, salvo «anonimo».
ROLES = [
    "anonimo",
    "coordinacion",
    "administracion",
    "responsable",
    "consulta",
    "sin_rol",
    "responsable_ajena",
]


@dataclass
class Caso:
    """Una URL con un método y el código que cada rol debe recibir.

    `args` recibe el «mundo» (las instituciones y personas de la prueba) y devuelve los
    argumentos de la URL, creando los objetos que haga falta. Los objetos del mundo pertenecen
    a la institución de `responsable` y `consulta`; `responsable_ajena` es de otra.
    """

    nombre: str
    metodo: str
    esperados: dict
    args: Callable = field(default=lambda mundo: [])
    datos: Callable | None = None


@pytest.fixture
def mundo(dependencia, otra_dependencia, responsable, responsable_ajena, coordinacion):
    return SimpleNamespace(
        dependencia=dependencia,
        otra_dependencia=otra_dependencia,
        responsable=responsable,
        responsable_ajena=responsable_ajena,
        coordinacion=coordinacion,
    )


def probar_matriz(matriz):
    """Crea la prueba parametrizada (una por celda de la matriz) para un archivo de permisos."""
    casos = [
        pytest.param(caso, rol, esperado, id=f"{caso.nombre}-{caso.metodo}-{rol}")
        for caso in matriz
        for rol, esperado in caso.esperados.items()
    ]

    @pytest.mark.django_db
    @pytest.mark.parametrize("caso,rol,esperado", casos)
    def test_permisos(client, request, mundo, caso, rol, esperado):
        if rol != "anonimo":
            client.force_login(request.getfixturevalue(rol))
        url = reverse(caso.nombre, args=caso.args(mundo))
        datos = caso.datos(mundo) if caso.datos else {}
        respuesta = getattr(client, caso.metodo)(url, datos)
        assert respuesta.status_code == esperado, (
            f"{caso.metodo.upper()} {url} como {rol}: {respuesta.status_code}, "
            f"se esperaba {esperado}"
        )

    return test_permisos


def todas_las_matrices():
    """Los casos de todos los archivos tests/**/test_permisos*.py."""
    raiz = Path(__file__).resolve().parent
    casos = []
    for archivo in sorted(raiz.rglob("test_permisos*.py")):
        modulo = ".".join(archivo.relative_to(raiz.parent).with_suffix("").parts)
        casos.extend(getattr(importlib.import_module(modulo), "MATRIZ", []))
    return casos
