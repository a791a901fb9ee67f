"""Capacitación sintética para `make bench`: personas, eventos, asistencia, certificación y
constancias con el volumen de un estado grande tras dos años de uso.

A escala 1 (3,000 instituciones):

- 100,000 personas participantes repartidas de forma desigual entre las instituciones
  (~58 % mujeres, ~40 % hombres, el resto prefiere no decirlo) y unas 300 registradas dos
  veces, con el mismo correo en otra institución (la página de posibles duplicados).
- ~150 eventos en dos años (del pasado al mes próximo) con 1 a 5 sesiones: concluidos,
  cancelados, en marcha, con inscripción abierta y en borrador; ~150,000 inscripciones con su
  asistencia por sesión y las horas asistidas y la acreditación ya guardadas, calculadas igual
  que `Evento.recalcular_acreditacion` (las pruebas lo comprueban).
- ~3,000 procesos de certificación en todas las etapas, con fechas coherentes.
- «Curso masivo»: 5,000 inscripciones confirmadas y 3 sesiones pasadas sin asistencia, para
  medir la importación de una lista de 5,000 filas (`libro_asistencia`).
- Un diplomado concluido con 500 personas acreditadas y sus 500 constancias, para el ZIP.

Todo con bulk_create en lotes, sin historial, como el resto del bench.
"""

import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import connection
from django.utils import timezone

from capacitacion.catalogo_predeterminado import asegurar_catalogo
from capacitacion.models import (
    Asistencia,
    Certificacion,
    Constancia,
    EstandarCompetencia,
    Evento,
    Inscripcion,
    Participante,
    Programa,
    Sesion,
)
from capacitacion.models.constancias import nuevo_codigo

CURSO_MASIVO = "Curso masivo de igualdad sustantiva en el servicio público"
DIPLOMADO = "Diplomado en políticas públicas con perspectiva de género"
LOTE = 5_000

#: Volúmenes a escala 1.
PARTICIPANTES = 100_000
EVENTOS = 150
INSCRIPCIONES = 150_000
CERTIFICACIONES = 3_000
MASIVO = 5_000
CONSTANCIAS = 500
DUPLICADOS = 300

NOMBRES_MUJER = [
    "María", "Guadalupe", "Juana", "Verónica", "Claudia", "Patricia", "Rosa", "Leticia",
    "Adriana", "Gabriela", "Alejandra", "Mónica", "Laura", "Sofía", "Ximena", "Fabiola",
    "Norma", "Silvia", "Yolanda", "Karla", "Diana", "Brenda", "Itzel", "Perla", "Nayeli",
]  # fmt: skip
NOMBRES_HOMBRE = [
    "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Francisco", "Raúl", "Ricardo",
    "Andrés", "Héctor", "Fernando", "Javier", "Arturo", "Ernesto", "Rodrigo", "Saúl", "Óscar",
]  # fmt: skip
NOMBRES_NEUTROS = ["Alex", "Sam", "René", "Guadalupe", "Cruz", "Trinidad"]
APELLIDOS = [
    "Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez",
    "Ramírez", "Flores", "Torres", "Díaz", "Reyes", "Morales", "Ortiz", "Castañeda", "Muñoz",
    "Reveles", "Bañuelos", "Escobedo", "Dávila", "Núñez", "Villalobos", "Luna", "Salas",
    "Esparza", "Rodarte", "Haro", "Berúmen", "Saucedo", "Ibarra", "Quiñones", "Llamas",
]  # fmt: skip
CARGOS = [
    "Analista administrativa", "Jefa de departamento", "Jefe de departamento", "Directora de área",
    "Director de área", "Auxiliar administrativo", "Enlace de la Unidad de Igualdad de Género",
    "Docente", "Trabajadora social", "Psicóloga", "Médico adscrito", "Enfermera",
    "Subdirectora de planeación", "Coordinador de zona", "Operadora del 9-1-1", "Abogada",
]  # fmt: skip
TEMAS = [
    "Igualdad sustantiva y no discriminación", "Lenguaje incluyente y no sexista",
    "Prevención del hostigamiento sexual y acoso sexual", "Presupuestos con perspectiva de género",
    "Masculinidades y corresponsabilidad", "Derechos humanos de las mujeres",
    "Atención de primer contacto a víctimas de violencia", "Indicadores con perspectiva de género",
]  # fmt: skip
#: Programas que el bench agrega a los sembrados: (nombre, tipo).
PROGRAMAS = [
    ("Cursos de igualdad sustantiva", Programa.Tipo.CURSO),
    ("Talleres de prevención de la violencia laboral", Programa.Tipo.TALLER),
    ("Diplomado en políticas públicas con perspectiva de género", Programa.Tipo.DIPLOMADO),
    ("Conferencias sobre igualdad sustantiva", Programa.Tipo.CONFERENCIA),
]
#: Reparto de etapas de certificación (pesos).
ETAPAS = [
    (Certificacion.Estado.INSCRITA, 15),
    (Certificacion.Estado.ALINEACION, 25),
    (Certificacion.Estado.EN_EVALUACION, 12),
    (Certificacion.Estado.COMPETENTE, 10),
    (Certificacion.Estado.NO_COMPETENTE, 10),
    (Certificacion.Estado.CERTIFICADA, 28),
]
#: Etapas recorridas hasta cada una (la fecha de cada paso sale de aquí).
CAMINO = {
    Certificacion.Estado.INSCRITA: [],
    Certificacion.Estado.ALINEACION: ["fecha_alineacion"],
    Certificacion.Estado.EN_EVALUACION: ["fecha_alineacion", "fecha_evaluacion"],
    Certificacion.Estado.COMPETENTE: ["fecha_alineacion", "fecha_evaluacion", "fecha_juicio"],
    Certificacion.Estado.NO_COMPETENTE: ["fecha_alineacion", "fecha_evaluacion", "fecha_juicio"],
    Certificacion.Estado.CERTIFICADA: [
        "fecha_alineacion",
        "fecha_evaluacion",
        "fecha_juicio",
        "fecha_certificado",
    ],
}
EVALUADORES = [
    "Centro de Evaluación del ICATEZAC",
    "Entidad de Certificación y Evaluación de la UAZ",
    "Centro Evaluador de la Secretaría de las Mujeres",
]
LETRAS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CONSONANTES = "BCDFGHJKLMNPQRSTVWXYZ"


@dataclass(frozen=True)
class Volumen:
    participantes: int
    eventos: int
    inscripciones: int
    certificaciones: int
    masivo: int
    constancias: int
    duplicados: int

    @classmethod
    def a_escala(cls, escala):
        def n(total, minimo):
            return max(minimo, round(total * escala))

        participantes = n(PARTICIPANTES, 60)
        return cls(
            participantes=participantes,
            eventos=n(EVENTOS, 8),
            inscripciones=n(INSCRIPCIONES, 90),
            certificaciones=min(participantes // 3, n(CERTIFICACIONES, 12)),
            masivo=min(participantes // 2, n(MASIVO, 10)),
            constancias=min(participantes // 4, n(CONSTANCIAS, 5)),
            duplicados=n(DUPLICADOS, 2),
        )


def generar_capacitacion(dependencias, coordinacion, azar, escala=1.0):
    """Genera toda la capacitación del bench; devuelve un resumen legible."""
    volumen = Volumen.a_escala(escala)
    hoy = timezone.localdate()
    programas = _programas()
    personas = _participantes(dependencias, volumen, azar)
    originales = personas[: volumen.participantes]
    por_dependencia = {}
    for persona in originales:
        por_dependencia.setdefault(persona.dependencia_id, []).append(persona)

    contador = {"inscripciones": 0, "asistencias": 0}
    generador = _Eventos(coordinacion, azar, hoy, programas, originales, por_dependencia, contador)
    especiales = set(azar.sample(range(len(originales)), volumen.masivo + volumen.constancias))
    masivo = [originales[i] for i in sorted(especiales)[: volumen.masivo]]
    diplomado = [originales[i] for i in sorted(especiales)[volumen.masivo :]]
    generador.curso_masivo(masivo)
    evento_constancias = generador.diplomado(diplomado)
    restantes = volumen.inscripciones - volumen.masivo - volumen.constancias
    generador.eventos(volumen.eventos - 2, restantes, dependencias)
    emitidas = _constancias(evento_constancias, coordinacion)
    procesos = _certificaciones(originales, volumen.certificaciones, coordinacion, azar, hoy)
    return (
        f"Capacitación: {len(personas)} personas, {volumen.eventos} eventos, "
        f"{contador['inscripciones']} inscripciones, {contador['asistencias']} asistencias, "
        f"{procesos} procesos de certificación, {emitidas} constancias."
    )


def _programas():
    """{tipo: Programa}; tras --reiniciar (flush) el catálogo sembrado ya no está."""
    asegurar_catalogo()
    for nombre, tipo in PROGRAMAS:
        Programa.objects.get_or_create(nombre=nombre, defaults={"tipo": tipo})
    programas = {}
    for programa in Programa.objects.order_by("pk"):
        programas.setdefault(programa.tipo, programa)
    return programas


# --- Personas -------------------------------------------------------------------------------


def _ascii(texto):
    limpio = unicodedata.normalize("NFKD", texto.replace("ñ", "n"))
    return "".join(c for c in limpio if not unicodedata.combining(c)).lower()


def _participantes(dependencias, volumen, azar):
    """Las personas (y al final las duplicadas), ya guardadas, con pk."""
    # Instituciones grandes y pequeñas: pesos lognormales (unas pocas con cientos de personas).
    pesos = [azar.lognormvariate(0, 0.9) for _ in dependencias]
    destinos = azar.choices(dependencias, weights=pesos, k=volumen.participantes)
    personas = []
    for i, dependencia in enumerate(destinos):
        tirada = azar.random()
        if tirada < 0.58:
            sexo, nombre = "mujer", azar.choice(NOMBRES_MUJER)
        elif tirada < 0.98:
            sexo, nombre = "hombre", azar.choice(NOMBRES_HOMBRE)
        else:
            sexo, nombre = "no_especificado", azar.choice(NOMBRES_NEUTROS)
        apellido = azar.choice(APELLIDOS)
        personas.append(
            Participante(
                nombre=f"{nombre} {apellido} {azar.choice(APELLIDOS)}",
                sexo=sexo,
                dependencia=dependencia,
                cargo=azar.choice(CARGOS),
                correo=f"{_ascii(nombre)}.{_ascii(apellido)}.{i}@bench.uig.example.gob.mx",
            )
        )
    for original in azar.sample(personas, volumen.duplicados):
        otra = azar.choice(dependencias)
        if otra.pk == original.dependencia.pk:
            continue
        # La misma persona, registrada también por otra institución.
        personas.append(
            Participante(
                nombre=original.nombre,
                sexo=original.sexo,
                dependencia=otra,
                cargo=azar.choice(CARGOS),
                correo=original.correo,
            )
        )
    return Participante.objects.bulk_create(personas, batch_size=LOTE)


def curp_aleatoria(azar, sexo):
    """Una CURP con la forma oficial (no corresponde a nadie)."""
    nacimiento = date(1960, 1, 1) + timedelta(days=azar.randrange(14_000))
    return (
        azar.choice(LETRAS)
        + azar.choice("AEIOU")
        + azar.choice(LETRAS)
        + azar.choice(LETRAS)
        + nacimiento.strftime("%y%m%d")
        + ("M" if sexo == "mujer" else "H")
        + "ZS"
        + "".join(azar.choice(CONSONANTES) for _ in range(3))
        + azar.choice("0123456789")
        + azar.choice("0123456789")
    )


# --- Eventos, inscripciones y asistencia -----------------------------------------------------


class _Eventos:
    def __init__(self, coordinacion, azar, hoy, programas, personas, por_dependencia, contador):
        self.coordinacion = coordinacion
        self.azar = azar
        self.hoy = hoy
        self.programas = programas
        self.personas = personas
        self.por_dependencia = por_dependencia
        self.contador = contador

    def crear(self, nombre, programa, sesiones, estado, **datos):
        """Un evento con sus sesiones [(fecha, horas)]; horas totales ya calculadas."""
        modalidad = datos.pop("modalidad", None) or self.azar.choice(
            ["presencial", "virtual", "mixta"]
        )
        evento = Evento.objects.create(
            nombre=nombre,
            programa=programa,
            modalidad=modalidad,
            sede="" if modalidad == "virtual" else "Auditorio de la Ciudad Administrativa",
            enlace=""
            if modalidad == "presencial"
            else "https://videoconferencia.example.gob.mx/uig",
            facilitacion="Coordinación de Unidades de Igualdad de Género",
            fecha_inicio=sesiones[0][0],
            fecha_fin=sesiones[-1][0],
            horas_totales=sum((Decimal(h) for _f, h in sesiones), Decimal("0")),
            estado=estado,
            creado_por=self.coordinacion,
            **datos,
        )
        evento.lista_sesiones = Sesion.objects.bulk_create(
            [
                Sesion(evento=evento, numero=n, fecha=fecha, horas=Decimal(horas), tema="")
                for n, (fecha, horas) in enumerate(sesiones, start=1)
            ]
        )
        return evento

    def inscribir(self, evento, personas, estados, probabilidad=None):
        """Inscripciones con su asistencia y lo que `recalcular_acreditacion` guardaría.

        `estados` es [(estado, peso)]. La asistencia se registra, para las confirmadas, en las
        sesiones que ya pasaron (si el evento la toma); `probabilidad` fija la de asistir a
        cada sesión (1 = a todas; 0 = no se registra asistencia) en vez de una por persona.
        """
        Estado = Inscripcion.Estado
        valores, pesos = zip(*estados, strict=True)
        toma = evento.estado in Evento.CON_ASISTENCIA and probabilidad != 0
        pasadas = [s for s in evento.lista_sesiones if s.fecha < self.hoy] if toma else []
        minimo = evento.horas_minimas()
        ahora = timezone.now()
        inscripciones, marcas = [], []
        for persona in personas:
            estado = self.azar.choices(valores, weights=pesos)[0]
            presentes = []
            if estado == Estado.CONFIRMADA and pasadas:
                asiste = probabilidad or self._compromiso()
                presentes = [self.azar.random() < asiste for _ in pasadas]
            horas = sum(
                (s.horas for s, p in zip(pasadas, presentes, strict=False) if p), Decimal("0")
            )
            inscripciones.append(
                Inscripcion(
                    evento_id=evento.pk,
                    participante_id=persona.pk,
                    dependencia_id=persona.dependencia_id,
                    estado=estado,
                    inscrita_por_id=self.coordinacion.pk,
                    revisada_por_id=self.coordinacion.pk if estado != Estado.SOLICITADA else None,
                    revisada_en=ahora if estado != Estado.SOLICITADA else None,
                    horas_asistidas=horas,
                    acreditada=estado == Estado.CONFIRMADA and horas > 0 and horas >= minimo,
                )
            )
            marcas.append(presentes)
        inscripciones = Inscripcion.objects.bulk_create(inscripciones, batch_size=LOTE)
        asistencias = [
            (inscripcion.pk, sesion.pk, presente, self.coordinacion.pk, ahora)
            for inscripcion, presentes in zip(inscripciones, marcas, strict=True)
            for sesion, presente in zip(pasadas, presentes, strict=False)
        ]
        _guardar_asistencias(asistencias)
        self.contador["inscripciones"] += len(inscripciones)
        self.contador["asistencias"] += len(asistencias)
        return inscripciones

    def _compromiso(self):
        """Probabilidad de asistir a cada sesión: casi todas van a todo; algunas faltan."""
        tirada = self.azar.random()
        return 0.97 if tirada < 0.8 else 0.6 if tirada < 0.95 else 0.15

    def curso_masivo(self, personas):
        """Inscripción cerrada, 3 sesiones pasadas y nadie con asistencia: la importación."""
        sesiones = [(self.hoy - timedelta(days=d), 3) for d in (12, 10, 8)]
        evento = self.crear(
            CURSO_MASIVO,
            self.programas[Programa.Tipo.CURSO],
            sesiones,
            Evento.Estado.CERRADO,
            modalidad="virtual",
        )
        self.inscribir(
            evento,
            personas,
            [(Inscripcion.Estado.CONFIRMADA, 1)],
            probabilidad=0,
        )
        return evento

    def diplomado(self, personas):
        """Concluido, todas asistieron a todo: cada inscripción acredita y tendrá constancia."""
        inicio = self.hoy - timedelta(days=70)
        sesiones = [(inicio + timedelta(days=7 * i), 5) for i in range(4)]
        evento = self.crear(
            DIPLOMADO,
            self.programas[Programa.Tipo.DIPLOMADO],
            sesiones,
            Evento.Estado.CONCLUIDO,
            modalidad="presencial",
        )
        self.inscribir(evento, personas, [(Inscripcion.Estado.CONFIRMADA, 1)], probabilidad=1)
        return evento

    def eventos(self, cuantos, inscripciones, dependencias):
        """Eventos de los últimos dos años y el mes próximo, con `inscripciones` en total."""
        Estado = Evento.Estado
        tipos = list(self.programas)
        dias = 730 + 45
        con_personas = []
        for k in range(cuantos):
            inicio = self.hoy - timedelta(days=730) + timedelta(days=k * dias // cuantos)
            inicio += timedelta(days=self.azar.randrange(0, 5))
            numero = self.azar.randint(1, 5)
            separacion = self.azar.choice([1, 2, 7])
            sesiones = [
                (inicio + timedelta(days=separacion * i), self.azar.choice([2, 3, 4, 5]))
                for i in range(numero)
            ]
            fin = sesiones[-1][0]
            if fin < self.hoy - timedelta(days=3):
                estado = Estado.CANCELADO if self.azar.random() < 0.05 else Estado.CONCLUIDO
            elif inicio <= self.hoy:
                estado = Estado.CERRADO
            else:
                estado = Estado.BORRADOR if self.azar.random() < 0.2 else Estado.ABIERTO
            tipo = self.azar.choice(tipos)
            evento = self.crear(
                f"{self.programas[tipo].get_tipo_display()}: {self.azar.choice(TEMAS)} ({k + 1})",
                self.programas[tipo],
                sesiones,
                estado,
                inscripcion_hasta=min(fin, inicio - timedelta(days=2))
                if estado != Estado.ABIERTO
                else None,
            )
            candidatas = None
            if self.azar.random() < 0.2:
                # Dirigido a algunas instituciones: solo sus personas se inscriben.
                convocadas = self.azar.sample(dependencias, min(len(dependencias), 40))
                evento.dependencias.set(convocadas)
                candidatas = [p for d in convocadas for p in self.por_dependencia.get(d.pk, [])]
            if estado != Estado.BORRADOR and candidatas != []:
                # Eventos grandes y pequeños (lognormal); se reparten después.
                con_personas.append((evento, candidatas, self.azar.lognormvariate(0, 0.8)))

        # Los dirigidos tienen pocas candidatas: lo que no cabe en ellos va a los abiertos a todas.
        dirigidos = [(e, c, p) for e, c, p in con_personas if c is not None]
        abiertos = [(e, self.personas, p) for e, c, p in con_personas if c is None]
        escala = inscripciones / max(1e-9, sum(p for _e, _c, p in con_personas))
        cupos = {e.pk: min(len(c), max(1, round(p * escala))) for e, c, p in dirigidos}
        resto = max(0, inscripciones - sum(cupos.values()))
        escala = resto / max(1e-9, sum(p for _e, _c, p in abiertos))
        cupos |= {e.pk: min(len(c), max(1, round(p * escala))) for e, c, p in abiertos}
        for evento, candidatas, _peso in dirigidos + abiertos:
            elegidas = self.azar.sample(candidatas, cupos[evento.pk])
            self.inscribir(evento, elegidas, self._estados(evento.estado))

    @staticmethod
    def _estados(estado):
        Estado = Inscripcion.Estado
        if estado == Evento.Estado.CANCELADO:
            return [(Estado.CANCELADA, 1)]
        if estado == Evento.Estado.ABIERTO:
            return [(Estado.CONFIRMADA, 60), (Estado.SOLICITADA, 35), (Estado.CANCELADA, 5)]
        return [(Estado.CONFIRMADA, 92), (Estado.RECHAZADA, 3), (Estado.CANCELADA, 5)]


COLUMNAS_ASISTENCIA = ["inscripcion", "sesion", "presente", "registrada_por", "registrada_en"]


def _guardar_asistencias(filas):
    """Guarda (inscripción, sesión, presente, quién, cuándo) en Asistencia.

    Son la mayoría de las filas del bench (~350,000): en PostgreSQL van con COPY, varias veces
    más rápido que bulk_create, que arma un objeto del modelo por fila.
    """
    if connection.vendor != "postgresql":
        Asistencia.objects.bulk_create(
            [Asistencia(**dict(zip(_campos_id(), fila, strict=True))) for fila in filas],
            batch_size=LOTE,
        )
        return
    opciones = Asistencia._meta
    columnas = ", ".join(opciones.get_field(c).column for c in COLUMNAS_ASISTENCIA)
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {opciones.db_table} ({columnas}) FROM STDIN") as copia:
            for fila in filas:
                copia.write_row(fila)


def _campos_id():
    return [Asistencia._meta.get_field(c).attname for c in COLUMNAS_ASISTENCIA]


# --- Constancias y certificación -----------------------------------------------------------


def _constancias(evento, coordinacion):
    """Una constancia por inscripción acreditada del evento, con códigos distintos."""
    acreditadas = list(
        Inscripcion.objects.filter(evento=evento, acreditada=True).select_related("participante")
    )
    codigos = set()
    while len(codigos) < len(acreditadas):
        codigos.add(nuevo_codigo())
    Constancia.objects.bulk_create(
        [
            Constancia(
                inscripcion=inscripcion,
                codigo=codigo,
                nombre=inscripcion.participante.nombre,
                evento_nombre=evento.nombre,
                horas=evento.horas_totales,
                fecha=evento.fecha_fin,
                emitida_por=coordinacion,
            )
            for inscripcion, codigo in zip(acreditadas, sorted(codigos), strict=True)
        ],
        batch_size=LOTE,
    )
    return len(acreditadas)


def _certificaciones(personas, cuantas, coordinacion, azar, hoy):
    """Procesos en todas las etapas con fechas crecientes; la persona recibe su CURP."""
    estandares = list(EstandarCompetencia.objects.order_by("clave"))
    ec0308 = next(e for e in estandares if e.clave == "EC0308")
    etapas, pesos = zip(*ETAPAS, strict=True)
    elegidas = azar.sample(personas, cuantas)
    procesos, curps = [], set()
    for numero, persona in enumerate(elegidas, start=1):
        curp = curp_aleatoria(azar, persona.sexo)
        while curp in curps:
            curp = curp_aleatoria(azar, persona.sexo)
        curps.add(curp)
        persona.curp = curp
        etapa = azar.choices(etapas, weights=pesos)[0]
        estandar = ec0308 if azar.random() < 0.85 else azar.choice(estandares)
        dia = hoy - timedelta(days=azar.randrange(20, 700))
        proceso = Certificacion(
            participante=persona,
            estandar=estandar,
            dependencia_id=persona.dependencia_id,
            estado=etapa,
            fecha_inscripcion=dia,
            actualizada_por=coordinacion,
        )
        camino = CAMINO[etapa]
        # Los pasos caben entre la inscripción y hoy.
        paso = max(1, (hoy - dia).days // (len(camino) + 1))
        for campo in camino:
            dia = min(hoy, dia + timedelta(days=azar.randint(max(1, paso // 2), paso)))
            setattr(proceso, campo, dia)
        if "fecha_evaluacion" in camino:
            proceso.evaluador = azar.choice(EVALUADORES)
            proceso.intentos = 2 if azar.random() < 0.1 else 1
        if etapa == Certificacion.Estado.CERTIFICADA:
            proceso.folio_certificado = f"{estandar.clave}-{dia.year}-{numero:06d}"
        procesos.append(proceso)
    Participante.objects.bulk_update(elegidas, ["curp"], batch_size=LOTE)
    Certificacion.objects.bulk_create(procesos, batch_size=LOTE)
    return len(procesos)


# --- Lo que usa bench/medir.py --------------------------------------------------------------


#: El XLSX de asistencia del curso masivo (lo escribe `preparar_capacitacion`).
ARCHIVO_ASISTENCIA = {}


def libro_asistencia(evento, azar):
    """Bytes del XLSX de asistencia del evento en el formato de la plantilla del portal: una
    fila por inscripción confirmada, «Sí» o «No» en cada sesión."""
    from uig_portal.lib.hojas import libro_xlsx

    sesiones = list(evento.sesiones.order_by("numero"))
    encabezados = ["Correo", "CURP", "Nombre", "Institución"] + [
        f"Sesión {s.numero} ({s.fecha:%d/%m/%Y})" for s in sesiones
    ]
    filas = (
        [correo, curp, nombre, siglas] + ["Sí" if azar.random() < 0.85 else "No" for _ in sesiones]
        for correo, curp, nombre, siglas in Inscripcion.objects.filter(
            evento=evento, estado=Inscripcion.Estado.CONFIRMADA
        )
        .order_by("participante__nombre", "pk")
        .values_list(
            "participante__correo",
            "participante__curp",
            "participante__nombre",
            "dependencia__siglas",
        )
    )
    return libro_xlsx([("Asistencia", encabezados, filas)])


def preparar_capacitacion(responsable, carpeta=None):
    """Los marcadores de capacitación de PAGINAS; escribe el XLSX de 5,000 filas.

    {evento_masivo} y {evento_constancias} son los dos eventos especiales; {constancia} y
    {codigo}, una constancia vigente del diplomado; {participante}, una persona de la
    institución de `responsable`; {desde} y {hasta}, un periodo de dos años (el anterior y el
    en curso) para las estadísticas. El XLSX va a `carpeta` (por omisión, la temporal).
    """
    import random

    masivo = Evento.objects.filter(nombre=CURSO_MASIVO).first()
    diplomado = Evento.objects.filter(nombre=DIPLOMADO).first()
    if masivo is None or diplomado is None:
        raise SystemExit("No hay datos de capacitación: ¿se generaron los datos?")
    constancia = (
        Constancia.objects.filter(inscripcion__evento=diplomado, revocada_en__isnull=True)
        .order_by("codigo")
        .first()
    )
    persona = (
        Participante.objects.filter(dependencia_id=responsable.dependencia_id)
        .order_by("pk")
        .first()
    )
    if persona is None:
        # Poco probable con 100,000 personas, pero la ficha debe ser de su institución.
        persona = Participante.objects.create(
            nombre="Persona Participante del Bench",
            sexo="mujer",
            dependencia_id=responsable.dependencia_id,
            correo=f"participante.{responsable.dependencia_id}@bench.uig.example.gob.mx",
        )
    ruta = Path(carpeta or tempfile.gettempdir()) / f"uig-bench-asistencia-{masivo.pk}.xlsx"
    ruta.write_bytes(libro_asistencia(masivo, random.Random(masivo.pk)))
    ARCHIVO_ASISTENCIA.update(ruta=ruta, evento=masivo.pk)
    hoy = timezone.localdate()
    return {
        "evento_masivo": masivo.pk,
        "evento_constancias": diplomado.pk,
        "constancia": constancia.pk,
        "codigo": constancia.codigo,
        "participante": persona.pk,
        "desde": f"{hoy.year - 1}-01-01",
        "hasta": f"{hoy.year}-12-31",
    }


def datos_asistencia():
    """El POST de la importación de asistencia: un archivo nuevo en cada llamada."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from uig_portal.lib.hojas import TIPO_XLSX

    contenido = ARCHIVO_ASISTENCIA["ruta"].read_bytes()
    return {"archivo": SimpleUploadedFile("asistencia-curso-masivo.xlsx", contenido, TIPO_XLSX)}


def medir_importacion_asistencia(cliente):
    """Segundos de la vista previa y de la confirmación de la lista de 5,000 filas.

    Escribe la asistencia de verdad: `bench/medir.py` lo llama dentro de una transacción que
    revierte al final.
    """
    import re
    import time

    evento = ARCHIVO_ASISTENCIA["evento"]
    url = f"/capacitacion/eventos/{evento}/asistencia/importar/"
    inicio = time.perf_counter()
    respuesta = cliente.post(url, datos_asistencia())
    vista_previa = time.perf_counter() - inicio
    clave = re.search(r'name="clave" value="([0-9a-f]{32})"', respuesta.content.decode())
    if respuesta.status_code != 200 or clave is None:
        raise RuntimeError("La vista previa de la asistencia no quedó lista para confirmar.")
    inicio = time.perf_counter()
    respuesta = cliente.post(f"{url}confirmar/", {"clave": clave.group(1)})
    confirmacion = time.perf_counter() - inicio
    if respuesta.status_code != 302:
        raise RuntimeError(f"La confirmación de la asistencia respondió {respuesta.status_code}.")
    filas = Inscripcion.objects.filter(evento_id=evento, estado="confirmada").count()
    return {"vista_previa": vista_previa, "confirmacion": confirmacion, "filas": filas}
