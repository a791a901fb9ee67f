"""Los módulos de cálculo: valores, condiciones, puntos, índices y la Estructura de una versión."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from diagnosticos import condiciones, puntaje
from diagnosticos import valores as V
from diagnosticos.estructura import Estructura
from diagnosticos.models import Cuestionario, Nivel, Pregunta
from tests.factories import (
    OpcionFactory,
    PreguntaFactory,
    RespuestaFactory,
    SeccionFactory,
    ValorFactory,
    VersionFactory,
)

Tipo = Pregunta.Tipo
Regla = Pregunta.Regla
D = Decimal


def pregunta(tipo=Tipo.SI_NO, **campos):
    """Una pregunta sin guardar (para lo que no necesita la base)."""
    campos.setdefault("codigo", "p")
    campos.setdefault("peso", D("1"))
    return Pregunta(tipo=tipo, **campos)


# --- valores.normalizar ---------------------------------------------------------------------


class TestNormalizar:
    def test_vacio_es_none(self):
        assert V.normalizar(pregunta(Tipo.TEXTO), "   ") is None
        assert V.normalizar(pregunta(Tipo.ENTERO), None) is None

    def test_si_no_y_escala(self):
        assert V.normalizar(pregunta(Tipo.SI_NO), " parcial ") == "parcial"
        assert V.normalizar(pregunta(Tipo.ESCALA), "4") == "4"
        with pytest.raises(ValidationError, match="Elija una de las opciones"):
            V.normalizar(pregunta(Tipo.SI_NO), "quizá")
        with pytest.raises(ValidationError):
            V.normalizar(pregunta(Tipo.ESCALA), "6")

    def test_entero(self):
        p = pregunta(Tipo.ENTERO)
        assert V.normalizar(p, "25") == "25"
        assert V.normalizar(p, "1 200") == "1200"
        with pytest.raises(ValidationError, match="número entero"):
            V.normalizar(p, "doce")
        with pytest.raises(ValidationError, match="sin decimales"):
            V.normalizar(p, "2.5")
        with pytest.raises(ValidationError, match="menor que 0"):
            V.normalizar(p, "-3")

    def test_decimal_con_coma_y_limites(self):
        p = pregunta(Tipo.DECIMAL, minimo=D("1"), maximo=D("10"))
        assert V.normalizar(p, "2,5") == "2.5"
        assert V.normalizar(p, "10.00") == "10"
        with pytest.raises(ValidationError, match="mayor que 10"):
            V.normalizar(p, "10.5")
        with pytest.raises(ValidationError, match="menor que 1"):
            V.normalizar(p, "0.5")
        with pytest.raises(ValidationError, match="Escriba un número"):
            V.normalizar(p, "NaN")

    def test_comas_de_miles(self):
        # En México la coma separa los miles: «1,200» son mil doscientas personas, no 1.2.
        assert V.normalizar(pregunta(Tipo.ENTERO), "1,200") == "1200"
        assert V.normalizar(pregunta(Tipo.DECIMAL), "12,345,678.5") == "12345678.5"
        # Una sola coma sin grupo de tres cifras sigue siendo coma decimal.
        assert V.normalizar(pregunta(Tipo.DECIMAL), "3,75") == "3.75"

    def test_porcentaje(self):
        p = pregunta(Tipo.PORCENTAJE)
        assert V.normalizar(p, "45 %") == "45"
        assert V.normalizar(p, "100") == "100"
        with pytest.raises(ValidationError, match="entre 0 y 100"):
            V.normalizar(p, "101")

    def test_fecha(self):
        p = pregunta(Tipo.FECHA)
        assert V.normalizar(p, "15/03/2026") == "2026-03-15"
        assert V.normalizar(p, "2026-03-15") == "2026-03-15"
        with pytest.raises(ValidationError, match="fecha válida"):
            V.normalizar(p, "31/02/2026")
        with pytest.raises(ValidationError):
            V.normalizar(p, "01/01/1800")

    def test_texto_largo(self):
        p = pregunta(Tipo.TEXTO)
        assert V.normalizar(p, "  Falta presupuesto  ") == "Falta presupuesto"
        with pytest.raises(ValidationError, match="máximo"):
            V.normalizar(p, "x" * (V.LARGO_MAXIMO_TEXTO + 1))

    def test_nota_no_guarda(self):
        assert V.normalizar(pregunta(Tipo.NOTA), "algo") is None

    @pytest.mark.django_db
    def test_opciones(self):
        unica = PreguntaFactory(tipo=Tipo.OPCION_UNICA)
        OpcionFactory(pregunta=unica, valor="a", orden=1)
        OpcionFactory(pregunta=unica, valor="b", orden=2)
        assert V.normalizar(unica, "b") == "b"
        assert V.normalizar(unica, ["a", "b"]) == "b"  # de una lista, la última
        with pytest.raises(ValidationError):
            V.normalizar(unica, "z")
        multiple = PreguntaFactory(tipo=Tipo.OPCION_MULTIPLE)
        for orden, valor in enumerate(["x", "y", "z"]):
            OpcionFactory(pregunta=multiple, valor=valor, orden=orden)
        # En el orden de la lista y sin repetidos.
        assert V.normalizar(multiple, ["z", "x", "z"]) == ["x", "z"]
        assert V.normalizar(multiple, "y") == ["y"]
        assert V.normalizar(multiple, []) is None
        with pytest.raises(ValidationError, match="Elija solo opciones"):
            V.normalizar(multiple, ["x", "w"])


class TestMostrar:
    def test_por_tipo(self):
        assert V.mostrar(pregunta(Tipo.SI_NO), "na") == "No aplica"
        assert V.mostrar(pregunta(Tipo.ESCALA), "5") == "Totalmente de acuerdo"
        assert V.mostrar(pregunta(Tipo.PORCENTAJE), "37.5") == "37.5 %"
        assert V.mostrar(pregunta(Tipo.FECHA), "2026-03-15") == "15/03/2026"
        assert V.mostrar(pregunta(Tipo.ENTERO), "12") == "12"
        assert V.mostrar(pregunta(Tipo.TEXTO), None) == ""
        assert V.mostrar(pregunta(Tipo.TEXTO), "") == ""

    @pytest.mark.django_db
    def test_multiple(self):
        multiple = PreguntaFactory(tipo=Tipo.OPCION_MULTIPLE)
        OpcionFactory(pregunta=multiple, valor="x", etiqueta="Equis", orden=1)
        OpcionFactory(pregunta=multiple, valor="y", etiqueta="Ye", orden=2)
        assert V.mostrar(multiple, ["x", "y"]) == "Equis; Ye"

    def test_numero(self):
        assert V.numero("10.5") == D("10.5")
        assert V.numero("si") is None
        assert V.numero(["1"]) is None
        assert V.numero(None) is None


# --- condiciones -------------------------------------------------------------------------


def regla(codigo, operador, valor):
    return {"pregunta": codigo, "operador": operador, "valor": valor}


class TestCumple:
    def test_vacia_siempre(self):
        assert condiciones.cumple({}, {})
        assert condiciones.cumple(None, {})

    def test_igual_y_distinto(self):
        c = {"reglas": [regla("a", "igual", "si")]}
        assert condiciones.cumple(c, {"a": "si"})
        assert not condiciones.cumple(c, {"a": "no"})
        assert not condiciones.cumple(c, {})  # sin respuesta no se cumple
        d = {"reglas": [regla("a", "distinto", "si")]}
        assert condiciones.cumple(d, {"a": "no"})
        assert not condiciones.cumple(d, {"a": "si"})
        assert not condiciones.cumple(d, {})  # tampoco «distinto» sin respuesta

    def test_igual_numerico(self):
        assert condiciones.cumple({"reglas": [regla("n", "igual", "10")]}, {"n": "10.0"})

    def test_una_de(self):
        c = {"reglas": [regla("a", "uno_de", ["si", "parcial"])]}
        assert condiciones.cumple(c, {"a": "parcial"})
        assert not condiciones.cumple(c, {"a": "no"})

    def test_mayor_menor(self):
        mayor = {"reglas": [regla("n", "mayor", "10")]}
        menor = {"reglas": [regla("n", "menor", 10)]}
        assert condiciones.cumple(mayor, {"n": "11"})
        assert not condiciones.cumple(mayor, {"n": "10"})
        assert condiciones.cumple(menor, {"n": "9.5"})
        assert not condiciones.cumple(menor, {"n": "10"})
        assert not condiciones.cumple(mayor, {"n": "texto"})

    def test_contiene(self):
        c = {"reglas": [regla("m", "contiene", "y")]}
        assert condiciones.cumple(c, {"m": ["x", "y"]})
        assert not condiciones.cumple(c, {"m": ["x"]})

    def test_y_o(self):
        reglas = [regla("a", "igual", "si"), regla("n", "mayor", 5)]
        y = {"union": "y", "reglas": reglas}
        o = {"union": "o", "reglas": reglas}
        assert condiciones.cumple(y, {"a": "si", "n": "6"})
        assert not condiciones.cumple(y, {"a": "si", "n": "4"})
        assert condiciones.cumple(o, {"a": "si", "n": "4"})
        assert condiciones.cumple(o, {"a": "no", "n": "6"})
        assert not condiciones.cumple(o, {"a": "no", "n": "4"})
        # Sin «union» es «y».
        assert not condiciones.cumple({"reglas": reglas}, {"a": "si", "n": "4"})


class TestVisibles:
    def test_cadena_de_escondidas(self):
        a = pregunta(codigo="a")
        b = pregunta(codigo="b", condicion={"reglas": [regla("a", "igual", "si")]})
        c = pregunta(codigo="c", condicion={"reglas": [regla("b", "igual", "si")]})
        d = pregunta(codigo="d", condicion={"reglas": [regla("b", "distinto", "si")]})
        preguntas = [a, b, c, d]
        assert condiciones.visibles(preguntas, {"a": "si", "b": "si"}) == {"a", "b", "c"}
        assert condiciones.visibles(preguntas, {"a": "si", "b": "no"}) == {"a", "b", "d"}
        # «a» cambió a «no»: «b» se esconde y su respuesta guardada ya no muestra a «c» ni a «d».
        assert condiciones.visibles(preguntas, {"a": "no", "b": "si"}) == {"a"}


class TestErrores:
    def anteriores(self):
        return {
            "a": pregunta(Tipo.SI_NO, codigo="a"),
            "n": pregunta(Tipo.ENTERO, codigo="n"),
            "t": pregunta(Tipo.TEXTO, codigo="t"),
        }

    def test_correcta(self):
        c = {
            "union": "o",
            "reglas": [regla("a", "uno_de", ["si", "parcial"]), regla("n", "mayor", 3)],
        }
        assert condiciones.errores(c, self.anteriores()) == []
        assert condiciones.errores({}, {}) == []

    def test_formato(self):
        assert condiciones.errores({"reglas": "x"}, {}) == [
            "La condición no tiene el formato esperado."
        ]
        errores = condiciones.errores({"union": "xor", "reglas": ["x"]}, {})
        assert "Las reglas se combinan con «y» o con «o»." in errores
        assert "La regla 1 no tiene el formato esperado." in errores

    def test_pregunta_y_operador(self):
        anteriores = self.anteriores()
        assert (
            "no es una pregunta anterior"
            in condiciones.errores({"reglas": [regla("zz", "igual", "si")]}, anteriores)[0]
        )
        assert (
            "operador desconocido"
            in condiciones.errores({"reglas": [regla("a", "parecido", "si")]}, anteriores)[0]
        )

    def test_valores(self):
        anteriores = self.anteriores()

        def error(r):
            return condiciones.errores({"reglas": [r]}, anteriores)

        assert "no es numérica" in error(regla("a", "mayor", 3))[0]
        assert "necesita un número" in error(regla("n", "menor", "x"))[0]
        assert (
            "solo aplica a preguntas de opción múltiple" in error(regla("a", "contiene", "si"))[0]
        )
        assert "necesita una lista" in error(regla("a", "uno_de", "si"))[0]
        assert "no tiene: tal vez" in error(regla("a", "igual", "tal vez"))[0]
        assert "necesita un valor" in error(regla("t", "igual", ""))[0]
        ambas = "'a' \"b\""
        assert "comillas simples y dobles" in error(regla("t", "igual", ambas))[0]
        assert error(regla("t", "igual", "la 'política'")) == []

    def test_describir(self):
        anteriores = self.anteriores()
        c = {"union": "y", "reglas": [regla("a", "igual", "si"), regla("n", "mayor", 10)]}
        assert condiciones.describir(c, anteriores) == (
            "Se muestra si a es igual a «Sí» y n es mayor que «10»."
        )
        assert condiciones.describir({}, anteriores) == ""


# --- puntaje.puntos ---------------------------------------------------------------------------


class TestPuntos:
    def test_si_no(self):
        p = pregunta(Tipo.SI_NO)
        assert puntaje.puntos(p, "si") == 100
        assert puntaje.puntos(p, "parcial") == 50
        assert puntaje.puntos(p, "no") == 0
        assert puntaje.puntos(p, "na") is None  # no aplica no cuenta
        assert puntaje.puntos(p, None) is None

    def test_escala(self):
        p = pregunta(Tipo.ESCALA)
        assert [puntaje.puntos(p, str(v)) for v in range(1, 6)] == [0, 25, 50, 75, 100]

    def test_peso_cero_no_da_puntos(self):
        assert puntaje.puntos(pregunta(Tipo.SI_NO, peso=D("0")), "si") is None

    def test_sin_puntos_por_tipo(self):
        assert puntaje.puntos(pregunta(Tipo.TEXTO), "texto") is None
        assert puntaje.puntos(pregunta(Tipo.FECHA), "2026-01-01") is None
        # Un número sin regla no da puntos.
        assert puntaje.puntos(pregunta(Tipo.PORCENTAJE), "50") is None

    def test_directa(self):
        p = pregunta(Tipo.PORCENTAJE, regla=Regla.DIRECTA)
        assert puntaje.puntos(p, "37.5") == D("37.5")
        assert puntaje.puntos(p, "0") == 0

    def test_paridad(self):
        p = pregunta(Tipo.PORCENTAJE, regla=Regla.PARIDAD)
        assert puntaje.puntos(p, "30") == 75
        assert puntaje.puntos(p, "40") == 100
        assert puntaje.puntos(p, "50") == 100
        assert puntaje.puntos(p, "60") == 100
        assert puntaje.puntos(p, "70") == 75
        assert puntaje.puntos(p, "0") == 0
        assert puntaje.puntos(p, "100") == 0

    def test_meta(self):
        p = pregunta(Tipo.ENTERO, regla=Regla.META, meta=D("20"))
        assert puntaje.puntos(p, "5") == 25
        assert puntaje.puntos(p, "20") == 100
        assert puntaje.puntos(p, "40") == 100  # pasar la meta no da más de 100
        sin_meta = pregunta(Tipo.ENTERO, regla=Regla.META, meta=None)
        assert puntaje.puntos(sin_meta, "5") is None

    @pytest.mark.django_db
    def test_opcion_unica(self):
        p = PreguntaFactory(tipo=Tipo.OPCION_UNICA)
        OpcionFactory(pregunta=p, valor="alta", puntos=D("100"))
        OpcionFactory(pregunta=p, valor="media", puntos=D("60"))
        OpcionFactory(pregunta=p, valor="otra", puntos=None)
        assert puntaje.puntos(p, "media") == 60
        assert puntaje.puntos(p, "otra") is None
        assert puntaje.puntos(p, "desconocida") is None

    @pytest.mark.django_db
    def test_opcion_multiple_parte_de_los_posibles(self):
        p = PreguntaFactory(tipo=Tipo.OPCION_MULTIPLE)
        OpcionFactory(pregunta=p, valor="a", puntos=D("50"))
        OpcionFactory(pregunta=p, valor="b", puntos=D("30"))
        OpcionFactory(pregunta=p, valor="c", puntos=D("20"))
        OpcionFactory(pregunta=p, valor="ninguna", puntos=None)
        assert puntaje.puntos(p, ["a", "c"]) == 70  # 70 de 100 posibles
        assert puntaje.puntos(p, ["b"]) == 30
        assert puntaje.puntos(p, ["ninguna"]) == 0
        # Un texto suelto no se compara como subcadena («a» no está en «ab»).
        OpcionFactory(pregunta=p, valor="ab", puntos=D("0"))
        assert puntaje.puntos(p, "ab") == 0
        sin_puntos = PreguntaFactory(tipo=Tipo.OPCION_MULTIPLE)
        OpcionFactory(pregunta=sin_puntos, valor="a", puntos=None)
        assert puntaje.puntos(sin_puntos, ["a"]) is None

    def test_cambio(self):
        assert puntaje.cambio(D("72.5"), "60") == D("12.50")
        assert puntaje.cambio("50", D("62.25")) == D("-12.25")
        assert puntaje.cambio(None, "50") is None
        assert puntaje.cambio("50", None) is None


# --- índices con Estructura ------------------------------------------------------------------


@pytest.fixture
def version(db):
    """Dos secciones con puntos (peso 2 y 1) y una de datos generales sin peso.

    Sección «igualdad» (peso 2): s1 sí/no peso 1, s2 sí/no peso 3, pct paridad peso 1,
    s3 sí/no visible solo si s1 = «sí», abierta de texto.
    Sección «violencia» (peso 1): e1 escala peso 1, m1 opción múltiple peso 1.
    Sección «datos» (peso 0): personal (entero, meta 10) peso 1.
    """
    version = VersionFactory(cuestionario=Cuestionario.objects.create(nombre="Cálculo"))
    igualdad = SeccionFactory(version=version, codigo="igualdad", orden=1, peso=D("2"))
    violencia = SeccionFactory(version=version, codigo="violencia", orden=2, peso=D("1"))
    datos = SeccionFactory(version=version, codigo="datos", orden=3, peso=D("0"))
    PreguntaFactory(seccion=igualdad, codigo="s1", orden=1)
    PreguntaFactory(seccion=igualdad, codigo="s2", orden=2, peso=D("3"))
    PreguntaFactory(
        seccion=igualdad, codigo="pct", orden=3, tipo=Tipo.PORCENTAJE, regla=Regla.PARIDAD
    )
    PreguntaFactory(
        seccion=igualdad,
        codigo="s3",
        orden=4,
        condicion={"reglas": [regla("s1", "igual", "si")]},
    )
    PreguntaFactory(seccion=igualdad, codigo="abierta", orden=5, tipo=Tipo.TEXTO)
    PreguntaFactory(seccion=igualdad, codigo="nota", orden=6, tipo=Tipo.NOTA, obligatoria=False)
    PreguntaFactory(seccion=violencia, codigo="e1", orden=1, tipo=Tipo.ESCALA)
    m1 = PreguntaFactory(seccion=violencia, codigo="m1", orden=2, tipo=Tipo.OPCION_MULTIPLE)
    OpcionFactory(pregunta=m1, valor="a", puntos=D("25"), orden=1)
    OpcionFactory(pregunta=m1, valor="b", puntos=D("75"), orden=2)
    PreguntaFactory(
        seccion=datos,
        codigo="personal",
        orden=1,
        tipo=Tipo.ENTERO,
        regla=Regla.META,
        meta=D("10"),
        obligatoria=False,
    )
    return version


def test_estructura_tres_consultas(version, django_assert_num_queries):
    with django_assert_num_queries(3):
        estructura = Estructura(version)
        assert [p.codigo for p in estructura.preguntas][:3] == ["s1", "s2", "pct"]
        assert estructura.por_codigo["m1"].seccion.codigo == "violencia"


def test_indices_conocidos(version):
    estructura = Estructura(version)
    valores = {
        "s1": "si",  # 100, peso 1
        "s2": "parcial",  # 50, peso 3
        "pct": "30",  # paridad: 75, peso 1
        "s3": "no",  # visible (s1 = sí): 0, peso 1
        "abierta": "Texto",  # no da puntos
        "e1": "4",  # 75
        "m1": ["b"],  # 75 de 100
        "personal": "5",  # 50, pero la sección pesa 0
    }
    general, secciones = estructura.indices(valores)
    # igualdad: (100·1 + 50·3 + 75·1 + 0·1) / 6 = 325 / 6 = 54.1666… → 54.17
    assert secciones["igualdad"] == D("54.17")
    # violencia: (75 + 75) / 2
    assert secciones["violencia"] == D("75.00")
    assert secciones["datos"] == D("50.00")
    # general: (54.17·2 + 75·1) / 3 = 183.34 / 3 = 61.1133… → 61.11 (datos pesa 0)
    assert general == D("61.11")
    assert version.cuestionario.nivel(general) == Nivel.EN_DESARROLLO


def test_indices_escondida_y_no_aplica(version):
    estructura = Estructura(version)
    valores = {
        "s1": "no",  # 0
        "s2": "na",  # no aplica: no cuenta
        "s3": "si",  # escondida (s1 = no): no cuenta aunque tenga valor guardado
        "e1": "1",  # 0
    }
    general, secciones = estructura.indices(valores)
    assert secciones["igualdad"] == D("0.00")
    assert secciones["violencia"] == D("0.00")
    assert secciones["datos"] is None  # sin respuestas con puntos
    assert general == D("0.00")


def test_indices_sin_respuestas(version):
    general, secciones = Estructura(version).indices({})
    assert general is None
    assert set(secciones.values()) == {None}


def test_avance_y_faltantes(version):
    estructura = Estructura(version)
    # Por responder: s1, s2, pct, abierta, e1, m1, personal (s3 escondida y la nota no).
    assert estructura.avance({}) == (0, 7)
    valores = {"s1": "si", "s2": "no", "pct": "45"}
    # s3 se muestra ahora: 3 de 8.
    assert estructura.avance(valores) == (3, 8)
    assert estructura.porcentaje(valores) == 38
    igualdad = estructura.seccion("igualdad")
    assert estructura.avance(valores, igualdad) == (3, 5)
    faltan = {f.pregunta.codigo: f.mensaje for f in estructura.faltantes(valores)}
    # «personal» no es obligatoria; s3 sí, y ahora es visible.
    assert faltan == {
        "s3": "Falta la respuesta.",
        "abierta": "Falta la respuesta.",
        "e1": "Falta la respuesta.",
        "m1": "Falta la respuesta.",
    }


def test_faltantes_escondida_obligatoria_no_bloquea(version):
    estructura = Estructura(version)
    valores = {
        "s1": "no",
        "s2": "si",
        "pct": "50",
        "abierta": "x",
        "e1": "3",
        "m1": ["a"],
    }
    assert estructura.faltantes(valores) == []
    valores["s1"] = "si"  # ahora s3 (obligatoria) se muestra y falta
    assert [f.pregunta.codigo for f in estructura.faltantes(valores)] == ["s3"]


def test_faltantes_valor_invalido(version):
    estructura = Estructura(version)
    valores = {"s1": "no", "s2": "si", "pct": "150", "abierta": "x", "e1": "3", "m1": ["a"]}
    faltan = estructura.faltantes(valores)
    assert [(f.pregunta.codigo, f.mensaje) for f in faltan] == [
        ("pct", "El porcentaje debe estar entre 0 y 100.")
    ]


def test_actualizar_y_valores_de(version):
    estructura = Estructura(version)
    respuesta = RespuestaFactory(aplicacion__version=version)
    ValorFactory(respuesta=respuesta, pregunta=estructura.por_codigo["s1"], valor="si")
    ValorFactory(respuesta=respuesta, pregunta=estructura.por_codigo["e1"], valor="5")
    ajena = PreguntaFactory(codigo="ajena")  # de otra versión: se ignora
    ValorFactory(respuesta=respuesta, pregunta=ajena, valor="si")
    assert estructura.valores_de(respuesta) == {"s1": "si", "e1": "5"}
    estructura.actualizar(respuesta)
    assert respuesta.indice == D("100.00")
    assert respuesta.indices == {"igualdad": "100.00", "violencia": "100.00", "datos": None}
    # Visibles por responder: s1, s2, pct, s3, abierta, e1, m1, personal → 2 de 8.
    assert respuesta.avance == 25
