"""Abrir una ronda, editarla (ampliar plazo, agregar instituciones) y la lista de rondas."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from diagnosticos import services
from diagnosticos.models import Aplicacion, Respuesta
from tests.factories import (
    AplicacionFactory,
    DependenciaFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    UsuarioFactory,
    VersionFactory,
)
from uig_portal.roles import Rol
from unidades.models import Dependencia

pytestmark = pytest.mark.django_db

HOY = timezone.localdate


@pytest.fixture
def version():
    """Una versión con una sección de dos preguntas sí / no."""
    seccion = SeccionFactory(codigo="igualdad")
    PreguntaFactory(seccion=seccion, codigo="politica")
    PreguntaFactory(seccion=seccion, codigo="protocolo")
    return seccion.version


def abrir(version, dependencias, usuario, apertura=None, cierre=None, **extra):
    return services.abrir_aplicacion(
        version=version,
        nombre=extra.get("nombre", "Diagnóstico 2027"),
        apertura=apertura or HOY(),
        cierre=cierre or HOY() + timedelta(days=30),
        instrucciones=extra.get("instrucciones", "Respondan con su equipo."),
        dependencias=dependencias,
        usuario=usuario,
    )


# --- Servicio ------------------------------------------------------------------------------------


def test_abrir_crea_una_respuesta_por_institucion_y_avisa_a_responsables(
    version, dependencia, otra_dependencia, responsable, responsable_ajena, coordinacion,
    mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia, is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        ronda = abrir(version, [dependencia, otra_dependencia], coordinacion)
    respuestas = Respuesta.objects.filter(aplicacion=ronda)
    assert respuestas.count() == 2
    assert set(respuestas.values_list("estado", flat=True)) == {"sin_iniciar"}
    assert set(respuestas.values_list("recordatorio_en", flat=True)) == {HOY()}
    assert ronda.creada_por == coordinacion
    assert version.en_uso
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [responsable.email, responsable_ajena.email]
    )
    correo = next(m for m in mailoutbox if m.to == [responsable.email])
    assert "Diagnóstico 2027" in correo.subject
    assert "Respondan con su equipo." in correo.body
    assert "Secretaría Propia" in correo.body
    assert "/diagnosticos/" in correo.body
    # La historia de cada respuesta queda con quien abrió la ronda.
    assert respuestas.first().history.first().history_user == coordinacion


def test_abrir_con_apertura_futura_no_avisa_todavia(
    version, dependencia, responsable, coordinacion, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ronda = abrir(version, [dependencia], coordinacion, apertura=HOY() + timedelta(days=5))
    assert mailoutbox == []
    assert ronda.respuestas.get().recordatorio_en is None


def test_ronda_muy_grande_deja_el_aviso_al_recordatorio(
    version, dependencia, otra_dependencia, responsable, coordinacion, mailoutbox, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    monkeypatch.setattr(services, "AVISO_INMEDIATO_MAX", 1)
    with django_capture_on_commit_callbacks(execute=True):
        ronda = abrir(version, [dependencia, otra_dependencia], coordinacion)
    assert ronda.avisadas is False
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recordatorios(ronda) == 1
    assert mailoutbox[0].subject.endswith("Se abrió el diagnóstico «Diagnóstico 2027»")


@pytest.mark.parametrize(
    "cambio,mensaje",
    [
        ({"dependencias": []}, "al menos una institución"),
        ({"cierre": -1}, "no puede ser anterior"),
        ({"version": "vacia"}, "no tiene preguntas"),
        ({"nombre": "  "}, "nombre"),
    ],
)
def test_abrir_con_datos_malos_no_crea_nada(version, dependencia, coordinacion, cambio, mensaje):
    datos = {
        "version": version,
        "nombre": "Ronda",
        "apertura": HOY(),
        "cierre": HOY() + timedelta(days=10),
        "instrucciones": "",
        "dependencias": [dependencia],
        "usuario": coordinacion,
    }
    if cambio.get("version") == "vacia":
        datos["version"] = VersionFactory()
    elif "cierre" in cambio:
        datos["cierre"] = HOY() + timedelta(days=cambio["cierre"])
    else:
        datos.update(cambio)
    with pytest.raises(ValidationError) as error:
        services.abrir_aplicacion(**datos)
    if mensaje != "nombre":
        assert mensaje in " ".join(error.value.messages)
    assert not Aplicacion.objects.exists()
    assert not Respuesta.objects.exists()


def test_agregar_instituciones_omite_las_que_ya_estan_y_avisa_a_las_nuevas(
    version, dependencia, otra_dependencia, responsable, responsable_ajena, coordinacion,
    mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    ronda = abrir(version, [dependencia], coordinacion)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        n = services.agregar_instituciones(ronda, [dependencia, otra_dependencia], coordinacion)
    assert n == 1
    assert ronda.respuestas.count() == 2
    assert [m.to for m in mailoutbox] == [[responsable_ajena.email]]


def test_pendientes_son_las_no_enviadas(version, coordinacion):
    ronda = AplicacionFactory(version=version)
    for estado in Respuesta.Estado:
        RespuestaFactory(aplicacion=ronda, estado=estado)
    assert set(services.pendientes(ronda).values_list("estado", flat=True)) == {
        "sin_iniciar",
        "en_progreso",
        "devuelta",
    }


# --- Abrir desde la página -------------------------------------------------------------------


def datos_formulario(version, **extra):
    return {
        "version": version.pk,
        "nombre": "Diagnóstico institucional 2027",
        "apertura": HOY().isoformat(),
        "cierre": (HOY() + timedelta(days=21)).strftime("%d/%m/%Y"),
        "instrucciones": "",
        **extra,
    }


def test_formulario_abre_para_todas_las_vigentes(
    client, coordinacion, version, dependencia, otra_dependencia, responsable, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    DependenciaFactory(siglas="EXTINTA", vigente=False)
    client.force_login(coordinacion)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(
            reverse("diagnosticos:aplicacion_nueva"), datos_formulario(version, todas="on")
        )
    ronda = Aplicacion.objects.get()
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("diagnosticos:aplicacion_detalle", args=[ronda.pk])
    assert set(ronda.respuestas.values_list("dependencia__siglas", flat=True)) == {
        "PROPIA",
        "AJENA",
    }
    assert [m.to for m in mailoutbox] == [[responsable.email]]
    pagina = client.get(respuesta.url)
    assert "Se abrió la ronda para 2 instituciones" in pagina.content.decode()


def test_formulario_por_tipo_y_sector_y_seleccion(client, coordinacion, version, dependencia):
    educacion = DependenciaFactory(
        siglas="SEDUC", sector="Educación", tipo=Dependencia.Tipo.DESCENTRALIZADA
    )
    DependenciaFactory(siglas="SEDUC2", sector="Educación", tipo=Dependencia.Tipo.CENTRALIZADA)
    DependenciaFactory(siglas="SALUD", sector="Salud", tipo=Dependencia.Tipo.DESCENTRALIZADA)
    client.force_login(coordinacion)
    client.post(
        reverse("diagnosticos:aplicacion_nueva"),
        datos_formulario(
            version,
            tipos=["descentralizada"],
            sectores=["Educación"],
            instituciones=[dependencia.pk],
        ),
    )
    ronda = Aplicacion.objects.get()
    assert set(ronda.respuestas.values_list("dependencia_id", flat=True)) == {
        educacion.pk,
        dependencia.pk,
    }


@pytest.mark.parametrize(
    "extra,campo,mensaje",
    [
        ({}, "instituciones", "Elija al menos una institución"),
        (
            {"todas": "on", "cierre": "01/01/2020", "apertura": "2019-12-01"},
            "cierre",
            "La fecha límite ya pasó",
        ),
        (
            {"todas": "on", "apertura": "2099-02-01", "cierre": "2099-01-01"},
            "cierre",
            "no puede ser anterior a la fecha de apertura",
        ),
        ({"todas": "on", "apertura": "31/02/2027"}, "apertura", "Introduzca una fecha válida"),
        ({"tipos": ["desconcentrada"]}, "tipos", "Ninguna institución vigente coincide"),
    ],
)
def test_formulario_con_errores_no_crea_nada(
    client, coordinacion, version, dependencia, extra, campo, mensaje
):
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("diagnosticos:aplicacion_nueva"), datos_formulario(version, **extra)
    )
    assert respuesta.status_code == 200
    form = respuesta.context["form"]
    assert any(mensaje in e for e in form.errors[campo]), form.errors
    assert "no se guardó nada" in respuesta.content.decode()
    # Lo escrito se conserva.
    assert "Diagnóstico institucional 2027" in respuesta.content.decode()
    assert not Aplicacion.objects.exists()


def test_formulario_solo_ofrece_versiones_con_preguntas(client, coordinacion, version):
    vacia = VersionFactory()
    en_uso = AplicacionFactory(version=PreguntaFactory().seccion.version).version
    client.force_login(coordinacion)
    opciones = client.get(reverse("diagnosticos:aplicacion_nueva")).context["form"]
    pks = {v.pk for v in opciones.fields["version"].queryset}
    assert {version.pk, en_uso.pk} <= pks
    assert vacia.pk not in pks


# --- Editar ----------------------------------------------------------------------------------


def test_editar_amplia_el_plazo_y_agrega_instituciones(
    client, coordinacion, version, dependencia, otra_dependencia
):
    ronda = abrir(version, [dependencia], coordinacion)
    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_editar", args=[ronda.pk])
    formulario = client.get(url).context["form"]
    assert [pk for pk, _ in formulario.fields["instituciones"].choices] == [otra_dependencia.pk]
    nuevo_cierre = ronda.cierre + timedelta(days=15)
    respuesta = client.post(
        url,
        {
            "nombre": "Diagnóstico 2027 (ampliado)",
            "apertura": ronda.apertura.isoformat(),
            "cierre": nuevo_cierre.isoformat(),
            "instrucciones": "Nuevo plazo.",
            "instituciones": [otra_dependencia.pk],
            "version": VersionFactory().pk,  # se ignora: la versión no cambia
        },
    )
    assert respuesta.status_code == 302
    ronda.refresh_from_db()
    assert ronda.cierre == nuevo_cierre
    assert ronda.nombre == "Diagnóstico 2027 (ampliado)"
    assert ronda.version == version
    assert ronda.respuestas.count() == 2


def test_editar_con_fechas_al_reves_no_guarda(client, coordinacion, version, dependencia):
    ronda = abrir(version, [dependencia], coordinacion)
    client.force_login(coordinacion)
    respuesta = client.post(
        reverse("diagnosticos:aplicacion_editar", args=[ronda.pk]),
        {
            "nombre": "Otro nombre",
            "apertura": ronda.apertura.isoformat(),
            "cierre": (ronda.apertura - timedelta(days=1)).isoformat(),
        },
    )
    assert respuesta.status_code == 200
    assert "no puede ser anterior" in respuesta.content.decode()
    ronda.refresh_from_db()
    assert ronda.nombre == "Diagnóstico 2027"


# --- Lista ------------------------------------------------------------------------------------


def test_lista_de_la_coordinacion_con_conteos(
    client, coordinacion, version, django_assert_max_num_queries
):
    ronda = AplicacionFactory(version=version, nombre="Ronda con conteos")
    for estado in ["sin_iniciar", "enviada", "aceptada", "aceptada"]:
        RespuestaFactory(aplicacion=ronda, estado=estado)
    for _ in range(5):
        RespuestaFactory(aplicacion=AplicacionFactory(version=version), estado="enviada")
    client.force_login(coordinacion)
    with django_assert_max_num_queries(12):
        respuesta = client.get(reverse("diagnosticos:aplicacion_lista"))
    html = respuesta.content.decode()
    fila = next(r for r in respuesta.context["rondas"] if r.pk == ronda.pk)
    assert (fila.num_instituciones, fila.num_recibidas, fila.num_aceptadas) == (4, 3, 2)
    assert fila.porcentaje == 75
    assert "Abrir una ronda" in html
    assert "75\xa0%" in html


def test_lista_consultas_constantes(client, coordinacion, version, django_assert_num_queries):
    def crear(n):
        for _ in range(n):
            RespuestaFactory(aplicacion=AplicacionFactory(version=version))

    client.force_login(coordinacion)
    url = reverse("diagnosticos:aplicacion_lista")
    crear(2)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as pocas:
        client.get(url)
    crear(15)
    with django_assert_num_queries(len(pocas)):
        client.get(url)


def test_lista_de_la_responsable_solo_sus_rondas(client, responsable, dependencia, version):
    propia = AplicacionFactory(version=version, nombre="Ronda con mi institución")
    RespuestaFactory(aplicacion=propia, dependencia=dependencia, estado="en_progreso", avance=40)
    AplicacionFactory(version=version, nombre="Ronda sin mi institución")
    client.force_login(responsable)
    respuesta = client.get(reverse("diagnosticos:aplicacion_lista"))
    html = respuesta.content.decode()
    assert "Ronda con mi institución" in html
    assert "Ronda sin mi institución" not in html
    assert "En progreso" in html and "40 %" in html
    assert "Abrir una ronda" not in html
