"""El generador de capacitación del bench a escala diminuta, y las páginas que el bench mide
(sin medir tiempos: que cada una responda lo que `bench/medir.py` espera)."""

import dataclasses
import io
import os
import random
import sys
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone
from openpyxl import load_workbook

from bench.capacitacion import (
    CURSO_MASIVO,
    DIPLOMADO,
    Volumen,
    generar_capacitacion,
    libro_asistencia,
    medir_importacion_asistencia,
    preparar_capacitacion,
)
from capacitacion.models import (
    Asistencia,
    Certificacion,
    Constancia,
    Evento,
    Inscripcion,
    Participante,
)
from capacitacion.models.eventos import CURP
from tests.factories import DependenciaFactory, UsuarioFactory
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

ESCALA = 0.002


@pytest.fixture
def generado():
    dependencias = [DependenciaFactory() for _ in range(12)]
    coordinacion = UsuarioFactory(rol=Rol.COORDINACION)
    resumen = generar_capacitacion(dependencias, coordinacion, random.Random(1), ESCALA)
    return dependencias, coordinacion, resumen


def test_volumenes_a_escala():
    completo = Volumen.a_escala(1)
    assert (completo.participantes, completo.eventos, completo.inscripciones) == (
        100_000,
        150,
        150_000,
    )
    assert (completo.certificaciones, completo.masivo, completo.constancias) == (3_000, 5_000, 500)
    diminuto = Volumen.a_escala(ESCALA)
    assert diminuto.masivo + diminuto.constancias <= diminuto.participantes
    assert diminuto.certificaciones <= diminuto.participantes


def test_personas_repartidas_con_duplicados(generado):
    dependencias, _coordinacion, resumen = generado
    volumen = Volumen.a_escala(ESCALA)
    personas = Participante.objects.all()
    total = personas.count()
    assert volumen.participantes <= total <= volumen.participantes + volumen.duplicados
    assert f"{total} personas" in resumen
    sexos = Counter(personas.values_list("sexo", flat=True))
    assert sexos["mujer"] > sexos["hombre"] > 0
    assert len(set(personas.values_list("dependencia", flat=True))) >= len(dependencias) // 2
    # Algunas personas registradas por dos instituciones con el mismo correo.
    repetidos = [c for c, n in Counter(personas.values_list("correo", flat=True)).items() if n > 1]
    assert repetidos
    for correo in repetidos:
        assert personas.filter(correo=correo).values("dependencia").distinct().count() == 2
    # Correos ya normalizados como los guarda Participante.save().
    assert all(c == c.lower() and c.isascii() for c in personas.values_list("correo", flat=True))


def test_eventos_coherentes_con_sus_fechas_y_sesiones(generado):
    hoy = timezone.localdate()
    eventos = list(Evento.objects.prefetch_related("sesiones"))
    assert len(eventos) == Volumen.a_escala(ESCALA).eventos
    for evento in eventos:
        sesiones = list(evento.sesiones.all())
        assert [s.numero for s in sesiones] == list(range(1, len(sesiones) + 1))
        assert evento.horas_totales == sum(s.horas for s in sesiones)
        assert evento.fecha_inicio == sesiones[0].fecha and evento.fecha_fin == sesiones[-1].fecha
        if evento.estado in (Evento.Estado.CONCLUIDO, Evento.Estado.CANCELADO):
            assert evento.fecha_fin < hoy
        if evento.estado in (Evento.Estado.ABIERTO, Evento.Estado.BORRADOR):
            assert evento.fecha_inicio > hoy
        if evento.estado == Evento.Estado.BORRADOR:
            assert not evento.inscripciones.exists()
        if evento.estado not in Evento.CON_ASISTENCIA:
            assert not Asistencia.objects.filter(sesion__evento=evento).exists()
        convocadas = set(evento.dependencias.values_list("pk", flat=True))
        if convocadas:
            inscritas = set(evento.inscripciones.values_list("dependencia", flat=True))
            assert inscritas <= convocadas
    assert not Inscripcion.objects.exclude(dependencia=F("participante__dependencia")).exists()
    assert not Asistencia.objects.exclude(inscripcion__estado="confirmada").exists()
    assert not Asistencia.objects.exclude(sesion__evento=F("inscripcion__evento")).exists()
    assert not Asistencia.objects.filter(sesion__fecha__gte=hoy).exists()


def test_horas_y_acreditacion_como_las_calcula_el_modelo(generado):
    guardadas = list(
        Inscripcion.objects.order_by("pk").values_list("pk", "horas_asistidas", "acreditada")
    )
    assert any(a for _pk, _h, a in guardadas) and not all(a for _pk, _h, a in guardadas)
    assert any(h for _pk, h, a in guardadas if not a)  # asistió algo pero no alcanzó
    for evento in Evento.objects.all():
        evento.recalcular_acreditacion()
    recalculadas = list(
        Inscripcion.objects.order_by("pk").values_list("pk", "horas_asistidas", "acreditada")
    )
    assert recalculadas == guardadas


def test_curso_masivo_y_diplomado(generado):
    volumen = Volumen.a_escala(ESCALA)
    masivo = Evento.objects.get(nombre=CURSO_MASIVO)
    assert masivo.estado == Evento.Estado.CERRADO and masivo.sesiones.count() == 3
    assert masivo.inscripciones.confirmadas().count() == volumen.masivo
    assert not Asistencia.objects.filter(sesion__evento=masivo).exists()
    assert masivo.sesiones.filter(fecha__lt=timezone.localdate()).count() == 3

    diplomado = Evento.objects.get(nombre=DIPLOMADO)
    assert diplomado.estado == Evento.Estado.CONCLUIDO
    assert diplomado.inscripciones.acreditadas().count() == volumen.constancias
    constancias = Constancia.objects.select_related("inscripcion__participante")
    assert len(constancias) == volumen.constancias
    assert {c.inscripcion.evento_id for c in constancias} == {diplomado.pk}
    assert len({c.codigo for c in constancias}) == len(constancias)
    for constancia in constancias:
        assert constancia.inscripcion.acreditada
        assert constancia.nombre == constancia.inscripcion.participante.nombre
        assert (constancia.horas, constancia.fecha) == (
            diplomado.horas_totales,
            diplomado.fecha_fin,
        )
        assert constancia.evento_nombre == diplomado.nombre
    # Las personas de los eventos especiales no se repiten entre ellos.
    assert not masivo.inscripciones.filter(
        participante__in=diplomado.inscripciones.values("participante")
    ).exists()


def test_certificaciones_con_fechas_coherentes(generado):
    hoy = timezone.localdate()
    procesos = list(Certificacion.objects.select_related("participante"))
    assert len(procesos) == Volumen.a_escala(ESCALA).certificaciones
    assert len({p.participante_id for p in procesos}) == len(procesos)
    assert len({p.estado for p in procesos}) >= 3
    for proceso in procesos:
        CURP(proceso.participante.curp)
        assert proceso.dependencia_id == proceso.participante.dependencia_id
        camino = [
            proceso.fecha_inscripcion,
            proceso.fecha_alineacion,
            proceso.fecha_evaluacion,
            proceso.fecha_juicio,
            proceso.fecha_certificado,
        ]
        fechas = [f for f in camino if f]
        assert fechas == sorted(fechas) and fechas[-1] <= hoy
        campo = Certificacion.CAMPO_FECHA[Certificacion.Estado(proceso.estado)]
        assert getattr(proceso, campo) is not None
        if proceso.fecha_evaluacion:
            assert proceso.evaluador and proceso.intentos >= 1
        certificada = proceso.estado == Certificacion.Estado.CERTIFICADA
        assert bool(proceso.folio_certificado) == certificada
    sin_proceso = Participante.objects.exclude(certificaciones__isnull=False)
    assert not sin_proceso.exclude(curp="").exists()


def test_el_libro_de_asistencia_tiene_el_formato_de_la_plantilla(generado):
    masivo = Evento.objects.get(nombre=CURSO_MASIVO)
    libro = load_workbook(io.BytesIO(libro_asistencia(masivo, random.Random(1))), read_only=True)
    filas = list(libro.active.iter_rows(values_only=True))
    sesiones = list(masivo.sesiones.order_by("numero"))
    assert list(filas[0]) == ["Correo", "CURP", "Nombre", "Institución"] + [
        f"Sesión {s.numero} ({s.fecha:%d/%m/%Y})" for s in sesiones
    ]
    assert len(filas) - 1 == masivo.inscripciones.confirmadas().count()
    correos = set(masivo.inscripciones.values_list("participante__correo", flat=True))
    assert {f[0] for f in filas[1:]} == correos
    marcas = Counter(v for f in filas[1:] for v in f[4:])
    assert set(marcas) == {"Sí", "No"} or set(marcas) == {"Sí"}


@pytest.fixture
def medir_modulo():
    """bench/medir.py, importado sin dejar sus variables de entorno en las demás pruebas."""
    entorno, camino = dict(os.environ), list(sys.path)
    try:
        from bench import medir
    finally:
        os.environ.clear()
        os.environ.update(entorno)
        sys.path[:] = camino
    return medir


def paginas_de_capacitacion(medir):
    return [p for p in medir.PAGINAS if p.ruta.startswith(("/capacitacion/", "/verificar/"))]


def test_las_rutas_de_capacitacion_del_bench_existen(medir_modulo):
    paginas = paginas_de_capacitacion(medir_modulo)
    assert len(paginas) >= 15
    valores = dict.fromkeys(
        ["evento_masivo", "evento_constancias", "constancia", "participante"], 7
    ) | {"codigo": "7KQ2-MX9P-4TZR", "desde": "2025-01-01", "hasta": "2026-12-31", "dependencia": 1}
    for pagina in paginas:
        ruta = pagina.ruta.format(**valores).split("?")[0]
        try:
            resolve(ruta)
        except Resolver404:
            pytest.fail(f"{ruta} no existe en las URL del portal")


def test_cada_pagina_de_capacitacion_del_bench_responde(generado, medir_modulo, tmp_path):
    """Lo que hace `make bench` con estas páginas, con una petición de cada una."""
    dependencias, coordinacion, _resumen = generado
    con_personas = Counter(Participante.objects.values_list("dependencia", flat=True))
    propia = next(d for d in dependencias if con_personas[d.pk])
    responsable = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=propia)
    personas = {Rol.COORDINACION: coordinacion, Rol.RESPONSABLE: responsable}
    clientes = {None: Client()}
    for rol, persona in personas.items():
        clientes[rol] = Client()
        clientes[rol].force_login(persona)
    valores = preparar_capacitacion(responsable, tmp_path)
    for pagina in paginas_de_capacitacion(medir_modulo):
        pagina = dataclasses.replace(pagina, calentamiento=0)
        ruta, _tiempos, consultas = medir_modulo.medir(
            pagina, clientes[pagina.rol], personas.get(pagina.rol), 1, valores
        )
        assert consultas[0] > 0, ruta

    segundos = medir_modulo.medir_confirmacion_asistencia(clientes[Rol.COORDINACION])
    assert segundos["filas"] == Volumen.a_escala(ESCALA).masivo
    # La confirmación se revirtió: el curso masivo sigue sin asistencia para la próxima corrida.
    assert not Asistencia.objects.filter(sesion__evento__nombre=CURSO_MASIVO).exists()


def test_la_importacion_del_bench_guarda_la_asistencia(generado, tmp_path):
    _dependencias, coordinacion, _resumen = generado
    responsable = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=_dependencias[0])
    preparar_capacitacion(responsable, tmp_path)
    cliente = Client()
    cliente.force_login(coordinacion)
    resultado = medir_importacion_asistencia(cliente)
    masivo = Evento.objects.get(nombre=CURSO_MASIVO)
    assert resultado["filas"] == masivo.inscripciones.confirmadas().count()
    assert Asistencia.objects.filter(sesion__evento=masivo).count() == 3 * resultado["filas"]
    # La acreditación quedó recalculada por el portal.
    for inscripcion in masivo.inscripciones.all():
        horas = sum(
            (
                a.sesion.horas
                for a in inscripcion.asistencias.select_related("sesion")
                if a.presente
            ),
            Decimal("0"),
        )
        assert inscripcion.horas_asistidas == horas


def test_el_comando_genera_la_capacitacion_y_la_agrega_si_falta(monkeypatch):
    monkeypatch.setenv("UIG_BENCH", "1")
    salida = call_command("generar_datos_bench", escala=ESCALA, stdout=StringIO())
    assert "Capacitación:" in salida
    assert Evento.objects.filter(nombre=CURSO_MASIVO).exists()
    salida = call_command("generar_datos_bench", escala=ESCALA, stdout=StringIO())
    assert "ya existen" in salida
    # Una base generada antes de existir la capacitación: solo se agrega ella.
    Constancia.objects.all().delete()
    Certificacion.objects.all().delete()
    Asistencia.objects.all().delete()
    Inscripcion.objects.all().delete()
    Evento.objects.all().delete()
    Participante.objects.all().delete()
    salida = call_command("generar_datos_bench", escala=ESCALA, stdout=StringIO())
    assert salida.startswith("Capacitación de escala")
    assert Evento.objects.filter(nombre=DIPLOMADO).exists()


def test_preparar_da_una_persona_de_la_institucion_de_la_persona_responsable(generado, tmp_path):
    sin_personas = DependenciaFactory()
    responsable = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=sin_personas)
    valores = preparar_capacitacion(responsable, tmp_path)
    assert Participante.objects.get(pk=valores["participante"]).dependencia == sin_personas
    constancia = Constancia.objects.get(pk=valores["constancia"])
    assert constancia.codigo == valores["codigo"] and constancia.vigente
    assert valores["evento_masivo"] == Evento.objects.get(nombre=CURSO_MASIVO).pk
    assert valores["evento_constancias"] == Evento.objects.get(nombre=DIPLOMADO).pk
