"""Datos sintéticos de gran volumen para `make bench` (bench/medir.py); nunca para producción.

A escala 1: 3 000 instituciones, 2 responsables de UIG por institución (salvo una de cada 20), una cuenta de Consulta
por cada 10 instituciones, 20 cuentas de Coordinación y 3 de Administración. Todo con
bulk_create, por lo que no se escriben filas de historial (no hacen falta para medir).

Diagnósticos (`bench/diagnostico.py`): el instrumento predeterminado en dos rondas, una de
línea base del año anterior con todas las instituciones aceptadas y la actual con todas
respondiendo (~80 % enviadas o aceptadas, el resto en progreso o sin iniciar), con valores
plausibles en cada pregunta visible e índices calculados: unas 300,000 filas de Valor.
Si la base ya tiene las instituciones y cuentas de la escala pero ninguna ronda (se generó
antes de existir los diagnósticos), solo se agregan las rondas.

Capacitación (`bench/capacitacion.py`): 100,000 personas participantes, ~150 eventos en dos
años con ~150,000 inscripciones y su asistencia, ~3,000 procesos de certificación, un curso
masivo de 5,000 personas para medir la importación de asistencia y un diplomado con 500
constancias para el ZIP. Como con los diagnósticos, se agrega sola a una base que no la tenga.
"""

import os
import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from bench.capacitacion import generar_capacitacion
from bench.diagnostico import generar_diagnosticos
from capacitacion.models import Evento
from diagnosticos.models import Aplicacion
from uig_portal.models import Usuario
from uig_portal.roles import Rol
from unidades.models import Dependencia

#: Instituciones a escala 1.
INSTITUCIONES = 3000
RESPONSABLES_POR_INSTITUCION = 2
INSTITUCIONES_POR_CONSULTA = 10
#: Una de cada tantas instituciones no tiene responsable, como en la realidad al empezar.
INSTITUCIONES_POR_SIN_RESPONSABLE = 20
COORDINACION = 20
ADMINISTRACION = 3


def lista(texto):
    """Una lista de palabras separadas por comas, en varias líneas."""
    return [palabra.strip() for palabra in texto.split(",") if palabra.strip()]


#: Contraseña de todas las cuentas del bench; la base del bench es desechable.
CONTRASENA_BENCH = "bench-contrasena-desechable"

#: Temas de los sectores: cada sector es «Secretaría de <tema>» (60 sectores).
TEMAS = lista(
    """
    Gobierno, Finanzas, Educación, Salud, Seguridad Pública, Economía, Desarrollo Social,
    Desarrollo Urbano, Obras Públicas, Agua y Medio Ambiente, Campo, Turismo, Cultura,
    Juventud, Deporte, Trabajo, Movilidad, Administración, Función Pública, Planeación,
    Migración, Vivienda, Ciencia y Tecnología, Energía, Minería, Pueblos Indígenas,
    Protección Civil, Comunicación Social, Asuntos Jurídicos, Bienestar,
    Infraestructura Carretera, Innovación, Patrimonio, Catastro, Recaudación,
    Archivo General, Atención a Víctimas, Derechos Humanos, Transparencia, Asistencia Social,
    Ganadería, Pesca y Acuacultura, Forestal, Zonas Áridas, Abasto, Comercio Exterior,
    Inversión, Capacitación, Educación Técnica, Educación Superior, Salud Mental, Hospitales,
    Reinserción Social, Tránsito, Emergencias, Registro Civil, Notarías, Defensoría Pública,
    Igualdad Sustantiva, Gestión Metropolitana
    """
)

#: Tipos con su peso aproximado y cómo suelen llamarse sus instituciones.
TIPOS = [
    (Dependencia.Tipo.CENTRALIZADA, 2, ["Dirección General de", "Subsecretaría de"]),
    (
        Dependencia.Tipo.DESCENTRALIZADA,
        5,
        ["Instituto Estatal de", "Consejo Estatal de", "Comisión Estatal de", "Fideicomiso de"],
    ),
    (
        Dependencia.Tipo.DESCONCENTRADA,
        3,
        ["Centro Estatal de", "Coordinación Estatal de", "Unidad Estatal de"],
    ),
]

NOMBRES = lista(
    """
    María, Guadalupe, Juana, Verónica, Claudia, Patricia, Rosa, Leticia, Adriana, Gabriela,
    Alejandra, Mónica, Laura, Sofía, Ximena, José, Juan, Luis, Carlos, Jorge, Miguel,
    Francisco, Raúl, Ricardo, Andrés
    """
)
APELLIDOS = lista(
    """
    Hernández, García, Martínez, López, González, Rodríguez, Pérez, Sánchez, Ramírez, Flores,
    Torres, Díaz, Reyes, Morales, Ortiz, Castañeda, Muñoz, Reveles, Bañuelos, Escobedo,
    Dávila, Núñez, Villalobos, Luna, Salas
    """
)


def esperados(escala):
    """Cuántas instituciones y cuentas hay a una escala dada."""
    instituciones = max(1, round(INSTITUCIONES * escala))
    cuentas = (
        (instituciones - instituciones // INSTITUCIONES_POR_SIN_RESPONSABLE)
        * RESPONSABLES_POR_INSTITUCION
        + instituciones // INSTITUCIONES_POR_CONSULTA
        + COORDINACION
        + ADMINISTRACION
    )
    return instituciones, cuentas


def generar_dependencias(n, azar):
    tipos = [tipo for tipo, peso, _nombres in TIPOS for _ in range(peso)]
    prefijos = {tipo: nombres for tipo, _peso, nombres in TIPOS}
    dependencias = []
    for i in range(1, n + 1):
        tipo = azar.choice(tipos)
        tema = azar.choice(TEMAS)
        dependencias.append(
            Dependencia(
                # El número al final hace únicos el nombre y las siglas.
                nombre=f"{azar.choice(prefijos[tipo])} {tema} {i:05d}",
                siglas=f"B{tipo[:3].upper()}{i:05d}",
                tipo=tipo,
                sector=f"Secretaría de {tema}",
                titular=f"{azar.choice(NOMBRES)} {azar.choice(APELLIDOS)}",
                vigente=azar.random() > 0.02,
            )
        )
    return Dependencia.objects.bulk_create(dependencias, batch_size=1000)


def analizar():
    if connection.vendor == "postgresql":
        # Estadísticas al día para que los planes de consulta no dependan de cuándo pase
        # el autovacuum tras la carga masiva.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = (
        "Genera un conjunto grande de instituciones y cuentas sintéticas para medir el rendimiento."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--escala",
            type=float,
            default=1.0,
            help=f"Multiplica el volumen; 1 son {INSTITUCIONES} instituciones.",
        )
        parser.add_argument(
            "--reiniciar",
            action="store_true",
            help="Vacía toda la base (flush) y genera los datos de nuevo.",
        )

    def handle(self, *args, escala=1.0, reiniciar=False, **options):
        if os.environ.get("UIG_BENCH") != "1":
            raise CommandError(
                "Este comando llena la base con miles de registros sintéticos: solo corre con "
                "UIG_BENCH=1 (lo pone bench/medir.py) contra la base del bench."
            )
        if escala <= 0:
            raise CommandError("La escala debe ser mayor que cero.")
        instituciones, cuentas = esperados(escala)

        if reiniciar:
            call_command("flush", interactive=False, verbosity=0)
        call_command("sincronizar_roles", verbosity=0, stdout=self.stdout)

        hay = (Dependencia.objects.count(), Usuario.objects.count())
        faltan_diagnosticos = not Aplicacion.objects.exists()
        faltan_capacitacion = not Evento.objects.exists()
        if hay == (instituciones, cuentas) and (faltan_diagnosticos or faltan_capacitacion):
            agregados, resumen = [], ""
            dependencias = list(Dependencia.objects.order_by("pk"))
            coordinacion = Usuario.objects.get(username="bench.coordinacion.01")
            with transaction.atomic():
                if faltan_diagnosticos:
                    generar_diagnosticos(dependencias, coordinacion, random.Random(2027))
                    agregados.append("Diagnósticos")
                if faltan_capacitacion:
                    # Generados antes de existir la capacitación: solo se agrega ella.
                    resumen = " " + generar_capacitacion(
                        dependencias, coordinacion, random.Random(2028), escala
                    )
                    agregados.append("capacitación" if agregados else "Capacitación")
            analizar()
            return (
                f"{' y '.join(agregados)} de escala {escala:g} agregados a los datos que había."
                + resumen
            )
        if hay == (instituciones, cuentas):
            return (
                f"Los datos de escala {escala:g} ya existen ({instituciones} instituciones, "
                f"{cuentas} cuentas); no se generó nada."
            )
        if hay != (0, 0):
            raise CommandError(
                f"La base ya tiene otros datos ({hay[0]} instituciones, {hay[1]} cuentas) y a "
                f"escala {escala:g} se esperan {instituciones} y {cuentas}; use --reiniciar para "
                "vaciarla y generarlos de nuevo."
            )

        with transaction.atomic():
            self.generar(instituciones, azar=random.Random(2026))
            resumen = generar_capacitacion(
                list(Dependencia.objects.order_by("pk")),
                Usuario.objects.get(username="bench.coordinacion.01"),
                random.Random(2028),
                escala,
            )
        analizar()
        return (
            f"Datos de escala {escala:g} generados: {instituciones} instituciones y "
            f"{cuentas} cuentas. {resumen}"
        )

    def generar(self, instituciones, azar):
        dependencias = generar_dependencias(instituciones, azar)
        # Un solo hash para todas las cuentas: calcularlo miles de veces sería lo más lento.
        contrasena = make_password(CONTRASENA_BENCH)
        ahora = timezone.now()
        usuarios, roles = [], []

        def cuenta(usuario, rol, dependencia=None, cargo=""):
            nombre, apellido = azar.choice(NOMBRES), azar.choice(APELLIDOS)
            # Poco más de la mitad ya entró alguna vez, en los últimos 90 días.
            ultimo = ahora - timedelta(minutes=azar.randrange(90 * 24 * 60))
            usuarios.append(
                Usuario(
                    username=usuario,
                    first_name=nombre,
                    last_name=f"{apellido} {azar.choice(APELLIDOS)}",
                    email=f"{usuario}@bench.uig.example.gob.mx",
                    password=contrasena,
                    dependencia=dependencia,
                    cargo=cargo,
                    is_active=True,
                    is_staff=rol == Rol.ADMINISTRACION,
                    last_login=ultimo if azar.random() < 0.6 else None,
                )
            )
            roles.append(rol)

        for i in range(1, COORDINACION + 1):
            cuenta(f"bench.coordinacion.{i:02d}", Rol.COORDINACION, cargo="Enlace de seguimiento")
        for i in range(1, ADMINISTRACION + 1):
            cuenta(f"bench.administracion.{i:02d}", Rol.ADMINISTRACION, cargo="Administración")
        for i, dependencia in enumerate(dependencias, start=1):
            con_responsable = i % INSTITUCIONES_POR_SIN_RESPONSABLE != 0
            for j in range(1, RESPONSABLES_POR_INSTITUCION + 1 if con_responsable else 1):
                cuenta(
                    f"bench.responsable.{i:05d}.{j}",
                    Rol.RESPONSABLE,
                    dependencia,
                    "Titular de la Unidad de Igualdad de Género" if j == 1 else "Enlace de la UIG",
                )
            if i % INSTITUCIONES_POR_CONSULTA == 0:
                cuenta(f"bench.consulta.{i:05d}", Rol.CONSULTA, dependencia, "Consulta")

        usuarios = Usuario.objects.bulk_create(usuarios, batch_size=1000)
        grupos = {g.name: g.pk for g in Group.objects.all()}
        Membresia = Usuario.groups.through
        Membresia.objects.bulk_create(
            [
                Membresia(usuario_id=u.pk, group_id=grupos[rol.value])
                for u, rol in zip(usuarios, roles, strict=True)
            ],
            batch_size=2000,
        )
        generar_unidades(dependencias, usuarios[0], azar)
        generar_diagnosticos(dependencias, usuarios[0], azar)


def generar_unidades(dependencias, coordinacion, azar):
    """Unidades en todos los estados del ciclo, con integrantes, evidencias, asesorías,
    reuniones y acuerdos, para medir el expediente, la meta y los acuerdos con volumen real."""
    from datetime import date, datetime

    from unidades.models import (
        Acuerdo,
        Asesoria,
        AsistenciaReunion,
        Evidencia,
        Integrante,
        PasoGuia,
        Reunion,
        Sexo,
        Unidad,
    )
    from unidades.services import guia_asegurar_predeterminada

    guia_asegurar_predeterminada()
    pasos = list(PasoGuia.objects.activos())
    inicio = date(2025, 1, 1)
    unidades = []
    for dependencia in dependencias:
        # Avance desigual, como en la realidad: un tercio sin iniciar, pocas operando.
        hasta = azar.choices(range(5), weights=[30, 20, 15, 25, 10])[0]
        fechas, dia = {}, inicio
        for estado in Unidad.ORDEN[1 : hasta + 1]:
            dia = dia + timedelta(days=azar.randrange(20, 120))
            fechas[Unidad.CAMPO_FECHA[estado]] = min(dia, date(2026, 11, 1))
        unidades.append(
            Unidad(
                dependencia=dependencia,
                estado=Unidad.ORDEN[hasta],
                modalidad="enlace" if azar.random() < 0.15 else "unidad",
                **fechas,
            )
        )
    unidades = Unidad.objects.bulk_create(unidades, batch_size=1000)

    integrantes, evidencias = [], []
    for unidad in unidades:
        posicion = Unidad.ORDEN.index(unidad.estado)
        if posicion >= 2:
            for cargo in ["titular", "integrante", "integrante"]:
                integrantes.append(
                    Integrante(
                        unidad=unidad,
                        cargo_en_unidad=cargo,
                        nombre=f"{azar.choice(NOMBRES)} {azar.choice(APELLIDOS)}",
                        puesto="Dirección de Planeación",
                        sexo=azar.choice([Sexo.MUJER, Sexo.MUJER, Sexo.HOMBRE]),
                        fecha_designacion=unidad.fecha_titular_designada,
                    )
                )
        for paso in pasos[: posicion * 2 + 1]:
            evidencias.append(
                Evidencia(
                    unidad=unidad,
                    paso=paso,
                    archivo="evidencias/bench/evidencia.pdf",
                    nombre_original=f"{paso.clave}.pdf",
                    tipo_contenido="application/pdf",
                    tamano=120_000,
                    subida_por=coordinacion,
                    estado="validada" if paso.orden <= posicion * 2 else "pendiente",
                )
            )
    Integrante.objects.bulk_create(integrantes, batch_size=2000)
    Evidencia.objects.bulk_create(evidencias, batch_size=2000)

    asesorias = Asesoria.objects.bulk_create(
        [
            Asesoria(
                dependencia=unidad.dependencia,
                fecha=date(2026, azar.randrange(1, 11), azar.randrange(1, 28)),
                modalidad=azar.choice(["presencial", "virtual"]),
                tema="Elaboración del plan de trabajo",
                registrada_por=coordinacion,
            )
            for unidad in unidades
            if unidad.estado != Unidad.Estado.SIN_INICIAR
        ],
        batch_size=1000,
    )
    reuniones = []
    for mes in range(1, 13):
        reunion = Reunion.objects.create(
            titulo=f"Reunión de planeación operativa {mes}/2026",
            fecha=timezone.make_aware(datetime(2026, mes, 15, 10, 0)),
            modalidad="mixta",
            lugar="Secretaría de las Mujeres",
            enlace="https://reuniones.example.gob.mx/uig",
            orden_del_dia="1. Avance de instalación\n2. Acuerdos",
            convocada_por=coordinacion,
        )
        reunion.invitadas.set(dependencias)
        reuniones.append(reunion)
    AsistenciaReunion.objects.bulk_create(
        [
            AsistenciaReunion(
                reunion=r, dependencia=d, mujeres=azar.randrange(3), hombres=azar.randrange(2)
            )
            for r in reuniones[:10]
            for d in dependencias
            if azar.random() < 0.6
        ],
        batch_size=5000,
    )
    hoy = timezone.localdate()
    Acuerdo.objects.bulk_create(
        [
            Acuerdo(
                reunion=azar.choice(reuniones) if n % 2 else None,
                asesoria=None if n % 2 else asesoria,
                descripcion="Entregar el acta de instalación firmada",
                dependencia=asesoria.dependencia,
                responsable="Titular de la unidad",
                fecha_compromiso=hoy + timedelta(days=azar.randrange(-60, 60)),
                estado="cumplido" if azar.random() < 0.4 else "pendiente",
            )
            for n, asesoria in enumerate(asesorias)
        ],
        batch_size=2000,
    )
    generar_planes(unidades, coordinacion, azar)


def actividad_de_ejemplo(plan, orden, eje="cultura"):
    """Una actividad completa y realista, sin guardar (el bench la crea en lote)."""
    from decimal import Decimal

    from planes.models import Actividad

    return Actividad(
        plan=plan,
        orden=orden,
        eje=eje,
        area_oportunidad="Personal sin formación en igualdad sustantiva",
        objetivo="Sensibilizar al personal de la institución en igualdad sustantiva",
        estrategia="Capacitación continua y obligatoria",
        linea_accion="Talleres de igualdad sustantiva y no discriminación",
        descripcion=f"Taller {orden + 1} de igualdad sustantiva para mandos medios",
        indicador="Porcentaje de personas capacitadas",
        formula="Personas capacitadas / personas programadas × 100",
        unidad_medida="Personas",
        linea_base=Decimal(0),
        meta_anual=Decimal(40),
        meta_t1=Decimal(10),
        meta_t2=Decimal(10),
        meta_t3=Decimal(10),
        meta_t4=Decimal(10),
        medio_verificacion="Listas de asistencia y constancias",
        mes_inicio=2,
        mes_fin=11,
        area_responsable="Unidad de Igualdad de Género",
        recursos="Personal de la unidad; aula de capacitación",
        programa_presupuestario="E001 Igualdad sustantiva",
        resultado_esperado="Personal sensibilizado que aplica la perspectiva de género",
    )


def generar_planes(unidades, coordinacion, azar):
    """Un plan 2026 aprobado por cada unidad que opera (6 actividades, alineadas, con los
    informes de los trimestres pasados) y uno enviado por cada unidad instalada."""
    from decimal import Decimal

    from planes.alineacion_predeterminada import ATRIBUCIONES, ESTRATEGIAS_PED
    from planes.models import (
        Actividad,
        Alineacion,
        InformeTrimestral,
        PlanTrabajo,
        Seguimiento,
    )
    from unidades.models import Unidad

    # Tras --reiniciar (flush) los catálogos que siembra la migración ya no están.
    for tipo, elementos in (("atribucion", ATRIBUCIONES), ("ped", ESTRATEGIAS_PED)):
        for clave, descripcion in elementos:
            Alineacion.objects.get_or_create(
                tipo=tipo, clave=clave, defaults={"descripcion": descripcion}
            )
    ped = list(Alineacion.objects.filter(tipo="ped"))
    atribuciones = list(Alineacion.objects.filter(tipo="atribucion"))
    planes = []
    for unidad in unidades:
        if unidad.estado not in (Unidad.Estado.INSTALADA, Unidad.Estado.OPERANDO):
            continue
        aprobado = unidad.estado == Unidad.Estado.OPERANDO
        planes.append(
            PlanTrabajo(
                unidad=unidad,
                anio=2026,
                estado="aprobado" if aprobado else "enviado",
                titular_unidad="Titular de la unidad",
                compromiso="Promover una cultura institucional incluyente y libre de violencia.",
                enviado_en=timezone.now(),
                aprobado_en=timezone.now() if aprobado else None,
                aprobado_por=coordinacion if aprobado else None,
            )
        )
    planes = PlanTrabajo.objects.bulk_create(planes, batch_size=1000)
    actividades = []
    for plan in planes:
        for orden in range(6):
            actividades.append(
                actividad_de_ejemplo(plan, orden, eje=azar.choice(Actividad.Eje.values))
            )
    actividades = Actividad.objects.bulk_create(actividades, batch_size=2000)
    Enlace = Actividad.alineaciones.through
    Enlace.objects.bulk_create(
        [
            Enlace(actividad_id=a.pk, alineacion_id=alineacion.pk)
            for a in actividades
            for alineacion in (azar.choice(ped), azar.choice(atribuciones))
        ],
        batch_size=5000,
    )
    por_plan = {}
    for actividad in actividades:
        por_plan.setdefault(actividad.plan_id, []).append(actividad)
    informes = []
    for plan in planes:
        if plan.estado != "aprobado":
            continue
        # Los trimestres 1 y 2 se entregaron; el 3 solo a veces (los demás van atrasados).
        for trimestre in (1, 2, 3):
            if trimestre == 3 and azar.random() < 0.4:
                continue
            informes.append(
                InformeTrimestral(
                    plan=plan,
                    trimestre=trimestre,
                    estado="enviado",
                    enviado_en=timezone.now(),
                    enviado_por=coordinacion,
                )
            )
    informes = InformeTrimestral.objects.bulk_create(informes, batch_size=2000)
    Seguimiento.objects.bulk_create(
        [
            Seguimiento(
                informe=informe,
                actividad=actividad,
                valor_alcanzado=Decimal(azar.randrange(0, 12)),
                estado=azar.choice(["en_proceso", "concluida", "no_iniciada"]),
                narrativa="Se impartieron los talleres programados.",
            )
            for informe in informes
            for actividad in por_plan[informe.plan_id]
        ],
        batch_size=5000,
    )
