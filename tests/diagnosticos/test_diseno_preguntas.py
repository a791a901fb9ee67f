"""El editor de preguntas: datos, opciones, condición sin JavaScript, mover y eliminar."""

from decimal import Decimal

import pytest
from django.urls import reverse

from diagnosticos.models import Opcion, Pregunta
from tests.factories import (
    AplicacionFactory,
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
    version = VersionFactory()
    datos = SeccionFactory(version=version, codigo="datos", titulo="Datos generales", orden=1)
    igualdad = SeccionFactory(version=version, codigo="igualdad", titulo="Igualdad", orden=2)
    PreguntaFactory(seccion=datos, codigo="tiene_uig", orden=1)
    PreguntaFactory(seccion=datos, codigo="personal", orden=2, tipo=Tipo.ENTERO)
    protocolo = PreguntaFactory(
        seccion=igualdad, codigo="protocolo", orden=1, tipo=Tipo.OPCION_UNICA
    )
    OpcionFactory(pregunta=protocolo, valor="vigente", etiqueta="Vigente", puntos=100, orden=1)
    OpcionFactory(pregunta=protocolo, valor="no_hay", etiqueta="No hay", puntos=0, orden=2)
    return version  # fmt: skip


def _seccion(version, codigo):
    return version.secciones.get(codigo=codigo)


def datos_pregunta(opciones=(), reglas=(), union="y", iniciales=0, **campos):
    """Lo que envía el formulario de pregunta: campos, filas de opciones y reglas."""
    datos = {
        "codigo": "nueva",
        "texto": "¿La institución tiene un protocolo?",
        "ayuda": "",
        "tipo": Tipo.SI_NO,
        "obligatoria": "on",
        "peso": "1",
        "regla": "",
        "opciones-TOTAL_FORMS": str(max(3, len(opciones))),
        "opciones-INITIAL_FORMS": str(iniciales),
        "opciones-MIN_NUM_FORMS": "0",
        "opciones-MAX_NUM_FORMS": "1000",
        "cond-union": union,
        **campos,
    }
    for numero, opcion in enumerate(opciones):
        datos.update({f"opciones-{numero}-{campo}": valor for campo, valor in opcion.items()})
    for numero, (pregunta, operador, valor) in enumerate(reglas):
        datos.update(
            {
                f"cond-pregunta_{numero}": pregunta,
                f"cond-operador_{numero}": operador,
                f"cond-valor_{numero}": valor,
            }
        )
    return {k: v for k, v in datos.items() if v is not None}


def _mensajes(respuesta):
    return [str(m) for m in respuesta.context["messages"]]


class TestPreguntaNueva:
    def test_si_no_al_final_de_la_seccion(self, cliente, version):
        seccion = _seccion(version, "datos")
        respuesta = cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]),
            datos_pregunta(admite_evidencia="on", ayuda="Vea el acta de instalación"),
        )
        pregunta = Pregunta.objects.get(seccion=seccion, codigo="nueva")
        assert respuesta.status_code == 302
        assert respuesta.url.endswith(f"#pregunta-{pregunta.pk}")
        assert list(seccion.preguntas.order_by("orden").values_list("codigo", flat=True)) == [
            "tiene_uig", "personal", "nueva"]  # fmt: skip
        assert pregunta.admite_evidencia and pregunta.obligatoria
        assert pregunta.condicion == {}
        assert not pregunta.opciones.exists()

    def test_get_muestra_el_editor_con_las_preguntas_anteriores(self, cliente, version):
        respuesta = cliente.get(
            reverse("diagnosticos:pregunta_nueva", args=[_seccion(version, "datos").pk])
        )
        assert respuesta.status_code == 200
        elecciones = [c for c, _t in respuesta.context["condicion"].fields["pregunta_0"].choices]
        # En «datos» la pregunta nueva va al final: antes están las dos de la sección.
        assert elecciones == ["", "tiene_uig", "personal"]
        assert "Regla 4: operador" in respuesta.text

    def test_opcion_con_sus_opciones_en_orden(self, cliente, version):
        seccion = _seccion(version, "igualdad")
        cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]),
            datos_pregunta(
                codigo="practicas",
                tipo=Tipo.OPCION_MULTIPLE,
                opciones=[
                    {"valor": "lactario", "etiqueta": "Sala de lactancia", "puntos": "50"},
                    {"valor": "horario", "etiqueta": "Horario flexible", "puntos": "50"},
                    {"valor": "", "etiqueta": "", "puntos": ""},
                ],
            ),
        )
        pregunta = Pregunta.objects.get(codigo="practicas")
        assert list(pregunta.opciones.order_by("orden").values_list("valor", "etiqueta", "puntos")) == [
            ("lactario", "Sala de lactancia", Decimal("50")),
            ("horario", "Horario flexible", Decimal("50")),
        ]  # fmt: skip

    def test_condicion_con_y_y_o(self, cliente, version):
        seccion = _seccion(version, "igualdad")
        cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]),
            datos_pregunta(
                union="o",
                reglas=[
                    ("tiene_uig", "uno_de", "Sí, parcial"),  # etiqueta o valor: se guarda el valor
                    ("personal", "mayor", "10,5"),
                    ("protocolo", "igual", "vigente"),
                ],
            ),
        )
        pregunta = Pregunta.objects.get(codigo="nueva")
        assert pregunta.condicion == {
            "union": "o",
            "reglas": [
                {"pregunta": "tiene_uig", "operador": "uno_de", "valor": ["si", "parcial"]},
                {"pregunta": "personal", "operador": "mayor", "valor": "10.5"},
                {"pregunta": "protocolo", "operador": "igual", "valor": "vigente"},
            ],
        }
        pagina = cliente.get(version.get_absolute_url()).text
        assert (
            "Se muestra si tiene_uig es una de «Sí», «Parcialmente» o personal es mayor" in pagina
        )

    @pytest.mark.parametrize(
        "campos,mensaje",
        [
            ({"codigo": "protocolo"}, "Ya hay una pregunta con el código «protocolo» en esta "
                                      "versión (sección «Igualdad»)."),
            ({"codigo": "Mal Código"}, "letras minúsculas sin acentos"),
            ({"tipo": Tipo.OPCION_UNICA}, "Una pregunta de opción necesita al menos una opción"),
            ({"tipo": Tipo.SI_NO, "regla": "directa"}, "solo aplica a preguntas numéricas"),
            ({"tipo": Tipo.PORCENTAJE, "regla": "meta"}, "La regla «meta» necesita una meta"),
            ({"tipo": Tipo.ENTERO, "minimo": "10", "maximo": "5"}, "El valor mínimo es mayor"),
            ({"texto": ""}, "Este campo es obligatorio"),
        ],
    )  # fmt: skip
    def test_entradas_malas_no_guardan_nada(self, cliente, version, campos, mensaje):
        seccion = _seccion(version, "datos")
        antes = Pregunta.objects.count()
        respuesta = cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]), datos_pregunta(**campos)
        )
        assert respuesta.status_code == 200
        texto = respuesta.text.replace("&laquo;", "«").replace("&raquo;", "»")
        assert mensaje in texto
        assert "No se guardó nada" in texto
        assert Pregunta.objects.count() == antes

    def test_opciones_repetidas_o_con_valor_malo(self, cliente, version):
        seccion = _seccion(version, "datos")
        respuesta = cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]),
            datos_pregunta(
                tipo=Tipo.OPCION_UNICA,
                opciones=[
                    {"valor": "uno", "etiqueta": "Uno"},
                    {"valor": "uno", "etiqueta": "Otra vez uno"},
                    {"valor": "Dos Palabras", "etiqueta": "Mal", "puntos": "200"},
                ],
            ),
        )
        assert respuesta.status_code == 200
        assert "letras minúsculas sin acentos" in respuesta.text
        assert "Los puntos van de 0 a 100." in respuesta.text
        assert not Pregunta.objects.filter(codigo="nueva").exists()

    def test_condicion_hacia_una_pregunta_posterior(self, cliente, version):
        """«protocolo» está en la sección siguiente: no se ofrece y no se acepta."""
        seccion = _seccion(version, "datos")
        respuesta = cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]),
            datos_pregunta(reglas=[("protocolo", "igual", "vigente")]),
        )
        assert respuesta.status_code == 200
        texto = respuesta.text.replace("&laquo;", "«").replace("&raquo;", "»")
        assert "«protocolo» no es una pregunta anterior a esta" in texto
        assert "Elija la pregunta anterior." not in texto
        assert not Pregunta.objects.filter(codigo="nueva").exists()

    @pytest.mark.parametrize(
        "regla,mensaje",
        [
            (("tiene_uig", "igual", "quizas"), "usa valores que «tiene_uig» no tiene: quizas"),
            (("tiene_uig", "mayor", "3"), "compara como número «tiene_uig», que no es numérica"),
            (("personal", "menor", "muchos"), "necesita un número para comparar"),
            (("tiene_uig", "contiene", "si"), "solo aplica a preguntas de opción múltiple"),
            (("tiene_uig", "", "si"), "Elija cómo se compara."),
            (("", "igual", "si"), "Elija la pregunta anterior."),
        ],
    )
    def test_condicion_mala_muestra_el_error_junto_al_campo(self, cliente, version, regla,
                                                            mensaje):  # fmt: skip
        seccion = _seccion(version, "igualdad")
        respuesta = cliente.post(
            reverse("diagnosticos:pregunta_nueva", args=[seccion.pk]),
            datos_pregunta(reglas=[regla]),
        )
        assert respuesta.status_code == 200
        assert mensaje in respuesta.text.replace("&laquo;", "«").replace("&raquo;", "»")
        assert not Pregunta.objects.filter(codigo="nueva").exists()

    def test_version_en_uso_no_guarda(self, cliente, version):
        AplicacionFactory(version=version)
        seccion = _seccion(version, "datos")
        url = reverse("diagnosticos:pregunta_nueva", args=[seccion.pk])
        respuesta = cliente.post(url, datos_pregunta(), follow=True)
        assert respuesta.redirect_chain[-1][0] == version.get_absolute_url()
        assert "ya se usó en una ronda" in _mensajes(respuesta)[0]
        assert not Pregunta.objects.filter(codigo="nueva").exists()
        assert cliente.get(url).status_code == 302


class TestPreguntaEditar:
    def _url(self, version, codigo):
        pregunta = Pregunta.objects.get(seccion__version=version, codigo=codigo)
        return reverse("diagnosticos:pregunta_editar", args=[pregunta.pk]), pregunta

    def test_el_formulario_trae_lo_guardado(self, cliente, version):
        Pregunta.objects.filter(codigo="protocolo").update(
            condicion={
                "union": "o",
                "reglas": [
                    {"pregunta": "tiene_uig", "operador": "uno_de", "valor": ["si", "parcial"]}
                ],
            }
        )
        url, _pregunta = self._url(version, "protocolo")
        respuesta = cliente.get(url)
        condicion = respuesta.context["condicion"]
        assert condicion["union"].value() == "o"
        assert condicion["valor_0"].value() == "si, parcial"
        assert 'value="vigente"' in respuesta.text
        elecciones = [c for c, _t in condicion.fields["pregunta_0"].choices]
        assert elecciones == ["", "tiene_uig", "personal"]

    def test_editar_opciones_agregar_quitar_y_cambiar(self, cliente, version):
        url, pregunta = self._url(version, "protocolo")
        vigente, no_hay = pregunta.opciones.order_by("orden")
        respuesta = cliente.post(url, datos_pregunta(
            codigo="protocolo", tipo=Tipo.OPCION_UNICA, iniciales=2,
            opciones=[
                {"id": vigente.pk, "pregunta": pregunta.pk, "valor": "vigente",
                 "etiqueta": "Vigente y publicado", "puntos": "100"},
                {"id": no_hay.pk, "pregunta": pregunta.pk, "valor": "no_hay",
                 "etiqueta": "No hay", "puntos": "0", "DELETE": "on"},
                {"valor": "en_proceso", "etiqueta": "En elaboración", "puntos": "50"},
            ],
        ))  # fmt: skip
        assert respuesta.status_code == 302
        assert list(pregunta.opciones.order_by("orden").values_list("valor", "etiqueta")) == [
            ("vigente", "Vigente y publicado"), ("en_proceso", "En elaboración")]  # fmt: skip

    def test_quitar_todas_las_opciones_se_niega(self, cliente, version):
        url, pregunta = self._url(version, "protocolo")
        vigente, no_hay = pregunta.opciones.order_by("orden")
        respuesta = cliente.post(url, datos_pregunta(
            codigo="protocolo", tipo=Tipo.OPCION_UNICA, iniciales=2,
            opciones=[
                {"id": o.pk, "pregunta": pregunta.pk, "valor": o.valor, "etiqueta": o.etiqueta,
                 "DELETE": "on"} for o in (vigente, no_hay)
            ],
        ))  # fmt: skip
        assert "necesita al menos una opción" in respuesta.text
        assert pregunta.opciones.count() == 2

    def test_dejar_de_ser_de_opcion_borra_las_opciones(self, cliente, version):
        url, pregunta = self._url(version, "protocolo")
        cliente.post(url, datos_pregunta(codigo="protocolo", tipo=Tipo.SI_NO))
        pregunta.refresh_from_db()
        assert pregunta.tipo == Tipo.SI_NO
        assert not Opcion.objects.filter(pregunta=pregunta).exists()

    def test_regla_meta_y_limites(self, cliente, version):
        url, pregunta = self._url(version, "personal")
        cliente.post(
            url,
            datos_pregunta(
                codigo="personal",
                tipo=Tipo.ENTERO,
                regla="meta",
                meta="20",
                minimo="0",
                maximo="1000",
                peso="2",
            ),
        )
        pregunta.refresh_from_db()
        assert (pregunta.regla, pregunta.meta, pregunta.maximo, pregunta.peso) == (
            "meta", Decimal("20"), Decimal("1000"), Decimal("2"))  # fmt: skip

    def test_no_cambia_un_codigo_que_usan_otras_condiciones(self, cliente, version):
        Pregunta.objects.filter(codigo="protocolo").update(
            condicion={
                "union": "y",
                "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}],
            }
        )
        url, pregunta = self._url(version, "tiene_uig")
        respuesta = cliente.post(url, datos_pregunta(codigo="tiene_unidad"))
        assert "la condición de protocolo usa" in respuesta.text.replace("&laquo;", "«")
        pregunta.refresh_from_db()
        assert pregunta.codigo == "tiene_uig"

    def test_condicion_no_puede_mirar_a_si_misma(self, cliente, version):
        url, _pregunta = self._url(version, "personal")
        respuesta = cliente.post(
            url, datos_pregunta(codigo="personal", tipo=Tipo.ENTERO,
                                reglas=[("personal", "mayor", "1")])
        )  # fmt: skip
        assert respuesta.status_code == 200
        assert "no es una pregunta anterior a esta" in respuesta.text

    def test_version_en_uso_no_guarda(self, cliente, version):
        AplicacionFactory(version=version)
        url, pregunta = self._url(version, "personal")
        respuesta = cliente.post(url, datos_pregunta(codigo="personal", texto="Cambiado"),
                                 follow=True)  # fmt: skip
        assert "ya se usó en una ronda" in _mensajes(respuesta)[0]
        pregunta.refresh_from_db()
        assert pregunta.texto != "Cambiado"


class TestPreguntaEliminarYMover:
    def test_eliminar_pide_confirmacion(self, cliente, version):
        pregunta = Pregunta.objects.get(codigo="protocolo")
        url = reverse("diagnosticos:pregunta_eliminar", args=[pregunta.pk])
        respuesta = cliente.post(url)
        assert "¿Eliminar esta pregunta?" in respuesta.text
        assert Pregunta.objects.filter(pk=pregunta.pk).exists()
        respuesta = cliente.post(url, {"confirmar": "si"})
        assert respuesta.status_code == 302
        assert not Pregunta.objects.filter(pk=pregunta.pk).exists()
        assert not Opcion.objects.filter(pregunta_id=pregunta.pk).exists()

    def test_no_elimina_una_pregunta_que_usan_otras_condiciones(self, cliente, version):
        Pregunta.objects.filter(codigo="personal").update(
            condicion={
                "union": "y",
                "reglas": [{"pregunta": "tiene_uig", "operador": "igual", "valor": "si"}],
            }
        )
        pregunta = Pregunta.objects.get(codigo="tiene_uig")
        respuesta = cliente.post(
            reverse("diagnosticos:pregunta_eliminar", args=[pregunta.pk]), {"confirmar": "si"},
            follow=True,
        )  # fmt: skip
        assert "la condición de personal la usa" in _mensajes(respuesta)[0]
        assert Pregunta.objects.filter(pk=pregunta.pk).exists()

    def test_mover(self, cliente, version):
        personal = Pregunta.objects.get(codigo="personal")
        url = reverse("diagnosticos:pregunta_mover", args=[personal.pk])
        cliente.post(url, {"direccion": "arriba"})
        datos = _seccion(version, "datos")
        assert list(datos.preguntas.order_by("orden").values_list("codigo", flat=True)) == [
            "personal", "tiene_uig"]  # fmt: skip
        respuesta = cliente.post(url, {"direccion": "arriba"}, follow=True)
        assert "no se puede mover más" in _mensajes(respuesta)[0]

    def test_eliminar_y_mover_en_uso_no_cambian_nada(self, cliente, version):
        AplicacionFactory(version=version)
        pregunta = Pregunta.objects.get(codigo="personal")
        for nombre, datos in (("pregunta_eliminar", {"confirmar": "si"}),
                              ("pregunta_mover", {"direccion": "arriba"})):  # fmt: skip
            respuesta = cliente.post(
                reverse(f"diagnosticos:{nombre}", args=[pregunta.pk]), datos, follow=True
            )
            assert "ya se usó en una ronda" in _mensajes(respuesta)[0]
        pregunta.refresh_from_db()
        assert pregunta.orden == 2
