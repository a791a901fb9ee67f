"""El admin de capacitación: cada lista y ficha abre sin N+1, la búsqueda encuentra, el catálogo
se exporta e importa, y lo que controla el portal no se edita aquí."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
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
from capacitacion.resources import EstandarResource, ProgramaResource
from tests.factories import (
    AsistenciaFactory,
    CertificacionFactory,
    ConstanciaFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    SesionFactory,
    UsuarioFactory,
)

pytestmark = pytest.mark.django_db

MODELOS = [
    "estandarcompetencia",
    "programa",
    "evento",
    "participante",
    "inscripcion",
    "asistencia",
    "certificacion",
    "constancia",
]


NOMBRES = ["Alfa", "Beta", "Gamma", "Delta", "Épsilon"]


@pytest.fixture
def admin_cliente(client, administracion):
    """La persona de Administración: la única con acceso al admin (is_staff)."""
    client.force_login(administracion)
    return client


def crear_datos(n=1):
    """`n` eventos con una sesión, una persona inscrita con asistencia, su certificación y su
    constancia; devuelve los objetos del primero."""
    asegurar_catalogo()
    datos = None
    for i in range(n):
        dependencia = DependenciaFactory()
        sesion = SesionFactory(
            evento=EventoFactory(programa=Programa.objects.order_by("pk")[i % 3])
        )
        sesion.evento.dependencias.add(dependencia)
        participante = ParticipanteFactory(
            dependencia=dependencia,
            nombre=f"Persona Buscable {NOMBRES[i]}",
            curp=f"GOMA850312MZSRRN{i:02d}",
        )
        inscripcion = InscripcionFactory(
            evento=sesion.evento, dependencia=dependencia, participante=participante
        )
        asistencia = AsistenciaFactory(
            inscripcion=inscripcion, sesion=sesion, registrada_por=UsuarioFactory()
        )
        sesion.evento.recalcular_acreditacion()
        inscripcion.refresh_from_db()
        certificacion = CertificacionFactory(participante=participante, dependencia=dependencia)
        constancia = ConstanciaFactory(inscripcion=inscripcion)
        if datos is None:
            datos = {
                "estandarcompetencia": EstandarCompetencia.objects.get(clave="EC0308"),
                "programa": sesion.evento.programa,
                "evento": sesion.evento,
                "participante": participante,
                "inscripcion": inscripcion,
                "asistencia": asistencia,
                "certificacion": certificacion,
                "constancia": constancia,
            }
    return datos


def contar(client, url, **parametros):
    client.get(url, parametros)  # La primera petición llena cachés (tipos de contenido).
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url, parametros)
    assert respuesta.status_code == 200
    return len(consultas)


@pytest.mark.parametrize("modelo", MODELOS)
def test_cada_lista_abre_sin_una_consulta_por_fila(admin_cliente, modelo):
    url = reverse(f"admin:capacitacion_{modelo}_changelist")
    crear_datos(1)
    pocas = contar(admin_cliente, url)
    crear_datos(4)
    assert contar(admin_cliente, url) == pocas


@pytest.mark.parametrize("modelo", MODELOS)
def test_cada_ficha_y_su_historial_abren(admin_cliente, modelo):
    objeto = crear_datos(1)[modelo]
    url = reverse(f"admin:capacitacion_{modelo}_change", args=[objeto.pk])
    respuesta = admin_cliente.get(url)
    assert respuesta.status_code == 200
    if modelo != "asistencia":  # La asistencia no lleva historial propio.
        historial = reverse(f"admin:capacitacion_{modelo}_history", args=[objeto.pk])
        assert admin_cliente.get(historial).status_code == 200


@pytest.mark.parametrize("modelo", ["evento", "participante", "inscripcion", "certificacion"])
def test_las_fichas_no_hacen_una_consulta_por_fila_relacionada(admin_cliente, modelo):
    datos = crear_datos(1)
    url = reverse(f"admin:capacitacion_{modelo}_change", args=[datos[modelo].pk])
    pocas = contar(admin_cliente, url)
    evento = datos["evento"]
    for _ in range(4):
        sesion = SesionFactory(evento=evento)
        otra = InscripcionFactory(participante=datos["participante"])
        AsistenciaFactory(inscripcion=datos["inscripcion"], sesion=sesion)
        AsistenciaFactory(inscripcion=otra, sesion=SesionFactory(evento=otra.evento))
    assert contar(admin_cliente, url) == pocas


@pytest.mark.parametrize("modelo", ["evento", "programa"])
def test_las_fichas_de_alta_abren(admin_cliente, modelo):
    crear_datos(1)
    assert admin_cliente.get(reverse(f"admin:capacitacion_{modelo}_add")).status_code == 200


@pytest.mark.parametrize(
    "modelo,termino,encontrado",
    [
        ("participante", "buscable alfa", "Persona Buscable Alfa"),
        ("participante", "GOMA850312MZSRRN00", "Persona Buscable Alfa"),
        ("inscripcion", "Buscable Alfa", "Persona Buscable Alfa"),
        ("certificacion", "gomA850312mzsrrn00", "Persona Buscable Alfa"),
        ("evento", "Curso de igualdad", None),
        ("estandarcompetencia", "ec0308", "EC0308"),
        ("programa", "seminario", "Seminario de cultura institucional"),
    ],
)
def test_la_busqueda_encuentra(admin_cliente, modelo, termino, encontrado):
    datos = crear_datos(2)
    url = reverse(f"admin:capacitacion_{modelo}_changelist")
    respuesta = admin_cliente.get(url, {"q": termino})
    assert respuesta.status_code == 200
    resultados = respuesta.context["cl"].result_list
    assert len(resultados) >= 1
    if encontrado:
        assert all(encontrado in str(r) for r in resultados), resultados
    if modelo == "participante" and termino.startswith("buscable"):
        assert list(resultados) == [datos["participante"]]


def test_busqueda_por_correo_sin_distinguir_mayusculas(admin_cliente):
    persona = ParticipanteFactory(correo="Rocio.Delgado@Zacatecas.gob.mx")
    ParticipanteFactory(correo="otra.persona@zacatecas.gob.mx")
    url = reverse("admin:capacitacion_participante_changelist")
    respuesta = admin_cliente.get(url, {"q": "  ROCIO.delgado@zacatecas.gob.mx "})
    assert list(respuesta.context["cl"].result_list) == [persona]


def test_filtros_de_la_lista_de_personas(admin_cliente):
    mujer = ParticipanteFactory(sexo="mujer", dependencia=DependenciaFactory(tipo="centralizada"))
    ParticipanteFactory(sexo="hombre", dependencia=DependenciaFactory(tipo="descentralizada"))
    url = reverse("admin:capacitacion_participante_changelist")
    respuesta = admin_cliente.get(url, {"sexo__exact": "mujer"})
    assert list(respuesta.context["cl"].result_list) == [mujer]
    respuesta = admin_cliente.get(url, {"dependencia__tipo": "centralizada"})
    assert list(respuesta.context["cl"].result_list) == [mujer]
    # Elegir la institución por su pk funciona sin listar las miles de instituciones.
    respuesta = admin_cliente.get(url, {"dependencia__id__exact": mujer.dependencia_id})
    assert list(respuesta.context["cl"].result_list) == [mujer]


def test_filtro_de_constancias_revocadas(admin_cliente):
    vigente = ConstanciaFactory()
    revocada = ConstanciaFactory(revocada_en=timezone.now(), motivo_revocacion="Error")
    url = reverse("admin:capacitacion_constancia_changelist")
    assert list(admin_cliente.get(url, {"vigencia": "revocadas"}).context["cl"].result_list) == [
        revocada
    ]
    assert list(admin_cliente.get(url, {"vigencia": "vigentes"}).context["cl"].result_list) == [
        vigente
    ]


def exportar(client, modelo):
    """El CSV que baja el botón «Exportar» del admin, como filas."""
    url = reverse(f"admin:capacitacion_{modelo}_export")
    formulario = client.get(url).context["form"]
    formato = next(v for v, etiqueta in formulario.fields["format"].choices if etiqueta == "csv")
    # Todas las columnas marcadas, como viene el formulario.
    datos = {"format": formato, "resource": "0"}
    datos.update({c: "on" for c in formulario.fields if c not in ("format", "resource")})
    datos.pop("export_items", None)
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 200
    assert "attachment" in respuesta["Content-Disposition"]
    return list(csv.reader(io.StringIO(respuesta.content.decode("utf-8-sig"))))


def test_el_catalogo_de_estandares_se_exporta(admin_cliente):
    asegurar_catalogo()
    EstandarCompetencia.objects.create(clave="EC0999", titulo='=HYPERLINK("http://x")', nivel=2)
    filas = exportar(admin_cliente, "estandarcompetencia")
    assert filas[0] == ["clave", "título", "nivel", "propósito", "vigente"]
    por_clave = {f[0]: f for f in filas[1:]}
    assert {"EC0308", "EC0076", "EC0999"} <= set(por_clave)
    assert por_clave["EC0999"][1] == '\'=HYPERLINK("http://x")'
    assert por_clave["EC0308"][4] == "sí"


def test_el_catalogo_de_programas_se_exporta_con_la_clave_del_estandar(admin_cliente):
    asegurar_catalogo()
    filas = exportar(admin_cliente, "programa")
    assert filas[0] == ["nombre", "tipo", "estándar", "descripción", "activo"]
    por_nombre = {f[0]: f for f in filas[1:]}
    assert por_nombre["Promoción de la certificación EC0308"][1:3] == ["certificacion", "EC0308"]
    assert por_nombre["Capacitación interna de la Coordinación"][2] == ""


def test_exportar_programas_no_hace_una_consulta_por_fila():
    asegurar_catalogo()
    with CaptureQueriesContext(connection) as pocas:
        ProgramaResource().export()
    for i in range(5):
        Programa.objects.create(
            nombre=f"Programa {i}", tipo="curso", estandar=EstandarCompetencia.objects.first()
        )
    with CaptureQueriesContext(connection) as muchas:
        ProgramaResource().export()
    assert len(muchas) == len(pocas)


def importar(resource, encabezados, filas, dry_run=False):
    import tablib

    datos = tablib.Dataset(*filas, headers=encabezados)
    return resource.import_data(datos, dry_run=dry_run)


def test_reimportar_lo_exportado_no_duplica_y_acepta_nombres_de_tipo():
    asegurar_catalogo()
    exportado = ProgramaResource().export()
    resultado = importar(ProgramaResource(), exportado.headers, list(exportado))
    assert not resultado.has_errors() and not resultado.has_validation_errors()
    assert Programa.objects.count() == 3

    resultado = importar(
        ProgramaResource(),
        ["nombre", "tipo", "estándar", "descripción", "activo"],
        [("Taller de lenguaje incluyente", "Taller", "ec0308", "", "no")],
    )
    assert not resultado.has_errors() and not resultado.has_validation_errors()
    nuevo = Programa.objects.get(nombre="Taller de lenguaje incluyente")
    assert (nuevo.tipo, nuevo.estandar.clave, nuevo.activo) == ("taller", "EC0308", False)


@pytest.mark.parametrize(
    "fila,mensaje",
    [
        (("Curso X", "seminario intensivo", "", "", "sí"), "no es un tipo de programa"),
        (("Curso X", "curso", "EC7777", "", "sí"), "No hay un estándar con la clave"),
        (("=1+1", "curso", "", "", "sí"), "fórmulas"),
    ],
)
def test_importar_programas_con_errores_no_guarda_nada(fila, mensaje):
    asegurar_catalogo()
    resultado = importar(
        ProgramaResource(), ["nombre", "tipo", "estándar", "descripción", "activo"], [fila]
    )
    assert resultado.has_errors() or resultado.has_validation_errors()
    errores = str([fila.error_dict for fila in resultado.invalid_rows]) + str(
        [str(e.error) for _numero, errores in resultado.row_errors() for e in errores]
    )
    assert mensaje in errores, errores
    assert not Programa.objects.filter(tipo="curso").exists()


def test_importar_estandares_normaliza_clave_y_nivel():
    resultado = importar(
        EstandarResource(),
        ["clave", "título", "nivel", "propósito", "vigente"],
        [("ec 1234", "Atención a víctimas", "3", "", "")],
    )
    assert not resultado.has_errors() and not resultado.has_validation_errors()
    estandar = EstandarCompetencia.objects.get(clave="EC1234")
    assert (estandar.nivel, estandar.vigente) == (3, True)
    resultado = importar(
        EstandarResource(),
        ["clave", "título", "nivel", "propósito", "vigente"],
        [("EC1235", "Otro", "alto", "", "")],
    )
    assert resultado.has_errors() or resultado.has_validation_errors()
    assert not EstandarCompetencia.objects.filter(clave="EC1235").exists()


def test_lo_que_controla_el_portal_no_se_edita_ni_se_agrega(admin_cliente):
    datos = crear_datos(1)
    for modelo in ("certificacion", "constancia", "asistencia"):
        url = reverse(f"admin:capacitacion_{modelo}_add")
        assert admin_cliente.get(url).status_code == 403
    ficha = admin_cliente.get(
        reverse("admin:capacitacion_certificacion_change", args=[datos["certificacion"].pk])
    )
    formulario = ficha.context["adminform"].form
    assert "estado" not in formulario.fields and "intentos" not in formulario.fields
    assert "tablero de certificación del portal" in ficha.content.decode()
    ficha = admin_cliente.get(
        reverse("admin:capacitacion_constancia_change", args=[datos["constancia"].pk])
    )
    formulario = ficha.context["adminform"].form
    assert not {"codigo", "revocada_en", "motivo_revocacion"} & set(formulario.fields)
    assert datos["constancia"].codigo in ficha.content.decode()


def formulario_evento(evento, sesiones):
    """Los datos del POST de la ficha de un evento con sus sesiones en línea."""
    datos = {
        "programa": evento.programa_id,
        "nombre": evento.nombre,
        "descripcion": "",
        "modalidad": "presencial",
        "sede": evento.sede,
        "enlace": "",
        "facilitacion": evento.facilitacion,
        "meta_federal": "",
        "fecha_inicio": evento.fecha_inicio.strftime("%d/%m/%Y"),
        "fecha_fin": evento.fecha_fin.strftime("%d/%m/%Y"),
        "inscripcion_hasta": "",
        "cupo": "",
        "umbral_asistencia": evento.umbral_asistencia,
        "sesiones-TOTAL_FORMS": len(sesiones),
        "sesiones-INITIAL_FORMS": sum(1 for s in sesiones if s.get("id")),
        "sesiones-MIN_NUM_FORMS": 0,
        "sesiones-MAX_NUM_FORMS": 1000,
    }
    for i, sesion in enumerate(sesiones):
        for campo, valor in sesion.items():
            datos[f"sesiones-{i}-{campo}"] = valor
        datos[f"sesiones-{i}-evento"] = evento.pk
    return datos


def test_guardar_sesiones_en_el_admin_recalcula_horas_y_acreditacion(admin_cliente):
    datos = crear_datos(1)
    evento, inscripcion = datos["evento"], datos["inscripcion"]
    assert inscripcion.acreditada and evento.horas_totales == Decimal("2")
    sesion = evento.sesiones.get()
    url = reverse("admin:capacitacion_evento_change", args=[evento.pk])
    dia = evento.fecha_inicio.strftime("%d/%m/%Y")
    respuesta = admin_cliente.post(
        url,
        formulario_evento(
            evento,
            [
                {"id": sesion.pk, "fecha": dia, "horas": "2", "hora_inicio": "", "tema": ""},
                {"fecha": dia, "horas": "6", "hora_inicio": "", "tema": "Segunda"},
            ],
        ),
    )
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    evento.refresh_from_db()
    inscripcion.refresh_from_db()
    assert evento.horas_totales == Decimal("8")
    assert sorted(evento.sesiones.values_list("numero", flat=True)) == [1, 2]
    # Asistió 2 de 8 horas: ya no acredita.
    assert inscripcion.horas_asistidas == Decimal("2") and not inscripcion.acreditada


def test_corregir_una_asistencia_en_el_admin_recalcula(admin_cliente):
    datos = crear_datos(1)
    asistencia, inscripcion = datos["asistencia"], datos["inscripcion"]
    url = reverse("admin:capacitacion_asistencia_change", args=[asistencia.pk])
    respuesta = admin_cliente.post(url, {})  # «asistió» sin marcar
    assert respuesta.status_code == 302
    inscripcion.refresh_from_db()
    assert inscripcion.horas_asistidas == 0 and not inscripcion.acreditada
    assert Asistencia.objects.get(pk=asistencia.pk).presente is False


def test_alta_de_evento_registra_quien_lo_creo(admin_cliente, administracion):
    asegurar_catalogo()
    evento = EventoFactory.build(programa=Programa.objects.first())
    evento.pk = None
    hoy = timezone.localdate()
    evento.fecha_inicio, evento.fecha_fin = hoy, hoy + timedelta(days=1)
    datos = formulario_evento(evento, [])
    respuesta = admin_cliente.post(reverse("admin:capacitacion_evento_add"), datos)
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    creado = Evento.objects.get(nombre=evento.nombre)
    assert creado.creado_por == administracion and creado.estado == Evento.Estado.BORRADOR


def test_quien_no_es_personal_no_entra_al_admin(client, coordinacion):
    client.force_login(coordinacion)
    respuesta = client.get(reverse("admin:capacitacion_participante_changelist"))
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta.url


def test_modelos_registrados():
    from django.contrib import admin

    for modelo in (
        EstandarCompetencia,
        Programa,
        Evento,
        Participante,
        Inscripcion,
        Asistencia,
        Certificacion,
        Constancia,
    ):
        assert admin.site.is_registered(modelo), modelo
    assert not admin.site.is_registered(Sesion)  # va en línea dentro del evento


def test_corregir_una_inscripcion_y_su_asistencia_recalcula(admin_cliente, administracion):
    datos = crear_datos(1)
    inscripcion, asistencia = datos["inscripcion"], datos["asistencia"]
    url = reverse("admin:capacitacion_inscripcion_change", args=[inscripcion.pk])
    base = {
        "evento": inscripcion.evento_id,
        "participante": inscripcion.participante_id,
        "dependencia": inscripcion.dependencia_id,
        "motivo": "",
        "asistencias-TOTAL_FORMS": 1,
        "asistencias-INITIAL_FORMS": 1,
        "asistencias-MIN_NUM_FORMS": 0,
        "asistencias-MAX_NUM_FORMS": 1000,
        "asistencias-0-id": asistencia.pk,
        "asistencias-0-inscripcion": inscripcion.pk,
    }
    # Cancelada: conserva su asistencia pero deja de acreditar.
    respuesta = admin_cliente.post(
        url, base | {"estado": "cancelada", "asistencias-0-presente": "on"}
    )
    assert respuesta.status_code == 302, respuesta.context["adminform"].form.errors
    inscripcion.refresh_from_db()
    assert inscripcion.horas_asistidas == Decimal("2") and not inscripcion.acreditada
    assert inscripcion.history.first().history_user == administracion
    # Confirmada de nuevo pero sin asistencia: tampoco acredita, y la marca es de quien corrigió.
    respuesta = admin_cliente.post(url, base | {"estado": "confirmada"})
    assert respuesta.status_code == 302
    inscripcion.refresh_from_db()
    asistencia.refresh_from_db()
    assert not asistencia.presente and asistencia.registrada_por == administracion
    assert inscripcion.horas_asistidas == 0 and not inscripcion.acreditada
