"""Importación del catálogo de instituciones desde CSV o Excel: leer, revisar y aplicar.

Son tres pasos separados para que la vista previa y la confirmación usen la misma lógica:

1. `leer(archivo)` valida el archivo por su contenido (tamaño, tipo real, zip bomb,
   codificación, encabezados) y devuelve sus filas con el número que tienen en Excel.
2. `revisar(hoja, usuario)` compara cada fila con el catálogo sin escribir nada: qué se crea,
   qué se actualiza y qué queda igual, o la lista completa de errores.
3. `aplicar(revision, usuario)` escribe todo en una transacción: todas las filas o ninguna.

El recorrido es el de todo catálogo (`uig_portal.lib.importacion`); aquí quedan las columnas,
la lectura de CSV, las reglas de cada valor y que cada institución nueva llegue con su unidad.
Las vistas (vista previa, confirmación) son las de `uig_portal.lib.importacion_vistas`: entre
una y otra el archivo se guarda en una carpeta privada con nombre aleatorio
(`guardar_temporal`) y la confirmación lo reclama renombrándolo (`reclamar_temporal`), así que
un doble clic no importa dos veces.
"""

import codecs
import csv
import io
import re
from functools import cache
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

# TAMANO_MAXIMO, texto_de_celda y las de importacion_temporal no se usan aquí: son parte de la
# interfaz de la importación que el formulario, el recurso del admin y las pruebas toman de aquí.
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
    historial_de,
    leer_filas,
    limpiar_fila,
    limpiar_texto,
    lista_con_y,
    no_es_xlsx,
    normalizar,
    ordenar_errores,
    por_encabezado,
    revisar_subida,
    separar_encabezado,
    texto_de_celda,
)
from uig_portal.lib.importacion_temporal import (  # noqa: F401
    borrar_temporal,
    guardar_temporal,
    limpiar_temporales,
    reclamar_temporal,
)
from unidades.models import Dependencia, Unidad

FILAS_MAXIMAS = 10_000


#: Las columnas del catálogo, en el orden de la exportación. Las de solo lectura salen en la
#: exportación y se ignoran al importar, para que un archivo exportado se pueda volver a subir.
COLUMNAS = [
    Columna("siglas", "siglas", requerida=True),
    Columna("nombre", "nombre", requerida=True, alias=("nombre de la institucion",)),
    Columna("tipo", "tipo", requerida=True),
    Columna("sector", "sector", requerida=True, alias=("sector coordinador",)),
    Columna("titular", "titular", alias=("persona titular",)),
    Columna("vigente", "vigente"),
    Columna("estado de la unidad", None, alias=("estado",)),
    Columna("fecha de instalación", None, alias=("instalada el",)),
]
ENCABEZADOS = [c.nombre for c in COLUMNAS]
CAMPOS_DE_TEXTO = ["siglas", "nombre", "sector", "titular"]

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SIGLAS_VALIDAS = re.compile(r"^[A-ZÁÉÍÓÚÜÑ0-9][A-ZÁÉÍÓÚÜÑ0-9 .&/-]*$")


@cache
def _tipos():
    """Código de cada variante aceptada de tipo: código, nombre y código en masculino."""
    aceptados = {}
    for tipo in Dependencia.Tipo:
        for variante in (tipo.value, tipo.label, tipo.value[:-1] + "o"):
            aceptados[normalizar(variante)] = tipo.value
    return aceptados


VERDADEROS = {"si", "s", "1", "x", "verdadero", "true", "vigente"}
FALSOS = {"no", "n", "0", "falso", "false", "no vigente"}
POR_ENCABEZADO = por_encabezado(COLUMNAS)


# --- Limpieza de valores: la usan la importación, el formulario y el recurso del admin ---


def limpiar_siglas(texto):
    siglas = limpiar_texto(texto).upper()
    if siglas and not SIGLAS_VALIDAS.match(siglas):
        raise ValueError(
            _(
                '"%(valor)s" no son siglas válidas; use letras, números, espacios y los signos '
                ". - & /, empezando con letra o número."
            )
            % {"valor": corto(siglas)}
        )
    return siglas


def limpiar_tipo(texto):
    if normalizar(texto) in _tipos():
        return _tipos()[normalizar(texto)]
    raise ValueError(
        _('"%(valor)s" no es un tipo válido; use centralizada, descentralizada o desconcentrada.')
        % {"valor": corto(texto)}
    )


def limpiar_vigente(texto):
    """True, False o None (vacío: la institución nueva queda vigente y la existente, igual)."""
    clave = normalizar(texto)
    if not clave:
        return None
    if clave in VERDADEROS:
        return True
    if clave in FALSOS:
        return False
    raise ValueError(_('"%(valor)s" no es un valor válido; use sí o no.') % {"valor": corto(texto)})


# --- 1. Leer el archivo ---


def leer(archivo):
    """Valida el archivo subido por su contenido y devuelve su `Hoja`, o ValidationError."""
    nombre, inicio, ajeno = revisar_subida(archivo)
    extension = PurePath(nombre).suffix.lower()
    if extension == ".xlsx":
        if not inicio.startswith(FIRMA_ZIP):
            raise no_es_xlsx(nombre, ajeno)
        return _leer_xlsx(archivo, nombre)
    if extension in (".csv", ".txt"):
        if inicio.startswith(FIRMA_ZIP):
            raise ValidationError(
                _(
                    "El archivo «%(nombre)s» es un libro de Excel o un comprimido, no un CSV. "
                    "Si es un libro de Excel, súbalo con la extensión .xlsx."
                )
                % {"nombre": nombre},
                code="tipo_no_permitido",
            )
        if ajeno:
            raise ValidationError(
                _("El archivo «%(nombre)s» no es un CSV: parece %(que)s.")
                % {"nombre": nombre, "que": ajeno},
                code="tipo_no_permitido",
            )
        return _leer_csv(archivo, nombre)
    if extension == ".xls":
        raise ValidationError(
            _(
                "Los libros de Excel 97-2003 (.xls) no se aceptan. Ábralo en Excel y guárdelo "
                "como «Libro de Excel (.xlsx)» o como «CSV UTF-8»."
            ),
            code="tipo_no_permitido",
        )
    raise ValidationError(
        _("Suba un libro de Excel (.xlsx) o un archivo CSV; «%(nombre)s» no es ninguno de los dos.")
        % {"nombre": nombre},
        code="tipo_no_permitido",
    )


def _leer_xlsx(archivo, nombre):
    return filas_de_la_primera_hoja(
        archivo,
        nombre,
        lambda filas: _procesar(filas, nombre, "xlsx", ""),
        consejo=_("Copie solo la hoja del catálogo a un libro nuevo."),
    )


def _decodificar(datos):
    """(texto, codificación): UTF-8 con o sin BOM, UTF-16 con BOM o Windows-1252 (ANSI)."""
    if datos.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        intentos = [("utf-16", "UTF-16")]
    else:
        # Excel en español guarda «CSV (delimitado por comas)» en Windows-1252.
        intentos = [("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252 (ANSI)")]
    for codec, nombre in intentos:
        try:
            return datos.decode(codec), nombre
        except UnicodeDecodeError:
            continue
    return None, None


def _leer_csv(archivo, nombre):
    texto, codificacion = _decodificar(archivo.read())
    if texto is None or CONTROL.search(texto):
        raise ValidationError(
            _(
                "El archivo «%(nombre)s» no es un CSV de texto. En Excel, use «Guardar como» "
                "y elija «CSV UTF-8 (delimitado por comas)»."
            )
            % {"nombre": nombre},
            code="no_es_texto",
        )
    primera = next((linea for linea in texto.splitlines() if linea.strip()), "")
    delimitador = max([",", ";", "\t"], key=primera.count)
    try:
        filas = csv.reader(io.StringIO(texto, newline=""), delimiter=delimitador)
        return _procesar(enumerate(filas, start=1), nombre, "csv", codificacion)
    except csv.Error as error:
        raise ValidationError(
            _("No se pudo leer «%(nombre)s» como CSV: %(error)s.")
            % {"nombre": nombre, "error": error},
            code="csv_invalido",
        ) from None


def _procesar(filas, nombre, formato, codificacion):
    """Encabezados y filas con datos; las filas en blanco se ignoran sin cambiar la numeración."""
    numero_encabezado, columnas = _columnas(*separar_encabezado(filas))
    leidas = leer_filas(filas, columnas, numero_encabezado, filas_maximas=FILAS_MAXIMAS)
    presentes = {c.nombre for c in columnas if c is not None}
    return Hoja(
        nombre=nombre,
        formato=formato,
        codificacion=codificacion,
        presentes=presentes,
        ignoradas=[c.nombre for c in COLUMNAS if c.solo_lectura and c.nombre in presentes],
        filas=leidas,
    )


def _columnas(numero, valores):
    """La Columna de cada posición del encabezado (None si está en blanco), o ValidationError."""
    columnas, desconocidas, repetidas = [], [], []
    for valor in valores:
        texto = limpiar_texto(valor) if valor is not None else ""
        columna = POR_ENCABEZADO.get(normalizar(texto)) if texto else None
        if texto and columna is None:
            desconocidas.append(f"«{corto(texto, 40)}»")
        elif columna is not None and columna in columnas:
            repetidas.append(columna.nombre)
        columnas.append(columna)
    errores = []
    editables = [c.nombre for c in COLUMNAS if not c.solo_lectura]
    if not any(columnas):
        errores.append(
            _("Fila %(fila)s: se esperaban los encabezados %(columnas)s; no se encontró ninguno.")
            % {"fila": numero, "columnas": lista_con_y(editables)}
        )
    else:
        if desconocidas:
            errores.append(
                _(
                    "Fila %(fila)s (encabezados): no se reconocen las columnas %(columnas)s. "
                    "Las columnas válidas son %(validas)s."
                )
                % {
                    "fila": numero,
                    "columnas": lista_con_y(desconocidas),
                    "validas": lista_con_y(ENCABEZADOS),
                }
            )
        if repetidas:
            errores.append(
                _("Fila %(fila)s (encabezados): las columnas %(columnas)s aparecen más de una vez.")
                % {"fila": numero, "columnas": lista_con_y(repetidas)}
            )
        faltan = [c.nombre for c in COLUMNAS if c.requerida and c not in columnas]
        if faltan:
            errores.append(
                _("Fila %(fila)s (encabezados): faltan las columnas obligatorias %(columnas)s.")
                % {"fila": numero, "columnas": lista_con_y(faltan)}
            )
    if errores:
        raise ValidationError(errores, code="encabezados")
    return numero, columnas


# --- 2. Revisar contra el catálogo ---


class InstitucionRevisada(FilaRevisada):
    """Una fila del catálogo de instituciones: la identifican sus siglas."""

    @property
    def llave(self):
        return (self.datos.get("siglas") or self.existente.siglas,)

    def __str__(self):
        return self.existente.siglas if self.existente else self.datos["siglas"]

    @property
    def tipo_legible(self):
        return Dependencia.Tipo(self.datos["tipo"]).label


LIMPIADORES = {"siglas": limpiar_siglas, "tipo": limpiar_tipo, "vigente": limpiar_vigente}
#: Lo que toma una institución nueva en las columnas que el archivo no trae o deja vacías.
POR_OMISION = {"titular": "", "vigente": True}


def _limpiar_fila(fila, presentes):
    """(datos limpios, errores) de una fila leída, sin consultar la base."""
    # Los encabezados desconocidos ya se rechazaron: una columna sin Columna no tiene encabezado.
    errores = [
        ErrorDeFila(
            fila.numero,
            None,
            _("hay un valor en la columna %(letra)s, que no tiene encabezado.") % {"letra": letra},
        )
        for letra in fila.sin_encabezado
    ]
    datos, errores_de_celdas = limpiar_fila(
        fila, COLUMNAS, presentes, modelo=Dependencia, limpiadores=LIMPIADORES
    )
    return datos, errores + errores_de_celdas


def revisar(hoja, usuario, *, bloquear=False):
    """Compara las filas con el catálogo y dice qué pasará con cada una; no escribe nada.

    Con `bloquear` (dentro de una transacción) las instituciones quedan bloqueadas hasta que
    termine, para que nadie las cambie entre la revisión y la escritura.
    """
    consulta = Dependencia.objects.all()
    if bloquear:
        consulta = consulta.select_for_update()
    existentes = list(consulta)
    por_siglas = {d.siglas.upper(): d for d in existentes}
    por_nombre = {d.nombre: d for d in existentes}
    visibles = set(Dependencia.objects.visibles_para(usuario).values_list("pk", flat=True))
    etiquetas = {c: str(Dependencia._meta.get_field(c).verbose_name) for c in CAMPOS_DE_TEXTO}
    etiquetas.update(tipo=_("tipo"), vigente=_("vigente"))

    filas, errores = [], []
    siglas_vistas, nombres_vistos = {}, {}
    for leida in hoja.filas:
        datos, errores_fila = _limpiar_fila(leida, hoja.presentes)
        siglas, nombre = datos.get("siglas"), datos.get("nombre")
        existente = por_siglas.get(siglas) if siglas else None
        if siglas in siglas_vistas:
            errores_fila.append(
                ErrorDeFila(
                    leida.numero,
                    "siglas",
                    _('"%(valor)s" ya aparece en la fila %(fila)s.')
                    % {"valor": siglas, "fila": siglas_vistas[siglas]},
                )
            )
        elif siglas:
            siglas_vistas[siglas] = leida.numero
        if existente is not None and existente.pk not in visibles:
            errores_fila.append(
                ErrorDeFila(
                    leida.numero,
                    "siglas",
                    _("no tiene permiso para modificar la institución %(siglas)s.")
                    % {"siglas": siglas},
                )
            )
        if nombre in nombres_vistos:
            errores_fila.append(
                ErrorDeFila(
                    leida.numero,
                    "nombre",
                    _('"%(valor)s" ya aparece en la fila %(fila)s.')
                    % {"valor": corto(nombre), "fila": nombres_vistos[nombre]},
                )
            )
        elif nombre:
            nombres_vistos[nombre] = leida.numero
            duena = por_nombre.get(nombre)
            if duena is not None and siglas and duena.siglas.upper() != siglas:
                errores_fila.append(
                    ErrorDeFila(
                        leida.numero,
                        "nombre",
                        _('"%(valor)s" ya es el nombre de la institución con siglas %(siglas)s.')
                        % {"valor": corto(nombre), "siglas": duena.siglas},
                    )
                )
        if errores_fila:
            errores.extend(errores_fila)
            continue
        filas.append(
            InstitucionRevisada.comparar(
                leida.numero,
                datos,
                existente,
                por_omision=POR_OMISION,
                etiquetas=etiquetas,
                legible=_legible,
            )
        )
    return Revision(hoja=hoja, filas=filas, errores=ordenar_errores(errores, COLUMNAS))


def _legible(campo, valor):
    if campo == "tipo":
        return Dependencia.Tipo(valor).label
    if campo == "vigente":
        return _("sí") if valor else _("no")
    return valor or "—"


# --- 3. Aplicar ---


@transaction.atomic
def aplicar(revision, usuario):
    """Crea y actualiza las instituciones de una revisión sin errores, con su historial; cada
    institución nueva, con su unidad."""
    creadas, actualizadas = escribir(revision, Dependencia, usuario, campo_fecha="actualizada")
    bulk_create_with_history(
        [Unidad(dependencia=d) for d in creadas], Unidad, **historial_de(revision, usuario)
    )
    # Toda institución tiene su unidad, aunque alguna haya llegado por otro camino.
    Unidad.objects.asegurar_para(Dependencia.objects.all())
    return {
        "nuevas": len(creadas),
        "actualizadas": len(actualizadas),
        "sin_cambios": len(revision.sin_cambios),
    }
