"""Versiones del cuestionario desde y hacia XLSForm (el formato de KoboToolbox y ODK).

Un XLSForm es un libro XLSX con las hojas `survey` (una fila por pregunta o grupo), `choices`
(las opciones de cada lista) y, opcional, `settings`. Se importa en tres pasos, como el catálogo
de instituciones:

1. `leer(archivo)` valida el archivo por su contenido (tamaño, que sea de verdad un zip de
   OOXML, zip bomb, número de filas) y lee las hojas como texto; las celdas con fórmula quedan
   como errores de su fila.
2. `analizar(libro)` convierte las filas en secciones, preguntas y opciones del portal sin
   escribir nada, o enumera, fila por fila y en español, todo lo que el portal no puede
   representar.
3. `crear_version(cuestionario, importacion)` crea la versión siguiente en una transacción:
   todo o nada.

Correspondencia con el modelo:

- begin_group / end_group → Seccion (name → código, label → título, hint → descripción); cada
  tramo de preguntas fuera de grupo va a una sección «general» (después «general_2»…), en su
  lugar, para no cambiar el orden. Al exportar, toda sección es un grupo. No hay grupos anidados ni
  condiciones de grupo: el portal no los tiene.
- integer, decimal, text, date, note, select_one, select_multiple → entero, decimal, texto,
  fecha, nota, opción única, opción múltiple. Los tipos propios del portal: sí / parcial / no /
  no aplica es un select_one de una lista con exactamente si, parcial, no, na; la escala de
  acuerdo, un select_one de una lista 1..5; el porcentaje, un decimal con el constraint
  `. >= 0 and . <= 100`.
- Columnas propias con prefijo `uig_` guardan lo que XLSForm no tiene: uig_tipo (el tipo del
  portal cuando el de XLSForm es ambiguo), uig_peso (también en grupos), uig_regla, uig_meta,
  uig_evidencia y, en choices, uig_puntos.
- relevant y constraint: ver `diagnosticos.xlsform_expresiones`.
- Columnas que cambiarían el comportamiento y el portal no tiene (calculation, default,
  choice_filter, read_only, repeat_count, trigger) son un error si traen algo; las demás
  (appearance, constraint_message, etiquetas en otros idiomas, etc.) se ignoran y la vista
  previa lo dice. Los tipos de metadatos de Kobo (start, end, today, deviceid…) se ignoran.

La exportación (`exportar`) escribe el mismo formato con `uig_portal.lib.hojas.libro_xlsx`, que
antepone un apóstrofo a los textos que Excel tomaría por fórmula; las expresiones generadas
empiezan siempre con «$», «(», «selected» o «.», nunca con = + - @, así que no cambian. Al
importar, ese apóstrofo se quita: exportar e importar de nuevo da la misma versión.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from diagnosticos import condiciones
from diagnosticos.diseno import errores_de_configuracion
from diagnosticos.models import Cuestionario, Opcion, Pregunta, Seccion, Version
from diagnosticos.xlsform_expresiones import (  # noqa: F401  (exportar es parte de la interfaz)
    PORCENTAJE,
    TIPOS_SIMPLES,
    VALORES_ESCALA,
    VALORES_SI_NO,
    ErrorDeExpresion,
    analizar_constraint,
    analizar_relevant,
    exportar,
)
from uig_portal.lib.hojas import INICIOS_PELIGROSOS, leer_xlsx
from uig_portal.lib.importacion import FIRMA_ZIP, no_es_xlsx, revisar_subida

Tipo = Pregunta.Tipo
TAMANO_MAXIMO = 5 * 1024 * 1024
#: Filas con datos por hoja; un cuestionario real tiene unas decenas.
FILAS_MAXIMAS = 2_000
#: Columnas que se leen: una celda suelta en la columna XFD no obliga a recorrer 16 384.
COLUMNAS_MAXIMAS = 200

#: Tipos del portal que cada tipo de XLSForm puede llevar en uig_tipo.
TIPOS_POSIBLES = {
    "integer": {Tipo.ENTERO},
    "decimal": {Tipo.DECIMAL, Tipo.PORCENTAJE},
    "text": {Tipo.TEXTO},
    "date": {Tipo.FECHA},
    "note": {Tipo.NOTA},
    "select_one": {Tipo.OPCION_UNICA, Tipo.SI_NO, Tipo.ESCALA},
    "select_multiple": {Tipo.OPCION_MULTIPLE},
}
INICIO_GRUPO = {"begin_group", "begin group"}
FIN_GRUPO = {"end_group", "end group"}
#: Metadatos que Kobo agrega solo; no son preguntas y el portal ya sabe quién y cuándo.
METADATOS = {
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber",
    "username", "email", "audit", "start-geopoint", "background-audio",
}  # fmt: skip
#: Columnas que cambian cómo se comporta el formulario y que el portal no tiene.
NO_SOPORTADAS = {"calculation", "default", "choice_filter", "read_only", "repeat_count", "trigger"}
COLUMNAS_SURVEY = {
    "type", "name", "required", "relevant", "constraint",
    "uig_tipo", "uig_peso", "uig_regla", "uig_meta", "uig_evidencia",
}  # fmt: skip
COLUMNAS_CHOICES = {"list_name", "name", "uig_puntos"}
VERDADEROS = {"yes", "true", "true()", "1", "si", "sí", "s", "y"}
FALSOS = {"", "no", "false", "false()", "0", "n"}

#: Campo del modelo → columna del XLSForm, para ubicar los errores de validación.
COLUMNA_DE_CAMPO = {
    "codigo": "name",
    "titulo": "label",
    "texto": "label",
    "etiqueta": "label",
    "valor": "name",
    "ayuda": "hint",
    "descripcion": "hint",
    "tipo": "type",
    "peso": "uig_peso",
    "regla": "uig_regla",
    "meta": "uig_meta",
    "minimo": "constraint",
    "maximo": "constraint",
    "puntos": "uig_puntos",
    "condicion": "relevant",
}


def _corto(texto, largo=40):
    texto = str(texto)
    return texto if len(texto) <= largo else texto[: largo - 1] + "…"


# --- 1. Leer el archivo ----------------------------------------------------------------------


@dataclass
class Fila:
    hoja: str
    numero: int
    valores: dict

    def __getitem__(self, columna):
        return self.valores.get(columna, "")


@dataclass
class Hoja:
    nombre: str
    columnas: list
    filas: list
    #: Columna que se usa como etiqueta («label» o la primera «label::idioma») y como ayuda.
    label: str | None = None
    hint: str | None = None
    #: Encabezado en minúsculas → como viene escrito, para los mensajes.
    originales: dict = field(default_factory=dict)


@dataclass
class Libro:
    nombre: str
    hojas: dict
    errores: list = field(default_factory=list)
    titulo: str = ""


def leer(archivo):
    """El `Libro` con las hojas del XLSForm como texto, o ValidationError si el archivo no sirve."""
    nombre, inicio, ajeno = revisar_subida(archivo, TAMANO_MAXIMO)
    if not inicio.startswith(FIRMA_ZIP):
        raise no_es_xlsx(nombre, ajeno)
    return leer_xlsx(archivo, nombre, lambda libro: _leer_libro(libro, nombre))


def _leer_libro(libro, nombre):
    por_nombre = {hoja.title.strip().lower(): hoja for hoja in libro.worksheets}
    if "survey" not in por_nombre:
        raise ValidationError(
            _(
                "El libro «%(nombre)s» no tiene la hoja «survey»: un XLSForm lleva las preguntas "
                "en una hoja con ese nombre (y las opciones en «choices»)."
            )
            % {"nombre": nombre},
            "sin_survey",
        )
    resultado = Libro(nombre=nombre, hojas={})
    for titulo in ("survey", "choices", "settings"):
        if titulo in por_nombre:
            resultado.hojas[titulo] = _leer_hoja(por_nombre[titulo], titulo, resultado.errores)
    ajustes = resultado.hojas.get("settings")
    if ajustes and ajustes.filas:
        resultado.titulo = ajustes.filas[0]["form_title"]
    return resultado


def _leer_hoja(hoja, titulo, errores):
    """Encabezados en minúsculas y filas con datos como {columna: texto}."""
    hoja.reset_dimensions()  # algunos programas escriben mal las dimensiones
    encabezados, filas, originales = None, [], {}
    filas_de_la_hoja = hoja.iter_rows(max_col=COLUMNAS_MAXIMAS, values_only=True)
    for numero, celdas in enumerate(filas_de_la_hoja, start=1):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in celdas):
            continue
        if encabezados is None:
            encabezados = [str(c).strip().lower() if c is not None else "" for c in celdas]
            originales = {c.strip().lower(): c.strip() for c in celdas if isinstance(c, str)}
            continue
        if len(filas) >= FILAS_MAXIMAS:
            raise ValidationError(
                _("La hoja «%(hoja)s» tiene más de %(n)s filas con datos; el máximo es %(n)s.")
                % {"hoja": titulo, "n": f"{FILAS_MAXIMAS:,}"},
                "demasiadas_filas",
            )
        valores = {}
        for columna, celda in zip(encabezados, celdas, strict=False):
            if not columna or columna in valores:
                continue
            try:
                valores[columna] = _texto(celda)
            except ValueError as error:
                errores.append(_ubicar(titulo, numero, originales.get(columna), str(error)))
                valores[columna] = ""
        filas.append(Fila(titulo, numero, valores))
    columnas = [c for c in encabezados or [] if c]
    return Hoja(
        nombre=titulo,
        columnas=columnas,
        filas=filas,
        label=next((c for c in columnas if c == "label" or c.startswith("label::")), None),
        hint=next((c for c in columnas if c == "hint" or c.startswith("hint::")), None),
        originales=originales,
    )


def _texto(valor):
    """El texto de una celda, o ValueError si es una fórmula (se leería la fórmula, no su valor).

    A diferencia del catálogo, conserva los saltos de línea: una ayuda puede tener varios
    renglones. Un texto escapado por la exportación («'=…») vuelve sin el apóstrofo.
    """
    if valor is None:
        return ""
    if isinstance(valor, (ArrayFormula, DataTableFormula)):
        raise ValueError(_("la celda tiene una fórmula; escriba el valor."))
    if isinstance(valor, bool):
        return "yes" if valor else "no"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime):
        valor = valor.date()
    if isinstance(valor, date):
        return valor.isoformat()
    texto = str(valor).replace("\r\n", "\n").strip()
    if texto.startswith("="):
        raise ValueError(
            _("la celda tiene una fórmula («%(f)s»); escriba el valor.") % {"f": _corto(texto)}
        )
    if texto.startswith("'") and texto[1:].startswith(INICIOS_PELIGROSOS):
        texto = texto[1:]
    return texto


def _ubicar(hoja, fila, columna, mensaje):
    """«Hoja survey, fila 7, columna relevant: …» (sin columna si el problema es de la fila)."""
    datos = {"hoja": hoja, "fila": fila, "columna": columna, "mensaje": mensaje}
    if columna:
        return _("Hoja %(hoja)s, fila %(fila)s, columna %(columna)s: %(mensaje)s") % datos
    return _("Hoja %(hoja)s, fila %(fila)s: %(mensaje)s") % datos


# --- 2. Analizar ------------------------------------------------------------------------------


@dataclass
class PreguntaNueva:
    fila: int
    datos: dict
    opciones: list = field(default_factory=list)

    @property
    def codigo(self):
        return self.datos["codigo"]

    @property
    def tipo_legible(self):
        return Tipo(self.datos["tipo"]).label

    @property
    def regla_legible(self):
        return Pregunta.Regla(self.datos["regla"]).label if self.datos["regla"] else ""

    @property
    def condicion_legible(self):
        return condiciones.describir(self.datos["condicion"], {})


@dataclass
class SeccionNueva:
    fila: int
    datos: dict
    preguntas: list = field(default_factory=list)


@dataclass
class Importacion:
    libro: Libro
    secciones: list = field(default_factory=list)
    errores: list = field(default_factory=list)
    avisos: list = field(default_factory=list)

    @property
    def preguntas(self):
        return [p for s in self.secciones for p in s.preguntas]


class _Previa:
    """Lo que `condiciones.errores` necesita de una pregunta que aún no existe en la base."""

    Tipo = Tipo

    def __init__(self, nueva):
        self.codigo = nueva.datos["codigo"]
        self.tipo = nueva.datos["tipo"]
        self._opciones = [Opcion(valor=o["valor"], etiqueta=o["etiqueta"]) for o in nueva.opciones]

    @property
    def tiene_opciones(self):
        return self.tipo in (Tipo.OPCION_UNICA, Tipo.OPCION_MULTIPLE)

    @property
    def opciones(self):
        return self

    def all(self):
        return self._opciones


class _Analisis:
    def __init__(self, libro):
        self.resultado = Importacion(libro=libro, errores=list(libro.errores))
        self.survey = libro.hojas["survey"]
        self.choices = libro.hojas.get("choices")
        self.listas = self._listas()
        self.listas_revisadas = set()
        self._opciones_validadas = set()
        self.campos_con_error = []
        self.codigos_pregunta = {}
        self.codigos_seccion = {}

    def error(self, fila, columna, mensaje):
        hoja = self.resultado.libro.hojas[fila.hoja]
        columna = hoja.originales.get(columna, columna)
        self.resultado.errores.append(_ubicar(fila.hoja, fila.numero, columna, mensaje))

    # Opciones

    def _listas(self):
        listas = {}
        if self.choices is None:
            return listas
        for fila in self.choices.filas:
            nombre = fila["list_name"]
            if not nombre:
                self.error(fila, "list_name", _("falta el nombre de la lista."))
                continue
            listas.setdefault(nombre, []).append(fila)
        return listas

    def _opciones(self, nombre):
        """[{valor, etiqueta, puntos}] de una lista, revisada una sola vez aunque se repita."""
        revisar = nombre not in self.listas_revisadas
        self.listas_revisadas.add(nombre)
        opciones, vistos = [], {}
        for fila in self.listas[nombre]:
            valor = fila["name"]
            etiqueta = fila[self.choices.label] if self.choices.label else ""
            puntos = self.decimal(fila, "uig_puntos", revisar)
            if revisar and valor in vistos:
                self.error(
                    fila,
                    "name",
                    _("la opción «%(v)s» ya está en la lista «%(l)s» (fila %(f)s).")
                    % {"v": valor, "l": nombre, "f": vistos[valor]},
                )
            vistos.setdefault(valor, fila.numero)
            opciones.append({"valor": valor, "etiqueta": etiqueta, "puntos": puntos, "fila": fila})
        return opciones

    def _revisar_opciones(self, nombre, opciones):
        if nombre in self._opciones_validadas:
            return
        self._opciones_validadas.add(nombre)
        for orden, opcion in enumerate(opciones):
            modelo = Opcion(
                orden=orden,
                valor=opcion["valor"],
                etiqueta=opcion["etiqueta"],
                puntos=opcion["puntos"],
            )
            self.validar(opcion["fila"], modelo, ["pregunta"])

    # Valores de celdas

    def decimal(self, fila, columna, informar=True):
        texto = fila[columna].replace(",", ".") if fila[columna] else ""
        if not texto:
            return None
        try:
            numero = Decimal(texto)
        except InvalidOperation:
            numero = None
        if numero is None or not numero.is_finite():
            if informar:
                self.error(fila, columna, _("«%(v)s» no es un número.") % {"v": _corto(texto)})
            return None
        return numero

    def booleano(self, fila, columna):
        texto = fila[columna].strip().lower()
        if texto in VERDADEROS:
            return True
        if texto not in FALSOS:
            self.error(
                fila, columna, _("«%(v)s» no se entiende; use yes o no.") % {"v": _corto(texto)}
            )
        return False

    def validar(self, fila, modelo, excluir):
        self.campos_con_error = []
        try:
            modelo.full_clean(exclude=excluir, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            self.campos_con_error = list(error.message_dict)
            for campo, mensajes in error.message_dict.items():
                for mensaje in mensajes:
                    self.error(fila, COLUMNA_DE_CAMPO.get(campo, campo), mensaje)

    # Survey

    def analizar(self):
        resultado = self.resultado
        self._columnas()
        grupo = suelta = None
        for fila in self.survey.filas:
            tipo = " ".join(fila["type"].lower().split())
            if not tipo:
                if any(v for v in fila.valores.values()):
                    self.error(fila, "type", _("falta el tipo."))
                continue
            if tipo in INICIO_GRUPO:
                if grupo is not None:
                    self.error(
                        fila,
                        "type",
                        _(
                            "hay un grupo dentro del grupo «%(g)s» (fila %(f)s); el portal no "
                            "tiene grupos anidados: cierre el primero con end_group."
                        )
                        % {"g": grupo.datos["codigo"], "f": grupo.fila},
                    )
                grupo, suelta = self._seccion(fila), None
                resultado.secciones.append(grupo)
            elif tipo in FIN_GRUPO:
                if grupo is None:
                    self.error(fila, "type", _("end_group sin un begin_group antes."))
                grupo = suelta = None
            elif tipo in METADATOS:
                resultado.avisos.append(
                    _("Fila %(f)s: se ignora «%(t)s», un dato automático de Kobo/ODK.")
                    % {"f": fila.numero, "t": tipo}
                )
            else:
                pregunta = self._pregunta(fila, tipo)
                if pregunta is None:
                    continue
                if grupo is None and suelta is None:
                    suelta = self._seccion_general(fila)
                    resultado.secciones.append(suelta)
                (grupo or suelta).preguntas.append(pregunta)
        if grupo is not None:
            resultado.errores.append(
                _("Hoja survey, fila %(f)s: el grupo «%(g)s» no se cierra con end_group.")
                % {"f": grupo.fila, "g": grupo.datos["codigo"]}
            )
        self._condiciones()
        if not resultado.errores and not resultado.preguntas:
            resultado.errores.append(_("La hoja survey no tiene ninguna pregunta."))
        return resultado

    def _seccion_general(self, fila):
        """Sección para preguntas fuera de grupo: «general», «general_2»… en su lugar, para que
        el orden (y con él las condiciones) sea el del archivo."""
        grupos = {
            f["name"]
            for f in self.survey.filas
            if " ".join(f["type"].lower().split()) in INICIO_GRUPO
        }
        numero = 1
        while True:
            codigo = "general" if numero == 1 else f"general_{numero}"
            if codigo not in grupos and codigo not in self.codigos_seccion:
                break
            numero += 1
        self.codigos_seccion[codigo] = fila.numero
        titulo = _("General") if numero == 1 else _("General (%(n)s)") % {"n": numero}
        datos = {"codigo": codigo, "titulo": titulo, "descripcion": "", "peso": Decimal("1")}
        return SeccionNueva(fila.numero, datos)

    def _columnas(self):
        sabidas = COLUMNAS_SURVEY | {self.survey.label, self.survey.hint}
        ignoradas = [c for c in self.survey.columnas if c not in sabidas]
        if self.choices is not None:
            sabidas_choices = COLUMNAS_CHOICES | {self.choices.label}
            ignoradas += [c for c in self.choices.columnas if c not in sabidas_choices]
        for fila in self.survey.filas:
            for columna in NO_SOPORTADAS:
                if fila[columna]:
                    self.error(
                        fila,
                        columna,
                        _("el portal no tiene «%(c)s»; deje la columna vacía.") % {"c": columna},
                    )
        ignoradas = [c for c in dict.fromkeys(ignoradas) if c not in NO_SOPORTADAS]
        if ignoradas:
            self.resultado.avisos.append(
                _("Se ignoran las columnas: %(c)s.") % {"c": ", ".join(ignoradas)}
            )

    def _codigo_de_seccion(self, fila, codigo):
        if codigo in self.codigos_seccion:
            self.error(
                fila,
                "name",
                _("el código de sección «%(c)s» ya se usó en la fila %(f)s.")
                % {"c": codigo, "f": self.codigos_seccion[codigo]},
            )
        self.codigos_seccion.setdefault(codigo, fila.numero)

    def _seccion(self, fila):
        datos = {
            "codigo": fila["name"],
            "titulo": fila[self.survey.label] if self.survey.label else "",
            "descripcion": fila[self.survey.hint] if self.survey.hint else "",
            "peso": self.decimal(fila, "uig_peso"),
        }
        if datos["peso"] is None:
            datos["peso"] = Decimal("1")
        if fila["relevant"]:
            self.error(
                fila,
                "relevant",
                _("el portal no tiene condiciones de sección; póngala en cada pregunta."),
            )
        self.validar(fila, Seccion(**datos), ["version"])
        if datos["codigo"]:
            self._codigo_de_seccion(fila, datos["codigo"])
        return SeccionNueva(fila.numero, datos)

    def _pregunta(self, fila, tipo_xlsform):
        partes = tipo_xlsform.split(" ")
        base = partes[0]
        if base not in TIPOS_POSIBLES or len(partes) > (2 if base.startswith("select_") else 1):
            self.error(
                fila,
                None,
                _("el tipo «%(t)s» no está soportado por el portal.") % {"t": tipo_xlsform},
            )
            return None
        lista = partes[1] if len(partes) == 2 else None
        if base.startswith("select_") and lista is None:
            self.error(fila, "type", _("falta el nombre de la lista: «%(t)s lista».") % {"t": base})
            return None
        if lista is not None and lista not in self.listas:
            self.error(
                fila,
                "type",
                _("la lista «%(l)s» no existe en la hoja choices.") % {"l": lista},
            )
            return None
        opciones = self._opciones(lista) if lista else []
        minimo = maximo = None
        try:
            condicion = analizar_relevant(fila["relevant"])
        except ErrorDeExpresion as error:
            self.error(fila, "relevant", str(error))
            condicion = {}
        if fila["constraint"]:
            if base not in ("integer", "decimal"):
                self.error(fila, "constraint", _("solo las preguntas numéricas llevan límites."))
            else:
                try:
                    minimo, maximo = analizar_constraint(fila["constraint"])
                except ErrorDeExpresion as error:
                    self.error(fila, "constraint", str(error))
        tipo = self._tipo(fila, base, opciones, (minimo, maximo))
        if tipo is None:
            return None
        if tipo == Tipo.PORCENTAJE:
            # 0 y 100 son los límites de todo porcentaje: no se guardan como mínimo y máximo.
            minimo = None if minimo == PORCENTAJE[0] else minimo
            maximo = None if maximo == PORCENTAJE[1] else maximo
        datos = {
            "codigo": fila["name"],
            "texto": fila[self.survey.label] if self.survey.label else "",
            "ayuda": fila[self.survey.hint] if self.survey.hint else "",
            "tipo": tipo,
            # En una nota no tiene efecto (no se responde), pero se conserva para la vuelta.
            "obligatoria": self.booleano(fila, "required"),
            "condicion": condicion,
            "minimo": minimo,
            "maximo": maximo,
            "peso": self.decimal(fila, "uig_peso"),
            "regla": fila["uig_regla"].strip().lower(),
            "meta": self.decimal(fila, "uig_meta"),
            "admite_evidencia": self.booleano(fila, "uig_evidencia"),
        }
        if datos["peso"] is None:
            datos["peso"] = Decimal("1")
        modelo = Pregunta(**datos)
        self.validar(fila, modelo, ["seccion", "orden"])
        if not {"regla", "meta"} & set(self.campos_con_error):
            # Las mismas reglas que el diseño en el portal (regla de puntos, meta, límites).
            for campo, mensaje in errores_de_configuracion(modelo):
                self.error(fila, COLUMNA_DE_CAMPO.get(campo, campo), mensaje)
        if tipo in (Tipo.OPCION_UNICA, Tipo.OPCION_MULTIPLE):
            self._revisar_opciones(lista, opciones)
        else:
            opciones = []
        codigo = datos["codigo"]
        if codigo in self.codigos_pregunta:
            self.error(
                fila,
                "name",
                _("el código «%(c)s» ya se usó en la fila %(f)s.")
                % {"c": codigo, "f": self.codigos_pregunta[codigo]},
            )
        self.codigos_pregunta.setdefault(codigo, fila.numero)
        return PreguntaNueva(
            fila.numero,
            datos,
            [{k: o[k] for k in ("valor", "etiqueta", "puntos")} for o in opciones],
        )

    def _tipo(self, fila, base, opciones, limites):
        """El tipo del portal según el de XLSForm, su lista, sus límites y uig_tipo."""
        pedido = fila["uig_tipo"].strip().lower()
        valores = sorted(o["valor"] for o in opciones)
        if pedido:
            if pedido not in Tipo.values or pedido not in TIPOS_POSIBLES[base]:
                posibles = ", ".join(sorted(TIPOS_POSIBLES[base]))
                self.error(
                    fila,
                    "uig_tipo",
                    _("«%(p)s» no va con el tipo %(b)s; use %(posibles)s.")
                    % {"p": pedido, "b": base, "posibles": posibles},
                )
                return None
            esperados = {Tipo.SI_NO: VALORES_SI_NO, Tipo.ESCALA: VALORES_ESCALA}.get(pedido)
            if esperados and valores != sorted(esperados):
                self.error(
                    fila,
                    "type",
                    _("para «%(p)s» la lista debe tener exactamente los valores %(v)s.")
                    % {"p": pedido, "v": ", ".join(esperados)},
                )
                return None
            return pedido
        if base in TIPOS_SIMPLES:
            if base == "decimal" and limites == PORCENTAJE:
                return Tipo.PORCENTAJE
            return TIPOS_SIMPLES[base]
        if base == "select_multiple":
            return Tipo.OPCION_MULTIPLE
        if valores == sorted(VALORES_SI_NO):
            return Tipo.SI_NO
        if valores == VALORES_ESCALA:
            return Tipo.ESCALA
        return Tipo.OPCION_UNICA

    def _condiciones(self):
        """Cada relevant solo mira preguntas anteriores, con valores que existen."""
        anteriores = {}
        for pregunta in self.resultado.preguntas:
            condicion = pregunta.datos["condicion"]
            for regla in condicion.get("reglas", []):
                previa = anteriores.get(regla["pregunta"])
                # selected() en una opción única es «igual»: solo hay un valor elegido.
                if (
                    regla["operador"] == "contiene"
                    and previa
                    and previa.tipo != Tipo.OPCION_MULTIPLE
                ):
                    regla["operador"] = "igual"
            for mensaje in condiciones.errores(condicion, anteriores):
                self.resultado.errores.append(_ubicar("survey", pregunta.fila, "relevant", mensaje))
            anteriores[pregunta.codigo] = _Previa(pregunta)


def analizar(libro):
    """La `Importacion` de un libro: lo que se creará, o la lista completa de errores."""
    return _Analisis(libro).analizar()


# --- 3. Crear la versión -----------------------------------------------------------------


def crear_version(cuestionario, importacion, notas=""):
    """Crea la versión siguiente del cuestionario con todo lo importado, en una transacción."""
    if importacion.errores:
        raise ValueError("La importación tiene errores.")
    with transaction.atomic():
        # Bloquear el cuestionario serializa dos importaciones simultáneas del mismo número.
        Cuestionario.objects.select_for_update().get(pk=cuestionario.pk)
        ultimo = cuestionario.versiones.aggregate(n=Max("numero"))["n"] or 0
        version = Version.objects.create(cuestionario=cuestionario, numero=ultimo + 1, notas=notas)
        opciones = []
        for orden_seccion, nueva in enumerate(importacion.secciones):
            seccion = Seccion.objects.create(version=version, orden=orden_seccion, **nueva.datos)
            for orden, pregunta_nueva in enumerate(nueva.preguntas):
                pregunta = Pregunta.objects.create(
                    seccion=seccion, orden=orden, **pregunta_nueva.datos
                )
                opciones.extend(
                    Opcion(pregunta=pregunta, orden=n, **datos)
                    for n, datos in enumerate(pregunta_nueva.opciones)
                )
        Opcion.objects.bulk_create(opciones)
    return version
