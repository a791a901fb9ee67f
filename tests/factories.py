from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import factory
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

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
from diagnosticos.models import (
    Aplicacion,
    Cuestionario,
    Opcion,
    Pregunta,
    Respuesta,
    Seccion,
    Valor,
    Version,
)
from planes.models import Actividad, Alineacion, PlanTrabajo
from uig_portal.models import Usuario
from uig_portal.roles import Rol
from unidades.models import (
    Acuerdo,
    Asesoria,
    Dependencia,
    Evidencia,
    Integrante,
    PasoGuia,
    Reunion,
    Sexo,
    Unidad,
)

CONTRASENA = "una-frase-larga-de-prueba"


class DependenciaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dependencia
        skip_postgeneration_save = True

    nombre = factory.Sequence(lambda n: f"Secretaría de Prueba {n}")
    siglas = factory.Sequence(lambda n: f"SP{n}")
    tipo = Dependencia.Tipo.CENTRALIZADA
    sector = factory.LazyAttribute(lambda o: o.nombre)

    @factory.post_generation
    def con_unidad(self, create, extracted, **kwargs):
        """Toda institución tiene su unidad, como al crearla en el portal."""
        if create:
            Unidad.objects.get_or_create(dependencia=self)


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"persona{n}")
    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ejemplo.gob.mx")
    password = factory.django.Password(CONTRASENA)

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        """UsuarioFactory(rol=Rol.COORDINACION) la agrega al grupo del rol."""
        if create and extracted:
            grupo = Group.objects.filter(name=Rol(extracted).value).first()
            if grupo is None:
                # Una prueba transaccional anterior vació la base: se vuelven a crear los roles.
                call_command("sincronizar_roles", verbosity=0, stdout=StringIO())
                grupo = Group.objects.get(name=Rol(extracted).value)
            self.groups.add(grupo)


class UnidadFactory(factory.django.DjangoModelFactory):
    """La unidad de una institución nueva (usa DependenciaFactory y crea la unidad)."""

    class Meta:
        model = Unidad
        django_get_or_create = ("dependencia",)

    dependencia = factory.SubFactory(DependenciaFactory)


class IntegranteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Integrante

    unidad = factory.SubFactory(UnidadFactory)
    cargo_en_unidad = Integrante.Cargo.TITULAR
    nombre = factory.Faker("name", locale="es_MX")
    puesto = "Directora de Planeación"
    sexo = Sexo.MUJER
    correo = factory.Sequence(lambda n: f"integrante{n}@ejemplo.gob.mx")
    fecha_designacion = factory.LazyFunction(lambda: date(2026, 2, 1))


def pdf_minimo(texto="Evidencia de prueba"):
    """Bytes de un PDF real de una página (pypdf), para subir como evidencia."""
    from io import BytesIO

    from pypdf import PdfWriter

    escritor = PdfWriter()
    escritor.add_blank_page(width=612, height=792)
    escritor.add_metadata({"/Title": texto})
    salida = BytesIO()
    escritor.write(salida)
    return salida.getvalue()


def archivo_pdf(nombre="evidencia.pdf", contenido=None):
    return SimpleUploadedFile(nombre, contenido or pdf_minimo(), content_type="application/pdf")


class EvidenciaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidencia

    unidad = factory.SubFactory(UnidadFactory)
    paso = factory.LazyFunction(lambda: PasoGuia.objects.get(clave="oficio"))
    tipo_contenido = "application/pdf"
    archivo = factory.LazyFunction(lambda: archivo_pdf())
    nombre_original = "evidencia.pdf"
    tamano = factory.LazyAttribute(lambda o: o.archivo.size)


class AsesoriaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asesoria

    dependencia = factory.SubFactory(DependenciaFactory)
    fecha = factory.LazyFunction(lambda: date(2026, 3, 10))
    modalidad = "presencial"
    tema = "Elaboración del plan de trabajo"


class ReunionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reunion
        skip_postgeneration_save = True

    titulo = factory.Sequence(lambda n: f"Reunión de planeación operativa {n}")
    fecha = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    modalidad = "presencial"
    lugar = "Sala de juntas de la Secretaría de las Mujeres"
    orden_del_dia = "1. Bienvenida\n2. Avance de instalación\n3. Acuerdos"

    @factory.post_generation
    def invitadas(self, create, extracted, **kwargs):
        if create and extracted:
            self.invitadas.set(extracted)


class AcuerdoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acuerdo

    reunion = factory.SubFactory(ReunionFactory)
    descripcion = "Entregar el acta de instalación firmada"
    dependencia = factory.SubFactory(DependenciaFactory)
    responsable = "Titular de la unidad"
    fecha_compromiso = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=15))


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanTrabajo

    unidad = factory.SubFactory(UnidadFactory)
    anio = 2026
    titular_unidad = "Itzel Ramírez Núñez"
    compromiso = "Promover una cultura institucional incluyente y libre de violencia."


class ActividadFactory(factory.django.DjangoModelFactory):
    """Una actividad completa: con ella el plan se puede enviar."""

    class Meta:
        model = Actividad
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    orden = factory.Sequence(lambda n: n)
    eje = Actividad.Eje.CULTURA
    area_oportunidad = "Poco personal capacitado en igualdad"
    objetivo = "Sensibilizar al personal"
    estrategia = "Capacitación continua"
    linea_accion = "Talleres de igualdad"
    descripcion = factory.Sequence(lambda n: f"Taller de igualdad sustantiva {n}")
    indicador = "Personas capacitadas"
    formula = "Personas capacitadas / personas programadas × 100"
    unidad_medida = "Personas"
    linea_base = Decimal("0")
    meta_anual = Decimal("40")
    meta_t1 = Decimal("10")
    meta_t2 = Decimal("10")
    meta_t3 = Decimal("10")
    meta_t4 = Decimal("10")
    medio_verificacion = "Listas de asistencia"
    mes_inicio = 2
    mes_fin = 11
    area_responsable = "Unidad de Igualdad de Género"
    recursos = "Personal de la unidad"
    resultado_esperado = "Personal sensibilizado"

    @factory.post_generation
    def alineado(self, create, extracted, **kwargs):
        """Alineada con 2.10.2 y con la atribución VII (salvo alineado=False)."""
        if create and extracted is not False:
            self.alineaciones.set(
                Alineacion.objects.filter(
                    Q(tipo="ped", clave="2.10.2") | Q(tipo="atribucion", clave="VII")
                )
            )


# --- Diagnósticos ---------------------------------------------------------------------------


class CuestionarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cuestionario

    nombre = factory.Sequence(lambda n: f"Diagnóstico de prueba {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Version

    cuestionario = factory.SubFactory(CuestionarioFactory)
    numero = 1


class SeccionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seccion

    version = factory.SubFactory(VersionFactory)
    orden = factory.Sequence(lambda n: n)
    codigo = factory.Sequence(lambda n: f"seccion_{n}")
    titulo = factory.Sequence(lambda n: f"Sección {n}")


class PreguntaFactory(factory.django.DjangoModelFactory):
    """Una pregunta sí / parcial / no obligatoria, con peso 1."""

    class Meta:
        model = Pregunta

    seccion = factory.SubFactory(SeccionFactory)
    orden = factory.Sequence(lambda n: n)
    codigo = factory.Sequence(lambda n: f"p{n}")
    texto = factory.Sequence(lambda n: f"¿La institución cumple el requisito {n}?")
    tipo = Pregunta.Tipo.SI_NO


class OpcionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opcion

    pregunta = factory.SubFactory(PreguntaFactory, tipo=Pregunta.Tipo.OPCION_UNICA)
    orden = factory.Sequence(lambda n: n)
    valor = factory.Sequence(lambda n: f"op{n}")
    etiqueta = factory.Sequence(lambda n: f"Opción {n}")


class AplicacionFactory(factory.django.DjangoModelFactory):
    """Una ronda abierta desde hace una semana, con plazo en tres semanas."""

    class Meta:
        model = Aplicacion

    version = factory.SubFactory(VersionFactory)
    nombre = factory.Sequence(lambda n: f"Ronda de prueba {n}")
    apertura = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    cierre = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=21))


class RespuestaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Respuesta

    aplicacion = factory.SubFactory(AplicacionFactory)
    dependencia = factory.SubFactory(DependenciaFactory)


class ValorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Valor

    respuesta = factory.SubFactory(RespuestaFactory)
    pregunta = factory.SubFactory(PreguntaFactory)
    valor = "si"
    revision = 1


# --- Capacitación -------------------------------------------------------------------------


class EstandarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EstandarCompetencia
        django_get_or_create = ("clave",)

    clave = factory.Sequence(lambda n: f"EC9{n:03d}")
    titulo = factory.Sequence(lambda n: f"Estándar de prueba {n}")


class ProgramaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programa

    nombre = factory.Sequence(lambda n: f"Programa de capacitación {n}")
    tipo = Programa.Tipo.CURSO


class EventoFactory(factory.django.DjangoModelFactory):
    """Un evento presencial abierto a todas las instituciones, en estado borrador y sin
    sesiones; `SesionFactory` le suma horas."""

    class Meta:
        model = Evento

    programa = factory.SubFactory(ProgramaFactory)
    nombre = factory.Sequence(lambda n: f"Curso de igualdad {n}")
    modalidad = "presencial"
    sede = "Auditorio del Palacio de Gobierno"
    facilitacion = "Coordinación de Unidades de Igualdad de Género"
    fecha_inicio = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    fecha_fin = factory.LazyAttribute(lambda o: o.fecha_inicio + timedelta(days=20))


class SesionFactory(factory.django.DjangoModelFactory):
    """Una sesión de 2 horas el primer día del evento; actualiza las horas del evento."""

    class Meta:
        model = Sesion
        skip_postgeneration_save = True

    evento = factory.SubFactory(EventoFactory)
    fecha = factory.LazyAttribute(lambda o: o.evento.fecha_inicio)
    horas = Decimal("2")

    @factory.post_generation
    def horas_del_evento(obj, create, extracted, **kwargs):
        if create:
            obj.evento.actualizar_horas()


class ParticipanteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participante

    nombre = factory.Sequence(lambda n: f"Persona Participante {n}")
    sexo = "mujer"
    dependencia = factory.SubFactory(DependenciaFactory)
    cargo = "Jefa de departamento"
    correo = factory.Sequence(lambda n: f"persona{n}@zacatecas.gob.mx")


class InscripcionFactory(factory.django.DjangoModelFactory):
    """Una inscripción confirmada de una persona de la institución de la inscripción."""

    class Meta:
        model = Inscripcion

    evento = factory.SubFactory(EventoFactory)
    dependencia = factory.SubFactory(DependenciaFactory)
    participante = factory.SubFactory(
        ParticipanteFactory, dependencia=factory.SelfAttribute("..dependencia")
    )
    estado = Inscripcion.Estado.CONFIRMADA


class AsistenciaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asistencia

    inscripcion = factory.SubFactory(InscripcionFactory)
    sesion = factory.SubFactory(SesionFactory, evento=factory.SelfAttribute("..inscripcion.evento"))
    presente = True


class CertificacionFactory(factory.django.DjangoModelFactory):
    """Un proceso EC0308 recién inscrito (el estándar viene sembrado por la migración)."""

    class Meta:
        model = Certificacion

    dependencia = factory.SubFactory(DependenciaFactory)
    participante = factory.SubFactory(
        ParticipanteFactory,
        dependencia=factory.SelfAttribute("..dependencia"),
        curp=factory.Sequence(lambda n: f"GOMA850312MZSRRN{n % 10}{n % 10}"),
    )
    estandar = factory.LazyFunction(
        lambda: EstandarFactory(
            clave="EC0308",
            titulo="Capacitación presencial a servidoras y servidores públicos en y desde el "
            "enfoque de igualdad entre mujeres y hombres. Nivel básico",
        )
    )


class ConstanciaFactory(factory.django.DjangoModelFactory):
    """La constancia de una inscripción acreditada, con los datos copiados de ella."""

    class Meta:
        model = Constancia

    inscripcion = factory.SubFactory(InscripcionFactory, acreditada=True, horas_asistidas=4)
    nombre = factory.LazyAttribute(lambda o: o.inscripcion.participante.nombre)
    evento_nombre = factory.LazyAttribute(lambda o: o.inscripcion.evento.nombre)
    horas = factory.LazyAttribute(lambda o: o.inscripcion.evento.horas_totales or Decimal("4"))
    fecha = factory.LazyAttribute(lambda o: o.inscripcion.evento.fecha_fin)
