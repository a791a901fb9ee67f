"""Materiales: lista por tema, alta y edición con archivo validado por contenido, descarga,
eliminación."""

import io
import zipfile

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from difusion.models import Material
from tests.difusion.materiales import (
    OOXML,
    TIPO_DOCX,
    TIPO_PPTX,
    TIPO_XLSX,
    MaterialFactory,
    archivo,
    docx_minimo,
    ooxml,
    pptx_minimo,
)
from tests.factories import pdf_minimo

pytestmark = pytest.mark.django_db

LISTA = reverse("difusion:material_lista")
NUEVO = reverse("difusion:material_nuevo")


def xlsx_real():
    salida = io.BytesIO()
    libro = Workbook()
    libro.active["A1"] = "Plantilla"
    libro.save(salida)
    return salida.getvalue()


def datos(**extra):
    return {
        "titulo": "Guía de instalación",
        "tema": Material.Tema.INSTALACION,
        "descripcion": "Pasos para instalar la unidad.",
        "publicado": "on",
        **extra,
    }


# --- Lista -------------------------------------------------------------------------------------


def test_lista_agrupa_por_tema_con_destacados_primero(client, responsable):
    MaterialFactory(titulo="A normal", tema=Material.Tema.IGUALDAD)
    MaterialFactory(titulo="Z destacada", tema=Material.Tema.IGUALDAD, destacado=True)
    MaterialFactory(titulo="Guía del plan", tema=Material.Tema.PLANEACION)
    client.force_login(responsable)
    r = client.get(LISTA)
    assert r.status_code == 200
    grupos = [(valor, [m.titulo for m in lista]) for valor, _e, lista in r.context["grupos"]]
    # Orden del catálogo de temas: planeación va antes que igualdad.
    assert grupos == [
        ("planeacion", ["Guía del plan"]),
        ("igualdad", ["Z destacada", "A normal"]),
    ]
    assert "Igualdad y no discriminación" in r.content.decode()


def test_responsable_no_ve_los_no_publicados(client, responsable):
    MaterialFactory(titulo="Borrador interno", publicado=False)
    MaterialFactory(titulo="Guía publicada")
    client.force_login(responsable)
    contenido = client.get(LISTA).content.decode()
    assert "Guía publicada" in contenido
    assert "Borrador interno" not in contenido
    assert "No publicado" not in contenido


def test_coordinacion_ve_los_no_publicados_marcados(client, coordinacion):
    MaterialFactory(titulo="Borrador interno", publicado=False)
    client.force_login(coordinacion)
    contenido = client.get(LISTA).content.decode()
    assert "Borrador interno" in contenido
    assert "No publicado" in contenido


def test_busca_por_titulo_y_filtra_por_tema(client, consulta):
    MaterialFactory(titulo="Guía metodológica del plan", tema=Material.Tema.PLANEACION)
    MaterialFactory(titulo="Guía de campaña", tema=Material.Tema.CAMPANAS)
    MaterialFactory(titulo="Cartel", tema=Material.Tema.CAMPANAS)
    client.force_login(consulta)

    def titulos(**parametros):
        r = client.get(LISTA, parametros)
        return sorted(m.titulo for m in r.context["materiales"])

    assert titulos(q="guía") == ["Guía de campaña", "Guía metodológica del plan"]
    assert titulos(tema="campanas") == ["Cartel", "Guía de campaña"]
    assert titulos(q="guía", tema="campanas") == ["Guía de campaña"]
    assert titulos(tema="inexistente") == [
        "Cartel",
        "Guía de campaña",
        "Guía metodológica del plan",
    ]


def test_lista_con_consultas_constantes(client, coordinacion, django_assert_num_queries):
    client.force_login(coordinacion)
    MaterialFactory.create_batch(5)
    client.get(LISTA)  # Calienta cachés de sesión y permisos fuera de la medición.
    with CaptureQueriesContext(connection) as pocas:
        r = client.get(LISTA)
    assert len(r.context["materiales"]) == 5
    for tema in Material.Tema.values:
        MaterialFactory.create_batch(5, tema=tema, enlace="https://www.gob.mx/x")
    assert Material.objects.count() >= 30
    with django_assert_num_queries(len(pocas)):
        r = client.get(LISTA)
    assert len(r.context["materiales"]) == 25


def test_pagina_de_25_en_25(client, responsable):
    for i in range(30):
        MaterialFactory(titulo=f"Material {i:02d}", tema=Material.Tema.IGUALDAD)
    client.force_login(responsable)
    r = client.get(LISTA)
    assert [m.titulo for m in r.context["materiales"]] == [f"Material {i:02d}" for i in range(25)]
    html = r.content.decode()
    assert "Página 1 de 2" in html and "1 a 25 de 30 materiales" in html
    assert 'href="?page=2"' in html
    r = client.get(LISTA, {"page": 2})
    assert [m.titulo for m in r.context["materiales"]] == [
        f"Material {i:02d}" for i in range(25, 30)
    ]
    assert "26 a 30 de 30 materiales" in r.content.decode()
    # Una página que no existe o no es número muestra la más cercana, no un error.
    assert client.get(LISTA, {"page": 9}).context["page_obj"].number == 2
    assert client.get(LISTA, {"page": "x"}).context["page_obj"].number == 1


def test_la_paginacion_conserva_la_busqueda_y_el_tema(client, consulta):
    for i in range(27):
        MaterialFactory(titulo=f"Guía {i:02d}", tema=Material.Tema.CAMPANAS)
    MaterialFactory.create_batch(5, titulo="Cartel", tema=Material.Tema.CAMPANAS)
    MaterialFactory.create_batch(5, titulo="Guía de otro tema", tema=Material.Tema.PLANEACION)
    client.force_login(consulta)
    r = client.get(LISTA, {"q": "guía", "tema": "campanas"})
    assert r.context["page_obj"].paginator.count == 27
    assert 'href="?q=gu%C3%ADa&amp;tema=campanas&amp;page=2"' in r.content.decode()
    r = client.get(LISTA, {"q": "guía", "tema": "campanas", "page": 2})
    assert [m.titulo for m in r.context["materiales"]] == ["Guía 25", "Guía 26"]
    html = r.content.decode()
    assert 'href="?q=gu%C3%ADa&amp;tema=campanas&amp;page=1"' in html
    assert 'value="guía"' in html


def test_una_sola_pagina_no_muestra_paginacion(client, responsable):
    MaterialFactory.create_batch(25)
    client.force_login(responsable)
    html = client.get(LISTA).content.decode()
    assert 'aria-label="Paginación"' not in html and "de 25 materiales" not in html


# --- Alta y validación -------------------------------------------------------------------------


def test_publica_un_pdf(client, coordinacion):
    client.force_login(coordinacion)
    contenido = pdf_minimo("Guía")
    r = client.post(NUEVO, datos(archivo=archivo("Guía de instalación.pdf", contenido)))
    material = Material.objects.get()
    assert r.status_code == 302
    assert r.url == material.get_absolute_url()
    assert material.tipo_contenido == "application/pdf"
    assert material.extension == ".pdf"
    assert material.tamano == len(contenido)
    assert material.nombre_original == "Guía de instalación.pdf"
    assert material.creado_por == coordinacion
    # El nombre guardado no deriva del original.
    assert material.archivo.name.startswith("materiales/")
    assert "instalaci" not in material.archivo.name
    assert material.archivo.name.endswith(".pdf")
    assert material.history.count() == 1


def test_publica_un_docx_armado_a_mano(client, coordinacion):
    client.force_login(coordinacion)
    r = client.post(NUEVO, datos(archivo=archivo("plantilla.docx", docx_minimo())))
    assert r.status_code == 302
    material = Material.objects.get()
    assert (material.tipo_contenido, material.extension) == (TIPO_DOCX, ".docx")
    assert material.archivo.name.endswith(".docx")


@pytest.mark.parametrize(
    "contenido,tipo,extension",
    [(xlsx_real, TIPO_XLSX, ".xlsx"), (pptx_minimo, TIPO_PPTX, ".pptx")],
    ids=["xlsx", "pptx"],
)
def test_publica_xlsx_y_pptx_por_su_contenido(client, coordinacion, contenido, tipo, extension):
    client.force_login(coordinacion)
    # El nombre engaña a propósito: cuenta el contenido.
    r = client.post(NUEVO, datos(archivo=archivo("material.pdf", contenido())))
    assert r.status_code == 302
    material = Material.objects.get()
    assert (material.tipo_contenido, material.extension) == (tipo, extension)


@pytest.mark.parametrize(
    "nombre,contenido",
    [
        ("guia.pdf", b"Solo texto, no es un PDF."),
        ("plantilla.docx", b"MZ\x90\x00\x03\x00\x00\x00 ejecutable"),
        ("campana.pptx", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ],
    ids=["texto", "ejecutable", "html"],
)
def test_rechaza_archivos_renombrados(client, coordinacion, nombre, contenido):
    client.force_login(coordinacion)
    r = client.post(NUEVO, datos(archivo=archivo(nombre, contenido)))
    assert r.status_code == 200
    assert not Material.objects.exists()
    errores = r.context["form"].errors["archivo"]
    assert errores == [
        f"El archivo «{nombre}» no es un PDF, una imagen JPG o PNG ni un documento de Word, "
        "Excel o PowerPoint (DOCX, XLSX o PPTX). Súbalo en uno de esos formatos."
    ]
    assert "no se guardó nada" in r.content.decode()


def _zip(entradas):
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as comprimido:
        for nombre, texto in entradas.items():
            comprimido.writestr(nombre, texto)
    return salida.getvalue()


@pytest.mark.parametrize(
    "contenido",
    [
        _zip({"leeme.txt": "un zip cualquiera"}),
        # Declara un tipo que no es de Office.
        ooxml("application/xml", "word/document.xml"),
        # Word con macros: su tipo principal no es el de un DOCX.
        ooxml("application/vnd.ms-word.document.macroEnabled.main+xml", "word/document.xml"),
        # Declara la parte principal, pero la parte no existe en el zip.
        _zip(
            {
                "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/'
                'package/2006/content-types"><Override PartName="/word/document.xml" '
                f'ContentType="{OOXML}.wordprocessingml.document.main+xml"/></Types>'
            }
        ),
        _zip({"[Content_Types].xml": "<esto no es xml"}),
        b"PK\x03\x04 zip roto",
    ],
    ids=["zip-sin-tipos", "tipo-ajeno", "con-macros", "parte-faltante", "xml-roto", "roto"],
)
def test_rechaza_zips_que_no_son_office(client, coordinacion, contenido):
    client.force_login(coordinacion)
    r = client.post(NUEVO, datos(archivo=archivo("plantilla.docx", contenido)))
    assert r.status_code == 200
    assert not Material.objects.exists()
    assert "no es un PDF" in r.context["form"].errors["archivo"][0]


def test_rechaza_zip_con_demasiadas_partes(client, coordinacion):
    entradas = {f"word/parte{n}.xml": "" for n in range(1_001)}
    entradas["[Content_Types].xml"] = ooxml(f"{TIPO_DOCX}.main+xml", "word/parte0.xml").decode(
        "latin-1"
    )
    client.force_login(coordinacion)
    r = client.post(NUEVO, datos(archivo=archivo("bomba.docx", _zip(entradas))))
    assert not Material.objects.exists()
    assert "al descomprimirse" in r.context["form"].errors["archivo"][0]


def test_rechaza_archivo_de_mas_de_20_mb(client, coordinacion):
    client.force_login(coordinacion)
    grande = pdf_minimo() + b"\0" * (20 * 1024 * 1024)
    r = client.post(NUEVO, datos(archivo=archivo("enorme.pdf", grande)))
    assert not Material.objects.exists()
    assert "supera el máximo de 20 MB" in r.context["form"].errors["archivo"][0]


def test_exige_archivo_o_enlace(client, coordinacion):
    client.force_login(coordinacion)
    r = client.post(NUEVO, datos(enlace=""))
    assert r.status_code == 200
    assert not Material.objects.exists()
    assert r.context["form"].non_field_errors() == ["Suba un archivo o escriba un enlace."]


def test_publica_solo_con_enlace(client, coordinacion):
    client.force_login(coordinacion)
    r = client.post(NUEVO, datos(enlace="www.gob.mx/guia"))
    assert r.status_code == 302
    material = Material.objects.get()
    assert material.enlace == "https://www.gob.mx/guia"
    assert not material.archivo
    assert material.tamano is None


def test_la_base_exige_archivo_o_enlace(coordinacion):
    with pytest.raises(IntegrityError):
        Material.objects.create(titulo="Vacío", tema=Material.Tema.OTRO)


# --- Edición -----------------------------------------------------------------------------------


def edicion(material, **extra):
    return datos(marca=material.actualizado.isoformat(), **extra)


def test_reemplaza_el_archivo_y_borra_el_anterior(
    client, coordinacion, django_capture_on_commit_callbacks
):
    material = MaterialFactory()
    anterior = material.archivo.name
    client.force_login(coordinacion)
    url = reverse("difusion:material_editar", args=[material.pk])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, edicion(material, archivo=archivo("nueva.docx", docx_minimo())))
    assert r.status_code == 302
    material.refresh_from_db()
    assert (material.extension, material.nombre_original) == (".docx", "nueva.docx")
    assert not material.archivo.storage.exists(anterior)
    assert material.history.count() == 2


def test_no_quita_el_archivo_si_no_queda_enlace(client, coordinacion):
    material = MaterialFactory()
    client.force_login(coordinacion)
    url = reverse("difusion:material_editar", args=[material.pk])
    r = client.post(url, edicion(material, **{"archivo-clear": "on"}))
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == ["Suba un archivo o escriba un enlace."]
    material.refresh_from_db()
    assert material.archivo and material.extension == ".pdf"


def test_quitar_el_archivo_deja_el_enlace(client, coordinacion):
    material = MaterialFactory()
    client.force_login(coordinacion)
    url = reverse("difusion:material_editar", args=[material.pk])
    r = client.post(
        url, edicion(material, enlace="https://www.gob.mx/g", **{"archivo-clear": "on"})
    )
    assert r.status_code == 302
    material.refresh_from_db()
    assert not material.archivo
    assert (material.extension, material.nombre_original, material.tamano) == ("", "", None)


def test_editar_sin_subir_conserva_el_archivo(client, coordinacion):
    material = MaterialFactory()
    nombre = material.archivo.name
    client.force_login(coordinacion)
    url = reverse("difusion:material_editar", args=[material.pk])
    assert client.post(url, edicion(material, titulo="Otro título")).status_code == 302
    material.refresh_from_db()
    assert (material.titulo, material.archivo.name) == ("Otro título", nombre)


def test_rechaza_una_edicion_vieja(client, coordinacion):
    material = MaterialFactory(titulo="Original")
    marca_vieja = material.actualizado.isoformat()
    material.titulo = "Cambiado por otra persona"
    material.save()
    client.force_login(coordinacion)
    url = reverse("difusion:material_editar", args=[material.pk])
    r = client.post(url, datos(titulo="Mi cambio", marca=marca_vieja))
    assert r.status_code == 200
    assert "Alguien más guardó cambios" in r.context["form"].non_field_errors()[0]
    material.refresh_from_db()
    assert material.titulo == "Cambiado por otra persona"


def test_doble_envio_crea_un_solo_material(client, coordinacion):
    client.force_login(coordinacion)
    primero = client.post(NUEVO, datos(enlace="https://www.gob.mx/g"))
    segundo = client.post(NUEVO, datos(enlace="https://www.gob.mx/g"), follow=True)
    material = Material.objects.get()
    assert primero.url == segundo.redirect_chain[-1][0] == material.get_absolute_url()
    assert "ya se había guardado" in segundo.content.decode()
    # Otro título no es un doble envío.
    client.post(NUEVO, datos(titulo="Otra guía", enlace="https://www.gob.mx/g"))
    assert Material.objects.count() == 2


# --- Detalle y descarga ------------------------------------------------------------------------


def test_detalle_para_responsable(client, responsable):
    material = MaterialFactory(enlace="https://www.gob.mx/guia")
    client.force_login(responsable)
    r = client.get(material.get_absolute_url())
    contenido = r.content.decode()
    assert "guia.pdf" in contenido and "PDF" in contenido
    assert reverse("difusion:material_descargar", args=[material.pk]) in contenido
    assert "https://www.gob.mx/guia" in contenido
    assert reverse("difusion:material_editar", args=[material.pk]) not in contenido
    assert "Historial de cambios" not in contenido
    assert "Eliminar este material" not in contenido


def test_detalle_para_coordinacion(client, coordinacion):
    material = MaterialFactory()
    client.force_login(coordinacion)
    contenido = client.get(material.get_absolute_url()).content.decode()
    assert reverse("difusion:material_editar", args=[material.pk]) in contenido
    assert "Historial de cambios" in contenido
    assert reverse("difusion:material_eliminar", args=[material.pk]) in contenido


@pytest.mark.parametrize(
    "nombre,fabrica,tipo,esperado",
    [
        (
            "Guía de instalación.pdf",
            pdf_minimo,
            "application/pdf",
            "attachment; filename*=utf-8''Gu%C3%ADa%20de%20instalaci%C3%B3n.pdf",
        ),
        # La extensión es la del contenido reconocido, no la que traía el nombre.
        ("Plantilla.DOCX", docx_minimo, TIPO_DOCX, 'attachment; filename="Plantilla.docx"'),
    ],
    ids=["pdf", "docx"],
)
def test_descarga_con_nombre_original_y_tipo(
    client, coordinacion, responsable, nombre, fabrica, tipo, esperado
):
    contenido = fabrica()
    client.force_login(coordinacion)
    client.post(NUEVO, datos(archivo=archivo(nombre, contenido)))
    material = Material.objects.get()
    client.force_login(responsable)
    r = client.get(reverse("difusion:material_descargar", args=[material.pk]))
    assert r.status_code == 200
    assert r["Content-Type"] == tipo
    assert b"".join(r.streaming_content) == contenido
    assert r["Content-Disposition"] == esperado


def test_descarga_de_material_sin_archivo_es_404(client, responsable):
    material = MaterialFactory(archivo="", enlace="https://www.gob.mx/x", tamano=None)
    client.force_login(responsable)
    r = client.get(reverse("difusion:material_descargar", args=[material.pk]))
    assert r.status_code == 404


def test_no_publicado_es_404_para_responsable(client, responsable, coordinacion):
    material = MaterialFactory(publicado=False)
    urls = [
        material.get_absolute_url(),
        reverse("difusion:material_descargar", args=[material.pk]),
    ]
    client.force_login(responsable)
    assert [client.get(u).status_code for u in urls] == [404, 404]
    client.force_login(coordinacion)
    assert [client.get(u).status_code for u in urls] == [200, 200]


# --- Eliminación -------------------------------------------------------------------------------


def test_elimina_solo_por_post_y_solo_la_coordinacion(
    client, coordinacion, responsable, django_capture_on_commit_callbacks
):
    material = MaterialFactory()
    nombre = material.archivo.name
    url = reverse("difusion:material_eliminar", args=[material.pk])
    client.force_login(responsable)
    assert client.post(url).status_code == 403
    client.force_login(coordinacion)
    assert client.get(url).status_code == 405
    assert Material.objects.filter(pk=material.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, follow=True)
    assert r.redirect_chain[-1][0] == LISTA
    assert not Material.objects.filter(pk=material.pk).exists()
    assert not material.archivo.storage.exists(nombre)
    assert "Se eliminó el material" in r.content.decode()
    # La eliminación queda en el historial.
    assert Material.history.filter(id=material.pk, history_type="-").exists()
