"""diagnosticos.captura: guardar una pregunta (normalizar, revisión, bloqueo) y enviar.

Los fixtures `cuestionario_chico` y `respuesta_propia` los importan las demás pruebas del área
Responder: una versión pequeña con tipos variados y condiciones, dentro y entre secciones.
"""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from diagnosticos import captura
from diagnosticos.models import Pregunta, Respuesta, Valor
from tests.factories import (
    AplicacionFactory,
    OpcionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    UsuarioFactory,
    VersionFactory,
)
from uig_portal.lib import concurrencia
from uig_portal.roles import Rol

Tipo = Pregunta.Tipo
SI = {"union": "y", "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}]}


def armar_version():
    """Dos secciones: «datos» (sí/no, entero condicional, porcentaje, nota) y «practicas»
    (opción única condicionada a una pregunta de «datos», múltiple, escala, fecha, texto con
    evidencia y una obligatoria que solo aparece si la escala es 5)."""
    version = VersionFactory()
    datos = SeccionFactory(version=version, codigo="datos", titulo="Datos de la unidad", orden=1)
    practicas = SeccionFactory(
        version=version, codigo="practicas", titulo="Prácticas institucionales", orden=2
    )
    p = SimpleNamespace(version=version, datos=datos, practicas=practicas)
    p.tiene_uig = PreguntaFactory(
        seccion=datos, orden=1, codigo="tiene_uig", texto="¿La institución tiene UIG?"
    )
    p.personal = PreguntaFactory(
        seccion=datos,
        orden=2,
        codigo="personal",
        texto="¿Cuántas personas integran la UIG?",
        tipo=Tipo.ENTERO,
        condicion=SI,
    )
    p.mujeres = PreguntaFactory(
        seccion=datos,
        orden=3,
        codigo="mujeres",
        texto="Porcentaje de mujeres en puestos directivos",
        tipo=Tipo.PORCENTAJE,
        regla=Pregunta.Regla.DIRECTA,
    )
    p.nota = PreguntaFactory(
        seccion=datos, orden=4, codigo="nota_datos", texto="Gracias.", tipo=Tipo.NOTA
    )
    p.protocolo = PreguntaFactory(
        seccion=practicas,
        orden=1,
        codigo="protocolo",
        texto="¿Qué protocolo aplica?",
        tipo=Tipo.OPCION_UNICA,
        condicion=SI,
    )
    OpcionFactory(pregunta=p.protocolo, orden=1, valor="propio", etiqueta="Uno propio", puntos=100)
    OpcionFactory(pregunta=p.protocolo, orden=2, valor="ninguno", etiqueta="Ninguno", puntos=0)
    p.acciones = PreguntaFactory(
        seccion=practicas,
        orden=2,
        codigo="acciones",
        texto="¿Qué acciones realiza?",
        tipo=Tipo.OPCION_MULTIPLE,
        obligatoria=False,
    )
    OpcionFactory(pregunta=p.acciones, orden=1, valor="cursos", etiqueta="Cursos", puntos=50)
    OpcionFactory(pregunta=p.acciones, orden=2, valor="campanas", etiqueta="Campañas", puntos=50)
    p.acuerdo = PreguntaFactory(
        seccion=practicas,
        orden=3,
        codigo="acuerdo",
        texto="La cultura institucional es igualitaria.",
        tipo=Tipo.ESCALA,
    )
    p.fecha = PreguntaFactory(
        seccion=practicas,
        orden=4,
        codigo="instalada",
        texto="Fecha de instalación",
        tipo=Tipo.FECHA,
        obligatoria=False,
    )
    p.obstaculos = PreguntaFactory(
        seccion=practicas,
        orden=5,
        codigo="obstaculos",
        texto="Principales obstáculos",
        tipo=Tipo.TEXTO,
        obligatoria=False,
        peso=0,
        admite_evidencia=True,
    )
    p.ejemplar = PreguntaFactory(
        seccion=practicas,
        orden=6,
        codigo="ejemplar",
        texto="Describa la práctica ejemplar",
        tipo=Tipo.TEXTO,
        peso=0,
        condicion={
            "union": "y",
            "reglas": [{"pregunta": "acuerdo", "operador": "igual", "valor": "5"}],
        },
    )
    return p


@pytest.fixture
def cuestionario_chico(db):
    return armar_version()


@pytest.fixture
def respuesta_propia(cuestionario_chico, dependencia):
    aplicacion = AplicacionFactory(version=cuestionario_chico.version, nombre="Diagnóstico 2026")
    return RespuestaFactory(aplicacion=aplicacion, dependencia=dependencia)


def guardar(respuesta, pregunta, valor, usuario, *, revision=None, comentario=None):
    """Guarda como lo haría la página: con la revisión que hay guardada ahora."""
    if revision is None:
        actual = Valor.objects.filter(respuesta=respuesta, pregunta=pregunta).first()
        revision = actual.revision if actual else 0
    return captura.guardar_valor(
        respuesta, pregunta, valor=valor, comentario=comentario, revision=revision, usuario=usuario
    )


def contestar_todo(respuesta, p, usuario):
    guardar(respuesta, p.tiene_uig, "si", usuario)
    guardar(respuesta, p.personal, "4", usuario)
    guardar(respuesta, p.mujeres, "45", usuario)
    guardar(respuesta, p.protocolo, "propio", usuario)
    guardar(respuesta, p.acuerdo, "3", usuario)


# --- guardar_valor --------------------------------------------------------------------------


def test_guardar_normaliza_y_cuenta_revision(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    valor = guardar(respuesta_propia, p.mujeres, " 45,5 % ", responsable, comentario="Meta 50")
    assert valor.valor == "45.5"
    assert valor.revision == 1
    assert valor.comentario == "Meta 50"
    assert valor.actualizado_por == responsable
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.EN_PROGRESO
    assert respuesta_propia.iniciada_en is not None
    # Visibles por responder: tiene_uig, mujeres, acciones, acuerdo, instalada y obstaculos
    # (personal, protocolo y ejemplar están escondidas; la nota no cuenta): 1 de 6.
    assert respuesta_propia.avance == 17

    valor = guardar(respuesta_propia, p.mujeres, "50", responsable)
    assert (valor.valor, valor.revision, valor.comentario) == ("50", 2, "Meta 50")


def test_guardar_multiple_y_fecha(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    assert guardar(respuesta_propia, p.acciones, ["campanas", "cursos"], responsable).valor == [
        "cursos",
        "campanas",
    ]
    assert guardar(respuesta_propia, p.fecha, "15/03/2026", responsable).valor == "2026-03-15"


def test_guardar_sin_cambios_no_sube_la_revision(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "si", responsable)
    assert guardar(respuesta_propia, p.tiene_uig, "si", responsable).revision == 1


@pytest.mark.parametrize(
    "pregunta,crudo,mensaje",
    [
        ("personal", "cuatro", "Escriba un número entero"),
        ("mujeres", "101", "El porcentaje debe estar entre 0 y 100."),
        ("mujeres", "abc", "Escriba un número"),
        ("tiene_uig", "tal vez", "Elija una de las opciones"),
        ("instalada", "31/02/2026", "Escriba una fecha válida"),
    ],
)
def test_entrada_mala_no_guarda_nada(
    respuesta_propia, cuestionario_chico, responsable, pregunta, crudo, mensaje
):
    objetivo = getattr(
        cuestionario_chico,
        {"personal": "personal", "mujeres": "mujeres", "tiene_uig": "tiene_uig"}.get(
            pregunta, "fecha"
        ),
    )
    with pytest.raises(ValidationError) as error:
        guardar(respuesta_propia, objetivo, crudo, responsable)
    assert mensaje in " ".join(error.value.messages)
    assert not Valor.objects.exists()
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.SIN_INICIAR


def test_revision_vieja_se_rechaza_con_quien_y_cuando(
    respuesta_propia, cuestionario_chico, responsable, dependencia
):
    p = cuestionario_chico
    colega = UsuarioFactory(
        first_name="Ana", last_name="Pérez", rol=Rol.RESPONSABLE, dependencia=dependencia
    )
    guardar(respuesta_propia, p.tiene_uig, "si", colega, revision=0)
    with pytest.raises(concurrencia.EdicionVieja) as conflicto:
        guardar(respuesta_propia, p.tiene_uig, "no", responsable, revision=0)
    assert conflicto.value.objeto.actualizado_por == colega
    assert conflicto.value.revision == 1
    mensaje = conflicto.value.mensaje
    assert "Alguien más (Ana Pérez) guardó cambios en esta pregunta a las" in mensaje
    assert "Lo que usted escribió no se perdió" in mensaje
    assert Valor.objects.get(pregunta=p.tiene_uig).valor == "si"


def test_misma_persona_en_otra_pestana(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "si", responsable, revision=0)
    with pytest.raises(concurrencia.EdicionVieja) as conflicto:
        guardar(respuesta_propia, p.tiene_uig, "no", responsable, revision=0)
    assert (
        "Usted, desde otra pestaña o ventana, guardó cambios en esta pregunta"
        in conflicto.value.mensaje
    )


def test_dos_personas_en_secciones_distintas_sin_conflicto(
    respuesta_propia, cuestionario_chico, responsable, dependencia
):
    p = cuestionario_chico
    colega = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=dependencia)
    # Ambas cargaron la página con todo en revisión 0.
    guardar(respuesta_propia, p.tiene_uig, "si", responsable, revision=0)
    guardar(respuesta_propia, p.acuerdo, "4", colega, revision=0)
    guardar(respuesta_propia, p.mujeres, "40", responsable, revision=0)
    guardar(respuesta_propia, p.acciones, ["cursos"], colega, revision=0)
    assert Valor.objects.filter(respuesta=respuesta_propia).count() == 4
    respuesta_propia.refresh_from_db()
    # tiene_uig=si muestra personal y protocolo: 8 visibles por responder, 4 contestadas.
    assert respuesta_propia.avance == round(100 * 4 / 8)


def test_no_se_guarda_tras_enviar(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    contestar_todo(respuesta_propia, p, responsable)
    assert captura.enviar(respuesta_propia, responsable) == []
    with pytest.raises(captura.NoEditable) as error:
        guardar(respuesta_propia, p.mujeres, "10", responsable)
    assert "ya se envió" in error.value.mensaje
    assert Valor.objects.get(pregunta=p.mujeres).valor == "45"


def test_ronda_aun_no_abierta(cuestionario_chico, dependencia, responsable):
    hoy = timezone.localdate()
    aplicacion = AplicacionFactory(
        version=cuestionario_chico.version,
        apertura=hoy + timedelta(days=3),
        cierre=hoy + timedelta(days=30),
    )
    respuesta = RespuestaFactory(aplicacion=aplicacion, dependencia=dependencia)
    with pytest.raises(captura.NoEditable) as error:
        guardar(respuesta, cuestionario_chico.tiene_uig, "si", responsable)
    assert "todavía no se puede responder" in error.value.mensaje
    assert not Valor.objects.exists()


def test_pregunta_de_otra_version(respuesta_propia, responsable):
    ajena = armar_version()
    with pytest.raises(ValidationError):
        guardar(respuesta_propia, ajena.tiene_uig, "si", responsable)
    assert not Valor.objects.exists()


# --- enviar ---------------------------------------------------------------------------------


def test_enviar_con_faltantes_no_cambia_nada(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "si", responsable)
    faltantes = captura.enviar(respuesta_propia, responsable)
    assert [f.pregunta.codigo for f in faltantes] == ["personal", "mujeres", "protocolo", "acuerdo"]
    assert all(f.mensaje == "Falta la respuesta." for f in faltantes)
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.EN_PROGRESO
    assert respuesta_propia.enviada_en is None
    assert mail.outbox == []


def test_obligatoria_escondida_no_impide_enviar_y_visible_si(
    respuesta_propia, cuestionario_chico, responsable
):
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "no", responsable)
    guardar(respuesta_propia, p.mujeres, "50", responsable)
    guardar(respuesta_propia, p.acuerdo, "5", responsable)
    # acuerdo = 5 muestra «ejemplar» (obligatoria): impide enviar.
    assert [f.pregunta.codigo for f in captura.enviar(respuesta_propia, responsable)] == [
        "ejemplar"
    ]
    # Con acuerdo = 4 se esconde; personal y protocolo (obligatorias) siguen escondidas.
    guardar(respuesta_propia, p.acuerdo, "4", responsable)
    assert captura.enviar(respuesta_propia, responsable) == []
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.ENVIADA


def test_respuesta_escondida_no_cuenta_para_condiciones(
    respuesta_propia, cuestionario_chico, responsable
):
    """«ejemplar» depende de «acuerdo»; si otra condición escondiera «acuerdo», su valor
    guardado no mostraría «ejemplar». Aquí: protocolo escondido (tiene_uig=no) conserva su
    valor guardado pero no cuenta ni falta."""
    p = cuestionario_chico
    guardar(respuesta_propia, p.tiene_uig, "si", responsable)
    guardar(respuesta_propia, p.protocolo, "propio", responsable)
    guardar(respuesta_propia, p.tiene_uig, "no", responsable)
    guardar(respuesta_propia, p.mujeres, "50", responsable)
    guardar(respuesta_propia, p.acuerdo, "2", responsable)
    assert captura.enviar(respuesta_propia, responsable) == []
    respuesta_propia.refresh_from_db()
    assert "practicas" in respuesta_propia.indices


def test_enviar_pone_indices_y_avisa_a_la_coordinacion(
    respuesta_propia, cuestionario_chico, responsable, coordinacion
):
    p = cuestionario_chico
    respuesta_propia.observaciones = "Revise el porcentaje."
    respuesta_propia.save()
    contestar_todo(respuesta_propia, p, responsable)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert captura.enviar(respuesta_propia, responsable) == []
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.ENVIADA
    assert respuesta_propia.enviada_en is not None
    assert respuesta_propia.avance == 62  # 5 de 8: las opcionales vacías cuentan
    assert respuesta_propia.indice is not None
    assert set(respuesta_propia.indices) == {"datos", "practicas"}
    assert respuesta_propia.observaciones == "Revise el porcentaje."
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == [coordinacion.email]
    assert "PROPIA envió su diagnóstico «Diagnóstico 2026»" in correo.subject
    assert f"/diagnosticos/respuestas/{respuesta_propia.pk}/" in correo.body


def test_doble_envio_es_uno_solo(respuesta_propia, cuestionario_chico, responsable):
    p = cuestionario_chico
    contestar_todo(respuesta_propia, p, responsable)
    assert captura.enviar(respuesta_propia, responsable) == []
    enviada_en = Respuesta.objects.get(pk=respuesta_propia.pk).enviada_en
    with pytest.raises(captura.NoEditable) as error:
        captura.enviar(respuesta_propia, responsable)
    assert "ya se envió" in error.value.mensaje
    assert Respuesta.objects.get(pk=respuesta_propia.pk).enviada_en == enviada_en


def test_devuelta_se_edita_y_se_reenvia(
    respuesta_propia, cuestionario_chico, responsable, coordinacion
):
    p = cuestionario_chico
    contestar_todo(respuesta_propia, p, responsable)
    captura.enviar(respuesta_propia, responsable)
    Respuesta.objects.filter(pk=respuesta_propia.pk).update(
        estado=Respuesta.Estado.DEVUELTA, observaciones="El porcentaje parece alto."
    )
    respuesta_propia.refresh_from_db()
    valor = guardar(respuesta_propia, p.mujeres, "38", responsable)
    assert valor.valor == "38"
    respuesta_propia.refresh_from_db()
    # Guardar no cambia el estado «devuelta» (solo sin iniciar pasa a en progreso).
    assert respuesta_propia.estado == Respuesta.Estado.DEVUELTA
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert captura.enviar(respuesta_propia, responsable) == []
    respuesta_propia.refresh_from_db()
    assert respuesta_propia.estado == Respuesta.Estado.ENVIADA
    assert respuesta_propia.observaciones == "El porcentaje parece alto."
    assert "reenvió" in mail.outbox[-1].subject
    assert respuesta_propia.indices["datos"] is not None
    assert Decimal(respuesta_propia.indices["datos"]) >= 0


def test_la_estructura_de_una_version_en_uso_se_carga_una_vez(db, django_assert_num_queries):
    from diagnosticos.estructura import Estructura
    from tests.factories import PreguntaFactory

    primera = PreguntaFactory().seccion.version
    otra = PreguntaFactory().seccion.version
    cargada = Estructura.en_uso(primera)
    with django_assert_num_queries(0):
        assert Estructura.en_uso(primera) is cargada
    assert Estructura.en_uso(otra) is not cargada
    assert [p.codigo for p in Estructura.en_uso(otra).preguntas] == [
        p.codigo for p in otra.preguntas()
    ]
