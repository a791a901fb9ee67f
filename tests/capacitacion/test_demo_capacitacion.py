"""La capacitación de demostración: eventos en cada estado, cifras coherentes, idempotente."""

from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from capacitacion import demo
from capacitacion.demo import cargar_capacitacion
from capacitacion.models import (
    Asistencia,
    Certificacion,
    Constancia,
    Evento,
    Inscripcion,
    Participante,
    Sesion,
)
from capacitacion.models.eventos import CURP
from tests.factories import UsuarioFactory
from uig_portal.models import Usuario

pytestmark = pytest.mark.django_db

Estado = Evento.Estado
Etapa = Certificacion.Estado
MODELOS = [Participante, Evento, Sesion, Inscripcion, Asistencia, Certificacion, Constancia]


def cuentas():
    """Las mismas que `cargar_demo` le pasa a las demás cargas de demostración."""
    coordinacion = Usuario.objects.get(username="coordinacion")
    responsables = {
        u.dependencia.siglas: u
        for u in Usuario.objects.filter(username__startswith="responsable.").select_related(
            "dependencia__unidad"
        )
    }
    return coordinacion, responsables


def conteos():
    filas = {modelo.__name__: modelo.objects.count() for modelo in MODELOS}
    historial = {
        f"historial de {modelo.__name__}": modelo.history.count()
        for modelo in MODELOS
        if hasattr(modelo, "history")
    }
    return {**filas, **historial}


@pytest.fixture
def demo_cargada(settings):
    settings.DEBUG = True
    call_command("cargar_demo", stdout=StringIO())
    coordinacion, responsables = cuentas()
    if not Evento.objects.filter(nombre=demo.SEMINARIO).exists():
        # Mientras `cargar_demo` no la llame, se carga aquí igual que lo hará el comando.
        assert cargar_capacitacion(coordinacion, responsables) == 5
    return coordinacion, responsables


def test_demo_completa_coherente_e_idempotente(demo_cargada, client):
    """Una sola carga para todas las revisiones: `cargar_demo` tarda varios segundos."""
    coordinacion, responsables = demo_cargada
    revisar_personas()
    revisar_eventos(coordinacion, responsables)
    revisar_acreditacion_y_constancias()
    revisar_certificaciones()
    revisar_paginas(client, coordinacion, responsables)

    antes = conteos()
    assert cargar_capacitacion(coordinacion, responsables) == 0
    assert conteos() == antes


def revisar_personas():
    personas = Participante.objects.select_related("dependencia")
    assert len(personas) == len(demo.PERSONAS) == 60
    por_institucion = Counter(p.dependencia.siglas for p in personas)
    assert set(por_institucion) == {
        "SEFIN",
        "SEDUZAC",
        "SSALUD",
        "SEDIF",
        "SEMUJER",
        "COBAEZ",
        "IZEA",
        "C5",
    }
    assert min(por_institucion.values()) >= 6
    sexos = Counter(p.sexo for p in personas)
    assert sexos["mujer"] > sexos["hombre"] > sexos["no_especificado"] >= 2
    assert all(p.cargo and p.correo for p in personas)
    # La persona duplicada: mismo correo (tecleado con otras mayúsculas) en dos instituciones.
    duplicada = Participante.objects.filter(correo="rocio.delgadoh@gmail.com")
    assert sorted(duplicada.values_list("dependencia__siglas", flat=True)) == ["SEDIF", "SSALUD"]
    correos = Counter(p.correo for p in personas)
    assert [c for c, n in correos.items() if n > 1] == ["rocio.delgadoh@gmail.com"]
    # La CURP solo la tienen quienes están en un proceso de certificación.
    con_curp = set(personas.exclude(curp="").values_list("pk", flat=True))
    assert con_curp == set(Certificacion.objects.values_list("participante_id", flat=True))


def revisar_eventos(coordinacion, responsables):
    hoy = timezone.localdate()
    eventos = {e.nombre: e for e in Evento.objects.all()}
    assert {n: e.estado for n, e in eventos.items()} == {
        demo.SEMINARIO: Estado.CONCLUIDO,
        demo.ALINEACION: Estado.CERRADO,
        demo.INTERNA: Estado.CONCLUIDO,
        demo.TALLER: Estado.ABIERTO,
        demo.CONFERENCIA: Estado.BORRADOR,
    }
    for evento in eventos.values():
        sesiones = list(evento.sesiones.all())
        assert sesiones and evento.horas_totales == sum(s.horas for s in sesiones)
        assert all(evento.fecha_inicio <= s.fecha <= evento.fecha_fin for s in sesiones)

    seminario = eventos[demo.SEMINARIO]
    assert seminario.sesiones.count() == 3
    trimestre_actual = (hoy.month - 1) // 3 + hoy.year * 4
    assert (seminario.fecha_fin.month - 1) // 3 + seminario.fecha_fin.year * 4 == (
        trimestre_actual - 1
    )
    alineacion = eventos[demo.ALINEACION]
    assert alineacion.fecha_inicio < hoy < alineacion.fecha_fin
    tomadas = set(
        Asistencia.objects.filter(sesion__evento=alineacion).values_list(
            "sesion__numero", flat=True
        )
    )
    assert tomadas == {1, 2}
    assert not alineacion.inscripciones.filter(acreditada=True).exists()
    interna = eventos[demo.INTERNA]
    assert list(interna.dependencias.values_list("siglas", flat=True)) == ["SEMUJER"]
    assert not Constancia.objects.filter(inscripcion__evento=interna).exists()

    taller = eventos[demo.TALLER]
    assert taller.abierto_a(responsables["SEFIN"].dependencia_id)
    por_confirmar = taller.inscripciones.filter(estado=Inscripcion.Estado.SOLICITADA)
    inscriben = set(por_confirmar.values_list("inscrita_por__username", flat=True))
    assert "responsable.sefin" in inscriben and len(inscriben) >= 3
    assert por_confirmar.filter(dependencia__siglas="SEFIN").count() >= 2
    assert not por_confirmar.exclude(revisada_por=None).exists()
    confirmadas = taller.inscripciones.filter(estado=Inscripcion.Estado.CONFIRMADA)
    assert confirmadas.exists()
    assert not confirmadas.exclude(revisada_por=coordinacion).exists()
    # Cada inscripción es de la institución de la persona.
    assert not Inscripcion.objects.exclude(dependencia=F("participante__dependencia")).exists()


def revisar_acreditacion_y_constancias():
    """Lo guardado coincide con la asistencia y el umbral de cada evento."""
    horas = defaultdict(Decimal)
    for asistencia in Asistencia.objects.filter(presente=True).select_related("sesion"):
        horas[asistencia.inscripcion_id] += asistencia.sesion.horas
    for inscripcion in Inscripcion.objects.select_related("evento"):
        esperadas = horas[inscripcion.pk]
        assert inscripcion.horas_asistidas == esperadas
        acredita = (
            inscripcion.estado == Inscripcion.Estado.CONFIRMADA
            and esperadas > 0
            and esperadas >= inscripcion.evento.horas_minimas()
        )
        assert inscripcion.acreditada == acredita, inscripcion

    # Volver a calcular no cambia nada.
    antes = list(Inscripcion.objects.order_by("pk").values_list("horas_asistidas", "acreditada"))
    for evento in Evento.objects.all():
        evento.recalcular_acreditacion()
    despues = list(Inscripcion.objects.order_by("pk").values_list("horas_asistidas", "acreditada"))
    assert despues == antes

    seminario = Evento.objects.get(nombre=demo.SEMINARIO)
    acreditadas = seminario.inscripciones.filter(acreditada=True)
    no_acreditadas = seminario.inscripciones.confirmadas().filter(acreditada=False)
    assert acreditadas.count() >= 20 and no_acreditadas.count() >= 3
    constancias = Constancia.objects.select_related("inscripcion__participante")
    assert {c.inscripcion_id for c in constancias} == set(acreditadas.values_list("pk", flat=True))
    for constancia in constancias:
        assert constancia.nombre == constancia.inscripcion.participante.nombre
        assert constancia.evento_nombre == seminario.nombre
        assert constancia.horas == seminario.horas_totales == Decimal("12")
        assert constancia.fecha == seminario.fecha_fin
        assert constancia.emitida_en.date() > seminario.fecha_fin
    revocadas = constancias.exclude(revocada_en=None)
    assert len(revocadas) == 1
    assert revocadas[0].motivo_revocacion and revocadas[0].revocada_por is not None
    assert revocadas[0].revocada_en <= timezone.now()
    assert len({c.codigo for c in constancias}) == len(constancias)


def revisar_certificaciones():
    procesos = list(Certificacion.objects.select_related("participante", "estandar"))
    etapas = Counter(p.estado for p in procesos)
    assert set(etapas) == set(Etapa.values)
    assert all(2 <= n <= 3 for n in etapas.values()), etapas
    hoy = timezone.localdate()
    for proceso in procesos:
        assert proceso.estandar.clave == "EC0308"
        CURP(proceso.participante.curp)
        assert proceso.dependencia_id == proceso.participante.dependencia_id
        fechas = [
            proceso.fecha_inscripcion,
            proceso.fecha_alineacion,
            proceso.fecha_evaluacion,
            proceso.fecha_juicio,
            proceso.fecha_certificado,
        ]
        presentes = [f for f in fechas if f]
        assert presentes == sorted(presentes) and presentes[-1] <= hoy
        if proceso.estado in (Etapa.EN_EVALUACION, Etapa.COMPETENTE, Etapa.NO_COMPETENTE):
            assert proceso.evaluador
    certificadas = [p for p in procesos if p.estado == Etapa.CERTIFICADA]
    assert len(certificadas) == 2
    assert all(p.folio_certificado and p.fecha_certificado for p in certificadas)
    segundo_intento = [p for p in procesos if p.intentos == 2]
    assert len(segundo_intento) == 1
    assert segundo_intento[0].estado == Etapa.EN_EVALUACION
    assert segundo_intento[0].history.filter(estado=Etapa.NO_COMPETENTE).exists()
    # Quienes están en alineación van en el curso en marcha.
    en_alineacion = [p for p in procesos if p.estado == Etapa.ALINEACION]
    curso = Evento.objects.get(nombre=demo.ALINEACION)
    assert all(p.evento_id == curso.pk for p in en_alineacion)
    assert all(
        curso.inscripciones.filter(participante=p.participante).exists() for p in en_alineacion
    )


def test_sin_las_instituciones_de_demostracion_no_crea_nada():
    assert cargar_capacitacion(UsuarioFactory(), {}) == 0
    assert not Evento.objects.exists() and not Participante.objects.exists()


@pytest.mark.parametrize(
    "nombres,apellido1,apellido2,sexo,esperada",
    [
        ("Tomás", "Medina", "Garay", "hombre", "MEGT800115HZSDRM05"),
        ("Ana Karen", "Muñoz", "Ñúñez", "mujer", "MUXA800115MZSXXN05"),
    ],
)
def test_curp_con_la_forma_oficial(nombres, apellido1, apellido2, sexo, esperada):
    from datetime import date

    valor = demo.curp(nombres, apellido1, apellido2, sexo, date(1980, 1, 15))
    CURP(valor)
    assert valor == esperada


def revisar_paginas(client, coordinacion, responsables):
    """Lo que ve quien prueba la demo: cada página abre y muestra lo cargado."""
    client.force_login(coordinacion)
    urls = [reverse("capacitacion:evento_lista"), reverse("capacitacion:participante_lista")]
    urls += [e.get_absolute_url() for e in Evento.objects.all()]
    urls += [
        reverse("capacitacion:certificacion_tablero"),
        reverse("capacitacion:constancia_lista"),
        reverse("capacitacion:estadisticas"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    duplicados = client.get(reverse("capacitacion:duplicados"))
    assert duplicados.status_code == 200
    assert duplicados.content.decode().count("Rocío Delgado Haro") >= 2
    revocada = Constancia.objects.exclude(revocada_en=None).get()
    client.logout()
    verificacion = client.get(reverse("capacitacion:verificar_codigo", args=[revocada.codigo]))
    assert verificacion.status_code == 200 and "revocada" in verificacion.content.decode().lower()
    # La persona responsable de SEFIN ve sus solicitudes por confirmar en el taller.
    client.force_login(responsables["SEFIN"])
    taller = Evento.objects.get(nombre=demo.TALLER)
    pagina = client.get(taller.get_absolute_url())
    assert pagina.status_code == 200
    assert "Adriana Esparza Muro" in pagina.content.decode()
