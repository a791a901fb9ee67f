"""Importar y exportar versiones en XLSForm: ida y vuelta con todos los tipos, vista previa,
confirmación única y archivos malos o ajenos con su mensaje por fila y nada creado."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from diagnosticos import valores as V
from diagnosticos import xlsform
from diagnosticos.models import Opcion, Pregunta, Seccion, Version
from tests.factories import CuestionarioFactory, OpcionFactory, PreguntaFactory, SeccionFactory

Tipo = Pregunta.Tipo

ENCABEZADOS = [
    "type", "name", "label::Español (es)", "hint", "required", "relevant", "constraint",
    "uig_tipo", "uig_peso", "uig_regla", "uig_meta", "uig_evidencia", "appearance",
]  # fmt: skip


def fila(tipo, nombre="", etiqueta="", **extra):
    return {"type": tipo, "name": nombre, "label::Español (es)": etiqueta, **extra}


#: Un XLSForm escrito a mano con todos los tipos soportados, grupos, listas, required,
#: relevant (y, o, una de, mayor, menor, selected), constraint y columnas uig_.
SURVEY = [
    fila("start", "inicio"),
    fila("integer", "personal", "Personal total", required="yes", constraint=". >= 0",
         uig_peso=0),
    fila("begin_group", "datos", "Datos generales", hint="Datos de la institución", uig_peso=0),
    fila("integer", "mujeres", "Mujeres en mandos", required="yes",
         constraint=". >= 0 and . <= 5000", uig_regla="meta", uig_meta=50, uig_peso=2),
    fila("decimal", "presupuesto", "Presupuesto", hint="En pesos\nsin centavos",
         constraint=". >= 0", required="no"),
    fila("decimal", "porc_mujeres", "Porcentaje de mujeres", constraint=". >= 0 and . <= 100",
         uig_regla="paridad", appearance="numbers"),
    fila("decimal", "tasa", "Tasa", constraint=". >= 0 and . <= 100", uig_tipo="decimal"),
    fila("decimal", "avance", "Avance (%)", constraint=". >= 10 and . <= 100",
         uig_tipo="porcentaje", uig_regla="directa"),
    fila("date", "fecha_inst", "Fecha de instalación", required="TRUE"),
    fila("text", "obstaculos", "- Obstáculos principales", uig_peso=0),
    fila("note", "nota1", "'=Lea con atención"),
    fila("end_group"),
    fila("begin group", "igualdad", "Igualdad y no discriminación", uig_peso=Decimal("2.5")),
    fila("select_one si_no", "tiene_uig", "¿Tiene UIG?", required="yes", uig_evidencia="yes"),
    fila("select_one escala", "acuerdo", "Estoy de acuerdo", relevant="${tiene_uig} = 'si'"),
    fila("select_one nivel", "nivel_pol", "Nivel de la política",
         relevant="${tiene_uig} != 'no' and ${mujeres} > 10"),
    fila("select_multiple practicas", "practicas", "Prácticas",
         relevant="(${nivel_pol} = 'alto' or ${nivel_pol} = 'medio')"),
    fila("text", "detalle", "Detalle",
         relevant="selected(${practicas}, 'protocolo') or ${mujeres} < 5"),
    fila("select_one si_no_propia", "opcion_sn", "Sí/no con puntos propios",
         uig_tipo="opcion_unica"),
    fila("text", "cual", "¿Cuál?", relevant="selected(${nivel_pol}, 'alto')"),
    fila("end group"),
]  # fmt: skip
CHOICES = [
    ("si_no", "si", "Sí", None), ("si_no", "parcial", "Parcialmente", None),
    ("si_no", "no", "No", None), ("si_no", "na", "No aplica", None),
    *[("escala", str(n), f"Nivel {n}", None) for n in range(1, 6)],
    ("nivel", "alto", "Alto", 100), ("nivel", "medio", "Medio", Decimal("50.5")),
    ("nivel", "bajo", "Bajo", 0),
    ("practicas", "protocolo", "Protocolo", 40), ("practicas", "comite", "Comité", 30),
    ("practicas", "capacitacion", "Capacitación", None),
    ("si_no_propia", "si", "Sí", 80), ("si_no_propia", "parcial", "Parcial", 40),
    ("si_no_propia", "no", "No", 0), ("si_no_propia", "na", "No aplica", None),
]  # fmt: skip


def xlsx(survey=SURVEY, choices=CHOICES, encabezados=ENCABEZADOS, hojas=None):
    libro = Workbook()
    hoja = libro.active
    hoja.title = "survey"
    hoja.append(encabezados)
    for datos in survey:
        hoja.append([datos.get(e) for e in encabezados])
    if choices is not None:
        opciones = libro.create_sheet("choices")
        opciones.append(["list_name", "name", "label", "uig_puntos"])
        for renglon in choices:
            opciones.append(list(renglon))
    for titulo, filas in (hojas or {}).items():
        extra = libro.create_sheet(titulo)
        for renglon in filas:
            extra.append(renglon)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def subir(contenido, nombre="formulario.xlsx"):
    return SimpleUploadedFile(nombre, contenido, content_type="application/octet-stream")


def importar(contenido, nombre="formulario.xlsx"):
    return xlsform.analizar(xlsform.leer(subir(contenido, nombre)))


def condicion(pregunta):
    """La condición con los números como texto decimal, como los guarda el diseño (la siembra
    del instrumento los guarda como números JSON: 0 y "0" comparan igual)."""
    resultado = dict(pregunta.condicion)
    if resultado:
        resultado["reglas"] = [
            {**r, "valor": V.formato(V.numero(r["valor"]))}
            if r["operador"] in ("mayor", "menor") else r
            for r in resultado["reglas"]
        ]  # fmt: skip
    return resultado


def representacion(version):
    """Secciones, preguntas con todos sus campos y opciones con puntos, en su orden (el de la
    lista: el número de `orden` guardado puede empezar en 0 o en 1), sin llaves ni versión."""
    resultado = []
    for seccion in Seccion.objects.filter(version=version).order_by("orden", "pk"):
        preguntas = []
        for p in Pregunta.objects.filter(seccion=seccion).order_by("orden", "pk"):
            opciones = [(o.valor, o.etiqueta, o.puntos) for o in p.opciones.order_by("orden", "pk")]
            preguntas.append(
                (
                    p.codigo, p.texto, p.ayuda, p.tipo, p.obligatoria, condicion(p), p.minimo,
                    p.maximo, p.peso, p.regla, p.meta, p.admite_evidencia, opciones,
                )
            )  # fmt: skip
        resultado.append(
            (seccion.codigo, seccion.titulo, seccion.descripcion, seccion.peso, preguntas)
        )
    return resultado


@pytest.fixture
def cuestionario(db):
    return CuestionarioFactory(nombre="Diagnóstico institucional")


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def url_importar(cuestionario):
    return reverse("diagnosticos:xlsform_importar", args=[cuestionario.pk])


def importar_por_la_vista(cliente, cuestionario, contenido, nombre="formulario.xlsx"):
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(contenido, nombre)})
    assert respuesta.status_code == 200
    clave = respuesta.context.get("clave")
    assert clave, respuesta.context["errores"]
    confirmacion = cliente.post(url_importar(cuestionario), {"clave": clave})
    assert confirmacion.status_code == 302
    return cuestionario.versiones.order_by("-numero").first()


# --- Ida y vuelta ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_importar_exportar_importar_da_la_misma_version(cliente, cuestionario):
    primera = importar_por_la_vista(cliente, cuestionario, xlsx())
    assert primera.numero == 1

    exportado = cliente.get(reverse("diagnosticos:version_xlsform", args=[primera.pk]))
    assert exportado.status_code == 200
    assert exportado["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "diagnostico-institucional-v1.xlsx" in exportado["Content-Disposition"]

    segunda = importar_por_la_vista(cliente, cuestionario, exportado.content, "exportado.xlsx")
    assert segunda.numero == 2
    assert representacion(segunda) == representacion(primera)

    # Y una vuelta más, desde la segunda: el formato exportado es estable.
    otra = xlsform.exportar(segunda)
    assert representacion(importar_por_la_vista(cliente, cuestionario, otra)) == representacion(
        primera
    )


@pytest.mark.django_db
def test_la_importacion_traduce_cada_tipo_y_columna(cliente, cuestionario):
    version = importar_por_la_vista(cliente, cuestionario, xlsx())
    secciones = list(version.secciones.order_by("orden").values_list("codigo", "titulo", "peso"))
    assert secciones == [
        ("general", "General", Decimal("1")),
        ("datos", "Datos generales", Decimal("0")),
        ("igualdad", "Igualdad y no discriminación", Decimal("2.5")),
    ]
    p = {q.codigo: q for q in version.preguntas()}
    assert p["personal"].seccion.codigo == "general"
    assert "inicio" not in p  # metadato de Kobo: se ignora
    tipos = {codigo: q.tipo for codigo, q in p.items()}
    assert tipos == {
        "personal": Tipo.ENTERO, "mujeres": Tipo.ENTERO, "presupuesto": Tipo.DECIMAL,
        "porc_mujeres": Tipo.PORCENTAJE, "tasa": Tipo.DECIMAL, "avance": Tipo.PORCENTAJE,
        "fecha_inst": Tipo.FECHA, "obstaculos": Tipo.TEXTO, "nota1": Tipo.NOTA,
        "tiene_uig": Tipo.SI_NO, "acuerdo": Tipo.ESCALA, "nivel_pol": Tipo.OPCION_UNICA,
        "practicas": Tipo.OPCION_MULTIPLE, "detalle": Tipo.TEXTO, "opcion_sn": Tipo.OPCION_UNICA,
        "cual": Tipo.TEXTO,
    }  # fmt: skip
    assert p["mujeres"].obligatoria and p["fecha_inst"].obligatoria
    assert not p["presupuesto"].obligatoria and not p["nota1"].obligatoria
    assert (p["mujeres"].minimo, p["mujeres"].maximo) == (Decimal("0"), Decimal("5000"))
    assert (p["mujeres"].regla, p["mujeres"].meta, p["mujeres"].peso) == (
        "meta", Decimal("50"), Decimal("2"),
    )  # fmt: skip
    assert (p["porc_mujeres"].minimo, p["porc_mujeres"].maximo) == (None, None)
    assert (p["tasa"].minimo, p["tasa"].maximo) == (Decimal("0"), Decimal("100"))
    assert (p["avance"].minimo, p["avance"].maximo) == (Decimal("10"), None)
    assert p["presupuesto"].ayuda == "En pesos\nsin centavos"
    assert p["obstaculos"].texto == "- Obstáculos principales"
    assert p["nota1"].texto == "=Lea con atención"
    assert p["tiene_uig"].admite_evidencia and not p["acuerdo"].admite_evidencia
    assert not p["tiene_uig"].opciones.exists()  # sí/no y escala tienen opciones fijas
    assert list(p["nivel_pol"].opciones.values_list("valor", "puntos")) == [
        ("alto", Decimal("100")), ("medio", Decimal("50.5")), ("bajo", Decimal("0")),
    ]  # fmt: skip
    assert p["practicas"].opciones.get(valor="capacitacion").puntos is None
    assert p["acuerdo"].condicion == {
        "union": "y", "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}]
    }  # fmt: skip
    assert p["nivel_pol"].condicion == {
        "union": "y",
        "reglas": [
            {"pregunta": "tiene_uig", "operador": "distinto", "valor": "no"},
            {"pregunta": "mujeres", "operador": "mayor", "valor": "10"},
        ],
    }
    assert p["practicas"].condicion["reglas"] == [
        {"pregunta": "nivel_pol", "operador": "uno_de", "valor": ["alto", "medio"]}
    ]
    assert p["detalle"].condicion == {
        "union": "o",
        "reglas": [
            {"pregunta": "practicas", "operador": "contiene", "valor": "protocolo"},
            {"pregunta": "mujeres", "operador": "menor", "valor": "5"},
        ],
    }
    # selected() sobre una opción única es «igual».
    assert p["cual"].condicion["reglas"][0]["operador"] == "igual"
    assert version.notas == "Importada desde el XLSForm «formulario.xlsx»."


@pytest.mark.django_db
def test_la_exportacion_escapa_formulas_y_resuelve_ambiguedades(cuestionario):
    version = importar_por_la_vista_directa(cuestionario)
    libro = load_workbook(io.BytesIO(xlsform.exportar(version)), read_only=True)
    survey = list(libro["survey"].iter_rows(values_only=True))
    encabezados = survey[0]
    por_nombre = {
        r[1]: dict(zip(encabezados, r, strict=True)) for r in survey[1:] if r[0] != "end_group"
    }
    assert por_nombre["nota1"]["label"] == "'=Lea con atención"
    assert por_nombre["obstaculos"]["label"] == "'- Obstáculos principales"
    assert por_nombre["porc_mujeres"]["constraint"] == ". >= 0 and . <= 100"
    assert por_nombre["porc_mujeres"]["uig_tipo"] is None
    assert por_nombre["tasa"]["uig_tipo"] == "decimal"
    assert por_nombre["opcion_sn"]["uig_tipo"] == "opcion_unica"
    assert por_nombre["tiene_uig"]["type"] == "select_one si_no"
    assert (
        por_nombre["practicas"]["relevant"] == "(${nivel_pol} = 'alto' or ${nivel_pol} = 'medio')"
    )
    assert por_nombre["igualdad"]["type"] == "begin_group"
    assert [h.title for h in libro.worksheets] == ["survey", "choices", "settings"]
    libro.close()


def importar_por_la_vista_directa(cuestionario):
    importacion = importar(xlsx())
    assert importacion.errores == []
    return xlsform.crear_version(cuestionario, importacion)


@pytest.mark.django_db
def test_exportar_una_version_disenada_en_el_portal_y_volver_a_importarla(cuestionario):
    """Una versión hecha en el diseño (no importada) también da la vuelta completa."""
    version = Version.objects.create(cuestionario=cuestionario, numero=1)
    seccion = SeccionFactory(version=version, codigo="si_no", titulo="Sección", orden=0)
    uno = PreguntaFactory(seccion=seccion, codigo="si_no", tipo=Tipo.OPCION_MULTIPLE, orden=0)
    OpcionFactory(pregunta=uno, valor="a", etiqueta="A", puntos=10, orden=0)
    OpcionFactory(pregunta=uno, valor="b", etiqueta="Con 'comillas'", orden=1)
    PreguntaFactory(seccion=seccion, codigo="sn", tipo=Tipo.SI_NO, orden=1, obligatoria=False,
                    condicion={"union": "y", "reglas": [
                        {"pregunta": "si_no", "operador": "contiene", "valor": "b"}]})  # fmt: skip
    PreguntaFactory(seccion=seccion, codigo="pct", tipo=Tipo.PORCENTAJE, orden=2, maximo=80,
                    condicion={"union": "o", "reglas": [
                        {"pregunta": "sn", "operador": "uno_de", "valor": ["si"]},
                        {"pregunta": "si_no", "operador": "contiene", "valor": "a"}]})  # fmt: skip
    importacion = importar(xlsform.exportar(version))
    assert importacion.errores == []
    nueva = xlsform.crear_version(cuestionario, importacion)
    assert nueva.numero == 2
    assert representacion(nueva) == representacion(version)


# --- Vista previa y confirmación ------------------------------------------------------------


@pytest.mark.django_db
def test_la_vista_previa_no_crea_nada_y_muestra_lo_que_se_creara(cliente, cuestionario):
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(xlsx())})
    assert respuesta.status_code == 200
    assert not cuestionario.versiones.exists()
    html = respuesta.content.decode()
    assert "Se creará la versión 1" in html
    assert "Igualdad y no discriminación" in html
    assert "Sí/no con puntos propios" in html
    assert "Se ignoran las columnas: appearance." in html
    assert "se ignora «start»" in html


@pytest.mark.django_db
def test_doble_clic_en_confirmar_crea_una_sola_version(cliente, cuestionario):
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(xlsx())})
    clave = respuesta.context["clave"]
    assert cliente.post(url_importar(cuestionario), {"clave": clave}).status_code == 302
    segunda = cliente.post(url_importar(cuestionario), {"clave": clave}, follow=True)
    assert "ya se aplicó" in segunda.content.decode()
    assert Version.objects.filter(cuestionario=cuestionario).count() == 1


@pytest.mark.django_db
def test_cancelar_no_crea_nada(cliente, cuestionario):
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(xlsx())})
    clave = respuesta.context["clave"]
    cancelada = cliente.post(url_importar(cuestionario), {"clave": clave, "cancelar": "1"})
    assert cancelada.status_code == 302
    assert not cuestionario.versiones.exists()
    assert cliente.post(url_importar(cuestionario), {"clave": clave}).status_code == 302
    assert not cuestionario.versiones.exists()


@pytest.mark.django_db
def test_una_clave_inventada_o_de_otro_cuestionario_no_crea_nada(cliente, cuestionario):
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(xlsx())})
    clave = respuesta.context["clave"]
    otro = CuestionarioFactory()
    cliente.post(url_importar(otro), {"clave": clave})
    cliente.post(url_importar(cuestionario), {"clave": "../../etc/passwd"})
    assert not cuestionario.versiones.exists()


@pytest.mark.django_db
def test_la_version_nueva_sigue_a_la_ultima(cliente, cuestionario):
    Version.objects.create(cuestionario=cuestionario, numero=3)
    assert importar_por_la_vista(cliente, cuestionario, xlsx()).numero == 4


# --- Archivos malos: mensaje por fila y nada creado ----------------------------------------


def conteos():
    """Cuántas filas hay de cada modelo del diseño (la migración siembra el instrumento)."""
    return [m.objects.count() for m in (Version, Seccion, Pregunta, Opcion)]


def errores_de_la_vista(cliente, cuestionario, contenido, nombre="formulario.xlsx"):
    antes = conteos()
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(contenido, nombre)})
    assert respuesta.status_code == 200
    assert "clave" not in respuesta.context or not respuesta.context["clave"]
    assert conteos() == antes
    form = respuesta.context["form"]
    mensajes = list(form.errors.get("archivo", [])) + respuesta.context["errores"]
    html = respuesta.content.decode()
    assert "No se creó nada" in html or form.errors
    return mensajes


def zip_bomba():
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as comprimido:
        comprimido.writestr("[Content_Types].xml", "<Types/>")
        comprimido.writestr("xl/workbook.xml", "<workbook/>")
        comprimido.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return salida.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "contenido,esperado",
    [
        (b"type,name,label\ninteger,p1,Uno\n", "no es un libro de Excel (.xlsx): parece texto"),
        (b"MZ\x90\x00" + b"\x00" * 100, "parece un programa ejecutable"),
        (b"PK\x03\x04esto no es un zip", "No se pudo leer"),
        (zip_bomba(), "al descomprimirse"),
        (b"", "vacío"),
    ],
    ids=["texto", "exe", "zip_roto", "zip_bomb", "vacio"],
)
def test_archivos_que_no_son_xlsform(cliente, cuestionario, contenido, esperado):
    mensajes = errores_de_la_vista(cliente, cuestionario, contenido)
    assert any(esperado in m for m in mensajes), mensajes


def con_entidades():
    """Un XLSX cuyo workbook.xml declara entidades XML (billion laughs)."""
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as comprimido:
        original = zipfile.ZipFile(io.BytesIO(xlsx()))
        for entrada in original.infolist():
            datos = original.read(entrada.filename)
            if entrada.filename == "xl/workbook.xml":
                datos = datos.replace(
                    b"<workbook",
                    b'<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                    b"<workbook",
                    1,
                )
            comprimido.writestr(entrada, datos)
    return salida.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "contenido,esperado",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Office 97-2003"),
        (b"%PDF-1.4 hola", "parece un PDF"),
    ],
    ids=["xls_viejo", "pdf"],
)
def test_otros_archivos_con_extension_xlsx(cliente, cuestionario, contenido, esperado):
    mensajes = errores_de_la_vista(cliente, cuestionario, contenido)
    assert any(esperado in m for m in mensajes), mensajes


@pytest.mark.django_db
def test_xml_con_entidades_se_rechaza(cliente, cuestionario):
    mensajes = errores_de_la_vista(cliente, cuestionario, con_entidades())
    assert any("No se pudo leer" in m for m in mensajes), mensajes


@pytest.mark.django_db
def test_sin_hoja_survey(cliente, cuestionario):
    libro = Workbook()
    libro.active.title = "preguntas"
    libro.active.append(["type", "name", "label"])
    salida = io.BytesIO()
    libro.save(salida)
    mensajes = errores_de_la_vista(cliente, cuestionario, salida.getvalue())
    assert any("no tiene la hoja «survey»" in m for m in mensajes), mensajes


@pytest.mark.django_db
def test_demasiadas_filas(cliente, cuestionario, monkeypatch):
    monkeypatch.setattr(xlsform, "FILAS_MAXIMAS", 5)
    mensajes = errores_de_la_vista(cliente, cuestionario, xlsx())
    assert any("más de 5 filas" in m for m in mensajes), mensajes


def con(*filas, quitar=()):
    """El XLSForm de prueba con filas agregadas al final y sin las de códigos en `quitar`."""
    return [f for f in SURVEY if f.get("name") not in quitar] + list(filas)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "survey,choices,esperados",
    [
        (con(fila("geopoint", "ubicacion", "Ubicación")), CHOICES,
         ['Hoja survey, fila 23: el tipo «geopoint» no está soportado por el portal.']),
        (con(fila("select_one no_existe", "px", "X")), CHOICES,
         ["Hoja survey, fila 23, columna type: la lista «no_existe» no existe en la hoja choices."]),
        (con(fila("text", "px", "X", relevant="${tiene_uig} = ")), CHOICES,
         ["Hoja survey, fila 23, columna relevant: la expresión termina antes de tiempo: "
          "falta el valor."]),
        (con(fila("text", "px", "X", relevant="eval('1')")), CHOICES,
         ["Hoja survey, fila 23, columna relevant: «eval» no está soportado"]),
        (con(fila("text", "px", "X", relevant="(${nivel_pol} = 'alto' or ${nivel_pol} = 'bajo'")),
         CHOICES, ["Hoja survey, fila 23, columna relevant: la expresión termina antes de tiempo"]),
        (con(fila("text", "px", "X", relevant="${tiene_uig} = 'si' and ${mujeres} > 1 or "
                  "${mujeres} < 0")), CHOICES,
         ["Hoja survey, fila 23, columna relevant: no se pueden mezclar and y or"]),
        ([fila("text", "uno", "Uno", relevant="${dos} = 'x'"), fila("text", "dos", "Dos")], [],
         ["Hoja survey, fila 2, columna relevant: La regla 1 usa «dos», que no es una pregunta "
          "anterior."]),
        (con(fila("text", "mujeres", "Repetida")), CHOICES,
         ["Hoja survey, fila 23, columna name: el código «mujeres» ya se usó en la fila 5."]),
        (con(fila("text", "px", "X", relevant="${tiene_uig} = 'quiza'")), CHOICES,
         ["Hoja survey, fila 23, columna relevant: La regla 1 usa valores que «tiene_uig» no "
          "tiene: quiza."]),
        (con(fila("begin_group", "abierto", "Sin cerrar"), fila("text", "px", "X")), CHOICES,
         ["Hoja survey, fila 23: el grupo «abierto» no se cierra con end_group."]),
        (con(fila("integer", "Mal-Codigo", "X")), CHOICES,
         ["Hoja survey, fila 23, columna name: Use de 1 a 40 caracteres"]),
        (con(fila("integer", "px", "X", constraint=". > 5")), CHOICES,
         ["Hoja survey, fila 23, columna constraint: solo se aceptan límites"]),
        (con(fila("text", "px", "X", calculation="${mujeres} * 2")), CHOICES,
         ["Hoja survey, fila 23, columna calculation: el portal no tiene «calculation»"]),
        (con(fila("select_one nivel", "px", "X", uig_tipo="si_no")), CHOICES,
         ["Hoja survey, fila 23, columna type: para «si_no» la lista debe tener exactamente"]),
        (con(fila("integer", "px", "X", uig_peso="mucho")), CHOICES,
         ["Hoja survey, fila 23, columna uig_peso: «mucho» no es un número."]),
        (con(fila("integer", "px", "")), CHOICES,
         ["Hoja survey, fila 23, columna label: "]),
        (con(fila("text", "px", "X", uig_regla="directa")), CHOICES,
         ["Hoja survey, fila 23, columna uig_regla: la regla de puntos «El porcentaje son los "
          "puntos» solo aplica a preguntas numéricas."]),
        (con(fila("integer", "px", "X", uig_regla="meta")), CHOICES,
         ["Hoja survey, fila 23, columna uig_meta: la regla «meta» necesita una meta mayor"]),
        (con(fila("integer", "px", "X", uig_regla="otra")), CHOICES,
         ["Hoja survey, fila 23, columna uig_regla: "]),
        (con(fila("begin_group", "g1", "G1"), fila("begin_group", "g2", "G2"),
             fila("text", "px", "X"), fila("end_group"), fila("end_group")), CHOICES,
         ["Hoja survey, fila 24, columna type: hay un grupo dentro del grupo «g1» (fila 23)",
          "Hoja survey, fila 27, columna type: end_group sin un begin_group antes."]),
        (con(fila("begin_group", "g1", "G1", relevant="${tiene_uig} = 'si'"),
             fila("text", "px", "X"), fila("end_group")), CHOICES,
         ["Hoja survey, fila 23, columna relevant: el portal no tiene condiciones de sección"]),
        (con(fila("text", "px", "X", constraint=". >= 1")), CHOICES,
         ["Hoja survey, fila 23, columna constraint: solo las preguntas numéricas llevan límites."]),
        (con(fila("select_one", "px", "X")), CHOICES,
         ["Hoja survey, fila 23, columna type: falta el nombre de la lista"]),
        (con(fila("select_one nivel or_other", "px", "X")), CHOICES,
         ["Hoja survey, fila 23: el tipo «select_one nivel or_other» no está soportado"]),
        (con(fila("integer", "px", "X", required="quizá")), CHOICES,
         ["Hoja survey, fila 23, columna required: «quizá» no se entiende; use yes o no."]),
        (con(fila("", "px", "X")), CHOICES, ["Hoja survey, fila 23, columna type: falta el tipo."]),
        (SURVEY, [*CHOICES, ("practicas", "1_mal", "Mal", 101)], [
            "Hoja choices, fila 21, columna name: Use de 1 a 40",
            "Hoja choices, fila 21, columna uig_puntos: "]),
        (con(fila("begin_repeat", "rep", "Repetición")), CHOICES,
         ["Hoja survey, fila 23: el tipo «begin_repeat» no está soportado por el portal."]),
        (SURVEY, [*CHOICES, ("nivel", "alto", "Otra vez", None)], [
            "Hoja choices, fila 21, columna name: la opción «alto» ya está en la lista «nivel» "
            "(fila 11)."]),
    ],
    ids=["tipo_no_soportado", "lista_inexistente", "relevant_incompleto", "eval",
         "parentesis_sin_cerrar", "y_o_mezclados", "pregunta_posterior", "codigo_repetido",
         "valor_inexistente", "grupo_sin_cerrar", "codigo_invalido", "constraint_mal",
         "columna_no_soportada", "uig_tipo_incoherente", "numero_mal", "sin_etiqueta",
         "regla_no_numerica", "meta_sin_valor", "regla_desconocida", "grupo_anidado",
         "condicion_de_grupo", "constraint_en_texto", "select_sin_lista", "or_other",
         "required_raro", "sin_tipo", "opcion_mala",
         "repeticion", "opcion_repetida"],
)  # fmt: skip
def test_xlsform_con_errores_no_crea_nada(cliente, cuestionario, survey, choices, esperados):
    encabezados = [*ENCABEZADOS, "calculation"]
    mensajes = errores_de_la_vista(cliente, cuestionario, xlsx(survey, choices, encabezados))
    for esperado in esperados:
        assert any(m.startswith(esperado) for m in mensajes), (esperado, mensajes)


@pytest.mark.django_db
def test_sin_hoja_choices_y_sin_grupos_es_valido(cuestionario):
    importacion = importar(xlsx([fila("integer", "px", "X")], choices=None))
    assert importacion.errores == []
    version = xlsform.crear_version(cuestionario, importacion)
    assert [(s.codigo, s.titulo) for s in version.secciones.all()] == [("general", "General")]


@pytest.mark.django_db
def test_tramos_sueltos_conservan_el_orden(cuestionario):
    """Preguntas antes y después de un grupo: dos secciones «general», y la condición que mira
    una pregunta del grupo sigue siendo a una anterior."""
    survey = [
        fila("select_one si_no", "a", "A"),
        fila("begin_group", "general_2", "Grupo"), fila("integer", "b", "B"), fila("end_group"),
        fila("text", "c", "C", relevant="${b} > 1 and ${a} = 'si'"),
    ]  # fmt: skip
    importacion = importar(xlsx(survey))
    assert importacion.errores == []
    codigos = [(s.datos["codigo"], [p.codigo for p in s.preguntas]) for s in importacion.secciones]
    assert codigos == [("general", ["a"]), ("general_2", ["b"]), ("general_3", ["c"])]


@pytest.mark.django_db
def test_formula_en_una_celda(cliente, cuestionario):
    survey = con(fila("integer", "px", '=CONCATENAR("a";"b")'))
    mensajes = errores_de_la_vista(cliente, cuestionario, xlsx(survey))
    assert any(
        m.startswith(
            "Hoja survey, fila 23, columna label::Español (es): la celda tiene una fórmula"
        )
        for m in mensajes
    ), mensajes


@pytest.mark.django_db
def test_se_listan_todos_los_errores_a_la_vez(cliente, cuestionario):
    survey = con(
        fila("geopoint", "ubicacion", "Ubicación"),
        fila("select_one falta", "py", "Y"),
        fila("text", "pz", "Z", relevant="${nadie} = 'x'"),
    )
    mensajes = errores_de_la_vista(cliente, cuestionario, xlsx(survey))
    assert len(mensajes) == 3, mensajes
    html = cliente.post(url_importar(cuestionario), {"archivo": subir(xlsx(survey))}).content
    assert "tiene 3 problemas" in html.decode()


@pytest.mark.django_db
def test_errores_al_confirmar_no_crean_nada(cliente, cuestionario, monkeypatch):
    """Si al confirmar el archivo ya no pasa (p. ej. cambió una regla), se listan y no se crea."""
    respuesta = cliente.post(url_importar(cuestionario), {"archivo": subir(xlsx())})
    monkeypatch.setattr(xlsform, "FILAS_MAXIMAS", 3)
    confirmacion = cliente.post(url_importar(cuestionario), {"clave": respuesta.context["clave"]})
    assert confirmacion.status_code == 200
    assert "más de 3 filas" in confirmacion.content.decode()
    assert not cuestionario.versiones.exists()


@pytest.mark.django_db
def test_la_pagina_de_importar_ofrece_la_ultima_version(cliente, cuestionario):
    version = Version.objects.create(cuestionario=cuestionario, numero=2)
    respuesta = cliente.get(url_importar(cuestionario))
    assert respuesta.status_code == 200
    assert reverse("diagnosticos:version_xlsform", args=[version.pk]) in respuesta.content.decode()


@pytest.mark.django_db
def test_exportar_cuenta_consultas_constantes(cliente, cuestionario, django_assert_max_num_queries):
    """Tres consultas para toda la versión (Estructura), sin importar cuántas preguntas tenga;
    las demás son de la sesión y los permisos."""
    chica = Version.objects.create(cuestionario=cuestionario, numero=9)
    PreguntaFactory(seccion=SeccionFactory(version=chica), tipo=Tipo.OPCION_UNICA)
    grande = importar_por_la_vista_directa(cuestionario)
    for version in (chica, grande):
        url = reverse("diagnosticos:version_xlsform", args=[version.pk])
        with django_assert_max_num_queries(11):
            assert cliente.get(url).status_code == 200


@pytest.mark.django_db
def test_el_instrumento_predeterminado_da_la_vuelta(cuestionario):
    """La versión sembrada por la migración (hecha en el portal) se exporta y vuelve igual."""
    for version in Version.objects.exclude(cuestionario=cuestionario):
        importacion = importar(xlsform.exportar(version))
        assert importacion.errores == []
        nueva = xlsform.crear_version(cuestionario, importacion)
        assert representacion(nueva) == representacion(version)
        nueva.delete()


def test_una_condicion_que_xlsform_no_escribe_se_avisa_sin_error_500(cliente, cuestionario):
    seccion = SeccionFactory(version__cuestionario=cuestionario, codigo="general")
    PreguntaFactory(seccion=seccion, orden=1, codigo="nombre", tipo=Pregunta.Tipo.TEXTO)
    # Guardada sin pasar por el diseño (que ya la rechaza): comillas de los dos tipos.
    PreguntaFactory(
        seccion=seccion,
        orden=2,
        codigo="detalle",
        tipo=Pregunta.Tipo.TEXTO,
        condicion={"reglas": [{"pregunta": "nombre", "operador": "igual", "valor": "'a' \"b\""}]},
    )
    url = reverse("diagnosticos:version_xlsform", args=[seccion.version.pk])

    respuesta = cliente.get(url, follow=True)

    assert respuesta.redirect_chain[0][0] == seccion.version.get_absolute_url()
    assert "no se puede exportar a XLSForm" in respuesta.content.decode()
