"""Importación de la lista de asistencia en Excel: vista previa, confirmación, todo o nada,
cada fila con error nombrada y archivos hostiles."""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from capacitacion import asistencia as servicio
from capacitacion.models import Asistencia, Evento, Inscripcion, Participante
from capacitacion.views.asistencia import SESION_IMPORTACION
from tests.factories import (
    AsistenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    SesionFactory,
)
from uig_portal.lib.hojas import TIPO_XLSX

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def medios(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "importaciones"


def temporales(medios):
    return sorted(p.name for p in medios.iterdir()) if medios.exists() else []


@pytest.fixture
def evento(dependencia):
    """Abierto, con dos sesiones (3 h y 1 h) y umbral de 75 %: acredita quien va a la de 3 h."""
    evento = EventoFactory(estado=Evento.Estado.ABIERTO, umbral_asistencia=75)
    SesionFactory(evento=evento, horas=Decimal("3"))
    SesionFactory(evento=evento, horas=Decimal("1"), fecha=evento.fecha_inicio + timedelta(days=1))
    evento.refresh_from_db()
    return evento


@pytest.fixture
def sesiones(evento):
    return list(evento.sesiones.order_by("numero"))


@pytest.fixture
def personas(evento, dependencia):
    """Ana, Beto y Carla, confirmados; Carla sin correo, con CURP."""
    ana = InscripcionFactory(
        evento=evento,
        dependencia=dependencia,
        participante__nombre="Ana",
        participante__correo="ana@zac.gob.mx",
    )
    beto = InscripcionFactory(
        evento=evento,
        dependencia=dependencia,
        participante__nombre="Beto",
        participante__correo="beto@zac.gob.mx",
    )
    carla = InscripcionFactory(
        evento=evento,
        dependencia=dependencia,
        participante__nombre="Carla",
        participante__correo="",
        participante__curp="GOMA850312MZSRRN09",
    )
    return ana, beto, carla


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


def encabezado(sesiones, *columnas):
    return ["Correo", "CURP", "Nombre", *columnas] + [
        servicio.encabezado_sesion(s) for s in sesiones
    ]


def libro(filas, nombre="asistencia.xlsx"):
    """Un XLSX real; una fila vacía ([]) queda en blanco, como en Excel."""
    hoja_de_calculo = Workbook()
    hoja = hoja_de_calculo.active
    for fila in filas:
        hoja.append(fila)
    salida = io.BytesIO()
    hoja_de_calculo.save(salida)
    return SimpleUploadedFile(nombre, salida.getvalue(), content_type=TIPO_XLSX)


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def importar_url(evento):
    return reverse("capacitacion:asistencia_importar", args=[evento.pk])


def confirmar_url(evento):
    return reverse("capacitacion:asistencia_importar_confirmar", args=[evento.pk])


def subir(cliente, evento, archivo):
    return cliente.post(importar_url(evento), {"archivo": archivo})


def errores(respuesta):
    assert respuesta.status_code == 200
    revision = respuesta.context.get("revision")
    if revision is not None and revision.errores:
        return [str(e) for e in revision.errores]
    assert respuesta.context["form"].errors, "sin errores"
    return respuesta.context["form"].errors["archivo"]


def marcas():
    return {
        (i, s): p
        for i, s, p in Asistencia.objects.values_list(
            "inscripcion_id", "sesion__numero", "presente"
        )
    }


# --- Lo que sale bien -------------------------------------------------------------------------


def test_vista_previa_y_confirmacion(cliente, coordinacion, evento, sesiones, personas, medios):
    ana, beto, carla = personas
    AsistenciaFactory(inscripcion=beto, sesion=sesiones[0], presente=True)
    archivo = libro(
        [
            encabezado(sesiones),
            ["ANA@zac.gob.mx ", None, "Ana", "Sí", "no"],
            [],
            ["beto@zac.gob.mx", None, "Beto", None, "x"],
            [None, "goma850312mzsrrn09", "Carla", "si", 1],
        ]
    )

    respuesta = subir(cliente, evento, archivo)

    assert respuesta.status_code == 200
    revision = respuesta.context["revision"]
    assert revision.errores == []
    assert revision.personas == 3
    assert [
        (r.presentes, r.ausentes, r.nuevos_presentes, r.quitados) for r in revision.resumen
    ] == [
        (2, 1, 2, 1),
        (2, 1, 2, 0),
    ]
    assert revision.cambios == 6
    assert len(marcas()) == 1  # la vista previa no guarda nada
    assert len(temporales(medios)) == 1
    clave = respuesta.context["clave"]
    assert "Confirmar e importar" in respuesta.content.decode()

    respuesta = cliente.post(confirmar_url(evento), {"clave": clave})

    assert respuesta.status_code == 302
    assert respuesta.url == reverse("capacitacion:evento_detalle", args=[evento.pk])
    assert "3 personas, 6 marcas nuevas o cambiadas" in mensajes(respuesta)[-1]
    assert marcas() == {
        (ana.pk, 1): True,
        (ana.pk, 2): False,
        (beto.pk, 1): False,
        (beto.pk, 2): True,
        (carla.pk, 1): True,
        (carla.pk, 2): True,
    }
    for inscripcion in personas:
        inscripcion.refresh_from_db()
    assert [(i.horas_asistidas, i.acreditada) for i in personas] == [
        (Decimal("3"), True),
        (Decimal("1"), False),
        (Decimal("4"), True),
    ]
    assert Asistencia.objects.filter(registrada_por=coordinacion).count() == 6
    assert ana.history.first().history_change_reason == "Asistencia importada de «asistencia.xlsx»"
    assert temporales(medios) == []
    assert SESION_IMPORTACION not in cliente.session


def test_las_sesiones_que_no_vienen_conservan_su_asistencia(cliente, evento, sesiones, personas):
    ana, beto, _carla = personas
    AsistenciaFactory(inscripcion=ana, sesion=sesiones[1], presente=True)
    archivo = libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]])
    respuesta = subir(cliente, evento, archivo)
    html = respuesta.content.decode()
    assert "2 personas confirmadas no aparecen en el archivo" in html
    cliente.post(confirmar_url(evento), {"clave": respuesta.context["clave"]})
    assert marcas() == {(ana.pk, 1): True, (ana.pk, 2): True}
    ana.refresh_from_db()
    assert ana.horas_asistidas == Decimal("4")


def test_archivo_igual_a_lo_registrado_no_pide_confirmar(
    cliente, evento, sesiones, personas, medios
):
    ana = personas[0]
    AsistenciaFactory(inscripcion=ana, sesion=sesiones[0], presente=True)
    respuesta = subir(cliente, evento, libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]]))
    assert respuesta.context["clave"] is None
    assert "No hay nada que importar" in respuesta.content.decode()
    assert temporales(medios) == []


def test_la_columna_extra_se_ignora_y_se_avisa(cliente, evento, sesiones, personas):
    archivo = libro(
        [["Correo", "Observaciones", "Sesión 2"], ["beto@zac.gob.mx", "llegó tarde", "sí"]]
    )
    respuesta = subir(cliente, evento, archivo)
    assert "Se ignoran las columnas: Observaciones." in respuesta.content.decode()


def test_la_plantilla_ida_y_vuelta(cliente, evento, sesiones, personas):
    """Se descarga la plantilla, se marca en Excel y se sube: queda aplicada."""
    ana, beto, carla = personas
    ana.participante.nombre = '=HYPERLINK("http://malo.example","clic")'
    ana.participante.save()
    descarga = cliente.get(reverse("capacitacion:asistencia_plantilla", args=[evento.pk]))
    hoja_de_calculo = load_workbook(io.BytesIO(descarga.content))
    hoja = hoja_de_calculo.worksheets[0]
    for (correo, curp, *_resto), fila in zip(
        hoja.iter_rows(min_row=2, values_only=True), range(2, hoja.max_row + 1), strict=True
    ):
        hoja.cell(row=fila, column=5, value="Sí" if correo != "beto@zac.gob.mx" else "No")
        hoja.cell(row=fila, column=6, value="Sí" if curp else None)
    salida = io.BytesIO()
    hoja_de_calculo.save(salida)

    respuesta = subir(cliente, evento, SimpleUploadedFile("plantilla.xlsx", salida.getvalue()))

    assert respuesta.context["revision"].errores == []
    cliente.post(confirmar_url(evento), {"clave": respuesta.context["clave"]})
    assert marcas() == {
        (ana.pk, 1): True,
        (ana.pk, 2): False,
        (beto.pk, 1): False,
        (beto.pk, 2): False,
        (carla.pk, 1): True,
        (carla.pk, 2): True,
    }
    assert Inscripcion.objects.filter(acreditada=True).count() == 2


# --- Todo o nada, una sola vez ----------------------------------------------------------------


def test_doble_confirmacion_aplica_una_vez(cliente, evento, sesiones, personas, medios):
    ana = personas[0]
    respuesta = subir(cliente, evento, libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]]))
    clave = respuesta.context["clave"]
    primera = cliente.post(confirmar_url(evento), {"clave": clave})
    historial = ana.history.count()

    segunda = cliente.post(confirmar_url(evento), {"clave": clave})

    assert primera.status_code == segunda.status_code == 302
    assert "ya se aplicó, se canceló o caducó" in mensajes(segunda)[-1]
    assert marcas() == {(ana.pk, 1): True}
    assert ana.history.count() == historial
    assert temporales(medios) == []


def test_la_clave_de_otro_evento_no_sirve(cliente, evento, sesiones, personas, medios):
    respuesta = subir(cliente, evento, libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]]))
    otro = EventoFactory(estado=Evento.Estado.ABIERTO)
    segunda = cliente.post(confirmar_url(otro), {"clave": respuesta.context["clave"]})
    assert "ya se aplicó, se canceló o caducó" in mensajes(segunda)[-1]
    assert marcas() == {}
    assert len(temporales(medios)) == 1  # sigue esperando su confirmación


def test_cancelar_borra_el_archivo_y_no_guarda(cliente, evento, sesiones, personas, medios):
    respuesta = subir(cliente, evento, libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]]))
    respuesta = cliente.post(
        confirmar_url(evento), {"clave": respuesta.context["clave"], "cancelar": "1"}
    )
    assert "Se canceló la importación" in mensajes(respuesta)[-1]
    assert marcas() == {}
    assert temporales(medios) == []


def test_si_la_asistencia_cambio_se_revisa_de_nuevo(
    cliente, coordinacion, evento, sesiones, personas, medios
):
    ana, beto, _carla = personas
    archivo = [["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"], ["beto@zac.gob.mx", "Sí"]]
    respuesta = subir(cliente, evento, libro(archivo))
    servicio.registrar(sesiones[0], [beto.pk], coordinacion)

    respuesta = cliente.post(confirmar_url(evento), {"clave": respuesta.context["clave"]})

    assert respuesta.status_code == 200
    assert "cambió desde la vista previa" in respuesta.content.decode()
    assert marcas()[(ana.pk, 1)] is False  # no se aplicó
    respuesta = cliente.post(confirmar_url(evento), {"clave": respuesta.context["clave"]})
    assert marcas()[(ana.pk, 1)] is True


def test_si_el_evento_se_cancelo_no_se_aplica(cliente, evento, sesiones, personas, medios):
    respuesta = subir(cliente, evento, libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]]))
    Evento.objects.filter(pk=evento.pk).update(estado=Evento.Estado.CANCELADO)
    respuesta = cliente.post(confirmar_url(evento), {"clave": respuesta.context["clave"]})
    assert "no se registra asistencia" in mensajes(respuesta)[-1]
    assert marcas() == {}
    assert temporales(medios) == []


@pytest.mark.parametrize("estado", [Evento.Estado.BORRADOR, Evento.Estado.CANCELADO])
def test_no_se_importa_en_borrador_ni_cancelado(cliente, evento, sesiones, personas, estado):
    Evento.objects.filter(pk=evento.pk).update(estado=estado)
    pagina = cliente.get(importar_url(evento))
    assert "no se registra asistencia" in pagina.content.decode()
    assert "Revisar el archivo" not in pagina.content.decode()
    respuesta = subir(cliente, evento, libro([["Correo", "Sesión 1"], ["ana@zac.gob.mx", "Sí"]]))
    assert respuesta.status_code == 302
    assert "no se registra asistencia" in mensajes(respuesta)[-1]
    assert marcas() == {}


# --- Filas con errores: cada una nombrada, nada guardado --------------------------------------


def test_cada_fila_con_error_se_nombra_y_no_se_guarda_nada(
    cliente, evento, sesiones, personas, dependencia, medios
):
    ana, beto, _carla = personas
    InscripcionFactory(
        evento=evento,
        dependencia=dependencia,
        estado=Inscripcion.Estado.SOLICITADA,
        participante__nombre="Dora",
        participante__correo="dora@zac.gob.mx",
    )
    archivo = libro(
        [
            ["Correo", "CURP", "Nombre", "Sesión 1", "Sesión 2"],
            ["ana@zac.gob.mx", None, "Ana", "Sí", "quizá"],
            ["nadie@zac.gob.mx", None, "Nadie", "Sí", "Sí"],
            ["dora@zac.gob.mx", None, "Dora", "Sí", "Sí"],
            [],
            ["ANA@zac.gob.mx", None, "Ana otra vez", "No", "No"],
            ["beto@zac.gob.mx", None, "Beto", "=1+1", "Sí"],
            ["beto@zac.gob.mx", None, "=CONCATENAR(A1)", "Sí", "Sí"],
            [None, None, "Sin datos", "Sí", "Sí"],
        ]
    )

    respuesta = subir(cliente, evento, archivo)

    assert errores(respuesta) == [
        "Fila 2, columna E «Sesión 2»: «quizá» no es un valor válido; escriba Sí o No "
        "(vacío cuenta como No).",
        "Fila 3, columna A «Correo»: no hay una persona inscrita en este evento con ese dato.",
        "Fila 4, columna A «Correo»: Dora está inscrita en el evento, pero su inscripción está "
        "«Por confirmar»; solo se registra la asistencia de inscripciones confirmadas.",
        "Fila 6, columna A «Correo»: la persona ya aparece en la fila 2.",
        'Fila 7, columna D «Sesión 1»: no se aceptan fórmulas ("=1+1"); escriba el valor.',
        "Fila 8, columna A «Correo»: la persona ya aparece en la fila 7.",
        'Fila 8, columna C «Nombre»: no se aceptan fórmulas ("=CONCATENAR(A1)"); escriba el valor.',
        "Fila 9, columna A «Correo»: falta el correo o la CURP de la persona.",
    ]
    html = respuesta.content.decode()
    assert "No se guardó nada" in html and "Confirmar e importar" not in html
    assert marcas() == {}
    assert temporales(medios) == []
    assert SESION_IMPORTACION not in cliente.session


def test_correo_repetido_entre_confirmadas_pide_la_curp(cliente, evento, sesiones, dependencia):
    for curp in ("GOMA850312MZSRRN01", "GOMA850312MZSRRN02"):
        InscripcionFactory(
            evento=evento,
            dependencia=dependencia,
            participante=ParticipanteFactory(
                dependencia=dependencia, correo="compartido@zac.gob.mx", curp=curp
            ),
        )
    ambiguo = libro([["Correo", "Sesión 1"], ["compartido@zac.gob.mx", "Sí"]])
    (error,) = errores(subir(cliente, evento, ambiguo))
    assert "corresponde a 2 personas confirmadas" in error

    con_curp = libro(
        [["Correo", "CURP", "Sesión 1"], ["compartido@zac.gob.mx", "GOMA850312MZSRRN02", "Sí"]]
    )
    respuesta = subir(cliente, evento, con_curp)
    assert respuesta.context["revision"].errores == []


CASOS_ENCABEZADOS = {
    "sesión que no existe": (
        [["Correo", "Sesión 1", "Sesión 7"]],
        ["Fila 1, columna C «Sesión 7»: el evento no tiene esa sesión; sus sesiones son 1, 2."],
    ),
    "fecha que no es la de la sesión": (
        [["Correo", "Sesión 2 (01/01/2001)"]],
        ["Fila 1, columna B «Sesión 2 (01/01/2001)»: la sesión 2 es el "],
    ),
    "fecha ilegible": (
        [["Correo", "Sesión 1 (mañana)"]],
        ["Fila 1, columna B «Sesión 1 (mañana)»: la fecha entre paréntesis no se entiende"],
    ),
    "sesión mal escrita": (
        [["Correo", "Sesión uno"]],
        ["Fila 1, columna B «Sesión uno»: no se reconoce como columna de sesión"],
    ),
    "sesión repetida": (
        [["Correo", "Sesión 1", "sesion 1"]],
        ["Fila 1, columna C «sesion 1»: repite la columna B «Sesión 1»."],
    ),
    "sin correo ni CURP": (
        [["Nombre", "Sesión 1"]],
        ["Fila 1 (encabezados): falta la columna «Correo» o la columna «CURP»"],
    ),
    "sin sesiones": (
        [["Correo", "Nombre"]],
        ["Fila 1 (encabezados): no hay columnas de sesión"],
    ),
    "encabezado con fórmula": (
        [["Correo", "=A1"]],
        ['Fila 1, columna B «…»: no se aceptan fórmulas ("=A1")'],
    ),
}


@pytest.mark.parametrize("caso", CASOS_ENCABEZADOS, ids=list(CASOS_ENCABEZADOS))
def test_encabezados_con_errores(cliente, evento, sesiones, personas, medios, caso):
    filas, esperados = CASOS_ENCABEZADOS[caso]
    respuesta = subir(cliente, evento, libro([*filas, ["ana@zac.gob.mx", "Sí", "Sí"]]))
    obtenidos = errores(respuesta)
    assert len(obtenidos) == len(esperados), obtenidos
    for obtenido, esperado in zip(obtenidos, esperados, strict=True):
        assert obtenido.startswith(esperado), obtenido
    assert marcas() == {}
    assert temporales(medios) == []


def test_la_fecha_correcta_entre_parentesis_se_acepta(cliente, evento, sesiones, personas):
    fecha = sesiones[1].fecha
    archivo = libro([["Correo", f"Sesión 2 ({fecha:%d/%m/%Y})"], ["ana@zac.gob.mx", "Sí"]])
    assert subir(cliente, evento, archivo).context["revision"].errores == []


# --- Archivos hostiles ------------------------------------------------------------------------


def zip_con(entradas):
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as comprimido:
        for nombre, contenido in entradas.items():
            comprimido.writestr(nombre, contenido)
    return salida.getvalue()


def zip_bomba():
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as comprimido:
        comprimido.writestr("[Content_Types].xml", "<Types/>")
        comprimido.writestr("xl/workbook.xml", "<workbook/>")
        comprimido.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return salida.getvalue()


def xlsx_danado():
    """Un XLSX real al que le falta la mitad: el índice del zip no aparece."""
    salida = io.BytesIO()
    Workbook().save(salida)
    datos = salida.getvalue()
    return datos[: len(datos) // 2]


HOSTILES = {
    "PDF renombrado": (b"%PDF-1.7\n%%EOF", "no es un libro de Excel (.xlsx): parece un PDF"),
    "texto renombrado": (b"Correo,Sesion 1\nana@zac.gob.mx,Si\n", "parece texto u otro tipo"),
    "xls viejo": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "Office 97-2003"),
    "zip roto": (b"PK\x03\x04esto no es un zip", "No se pudo leer «lista.xlsx»"),
    "xlsx cortado": (xlsx_danado(), "No se pudo leer «lista.xlsx»"),
    "zip que no es libro": (zip_con({"hola.txt": "hola"}), "No se pudo leer «lista.xlsx»"),
    "zip bomb": (zip_bomba(), "ocupa 60.0\xa0MB al descomprimirse"),
    "vacío": (b"", "está vacío"),
}


@pytest.mark.parametrize("caso", HOSTILES, ids=list(HOSTILES))
def test_archivos_hostiles(cliente, evento, sesiones, personas, medios, caso):
    contenido, esperado = HOSTILES[caso]
    respuesta = subir(cliente, evento, SimpleUploadedFile("lista.xlsx", contenido))
    (error,) = errores(respuesta)
    assert esperado in error
    assert marcas() == {}
    assert temporales(medios) == []


def test_demasiadas_filas(cliente, evento, sesiones, personas, monkeypatch):
    monkeypatch.setattr(servicio, "FILAS_MAXIMAS", 2)
    archivo = libro(
        [
            ["Correo", "Sesión 1"],
            ["ana@zac.gob.mx", "Sí"],
            ["beto@zac.gob.mx", "Sí"],
            ["c@x.mx", "Sí"],
        ]
    )
    (error,) = errores(subir(cliente, evento, archivo))
    assert error.startswith("El archivo tiene más de 2 filas con datos.")


def test_sin_filas(cliente, evento, sesiones):
    (error,) = errores(subir(cliente, evento, libro([["Correo", "Sesión 1"], []])))
    assert error == "El archivo no tiene filas con datos debajo de los encabezados (fila 1)."


# --- Escala: las consultas no crecen con las filas --------------------------------------------


def consultas_al_importar(evento, dependencia, usuario, n):
    dominio = f"@evento{evento.pk}.mx"
    participantes = ParticipanteFactory.build_batch(n, dependencia=dependencia)
    for numero, p in enumerate(participantes):
        p.correo = f"persona{numero}{dominio}"
    Participante.objects.bulk_create(participantes)
    creados = Participante.objects.filter(correo__endswith=dominio)
    Inscripcion.objects.bulk_create(
        Inscripcion(evento=evento, participante=p, dependencia=dependencia, estado="confirmada")
        for p in creados
    )
    filas = [["Correo", "Sesión 1", "Sesión 2"]] + [[p.correo, "Sí", "x"] for p in creados]
    archivo = libro(filas)
    with CaptureQueriesContext(connection) as capturadas:
        revision = servicio.revisar(servicio.leer(archivo, evento), evento)
        assert revision.errores == []
        servicio.aplicar(revision, evento, usuario)
    assert Asistencia.objects.filter(sesion__evento=evento, presente=True).count() == 2 * n
    sentencias = [q["sql"] for q in capturadas.captured_queries]
    inserciones = sum(1 for sql in sentencias if sql.startswith("INSERT"))
    return len(sentencias) - inserciones, inserciones


def test_las_consultas_de_la_importacion_no_crecen_con_las_filas(
    evento, sesiones, dependencia, coordinacion
):
    pocas, _inserciones = consultas_al_importar(evento, dependencia, coordinacion, 5)
    otro = EventoFactory(estado=Evento.Estado.ABIERTO)
    SesionFactory(evento=otro, horas=Decimal("3"))
    SesionFactory(evento=otro, horas=Decimal("1"), fecha=otro.fecha_inicio + timedelta(days=1))
    otro.refresh_from_db()
    consultas, inserciones = consultas_al_importar(otro, dependencia, coordinacion, 300)
    assert consultas == pocas
    # Las 600 marcas y los 300 historiales se escriben por lotes (SQLite admite ~999
    # parámetros por sentencia; PostgreSQL, lotes de mil filas), no uno por fila.
    assert inserciones <= 12
    assert Inscripcion.objects.filter(evento=otro, acreditada=True).count() == 300
