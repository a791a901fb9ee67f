"""El catálogo de programas presupuestarios: alta, edición, baja, lista, detalle con sus
propuestas de mejora, e importación desde Excel con vista previa."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from planes.models import (
    MejoraPrograma,
    ProgramaPresupuestario,
)
from tests.factories import ActividadFactory, DependenciaFactory
from tests.planes.presupuesto_comun import TIPO_XLSX, aprobado, mensajes, montos, programa
from tests.planes.test_editor import catalogo_de_alineacion, guardar  # noqa: F401

pytestmark = pytest.mark.django_db


# --- Catálogo -------------------------------------------------------------------------------


def test_alta_normaliza_la_clave(client, coordinacion):
    client.force_login(coordinacion)
    r = client.post(
        reverse("planes:programa_nuevo"),
        {
            "anio": "2026",
            "clave": " e-045 ",
            "nombre": "  Desarrollo   del personal ",
            "unidad_responsable": "",
        },
    )
    creado = ProgramaPresupuestario.objects.get()
    assert r.status_code == 302 and r.url == creado.get_absolute_url()
    assert (creado.clave, creado.nombre, creado.activo) == ("E045", "Desarrollo del personal", True)


@pytest.mark.parametrize(
    "datos,mensaje",
    [
        ({"clave": "45E"}, "Escriba la clave como la letra de la modalidad"),
        ({"anio": "1999"}, "2020"),
        ({"clave": "E045", "anio": "2026"}, "Ya hay un programa con esa clave en ese ejercicio."),
    ],
)
def test_alta_rechaza_en_espanol(client, coordinacion, programas, datos, mensaje):
    client.force_login(coordinacion)
    antes = ProgramaPresupuestario.objects.count()
    r = client.post(
        reverse("planes:programa_nuevo"),
        {"anio": "2027", "clave": "E100", "nombre": "Nuevo", **datos},
    )
    assert r.status_code == 200 and mensaje in r.content.decode()
    assert ProgramaPresupuestario.objects.count() == antes


def test_edicion_con_una_pagina_vieja_no_pisa(client, coordinacion, programas):
    e045 = programas["E045"]
    client.force_login(coordinacion)
    url = reverse("planes:programa_editar", args=[e045.pk])
    marca = client.get(url).context["form"]["marca"].value()
    datos = {"anio": "2026", "clave": "E045", "nombre": "Primer cambio", "marca": marca}
    assert client.post(url, datos).status_code == 302
    r = client.post(url, {**datos, "nombre": "Segundo cambio"})  # con la marca vieja
    assert r.status_code == 200 and "recargue para verlos" in r.content.decode()
    e045.refresh_from_db()
    assert e045.nombre == "Primer cambio"


def test_no_cambia_el_ejercicio_de_un_programa_en_uso(client, coordinacion, programas):
    e045 = programas["E045"]
    ActividadFactory(plan=aprobado(DependenciaFactory()), programa=e045)
    client.force_login(coordinacion)
    url = reverse("planes:programa_editar", args=[e045.pk])
    marca = client.get(url).context["form"]["marca"].value()
    r = client.post(url, {"anio": "2027", "clave": "E045", "nombre": "X", "marca": marca})
    assert r.status_code == 200
    assert "Actividades de planes de 2026 ya usan este programa" in r.content.decode()
    e045.refresh_from_db()
    assert (e045.anio, e045.nombre) == (2026, "Desarrollo del personal")


def test_desactivar_y_reactivar(client, coordinacion, programas):
    e045 = programas["E045"]
    client.force_login(coordinacion)
    r = client.post(reverse("planes:programa_desactivar", args=[e045.pk]))
    assert r.status_code == 302 and "quedó inactivo" in mensajes(r)
    e045.refresh_from_db()
    assert not e045.activo
    r = client.post(reverse("planes:programa_reactivar", args=[e045.pk]))
    e045.refresh_from_db()
    assert e045.activo and "está activo otra vez" in mensajes(r)


def test_la_lista_filtra_y_busca(client, responsable, programas):
    client.force_login(responsable)
    r = client.get(reverse("planes:programa_lista"), {"anio": "2026", "q": "igualdad"})
    assert [p.clave for p in r.context["programas"]] == ["S010"]
    r = client.get(reverse("planes:programa_lista"), {"q": "e 045"})
    assert [(p.clave, p.anio) for p in r.context["programas"]] == [("E045", 2026), ("E045", 2025)]
    html = r.content.decode()
    # La persona responsable consulta el catálogo, pero no lo cambia.
    assert reverse("planes:programa_nuevo") not in html
    assert reverse("planes:programa_importar") not in html


def test_consultas_de_la_lista_no_crecen(client, coordinacion):
    client.force_login(coordinacion)
    url = reverse("planes:programa_lista")
    programa("E001", "Uno")
    client.get(url)
    with CaptureQueriesContext(connection) as uno:
        assert client.get(url).status_code == 200
    for n in range(2, 40):
        programa(f"E{n:03d}", f"Programa {n}", anio=2025 + n % 2)
    with CaptureQueriesContext(connection) as muchos:
        r = client.get(url)
    assert r.status_code == 200 and len(r.context["programas"]) == 39
    assert len(muchos) == len(uno), [q["sql"] for q in muchos.captured_queries]


def test_el_detalle_del_programa(client, coordinacion, responsable, presupuesto_2026, programas):
    client.force_login(coordinacion)
    r = client.get(programas["E045"].get_absolute_url())
    html = r.content.decode()
    assert r.status_code == 200
    assert "Prestación de servicios públicos" in html and "Administración" in html
    assert [a.siglas for a in r.context["uso"].aprobadas] == ["AJENA", "PROPIA"]
    assert montos(r.context["uso"].total)[:2] == (
        Decimal("200000.50") + 100000,
        Decimal("95000.25"),
    )
    # El borrador de otra institución aparece aparte: todavía no cuenta.
    assert [a.plan.unidad.dependencia.siglas for a in r.context["uso"].en_proceso] == ["CUA"]
    assert "Propuestas para mejorar sus indicadores" in html
    # La persona responsable solo ve lo de su institución y no las propuestas de mejora.
    client.force_login(responsable)
    r = client.get(programas["E045"].get_absolute_url())
    assert [a.siglas for a in r.context["uso"].aprobadas] == ["PROPIA"]
    assert "Propuestas para mejorar sus indicadores" not in r.content.decode()


def test_propuestas_de_mejora_agregar_y_eliminar(client, coordinacion, programas):
    e045 = programas["E045"]
    client.force_login(coordinacion)
    url = reverse("planes:programa_mejora_agregar", args=[e045.pk])
    r = client.post(url, {"sugerencia": "0", "texto": ""})
    assert r.status_code == 302 and r.url.endswith("#mejoras")
    r = client.post(url, {"texto": "Agregar un indicador de brecha salarial."})
    assert [m.texto for m in e045.mejoras.all()] == [
        "Desagregar por sexo la población objetivo y la población atendida del programa.",
        "Agregar un indicador de brecha salarial.",
    ]
    # Vacía: error en español y nada guardado.
    r = client.post(url, {"texto": "  "})
    assert r.status_code == 200
    assert "Escriba la propuesta de mejora o elija una de la lista." in r.content.decode()
    assert e045.mejoras.count() == 2
    mejora = e045.mejoras.first()
    eliminar = reverse("planes:programa_mejora_eliminar", args=[e045.pk, mejora.pk])
    assert client.get(eliminar).status_code == 405
    assert client.post(eliminar).status_code == 302
    assert e045.mejoras.count() == 1
    # Con otro programa en la URL no se encuentra.
    otra = e045.mejoras.get()
    r = client.post(
        reverse("planes:programa_mejora_eliminar", args=[programas["S010"].pk, otra.pk])
    )
    assert r.status_code == 404 and MejoraPrograma.objects.count() == 1


# --- Importación desde Excel -----------------------------------------------------------------


def libro(filas, encabezados=("ejercicio", "clave", "nombre", "unidad responsable")):
    hoja_libro = Workbook()
    hoja = hoja_libro.active
    hoja.append(list(encabezados))
    for fila in filas:
        hoja.append(list(fila))
    salida = io.BytesIO()
    hoja_libro.save(salida)
    return SimpleUploadedFile("programas.xlsx", salida.getvalue(), content_type=TIPO_XLSX)


def test_importar_crea_y_actualiza_con_vista_previa(client, coordinacion, programas):
    client.force_login(coordinacion)
    archivo = libro(
        [
            (2026, "e-045", "Desarrollo del personal (nuevo nombre)", "Administración"),
            (2026, "S010", "Igualdad sustantiva", "Instituto de la Mujer"),  # igual
            (2027, "F020", "Fomento a la igualdad", "Secretaría de las Mujeres"),
            ("2027", "K3512", "Centros de cuidado", None),
        ]
    )
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    assert r.status_code == 200
    revision = r.context["revision"]
    assert (len(revision.nuevas), len(revision.actualizadas), len(revision.sin_cambios)) == (
        2,
        1,
        1,
    )
    assert ProgramaPresupuestario.objects.filter(anio=2027).count() == 0  # nada todavía
    html = r.content.decode()
    assert "Desarrollo del personal (nuevo nombre)" in html and "Confirmar e importar" in html

    confirmar = reverse("planes:programa_importar_confirmar")
    r = client.post(confirmar, {"clave": r.context["clave"]})
    assert r.status_code == 302
    assert "Programas nuevos: 2. Actualizados: 1. Sin cambios: 1." in mensajes(r)
    e045 = ProgramaPresupuestario.objects.get(anio=2026, clave="E045")
    assert (
        e045.pk == programas["E045"].pk and e045.nombre == "Desarrollo del personal (nuevo nombre)"
    )
    nuevo = ProgramaPresupuestario.objects.get(anio=2027, clave="F020")
    assert (nuevo.activo, nuevo.unidad_responsable) == (True, "Secretaría de las Mujeres")
    assert nuevo.history.first().history_user == coordinacion
    # Una segunda confirmación (doble clic) no vuelve a importar.
    r = client.post(confirmar, {"clave": "0" * 32})
    assert "no se volvió a aplicar" in mensajes(r)
    assert ProgramaPresupuestario.objects.count() == 6


def test_importar_con_errores_no_guarda_nada(client, coordinacion, programas):
    client.force_login(coordinacion)
    archivo = libro(
        [
            (2026, "E500", "Bien", ""),
            ("20x6", "E501", "Año mal", ""),
            (2026, "45E", "Clave mal", ""),
            (2026, "E502", None, ""),
            (2026, "E500", "Repetido", ""),
            (2026, "E503", "=SUMA(A1)", ""),
        ]
    )
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    html = r.content.decode()
    assert r.status_code == 200
    for error in (
        "tiene 5 errores en 5 filas",
        "Fila 3, columna ejercicio: &quot;20x6&quot; no es un ejercicio válido",
        "Fila 4, columna clave: &quot;45E&quot; no es una clave de programa válida",
        "Fila 5, columna nombre: está vacía y es obligatoria.",
        "Fila 6, columna clave: el programa E500 de 2026 ya aparece en la fila 2.",
        "Fila 7, columna nombre: no se aceptan fórmulas",
        "No se guardó nada.",
    ):
        assert error in html, error
    assert ProgramaPresupuestario.objects.count() == 4
    assert "importacion_programas" not in client.session


@pytest.mark.parametrize(
    "archivo,mensaje",
    [
        (SimpleUploadedFile("p.csv", b"ejercicio,clave\n2026,E045\n"), "no es un libro de Excel"),
        (SimpleUploadedFile("p.xlsx", b"%PDF-1.4 nada"), "parece un PDF"),
    ],
)
def test_importar_rechaza_lo_que_no_es_xlsx(client, coordinacion, archivo, mensaje):
    client.force_login(coordinacion)
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    assert r.status_code == 200 and mensaje in r.content.decode()


def test_importar_sin_columnas_obligatorias(client, coordinacion):
    client.force_login(coordinacion)
    archivo = libro([("E045", "Algo")], encabezados=("clave", "nombre"))
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    assert "faltan las columnas obligatorias «ejercicio»" in r.content.decode()


def test_la_exportacion_del_catalogo_se_vuelve_a_importar_sin_cambios(
    client, coordinacion, programas
):
    client.force_login(coordinacion)
    r = client.get(reverse("planes:programa_exportar"), {"anio": 2026})
    filas = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert filas[0] == ("ejercicio", "clave", "nombre", "unidad responsable", "activo", "modalidad")
    assert len(filas) == 4
    archivo = SimpleUploadedFile("programas.xlsx", r.content, content_type=TIPO_XLSX)
    r = client.post(reverse("planes:programa_importar"), {"archivo": archivo})
    revision = r.context["revision"]
    assert len(revision.sin_cambios) == 3 and not revision.hay_cambios
    assert "No hay nada que importar" in r.content.decode()
