"""Diagnósticos sintéticos para `make bench`: dos rondas del instrumento predeterminado.

- Una ronda de línea base (el año anterior) con todas las instituciones aceptadas.
- La ronda actual, abierta, con todas las instituciones: cerca del 80 % enviadas o aceptadas
  y el resto en progreso o sin iniciar.

Los valores son plausibles para cada pregunta visible (se respetan tipo, opciones, mínimos,
máximos y condiciones, y cada uno pasa por `valores.normalizar`), y el avance y los índices se
calculan con `Estructura.actualizar`, en Python, antes de guardar todo con bulk_create: a
escala 1 son unas 6,000 respuestas y 300,000 valores en menos de un minuto. No se escriben
filas de historial, como en el resto del bench.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from diagnosticos import condiciones
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import Aplicacion, Cuestionario, Pregunta, Respuesta, Valor, Version

Tipo = Pregunta.Tipo
Estado = Respuesta.Estado

#: Reparto de estados en la ronda actual (pesos): ~80 % enviadas o aceptadas.
ESTADOS_ACTUALES = [
    (Estado.ACEPTADA, 35),
    (Estado.ENVIADA, 45),
    (Estado.EN_PROGRESO, 12),
    (Estado.SIN_INICIAR, 8),
]
#: Respuestas que se guardan juntas: acota la memoria sin multiplicar las idas a la base.
LOTE = 500

TEXTOS = [
    "Falta presupuesto etiquetado para las actividades de la unidad.",
    "La rotación del personal obliga a repetir la capacitación cada año.",
    "Se instaló un comité de ética con participación paritaria.",
    "Se difundió el protocolo para prevenir y atender el hostigamiento sexual.",
    "Los mandos medios aún no reconocen la importancia de la perspectiva de género.",
    "Se incorporó lenguaje incluyente en los formatos y la comunicación institucional.",
    "No hay registro desagregado por sexo en los sistemas de la institución.",
    "Se habilitó un lactario y horarios flexibles para personas cuidadoras.",
]


def version_predeterminada():
    """La versión vigente del instrumento predeterminado (la siembra si no existe)."""
    from diagnosticos.instrumento_predeterminado import asegurar_instrumento_predeterminado

    sembrado = asegurar_instrumento_predeterminado()
    if isinstance(sembrado, Version):
        return sembrado
    if isinstance(sembrado, Cuestionario):
        return sembrado.versiones.order_by("-numero").first()
    # Si la función no devuelve nada útil: la versión más reciente de cualquier cuestionario.
    return Version.objects.order_by("-creada", "-pk").first()


def generar_diagnosticos(dependencias, coordinacion, azar, version=None):
    """Las dos rondas con una respuesta de cada institución; devuelve (base, actual).

    `version` es para las pruebas; por omisión, la del instrumento predeterminado.
    """
    version = version or version_predeterminada()
    estructura = Estructura(version)
    hoy = timezone.localdate()
    base = Aplicacion.objects.create(
        version=version,
        nombre=f"Diagnóstico institucional {hoy.year - 1} (línea base)",
        apertura=date(hoy.year - 1, 3, 1),
        cierre=date(hoy.year - 1, 4, 30),
        instrucciones="Conteste con la información del año anterior.",
        creada_por=coordinacion,
    )
    actual = Aplicacion.objects.create(
        version=version,
        nombre=f"Diagnóstico institucional {hoy.year}",
        apertura=hoy - timedelta(days=40),
        cierre=hoy + timedelta(days=15),
        instrucciones="Conteste con la información del año en curso.",
        creada_por=coordinacion,
    )
    # Cada institución tiene una «madurez»: sus dos rondas se parecen y la actual mejora un poco.
    madurez = {d.pk: azar.betavariate(2.2, 2.0) for d in dependencias}
    for inicio in range(0, len(dependencias), LOTE):
        lote = dependencias[inicio : inicio + LOTE]
        _guardar(
            estructura,
            base,
            [(d, Estado.ACEPTADA, madurez[d.pk]) for d in lote],
            coordinacion,
            azar,
        )
        _guardar(
            estructura,
            actual,
            [
                (d, _estado_actual(azar), min(1.0, madurez[d.pk] + azar.uniform(0, 0.15)))
                for d in lote
            ],
            coordinacion,
            azar,
        )
    return base, actual


def _estado_actual(azar):
    estados, pesos = zip(*ESTADOS_ACTUALES, strict=True)
    return azar.choices(estados, weights=pesos)[0]


def _guardar(estructura, aplicacion, filas, coordinacion, azar):
    respuestas, valores_por_respuesta = [], []
    for dependencia, estado, madurez in filas:
        respuesta = Respuesta(aplicacion=aplicacion, dependencia=dependencia, estado=estado)
        if estado == Estado.SIN_INICIAR:
            valores = {}
        elif estado == Estado.EN_PROGRESO:
            valores = valores_plausibles(estructura, azar, madurez, parte=azar.uniform(0.2, 0.9))
        else:
            valores = valores_plausibles(estructura, azar, madurez)
        estructura.actualizar(respuesta, valores)
        _fechas(respuesta, aplicacion, coordinacion, azar)
        respuestas.append(respuesta)
        valores_por_respuesta.append(valores)
    respuestas = Respuesta.objects.bulk_create(respuestas, batch_size=1000)
    Valor.objects.bulk_create(
        [
            Valor(
                respuesta_id=respuesta.pk,
                pregunta_id=estructura.por_codigo[codigo].pk,
                valor=valor,
                comentario=azar.choice(TEXTOS) if azar.random() < 0.03 else "",
                revision=azar.randint(1, 3),
            )
            for respuesta, valores in zip(respuestas, valores_por_respuesta, strict=True)
            for codigo, valor in valores.items()
        ],
        batch_size=5000,
    )


def _fechas(respuesta, aplicacion, coordinacion, azar):
    """Fechas coherentes con el estado; en la línea base, una de cada siete llegó tarde."""
    if respuesta.estado == Estado.SIN_INICIAR:
        return
    apertura = timezone.make_aware(datetime.combine(aplicacion.apertura, time(9)))
    plazo = (aplicacion.cierre - aplicacion.apertura).days
    respuesta.iniciada_en = apertura + timedelta(days=azar.randrange(0, max(1, plazo // 2)))
    if respuesta.estado == Estado.EN_PROGRESO:
        return
    hoy = timezone.localdate()
    if aplicacion.cierre < hoy and azar.random() < 1 / 7:
        # Tarde: de 1 a 20 días después del cierre.
        desde, hasta = aplicacion.cierre + timedelta(days=1), aplicacion.cierre + timedelta(20)
    else:
        desde, hasta = timezone.localdate(respuesta.iniciada_en), aplicacion.cierre
    hasta = max(desde, min(hasta, hoy))
    enviada = desde + timedelta(days=azar.randrange((hasta - desde).days + 1))
    respuesta.enviada_en = min(
        timezone.make_aware(datetime.combine(enviada, time(13, azar.randrange(60)))),
        timezone.now(),
    )
    if respuesta.estado == Estado.ACEPTADA:
        aceptada = respuesta.enviada_en + timedelta(hours=azar.randrange(1, 240))
        respuesta.aceptada_en = min(aceptada, timezone.now())
        respuesta.aceptada_por = coordinacion


def valores_plausibles(estructura, azar, madurez, parte=1.0):
    """{código: valor normalizado} de las preguntas visibles, en orden, como las contesta una
    persona; con `parte` < 1 se detiene antes (respuesta en progreso).

    Se evalúa la condición de cada pregunta con lo ya contestado, igual que
    `condiciones.visibles`: nunca hay valores en preguntas escondidas.
    """
    por_responder = [p for p in estructura.preguntas if p.responde]
    hasta = round(len(por_responder) * parte)
    valores, contestadas = {}, 0
    for pregunta in estructura.preguntas:
        if contestadas >= hasta:
            break
        if not pregunta.responde or not condiciones.cumple(pregunta.condicion, valores):
            continue
        contestadas += 1
        # Las opcionales a veces se quedan en blanco.
        if not pregunta.obligatoria and azar.random() < 0.3:
            continue
        valor = valor_plausible(pregunta, azar, madurez)
        if valor is not None:
            valores[pregunta.codigo] = valor
    return valores


def valor_plausible(pregunta, azar, madurez=0.5):
    """Un valor válido y ya normalizado para la pregunta (None si no se pudo).

    `madurez` (0–1) inclina las respuestas hacia lo mejor puntuado, para que los índices se
    repartan como en la realidad en vez de concentrarse en 50.
    """
    crudo = _crudo(pregunta, azar, madurez)
    try:
        return V.normalizar(pregunta, crudo)
    except ValidationError:
        return None


def _crudo(pregunta, azar, madurez):
    tipo = pregunta.tipo
    if tipo == Tipo.SI_NO:
        pesos = [madurez, 0.35, 1 - madurez, 0.05]
        return azar.choices(["si", "parcial", "no", "na"], weights=pesos)[0]
    if tipo == Tipo.ESCALA:
        centro = 1 + round(madurez * 4)
        return str(max(1, min(5, centro + azar.choice([-1, 0, 0, 1]))))
    if tipo in (Tipo.OPCION_UNICA, Tipo.OPCION_MULTIPLE):
        return _eleccion(pregunta, azar, madurez)
    if tipo in V.NUMERICOS:
        return _numero(pregunta, azar, madurez)
    if tipo == Tipo.FECHA:
        return (timezone.localdate() - timedelta(days=azar.randrange(30, 3 * 365))).isoformat()
    return azar.choice(TEXTOS)


def _eleccion(pregunta, azar, madurez):
    opciones = list(pregunta.opciones.all())
    if not opciones:
        return None
    if pregunta.tipo == Tipo.OPCION_UNICA:
        # Más probable la opción con más puntos cuanto más madura la institución.
        pesos = [0.2 + (madurez if (o.puntos or 0) >= 50 else 1 - madurez) for o in opciones]
        return azar.choices(opciones, weights=pesos)[0].valor
    elegidas = [o.valor for o in opciones if azar.random() < 0.15 + 0.6 * madurez]
    return elegidas or [azar.choice(opciones).valor]


def _numero(pregunta, azar, madurez):
    minimo = pregunta.minimo if pregunta.minimo is not None else Decimal("0")
    if pregunta.tipo == Tipo.PORCENTAJE:
        if pregunta.regla == Pregunta.Regla.PARIDAD:
            numero = azar.gauss(50, 12)
        else:
            numero = azar.gauss(madurez * 100, 15)
        numero = max(0.0, min(100.0, numero))
    elif pregunta.regla == Pregunta.Regla.META and pregunta.meta:
        numero = float(pregunta.meta) * max(0.0, azar.gauss(madurez * 1.1, 0.2))
    else:
        maximo = pregunta.maximo if pregunta.maximo is not None else minimo + 300
        numero = azar.uniform(float(minimo), float(maximo))
    numero = max(float(minimo), numero)
    if pregunta.maximo is not None:
        numero = min(float(pregunta.maximo), numero)
    if pregunta.tipo == Tipo.ENTERO:
        return str(round(numero))
    return f"{numero:.1f}" if pregunta.tipo == Tipo.PORCENTAJE else f"{numero:.2f}"
