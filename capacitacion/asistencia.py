"""Asistencia a las sesiones de un evento: registrarla en pantalla o desde una lista en Excel.

Guardar asistencia escribe por lotes (INSERT … ON CONFLICT) solo las marcas que cambian, y
después recalcula una sola vez las horas asistidas y la acreditación de todo el evento
(`Evento.recalcular_acreditacion`). Las inscripciones que pasan a acreditar o dejan de hacerlo
quedan en su historial, con quién registró la asistencia.

La lista de asistencia en Excel se procesa en tres pasos, como el catálogo de instituciones
(`uig_portal.lib.importacion`):

1. `leer(archivo, evento)` valida el archivo por su contenido (tamaño, tipo real, zip bomb,
   encabezados) y devuelve sus filas con el número que tienen en Excel.
2. `revisar(hoja, evento)` compara cada fila con las inscripciones confirmadas del evento sin
   escribir nada: cuántas marcas cambian por sesión, o la lista completa de errores.
3. `aplicar(revision, evento, usuario)` escribe todo en una transacción: todas o ninguna.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils import get_column_letter

from capacitacion.models import Asistencia, Evento, Inscripcion, Sesion
from uig_portal.lib.hojas import leer_xlsx, libro_ilegible
from uig_portal.lib.importacion import (
    FIRMA_ZIP,
    ErrorDeFila,
    no_es_xlsx,
    normalizar,
    revisar_subida,
    texto_de_celda,
)

TAMANO_MAXIMO = 5 * 1024 * 1024
FILAS_MAXIMAS = 20_000
#: Más columnas que estas no se leen: 4 de identificación más una por sesión bastan de sobra.
COLUMNAS_MAXIMAS = 300
#: Errores que la página enumera; del resto solo da la cuenta.
LIMITE_ERRORES = 200
#: Marcas por cada executemany, e inscripciones por consulta al crear su historial.
LOTE = 1000
TRAMO = 500

#: Valores aceptados en las columnas de sesión (ya normalizados: sin acentos, en minúsculas).
PRESENTE = {"si", "s", "x", "1", "asistio", "presente", "verdadero", "true"}
AUSENTE = {"no", "n", "0", "", "falto", "ausente", "falso", "false"}

#: Encabezado de una columna de sesión, ya normalizado: «sesion 2 (10/03/2025)».
SESION = re.compile(r"^sesion\s*(\d{1,4})\s*(?:\((.*)\))?$")
CORREO, CURP, NOMBRE, INSTITUCION = "correo", "curp", "nombre", "institucion"
#: Encabezados reconocidos (normalizados) de las columnas que identifican a la persona.
IDENTIFICACION = {
    "correo": CORREO,
    "correo electronico": CORREO,
    "email": CORREO,
    "e-mail": CORREO,
    "curp": CURP,
    "nombre": NOMBRE,
    "nombre completo": NOMBRE,
    "institucion": INSTITUCION,
    "dependencia": INSTITUCION,
}
FORMATOS_FECHA = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y")


def encabezado_sesion(sesion):
    """«Sesión 2 (10/03/2025)»: el encabezado de la plantilla y de la exportación."""
    return _("Sesión %(numero)s (%(fecha)s)") % {
        "numero": sesion.numero,
        "fecha": sesion.fecha.strftime("%d/%m/%Y"),
    }


def encabezados_base():
    return [_("Correo"), _("CURP"), _("Nombre"), _("Institución")]


def se_toma_asistencia(evento):
    return evento.estado in Evento.CON_ASISTENCIA


def exigir_estado(evento):
    """ValidationError si en el estado del evento no se toma asistencia."""
    if not se_toma_asistencia(evento):
        raise ValidationError(
            _(
                "En un evento «%(estado)s» no se registra asistencia: se toma cuando la "
                "inscripción está abierta o cerrada, o el evento ya concluyó."
            )
            % {"estado": evento.get_estado_display()},
            code="estado",
        )


# --- Guardar ----------------------------------------------------------------------------------


@transaction.atomic
def registrar(sesion, presentes_ids, usuario, *, inscripcion_ids=None, leida=None):
    """Registra quién estuvo en una sesión: presente si su inscripción está en `presentes_ids`.

    Afecta a las inscripciones confirmadas del evento (solo a las de `inscripcion_ids`, si se
    da: la página de asistencia guarda las filas que mostró). Con `leida` (cuándo se mostró la
    página), se rechaza si otra persona guardó alguna de esas filas después: su captura no se
    pisa sin avisar. Devuelve (presentes, personas).
    """
    evento = Evento.objects.select_for_update().get(pk=sesion.evento_id)
    exigir_estado(evento)
    confirmadas = Inscripcion.objects.filter(evento=evento).confirmadas()
    if inscripcion_ids is not None:
        confirmadas = confirmadas.filter(pk__in=list(inscripcion_ids))
    if leida is not None:
        _exigir_vigente(sesion, inscripcion_ids, leida, usuario)
    presentes = set(presentes_ids)
    marcas = {(pk, sesion.pk): pk in presentes for pk in confirmadas.values_list("pk", flat=True)}
    motivo = _("Asistencia de la sesión %(numero)s") % {"numero": sesion.numero}
    _guardar(evento, marcas, usuario, motivo)
    return sum(marcas.values()), len(marcas)


def _exigir_vigente(sesion, inscripcion_ids, leida, usuario):
    otras = Asistencia.objects.filter(sesion=sesion, registrada_en__gt=leida).exclude(
        registrada_por=usuario
    )
    if inscripcion_ids is not None:
        otras = otras.filter(inscripcion_id__in=list(inscripcion_ids))
    if otras.exists():
        raise ValidationError(
            _(
                "Otra persona guardó asistencia de esta sesión mientras usted tenía la página "
                "abierta, y no se guardaron sus marcas para no borrar las suyas. Revise la lista "
                "actualizada y vuelva a guardar."
            ),
            code="desactualizada",
        )


def _guardar(evento, marcas, usuario, motivo):
    """Escribe las marcas {(inscripción, sesión): presente} que cambian y recalcula.

    Se llama con el evento bloqueado (select_for_update) dentro de una transacción.
    Devuelve cuántas marcas se escribieron.
    """
    sesiones = {sesion for _inscripcion, sesion in marcas}
    actuales = {
        (inscripcion, sesion): presente
        for inscripcion, sesion, presente in Asistencia.objects.filter(
            sesion_id__in=sesiones
        ).values_list("inscripcion_id", "sesion_id", "presente")
    }
    nuevas = [
        (inscripcion, sesion, presente)
        for (inscripcion, sesion), presente in marcas.items()
        if actuales.get((inscripcion, sesion)) is not presente
    ]
    if not nuevas:
        return 0
    _escribir(nuevas, usuario)
    _recalcular(evento, usuario, motivo)
    return len(nuevas)


def _escribir(marcas, usuario):
    """INSERT … ON CONFLICT DO UPDATE de las marcas [(inscripción, sesión, presente)].

    `bulk_create(update_conflicts=True)` arma un objeto del modelo por marca y prepara cada
    valor por separado: con 25,000 marcas (5,000 personas × 5 sesiones) pasa unos 3 s solo en
    Python. Con `executemany` es una fracción. La sintaxis ON CONFLICT es la misma en
    PostgreSQL y en SQLite (3.24 o posterior), las dos bases del portal.
    """
    campos = {f.name: connection.ops.quote_name(f.column) for f in Asistencia._meta.concrete_fields}
    columnas = [
        campos[c] for c in ("inscripcion", "sesion", "presente", "registrada_por", "registrada_en")
    ]
    unicas = ", ".join(columnas[:2])
    actualizar = ", ".join(f"{c} = excluded.{c}" for c in columnas[2:])
    tabla = connection.ops.quote_name(Asistencia._meta.db_table)
    valores = ", ".join(["%s"] * len(columnas))
    # Nombres de tabla y columnas del modelo, entrecomillados; los datos van como parámetros.
    sql = (
        f"INSERT INTO {tabla} ({', '.join(columnas)}) VALUES ({valores}) "  # noqa: S608
        f"ON CONFLICT ({unicas}) DO UPDATE SET {actualizar}"
    )
    ahora = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for inicio in range(0, len(marcas), LOTE):
            cursor.executemany(
                sql,
                [(i, s, p, usuario.pk, ahora) for i, s, p in marcas[inicio : inicio + LOTE]],
            )


def _recalcular(evento, usuario, motivo):
    """Recalcula la acreditación y deja en el historial las inscripciones que cambian de
    acreditada a no acreditada o al revés.

    `recalcular_acreditacion` escribe con UPDATE (sin pasar por save()), así que el historial
    se crea aparte, por lote. Las horas de cada marca quedan en la asistencia misma (quién la
    registró y cuándo); el historial de la inscripción guarda el cambio de estado.
    """
    inscripciones = Inscripcion.objects.filter(evento=evento)
    antes = dict(inscripciones.values_list("pk", "acreditada"))
    evento.recalcular_acreditacion()
    cambiadas = [
        pk
        for pk, acreditada in inscripciones.values_list("pk", "acreditada")
        if antes.get(pk) != acreditada
    ]
    # En tramos: SQLite compilado con límites viejos admite 999 parámetros por consulta.
    for inicio in range(0, len(cambiadas), TRAMO):
        Inscripcion.history.bulk_history_create(
            list(inscripciones.filter(pk__in=cambiadas[inicio : inicio + TRAMO]).order_by("pk")),
            update=True,
            default_user=usuario,
            default_change_reason=motivo[:100],
        )


# --- Conteos para las páginas ----------------------------------------------------------------


def sesiones_con_conteos(evento, dependencia_id=None):
    """Las sesiones del evento con `presentes` y `registradas` (marcas de confirmadas), de
    todas las instituciones o solo de una."""
    confirmada = Q(asistencias__inscripcion__estado=Inscripcion.Estado.CONFIRMADA)
    if dependencia_id is not None:
        confirmada &= Q(asistencias__inscripcion__dependencia_id=dependencia_id)
    return Sesion.objects.filter(evento=evento).annotate(
        presentes=Count("asistencias", filter=confirmada & Q(asistencias__presente=True)),
        registradas=Count("asistencias", filter=confirmada),
    )


# --- 1. Leer el archivo -----------------------------------------------------------------------


@dataclass
class Columna:
    posicion: int
    encabezado: str

    @property
    def letra(self):
        return get_column_letter(self.posicion + 1)

    def __str__(self):
        return f"{self.letra} «{self.encabezado}»"


@dataclass
class ColumnaSesion(Columna):
    sesion: Sesion = None


@dataclass
class Hoja:
    nombre: str
    #: Columnas de identificación presentes: {CORREO: Columna, …}.
    identificacion: dict
    sesiones: list
    #: Encabezados que no se reconocen y se ignoran.
    ignoradas: list
    #: (número de fila en Excel, valores) de las filas con datos.
    filas: list
    numero_encabezado: int = 1


def _en_blanco(valores):
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in valores)


def leer(archivo, evento):
    """Valida el archivo subido por su contenido y devuelve su `Hoja`, o ValidationError."""
    nombre, inicio, ajeno = revisar_subida(archivo, TAMANO_MAXIMO)
    if not inicio.startswith(FIRMA_ZIP):
        raise no_es_xlsx(nombre, ajeno)
    sesiones = {s.numero: s for s in Sesion.objects.filter(evento=evento)}

    def procesar(libro):
        if not libro.worksheets:
            raise libro_ilegible(nombre)
        hoja = libro.worksheets[0]
        # Algunos programas escriben mal las dimensiones; sin ellas se leen las filas reales.
        hoja.reset_dimensions()
        filas = hoja.iter_rows(max_col=COLUMNAS_MAXIMAS, values_only=True)
        return _procesar(enumerate(filas, start=1), nombre, sesiones)

    return leer_xlsx(
        archivo,
        nombre,
        procesar,
        consejo=_("Copie solo la hoja de la lista de asistencia a un libro nuevo."),
    )


def _procesar(filas, nombre, sesiones):
    encabezado = None
    for numero, valores in filas:
        if not _en_blanco(valores):
            encabezado = (numero, valores)
            break
    if encabezado is None:
        raise ValidationError(_("El archivo no tiene datos."), code="sin_datos")
    hoja = _encabezados(*encabezado, nombre=nombre, sesiones=sesiones)
    # openpyxl rellena cada fila hasta COLUMNAS_MAXIMAS; se guardan solo las columnas que se leen.
    ancho = 1 + max(c.posicion for c in [*hoja.identificacion.values(), *hoja.sesiones])
    for numero, valores in filas:
        valores = valores[:ancho]
        if _en_blanco(valores):
            continue
        if len(hoja.filas) == FILAS_MAXIMAS:
            raise ValidationError(
                _(
                    "El archivo tiene más de %(maximo)s filas con datos. Divídalo en varios "
                    "archivos de hasta %(maximo)s filas."
                )
                % {"maximo": f"{FILAS_MAXIMAS:,}"},
                code="demasiadas_filas",
            )
        hoja.filas.append((numero, valores))
    if not hoja.filas:
        raise ValidationError(
            _("El archivo no tiene filas con datos debajo de los encabezados (fila %(fila)s).")
            % {"fila": hoja.numero_encabezado},
            code="sin_filas",
        )
    return hoja


def _fecha(texto):
    for formato in FORMATOS_FECHA:
        try:
            return datetime.strptime(texto.strip(), formato).date()
        except ValueError:
            continue
    return None


def _encabezados(numero, valores, *, nombre, sesiones):
    """Reconoce las columnas de la fila de encabezados, o ValidationError con cada problema."""
    identificacion, columnas_sesion, ignoradas, errores = {}, [], [], []
    por_numero = {}

    def error(columna, mensaje):
        errores.append(str(ErrorDeFila(numero, str(columna), mensaje)))

    for posicion, valor in enumerate(valores):
        try:
            texto = texto_de_celda(valor)
        except ValueError as problema:
            error(Columna(posicion, "…"), str(problema))
            continue
        if not texto:
            continue
        columna = Columna(posicion, texto)
        clave = normalizar(texto)
        if clave in IDENTIFICACION:
            tipo = IDENTIFICACION[clave]
            if tipo in identificacion:
                error(
                    columna,
                    _("repite la columna %(otra)s.") % {"otra": identificacion[tipo]},
                )
            else:
                identificacion[tipo] = columna
            continue
        coincide = SESION.match(clave)
        if coincide is None:
            if clave.startswith("sesion"):
                error(
                    columna,
                    _(
                        "no se reconoce como columna de sesión; escríbala como «Sesión 1» o "
                        "«Sesión 1 (dd/mm/aaaa)»."
                    ),
                )
            else:
                ignoradas.append(texto)
            continue
        sesion = sesiones.get(int(coincide.group(1)))
        if sesion is None:
            numeros = sorted(sesiones)
            error(
                columna,
                ngettext(
                    "el evento no tiene esa sesión; tiene solo la sesión %(numeros)s.",
                    "el evento no tiene esa sesión; sus sesiones son %(numeros)s.",
                    len(numeros),
                )
                % {"numeros": ", ".join(str(n) for n in numeros) or "—"},
            )
            continue
        if coincide.group(2) is not None:
            fecha = _fecha(coincide.group(2))
            if fecha is None:
                error(
                    columna,
                    _("la fecha entre paréntesis no se entiende; use dd/mm/aaaa o quítela."),
                )
                continue
            if fecha != sesion.fecha:
                error(
                    columna,
                    _(
                        "la sesión %(numero)s es el %(fecha)s, no el %(otra)s; revise que sea la "
                        "columna correcta."
                    )
                    % {
                        "numero": sesion.numero,
                        "fecha": sesion.fecha.strftime("%d/%m/%Y"),
                        "otra": fecha.strftime("%d/%m/%Y"),
                    },
                )
                continue
        if sesion.numero in por_numero:
            error(columna, _("repite la columna %(otra)s.") % {"otra": por_numero[sesion.numero]})
            continue
        columna_sesion = ColumnaSesion(posicion, texto, sesion)
        por_numero[sesion.numero] = columna_sesion
        columnas_sesion.append(columna_sesion)
    if CORREO not in identificacion and CURP not in identificacion:
        errores.append(
            _(
                "Fila %(fila)s (encabezados): falta la columna «Correo» o la columna «CURP», "
                "que identifican a cada persona."
            )
            % {"fila": numero}
        )
    if not columnas_sesion and not errores:
        errores.append(
            _(
                "Fila %(fila)s (encabezados): no hay columnas de sesión; escriba una por sesión, "
                "como «Sesión 1»."
            )
            % {"fila": numero}
        )
    if errores:
        raise ValidationError(errores, code="encabezados")
    return Hoja(
        nombre=nombre,
        identificacion=identificacion,
        sesiones=columnas_sesion,
        ignoradas=ignoradas,
        filas=[],
        numero_encabezado=numero,
    )


# --- 2. Revisar contra las inscripciones ------------------------------------------------------


@dataclass
class ResumenSesion:
    sesion: Sesion
    columna: ColumnaSesion
    presentes: int = 0
    ausentes: int = 0
    #: Personas que no estaban marcadas presentes y ahora sí, y al revés.
    nuevos_presentes: int = 0
    quitados: int = 0


@dataclass
class Revision:
    hoja: Hoja
    personas: int
    errores: list
    #: {(inscripción, sesión): presente} de todas las celdas del archivo.
    marcas: dict
    resumen: list
    #: (inscripción, sesión, presente) de las marcas que difieren de lo guardado o no existían.
    pendientes: list
    #: Inscripciones confirmadas que el archivo no menciona: su asistencia no cambia.
    fuera_del_archivo: int = 0
    filas_con_error: int = 0

    @property
    def cambios(self):
        return len(self.pendientes)

    @cached_property
    def errores_visibles(self):
        return self.errores[:LIMITE_ERRORES]

    @property
    def errores_ocultos(self):
        return max(len(self.errores) - LIMITE_ERRORES, 0)

    def huella(self):
        """Resumen de lo que se va a escribir: si cambia entre la vista previa y la
        confirmación, la persona debe revisar de nuevo."""
        return hashlib.sha256(json.dumps(self.pendientes).encode()).hexdigest()


def _valor(texto):
    clave = normalizar(texto)
    if clave in PRESENTE:
        return True
    if clave in AUSENTE:
        return False
    raise ValueError(
        _("«%(valor)s» no es un valor válido; escriba Sí o No (vacío cuenta como No).")
        % {"valor": texto[:40]}
    )


def _indices(inscripciones):
    """Índices por correo y por CURP: {clave: [(pk, estado, nombre), …]}."""
    por_correo, por_curp = {}, {}
    for pk, estado, correo, curp, nombre in inscripciones:
        datos = (pk, estado, nombre)
        if correo:
            por_correo.setdefault(correo, []).append(datos)
        if curp:
            por_curp.setdefault(curp, []).append(datos)
    return por_correo, por_curp


def _celda(valores, columna):
    if columna is None or columna.posicion >= len(valores):
        return ""
    return texto_de_celda(valores[columna.posicion])


def _buscar(correo, curp, por_correo, por_curp, columnas):
    """(pk de la inscripción confirmada, None) o (None, (columna, mensaje)).

    Primero por correo y, si no basta, por CURP, entre las inscripciones confirmadas.
    """
    confirmada = Inscripcion.Estado.CONFIRMADA
    intentos = []
    if correo:
        intentos.append((columnas.get(CORREO), por_correo.get(correo, [])))
    if curp:
        intentos.append((columnas.get(CURP), por_curp.get(curp, [])))
    if not intentos:
        columna = columnas.get(CORREO) or columnas.get(CURP)
        return None, (columna, _("falta el correo o la CURP de la persona."))
    confirmadas = [[c for c in candidatas if c[1] == confirmada] for _col, candidatas in intentos]
    for lista in confirmadas:
        if len(lista) == 1:
            return lista[0][0], None
    for (columna, _candidatas), lista in zip(intentos, confirmadas, strict=True):
        if len(lista) > 1:
            return None, (
                columna,
                _(
                    "ese dato corresponde a %(n)s personas confirmadas en el evento "
                    "(%(nombres)s); identifique a la persona por su CURP o fusione los "
                    "registros duplicados."
                )
                % {"n": len(lista), "nombres": ", ".join(c[2] for c in lista[:3])},
            )
    etiquetas = dict(Inscripcion.Estado.choices)
    for columna, candidatas in intentos:
        if candidatas:
            _pk, estado, nombre = candidatas[0]
            return None, (
                columna,
                _(
                    "%(nombre)s está inscrita en el evento, pero su inscripción está "
                    "«%(estado)s»; solo se registra la asistencia de inscripciones confirmadas."
                )
                % {"nombre": nombre, "estado": etiquetas.get(estado, estado)},
            )
    return None, (intentos[0][0], _("no hay una persona inscrita en este evento con ese dato."))


def _identificar(numero, valores, columnas, indices, vistas, errores):
    """La inscripción confirmada de una fila, o None (y su error en `errores`)."""
    datos = {}
    for tipo in (CORREO, CURP):
        try:
            datos[tipo] = _celda(valores, columnas.get(tipo))
        except ValueError as problema:
            errores.append(ErrorDeFila(numero, str(columnas[tipo]), str(problema)))
            return None
    inscripcion, problema = _buscar(datos[CORREO].lower(), datos[CURP].upper(), *indices, columnas)
    if problema:
        errores.append(ErrorDeFila(numero, str(problema[0]), problema[1]))
        return None
    if inscripcion in vistas:
        columna = columnas.get(CORREO) if datos[CORREO] else columnas.get(CURP)
        errores.append(
            ErrorDeFila(
                numero,
                str(columna),
                _("la persona ya aparece en la fila %(fila)s.") % {"fila": vistas[inscripcion]},
            )
        )
        return None
    vistas[inscripcion] = numero
    return inscripcion


def revisar(hoja, evento):
    """Compara las filas con las inscripciones del evento y dice qué cambia; no escribe nada."""
    inscripciones = list(
        Inscripcion.objects.filter(evento=evento).values_list(
            "pk", "estado", "participante__correo", "participante__curp", "participante__nombre"
        )
    )
    indices = _indices(inscripciones)
    total_confirmadas = sum(1 for i in inscripciones if i[1] == Inscripcion.Estado.CONFIRMADA)
    actuales = {
        (inscripcion, sesion): presente
        for inscripcion, sesion, presente in Asistencia.objects.filter(
            sesion_id__in=[c.sesion.pk for c in hoja.sesiones]
        ).values_list("inscripcion_id", "sesion_id", "presente")
    }
    columnas = hoja.identificacion
    informativas = [c for tipo, c in columnas.items() if tipo in (NOMBRE, INSTITUCION)]
    errores, marcas, vistas = [], {}, {}
    for numero, valores in hoja.filas:
        inscripcion = _identificar(numero, valores, columnas, indices, vistas, errores)
        for columna in informativas:
            try:
                _celda(valores, columna)
            except ValueError as problema:
                errores.append(ErrorDeFila(numero, str(columna), str(problema)))
        for columna in hoja.sesiones:
            try:
                presente = _valor(_celda(valores, columna))
            except ValueError as problema:
                errores.append(ErrorDeFila(numero, str(columna), str(problema)))
                continue
            if inscripcion is not None:
                marcas[(inscripcion, columna.sesion.pk)] = presente
    resumen = [ResumenSesion(c.sesion, c) for c in hoja.sesiones]
    por_sesion = {r.sesion.pk: r for r in resumen}
    pendientes = []
    for (inscripcion, sesion), presente in marcas.items():
        fila = por_sesion[sesion]
        antes = actuales.get((inscripcion, sesion))
        if presente:
            fila.presentes += 1
            fila.nuevos_presentes += antes is not True
        else:
            fila.ausentes += 1
            fila.quitados += antes is True
        if antes is not presente:
            pendientes.append((inscripcion, sesion, presente))
    return Revision(
        hoja=hoja,
        personas=len(vistas),
        errores=errores,
        marcas={} if errores else marcas,
        resumen=resumen,
        pendientes=[] if errores else sorted(pendientes),
        fuera_del_archivo=max(total_confirmadas - len(vistas), 0),
        filas_con_error=len({e.fila for e in errores}),
    )


# --- 3. Aplicar -------------------------------------------------------------------------------


def aplicar(revision, evento, usuario):
    """Escribe las marcas de una revisión sin errores; se llama con el evento bloqueado."""
    if revision.errores:
        raise ValueError("Una revisión con errores no se aplica.")
    exigir_estado(evento)
    motivo = _("Asistencia importada de «%(archivo)s»") % {"archivo": revision.hoja.nombre[:50]}
    return _guardar(evento, revision.marcas, usuario, motivo)
