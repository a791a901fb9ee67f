#!/usr/bin/env python
"""Mide tiempo de servidor y consultas SQL de las páginas clave sobre muchos datos.

Uso: python bench/medir.py [--escala N] [--repeticiones R] [--sin-generar] [--reiniciar]

Crea la base PostgreSQL del bench si no existe (BENCH_DATABASE_URL, por omisión
postgres://postgres@127.0.0.1:5432/uig_bench), la migra, la llena con
`generar_datos_bench` y pide cada página con django.test.Client (todo el middleware).
Imprime una tabla Markdown y la escribe, con los datos del equipo, en docs/rendimiento.md.
No forma parte de las pruebas: los números dependen de la máquina.
"""

import argparse
import math
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
# Se corre como `python bench/medir.py`: la raíz del proyecto debe estar en el camino.
sys.path[0] = str(RAIZ)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["UIG_BENCH"] = "1"

import django  # noqa: E402
from django.conf import settings  # noqa: E402

from bench.importacion import datos_importacion  # noqa: E402
from uig_portal.roles import Rol  # noqa: E402

#: Ruta de la página que sirve de línea base («vs. mínimo»).
MINIMO = "/bench/minimo/"
CALENTAMIENTO = 3


@dataclass(frozen=True)
class Pagina:
    """Una petición a medir. `rol` None es sin sesión.

    En `ruta`, {dependencia} se sustituye por la institución de la persona que pide,
    {institucion} por la de la persona responsable medida (para quien ve todas) y {plan} por
    el plan de 60 actividades de esa institución. Del diagnóstico (ver
    `preparar_diagnostico`): {ronda} es la ronda actual, {respuesta} la respuesta de esa
    institución (en progreso), {seccion} y {pregunta} la sección más larga y una pregunta de
    ella, {aceptada} una respuesta aceptada de la ronda y {abierta} una pregunta de texto.
    De capacitación (ver `bench.capacitacion.preparar_capacitacion`): {evento_masivo} el curso
    de 5,000 personas, {evento_constancias} el diplomado con 500 constancias, {constancia} y
    {codigo} una de ellas, {participante} una persona de la institución de la persona
    responsable, {desde} y {hasta} un periodo de dos años. {anio_anterior} es el año anterior
    al actual (un ejercicio pasado en «Avances y retos»); {anio_presupuesto}, el año de los
    planes aprobados con montos (ver `bench.propuestas.preparar_presupuesto`).
    `datos` es un dict o una función sin argumentos que lo devuelve (útil para archivos,
    que se consumen al enviarse, o para leer la revisión vigente de una pregunta); se arma
    antes de cronometrar y de contar consultas. `cabeceras` van en cada petición.
    """

    ruta: str
    rol: Rol | None
    metodo: str = "get"
    datos: object = None
    estado: int = 200
    cabeceras: dict | None = None
    #: Menos repeticiones para lo que tarda segundos (PDF grandes): la mediana basta.
    repeticiones: int | None = None
    #: Peticiones de calentamiento; 1 basta para lo que tarda decenas de segundos.
    calentamiento: int = CALENTAMIENTO


#: Las páginas a medir, cada una con el rol que la usa. Agregue aquí las nuevas.
PAGINAS = [
    Pagina(MINIMO, Rol.COORDINACION),
    # Las referencias de cada página clave: la página vacía con base.html, y el listado del
    # admin del mismo modelo (lo que Django da sin trabajo propio).
    Pagina("/bench/vacia/", Rol.COORDINACION),
    Pagina("/bench/vacia/", Rol.RESPONSABLE),
    Pagina("/admin/unidades/dependencia/", Rol.ADMINISTRACION),
    Pagina("/admin/unidades/evidencia/", Rol.ADMINISTRACION),
    Pagina("/admin/planes/plantrabajo/", Rol.ADMINISTRACION),
    Pagina("/admin/diagnosticos/respuesta/", Rol.ADMINISTRACION),
    Pagina("/admin/capacitacion/inscripcion/", Rol.ADMINISTRACION),
    Pagina("/admin/capacitacion/participante/", Rol.ADMINISTRACION),
    Pagina("/admin/difusion/informeanual/", Rol.ADMINISTRACION),
    Pagina("/admin/diagnosticos/propuesta/", Rol.ADMINISTRACION),
    Pagina("/admin/planes/programapresupuestario/", Rol.ADMINISTRACION),
    Pagina("/", Rol.COORDINACION),
    Pagina("/", Rol.ADMINISTRACION),
    Pagina("/", Rol.RESPONSABLE),
    Pagina("/", Rol.CONSULTA),
    # La cola de lo que espera a la Coordinación (su cifra va también en la campana).
    Pagina("/por-revisar/", Rol.COORDINACION),
    Pagina("/dependencias/", Rol.COORDINACION),
    Pagina("/dependencias/?tipo=descentralizada&page=3", Rol.COORDINACION),
    Pagina("/dependencias/{dependencia}/", Rol.RESPONSABLE),
    Pagina("/personas-usuarias/", Rol.COORDINACION),
    Pagina("/personas-usuarias/?page=20", Rol.COORDINACION),
    Pagina("/dependencias/{institucion}/", Rol.COORDINACION),
    Pagina("/guia-de-instalacion/", Rol.RESPONSABLE),
    Pagina("/guia-de-instalacion/formatos/{institucion}/acta.pdf", Rol.COORDINACION),
    Pagina("/instalacion/meta/", Rol.COORDINACION),
    Pagina("/instalacion/meta/?page=20", Rol.COORDINACION),
    Pagina("/instalacion/meta/", Rol.RESPONSABLE),
    Pagina("/instalacion/meta.xlsx", Rol.COORDINACION),
    Pagina("/instalacion/meta.pdf", Rol.COORDINACION),
    Pagina("/asesorias/", Rol.COORDINACION),
    Pagina("/asesorias/", Rol.RESPONSABLE),
    Pagina("/reuniones/", Rol.COORDINACION),
    Pagina("/acuerdos/", Rol.COORDINACION),
    Pagina("/acuerdos/?estado=vencidos", Rol.COORDINACION),
    Pagina("/acuerdos/", Rol.RESPONSABLE),
    Pagina("/planes/", Rol.COORDINACION),
    Pagina("/planes/?estado=aprobado&page=2", Rol.COORDINACION),
    Pagina("/planes/{plan}/", Rol.RESPONSABLE),
    Pagina("/planes/{plan}/editar/", Rol.RESPONSABLE),
    Pagina("/planes/{plan}/pdf/", Rol.RESPONSABLE, repeticiones=5),
    Pagina("/planes/{plan_aprobado}/seguimiento/", Rol.RESPONSABLE),
    Pagina("/planes/{plan_aprobado}/seguimiento/2/", Rol.RESPONSABLE),
    Pagina("/planes/{plan_aprobado}/seguimiento/2/pdf/", Rol.RESPONSABLE, repeticiones=10),
    Pagina("/planes/exportar/actividades/", Rol.COORDINACION, repeticiones=10),
    Pagina("/planes/exportar/seguimiento/", Rol.COORDINACION, repeticiones=10),
    Pagina("/dependencias/exportar/?formato=xlsx", Rol.COORDINACION),
    Pagina("/dependencias/exportar/?formato=csv", Rol.COORDINACION),
    # Vista previa de una importación de 5,000 instituciones nuevas (lectura y revisión).
    Pagina("/dependencias/importar/", Rol.COORDINACION, metodo="post", datos=datos_importacion),
    # Diagnóstico con 3,000 instituciones respondiendo (bench/diagnostico.py).
    Pagina("/diagnosticos/respuestas/", Rol.RESPONSABLE),
    Pagina("/diagnosticos/respuestas/{respuesta}/", Rol.RESPONSABLE),
    Pagina("/diagnosticos/respuestas/{respuesta}/secciones/{seccion}/", Rol.RESPONSABLE),
    # El autoguardado de una pregunta como lo manda htmx, con la revisión vigente (200).
    Pagina(
        "/diagnosticos/respuestas/{respuesta}/preguntas/{pregunta}/guardar/",
        Rol.RESPONSABLE,
        metodo="post",
        datos=lambda: autoguardado(),
        cabeceras={"HX-Request": "true"},
    ),
    Pagina("/diagnosticos/rondas/", Rol.COORDINACION),
    Pagina("/diagnosticos/rondas/{ronda}/", Rol.COORDINACION),
    Pagina("/diagnosticos/rondas/{ronda}/resultados/", Rol.COORDINACION),
    Pagina(
        "/diagnosticos/rondas/{ronda}/resultados/abiertas/?pregunta={abierta}", Rol.COORDINACION
    ),
    Pagina(
        "/diagnosticos/rondas/{ronda}/resultados/pdf/",
        Rol.COORDINACION,
        repeticiones=2,
        calentamiento=1,
    ),
    Pagina(
        "/diagnosticos/rondas/{ronda}/resultados/respuestas.xlsx",
        Rol.COORDINACION,
        repeticiones=3,
        calentamiento=1,
    ),
    Pagina("/diagnosticos/respuestas/{aceptada}/resultados/", Rol.COORDINACION),
    Pagina("/diagnosticos/respuestas/{aceptada}/resultados/pdf/", Rol.COORDINACION, repeticiones=5),
    # Capacitación con 100,000 personas y 150,000 inscripciones (bench/capacitacion.py).
    Pagina("/capacitacion/", Rol.COORDINACION),
    Pagina("/capacitacion/", Rol.RESPONSABLE),
    Pagina("/capacitacion/eventos/{evento_masivo}/", Rol.COORDINACION),
    Pagina("/capacitacion/participantes/", Rol.COORDINACION),
    Pagina("/capacitacion/participantes/?page=500", Rol.COORDINACION),
    Pagina("/capacitacion/participantes/?q=martinez", Rol.COORDINACION),
    Pagina("/capacitacion/participantes/", Rol.RESPONSABLE),
    Pagina("/capacitacion/participantes/{participante}/", Rol.RESPONSABLE),
    Pagina("/capacitacion/estadisticas/", Rol.COORDINACION),
    Pagina("/capacitacion/estadisticas/?desde={desde}&hasta={hasta}", Rol.COORDINACION),
    Pagina("/capacitacion/estadisticas/", Rol.RESPONSABLE),
    Pagina(
        "/capacitacion/estadisticas.xlsx?desde={desde}&hasta={hasta}",
        Rol.COORDINACION,
        repeticiones=10,
    ),
    Pagina("/capacitacion/certificacion/", Rol.COORDINACION),
    Pagina("/capacitacion/certificacion/?etapa=certificada", Rol.COORDINACION),
    Pagina("/capacitacion/certificacion/", Rol.RESPONSABLE),
    # Vista previa de la lista de asistencia de 5,000 filas (lectura y revisión, sin guardar).
    Pagina(
        "/capacitacion/eventos/{evento_masivo}/asistencia/importar/",
        Rol.COORDINACION,
        metodo="post",
        datos=lambda: datos_asistencia(),
        repeticiones=5,
        calentamiento=1,
    ),
    Pagina(
        "/capacitacion/eventos/{evento_constancias}/constancias.zip",
        Rol.COORDINACION,
        repeticiones=2,
        calentamiento=1,
    ),
    Pagina("/capacitacion/constancias/{constancia}/pdf/", Rol.COORDINACION, repeticiones=10),
    Pagina("/verificar/{codigo}/", None),
    # Tablero y difusión: la página pública y sus datos abiertos (el tablero es «/»).
    Pagina("/avances/", None),
    Pagina("/avances/?anio={anio_anterior}", None),
    Pagina("/avances/datos.json", None),
    Pagina("/avances/datos.csv", None),
    # El informe anual de 3,000 instituciones: la página y el PDF completo (la vista previa
    # calcula y dibuja lo mismo que «Generar», sin archivarlo).
    Pagina("/informe-anual/", Rol.COORDINACION),
    Pagina(
        "/informe-anual/vista-previa/",
        Rol.COORDINACION,
        metodo="post",
        datos={"anio": "2026", "retos": "Consolidar el seguimiento de los planes."},
        repeticiones=3,
        calentamiento=1,
    ),
    # Propuestas y presupuesto (bench/propuestas.py): generar el diagnóstico situacional de la
    # respuesta aceptada (contenido, gráfica y PDF guardado), el seguimiento de las propuestas,
    # y el presupuesto para la igualdad del año con su XLSX y el catálogo de programas.
    Pagina(
        "/diagnosticos/respuestas/{aceptada}/situacional/generar/",
        Rol.COORDINACION,
        metodo="post",
        datos=lambda: datos_situacional(),
        estado=302,
        repeticiones=5,
    ),
    Pagina("/diagnosticos/respuestas/{aceptada}/situacional/", Rol.COORDINACION),
    Pagina("/planes/propuestas/", Rol.COORDINACION),
    Pagina("/planes/presupuesto/?anio={anio_presupuesto}", Rol.COORDINACION),
    Pagina("/planes/presupuesto/xlsx/?anio={anio_presupuesto}", Rol.COORDINACION),
    Pagina("/planes/programas/", Rol.COORDINACION),
    Pagina("/salud/", None),
    Pagina("/cuenta/entrar/", None),
]

#: La respuesta aceptada cuyo diagnóstico situacional se genera (la pone `main`).
SITUACIONAL = {}


def datos_situacional():
    """Propuestas listas y el formulario del oficio, antes de cada generación medida."""
    from bench.propuestas import preparar_situacional

    return preparar_situacional(SITUACIONAL["respuesta"])


def argumentos():
    parser = argparse.ArgumentParser(description="Mide el rendimiento de las páginas clave.")
    parser.add_argument(
        "--escala", type=float, default=1.0, help="volumen de datos (1 = 3000 instituciones)"
    )
    parser.add_argument(
        "--repeticiones", type=int, default=30, help="peticiones medidas por página"
    )
    parser.add_argument(
        "--sin-generar", action="store_true", help="no genera datos; usa los que haya"
    )
    parser.add_argument(
        "--reiniciar", action="store_true", help="vacía la base del bench y genera de nuevo"
    )
    parser.add_argument(
        "--salida",
        default=str(RAIZ / "docs" / "rendimiento.md"),
        help="archivo Markdown del informe (por omisión docs/rendimiento.md)",
    )
    args = parser.parse_args()
    if args.repeticiones < 1:
        parser.error("--repeticiones debe ser al menos 1")
    return args


def crear_base_si_falta():
    """Crea la base PostgreSQL del bench conectándose a la base de mantenimiento."""
    base = settings.DATABASES["default"]
    if base["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg
    from psycopg import sql

    conexion = psycopg.connect(
        dbname="postgres",
        host=base.get("HOST") or None,
        port=base.get("PORT") or None,
        user=base.get("USER") or None,
        password=base.get("PASSWORD") or None,
        autocommit=True,
    )
    with conexion:
        existe = conexion.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [base["NAME"]]
        ).fetchone()
        if not existe:
            conexion.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(base["NAME"])))
            print(f"Base de datos {base['NAME']} creada.")


def personas_por_rol():
    """Una persona de cada rol; las de institución, de una institución a media lista."""
    from uig_portal.models import Usuario

    personas = {}
    for rol in Rol:
        qs = Usuario.objects.filter(is_active=True, groups__name=rol.value).order_by("username")
        if rol == Rol.RESPONSABLE:
            # Una unidad que ya opera: su expediente tiene integrantes, evidencias y acuerdos.
            qs = qs.filter(dependencia__unidad__estado="operando")
        cuantas = qs.count()
        if not cuantas:
            raise SystemExit(f"No hay personas con el rol {rol.label}: ¿se generaron los datos?")
        personas[rol] = qs[cuantas // 2]
    return personas


def clientes_por_rol(personas):
    from django.test import Client

    clientes = {None: Client()}
    for rol, persona in personas.items():
        clientes[rol] = Client()
        clientes[rol].force_login(persona)
    return clientes


def percentil_95(valores):
    """Percentil 95 por rango más cercano."""
    ordenados = sorted(valores)
    return ordenados[math.ceil(0.95 * len(ordenados)) - 1]


def plan_grande(persona, actividades=60):
    """Un plan 2027 en borrador con 60 actividades para la unidad de la persona (se crea una vez).

    Es el tamaño de un plan grande real: su editor y su PDF (unas 20 páginas) se miden aquí.
    """

    from panorama.management.commands.generar_datos_bench import actividad_de_ejemplo
    from planes.models import Alineacion, PlanTrabajo

    plan, nuevo = PlanTrabajo.objects.get_or_create(
        unidad=persona.dependencia.unidad,
        anio=2027,
        version=1,
        defaults={
            "titular_unidad": str(persona),
            "compromiso": "Una cultura institucional incluyente.",
        },
    )
    if nuevo:
        alineaciones = list(Alineacion.objects.filter(clave__in=["2.10.2", "VII"]))
        for orden in range(actividades):
            actividad = actividad_de_ejemplo(plan, orden)
            actividad.save()
            actividad.alineaciones.set(alineaciones)
    return plan


#: Respuesta y pregunta del autoguardado medido (las pone `preparar_diagnostico`).
AUTOGUARDADO = {}


def preparar_diagnostico(persona):
    """Marcadores del diagnóstico; deja en progreso la respuesta de la persona responsable.

    La respuesta de su institución en la ronda actual vuelve a «en progreso» (el generador
    pudo dejarla enviada) para que se pueda abrir su formulario y autoguardar.
    """
    from django.db.models import Count

    from diagnosticos.models import Aplicacion, Pregunta, Respuesta

    ronda = Aplicacion.objects.order_by("-apertura", "-pk").first()
    if ronda is None:
        raise SystemExit("No hay rondas del diagnóstico: ¿se generaron los datos?")
    respuesta = Respuesta.objects.get(aplicacion=ronda, dependencia=persona.dependencia)
    Respuesta.objects.filter(pk=respuesta.pk).update(
        estado=Respuesta.Estado.EN_PROGRESO, enviada_en=None, aceptada_en=None, aceptada_por=None
    )
    seccion = ronda.version.secciones.annotate(n=Count("preguntas")).order_by("-n", "orden").first()
    # Una pregunta siempre visible y que da puntos: guardarla recalcula el avance de verdad.
    pregunta = (
        seccion.preguntas.filter(condicion={}, tipo=Pregunta.Tipo.SI_NO).order_by("orden").first()
        or seccion.preguntas.filter(condicion={}).exclude(tipo=Pregunta.Tipo.NOTA).first()
    )
    aceptadas = Respuesta.objects.filter(
        aplicacion=ronda, estado=Respuesta.Estado.ACEPTADA
    ).order_by("dependencia__nombre")
    abierta = (
        Pregunta.objects.filter(seccion__version=ronda.version, tipo=Pregunta.Tipo.TEXTO)
        .order_by("seccion__orden", "orden")
        .first()
    )
    AUTOGUARDADO.update(respuesta=respuesta, pregunta=pregunta)
    return {
        "ronda": ronda.pk,
        "respuesta": respuesta.pk,
        "seccion": seccion.codigo,
        "pregunta": pregunta.pk,
        "aceptada": aceptadas[aceptadas.count() // 2].pk,
        "abierta": abierta.codigo if abierta else "",
    }


def autoguardado():
    """Un valor distinto del guardado (si no, el servidor no escribe nada) con la revisión
    vigente, para que cada petición medida guarde de verdad y no reciba 409."""
    import random

    from bench.diagnostico import valor_plausible
    from diagnosticos.estructura import Estructura
    from diagnosticos.models import Valor

    respuesta, pregunta = AUTOGUARDADO["respuesta"], AUTOGUARDADO["pregunta"]
    pregunta = Estructura(respuesta.aplicacion.version).por_id[pregunta.pk]  # con opciones
    guardado = Valor.objects.filter(respuesta=respuesta, pregunta=pregunta).first()
    actual = guardado.valor if guardado else None
    revision = guardado.revision if guardado else 0
    azar = random.Random(revision)
    valor = actual
    while valor == actual or valor is None:
        valor = valor_plausible(pregunta, azar, azar.random())
    return {"valor": valor, "revision": str(revision)}


def medir(pagina, cliente, persona, repeticiones, valores=None):
    """Tiempos (ms) y consultas de cada petición medida, tras unas de calentamiento."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ruta = pagina.ruta.format(dependencia=getattr(persona, "dependencia_id", None), **valores)
    pedir = getattr(cliente, pagina.metodo.lower())
    cabeceras = pagina.cabeceras or {}

    def una(datos):
        inicio = time.perf_counter()
        if datos is None:
            respuesta = pedir(ruta, headers=cabeceras)
        else:
            respuesta = pedir(ruta, datos, headers=cabeceras)
        transcurrido = (time.perf_counter() - inicio) * 1000
        if respuesta.status_code != pagina.estado:
            raise SystemExit(
                f"{pagina.metodo.upper()} {ruta} como {rol_legible(pagina.rol)} respondió "
                f"{respuesta.status_code}, se esperaba {pagina.estado}."
            )
        return transcurrido

    def armar():
        return pagina.datos() if callable(pagina.datos) else pagina.datos

    for _ in range(pagina.calentamiento):
        una(armar())
    tiempos, consultas = [], []
    for _ in range(repeticiones):
        datos = armar()
        with CaptureQueriesContext(connection) as capturadas:
            tiempos.append(una(datos))
        consultas.append(len(capturadas))
    return ruta, tiempos, consultas


def medir_confirmacion(cliente):
    """Vista previa y confirmación de 5,000 instituciones, dentro de una transacción que se
    revierte: la base del bench queda igual para la siguiente corrida."""
    from django.db import transaction

    from bench.importacion import medir_importacion

    with transaction.atomic():
        segundos = medir_importacion(cliente)
        transaction.set_rollback(True)
    return segundos


def datos_asistencia():
    """El XLSX de 5,000 filas que escribe `preparar_capacitacion` (bench.capacitacion importa
    modelos: se carga después de django.setup())."""
    from bench.capacitacion import datos_asistencia as datos

    return datos()


def medir_confirmacion_asistencia(cliente):
    """Vista previa y confirmación de la lista de asistencia de 5,000 filas, revertidas al
    final como la importación del catálogo."""
    from django.db import transaction

    from bench.capacitacion import medir_importacion_asistencia

    with transaction.atomic():
        segundos = medir_importacion_asistencia(cliente)
        transaction.set_rollback(True)
    return segundos


def rol_legible(rol):
    return rol.label if rol else "sin sesión"


def tabla(resultados):
    base = next(r["mediana"] for r in resultados if r["pagina"].ruta == MINIMO)
    lineas = [
        "| Página | Rol | Mediana ms | p95 ms | Consultas | vs. mínimo |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in resultados:
        menos, mas = min(r["consultas"]), max(r["consultas"])
        consultas = str(menos) if menos == mas else f"{menos}–{mas}"
        ruta = r["ruta"].replace("|", "\\|")
        lineas.append(
            f"| `{ruta}` | {rol_legible(r['pagina'].rol)} | {r['mediana']:.1f} | "
            f"{r['p95']:.1f} | {consultas} | {r['mediana'] / base:.1f}× |"
        )
    return "\n".join(lineas)


def motor_de_base():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.display_name


def informe(tabla_md, args, datos, segundos_generar, segundos_medir):
    from uig_portal.models import Usuario
    from unidades.models import Dependencia

    return f"""# Rendimiento del portal

Generado con `make bench` (`bench/medir.py`); no edite a mano, vuelva a correrlo.

- Fecha: {datetime.now().astimezone():%Y-%m-%d %H:%M %z}
- Escala: {args.escala:g} ({Dependencia.objects.count()} instituciones, {Usuario.objects.count()} cuentas)
- Base de datos: {motor_de_base()}
- Python {platform.python_version()}, Django {django.get_version()}
- Equipo: {platform.system()} {platform.machine()}, {len(os.sched_getaffinity(0))} CPU (nproc)
- Método: `django.test.Client` con todo el middleware y los ajustes de producción (DEBUG
  apagado); {CALENTAMIENTO} peticiones de calentamiento y {args.repeticiones} medidas por página
  (menos en las exportaciones y PDF grandes: ver `PAGINAS` en bench/medir.py).
  Tiempo de servidor (sin red ni navegador) y consultas SQL por petición. «vs. mínimo» es la
  mediana dividida entre la de `{MINIMO}`, una vista vacía con sesión iniciada.
- {datos} Generación: {segundos_generar:.1f} s; medición: {segundos_medir:.1f} s.

{tabla_md}
"""


def main():
    args = argumentos()
    crear_base_si_falta()
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    # Los permisos de los roles cambian con el código: con --sin-generar la base del bench
    # tendría los de la corrida anterior.
    call_command("sincronizar_roles", stdout=StringIO())
    inicio = time.perf_counter()
    if args.sin_generar:
        datos = "Se usaron los datos que había (--sin-generar)."
    else:
        datos = call_command(
            "generar_datos_bench", escala=args.escala, reiniciar=args.reiniciar, stdout=StringIO()
        )
    segundos_generar = time.perf_counter() - inicio
    print(f"{datos} Generación: {segundos_generar:.1f} s")

    inicio = time.perf_counter()
    personas = personas_por_rol()
    from django.utils import timezone

    from bench.capacitacion import preparar_capacitacion
    from bench.propuestas import preparar_presupuesto
    from planes.models import PlanTrabajo

    clientes = clientes_por_rol(personas)
    valores = {
        "institucion": personas[Rol.RESPONSABLE].dependencia_id,
        "anio_anterior": timezone.localdate().year - 1,
        "plan": plan_grande(personas[Rol.RESPONSABLE]).pk,
        "plan_aprobado": PlanTrabajo.objects.get(
            unidad__dependencia=personas[Rol.RESPONSABLE].dependencia, anio=2026, version=1
        ).pk,
        **preparar_diagnostico(personas[Rol.RESPONSABLE]),
        **preparar_capacitacion(personas[Rol.RESPONSABLE]),
        "anio_presupuesto": preparar_presupuesto(),
    }
    SITUACIONAL["respuesta"] = valores["aceptada"]
    resultados = []
    for pagina in PAGINAS:
        ruta, tiempos, consultas = medir(
            pagina,
            clientes[pagina.rol],
            personas.get(pagina.rol),
            pagina.repeticiones or args.repeticiones,
            valores,
        )
        resultados.append(
            {
                "pagina": pagina,
                "ruta": ruta,
                "mediana": statistics.median(tiempos),
                "p95": percentil_95(tiempos),
                "consultas": consultas,
            }
        )
    importacion = medir_confirmacion(clientes[Rol.COORDINACION])
    asistencia = medir_confirmacion_asistencia(clientes[Rol.COORDINACION])
    segundos_medir = time.perf_counter() - inicio
    print(f"Medición: {segundos_medir:.1f} s")

    tabla_md = tabla(resultados) + (
        "\n\nImportación completa de 5,000 instituciones nuevas (una vez, revertida al final): "
        f"vista previa {importacion['vista_previa']:.2f} s, "
        f"confirmación {importacion['confirmacion']:.2f} s."
        f"\n\nImportación de la lista de asistencia de {asistencia['filas']:,} personas × 3 "
        "sesiones del curso masivo (una vez, revertida al final): "
        f"vista previa {asistencia['vista_previa']:.2f} s, "
        f"confirmación {asistencia['confirmacion']:.2f} s."
    )
    print()
    print(tabla_md)
    salida = Path(args.salida)
    salida.write_text(
        informe(tabla_md, args, datos, segundos_generar, segundos_medir), encoding="utf-8"
    )
    print(f"\nInforme escrito en {salida}")


if __name__ == "__main__":
    main()
