"""Certificación en estándares de competencia: tablero por etapa, alta de un proceso, su ficha
y el paso de una etapa a la siguiente.

Los procesos se obtienen con `Certificacion.objects.visibles_para(usuario)`: una institución
ve solo los suyos (otro es un 404) y solo la Coordinación los cambia. Las reglas de las etapas
son de `Certificacion.avanzar`; la vista bloquea la fila y comprueba que el proceso siga en la
etapa que la persona veía, para que un doble clic o dos pestañas no avancen dos veces.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, DateField, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capacitacion.forms.certificacion import (
    AvanzarForm,
    BuscarParticipanteForm,
    CertificacionNuevaForm,
    TableroFiltroForm,
)
from capacitacion.models import Certificacion, EstandarCompetencia, Participante
from uig_portal.lib.cifras import porcentaje_exacto
from uig_portal.lib.historial import entradas
from unidades.models import Dependencia

Estado = Certificacion.Estado

ESTANDAR_PREDETERMINADO = "EC0308"
#: Tarjetas por columna del tablero; el resto se ve en la lista de la etapa.
POR_COLUMNA = 25
POR_PAGINA = 50
#: Candidaturas que muestra la búsqueda de personas.
CANDIDATOS = 20
#: Registros del historial en la ficha (los más recientes).
HISTORIAL = 50
#: Juicio emitido: la persona ya fue evaluada y tiene resultado vigente.
CON_JUICIO = (Estado.COMPETENTE, Estado.NO_COMPETENTE, Estado.CERTIFICADA)
#: Pasos de la línea del proceso en la ficha; el juicio es uno solo, con su resultado.
PASOS = [
    (gettext_lazy("Inscrita"), (Estado.INSCRITA,), "fecha_inscripcion"),
    (gettext_lazy("Alineación"), (Estado.ALINEACION,), "fecha_alineacion"),
    (gettext_lazy("Evaluación"), (Estado.EN_EVALUACION,), "fecha_evaluacion"),
    (gettext_lazy("Juicio"), (Estado.COMPETENTE, Estado.NO_COMPETENTE), "fecha_juicio"),
    (gettext_lazy("Certificada"), (Estado.CERTIFICADA,), "fecha_certificado"),
]


def _fecha_etapa():
    """La fecha en que cada proceso llegó a su etapa actual (un campo distinto por etapa)."""
    return Case(
        *(When(estado=etapa, then=F(campo)) for etapa, campo in Certificacion.CAMPO_FECHA.items()),
        output_field=DateField(),
    )


def _orden():
    """Lo más reciente primero: lo que acaba de moverse está arriba de su columna."""
    return [F("fecha_etapa").desc(nulls_last=True), F("participante__nombre").asc(), F("pk").asc()]


def _filtrar(procesos, filtros):
    if filtros["estandar"]:
        procesos = procesos.filter(estandar_id=filtros["estandar"])
    if filtros["dependencia"]:
        procesos = procesos.filter(dependencia_id=filtros["dependencia"])
    if filtros["sector"]:
        procesos = procesos.filter(dependencia__sector=filtros["sector"])
    if filtros["q"]:
        procesos = procesos.filter(participante__nombre__icontains=" ".join(filtros["q"].split()))
    return procesos


def resumen(conteos):
    """Cifras del tablero a partir de los procesos por etapa.

    La tasa de competencia es la proporción de juicios favorables (competente o ya
    certificada) entre los juicios vigentes; sin juicios no hay tasa (None).
    """
    total = sum(conteos.values())
    certificadas = conteos.get(Estado.CERTIFICADA, 0)
    favorables = conteos.get(Estado.COMPETENTE, 0) + certificadas
    juicios = favorables + conteos.get(Estado.NO_COMPETENTE, 0)
    return {
        "total": total,
        "en_proceso": total - certificadas,
        "certificadas": certificadas,
        "juicios": juicios,
        "tasa": porcentaje_exacto(favorables, juicios),
    }


# --- Tablero --------------------------------------------------------------------------------------


@require_GET
@permission_required("capacitacion.view_certificacion", raise_exception=True)
def certificacion_tablero(request):
    """Personas por etapa, con filtros; `?etapa=` muestra la lista completa de una etapa."""
    usuario = request.user
    vista_global = usuario.ve_todas_las_dependencias
    estandares = list(EstandarCompetencia.objects.order_by("clave"))
    datos = request.GET.copy()
    if "estandar" not in datos:
        # Sin elección explícita se ve el EC0308, el estándar que promueve la Coordinación;
        # «Todos los estándares» llega como estandar= vacío.
        predeterminado = next((e for e in estandares if e.clave == ESTANDAR_PREDETERMINADO), None)
        datos["estandar"] = str(predeterminado.pk) if predeterminado else ""
    dependencias = sectores = None
    if vista_global:
        # Solo las instituciones con algún proceso: la lista sirve para filtrar, no para elegir.
        filas = list(
            Dependencia.objects.filter(pk__in=Certificacion.objects.values("dependencia"))
            .order_by("siglas")
            .values_list("pk", "siglas", "nombre", "sector")
        )
        dependencias = [fila[:3] for fila in filas]
        sectores = sorted({fila[3] for fila in filas if fila[3]})
    form = TableroFiltroForm(
        datos, estandares=estandares, dependencias=dependencias, sectores=sectores
    )
    filtros = form.filtros()
    procesos = _filtrar(Certificacion.objects.visibles_para(usuario), filtros)
    conteos = dict(procesos.order_by().values_list("estado").annotate(n=Count("pk")))
    contexto = {
        "form": form,
        "filtros": filtros,
        "hay_filtros": any(filtros[c] for c in ("dependencia", "sector", "q")),
        "vista_global": vista_global,
        "resumen": resumen(conteos),
        "etapas": [(e, e.label, conteos.get(e, 0)) for e in Estado],
        "mostrar_estandar": not filtros["estandar"],
        "por_columna": POR_COLUMNA,
    }
    etapa = request.GET.get("etapa", "")
    if etapa in Estado.values:
        lista = (
            procesos.filter(estado=etapa)
            .annotate(fecha_etapa=_fecha_etapa())
            .select_related("participante", "dependencia", "estandar")
            .order_by(*_orden())
        )
        pagina = Paginator(lista, POR_PAGINA).get_page(request.GET.get("page"))
        contexto.update(
            etapa=Estado(etapa), page_obj=pagina, procesos=pagina.object_list, columnas=None
        )
        return render(request, "capacitacion/certificacion/tablero.html", contexto)
    # Una sola consulta para todas las columnas: las primeras POR_COLUMNA de cada etapa.
    tarjetas = (
        procesos.annotate(fecha_etapa=_fecha_etapa())
        .annotate(fila=Window(RowNumber(), partition_by=[F("estado")], order_by=_orden()))
        .filter(fila__lte=POR_COLUMNA)
        .select_related("participante", "dependencia", "estandar")
        .order_by("estado", "fila")
    )
    por_etapa = {e: [] for e in Estado}
    for proceso in tarjetas:
        por_etapa[proceso.estado].append(proceso)
    contexto["columnas"] = [
        {
            "estado": e,
            "etiqueta": e.label,
            "total": conteos.get(e, 0),
            "tarjetas": por_etapa[e],
            "hay_mas": conteos.get(e, 0) > POR_COLUMNA,
        }
        for e in Estado
    ]
    return render(request, "capacitacion/certificacion/tablero.html", contexto)


# --- Alta -----------------------------------------------------------------------------------------


def _buscar(participantes, texto):
    texto = " ".join(texto.split())
    return (
        participantes.filter(
            Q(nombre__icontains=texto)
            | Q(correo__icontains=texto.lower())
            | Q(curp__startswith=texto.upper())
        )
        .select_related("dependencia")
        .order_by("nombre", "pk")
    )


@transaction.atomic
def inscribir(*, participante, estandar, evento, fecha, curp, observaciones, usuario):
    """Abre el proceso de una persona en un estándar; guarda su CURP si no la tenía.

    La fila de la persona se bloquea para que dos envíos del mismo formulario no abran dos
    procesos; si ya hay uno para ese estándar no se guarda nada (tampoco la CURP).
    """
    participante = Participante.objects.select_for_update().get(pk=participante.pk)
    existente = (
        Certificacion.objects.filter(participante=participante, estandar=estandar)
        .only("estado")
        .first()
    )
    if existente is not None:
        raise ValidationError(
            {
                "estandar": _(
                    "%(nombre)s ya está en el proceso del estándar %(clave)s (etapa: %(etapa)s)."
                )
                % {
                    "nombre": participante.nombre,
                    "clave": estandar.clave,
                    "etapa": existente.get_estado_display(),
                }
            }
        )
    if not participante.curp:
        if not curp:
            raise ValidationError({"curp": _("Escriba la CURP: la certificación la necesita.")})
        participante.curp = curp
        participante._change_reason = _("CURP para la certificación")
        participante.save()
    certificacion = Certificacion(
        participante=participante,
        estandar=estandar,
        dependencia_id=participante.dependencia_id,
        evento=evento,
        fecha_inscripcion=fecha,
        observaciones=observaciones.strip(),
        actualizada_por=usuario,
    )
    certificacion._change_reason = _("Inscripción al proceso")
    try:
        with transaction.atomic():
            certificacion.save()
    except IntegrityError as error:
        raise ValidationError(
            {"estandar": _("Esa persona ya está en el proceso de ese estándar.")}
        ) from error
    return certificacion


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.add_certificacion", raise_exception=True)
def certificacion_nueva(request):
    """Primero se busca y elige a la persona (`?participante=`), luego el estándar y la fecha.

    El formulario de búsqueda se envía por POST para que un correo o una CURP escritos no
    queden en la dirección ni en las bitácoras; `?q=` también funciona para enlaces.
    """
    personas = Participante.objects.visibles_para(request.user)
    elegida = request.GET.get("participante", "")
    if not elegida.isdigit():
        if request.method == "POST":
            busqueda = BuscarParticipanteForm(request.POST)
        else:
            busqueda = BuscarParticipanteForm(request.GET if "q" in request.GET else None)
        candidatos = []
        if busqueda.is_bound and busqueda.is_valid():
            candidatos = list(_buscar(personas, busqueda.cleaned_data["q"])[: CANDIDATOS + 1])
        return render(
            request,
            "capacitacion/certificacion/nueva.html",
            {
                "busqueda": busqueda,
                "candidatos": candidatos[:CANDIDATOS],
                "hay_mas": len(candidatos) > CANDIDATOS,
            },
        )
    participante = get_object_or_404(personas.select_related("dependencia"), pk=elegida)
    form = CertificacionNuevaForm(request.POST or None, participante=participante)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            certificacion = inscribir(
                participante=participante,
                estandar=datos["estandar"],
                evento=datos["evento"],
                fecha=datos["fecha_inscripcion"],
                curp=datos.get("curp", ""),
                observaciones=datos["observaciones"],
                usuario=request.user,
            )
        except ValidationError as error:
            for campo, mensajes in error.message_dict.items():
                for mensaje in mensajes:
                    form.add_error(campo if campo in form.fields else None, mensaje)
        else:
            messages.success(
                request,
                _("%(nombre)s quedó inscrita en el proceso del estándar %(clave)s.")
                % {"nombre": participante.nombre, "clave": datos["estandar"].clave},
            )
            curp = datos.get("curp")
            if curp and Participante.objects.filter(curp=curp).exclude(pk=participante.pk).exists():
                messages.warning(
                    request,
                    _(
                        "Otra persona registrada tiene la misma CURP: puede ser un registro "
                        "duplicado. Revíselo en «Posibles duplicados»."
                    ),
                )
            return redirect(certificacion)
    procesos = list(
        participante.certificaciones.select_related("estandar").order_by("estandar__clave")
    )
    return render(
        request,
        "capacitacion/certificacion/nueva.html",
        {
            "participante": participante,
            "form": form,
            "procesos": procesos,
            "hay_errores": form.is_bound and bool(form.errors),
        },
    )


# --- Ficha y paso de etapa ------------------------------------------------------------------------


def _pasos(certificacion):
    """La línea del proceso: cada paso con su fecha y si ya pasó o es el actual."""
    actual = next(i for i, (_e, etapas, _c) in enumerate(PASOS) if certificacion.estado in etapas)
    pasos = []
    for posicion, (etiqueta, _etapas, campo) in enumerate(PASOS):
        pasos.append(
            {
                "numero": posicion + 1,
                "etiqueta": etiqueta,
                "fecha": getattr(certificacion, campo),
                "hecho": posicion < actual,
                "actual": posicion == actual,
            }
        )
    return pasos


def _detalle(request, pk, enviado=None):
    """La ficha de un proceso; `enviado` es el formulario de paso que volvió con errores."""
    certificacion = get_object_or_404(
        Certificacion.objects.visibles_para(request.user).select_related(
            "participante", "dependencia", "estandar", "evento", "actualizada_por"
        ),
        pk=pk,
    )
    formularios = []
    if request.user.has_perm("capacitacion.change_certificacion"):
        for destino in certificacion.siguientes():
            if enviado is not None and enviado.hacia == destino:
                formularios.append(enviado)
            else:
                formularios.append(AvanzarForm(certificacion=certificacion, destino=destino))
    registros = list(certificacion.history.select_related("history_user")[:HISTORIAL])
    historial = entradas(registros, etiqueta=_("Proceso"))
    for entrada, registro in zip(historial, registros, strict=True):
        entrada.motivo = registro.history_change_reason or ""
    return render(
        request,
        "capacitacion/certificacion/detalle.html",
        {
            "certificacion": certificacion,
            "persona": certificacion.participante,
            "pasos": _pasos(certificacion),
            "formularios": formularios,
            "historial": historial,
            "con_juicio": certificacion.estado in CON_JUICIO,
        },
    )


@require_GET
@permission_required("capacitacion.view_certificacion", raise_exception=True)
def certificacion_detalle(request, pk):
    return _detalle(request, pk)


@require_POST
@permission_required("capacitacion.change_certificacion", raise_exception=True)
def certificacion_avanzar(request, pk):
    """Pasa el proceso a la etapa `destino` si sigue en la etapa `desde` que se veía."""
    visibles = Certificacion.objects.visibles_para(request.user)
    destino = request.POST.get("destino", "")
    if destino not in Estado.values:
        certificacion = get_object_or_404(visibles, pk=pk)
        messages.error(request, _("Elija a qué etapa pasa el proceso."))
        return redirect(certificacion)
    destino = Estado(destino)
    avanzo = cambiada = no_permitida = False
    with transaction.atomic():
        # Sin select_related: PostgreSQL no bloquea el lado opcional de un LEFT JOIN.
        certificacion = get_object_or_404(visibles.select_for_update(), pk=pk)
        form = AvanzarForm(request.POST, certificacion=certificacion, destino=destino)
        if request.POST.get("desde") != certificacion.estado:
            cambiada = True
        elif destino not in certificacion.siguientes():
            no_permitida = True
        elif form.is_valid():
            datos = form.cleaned_data
            try:
                with transaction.atomic():
                    certificacion.avanzar(
                        destino,
                        request.user,
                        fecha=datos["fecha"],
                        evaluador=datos.get("evaluador", ""),
                        folio=datos.get("folio", ""),
                        observaciones=datos["observaciones"],
                    )
            except ValidationError as error:
                form.agregar_errores(error)
            except IntegrityError:
                # Otro proceso registró el mismo folio entre la revisión y el guardado.
                form.add_error("folio", _("Ese folio ya está registrado en otro certificado."))
            else:
                avanzo = True
    if cambiada:
        messages.warning(
            request,
            _("Este proceso ya cambió de etapa (ahora: %(etapa)s); revise antes de continuar.")
            % {"etapa": certificacion.get_estado_display()},
        )
        return redirect(certificacion)
    if avanzo:
        messages.success(
            request,
            _("El proceso de %(nombre)s pasó a «%(etapa)s».")
            % {"nombre": certificacion.participante.nombre, "etapa": Estado(destino).label},
        )
        return redirect(certificacion)
    if no_permitida:
        # Solo llega aquí un envío armado a mano: la ficha ofrece únicamente los pasos válidos.
        messages.error(
            request,
            _("Un proceso «%(actual)s» no puede pasar a «%(destino)s».")
            % {"actual": certificacion.get_estado_display(), "destino": destino.label},
        )
        return redirect(certificacion)
    return _detalle(request, pk, enviado=form)
