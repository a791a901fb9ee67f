"""Importación del catálogo de programas presupuestarios desde un libro de Excel.

Los mismos tres pasos que el catálogo de instituciones (`unidades.importacion`), con las piezas
comunes de `uig_portal.lib.importacion`:

1. `leer(archivo)` valida el archivo por su contenido (tamaño, tipo real, zip bomb,
   encabezados) y devuelve sus filas con el número que tienen en Excel.
2. `revisar(hoja)` compara cada fila con el catálogo sin escribir nada: qué programas se crean,
   cuáles cambian y cuáles quedan igual, o la lista completa de errores por fila.
3. `aplicar(revision, usuario)` escribe todo en una transacción: todas las filas o ninguna.

Un programa se identifica por su ejercicio y su clave: si ya existe, la fila lo actualiza. Las
vistas (vista previa y confirmación) son las de `uig_portal.lib.importacion_vistas`.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planes.modelos_presupuesto import CLAVE_PP, ProgramaPresupuestario, normalizar_clave

# TAMANO_MAXIMO no se usa aquí: el formulario lo toma de aquí para su ayuda.
from uig_portal.lib.importacion import (  # noqa: F401
    FIRMA_ZIP,
    TAMANO_MAXIMO,
    Columna,
    ErrorDeFila,
    FilaRevisada,
    Hoja,
    Revision,
    corto,
    escribir,
    filas_de_la_primera_hoja,
    leer_filas,
    limpiar_fila,
    lista_con_y,
    no_es_xlsx,
    normalizar,
    ordenar_errores,
    por_encabezado,
    revisar_subida,
    separar_encabezado,
    texto_de_celda,
)

FILAS_MAXIMAS = 5_000
#: Columnas que se leen de cada fila: las del catálogo y algunas más que se ignoran.
COLUMNAS_MAXIMAS = 40
ANIO_MINIMO, ANIO_MAXIMO = 2020, 2100


#: Las columnas del catálogo en el orden de la exportación; «modalidad» sale en la exportación
#: (se deduce de la clave) y se ignora al importar.
COLUMNAS = [
    Columna("ejercicio", "anio", requerida=True, alias=("año", "ejercicio fiscal")),
    Columna("clave", "clave", requerida=True, alias=("clave del programa", "clave pp", "pp")),
    Columna(
        "nombre",
        "nombre",
        requerida=True,
        alias=("nombre del programa", "programa", "programa presupuestario"),
    ),
    Columna("unidad responsable", "unidad_responsable", alias=("ur",)),
    Columna("activo", "activo", alias=("vigente",)),
    Columna("modalidad", None),
]
POR_ENCABEZADO = por_encabezado(COLUMNAS)
VERDADEROS = {"si", "s", "1", "x", "verdadero", "true", "activo"}
FALSOS = {"no", "n", "0", "falso", "false", "inactivo"}


# --- 1. Leer --------------------------------------------------------------------------------


def leer(archivo):
    """Valida el archivo subido por su contenido y devuelve su `Hoja`, o ValidationError."""
    nombre, inicio, ajeno = revisar_subida(archivo)
    extension = PurePath(nombre).suffix.lower()
    if extension == ".xls":
        raise ValidationError(
            _(
                "Los libros de Excel 97-2003 (.xls) no se aceptan. Ábralo en Excel y guárdelo "
                "como «Libro de Excel (.xlsx)»."
            ),
            code="tipo_no_permitido",
        )
    if extension != ".xlsx" or not inicio.startswith(FIRMA_ZIP):
        raise no_es_xlsx(nombre, ajeno)
    return filas_de_la_primera_hoja(
        archivo,
        nombre,
        lambda filas: _procesar(filas, nombre),
        consejo=_("Copie solo la hoja del catálogo de programas a un libro nuevo."),
        columnas_maximas=COLUMNAS_MAXIMAS,
    )


def _procesar(filas, nombre):
    numero_encabezado, columnas, ignoradas = _columnas(*separar_encabezado(filas))
    # Las columnas desconocidas se ignoran: una fila que solo trae datos en ellas no cuenta.
    leidas = leer_filas(
        filas,
        columnas,
        numero_encabezado,
        filas_maximas=FILAS_MAXIMAS,
        descartar_sin_datos=True,
    )
    return Hoja(
        nombre=nombre,
        presentes={c.nombre for c in columnas if c is not None},
        ignoradas=ignoradas,
        filas=leidas,
    )


def _columnas(numero, valores):
    """La Columna de cada posición del encabezado (None si no es del catálogo) y los
    encabezados que se ignoran, o ValidationError."""
    columnas, ignoradas, repetidas, errores = [], [], [], []
    for valor in valores:
        try:
            texto = texto_de_celda(valor)
        except ValueError as problema:
            errores.append(str(problema))
            columnas.append(None)
            continue
        columna = POR_ENCABEZADO.get(normalizar(texto)) if texto else None
        if columna is not None and columna in columnas:
            repetidas.append(columna.nombre)
            columna = None
        elif texto and (columna is None or columna.campo is None):
            ignoradas.append(corto(texto, 40))
        columnas.append(columna)
    if errores:
        raise ValidationError(
            [
                _("Fila %(fila)s (encabezados): %(error)s") % {"fila": numero, "error": e}
                for e in errores
            ],  # fmt: skip
            code="encabezados",
        )
    faltan = [c.nombre for c in COLUMNAS if c.requerida and c not in columnas]
    if faltan:
        errores.append(
            _(
                "Fila %(fila)s (encabezados): faltan las columnas obligatorias %(columnas)s. "
                "Los encabezados deben ser %(validas)s."
            )
            % {
                "fila": numero,
                "columnas": lista_con_y(f"«{c}»" for c in faltan),
                "validas": lista_con_y(f"«{c.nombre}»" for c in COLUMNAS if c.campo),
            }
        )
    if repetidas:
        errores.append(
            _("Fila %(fila)s (encabezados): las columnas %(columnas)s aparecen más de una vez.")
            % {"fila": numero, "columnas": lista_con_y(f"«{c}»" for c in repetidas)}
        )
    if errores:
        raise ValidationError(errores, code="encabezados")
    return numero, columnas, ignoradas


# --- 2. Revisar -----------------------------------------------------------------------------


class ProgramaRevisado(FilaRevisada):
    """Una fila del catálogo de programas: la identifican su ejercicio y su clave."""

    @property
    def clave(self):
        return self.datos.get("clave") or self.existente.clave

    @property
    def anio(self):
        return self.datos.get("anio") or self.existente.anio

    @property
    def llave(self):
        return (self.anio, self.clave)

    def __str__(self):
        return f"{self.clave} ({self.anio})"


def _limpiar_anio(texto):
    try:
        anio = int(texto)
    except ValueError:
        anio = None
    if anio is None or not ANIO_MINIMO <= anio <= ANIO_MAXIMO:
        raise ValueError(
            _(
                '"%(valor)s" no es un ejercicio válido; escriba el año con cuatro dígitos, '
                "p. ej. 2026."
            )
            % {"valor": corto(texto)}  # fmt: skip
        )
    return anio


def _limpiar_clave(texto):
    clave = normalizar_clave(texto)
    try:
        CLAVE_PP(clave)
    except ValidationError:
        raise ValueError(
            _(
                '"%(valor)s" no es una clave de programa válida; escriba la letra de la '
                "modalidad y 3 o 4 dígitos, p. ej. E045 o K3511."
            )
            % {"valor": corto(texto)}
        ) from None
    return clave


def _limpiar_activo(texto):
    clave = normalizar(texto)
    if clave in VERDADEROS:
        return True
    if clave in FALSOS:
        return False
    raise ValueError(_('"%(valor)s" no se entiende; escriba sí o no.') % {"valor": corto(texto)})


LIMPIADORES = {"anio": _limpiar_anio, "clave": _limpiar_clave, "activo": _limpiar_activo}
#: Lo que toma un programa nuevo en las columnas que el archivo no trae o deja vacías.
POR_OMISION = {"unidad_responsable": "", "activo": True}


def _limpiar_fila(fila, presentes):
    """(datos limpios, errores) de una fila leída, sin consultar la base."""
    return limpiar_fila(
        fila, COLUMNAS, presentes, modelo=ProgramaPresupuestario, limpiadores=LIMPIADORES
    )


#: Los campos que una fila puede cambiar de un programa existente (ejercicio y clave lo
#: identifican).
ETIQUETAS = {
    "nombre": _("nombre"),
    "unidad_responsable": _("unidad responsable"),
    "activo": _("activo"),
}


def _legible(campo, valor):
    if campo == "activo":
        return _("sí") if valor else _("no")
    return valor or "—"


def revisar(hoja, *, bloquear=False):
    """Compara las filas con el catálogo y dice qué pasará con cada una; no escribe nada.

    Con `bloquear`, las filas del catálogo de esos ejercicios quedan bloqueadas hasta el fin de
    la transacción (se usa al confirmar).
    """
    limpias = [(leida, *_limpiar_fila(leida, hoja.presentes)) for leida in hoja.filas]
    anios = {datos["anio"] for _leida, datos, _errores in limpias if "anio" in datos}
    existentes = ProgramaPresupuestario.objects.filter(anio__in=anios).order_by("pk")
    if bloquear:
        existentes = existentes.select_for_update()
    por_clave = {(p.anio, p.clave): p for p in existentes}

    filas, errores, vistas = [], [], {}
    for leida, datos, errores_fila in limpias:
        llave = (datos.get("anio"), datos.get("clave"))
        if None not in llave:
            if llave in vistas:
                errores_fila.append(
                    ErrorDeFila(
                        leida.numero,
                        "clave",
                        _("el programa %(clave)s de %(anio)s ya aparece en la fila %(fila)s.")
                        % {"clave": llave[1], "anio": llave[0], "fila": vistas[llave]},
                    )
                )
            else:
                vistas[llave] = leida.numero
        if errores_fila:
            errores.extend(errores_fila)
            continue
        filas.append(
            ProgramaRevisado.comparar(
                leida.numero,
                datos,
                por_clave.get(llave),
                por_omision=POR_OMISION,
                etiquetas=ETIQUETAS,
                legible=_legible,
            )
        )
    return Revision(hoja=hoja, filas=filas, errores=ordenar_errores(errores, COLUMNAS))


# --- 3. Aplicar -----------------------------------------------------------------------------


@transaction.atomic
def aplicar(revision, usuario):
    """Crea y actualiza los programas de una revisión sin errores, con su historial."""
    creados, actualizados = escribir(
        revision, ProgramaPresupuestario, usuario, campo_fecha="actualizado"
    )
    return {
        "nuevos": len(creados),
        "actualizados": len(actualizados),
        "sin_cambios": len(revision.sin_cambios),
    }


def encabezados_exportacion():
    return [c.nombre for c in COLUMNAS]


def filas_exportacion(programas):
    """Las filas del catálogo en el orden de `COLUMNAS`, para volver a importarlas."""
    for p in programas:
        yield [
            p.anio,
            p.clave,
            p.nombre,
            p.unidad_responsable,
            _("sí") if p.activo else _("no"),
            str(p.modalidad),
        ]
