"""Constancias: emitirlas al concluir un evento, descargarlas (una o todas en ZIP), revocarlas y
buscarlas. La verificación pública está en `capacitacion/views/verificacion.py`.

Todo se obtiene con `visibles_para(request.user)`: la Coordinación ve todas; una institución,
las de sus personas (las de otra institución no existen para ella: 404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from capacitacion import constancias as servicios
from capacitacion.forms.constancias import RevocarForm
from capacitacion.models import Constancia, Evento, Inscripcion
from capacitacion.models.constancias import normalizar_codigo
from uig_portal.lib.pdf import respuesta_pdf

TAMANO_PAGINA = 50
#: Constancias propias que el panel del evento lista a una institución; el resto, en la lista.
EN_PANEL = 20


def _visibles(usuario):
    return Constancia.objects.visibles_para(usuario)


def contexto_evento(request, evento):
    """Lo que el panel de constancias de la página del evento necesita; ver evento_detalle.

    Una consulta de cifras (dentro del alcance de quien mira) y, para una institución, otra
    con sus constancias; las claves empiezan con «constancias_».
    """
    usuario = request.user
    if not usuario.has_perm("capacitacion.view_constancia"):
        return {"constancias_ver": False}
    cifras = (
        Inscripcion.objects.visibles_para(usuario)
        .filter(evento=evento)
        .aggregate(
            acreditadas=Count("pk", filter=Q(acreditada=True)),
            pendientes=Count(
                "pk",
                filter=Q(
                    acreditada=True,
                    estado=Inscripcion.Estado.CONFIRMADA,
                    constancia__isnull=True,
                ),
            ),
            emitidas=Count("constancia"),
            revocadas=Count("constancia", filter=Q(constancia__revocada_en__isnull=False)),
        )
    )
    concluido = evento.estado == Evento.Estado.CONCLUIDO
    contexto = {
        "constancias_ver": True,
        "constancias_evento": evento,
        "constancias_concluido": concluido,
        "constancias_acreditadas": cifras["acreditadas"],
        "constancias_pendientes": cifras["pendientes"],
        "constancias_emitidas": cifras["emitidas"],
        "constancias_revocadas": cifras["revocadas"],
        "constancias_vigentes": cifras["emitidas"] - cifras["revocadas"],
        "constancias_puede_emitir": (
            concluido
            and cifras["pendientes"] > 0
            and usuario.has_perm("capacitacion.add_constancia")
        ),
        "constancias_propias": [],
        "constancias_hay_mas": False,
    }
    if not usuario.ve_todas_las_dependencias and cifras["emitidas"]:
        propias = list(
            _visibles(usuario)
            .filter(inscripcion__evento=evento)
            .order_by("nombre", "pk")[: EN_PANEL + 1]
        )
        contexto["constancias_propias"] = propias[:EN_PANEL]
        contexto["constancias_hay_mas"] = len(propias) > EN_PANEL
    return contexto


@require_POST
@permission_required("capacitacion.add_constancia", raise_exception=True)
def constancias_emitir(request, pk):
    evento = get_object_or_404(Evento.objects.visibles_para(request.user), pk=pk)
    try:
        creadas = servicios.emitir(evento, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(evento)
    ya_tenian = (
        Constancia.objects.filter(inscripcion__evento=evento, inscripcion__acreditada=True).count()
        - creadas
    )
    if creadas:
        texto = ngettext(
            "Se emitió %(n)s constancia.", "Se emitieron %(n)s constancias.", creadas
        ) % {"n": creadas}
        if ya_tenian:
            texto += " " + ngettext(
                "%(n)s persona ya tenía la suya.", "%(n)s personas ya tenían la suya.", ya_tenian
            ) % {"n": ya_tenian}
        messages.success(request, texto)
    elif ya_tenian:
        messages.info(
            request,
            ngettext(
                "No había constancias pendientes: la persona acreditada ya tenía la suya.",
                "No había constancias pendientes: las %(n)s personas acreditadas ya tenían la suya.",
                ya_tenian,
            )
            % {"n": ya_tenian},
        )
    else:
        messages.warning(
            request,
            _("Nadie acreditó este evento todavía: revise la asistencia antes de emitir."),
        )
    return redirect(evento)


@require_GET
@permission_required("capacitacion.view_constancia", raise_exception=True)
def constancia_pdf(request, pk):
    constancia = get_object_or_404(
        _visibles(request.user).select_related("inscripcion__evento__programa"), pk=pk
    )
    return respuesta_pdf(servicios.pdf([constancia]), f"constancia-{constancia.codigo}.pdf")


@require_GET
@permission_required("capacitacion.view_constancia", raise_exception=True)
def constancias_zip(request, pk):
    """Las constancias vigentes del evento que quien descarga puede ver, un PDF por persona."""
    evento = get_object_or_404(Evento.objects.visibles_para(request.user), pk=pk)
    constancias = list(
        _visibles(request.user)
        .vigentes()
        .filter(inscripcion__evento=evento)
        .select_related("inscripcion__evento__programa")
        .order_by("nombre", "pk")
    )
    if not constancias:
        messages.info(request, _("Este evento no tiene constancias vigentes que descargar."))
        return redirect(evento)
    respuesta = HttpResponse(
        servicios.zip_del_evento(evento, constancias), content_type="application/zip"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="{servicios.nombre_zip(evento)}"'
    return respuesta


def _regreso(request, constancia):
    """Adonde volver tras revocar: la página de la que vino, si es de este sitio."""
    siguiente = request.POST.get("siguiente", "")
    if siguiente and url_has_allowed_host_and_scheme(
        siguiente, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return siguiente
    return f"{reverse('capacitacion:constancia_lista')}?evento={constancia.inscripcion.evento_id}"


@require_POST
@permission_required("capacitacion.revocar_constancia", raise_exception=True)
def constancia_revocar(request, pk):
    """El primer POST (desde la lista o el evento) pide confirmar con un motivo; el segundo
    revoca. Revocar no borra: la página pública dirá desde cuándo ya no es válida."""
    constancia = get_object_or_404(_visibles(request.user).select_related("inscripcion"), pk=pk)
    regreso = _regreso(request, constancia)
    if not constancia.vigente:
        messages.info(
            request,
            _("La constancia %(codigo)s ya estaba revocada.") % {"codigo": constancia.codigo},
        )
        return redirect(regreso)
    form = RevocarForm(request.POST if "confirmar" in request.POST else None)
    if form.is_valid():
        try:
            servicios.revocar(constancia, request.user, form.cleaned_data["motivo"])
        except ValidationError as error:
            messages.info(request, error.messages[0])
        else:
            messages.success(
                request,
                _(
                    "La constancia %(codigo)s de %(nombre)s quedó revocada; la página de "
                    "verificación ya lo indica."
                )
                % {"codigo": constancia.codigo, "nombre": constancia.nombre},
            )
        return redirect(regreso)
    return render(
        request,
        "capacitacion/constancias/constancia_revocar.html",
        {"constancia": constancia, "form": form, "siguiente": regreso},
    )


class ConstanciaListView(PermissionRequiredMixin, ListView):
    """Constancias con búsqueda por código o nombre y filtros por evento y estado."""

    permission_required = "capacitacion.view_constancia"
    template_name = "capacitacion/constancias/constancia_lista.html"
    context_object_name = "constancias"
    paginate_by = TAMANO_PAGINA

    def _evento_id(self):
        valor = self.request.GET.get("evento", "")
        return int(valor) if valor.isdigit() else None

    def get_queryset(self):
        constancias = (
            _visibles(self.request.user)
            .select_related("inscripcion__dependencia")
            .order_by("-fecha", "nombre", "pk")
        )
        texto = self.request.GET.get("q", "").strip()
        if texto:
            codigo = normalizar_codigo(texto)
            condicion = Q(nombre__icontains=texto)
            if codigo:
                condicion |= Q(codigo=codigo)
            constancias = constancias.filter(condicion)
        if evento_id := self._evento_id():
            constancias = constancias.filter(inscripcion__evento_id=evento_id)
        estado = self.request.GET.get("estado")
        if estado == "vigente":
            constancias = constancias.vigentes()
        elif estado == "revocada":
            constancias = constancias.filter(revocada_en__isnull=False)
        return constancias

    def get_context_data(self, **kwargs):
        # Solo los eventos con constancias que esta persona puede ver (una consulta).
        eventos = (
            Evento.objects.filter(pk__in=_visibles(self.request.user).values("inscripcion__evento"))
            .only("pk", "nombre", "fecha_inicio")
            .order_by("-fecha_inicio", "nombre")
        )
        return super().get_context_data(
            eventos=eventos,
            evento_actual=self._evento_id(),
            texto=self.request.GET.get("q", "").strip(),
            estado_actual=self.request.GET.get("estado", ""),
            **kwargs,
        )
