#!/usr/bin/env python
"""Carga del autoguardado del diagnóstico: muchas personas responsables guardando a la vez.

Uso: python bench/carga_diagnostico.py [--clientes 200] [--duracion 60] [--peticiones N]
     [--trabajadores 4] [--hilos 4] [--pausa-min 1] [--pausa-max 5] [--puerto 8765]
     [--salida docs/carga.md] [--anexar]

Es un proceso aparte, no una prueba: los números dependen de la máquina. Sobre la base del
bench (`make bench` la crea y la llena; si no tiene rondas se generan aquí a --escala):

1. Elige N instituciones distintas de la ronda actual con persona responsable, deja sus
   respuestas en «en progreso» y lee la revisión vigente de cada pregunta.
2. Levanta gunicorn con los ajustes del bench (`bench.settings`: producción sin HTTPS, base
   uig_bench). Las peticiones llevan `Host: testserver`, el único host que esos ajustes
   permiten, y `Origin: http://testserver` para la revisión CSRF.
3. Cada cliente (un hilo con http.client) inicia sesión por HTTP como una persona: GET del
   formulario de entrada (cookie csrftoken) y POST con usuario, contraseña y token. Después,
   durante --duracion segundos (o --peticiones guardados), autoguarda preguntas siempre
   visibles de su respuesta como lo hace htmx (`HX-Request`, `X-CSRFToken`), con un valor
   válido distinto del guardado, la revisión que le devolvió el servidor (cabecera
   X-Revision) y una pausa aleatoria entre guardados.
4. Al final detiene gunicorn (también si algo falla), resume latencias y errores y verifica
   en la base que el último valor confirmado (200) de cada pregunta es el que quedó guardado.
   Escribe el resumen en docs/carga.md.
"""

import argparse
import http.client
import os
import platform
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

RAIZ = Path(__file__).resolve().parent.parent
sys.path[0] = str(RAIZ)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["UIG_BENCH"] = "1"

import django  # noqa: E402

HOST = "testserver"
ENTRAR = "/cuenta/entrar/"
GUARDAR = "/diagnosticos/respuestas/{respuesta}/preguntas/{pregunta}/guardar/"
#: Una de cada tantas peticiones lleva también un comentario.
COMENTARIO_CADA = 10


def argumentos():
    parser = argparse.ArgumentParser(description="Carga del autoguardado del diagnóstico.")
    parser.add_argument("--clientes", type=int, default=200, help="personas a la vez")
    parser.add_argument("--duracion", type=float, default=60, help="segundos de carga")
    parser.add_argument(
        "--peticiones",
        type=int,
        default=0,
        help="guardados por cliente (si se da, manda sobre --duracion)",
    )
    parser.add_argument("--trabajadores", type=int, default=4, help="procesos de gunicorn")
    parser.add_argument("--hilos", type=int, default=4, help="hilos por proceso de gunicorn")
    parser.add_argument("--pausa-min", type=float, default=1.0, help="segundos entre guardados")
    parser.add_argument("--pausa-max", type=float, default=5.0, help="segundos entre guardados")
    parser.add_argument("--puerto", type=int, default=8765)
    parser.add_argument(
        "--escala", type=float, default=1.0, help="escala si hay que generar los datos"
    )
    parser.add_argument("--semilla", type=int, default=2026)
    parser.add_argument(
        "--salida",
        default=str(RAIZ / "docs" / "carga.md"),
        help="informe Markdown (por omisión docs/carga.md)",
    )
    parser.add_argument(
        "--anexar",
        action="store_true",
        help="agrega el resumen al final del informe en vez de reemplazarlo (otra corrida)",
    )
    args = parser.parse_args()
    if args.clientes < 1 or args.trabajadores < 1 or args.hilos < 1:
        parser.error("--clientes, --trabajadores y --hilos deben ser al menos 1")
    if not 0 <= args.pausa_min <= args.pausa_max:
        parser.error("se necesita 0 <= --pausa-min <= --pausa-max")
    return args


# --- Datos ----------------------------------------------------------------------------------


def asegurar_datos(escala):
    from django.core.management import call_command

    from bench.medir import crear_base_si_falta

    crear_base_si_falta()
    django.setup()
    from diagnosticos.models import Aplicacion

    call_command("migrate", interactive=False, verbosity=0)
    if not Aplicacion.objects.exists():
        print("La base del bench no tiene rondas: generando datos…")
        print(call_command("generar_datos_bench", escala=escala))


def preparar(n, semilla):
    """Personas, respuestas (de vuelta en progreso) y preguntas de cada cliente."""
    from diagnosticos.estructura import Estructura
    from diagnosticos.models import Aplicacion, Respuesta, Valor
    from uig_portal.models import Usuario
    from uig_portal.roles import Rol

    ronda = Aplicacion.objects.order_by("-apertura", "-pk").first()
    estructura = Estructura(ronda.version)
    # Preguntas siempre visibles: un guardado nunca cae en una pregunta que otro escondió.
    preguntas = [p for p in estructura.preguntas if p.responde and not p.condicion]
    personas = {}
    for persona in (
        Usuario.objects.filter(
            is_active=True,
            groups__name=Rol.RESPONSABLE.value,
            dependencia__respuestas_diagnostico__aplicacion=ronda,
        )
        .select_related("dependencia")
        .order_by("username")
    ):
        personas.setdefault(persona.dependencia_id, persona)  # una por institución
    if len(personas) < n:
        raise SystemExit(f"Solo hay {len(personas)} instituciones con responsable; pida menos.")
    elegidas = random.Random(semilla).sample(sorted(personas), n)
    respuestas = dict(
        Respuesta.objects.filter(aplicacion=ronda, dependencia_id__in=elegidas).values_list(
            "dependencia_id", "pk"
        )
    )
    Respuesta.objects.filter(pk__in=respuestas.values()).update(
        estado=Respuesta.Estado.EN_PROGRESO, enviada_en=None, aceptada_en=None, aceptada_por=None
    )
    guardado = {}
    for respuesta_id, pregunta_id, valor, revision in Valor.objects.filter(
        respuesta_id__in=respuestas.values()
    ).values_list("respuesta_id", "pregunta_id", "valor", "revision"):
        guardado[respuesta_id, pregunta_id] = (valor, revision)
    clientes = []
    for i, dependencia_id in enumerate(elegidas):
        respuesta_id = respuestas[dependencia_id]
        clientes.append(
            Cliente(
                usuario=personas[dependencia_id].username,
                respuesta=respuesta_id,
                preguntas=preguntas,
                guardado={p.pk: guardado.get((respuesta_id, p.pk), (None, 0)) for p in preguntas},
                azar=random.Random(semilla * 1000 + i),
            )
        )
    return ronda, clientes


# --- Clientes -------------------------------------------------------------------------------


class Cliente:
    """Una persona responsable con su navegador: cookies, respuesta y revisiones."""

    def __init__(self, usuario, respuesta, preguntas, guardado, azar):
        self.usuario = usuario
        self.respuesta = respuesta
        self.preguntas = preguntas
        #: {pregunta_pk: (valor, revisión)} según lo último que confirmó el servidor.
        self.guardado = guardado
        #: Preguntas con algún guardado confirmado (200) en esta corrida.
        self.confirmadas = set()
        #: {pregunta_pk: comentario} de los guardados confirmados que llevaban comentario.
        self.comentarios = {}
        self.azar = azar
        self.cookies = {}
        #: (segundos desde el inicio, latencia ms, estado) de cada autoguardado.
        self.registro = []
        #: Guardados confirmados que cambiaban algo: cada uno deja una fila de historial.
        self.escrituras = 0
        self.entrada_ms = []
        self.error = None

    def pedir(self, puerto, metodo, ruta, cuerpo=None, cabeceras=None):
        """(estado, cabeceras, cuerpo); una conexión por petición, como tras una pausa."""
        conexion = http.client.HTTPConnection("127.0.0.1", puerto, timeout=60)
        try:
            todas = {"Host": HOST, "User-Agent": "carga-diagnostico"}
            if self.cookies:
                todas["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            todas.update(cabeceras or {})
            conexion.request(metodo, ruta, body=cuerpo, headers=todas)
            respuesta = conexion.getresponse()
            contenido = respuesta.read()
            for linea in respuesta.headers.get_all("Set-Cookie") or []:
                for nombre, galleta in SimpleCookie(linea).items():
                    self.cookies[nombre] = galleta.value
            return respuesta.status, respuesta.headers, contenido
        finally:
            conexion.close()

    def entrar(self, puerto, contrasena):
        inicio = time.perf_counter()
        estado, _c, _cuerpo = self.pedir(puerto, "GET", ENTRAR)
        if estado != 200 or "csrftoken" not in self.cookies:
            raise RuntimeError(f"GET {ENTRAR} respondió {estado} sin cookie csrftoken")
        cuerpo = urlencode(
            {
                "username": self.usuario,
                "password": contrasena,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            }
        )
        estado, cabeceras, _cuerpo = self.pedir(
            puerto,
            "POST",
            ENTRAR,
            cuerpo,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://{HOST}",
                "Referer": f"http://{HOST}{ENTRAR}",
            },
        )
        if estado != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"POST {ENTRAR} como {self.usuario} respondió {estado}")
        self.entrada_ms.append((time.perf_counter() - inicio) * 1000)

    def guardar_una(self, puerto, t0):
        from bench.diagnostico import TEXTOS, valor_plausible

        pregunta = self.azar.choice(self.preguntas)
        anterior, revision = self.guardado[pregunta.pk]
        valor = anterior
        for _intento in range(20):  # distinto de lo guardado, para que se escriba de verdad
            valor = valor_plausible(pregunta, self.azar, self.azar.random())
            if valor is not None and valor != anterior:
                break
        campos = [("valor", v) for v in (valor if isinstance(valor, list) else [valor])]
        campos.append(("revision", str(revision)))
        comentario = None
        if self.azar.randrange(COMENTARIO_CADA) == 0:
            comentario = f"{self.azar.choice(TEXTOS)} ({self.azar.randrange(10**6)})"
            campos.append(("comentario", comentario))
        inicio = time.perf_counter()
        try:
            estado, cabeceras, _cuerpo = self.pedir(
                puerto,
                "POST",
                GUARDAR.format(respuesta=self.respuesta, pregunta=pregunta.pk),
                urlencode(campos),
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"http://{HOST}",
                    "HX-Request": "true",
                    "X-CSRFToken": self.cookies.get("csrftoken", ""),
                },
            )
        except (OSError, http.client.HTTPException) as error:
            estado, cabeceras = type(error).__name__, None
        latencia = (time.perf_counter() - inicio) * 1000
        self.registro.append((inicio - t0, latencia, estado))
        if estado == 200:
            self.guardado[pregunta.pk] = (valor, int(cabeceras["X-Revision"]))
            self.confirmadas.add(pregunta.pk)
            if valor != anterior or comentario is not None:
                self.escrituras += 1
            if comentario is not None:
                self.comentarios[pregunta.pk] = comentario
        elif estado == 409 and cabeceras.get("X-Revision"):
            # Alguien más guardó antes (no debería: cada institución tiene un solo cliente).
            # Se toma su revisión, como al recargar, y esa pregunta ya no se puede verificar.
            self.guardado[pregunta.pk] = (anterior, int(cabeceras["X-Revision"]))
            self.confirmadas.discard(pregunta.pk)

    def correr(self, puerto, contrasena, salida, args, t0_compartido):
        try:
            self.entrar(puerto, contrasena)
        except Exception as error:  # el informe dice quién no pudo entrar y por qué
            self.error = f"{type(error).__name__}: {error}"
        salida.wait()  # todas empiezan a la vez
        if self.error:
            return
        t0 = t0_compartido[0]
        fin = t0 + args.duracion
        hechas = 0
        while True:
            if args.peticiones:
                if hechas >= args.peticiones:
                    break
            elif time.perf_counter() >= fin:
                break
            try:
                self.guardar_una(puerto, t0)
            except Exception as error:
                self.error = f"{type(error).__name__}: {error}"
                return
            hechas += 1
            time.sleep(self.azar.uniform(args.pausa_min, args.pausa_max))


# --- Servidor -------------------------------------------------------------------------------


def levantar_gunicorn(args, bitacora):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    comando = [
        str(gunicorn),
        "uig_portal.wsgi",
        "--workers",
        str(args.trabajadores),
        "--threads",
        str(args.hilos),
        "--bind",
        f"127.0.0.1:{args.puerto}",
        "--timeout",
        "120",
        "--backlog",
        "2048",
        "--error-logfile",
        bitacora,
    ]
    entorno = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(RAIZ)}
    proceso = subprocess.Popen(comando, cwd=RAIZ, env=entorno)
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if proceso.poll() is not None:
            raise SystemExit(f"gunicorn terminó al arrancar; vea {bitacora}")
        try:
            conexion = http.client.HTTPConnection("127.0.0.1", args.puerto, timeout=5)
            conexion.request("GET", "/salud/", headers={"Host": HOST})
            if conexion.getresponse().status == 200:
                return proceso
        except OSError:
            pass
        time.sleep(0.3)
    detener(proceso)
    raise SystemExit(f"gunicorn no respondió /salud/ en 60 s; vea {bitacora}")


def calentar(args):
    """Peticiones anónimas concurrentes para que cada proceso de gunicorn cargue URL y
    plantillas antes de medir (la primera petición de cada proceso tarda segundos)."""

    def pedir():
        for ruta in (ENTRAR, "/salud/", ENTRAR):
            conexion = http.client.HTTPConnection("127.0.0.1", args.puerto, timeout=60)
            try:
                conexion.request("GET", ruta, headers={"Host": HOST})
                conexion.getresponse().read()
            finally:
                conexion.close()

    hilos = [threading.Thread(target=pedir) for _ in range(args.trabajadores * args.hilos * 2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()


def detener(proceso):
    """Detiene gunicorn (solo el proceso que se levantó aquí, por su pid)."""
    if proceso.poll() is not None:
        return
    proceso.send_signal(signal.SIGTERM)
    try:
        proceso.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proceso.kill()
        proceso.wait()


# --- Resultados -----------------------------------------------------------------------------


def percentil(ordenados, p):
    """Percentil por rango más cercano de una lista ordenada."""
    if not ordenados:
        return float("nan")
    indice = max(0, min(len(ordenados) - 1, -(-len(ordenados) * p // 100) - 1))
    return ordenados[int(indice)]


def ultima_fila_de_historial():
    from diagnosticos.models import Valor

    ultima = Valor.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return ultima or 0


def verificar(clientes, historial_previo):
    """El último valor confirmado de cada pregunta, contra la base.

    Devuelve (en la base, confirmadas, diferencias, escrituras confirmadas, filas de cambio
    en el historial): cada guardado confirmado que cambió algo deja exactamente una fila «~»
    en el historial de Valor, así que también se cuenta que ninguno se perdió en medio.
    """
    from diagnosticos.models import Valor

    confirmadas = {
        (cliente.respuesta, pregunta_pk): (
            *cliente.guardado[pregunta_pk],
            cliente.comentarios.get(pregunta_pk),
        )
        for cliente in clientes
        for pregunta_pk in cliente.confirmadas
    }
    en_base = {
        (r, p): (v, rev, com)
        for r, p, v, rev, com in Valor.objects.filter(
            respuesta_id__in={r for r, _p in confirmadas}
        ).values_list("respuesta_id", "pregunta_id", "valor", "revision", "comentario")
    }
    diferencias = []
    for clave, (valor, revision, comentario) in confirmadas.items():
        guardado = en_base.get(clave)
        bien = (
            guardado is not None
            and guardado[0] == valor
            and guardado[1] == revision
            and (comentario is None or guardado[2] == comentario)
        )
        if not bien:
            diferencias.append((clave, (valor, revision, comentario), guardado))
    cambios = Valor.history.filter(
        history_id__gt=historial_previo,
        history_type="~",
        respuesta_id__in={c.respuesta for c in clientes},
    ).count()
    escrituras = sum(c.escrituras for c in clientes)
    return len(confirmadas) - len(diferencias), len(confirmadas), diferencias, escrituras, cambios


def resumen(clientes, segundos):
    latencias = sorted(lat for c in clientes for _t, lat, _e in c.registro)
    estados = {}
    for c in clientes:
        for _t, _lat, estado in c.registro:
            estados[estado] = estados.get(estado, 0) + 1
    entrada = sorted(ms for c in clientes for ms in c.entrada_ms)
    return {
        "peticiones": len(latencias),
        "por_segundo": len(latencias) / segundos if segundos else 0,
        "p50": percentil(latencias, 50),
        "p95": percentil(latencias, 95),
        "p99": percentil(latencias, 99),
        "maximo": latencias[-1] if latencias else float("nan"),
        "estados": estados,
        "entrada_p50": percentil(entrada, 50),
        "entrada_p95": percentil(entrada, 95),
        "sin_entrar": [c for c in clientes if c.error and not c.registro],
    }


def informe(args, ronda, datos, verificacion, segundos, motor, cpu):
    en_base, confirmadas, diferencias, escrituras, cambios = verificacion
    errores = {k: v for k, v in datos["estados"].items() if k != 200}
    errores_md = (
        ", ".join(f"{codigo}: {n}" for codigo, n in sorted(errores.items(), key=str))
        if errores
        else "ninguno"
    )
    modo = (
        f"{args.peticiones} guardados por cliente"
        if args.peticiones
        else f"{args.duracion:g} s de carga"
    )
    return f"""# Carga del autoguardado del diagnóstico

Generado con `make carga` (`bench/carga_diagnostico.py`); no edite a mano, vuelva a correrlo.

- Fecha: {datetime.now().astimezone():%Y-%m-%d %H:%M %z}; opciones:
  `{" ".join(sys.argv[1:]) or "(las de omisión)"}`
- Equipo: {platform.system()} {platform.machine()}, {len(os.sched_getaffinity(0))} CPU
  (nproc), {memoria()}. El generador de carga corre en la misma máquina y le quita CPU
  al servidor. Carga media del sistema (1 min) antes de empezar: {cpu["carga_previa"]:.1f}
  (más de 0 son otros procesos compitiendo por la CPU).
- CPU usada: gunicorn {cpu["servidor"]:.0f} s, generador de carga {cpu["cliente"]:.0f} s
  (el resto, hasta {len(os.sched_getaffinity(0))} × {cpu["reloj"]:.0f} s de reloj, se reparte
  entre PostgreSQL y los otros procesos).
- Base de datos: {motor}, la del bench: ronda «{ronda.nombre}» con
  {ronda.respuestas.count()} instituciones.
- Python {platform.python_version()}, Django {django.get_version()}; gunicorn con
  {args.trabajadores} procesos × {args.hilos} hilos (gthread) y los ajustes `bench.settings`
  (producción sin HTTPS; pool de psycopg de 2 a 4 conexiones por proceso).
- Parámetros: {args.clientes} personas responsables de {args.clientes} instituciones
  distintas, {modo}, pausa aleatoria de {args.pausa_min:g} a {args.pausa_max:g} s entre
  guardados. Cada una inicia sesión por HTTP (formulario de entrada con CSRF) y autoguarda
  preguntas siempre visibles de su respuesta como lo hace htmx: valor válido y distinto del
  guardado, la revisión que devolvió el servidor y un comentario en 1 de cada
  {COMENTARIO_CADA}. Una conexión TCP por petición.

| Medida | Valor |
|---|---:|
| Autoguardados | {datos["peticiones"]} |
| Peticiones por segundo | {datos["por_segundo"]:.1f} |
| Latencia p50 | {datos["p50"]:.0f} ms |
| Latencia p95 | {datos["p95"]:.0f} ms |
| Latencia p99 | {datos["p99"]:.0f} ms |
| Latencia máxima | {datos["maximo"]:.0f} ms |
| Errores por código | {errores_md} |
| Inicio de sesión (GET + POST) p50 / p95 | {datos["entrada_p50"]:.0f} / {datos["entrada_p95"]:.0f} ms |

**{en_base} de {confirmadas} respuestas confirmadas están en la base**: en cada pregunta
guardada, el último valor, la revisión y el comentario que el servidor confirmó con 200.
Además, {escrituras} guardados confirmados cambiaron algo y el historial de Valor tiene
{cambios} filas de cambio nuevas en esas respuestas{" (ninguno se perdió)" if cambios == escrituras else " (¡no coinciden!)"}.
{"" if not diferencias else f"Diferencias (primeras 10): {diferencias[:10]}"}
Duración real de la carga: {segundos:.1f} s.
"""


def memoria():
    try:
        paginas = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return "memoria desconocida"
    return f"{paginas / 2**30:.0f} GB de RAM"


def motor_de_base():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main():
    args = argumentos()
    asegurar_datos(args.escala)
    from django.db import connection

    from panorama.management.commands.generar_datos_bench import CONTRASENA_BENCH

    if connection.vendor != "postgresql":
        raise SystemExit("La carga se mide sobre PostgreSQL (BENCH_DATABASE_URL).")
    ronda, clientes = preparar(args.clientes, args.semilla)
    connection.close()  # gunicorn abre las suyas; esta no hace falta mientras dura la carga
    bitacora = tempfile.NamedTemporaryFile(
        prefix="carga-gunicorn-", suffix=".log", delete=False
    ).name
    print(
        f"{len(clientes)} clientes contra gunicorn ({args.trabajadores}×{args.hilos}) en el "
        f"puerto {args.puerto}; bitácora del servidor: {bitacora}"
    )
    historial_previo = ultima_fila_de_historial()
    connection.close()
    carga_previa = os.getloadavg()[0]
    uso_previo = resource.getrusage(resource.RUSAGE_SELF)
    reloj = time.perf_counter()
    proceso = levantar_gunicorn(args, bitacora)
    try:
        calentar(args)
        salida = threading.Barrier(len(clientes) + 1)
        t0 = [0.0]
        hilos = [
            threading.Thread(
                target=c.correr,
                args=(args.puerto, CONTRASENA_BENCH, salida, args, t0),
                daemon=True,
            )
            for c in clientes
        ]
        for hilo in hilos:
            hilo.start()
        # Los clientes leen t0 al soltarse la barrera, que espera a este hilo: ya está puesto.
        t0[0] = time.perf_counter()
        salida.wait()
        for hilo in hilos:
            hilo.join()
        segundos = time.perf_counter() - t0[0]
    finally:
        detener(proceso)
    # gunicorn ya terminó y se esperó: su CPU (y la de sus procesos) cuenta como de hijos.
    servidor = resource.getrusage(resource.RUSAGE_CHILDREN)
    propio = resource.getrusage(resource.RUSAGE_SELF)
    cpu = {
        "carga_previa": carga_previa,
        "servidor": servidor.ru_utime + servidor.ru_stime,
        "cliente": propio.ru_utime + propio.ru_stime - uso_previo.ru_utime - uso_previo.ru_stime,
        "reloj": time.perf_counter() - reloj,
    }
    datos = resumen(clientes, segundos)
    verificacion = verificar(clientes, historial_previo)
    texto = informe(args, ronda, datos, verificacion, segundos, motor_de_base(), cpu)
    print(texto)
    for cliente in datos["sin_entrar"][:5]:
        print(f"No pudo trabajar {cliente.usuario}: {cliente.error}")
    salida = Path(args.salida)
    if args.anexar and salida.exists():
        anterior = salida.read_text(encoding="utf-8").rstrip("\n")
        cuerpo = texto.split("\n", 3)[3]  # sin el título ni la línea de «Generado con»
        texto = f"{anterior}\n\n## Otra corrida\n{cuerpo}"
    salida.write_text(texto, encoding="utf-8")
    print(f"Informe escrito en {args.salida}")


if __name__ == "__main__":
    main()
