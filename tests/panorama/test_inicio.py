"""La página de inicio de cada rol resume lo que existe, con un número fijo de consultas."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DependenciaFactory, UsuarioFactory
from uig_portal.roles import Rol
from unidades.models import Dependencia

pytestmark = pytest.mark.django_db


def consultas_de(client, url):
    with CaptureQueriesContext(connection) as capturadas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200
    return len(capturadas)


def test_coordinacion_ve_el_avance_por_tipo(client, coordinacion):
    propia = DependenciaFactory(tipo=Dependencia.Tipo.CENTRALIZADA)
    DependenciaFactory(tipo=Dependencia.Tipo.CENTRALIZADA)
    DependenciaFactory(tipo=Dependencia.Tipo.DESCONCENTRADA, nombre="Comisión Sin Responsable")
    DependenciaFactory(tipo=Dependencia.Tipo.DESCONCENTRADA, vigente=False)
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=propia)
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=propia)  # dos responsables cuentan una vez
    UsuarioFactory(rol=Rol.CONSULTA, dependencia=DependenciaFactory())  # consulta no cuenta
    client.force_login(coordinacion)
    respuesta = client.get(reverse("inicio"))
    resumen = respuesta.context["resumen"]
    assert resumen["total"] == 4  # la no vigente no cuenta
    assert resumen["con_responsable"] == 1
    assert resumen["porcentaje"] == 25
    filas = {f["tipo"]: f for f in resumen["por_tipo"]}
    assert filas["Dependencia centralizada"]["total"] == 3
    assert filas["Dependencia centralizada"]["con_responsable"] == 1
    assert filas["Órgano desconcentrado"]["total"] == 1
    assert "Comisión Sin Responsable" in respuesta.content.decode()


def test_el_inicio_de_coordinacion_no_crece_en_consultas(client, coordinacion):
    client.force_login(coordinacion)
    DependenciaFactory.create_batch(3)
    pocas = consultas_de(client, reverse("inicio"))
    for d in DependenciaFactory.create_batch(30):
        UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=d)
    assert consultas_de(client, reverse("inicio")) == pocas


def test_el_inicio_de_administracion_no_crece_en_consultas(client, administracion):
    client.force_login(administracion)
    pocas = consultas_de(client, reverse("inicio"))
    for d in DependenciaFactory.create_batch(20):
        UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=d)
    assert consultas_de(client, reverse("inicio")) == pocas
    assert "Cuentas activas por rol" in client.get(reverse("inicio")).content.decode()


def test_responsable_ve_su_institucion_y_su_equipo(
    client, responsable, dependencia, responsable_ajena
):
    companera = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia, first_name="Itzel")
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert "Secretaría Propia" in html
    assert companera.first_name in html
    assert "Secretaría Ajena" not in html
    assert (
        responsable_ajena.first_name not in html
        or responsable_ajena.first_name == companera.first_name
    )


def test_el_inicio_de_responsable_no_crece_en_consultas(client, responsable, dependencia):
    client.force_login(responsable)
    pocas = consultas_de(client, reverse("inicio"))
    UsuarioFactory.create_batch(10, rol=Rol.RESPONSABLE, dependencia=dependencia)
    assert consultas_de(client, reverse("inicio")) == pocas


def test_consulta_con_permiso_global_ve_el_panorama(client, consulta):
    consulta.user_permissions.add(Permission.objects.get(codename="ver_todas_las_dependencias"))
    client.force_login(consulta)
    html = client.get(reverse("inicio")).content.decode()
    assert "Instituciones y sus responsables de UIG" in html


def test_sin_institucion_se_le_explica(client):
    persona = UsuarioFactory(rol=Rol.RESPONSABLE)
    client.force_login(persona)
    html = client.get(reverse("inicio")).content.decode()
    assert "aún no está asociada a una institución" in html


def test_la_base_muestra_persona_rol_y_cerrar_sesion(client, responsable):
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert str(responsable) in html
    assert "Responsable de UIG" in html
    assert f'action="{reverse("logout")}"' in html and "Cerrar sesión" in html
    assert "Saltar al contenido principal" in html
    assert reverse("aviso_de_privacidad") in html
    assert "Mi institución" in html


def test_responsable_ve_lo_que_falta_para_su_siguiente_paso(client, responsable, dependencia):
    from tests.factories import EvidenciaFactory
    from unidades.models import PasoGuia

    EvidenciaFactory(unidad=dependencia.unidad, estado="rechazada", comentario="Sin firma")
    EvidenciaFactory(unidad=dependencia.unidad, paso=PasoGuia.objects.get(clave="acta"))
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert "Sin iniciar" in html
    assert "Para pasar a «En gestión» falta la evidencia validada de:" in html
    assert "Oficio a la persona titular de la institución" in html
    assert "1 evidencia rechazada" in html
    assert "1 evidencia espera la revisión de la Coordinación." in html


def test_inicios_muestran_los_planes_de_trabajo_del_anio(
    client, coordinacion, responsable, dependencia
):
    from django.utils import timezone

    from tests.factories import PlanFactory

    anio = timezone.localdate().year
    PlanFactory(unidad=dependencia.unidad, anio=anio, estado="enviado")
    client.force_login(coordinacion)
    html = client.get(reverse("inicio")).content.decode()
    # En el tablero: la cifra de cada estado lleva a la lista de planes en ese estado.
    assert f"Planes de trabajo {anio} por estado" in html
    assert "Enviado a revisión: 1</a>" in html
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert f"Plan {anio}</a>: <strong>Enviado a revisión</strong>" in html


def test_inicios_muestran_las_rondas_del_diagnostico(
    client, coordinacion, responsable, dependencia, otra_dependencia
):
    from tests.factories import AplicacionFactory, RespuestaFactory

    ronda = AplicacionFactory(nombre="Diagnóstico 2026")
    RespuestaFactory(aplicacion=ronda, dependencia=dependencia, estado="en_progreso", avance=40)
    RespuestaFactory(aplicacion=ronda, dependencia=otra_dependencia, estado="enviada")
    client.force_login(coordinacion)
    html = client.get(reverse("inicio")).content.decode()
    assert "Diagnóstico 2026" in html
    assert "50 % de respuesta" in html
    assert "En progreso: <strong>1</strong>" in html
    assert "Enviada: <strong>1</strong>" in html
    client.force_login(responsable)
    html = client.get(reverse("inicio")).content.decode()
    assert (
        reverse("diagnosticos:responder", args=[ronda.respuestas.get(dependencia=dependencia).pk])
        in html
    )
    assert "40 % respondido" in html


def test_el_inicio_de_coordinacion_no_crece_con_las_rondas(client, coordinacion):
    from tests.factories import AplicacionFactory, RespuestaFactory

    client.force_login(coordinacion)
    RespuestaFactory(aplicacion=AplicacionFactory())
    pocas = consultas_de(client, reverse("inicio"))
    for _ in range(3):
        ronda = AplicacionFactory()
        RespuestaFactory.create_batch(3, aplicacion=ronda)
    assert consultas_de(client, reverse("inicio")) == pocas


def test_responsable_ve_los_eventos_abiertos_y_sus_acreditadas(client, responsable, dependencia):
    from capacitacion.models import Evento
    from tests.factories import EventoFactory, InscripcionFactory, SesionFactory

    abierto = EventoFactory(nombre="Taller abierto a todas")
    SesionFactory(evento=abierto)
    abierto.cambiar_estado(Evento.Estado.ABIERTO)
    EventoFactory(nombre="Conferencia en borrador")
    InscripcionFactory(evento=abierto, dependencia=dependencia, acreditada=True)
    InscripcionFactory(evento=abierto, dependencia=dependencia, estado="solicitada")
    InscripcionFactory(evento=abierto, acreditada=True)  # de otra institución: no cuenta
    client.force_login(responsable)
    texto = client.get(reverse("inicio")).content.decode()
    assert "Taller abierto a todas" in texto
    assert "Conferencia en borrador" not in texto
    assert "1 persona de su institución acreditó un evento" in texto
    assert "1 inscripción espera la confirmación de la Coordinación" in texto


def test_coordinacion_ve_la_capacitacion_en_curso_con_pendientes(client, coordinacion):
    from capacitacion.models import Evento
    from tests.factories import EventoFactory, InscripcionFactory, SesionFactory

    client.force_login(coordinacion)
    pocas = consultas_de(client, reverse("inicio"))
    evento = EventoFactory(nombre="Curso en curso")
    SesionFactory(evento=evento)
    evento.cambiar_estado(Evento.Estado.ABIERTO)
    InscripcionFactory.create_batch(3, evento=evento, estado="solicitada")
    InscripcionFactory(evento=evento)
    texto = client.get(reverse("inicio")).content.decode()
    assert "Curso en curso" in texto
    assert "4 personas inscritas" in texto
    assert "3 por confirmar" in texto
    # Con o sin eventos, y con más, el inicio hace las mismas consultas.
    EventoFactory.create_batch(3, estado=Evento.Estado.CERRADO)
    assert consultas_de(client, reverse("inicio")) == pocas


def test_las_inscripciones_por_confirmar_cuentan_aunque_el_evento_sea_del_anio_siguiente(
    client, responsable, dependencia
):
    from datetime import date

    from django.utils import timezone

    from tests.factories import EventoFactory, InscripcionFactory

    siguiente = timezone.localdate().year + 1
    evento = EventoFactory(fecha_inicio=date(siguiente, 1, 10), fecha_fin=date(siguiente, 1, 20))
    InscripcionFactory(evento=evento, dependencia=dependencia, estado="solicitada")
    # Acreditó en un evento del año siguiente: no cuenta entre las acreditadas de este año.
    InscripcionFactory(evento=evento, dependencia=dependencia, acreditada=True)
    client.force_login(responsable)
    texto = client.get(reverse("inicio")).content.decode()
    assert "1 inscripción espera la confirmación de la Coordinación" in texto
    assert "0 personas de su institución acreditaron" in texto
