"""Capacitación de demostración (solo `cargar_demo`): personas, eventos en cada estado,
asistencia, constancias y procesos de certificación EC0308 en todas las etapas.

- 60 personas servidoras públicas de las 8 instituciones de demostración (mujeres, hombres y
  tres que prefieren no decir su sexo), con su cargo y su correo institucional; una de ellas
  registrada dos veces, en la Secretaría de Salud y en el DIF, con el mismo correo personal
  escrito con otras mayúsculas: la página de posibles duplicados las muestra juntas.
- El seminario de cultura institucional, concluido el trimestre pasado: tres sesiones con
  asistencia tomada, quien faltó a una no acredita, constancias emitidas y una revocada.
- Un curso de alineación al EC0308 en marcha (inscripción cerrada, asistencia de las dos
  primeras sesiones), una capacitación interna de la Coordinación concluida con sus constancias
  por emitir, un taller con inscripción abierta y solicitudes por confirmar de varias
  instituciones, y una conferencia en borrador.
- Procesos de certificación en cada etapa, uno en su segundo intento y dos certificados con folio.

Las fechas se cuentan desde hoy, así que la demo siempre se ve vigente. Los eventos cambian de
estado con `Evento.cambiar_estado`, las horas y la acreditación salen de `actualizar_horas` y
`recalcular_acreditacion`, y las certificaciones avanzan con `Certificacion.avanzar`: la demo
respeta las mismas reglas que el portal. Es idempotente: lo que ya existe (eventos por nombre,
personas por institución y correo, procesos por persona y estándar) no se vuelve a crear.
"""

import random
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal

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
from unidades.models import Dependencia, Sexo

M, H, N = Sexo.MUJER, Sexo.HOMBRE, Sexo.NO_ESPECIFICADO
Estado = Evento.Estado
Etapa = Certificacion.Estado

#: (siglas, nombres, primer apellido, segundo apellido, sexo, cargo)
PERSONAS = [
    ("SEFIN", "Adriana", "Esparza", "Muro", M, "Jefa del Departamento de Recursos Humanos"),
    ("SEFIN", "Héctor Manuel", "Ibarra", "Saucedo", H, "Director de Administración"),
    ("SEFIN", "Lucía Fernanda", "Rodarte", "Haro", M, "Analista de presupuesto"),
    ("SEFIN", "Karla Yesenia", "Valdez", "Robles", M, "Enlace de la Unidad de Igualdad de Género"),
    ("SEFIN", "Óscar Iván", "Quiñones", "Llamas", H, "Auditor fiscal"),
    ("SEFIN", "Diana Laura", "Berúmen", "Correa", M, "Subdirectora de Planeación Financiera"),
    ("SEFIN", "Alex", "Medina", "Sifuentes", N, "Analista de sistemas"),
    ("SEFIN", "Norma Alicia", "Hinojosa", "Ávila", M, "Jefa del Departamento de Contabilidad"),
    ("SEDUZAC", "Silvia Guadalupe", "Macías", "Torres", M, "Supervisora escolar de la zona 12"),
    ("SEDUZAC", "Fernando", "Arteaga", "Varela", H, "Jefe del Departamento de Educación Básica"),
    ("SEDUZAC", "Martha Elena", "Zamarripa", "Ríos", M, "Coordinadora de Formación Docente"),
    ("SEDUZAC", "Rosa María", "Garay", "Elías", M, "Asesora técnico-pedagógica"),
    ("SEDUZAC", "Juan Carlos", "Saucedo", "Medina", H, "Director de Recursos Humanos"),
    ("SEDUZAC", "Itzel Carolina", "Juárez", "Llamas", M, "Psicóloga de Convivencia Escolar"),
    ("SEDUZAC", "Brenda", "Sifuentes", "Muro", M, "Analista administrativa"),
    ("SEDUZAC", "Miguel Ángel", "Rivera", "Dávila", H, "Jefe de oficina"),
    ("SSALUD", "Rocío", "Delgado", "Haro", M, "Enfermera jefa de piso"),
    ("SSALUD", "Alejandra", "Correa", "Esparza", M, "Jefa de la Unidad de Epidemiología"),
    ("SSALUD", "Javier", "Elías", "Robles", H, "Médico adscrito al Hospital General"),
    ("SSALUD", "Paola Andrea", "Carrillo", "Luna", M, "Trabajadora social"),
    ("SSALUD", "Ricardo", "Murillo", "Valdez", H, "Subdirector de Recursos Humanos"),
    ("SSALUD", "Yolanda", "Félix", "Ibarra", M, "Coordinadora del programa de salud materna"),
    ("SSALUD", "Sam", "Torres", "Hinojosa", N, "Persona promotora de salud comunitaria"),
    ("SSALUD", "Leticia", "Ávila", "Quiñones", M, "Psicóloga del Centro Estatal de Salud Mental"),
    ("SEDIF", "Rocío", "Delgado", "Haro", M, "Trabajadora social del Centro de Atención Familiar"),
    ("SEDIF", "Gabriela", "Robles", "Saucedo", M, "Procuradora de Protección de Niñas y Niños"),
    ("SEDIF", "Arturo", "Llamas", "Berúmen", H, "Jefe del Departamento de Asistencia Alimentaria"),
    ("SEDIF", "Claudia Ivonne", "Varela", "Garay", M, "Trabajadora social"),
    ("SEDIF", "Sandra Luz", "Muro", "Arteaga", M, "Psicóloga del Centro de Atención Familiar"),
    ("SEDIF", "Efraín", "Hinojosa", "Carlos", H, "Auxiliar administrativo"),
    ("SEDIF", "Mariana", "Quiñones", "Juárez", M, "Enlace de la Unidad de Igualdad de Género"),
    ("SEMUJER", "Fabiola", "Sandoval", "Macías", M, "Jefa del Departamento de Capacitación"),
    ("SEMUJER", "Daniela", "Ruiz", "Esparza", M, "Analista de la Coordinación de las UIG"),
    ("SEMUJER", "Tomás", "Medina", "Garay", H, "Enlace de seguimiento de la Coordinación"),
    ("SEMUJER", "Irma Lorena", "Carlos", "Villalobos", M, "Asesora jurídica"),
    ("SEMUJER", "Alondra", "Berúmen", "Sifuentes", M, "Facilitadora de capacitación"),
    ("SEMUJER", "Marisol", "Elías", "Rivera", M, "Analista de estadística de género"),
    ("SEMUJER", "Andrés", "Correa", "Luna", H, "Diseñador de comunicación social"),
    ("SEMUJER", "Karen", "Juárez", "Torres", M, "Psicóloga del Centro de Justicia para las Mujeres"),
    ("SEMUJER", "Ximena", "Valdez", "Arteaga", M, "Abogada de Atención a la Violencia"),
    ("COBAEZ", "Luis Enrique", "Varela", "Murillo", H, "Director del plantel Fresnillo"),
    ("COBAEZ", "Verónica", "Ibarra", "Rodarte", M, "Docente de ciencias sociales"),
    ("COBAEZ", "Perla", "Saucedo", "Garay", M, "Orientadora educativa"),
    ("COBAEZ", "Jesús", "Llamas", "Ávila", H, "Jefe del Departamento de Personal"),
    ("COBAEZ", "Ana Karen", "Murillo", "Delgado", M, "Docente de informática"),
    ("COBAEZ", "René", "Castañeda", "Quiñones", N, "Responsable de la biblioteca del plantel"),
    ("COBAEZ", "Lourdes", "Esparza", "Félix", M, "Coordinadora académica"),
    ("IZEA", "Margarita", "Hernández", "Robles", M, "Técnica docente"),
    ("IZEA", "Gerardo", "Torres", "Sandoval", H, "Coordinador de zona Jerez"),
    ("IZEA", "Elizabeth", "Carrillo", "Macías", M, "Jefa del Departamento de Servicios Educativos"),
    ("IZEA", "Teresa de Jesús", "Muro", "Elías", M, "Promotora de alfabetización"),
    ("IZEA", "Felipe", "Rivera", "Hinojosa", H, "Analista de acreditación"),
    ("IZEA", "Blanca Estela", "Juárez", "Correa", M, "Enlace de igualdad de género"),
    ("C5", "Ernesto", "Dávila", "Luna", H, "Jefe de turno del 9-1-1"),
    ("C5", "Nayeli", "Garay", "Torres", M, "Operadora del número de emergencias 9-1-1"),
    ("C5", "Cristina", "Robles", "Varela", M, "Psicóloga de atención a llamadas de violencia"),
    ("C5", "Rodrigo", "Sifuentes", "Ibarra", H, "Analista de videovigilancia"),
    ("C5", "Mayra Alejandra", "Luna", "Quiñones", M, "Operadora del número de emergencias 9-1-1"),
    ("C5", "Saúl", "Ávila", "Medina", H, "Supervisor de despacho"),
    ("C5", "Jimena", "Hinojosa", "Berúmen", M, "Enlace de igualdad de género"),
]  # fmt: skip

#: La misma persona registrada por dos instituciones con su correo personal, tecleado distinto.
DUPLICADA = {"SSALUD": "rocio.delgadoh@gmail.com", "SEDIF": "Rocio.DelgadoH@Gmail.com"}

SEDE = "Auditorio de la Secretaría de las Mujeres, Ciudad Administrativa, Zacatecas, Zac."
COORDINACION = "Coordinación de Unidades de Igualdad de Género"
EVALUADORA = "Mtra. Guadalupe Elías Navarro, Centro de Evaluación del ICATEZAC"

SEMINARIO = (
    "Seminario de cultura institucional: igualdad y no discriminación en el servicio público"
)
ALINEACION = "Curso de alineación al estándar EC0308 · Grupo 1"
INTERNA = "Capacitación interna: lenguaje incluyente y comunicación no sexista"
TALLER = "Taller de prevención del hostigamiento sexual y el acoso sexual · Primer grupo"
CONFERENCIA = "Conferencia: presupuestos públicos con perspectiva de género"

#: Programas que la demo agrega al catálogo sembrado: (nombre, tipo, descripción).
PROGRAMAS = [
    (
        "Taller de prevención del hostigamiento sexual y el acoso sexual",
        Programa.Tipo.TALLER,
        "Taller práctico sobre el Protocolo para la prevención, atención y sanción del "
        "hostigamiento sexual y acoso sexual en la administración pública estatal.",
    ),
    (
        "Ciclo de conferencias sobre igualdad sustantiva",
        Programa.Tipo.CONFERENCIA,
        "Conferencias mensuales abiertas a todas las instituciones.",
    ),
]

#: Procesos EC0308: (índice en PERSONAS, etapas recorridas tras «inscrita», días atrás de la
#: inscripción, si es del curso de alineación en marcha).
NO = Etapa.NO_COMPETENTE
CERTIFICACIONES = [
    (3, [], 6, False),
    (52, [], 4, False),
    (30, [Etapa.ALINEACION], 20, True),
    (10, [Etapa.ALINEACION], 20, True),
    (59, [Etapa.ALINEACION], 20, True),
    (31, [Etapa.ALINEACION, Etapa.EN_EVALUACION], 120, False),
    # El segundo intento: no competente la primera vez, de nuevo en evaluación.
    (25, [Etapa.ALINEACION, Etapa.EN_EVALUACION, NO, Etapa.ALINEACION, Etapa.EN_EVALUACION], 200, False),
    (35, [Etapa.ALINEACION, Etapa.EN_EVALUACION, Etapa.COMPETENTE], 150, False),
    (42, [Etapa.ALINEACION, Etapa.EN_EVALUACION, Etapa.COMPETENTE], 150, False),
    (17, [Etapa.ALINEACION, Etapa.EN_EVALUACION, NO], 140, False),
    (49, [Etapa.ALINEACION, Etapa.EN_EVALUACION, NO], 140, False),
    (33, [Etapa.ALINEACION, Etapa.EN_EVALUACION, Etapa.COMPETENTE, Etapa.CERTIFICADA], 300, False),
    (21, [Etapa.ALINEACION, Etapa.EN_EVALUACION, Etapa.COMPETENTE, Etapa.CERTIFICADA], 300, False),
]  # fmt: skip

MOTIVO_REVOCACION = (
    "La institución informó que el nombre se registró incompleto; se corregirá el registro "
    "antes de volver a emitirla."
)


def cargar_capacitacion(coordinacion, responsables):
    """Crea lo que falte de la capacitación de demostración; devuelve cuántos eventos creó.

    `coordinacion` es la cuenta que organiza, confirma y toma asistencia; `responsables`,
    {siglas: Usuario} con quien inscribe en cada institución (si falta, inscribe la
    Coordinación).
    """
    asegurar_catalogo()
    programas = {p.tipo: p for p in Programa.objects.filter(nombre__in=_programas_sembrados())}
    for nombre, tipo, descripcion in PROGRAMAS:
        programas[tipo], _creado = Programa.objects.get_or_create(
            nombre=nombre, defaults={"tipo": tipo, "descripcion": descripcion}
        )
    personas = _personas(coordinacion)
    if not personas:
        return 0
    demo = _Demo(coordinacion, responsables, personas, programas)
    creados = 0
    for nombre, cargar in (
        (SEMINARIO, demo.seminario),
        (ALINEACION, demo.alineacion),
        (INTERNA, demo.interna),
        (TALLER, demo.taller),
        (CONFERENCIA, demo.conferencia),
    ):
        if not Evento.objects.filter(nombre=nombre).exists():
            cargar(nombre)
            creados += 1
    demo.certificaciones()
    return creados


def _programas_sembrados():
    from capacitacion.catalogo_predeterminado import PROGRAMAS as SEMBRADOS

    return [nombre for nombre, *_resto in SEMBRADOS]


# --- Personas -------------------------------------------------------------------------------


def _ascii(texto):
    sin_acentos = unicodedata.normalize("NFKD", texto.replace("ñ", "x").replace("Ñ", "X"))
    return "".join(c for c in sin_acentos if not unicodedata.combining(c))


def correo(siglas, nombres, apellido):
    """nombre.apellido@siglas.zacatecas.gob.mx (o el correo personal de la persona duplicada)."""
    if (siglas, nombres, apellido) in (
        ("SSALUD", "Rocío", "Delgado"),
        ("SEDIF", "Rocío", "Delgado"),
    ):
        return DUPLICADA[siglas]
    usuario = f"{nombres.split()[0]}.{apellido}".lower().replace(" ", "")
    return f"{_ascii(usuario)}@{siglas.lower()}.zacatecas.gob.mx"


def curp(nombres, apellido1, apellido2, sexo, nacimiento):
    """Una CURP con la forma oficial (iniciales, fecha, sexo, ZS, consonantes internas)."""

    def limpio(texto):
        return _ascii(texto).upper().replace(" ", "")

    a1, a2, nombre = limpio(apellido1), limpio(apellido2), limpio(nombres.split()[0])
    vocal = next((c for c in a1[1:] if c in "AEIOU"), "X")

    def consonante(palabra):
        return next((c for c in palabra[1:] if c.isalpha() and c not in "AEIOU"), "X")

    letra_sexo = "M" if sexo == M else "H"
    return (
        f"{a1[0]}{vocal}{a2[0]}{nombre[0]}{nacimiento:%y%m%d}{letra_sexo}ZS"
        f"{consonante(a1)}{consonante(a2)}{consonante(nombre)}0{nacimiento.day % 10}"
    )


def _personas(coordinacion):
    """[Participante] en el orden de PERSONAS (crea las que falten)."""
    dependencias = Dependencia.objects.in_bulk({fila[0] for fila in PERSONAS}, field_name="siglas")
    personas = []
    for siglas, nombres, apellido1, apellido2, sexo, cargo in PERSONAS:
        dependencia = dependencias.get(siglas)
        if dependencia is None:
            continue
        direccion = correo(siglas, nombres, apellido1).lower()
        persona = (
            Participante.objects.filter(dependencia=dependencia, correo=direccion)
            .select_related("dependencia")
            .first()
        )
        if persona is None:
            persona = Participante(
                nombre=f"{nombres} {apellido1} {apellido2}",
                sexo=sexo,
                dependencia=dependencia,
                cargo=cargo,
                correo=correo(siglas, nombres, apellido1),
                creado_por=coordinacion,
            )
            persona._history_user = coordinacion
            persona.save()
        personas.append(persona)
    return personas if len(personas) == len(PERSONAS) else []


# --- Fechas ---------------------------------------------------------------------------------


def _habil(dia):
    """El mismo día o el lunes siguiente si cae en fin de semana."""
    while dia.weekday() >= 5:
        dia += timedelta(days=1)
    return dia


def _trimestre_anterior(hoy):
    """(inicio, fin) del trimestre calendario anterior al de hoy."""
    inicio_actual = date(hoy.year, 3 * ((hoy.month - 1) // 3) + 1, 1)
    fin = inicio_actual - timedelta(days=1)
    return date(fin.year, fin.month - 2, 1), fin


def _momento(dia, hora=10):
    return timezone.make_aware(datetime.combine(dia, time(hora)))


# --- Eventos --------------------------------------------------------------------------------


class _Demo:
    def __init__(self, coordinacion, responsables, personas, programas):
        self.coordinacion = coordinacion
        self.responsables = responsables
        self.personas = personas
        self.programas = programas
        self.hoy = timezone.localdate()
        self.azar = random.Random(2026)

    def quien_inscribe(self, persona):
        return self.responsables.get(persona.dependencia.siglas, self.coordinacion)

    def evento(self, nombre, programa, sesiones, **datos):
        """Un evento en borrador con sus sesiones [(fecha, horas, tema)] y sus horas totales."""
        evento = Evento(
            nombre=nombre,
            programa=self.programas[programa],
            fecha_inicio=sesiones[0][0],
            fecha_fin=sesiones[-1][0],
            facilitacion=datos.pop("facilitacion", COORDINACION),
            creado_por=self.coordinacion,
            **datos,
        )
        evento._history_user = self.coordinacion
        evento.save()
        for fecha, horas, tema in sesiones:
            sesion = Sesion(
                evento=evento, fecha=fecha, hora_inicio=time(10), horas=Decimal(horas), tema=tema
            )
            sesion._history_user = self.coordinacion
            sesion.save()
        evento.actualizar_horas()
        return evento

    def estados(self, evento, *estados):
        for estado in estados:
            evento._history_user = self.coordinacion
            evento.cambiar_estado(estado)

    def inscribir(self, evento, personas, estado=Inscripcion.Estado.CONFIRMADA, **datos):
        """Inscripciones una por una (con su historial), como las deja el portal."""
        inscripciones = []
        for persona in personas:
            por = datos.get("inscrita_por") or self.quien_inscribe(persona)
            revisada = estado in (Inscripcion.Estado.CONFIRMADA, Inscripcion.Estado.RECHAZADA)
            inscripcion = Inscripcion(
                evento=evento,
                participante=persona,
                dependencia=persona.dependencia,
                estado=estado,
                inscrita_por=por,
                revisada_por=self.coordinacion if revisada else None,
                revisada_en=timezone.now() if revisada else None,
                motivo=datos.get("motivo", ""),
            )
            inscripcion._history_user = por
            inscripcion.save()
            inscripciones.append(inscripcion)
        return inscripciones

    def asistencia(self, evento, inscripciones, faltas, hasta=None):
        """Asistencia de las sesiones hasta la número `hasta`; `faltas` es {índice: [números
        de sesión a las que faltó]} sobre la lista de inscripciones."""
        sesiones = [
            s for s in evento.sesiones.order_by("numero") if hasta is None or s.numero <= hasta
        ]
        Asistencia.objects.bulk_create(
            [
                Asistencia(
                    inscripcion=inscripcion,
                    sesion=sesion,
                    presente=sesion.numero not in faltas.get(i, ()),
                    registrada_por=self.coordinacion,
                )
                for i, inscripcion in enumerate(inscripciones)
                for sesion in sesiones
            ]
        )
        evento.recalcular_acreditacion()

    def de(self, *siglas, cuantas=None):
        """Las personas de esas instituciones (las primeras `cuantas` de cada una)."""
        elegidas = []
        for s in siglas:
            propias = [p for p in self.personas if p.dependencia.siglas == s]
            elegidas.extend(propias[:cuantas])
        return elegidas

    def seminario(self, nombre):
        inicio, _fin = _trimestre_anterior(self.hoy)
        primera = _habil(inicio + timedelta(days=40))
        evento = self.evento(
            nombre,
            Programa.Tipo.SEMINARIO,
            [
                (primera, 4, "Cultura institucional y perspectiva de género"),
                (
                    primera + timedelta(days=7),
                    4,
                    "Igualdad, no discriminación y lenguaje incluyente",
                ),
                (
                    primera + timedelta(days=14),
                    4,
                    "Corresponsabilidad y prevención de la violencia",
                ),
            ],
            modalidad="presencial",
            sede=SEDE,
            cupo=40,
            inscripcion_hasta=primera - timedelta(days=3),
            descripcion=(
                "Tres sesiones para las Unidades de Igualdad de Género y el personal de las "
                "dependencias y entidades sobre cultura institucional con perspectiva de género."
            ),
        )
        self.estados(evento, Estado.ABIERTO)
        # La persona duplicada está aquí con su registro de Salud; el del DIF pide el taller.
        personas = [p for p in self.de(*_siglas(), cuantas=4) if p != self.personas[24]]
        inscripciones = self.inscribir(evento, personas)
        self.inscribir(evento, self.de("SEDIF")[4:5], estado=Inscripcion.Estado.CANCELADA)
        self.inscribir(
            evento,
            self.de("IZEA")[4:5],
            estado=Inscripcion.Estado.RECHAZADA,
            motivo="El cupo por institución era de cuatro personas.",
        )
        self.estados(evento, Estado.CERRADO)
        # Tres personas faltaron a una sesión (no alcanzan el 80 %), una a dos y una a todas.
        faltas = {2: [3], 9: [2], 17: [1], 22: [2, 3], 27: [1, 2, 3]}
        self.asistencia(evento, inscripciones, faltas)
        self.estados(evento, Estado.CONCLUIDO)
        self.constancias(evento, revocar=1)

    def constancias(self, evento, revocar=0):
        """Las constancias de las acreditadas, como las emite el portal; revoca las primeras."""
        acreditadas = evento.inscripciones.acreditadas().select_related("participante")
        emitida = _momento(evento.fecha_fin + timedelta(days=5))
        for n, inscripcion in enumerate(acreditadas.order_by("participante__nombre")):
            constancia = Constancia(
                inscripcion=inscripcion,
                nombre=inscripcion.participante.nombre,
                evento_nombre=evento.nombre,
                horas=evento.horas_totales,
                fecha=evento.fecha_fin,
                emitida_por=self.coordinacion,
            )
            constancia._history_user = self.coordinacion
            constancia.save()
            Constancia.objects.filter(pk=constancia.pk).update(emitida_en=emitida)
            if n < revocar:
                constancia.revocada_en = emitida + timedelta(days=12)
                constancia.revocada_por = self.coordinacion
                constancia.motivo_revocacion = MOTIVO_REVOCACION
                constancia.save(update_fields=["revocada_en", "revocada_por", "motivo_revocacion"])

    def alineacion(self, nombre):
        primera = _habil(self.hoy - timedelta(days=15))
        temas = [
            "El estándar EC0308 y sus criterios de evaluación",
            "Igualdad entre mujeres y hombres: conceptos básicos",
            "Diseño de una sesión de capacitación presencial",
            "Conducción de la sesión y técnicas grupales",
            "Evaluación de la sesión y preparación del portafolio",
        ]
        sesiones = [(primera + timedelta(days=7 * i), 4, tema) for i, tema in enumerate(temas)]
        evento = self.evento(
            nombre,
            Programa.Tipo.CERTIFICACION,
            sesiones,
            modalidad="mixta",
            sede="Aula de capacitación de la Secretaría de las Mujeres, Ciudad Administrativa",
            enlace="https://videoconferencia.zacatecas.gob.mx/semujer/alineacion-ec0308",
            facilitacion=f"{COORDINACION} y Centro de Evaluación del ICATEZAC",
            cupo=20,
            inscripcion_hasta=primera - timedelta(days=2),
            meta_federal="PFTPG: personas certificadas en el EC0308",
            descripcion=(
                "Alineación de personas servidoras públicas al estándar EC0308 antes de su "
                "evaluación con fines de certificación."
            ),
        )
        self.estados(evento, Estado.ABIERTO)
        personas = [self.personas[i] for i in (30, 10, 59)] + [
            p for p in self.de(*_siglas(), cuantas=7)[2::3] if p.correo not in _duplicadas()
        ]
        inscripciones = self.inscribir(evento, list(dict.fromkeys(personas))[:18])
        self.estados(evento, Estado.CERRADO)
        # Asistencia de las dos primeras sesiones; la tercera aún no se captura.
        self.asistencia(evento, inscripciones, {4: [2], 11: [1]}, hasta=2)

    def interna(self, nombre):
        primera = _habil(self.hoy - timedelta(days=35))
        evento = self.evento(
            nombre,
            Programa.Tipo.INTERNA,
            [
                (primera, 3, "Lenguaje incluyente en documentos oficiales"),
                (primera + timedelta(days=2), 3, "Comunicación no sexista en redes sociales"),
            ],
            modalidad="virtual",
            enlace="https://videoconferencia.zacatecas.gob.mx/semujer/capacitacion-interna",
            facilitacion="Departamento de Capacitación de la Secretaría de las Mujeres",
            inscripcion_hasta=primera - timedelta(days=1),
        )
        evento.dependencias.set([self.personas[31].dependencia])
        self.estados(evento, Estado.ABIERTO)
        inscripciones = self.inscribir(evento, self.de("SEMUJER"), inscrita_por=self.coordinacion)
        self.estados(evento, Estado.CERRADO)
        self.asistencia(evento, inscripciones, {6: [2]})
        # Concluido con las constancias por emitir: quien pruebe la demo las emite.
        self.estados(evento, Estado.CONCLUIDO)

    def taller(self, nombre):
        primera = _habil(self.hoy + timedelta(days=14))
        evento = self.evento(
            nombre,
            Programa.Tipo.TALLER,
            [
                (primera, 3, "El protocolo estatal y las personas consejeras"),
                (primera + timedelta(days=2), 3, "Atención de primer contacto y casos prácticos"),
            ],
            modalidad="presencial",
            sede="Sala de juntas de la Secretaría de Finanzas, Ciudad Administrativa",
            cupo=30,
            inscripcion_hasta=self.hoy + timedelta(days=7),
        )
        self.estados(evento, Estado.ABIERTO)
        self.inscribir(evento, [self.personas[i] for i in (19, 27, 48)])
        self.inscribir(
            evento,
            [self.personas[i] for i in (0, 2, 4, 8, 13, 24, 55)],
            estado=Inscripcion.Estado.SOLICITADA,
        )
        self.inscribir(
            evento,
            [self.personas[44]],
            estado=Inscripcion.Estado.RECHAZADA,
            motivo="La persona acreditó este taller el año pasado; se dio el lugar a alguien más.",
        )

    def conferencia(self, nombre):
        dia = _habil(self.hoy + timedelta(days=40))
        self.evento(
            nombre,
            Programa.Tipo.CONFERENCIA,
            [(dia, 2, "Presupuestos con perspectiva de género y anexo transversal")],
            modalidad="virtual",
            enlace="https://videoconferencia.zacatecas.gob.mx/semujer/conferencias",
            facilitacion="Dra. Mariana Llamas Ortiz, Universidad Autónoma de Zacatecas",
        )

    # --- Certificación EC0308 -------------------------------------------------------------

    def certificaciones(self):
        estandar = EstandarCompetencia.objects.get(clave="EC0308")
        curso = Evento.objects.filter(nombre=ALINEACION).first()
        for numero, (indice, etapas, dias, del_curso) in enumerate(CERTIFICACIONES, start=1):
            persona = self.personas[indice]
            if Certificacion.objects.filter(participante=persona, estandar=estandar).exists():
                continue
            if not persona.curp:
                nacimiento = date(1975, 1, 1) + timedelta(days=self.azar.randrange(0, 8000))
                partes = PERSONAS[indice]
                persona.curp = curp(partes[1], partes[2], partes[3], partes[4], nacimiento)
                persona._history_user = self.coordinacion
                persona.save(update_fields=["curp", "actualizado"])
            inscrita = self.hoy - timedelta(days=dias)
            proceso = Certificacion(
                participante=persona,
                estandar=estandar,
                dependencia=persona.dependencia,
                evento=curso if del_curso else None,
                fecha_inscripcion=inscrita,
                actualizada_por=self.coordinacion,
            )
            proceso._history_user = self.coordinacion
            proceso.save()
            fechas = _fechas_de_etapas(
                inscrita, len(etapas), self.hoy, curso if del_curso else None
            )
            for etapa, fecha in zip(etapas, fechas, strict=True):
                proceso._history_user = self.coordinacion
                proceso.avanzar(
                    etapa,
                    self.coordinacion,
                    fecha=fecha,
                    evaluador=EVALUADORA if etapa == Etapa.EN_EVALUACION else "",
                    folio=f"EC0308-{fecha.year}-{4100 + numero:06d}"
                    if etapa == Etapa.CERTIFICADA
                    else "",
                    observaciones=_observacion(etapa),
                )


def _fechas_de_etapas(inscrita, cuantas, hoy, curso):
    """Fechas crecientes entre la inscripción y hoy, una por etapa recorrida."""
    if curso is not None:
        return [min(curso.fecha_inicio, hoy)] * cuantas
    if not cuantas:
        return []
    paso = max(1, (hoy - inscrita).days // (cuantas + 1))
    return [min(hoy, inscrita + timedelta(days=paso * (i + 1))) for i in range(cuantas)]


def _observacion(etapa):
    if etapa == Etapa.NO_COMPETENTE:
        return "Le faltó evidencia del diseño de la sesión; se recomienda repetir la alineación."
    if etapa == Etapa.CERTIFICADA:
        return "Certificado entregado en la ceremonia de la Coordinación."
    return ""


def _siglas():
    return list(dict.fromkeys(fila[0] for fila in PERSONAS))


def _duplicadas():
    return {c.lower() for c in DUPLICADA.values()}
