"""La página pública «Avances y retos»: cifras contra datos conocidos, datos abiertos sin nada
personal ni por institución, cifras pequeñas reservadas, filtro de año y edición de los
textos."""

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


def _rondas():
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
    return base, actual


def _responder(aplicacion, filas):
    for dep, estado, indice, indices in filas:
        RespuestaFactory(
            aplicacion=aplicacion, dependencia=dep, estado=estado, indice=indice, indices=indices
        )


ACEPTADA, ENVIADA = Respuesta.Estado.ACEPTADA, Respuesta.Estado.ENVIADA


def _diagnostico(a, b, c, d):
    base, actual = _rondas()
    _responder(
        base,
        [
            (a, ACEPTADA, "40", {"cultura": "50", "violencia": "30"}),
            (b, ACEPTADA, "50", {"cultura": "50", "violencia": "50"}),
            (c, ACEPTADA, "60", {"cultura": "65", "violencia": "40"}),
        ],
    )
    _responder(
        actual,
        [
            (a, ACEPTADA, "73.3", {"cultura": "81.7", "violencia": "62.9"}),
            (b, ACEPTADA, "46.7", {"cultura": "58.3", "violencia": "37.1"}),
            (c, ACEPTADA, "51.1", {"cultura": "56.9", "violencia": "44.3"}),
            (d, ENVIADA, "12.3", {"cultura": "14.1", "violencia": "16.9"}),
        ],
    )
    # Una quinta institución vigente, convocada y sin comenzar.
    _responder(actual, [(DependenciaFactory(), Respuesta.Estado.SIN_INICIAR, None, {})])
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
    otras = [ParticipanteFactory(sexo="mujer", dependencia=b) for _ in range(3)]
    for persona in otras:
        InscripcionFactory(evento=evento, dependencia=b, participante=persona, acreditada=True)
    for _ in range(3):
        InscripcionFactory(
            evento=evento,
            dependencia=b,
            participante=ParticipanteFactory(sexo="hombre", dependencia=b),
            acreditada=True,
        )
    InscripcionFactory(evento=otro, dependencia=b, acreditada=False)  # no acreditó
    InscripcionFactory(evento=pasado, dependencia=b, acreditada=True)  # otro año
    for persona in [mujer, *otras[:2]]:
        CertificacionFactory(
            dependencia=persona.dependencia,
            participante=persona,
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


def _por_sexo(c):
    return {clave: (cap, cert) for clave, _e, cap, cert in c.por_sexo}


def test_cifras_contra_datos_conocidos(datos):
    c = avances.cifras(ANIO)
    assert (c.instituciones, c.instaladas, c.porcentaje_instaladas) == (5, 2, 40.0)
    assert (c.planes_aprobados, c.porcentaje_planes) == (1, 20.0)
    assert (c.ronda, c.ronda_base) == ("Ronda actual", "Ronda base")
    assert (c.en_la_ronda, c.respondidas, c.aceptadas, c.tasa_respuesta) == (5, 4, 3, 80.0)
    g = c.indice_general
    # (73.3 + 46.7 + 51.1) / 3 = 57.03; base (40 + 50 + 60) / 3 = 50.
    assert (g.promedio, g.base, g.cambio, g.respuestas, g.respuestas_base) == (
        Decimal("57.03"),
        Decimal("50"),
        Decimal("7.03"),
        3,
        3,
    )
    assert not g.suprimido and not g.base_suprimida
    temas = {t.codigo: (t.promedio, t.base, t.cambio) for t in c.temas}
    assert temas == {
        "cultura": (Decimal("65.63"), Decimal("55"), Decimal("10.63")),
        "violencia": (Decimal("48.10"), Decimal("40"), Decimal("8.10")),
    }
    C = avances.Celda
    assert _por_sexo(c) == {
        "mujer": (C(4), C(3)),
        "hombre": (C(3), C(0)),
        "no_especificado": (C(0), C(0)),
    }
    assert (c.capacitadas, c.certificadas) == (C(7), C(3))


def test_anio_anterior_usa_sus_propios_datos(datos):
    c = avances.cifras(ANIO - 1)
    assert c.planes_aprobados == 1
    assert c.ronda == "Ronda base"
    # La ronda base es la primera: no hay cambio que calcular.
    assert c.indice_general.promedio == Decimal("50") and c.indice_general.cambio is None
    assert c.indice_general.respuestas_base is None
    # Una sola persona capacitada ese año: «menos de 3», y nadie certificado: cero.
    assert c.capacitadas == avances.Celda(None, avances.MENOS_DE_UMBRAL)
    assert c.certificadas == avances.Celda(0)


def test_sin_datos(db):
    c = avances.cifras(ANIO)
    assert (c.instituciones, c.tasa_respuesta, c.ronda, c.capacitadas) == (
        0,
        0.0,
        "",
        avances.Celda(0),
    )
    assert c.indice_general is None and c.temas_con_respuestas == []


def test_pagina_publica_sin_sesion(client, datos):
    respuesta = client.get(PAGINA)
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Avances y retos de las Unidades de Igualdad de Género" in html
    assert html.count("<svg") == 3 and "<title>" in html and "<desc>" in html
    assert "Cultura institucional" in html and "+10.63" in html
    assert "Sin cifra" not in html and "menos de 3</td>" not in html
    assert 'id="nota-cifras-pequenas"' in html
    assert f'href="{CSV}?anio={ANIO}"' in html and f'href="{JSON}?anio={ANIO}"' in html
    assert "public" in respuesta["Cache-Control"]
    # Sin enlaces a páginas internas (salvo el inicio de sesión del menú).
    assert TEXTOS not in html
    assert "/materiales/" not in html and "/diagnosticos/" not in html


def _sin_datos_personales(texto):
    for prohibido in (NOMBRE, "Xochiquetzal", "Zubiría", CORREO, CURP, INSTITUCION, SIGLAS):
        assert prohibido not in texto, prohibido
    # Los índices de cada institución (aceptadas y enviadas) tampoco: solo promedios.
    for indice in ("73.3", "46.7", "51.1", "81.7", "58.3", "56.9", "62.9", "37.1", "44.3", "12.3",
                   "14.1", "16.9"):  # fmt: skip
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
    assert lineas[0] == "indicador,valor,unidad,periodo,motivo_sin_cifra"
    assert f"Instituciones con unidad instalada,2,instituciones,{ANIO}," in lineas
    assert "Tasa de respuesta del diagnóstico,80.0,porcentaje,Ronda actual," in lineas
    assert f"Personas certificadas: Mujer,3,personas,{ANIO}," in lineas
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
        "suprimido",
        "motivo",
    }
    assert meta["umbral"] == 3 and "menos_de_3_personas" in meta["cifras_reservadas"]
    assert indicadores["unidades_instaladas"]["valor"] == 2
    assert indicadores["indice_cultura"]["valor"] == 65.63
    assert indicadores["cambio_indice_cultura"]["valor"] == 10.63
    assert indicadores["capacitadas_mujer"]["valor"] == 4
    assert indicadores["certificadas"]["valor"] == 3
    assert indicadores["certificadas_no_especificado"]["valor"] == 0
    assert not any(i["suprimido"] for i in indicadores.values())
    assert {i["motivo"] for i in indicadores.values()} == {None}


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
    assert respuesta.context["datos"].instituciones == 10


# --- Cifras pequeñas -----------------------------------------------------------------------

M, R = avances.MENOS_DE_UMBRAL, avances.RESERVADA


def _celdas(*valores):
    return [avances.Celda(v) if isinstance(v, int) else avances.Celda(None, v) for v in valores]


@pytest.mark.parametrize(
    "valores, celdas, total",
    [
        ([0, 0, 0], _celdas(0, 0, 0), _celdas(0)[0]),
        ([5, 4, 3], _celdas(5, 4, 3), _celdas(12)[0]),
        # Solo «no especificado» es chico: se reserva también la más chica de las demás.
        ([5, 4, 1], _celdas(5, R, M), _celdas(10)[0]),
        ([5, 1, 0], _celdas(R, M, 0), _celdas(6)[0]),
        ([2, 1, 9], _celdas(M, M, R), _celdas(12)[0]),
        # Empate: se reserva la primera.
        ([4, 4, 1], _celdas(R, 4, M), _celdas(9)[0]),
        # El total también es chico.
        ([1, 0, 0], _celdas(M, 0, 0), _celdas(M)[0]),
        ([1, 1, 0], _celdas(M, M, 0), _celdas(M)[0]),
        # No queda otra celda que reservar: se reserva el total (si no, 2 + 2 = 4 se despeja).
        ([2, 2, 0], _celdas(M, M, 0), _celdas(R)[0]),
    ],
)
def test_proteger_columna(valores, celdas, total):
    assert avances.proteger_columna(valores) == (celdas, total)


def test_celda_como_texto():
    assert [str(c) for c in _celdas(0, 12, M, R)] == ["0", "12", "menos de 3", "reservada"]


@pytest.fixture
def pocas_personas(db):
    """Capacitadas: 5 mujeres y 1 hombre; certificado: solo ese hombre."""
    evento = EventoFactory(fecha_inicio=date(ANIO, 3, 1), fecha_fin=date(ANIO, 3, 2))
    dep = DependenciaFactory()
    for _ in range(5):
        InscripcionFactory(
            evento=evento,
            dependencia=dep,
            participante=ParticipanteFactory(sexo="mujer", dependencia=dep),
            acreditada=True,
        )
    hombre = ParticipanteFactory(nombre=NOMBRE, sexo="hombre", dependencia=dep)
    InscripcionFactory(evento=evento, dependencia=dep, participante=hombre, acreditada=True)
    CertificacionFactory(
        dependencia=dep,
        participante=hombre,
        estado=Certificacion.Estado.CERTIFICADA,
        fecha_certificado=date(ANIO, 3, 10),
    )


def test_conteos_chicos_en_las_cifras(pocas_personas):
    c = avances.cifras(ANIO)
    C = avances.Celda
    assert _por_sexo(c) == {
        "mujer": (C(None, R), C(0)),
        "hombre": (C(None, M), C(None, M)),
        "no_especificado": (C(0), C(0)),
    }
    assert (c.capacitadas, c.certificadas) == (C(6), C(None, M))


def test_conteos_chicos_en_la_pagina(client, pocas_personas):
    respuesta = client.get(PAGINA)
    html = respuesta.content.decode()
    filas = respuesta.context["datos"].por_sexo
    assert [(e, str(cap), str(cert)) for _c, e, cap, cert in filas] == [
        ("Mujer", "reservada", "0"),
        ("Hombre", "menos de 3", "menos de 3"),
        ("Prefiere no decirlo", "0", "0"),
    ]
    assert '<td class="text-end">menos de 3</td>' in html
    assert '<td class="text-end">reservada</td>' in html
    assert "Certificadas: menos de 3" in html
    # La gráfica por sexo solo dibuja las cifras publicadas (aquí, ninguna distinta de cero).
    grafica = str(respuesta.context["grafica_sexo"])
    assert "Hombre" not in grafica and "Mujer" not in grafica
    assert "Prefiere no decirlo" in grafica
    assert NOMBRE not in html


def test_conteos_chicos_en_csv_y_json(client, pocas_personas):
    lineas = client.get(CSV, {"anio": ANIO}).content.decode("utf-8-sig").splitlines()
    assert f"Personas capacitadas: Hombre,,personas,{ANIO},{M}" in lineas
    assert f"Personas capacitadas: Mujer,,personas,{ANIO},{R}" in lineas
    assert f"Personas capacitadas (total),6,personas,{ANIO}," in lineas
    assert f"Personas certificadas (total),,personas,{ANIO},{M}" in lineas
    assert f"Personas certificadas: Mujer,0,personas,{ANIO}," in lineas
    contenido = json.loads(client.get(JSON, {"anio": ANIO}).content)
    indicadores = {i["clave"]: i for i in contenido["indicadores"]}
    assert indicadores["capacitadas_hombre"] | {"indicador": ""} == {
        "clave": "capacitadas_hombre",
        "indicador": "",
        "valor": None,
        "unidad": "personas",
        "periodo": str(ANIO),
        "suprimido": True,
        "motivo": M,
    }
    assert (
        indicadores["capacitadas_mujer"]["valor"],
        indicadores["capacitadas_mujer"]["motivo"],
    ) == (
        None,
        R,
    )
    assert indicadores["capacitadas"]["valor"] == 6 and not indicadores["capacitadas"]["suprimido"]
    assert indicadores["certificadas_hombre"]["valor"] is None
    assert indicadores["certificadas_mujer"] | {"indicador": ""} == {
        "clave": "certificadas_mujer",
        "indicador": "",
        "valor": 0,
        "unidad": "personas",
        "periodo": str(ANIO),
        "suprimido": False,
        "motivo": None,
    }


def _tres_instituciones():
    return [DependenciaFactory() for _ in range(3)]


def test_promedio_de_menos_de_3_instituciones_no_se_publica(client, db):
    a, b, c = _tres_instituciones()
    _base, actual = _rondas()
    _responder(
        actual,
        [
            (a, ACEPTADA, "73.3", {"cultura": "81.7", "violencia": "62.9"}),
            (b, ACEPTADA, "46.7", {"cultura": "58.3", "violencia": "37.1"}),
            (c, ENVIADA, "12.3", {"cultura": "14.1", "violencia": "16.9"}),
        ],
    )
    datos = avances.cifras(ANIO)
    assert [(t.codigo, t.respuestas, t.promedio, t.cambio, t.suprimido) for t in
            datos.temas_con_respuestas] == [
        ("", 2, None, None, True),
        ("cultura", 2, None, None, True),
        ("violencia", 2, None, None, True),
    ]  # fmt: skip
    respuesta = client.get(PAGINA)
    html = respuesta.content.decode()
    assert respuesta.context["grafica_indices"] is None
    assert html.count("Sin cifra: menos de 3 instituciones respondieron") == 3
    assert "Aún no hay respuestas aceptadas" not in html
    _sin_datos_personales(html)
    # (73.3 + 46.7) / 2: el promedio de dos es el índice de cada una si se conoce la otra.
    assert "60" not in html.split('id="titulo-indices"')[1].split("</section>")[0]
    lineas = client.get(CSV, {"anio": ANIO}).content.decode("utf-8-sig").splitlines()
    indice = [linea for linea in lineas if linea.startswith("Índice promedio: Índice general")]
    assert indice == [
        f"Índice promedio: Índice general,,puntos de 100,Ronda actual,{avances.POCAS_INSTITUCIONES}"
    ]
    contenido = json.loads(client.get(JSON, {"anio": ANIO}).content)
    indicadores = {i["clave"]: i for i in contenido["indicadores"]}
    for clave in ("indice_general", "indice_cultura", "cambio_indice_violencia"):
        assert indicadores[clave]["valor"] is None
        assert indicadores[clave]["suprimido"] is True
        assert indicadores[clave]["motivo"] == avances.POCAS_INSTITUCIONES


def test_linea_base_de_menos_de_3_instituciones_no_se_publica(client, db):
    a, b, c = _tres_instituciones()
    base, actual = _rondas()
    _responder(
        base,
        [
            (a, ACEPTADA, "40", {"cultura": "50", "violencia": "30"}),
            (b, ACEPTADA, "50", {"cultura": "50", "violencia": "50"}),
        ],
    )
    _responder(
        actual,
        [
            (a, ACEPTADA, "70", {"cultura": "70", "violencia": "60"}),
            (b, ACEPTADA, "50", {"cultura": "60", "violencia": "40"}),
            # Sin índice de violencia: ese tema solo lo respondieron dos.
            (c, ACEPTADA, "60", {"cultura": "80"}),
        ],
    )
    datos = avances.cifras(ANIO)
    resumen = [
        (t.codigo, t.promedio, t.base, t.cambio, t.suprimido, t.base_suprimida)
        for t in datos.temas_con_respuestas
    ]
    assert resumen == [
        ("", Decimal("60"), None, None, False, True),
        ("cultura", Decimal("70"), None, None, False, True),
        ("violencia", None, None, None, True, True),
    ]
    html = client.get(PAGINA).content.decode()
    assert html.count("Sin cifra: menos de 3 instituciones en la línea base") == 3
    assert html.count("Sin cifra: menos de 3 instituciones respondieron") == 1
    # La base de dos instituciones (45) no aparece, ni el cambio que la despejaría (+15).
    tabla = html.split('id="titulo-indices"')[1].split("</section>")[0]
    assert "45" not in tabla and "+15" not in tabla
    contenido = json.loads(client.get(JSON, {"anio": ANIO}).content)
    indicadores = {i["clave"]: i for i in contenido["indicadores"]}
    assert indicadores["indice_general"]["valor"] == 60.0
    assert not indicadores["indice_general"]["suprimido"]
    assert indicadores["cambio_indice_general"]["valor"] is None
    assert indicadores["cambio_indice_general"]["motivo"] == avances.POCAS_INSTITUCIONES


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
