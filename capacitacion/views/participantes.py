"""Personas participantes: la lista (pensada para 100,000 registros), la ficha de cada persona,
su edición y la revisión de posibles duplicados con su fusión (Coordinación).

Una institución ve y edita solo a sus personas (`visibles_para`); la de otra es un 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from capacitacion import inscripciones as servicio
from capacitacion.forms.inscripciones import FiltroParticipantesForm, FusionForm, ParticipanteForm
from capacitacion.models import Certificacion, Constancia, Inscripcion, Participante
from uig_portal.lib.historial import combinar, entradas

POR_PAGINA = 50
GRUPOS_POR_PAGINA = 20
ETAPAS = dict(Certificacion.Estado.choices)


def _subconsulta_acreditados(usuario):
    filas = Inscripcion.objects.filter(participante=OuterRef("pk"), acreditada=True)
    if not usuario.ve_todas_las_dependencias:
        filas = filas.filter(dependencia_id=usuario.dependencia_id)
    return Coalesce(
        Subquery(filas.order_by().values("participante").annotate(n=Count("pk")).values("n")), 0
    )


def _subconsulta_certificacion(usuario, campo):
    filas = Certificacion.objects.filter(participante=OuterRef("pk"))
    if not usuario.ve_todas_las_dependencias:
        filas = filas.filter(dependencia_id=usuario.dependencia_id)
    return Subquery(filas.order_by("-actualizada", "-pk").values(campo)[:1])


@require_GET
@permission_required("capacitacion.view_participante", raise_exception=True)
def participante_lista(request):
    """Lista filtrable; cuenta y pagina sobre la tabla de personas, sin uniones ni GROUP BY.

    Los eventos acreditados y la etapa de certificación son subconsultas que la base evalúa
    solo para las 50 filas de la página.
    """
    usuario = request.user
    filtro = FiltroParticipantesForm(
        request.GET or None, coordinacion=usuario.ve_todas_las_dependencias
    )
    personas = Participante.objects.visibles_para(usuario)
    if filtro.is_valid():
        if q := " ".join(filtro.cleaned_data["q"].split()):
            personas = personas.filter(Q(nombre__icontains=q) | Q(correo__icontains=q))
        if dependencia := filtro.cleaned_data.get("dependencia"):
            personas = personas.filter(dependencia=dependencia)
        if sexo := filtro.cleaned_data["sexo"]:
            personas = personas.filter(sexo=sexo)
    # Primero se pagina sobre los identificadores (ordenar y contar solo toca la tabla de
    # personas); luego se traen las 50 filas con sus subconsultas. En una sola consulta, SQLite
    # evaluaría las subconsultas en las 100,000 filas antes de ordenarlas.
    ids = personas.order_by("nombre", "pk").values_list("pk", flat=True)
    pagina = Paginator(ids, POR_PAGINA).get_page(request.GET.get("page"))
    filas = (
        Participante.objects.filter(pk__in=list(pagina.object_list))
        .select_related("dependencia")
        .annotate(
            num_acreditados=_subconsulta_acreditados(usuario),
            etapa=_subconsulta_certificacion(usuario, "estado"),
            etapa_estandar=_subconsulta_certificacion(usuario, "estandar__clave"),
        )
        .order_by("nombre", "pk")
    )
    pagina.object_list = list(filas)
    for persona in pagina.object_list:
        persona.etapa_display = ETAPAS.get(persona.etapa, "")
    return render(
        request,
        "capacitacion/participantes/participante_lista.html",
        {
            "filtro": filtro,
            "page_obj": pagina,
            "personas": pagina.object_list,
            "ve_todas": usuario.ve_todas_las_dependencias,
        },
    )


def _con_motivo(registros, etiqueta, detalle=None):
    """Entradas del historial con el motivo del cambio, si lo tiene (p. ej., una fusión).

    `detalle(registro)` agrega de qué objeto se trata (p. ej., el evento de una inscripción).
    """
    registros = list(registros)
    lista = entradas(registros, etiqueta)
    for entrada, registro in zip(lista, registros, strict=True):
        if detalle is not None:
            entrada.objeto = f"{entrada.objeto} · {detalle(registro)}"
        if registro.history_change_reason:
            entrada.objeto = f"{entrada.objeto} ({registro.history_change_reason})"
    return lista


@require_GET
@permission_required("capacitacion.view_participante", raise_exception=True)
def participante_detalle(request, pk):
    usuario = request.user
    persona = get_object_or_404(
        Participante.objects.visibles_para(usuario).select_related("dependencia", "creado_por"),
        pk=pk,
    )
    inscripciones = (
        Inscripcion.objects.visibles_para(usuario)
        .filter(participante=persona)
        .select_related("evento__programa", "dependencia")
        .annotate(
            constancia_pk=Subquery(
                Constancia.objects.filter(inscripcion=OuterRef("pk")).vigentes().values("pk")[:1]
            )
        )
        .order_by("-evento__fecha_inicio", "-pk")
    )
    certificaciones = (
        Certificacion.objects.visibles_para(usuario)
        .filter(participante=persona)
        .select_related("estandar")
        .order_by("estandar__clave")
    )
    historial_inscripciones = Inscripcion.history.filter(participante_id=persona.pk)
    if not usuario.ve_todas_las_dependencias:
        historial_inscripciones = historial_inscripciones.filter(
            dependencia_id=usuario.dependencia_id
        )
    historial = combinar(
        _con_motivo(persona.history.select_related("history_user")[:20], _("Persona")),
        _con_motivo(
            historial_inscripciones.select_related("history_user", "evento").order_by(
                "-history_date"
            )[:20],
            _("Inscripción"),
            lambda registro: registro.evento.nombre,
        ),
    )
    puede_editar = usuario.has_perm("capacitacion.change_participante")
    return render(
        request,
        "capacitacion/participantes/participante_detalle.html",
        {
            "persona": persona,
            "inscripciones": inscripciones,
            "certificaciones": certificaciones,
            "historial": historial,
            "puede_editar": puede_editar,
            "ver_curp": servicio.es_coordinacion(usuario)
            or persona.dependencia_id == usuario.dependencia_id,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("capacitacion.change_participante", raise_exception=True)
def participante_editar(request, pk):
    usuario = request.user
    coordinacion = usuario.ve_todas_las_dependencias
    visibles = Participante.objects.visibles_para(usuario)
    if request.method == "GET":
        persona = get_object_or_404(visibles, pk=pk)
        form = ParticipanteForm(instance=persona, coordinacion=coordinacion)
    else:
        with transaction.atomic():
            # Bloqueada mientras se compara con la versión que la persona abrió y se guarda.
            persona = get_object_or_404(visibles.select_for_update(), pk=pk)
            form = ParticipanteForm(request.POST, instance=persona, coordinacion=coordinacion)
            if form.is_valid():
                persona = form.save(commit=False)
                persona._change_reason = _("Edición de los datos")
                persona.save()
                messages.success(request, _("Se guardaron los datos de %(n)s.") % {"n": persona})
                return redirect(persona)
        persona.refresh_from_db(fields=["nombre"])
    return render(
        request,
        "capacitacion/participantes/participante_form.html",
        {"persona": persona, "form": form},
    )


# --- Posibles duplicados ------------------------------------------------------------------------


@require_GET
@permission_required("capacitacion.fusionar_participantes", raise_exception=True)
def duplicados(request):
    pagina = servicio.grupos_duplicados(request.GET.get("page"), GRUPOS_POR_PAGINA)
    return render(
        request,
        "capacitacion/participantes/duplicados.html",
        {"page_obj": pagina, "grupos": pagina.object_list},
    )


@require_POST
@permission_required("capacitacion.fusionar_participantes", raise_exception=True)
def fusionar(request):
    volver = _volver_a_duplicados(request)
    form = FusionForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return volver
    conservar = (
        Participante.objects.visibles_para(request.user)
        .filter(pk=form.cleaned_data["conservar"])
        .first()
    )
    if conservar is None:
        messages.error(
            request,
            _(
                "El registro que eligió conservar ya no existe (quizá ya se fusionó). Revise de nuevo."
            ),
        )
        return volver
    try:
        fusion = servicio.fusionar(conservar, form.cleaned_data["otros"], request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return volver
    messages.success(
        request,
        ngettext(
            "Se unió %(n)s registro a este.",
            "Se unieron %(n)s registros a este.",
            fusion.eliminadas,
        )
        % {"n": fusion.eliminadas}
        + " "
        + _(
            "Inscripciones movidas: %(movidas)s; unidas por ser del mismo evento: %(unidas)s; "
            "procesos de certificación movidos: %(certificaciones)s."
        )
        % {
            "movidas": fusion.inscripciones_movidas,
            "unidas": fusion.inscripciones_unidas,
            "certificaciones": fusion.certificaciones_movidas,
        },
    )
    return redirect(fusion.conservada)


def _volver_a_duplicados(request):
    destino = request.POST.get("siguiente", "")
    if url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(destino)
    return redirect(reverse("capacitacion:duplicados"))
