"""La unidad responde las observaciones de la Coordinación sobre su plan devuelto."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planes import services
from planes.forms.flujo import RespuestaObservacionForm
from planes.models import PlanTrabajo
from planes.views.editor import (
    NoEncontrado,
    _mensaje_no_editable,
    _pagina_editor,
    _plan_visible,
    _url_editor,
)
from uig_portal.lib import concurrencia


@require_POST
@permission_required("planes.enviar_plan", raise_exception=True)
def observacion_responder(request, pk, observacion_pk):
    """La unidad responde una observación y/o la marca atendida (sin JavaScript: un POST)."""
    try:
        plan = _plan_visible(request, pk)
    except NoEncontrado as error:
        raise Http404 from error
    try:
        observacion = plan.observaciones.get(pk=observacion_pk)
    except plan.observaciones.model.DoesNotExist as error:
        raise Http404 from error
    if plan.estado != PlanTrabajo.Estado.CON_OBSERVACIONES:
        messages.error(request, _mensaje_no_editable(plan))
        return redirect(plan)
    form = RespuestaObservacionForm(request.POST, observacion=observacion)
    if not form.is_valid():
        messages.error(request, _("No se guardó la respuesta: corrija lo marcado."))
        return _pagina_editor(request, plan, respuesta_form=form, status=422)
    try:
        observacion = services.observacion_responder(
            observacion=observacion,
            usuario=request.user,
            respuesta=form.cleaned_data["respuesta"],
            atendida=form.cleaned_data["atendida"],
            revision_vista=form.cleaned_data["revision"],
        )
    except concurrencia.EdicionVieja:
        vigente = plan.observaciones.select_related("respondida_por").get(pk=observacion.pk)
        # Se vuelve a dibujar con lo que la persona escribió y la revisión vigente: si aún
        # quiere su respuesta, la guarda a sabiendas de la otra.
        datos = request.POST.copy()
        datos[f"{form.prefix}-revision"] = str(vigente.revision)
        form = RespuestaObservacionForm(datos, observacion=vigente)
        form.is_valid()
        messages.error(
            request,
            concurrencia.mensaje(
                _("la respuesta a esta observación"),
                vigente.respondida_en,
                autor=vigente.respondida_por,
                usuario=request.user,
            ),
        )
        return _pagina_editor(request, plan, respuesta_form=form, status=409)
    except ValidationError as error:
        if error.code == "no_editable":
            messages.error(request, error.messages[0])
            return redirect(plan)
        form.add_error(None, error.messages[0])
        messages.error(request, _("No se guardó la respuesta: corrija lo marcado."))
        return _pagina_editor(request, plan, respuesta_form=form, status=422)
    if observacion.atendida:
        messages.success(request, _("Se guardó su respuesta y la observación quedó atendida."))
    else:
        messages.success(
            request,
            _(
                "Se guardó su respuesta. La observación sigue pendiente hasta que la marque "
                "como atendida."
            ),
        )
    url = _url_editor(plan)
    if observacion.actividad_id is not None:
        url += f"?abierta={observacion.actividad_id}"
    return redirect(f"{url}#observacion-{observacion.pk}")
