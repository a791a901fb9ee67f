"""Las páginas del diseño de cuestionarios: camino feliz, entradas malas y consultas constantes.

Las preguntas se prueban en `test_diseno_preguntas.py`; los permisos de cada URL, en
`test_permisos_diseno.py`.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from diagnosticos.models import Cuestionario, Pregunta, Seccion, Version
from tests.factories import (
    AplicacionFactory,
    CuestionarioFactory,
    OpcionFactory,
    PreguntaFactory,
    SeccionFactory,
    VersionFactory,
)

Tipo = Pregunta.Tipo
pytestmark = pytest.mark.django_db


@pytest.fixture
def cliente(client, coordinacion):
    client.force_login(coordinacion)
    return client


@pytest.fixture
def version():
    version = VersionFactory(cuestionario__nombre="Diagnóstico institucional")
    datos = SeccionFactory(version=version, codigo="datos", titulo="Datos generales", orden=1)
    igualdad = SeccionFactory(version=version, codigo="igualdad", titulo="Igualdad", orden=2)
    PreguntaFactory(seccion=datos, codigo="tiene_uig", texto="¿Tiene Unidad?", orden=1)
    PreguntaFactory(
        seccion=igualdad,
        codigo="personal",
        orden=1,
        tipo=Tipo.ENTERO,
        regla="meta",
        meta=Decimal("10"),
        admite_evidencia=True,
        condicion={
            "union": "y",
            "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}],
        },
    )
    protocolo = PreguntaFactory(
        seccion=igualdad, codigo="protocolo", orden=2, tipo=Tipo.OPCION_UNICA
    )
    OpcionFactory(pregunta=protocolo, valor="vigente", etiqueta="Vigente", puntos=Decimal("100"))
    return version  # fmt: skip


def _mensajes(respuesta):
    return [str(m) for m in respuesta.context["messages"]]


# --- Cuestionarios -----------------------------------------------------------------------------


class TestCuestionarioLista:
    def test_muestra_la_version_mas_reciente_y_los_conteos(self, cliente, version):
        v2 = VersionFactory(cuestionario=version.cuestionario, numero=2)
        AplicacionFactory(version=version)
        AplicacionFactory(version=version)
        respuesta = cliente.get(reverse("diagnosticos:cuestionario_lista"))
        assert respuesta.status_code == 200
        fila = next(
            c for c in respuesta.context["cuestionarios"] if c.pk == version.cuestionario_id
        )
        assert (fila.n_versiones, fila.n_rondas, fila.ultima_pk, fila.ultima_numero) == (
            2, 2, v2.pk, 2)  # fmt: skip
        assert reverse("diagnosticos:version_detalle", args=[v2.pk]) in respuesta.text

    def test_consultas_constantes(
        self, cliente, django_assert_num_queries, django_assert_max_num_queries
    ):
        CuestionarioFactory()
        url = reverse("diagnosticos:cuestionario_lista")
        cliente.get(url)  # la sesión y los permisos quedan en caché de la petición
        with django_assert_max_num_queries(10) as una:
            cliente.get(url)
        for _ in range(6):
            cuestionario = CuestionarioFactory()
            v = VersionFactory(cuestionario=cuestionario)
            VersionFactory(cuestionario=cuestionario, numero=2)
            AplicacionFactory(version=v)
        with django_assert_num_queries(len(una.captured_queries)):
            cliente.get(url)


class TestCuestionarioNuevo:
    def test_crea_el_cuestionario_con_su_version_1_vacia(self, cliente):
        respuesta = cliente.post(
            reverse("diagnosticos:cuestionario_nuevo"),
            {"nombre": "Diagnóstico 2027", "descripcion": "", "umbral_en_desarrollo": "35",
             "umbral_consolidado": "75"},
        )  # fmt: skip
        cuestionario = Cuestionario.objects.get(nombre="Diagnóstico 2027")
        version = cuestionario.versiones.get()
        assert version.numero == 1
        assert not version.secciones.exists()
        assert cuestionario.umbral_en_desarrollo == Decimal("35")
        assert respuesta.status_code == 302
        assert respuesta.url == reverse("diagnosticos:version_detalle", args=[version.pk])

    def test_get_muestra_el_formulario(self, cliente):
        respuesta = cliente.get(reverse("diagnosticos:cuestionario_nuevo"))
        assert respuesta.status_code == 200
        assert "Crear el cuestionario" in respuesta.text

    @pytest.mark.parametrize(
        "desarrollo,consolidado,mensaje",
        [
            ("80", "50", "debe ser mayor que el de «en desarrollo»"),
            ("60", "60", "debe ser mayor que el de «en desarrollo»"),
            ("40", "150", "Los puntos van de 0 a 100."),
            ("-1", "70", "Los puntos van de 0 a 100."),
        ],
    )
    def test_umbrales_malos_no_guardan_nada(self, cliente, desarrollo, consolidado, mensaje):
        cuestionarios, versiones = Cuestionario.objects.count(), Version.objects.count()
        respuesta = cliente.post(
            reverse("diagnosticos:cuestionario_nuevo"),
            {"nombre": "Malo", "umbral_en_desarrollo": desarrollo,
             "umbral_consolidado": consolidado},
        )  # fmt: skip
        assert respuesta.status_code == 200
        assert mensaje in respuesta.text
        assert Cuestionario.objects.count() == cuestionarios
        assert Version.objects.count() == versiones

    def test_nombre_repetido(self, cliente, version):
        antes = Cuestionario.objects.count()
        respuesta = cliente.post(
            reverse("diagnosticos:cuestionario_nuevo"),
            {"nombre": "Diagnóstico institucional", "umbral_en_desarrollo": "40",
             "umbral_consolidado": "70"},
        )  # fmt: skip
        assert respuesta.status_code == 200
        assert "Ya existe" in respuesta.text
        assert Cuestionario.objects.count() == antes


class TestCuestionarioDetalleYEditar:
    def test_detalle_muestra_versiones_en_uso_y_editables(self, cliente, version):
        v2 = VersionFactory(cuestionario=version.cuestionario, numero=2)
        AplicacionFactory(version=version)
        AplicacionFactory(version=version)
        respuesta = cliente.get(version.cuestionario.get_absolute_url())
        assert respuesta.status_code == 200
        assert "En uso por 2 rondas" in respuesta.text
        assert "Editable" in respuesta.text
        assert v2.get_absolute_url() in respuesta.text
        filas = {v.numero: v for v in respuesta.context["versiones"]}
        assert (filas[1].n_preguntas, filas[1].n_secciones, filas[2].n_preguntas) == (3, 2, 0)

    def test_editar_guarda_nombre_y_umbrales(self, cliente, version):
        cuestionario = version.cuestionario
        respuesta = cliente.post(
            reverse("diagnosticos:cuestionario_editar", args=[cuestionario.pk]),
            {"nombre": "Diagnóstico renombrado", "descripcion": "Para todas las instituciones",
             "umbral_en_desarrollo": "30", "umbral_consolidado": "80.5"},
        )  # fmt: skip
        assert respuesta.status_code == 302
        cuestionario.refresh_from_db()
        assert cuestionario.nombre == "Diagnóstico renombrado"
        assert (cuestionario.umbral_en_desarrollo, cuestionario.umbral_consolidado) == (
            Decimal("30"), Decimal("80.5"))  # fmt: skip

    def test_editar_con_umbrales_al_reves_no_guarda(self, cliente, version):
        cuestionario = version.cuestionario
        respuesta = cliente.post(
            reverse("diagnosticos:cuestionario_editar", args=[cuestionario.pk]),
            {"nombre": "Otro nombre", "umbral_en_desarrollo": "90", "umbral_consolidado": "20"},
        )
        assert respuesta.status_code == 200
        assert "debe ser mayor que el de «en desarrollo»" in respuesta.text
        cuestionario.refresh_from_db()
        assert cuestionario.nombre == "Diagnóstico institucional"
        assert cuestionario.umbral_consolidado == Decimal("70")


# --- Versiones -------------------------------------------------------------------------------


class TestVersionDetalle:
    def test_muestra_la_estructura_completa(self, cliente, version):
        respuesta = cliente.get(version.get_absolute_url())
        assert respuesta.status_code == 200
        texto = respuesta.text
        for esperado in ("Datos generales", "Igualdad", "tiene_uig", "Número entero",
                         "Evidencia: sí", "Meta: 100 al alcanzar la meta", "Vigente",
                         "Se muestra si tiene_uig es igual a «Sí».", "Editable",
                         "Agregar una sección", "Agregar una pregunta"):  # fmt: skip
            assert esperado in texto
        assert respuesta.context["errores"] == []
        assert reverse("diagnosticos:pregunta_editar", args=[
            Pregunta.objects.get(codigo="personal").pk]) in texto  # fmt: skip

    def test_muestra_los_errores_de_la_version(self, cliente, version):
        PreguntaFactory(
            seccion=version.secciones.get(codigo="igualdad"),
            codigo="practicas",
            tipo=Tipo.OPCION_MULTIPLE,
        )
        respuesta = cliente.get(version.get_absolute_url())
        assert "Antes de usar esta versión en una ronda, corrija:" in respuesta.text
        assert "Pregunta «practicas»: es de opción y no tiene opciones para elegir." in (
            respuesta.text.replace("&laquo;", "«").replace("&raquo;", "»")
        )

    def test_en_uso_avisa_y_no_ofrece_editar(self, cliente, version):
        AplicacionFactory(version=version, nombre="Ronda 2026")
        respuesta = cliente.get(version.get_absolute_url())
        texto = respuesta.text
        assert (
            "Esta versión ya se usó en una ronda y no cambia; para editarla cree una versión "
            "nueva." in texto
        )
        assert "Ronda 2026" in texto
        assert reverse("diagnosticos:version_nueva", args=[version.pk]) in texto
        assert "Agregar una sección" not in texto
        assert "pregunta_editar" not in texto
        assert "/editar/" not in texto

    def test_consultas_constantes(
        self, cliente, version, django_assert_num_queries, django_assert_max_num_queries
    ):
        url = version.get_absolute_url()
        cliente.get(url)
        with django_assert_max_num_queries(14) as antes:
            cliente.get(url)
        seccion = version.secciones.get(codigo="igualdad")
        for numero in range(10):
            pregunta = PreguntaFactory(
                seccion=seccion, codigo=f"extra_{numero}", tipo=Tipo.OPCION_MULTIPLE,
                condicion={"union": "o", "reglas": [
                    {"pregunta": "tiene_uig", "operador": "uno_de", "valor": ["si", "parcial"]}]},
            )  # fmt: skip
            OpcionFactory(pregunta=pregunta)
            OpcionFactory(pregunta=pregunta)
        SeccionFactory(version=version)
        with django_assert_num_queries(len(antes.captured_queries)):
            respuesta = cliente.get(url)
        assert "extra_9" in respuesta.text


class TestVersionNueva:
    def test_crea_la_copia_y_redirige_a_ella(self, cliente, version):
        AplicacionFactory(version=version)
        respuesta = cliente.post(
            reverse("diagnosticos:version_nueva", args=[version.pk]),
            {"notas": "Se agregan preguntas de presupuesto"},
            follow=True,
        )
        nueva = Version.objects.get(cuestionario=version.cuestionario, numero=2)
        assert respuesta.redirect_chain[-1][0] == nueva.get_absolute_url()
        assert nueva.notas == "Se agregan preguntas de presupuesto"
        assert "Se creó la versión 2, copia de la versión 1." in _mensajes(respuesta)[0]
        assert sorted(Pregunta.objects.filter(seccion__version=nueva).values_list(
            "codigo", flat=True)) == ["personal", "protocolo", "tiene_uig"]  # fmt: skip

    def test_tambien_de_una_version_editable(self, cliente, version):
        cliente.post(reverse("diagnosticos:version_nueva", args=[version.pk]))
        assert version.cuestionario.versiones.count() == 2

    def test_get_no_crea_nada(self, cliente, version):
        respuesta = cliente.get(reverse("diagnosticos:version_nueva", args=[version.pk]))
        assert respuesta.status_code == 405
        assert version.cuestionario.versiones.count() == 1


# --- Secciones ---------------------------------------------------------------------------------


class TestSecciones:
    def test_agregar_va_al_final(self, cliente, version):
        respuesta = cliente.post(
            reverse("diagnosticos:seccion_nueva", args=[version.pk]),
            {"codigo": "presupuesto", "titulo": "Presupuesto con perspectiva de género",
             "descripcion": "", "peso": "1.5"},
        )  # fmt: skip
        seccion = version.secciones.get(codigo="presupuesto")
        assert respuesta.status_code == 302
        assert respuesta.url.endswith(f"#seccion-{seccion.pk}")
        assert list(version.secciones.order_by("orden").values_list("codigo", flat=True)) == [
            "datos", "igualdad", "presupuesto"]  # fmt: skip
        assert seccion.peso == Decimal("1.5")

    @pytest.mark.parametrize(
        "datos,mensaje",
        [
            ({"codigo": "datos", "titulo": "Repetida"}, "Ya hay una sección con el código"),
            ({"codigo": "Con Espacios", "titulo": "Mal"}, "letras minúsculas sin acentos"),
            ({"codigo": "bien", "titulo": "Peso malo", "peso": "120"}, "no puede pasar de 100"),
        ],
    )
    def test_entradas_malas_no_guardan(self, cliente, version, datos, mensaje):
        respuesta = cliente.post(
            reverse("diagnosticos:seccion_nueva", args=[version.pk]), {"peso": "1", **datos}
        )
        assert respuesta.status_code == 200
        assert mensaje in respuesta.text
        assert version.secciones.count() == 2

    def test_editar(self, cliente, version):
        seccion = version.secciones.get(codigo="datos")
        cliente.post(
            reverse("diagnosticos:seccion_editar", args=[seccion.pk]),
            {"codigo": "datos", "titulo": "Datos de la institución", "peso": "0"},
        )
        seccion.refresh_from_db()
        assert (seccion.titulo, seccion.peso) == ("Datos de la institución", Decimal("0"))

    def test_eliminar_pide_confirmacion(self, cliente, version):
        seccion = version.secciones.get(codigo="igualdad")
        url = reverse("diagnosticos:seccion_eliminar", args=[seccion.pk])
        respuesta = cliente.post(url)
        assert respuesta.status_code == 200
        assert "¿Eliminar esta sección?" in respuesta.text
        assert "protocolo" in respuesta.text
        assert Seccion.objects.filter(pk=seccion.pk).exists()
        respuesta = cliente.post(url, {"confirmar": "si"})
        assert respuesta.status_code == 302
        assert not Seccion.objects.filter(pk=seccion.pk).exists()
        assert not Pregunta.objects.filter(codigo="protocolo").exists()

    def test_no_elimina_una_seccion_de_la_que_dependen_otras(self, cliente, version):
        seccion = version.secciones.get(codigo="datos")
        respuesta = cliente.post(
            reverse("diagnosticos:seccion_eliminar", args=[seccion.pk]),
            {"confirmar": "si"},
            follow=True,
        )
        assert "la condición de personal usa preguntas de ella" in _mensajes(respuesta)[0]
        assert Seccion.objects.filter(pk=seccion.pk).exists()

    def test_mover(self, cliente, version):
        igualdad = version.secciones.get(codigo="igualdad")
        url = reverse("diagnosticos:seccion_mover", args=[igualdad.pk])
        assert cliente.post(url, {"direccion": "arriba"}).status_code == 302
        assert list(version.secciones.order_by("orden").values_list("codigo", flat=True)) == [
            "igualdad", "datos"]  # fmt: skip
        respuesta = cliente.post(url, {"direccion": "arriba"}, follow=True)
        assert "no se puede mover más" in _mensajes(respuesta)[0]

    def test_en_uso_no_cambia_nada(self, cliente, version):
        AplicacionFactory(version=version)
        seccion = version.secciones.get(codigo="datos")
        intentos = [
            ("seccion_nueva", version.pk, {"codigo": "nueva", "titulo": "Nueva", "peso": "1"}),
            ("seccion_editar", seccion.pk, {"codigo": "datos", "titulo": "Otro", "peso": "1"}),
            ("seccion_mover", seccion.pk, {"direccion": "abajo"}),
            ("seccion_eliminar", seccion.pk, {"confirmar": "si"}),
        ]
        for nombre, pk, datos in intentos:
            respuesta = cliente.post(reverse(f"diagnosticos:{nombre}", args=[pk]), datos,
                                     follow=True)  # fmt: skip
            assert respuesta.redirect_chain[-1][0] == version.get_absolute_url(), nombre
            assert "ya se usó en una ronda" in _mensajes(respuesta)[0]
        assert list(version.secciones.order_by("orden").values_list("codigo", "titulo")) == [
            ("datos", "Datos generales"), ("igualdad", "Igualdad")]  # fmt: skip
