"""Una modificación aprobada conserva el seguimiento trimestral de la versión anterior.

Antes, al aprobar una modificación, los informes ya enviados volvían a salir «Vencido sin
enviar», el avance caía a 0 % y el inicio de la unidad los listaba como vencidos otra vez:
los informes eran de la versión anterior y la nueva empezaba sin nada.
"""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from planes import services, services_editor
from planes.avance import informes_atrasados
from planes.models import EvidenciaSeguimiento, InformeTrimestral, PlanTrabajo, Seguimiento
from planes.views.seguimiento import revision_de_captura
from tests.factories import ActividadFactory, PlanFactory, archivo_pdf
from tests.planes.test_editor import catalogo_de_alineacion  # noqa: F401

pytestmark = pytest.mark.django_db

CAMPOS = ["valor_alcanzado", "estado", "motivo_cancelacion", "narrativa"]
PRIMER_TRIMESTRE = "Informe del Primer trimestre de 2026"


@pytest.fixture
def v1(dependencia, coordinacion):
    """La versión 1 aprobada, con dos actividades de meta anual 40 (10 por trimestre)."""
    plan = PlanFactory(unidad=dependencia.unidad, anio=2026)
    ActividadFactory.create_batch(2, plan=plan)
    return aprobar(plan, coordinacion)


def aprobar(plan, coordinacion):
    plan.estado = PlanTrabajo.Estado.ENVIADO
    plan.enviado_en = timezone.now()
    plan.save()
    return services.plan_aprobar(plan=plan, usuario=coordinacion)


def modificar_y_aprobar(plan, responsable, coordinacion, cambios=None):
    """Abre la modificación, le aplica `cambios(nueva_version)` y la aprueba."""
    nuevo = services.plan_modificar(plan=plan, usuario=responsable, motivo="Recorte presupuestal")
    if cambios is not None:
        cambios(nuevo)
    services.plan_enviar(plan=nuevo, usuario=responsable)
    return aprobar(nuevo, coordinacion)


def datos_captura(plan, trimestre, valores):
    """El POST del formset del informe: `valores` es {actividad: {campo: valor}}."""
    actividades = list(plan.actividades.all())
    datos = {
        "seg-TOTAL_FORMS": str(len(actividades)),
        "seg-INITIAL_FORMS": "0",
        "seg-MIN_NUM_FORMS": "0",
        "seg-MAX_NUM_FORMS": "1000",
        "revision": revision_de_captura(plan.informes.filter(trimestre=trimestre).first()),
    }
    for actividad in actividades:
        propios = valores.get(actividad, {})
        for campo in CAMPOS:
            datos[f"seg-{actividad.pk}-{campo}"] = propios.get(campo, "")
    return datos


def avance_de(valor, actividades):
    return {
        a: {"valor_alcanzado": valor, "estado": "en_proceso", "narrativa": f"Se hizo {a.pk}"}
        for a in actividades
    }


def capturar(client, plan, trimestre, valores):
    return client.post(
        reverse("planes:informe", args=[plan.pk, trimestre]),
        datos_captura(plan, trimestre, valores),
    )


def enviar(client, plan, trimestre, valores):
    """Guarda y envía el informe en un solo paso, como el botón «Guardar y enviar»."""
    return client.post(
        reverse("planes:informe_enviar", args=[plan.pk, trimestre]),
        {**datos_captura(plan, trimestre, valores), "confirmar": "on"},
    )


def resumen(client, plan):
    return client.get(reverse("planes:seguimiento", args=[plan.pk]))


def informe(client, plan, trimestre):
    return client.get(reverse("planes:informe", args=[plan.pk, trimestre]))


def mensajes(respuesta):
    return " | ".join(str(m) for m in get_messages(respuesta.wsgi_request))


# --- El caso del problema -----------------------------------------------------------------


def test_lo_enviado_sigue_enviado_tras_aprobar_la_modificacion(
    client, responsable, coordinacion, v1, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(responsable)
    actividades = list(v1.actividades.all())
    client.post(
        reverse("planes:seguimiento_evidencia_subir", args=[v1.pk, 1, actividades[0].pk]),
        {"archivo": archivo_pdf("lista de asistencia.pdf")},
    )
    enviar(client, v1, 1, avance_de("10", actividades))
    enviado_v1 = v1.informes.get(trimestre=1)
    assert enviado_v1.estado == "enviado" and enviado_v1.enviado_en_version == 1
    antes = resumen(client, v1).context["avance"]
    assert antes.porcentaje == Decimal("25.0")

    v2 = modificar_y_aprobar(v1, responsable, coordinacion)

    # Lo que la unidad veía (el síntoma del problema): el trimestre enviado, vencido otra vez.
    pagina = resumen(client, v2)
    primero = pagina.context["trimestres"][0]
    assert primero["estado"].clave in ("a_tiempo", "con_retraso")
    assert "en la versión 1 del plan" in pagina.content.decode()
    # El avance no cae: es el mismo de antes de la modificación.
    despues = pagina.context["avance"]
    assert despues.porcentaje == antes.porcentaje
    assert [a.alcanzado for a in despues.actividades] == [Decimal(10), Decimal(10)]
    # Ya no está vencido: ni en las cuentas ni en el inicio de la unidad.
    atrasados = informes_atrasados(2026, planes=PlanTrabajo.objects.filter(unidad=v1.unidad))
    assert all(a.plan == v2 for a in atrasados)
    assert 1 not in {a.trimestre for a in atrasados}
    inicio = client.get(reverse("inicio")).content.decode()
    assert PRIMER_TRIMESTRE not in inicio
    if InformeTrimestral.fecha_limite(2026, 2) < timezone.localdate():
        assert "Informe del Segundo trimestre de 2026" in inicio  # la lista sí funciona
    # El informe pasó a la versión vigente con su fecha, quién lo envió y en qué versión.
    copia = v2.informes.get(trimestre=1)
    assert (copia.estado, copia.enviado_en, copia.enviado_por) == (
        "enviado",
        enviado_v1.enviado_en,
        responsable,
    )
    assert copia.enviado_en_version == 1
    # El informe se lee en la nueva versión, con su evidencia, y no se puede volver a enviar.
    pagina = informe(client, v2, 1)
    assert pagina.context["enviado"] and not pagina.context["editable"]
    assert "en la versión 1 del plan" in pagina.content.decode()
    evidencia = EvidenciaSeguimiento.objects.get(seguimiento__informe=copia)
    assert evidencia.nombre_original == "lista de asistencia.pdf"
    assert evidencia.seguimiento.actividad.origen == actividades[0]
    descarga = client.get(reverse("planes:seguimiento_evidencia", args=[v2.pk, evidencia.pk]))
    assert descarga.status_code == 200
    assert client.get(reverse("planes:informe_pdf", args=[v2.pk, 1])).status_code == 200
    # La versión 1 conserva lo que se reportó sobre ella.
    assert v1.informes.get().seguimientos.count() == 2


def test_un_informe_enviado_antes_de_esta_correccion_tambien_pasa(responsable, coordinacion, v1):
    """Los informes enviados sin número de versión toman la de su plan."""
    enviado = InformeTrimestral.objects.create(
        plan=v1, trimestre=1, estado="enviado", enviado_en=timezone.now()
    )
    Seguimiento.objects.bulk_create(
        Seguimiento(informe=enviado, actividad=a, valor_alcanzado=Decimal(10), estado="en_proceso")
        for a in v1.actividades.all()
    )
    v2 = modificar_y_aprobar(v1, responsable, coordinacion)
    copia = v2.informes.get(trimestre=1)
    assert copia.enviado_en_version == 1
    assert copia.seguimientos.count() == 2
    planes = PlanTrabajo.objects.filter(unidad=v1.unidad)
    assert 1 not in {a.trimestre for a in informes_atrasados(2026, planes=planes)}


def test_un_informe_en_captura_sigue_en_captura_en_la_nueva_version(
    client, responsable, coordinacion, v1
):
    client.force_login(responsable)
    actividades = list(v1.actividades.all())
    enviar(client, v1, 1, avance_de("10", actividades))
    capturar(client, v1, 2, avance_de("7", actividades[:1]))

    v2 = modificar_y_aprobar(v1, responsable, coordinacion)

    segundo = v2.informes.get(trimestre=2)
    assert segundo.estado == "borrador" and segundo.enviado_en_version is None
    assert [s.valor_alcanzado for s in segundo.seguimientos.all()] == [Decimal(7)]
    # La versión sustituida ya no se captura; la nueva sí, y se envía.
    respuesta = capturar(client, v1, 2, avance_de("9", actividades))
    assert "fue sustituida por la versión 2" in mensajes(respuesta)
    nuevas = list(v2.actividades.all())
    respuesta = enviar(client, v2, 2, avance_de("9", nuevas))
    assert "Se envió el informe del segundo trimestre" in mensajes(respuesta)
    segundo.refresh_from_db()
    assert segundo.estado == "enviado" and segundo.enviado_en_version == 2
    assert v1.informes.get(trimestre=2).seguimientos.get().valor_alcanzado == Decimal(7)
    avance = resumen(client, v2).context["avance"]
    assert [a.alcanzado for a in avance.actividades] == [Decimal(19), Decimal(19)]


def test_una_segunda_modificacion_conserva_la_version_en_que_se_envio(
    client, responsable, coordinacion, v1
):
    client.force_login(responsable)
    enviar(client, v1, 1, avance_de("10", list(v1.actividades.all())))
    v2 = modificar_y_aprobar(v1, responsable, coordinacion)
    enviar(client, v2, 2, avance_de("10", list(v2.actividades.all())))
    v3 = modificar_y_aprobar(v2, responsable, coordinacion)
    assert dict(v3.informes.values_list("trimestre", "enviado_en_version")) == {1: 1, 2: 2}
    avance = resumen(client, v3).context["avance"]
    assert avance.porcentaje == Decimal("50.0")
    assert [a.actividad.origen.origen.plan for a in avance.actividades] == [v1, v1]


def test_aprobar_dos_veces_no_duplica_el_seguimiento(responsable, coordinacion, v1):
    InformeTrimestral.objects.create(plan=v1, trimestre=1, estado="enviado")
    v2 = modificar_y_aprobar(v1, responsable, coordinacion)
    with pytest.raises(services.SinCambios):
        services.plan_aprobar(plan=v2, usuario=coordinacion)
    assert services.seguimiento_trasladar(nuevo=v2, usuario=coordinacion) == []
    assert v2.informes.count() == 1


# --- Actividades que cambian en la modificación -------------------------------------------


def test_la_actividad_que_cambio_se_senala_en_el_siguiente_informe(
    client, responsable, coordinacion, v1
):
    client.force_login(responsable)
    igual, cambiada = v1.actividades.all()
    enviar(client, v1, 1, avance_de("10", [igual, cambiada]))

    def cambiar(v2):
        actividad = v2.actividades.get(origen=cambiada)
        actividad.meta_anual, actividad.meta_t4 = Decimal(50), Decimal(20)
        actividad.save()
        services_editor.actividad_agregar(plan=v2)
        nueva = v2.actividades.last()
        for campo in services_editor.CAMPOS_COPIABLES:
            setattr(nueva, campo, getattr(igual, campo))
        nueva.descripcion = "Campaña de corresponsabilidad en los cuidados"
        nueva.save()
        nueva.alineaciones.set(igual.alineaciones.all())

    v2 = modificar_y_aprobar(v1, responsable, coordinacion, cambios=cambiar)
    copia_igual = v2.actividades.get(origen=igual)
    copia_cambiada = v2.actividades.get(origen=cambiada)
    nueva = v2.actividades.get(origen=None)

    # En el informe que sigue, la unidad ve qué cambió y qué es nuevo.
    pagina = informe(client, v2, 2)
    filas = {f["actividad"].pk: f for f in pagina.context["filas"]}
    assert filas[copia_igual.pk]["cambio"] is None
    cambio = filas[copia_cambiada.pk]["cambio"]
    assert not cambio.nueva and cambio.version == 2
    assert cambio.campos == ["meta anual", "meta del 4.º trimestre"]
    assert filas[nueva.pk]["cambio"].nueva
    html = pagina.content.decode()
    assert html.count("Cambió en la modificación") == 1
    assert "meta anual, meta del 4.º trimestre" in html
    assert html.count("Actividad nueva") == 1
    # Su seguimiento continúa: el trimestre anterior se propone como referencia.
    assert filas[copia_cambiada.pk]["anterior"].valor_alcanzado == Decimal(10)
    assert filas[nueva.pk]["anterior"] is None
    # El informe enviado sobre la versión anterior no se marca.
    assert all(f["cambio"] is None for f in informe(client, v2, 1).context["filas"])
    # En el resumen, una insignia en cada actividad que cambió.
    html = resumen(client, v2).content.decode()
    assert "Cambió en la versión 2" in html and "Nueva en la versión 2" in html
    # En el plan original nada se señala.
    assert all(f["cambio"] is None for f in informe(client, v1, 2).context["filas"])


def test_una_actividad_duplicada_en_la_modificacion_empieza_sin_seguimiento(
    client, responsable, coordinacion, v1
):
    client.force_login(responsable)
    enviar(client, v1, 1, avance_de("10", list(v1.actividades.all())))

    def duplicar(v2):
        services_editor.actividad_duplicar(actividad=v2.actividades.first())

    v2 = modificar_y_aprobar(v1, responsable, coordinacion, cambios=duplicar)
    assert v2.actividades.count() == 3
    duplicada = v2.actividades.get(origen=None)
    assert not duplicada.seguimientos.exists()
    assert v2.informes.get(trimestre=1).seguimientos.count() == 2


def test_una_actividad_eliminada_en_la_modificacion_no_rompe_nada(
    client, responsable, coordinacion, v1
):
    client.force_login(responsable)
    sigue, eliminada = v1.actividades.all()
    enviar(client, v1, 1, {sigue: avance_de("10", [sigue])[sigue], **avance_de("40", [eliminada])})

    def eliminar(v2):
        services_editor.actividad_eliminar(actividad=v2.actividades.get(origen=eliminada))

    v2 = modificar_y_aprobar(v1, responsable, coordinacion, cambios=eliminar)
    copia = v2.informes.get(trimestre=1)
    assert copia.estado == "enviado"
    assert [s.actividad.origen for s in copia.seguimientos.all()] == [sigue]
    pagina = resumen(client, v2)
    assert pagina.status_code == 200
    assert pagina.context["trimestres"][0]["estado"].clave != "vencido"
    assert [a.actividad.origen for a in pagina.context["avance"].actividades] == [sigue]
    assert pagina.context["avance"].porcentaje == Decimal("25.0")
    assert informe(client, v2, 1).status_code == 200
    assert informe(client, v2, 2).status_code == 200
    assert client.get(reverse("planes:informe_pdf", args=[v2.pk, 1])).status_code == 200
    # La versión 1 conserva el avance de la actividad eliminada.
    assert v1.informes.get().seguimientos.count() == 2
    respuesta = enviar(client, v2, 2, avance_de("10", list(v2.actividades.all())))
    assert "Se envió el informe" in mensajes(respuesta)


def test_la_exportacion_no_repite_el_seguimiento_trasladado(client, responsable, coordinacion, v1):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(responsable)
    sigue, eliminada = v1.actividades.all()
    enviar(client, v1, 1, avance_de("10", [sigue, eliminada]))

    def eliminar(v2):
        services_editor.actividad_eliminar(actividad=v2.actividades.get(origen=eliminada))

    modificar_y_aprobar(v1, responsable, coordinacion, cambios=eliminar)
    client.force_login(coordinacion)
    respuesta = client.get(reverse("planes:exportar_seguimiento") + "?anio=2026")
    hoja = load_workbook(BytesIO(respuesta.content)).active
    filas = [
        dict(zip([c.value for c in hoja[1]], fila, strict=False))
        for fila in hoja.iter_rows(min_row=2, values_only=True)
    ]
    # La actividad que sigue aparece una vez, en la versión 2; la eliminada, en la versión 1.
    por_actividad = sorted((f["Actividad"], f["Versión del plan"]) for f in filas)
    assert por_actividad == sorted([(sigue.descripcion, 2), (eliminada.descripcion, 1)])
