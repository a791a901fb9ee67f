"""Estadísticas de capacitación: cada cifra contra datos calculados a mano, filtros, alcance,
periodo, XLSX y número de consultas."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from capacitacion.estadisticas import Filtros, calcular, meses_del_periodo
from capacitacion.forms.estadisticas import EstadisticasForm
from capacitacion.models import Certificacion, Evento, Inscripcion
from tests.factories import (
    CertificacionFactory,
    DependenciaFactory,
    EstandarFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    ProgramaFactory,
    UsuarioFactory,
)
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

URL = reverse("capacitacion:estadisticas")
URL_XLSX = reverse("capacitacion:estadisticas_xlsx")
ANIO = {"desde": "2024-01-01", "hasta": "2024-12-31"}
C = Certificacion.Estado


def evento(programa, fin, estado=Evento.Estado.CONCLUIDO, nombre=""):
    return EventoFactory(
        programa=programa,
        fecha_inicio=fin.replace(day=1),
        fecha_fin=fin,
        estado=estado,
        **({"nombre": nombre} if nombre else {}),
    )


def inscribir(persona, ev, horas=0, acreditada=False, estado=Inscripcion.Estado.CONFIRMADA):
    return InscripcionFactory(
        participante=persona,
        dependencia=persona.dependencia,
        evento=ev,
        estado=estado,
        horas_asistidas=Decimal(horas),
        acreditada=acreditada,
    )


@pytest.fixture
def datos(dependencia, otra_dependencia):
    """Los datos del cálculo a mano (año 2024, salvo donde se dice).

    PROPIA (sector Gobierno): Ana (mujer) acredita E1 (10 h) y E2 (6 h), y E4 en 2025 (5 h);
    Beto (hombre) acredita E1 (8 h) y no E2 (2 h); Ceci (prefiere no decirlo) no acredita E1;
    Dana (mujer) acredita E3, que se canceló; Eva (mujer) está por confirmar en E2.
    AJENA (sector Salud): Fer (hombre) acredita E1 (4 h).
    Certificación EC0308: Ana certificada el 01/06/2024, Beto el 01/12/2023 (fuera del
    periodo), Fer en alineación.
    """
    dependencia.sector = "Gobierno"
    dependencia.save()
    otra_dependencia.sector = "Salud"
    otra_dependencia.save()
    ec0308 = EstandarFactory(clave="EC0308")
    seminario = ProgramaFactory(nombre="Seminario de cultura institucional", estandar=ec0308)
    curso = ProgramaFactory(nombre="Curso básico de igualdad")
    e1 = evento(seminario, date(2024, 3, 15), nombre="Seminario marzo")
    e2 = evento(curso, date(2024, 5, 20), nombre="Curso mayo")
    e3 = evento(seminario, date(2024, 5, 30), Evento.Estado.CANCELADO, nombre="Cancelado")
    e4 = evento(seminario, date(2025, 2, 10), nombre="Seminario 2025")
    persona = lambda nombre, sexo, dep: ParticipanteFactory(  # noqa: E731
        nombre=nombre, sexo=sexo, dependencia=dep
    )
    ana = persona("Ana Martínez", "mujer", dependencia)
    beto = persona("Beto López", "hombre", dependencia)
    ceci = persona("Ceci Ruiz", "no_especificado", dependencia)
    dana = persona("Dana Pérez", "mujer", dependencia)
    eva = persona("Eva Díaz", "mujer", dependencia)
    fer = persona("Fer Gómez", "hombre", otra_dependencia)
    inscribir(ana, e1, 10, True)
    inscribir(ana, e2, 6, True)
    inscribir(ana, e4, 5, True)
    inscribir(beto, e1, 8, True)
    inscribir(beto, e2, 2, False)
    inscribir(ceci, e1, 0, False)
    inscribir(dana, e3, 10, True)
    inscribir(eva, e2, estado=Inscripcion.Estado.SOLICITADA)
    inscribir(fer, e1, 4, True)
    cert = lambda p, **campos: CertificacionFactory(  # noqa: E731
        participante=p, dependencia=p.dependencia, estandar=ec0308, **campos
    )
    cert(ana, estado=C.CERTIFICADA, fecha_certificado=date(2024, 6, 1), folio_certificado="A1")
    cert(beto, estado=C.CERTIFICADA, fecha_certificado=date(2023, 12, 1), folio_certificado="B1")
    cert(fer, estado=C.ALINEACION)
    return SimpleNamespace(
        seminario=seminario,
        curso=curso,
        dependencia=dependencia,
        otra=otra_dependencia,
        ec0308=ec0308,
        nombres=["Ana Martínez", "Beto López", "Ceci Ruiz", "Fer Gómez"],
    )


def periodo(desde="2024-01-01", hasta="2024-12-31", **otros):
    return Filtros(desde=date.fromisoformat(desde), hasta=date.fromisoformat(hasta), **otros)


def por_nombre(grupos):
    return {g.nombre: g for g in grupos}


# --- Cifras ---------------------------------------------------------------------------------


def test_totales_calculados_a_mano(coordinacion, datos):
    e = calcular(coordinacion, periodo())
    t = e.total
    assert (t.personas, t.mujeres, t.hombres, t.no_especificado) == (3, 1, 2, 0)
    assert t.horas == Decimal("28")  # 10 + 6 + 8 + 4; las 2 h de Beto en E2 no acreditaron
    assert (t.acreditadas, t.confirmadas) == (4, 6)
    assert t.tasa == 66.7
    assert t.certificadas == 1  # Beto se certificó en 2023
    assert e.alcance is None


def test_por_sexo(coordinacion, datos):
    sexo = por_nombre(calcular(coordinacion, periodo()).por_sexo)
    assert list(sexo) == ["Mujer", "Hombre", "Prefiere no decirlo"]
    mujer, hombre, ne = sexo["Mujer"], sexo["Hombre"], sexo["Prefiere no decirlo"]
    # Ana: dos inscripciones acreditadas, una persona.
    assert (mujer.personas, mujer.acreditadas, mujer.horas, mujer.certificadas) == (1, 2, 16, 1)
    assert (hombre.personas, hombre.acreditadas, hombre.confirmadas, hombre.horas) == (2, 2, 3, 12)
    assert (ne.personas, ne.confirmadas, ne.tasa) == (0, 1, 0.0)


def test_por_institucion_cuenta_personas_distintas(coordinacion, datos):
    inst = por_nombre(calcular(coordinacion, periodo()).por_dependencia)
    propia, ajena = inst["Secretaría Propia"], inst["Secretaría Ajena"]
    assert (propia.personas, propia.mujeres, propia.hombres) == (2, 1, 1)
    assert (propia.acreditadas, propia.confirmadas, propia.horas) == (3, 5, 24)
    assert propia.tasa == 60.0
    assert (propia.sector, propia.siglas, propia.certificadas, propia.en_proceso) == (
        "Gobierno",
        "PROPIA",
        1,
        0,
    )
    assert (ajena.personas, ajena.horas, ajena.certificadas, ajena.en_proceso) == (1, 4, 0, 1)
    # De más a menos personas.
    assert [g.nombre for g in calcular(coordinacion, periodo()).por_dependencia] == [
        "Secretaría Propia",
        "Secretaría Ajena",
    ]


def test_por_sector_y_programa(coordinacion, datos):
    e = calcular(coordinacion, periodo())
    sector = por_nombre(e.por_sector)
    assert (sector["Gobierno"].personas, sector["Gobierno"].horas) == (2, 24)
    assert (sector["Salud"].personas, sector["Salud"].horas) == (1, 4)
    programa = por_nombre(e.por_programa)
    seminario, curso = programa[datos.seminario.nombre], programa[datos.curso.nombre]
    assert (seminario.personas, seminario.horas, seminario.acreditadas) == (3, 22, 3)
    assert seminario.confirmadas == 4
    assert (curso.personas, curso.horas, curso.acreditadas, curso.confirmadas) == (1, 6, 1, 2)
    # Ana cuenta en los dos programas pero una sola vez en el total.
    assert sum(p.personas for p in e.por_programa) == 4 > e.total.personas


def test_un_grupo_cuenta_una_vez_a_quien_acredita_dos_eventos(coordinacion, datos):
    otro = evento(datos.seminario, date(2024, 3, 20))
    ana = Inscripcion.objects.get(
        participante__nombre="Ana Martínez", evento__nombre="Seminario marzo"
    )
    inscribir(ana.participante, otro, 3, True)
    e = calcular(coordinacion, periodo())
    marzo = e.por_periodo[2]
    assert (marzo.personas, marzo.acreditadas, marzo.horas) == (3, 4, 25)
    assert por_nombre(e.por_programa)[datos.seminario.nombre].personas == 3
    assert e.total.personas == 3


def test_por_mes(coordinacion, datos):
    e = calcular(coordinacion, periodo())
    assert not e.anual
    assert [p.nombre for p in e.por_periodo][:3] == [
        "enero de 2024",
        "febrero de 2024",
        "marzo de 2024",
    ]
    assert len(e.por_periodo) == 12
    cifras = {p.inicio.month: (p.personas, p.horas) for p in e.por_periodo}
    assert cifras[3] == (3, 22)
    assert cifras[5] == (1, 6)
    assert all(cifras[m] == (0, 0) for m in (1, 2, 4, 6, 7, 8, 9, 10, 11, 12))


def test_por_anio_si_el_periodo_pasa_de_24_meses(coordinacion, datos):
    e = calcular(coordinacion, periodo("2023-01-01", "2025-12-31"))
    assert e.anual
    assert [(p.nombre, p.personas, p.horas) for p in e.por_periodo] == [
        ("2023", 0, 0),
        ("2024", 3, 28),
        ("2025", 1, 5),
    ]
    assert meses_del_periodo(date(2023, 1, 1), date(2024, 12, 31)) == 24
    assert not calcular(coordinacion, periodo("2023-01-01", "2024-12-31")).anual


def test_pagina_por_anio(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {"desde": "2023-01-01", "hasta": "2025-12-31"})
    html = r.content.decode()
    assert "<title>Personas capacitadas por año</title>" in html
    assert "Ver las cifras por año como tabla" in html
    assert '<th scope="row" class="fw-normal">2025</th>' in html


def test_certificacion_por_estandar_y_etapa(coordinacion, datos):
    e = calcular(coordinacion, periodo())
    [ec] = e.por_estandar
    assert ec.clave == "EC0308"
    assert ec.etapas == {C.CERTIFICADA: 2, C.ALINEACION: 1}
    assert (ec.certificadas, ec.mujeres, ec.hombres) == (1, 1, 0)
    assert dict((estado, n) for estado, _et, n in e.por_etapa) == {
        "inscrita": 0,
        "alineacion": 1,
        "en_evaluacion": 0,
        "competente": 0,
        "no_competente": 0,
        "certificada": 2,
    }
    assert (e.procesos, e.abiertos) == (3, 1)


def test_persona_certificada_en_dos_estandares_cuenta_una_vez(coordinacion, datos):
    ana = Certificacion.objects.get(folio_certificado="A1").participante
    CertificacionFactory(
        participante=ana,
        dependencia=ana.dependencia,
        estandar=EstandarFactory(clave="EC0076"),
        estado=C.CERTIFICADA,
        fecha_certificado=date(2024, 8, 1),
        folio_certificado="A2",
    )
    e = calcular(coordinacion, periodo())
    assert e.total.certificadas == 1
    assert sum(x.certificadas for x in e.por_estandar) == 2
    assert por_nombre(e.por_dependencia)["Secretaría Propia"].certificadas == 1


# --- Periodo y filtros ---------------------------------------------------------------------


def test_periodo_por_fecha_de_termino(coordinacion, datos):
    assert calcular(coordinacion, periodo("2024-03-15", "2024-03-15")).total.personas == 3
    sin_marzo = calcular(coordinacion, periodo("2024-03-16", "2024-12-31")).total
    assert (sin_marzo.personas, sin_marzo.horas) == (1, 6)
    hasta_marzo = calcular(coordinacion, periodo("2024-01-01", "2024-03-14")).total
    assert hasta_marzo.confirmadas == 0
    en_2025 = calcular(coordinacion, periodo("2025-01-01", "2025-12-31")).total
    assert (en_2025.personas, en_2025.horas, en_2025.certificadas) == (1, 5, 0)
    en_2023 = calcular(coordinacion, periodo("2023-01-01", "2023-12-31")).total
    assert (en_2023.personas, en_2023.certificadas) == (0, 1)  # Beto se certificó en 2023


def test_eventos_cancelados_no_cuentan(coordinacion, datos):
    e = calcular(coordinacion, periodo("2024-05-21", "2024-05-31"))
    assert e.total.confirmadas == 0  # solo E3 (cancelado) termina en esos días
    Evento.objects.filter(nombre="Cancelado").update(estado=Evento.Estado.CONCLUIDO)
    t = calcular(coordinacion, periodo("2024-05-21", "2024-05-31")).total
    assert (t.personas, t.mujeres, t.horas) == (1, 1, 10)


def test_filtro_de_programa(coordinacion, datos):
    curso = calcular(coordinacion, periodo(programa=datos.curso))
    assert (curso.total.personas, curso.total.horas, curso.total.confirmadas) == (1, 6, 2)
    # El curso no lleva a ningún estándar: no hay certificación.
    assert curso.total.certificadas == 0 and curso.procesos == 0
    # El seminario prepara para el EC0308: cuentan sus procesos sin evento registrado.
    seminario = calcular(coordinacion, periodo(programa=datos.seminario))
    assert (seminario.total.personas, seminario.total.horas) == (3, 22)
    assert (seminario.total.certificadas, seminario.procesos) == (1, 3)


def test_filtros_de_sector_institucion_y_sexo(coordinacion, datos):
    salud = calcular(coordinacion, periodo(sector="Salud")).total
    assert (salud.personas, salud.hombres, salud.horas, salud.certificadas) == (1, 1, 4, 0)
    ajena = calcular(coordinacion, periodo(dependencia=datos.otra))
    assert (ajena.total.personas, ajena.total.horas) == (1, 4)
    assert ajena.procesos == 1
    assert [g.nombre for g in ajena.por_dependencia] == ["Secretaría Ajena"]
    hombres = calcular(coordinacion, periodo(sexo="hombre")).total
    assert (hombres.personas, hombres.mujeres, hombres.horas, hombres.certificadas) == (2, 0, 12, 0)
    mujeres = calcular(coordinacion, periodo(sexo="mujer")).total
    assert (mujeres.personas, mujeres.horas, mujeres.certificadas) == (1, 16, 1)


def test_los_filtros_de_la_pagina_se_aplican(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {**ANIO, "sexo": "hombre", "dependencia": datos.otra.pk})
    assert r.status_code == 200
    t = r.context["datos"].total
    assert (t.personas, t.hombres, t.horas) == (1, 1, 4)
    r = client.get(URL, {**ANIO, "sector": "Gobierno", "programa": datos.curso.pk})
    t = r.context["datos"].total
    assert (t.personas, t.horas, t.confirmadas) == (1, 6, 2)


# --- Alcance --------------------------------------------------------------------------------


def test_responsable_ve_solo_su_institucion(client, responsable, datos):
    e = calcular(responsable, periodo())
    assert (e.total.personas, e.total.horas, e.total.confirmadas) == (2, 24, 5)
    assert e.total.certificadas == 1
    assert e.procesos == 2  # el proceso de Fer es de la otra institución
    assert [g.nombre for g in e.por_dependencia] == ["Secretaría Propia"]
    assert e.alcance == datos.dependencia
    client.force_login(responsable)
    r = client.get(URL, ANIO)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Secretaría Ajena" not in html
    assert 'name="dependencia"' not in html and 'name="sector"' not in html
    assert "Solo las cifras de Secretaría Propia" in html


def test_responsable_no_escapa_con_los_filtros(client, responsable, datos):
    # Ni pidiéndolo en la dirección ni pasándolo al cálculo.
    e = calcular(responsable, periodo(dependencia=datos.otra, sector="Salud"))
    assert (e.total.personas, e.total.horas) == (2, 24)
    client.force_login(responsable)
    for parametros in ({"dependencia": datos.otra.pk}, {"sector": "Salud"}):
        r = client.get(URL, {**ANIO, **parametros})
        assert r.context["datos"].total.personas == 2
        assert r.context["filtros"].dependencia is None
        r = client.get(URL_XLSX, {**ANIO, **parametros})
        hoja = load_workbook(io.BytesIO(r.content))["Por institución"]
        filas = list(hoja.iter_rows(min_row=2, values_only=True))
        assert [f[0] for f in filas] == ["Secretaría Propia"]


def test_la_otra_institucion_ve_sus_cifras(client, responsable_ajena, datos):
    e = calcular(responsable_ajena, periodo())
    assert (e.total.personas, e.total.hombres, e.total.horas) == (1, 1, 4)
    assert (e.total.certificadas, e.procesos) == (0, 1)


def test_consulta_ve_solo_su_institucion(client, consulta, datos):
    client.force_login(consulta)
    r = client.get(URL, ANIO)
    assert r.context["datos"].total.personas == 2
    assert "Secretaría Ajena" not in r.content.decode()


def test_consulta_sin_institucion_no_ve_cifras(client, datos):
    sin_institucion = UsuarioFactory(rol=Rol.CONSULTA)
    client.force_login(sin_institucion)
    r = client.get(URL, {**ANIO, "dependencia": datos.otra.pk})
    assert r.status_code == 200
    html = r.content.decode()
    assert "No hay datos en este periodo" in html
    assert 'name="dependencia"' not in html
    assert r.context["datos"].total.confirmadas == 0


# --- Página ---------------------------------------------------------------------------------


def test_pagina_con_graficas_tablas_y_explicaciones(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, ANIO)
    assert r.status_code == 200
    html = r.content.decode()
    for titulo in (
        "<title>Personas capacitadas por sexo</title>",
        "<title>Personas capacitadas por mes</title>",
        "<title>Horas de capacitación por mes</title>",
        "<title>Personas capacitadas por programa</title>",
        "<title>Instituciones con más personas capacitadas</title>",
        "<title>Personas capacitadas por sector</title>",
        "<title>Procesos de certificación por etapa</title>",
    ):
        assert titulo in html
    assert "<desc>Personas capacitadas del 01/01/2024 al 31/12/2024: Mujer: 1; Hombre: 2" in html
    assert "¿Cómo se cuenta?" in html
    # Cada gráfica es XML bien formado, con título y descripción para lectores de pantalla.
    graficas = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(graficas) == 14  # 7 gráficas, cada una en dos anchos
    for svg in graficas:
        raiz = ET.fromstring(svg)
        assert raiz.get("role") == "img"
        assert raiz.find("{http://www.w3.org/2000/svg}desc").text
    assert html.count("<table") >= 6  # cada gráfica tiene su tabla
    assert "66.7 %" in html
    # Ningún dato personal en la página.
    for nombre in datos.nombres:
        assert nombre not in html


def test_sin_datos_no_hay_graficas(client, coordinacion, db):
    client.force_login(coordinacion)
    r = client.get(URL, ANIO)
    html = r.content.decode()
    assert "No hay datos en este periodo" in html
    assert "<svg" not in html
    assert "Personas capacitadas" not in html.split("No hay datos en este periodo")[1]


def test_periodo_sin_datos_muestra_solo_las_etapas_de_hoy(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {"desde": "2010-01-01", "hasta": "2010-12-31"})
    html = r.content.decode()
    assert "No hay datos en este periodo" in html
    assert "<title>Personas capacitadas por sexo</title>" not in html
    # Las etapas son la foto de hoy: no dependen del periodo.
    assert "<title>Procesos de certificación por etapa</title>" in html


def test_solo_certificacion_en_el_periodo(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {"desde": "2023-01-01", "hasta": "2023-12-31"})
    html = r.content.decode()
    assert "No hay inscripciones confirmadas en eventos que terminen en este periodo" in html
    assert "<title>Procesos de certificación por etapa</title>" in html
    assert "<title>Personas capacitadas por sexo</title>" not in html


def test_periodo_predeterminado_es_el_anio_en_curso(client, coordinacion, datos):
    hoy = timezone.localdate()
    inscribir(
        ParticipanteFactory(sexo="mujer"),
        evento(datos.curso, date(hoy.year, 1, 31)),
        4,
        True,
    )
    client.force_login(coordinacion)
    r = client.get(URL)
    filtros = r.context["filtros"]
    assert (filtros.desde, filtros.hasta) == (date(hoy.year, 1, 1), date(hoy.year, 12, 31))
    assert r.context["datos"].total.personas == 1
    assert f'value="{hoy.year}-01-01"' in r.content.decode()


def test_fechas_invertidas_dan_error_y_periodo_predeterminado(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {"desde": "2024-12-31", "hasta": "2024-01-01", "sexo": "hombre"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "La fecha final no puede ser anterior a la inicial (31/12/2024)." in html
    assert "se muestran las cifras del año en curso" in html
    anio = timezone.localdate().year
    assert r.context["filtros"].desde == date(anio, 1, 1)
    assert r.context["filtros"].sexo == "hombre"  # los demás filtros siguen


def test_fecha_ilegible_da_error_en_espanol(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {"desde": "31-31-2024", "hasta": "2024-12-31"})
    html = r.content.decode()
    assert "Introduzca una fecha válida" in html
    assert r.context["filtros"].desde == date(timezone.localdate().year, 1, 1)
    # El XLSX tampoco falla: usa el periodo predeterminado.
    assert client.get(URL_XLSX, {"desde": "nada"}).status_code == 200


def test_una_sola_fecha_completa_el_anio():
    hoy = date(2026, 7, 1)

    def filtros(datos):
        usuario = SimpleNamespace(ve_todas_las_dependencias=True)
        return EstadisticasForm(datos, usuario=usuario, hoy=hoy).filtros()

    assert (filtros({"desde": "2024-03-01"}).hasta) == date(2024, 12, 31)
    assert (filtros({"hasta": "2024-03-01"}).desde) == date(2024, 1, 1)
    f = filtros({"desde": "1900-01-01", "hasta": "2024-01-01"})
    assert (f.desde, f.hasta) == (date(2026, 1, 1), date(2026, 12, 31))  # más de 50 años


def test_programa_inexistente_se_ignora(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL, {**ANIO, "programa": 999999})
    assert r.context["datos"].total.personas == 3
    assert "Seleccione una opción válida" in r.content.decode()


def test_instituciones_paginadas(client, coordinacion, datos):
    e1 = Evento.objects.get(nombre="Seminario marzo")
    for n in range(51):
        dep = DependenciaFactory(nombre=f"Instituto {n:02d}")
        inscribir(ParticipanteFactory(dependencia=dep), e1, 1, True)
    client.force_login(coordinacion)
    r = client.get(URL, ANIO)
    assert len(r.context["instituciones"]) == 50
    assert r.context["page_obj"].paginator.count == 53
    r = client.get(URL, {**ANIO, "page": 2})
    assert len(r.context["instituciones"]) == 3
    # El XLSX trae todas.
    libro = load_workbook(io.BytesIO(client.get(URL_XLSX, ANIO).content))
    assert libro["Por institución"].max_row == 54


def test_solo_get(client, coordinacion):
    client.force_login(coordinacion)
    assert client.post(URL).status_code == 405
    assert client.post(URL_XLSX).status_code == 405


# --- XLSX ---------------------------------------------------------------------------------


def _filas(hoja):
    return [list(f) for f in hoja.iter_rows(min_row=2, values_only=True)]


def test_xlsx_con_todas_las_hojas(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL_XLSX, ANIO)
    assert r.status_code == 200
    assert r["Content-Disposition"] == (
        'attachment; filename="estadisticas-capacitacion-20240101-20241231.xlsx"'
    )
    libro = load_workbook(io.BytesIO(r.content))
    assert libro.sheetnames == [
        "Resumen",
        "Por sexo",
        "Por institución",
        "Por sector",
        "Por programa",
        "Por periodo",
        "Certificación",
    ]
    resumen = dict((f[0], f[1]) for f in _filas(libro["Resumen"]))
    assert resumen["Periodo"] == "del 01/01/2024 al 31/12/2024"
    assert resumen["Personas capacitadas"] == 3
    assert (resumen["Mujeres"], resumen["Hombres"], resumen["Prefiere no decirlo"]) == (1, 2, 0)
    assert resumen["Horas de capacitación"] == 28
    assert resumen["Inscripciones acreditadas"] == 4
    assert resumen["Inscripciones confirmadas"] == 6
    assert resumen["Tasa de acreditación (%)"] == 66.7
    assert resumen["Personas certificadas"] == 1
    assert resumen["Procesos de certificación abiertos hoy"] == 1

    assert _filas(libro["Por sexo"]) == [
        ["Mujer", 1, 16, 2, 2, 100, 1],
        ["Hombre", 2, 12, 2, 3, 66.7, 0],
        ["Prefiere no decirlo", 0, 0, 0, 1, 0, 0],
    ]
    assert [c.value for c in libro["Por institución"][1]] == [
        "Institución",
        "Siglas",
        "Sector",
        "Personas capacitadas",
        "Mujeres",
        "Hombres",
        "Prefiere no decirlo",
        "Horas",
        "Inscripciones acreditadas",
        "Inscripciones confirmadas",
        "Tasa de acreditación (%)",
        "Personas certificadas",
        "En proceso de certificación",
    ]
    assert _filas(libro["Por institución"]) == [
        ["Secretaría Propia", "PROPIA", "Gobierno", 2, 1, 1, 0, 24, 3, 5, 60, 1, 0],
        ["Secretaría Ajena", "AJENA", "Salud", 1, 0, 1, 0, 4, 1, 1, 100, 0, 1],
    ]
    assert _filas(libro["Por sector"]) == [
        ["Gobierno", 2, 1, 1, 0, 24, 3, 5, 60],
        ["Salud", 1, 0, 1, 0, 4, 1, 1, 100],
    ]
    assert _filas(libro["Por programa"]) == [
        [datos.seminario.nombre, 3, 1, 2, 0, 22, 3, 4, 75],
        [datos.curso.nombre, 1, 1, 0, 0, 6, 1, 2, 50],
    ]
    periodo_filas = _filas(libro["Por periodo"])
    assert len(periodo_filas) == 12
    assert periodo_filas[2] == ["marzo de 2024", 3, 1, 2, 0, 22, 3, 4, 75]
    assert periodo_filas[0] == ["enero de 2024", 0, 0, 0, 0, 0, 0, 0, 0]
    cert = libro["Certificación"]
    assert [c.value for c in cert[1]][:3] == ["Estándar", "Título", "Hoy: Inscrita"]
    assert _filas(cert)[0][0] == "EC0308"
    assert _filas(cert)[0][2:] == [0, 1, 0, 0, 0, 2, 1, 1, 0, 0]


def test_xlsx_sin_datos_personales_y_con_filtros(client, coordinacion, datos):
    client.force_login(coordinacion)
    r = client.get(URL_XLSX, {**ANIO, "sexo": "mujer", "programa": datos.curso.pk})
    libro = load_workbook(io.BytesIO(r.content))
    celdas = [
        str(v)
        for hoja in libro.worksheets
        for fila in hoja.iter_rows(values_only=True)
        for v in fila
        if v is not None
    ]
    for nombre in datos.nombres:
        assert not any(nombre in c for c in celdas)
    assert not any("@" in c for c in celdas)  # ningún correo
    resumen = dict((f[0], f[1]) for f in _filas(libro["Resumen"]))
    assert resumen["Programa"] == datos.curso.nombre
    assert resumen["Sexo"] == "Mujer"
    assert resumen["Personas capacitadas"] == 1
    assert resumen["Horas de capacitación"] == 6


def test_xlsx_del_responsable_dice_su_alcance(client, responsable, datos):
    client.force_login(responsable)
    libro = load_workbook(io.BytesIO(client.get(URL_XLSX, ANIO).content))
    resumen = dict((f[0], f[1]) for f in _filas(libro["Resumen"]))
    assert resumen["Institución (alcance)"] == "Secretaría Propia"
    assert resumen["Personas capacitadas"] == 2


# --- Consultas ------------------------------------------------------------------------------


def _mas_datos(datos, n):
    """n instituciones más, cada una con personas, inscripciones y procesos en varios meses."""
    eventos = [evento(datos.curso, date(2024, mes, 10)) for mes in (2, 7, 11)]
    for i in range(n):
        dep = DependenciaFactory(sector=f"Sector {i % 3}")
        for j, sexo in enumerate(("mujer", "hombre", "no_especificado")):
            p = ParticipanteFactory(dependencia=dep, sexo=sexo)
            inscribir(p, eventos[j], 2 + j, j != 2)
            inscribir(p, eventos[(j + 1) % 3], 1, True)
        CertificacionFactory(
            participante=p,
            dependencia=dep,
            estandar=EstandarFactory(clave=f"EC09{i % 2}0"),
            estado=C.CERTIFICADA,
            fecha_certificado=date(2024, 9, 1),
            folio_certificado=f"F{i}",
        )


def test_el_calculo_hace_ocho_consultas(
    coordinacion, responsable, datos, django_assert_num_queries
):
    # Los permisos y la institución de cada persona usuaria ya vienen cargados en una petición.
    assert coordinacion.ve_todas_las_dependencias and not responsable.ve_todas_las_dependencias
    assert responsable.dependencia
    with django_assert_num_queries(8):
        calcular(coordinacion, periodo())
    _mas_datos(datos, 20)
    with django_assert_num_queries(8):
        e = calcular(coordinacion, periodo())
    assert e.total.personas == 3 + 60
    with django_assert_num_queries(8):
        calcular(responsable, periodo(programa=datos.seminario, sexo="mujer"))


@pytest.mark.parametrize("url", [URL, URL_XLSX])
def test_consultas_constantes_en_la_pagina_y_el_xlsx(client, coordinacion, datos, url):
    client.force_login(coordinacion)
    parametros = {**ANIO, "sector": "Gobierno", "programa": datos.seminario.pk, "sexo": "mujer"}
    client.get(url, parametros)  # calienta sesiones y caché de permisos
    with CaptureQueriesContext(connection) as pocas:
        assert client.get(url, parametros).status_code == 200
        assert client.get(url, ANIO).status_code == 200
    _mas_datos(datos, 30)
    with CaptureQueriesContext(connection) as muchas:
        assert client.get(url, parametros).status_code == 200
        assert client.get(url, ANIO).status_code == 200
    assert len(muchas) == len(pocas)
