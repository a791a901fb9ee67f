"""Piezas comunes de toda importación de hojas de cálculo: revisar el archivo subido por su
contenido, leer el texto de una celda sin aceptar fórmulas, comparar nombres sin acentos y
nombrar cada error con su fila y su columna.

Las usan el catálogo de instituciones, el de programas presupuestarios, las listas de asistencia
y los cuestionarios XLSForm; cada importación pone encima sus propias columnas y reglas.

Los catálogos (instituciones y programas) comparten además el recorrido completo, de abajo:
leer la hoja por sus encabezados (`Columna`, `separar_encabezado`, `leer_filas`), limpiar cada
fila (`limpiar_fila`), compararla con lo que ya existe (`FilaRevisada.comparar`, `Revision`) y
escribir por lotes con historial (`escribir`). Qué columnas hay, cómo se limpia cada valor y con
qué se identifica una fila lo dice cada catálogo en su aplicación.
"""

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from uig_portal.lib.hojas import INICIOS_PELIGROSOS, leer_xlsx, libro_ilegible

TAMANO_MAXIMO = 5 * 1024 * 1024
#: Filas por consulta en las escrituras por lote.
LOTE = 500

FIRMA_ZIP = b"PK\x03\x04"
#: Primeros bytes de archivos que alguien podría subir por error con otra extensión.
FIRMAS_AJENAS = [
    (b"MZ", gettext_lazy("un programa ejecutable")),
    (b"\x7fELF", gettext_lazy("un programa ejecutable")),
    (b"%PDF", gettext_lazy("un PDF")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("un documento de Office 97-2003 (por ejemplo, un .xls)")),
    (b"\x89PNG", gettext_lazy("una imagen PNG")),
    (b"\xff\xd8\xff", gettext_lazy("una imagen JPG")),
]


def normalizar(texto):
    """Clave para comparar sin importar mayúsculas, acentos ni espacios repetidos."""
    sin_acentos = unicodedata.normalize("NFKD", str(texto))
    sin_acentos = "".join(c for c in sin_acentos if not unicodedata.combining(c))
    return " ".join(sin_acentos.replace("_", " ").casefold().split())


def corto(valor, largo=60):
    texto = str(valor)
    return texto if len(texto) <= largo else texto[: largo - 1] + "…"


def limpiar_texto(texto):
    """Un renglón de texto sin espacios sobrantes."""
    return " ".join(str(texto).split())


def texto_de_celda(valor):
    """El texto de una celda de CSV o Excel, o ValueError si es una fórmula.

    openpyxl entrega el texto de la fórmula y no su resultado, así que se rechaza en vez de
    guardar «=BUSCARV(…)». Un valor escapado con apóstrofo por la exportación («'=…») se
    recibe sin el apóstrofo: así un archivo exportado vuelve a entrar igual.
    """
    if valor is None:
        return ""
    if isinstance(valor, (ArrayFormula, DataTableFormula)):
        raise ValueError(_("no se aceptan fórmulas; escriba el valor."))
    if isinstance(valor, bool):
        texto = "sí" if valor else "no"
    elif isinstance(valor, float) and valor.is_integer():
        texto = str(int(valor))
    elif isinstance(valor, (datetime, date)):
        texto = valor.strftime("%d/%m/%Y")
    else:
        texto = str(valor)
    texto = limpiar_texto(texto)
    if texto.startswith("="):
        raise ValueError(
            _('no se aceptan fórmulas ("%(valor)s"); escriba el valor.') % {"valor": corto(texto)}
        )
    if texto.startswith("'") and texto[1:].startswith(INICIOS_PELIGROSOS):
        texto = texto[1:]
    return texto


def revisar_subida(archivo, tamano_maximo=TAMANO_MAXIMO):
    """Primera revisión de un archivo subido, por su contenido y no por su nombre.

    Devuelve (nombre sin ruta, primeros bytes, qué parece ser si sus bytes delatan un tipo
    conocido que no es hoja de cálculo) o ValidationError si está vacío o pesa demasiado.
    """
    nombre = PurePath(archivo.name or "").name
    if not archivo.size:
        raise ValidationError(_("El archivo está vacío."), code="vacio")
    if archivo.size > tamano_maximo:
        raise ValidationError(
            _("El archivo pesa %(tamano)s y el máximo es %(maximo)s. Divídalo en varios archivos.")
            % {"tamano": filesizeformat(archivo.size), "maximo": filesizeformat(tamano_maximo)},
            code="demasiado_grande",
        )
    archivo.seek(0)
    inicio = archivo.read(8)
    archivo.seek(0)
    ajeno = next((desc for firma, desc in FIRMAS_AJENAS if inicio.startswith(firma)), None)
    return nombre, inicio, ajeno


def no_es_xlsx(nombre, ajeno):
    return ValidationError(
        _("El archivo «%(nombre)s» no es un libro de Excel (.xlsx): parece %(que)s.")
        % {"nombre": nombre, "que": ajeno or _("texto u otro tipo de archivo")},
        code="tipo_no_permitido",
    )


@dataclass
class ErrorDeFila:
    fila: int
    columna: str | None
    mensaje: str

    def __str__(self):
        if self.columna:
            return _("Fila %(fila)s, columna %(columna)s: %(mensaje)s") % {
                "fila": self.fila,
                "columna": self.columna,
                "mensaje": self.mensaje,
            }
        return _("Fila %(fila)s: %(mensaje)s") % {"fila": self.fila, "mensaje": self.mensaje}


def lista_con_y(elementos):
    """«a, b y c» (get_text_list de Django pierde el espacio tras la coma en español)."""
    elementos = [str(e) for e in elementos]
    if len(elementos) < 2:
        return "".join(elementos)
    return _("%(primeros)s y %(ultimo)s") % {
        "primeros": ", ".join(elementos[:-1]),
        "ultimo": elementos[-1],
    }


def en_blanco(valores):
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in valores)


# --- 1. Leer la hoja de un catálogo ---------------------------------------------------------


@dataclass(frozen=True)
class Columna:
    """Una columna de la hoja de un catálogo y el campo que llena.

    Sin `campo` es de solo lectura: sale en la exportación y se ignora al importar, para que
    un archivo exportado se pueda volver a subir. `alias` son otros encabezados aceptados.
    """

    nombre: str
    campo: str | None
    requerida: bool = False
    alias: tuple = ()

    @property
    def solo_lectura(self):
        return self.campo is None


def por_encabezado(columnas):
    """La Columna de cada encabezado aceptado (nombre o alias), con la clave de `normalizar`."""
    return {
        normalizar(variante): columna
        for columna in columnas
        for variante in (columna.nombre, *columna.alias)
    }


@dataclass
class FilaLeida:
    numero: int
    #: Valor de cada columna del catálogo, por su nombre; las de solo lectura no entran.
    valores: dict
    #: Letras de las columnas sin Columna (sin encabezado o ignoradas) que traen algún valor.
    sin_encabezado: list = field(default_factory=list)


@dataclass
class Hoja:
    nombre: str
    #: Nombres de las columnas del catálogo presentes en el encabezado.
    presentes: set
    #: Encabezados que se leen y se ignoran; la vista previa los nombra.
    ignoradas: list
    filas: list
    formato: str = "xlsx"
    #: Con qué codificación se leyó un CSV; vacía en un libro de Excel.
    codificacion: str = ""


def filas_de_la_primera_hoja(archivo, nombre, procesar, *, consejo, columnas_maximas=None):
    """`procesar(filas)` con (número de Excel, valores) de cada fila de la primera hoja de un
    XLSX subido, con las defensas de `leer_xlsx`; devuelve lo que devuelva `procesar`."""

    def abrir(libro):
        if not libro.worksheets:
            raise libro_ilegible(nombre)
        hoja = libro.worksheets[0]
        # Algunos programas escriben mal las dimensiones; sin ellas se leen las filas reales.
        hoja.reset_dimensions()
        filas = hoja.iter_rows(max_col=columnas_maximas, values_only=True)
        return procesar(enumerate(filas, start=1))

    return leer_xlsx(archivo, nombre, abrir, consejo=consejo)


def separar_encabezado(filas):
    """(número, valores) de la primera fila con datos, la de los encabezados.

    `filas` es un iterador de (número, valores): queda en la fila siguiente, para que
    `leer_filas` siga desde ahí.
    """
    for numero, valores in filas:
        if not en_blanco(valores):
            return numero, valores
    raise ValidationError(_("El archivo no tiene datos."), code="sin_datos")


def leer_filas(filas, columnas, numero_encabezado, *, filas_maximas, descartar_sin_datos=False):
    """Las `FilaLeida` debajo del encabezado, o ValidationError si son demasiadas o ninguna.

    `columnas` da la Columna de cada posición del encabezado (None donde no hay). Las filas en
    blanco se saltan sin cambiar la numeración, que es la de Excel; con `descartar_sin_datos`
    también las que solo traen valores en columnas que se ignoran.
    """
    leidas = []
    for numero, valores in filas:
        if en_blanco(valores):
            continue
        if len(leidas) == filas_maximas:
            raise ValidationError(
                _(
                    "El archivo tiene más de %(maximo)s filas con datos. Divídalo en varios "
                    "archivos de hasta %(maximo)s filas."
                )
                % {"maximo": f"{filas_maximas:,}"},
                code="demasiadas_filas",
            )
        fila = FilaLeida(numero=numero, valores={})
        for posicion, valor in enumerate(valores):
            columna = columnas[posicion] if posicion < len(columnas) else None
            if columna is not None:
                if not columna.solo_lectura:
                    fila.valores[columna.nombre] = valor
            elif not en_blanco([valor]):
                fila.sin_encabezado.append(get_column_letter(posicion + 1))
        if not (descartar_sin_datos and en_blanco(fila.valores.values())):
            leidas.append(fila)
    if not leidas:
        raise ValidationError(
            _("El archivo no tiene filas con datos debajo de los encabezados (fila %(fila)s).")
            % {"fila": numero_encabezado},
            code="sin_filas",
        )
    return leidas


def limpiar_fila(fila, columnas, presentes, *, modelo, limpiadores):
    """(datos limpios por campo, errores) de una fila leída, sin consultar la base.

    Cada celda pasa por `texto_de_celda` y después por el limpiador de su campo
    (`limpiadores`, que lanza ValueError con el motivo) o queda como texto; un texto no pasa
    del largo del campo en `modelo`. Una celda vacía es un error si la columna es obligatoria;
    en una opcional con limpiador (un sí/no) se omite, para que la fila nueva tome el valor por
    omisión y la existente no cambie; en una de texto libre es el texto vacío.
    """
    datos, errores = {}, []
    for columna in columnas:
        if columna.solo_lectura or columna.nombre not in presentes:
            continue
        limpiar = limpiadores.get(columna.campo)
        try:
            texto = texto_de_celda(fila.valores.get(columna.nombre))
            if not texto:
                if columna.requerida:
                    raise ValueError(_("está vacía y es obligatoria."))
                if limpiar is not None:
                    continue
            valor = limpiar(texto) if limpiar is not None else texto
            maximo = modelo._meta.get_field(columna.campo).max_length
            if maximo and isinstance(valor, str) and len(valor) > maximo:
                raise ValueError(
                    _("tiene %(largo)s caracteres y el máximo es %(maximo)s.")
                    % {"largo": len(valor), "maximo": maximo}
                )
        except ValueError as error:
            errores.append(ErrorDeFila(fila.numero, columna.nombre, str(error)))
        else:
            datos[columna.campo] = valor
    return datos, errores


def ordenar_errores(errores, columnas):
    """Por fila y, dentro de cada fila, en el orden de las columnas (los de la fila, primero)."""
    orden = {c.nombre: posicion for posicion, c in enumerate(columnas)}
    errores.sort(key=lambda e: (e.fila, orden.get(e.columna, -1)))
    return errores


# --- 2. Revisar contra lo que ya existe -----------------------------------------------------

#: Qué hará la importación con una fila sin errores.
NUEVA = "nueva"
ACTUALIZADA = "actualizada"
SIN_CAMBIOS = "sin_cambios"


@dataclass
class FilaRevisada:
    """Una fila sin errores y lo que la importación hará con ella.

    Cada catálogo hace una subclase que dice con qué se identifica la fila (`llave`, para la
    huella) y cómo se nombra en la vista previa (`__str__`).
    """

    numero: int
    accion: str
    #: Qué se escribe: todos los campos de una fila nueva; de una existente, los que cambian.
    datos: dict
    #: El registro que la fila actualiza o deja igual; None en una fila nueva.
    existente: object = None
    #: (etiqueta del campo, antes, después) de cada campo que cambia.
    cambios: list = field(default_factory=list)

    NUEVA = NUEVA
    ACTUALIZADA = ACTUALIZADA
    SIN_CAMBIOS = SIN_CAMBIOS

    @property
    def llave(self):
        """Tupla que identifica la fila en el catálogo."""
        raise NotImplementedError

    @classmethod
    def comparar(cls, numero, datos, existente, *, por_omision, etiquetas, legible):
        """La fila revisada de `datos` (ya limpios) frente al registro `existente` (o None).

        Una fila nueva toma `por_omision` en los campos que no trae. De una existente se
        comparan los campos de `etiquetas` (campo → etiqueta) que trae; `legible(campo, valor)`
        muestra cada cambio. Un valor None no cambia nada.
        """
        if existente is None:
            for campo, valor in por_omision.items():
                if datos.get(campo) is None:
                    datos[campo] = valor
            return cls(numero, NUEVA, datos)
        nuevos, cambios = {}, []
        for campo, valor in datos.items():
            if campo not in etiquetas:
                continue
            antes = getattr(existente, campo)
            if valor is None or valor == antes:
                continue
            nuevos[campo] = valor
            cambios.append((etiquetas[campo], legible(campo, antes), legible(campo, valor)))
        return cls(numero, ACTUALIZADA if nuevos else SIN_CAMBIOS, nuevos, existente, cambios)


@dataclass
class Revision:
    """Qué pasará con cada fila de una hoja, o todos sus errores; revisar no escribe nada."""

    hoja: Hoja
    filas: list
    errores: list

    def _de(self, accion):
        return [f for f in self.filas if f.accion == accion]

    @cached_property
    def nuevas(self):
        return self._de(NUEVA)

    @cached_property
    def actualizadas(self):
        return self._de(ACTUALIZADA)

    @cached_property
    def sin_cambios(self):
        return self._de(SIN_CAMBIOS)

    @property
    def filas_con_error(self):
        return len({e.fila for e in self.errores})

    @property
    def hay_cambios(self):
        return any(f.accion != SIN_CAMBIOS for f in self.filas)

    def huella(self):
        """Resumen de lo que se va a escribir: si cambia entre la vista previa y la
        confirmación, la persona debe revisar de nuevo."""
        plan = [
            [f.accion, *f.llave, sorted(f.datos.items())]
            for f in self.filas
            if f.accion != SIN_CAMBIOS
        ]
        return hashlib.sha256(json.dumps(plan, default=str).encode()).hexdigest()


# --- 3. Escribir ----------------------------------------------------------------------------


def historial_de(revision, usuario):
    """Los argumentos de las escrituras por lote de simple-history: quién y desde qué archivo."""
    motivo = _("Importación desde «%(archivo)s»") % {"archivo": revision.hoja.nombre[:60]}
    return {"default_user": usuario, "default_change_reason": motivo, "batch_size": LOTE}


def escribir(revision, modelo, usuario, *, campo_fecha):
    """Crea las filas nuevas y actualiza las que cambian; devuelve (creados, actualizados).

    Se escribe por lotes (unas cuantas consultas para miles de filas); como las escrituras por
    lote no pasan por save(), el historial se crea con las utilidades de simple-history y la
    fecha de actualización (`campo_fecha`) se pone aquí. Quien llama abre la transacción: así
    lo que escriba después (p. ej. la unidad de cada institución) entra en el todo o nada.
    """
    if revision.errores:
        raise ValueError("Una revisión con errores no se aplica.")
    historial = historial_de(revision, usuario)
    creados = bulk_create_with_history(
        [modelo(**f.datos) for f in revision.nuevas], modelo, **historial
    )
    ahora = timezone.now()
    campos, actualizados = set(), []
    for fila in revision.actualizadas:
        for campo, valor in fila.datos.items():
            setattr(fila.existente, campo, valor)
        setattr(fila.existente, campo_fecha, ahora)
        campos.update(fila.datos)
        actualizados.append(fila.existente)
    if actualizados:
        bulk_update_with_history(
            actualizados, modelo, fields=[*sorted(campos), campo_fecha], **historial
        )
    return creados, actualizados
