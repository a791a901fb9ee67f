"""Propuestas del diagnóstico: se redactan de una respuesta aceptada con los textos de su versión
y la Coordinación las revisa (editar, agregar, quitar, marcar listas).

El cuestionario conocido de estas pruebas (umbrales 40 y 70):

- igualdad (peso 2, orden 1): i1 sí/no peso 2 → «no» (0), i2 peso 1 → «parcial» (50),
  i3 peso 1 → «sí» (100). Índice (2·0 + 50 + 100) / 4 = 37.5 (inicial).
- violencia (peso 1, orden 2): v1 peso 1 → «no» (0), v2 texto abierto. Índice 0 (inicial).
- datos (peso 0): sin puntos.

Prioridad = lo que cada hallazgo le resta al índice general (25):
igualdad 2/3 · 62.5 = 41.667; i1 2/4 · 2/3 · 100 = 33.333; violencia 1/3 · 100 = 33.333;
v1 1 · 1/3 · 100 = 33.333; i2 1/4 · 2/3 · 50 = 8.333.

Los códigos de i1, i2, i3, v1 y v2 son r_politica, r_comite, r_lenguaje, r_protocolo y
r_obstaculos, y los de las secciones s_igualdad y s_violencia: no aparecen en ningún texto, así
se comprueba que la página de revisión no muestra códigos.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from diagnosticos import diseno, propuestas, services
from diagnosticos.estructura import Estructura
from diagnosticos.instrumento_predeterminado import NOMBRE, SECCIONES
from diagnosticos.models import (
    Cuestionario,
    DiagnosticoSituacional,
    Pregunta,
    Propuesta,
    Respuesta,
    TextoPropuesta,
    Version,
)
from diagnosticos.propuestas_predeterminadas import TEXTOS, sembrar_textos_predeterminados
from tests.diagnosticos.test_instrumento import peor
from tests.diagnosticos.test_linea_base import contestar, ronda
from tests.factories import PreguntaFactory, SeccionFactory, VersionFactory
from uig_portal.lib import concurrencia
from uig_portal.lib.ejes import Eje

pytestmark = pytest.mark.django_db

D = Decimal
Estado = Propuesta.Estado
Tipo = Pregunta.Tipo

RESPUESTAS = {
    "personal": "120",
    "r_politica": "no",
    "r_comite": "parcial",
    "r_lenguaje": "si",
    "r_protocolo": "no",
    "r_obstaculos": "x",
}


def texto(version, seccion, pregunta=None, nivel="", eje=Eje.NO_DISCRIMINACION, clave="", **mas):
    return TextoPropuesta.objects.create(
        version=version,
        seccion=seccion,
        pregunta=pregunta,
        nivel=nivel,
        eje=eje,
        texto=clave,
        objetivo=mas.get("objetivo", f"Objetivo de {clave}"),
        indicador=mas.get("indicador", f"Indicador de {clave}"),
        orden=mas.get("orden", 0),
    )


@pytest.fixture
def version():
    """El cuestionario conocido, con textos para casi todo (v1 no tiene texto)."""
    cuestionario = Cuestionario.objects.create(nombre="Diagnóstico con propuestas")
    version = VersionFactory(cuestionario=cuestionario)
    datos = SeccionFactory(version=version, codigo="datos", titulo="Datos", orden=0, peso=D(0))
    igualdad = SeccionFactory(
        version=version, codigo="s_igualdad", titulo="Igualdad laboral", orden=1, peso=D(2)
    )
    violencia = SeccionFactory(
        version=version, codigo="s_violencia", titulo="Vida libre de violencia", orden=2
    )
    PreguntaFactory(seccion=datos, codigo="personal", orden=1, tipo=Tipo.ENTERO, peso=D(0))
    i1 = PreguntaFactory(
        seccion=igualdad, codigo="r_politica", orden=1, peso=D(2), texto="¿Política?"
    )
    i2 = PreguntaFactory(
        seccion=igualdad, codigo="r_comite", orden=2, texto="¿Comité de vigilancia?"
    )
    i3 = PreguntaFactory(
        seccion=igualdad, codigo="r_lenguaje", orden=3, texto="¿Lenguaje incluyente?"
    )
    PreguntaFactory(seccion=violencia, codigo="r_protocolo", orden=1, texto="¿Protocolo?")
    PreguntaFactory(
        seccion=violencia,
        codigo="r_obstaculos",
        orden=2,
        tipo=Tipo.TEXTO,
        peso=D(0),
        obligatoria=False,
    )
    texto(version, igualdad, clave="Sección igualdad")
    texto(version, violencia, eje=Eje.VIOLENCIA, clave="Sección violencia")
    texto(version, igualdad, i1, clave="i1 cualquiera")
    texto(version, igualdad, i1, nivel="inicial", clave="i1 inicial")
    texto(version, igualdad, i1, nivel="en_desarrollo", clave="i1 en desarrollo")
    texto(version, igualdad, i2, clave="i2 cualquiera")
    texto(version, igualdad, i2, nivel="en_desarrollo", eje=Eje.CULTURA, clave="i2 en desarrollo")
    texto(version, igualdad, i3, clave="i3 cualquiera")
    return version


@pytest.fixture
def aceptada(version, dependencia):
    aplicacion = ronda(version, date(2026, 3, 1))
    return contestar(aplicacion, dependencia, RESPUESTAS)


def claves(respuesta):
    return list(respuesta.propuestas.order_by("orden").values_list("texto", flat=True))


def entregar(respuesta):
    return DiagnosticoSituacional.objects.create(
        respuesta=respuesta,
        fecha_oficio=date(2026, 6, 1),
        destinatario="Mtra. Persona Titular",
        cargo_destinatario="Secretaria",
        firma_nombre="Coordinadora",
        firma_cargo="Coordinación",
        entregado_el=date(2026, 6, 2),
    )


# --- Redacción ----------------------------------------------------------------------------


def test_redacta_por_nivel_seccion_y_prioridad(aceptada, coordinacion):
    creadas = propuestas.redactar(aceptada, coordinacion)
    assert [p.texto for p in creadas] == [
        "Sección igualdad",
        "i1 inicial",  # gana al de «inicial o en desarrollo»; el de «en desarrollo» no aplica
        "Sección violencia",  # misma prioridad que i1: decide el orden de las secciones
        "i2 en desarrollo",
    ]  # i3 está consolidado; v1 no tiene texto
    assert claves(aceptada) == [p.texto for p in creadas]
    filas = {
        p.texto: (p.seccion_codigo, p.pregunta_codigo, p.puntos, p.prioridad, p.orden, p.eje)
        for p in aceptada.propuestas.all()
    }
    assert filas == {
        "Sección igualdad": ("s_igualdad", "", D("37.50"), D("41.667"), 1, "igualdad"),
        "i1 inicial": ("s_igualdad", "r_politica", D("0.00"), D("33.333"), 2, "igualdad"),
        "Sección violencia": ("s_violencia", "", D("0.00"), D("33.333"), 3, "violencia"),
        "i2 en desarrollo": ("s_igualdad", "r_comite", D("50.00"), D("8.333"), 4, "cultura"),
    }
    propuesta = aceptada.propuestas.get(texto="i1 inicial")
    assert propuesta.objetivo == "Objetivo de i1 inicial"
    assert propuesta.indicador == "Indicador de i1 inicial"
    assert propuesta.texto_origen.texto == "i1 inicial"
    assert propuesta.dependencia_id == aceptada.dependencia_id
    assert propuesta.estado == Estado.BORRADOR
    assert propuesta.history.first().history_user == coordinacion


def test_sin_texto_especifico_usa_el_de_cualquier_nivel(aceptada, version):
    TextoPropuesta.objects.filter(version=version, texto="i1 inicial").delete()
    propuestas.redactar(aceptada)
    assert "i1 cualquiera" in claves(aceptada)
    assert "i1 en desarrollo" not in claves(aceptada)


def test_varios_textos_del_mismo_nivel_dan_varias_propuestas(aceptada, version):
    seccion = version.secciones.get(codigo="s_igualdad")
    pregunta = seccion.preguntas.get(codigo="r_politica")
    texto(version, seccion, pregunta, nivel="inicial", clave="i1 inicial bis", orden=5)
    propuestas.redactar(aceptada)
    assert claves(aceptada)[1:3] == ["i1 inicial", "i1 inicial bis"]


def test_el_umbral_de_consolidado_decide(aceptada, version):
    version.cuestionario.umbral_consolidado = D("50")
    version.cuestionario.save()
    propuestas.redactar(aceptada)
    # i2 (50 puntos) ya está consolidado con el umbral en 50.
    assert claves(aceptada) == ["Sección igualdad", "i1 inicial", "Sección violencia"]


def test_con_todo_consolidado_no_hay_propuestas(version, dependencia):
    aplicacion = ronda(version, date(2026, 3, 1))
    todo_si = {**RESPUESTAS, "r_politica": "si", "r_comite": "si", "r_protocolo": "si"}
    respuesta = contestar(aplicacion, dependencia, todo_si)
    assert propuestas.redactar(respuesta) == []
    assert not respuesta.propuestas.exists()


def test_solo_de_una_respuesta_aceptada(version, dependencia):
    aplicacion = ronda(version, date(2026, 3, 1))
    enviada = contestar(aplicacion, dependencia, RESPUESTAS, Respuesta.Estado.ENVIADA)
    with pytest.raises(ValidationError, match="aceptada"):
        propuestas.redactar(enviada)
    assert not Propuesta.objects.exists()


def test_no_vuelve_a_redactar_y_conserva_ediciones_y_eliminaciones(aceptada, coordinacion):
    propuestas.redactar(aceptada)
    primera, segunda, *_resto = aceptada.propuestas.order_by("orden")
    propuestas.editar(
        primera,
        {"eje": "igualdad", "texto": "Editada", "objetivo": "", "indicador": ""},
        primera.revision,
        coordinacion,
    )
    propuestas.eliminar(segunda, coordinacion)
    assert propuestas.redactar(aceptada) == []
    assert claves(aceptada) == ["Editada", "Sección violencia", "i2 en desarrollo"]
    # Aunque se quiten todas, la respuesta ya se redactó: no vuelven.
    for propuesta in aceptada.propuestas.all():
        propuestas.eliminar(propuesta)
    assert propuestas.ya_redactadas(aceptada)
    assert propuestas.redactar(aceptada) == []
    assert not aceptada.propuestas.exists()


def test_aceptar_redacta(version, dependencia, coordinacion):
    aplicacion = ronda(version, date(2026, 3, 1))
    enviada = contestar(aplicacion, dependencia, RESPUESTAS, Respuesta.Estado.ENVIADA)
    services.aceptar(enviada, usuario=coordinacion)
    assert claves(enviada)[0] == "Sección igualdad"
    assert enviada.propuestas.count() == 4


def test_el_instrumento_predeterminado_redacta_para_todo_lo_calificado(dependencia, coordinacion):
    version = Version.objects.get(cuestionario__nombre=NOMBRE, numero=1)
    estructura = Estructura(version)
    valores = {p.codigo: peor(p) for p in estructura.preguntas if p.responde}
    aplicacion = ronda(version, date(2026, 3, 1))
    enviada = contestar(aplicacion, dependencia, valores, Respuesta.Estado.ENVIADA)
    services.aceptar(enviada, usuario=coordinacion)
    visibles = estructura.visibles(valores)
    calificados = [p for p in estructura.preguntas if p.da_puntos and p.codigo in visibles]
    lista = list(enviada.propuestas.order_by("orden"))
    assert len(lista) == len(calificados) + 4  # un texto por reactivo y uno por sección
    assert {p.pregunta_codigo for p in lista} == {"", *(p.codigo for p in calificados)}
    assert all(p.texto and p.objetivo and p.indicador for p in lista)
    # Todo en cero: cada sección pierde 25 puntos del general y encabeza la lista.
    assert [p.prioridad for p in lista[:4]] == [D("25.000")] * 4
    assert [p.pregunta_codigo for p in lista[:4]] == [""] * 4
    assert [p.prioridad for p in lista] == sorted((p.prioridad for p in lista), reverse=True)
    assert {p.eje for p in lista} == set(Eje.values)


# --- Revisión -----------------------------------------------------------------------------


@pytest.fixture
def redactadas(aceptada, coordinacion):
    propuestas.redactar(aceptada, coordinacion)
    return list(aceptada.propuestas.order_by("orden"))


DATOS = {"eje": "violencia", "texto": "  Texto nuevo  ", "objetivo": "Obj", "indicador": "Ind"}


def test_editar_guarda_y_sube_la_revision(redactadas, coordinacion):
    propuesta = redactadas[0]
    guardada = propuestas.editar(propuesta, DATOS, propuesta.revision, coordinacion)
    propuesta.refresh_from_db()
    assert (propuesta.eje, propuesta.texto, propuesta.objetivo, propuesta.indicador) == (
        "violencia",
        "Texto nuevo",
        "Obj",
        "Ind",
    )
    assert propuesta.revision == guardada.revision == 2
    assert propuesta.history.first().history_user == coordinacion


def test_editar_con_revision_vieja_se_rechaza(redactadas, coordinacion):
    propuesta = redactadas[0]
    propuestas.editar(propuesta, DATOS, 1, coordinacion)
    with pytest.raises(concurrencia.EdicionVieja) as error:
        propuestas.editar(propuesta, {**DATOS, "texto": "Otro"}, 1, coordinacion)
    assert "recargue" in error.value.mensaje
    propuesta.refresh_from_db()
    assert (propuesta.texto, propuesta.revision) == ("Texto nuevo", 2)


@pytest.mark.parametrize(
    "cambio,campo,mensaje",
    [
        ({"texto": "   "}, "texto", "Escriba el texto de la propuesta."),
        ({"eje": "otro"}, "eje", "Elija el eje temático de la propuesta."),
        ({"indicador": "x" * 251}, "indicador", "no puede pasar de 250 caracteres"),
    ],
)
def test_datos_invalidos_no_guardan_nada(redactadas, coordinacion, cambio, campo, mensaje):
    propuesta = redactadas[0]
    with pytest.raises(ValidationError) as error:
        propuestas.editar(propuesta, {**DATOS, **cambio}, propuesta.revision, coordinacion)
    assert mensaje in " ".join(error.value.message_dict[campo])
    with pytest.raises(ValidationError):
        propuestas.agregar(propuesta.respuesta, **{**DATOS, **cambio}, usuario=coordinacion)
    propuesta.refresh_from_db()
    assert (propuesta.texto, propuesta.revision) == ("Sección igualdad", 1)
    assert propuesta.respuesta.propuestas.count() == len(redactadas)


def test_agregar_al_final(redactadas, aceptada, coordinacion):
    nueva = propuestas.agregar(
        aceptada, eje="cultura", texto="Lactario", objetivo="", indicador="", usuario=coordinacion
    )
    assert nueva.orden == len(redactadas) + 1
    assert (nueva.seccion_codigo, nueva.pregunta_codigo, nueva.puntos) == ("", "", None)
    assert nueva.texto_origen is None and nueva.estado == Estado.BORRADOR


def test_marcar_lista_y_volver_a_revisar(redactadas, aceptada, coordinacion):
    propuesta = redactadas[0]
    assert propuestas.marcar_lista(propuesta, coordinacion).estado == Estado.LISTA
    with pytest.raises(ValidationError, match="ya estaba lista"):
        propuestas.marcar_lista(propuesta)
    assert propuestas.volver_a_revisar(propuesta).estado == Estado.BORRADOR
    with pytest.raises(ValidationError, match="ya estaba por revisar"):
        propuestas.volver_a_revisar(propuesta)
    propuestas.marcar_lista(propuesta)
    assert propuestas.marcar_todas_listas(aceptada, coordinacion) == len(redactadas) - 1
    assert set(aceptada.propuestas.values_list("estado", flat=True)) == {Estado.LISTA}
    assert propuestas.marcar_todas_listas(aceptada) == 0


def test_presentada_no_cambia(redactadas, coordinacion):
    propuesta = redactadas[0]
    Propuesta.objects.filter(pk=propuesta.pk).update(estado=Estado.PRESENTADA)
    propuesta.refresh_from_db()
    for accion in (
        lambda: propuestas.editar(propuesta, DATOS, propuesta.revision, coordinacion),
        lambda: propuestas.eliminar(propuesta),
        lambda: propuestas.marcar_lista(propuesta),
        lambda: propuestas.volver_a_revisar(propuesta),
    ):
        with pytest.raises(ValidationError, match="ya se presentó"):
            accion()
    propuesta.refresh_from_db()
    assert (propuesta.texto, propuesta.estado) == ("Sección igualdad", Estado.PRESENTADA)


def test_entregado_el_diagnostico_situacional_nada_cambia(redactadas, aceptada, coordinacion):
    entregar(aceptada)
    propuesta = redactadas[1]
    for accion in (
        lambda: propuestas.editar(propuesta, DATOS, propuesta.revision, coordinacion),
        lambda: propuestas.eliminar(propuesta),
        lambda: propuestas.marcar_lista(propuesta),
        lambda: propuestas.marcar_todas_listas(aceptada),
        lambda: propuestas.agregar(aceptada, **DATOS, usuario=coordinacion),
    ):
        with pytest.raises(ValidationError, match="ya se entregó"):
            accion()
    assert aceptada.propuestas.count() == len(redactadas)
    assert set(aceptada.propuestas.values_list("estado", flat=True)) == {Estado.BORRADOR}


def test_no_se_agrega_a_una_respuesta_sin_aceptar(version, dependencia, coordinacion):
    aplicacion = ronda(version, date(2026, 3, 1))
    enviada = contestar(aplicacion, dependencia, RESPUESTAS, Respuesta.Estado.ENVIADA)
    with pytest.raises(ValidationError, match="aceptada"):
        propuestas.agregar(enviada, **DATOS, usuario=coordinacion)
    assert not enviada.propuestas.exists()


# --- Versiones y textos sembrados ------------------------------------------------------------


def test_la_version_nueva_copia_los_textos(version):
    nueva = diseno.copiar_version(version, notas="Copia")
    originales = TextoPropuesta.objects.filter(version=version)
    copias = TextoPropuesta.objects.filter(version=nueva).select_related("seccion", "pregunta")
    assert copias.count() == originales.count() == 8

    def firma(t):
        return (t.seccion.codigo, t.pregunta.codigo if t.pregunta else "", t.nivel, t.texto)

    assert sorted(map(firma, copias)) == sorted(map(firma, originales))
    assert all(t.seccion.version_id == nueva.pk for t in copias)
    assert all(t.pregunta is None or t.pregunta.seccion.version_id == nueva.pk for t in copias)


def _textos_del_predeterminado():
    version = Version.objects.get(cuestionario__nombre=NOMBRE, numero=1)
    return version, TextoPropuesta.objects.filter(version=version).select_related(
        "seccion", "pregunta"
    )


def test_hay_texto_para_cada_reactivo_calificado_del_instrumento_predeterminado():
    version, textos = _textos_del_predeterminado()
    estructura = Estructura(version)
    con_texto = {(t.seccion.codigo, t.pregunta.codigo if t.pregunta else "") for t in textos}
    for codigo in ("igualdad", "violencia", "presupuesto", "capacitacion"):
        seccion = estructura.seccion(codigo)
        assert (codigo, "") in con_texto, codigo
        for pregunta in seccion.preguntas_en_orden:
            if pregunta.da_puntos:
                assert (codigo, pregunta.codigo) in con_texto, pregunta.codigo
    # Ningún texto apunta a algo que no da puntos, y cada uno trae objetivo e indicador.
    assert all(t.pregunta is None or t.pregunta.da_puntos for t in textos)
    assert all(t.texto and t.objetivo and t.indicador for t in textos)
    assert all(t.eje == Eje.CULTURA for t in textos if t.seccion.codigo == "capacitacion")
    # Algunos reactivos distinguen «inicial» de «en desarrollo».
    por_nivel = {t.pregunta.codigo for t in textos if t.pregunta and t.nivel == "en_desarrollo"}
    assert len(por_nivel) >= 4
    assert all(textos.filter(pregunta__codigo=c, nivel="inicial").exists() for c in por_nivel)


def test_los_datos_sembrados_nombran_reactivos_que_existen():
    reactivos = {p["codigo"] for s in SECCIONES for p in s["preguntas"]}
    for datos in TEXTOS.values():
        assert set(datos["reactivos"]) <= reactivos
    assert set(TEXTOS) == {"igualdad", "violencia", "presupuesto", "capacitacion"}


def test_la_migracion_siembra_los_textos_con_modelos_historicos():
    version, textos = _textos_del_predeterminado()
    total = textos.count()
    esperados = sum(
        1 + sum(len(lista) for lista in d["reactivos"].values()) for d in TEXTOS.values()
    )
    assert total == esperados
    TextoPropuesta.objects.filter(version=version).delete()
    estado = MigrationLoader(connection).project_state(
        ("diagnosticos", "0006_textos_propuesta_predeterminados")
    )
    assert sembrar_textos_predeterminados(estado.apps) == esperados
    # Con textos ya sembrados (o editados) no se vuelve a sembrar.
    assert sembrar_textos_predeterminados(estado.apps) == 0
    assert sembrar_textos_predeterminados() == 0
    assert TextoPropuesta.objects.filter(version=version).count() == esperados
    # Con los modelos de la 0002 (sin tabla de textos) no hace nada.
    anterior = MigrationLoader(connection).project_state(
        ("diagnosticos", "0002_instrumento_predeterminado")
    )
    assert sembrar_textos_predeterminados(anterior.apps) == 0


def test_asegurar_el_instrumento_siembra_sus_textos():
    from diagnosticos.instrumento_predeterminado import asegurar_instrumento_predeterminado
    from tests.diagnosticos.test_instrumento import borrar_instrumento

    version, textos = _textos_del_predeterminado()
    esperados = textos.count()
    TextoPropuesta.objects.filter(version=version).delete()
    borrar_instrumento()
    cuestionario = asegurar_instrumento_predeterminado()
    assert TextoPropuesta.objects.filter(version__cuestionario=cuestionario).count() == esperados


# --- Páginas -----------------------------------------------------------------------------


def url(nombre, pk):
    return reverse(f"diagnosticos:{nombre}", args=[pk])


def test_la_pagina_muestra_hallazgos_sin_codigos(client, coordinacion, redactadas, aceptada):
    client.force_login(coordinacion)
    respuesta = client.get(url("propuestas", aceptada.pk))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Igualdad laboral" in html and "¿Política?" in html
    assert "Nivel" in html and "Inicial" in html
    assert "4 por revisar" in html and "0 listas" in html
    for codigo in ("r_politica", "r_comite", "igualdad_", "violencia_"):
        assert f">{codigo}<" not in html and f" {codigo} " not in html
    assert "Redactar propuestas" not in html


def test_el_contador_y_marcar_todas(client, coordinacion, redactadas, aceptada):
    client.force_login(coordinacion)
    r = client.post(url("propuesta_lista", redactadas[0].pk))
    assert r.status_code == 302
    html = client.get(url("propuestas", aceptada.pk)).content.decode()
    assert "3 por revisar" in html and "1 lista<" in html
    client.post(url("propuestas_listas", aceptada.pk))
    html = client.get(url("propuestas", aceptada.pk)).content.decode()
    assert "0 por revisar" in html and "4 listas" in html
    client.post(url("propuesta_revisar", redactadas[0].pk))
    assert Propuesta.objects.get(pk=redactadas[0].pk).estado == Estado.BORRADOR


def _datos(propuesta, **cambios):
    prefijo = f"p{propuesta.pk}"
    datos = {
        "eje": propuesta.eje,
        "texto": propuesta.texto,
        "objetivo": propuesta.objetivo,
        "indicador": propuesta.indicador,
        "revision": propuesta.revision,
        **cambios,
    }
    return {f"{prefijo}-{k}": v for k, v in datos.items()}


def test_editar_desde_la_pagina(client, coordinacion, redactadas):
    propuesta = redactadas[0]
    client.force_login(coordinacion)
    r = client.post(url("propuesta_editar", propuesta.pk), _datos(propuesta, texto="Mejor"))
    assert r.status_code == 302
    assert r["Location"].endswith(f"#propuesta-{propuesta.pk}")
    propuesta.refresh_from_db()
    assert (propuesta.texto, propuesta.revision) == ("Mejor", 2)


def test_editar_con_revision_vieja_conserva_lo_escrito(client, coordinacion, redactadas):
    propuesta = redactadas[0]
    propuestas.editar(propuesta, DATOS, 1, coordinacion)
    client.force_login(coordinacion)
    r = client.post(
        url("propuesta_editar", propuesta.pk), _datos(propuesta, texto="Lo mío", revision=1)
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "recargue para verlos" in html and "Lo mío" in html
    propuesta.refresh_from_db()
    assert propuesta.texto == "Texto nuevo"


def test_editar_sin_texto_muestra_el_error(client, coordinacion, redactadas):
    propuesta = redactadas[0]
    client.force_login(coordinacion)
    r = client.post(url("propuesta_editar", propuesta.pk), _datos(propuesta, texto=" "))
    assert r.status_code == 200
    assert "Escriba el texto de la propuesta." in r.content.decode()
    propuesta.refresh_from_db()
    assert propuesta.texto == "Sección igualdad"


def test_agregar_y_quitar_con_confirmacion(client, coordinacion, redactadas, aceptada):
    client.force_login(coordinacion)
    r = client.post(
        url("propuesta_agregar", aceptada.pk),
        {"nueva-eje": "cultura", "nueva-texto": "Lactario", "nueva-indicador": "Lactarios"},
    )
    assert r.status_code == 302
    nueva = aceptada.propuestas.get(texto="Lactario")
    html = client.get(url("propuestas", aceptada.pk)).content.decode()
    assert "Agregada por la Coordinación" in html
    r = client.post(url("propuesta_eliminar", nueva.pk))
    assert r.status_code == 200 and "¿Quitar esta propuesta?" in r.content.decode()
    assert aceptada.propuestas.filter(pk=nueva.pk).exists()
    r = client.post(url("propuesta_eliminar", nueva.pk), {"confirmar": "si"})
    assert r.status_code == 302
    assert not aceptada.propuestas.filter(pk=nueva.pk).exists()


def test_agregar_sin_eje_no_guarda(client, coordinacion, redactadas, aceptada):
    client.force_login(coordinacion)
    r = client.post(url("propuesta_agregar", aceptada.pk), {"nueva-texto": "Algo"})
    assert r.status_code == 200
    assert "Elija el eje temático de la propuesta." in r.content.decode()
    assert aceptada.propuestas.count() == len(redactadas)


def test_redactar_una_respuesta_aceptada_antes(client, coordinacion, aceptada):
    client.force_login(coordinacion)
    html = client.get(url("propuestas", aceptada.pk)).content.decode()
    assert "Redactar propuestas" in html
    r = client.post(url("propuestas_redactar", aceptada.pk))
    assert r.status_code == 302
    assert aceptada.propuestas.count() == 4
    r = client.post(url("propuestas_redactar", aceptada.pk), follow=True)
    assert "ya se habían redactado" in r.content.decode()
    assert aceptada.propuestas.count() == 4


def test_entregado_la_pagina_no_ofrece_editar(client, coordinacion, redactadas, aceptada):
    entregar(aceptada)
    client.force_login(coordinacion)
    html = client.get(url("propuestas", aceptada.pk)).content.decode()
    assert "ya se entregó" in html
    assert "Guardar la propuesta" not in html and "Agregar la propuesta" not in html
    r = client.post(url("propuesta_eliminar", redactadas[0].pk), {"confirmar": "si"}, follow=True)
    assert "ya se entregó" in r.content.decode()
    assert aceptada.propuestas.count() == len(redactadas)


def test_enlaces_desde_resultados_y_seguimiento(client, coordinacion, responsable, aceptada):
    destino = url("propuestas", aceptada.pk)
    client.force_login(coordinacion)
    assert destino in client.get(url("resultado", aceptada.pk)).content.decode()
    assert destino in client.get(url("aplicacion_detalle", aceptada.aplicacion_id)).content.decode()
    client.force_login(responsable)
    assert destino not in client.get(url("resultado", aceptada.pk)).content.decode()


def test_consultas_fijas_con_1_y_30_propuestas(
    client, coordinacion, aceptada, django_assert_num_queries, django_assert_max_num_queries
):
    propuestas.agregar(aceptada, **DATOS, usuario=coordinacion)
    client.force_login(coordinacion)
    client.get(url("propuestas", aceptada.pk))  # calienta la sesión y los permisos
    with django_assert_max_num_queries(20) as una:
        assert client.get(url("propuestas", aceptada.pk)).status_code == 200
    for n in range(29):
        propuestas.agregar(aceptada, **{**DATOS, "texto": f"Texto {n}"}, usuario=coordinacion)
    with django_assert_num_queries(len(una.captured_queries)):
        r = client.get(url("propuestas", aceptada.pk))
    assert r.content.decode().count('class="card mb-3" id="propuesta-') == 30


# --- Diseño de los textos ------------------------------------------------------------------


def test_textos_de_la_version_y_su_edicion(client, coordinacion, version):
    client.force_login(coordinacion)
    html = client.get(url("textos_propuesta", version.pk)).content.decode()
    assert "i1 inicial" in html and "Sección violencia" in html
    assert "1 reactivo con puntos sin texto" in html  # v1
    assert (
        url("textos_propuesta", version.pk)
        in client.get(version.get_absolute_url()).content.decode()
    )
    v1 = version.secciones.get(codigo="s_violencia").preguntas.get(codigo="r_protocolo")
    r = client.post(
        url("texto_propuesta_nuevo", version.pk),
        {
            "destino": f"p{v1.pk}",
            "nivel": "",
            "eje": "violencia",
            "texto": "Adoptar el protocolo",
            "objetivo": "",
            "indicador": "",
        },
    )
    assert r.status_code == 302
    nuevo = TextoPropuesta.objects.get(texto="Adoptar el protocolo")
    assert (nuevo.pregunta, nuevo.seccion.codigo, nuevo.version) == (v1, "s_violencia", version)
    r = client.post(
        url("texto_propuesta_editar", nuevo.pk),
        {"destino": f"s{nuevo.seccion_id}", "nivel": "inicial", "eje": "violencia", "texto": "X"},
    )
    assert r.status_code == 302
    nuevo.refresh_from_db()
    assert (nuevo.pregunta, nuevo.nivel, nuevo.texto) == (None, "inicial", "X")
    r = client.post(url("texto_propuesta_eliminar", nuevo.pk), {"confirmar": "si"})
    assert r.status_code == 302
    assert not TextoPropuesta.objects.filter(pk=nuevo.pk).exists()


def test_texto_invalido_no_se_guarda(client, coordinacion, version):
    client.force_login(coordinacion)
    antes = TextoPropuesta.objects.count()
    r = client.post(
        url("texto_propuesta_nuevo", version.pk), {"destino": "p999999", "eje": "", "texto": ""}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Elija la sección o el reactivo al que responde la propuesta." in html
    assert "Elija el eje temático de la propuesta." in html
    assert "Escriba el texto de la propuesta." in html
    assert TextoPropuesta.objects.count() == antes


def test_los_textos_de_una_version_en_uso_no_cambian(client, coordinacion, aceptada, version):
    client.force_login(coordinacion)
    html = client.get(url("textos_propuesta", version.pk)).content.decode()
    assert "ya se usó en una ronda" in html and "Agregar un texto" not in html
    un_texto = TextoPropuesta.objects.filter(version=version).first()
    seccion = version.secciones.get(codigo="s_igualdad")
    r = client.post(
        url("texto_propuesta_nuevo", version.pk),
        {"destino": f"s{seccion.pk}", "eje": "igualdad", "texto": "Nuevo"},
    )
    assert r.status_code == 302
    r = client.post(
        url("texto_propuesta_editar", un_texto.pk),
        {"destino": f"s{seccion.pk}", "eje": "igualdad", "texto": "Cambiado"},
        follow=True,
    )
    assert "ya se usó en una ronda" in r.content.decode()
    client.post(url("texto_propuesta_eliminar", un_texto.pk), {"confirmar": "si"})
    assert not TextoPropuesta.objects.filter(texto__in=["Nuevo", "Cambiado"]).exists()
    assert TextoPropuesta.objects.filter(pk=un_texto.pk).exists()
