"""El flujo del plan de trabajo: enviar, observar, devolver, aprobar y modificar.

Cada transición bloquea la fila del plan (`select_for_update`) dentro de una transacción y
revisa el estado vigente antes de cambiarlo: dos clics seguidos en «Enviar» o dos personas que
aprueban a la vez producen un solo cambio, un solo correo y un solo PDF. Cuando la transición ya
se había hecho, se lanza `SinCambios` (la vista lo muestra como aviso, no como error); cuando el
estado no la permite, `ValidationError`.
"""

import hashlib
import math

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from planes import notificaciones
from planes.diferencias import instantanea
from planes.models import (
    Actividad,
    Alineacion,
    Devolucion,
    EvidenciaSeguimiento,
    InformeTrimestral,
    Observacion,
    PlanTrabajo,
    Seguimiento,
)
from uig_portal.lib import concurrencia
from uig_portal.lib.pdf import render_pdf

Estado = PlanTrabajo.Estado

#: Campos de una actividad que una modificación copia tal cual (`origen` apunta a la copiada).
CAMPOS_COPIADOS = [
    f.name
    for f in Actividad._meta.concrete_fields
    if f.name not in {"id", "plan", "origen", "revision", "actualizada"}
]
#: Campos de un seguimiento que pasan a la nueva versión tal cual.
CAMPOS_SEGUIMIENTO = [
    "valor_alcanzado",
    "estado",
    "motivo_cancelacion",
    "monto_ejercido",
    "narrativa",
    "comentario_coordinacion",
]
#: Campos de una evidencia que pasan a la nueva versión; el archivo es el mismo (no se copia).
CAMPOS_EVIDENCIA = ["nombre_original", "tipo_contenido", "tamano", "subida_por_id"]


class SinCambios(Exception):
    """La transición ya se había hecho (p. ej., un doble clic): no se repitió nada.

    `plan` es el plan al que conviene llevar a la persona (el mismo o su versión posterior).
    """

    def __init__(self, mensaje, plan=None):
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.plan = plan


class ObservacionesSinRespuesta(ValidationError):
    """Hay más observaciones sin respuesta ni marca de las que la persona vio al confirmar."""

    def __init__(self, n):
        self.n = n
        super().__init__(
            ngettext(
                "%(n)s observación de la Coordinación sigue sin respuesta y sin marcar como "
                "atendida. Revísela antes de reenviar el plan, o confirme que lo reenvía así.",
                "%(n)s observaciones de la Coordinación siguen sin respuesta y sin marcar como "
                "atendidas. Revíselas antes de reenviar el plan, o confirme que lo reenvía así.",
                n,
            )
            % {"n": n}
        )


class PlanIncompleto(ValidationError):
    """El plan no se puede enviar; `faltantes` dice qué le falta, por partes."""

    def __init__(self, faltantes):
        self.faltantes = faltantes
        super().__init__(resumen_faltantes(faltantes))


# --- Lecturas que comparten la página, la confirmación, el PDF y las transiciones ---------------


def actividades_de(plan):
    """Las actividades del plan en orden, con su alineación y su programa presupuestario ya
    cargados (2 consultas)."""
    return list(plan.actividades.select_related("programa").prefetch_related("alineaciones"))


def resumen_alineacion(actividades):
    """La unión de las alineaciones de las actividades, agrupada por catálogo.

    Devuelve [(etiqueta del catálogo, [Alineacion, ...]), ...] en el orden de los catálogos y,
    dentro de cada uno, por clave. No hace consultas si las alineaciones ya están cargadas.
    """
    por_tipo = {}
    for actividad in actividades:
        for alineacion in actividad.alineaciones.all():
            por_tipo.setdefault(alineacion.tipo, {})[alineacion.pk] = alineacion
    return [
        (tipo.label, sorted(por_tipo[tipo].values(), key=lambda a: orden_de_clave(a.clave)))
        for tipo in Alineacion.Tipo
        if tipo in por_tipo
    ]


def orden_de_clave(clave):
    """Ordena «2.10.10» después de «2.10.9» y los números romanos por su valor."""
    romanos = {"I": 1, "V": 5, "X": 10, "L": 50}
    if clave and all(c in romanos for c in clave.upper()):
        total = 0
        for actual, siguiente in zip(clave.upper(), clave.upper()[1:] + " ", strict=True):
            valor = romanos[actual]
            total += -valor if romanos.get(siguiente, 0) > valor else valor
        return (0, (total,), clave)
    partes = tuple(int(p) if p.isdigit() else 0 for p in clave.split("."))
    return (1, partes, clave)


def plan_faltantes(*, plan, actividades):
    """Lo que le falta al plan para poder enviarse, como [(parte, [lo que falta]), ...].

    Revisa el encabezado (titular y compromiso), que haya actividades, y de cada actividad lo
    obligatorio (`Actividad.faltantes`) y sus reglas (`Actividad.full_clean`). Una lista vacía
    significa que se puede enviar. No consulta la base si `actividades` trae su alineación.
    """
    faltantes = []
    encabezado = []
    if not plan.titular_unidad.strip():
        encabezado.append(str(PlanTrabajo._meta.get_field("titular_unidad").verbose_name))
    if not plan.compromiso.strip():
        encabezado.append(str(PlanTrabajo._meta.get_field("compromiso").verbose_name))
    if not actividades:
        encabezado.append(_("al menos una actividad"))
    if encabezado:
        faltantes.append((_("Encabezado del plan"), encabezado))
    for numero, actividad in enumerate(actividades, start=1):
        detalle = actividad.faltantes(alineaciones=list(actividad.alineaciones.all()))
        try:
            # Sin «plan»: validar la llave foránea costaría una consulta por actividad.
            actividad.full_clean(
                exclude=["plan"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for campo, mensajes in error.message_dict.items():
                etiqueta = (
                    ""
                    if campo == NON_FIELD_ERRORS
                    else f"{Actividad._meta.get_field(campo).verbose_name}: "
                )
                detalle.extend(f"{etiqueta}{mensaje}" for mensaje in mensajes)
        if detalle:
            faltantes.append((etiqueta_actividad(numero, actividad), detalle))
    return faltantes


def etiqueta_actividad(numero, actividad):
    descripcion = actividad.descripcion.strip()
    if not descripcion:
        return _("Actividad %(n)s (sin describir)") % {"n": numero}
    if len(descripcion) > 60:
        descripcion = descripcion[:59].rstrip() + "…"
    return _("Actividad %(n)s («%(descripcion)s»)") % {"n": numero, "descripcion": descripcion}


def resumen_faltantes(faltantes, limite=8):
    """Una línea legible con lo que falta, para un mensaje; la lista completa va en la página."""
    partes = [f"{parte}: {', '.join(lista)}" for parte, lista in faltantes[:limite]]
    if len(faltantes) > limite:
        partes.append(
            _("y %(n)s partes más (vea la lista completa en la página)")
            % {"n": len(faltantes) - limite}
        )
    return _("No se envió el plan porque le falta lo siguiente. %(detalle)s.") % {
        "detalle": "; ".join(partes).rstrip(".")
    }


def huella(plan, actividades):
    """Una marca del contenido del plan tal como se mostró en una confirmación.

    Cambia si el plan o cualquiera de sus actividades se guardó, o si se volvió a enviar: así
    se confirma exactamente lo que la persona vio.
    """
    partes = [
        plan.pk,
        plan.revision,
        plan.actualizado.isoformat(),
        plan.estado,
        *[(a.pk, a.revision, a.actualizada.isoformat()) for a in actividades],
    ]
    return hashlib.sha256(repr(partes).encode()).hexdigest()[:20]


#: Columnas del PDF: (campos que van en la celda, caracteres que caben en una línea).
COLUMNAS_PDF = [
    (("eje", "area_oportunidad", "objetivo", "estrategia", "linea_accion"), 34),
    (("descripcion",), 23),
    (("indicador", "formula", "unidad_medida"), 21),
    (("medio_verificacion",), 15),
    (("area_responsable", "recursos", "programa_presupuestario"), 17),
    (("resultado_esperado",), 16),
]
#: Líneas de texto que caben en una página horizontal bajo el encabezado de la tabla.
LINEAS_POR_PAGINA = 38


def actividades_largas(actividades):
    """Las actividades cuya fila no cabría en una sola página del PDF (estimado por columna).

    Esas filas sí se parten entre páginas: WeasyPrint deja de repetir el encabezado de la tabla
    cuando una fila que «no se parte» es más alta que la página.
    """
    largas = set()
    for actividad in actividades:
        for campos, ancho in COLUMNAS_PDF:
            lineas = sum(
                max(1, math.ceil(len(renglon) / ancho))
                for campo in campos
                for renglon in (str(getattr(actividad, campo) or "").splitlines() or [""])
            )
            if lineas > LINEAS_POR_PAGINA:
                largas.add(actividad.pk)
                break
    return largas


def cadena_css(texto):
    """Texto seguro dentro de una cadena CSS entre comillas (encabezados y pies de página).

    Todo lo que no es letra, número o puntuación inofensiva se escribe como escape hexadecimal
    de CSS, así que ni unas comillas ni un «</style>» en el nombre de una institución rompen la
    hoja de estilos. El espacio que cierra cada escape lo consume CSS, no se imprime.
    """
    return "".join(
        c if c.isalnum() or c in " .,;:()-–—·/" else f"\\{ord(c):x} " for c in str(texto)
    )


def contexto_pdf(plan, actividades=None):
    actividades = actividades_de(plan) if actividades is None else actividades
    dependencia = plan.unidad.dependencia
    oficial = plan.estado == Estado.APROBADO
    generado = timezone.now()
    encabezado = _("%(siglas)s · Plan de trabajo %(anio)s · versión %(version)s") % {
        "siglas": dependencia.siglas,
        "anio": plan.anio,
        "version": plan.version,
    }
    if plan.es_modificacion:
        encabezado += " " + _("(modificación %(n)s)") % {"n": plan.version - 1}
    if oficial:
        pie = _("Aprobado el %(fecha)s · Coordinación de Unidades de Igualdad de Género") % {
            "fecha": date_format(timezone.localtime(plan.aprobado_en), "d/m/Y")
        }
    else:
        pie = _("BORRADOR — sin validez oficial · vista previa del %(fecha)s") % {
            "fecha": date_format(timezone.localtime(generado), "d/m/Y H:i")
        }
    return {
        "plan": plan,
        "dependencia": dependencia,
        "actividades": actividades,
        "alineacion": resumen_alineacion(actividades),
        "largas": actividades_largas(actividades),
        "oficial": oficial,
        "generado": generado,
        "encabezado_css": cadena_css(encabezado),
        "pie_css": cadena_css(pie),
    }


def nombre_pdf(plan, *, borrador=False):
    nombre = f"plan-{slugify(plan.unidad.dependencia.siglas)}-{plan.anio}-v{plan.version}"
    return f"{nombre}-borrador.pdf" if borrador else f"{nombre}.pdf"


# --- Transiciones ---------------------------------------------------------------------------------


def _bloquear(plan):
    """Vuelve a leer el plan con su fila bloqueada hasta el fin de la transacción."""
    return (
        PlanTrabajo.objects.select_for_update(of=("self",))
        .select_related("unidad__dependencia", "aprobado_por")
        .get(pk=plan.pk)
    )


def _fecha(valor):
    return date_format(timezone.localtime(valor), "d/m/Y H:i") if valor else "—"


def _comprobar_huella(plan, actividades, huella_vista):
    if huella_vista and huella_vista != huella(plan, actividades):
        raise ValidationError(
            _(
                "El plan cambió desde que abrió la confirmación. Revise su contenido actual y "
                "confirme de nuevo."
            )
        )


@transaction.atomic
def plan_enviar(*, plan, usuario, huella_vista=None, sin_respuesta_vistas=None):
    """Envía el plan a revisión (desde borrador o con observaciones) y avisa a la Coordinación.

    Reenviar no marca las observaciones como atendidas: eso lo dice la unidad en cada una
    (`observacion_responder`). Si `sin_respuesta_vistas` se da (cuántas observaciones sin
    respuesta ni marca vio la persona al confirmar) y ahora hay más, no se envía
    (`ObservacionesSinRespuesta`): reenviar con observaciones sin tocar se permite, pero a
    sabiendas. Al reenviar se guarda una instantánea del plan en su última devolución, para
    que la Coordinación vea qué cambió.
    """
    plan = _bloquear(plan)
    if plan.estado == Estado.ENVIADO:
        raise SinCambios(
            _("El plan ya se había enviado a revisión el %(fecha)s; no se volvió a enviar.")
            % {"fecha": _fecha(plan.enviado_en)},
            plan,
        )
    if plan.estado == Estado.APROBADO:
        raise ValidationError(
            _("El plan ya está aprobado. Para cambiarlo, solicite una modificación.")
        )
    actividades = actividades_de(plan)
    _comprobar_huella(plan, actividades, huella_vista)
    faltantes = plan_faltantes(plan=plan, actividades=actividades)
    if faltantes:
        raise PlanIncompleto(faltantes)
    reenvio = plan.estado == Estado.CON_OBSERVACIONES
    if reenvio and sin_respuesta_vistas is not None:
        sin_respuesta = plan.observaciones.sin_respuesta().count()
        if sin_respuesta > sin_respuesta_vistas:
            raise ObservacionesSinRespuesta(sin_respuesta)
    plan.estado = Estado.ENVIADO
    plan.enviado_en = timezone.now()
    plan._history_user = usuario
    plan.save(update_fields=["estado", "enviado_en", "actualizado"])
    if reenvio:
        devolucion = plan.devoluciones.filter(reenviada_en__isnull=True).last()
        if devolucion is not None:
            devolucion.reenviada_en = plan.enviado_en
            devolucion.reenviada_por = usuario
            devolucion.instantanea_reenvio = instantanea(plan, actividades)
            devolucion.save(update_fields=["reenviada_en", "reenviada_por", "instantanea_reenvio"])
    notificaciones.avisar_envio(plan, reenvio=reenvio, actividades=len(actividades))
    return plan


@transaction.atomic
def plan_observar(*, plan, usuario, texto, actividad=None):
    """Agrega una observación de la Coordinación al plan o a una de sus actividades."""
    plan = _bloquear(plan)
    if plan.estado != Estado.ENVIADO:
        raise ValidationError(
            _("Solo se hacen observaciones mientras el plan está enviado a revisión.")
        )
    if actividad is not None and actividad.plan_id != plan.pk:
        raise ValidationError(_("La actividad no pertenece a este plan."))
    texto = texto.strip()
    if not texto:
        raise ValidationError(_("Escriba la observación."))
    observacion = Observacion(
        plan=plan,
        actividad=actividad,
        etiqueta_actividad=actividad.descripcion[:200] if actividad is not None else "",
        texto=texto,
        autor=usuario,
    )
    observacion._history_user = usuario
    observacion.save()
    return observacion


@transaction.atomic
def plan_devolver(*, plan, usuario):
    """Devuelve el plan a la unidad con las observaciones pendientes y le avisa por correo.

    Pide al menos una observación nueva (escrita en esta revisión): las pendientes de una
    vuelta anterior siguen a la vista de la unidad, pero no bastan para devolver. Guarda una
    instantánea del plan tal como se devolvió (`Devolucion`) para compararla con el reenvío.
    """
    plan = _bloquear(plan)
    if plan.estado == Estado.CON_OBSERVACIONES:
        raise SinCambios(_("El plan ya se había devuelto con observaciones."), plan)
    if plan.estado != Estado.ENVIADO:
        raise ValidationError(_("Solo se devuelve un plan que está enviado a revisión."))
    nuevas = plan.observaciones.pendientes().filter(devolucion__isnull=True)
    if not nuevas.exists():
        raise ValidationError(
            _(
                "Para devolver el plan, escriba antes al menos una observación: la unidad necesita "
                "saber qué corregir."
            )
        )
    actividades = actividades_de(plan)
    devolucion = Devolucion.objects.create(
        plan=plan, devuelta_por=usuario, instantanea=instantanea(plan, actividades)
    )
    # update() y no save(): a qué devolución pertenece no es un cambio que la bitácora muestre.
    nuevas.update(devolucion=devolucion)
    plan.estado = Estado.CON_OBSERVACIONES
    plan._history_user = usuario
    plan.save(update_fields=["estado", "actualizado"])
    pendientes = list(plan.observaciones.pendientes().select_related("actividad"))
    numeros = {a.pk: n for n, a in enumerate(actividades, start=1)}
    notificaciones.avisar_devolucion(plan, pendientes, numeros)
    return plan


@transaction.atomic
def observacion_responder(*, observacion, usuario, respuesta, atendida, revision_vista):
    """Guarda la respuesta de la unidad a una observación y si la da por atendida.

    Solo mientras el plan está devuelto con observaciones. Con `revision_vista` distinta de la
    vigente (otra persona respondió después de que esta abrió la página) no se guarda nada y se
    lanza `concurrencia.EdicionVieja`, como en el editor.
    """
    plan = _bloquear(observacion.plan)
    if plan.estado != Estado.CON_OBSERVACIONES:
        raise ValidationError(
            _(
                "Las observaciones se responden mientras el plan está devuelto con "
                "observaciones; este plan está «%(estado)s»."
            )
            % {"estado": plan.get_estado_display()},
            code="no_editable",
        )
    respuesta = (respuesta or "").strip()
    if not respuesta and not atendida:
        raise ValidationError(_("Escriba una respuesta o marque la observación como atendida."))
    if len(respuesta) > Observacion.LARGO_RESPUESTA:
        raise ValidationError(
            _("La respuesta admite hasta %(limite)s caracteres.")
            % {"limite": number_format(Observacion.LARGO_RESPUESTA, force_grouping=True)}
        )
    observacion = Observacion.objects.get(pk=observacion.pk, plan=plan)
    # Comparar y subir la revisión en un solo UPDATE: de dos respuestas a la vez, una se guarda.
    concurrencia.avanzar(
        observacion,
        revision_vista,
        que=_("esta observación"),
        usuario=usuario,
        momento="respondida_en",
    )
    observacion.respuesta = respuesta
    observacion.atendida = bool(atendida)
    observacion.respondida_por = usuario
    observacion.respondida_en = timezone.now()
    observacion._history_user = usuario
    observacion.save(
        update_fields=["respuesta", "atendida", "respondida_por", "respondida_en", "revision"]
    )
    return observacion


@transaction.atomic
def plan_aprobar(*, plan, usuario, huella_vista=None):
    """Aprueba el plan enviado, genera su PDF oficial una sola vez y avisa a la unidad.

    El PDF se guarda en `pdf_oficial` y desde entonces es el que se descarga: si después
    cambian las plantillas o los catálogos, el documento aprobado sigue siendo el mismo.

    Si es una modificación, el seguimiento trimestral de la versión anterior pasa a esta
    (`seguimiento_trasladar`): lo enviado sigue enviado y el avance no se pierde.
    """
    plan = _bloquear(plan)
    if plan.estado == Estado.APROBADO:
        raise SinCambios(
            _(
                "El plan ya estaba aprobado desde el %(fecha)s; no se volvió a aprobar ni se "
                "generó otro PDF."
            )
            % {"fecha": _fecha(plan.aprobado_en)},
            plan,
        )
    if plan.estado != Estado.ENVIADO:
        raise ValidationError(_("Solo se aprueba un plan que está enviado a revisión."))
    actividades = actividades_de(plan)
    _comprobar_huella(plan, actividades, huella_vista)
    plan.estado = Estado.APROBADO
    plan.aprobado_en = timezone.now()
    plan.aprobado_por = usuario
    pdf = render_pdf("planes/plan_pdf.html", contexto_pdf(plan, actividades))
    plan.pdf_oficial.save(nombre_pdf(plan), ContentFile(pdf), save=False)
    try:
        plan._history_user = usuario
        plan.save(
            update_fields=["estado", "aprobado_en", "aprobado_por", "pdf_oficial", "actualizado"]
        )
    except Exception:
        # Sin la fila, el archivo quedaría huérfano en el almacenamiento.
        plan.pdf_oficial.delete(save=False)
        raise
    if plan.anterior_id is not None:
        seguimiento_trasladar(nuevo=plan, usuario=usuario)
    notificaciones.avisar_aprobacion(plan)
    return plan


@transaction.atomic
def plan_modificar(*, plan, usuario, motivo):
    """Abre una modificación numerada de un plan aprobado: una nueva versión en borrador.

    Copia el encabezado y todas las actividades con su alineación; la versión aprobada queda
    intacta, con su PDF, y la nueva apunta a ella. Cada actividad copiada apunta a su original
    (`Actividad.origen`), para que su seguimiento continúe cuando se apruebe la modificación.
    """
    plan = _bloquear(plan)
    posterior = PlanTrabajo.objects.filter(anterior=plan).first()
    if posterior is not None:
        raise SinCambios(
            _("Este plan ya tiene una versión posterior (versión %(n)s); trabaje sobre ella.")
            % {"n": posterior.version},
            posterior,
        )
    if plan.estado != Estado.APROBADO:
        raise ValidationError(_("Solo se modifica un plan aprobado."))
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError(_("Escriba el motivo de la modificación."))
    nuevo = PlanTrabajo(
        unidad=plan.unidad,
        anio=plan.anio,
        version=plan.version + 1,
        anterior=plan,
        motivo_modificacion=motivo,
        titular_unidad=plan.titular_unidad,
        compromiso=plan.compromiso,
    )
    nuevo._history_user = usuario
    nuevo.full_clean(exclude=["anterior"])
    nuevo.save()
    originales = actividades_de(plan)
    copias = bulk_create_with_history(
        [
            Actividad(
                plan=nuevo, origen=a, **{campo: getattr(a, campo) for campo in CAMPOS_COPIADOS}
            )
            for a in originales
        ],
        Actividad,
        default_user=usuario,
    )
    Alineaciones = Actividad.alineaciones.through
    Alineaciones.objects.bulk_create(
        [
            Alineaciones(actividad_id=copia.pk, alineacion_id=alineacion.pk)
            for original, copia in zip(originales, copias, strict=True)
            for alineacion in original.alineaciones.all()
        ]
    )
    return nuevo


@transaction.atomic
def seguimiento_trasladar(*, nuevo, usuario):
    """Lleva el seguimiento trimestral de la versión anterior del plan a la versión `nuevo`.

    Se llama al aprobar una modificación. Cada informe de la versión anterior (enviado o en
    captura) se copia a la nueva con su estado, su fecha de envío y la versión en que se envió;
    el avance de cada actividad que continúa (`Actividad.origen`), con sus evidencias y el
    comentario de la Coordinación, pasa a la actividad de la nueva versión. El de una
    actividad eliminada en la modificación se queda en la versión anterior, que conserva todo
    tal como se reportó. Los trimestres que la nueva versión ya tenga no se tocan. Devuelve
    los informes creados.
    """
    # La fila de la versión anterior bloqueada: la captura bloquea la misma fila antes de
    # guardar, así que nada se guarda en la versión anterior mientras se copia ni después.
    anterior = PlanTrabajo.objects.select_for_update(of=("self",)).get(pk=nuevo.anterior_id)
    ya_tiene = set(nuevo.informes.values_list("trimestre", flat=True))
    informes = [i for i in anterior.informes.order_by("trimestre") if i.trimestre not in ya_tiene]
    if not informes:
        return []
    Enviado = InformeTrimestral.Estado.ENVIADO
    historial = {
        "default_user": usuario,
        "default_change_reason": _("Traído de la versión %(version)s al aprobar la modificación.")
        % {"version": anterior.version},
    }
    copias = bulk_create_with_history(
        [
            InformeTrimestral(
                plan=nuevo,
                trimestre=i.trimestre,
                estado=i.estado,
                enviado_en=i.enviado_en,
                enviado_por_id=i.enviado_por_id,
                enviado_en_version=(i.enviado_en_version or anterior.version)
                if i.estado == Enviado
                else None,
            )
            for i in informes
        ],
        InformeTrimestral,
        **historial,
    )
    informe_nuevo = {i.pk: c for i, c in zip(informes, copias, strict=True)}
    continuacion = dict(
        nuevo.actividades.filter(origen__plan=anterior).values_list("origen_id", "pk")
    )
    seguimientos = list(
        Seguimiento.objects.filter(informe__in=informes, actividad_id__in=continuacion)
        .prefetch_related("evidencias")
        .order_by("pk")
    )
    nuevos = bulk_create_with_history(
        [
            Seguimiento(
                informe=informe_nuevo[s.informe_id],
                actividad_id=continuacion[s.actividad_id],
                **{campo: getattr(s, campo) for campo in CAMPOS_SEGUIMIENTO},
            )
            for s in seguimientos
        ],
        Seguimiento,
        **historial,
    )
    originales, evidencias = [], []
    for s, copia in zip(seguimientos, nuevos, strict=True):
        for e in s.evidencias.all():
            originales.append(e)
            evidencias.append(
                EvidenciaSeguimiento(
                    seguimiento=copia,
                    archivo=e.archivo.name,
                    **{campo: getattr(e, campo) for campo in CAMPOS_EVIDENCIA},
                )
            )
    if evidencias:
        evidencias = bulk_create_with_history(evidencias, EvidenciaSeguimiento, **historial)
        # `subida_en` se llena sola al crear: se le devuelve la fecha en que se subió.
        for original, evidencia in zip(originales, evidencias, strict=True):
            evidencia.subida_en = original.subida_en
        EvidenciaSeguimiento.objects.bulk_update(evidencias, ["subida_en"])
    return copias
