"""Rondas de diagnóstico de demostración, hechas con las operaciones del portal (solo `cargar_demo`).

Una ronda 2025 cerrada que sirve de línea base a cinco instituciones, y la ronda 2026 abierta con
todas las instituciones de demostración en estados distintos: una aceptada (con cambio contra su
base), una enviada, una devuelta con observaciones, la de SEFIN a medias para que quien pruebe la
demo la continúe con `responsable.sefin`, y las demás sin iniciar. Las rondas se abren con
`services.abrir_aplicacion`, cada valor pasa por `valores.normalizar` (la validación del
autoguardado) y los cambios de estado son los del portal: `captura.enviar` (que revisa lo que
falta) y `services.devolver` / `services.aceptar` (que recalcula los índices).

Las respuestas salen de un generador con semilla fija: cada institución tiene un «nivel» (0–1)
que inclina sus respuestas, y así los índices son distintos pero iguales en cada carga.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from diagnosticos import captura, services
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.instrumento_predeterminado import asegurar_instrumento_predeterminado
from diagnosticos.models import Aplicacion, Pregunta, Respuesta, Valor
from uig_portal.lib.cifras import porcentaje

Tipo = Pregunta.Tipo
Estado = Respuesta.Estado

RONDA_BASE = "Diagnóstico 2025 (línea base)"
RONDA_ACTUAL = "Diagnóstico 2026"

#: siglas: nivel con que contestó la línea base (de 0 a 1).
BASE = {"SEMUJER": 0.8, "SEDIF": 0.6, "SEFIN": 0.45, "SSALUD": 0.3, "SEDUZAC": 0.2}
#: siglas: (estado en la ronda 2026, nivel). Las demás instituciones quedan sin iniciar.
ACTUAL = {
    "SEMUJER": (Estado.ACEPTADA, 0.95),
    "SEDIF": (Estado.ENVIADA, 0.7),
    "SEDUZAC": (Estado.DEVUELTA, 0.4),
    "SEFIN": (Estado.EN_PROGRESO, 0.55),
}
OBSERVACIONES = (
    "Gracias por el envío. Antes de aceptarlo, por favor: 1) suba como evidencia el protocolo "
    "de hostigamiento y acoso sexual; 2) revise el porcentaje de mujeres en mando superior, que "
    "no coincide con la plantilla de la primera sección."
)
COMENTARIOS = {
    "politica_igualdad": "La política se firmó en marzo y se publicó en la intranet.",
    "protocolo_hostigamiento": "Nos adherimos al protocolo estatal; falta el pronunciamiento.",
    "pp_con_acciones": "Solo uno de los tres programas tiene acciones etiquetadas.",
}

#: Respuestas abiertas de ejemplo por pregunta (se elige una por institución).
TEXTOS = {
    "igualdad_obstaculos": [
        "La rotación de personal en la Unidad obliga a capacitar de nuevo cada año.",
        "No hay presupuesto propio para la Unidad y las acciones dependen de otras áreas.",
        "Persisten resistencias en algunos mandos medios a la política de igualdad.",
    ],
    "igualdad_buenas_practicas": [
        "Horario escalonado para madres y padres con hijas e hijos en edad escolar, acordado "
        "con el sindicato; bajó el ausentismo en el primer semestre.",
        "Revisamos las convocatorias con el comité de vigilancia antes de publicarlas.",
        "",
    ],
    "violencia_obstaculos": [
        "El personal teme represalias y casi no presenta quejas.",
        "Las personas consejeras tienen otras funciones y poco tiempo para atender.",
        "Los procedimientos del órgano interno de control son lentos.",
    ],
    "pp_lista": [
        "E012 Atención integral a mujeres en situación de violencia\nE020 Igualdad sustantiva",
        "F003 Fortalecimiento de la transversalidad de la perspectiva de género",
        "E005 Capacitación para el trabajo con perspectiva de género",
    ],
    "presupuesto_obstaculos": [
        "Las reglas de operación no permiten etiquetar el gasto por sexo.",
        "No contamos con padrones desagregados por sexo.",
        "Los recortes de medio año afectaron las acciones para la igualdad.",
    ],
    "capacitacion_necesidades": [
        "Presupuesto con perspectiva de género y elaboración de indicadores.",
        "Atención de primer contacto a víctimas de hostigamiento y acoso sexual.",
        "Lenguaje incluyente y comunicación no sexista.",
    ],
}


def cargar_diagnostico(coordinacion, responsables):
    """Crea las rondas de demostración que falten; devuelve cuántas creó.

    `coordinacion` es la cuenta que abre las rondas y revisa; `responsables`, {siglas: Usuario}
    con la persona responsable de cada institución de demostración (la que contesta).
    """
    cuestionario = asegurar_instrumento_predeterminado()
    version = cuestionario.versiones.order_by("numero").first()
    estructura = Estructura(version)
    creadas = 0
    for nombre, cargar in ((RONDA_BASE, _ronda_base), (RONDA_ACTUAL, _ronda_actual)):
        if not Aplicacion.objects.filter(version=version, nombre=nombre).exists():
            creadas += cargar(version, estructura, coordinacion, responsables) is not None
    return creadas


def _ronda_base(version, estructura, coordinacion, responsables):
    participantes = {s: responsables[s] for s in BASE if s in responsables}
    if not participantes:
        return None
    aplicacion = services.abrir_aplicacion(
        version=version,
        nombre=RONDA_BASE,
        apertura=date(2025, 3, 3),
        cierre=date(2025, 4, 30),
        instrucciones="Primera aplicación del diagnóstico: servirá de línea base.",
        dependencias=[u.dependencia for u in participantes.values()],
        usuario=coordinacion,
    )
    for numero, (siglas, persona) in enumerate(participantes.items()):
        respuesta = aplicacion.respuestas.get(dependencia=persona.dependencia)
        _contestar(respuesta, estructura, persona, BASE[siglas], semilla=f"2025-{siglas}")
        _enviar(respuesta, persona)
        services.aceptar(respuesta, usuario=coordinacion)
        # Fechas dentro del periodo de la ronda, como si se hubiera contestado en 2025.
        Respuesta.objects.filter(pk=respuesta.pk).update(
            iniciada_en=_momento(date(2025, 3, 5) + timedelta(days=numero)),
            enviada_en=_momento(date(2025, 4, 14) + timedelta(days=3 * numero)),
            aceptada_en=_momento(date(2025, 5, 6) + timedelta(days=numero)),
            recordatorio_en=None,
        )
    return aplicacion


def _ronda_actual(version, estructura, coordinacion, responsables):
    if not responsables:
        return None
    hoy = timezone.localdate()
    aplicacion = services.abrir_aplicacion(
        version=version,
        nombre=RONDA_ACTUAL,
        apertura=hoy - timedelta(days=10),
        cierre=hoy + timedelta(days=21),
        instrucciones=(
            "Conteste cada sección con la información del último año y suba la evidencia que "
            "se indica en la ayuda de cada pregunta. Puede guardar y continuar después."
        ),
        dependencias=[u.dependencia for u in responsables.values()],
        usuario=coordinacion,
    )
    for siglas, (estado, nivel) in ACTUAL.items():
        persona = responsables.get(siglas)
        if persona is None:
            continue
        respuesta = aplicacion.respuestas.get(dependencia=persona.dependencia)
        mitad = estado == Estado.EN_PROGRESO
        _contestar(respuesta, estructura, persona, nivel, semilla=f"2026-{siglas}", mitad=mitad)
        if mitad:
            continue
        _enviar(respuesta, persona)
        if estado == Estado.DEVUELTA:
            services.devolver(respuesta, observaciones=OBSERVACIONES, usuario=coordinacion)
        elif estado == Estado.ACEPTADA:
            services.aceptar(respuesta, usuario=coordinacion)
    return aplicacion


def _enviar(respuesta, persona):
    faltantes = captura.enviar(respuesta, persona)
    if faltantes:  # Solo pasaría si el generador dejara algo obligatorio sin contestar.
        codigos = ", ".join(f.pregunta.codigo for f in faltantes)
        raise RuntimeError(f"La respuesta de demostración no se pudo enviar: {codigos}")


def _momento(dia):
    return timezone.make_aware(datetime(dia.year, dia.month, dia.day, 11, 30))


def _contestar(respuesta, estructura, persona, nivel, *, semilla, mitad=False):
    """Guarda las respuestas visibles; con `mitad`, solo la primera mitad de ellas.

    Cada valor pasa por `valores.normalizar`, la misma validación de `captura.guardar_valor`,
    pero se guardan todos juntos: pregunta por pregunta la demo tardaba segundos (bloqueo,
    historial y avance en cada una) y `cargar_demo` corre muchas veces en las pruebas.
    """
    crudos = respuestas_de_ejemplo(estructura, nivel, semilla)
    visibles = estructura.visibles(crudos)
    preguntas = [p for p in estructura.preguntas if p.responde and p.codigo in visibles]
    if mitad:
        preguntas = preguntas[: len(preguntas) // 2]
    nuevos = [
        Valor(
            respuesta=respuesta,
            pregunta=pregunta,
            valor=V.normalizar(pregunta, crudos[pregunta.codigo]),
            comentario=COMENTARIOS.get(pregunta.codigo, "") if nivel < 0.9 else "",
            revision=1,
            actualizado_por=persona,
        )
        for pregunta in preguntas
        if not V.vacio(crudos.get(pregunta.codigo))
    ]
    bulk_create_with_history(nuevos, Valor, default_user=persona)
    # Lo mismo que deja el autoguardado: avance al día y la respuesta «en progreso».
    estructura.actualizar(respuesta)
    respuesta.estado = Estado.EN_PROGRESO
    respuesta.iniciada_en = timezone.now()
    respuesta._history_user = persona
    respuesta.save(update_fields=["estado", "iniciada_en", "avance", "indice", "indices"])


# --- El generador de respuestas -------------------------------------------------------------


def respuestas_de_ejemplo(estructura, nivel, semilla):
    """{código: texto como lo escribiría una persona} para todas las preguntas.

    Con `nivel` cerca de 1 casi todo es «sí» y las cifras alcanzan sus metas; cerca de 0, lo
    contrario. Las cifras de la plantilla y de las quejas son coherentes entre sí.
    """
    azar = random.Random(semilla)
    valores = {}
    for pregunta in estructura.preguntas:
        if not pregunta.responde:
            continue
        especial = _especiales(pregunta.codigo, valores, nivel, azar)
        valores[pregunta.codigo] = (
            especial if especial is not None else _por_tipo(pregunta, nivel, azar)
        )
    return valores


def _porcentaje(parte, total):
    return str(porcentaje(parte, total))


def _especiales(codigo, valores, nivel, azar):
    """Las preguntas cuya respuesta depende de otras o tiene un rango propio."""

    def numero(c):
        return int(valores.get(c) or 0)

    rangos = {
        "mando_superior": (2, 12),
        "mando_medio": (10, 60),
        "operativo": (60, 600),
    }
    for prefijo, (minimo, maximo) in rangos.items():
        if codigo.startswith(prefijo + "_"):
            return str(azar.randint(minimo, maximo))
    if codigo == "mujeres_mando_superior_pct":
        return _porcentaje(numero("mando_superior_mujeres"), _suma(valores, "mando_superior"))
    if codigo == "mujeres_mando_medio_pct":
        return _porcentaje(numero("mando_medio_mujeres"), _suma(valores, "mando_medio"))
    if codigo == "uig_instalada":
        return "si" if nivel >= 0.4 else azar.choice(["enlace", "en_proceso"])
    if codigo == "uig_fecha_instalacion":
        return (date(2020, 11, 16) + timedelta(days=azar.randint(0, 900))).strftime("%d/%m/%Y")
    if codigo == "uig_personal":
        return str(1 + round(4 * nivel))
    if codigo == "uig_presupuesto":
        return "0" if nivel < 0.4 else str(azar.randrange(50_000, 400_000, 5_000))
    if codigo == "quejas_recibidas":
        return str(azar.randint(0, 6))
    if codigo == "quejas_atendidas":
        return str(max(0, numero("quejas_recibidas") - azar.randint(0, 1)))
    if codigo == "quejas_sancionadas":
        return str(min(numero("quejas_atendidas"), round(numero("quejas_recibidas") * nivel)))
    if codigo in ("capacitadas_mujeres", "capacitados_hombres"):
        return str(round(azar.randint(20, 150) * (0.3 + nivel)))
    if codigo == "pp_monto_aprobado":
        return str(azar.randrange(200_000, 5_000_000, 10_000))
    if codigo == "pp_monto_ejercido":
        aprobado = Decimal(valores.get("pp_monto_aprobado") or 0)
        return str((aprobado * Decimal(str(0.3 + 0.6 * nivel))).quantize(Decimal("1")))
    if codigo in TEXTOS:
        return azar.choice(TEXTOS[codigo])
    return None


def _suma(valores, prefijo):
    return int(valores.get(f"{prefijo}_mujeres") or 0) + int(valores.get(f"{prefijo}_hombres") or 0)


def _por_tipo(pregunta, nivel, azar):
    tirada = azar.random()
    if pregunta.tipo == Tipo.SI_NO:
        if tirada < nivel:
            return "si"
        return "parcial" if tirada < nivel + 0.25 else "no"
    if pregunta.tipo == Tipo.ESCALA:
        return str(max(1, min(5, round(1 + 4 * nivel + azar.uniform(-0.6, 0.6)))))
    opciones = list(pregunta.opciones.all())
    if pregunta.tipo == Tipo.OPCION_UNICA:
        con_puntos = sorted((o for o in opciones if o.puntos is not None), key=lambda o: o.puntos)
        if not con_puntos:
            return azar.choice(opciones).valor
        indice = min(len(con_puntos) - 1, int(len(con_puntos) * min(0.99, nivel + tirada / 4)))
        return con_puntos[indice].valor
    if pregunta.tipo == Tipo.OPCION_MULTIPLE:
        elegidas = [o.valor for o in opciones if o.puntos is not None and azar.random() < nivel]
        return elegidas or [o.valor for o in opciones if o.puntos is None][:1]
    if pregunta.tipo in (Tipo.ENTERO, Tipo.DECIMAL, Tipo.PORCENTAJE):
        return _numero(pregunta, nivel, azar)
    if pregunta.tipo == Tipo.FECHA:
        return date(2024, 1, 1).strftime("%d/%m/%Y")
    return "Sin comentarios adicionales."


def _numero(pregunta, nivel, azar):
    factor = max(0.0, nivel + azar.uniform(-0.15, 0.15))
    if pregunta.regla == Pregunta.Regla.META and pregunta.meta:
        cifra = float(pregunta.meta) * factor * 1.2
    elif pregunta.regla == Pregunta.Regla.PARIDAD:
        cifra = 20 + 40 * factor
    else:
        cifra = 100 * factor
    if pregunta.tipo == Tipo.PORCENTAJE:
        cifra = min(100.0, cifra)
    if pregunta.tipo == Tipo.ENTERO:
        return str(round(cifra))
    return str(round(cifra, 1))


#: siglas: hasta dónde llegan las propuestas de su línea base 2025 y de su respuesta 2026.
#: «entregado»: el diagnóstico situacional se presentó a la persona titular; «generado»: el
#: documento está listo para entregarse; sin entrada, las propuestas quedan por revisar.
PRESENTACION = {
    ("SEDIF", RONDA_BASE): "entregado",
    ("SEFIN", RONDA_BASE): "entregado",
    ("SEMUJER", RONDA_ACTUAL): "entregado",
    ("SEMUJER", RONDA_BASE): "generado",
}


def presentar_propuestas(coordinacion):
    """Revisa, genera y entrega el diagnóstico situacional de las respuestas de `PRESENTACION`
    con las mismas operaciones del portal; devuelve cuántos documentos entregó."""
    from diagnosticos import propuestas, situacional
    from diagnosticos.models import DiagnosticoSituacional

    entregados = 0
    for (siglas, ronda), hasta in PRESENTACION.items():
        respuesta = Respuesta.objects.filter(
            dependencia__siglas=siglas, aplicacion__nombre=ronda, estado=Estado.ACEPTADA
        ).first()
        if respuesta is None or DiagnosticoSituacional.objects.filter(respuesta=respuesta).exists():
            continue
        propuestas.redactar(respuesta, coordinacion)
        propuestas.marcar_todas_listas(respuesta, coordinacion)
        aceptada = timezone.localdate(respuesta.aceptada_en)
        iniciales = situacional.valores_iniciales(respuesta, coordinacion)
        iniciales.update(
            numero_oficio=f"CUIG/{aceptada.year}/{respuesta.pk:04d}",
            fecha_oficio=aceptada,
            destinatario=iniciales.get("destinatario")
            or respuesta.dependencia.titular
            or "Persona titular",
        )
        documento = situacional.generar(respuesta, usuario=coordinacion, **iniciales)
        if hasta == "entregado":
            situacional.registrar_entrega(
                documento,
                entregado_el=min(aceptada + timedelta(days=9), timezone.localdate()),
                medio=DiagnosticoSituacional.Medio.OFICIO,
                notas="Se entregó en la oficialía de partes; el acuse lleva sello y firma.",
                usuario=coordinacion,
            )
            entregados += 1
    return entregados
