"""Importación del catálogo desde CSV o Excel: vista previa, confirmación y todo o nada."""

import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import DependenciaFactory
from uig_portal.lib.hojas import TIPO_XLSX
from unidades import importacion
from unidades.models import Dependencia, Unidad
from unidades.resources import DependenciaResource
from unidades.views.catalogo import SESION_IMPORTACION

pytestmark = pytest.mark.django_db

IMPORTAR = reverse("unidades:dependencia_importar")
CONFIRMAR = reverse("unidades:dependencia_importar_confirmar")
ENCABEZADO = ["siglas", "nombre", "tipo", "sector", "titular", "vigente"]


def libro(filas, nombre="instituciones.xlsx"):
    """Un XLSX real; una fila vacía ([]) queda en blanco, como en Excel."""
    hoja_de_calculo = Workbook()
    hoja = hoja_de_calculo.active
    for fila in filas:
        hoja.append(fila)
    salida = io.BytesIO()
    hoja_de_calculo.save(salida)
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type=TIPO_XLSX)


def texto_csv(texto, nombre="instituciones.csv", codificacion="utf-8"):
    return SimpleUploadedFile(nombre, texto.encode(codificacion), content_type="text/csv")


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "importaciones"


@pytest.fixture
def sesion(client, coordinacion):
    client.force_login(coordinacion)
    return client


def temporales(medios):
    return sorted(p.name for p in medios.iterdir()) if medios.exists() else []


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def subir(client, archivo):
    return client.post(IMPORTAR, {"archivo": archivo})


def errores(respuesta):
    assert respuesta.status_code == 200
    assert "revision" in respuesta.context or respuesta.context["form"].errors, "sin errores"
    revision = respuesta.context.get("revision")
    if revision is not None:
        return [str(e) for e in revision.errores]
    return respuesta.context["form"].errors["archivo"]


# --- Lo que sale bien ---


def test_vista_previa_y_confirmacion_crean_y_actualizan(sesion, coordinacion, medios):
    sefin = DependenciaFactory(siglas="SEFIN", nombre="Secretaría de Finanzas", sector="Finanzas")
    archivo = libro(
        [
            ENCABEZADO,
            ["SEFIN", "Secretaría de Finanzas", "centralizada", "Hacienda", "Mtro. Ruiz", "sí"],
            [],
            ["izm", "Instituto Zacatecano de las Mujeres", "Organismo descentralizado", "SEMUJER"],
            [
                "CEPC",
                "Coordinación de Protección Civil",
                "ÓRGANO DESCONCENTRADO",
                "SGG",
                None,
                "no",
            ],
        ]
    )

    respuesta = subir(sesion, archivo)

    assert respuesta.status_code == 200
    revision = respuesta.context["revision"]
    assert [(f.numero, f.accion) for f in revision.filas] == [
        (2, "actualizada"),
        (4, "nueva"),
        (5, "nueva"),
    ]
    html = respuesta.content.decode()
    assert "2 nuevas" in html and "1 con cambios" in html and "0 sin cambios" in html
    assert "Finanzas</del> → <ins>Hacienda" in html
    assert Dependencia.objects.count() == 1  # la vista previa no guarda nada
    assert len(temporales(medios)) == 1
    clave = respuesta.context["clave"]
    assert sesion.session[SESION_IMPORTACION]["clave"] == clave

    respuesta = sesion.post(CONFIRMAR, {"clave": clave})

    assert respuesta.status_code == 302 and respuesta.url == reverse("unidades:dependencia_lista")
    assert "Instituciones nuevas, con su unidad: 2. Actualizadas: 1." in mensajes(respuesta)[0]
    sefin.refresh_from_db()
    assert (sefin.sector, sefin.titular, sefin.vigente) == ("Hacienda", "Mtro. Ruiz", True)
    izm = Dependencia.objects.get(siglas="IZM")
    assert (izm.tipo, izm.titular, izm.vigente) == ("descentralizada", "", True)
    cepc = Dependencia.objects.get(siglas="CEPC")
    assert (cepc.tipo, cepc.vigente) == ("desconcentrada", False)
    assert Unidad.objects.filter(dependencia__in=[izm, cepc]).count() == 2
    # El historial registra quién importó, aunque se escriba por lotes.
    for dependencia in (sefin, izm, cepc):
        ultimo = dependencia.history.first()
        assert ultimo.history_user == coordinacion
        assert ultimo.history_change_reason == "Importación desde «instituciones.xlsx»"
    assert izm.unidad.history.get().history_user == coordinacion
    assert temporales(medios) == []
    assert SESION_IMPORTACION not in sesion.session


def test_reimportar_el_mismo_archivo_no_cambia_nada(sesion, medios):
    filas = [ENCABEZADO, ["IZM", "Instituto Zacatecano de las Mujeres", "descentralizada", "X"]]
    respuesta = subir(sesion, libro(filas))
    sesion.post(CONFIRMAR, {"clave": respuesta.context["clave"]})
    assert Dependencia.objects.filter(siglas="IZM").exists()

    respuesta = subir(sesion, libro(filas))

    revision = respuesta.context["revision"]
    assert [f.accion for f in revision.filas] == ["sin_cambios"]
    assert respuesta.context["clave"] is None
    assert "No hay nada que importar" in respuesta.content.decode()
    assert temporales(medios) == []


@pytest.mark.parametrize("formato", ["xlsx", "csv"])
def test_lo_exportado_se_reimporta_sin_cambios(sesion, formato):
    DependenciaFactory(
        siglas="HACK",
        nombre='=HYPERLINK("http://x")',
        sector="-Sector",
        titular="@alguien",
        vigente=False,
    )
    DependenciaFactory(siglas="SEFIN", nombre="Secretaría de Finanzas", tipo="desconcentrada")
    exportado = sesion.get(reverse("unidades:dependencia_exportar"), {"formato": formato})

    respuesta = subir(sesion, SimpleUploadedFile(f"catalogo.{formato}", exportado.content))

    revision = respuesta.context["revision"]
    assert [f.accion for f in revision.filas] == ["sin_cambios", "sin_cambios"]
    assert revision.hoja.ignoradas == ["estado de la unidad", "fecha de instalación"]


def test_csv_de_excel_en_windows_1252_con_punto_y_coma(sesion):
    texto = "Siglas;Nombre;Tipo;Sector coordinador\r\nSECAMPO;Secretaría del Campo;Dependencia centralizada;Campo\r\n"
    respuesta = subir(sesion, texto_csv(texto, codificacion="cp1252"))
    assert respuesta.context["revision"].hoja.codificacion == "Windows-1252 (ANSI)"
    sesion.post(CONFIRMAR, {"clave": respuesta.context["clave"]})
    assert Dependencia.objects.get(siglas="SECAMPO").nombre == "Secretaría del Campo"


def test_csv_utf8_con_bom_y_renglones_en_blanco(sesion):
    texto = '\ufeffsiglas,nombre,tipo,sector\n\nSEZAC,"Secretaría de Economía, Zacatecas",centralizada,Economía\n\n'
    respuesta = subir(sesion, texto_csv(texto))
    revision = respuesta.context["revision"]
    assert revision.hoja.codificacion == "UTF-8"
    assert [(f.numero, f.datos["nombre"]) for f in revision.filas] == [
        (3, "Secretaría de Economía, Zacatecas")
    ]


def test_cancelar_borra_el_archivo_y_no_guarda(sesion, medios):
    respuesta = subir(sesion, libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"]]))
    respuesta = sesion.post(CONFIRMAR, {"clave": respuesta.context["clave"], "cancelar": "1"})
    assert respuesta.status_code == 302
    assert mensajes(respuesta) == ["Se canceló la importación; no se guardó nada."]
    assert temporales(medios) == [] and not Dependencia.objects.exists()


def test_una_segunda_vista_previa_reemplaza_a_la_primera(sesion, medios):
    primera = subir(sesion, libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"]]))
    segunda = subir(sesion, libro([ENCABEZADO, ["B2", "Dos", "centralizada", "S"]]))
    assert temporales(medios) == [segunda.context["clave"]]
    # Confirmar la pestaña vieja no aplica el archivo nuevo.
    sesion.post(CONFIRMAR, {"clave": primera.context["clave"]})
    assert not Dependencia.objects.exists()


# --- Doble clic, cambios en medio y fallas ---


def test_confirmar_dos_veces_importa_una_vez(sesion, medios):
    respuesta = subir(sesion, libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"]]))
    clave = respuesta.context["clave"]
    sesion.post(CONFIRMAR, {"clave": clave})

    segunda = sesion.post(CONFIRMAR, {"clave": clave})

    assert segunda.status_code == 302
    assert "ya se aplicó, se canceló o caducó" in mensajes(segunda)[-1]
    assert Dependencia.objects.count() == 1
    assert Dependencia.objects.get().history.count() == 1


def test_doble_clic_simultaneo_solo_uno_reclama_el_archivo(sesion, medios):
    respuesta = subir(sesion, libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"]]))
    clave = respuesta.context["clave"]
    # Dos peticiones leyeron la misma sesión: el renombrado atómico decide cuál procesa.
    assert importacion.reclamar_temporal(clave) is not None
    assert importacion.reclamar_temporal(clave) is None


def test_si_el_archivo_ya_no_se_lee_al_confirmar_se_pide_de_nuevo(sesion, medios, monkeypatch):
    respuesta = subir(sesion, libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"]]))

    def ilegible(_archivo):
        raise ValidationError("El archivo no se pudo leer. Súbalo de nuevo.")

    monkeypatch.setattr(importacion, "leer", ilegible)
    confirmado = sesion.post(CONFIRMAR, {"clave": respuesta.context["clave"]})

    assert confirmado.status_code == 302
    assert "no se pudo leer" in mensajes(confirmado)[-1]
    assert not Dependencia.objects.exists()


def test_confirmar_no_acepta_get(sesion):
    assert sesion.get(CONFIRMAR).status_code == 405


def test_si_el_catalogo_cambio_se_muestra_otra_vista_previa(sesion, medios):
    respuesta = subir(sesion, libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"]]))
    DependenciaFactory(siglas="A1", nombre="Uno", sector="Otro")  # alguien la creó en medio

    respuesta = sesion.post(CONFIRMAR, {"clave": respuesta.context["clave"]})

    assert respuesta.status_code == 200
    assert "El catálogo cambió desde la vista previa" in respuesta.content.decode()
    assert [f.accion for f in respuesta.context["revision"].filas] == ["actualizada"]
    assert Dependencia.objects.get(siglas="A1").sector == "Otro"
    assert temporales(medios) == [respuesta.context["clave"]]


def test_si_algo_falla_al_escribir_no_queda_nada(sesion, medios, monkeypatch):
    respuesta = subir(
        sesion,
        libro([ENCABEZADO, ["A1", "Uno", "centralizada", "S"], ["B2", "Dos", "centralizada", "S"]]),
    )

    def falla(*args, **kwargs):
        raise IntegrityError("choque")

    monkeypatch.setattr(type(Unidad.objects), "asegurar_para", falla)
    respuesta = sesion.post(CONFIRMAR, {"clave": respuesta.context["clave"]})

    assert respuesta.status_code == 302
    assert "no se guardó nada" in mensajes(respuesta)[-1]
    assert not Dependencia.objects.exists() and not Unidad.objects.exists()
    assert temporales(medios) == []


# --- Archivos con errores: se nombra cada fila y no se guarda nada ---


def zip_bomba():
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as comprimido:
        comprimido.writestr("[Content_Types].xml", "<Types/>")
        comprimido.writestr("xl/workbook.xml", "<workbook/>")
        comprimido.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return SimpleUploadedFile("bomba.xlsx", salida.getvalue())


def muchas_filas(n):
    filas = "".join(f"S{i},Institución {i},centralizada,Sector\n" for i in range(n))
    return texto_csv("siglas,nombre,tipo,sector\n" + filas)


CASOS = {
    "tipo inválido": (
        lambda: libro(
            [ENCABEZADO, ["A1", "Uno", "centralizada", "S"], [], ["B2", "Dos", "secretaria", "S"]]
        ),
        [
            'Fila 4, columna tipo: "secretaria" no es un tipo válido; use centralizada, '
            "descentralizada o desconcentrada."
        ],
    ),
    "siglas repetidas en el archivo": (
        lambda: texto_csv(
            "siglas,nombre,tipo,sector\nabc,Uno,centralizada,S\nABC,Dos,centralizada,S\n"
        ),
        ['Fila 3, columna siglas: "ABC" ya aparece en la fila 2.'],
    ),
    "nombre de otra institución": (
        lambda: texto_csv("siglas,nombre,tipo,sector\nOTRA,Secretaría Propia,centralizada,S\n"),
        [
            'Fila 2, columna nombre: "Secretaría Propia" ya es el nombre de la institución '
            "con siglas PROPIA."
        ],
    ),
    "falta una columna obligatoria": (
        lambda: texto_csv("siglas,nombre,tipo\nA1,Uno,centralizada\n"),
        ["Fila 1 (encabezados): faltan las columnas obligatorias sector."],
    ),
    "columna desconocida": (
        lambda: libro([[*ENCABEZADO, "Teléfono"], ["A1", "Uno", "centralizada", "S", "", "", "1"]]),
        [
            "Fila 1 (encabezados): no se reconocen las columnas «Teléfono». Las columnas "
            "válidas son siglas, nombre, tipo, sector, titular, vigente, estado de la unidad y "
            "fecha de instalación."
        ],
    ),
    "sin encabezados": (
        lambda: texto_csv("A1,Uno,centralizada,S\n"),
        [
            "Fila 1: se esperaban los encabezados siglas, nombre, tipo, sector, titular y "
            "vigente; no se encontró ninguno."
        ],
    ),
    "valores que faltan y varios errores": (
        lambda: libro(
            [
                ENCABEZADO,
                ["A1", None, "centralizada", "S"],
                ["B2", "Dos", "centralizada", "S", "", "tal vez"],
                ["C3", "Tres", "", " "],
                ["D4", "Cuatro", "centralizada", "S", "", "", "sobra"],
            ]
        ),
        [
            "Fila 2, columna nombre: está vacía y es obligatoria.",
            'Fila 3, columna vigente: "tal vez" no es un valor válido; use sí o no.',
            "Fila 4, columna tipo: está vacía y es obligatoria.",
            "Fila 4, columna sector: está vacía y es obligatoria.",
            "Fila 5: hay un valor en la columna G, que no tiene encabezado.",
        ],
    ),
    "fórmula": (
        lambda: libro([ENCABEZADO, ["A1", "=CONCAT(B1,C1)", "centralizada", "S"]]),
        ['Fila 2, columna nombre: no se aceptan fórmulas ("=CONCAT(B1,C1)"); escriba el valor.'],
    ),
    "texto demasiado largo": (
        lambda: libro([ENCABEZADO, ["A1", "x" * 251, "centralizada", "S"]]),
        ["Fila 2, columna nombre: tiene 251 caracteres y el máximo es 250."],
    ),
    "siglas con signos raros": (
        lambda: libro([ENCABEZADO, ["<b>", "Uno", "centralizada", "S"]]),
        [
            'Fila 2, columna siglas: "<B>" no son siglas válidas; use letras, números, espacios '
            "y los signos . - & /, empezando con letra o número."
        ],
    ),
    "ejecutable renombrado": (
        lambda: SimpleUploadedFile("catalogo.xlsx", b"MZ\x90\x00\x03" + b"\x00" * 200),
        [
            "El archivo «catalogo.xlsx» no es un libro de Excel (.xlsx): parece un programa ejecutable."
        ],
    ),
    "PDF como CSV": (
        lambda: SimpleUploadedFile("catalogo.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ["El archivo «catalogo.csv» no es un CSV: parece un PDF."],
    ),
    "PDF como XLSX": (
        lambda: SimpleUploadedFile("catalogo.xlsx", b"%PDF-1.7\n"),
        ["El archivo «catalogo.xlsx» no es un libro de Excel (.xlsx): parece un PDF."],
    ),
    "binario como CSV": (
        lambda: SimpleUploadedFile("catalogo.csv", b"siglas,nombre\x00\x01\x02"),
        [
            "El archivo «catalogo.csv» no es un CSV de texto. En Excel, use «Guardar como» y "
            "elija «CSV UTF-8 (delimitado por comas)»."
        ],
    ),
    "zip que no es libro": (
        lambda: SimpleUploadedFile("catalogo.xlsx", zip_con({"hola.txt": "hola"})),
        ["No se pudo leer «catalogo.xlsx» como libro de Excel"],
    ),
    "otra extensión": (
        lambda: SimpleUploadedFile("catalogo.pdf", b"%PDF-1.7\n"),
        [
            "Suba un libro de Excel (.xlsx) o un archivo CSV; «catalogo.pdf» no es ninguno de los dos."
        ],
    ),
    "demasiado grande": (
        lambda: texto_csv("siglas,nombre,tipo,sector\n" + "x" * (5 * 1024 * 1024)),
        ["El archivo pesa 5.0\xa0MB y el máximo es 5.0\xa0MB. Divídalo en varios archivos."],
    ),
    "demasiadas filas": (
        lambda: muchas_filas(10_001),
        [
            "El archivo tiene más de 10,000 filas con datos. Divídalo en varios archivos de hasta 10,000 filas."
        ],
    ),
    "zip bomb": (
        zip_bomba,
        ["El libro «bomba.xlsx» ocupa 60.0\xa0MB al descomprimirse"],
    ),
    "solo encabezados": (
        lambda: libro([ENCABEZADO, [], []]),
        ["El archivo no tiene filas con datos debajo de los encabezados (fila 1)."],
    ),
}


def zip_con(entradas):
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as comprimido:
        for nombre, contenido in entradas.items():
            comprimido.writestr(nombre, contenido)
    return salida.getvalue()


@pytest.mark.parametrize("caso", CASOS, ids=list(CASOS))
def test_archivo_con_errores_no_guarda_nada(sesion, dependencia, medios, caso):
    fabricar, esperados = CASOS[caso]
    antes = Dependencia.objects.count()

    respuesta = subir(sesion, fabricar())

    obtenidos = errores(respuesta)
    assert len(obtenidos) == len(esperados), obtenidos
    for obtenido, esperado in zip(obtenidos, esperados, strict=True):
        assert obtenido.startswith(esperado), obtenido
    assert Dependencia.objects.count() == antes
    assert temporales(medios) == []
    assert SESION_IMPORTACION not in sesion.session
    assert "No se guardó nada" in respuesta.content.decode() or "revision" not in respuesta.context


def test_muchas_filas_validas_hasta_el_limite(sesion):
    respuesta = subir(sesion, muchas_filas(10_000))
    assert len(respuesta.context["revision"].nuevas) == 10_000


def test_una_fila_mala_entre_buenas_no_deja_pasar_ninguna(sesion):
    filas = [ENCABEZADO] + [[f"S{i}", f"Inst {i}", "centralizada", "S"] for i in range(20)]
    filas[7][2] = "Secretaría"
    respuesta = subir(sesion, libro(filas))
    assert errores(respuesta) == [
        'Fila 8, columna tipo: "Secretaría" no es un tipo válido; use centralizada, '
        "descentralizada o desconcentrada."
    ]
    assert "No se guardó nada" in respuesta.content.decode()
    assert not Dependencia.objects.exists()


# --- El recurso de import-export (exportación del admin e importación desde el admin) ---


def test_el_recurso_del_admin_limpia_igual_y_crea_la_unidad():
    import tablib

    datos = tablib.Dataset(
        ["iz", "Instituto", "Organismo descentralizado", "S", "'=raro", "no"],
        headers=ENCABEZADO,
    )
    resultado = DependenciaResource().import_data(datos, dry_run=False)
    assert not resultado.has_errors() and not resultado.has_validation_errors()
    dependencia = Dependencia.objects.get(siglas="IZ")
    assert (dependencia.tipo, dependencia.titular, dependencia.vigente) == (
        "descentralizada",
        "=raro",
        False,
    )
    assert Unidad.objects.filter(dependencia=dependencia).exists()

    con_formula = tablib.Dataset(["X1", "=1+1", "centralizada", "S", "", ""], headers=ENCABEZADO)
    resultado = DependenciaResource().import_data(con_formula, dry_run=True)
    assert resultado.has_validation_errors()
    assert not Dependencia.objects.filter(siglas="X1").exists()


def test_quien_no_ve_una_institucion_no_la_modifica_al_importar(
    client, otra_dependencia, dependencia
):
    from django.contrib.auth.models import Permission

    from tests.factories import UsuarioFactory

    persona = UsuarioFactory(dependencia=otra_dependencia)
    persona.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_dependencia", "change_dependencia"])
    )
    client.force_login(persona)
    respuesta = subir(
        client, texto_csv("siglas,nombre,tipo,sector\nPROPIA,Secretaría Propia,centralizada,Otro\n")
    )
    assert errores(respuesta) == [
        "Fila 2, columna siglas: no tiene permiso para modificar la institución PROPIA."
    ]
