"""El «Diagnóstico situacional para la igualdad de género» de una institución (atribución IV):
lo que muestra el documento, su generación en PDF y el registro de su entrega a la persona
titular.

Las cifras no se calculan aquí: los índices, la línea base, el promedio estatal de la ronda y
los puntos de cada reactivo salen de `diagnosticos.resultados`; este módulo solo los reúne para
el documento. Las propuestas son las que la Coordinación revisó (`lista`) o ya presentó.

Generar: solo para una respuesta aceptada, sin propuestas por revisar y mientras no se registre
la entrega; el PDF se guarda (volver a generarlo reemplaza el archivo). Entregar: fija el PDF,
pasa las propuestas listas a `presentada` y avisa por correo a las personas responsables de la
institución. Las dos operaciones bloquean primero la fila de la respuesta, así que un doble clic
o dos personas a la vez producen un solo cambio.
"""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_update_with_history

from diagnosticos import puntaje, resultados
from diagnosticos.estructura import Estructura
from diagnosticos.models import (
    DiagnosticoSituacional,
    Nivel,
    Pregunta,
    Propuesta,
    Respuesta,
)
from uig_portal.lib.archivos import validar_documento
from uig_portal.lib.correo import avisar_a_responsables, enlace
from uig_portal.lib.ejes import Eje
from uig_portal.lib.graficas import Barra, grafica_barras_horizontales
from uig_portal.lib.pdf import render_pdf
from unidades.models import Integrante

Estado = Respuesta.Estado
EstadoPropuesta = Propuesta.Estado
#: Estados de las propuestas que entran al documento.
EN_EL_DOCUMENTO = (EstadoPropuesta.LISTA, EstadoPropuesta.PRESENTADA)
PLANTILLA_PDF = "diagnosticos/situacional/documento_pdf.html"
FIRMA_CARGO = gettext_lazy("Coordinación de Unidades de Igualdad de Género")
LUGAR = "Zacatecas, Zac."


# --- Textos del oficio ---------------------------------------------------------------------------

#: Primeras palabras femeninas del nombre de una institución que no se reconocen por su
#: terminación (-ía, -ción, -sión, -dad).
_FEMENINAS = {"junta", "jefatura", "oficina", "agencia", "escuela", "casa", "procuraduría"}


def _femenina(palabra):
    return palabra in _FEMENINAS or palabra.endswith(("ía", "ción", "sión", "dad", "tad"))


def cargo_sugerido(dependencia):
    """«Titular de la Secretaría de Finanzas», «Titular del Instituto…», «… de los Servicios…».

    El artículo sale de la primera palabra del nombre; si no acierta, la persona lo corrige en
    el formulario antes de generar el oficio.
    """
    nombre = dependencia.nombre.strip()
    primera = nombre.split(maxsplit=1)[0].lower() if nombre else ""
    if primera in ("el", "la", "los", "las"):
        return _("Titular de %(nombre)s") % {"nombre": primera + nombre[len(primera) :]}
    if primera.endswith("s") and len(primera) > 3:
        singular = primera[:-2] if primera.endswith("es") else primera[:-1]
        plantilla = (
            _("Titular de las %(nombre)s")
            if _femenina(singular) or _femenina(primera[:-1])
            else _("Titular de los %(nombre)s")
        )
    elif _femenina(primera):
        plantilla = _("Titular de la %(nombre)s")
    else:
        plantilla = _("Titular del %(nombre)s")
    return plantilla % {"nombre": nombre}


def lugar_y_fecha(fecha):
    """«Zacatecas, Zac., a 7 de diciembre de 2026» (el mes en minúsculas, como en un oficio)."""
    return _("%(lugar)s, a %(fecha)s") % {
        "lugar": LUGAR,
        "fecha": date_format(fecha, r"j \d\e F \d\e Y").lower(),
    }


def valores_iniciales(respuesta, usuario):
    """Lo que el formulario de generación ofrece: lo ya guardado o, la primera vez, la persona
    titular de la institución y quien firma desde la Coordinación."""
    situacional = DiagnosticoSituacional.objects.filter(respuesta=respuesta).first()
    if situacional is not None:
        return {
            campo: getattr(situacional, campo)
            for campo in (
                "numero_oficio",
                "fecha_oficio",
                "destinatario",
                "cargo_destinatario",
                "firma_nombre",
                "firma_cargo",
            )
        }
    dependencia = respuesta.dependencia
    return {
        "numero_oficio": "",
        "fecha_oficio": timezone.localdate(),
        "destinatario": dependencia.titular,
        "cargo_destinatario": cargo_sugerido(dependencia),
        "firma_nombre": usuario.get_full_name(),
        "firma_cargo": str(FIRMA_CARGO),
    }


# --- Contenido del documento ---------------------------------------------------------------------


@dataclass
class FilaIndice:
    """Un renglón de la tabla de resultados: la institución, su línea base y el promedio
    estatal de la ronda."""

    codigo: str
    titulo: str
    actual: Decimal | None
    base: Decimal | None
    cambio: Decimal | None
    promedio: Decimal | None
    nivel: Nivel | None

    @property
    def nivel_etiqueta(self):
        return self.nivel.label if self.nivel else ""

    @property
    def contra_promedio(self):
        """Puntos por encima (o por debajo) del promedio estatal."""
        return puntaje.cambio(self.actual, self.promedio)


@dataclass
class ReactivoPropio:
    """Un reactivo con puntos en la respuesta de la institución. `promedio` son sus propios
    puntos (el nombre es el que ordena `resultados.fuertes_y_debiles`); `codigo` solo sirve
    para ordenar y nunca se muestra."""

    codigo: str
    texto: str
    seccion: str
    promedio: Decimal
    respuesta: str
    comentario: str


@dataclass
class Abierta:
    pregunta: str
    texto: str
    comentario: str = ""


@dataclass
class SeccionAbiertas:
    titulo: str
    abiertas: list


@dataclass
class GrupoEje:
    numero: int
    eje: str
    titulo: str
    propuestas: list


@dataclass
class Fase:
    clave: str
    titulo: str
    descripcion: str
    propuestas: list = field(default_factory=list)
    secciones: list = field(default_factory=list)


@dataclass
class Metodologia:
    ronda: str
    cuestionario: str
    version: int
    apertura: object
    cierre: object
    enviada_en: object
    enviada_por: str
    aceptada_en: object
    aceptada_por: str
    tasa: resultados.Tasa
    #: Respuestas aceptadas de la ronda con que se calcula el promedio estatal.
    aceptadas: int
    secciones: int
    reactivos: int


@dataclass
class Contenido:
    respuesta: Respuesta
    dependencia: object
    aplicacion: object
    cuestionario: object
    #: «es_base», «con_base» o «sin_base» (ver `resultados.comparacion`).
    situacion: str
    base: Respuesta | None
    general: FilaIndice
    secciones: list
    fuertes: list
    debiles: list
    abiertas: list
    ejes: list
    ruta: list
    metodologia: Metodologia
    titular_unidad: str = ""

    @property
    def propuestas(self):
        return [p for grupo in self.ejes for p in grupo.propuestas]

    @property
    def total_propuestas(self):
        return len(self.propuestas)


def _nombre(usuario):
    if usuario is None:
        return ""
    return usuario.get_full_name() or usuario.get_username()


def _quien_envio(respuesta):
    """Quien envió la respuesta por última vez, según su historial (una consulta)."""
    registro = (
        respuesta.history.filter(estado=Estado.ENVIADA)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    return _nombre(registro.history_user) if registro is not None else ""


def _titular_unidad(dependencia):
    integrante = (
        Integrante.objects.vigentes()
        .filter(unidad__dependencia=dependencia, cargo_en_unidad=Integrante.Cargo.TITULAR)
        .order_by("-fecha_designacion", "-pk")
        .first()
    )
    return integrante.nombre if integrante is not None else ""


def propuestas_del_documento(respuesta):
    """Las propuestas listas o presentadas de la respuesta, en su orden."""
    return Propuesta.objects.filter(respuesta=respuesta, estado__in=EN_EL_DOCUMENTO).order_by(
        "orden", "pk"
    )


def _por_eje(propuestas):
    """Las propuestas agrupadas en el orden de los ejes y numeradas por eje («2.1»)."""
    grupos = []
    for eje in Eje:
        del_eje = [p for p in propuestas if p.eje == eje.value]
        if not del_eje:
            continue
        numero = len(grupos) + 1
        for i, propuesta in enumerate(del_eje, 1):
            propuesta.numero = f"{numero}.{i}"
        grupos.append(GrupoEje(numero, eje.value, eje.label, del_eje))
    return grupos


def _ruta(grupos, secciones, cuestionario):
    """Fase inicial, desarrollo y consolidación (el «Mapa Ruta» de la guía del PCI).

    Cada propuesta va a la fase del nivel de lo que atiende: sus propios puntos al
    redactarla o, si no los tiene, el índice de su sección. Las secciones ya consolidadas
    van a la última fase, para sostenerlas.
    """
    fases = {
        Nivel.INICIAL: Fase(
            "inicial",
            _("Fase inicial"),
            _(
                "Establecer lo que aún no existe: es lo primero que conviene incluir en el "
                "plan de trabajo del siguiente ejercicio."
            ),
        ),
        Nivel.EN_DESARROLLO: Fase(
            "desarrollo",
            _("Desarrollo"),
            _("Fortalecer y extender lo que ya está en marcha, con metas e indicadores."),
        ),
        Nivel.CONSOLIDADO: Fase(
            "consolidacion",
            _("Consolidación"),
            _(
                "Sostener lo logrado, medirlo cada año y documentarlo como práctica de la "
                "institución."
            ),
        ),
    }
    nivel_de_seccion = {f.codigo: f.nivel for f in secciones}
    for grupo in grupos:
        for propuesta in grupo.propuestas:
            nivel = cuestionario.nivel(propuesta.puntos) if propuesta.puntos is not None else None
            nivel = nivel or nivel_de_seccion.get(propuesta.seccion_codigo) or Nivel.EN_DESARROLLO
            fases[Nivel(nivel)].propuestas.append(propuesta)
    fases[Nivel.CONSOLIDADO].secciones = [
        f.titulo for f in secciones if f.nivel == Nivel.CONSOLIDADO
    ]
    return [f for f in fases.values() if f.propuestas or f.secciones]


def contenido(respuesta):
    """Todo lo que muestra el documento de una respuesta: índices contra la línea base y el
    promedio estatal, reactivos más fuertes y más débiles, respuestas abiertas, propuestas por
    eje, ruta sugerida y metodología.

    Unas doce consultas, sin importar cuántas instituciones tenga la ronda (el promedio estatal
    lee solo los índices guardados de las respuestas aceptadas).
    """
    respuesta = (
        Respuesta.objects.select_related(
            "aplicacion__version__cuestionario", "dependencia", "aceptada_por"
        )
        .filter(pk=respuesta.pk)
        .get()
    )
    aplicacion = respuesta.aplicacion
    cuestionario = aplicacion.version.cuestionario
    estructura = Estructura(aplicacion.version)
    base = resultados.linea_base(respuesta)
    comparado = resultados.comparacion(respuesta, base, estructura)
    _valores, detalle = resultados.detalle(respuesta, estructura, comparado)
    promedio_general, promedios = resultados.promedios_de_la_ronda(
        aplicacion, estructura=estructura
    )
    promedio_de = {p.codigo: p.promedio for p in promedios}
    es_base = comparado.situacion == "es_base"

    def fila(f, promedio):
        return FilaIndice(
            codigo=f.codigo,
            titulo=f.titulo,
            actual=f.actual,
            base=f.base,
            # Si esta ronda es la base, el «cambio» contra sí misma no dice nada.
            cambio=None if es_base else f.cambio,
            promedio=promedio,
            nivel=f.nivel,
        )

    secciones = [fila(f, promedio_de.get(f.codigo)) for f in comparado.secciones]
    general = fila(comparado.general, promedio_general.promedio)

    reactivos, abiertas = [], []
    for seccion in detalle:
        propias = []
        for f in seccion.filas:
            pregunta = f.pregunta
            if f.puntos is not None:
                reactivos.append(
                    ReactivoPropio(
                        codigo=pregunta.codigo,
                        texto=pregunta.texto,
                        seccion=seccion.seccion.titulo,
                        promedio=f.puntos,
                        respuesta=f.respuesta,
                        comentario=f.comentario,
                    )
                )
            elif pregunta.tipo == Pregunta.Tipo.TEXTO and f.respuesta.strip():
                propias.append(Abierta(pregunta.texto, f.respuesta, f.comentario))
        if propias:
            abiertas.append(SeccionAbiertas(seccion.seccion.titulo, propias))
    fuertes, debiles = resultados.fuertes_y_debiles(reactivos)

    grupos = _por_eje(list(propuestas_del_documento(respuesta)))
    tasa = resultados.tasa_respuesta(aplicacion)
    metodologia = Metodologia(
        ronda=aplicacion.nombre,
        cuestionario=cuestionario.nombre,
        version=aplicacion.version.numero,
        apertura=aplicacion.apertura,
        cierre=aplicacion.cierre,
        enviada_en=respuesta.enviada_en,
        enviada_por=_quien_envio(respuesta),
        aceptada_en=respuesta.aceptada_en,
        aceptada_por=_nombre(respuesta.aceptada_por),
        tasa=tasa,
        aceptadas=tasa.por_estado.get(Estado.ACEPTADA, 0),
        secciones=len(secciones),
        reactivos=len(reactivos),
    )
    return Contenido(
        respuesta=respuesta,
        dependencia=respuesta.dependencia,
        aplicacion=aplicacion,
        cuestionario=cuestionario,
        situacion=comparado.situacion,
        base=base,
        general=general,
        secciones=secciones,
        fuertes=fuertes,
        debiles=debiles,
        abiertas=abiertas,
        ejes=grupos,
        ruta=_ruta(grupos, secciones, cuestionario),
        metodologia=metodologia,
        titular_unidad=_titular_unidad(respuesta.dependencia),
    )


def _formato_indice(valor):
    return f"{valor:.2f}".rstrip("0").rstrip(".")


def grafica(datos, **tamano):
    """El índice de cada sección y el general en barras, con el promedio estatal al lado."""
    barras = [
        Barra(
            f.titulo,
            float(f.actual),
            _("promedio estatal %(p)s") % {"p": _formato_indice(f.promedio)}
            if f.promedio is not None
            else "",
        )
        for f in [*datos.secciones, datos.general]
        if f.actual is not None
    ]
    return grafica_barras_horizontales(
        barras,
        titulo=_("Índice por sección y promedio estatal"),
        descripcion=_(
            "Índice de 0 a 100 de cada sección de la institución; al lado, el promedio de las "
            "respuestas aceptadas de la ronda."
        ),
        formato=_formato_indice,
        **tamano,
    )


def contexto_pdf(situacional, datos):
    return {
        "situacional": situacional,
        "datos": datos,
        "respuesta": datos.respuesta,
        "dependencia": datos.dependencia,
        "aplicacion": datos.aplicacion,
        "cuestionario": datos.cuestionario,
        "lugar_y_fecha": lugar_y_fecha(situacional.fecha_oficio),
        # Cada sección en su renglón sobre la barra: el nombre completo cabe y no se recorta.
        "grafica": grafica(datos, ancho=620, etiqueta_arriba=True, alto_fila=22),
        "generado": timezone.localtime(),
    }


# --- Generar --------------------------------------------------------------------------------------


def _bloquear(respuesta):
    """La respuesta con su fila bloqueada hasta el fin de la transacción."""
    return (
        Respuesta.objects.select_for_update()
        .select_related("aplicacion__version__cuestionario", "dependencia")
        .get(pk=respuesta.pk)
    )


def _fecha(valor):
    return date_format(valor, "d/m/Y")


def _ya_entregado(situacional):
    return ValidationError(
        _(
            "La entrega de este diagnóstico situacional ya se registró el %(fecha)s: el "
            "documento entregado queda como está y no se vuelve a generar."
        )
        % {"fecha": _fecha(situacional.entregado_el)},
        code="entregado",
    )


def _texto_borradores(n):
    return ngettext(
        "Queda %(n)s propuesta por revisar: márquela como lista para presentar (o quítela) "
        "antes de generar el documento.",
        "Quedan %(n)s propuestas por revisar: márquelas como listas para presentar (o quítelas) "
        "antes de generar el documento.",
        n,
    ) % {"n": n}


def revisar_generable(respuesta, situacional=None):
    """El motivo por el que aún no se puede generar el documento, o None si se puede."""
    if respuesta.estado != Estado.ACEPTADA:
        return ValidationError(
            _(
                "Solo se genera el diagnóstico situacional de una respuesta aceptada por la "
                "Coordinación; esta está «%(estado)s»."
            )
            % {"estado": respuesta.get_estado_display()},
            code="no_aceptada",
        )
    if situacional is not None and situacional.entregado:
        return _ya_entregado(situacional)
    borradores = respuesta.propuestas.filter(estado=EstadoPropuesta.BORRADOR).count()
    if borradores:
        return ValidationError(_texto_borradores(borradores), code="borradores")
    return None


def _limpiar(texto):
    return " ".join((texto or "").split())


@transaction.atomic
def generar(
    respuesta,
    *,
    numero_oficio,
    fecha_oficio,
    destinatario,
    cargo_destinatario,
    firma_nombre,
    firma_cargo,
    usuario,
):
    """Genera (o vuelve a generar) el PDF del diagnóstico situacional con su oficio y lo guarda.

    Lanza ValidationError, sin guardar nada, si la respuesta no está aceptada, si le quedan
    propuestas por revisar, si la entrega ya se registró o si falta un dato del oficio.
    """
    respuesta = _bloquear(respuesta)
    situacional = (
        DiagnosticoSituacional.objects.select_for_update().filter(respuesta=respuesta).first()
    )
    error = revisar_generable(respuesta, situacional)
    if error is not None:
        raise error
    datos_oficio = {
        "numero_oficio": _limpiar(numero_oficio),
        "destinatario": _limpiar(destinatario),
        "cargo_destinatario": _limpiar(cargo_destinatario),
        "firma_nombre": _limpiar(firma_nombre),
        "firma_cargo": _limpiar(firma_cargo),
    }
    faltan = {
        "numero_oficio": _("Escriba el número del oficio."),
        "destinatario": _("Escriba el nombre de la persona titular de la institución."),
        "cargo_destinatario": _("Escriba el cargo de la persona titular."),
        "firma_nombre": _("Escriba el nombre de quien firma el oficio."),
        "firma_cargo": _("Escriba el cargo de quien firma el oficio."),
    }
    errores = {campo: mensaje for campo, mensaje in faltan.items() if not datos_oficio[campo]}
    if fecha_oficio is None:
        errores["fecha_oficio"] = _("Escriba la fecha del oficio.")
    elif respuesta.aceptada_en and fecha_oficio < timezone.localdate(respuesta.aceptada_en):
        errores["fecha_oficio"] = _(
            "El oficio no puede ser anterior a la aceptación de la respuesta (%(fecha)s)."
        ) % {"fecha": _fecha(timezone.localdate(respuesta.aceptada_en))}
    if errores:
        raise ValidationError(errores)

    if situacional is None:
        situacional = DiagnosticoSituacional(respuesta=respuesta)
    for campo, valor in datos_oficio.items():
        setattr(situacional, campo, valor)
    situacional.fecha_oficio = fecha_oficio
    situacional.generado_en = timezone.now()
    situacional.generado_por = usuario
    situacional.full_clean(exclude=["respuesta", "pdf", "acuse"])

    contenido_pdf = render_pdf(PLANTILLA_PDF, contexto_pdf(situacional, contenido(respuesta)))
    anterior = situacional.pdf.name if situacional.pdf else ""
    # Un nombre que no se adivina; la descarga lleva uno legible (ver la vista).
    situacional.pdf.save(f"{uuid.uuid4().hex}.pdf", ContentFile(contenido_pdf), save=False)
    try:
        situacional._history_user = usuario
        situacional.save()
    except Exception:
        situacional.pdf.delete(save=False)
        raise
    if anterior:
        almacen = situacional.pdf.storage
        transaction.on_commit(lambda: almacen.delete(anterior), robust=True)
    return situacional


# --- Entregar -------------------------------------------------------------------------------------


def propuestas_cambiadas(situacional):
    """¿Alguien creó, editó o quitó una propuesta de la respuesta después de generar el PDF?

    Entonces el documento ya no muestra las propuestas como quedaron y debe volver a
    generarse antes de entregarlo. Lo dice el historial de las propuestas (una consulta).
    """
    if situacional.generado_en is None:
        return False
    return Propuesta.history.filter(
        respuesta_id=situacional.respuesta_id, history_date__gt=situacional.generado_en
    ).exists()


def _validar_entrega(situacional, entregado_el, medio, acuse):
    errores = {}
    hoy = timezone.localdate()
    if entregado_el is None:
        errores["entregado_el"] = _("Escriba la fecha en que se entregó.")
    elif entregado_el > hoy:
        errores["entregado_el"] = _("La fecha de entrega no puede ser posterior a hoy.")
    elif entregado_el < situacional.fecha_oficio:
        errores["entregado_el"] = _(
            "La fecha de entrega no puede ser anterior a la del oficio (%(fecha)s)."
        ) % {"fecha": _fecha(situacional.fecha_oficio)}
    if not medio:
        errores["medio"] = _("Elija cómo se entregó.")
    elif medio not in DiagnosticoSituacional.Medio.values:
        errores["medio"] = _("Elija una de las formas de entrega de la lista.")
    tipo = ""
    if acuse:
        try:
            tipo, _extension = validar_documento(acuse)
        except ValidationError as error:
            errores["acuse"] = error.messages
    if errores:
        raise ValidationError(errores)
    return tipo


def avisar_entrega(situacional, presentadas):
    """El aviso a las personas responsables de la institución; devuelve el `Reparto`."""
    respuesta = situacional.respuesta
    asunto = _("Diagnóstico situacional de su institución: %(ronda)s") % {
        "ronda": respuesta.aplicacion.nombre
    }

    def armar(elemento):
        return asunto, render_to_string(
            "diagnosticos/correo_situacional_entregado.txt",
            {
                "situacional": elemento,
                "dependencia": respuesta.dependencia,
                "aplicacion": respuesta.aplicacion,
                "n": presentadas,
                "enlace": enlace("diagnosticos:situacional", respuesta.pk),
            },
        )

    return avisar_a_responsables([situacional], armar, lambda s: s.respuesta.dependencia)


def _presentar(respuesta, usuario, ahora):
    """Las propuestas listas de la respuesta pasan a presentadas (con su historial)."""
    listas = list(respuesta.propuestas.filter(estado=EstadoPropuesta.LISTA))
    for propuesta in listas:
        propuesta.estado = EstadoPropuesta.PRESENTADA
        propuesta.actualizada = ahora
        # Una edición abierta antes de presentarla ya no se guarda (ver concurrencia).
        propuesta.revision += 1
    bulk_update_with_history(
        listas, Propuesta, ["estado", "actualizada", "revision"], default_user=usuario
    )


@transaction.atomic
def registrar_entrega(situacional, *, entregado_el, medio, acuse=None, notas="", usuario):
    """Registra la entrega del documento a la persona titular y presenta sus propuestas.

    La fecha no puede ser futura ni anterior a la del oficio; el medio es obligatorio; el
    acuse (opcional) se valida por su contenido: PDF, JPG o PNG. Las propuestas listas pasan a
    `presentada` y el PDF queda fijo. Después de confirmar la transacción sale un correo a las
    personas responsables de la institución; devuelve el `Reparto` de ese aviso. Si algo no es
    válido, lanza ValidationError y no se guarda nada.
    """
    respuesta = _bloquear(situacional.respuesta)
    bloqueado = DiagnosticoSituacional.objects.select_for_update().get(pk=situacional.pk)
    bloqueado.respuesta = respuesta
    if bloqueado.entregado:
        raise ValidationError(
            _("La entrega ya se había registrado el %(fecha)s; no se registró otra vez.")
            % {"fecha": _fecha(bloqueado.entregado_el)},
            code="entregado",
        )
    if not bloqueado.pdf:
        raise ValidationError(
            _("Genere el documento antes de registrar su entrega."), code="sin_pdf"
        )
    tipo = _validar_entrega(bloqueado, entregado_el, medio, acuse)
    borradores = respuesta.propuestas.filter(estado=EstadoPropuesta.BORRADOR).count()
    if borradores:
        raise ValidationError(_texto_borradores(borradores), code="borradores")
    if propuestas_cambiadas(bloqueado):
        raise ValidationError(
            _(
                "Las propuestas cambiaron después de generar el documento (%(fecha)s). Vuelva a "
                "generarlo para que lo entregado las muestre como quedaron."
            )
            % {"fecha": date_format(timezone.localtime(bloqueado.generado_en), "d/m/Y H:i")},
            code="propuestas_cambiadas",
        )

    ahora = timezone.now()
    bloqueado.entregado_el = entregado_el
    bloqueado.medio = medio
    bloqueado.notas_entrega = (notas or "").strip()
    bloqueado.entrega_registrada_por = usuario
    bloqueado.entrega_registrada_en = ahora
    if acuse:
        # `ruta_acuse` arma el nombre con el tipo detectado: se fija antes de guardar.
        bloqueado.acuse_tipo = tipo
        bloqueado.acuse_nombre = PurePath(acuse.name).name[:255]
        bloqueado.acuse_tamano = acuse.size
        bloqueado.acuse.save(acuse.name, acuse, save=False)
    try:
        bloqueado._history_user = usuario
        bloqueado.save()
        _presentar(respuesta, usuario, ahora)
    except Exception:
        # Sin la fila, el acuse quedaría huérfano en el almacenamiento.
        if acuse:
            bloqueado.acuse.delete(save=False)
        raise
    presentadas = respuesta.propuestas.filter(estado=EstadoPropuesta.PRESENTADA).count()
    for campo in (
        "entregado_el",
        "medio",
        "notas_entrega",
        "entrega_registrada_por",
        "entrega_registrada_en",
        "acuse",
        "acuse_tipo",
        "acuse_nombre",
        "acuse_tamano",
    ):
        setattr(situacional, campo, getattr(bloqueado, campo))
    return avisar_entrega(bloqueado, presentadas)


# --- Quién ve qué ---------------------------------------------------------------------------------


def puede_preparar(usuario):
    """Genera y entrega el documento (la Coordinación); ve también los no entregados."""
    return usuario.has_perm("diagnosticos.presentar_propuestas")


def visibles_para(usuario):
    """Los diagnósticos situacionales que la persona puede ver: los de su institución ya
    entregados o, para quien los prepara, todos."""
    visibles = DiagnosticoSituacional.objects.visibles_para(usuario)
    return visibles if puede_preparar(usuario) else visibles.entregados()
