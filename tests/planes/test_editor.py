"""El editor del plan: crear (o copiar) el plan, autoguardado con control de revisión y las
acciones sobre actividades."""

import re
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from planes.alineacion_predeterminada import ATRIBUCIONES, ESTRATEGIAS_PED
from planes.forms.editor import ActividadForm, anio_sugerido
from planes.models import Actividad, Alineacion, Observacion, PlanTrabajo
from planes.services_editor import (
    PlanYaExiste,
    actividad_duplicar,
    actividad_mover,
    plan_crear,
)
from tests.factories import ActividadFactory, IntegranteFactory, PlanFactory, UsuarioFactory
from uig_portal.roles import Rol

pytestmark = pytest.mark.django_db

Estado = PlanTrabajo.Estado
HTMX = {"HTTP_HX_REQUEST": "true"}
#: Como las manda static/js/autoguardado.js (contrato en uig_portal/lib/concurrencia.py).
AUTOGUARDADO = {"HTTP_X_AUTOGUARDADO": "1"}


@pytest.fixture(autouse=True)
def catalogo_de_alineacion(db):
    """El catálogo que siembra la migración (una prueba transaccional previa pudo vaciarlo)."""
    for tipo, filas in (("atribucion", ATRIBUCIONES), ("ped", ESTRATEGIAS_PED)):
        for clave, descripcion in filas:
            Alineacion.objects.get_or_create(
                tipo=tipo, clave=clave, defaults={"descripcion": descripcion}
            )


def alineacion(tipo, clave):
    return Alineacion.objects.get(tipo=tipo, clave=clave)


def mensajes(respuesta):
    return [str(m) for m in get_messages(respuesta.wsgi_request)]


def datos_actividad(actividad, **cambios):
    """Lo que envía la tarjeta de una actividad tal como se dibuja, con `cambios` encima."""
    form = ActividadForm(instance=actividad, catalogo=list(Alineacion.objects.all()))
    datos = {}
    for nombre in form.fields:
        valor = cambios.get(nombre, form[nombre].value())
        clave = form.add_prefix(nombre)
        if nombre in ("acumulativa", "desagregado_por_sexo"):
            if valor:
                datos[clave] = "on"
        elif nombre == "alineaciones":
            datos[clave] = [str(v) for v in valor]
        else:
            datos[clave] = "" if valor is None else str(valor)
    return datos


def guardar(client, actividad, htmx=True, **cambios):
    url = reverse("planes:actividad_guardar", args=[actividad.plan_id, actividad.pk])
    return client.post(url, datos_actividad(actividad, **cambios), **(AUTOGUARDADO if htmx else {}))


def guardar_encabezado(client, plan, htmx=True, **cambios):
    datos = {
        "encabezado-titular_unidad": plan.titular_unidad,
        "encabezado-compromiso": plan.compromiso,
        "encabezado-revision": str(plan.revision),
    }
    datos.update({f"encabezado-{k}": v for k, v in cambios.items()})
    url = reverse("planes:encabezado_guardar", args=[plan.pk])
    return client.post(url, datos, **(AUTOGUARDADO if htmx else {}))


@pytest.fixture
def plan(dependencia):
    return PlanFactory(unidad=dependencia.unidad, anio=2026)


# --- Crear el plan --------------------------------------------------------------------------


def test_anio_sugerido_es_el_siguiente_a_partir_de_noviembre():
    assert anio_sugerido(date(2026, 10, 31)) == 2026
    assert anio_sugerido(date(2026, 11, 1)) == 2027
    assert anio_sugerido(date(2026, 1, 15)) == 2026


def test_responsable_crea_el_plan_en_borrador(client, responsable, dependencia):
    IntegranteFactory(unidad=dependencia.unidad, nombre="Itzel Ramírez Núñez")
    client.force_login(responsable)
    pagina = client.get(reverse("planes:nuevo"))
    assert pagina.status_code == 200
    assert f'<option value="{anio_sugerido()}" selected>' in pagina.content.decode()
    anio = timezone.localdate().year
    r = client.post(reverse("planes:nuevo"), {"anio": anio})
    plan = PlanTrabajo.objects.get(unidad=dependencia.unidad, anio=anio)
    assert r.status_code == 302
    assert r.url == reverse("planes:editar", args=[plan.pk])
    assert (plan.estado, plan.version, plan.titular_unidad) == (
        Estado.BORRADOR,
        1,
        "Itzel Ramírez Núñez",
    )
    assert f"Se creó el plan de trabajo {anio} en borrador." in mensajes(r)


def test_copia_el_plan_del_anio_anterior_con_actividades_y_alineacion(
    client, responsable, dependencia
):
    anio = timezone.localdate().year
    anterior = PlanFactory(
        unidad=dependencia.unidad, anio=anio - 1, estado=Estado.APROBADO, compromiso="Compromiso X"
    )
    primera = ActividadFactory(plan=anterior, orden=1, descripcion="Taller A")
    segunda = ActividadFactory(plan=anterior, orden=2, descripcion="Campaña B", meta_anual=8,
                               meta_t1=2, meta_t2=2, meta_t3=2, meta_t4=2)  # fmt: skip
    segunda.alineaciones.add(alineacion("atribucion", "III"))
    client.force_login(responsable)

    r = client.post(reverse("planes:nuevo"), {"anio": anio, "copiar": "on"})

    nuevo = PlanTrabajo.objects.get(unidad=dependencia.unidad, anio=anio)
    assert r.status_code == 302
    assert (nuevo.version, nuevo.estado, nuevo.compromiso) == (1, Estado.BORRADOR, "Compromiso X")
    copias = list(nuevo.actividades.order_by("orden"))
    assert [(a.orden, a.descripcion) for a in copias] == [(1, "Taller A"), (2, "Campaña B")]
    assert copias[1].meta_anual == Decimal("8") and copias[1].indicador == segunda.indicador
    assert {(a.tipo, a.clave) for a in copias[1].alineaciones.all()} == {
        ("ped", "2.10.2"),
        ("atribucion", "VII"),
        ("atribucion", "III"),
    }
    assert copias[0].faltantes() == []
    # El original no cambia.
    assert {a.pk for a in anterior.actividades.all()} == {primera.pk, segunda.pk}
    assert "2 actividades copiadas" in mensajes(r)[0]


def test_copiar_sin_plan_anterior_explica_el_motivo(client, responsable):
    client.force_login(responsable)
    anio = timezone.localdate().year
    r = client.post(reverse("planes:nuevo"), {"anio": anio, "copiar": "on"})
    assert r.status_code == 200
    assert f"no tiene un plan de {anio - 1} del cual copiar" in r.content.decode()
    assert not PlanTrabajo.objects.exists()


def test_no_se_crea_un_segundo_plan_para_el_mismo_anio(client, responsable, dependencia):
    anio = timezone.localdate().year
    existente = PlanFactory(unidad=dependencia.unidad, anio=anio)
    client.force_login(responsable)
    r = client.post(reverse("planes:nuevo"), {"anio": anio})
    html = r.content.decode()
    assert r.status_code == 200
    assert f"La unidad ya tiene un plan de trabajo para {anio}." in html
    assert reverse("planes:editar", args=[existente.pk]) in html
    assert PlanTrabajo.objects.filter(unidad=dependencia.unidad, anio=anio).count() == 1


def test_el_servicio_rechaza_el_duplicado_aunque_sea_una_modificacion(dependencia):
    PlanFactory(unidad=dependencia.unidad, anio=2026, version=2, estado=Estado.APROBADO)
    with pytest.raises(PlanYaExiste) as error:
        plan_crear(unidad=dependencia.unidad, anio=2026)
    assert error.value.plan.version == 2


def test_administracion_elige_la_institucion(client, administracion, dependencia):
    client.force_login(administracion)
    anio = timezone.localdate().year
    r = client.post(reverse("planes:nuevo"), {"anio": anio})
    assert r.status_code == 200 and "Este campo es obligatorio" in r.content.decode()
    r = client.post(reverse("planes:nuevo"), {"anio": anio, "dependencia": dependencia.pk})
    assert r.status_code == 302
    assert PlanTrabajo.objects.filter(unidad=dependencia.unidad, anio=anio).exists()


def test_responsable_sin_institucion_no_crea_planes(client):
    persona = UsuarioFactory(rol=Rol.RESPONSABLE)
    client.force_login(persona)
    assert client.get(reverse("planes:nuevo")).status_code == 403


# --- La página del editor -------------------------------------------------------------------


def test_el_editor_muestra_campos_ayuda_faltantes_y_progreso(client, responsable, plan):
    completa = ActividadFactory(plan=plan, orden=1)
    ActividadFactory(plan=plan, orden=2, descripcion="Campaña", indicador="", alineado=False)
    client.force_login(responsable)
    r = client.get(reverse("planes:editar", args=[plan.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    # Todos los campos del marco lógico de cada tarjeta, con su ayuda y su ejemplo al lado.
    for campo in ("eje", "area_oportunidad", "objetivo", "linea_accion", "formula", "meta_t4",
                  "mes_fin", "programa", "monto_aprobado", "tipo_contribucion",
                  "resultado_esperado"):  # fmt: skip
        assert f'name="a{completa.pk}-{campo}"' in html
    assert f'id="id_a{completa.pk}-formula_helptext"' in html
    assert "Cómo se calcula el indicador" in html and "Ejemplo:" in html
    assert "2.10.2" in html and "<strong>VII</strong>" in html
    url = reverse("planes:actividad_guardar", args=[plan.pk, completa.pk])
    assert f'data-autoguardado="{url}"' in html
    # Progreso del plan y lo que falta en la segunda.
    assert "<strong>1 de 2</strong> actividades completas" in html
    assert "nombre del indicador" in html
    assert "alineación con una estrategia del PED" in html
    assert "Completa: tiene todo lo necesario" in html


def test_plan_aprobado_no_se_edita_ni_por_la_coordinacion(client, responsable, plan):
    plan.estado = Estado.APROBADO
    plan.save()
    actividad = ActividadFactory(plan=plan, descripcion="Original")
    client.force_login(responsable)
    r = client.get(reverse("planes:editar", args=[plan.pk]))
    assert r.status_code == 302 and r.url == plan.get_absolute_url()
    assert "está aprobado y ya no se edita" in mensajes(r)[0]

    r = guardar(client, actividad, descripcion="Cambiada")
    assert r.status_code == 403
    assert "está aprobado y ya no se edita" in r.content.decode()
    r = guardar_encabezado(client, plan, compromiso="Otro")
    assert r.status_code == 403
    for nombre, args, datos in [
        ("planes:actividad_agregar", [plan.pk], {}),
        ("planes:actividad_duplicar", [plan.pk, actividad.pk], {}),
        ("planes:actividad_eliminar", [plan.pk, actividad.pk], {"confirmar": "si"}),
        ("planes:actividad_mover", [plan.pk, actividad.pk], {"direccion": "arriba"}),
    ]:
        assert client.post(reverse(nombre, args=args), datos, **HTMX).status_code == 403
        assert client.post(reverse(nombre, args=args), datos).status_code == 302
    actividad.refresh_from_db()
    plan.refresh_from_db()
    assert actividad.descripcion == "Original" and plan.actividades.count() == 1
    assert plan.compromiso != "Otro"


def test_plan_con_observaciones_se_edita_y_las_muestra(client, responsable, coordinacion, plan):
    plan.estado = Estado.CON_OBSERVACIONES
    plan.save()
    actividad = ActividadFactory(plan=plan)
    Observacion.objects.create(plan=plan, texto="Precise la fórmula", autor=coordinacion,
                               actividad=actividad)  # fmt: skip
    Observacion.objects.create(plan=plan, texto="Falta una actividad de presupuesto",
                               autor=coordinacion)  # fmt: skip
    client.force_login(responsable)
    html = client.get(reverse("planes:editar", args=[plan.pk])).content.decode()
    assert "Precise la fórmula" in html and "Falta una actividad de presupuesto" in html
    assert guardar(client, actividad, formula="Personas / 2").status_code == 200


def test_consultas_del_editor_no_crecen_con_las_actividades(client, responsable, plan):
    client.force_login(responsable)
    url = reverse("planes:editar", args=[plan.pk])
    ActividadFactory.create_batch(3, plan=plan)
    client.get(url)
    with CaptureQueriesContext(connection) as pocas:
        assert client.get(url).status_code == 200
    ActividadFactory.create_batch(27, plan=plan)
    with CaptureQueriesContext(connection) as muchas:
        r = client.get(url)
    assert r.status_code == 200 and r.content.decode().count('class="tarjeta-actividad') == 30
    assert len(muchas) == len(pocas), [q["sql"] for q in muchas.captured_queries]


# --- Autoguardado ---------------------------------------------------------------------------


def test_autoguardado_guarda_e_incrementa_la_revision(client, responsable, plan):
    actividad = ActividadFactory(plan=plan, alineado=False)
    client.force_login(responsable)
    ped = alineacion("ped", "2.10.2")
    hora = timezone.localtime(timezone.now()).strftime("%H:")

    r = guardar(client, actividad, descripcion="Curso de igualdad", meta_anual="40",
                alineaciones=[ped.pk])  # fmt: skip

    html = r.content.decode()
    actividad.refresh_from_db()
    assert r.status_code == 200
    assert (actividad.descripcion, actividad.revision) == ("Curso de igualdad", 2)
    assert list(actividad.alineaciones.all()) == [ped]
    assert f"Guardado a las {hora}" in html
    # La nueva revisión para el campo oculto, lo que falta y el progreso, fuera de banda.
    assert f'id="id_a{actividad.pk}-revision" value="2" hx-swap-oob="true"' in html
    assert f'id="faltan-a{actividad.pk}"' in html and "alineación con una atribución" in html
    assert 'id="progreso-plan"' in html
    assert r["X-Autoguardado"] == "guardado" and r["X-Revision"] == "2"
    # El siguiente guardado parte de la revisión 2.
    assert guardar(client, actividad, descripcion="Curso de igualdad II").status_code == 200
    actividad.refresh_from_db()
    assert actividad.revision == 3
    assert actividad.history.count() >= 3


def test_un_borrador_puede_quedar_incompleto(client, responsable, plan):
    actividad = Actividad.objects.create(plan=plan, orden=1)
    client.force_login(responsable)
    r = guardar(client, actividad, objetivo="Solo el objetivo, por ahora")
    assert r.status_code == 200
    actividad.refresh_from_db()
    assert actividad.objetivo == "Solo el objetivo, por ahora" and actividad.meta_anual is None


def test_sin_cambios_no_escribe(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    r = guardar(client, actividad)
    actividad.refresh_from_db()
    assert r.status_code == 200 and "Guardado a las" in r.content.decode()
    assert actividad.revision == 1


def test_el_guardado_no_toca_el_orden_ni_otras_actividades(client, responsable, plan):
    primera = ActividadFactory(plan=plan, orden=1, descripcion="Primera")
    segunda = ActividadFactory(plan=plan, orden=2, descripcion="Segunda")
    client.force_login(responsable)
    # Alguien mueve las actividades mientras la tarjeta sigue abierta con el orden viejo.
    Actividad.objects.filter(pk=primera.pk).update(orden=5)
    assert guardar(client, primera, descripcion="Primera editada").status_code == 200
    primera.refresh_from_db()
    segunda.refresh_from_db()
    assert (primera.orden, primera.descripcion) == (5, "Primera editada")
    assert (segunda.descripcion, segunda.revision) == ("Segunda", 1)


def test_revision_vieja_da_409_y_no_guarda(client, responsable, plan):
    actividad = ActividadFactory(plan=plan, descripcion="Versión A")
    otra = UsuarioFactory(rol=Rol.RESPONSABLE, dependencia=responsable.dependencia,
                          first_name="Rosa", last_name="Luna")  # fmt: skip
    vieja = Actividad.objects.get(pk=actividad.pk)
    client.force_login(otra)
    assert guardar(client, actividad, descripcion="Versión de Rosa").status_code == 200

    client.force_login(responsable)
    r = guardar(client, vieja, descripcion="Versión vieja")

    html = r.content.decode()
    actividad.refresh_from_db()
    assert r.status_code == 409
    assert actividad.descripcion == "Versión de Rosa" and actividad.revision == 2
    hora = timezone.localtime(actividad.actualizada).strftime("%H:%M")
    assert (
        f"Alguien más (Rosa Luna) guardó cambios en esta actividad a las {hora}; recargue "
        "para verlos. Lo que usted escribió no se perdió" in html
    )
    assert r["X-Autoguardado"] == "conflicto" and r["X-Revision"] == "2"
    assert "hx-swap-oob" not in html  # ni revisión nueva ni faltantes: nada cambió


def test_conflicto_con_uno_mismo_en_otra_pestana(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    vieja = Actividad.objects.get(pk=actividad.pk)
    client.force_login(responsable)
    assert guardar(client, actividad, descripcion="Pestaña 1").status_code == 200
    r = guardar(client, vieja, descripcion="Pestaña 2")
    assert r.status_code == 409
    assert (
        "Usted, desde otra pestaña o ventana, guardó cambios en esta actividad"
        in r.content.decode()
    )


def test_carrera_perdida_en_el_update_condicionado_da_409(client, responsable, plan):
    """Si otra petición incrementa la revisión entre la lectura y la escritura (SQLite no
    bloquea filas), el UPDATE condicionado no escribe y la respuesta es 409."""
    actividad = ActividadFactory(plan=plan, descripcion="Antes")
    client.force_login(responsable)
    original = ActividadForm.is_valid

    def valida_y_otra_guarda(form):
        resultado = original(form)
        Actividad.objects.filter(pk=actividad.pk).update(revision=7)
        return resultado

    with mock.patch.object(ActividadForm, "is_valid", valida_y_otra_guarda):
        r = guardar(client, actividad, descripcion="Después")
    actividad.refresh_from_db()
    assert r.status_code == 409 and actividad.descripcion == "Antes"


@pytest.mark.parametrize(
    "cambios,campo,mensaje",
    [
        ({"mes_inicio": "9", "mes_fin": "3"}, "mes_fin",
         "El mes de término no puede ser anterior al de inicio."),
        ({"meta_anual": "-5"}, "meta_anual", "No puede ser negativo."),
        ({"meta_t2": "-1", "meta_anual": "29"}, "meta_t2", "No puede ser negativo."),
        ({"meta_anual": "50"}, "meta_anual",
         "como el indicador es acumulativo, deben coincidir."),
        ({"linea_base": "muchas"}, "linea_base", "Introduzca un número."),
    ],
)  # fmt: skip
def test_valores_invalidos_dan_422_y_no_guardan(client, responsable, plan, cambios, campo, mensaje):
    actividad = ActividadFactory(plan=plan, descripcion="Intacta")
    client.force_login(responsable)
    r = guardar(client, actividad, descripcion="No debe guardarse", **cambios)
    html = r.content.decode()
    actividad.refresh_from_db()
    assert r.status_code == 422
    assert actividad.descripcion == "Intacta" and actividad.revision == 1
    assert mensaje in html
    # El error va junto a su campo, sin volver a dibujar el control (lo escrito se conserva).
    assert f'id="id_a{actividad.pk}-{campo}_error"' in html
    assert f'name="a{actividad.pk}-descripcion"' not in html
    assert "No se guardaron estos cambios" in html


def test_metas_no_acumulativas_no_tienen_que_sumar(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    r = guardar(client, actividad, acumulativa=False, meta_anual="100", meta_t1="70",
                meta_t2="85", meta_t3="100", meta_t4="100")  # fmt: skip
    assert r.status_code == 200


def test_sin_javascript_guarda_y_vuelve_a_la_tarjeta(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    r = guardar(client, actividad, htmx=False, objetivo="Nuevo objetivo")
    assert r.status_code == 302
    assert r.url == (
        f"{reverse('planes:editar', args=[plan.pk])}?abierta={actividad.pk}"
        f"#actividad-{actividad.pk}"
    )
    assert "Se guardó la actividad." in mensajes(r)
    actividad.refresh_from_db()
    assert actividad.objetivo == "Nuevo objetivo"


def test_sin_javascript_un_error_vuelve_a_mostrar_lo_escrito(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    r = guardar(client, actividad, htmx=False, objetivo="Lo que escribí", meta_anual="-3")
    html = r.content.decode()
    assert r.status_code == 422
    assert "Lo que escribí" in html and "No puede ser negativo." in html
    assert 'aria-invalid="true"' in html


def test_encabezado_con_revision_vieja_da_409(client, responsable, plan):
    client.force_login(responsable)
    vieja = PlanTrabajo.objects.get(pk=plan.pk)
    r = guardar_encabezado(client, plan, compromiso="Compromiso nuevo")
    assert r.status_code == 200 and "Guardado a las" in r.content.decode()
    plan.refresh_from_db()
    assert (plan.compromiso, plan.revision) == ("Compromiso nuevo", 2)
    assert 'id="id_encabezado-revision" value="2" hx-swap-oob="true"' in r.content.decode()

    r = guardar_encabezado(client, vieja, compromiso="Pisado")
    plan.refresh_from_db()
    assert r.status_code == 409 and plan.compromiso == "Compromiso nuevo"
    assert "guardó cambios en el encabezado del plan" in r.content.decode()


def test_sesion_vencida_en_htmx_da_401_y_sin_htmx_lleva_a_entrar(client, plan):
    actividad = ActividadFactory(plan=plan)
    url = reverse("planes:actividad_guardar", args=[plan.pk, actividad.pk])
    r = client.post(url, {}, **HTMX)
    assert r.status_code == 401
    assert "Su sesión se cerró" in r.content.decode()
    assert reverse("login") in r.content.decode()
    assert r["HX-Retarget"] == "#avisos-editor"  # sin HX-Target de una tarjeta
    r = client.post(url, {}, HTTP_HX_TARGET=f"estado-a{actividad.pk}", **HTMX)
    assert r.status_code == 401 and "HX-Retarget" not in r
    r = client.post(url, {}, **AUTOGUARDADO)  # el autoguardado: su aviso va a su tarjeta
    assert r.status_code == 401 and r["X-Autoguardado"] == "sesion" and "HX-Retarget" not in r
    r = client.post(url, {})
    assert r.status_code == 302 and r.url.startswith(reverse("login") + "?next=")


def test_actividad_eliminada_mientras_se_editaba(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    datos = datos_actividad(actividad, descripcion="Tarde")
    url = reverse("planes:actividad_guardar", args=[plan.pk, actividad.pk])
    actividad.delete()
    client.force_login(responsable)
    r = client.post(url, datos, **HTMX)
    assert r.status_code == 404 and "quizá alguien la eliminó" in r.content.decode()


def test_actividad_de_otro_plan_es_404(client, responsable, plan, dependencia):
    ajena = ActividadFactory(plan=PlanFactory(unidad=dependencia.unidad, anio=2025))
    client.force_login(responsable)
    url = reverse("planes:actividad_guardar", args=[plan.pk, ajena.pk])
    assert client.post(url, datos_actividad(ajena)).status_code == 404


# --- Acciones sobre actividades -------------------------------------------------------------


def contenido(plan):
    return [(a.orden, a.descripcion) for a in plan.actividades.order_by("orden", "pk")]


@pytest.fixture
def tres(plan):
    return [ActividadFactory(plan=plan, orden=n, descripcion=d) for n, d in
            [(1, "Uno"), (2, "Dos"), (3, "Tres")]]  # fmt: skip


def test_agregar_pone_una_actividad_vacia_al_final(client, responsable, plan, tres):
    client.force_login(responsable)
    r = client.post(reverse("planes:actividad_agregar", args=[plan.pk]), **HTMX)
    nueva = plan.actividades.order_by("-orden").first()
    html = r.content.decode()
    assert r.status_code == 200
    assert contenido(plan) == [(1, "Uno"), (2, "Dos"), (3, "Tres"), (4, "")]
    assert f'id="actividad-{nueva.pk}"' in html and "data-recien" in html
    assert "Se agregó la actividad 4." in html and 'id="progreso-plan"' in html
    # Sin JavaScript vuelve al editor, en la tarjeta nueva.
    r = client.post(reverse("planes:actividad_agregar", args=[plan.pk]))
    nueva = plan.actividades.order_by("-orden").first()
    assert r.status_code == 302 and r.url.endswith(f"?abierta={nueva.pk}#actividad-{nueva.pk}")


def test_duplicar_copia_justo_despues_con_su_alineacion(client, responsable, plan, tres):
    tres[1].alineaciones.add(alineacion("atribucion", "III"))
    client.force_login(responsable)
    r = client.post(reverse("planes:actividad_duplicar", args=[plan.pk, tres[1].pk]), **HTMX)
    assert r.status_code == 200
    assert contenido(plan) == [(1, "Uno"), (2, "Dos"), (3, "Dos"), (4, "Tres")]
    copia = plan.actividades.get(orden=3)
    assert copia.pk != tres[1].pk and copia.revision == 1
    assert set(copia.alineaciones.all()) == set(tres[1].alineaciones.all())
    assert copia.meta_anual == tres[1].meta_anual
    assert "la copia es la 3" in r.content.decode()


def test_mover_renumera_sin_tocar_el_contenido(client, responsable, plan, tres):
    client.force_login(responsable)
    url = reverse("planes:actividad_mover", args=[plan.pk, tres[2].pk])
    r = client.post(url, {"direccion": "arriba"}, **HTMX)
    assert r.status_code == 200
    assert '"actividad-movida"' in r["HX-Trigger"]
    assert contenido(plan) == [(1, "Uno"), (2, "Tres"), (3, "Dos")]
    r = client.post(url, {"direccion": "arriba"})
    assert r.status_code == 302
    assert contenido(plan) == [(1, "Tres"), (2, "Uno"), (3, "Dos")]
    # Ya es la primera: no cambia nada.
    r = client.post(url, {"direccion": "arriba"}, **HTMX)
    assert "ya es la primera" in r.content.decode() and "HX-Trigger" not in r
    assert contenido(plan) == [(1, "Tres"), (2, "Uno"), (3, "Dos")]
    for a in tres:
        a.refresh_from_db()
        assert a.revision == 1 and a.indicador == "Personas capacitadas"


def test_mover_con_orden_repetido_o_con_huecos_queda_consecutivo(client, responsable, plan):
    a = ActividadFactory(plan=plan, orden=5, descripcion="A")
    ActividadFactory(plan=plan, orden=5, descripcion="B")
    ActividadFactory(plan=plan, orden=9, descripcion="C")
    client.force_login(responsable)
    url = reverse("planes:actividad_mover", args=[plan.pk, a.pk])
    client.post(url, {"direccion": "abajo"})
    assert contenido(plan) == [(1, "B"), (2, "A"), (3, "C")]


def test_direccion_invalida(client, responsable, plan, tres):
    client.force_login(responsable)
    url = reverse("planes:actividad_mover", args=[plan.pk, tres[0].pk])
    r = client.post(url, {"direccion": "lejos"}, **HTMX)
    assert r.status_code == 422
    assert contenido(plan) == [(1, "Uno"), (2, "Dos"), (3, "Tres")]


def test_eliminar_pide_confirmacion_y_no_toca_las_demas(client, responsable, plan, tres):
    client.force_login(responsable)
    url = reverse("planes:actividad_eliminar", args=[plan.pk, tres[0].pk])
    r = client.post(url)
    assert r.status_code == 200 and "¿Eliminar esta actividad?" in r.content.decode()
    assert plan.actividades.count() == 3

    r = client.post(url, {"confirmar": "si"}, **HTMX)
    assert r.status_code == 200
    assert "Se eliminó la actividad «Uno»." in r.content.decode()
    assert contenido(plan) == [(1, "Dos"), (2, "Tres")]
    for a in tres[1:]:
        a.refresh_from_db()
        assert a.revision == 1 and a.meta_anual == Decimal("40")
        assert a.alineaciones.count() == 2
    # Ya no existe: 404 con aviso.
    r = client.post(url, {"confirmar": "si"}, **HTMX)
    assert r.status_code == 404 and "ya no existe" in r.content.decode()


def test_eliminar_sin_javascript_vuelve_al_editor(client, responsable, plan, tres):
    client.force_login(responsable)
    url = reverse("planes:actividad_eliminar", args=[plan.pk, tres[1].pk])
    r = client.post(url, {"confirmar": "si"})
    assert r.status_code == 302 and "Se eliminó la actividad «Dos»." in mensajes(r)
    assert contenido(plan) == [(1, "Uno"), (2, "Tres")]


def test_al_eliminar_la_ultima_vuelve_el_aviso_de_plan_vacio(client, responsable, plan):
    unica = ActividadFactory(plan=plan)
    client.force_login(responsable)
    url = reverse("planes:actividad_eliminar", args=[plan.pk, unica.pk])
    html = client.post(url, {"confirmar": "si"}, **HTMX).content.decode()
    assert 'id="sin-actividades" class="text-body-secondary" hx-swap-oob="true">' in html
    assert "El plan aún no tiene actividades." in html


def test_duplicar_o_mover_una_actividad_que_ya_no_existe(plan):
    actividad = ActividadFactory(plan=plan)
    Actividad.objects.filter(pk=actividad.pk).delete()
    with pytest.raises(Actividad.DoesNotExist):
        actividad_duplicar(actividad=actividad)
    with pytest.raises(Actividad.DoesNotExist):
        actividad_mover(actividad=actividad, direccion="arriba")


def test_sin_javascript_un_conflicto_muestra_lo_escrito_y_el_aviso(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    vieja = Actividad.objects.get(pk=actividad.pk)
    Actividad.objects.filter(pk=actividad.pk).update(revision=2)
    client.force_login(responsable)
    r = guardar(client, vieja, htmx=False, objetivo="Mi versión")
    assert r.status_code == 409
    assert "Mi versión" in r.content.decode()
    assert "guardó cambios en esta actividad" in mensajes(r)[0]
    actividad.refresh_from_db()
    assert actividad.objetivo != "Mi versión"


def test_el_progreso_avisa_cuando_el_plan_esta_completo(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    r = guardar(client, actividad, resultado_esperado="Personal que aplica lo aprendido")
    assert "<strong>1 de 1</strong> actividad completa" in r.content.decode()
    assert "El plan está completo." in r.content.decode()


def test_eliminar_una_actividad_sin_describir(client, responsable, plan):
    vacia = Actividad.objects.create(plan=plan, orden=1)
    client.force_login(responsable)
    url = reverse("planes:actividad_eliminar", args=[plan.pk, vacia.pk])
    assert "Actividad sin describir" in client.post(url).content.decode()  # confirmación
    r = client.post(url, {"confirmar": "si"}, **HTMX)
    assert r.status_code == 200 and "Se eliminó la actividad «Actividad sin describir»." in (
        r.content.decode()
    )


def test_las_casillas_van_con_su_etiqueta_a_la_derecha(client, responsable, plan):
    actividad = ActividadFactory(plan=plan)
    client.force_login(responsable)
    html = client.get(reverse("planes:editar", args=[plan.pk])).content.decode()
    patron = rf'<div class="form-check">\s*<input [^>]*name="a{actividad.pk}-acumulativa"'
    assert re.search(patron, html)


def test_una_modificacion_en_borrador_se_edita_y_muestra_su_motivo(client, responsable, plan):
    plan.estado = Estado.APROBADO
    plan.save()
    modificacion = PlanFactory(unidad=plan.unidad, anio=plan.anio, version=2, anterior=plan,
                               motivo_modificacion="Cambio de metas por recorte")  # fmt: skip
    client.force_login(responsable)
    html = client.get(reverse("planes:editar", args=[modificacion.pk])).content.decode()
    assert "modificación del plan aprobado" in html and "Cambio de metas por recorte" in html
