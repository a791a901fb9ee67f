"""El informe anual: cada cifra contra datos conocidos, el PDF leído de vuelta con pypdf, y su
archivo (generar, doble clic, vista previa, descarga, errores)."""

import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capacitacion.models import Certificacion, Evento
from diagnosticos.models import Respuesta
from difusion import informe_anual
from difusion.models import InformeAnual, TextoAvances
from planes.models import InformeTrimestral, PlanTrabajo, Seguimiento
from tests.factories import (
    ActividadFactory,
    AcuerdoFactory,
    AplicacionFactory,
    AsesoriaFactory,
    CertificacionFactory,
    DependenciaFactory,
    EventoFactory,
    InscripcionFactory,
    ParticipanteFactory,
    PlanFactory,
    RespuestaFactory,
    ReunionFactory,
    SeccionFactory,
    SesionFactory,
    VersionFactory,
)
from unidades.models import Acuerdo, AsistenciaReunion, Unidad

#: El año del informe es el anterior: así todo lo del año ya ocurrió cuando corre la prueba.
ANIO = timezone.localdate().year - 1
HOY = date(ANIO + 1, 2, 1)
LISTA = reverse("informes:lista")
VISTA_PREVIA = reverse("informes:vista_previa")


def _momento(fecha, hora=10):
    return timezone.make_aware(datetime.combine(fecha, time(hora)))


def _instituciones():
    a = DependenciaFactory(nombre="Secretaría de Salud", siglas="SSA", sector="Salud")
    b = DependenciaFactory(nombre="Hospital de la Mujer", siglas="HM", sector="Salud")
    c = DependenciaFactory(nombre="Secretaría de Educación", siglas="SE", sector="Educación")
    d = DependenciaFactory(nombre="Instituto de Cultura", siglas="IC", sector="Educación")
    extinta = DependenciaFactory(vigente=False, sector="Salud")
    Unidad.objects.filter(dependencia=a).update(
        estado=Unidad.Estado.INSTALADA, fecha_instalada=date(ANIO, 3, 1)
    )
    Unidad.objects.filter(dependencia=b).update(
        estado=Unidad.Estado.OPERANDO,
        fecha_instalada=date(ANIO - 1, 5, 1),
        fecha_operando=date(ANIO - 1, 6, 1),
    )
    Unidad.objects.filter(dependencia=c).update(estado=Unidad.Estado.EN_GESTION)
    Unidad.objects.filter(dependencia=extinta).update(
        estado=Unidad.Estado.INSTALADA, fecha_instalada=date(ANIO, 4, 1)
    )
    return a, b, c, d


def _planes(a, b, c):
    aprobado = PlanTrabajo.Estado.APROBADO
    v1 = PlanFactory(unidad=a.unidad, anio=ANIO, estado=aprobado)
    # Una modificación aprobada: se sigue esta versión y la institución cuenta una vez.
    v2 = PlanFactory(unidad=a.unidad, anio=ANIO, version=2, anterior=v1, estado=aprobado)
    concluida = ActividadFactory(plan=v2)
    ActividadFactory(plan=v2)  # sin reporte
    t1 = InformeTrimestral.objects.create(
        plan=v2,
        trimestre=1,
        estado=InformeTrimestral.Estado.ENVIADO,
        enviado_en=_momento(date(ANIO, 4, 5)),
    )
    Seguimiento.objects.create(
        informe=t1,
        actividad=concluida,
        valor_alcanzado=Decimal("40"),
        estado=Seguimiento.Estado.CONCLUIDA,
    )
    ActividadFactory(plan=PlanFactory(unidad=b.unidad, anio=ANIO, estado=aprobado))
    PlanFactory(unidad=c.unidad, anio=ANIO, estado=PlanTrabajo.Estado.ENVIADO)
    PlanFactory(unidad=c.unidad, anio=ANIO - 1, estado=aprobado)  # otro año


def _diagnostico(a, b, c, d):
    version = VersionFactory()
    SeccionFactory(version=version, codigo="cultura", titulo="Cultura institucional")
    SeccionFactory(version=version, codigo="violencia", titulo="Vida libre de violencia")
    base = AplicacionFactory(
        version=version,
        nombre="Ronda base",
        apertura=date(ANIO - 1, 3, 1),
        cierre=date(ANIO - 1, 4, 1),
    )
    actual = AplicacionFactory(
        version=version,
        nombre="Diagnóstico del año",
        apertura=date(ANIO, 3, 1),
        cierre=date(ANIO, 4, 1),
    )
    aceptada = Respuesta.Estado.ACEPTADA
    for dep, indice, indices in [
        (a, "40", {"cultura": "50", "violencia": "30"}),
        (b, "50", {"cultura": "50", "violencia": "50"}),
    ]:
        RespuestaFactory(
            aplicacion=base, dependencia=dep, estado=aceptada, indice=indice, indices=indices
        )
    for dep, estado, indice, indices in [
        (a, aceptada, "70", {"cultura": "80", "violencia": "60"}),
        (b, aceptada, "50", {"cultura": "60", "violencia": "40"}),
        # Primera vez: esta ronda es su línea base, no entra en la comparación.
        (c, aceptada, "30", {"cultura": "20", "violencia": "40"}),
        (d, Respuesta.Estado.SIN_INICIAR, None, {}),
    ]:
        RespuestaFactory(
            aplicacion=actual, dependencia=dep, estado=estado, indice=indice, indices=indices
        )


def _capacitacion(a, b):
    evento = EventoFactory(
        fecha_inicio=date(ANIO, 5, 1), fecha_fin=date(ANIO, 5, 2), estado=Evento.Estado.CONCLUIDO
    )
    SesionFactory(evento=evento, horas=Decimal("4"))
    pasado = EventoFactory(
        fecha_inicio=date(ANIO - 1, 5, 1),
        fecha_fin=date(ANIO - 1, 5, 2),
        estado=Evento.Estado.CONCLUIDO,
    )
    mujer = ParticipanteFactory(sexo="mujer", dependencia=a)
    InscripcionFactory(evento=evento, dependencia=a, participante=mujer, acreditada=True)
    InscripcionFactory(evento=evento, dependencia=b, acreditada=True)  # otra mujer
    hombre = ParticipanteFactory(sexo="hombre", dependencia=b)
    InscripcionFactory(evento=evento, dependencia=b, participante=hombre, acreditada=True)
    InscripcionFactory(evento=evento, dependencia=b, acreditada=False)  # no acreditó
    InscripcionFactory(evento=pasado, dependencia=b, acreditada=True)  # otro año
    CertificacionFactory(
        dependencia=a,
        participante=mujer,
        estado=Certificacion.Estado.CERTIFICADA,
        fecha_certificado=date(ANIO, 6, 1),
    )


def _reuniones(a, b, c):
    reunion = ReunionFactory(
        titulo="Primera reunión de planeación", fecha=_momento(date(ANIO, 2, 10))
    )
    AsistenciaReunion.objects.create(reunion=reunion, dependencia=a, mujeres=2, hombres=1)
    AsistenciaReunion.objects.create(reunion=reunion, dependencia=b, mujeres=1, sin_especificar=1)
    cumplido = Acuerdo.Estado.CUMPLIDO
    AcuerdoFactory(
        reunion=reunion, dependencia=a, fecha_compromiso=date(ANIO, 3, 1),
        estado=cumplido, cumplido_en=date(ANIO, 2, 20),
    )  # fmt: skip
    AcuerdoFactory(reunion=reunion, dependencia=b, fecha_compromiso=date(ANIO, 4, 1))  # vencido
    AcuerdoFactory(reunion=reunion, dependencia=c, fecha_compromiso=date(ANIO + 1, 6, 1))
    AsesoriaFactory(dependencia=a, fecha=date(ANIO, 3, 10), modalidad="presencial")
    asesoria = AsesoriaFactory(dependencia=a, fecha=date(ANIO, 5, 1), modalidad="virtual")
    AcuerdoFactory(
        reunion=None, asesoria=asesoria, dependencia=a, fecha_compromiso=date(ANIO, 5, 15),
        estado=cumplido, cumplido_en=date(ANIO, 6, 1),
    )  # fmt: skip
    # Del año anterior: no cuenta en el año, pero su acuerdo vencido sí es un reto de hoy.
    anterior = ReunionFactory(fecha=_momento(date(ANIO - 1, 9, 1)))
    AcuerdoFactory(reunion=anterior, dependencia=c, fecha_compromiso=date(ANIO - 1, 10, 1))
    AsesoriaFactory(dependencia=b, fecha=date(ANIO - 1, 3, 10))


@pytest.fixture
def datos(db):
    a, b, c, d = _instituciones()
    _planes(a, b, c)
    _diagnostico(a, b, c, d)
    _capacitacion(a, b)
    _reuniones(a, b, c)
    return a, b, c, d


@pytest.fixture
def informe(datos, coordinacion):
    return informe_anual.calcular(ANIO, usuario=coordinacion, hoy=HOY, retos_texto="  Sostener.  ")


def test_instalacion(informe):
    meta = informe.instalacion
    assert (meta.general.total, meta.general.instaladas, meta.general.porcentaje) == (4, 2, 50.0)
    # Instalada en el año: solo la de `a` (la de la extinta no cuenta).
    assert informe.instaladas_en_el_anio == 1


def test_planes_y_su_ejecucion(informe):
    planes = informe.planes
    assert planes.instituciones == 4
    assert {v: n for _e, v, n in planes.por_estado} == {
        "borrador": 0, "enviado": 1, "con_observaciones": 0, "aprobado": 2,
    }  # fmt: skip
    assert (planes.aprobados, planes.porcentaje_aprobados, planes.sin_aprobar) == (2, 50.0, 2)
    # `a`: una actividad al 100 % y otra sin reporte (50 %); `b`: su única actividad en 0 %.
    assert planes.en_seguimiento == 2
    assert planes.avance == Decimal("25.0")
    assert planes.esperado == Decimal("100.0")
    assert planes.atrasados == 2
    assert [n for _r, n in planes.rangos] == [1, 0, 1, 0]
    assert planes.actividades == 3
    assert dict(planes.actividades_por_estado)["Concluida"] == 1
    assert dict(planes.actividades_por_estado)["Sin reporte"] == 2
    trimestres = [(t.a_tiempo, t.con_retraso, t.vencidos, t.en_plazo) for t in planes.trimestres]
    assert trimestres == [(1, 0, 1, 0), (0, 0, 2, 0), (0, 0, 2, 0), (0, 0, 2, 0)]
    assert planes.informes_vencidos == 7
    sectores = {s.sector: (s.instituciones, s.aprobados, s.avance) for s in planes.por_sector}
    assert sectores == {"Educación": (2, 0, None), "Salud": (2, 2, Decimal("25.0"))}


def test_diagnostico_contra_la_linea_base(informe):
    dx = informe.diagnostico
    assert dx.ronda.nombre == "Diagnóstico del año"
    assert (dx.tasa.total, dx.tasa.respondidas, dx.tasa.porcentaje) == (4, 3, 75.0)
    assert dx.no_respondieron == 1
    # Promedios de la ronda: las tres aceptadas.
    assert dx.general.promedio == Decimal("50.00")
    assert [(s.titulo, s.promedio, s.n) for s in dx.secciones] == [
        ("Cultura institucional", Decimal("53.33"), 3),
        ("Vida libre de violencia", Decimal("46.67"), 3),
    ]
    # La comparación, solo entre las dos instituciones con línea base anterior.
    assert (dx.comparables, dx.primera_vez) == (2, 1)
    assert (dx.general.base, dx.general.actual_comparable, dx.general.cambio) == (
        Decimal("45.00"), Decimal("60.00"), Decimal("15.00"),
    )  # fmt: skip
    assert [s.cambio for s in dx.secciones] == [Decimal("20.00"), Decimal("10.00")]
    assert (dx.mejoraron, dx.empeoraron, dx.sin_cambio) == (1, 0, 1)
    assert dx.seccion_mas_baja.titulo == "Vida libre de violencia"


def test_capacitacion_por_sexo(informe):
    cap = informe.capacitacion
    assert (cap.eventos, cap.horas) == (1, Decimal("4.0"))
    total = cap.datos.total
    assert (total.mujeres, total.hombres, total.no_especificado) == (2, 1, 0)
    assert total.certificadas == 1
    assert [(c.nombre, c.personas) for c in cap.principales] == [
        ("Hospital de la Mujer", 2),
        ("Secretaría de Salud", 1),
    ]


def test_reuniones_asesorias_y_acuerdos(informe):
    reu = informe.reuniones
    assert [f.reunion.titulo for f in reu.filas] == ["Primera reunión de planeación"]
    total = reu.total
    assert (total.instituciones, total.mujeres, total.hombres, total.sin_especificar) == (
        2,
        3,
        1,
        1,
    )
    assert (total.acuerdos, total.cumplidos) == (3, 1)
    assert reu.personas == 5
    assert (reu.asesorias, reu.instituciones_asesoradas) == (2, 1)
    assert dict(reu.asesorias_por_modalidad) == {"Presencial": 1, "Virtual": 1, "Mixta": 0}
    assert (reu.acuerdos, reu.cumplidos, reu.cumplidos_a_tiempo) == (4, 2, 1)
    assert (reu.pendientes, reu.vencidos, reu.en_plazo) == (2, 1, 1)
    assert reu.porcentaje_cumplidos == 50.0
    assert reu.vencidos_hoy == 2


def test_retos_salen_de_las_cifras(informe):
    assert informe.retos_texto == "Sostener."
    retos = "\n".join(informe.retos)
    assert "Instalar la unidad en 2 de 4 instituciones vigentes (50\u00a0%)" in retos
    assert "2 instituciones no tienen aprobado su plan de trabajo" in retos
    assert "2 de 2 planes en seguimiento van por debajo del avance esperado." in retos
    assert "7 informes trimestrales vencieron sin enviarse." in retos
    assert "1 de 4 instituciones convocadas no han enviado el diagnóstico" in retos
    assert "«Vida libre de violencia»: 46.67 de 100" in retos
    assert "2 acuerdos siguen pendientes con su fecha compromiso vencida." in retos
    # Sin procesos de certificación abiertos, ese reto no aparece.
    assert "certificación" not in retos


def test_sin_datos_el_informe_se_genera_y_lo_dice(db, coordinacion):
    informe = informe_anual.calcular(ANIO, usuario=coordinacion, hoy=HOY)
    assert informe.diagnostico is None
    assert informe.planes.en_seguimiento == 0
    texto = _texto(informe_anual.pdf(informe))
    assert "no se había abierto ninguna ronda del diagnóstico" in texto
    assert "Ningún plan del año está aprobado todavía" in texto


def _texto(contenido):
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(contenido)).pages)


def test_el_pdf_se_lee_de_vuelta(informe):
    contenido = informe_anual.pdf(informe)
    lector = PdfReader(BytesIO(contenido))
    assert lector.metadata.title == f"Informe anual {ANIO} de las Unidades de Igualdad de Género"
    capitulos = [
        "1. Resumen del año",
        "2. Instalación de las unidades",
        "3. Planes de trabajo y su ejecución",
        "4. Diagnóstico institucional contra la línea base",
        "5. Capacitación y certificación por sexo",
        "6. Reuniones, asesorías y acuerdos",
        "7. Retos y próximos pasos",
    ]
    # Los marcadores del PDF: un lector de PDF los muestra como índice navegable.
    assert [m.title for m in lector.outline if not isinstance(m, list)] == capitulos
    portada, indice = (" ".join(lector.pages[n].extract_text().split()) for n in (0, 1))
    assert "Informe anual de las Unidades de Igualdad de Género" in portada
    assert str(ANIO) in portada
    assert "Contenido" not in portada
    assert "Contenido" in indice
    for capitulo in capitulos:
        assert capitulo in indice
    texto = _texto(contenido)
    for esperado in [
        "2 de 4 instituciones vigentes tienen su Unidad de Igualdad de Género",
        f"En {ANIO} se instaló 1 unidad.",
        f"2 de 4 instituciones vigentes tienen aprobado su plan de trabajo {ANIO} (50 %).",
        "Avance promedio de las metas anuales: 25.0 %",
        "respondieron 3 de 4 instituciones convocadas (75 %)",
        "+15.00",
        "Índice general contra su línea base: mejoró en 1, bajó en 0 y quedó igual en 1",
        f"Eventos de capacitación concluidos en {ANIO}: 1, con 4 horas en total.",
        "Personas servidoras públicas que acreditaron al menos uno: 3.",
        "Primera reunión de planeación",
        "Valoración de la Coordinación",
        "Sostener.",
        "7 informes trimestrales vencieron sin enviarse.",
    ]:
        assert esperado in " ".join(texto.split()), esperado
    assert "VISTA PREVIA" not in texto


def test_el_indice_da_la_pagina_de_cada_capitulo(informe):
    lector = PdfReader(BytesIO(informe_anual.pdf(informe)))
    paginas = [
        str(lector.get_destination_page_number(m) + 1)
        for m in lector.outline
        if not isinstance(m, list)
    ]
    assert len(paginas) == 7
    # Los números del índice van alineados a la derecha; pypdf los lee antes que los títulos.
    numeros = lector.pages[1].extract_text().split("Contenido")[0].split()
    assert numeros == paginas


# --- La página: generar, archivar, vista previa y descarga ------------------------------------


def test_la_pagina_propone_el_anio_y_los_retos_de_la_pagina_publica(client, coordinacion):
    TextoAvances.objects.create(pk=TextoAvances.PK, retos="Llegar a todas las entidades.")
    client.force_login(coordinacion)
    respuesta = client.get(LISTA)
    assert respuesta.status_code == 200
    form = respuesta.context["form"]
    assert form.initial["retos"] == "Llegar a todas las entidades."
    assert form.initial["anio"] in (timezone.localdate().year, timezone.localdate().year - 1)
    assert "Aún no se ha archivado ningún informe." in respuesta.content.decode()


def test_generar_archiva_el_pdf(client, coordinacion, datos):
    client.force_login(coordinacion)
    respuesta = client.post(
        LISTA, {"anio": str(ANIO), "retos": "Consolidar el seguimiento."}, follow=True
    )
    assert respuesta.redirect_chain == [(LISTA, 302)]
    archivado = InformeAnual.objects.get()
    assert (archivado.anio, archivado.retos, archivado.generado_por) == (
        ANIO, "Consolidar el seguimiento.", coordinacion,
    )  # fmt: skip
    contenido = archivado.archivo.read()
    assert contenido.startswith(b"%PDF")
    assert archivado.tamano == len(contenido)
    assert archivado.huella == hashlib.sha256(contenido).hexdigest()
    assert archivado.paginas == len(PdfReader(BytesIO(contenido)).pages) >= 8
    assert "Consolidar el seguimiento." in _texto(contenido)
    html = respuesta.content.decode()
    assert f"Se generó y archivó el informe anual {ANIO} ({archivado.paginas} páginas)." in html
    assert archivado.huella[:16] in html
    # La descarga da el mismo archivo, byte por byte.
    descarga = client.get(reverse("informes:descargar", args=[archivado.pk]))
    assert descarga["Content-Type"] == "application/pdf"
    assert b"".join(descarga.streaming_content) == contenido
    assert f"informe-anual-{ANIO}-" in descarga["Content-Disposition"]
    # La próxima vez se proponen los retos de este informe.
    assert client.get(LISTA).context["form"].initial["retos"] == "Consolidar el seguimiento."


def test_doble_clic_archiva_uno(client, coordinacion, datos):
    client.force_login(coordinacion)
    datos_form = {"anio": str(ANIO), "retos": "Lo mismo."}
    client.post(LISTA, datos_form)
    segunda = client.post(LISTA, datos_form, follow=True)
    assert InformeAnual.objects.count() == 1
    assert "no se archivó otra copia" in segunda.content.decode()
    # Con otros retos sí es otro informe.
    client.post(LISTA, {**datos_form, "retos": "Otra valoración."})
    assert InformeAnual.objects.count() == 2


@pytest.mark.parametrize(
    ("anio", "retos", "mensaje"),
    [
        ("1999", "", "Elija un año de la lista."),
        ("", "", "Este campo es obligatorio."),
        ("dos mil", "", "Elija un año de la lista."),
        (str(ANIO), "x" * 6001, "Asegúrese de que este valor tenga como máximo 6000 caracteres"),
    ],
)
def test_datos_invalidos_no_generan_nada(client, coordinacion, anio, retos, mensaje):
    client.force_login(coordinacion)
    for url in (LISTA, VISTA_PREVIA):
        respuesta = client.post(url, {"anio": anio, "retos": retos})
        assert respuesta.status_code == 200
        html = respuesta.content.decode()
        assert "Revise los campos marcados: no se generó nada." in html
        assert mensaje in html
    assert not InformeAnual.objects.exists()


def test_vista_previa_no_archiva(client, coordinacion, datos):
    client.force_login(coordinacion)
    respuesta = client.post(VISTA_PREVIA, {"anio": str(ANIO), "retos": "Borrador de retos."})
    assert respuesta["Content-Type"] == "application/pdf"
    texto = _texto(respuesta.content)
    assert "VISTA PREVIA, SIN ARCHIVAR" in texto
    assert "Borrador de retos." in texto
    assert not InformeAnual.objects.exists()


def test_descargar_un_informe_que_no_existe_da_404(client, coordinacion):
    client.force_login(coordinacion)
    assert client.get(reverse("informes:descargar", args=[999])).status_code == 404


def test_la_lista_pagina_con_consultas_fijas(client, coordinacion, django_assert_num_queries):
    from django.core.files.base import ContentFile

    def archivar(n):
        for _ in range(n):
            informe = InformeAnual(
                anio=ANIO, paginas=10, tamano=100, huella="a" * 64, corte=HOY,
                generado_por=coordinacion,
            )  # fmt: skip
            informe.archivo.save("i.pdf", ContentFile(b"%PDF-1.7"), save=False)
            informe.save()

    client.force_login(coordinacion)
    archivar(1)
    client.get(LISTA)
    # 12 de la página, 1 de los años con datos (una unión) y 1 de la cifra de «Por revisar».
    with django_assert_num_queries(14) as una:
        client.get(LISTA)
    archivar(24)
    with django_assert_num_queries(len(una.captured_queries)):
        respuesta = client.get(LISTA)
    assert len(respuesta.context["informes"]) == 20
    assert "Página 1 de 2" in respuesta.content.decode()
