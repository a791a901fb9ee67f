"""Asistencia en pantalla, acreditación, plantilla, exportación y el panel del evento."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from capacitacion import asistencia as servicio
from capacitacion.models import Asistencia, Evento, Inscripcion
from capacitacion.views import asistencia as vistas
from capacitacion.views.asistencia import contexto_evento
from tests.factories import (
    AsistenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    SesionFactory,
)

pytestmark = pytest.mark.django_db

Estado = Evento.Estado


@pytest.fixture
def evento(dependencia):
    """Abierto, con dos sesiones (3 h y 1 h) y umbral de 75 %: acredita quien va a la de 3 h."""
    evento = EventoFactory(estado=Estado.ABIERTO, umbral_asistencia=75)
    SesionFactory(evento=evento, horas=Decimal("3"))
    SesionFactory(evento=evento, horas=Decimal("1"), fecha=evento.fecha_inicio + timedelta(days=1))
    evento.refresh_from_db()
    return evento


@pytest.fixture
def sesiones(evento):
    return list(evento.sesiones.order_by("numero"))


def inscribir(evento, dependencia, n=1, **kwargs):
    return [InscripcionFactory(evento=evento, dependencia=dependencia, **kwargs) for _ in range(n)]


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def url(sesion):
    return reverse("capacitacion:asistencia", args=[sesion.pk])


def guardar(client, sesion, en_pagina, presentes, leida=None, **extra):
    return client.post(
        url(sesion),
        {
            "en_pagina": [i.pk for i in en_pagina],
            "presentes": [i.pk for i in presentes],
            "leida": (leida or timezone.now()).isoformat(),
            **extra,
        },
    )


# --- Servicio: registrar y recalcular ---------------------------------------------------------


def test_la_acreditacion_cambia_en_el_umbral(evento, sesiones, dependencia, coordinacion):
    a, b = inscribir(evento, dependencia, 2)
    larga, corta = sesiones
    assert evento.horas_minimas() == Decimal("3.0")

    assert servicio.registrar(larga, [a.pk], coordinacion) == (1, 2)
    assert servicio.registrar(corta, [b.pk], coordinacion) == (1, 2)

    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.horas_asistidas, a.acreditada) == (Decimal("3"), True)
    assert (b.horas_asistidas, b.acreditada) == (Decimal("1"), False)
    assert Asistencia.objects.get(inscripcion=a, sesion=corta).presente is False

    # Marcar a «b» en la de 3 h la hace acreditar; quitar a «a» la deja sin acreditar.
    servicio.registrar(larga, [b.pk], coordinacion)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.acreditada, b.acreditada) == (False, True)
    assert b.horas_asistidas == Decimal("4")
    # Las filas existentes se actualizan, no se duplican.
    assert Asistencia.objects.count() == 4


def test_registrar_deja_historial_de_la_acreditacion(evento, sesiones, dependencia, coordinacion):
    (a,) = inscribir(evento, dependencia)
    servicio.registrar(sesiones[0], [a.pk], coordinacion)
    ultima = a.history.first()
    assert ultima.acreditada is True
    assert ultima.history_user == coordinacion
    assert "sesión 1" in ultima.history_change_reason


def test_solo_cuentan_las_inscripciones_confirmadas(evento, sesiones, dependencia, coordinacion):
    (confirmada,) = inscribir(evento, dependencia)
    (pendiente,) = inscribir(evento, dependencia, estado=Inscripcion.Estado.SOLICITADA)
    presentes, personas = servicio.registrar(
        sesiones[0], [confirmada.pk, pendiente.pk], coordinacion
    )
    assert (presentes, personas) == (1, 1)
    assert not Asistencia.objects.filter(inscripcion=pendiente).exists()


@pytest.mark.parametrize("estado", [Estado.BORRADOR, Estado.CANCELADO])
def test_sin_asistencia_en_borrador_ni_cancelado(
    evento, sesiones, dependencia, coordinacion, estado
):
    (a,) = inscribir(evento, dependencia)
    Evento.objects.filter(pk=evento.pk).update(estado=estado)
    with pytest.raises(ValidationError, match="no se registra asistencia"):
        servicio.registrar(sesiones[0], [a.pk], coordinacion)
    assert not Asistencia.objects.exists()


def test_sin_cambios_no_escribe(evento, sesiones, dependencia, coordinacion, administracion):
    (a,) = inscribir(evento, dependencia)
    servicio.registrar(sesiones[0], [a.pk], coordinacion)
    servicio.registrar(sesiones[0], [a.pk], administracion)
    # La marca no cambió: sigue registrada por quien la puso.
    assert Asistencia.objects.get().registrada_por == coordinacion


# --- En pantalla ------------------------------------------------------------------------------


def test_la_pagina_muestra_las_confirmadas_con_su_marca(
    client, coordinacion, evento, sesiones, dependencia
):
    a, b = inscribir(evento, dependencia, 2)
    (pendiente,) = inscribir(evento, dependencia, estado=Inscripcion.Estado.SOLICITADA)
    AsistenciaFactory(inscripcion=a, sesion=sesiones[0], presente=True)
    client.force_login(coordinacion)
    respuesta = client.get(url(sesiones[0]))
    assert respuesta.status_code == 200
    filas = {f.pk: f.presente for f in respuesta.context["filas"]}
    assert filas == {a.pk: True, b.pk: None}
    html = respuesta.content.decode()
    assert pendiente.participante.nombre not in html
    assert "Marcar a todas" in html and "Guardar asistencia" in html


def test_guardar_en_pantalla_y_volver_a_la_pagina(
    client, coordinacion, evento, sesiones, dependencia
):
    a, b, c = inscribir(evento, dependencia, 3)
    client.force_login(coordinacion)
    respuesta = guardar(client, sesiones[0], [a, b, c], [a, c])
    assert respuesta.status_code == 302
    assert respuesta.url == url(sesiones[0])
    assert mensajes(respuesta) == ["Asistencia guardada: 2 presentes de 3."]
    marcas = dict(Asistencia.objects.values_list("inscripcion_id", "presente"))
    assert marcas == {a.pk: True, b.pk: False, c.pk: True}
    a.refresh_from_db()
    assert a.acreditada is True


def test_guardar_solo_toca_las_filas_de_la_pagina(
    client, coordinacion, evento, sesiones, dependencia
):
    a, b = inscribir(evento, dependencia, 2)
    AsistenciaFactory(inscripcion=b, sesion=sesiones[0], presente=True)
    client.force_login(coordinacion)
    guardar(client, sesiones[0], [a], [])
    assert Asistencia.objects.get(inscripcion=b).presente is True
    assert Asistencia.objects.get(inscripcion=a).presente is False


def test_marcas_de_otro_evento_se_ignoran(client, coordinacion, evento, sesiones, dependencia):
    (a,) = inscribir(evento, dependencia)
    (ajena,) = inscribir(EventoFactory(estado=Estado.ABIERTO), dependencia)
    client.force_login(coordinacion)
    guardar(client, sesiones[0], [a, ajena], [a, ajena])
    assert list(Asistencia.objects.values_list("inscripcion_id", flat=True)) == [a.pk]


def test_guardar_y_seguir_va_a_la_pagina_siguiente(
    client, coordinacion, evento, sesiones, dependencia
):
    (a,) = inscribir(evento, dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(
        url(sesiones[0]) + "?q=Persona",
        {
            "en_pagina": [a.pk],
            "presentes": [a.pk],
            "leida": timezone.now().isoformat(),
            "siguiente": "2",
        },
    )
    assert respuesta.url == url(sesiones[0]) + "?q=Persona&page=2"


def test_guardar_rechaza_si_otra_persona_guardo_despues(
    client, coordinacion, administracion, evento, sesiones, dependencia
):
    (a,) = inscribir(evento, dependencia)
    leida = timezone.now() - timedelta(minutes=5)
    servicio.registrar(sesiones[0], [a.pk], administracion)
    client.force_login(coordinacion)
    respuesta = guardar(client, sesiones[0], [a], [], leida=leida)
    assert respuesta.status_code == 302
    assert "Otra persona guardó asistencia" in mensajes(respuesta)[0]
    assert Asistencia.objects.get().presente is True


def test_doble_envio_de_la_misma_persona_no_se_rechaza(
    client, coordinacion, evento, sesiones, dependencia
):
    (a,) = inscribir(evento, dependencia)
    leida = timezone.now() - timedelta(minutes=1)
    client.force_login(coordinacion)
    guardar(client, sesiones[0], [a], [a], leida=leida)
    respuesta = guardar(client, sesiones[0], [a], [a], leida=leida)
    assert mensajes(respuesta)[-1] == "Asistencia guardada: 1 presente de 1."
    assert Asistencia.objects.count() == 1


def test_formulario_danado_no_guarda(client, coordinacion, evento, sesiones, dependencia):
    (a,) = inscribir(evento, dependencia)
    client.force_login(coordinacion)
    respuesta = client.post(url(sesiones[0]), {"en_pagina": ["uno"], "leida": "ayer"})
    assert respuesta.status_code == 302
    assert "no se guardó nada" in mensajes(respuesta)[0]
    assert not Asistencia.objects.exists()


@pytest.mark.parametrize("estado", [Estado.BORRADOR, Estado.CANCELADO])
def test_en_pantalla_se_rechaza_en_borrador_o_cancelado(
    client, coordinacion, evento, sesiones, dependencia, estado
):
    (a,) = inscribir(evento, dependencia)
    Evento.objects.filter(pk=evento.pk).update(estado=estado)
    client.force_login(coordinacion)
    pagina = client.get(url(sesiones[0]))
    assert pagina.status_code == 200
    assert "solo se consulta" in pagina.content.decode()
    assert "Guardar asistencia" not in pagina.content.decode()
    respuesta = guardar(client, sesiones[0], [a], [a])
    assert "no se registra asistencia" in mensajes(respuesta)[0]
    assert not Asistencia.objects.exists()


def test_filtros_por_nombre_e_institucion(
    client, coordinacion, evento, sesiones, dependencia, otra_dependencia
):
    (propia,) = inscribir(evento, dependencia)
    (ajena,) = inscribir(evento, otra_dependencia)
    propia.participante.nombre = "Rosa Elena Márquez"
    propia.participante.save()
    client.force_login(coordinacion)
    respuesta = client.get(url(sesiones[0]), {"q": "rosa"})
    assert [f.pk for f in respuesta.context["filas"]] == [propia.pk]
    respuesta = client.get(url(sesiones[0]), {"dependencia": otra_dependencia.pk})
    assert [f.pk for f in respuesta.context["filas"]] == [ajena.pk]
    respuesta = client.get(url(sesiones[0]), {"dependencia": "no-es-numero"})
    assert list(respuesta.context["filas"]) == []


def test_la_pagina_hace_las_mismas_consultas_con_mas_personas(
    client, coordinacion, evento, sesiones, dependencia, otra_dependencia
):
    client.force_login(coordinacion)
    inscribir(evento, dependencia, 2)

    def consultas():
        with CaptureQueriesContext(connection) as capturadas:
            assert client.get(url(sesiones[0])).status_code == 200
        return len(capturadas)

    pocas = consultas()
    for inscripcion in inscribir(evento, dependencia, 8) + inscribir(evento, otra_dependencia, 5):
        AsistenciaFactory(inscripcion=inscripcion, sesion=sesiones[0])
    assert consultas() == pocas


def test_pagina_de_100(client, coordinacion, evento, sesiones, dependencia):
    participantes = ParticipanteFactory.create_batch(105, dependencia=dependencia)
    Inscripcion.objects.bulk_create(
        Inscripcion(
            evento=evento,
            participante=p,
            dependencia=dependencia,
            estado=Inscripcion.Estado.CONFIRMADA,
        )
        for p in participantes
    )
    client.force_login(coordinacion)
    respuesta = client.get(url(sesiones[0]))
    assert len(respuesta.context["filas"]) == 100
    assert "Guardar y pasar a la página siguiente" in respuesta.content.decode()
    assert len(client.get(url(sesiones[0]), {"page": 2}).context["filas"]) == 5


# --- Plantilla y exportación ------------------------------------------------------------------


def leer_respuesta(respuesta, hoja=0):
    libro = load_workbook(io.BytesIO(respuesta.content))
    return [list(fila) for fila in libro.worksheets[hoja].iter_rows(values_only=True)]


def test_plantilla_trae_confirmadas_y_su_asistencia(
    client, coordinacion, evento, sesiones, dependencia
):
    a, b = inscribir(evento, dependencia, 2)
    inscribir(evento, dependencia, estado=Inscripcion.Estado.RECHAZADA)
    AsistenciaFactory(inscripcion=a, sesion=sesiones[0], presente=True)
    AsistenciaFactory(inscripcion=b, sesion=sesiones[0], presente=False)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("capacitacion:asistencia_plantilla", args=[evento.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"].startswith('attachment; filename="asistencia-')
    filas = leer_respuesta(respuesta)
    fecha1 = sesiones[0].fecha.strftime("%d/%m/%Y")
    fecha2 = sesiones[1].fecha.strftime("%d/%m/%Y")
    assert filas[0] == [
        "Correo",
        "CURP",
        "Nombre",
        "Institución",
        f"Sesión 1 ({fecha1})",
        f"Sesión 2 ({fecha2})",
    ]
    por_correo = {f[0]: f[4:] for f in filas[1:]}
    assert por_correo == {
        a.participante.correo: ["Sí", None],
        b.participante.correo: ["No", None],
    }


def test_exportar_por_institucion_y_con_formulas_escapadas(
    client, responsable, coordinacion, evento, sesiones, dependencia, otra_dependencia
):
    (propia,) = inscribir(evento, dependencia)
    (ajena,) = inscribir(evento, otra_dependencia)
    propia.participante.nombre = '=HYPERLINK("http://malo.example","clic")'
    propia.participante.save()
    servicio.registrar(sesiones[0], [propia.pk, ajena.pk], coordinacion)
    destino = reverse("capacitacion:asistencia_exportar", args=[evento.pk])

    client.force_login(responsable)
    filas = leer_respuesta(client.get(destino))
    assert filas[0][-2:] == ["Horas asistidas", "Acredita"]
    assert len(filas) == 2
    correo, _curp, nombre, institucion, s1, s2, horas, acredita = filas[1]
    assert correo == propia.participante.correo
    assert nombre == '\'=HYPERLINK("http://malo.example","clic")'
    assert institucion == dependencia.nombre
    # La sesión 2 no tiene registro: la celda queda vacía.
    assert (s1, s2, horas, acredita) == ("Sí", None, 3, "Sí")

    client.force_login(coordinacion)
    assert len(leer_respuesta(client.get(destino))) == 3


def test_exportar_a_otra_institucion_no_convocada_es_404(
    client, responsable_ajena, evento, dependencia
):
    evento.dependencias.set([dependencia])
    client.force_login(responsable_ajena)
    respuesta = client.get(reverse("capacitacion:asistencia_exportar", args=[evento.pk]))
    assert respuesta.status_code == 404


# --- Panel en la página del evento ------------------------------------------------------------


def peticion(rf, usuario):
    request = rf.get("/")
    request.user = usuario
    return request


def test_panel_de_la_coordinacion(rf, coordinacion, evento, sesiones, dependencia):
    a, b = inscribir(evento, dependencia, 2)
    servicio.registrar(sesiones[0], [a.pk], coordinacion)
    contexto = contexto_evento(peticion(rf, coordinacion), evento)
    assert contexto["asistencia_registra"] is True
    assert contexto["asistencia_personas"] is None
    assert [(s.presentes, s.registradas) for s in contexto["asistencia_sesiones"]] == [
        (1, 2),
        (0, 0),
    ]
    assert (contexto["asistencia_confirmadas"], contexto["asistencia_acreditadas"]) == (2, 1)


def test_panel_de_la_institucion_solo_sus_personas(
    rf, responsable, coordinacion, evento, sesiones, dependencia, otra_dependencia
):
    (propia,) = inscribir(evento, dependencia)
    (ajena,) = inscribir(evento, otra_dependencia)
    servicio.registrar(sesiones[0], [propia.pk, ajena.pk], coordinacion)
    contexto = contexto_evento(peticion(rf, responsable), evento)
    assert contexto["asistencia_registra"] is False
    assert contexto["asistencia_confirmadas"] == 1
    assert [(p.pk, marcas) for p, marcas in contexto["asistencia_personas"]] == [
        (propia.pk, [True, None])
    ]
    assert [s.presentes for s in contexto["asistencia_sesiones"]] == [1, 0]


def test_panel_con_muchas_personas_solo_da_totales(
    rf, consulta, coordinacion, evento, sesiones, dependencia, monkeypatch
):
    monkeypatch.setattr(vistas, "PERSONAS_EN_PANEL", 1)
    a, b = inscribir(evento, dependencia, 2)
    servicio.registrar(sesiones[0], [a.pk], coordinacion)
    contexto = contexto_evento(peticion(rf, consulta), evento)
    assert contexto["asistencia_personas"] is None
    assert [(s.presentes, s.registradas) for s in contexto["asistencia_sesiones"]] == [
        (1, 2),
        (0, 0),
    ]


def test_panel_sin_permiso_esta_vacio(rf, sin_rol, evento):
    assert contexto_evento(peticion(rf, sin_rol), evento) == {}


def test_panel_con_consultas_constantes(
    rf, responsable, coordinacion, evento, sesiones, dependencia, django_assert_num_queries
):
    inscribir(evento, dependencia, 2)
    request = peticion(rf, responsable)
    contexto_evento(request, evento)  # los permisos quedan en caché
    with CaptureQueriesContext(connection) as pocas:
        contexto_evento(request, evento)
    for inscripcion in inscribir(evento, dependencia, 6):
        AsistenciaFactory(inscripcion=inscripcion, sesion=sesiones[0])
    with django_assert_num_queries(len(pocas)):
        contexto = contexto_evento(request, evento)
    assert len(contexto["asistencia_personas"]) == 8


def test_la_pagina_del_evento_muestra_el_panel(
    client, coordinacion, responsable, evento, sesiones, dependencia
):
    (a,) = inscribir(evento, dependencia)
    servicio.registrar(sesiones[0], [a.pk], coordinacion)
    client.force_login(coordinacion)
    html = client.get(reverse("capacitacion:evento_detalle", args=[evento.pk])).content.decode()
    assert "Importar lista de asistencia" in html and "Tomar asistencia" in html
    client.force_login(responsable)
    html = client.get(reverse("capacitacion:evento_detalle", args=[evento.pk])).content.decode()
    assert "Importar lista de asistencia" not in html
    assert "Exportar asistencia" in html and a.participante.nombre in html
