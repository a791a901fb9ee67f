"""La página pública «Avances y retos»: cifras contra datos conocidos, datos abiertos sin nada
personal ni por institución, filtro de año y edición de los textos."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from capacitacion.models import Certificacion
from diagnosticos.models import Respuesta
from difusion import avances
from difusion.models import TextoAvances
from planes.models import PlanTrabajo
from tests.factories import (
    AplicacionFactory,
    CertificacionFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    PlanFactory,
    RespuestaFactory,
    SeccionFactory,
    UsuarioFactory,
    VersionFactory,
)
from unidades.models import Unidad

ANIO = timezone.localdate().year
PAGINA = reverse("avances:pagina")
CSV = reverse("avances:datos_csv")
JSON = reverse("avances:datos_json")
TEXTOS = reverse("avances:textos")

#: Datos personales y de institución que nunca deben publicarse.
NOMBRE = "Xochiquetzal Zubiría Quintanar"
CORREO = "xochiquetzal.zubiria@privado.example"
CURP = "ZUQX900101MZSBNC09"
INSTITUCION = "Instituto Secreto de Pruebas"
SIGLAS = "ISECP"


def _instituciones():
    a = DependenciaFactory(nombre=INSTITUCION, siglas=SIGLAS)
    b, c, d = DependenciaFactory(), DependenciaFactory(), DependenciaFactory()
    # Extinta: no cuenta en ninguna cifra de instituciones.
    extinta = DependenciaFactory(vigente=False)
    Unidad.objects.filter(dependencia=a).update(estado=Unidad.Estado.INSTALADA)
    Unidad.objects.filter(dependencia=b).update(estado=Unidad.Estado.OPERANDO)
    Unidad.objects.filter(dependencia=c).update(estado=Unidad.Estado.EN_GESTION)
    Unidad.objects.filter(dependencia=extinta).update(estado=Unidad.Estado.OPERANDO)
    return a, b, c, d


def _planes(a, b, c):
    aprobado = PlanTrabajo.Estado.APROBADO
    v1 = PlanFactory(unidad=a.unidad, anio=ANIO, estado=aprobado)
    # Una modificación aprobada del mismo plan no cuenta doble.
    PlanFactory(unidad=a.unidad, anio=ANIO, version=2, anterior=v1, estado=aprobado)
    PlanFactory(unidad=b.unidad, anio=ANIO - 1, estado=aprobado)  # otro año
    PlanFactory(unidad=c.unidad, anio=ANIO, estado=PlanTrabajo.Estado.ENVIADO)


def _diagnostico(a, b, c, d):
    version = VersionFactory()
    SeccionFactory(version=version, codigo="cultura", titulo="Cultura institucional")
    SeccionFactory(version=version, codigo="violencia", titulo="Vida libre de violencia")
    base = AplicacionFactory(
        version=version,
        nombre="Ronda base",
        apertura=date(ANIO - 1, 3, 1),
        cierre=date(ANIO - 1, 4, 1),
    )
    actual = AplicacionFactory(
        version=version,
        nombre="Ronda actual",
        apertura=date(ANIO, 1, 2),
        cierre=date(ANIO, 2, 1),
    )
    aceptada, enviada = Respuesta.Estado.ACEPTADA, Respuesta.Estado.ENVIADA
    for dep, indice, indices in [
        (a, "40", {"cultura": "50", "violencia": "30"}),
        (b, "50", {"cultura": "50", "violencia": "50"}),
    ]:
        RespuestaFactory(
            aplicacion=base, dependencia=dep, estado=aceptada, indice=indice, indices=indices
        )
    for dep, estado, indice, indices in [
        (a, aceptada, "73.3", {"cultura": "81.7", "violencia": "62.9"}),
        (b, aceptada, "46.7", {"cultura": "58.3", "violencia": "37.1"}),
        (c, enviada, "12.3", {"cultura": "14.1", "violencia": "16.9"}),
        (d, Respuesta.Estado.SIN_INICIAR, None, {}),
    ]:
        RespuestaFactory(
            aplicacion=actual, dependencia=dep, estado=estado, indice=indice, indices=indices
        )
    return base, actual


def _capacitacion(a, b):
    evento = EventoFactory(fecha_inicio=date(ANIO, 1, 5), fecha_fin=date(ANIO, 1, 6))
    otro = EventoFactory(fecha_inicio=date(ANIO, 1, 7), fecha_fin=date(ANIO, 1, 8))
    pasado = EventoFactory(fecha_inicio=date(ANIO - 1, 5, 1), fecha_fin=date(ANIO - 1, 5, 2))
    mujer = ParticipanteFactory(
        nombre=NOMBRE, correo=CORREO, curp=CURP, sexo="mujer", dependencia=a
    )
    # La misma persona acreditó dos cursos: cuenta una vez.
    InscripcionFactory(evento=evento, dependencia=a, participante=mujer, acreditada=True)
    InscripcionFactory(evento=otro, dependencia=a, participante=mujer, acreditada=True)
    InscripcionFactory(evento=evento, dependencia=b, acreditada=True)  # otra mujer
    InscripcionFactory(
        evento=evento,
        dependencia=b,
        participante=ParticipanteFactory(sexo="hombre", dependencia=b),
        acreditada=True,
    )
    InscripcionFactory(evento=otro, dependencia=b, acreditada=False)  # no acreditó
    InscripcionFactory(evento=pasado, dependencia=b, acreditada=True)  # otro año
    CertificacionFactory(
        dependencia=a,
        participante=mujer,
        estado=Certificacion.Estado.CERTIFICADA,
        fecha_certificado=date(ANIO, 1, 10),
    )


@pytest.fixture
def datos(db):
    a, b, c, d = _instituciones()
    _planes(a, b, c)
    _diagnostico(a, b, c, d)
    _capacitacion(a, b)
    # Una persona usuaria con datos distintivos: tampoco debe aparecer.
    UsuarioFactory(
        username="zubiria.privada", first_name="Xochiquetzal", last_name="Zubiría", email=CORREO
    )
    return a, b, c, d


def test_cifras_contra_datos_conocidos(datos):
    c = avances.cifras(ANIO)
    assert (c.instituciones, c.instaladas, c.porcentaje_instaladas) == (4, 2, 50.0)
    assert (c.planes_aprobados, c.porcentaje_planes) == (1, 25.0)
    assert (c.ronda, c.ronda_base) == ("Ronda actual", "Ronda base")
    assert (c.en_la_ronda, c.respondidas, c.aceptadas, c.tasa_respuesta) == (4, 3, 2, 75.0)
    g = c.indice_general
    assert (g.promedio, g.base, g.cambio, g.respuestas) == (
        Decimal("60"),
        Decimal("45"),
        Decimal("15"),
        2,
    )
    temas = {t.codigo: (t.promedio, t.base, t.cambio) for t in c.temas}
    assert temas == {
        "cultura": (Decimal("70"), Decimal("50"), Decimal("20")),
        "violencia": (Decimal("50"), Decimal("40"), Decimal("10")),
    }
    por_sexo = {
        clave: (capacitadas, certificadas) for clave, _e, capacitadas, certificadas in c.por_sexo
    }
    assert por_sexo == {"mujer": (2, 1), "hombre": (1, 0), "no_especificado": (0, 0)}
    assert (c.capacitadas, c.certificadas) == (3, 1)


def test_anio_anterior_usa_sus_propios_datos(datos):
    c = avances.cifras(ANIO - 1)
    assert c.planes_aprobados == 1
    assert c.ronda == "Ronda base"
    # La ronda base es la primera: no hay cambio que calcular.
    assert c.indice_general.promedio == Decimal("45") and c.indice_general.cambio is None
    assert c.capacitadas == 1 and c.certificadas == 0


def test_sin_datos(db):
    c = avances.cifras(ANIO)
    assert (c.instituciones, c.tasa_respuesta, c.ronda, c.capacitadas) == (0, 0.0, "", 0)
    assert c.indice_general is None


def test_pagina_publica_sin_sesion(client, datos):
    respuesta = client.get(PAGINA)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Avances y retos de las Unidades de Igualdad de Género" in html
    assert html.count("<svg") == 3 and "<title>" in html and "<desc>" in html
    assert "Cultura institucional" in html and "+20" in html
    assert f'href="{CSV}?anio={ANIO}"' in html and f'href="{JSON}?anio={ANIO}"' in html
    assert "public" in respuesta["Cache-Control"]
    # Sin enlaces a páginas internas (salvo el inicio de sesión del menú).
    assert TEXTOS not in html
    assert "/materiales/" not in html and "/diagnosticos/" not in html


def _sin_datos_personales(texto):
    for prohibido in (NOMBRE, "Xochiquetzal", "Zubiría", CORREO, CURP, INSTITUCION, SIGLAS):
        assert prohibido not in texto, prohibido
    # Los índices de cada institución (aceptadas y enviadas) tampoco: solo promedios.
    for indice in ("73.3", "46.7", "81.7", "58.3", "62.9", "37.1", "12.3", "14.1", "16.9"):
        assert indice not in texto, indice


def test_nada_personal_ni_por_institucion(client, datos):
    for url in (PAGINA, CSV, JSON):
        respuesta = client.get(url, {"anio": ANIO})
        assert respuesta.status_code == 200
        _sin_datos_personales(respuesta.content.decode("utf-8-sig"))


def test_csv_con_bom_y_una_fila_por_indicador(client, datos):
    respuesta = client.get(CSV, {"anio": ANIO})
    assert respuesta["Content-Type"].startswith("text/csv")
    assert respuesta.content.startswith("\ufeff".encode())
    lineas = respuesta.content.decode("utf-8-sig").splitlines()
    assert lineas[0] == "indicador,valor,unidad,periodo"
    assert f"Instituciones con unidad instalada,2,instituciones,{ANIO}" in lineas
    assert "Tasa de respuesta del diagnóstico,75.0,porcentaje,Ronda actual" in lineas
    assert len(lineas) - 1 == len(avances.cifras(ANIO).indicadores())


def test_csv_escapa_formulas(client, datos):
    from diagnosticos.models import Aplicacion

    Aplicacion.objects.filter(nombre="Ronda actual").update(nombre="=HYPERLINK(1)")
    texto = client.get(CSV, {"anio": ANIO}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in texto
    assert ",=HYPERLINK" not in texto


def test_json_estructura(client, datos):
    respuesta = client.get(JSON, {"anio": ANIO})
    assert respuesta["Content-Type"] == "application/json"
    contenido = json.loads(respuesta.content)
    meta = contenido["metadatos"]
    assert meta["licencia"] == "Datos abiertos"
    assert meta["fuente"] and meta["anio"] == ANIO
    assert meta["fecha_de_corte"] == min(date(ANIO, 12, 31), timezone.localdate()).isoformat()
    indicadores = {i["clave"]: i for i in contenido["indicadores"]}
    assert set(indicadores["tasa_respuesta"]) == {
        "clave",
        "indicador",
        "valor",
        "unidad",
        "periodo",
    }
    assert indicadores["unidades_instaladas"]["valor"] == 2
    assert indicadores["indice_cultura"]["valor"] == 70.0
    assert indicadores["cambio_indice_cultura"]["valor"] == 20.0
    assert indicadores["capacitadas_mujer"]["valor"] == 2
    assert indicadores["certificadas"]["valor"] == 1


@pytest.mark.parametrize("anio", ["abc", "1999", str(ANIO + 1), "20 26"])
def test_anio_invalido_muestra_el_en_curso(client, datos, anio):
    respuesta = client.get(PAGINA, {"anio": anio})
    assert respuesta.status_code == 200
    assert respuesta.context["datos"].anio == ANIO
    assert "El año solicitado no es válido" in respuesta.content.decode()
    contenido = json.loads(client.get(JSON, {"anio": anio}).content)
    assert contenido["metadatos"]["anio"] == ANIO


def test_filtro_de_anio(client, datos):
    respuesta = client.get(PAGINA, {"anio": ANIO - 1})
    assert respuesta.context["datos"].anio == ANIO - 1
    assert respuesta.context["datos"].ronda == "Ronda base"
    assert "El año solicitado no es válido" not in respuesta.content.decode()


def test_consultas_constantes(client, datos, django_assert_num_queries):
    client.get(PAGINA)  # calienta lo que se carga una sola vez por proceso
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as antes:
        client.get(PAGINA)
    a, b, c, d = datos
    for _ in range(5):
        dep = DependenciaFactory()
        RespuestaFactory(
            aplicacion=Respuesta.objects.filter(aplicacion__nombre="Ronda actual")
            .first()
            .aplicacion,
            dependencia=dep,
            estado=Respuesta.Estado.ACEPTADA,
            indice="30",
            indices={"cultura": "30"},
        )
        PlanFactory(unidad=dep.unidad, anio=ANIO, estado=PlanTrabajo.Estado.APROBADO)
        InscripcionFactory(
            evento=EventoFactory(fecha_inicio=date(ANIO, 2, 1), fecha_fin=date(ANIO, 2, 2)),
            dependencia=dep,
            acreditada=True,
        )
    with django_assert_num_queries(len(antes.captured_queries)):
        respuesta = client.get(PAGINA)
    assert respuesta.context["datos"].instituciones == 9


# --- Textos --------------------------------------------------------------------------------


def test_textos_editables_por_la_coordinacion_con_historial(client, coordinacion, db):
    client.force_login(coordinacion)
    assert client.get(TEXTOS).status_code == 200
    respuesta = client.post(
        TEXTOS,
        {
            "introduccion": "Primer párrafo.\n\nSegundo <script>alert(1)</script> párrafo.",
            "retos": "Falta instalar unidades.",
            "nota_metodologica": "Promedios de respuestas aceptadas.",
            "marca": "",
        },
    )
    assert respuesta.status_code == 302
    textos = TextoAvances.objects.get()
    assert textos.retos == "Falta instalar unidades." and textos.actualizado_por == coordinacion
    assert textos.history.count() == 1
    client.logout()
    html = client.get(PAGINA).content.decode()
    assert "<p>Primer párrafo.</p>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Falta instalar unidades." in html


def test_edicion_vieja_se_rechaza(client, coordinacion, db):
    client.force_login(coordinacion)
    client.post(TEXTOS, {"introduccion": "Uno", "retos": "", "nota_metodologica": "", "marca": ""})
    marca_vieja = ""  # quien abrió la página antes de que existieran los textos
    respuesta = client.post(
        TEXTOS, {"introduccion": "Dos", "retos": "", "nota_metodologica": "", "marca": marca_vieja}
    )
    assert respuesta.status_code == 200
    assert "Alguien más guardó cambios" in respuesta.content.decode()
    assert TextoAvances.objects.get().introduccion == "Uno"
    marca = TextoAvances.objects.get().actualizado.isoformat()
    client.post(
        TEXTOS, {"introduccion": "Tres", "retos": "", "nota_metodologica": "", "marca": marca}
    )
    assert TextoAvances.objects.get().introduccion == "Tres"
    assert TextoAvances.history.count() == 2


def test_texto_demasiado_largo_no_se_guarda(client, coordinacion, db):
    client.force_login(coordinacion)
    respuesta = client.post(
        TEXTOS, {"introduccion": "x" * 4001, "retos": "", "nota_metodologica": "", "marca": ""}
    )
    assert respuesta.status_code == 200 and not TextoAvances.objects.exists()


def test_la_pagina_publica_no_crea_textos(client, db):
    client.get(PAGINA)
    assert not TextoAvances.objects.exists()


def test_enlace_de_edicion_solo_para_la_coordinacion(client, coordinacion, responsable):
    client.force_login(responsable)
    respuesta = client.get(PAGINA)
    assert TEXTOS not in respuesta.content.decode()
    # Con sesión la página lleva el menú de la persona: no la guardan cachés compartidos.
    assert "private" in respuesta["Cache-Control"]
    client.force_login(coordinacion)
    assert TEXTOS in client.get(PAGINA).content.decode()
