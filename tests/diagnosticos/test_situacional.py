"""El diagnóstico situacional: su contenido, el PDF con el oficio, la generación y la entrega.

Cifras conocidas (ver `cuestionario_conocido`): la institución tuvo 25 de índice general en su
línea base (igualdad 50, violencia 0) y ahora 50 (igualdad 100, violencia 0); la otra
institución aceptada de la ronda tiene 75 (igualdad 50, violencia 100). El promedio estatal de
la ronda es 62.50 (igualdad 75, violencia 50); una tercera institución envió sin ser aceptada
(no cuenta en el promedio, sí en la tasa de respuesta) y una cuarta no ha empezado.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from diagnosticos import situacional
from diagnosticos.models import DiagnosticoSituacional, Nivel, Propuesta, Respuesta
from tests.diagnosticos.test_linea_base import PRIMERA, contestar, cuestionario_conocido, ronda
from tests.factories import DependenciaFactory, RespuestaFactory, UsuarioFactory, archivo_pdf
from uig_portal.lib.ejes import Eje

D = Decimal
Estado = Respuesta.Estado
EstadoPropuesta = Propuesta.Estado

TITULAR = "Mtra. Ana Laura Pérez Gómez"
OFICIO = "SEMUJER/CUIG/0123/2026"
ACTUAL = {
    "personal": "130",
    "i1": "si",
    "i2": "si",
    "v1": "no",
    "v2": "Falta presupuesto para el comité",
}
OTRA = {"i1": "si", "i2": "no", "v1": "si"}
COMITE = "Instalar un comité de atención a casos de hostigamiento y acoso sexual."
POLITICA = "Publicar la política de igualdad laboral y no discriminación."


def hace(dias):
    return timezone.localdate() - timedelta(days=dias)


@pytest.fixture
def escenario(dependencia, otra_dependencia, coordinacion):
    dependencia.titular = TITULAR
    dependencia.save()
    version = cuestionario_conocido()
    anterior = ronda(version, date(2025, 3, 1))
    actual_ronda = ronda(version, date(2026, 3, 1))
    contestar(anterior, dependencia, PRIMERA)
    actual = contestar(actual_ronda, dependencia, ACTUAL, Estado.ENVIADA)
    actual.enviada_en = timezone.make_aware(datetime(2026, 4, 20, 9, 0))
    actual._history_user = UsuarioFactory(first_name="Itzel", last_name="Ramírez Núñez")
    actual.save()
    actual.estado = Estado.ACEPTADA
    actual.aceptada_en = timezone.make_aware(datetime(2026, 5, 4, 10, 0))
    actual.aceptada_por = coordinacion
    actual.save()
    contestar(actual_ronda, otra_dependencia, OTRA)
    contestar(actual_ronda, DependenciaFactory(), {"i1": "no", "i2": "no"}, Estado.ENVIADA)
    RespuestaFactory(aplicacion=actual_ronda, dependencia=DependenciaFactory())
    return actual


def propuesta(respuesta, texto, eje, *, estado=EstadoPropuesta.LISTA, orden=1, **campos):
    return Propuesta.objects.create(
        respuesta=respuesta,
        dependencia=respuesta.dependencia,
        texto=texto,
        eje=eje,
        estado=estado,
        orden=orden,
        **campos,
    )


@pytest.fixture
def con_propuestas(escenario):
    propuesta(
        escenario,
        COMITE,
        Eje.VIOLENCIA,
        orden=1,
        seccion_codigo="violencia",
        pregunta_codigo="v1",
        puntos=D("0"),
        objetivo="Contar con un mecanismo de atención en funciones.",
        indicador="Comité instalado con acta de sesión",
    )
    propuesta(
        escenario,
        POLITICA,
        Eje.NO_DISCRIMINACION,
        orden=2,
        seccion_codigo="igualdad",
        puntos=D("55"),
        indicador="Política publicada en el sitio institucional",
    )
    return escenario


def datos_oficio(coordinacion, **cambios):
    return {
        "numero_oficio": OFICIO,
        "fecha_oficio": hace(3),
        "destinatario": TITULAR,
        "cargo_destinatario": "Titular de la Secretaría Propia",
        "firma_nombre": "Lucía Hernández Ríos",
        "firma_cargo": "Coordinación de Unidades de Igualdad de Género",
        "usuario": coordinacion,
        **cambios,
    }


def texto_de(pagina):
    return re.sub(r"\s+", " ", pagina.extract_text())


def paginas(contenido):
    return [texto_de(p) for p in PdfReader(BytesIO(contenido)).pages]


# --- Textos del oficio ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nombre,cargo",
    [
        ("Secretaría de Finanzas", "Titular de la Secretaría de Finanzas"),
        ("Instituto de la Mujer", "Titular del Instituto de la Mujer"),
        ("Comisión Estatal del Agua", "Titular de la Comisión Estatal del Agua"),
        ("Universidad Politécnica", "Titular de la Universidad Politécnica"),
        ("Junta Estatal de Caminos", "Titular de la Junta Estatal de Caminos"),
        ("Sistema Estatal DIF", "Titular del Sistema Estatal DIF"),
        ("Servicios de Salud de Zacatecas", "Titular de los Servicios de Salud de Zacatecas"),
        ("Coordinación Estatal de Planeación", "Titular de la Coordinación Estatal de Planeación"),
    ],
)
def test_cargo_sugerido_con_su_articulo(nombre, cargo):
    assert situacional.cargo_sugerido(DependenciaFactory.build(nombre=nombre)) == cargo


def test_lugar_y_fecha_con_el_mes_en_minusculas():
    assert (
        situacional.lugar_y_fecha(date(2026, 12, 7)) == "Zacatecas, Zac., a 7 de diciembre de 2026"
    )


# --- Contenido ---------------------------------------------------------------------------------


def test_contenido_contra_la_base_y_el_promedio_estatal(con_propuestas):
    datos = situacional.contenido(con_propuestas)
    filas = {f.codigo: (f.actual, f.base, f.cambio, f.promedio, f.nivel) for f in datos.secciones}
    assert filas == {
        "igualdad": (D("100"), D("50"), D("50.00"), D("75.00"), Nivel.CONSOLIDADO),
        "violencia": (D("0"), D("0"), D("0.00"), D("50.00"), Nivel.INICIAL),
    }
    g = datos.general
    assert (g.actual, g.base, g.cambio, g.promedio) == (D("50"), D("25"), D("25.00"), D("62.50"))
    assert g.contra_promedio == D("-12.50")
    assert datos.situacion == "con_base"
    # Sus propios puntos: i1 e i2 valen 100, v1 vale 0.
    assert [r.codigo for r in datos.fuertes] == ["i1", "i2"]
    assert [(r.codigo, r.promedio) for r in datos.debiles] == [("v1", D("0.00"))]
    assert [(s.titulo, [a.texto for a in s.abiertas]) for s in datos.abiertas] == [
        ("Vida libre de violencia", ["Falta presupuesto para el comité"])
    ]
    # Los ejes en su orden (igualdad antes que violencia), numerados por eje.
    assert [(g.titulo, [(p.numero, p.texto) for p in g.propuestas]) for g in datos.ejes] == [
        ("Igualdad y no discriminación", [("1.1", POLITICA)]),
        ("Acceso de las mujeres a una vida libre de violencia", [("2.1", COMITE)]),
    ]
    # Ruta: la del comité (0 puntos) es inicial; la de la política (55), de desarrollo.
    assert [(f.clave, [p.texto for p in f.propuestas], f.secciones) for f in datos.ruta] == [
        ("inicial", [COMITE], []),
        ("desarrollo", [POLITICA], []),
        ("consolidacion", [], ["Igualdad y no discriminación"]),
    ]
    m = datos.metodologia
    assert (m.tasa.total, m.tasa.respondidas, m.tasa.porcentaje, m.aceptadas) == (4, 3, 75.0, 2)
    assert m.aceptada_por == con_propuestas.aceptada_por.get_full_name()
    assert m.enviada_por == "Itzel Ramírez Núñez"


def test_contenido_sin_borradores_y_en_su_orden(con_propuestas):
    propuesta(con_propuestas, "Borrador sin revisar", Eje.CULTURA, estado=EstadoPropuesta.BORRADOR)
    datos = situacional.contenido(con_propuestas)
    assert "Borrador sin revisar" not in [p.texto for p in datos.propuestas]
    assert datos.total_propuestas == 2


def test_contenido_con_una_ronda_que_es_su_linea_base(dependencia, coordinacion):
    respuesta = contestar(ronda(cuestionario_conocido(), date(2026, 3, 1)), dependencia, ACTUAL)
    datos = situacional.contenido(respuesta)
    assert datos.situacion == "es_base"
    # El cambio contra sí misma no se muestra como «0».
    assert [f.cambio for f in datos.secciones] == [None, None]


# --- Generar -----------------------------------------------------------------------------------


def test_pdf_con_el_oficio_y_el_documento(con_propuestas, coordinacion):
    documento = situacional.generar(
        con_propuestas, **datos_oficio(coordinacion, fecha_oficio=date(2026, 12, 7))
    )
    assert documento.generado_por == coordinacion
    contenido = documento.pdf.read()
    lector = PdfReader(BytesIO(contenido))
    assert lector.metadata.title == (
        "Diagnóstico situacional para la igualdad de género: Secretaría Propia · Ronda 2026"
    )
    oficio, *resto = paginas(contenido)
    assert f"Oficio núm.: {OFICIO}" in oficio
    assert "Zacatecas, Zac., a 7 de diciembre de 2026" in oficio
    assert f"{TITULAR} Titular de la Secretaría Propia Presente" in oficio
    assert (
        "elaboración de diagnósticos situacionales para la igualdad de género y presentación de "
        "propuestas a las o a los titulares de los organismos públicos"
    ) in oficio
    assert "2 propuestas" in oficio
    assert "Lucía Hernández Ríos Coordinación de Unidades de Igualdad de Género" in oficio
    assert "C. c. p." in oficio
    documento_texto = " ".join(resto)
    # El oficio ocupa solo la primera página.
    assert OFICIO not in documento_texto and "Atentamente" not in documento_texto
    assert resto[0].lstrip().upper().startswith("SECRETARÍA DE LAS MUJERES")
    assert "Diagnóstico situacional para la igualdad de género" in resto[0]
    # Índices de la institución, línea base, cambio y promedio estatal.
    assert "Igualdad y no discriminación 100 50 +50 75 Consolidado" in documento_texto
    assert "Vida libre de violencia 0 0 0 50 Inicial" in documento_texto
    assert "Índice general 50 25 +25 62.50 En desarrollo" in documento_texto
    assert "respondieron 3 de 4 instituciones (75" in documento_texto
    assert "envió su respuesta el 20/04/2026 (Itzel Ramírez Núñez)" in documento_texto
    # Fortalezas, áreas de oportunidad y respuestas abiertas.
    assert "¿Hay comité de atención?" in documento_texto
    assert "Falta presupuesto para el comité" in documento_texto
    # Las propuestas numeradas por eje, con objetivo e indicador.
    assert f"1.1 {POLITICA}" in documento_texto
    assert f"2.1 {COMITE}" in documento_texto
    assert "Indicador sugerido: Comité instalado con acta de sesión" in documento_texto
    assert "Objetivo sugerido: Contar con un mecanismo de atención en funciones." in documento_texto
    assert "Ruta sugerida" in documento_texto and "Fase inicial" in documento_texto
    # Nunca los códigos internos de los reactivos.
    for codigo in ("i1", "i2", "v1", "v2"):
        assert not re.search(rf"\b{codigo}\b", documento_texto + oficio)


def test_el_oficio_cabe_en_una_pagina_con_nombres_largos(con_propuestas, coordinacion):
    largo = "Dra. María de los Ángeles Guadalupe Fernández de la Torre y Villaseñor"
    cargo = (
        "Titular de la Secretaría de Desarrollo Social, Bienestar, Igualdad Sustantiva y Atención "
        "a Grupos en Situación de Vulnerabilidad del Gobierno del Estado de Zacatecas"
    )
    documento = situacional.generar(
        con_propuestas,
        **datos_oficio(
            coordinacion,
            destinatario=largo,
            cargo_destinatario=cargo,
            firma_cargo="Titular de la Coordinación de Unidades de Igualdad de Género de la "
            "Secretaría de las Mujeres del Estado de Zacatecas",
        ),
    )
    oficio, siguiente, *_resto = paginas(documento.pdf.read())
    assert largo in oficio
    assert "Anexo: Diagnóstico situacional" in oficio
    assert "Atentamente" not in siguiente and OFICIO not in siguiente


def test_volver_a_generar_reemplaza_el_archivo(
    con_propuestas, coordinacion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        primero = situacional.generar(con_propuestas, **datos_oficio(coordinacion))
    anterior = primero.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        segundo = situacional.generar(
            con_propuestas, **datos_oficio(coordinacion, numero_oficio="SEMUJER/CUIG/0200/2026")
        )
    assert segundo.pk == primero.pk and DiagnosticoSituacional.objects.count() == 1
    assert segundo.pdf.name != anterior
    assert not segundo.pdf.storage.exists(anterior)
    assert "SEMUJER/CUIG/0200/2026" in paginas(segundo.pdf.read())[0]


def test_no_genera_con_propuestas_por_revisar(con_propuestas, coordinacion):
    propuesta(con_propuestas, "Una", Eje.CULTURA, estado=EstadoPropuesta.BORRADOR)
    propuesta(con_propuestas, "Otra", Eje.CULTURA, estado=EstadoPropuesta.BORRADOR)
    with pytest.raises(ValidationError) as error:
        situacional.generar(con_propuestas, **datos_oficio(coordinacion))
    assert "Quedan 2 propuestas por revisar" in error.value.messages[0]
    assert not DiagnosticoSituacional.objects.exists()


def test_no_genera_una_respuesta_no_aceptada(dependencia, coordinacion):
    respuesta = contestar(
        ronda(cuestionario_conocido(), date(2026, 3, 1)), dependencia, ACTUAL, Estado.ENVIADA
    )
    with pytest.raises(ValidationError) as error:
        situacional.generar(respuesta, **datos_oficio(coordinacion))
    assert "respuesta aceptada" in error.value.messages[0]
    assert not DiagnosticoSituacional.objects.exists()


def test_no_genera_sin_los_datos_del_oficio(con_propuestas, coordinacion):
    with pytest.raises(ValidationError) as error:
        situacional.generar(
            con_propuestas,
            **datos_oficio(coordinacion, destinatario="  ", fecha_oficio=date(2026, 1, 2)),
        )
    assert error.value.message_dict == {
        "destinatario": ["Escriba el nombre de la persona titular de la institución."],
        "fecha_oficio": [
            "El oficio no puede ser anterior a la aceptación de la respuesta (04/05/2026)."
        ],
    }
    assert not DiagnosticoSituacional.objects.exists()


def test_no_genera_despues_de_la_entrega(con_propuestas, coordinacion):
    documento = situacional.generar(con_propuestas, **datos_oficio(coordinacion))
    situacional.registrar_entrega(
        documento, entregado_el=hace(1), medio="oficio", usuario=coordinacion
    )
    nombre = documento.pdf.name
    with pytest.raises(ValidationError) as error:
        situacional.generar(con_propuestas, **datos_oficio(coordinacion, numero_oficio="OTRO"))
    assert "ya se registró" in error.value.messages[0]
    documento.refresh_from_db()
    assert (documento.pdf.name, documento.numero_oficio) == (nombre, OFICIO)


# --- Páginas de la Coordinación -----------------------------------------------------------------


def url(nombre, respuesta):
    return reverse(f"diagnosticos:{nombre}", args=[respuesta.pk])


def formulario_oficio(**cambios):
    return {
        "numero_oficio": OFICIO,
        "fecha_oficio": hace(3).isoformat(),
        "destinatario": TITULAR,
        "cargo_destinatario": "Titular de la Secretaría Propia",
        "firma_nombre": "Lucía Hernández Ríos",
        "firma_cargo": "Coordinación de Unidades de Igualdad de Género",
        **cambios,
    }


def test_la_pagina_ofrece_los_datos_del_oficio(client, con_propuestas, coordinacion):
    client.force_login(coordinacion)
    pagina = client.get(url("situacional", con_propuestas)).content.decode()
    assert f'value="{TITULAR}"' in pagina
    assert 'value="Titular de la Secretaría Propia"' in pagina
    assert f'value="{coordinacion.get_full_name()}"' in pagina
    assert 'value="Coordinación de Unidades de Igualdad de Género"' in pagina
    assert "2 propuestas listas para presentar" in pagina


def test_la_pagina_de_resultados_enlaza_al_situacional(client, con_propuestas, coordinacion):
    client.force_login(coordinacion)
    pagina = client.get(url("resultado", con_propuestas)).content.decode()
    assert url("situacional", con_propuestas) in pagina


def test_generar_desde_la_pagina(client, con_propuestas, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.post(url("situacional_generar", con_propuestas), formulario_oficio())
    assert respuesta.status_code == 302
    documento = DiagnosticoSituacional.objects.get()
    assert documento.numero_oficio == OFICIO and documento.pdf
    pdf = client.get(url("situacional_pdf", con_propuestas))
    assert pdf["Content-Type"] == "application/pdf"
    assert OFICIO in paginas(b"".join(pdf.streaming_content))[0]


def test_generar_desde_la_pagina_con_borradores(client, con_propuestas, coordinacion):
    propuesta(con_propuestas, "Una", Eje.CULTURA, estado=EstadoPropuesta.BORRADOR)
    client.force_login(coordinacion)
    respuesta = client.post(
        url("situacional_generar", con_propuestas), formulario_oficio(), follow=True
    )
    assert "Queda 1 propuesta por revisar" in respuesta.content.decode()
    assert not DiagnosticoSituacional.objects.exists()


def test_generar_desde_la_pagina_sin_numero(client, con_propuestas, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.post(
        url("situacional_generar", con_propuestas), formulario_oficio(numero_oficio="")
    )
    assert respuesta.status_code == 200
    assert "Este campo es obligatorio" in respuesta.content.decode()
    assert not DiagnosticoSituacional.objects.exists()


# --- Entrega -----------------------------------------------------------------------------------


@pytest.fixture
def generado(con_propuestas, coordinacion):
    return situacional.generar(con_propuestas, **datos_oficio(coordinacion))


def test_la_entrega_presenta_las_propuestas_y_avisa(
    client, generado, coordinacion, responsable, django_capture_on_commit_callbacks
):
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            url("situacional_entregar", generado.respuesta),
            {
                "entregado_el": hace(1).isoformat(),
                "medio": "oficio",
                "acuse": archivo_pdf("acuse firmado.pdf"),
                "notas": "Lo recibió la secretaria particular.",
            },
            follow=True,
        )
    pagina = respuesta.content.decode()
    assert "Se registró la entrega y 2 propuestas quedaron presentadas" in pagina
    generado.refresh_from_db()
    assert generado.entregado and generado.entregado_el == hace(1)
    assert (generado.medio, generado.acuse_tipo, generado.acuse_nombre) == (
        "oficio",
        "application/pdf",
        "acuse firmado.pdf",
    )
    assert generado.entrega_registrada_por == coordinacion
    assert set(generado.respuesta.propuestas.values_list("estado", flat=True)) == {"presentada"}
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == [responsable.email]
    assert "2 propuestas" in correo.body
    assert url("situacional", generado.respuesta) in correo.body
    acuse = client.get(url("situacional_acuse", generado.respuesta))
    assert acuse.status_code == 200
    assert b"".join(acuse.streaming_content).startswith(b"%PDF-")


def test_la_entrega_no_se_registra_dos_veces(generado, coordinacion):
    situacional.registrar_entrega(
        generado, entregado_el=hace(1), medio="correo", usuario=coordinacion
    )
    with pytest.raises(ValidationError) as error:
        situacional.registrar_entrega(
            generado, entregado_el=hace(0), medio="oficio", usuario=coordinacion
        )
    assert "ya se había registrado" in error.value.messages[0]
    generado.refresh_from_db()
    assert (generado.entregado_el, generado.medio) == (hace(1), "correo")


def _html_disfrazado():
    return SimpleUploadedFile(
        "acuse.pdf", b"<html><body>No soy un PDF</body></html>", content_type="application/pdf"
    )


@pytest.mark.parametrize(
    "cambios,mensaje",
    [
        (
            {"entregado_el": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "posterior a hoy",
        ),
        (
            {"entregado_el": (timezone.localdate() - timedelta(days=10)).isoformat()},
            "anterior a la del oficio",
        ),
        ({"medio": ""}, "Elija cómo se entregó."),
        ({"entregado_el": ""}, "Escriba la fecha en que se entregó."),
        ({"acuse": "html"}, "no es un PDF ni una imagen"),
    ],
    ids=["futura", "antes-del-oficio", "sin-medio", "sin-fecha", "html-como-pdf"],
)
def test_la_entrega_rechaza_datos_malos(
    client,
    generado,
    coordinacion,
    responsable,
    cambios,
    mensaje,
    django_capture_on_commit_callbacks,
):
    datos = {"entregado_el": hace(1).isoformat(), "medio": "oficio", **cambios}
    if datos.get("acuse") == "html":
        datos["acuse"] = _html_disfrazado()
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(url("situacional_entregar", generado.respuesta), datos)
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    generado.refresh_from_db()
    assert not generado.entregado and not generado.acuse and not generado.medio
    assert set(generado.respuesta.propuestas.values_list("estado", flat=True)) == {"lista"}
    assert mail.outbox == []


def test_no_se_entrega_si_las_propuestas_cambiaron(generado, coordinacion):
    propuesta(generado.respuesta, "Agregada después", Eje.CULTURA, orden=9)
    with pytest.raises(ValidationError) as error:
        situacional.registrar_entrega(
            generado, entregado_el=hace(1), medio="oficio", usuario=coordinacion
        )
    assert "Vuelva a generarlo" in error.value.messages[0]
    generado.refresh_from_db()
    assert not generado.entregado


# --- La institución ------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["responsable", "consulta"])
def test_la_institucion_lo_ve_solo_al_entregarse(client, request, generado, coordinacion, rol):
    client.force_login(request.getfixturevalue(rol))
    respuesta = generado.respuesta
    assert client.get(url("situacional", respuesta)).status_code == 404
    assert client.get(url("situacional_pdf", respuesta)).status_code == 404
    assert respuesta.pk not in [
        r.pk for r in client.get(reverse("diagnosticos:situacionales")).context["filas"]
    ]

    situacional.registrar_entrega(
        generado, entregado_el=hace(1), medio="reunion", usuario=coordinacion
    )
    Propuesta.objects.filter(texto=COMITE).update(
        decision=Propuesta.Decision.NO_ADOPTADA, motivo="Ya lo atiende la Contraloría."
    )
    pagina = client.get(url("situacional", respuesta))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert hace(1).strftime("%d/%m/%Y") in html
    assert "En una reunión de trabajo" in html
    assert COMITE in html and POLITICA in html
    assert "No adoptada" in html and "Ya lo atiende la Contraloría." in html
    # Solo lectura: ningún formulario para generar ni para entregar.
    assert url("situacional_generar", respuesta) not in html
    assert url("situacional_entregar", respuesta) not in html
    assert client.get(url("situacional_pdf", respuesta)).status_code == 200
    # Sin acuse adjunto, no hay qué descargar.
    assert client.get(url("situacional_acuse", respuesta)).status_code == 404
    filas = client.get(reverse("diagnosticos:situacionales")).context["filas"]
    assert [r.pk for r in filas] == [respuesta.pk]


# --- Lista -------------------------------------------------------------------------------------


def _muchas(version_ronda, n):
    for _i in range(n):
        respuesta = contestar(version_ronda, DependenciaFactory(), OTRA)
        propuesta(respuesta, "Una propuesta", Eje.CULTURA)
        propuesta(respuesta, "Por revisar", Eje.CULTURA, estado=EstadoPropuesta.BORRADOR)
        DiagnosticoSituacional.objects.create(
            respuesta=respuesta,
            fecha_oficio=hace(5),
            destinatario="Titular",
            cargo_destinatario="Titular",
            firma_nombre="Quien firma",
            firma_cargo="Coordinación",
            entregado_el=hace(2),
            medio="correo",
        )


def test_lista_con_consultas_constantes(client, coordinacion, django_assert_max_num_queries):
    aplicacion = ronda(cuestionario_conocido(), date(2026, 3, 1))
    _muchas(aplicacion, 1)
    client.force_login(coordinacion)
    lista = reverse("diagnosticos:situacionales")
    with django_assert_max_num_queries(12) as una:
        client.get(lista)
    _muchas(aplicacion, 12)
    with django_assert_max_num_queries(len(una.captured_queries)):
        respuesta = client.get(lista)
    assert len(respuesta.context["filas"]) == 13
    assert "1 por revisar" in respuesta.content.decode()


def test_lista_filtra_por_ronda_y_entrega(client, coordinacion, con_propuestas, otra_dependencia):
    client.force_login(coordinacion)
    lista = reverse("diagnosticos:situacionales")
    todas = client.get(lista).context["filas"]
    # Las tres aceptadas (la línea base de 2025 y dos de 2026), ninguna entregada todavía.
    assert {r.dependencia.siglas for r in todas} >= {"PROPIA", "AJENA"}
    assert list(client.get(lista, {"estado": "entregados"}).context["filas"]) == []
    pendientes = client.get(lista, {"estado": "pendientes", "ronda": con_propuestas.aplicacion_id})
    assert sorted(r.dependencia.siglas for r in pendientes.context["filas"]) == ["AJENA", "PROPIA"]


def test_contenido_con_consultas_constantes(con_propuestas, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as pocas:
        situacional.contenido(con_propuestas)
    for _i in range(10):
        contestar(con_propuestas.aplicacion, DependenciaFactory(), OTRA)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        datos = situacional.contenido(con_propuestas)
    assert datos.metodologia.aceptadas == 12
