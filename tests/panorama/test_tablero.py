"""El tablero de la Coordinación: cada cifra contra datos conocidos, filtros, semáforo y un
número fijo de consultas."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from panorama import tablero
from planes.models import InformeTrimestral, Seguimiento
from tests.factories import (
    ActividadFactory,
    AcuerdoFactory,
    AplicacionFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    PlanFactory,
    RespuestaFactory,
    SeccionFactory,
    VersionFactory,
)
from unidades.models import Acuerdo, Dependencia, Unidad

pytestmark = pytest.mark.django_db

ANIO = timezone.localdate().year
#: Fecha fija del cálculo: tres trimestres cerrados, así que lo esperado del plan no depende
#: del día en que corren las pruebas.
HOY = date(ANIO, 11, 21)


def instalar(dependencia, estado=Unidad.Estado.INSTALADA):
    Unidad.objects.filter(dependencia=dependencia).update(estado=estado)


def fila_de(dependencia, **datos):
    pagina = tablero.filas(tablero.filtro(datos), hoy=HOY)
    return next(f for f in pagina.object_list if f.dependencia.pk == dependencia.pk)


@pytest.fixture
def rondas():
    """Dos rondas del mismo cuestionario: la línea base (enero del año pasado) y la reciente."""
    version = VersionFactory()
    SeccionFactory(version=version, codigo="cultura", titulo="Cultura institucional")
    SeccionFactory(version=version, codigo="violencia", titulo="Vida libre de violencia")
    base = AplicacionFactory(
        version=version, apertura=date(ANIO - 1, 1, 10), cierre=date(ANIO - 1, 2, 10)
    )
    reciente = AplicacionFactory(
        version=version, apertura=date(ANIO, 1, 10), cierre=date(ANIO, 12, 31)
    )
    return base, reciente


def test_cada_cifra_de_la_fila(rondas):
    base, reciente = rondas
    d = DependenciaFactory(siglas="SEIG", nombre="Secretaría de Igualdad")
    instalar(d)
    plan = PlanFactory(unidad=d.unidad, anio=ANIO, estado="aprobado")
    actividad = ActividadFactory(plan=plan)  # meta anual 40, 10 por trimestre
    informe = InformeTrimestral.objects.create(plan=plan, trimestre=1, estado="enviado")
    Seguimiento.objects.create(
        informe=informe, actividad=actividad, estado="en_proceso", valor_alcanzado=Decimal(20)
    )
    RespuestaFactory(aplicacion=base, dependencia=d, estado="aceptada", indice=Decimal("40"))
    RespuestaFactory(aplicacion=reciente, dependencia=d, estado="aceptada", indice=Decimal("55"))
    evento = EventoFactory(fecha_inicio=date(ANIO, 3, 1), fecha_fin=date(ANIO, 3, 5))
    viejo = EventoFactory(fecha_inicio=date(ANIO - 1, 3, 1), fecha_fin=date(ANIO - 1, 3, 5))
    mujer = ParticipanteFactory(dependencia=d, sexo="mujer")
    InscripcionFactory(evento=evento, dependencia=d, participante=mujer, acreditada=True)
    # La misma persona en otro evento del año cuenta una vez.
    otro = EventoFactory(fecha_inicio=date(ANIO, 4, 1), fecha_fin=date(ANIO, 4, 5))
    InscripcionFactory(evento=otro, dependencia=d, participante=mujer, acreditada=True)
    InscripcionFactory(
        evento=evento,
        dependencia=d,
        participante=ParticipanteFactory(dependencia=d, sexo="hombre"),
        acreditada=True,
    )
    InscripcionFactory(evento=evento, dependencia=d, acreditada=False)  # no acreditó
    InscripcionFactory(evento=viejo, dependencia=d, acreditada=True)  # año pasado
    AcuerdoFactory(dependencia=d, fecha_compromiso=date(ANIO, 12, 15))
    AcuerdoFactory(dependencia=d, estado=Acuerdo.Estado.CUMPLIDO)
    AcuerdoFactory()  # de otra institución

    fila = fila_de(d)
    assert fila.unidad_etiqueta == "Instalada"
    assert fila.plan_etiqueta == "Aprobado" and fila.plan["pk"] == plan.pk
    # 20 de 40 = 50 %; al cierre del tercer trimestre se esperaban 30 (75 %).
    assert fila.avance.porcentaje == Decimal("50.0")
    assert fila.avance.atrasado
    # Los trimestres 2 y 3 vencieron sin informe enviado.
    assert fila.informes_vencidos == 2
    assert fila.cuestionario_etiqueta == "Aceptada"
    assert fila.indice == Decimal("55") and fila.base == Decimal("40")
    assert fila.cambio == Decimal("15")
    assert fila.capacitadas == {"mujer": 1, "hombre": 1}
    assert fila.capacitadas_total == 2
    assert (fila.acuerdos_abiertos, fila.acuerdos_vencidos) == (1, 0)
    assert fila.semaforo == tablero.ROJO  # por los informes vencidos


def test_una_institucion_sin_nada(rondas):
    d = DependenciaFactory()
    fila = fila_de(d)
    assert fila.unidad_etiqueta == "Sin iniciar"
    assert fila.plan is None and fila.plan_etiqueta == "Sin plan"
    assert fila.avance is None and fila.informes_vencidos == 0
    assert fila.respuesta is None and fila.indice is None
    assert fila.capacitadas_total == 0
    assert fila.acuerdos_abiertos == 0


def test_el_indice_no_se_muestra_antes_de_enviar(rondas):
    base, reciente = rondas
    d = DependenciaFactory()
    RespuestaFactory(aplicacion=base, dependencia=d, estado="aceptada", indice=Decimal("40"))
    RespuestaFactory(aplicacion=reciente, dependencia=d, estado="en_progreso", indice=Decimal("9"))
    fila = fila_de(d)
    assert fila.cuestionario_etiqueta == "En progreso"
    assert fila.indice is None and fila.base is None


# --- Semáforo --------------------------------------------------------------------------------


def _fila(**datos):
    valores = {
        "dependencia": None,
        "unidad_estado": Unidad.Estado.OPERANDO,
        "plan": {"pk": 1, "estado": "aprobado"},
        "respuesta": {"pk": 1, "estado": "enviada", "indice": Decimal(50)},
    }
    valores.update(datos)
    return tablero.Fila(**valores)


@pytest.mark.parametrize(
    ("datos", "color"),
    [
        ({}, tablero.VERDE),
        ({"respuesta": None}, tablero.VERDE),  # no está en la ronda: nada que enviar
        ({"unidad_estado": Unidad.Estado.TITULAR_DESIGNADA}, tablero.ROJO),
        ({"acuerdos_abiertos": 2, "acuerdos_vencidos": 1}, tablero.ROJO),
        ({"acuerdos_abiertos": 2}, tablero.VERDE),
        ({"informes_vencidos": 1}, tablero.ROJO),
        (
            {"respuesta": {"pk": 1, "estado": "en_progreso", "indice": None}},
            tablero.AMARILLO,
        ),
        (
            {
                "respuesta": {"pk": 1, "estado": "devuelta", "indice": None},
                "ronda_vencida": True,
            },
            tablero.ROJO,
        ),
        ({"plan": None}, tablero.AMARILLO),
        ({"plan": {"pk": 1, "estado": "enviado"}}, tablero.AMARILLO),
    ],
)
def test_regla_del_semaforo(datos, color):
    obtenido, motivos = tablero.semaforo(_fila(**datos))
    assert obtenido == color
    assert bool(motivos) == (color != tablero.VERDE)


def test_semaforo_amarillo_por_plan_atrasado():
    class Atrasado:
        atrasado = True

    color, motivos = tablero.semaforo(_fila(avance=Atrasado()))
    assert color == tablero.AMARILLO
    assert "El avance del plan va por debajo de lo esperado." in motivos


# --- Filtros y paginación --------------------------------------------------------------------


def test_filtra_por_sector_tipo_y_busqueda():
    a = DependenciaFactory(sector="Salud", tipo=Dependencia.Tipo.CENTRALIZADA, siglas="SSA")
    b = DependenciaFactory(sector="Salud", tipo=Dependencia.Tipo.DESCENTRALIZADA, siglas="HOSP")
    c = DependenciaFactory(sector="Educación", nombre="Instituto de Cultura", siglas="IZC")
    DependenciaFactory(sector="Salud", vigente=False)

    def pks(**datos):
        pagina = tablero.filas(tablero.filtro(datos), hoy=HOY)
        return {f.dependencia.pk for f in pagina.object_list}

    assert pks(sector="Salud") == {a.pk, b.pk}
    assert pks(sector="Salud", tipo="descentralizada") == {b.pk}
    assert pks(q="cultura") == {c.pk}
    assert pks(q="hosp") == {b.pk}
    # Un filtro desconocido se ignora; las no vigentes nunca aparecen, aunque se pidan.
    assert pks(tipo="inventado", vigente="false") == {a.pk, b.pk, c.pk}


def test_pagina_de_50():
    DependenciaFactory.create_batch(52)
    primera = tablero.filas(tablero.filtro({}), hoy=HOY)
    segunda = tablero.filas(tablero.filtro({}), pagina=2, hoy=HOY)
    assert len(primera.object_list) == 50 and len(segunda.object_list) == 2
    assert primera.paginator.count == 52


# --- Totales ---------------------------------------------------------------------------------


def test_totales(rondas):
    _base, reciente = rondas
    instaladas = DependenciaFactory.create_batch(3)
    for d in instaladas:
        instalar(d, Unidad.Estado.OPERANDO)
    otras = DependenciaFactory.create_batch(2)
    DependenciaFactory(vigente=False)  # no cuenta
    PlanFactory(unidad=instaladas[0].unidad, anio=ANIO, estado="aprobado")
    PlanFactory(unidad=instaladas[1].unidad, anio=ANIO, estado="enviado")
    PlanFactory(unidad=instaladas[2].unidad, anio=ANIO - 1, estado="aprobado")  # otro año
    indices = [("60", {"cultura": "50", "violencia": "70"}), ("80", {"cultura": "70"})]
    for d, (indice, por_seccion) in zip(instaladas[:2], indices, strict=True):
        RespuestaFactory(
            aplicacion=reciente,
            dependencia=d,
            estado="aceptada",
            indice=Decimal(indice),
            indices=por_seccion,
        )
    RespuestaFactory(aplicacion=reciente, dependencia=instaladas[2], estado="enviada")
    RespuestaFactory(aplicacion=reciente, dependencia=otras[0], estado="en_progreso")
    marzo = EventoFactory(fecha_inicio=date(ANIO, 3, 1), fecha_fin=date(ANIO, 3, 5))
    junio = EventoFactory(fecha_inicio=date(ANIO, 6, 1), fecha_fin=date(ANIO, 6, 5))
    d = otras[1]
    mujer = ParticipanteFactory(sexo="mujer", dependencia=d)
    hombre = ParticipanteFactory(sexo="hombre", dependencia=d)
    InscripcionFactory(evento=marzo, dependencia=d, participante=mujer, acreditada=True)
    InscripcionFactory(evento=junio, dependencia=d, participante=mujer, acreditada=True)
    InscripcionFactory(evento=junio, dependencia=d, participante=hombre, acreditada=True)

    t = tablero.totales(hoy=HOY)
    assert t["instalacion"]["total"] == 5
    assert t["instalacion"]["instaladas"] == 3
    assert t["instalacion"]["porcentaje"] == 60
    assert ("Operando", "operando", 3) in t["instalacion"]["por_estado"]
    assert ("Sin iniciar", "sin_iniciar", 2) in t["instalacion"]["por_estado"]
    assert t["planes"]["aprobados"] == 1
    assert ("Enviado a revisión", "enviado", 1) in t["planes"]["por_estado"]
    d = t["diagnostico"]
    assert d["ronda"] == reciente
    assert d["tasa"].total == 4 and d["tasa"].porcentaje == 75.0
    assert d["general"].promedio == Decimal("70")
    promedios = {p.codigo: p.promedio for p in d["secciones"]}
    assert promedios == {"cultura": Decimal("60"), "violencia": Decimal("70")}
    c = t["capacitacion"]
    assert c["total"] == 2
    assert ("Mujer", "mujer", 1) in c["por_sexo"] and ("Hombre", "hombre", 1) in c["por_sexo"]
    por_mes = [n for _m, n in c["por_mes"]]
    assert por_mes[2] == 1 and por_mes[5] == 2 and sum(por_mes) == 3

    enlaces = tablero.enlaces(t)
    assert enlaces["ronda"] == reverse("diagnosticos:aplicacion_detalle", args=[reciente.pk])
    assert enlaces["consolidado"] == reverse("diagnosticos:consolidado", args=[reciente.pk])
    assert enlaces["planes_aprobados"].endswith(f"?anio={ANIO}&estado=aprobado")
    graficas = tablero.graficas(t)
    assert "<svg" in graficas["instalacion"]["ancha"]
    assert "Operando: 3" in graficas["instalacion"]["ancha"]
    assert "Mujer: 1" in graficas["sexo"]["angosta"]


def test_totales_sin_rondas_ni_datos():
    t = tablero.totales(hoy=HOY)
    assert t["diagnostico"] is None
    assert t["instalacion"]["porcentaje"] == 0
    assert tablero.enlaces(t)["ronda"] == ""


# --- Totales con filtro de sector y tipo ------------------------------------------------------


@pytest.fixture
def dos_sectores(rondas):
    """Salud (una centralizada y dos descentralizadas) y Educación (dos centralizadas), con
    planes, respuestas de la ronda reciente y personas capacitadas conocidas."""
    _base, reciente = rondas
    centralizada, descentralizada = Dependencia.Tipo.CENTRALIZADA, Dependencia.Tipo.DESCENTRALIZADA
    s1 = DependenciaFactory(sector="Salud", tipo=centralizada, siglas="SSA")
    s2 = DependenciaFactory(sector="Salud", tipo=descentralizada, siglas="HOSP")
    s3 = DependenciaFactory(sector="Salud", tipo=descentralizada, siglas="CLIN")
    e1 = DependenciaFactory(sector="Educación", tipo=centralizada, siglas="SEDU")
    e2 = DependenciaFactory(sector="Educación", tipo=centralizada, siglas="IEA")
    DependenciaFactory(sector="Salud", tipo=descentralizada, vigente=False)  # no cuenta
    instalar(s1, Unidad.Estado.OPERANDO)
    instalar(s2, Unidad.Estado.INSTALADA)
    instalar(e1, Unidad.Estado.EN_GESTION)
    instalar(e2, Unidad.Estado.OPERANDO)
    PlanFactory(unidad=s1.unidad, anio=ANIO, estado="aprobado")
    PlanFactory(unidad=s2.unidad, anio=ANIO, estado="enviado")
    PlanFactory(unidad=e1.unidad, anio=ANIO, estado="aprobado")
    PlanFactory(unidad=e2.unidad, anio=ANIO, estado="aprobado")

    def responder(d, estado, indice=None, indices=None):
        RespuestaFactory(
            aplicacion=reciente,
            dependencia=d,
            estado=estado,
            indice=Decimal(indice) if indice else None,
            indices=indices or {},
        )

    responder(s1, "aceptada", "60", {"cultura": "50", "violencia": "70"})
    responder(s2, "aceptada", "80", {"cultura": "70"})
    responder(s3, "en_progreso")
    responder(e1, "enviada", "90", {"cultura": "90"})  # enviada: no entra en los promedios
    responder(e2, "aceptada", "40", {"cultura": "30", "violencia": "50"})
    marzo = EventoFactory(fecha_inicio=date(ANIO, 3, 1), fecha_fin=date(ANIO, 3, 5))
    junio = EventoFactory(fecha_inicio=date(ANIO, 6, 1), fecha_fin=date(ANIO, 6, 5))
    for evento, d, sexo in [
        (marzo, s1, "mujer"),
        (junio, s2, "hombre"),
        (junio, s2, "mujer"),
        (marzo, e1, "mujer"),
    ]:
        persona = ParticipanteFactory(sexo=sexo, dependencia=d)
        InscripcionFactory(evento=evento, dependencia=d, participante=persona, acreditada=True)
    return reciente


def cifras_de(t):
    """Las cifras de los totales en una forma fácil de comparar."""
    d = t["diagnostico"]
    c = t["capacitacion"]
    return {
        "instalacion": (
            t["instalacion"]["total"],
            t["instalacion"]["instaladas"],
            t["instalacion"]["porcentaje"],
        ),
        "planes": (t["planes"]["aprobados"], t["planes"]["porcentaje"]),
        "planes_enviados": dict((v, n) for _e, v, n in t["planes"]["por_estado"])["enviado"],
        "tasa": (d["tasa"].total, d["tasa"].respondidas, d["tasa"].porcentaje),
        "general": (d["general"].promedio, d["general"].n),
        "secciones": {p.codigo: (p.promedio, p.n) for p in d["secciones"]},
        "sexo": {v: n for _e, v, n in c["por_sexo"] if n},
        "total": c["total"],
        "meses": {m: n for m, (_e, n) in enumerate(c["por_mes"], start=1) if n},
    }


def test_totales_de_cada_sector(dos_sectores):
    salud = tablero.totales(hoy=HOY, sector="Salud")
    assert cifras_de(salud) == {
        "instalacion": (3, 2, 66.7),
        "planes": (1, 33.3),
        "planes_enviados": 1,
        "tasa": (3, 2, 66.7),
        "general": (Decimal("70.00"), 2),
        "secciones": {"cultura": (Decimal("60.00"), 2), "violencia": (Decimal("70.00"), 1)},
        "sexo": {"mujer": 2, "hombre": 1},
        "total": 3,
        "meses": {3: 1, 6: 2},
    }
    assert salud["alcance"] == {"sector": "Salud", "tipo": "", "etiqueta": "sector Salud"}
    educacion = tablero.totales(hoy=HOY, sector="Educación")
    assert cifras_de(educacion) == {
        "instalacion": (2, 1, 50),
        "planes": (2, 100),
        "planes_enviados": 0,
        "tasa": (2, 2, 100.0),
        "general": (Decimal("40.00"), 1),
        "secciones": {"cultura": (Decimal("30.00"), 1), "violencia": (Decimal("50.00"), 1)},
        "sexo": {"mujer": 1},
        "total": 1,
        "meses": {3: 1},
    }
    todas = tablero.totales(hoy=HOY)
    assert cifras_de(todas)["instalacion"] == (5, 3, 60)
    assert cifras_de(todas)["general"] == (Decimal("60.00"), 3)
    assert todas["alcance"]["etiqueta"] == ""


def test_totales_de_sector_y_tipo(dos_sectores):
    t = tablero.totales(hoy=HOY, sector="Salud", tipo=Dependencia.Tipo.DESCENTRALIZADA)
    assert cifras_de(t) == {
        "instalacion": (2, 1, 50),
        "planes": (0, 0),
        "planes_enviados": 1,
        "tasa": (2, 1, 50.0),
        "general": (Decimal("80.00"), 1),
        "secciones": {"cultura": (Decimal("70.00"), 1)},
        "sexo": {"mujer": 1, "hombre": 1},
        "total": 2,
        "meses": {6: 2},
    }
    assert t["alcance"]["etiqueta"] == "sector Salud · tipo Organismo descentralizado"
    graficas = tablero.graficas(t)
    assert (
        "Cifras de: sector Salud · tipo Organismo descentralizado."
        in (graficas["instalacion"]["ancha"])
    )
    assert "Cifras de:" in graficas["meses"]["angosta"]
    assert "Cifras de:" not in tablero.graficas(tablero.totales(hoy=HOY))["sexo"]["ancha"]


def test_los_enlaces_llevan_el_filtro_donde_la_lista_lo_acepta(dos_sectores):
    reciente = dos_sectores
    t = tablero.totales(hoy=HOY, sector="Educación", tipo=Dependencia.Tipo.CENTRALIZADA)
    e = tablero.enlaces(t)
    filtro_ = "sector=Educaci%C3%B3n&tipo=centralizada"
    assert e["planes"] == f"{reverse('planes:lista')}?anio={ANIO}&{filtro_}"
    assert e["planes_aprobados"] == f"{e['planes']}&estado=aprobado"
    assert e["instituciones"] == f"{reverse('unidades:dependencia_lista')}?{filtro_}"
    ronda = reverse("diagnosticos:aplicacion_detalle", args=[reciente.pk])
    assert e["ronda"] == f"{ronda}?{filtro_}"
    consolidado = reverse("diagnosticos:consolidado", args=[reciente.pk])
    assert e["consolidado"] == f"{consolidado}?{filtro_}"
    # Las estadísticas de capacitación solo filtran por sector; la meta, por nada.
    estadisticas = reverse("capacitacion:estadisticas")
    assert e["capacitacion"] == f"{estadisticas}?sector=Educaci%C3%B3n"
    assert ("Mujer", 1, f"{estadisticas}?sector=Educaci%C3%B3n&sexo=mujer") in (
        e["capacitacion_por_sexo"]
    )
    assert e["meta"] == reverse("unidades:meta")
    sin_filtro = tablero.enlaces(tablero.totales(hoy=HOY))
    assert sin_filtro["consolidado"] == consolidado
    assert sin_filtro["capacitacion"] == estadisticas
    assert ("Hombre", 1, f"{estadisticas}?sexo=hombre") in sin_filtro["capacitacion_por_sexo"]


@pytest.mark.parametrize(
    ("datos", "esperado"),
    [
        ({}, {"sector": "", "tipo": ""}),
        ({"sector": "Salud", "q": "hosp"}, {"sector": "Salud", "tipo": ""}),
        ({"tipo": "descentralizada"}, {"sector": "", "tipo": "descentralizada"}),
        # Un sector sin instituciones vigentes o un tipo desconocido se ignoran, como en filas.
        ({"sector": "Inventado", "tipo": "otro"}, {"sector": "", "tipo": ""}),
    ],
)
def test_alcance_del_filtro(datos, esperado):
    DependenciaFactory(sector="Salud")
    assert tablero.alcance(tablero.filtro(datos)) == esperado


def test_el_contexto_busca_la_ronda_una_vez(dos_sectores, monkeypatch):
    llamadas = []
    original = tablero.ronda_reciente

    def contar(hoy=None):
        llamadas.append(hoy)
        return original(hoy)

    monkeypatch.setattr(tablero, "ronda_reciente", contar)
    datos = tablero.contexto({"sector": "Salud", "q": "hosp"}, hoy=HOY)
    assert llamadas == [HOY]
    assert datos["pagina"].ronda == dos_sectores == datos["totales"]["diagnostico"]["ronda"]
    # La búsqueda acota las filas, no los totales.
    assert [f.dependencia.siglas for f in datos["pagina"].object_list] == ["HOSP"]
    assert datos["totales"]["instalacion"]["total"] == 3


# --- La página -------------------------------------------------------------------------------


def consultas_de(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return len(capturadas)


def _institucion_completa(ronda, sector="Salud"):
    d = DependenciaFactory(sector=sector)
    instalar(d)
    plan = PlanFactory(unidad=d.unidad, anio=ANIO, estado="aprobado")
    ActividadFactory(plan=plan)
    RespuestaFactory(aplicacion=ronda, dependencia=d, estado="aceptada", indice=Decimal(50))
    InscripcionFactory(dependencia=d, acreditada=True)
    AcuerdoFactory(dependencia=d)
    return d


def test_el_tablero_hace_las_mismas_consultas_con_3_y_con_30(client, coordinacion, rondas):
    _base, reciente = rondas
    client.force_login(coordinacion)
    for _ in range(3):
        _institucion_completa(reciente)
    _institucion_completa(reciente, sector="Educación")
    filtrada = reverse("inicio") + "?sector=Salud&tipo=centralizada"
    pocas = consultas_de(client, reverse("inicio"))
    pocas_filtradas = consultas_de(client, filtrada)
    for i in range(27):
        _institucion_completa(reciente, sector="Salud" if i % 2 else "Educación")
    assert consultas_de(client, reverse("inicio")) == pocas
    assert consultas_de(client, reverse("inicio") + "?sector=x&q=y") == pocas
    assert consultas_de(client, filtrada) == pocas_filtradas == pocas


def test_la_pagina_muestra_filas_semaforo_con_texto_y_enlaces(client, coordinacion, rondas):
    _base, reciente = rondas
    d = DependenciaFactory(siglas="SEMUJER", nombre="Secretaría de las Mujeres", sector="Mujeres")
    DependenciaFactory(siglas="OTRA", sector="Economía")
    client.force_login(coordinacion)
    html = client.get(reverse("inicio")).content.decode()
    assert "Tablero de toda la administración" in html
    assert d.get_absolute_url() in html
    assert '<span class="badge text-bg-danger"' in html and "Urgente" in html
    assert "La unidad aún no está instalada." in html
    assert 'class="table-responsive"' in html
    assert reverse("unidades:meta") in html
    assert reverse("capacitacion:estadisticas") in html
    assert reverse("diagnosticos:consolidado", args=[reciente.pk]) in html
    assert "<svg" in html
    assert "Cifras de:" not in html
    filtrada = client.get(reverse("inicio"), {"sector": "Mujeres"}).content.decode()
    assert "SEMUJER" in filtrada and ">OTRA<" not in filtrada
    assert "Cifras de: sector Mujeres" in filtrada
    consolidado = reverse("diagnosticos:consolidado", args=[reciente.pk])
    assert f'href="{consolidado}?sector=Mujeres"' in filtrada
    assert "solo acota la tabla de instituciones" not in filtrada
    buscada = client.get(reverse("inicio"), {"q": "SEMUJER"}).content.decode()
    assert "solo acota la tabla de instituciones" in buscada and "Cifras de:" not in buscada


def test_consulta_con_permiso_global_ve_el_tablero(client, consulta):
    consulta.user_permissions.add(Permission.objects.get(codename="ver_todas_las_dependencias"))
    DependenciaFactory(siglas="VISIBLE")
    client.force_login(consulta)
    respuesta = client.get(reverse("inicio"))
    assert "tablero" in respuesta.context
    assert "Tablero de toda la administración" in respuesta.content.decode()


def test_responsable_no_ve_el_tablero(client, responsable):
    client.force_login(responsable)
    respuesta = client.get(reverse("inicio"))
    assert "tablero" not in respuesta.context
    assert "Tablero de toda la administración" not in respuesta.content.decode()
