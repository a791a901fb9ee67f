"""El proceso de certificación en el modelo: cada paso permitido, cada paso prohibido, los datos
que pide cada etapa, las fechas, el historial y las cifras del tablero."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from capacitacion.models import Certificacion, EstandarCompetencia
from capacitacion.views.certificacion import resumen
from tests.factories import CertificacionFactory

pytestmark = pytest.mark.django_db

Estado = Certificacion.Estado
HOY = timezone.localdate

PERMITIDAS = [
    (desde, destino)
    for desde, destinos in Certificacion.TRANSICIONES.items()
    for destino in destinos
]
PROHIBIDAS = [
    (desde, destino)
    for desde in Estado
    for destino in Estado
    if destino not in Certificacion.TRANSICIONES[desde]
]


def en_etapa(estado, **kwargs):
    """Un proceso ya en `estado`, con las fechas de las etapas anteriores puestas hace días."""
    hace = HOY() - timedelta(days=10)
    campos = {"fecha_inscripcion": hace}
    if estado != Estado.INSCRITA:
        campos["fecha_alineacion"] = hace
    if estado in (
        Estado.EN_EVALUACION,
        Estado.COMPETENTE,
        Estado.NO_COMPETENTE,
        Estado.CERTIFICADA,
    ):
        campos.update(fecha_evaluacion=hace, evaluador="Evaluadora Previa", intentos=1)
    if estado in (Estado.COMPETENTE, Estado.NO_COMPETENTE, Estado.CERTIFICADA):
        campos["fecha_juicio"] = hace
    if estado == Estado.CERTIFICADA:
        campos.update(fecha_certificado=hace, folio_certificado="FOLIO-PREVIO")
    return CertificacionFactory(estado=estado, **{**campos, **kwargs})


def datos_de(destino):
    return {
        "evaluador": "Evaluadora Uno" if destino == Estado.EN_EVALUACION else "",
        "folio": "D-0001" if destino == Estado.CERTIFICADA else "",
    }


# --- Pasos permitidos ---------------------------------------------------------------------------


@pytest.mark.parametrize(("desde", "destino"), PERMITIDAS, ids=lambda e: str(e))
def test_paso_permitido(desde, destino, coordinacion):
    certificacion = en_etapa(desde)
    historial_antes = certificacion.history.count()
    certificacion.avanzar(destino, coordinacion, **datos_de(destino))
    certificacion.refresh_from_db()
    assert certificacion.estado == destino
    assert getattr(certificacion, Certificacion.CAMPO_FECHA[destino]) == HOY()
    assert certificacion.actualizada_por == coordinacion
    assert certificacion.history.count() == historial_antes + 1
    ultimo = certificacion.history.first()
    assert ultimo.history_change_reason == destino.label
    assert ultimo.estado == destino


def test_camino_completo_hasta_certificada(coordinacion):
    certificacion = CertificacionFactory(fecha_inscripcion=HOY() - timedelta(days=30))
    pasos = [
        (Estado.ALINEACION, HOY() - timedelta(days=20), {}),
        (Estado.EN_EVALUACION, HOY() - timedelta(days=10), {"evaluador": "  Ana Evaluadora "}),
        (Estado.COMPETENTE, HOY() - timedelta(days=5), {}),
        (Estado.CERTIFICADA, HOY(), {"folio": " EC0308-123 "}),
    ]
    for destino, fecha, datos in pasos:
        certificacion.avanzar(destino, coordinacion, fecha=fecha, **datos)
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.CERTIFICADA
    assert certificacion.fecha_alineacion == HOY() - timedelta(days=20)
    assert certificacion.fecha_evaluacion == HOY() - timedelta(days=10)
    assert certificacion.fecha_juicio == HOY() - timedelta(days=5)
    assert certificacion.fecha_certificado == HOY()
    assert certificacion.evaluador == "Ana Evaluadora"
    assert certificacion.folio_certificado == "EC0308-123"
    assert certificacion.intentos == 1
    # Creación + cuatro pasos, con el motivo de cada uno.
    motivos = list(certificacion.history.values_list("history_change_reason", flat=True))
    assert motivos[:4] == [
        Estado.CERTIFICADA.label,
        Estado.COMPETENTE.label,
        Estado.EN_EVALUACION.label,
        Estado.ALINEACION.label,
    ]
    assert certificacion.history.count() == 5


def test_nuevo_intento_regresa_a_alineacion_y_cuenta_intentos(coordinacion):
    certificacion = en_etapa(Estado.EN_EVALUACION)
    assert certificacion.intentos == 1
    certificacion.avanzar(Estado.NO_COMPETENTE, coordinacion)
    certificacion.avanzar(Estado.ALINEACION, coordinacion, observaciones="Reforzar el módulo 2")
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.ALINEACION
    # El juicio anterior se borra de la ficha y queda en el historial.
    assert certificacion.fecha_juicio is None
    assert certificacion.fecha_evaluacion is None
    assert certificacion.observaciones == "Reforzar el módulo 2"
    assert certificacion.history.filter(estado=Estado.NO_COMPETENTE, fecha_juicio=HOY()).exists()
    certificacion.avanzar(Estado.EN_EVALUACION, coordinacion, evaluador="Otra Evaluadora")
    certificacion.refresh_from_db()
    assert certificacion.intentos == 2
    assert certificacion.evaluador == "Otra Evaluadora"
    certificacion.avanzar(Estado.COMPETENTE, coordinacion)
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.COMPETENTE
    assert certificacion.intentos == 2


# --- Pasos prohibidos ---------------------------------------------------------------------------


@pytest.mark.parametrize(("desde", "destino"), PROHIBIDAS, ids=lambda e: str(e))
def test_paso_prohibido(desde, destino, coordinacion):
    certificacion = en_etapa(desde)
    historial_antes = certificacion.history.count()
    with pytest.raises(ValidationError) as error:
        certificacion.avanzar(destino, coordinacion, evaluador="Alguien", folio="F-1")
    assert "no puede pasar a" in error.value.messages[0]
    assert Certificacion.objects.get(pk=certificacion.pk).estado == desde
    assert certificacion.history.count() == historial_antes


def test_certificada_no_pasa_a_ninguna_etapa(coordinacion):
    certificacion = en_etapa(Estado.CERTIFICADA)
    assert certificacion.siguientes() == []
    for destino in Estado:
        with pytest.raises(ValidationError):
            certificacion.avanzar(destino, coordinacion, evaluador="X", folio="F-2")
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.CERTIFICADA
    assert certificacion.folio_certificado == "FOLIO-PREVIO"


def test_inscrita_no_salta_a_certificada(coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    with pytest.raises(ValidationError, match="«Inscrita» no puede pasar a «Certificada»"):
        certificacion.avanzar(Estado.CERTIFICADA, coordinacion, folio="F-3")
    certificacion.refresh_from_db()
    assert certificacion.folio_certificado == ""


# --- Datos que pide cada etapa ------------------------------------------------------------------


@pytest.mark.parametrize("evaluador", ["", "   "])
def test_la_evaluacion_pide_la_persona_evaluadora(coordinacion, evaluador):
    certificacion = en_etapa(Estado.ALINEACION)
    with pytest.raises(ValidationError) as error:
        certificacion.avanzar(Estado.EN_EVALUACION, coordinacion, evaluador=evaluador)
    assert error.value.message_dict == {"evaluador": ["Indique quién evalúa."]}
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.ALINEACION
    assert certificacion.intentos == 0


@pytest.mark.parametrize("folio", ["", "  "])
def test_la_certificacion_pide_el_folio(coordinacion, folio):
    certificacion = en_etapa(Estado.COMPETENTE)
    with pytest.raises(ValidationError) as error:
        certificacion.avanzar(Estado.CERTIFICADA, coordinacion, folio=folio)
    assert error.value.message_dict == {"folio": ["Escriba el folio del certificado."]}
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.COMPETENTE


def test_folio_repetido_en_el_mismo_estandar(coordinacion):
    en_etapa(Estado.CERTIFICADA, folio_certificado="EC0308-0001")
    certificacion = en_etapa(Estado.COMPETENTE)
    with pytest.raises(ValidationError) as error:
        certificacion.avanzar(Estado.CERTIFICADA, coordinacion, folio="EC0308-0001")
    assert "ya está registrado" in error.value.message_dict["folio"][0]
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.COMPETENTE
    assert certificacion.folio_certificado == ""


def test_el_mismo_folio_en_otro_estandar_si_se_acepta(coordinacion):
    en_etapa(Estado.CERTIFICADA, folio_certificado="F-100")
    otro = en_etapa(Estado.COMPETENTE, estandar=EstandarCompetencia.objects.get(clave="EC0076"))
    otro.avanzar(Estado.CERTIFICADA, coordinacion, folio="F-100")
    assert Certificacion.objects.get(pk=otro.pk).estado == Estado.CERTIFICADA


def test_la_base_rechaza_el_folio_repetido():
    en_etapa(Estado.CERTIFICADA, folio_certificado="F-200")
    with pytest.raises(IntegrityError):
        en_etapa(Estado.CERTIFICADA, folio_certificado="F-200")


def test_la_base_rechaza_dos_procesos_del_mismo_estandar():
    certificacion = CertificacionFactory()
    with pytest.raises(IntegrityError):
        CertificacionFactory(
            participante=certificacion.participante, dependencia=certificacion.dependencia
        )


# --- Fechas -------------------------------------------------------------------------------------


def test_fecha_futura_rechazada(coordinacion):
    certificacion = en_etapa(Estado.INSCRITA)
    with pytest.raises(ValidationError) as error:
        certificacion.avanzar(Estado.ALINEACION, coordinacion, fecha=HOY() + timedelta(days=1))
    assert error.value.message_dict == {"fecha": ["La fecha no puede ser posterior a hoy."]}
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.INSCRITA
    assert certificacion.fecha_alineacion is None


def test_fecha_anterior_a_la_etapa_previa_rechazada(coordinacion):
    certificacion = en_etapa(Estado.ALINEACION)  # alineación hace 10 días
    previa = certificacion.fecha_alineacion
    with pytest.raises(ValidationError) as error:
        certificacion.avanzar(
            Estado.EN_EVALUACION, coordinacion, fecha=previa - timedelta(days=1), evaluador="E"
        )
    assert error.value.message_dict == {
        "fecha": [f"La fecha no puede ser anterior al {previa:%d/%m/%Y}, la etapa previa."]
    }
    certificacion.refresh_from_db()
    assert certificacion.estado == Estado.ALINEACION
    assert certificacion.intentos == 0


def test_la_misma_fecha_que_la_etapa_previa_se_acepta(coordinacion):
    certificacion = en_etapa(Estado.ALINEACION)
    certificacion.avanzar(
        Estado.EN_EVALUACION, coordinacion, fecha=certificacion.fecha_alineacion, evaluador="E"
    )
    assert Certificacion.objects.get(pk=certificacion.pk).estado == Estado.EN_EVALUACION


# --- Cifras del tablero -------------------------------------------------------------------------


def test_resumen_sin_procesos_no_divide_entre_cero():
    assert resumen({}) == {
        "total": 0,
        "en_proceso": 0,
        "certificadas": 0,
        "juicios": 0,
        "tasa": None,
    }


def test_resumen_sin_juicios_no_tiene_tasa():
    cifras = resumen({Estado.INSCRITA: 3, Estado.ALINEACION: 2})
    assert cifras["en_proceso"] == 5
    assert cifras["tasa"] is None


def test_resumen_cuenta_competentes_y_certificadas_entre_los_juicios():
    cifras = resumen(
        {
            Estado.INSCRITA: 4,
            Estado.EN_EVALUACION: 1,
            Estado.COMPETENTE: 2,
            Estado.NO_COMPETENTE: 2,
            Estado.CERTIFICADA: 4,
        }
    )
    assert cifras == {
        "total": 13,
        "en_proceso": 9,
        "certificadas": 4,
        "juicios": 8,
        "tasa": 75,  # (2 + 4) / 8
    }
