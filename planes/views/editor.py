"""El editor del plan de trabajo: crear el plan, capturar su encabezado y sus actividades con
autoguardado, y la guía metodológica.

Cada tarjeta del editor (el encabezado y cada actividad) se guarda por separado con su propio
número de revisión (`uig_portal.lib.concurrencia`): uno con un número viejo se rechaza (409)
sin pisar lo que otra persona guardó, y un valor inválido se rechaza (422) sin tocar la base. Todo funciona
también sin JavaScript: cada tarjeta tiene su botón «Guardar» y las acciones son formularios.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from planes import propuestas as reglas_propuestas
from planes import services_editor as servicios
from planes.ayuda import contexto_guia
from planes.forms.editor import ActividadForm, EncabezadoForm, PlanNuevoForm
from planes.forms.flujo import RespuestaObservacionForm
from planes.forms.presupuesto import programas_del_anio
from planes.models import Actividad, Alineacion, PlanTrabajo
from uig_portal.lib import concurrencia
from uig_portal.lib.pdf import render_pdf, respuesta_pdf
from unidades.models import Unidad

# --- Acceso ---------------------------------------------------------------------------------


def sesion_o_401(vista):
    """Exige sesión como LoginRequiredMiddleware, pero a una petición htmx sin sesión le
    responde 401 con un aviso en lugar de redirigir al formulario de entrada.

    Si el autoguardado siguiera la redirección, la página de entrada acabaría dibujada dentro
    de la zona de estado y la persona creería que se guardó.
    """

    @wraps(vista)
    def envoltura(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if concurrencia.es_autoguardado(request):
                siguiente = reverse("planes:editar", args=[kwargs["pk"]])
                respuesta = _fragmento(request, "sesion", status=401, siguiente=siguiente)
                if request.htmx and not (request.htmx.target or "").startswith("estado-"):
                    # Una acción (agregar, mover…), no una tarjeta: el aviso va al general.
                    respuesta = reswap(retarget(respuesta, "#avisos-editor"), "innerHTML")
                return respuesta
            return redirect_to_login(request.get_full_path())
        return vista(request, *args, **kwargs)

    return login_not_required(envoltura)


class NoEncontrado(Exception):
    """El plan o la actividad no existe o no es visible para la persona."""


class NoEditable(Exception):
    def __init__(self, plan):
        self.plan = plan


def _plan_visible(request, pk):
    try:
        return (
            PlanTrabajo.objects.visibles_para(request.user)
            .select_related("unidad__dependencia")
            .get(pk=pk)
        )
    except PlanTrabajo.DoesNotExist as error:
        raise NoEncontrado from error


def _plan_bloqueado(request, pk):
    """El plan visible con su fila bloqueada hasta el fin de la transacción, si sigue en edición."""
    visible = _plan_visible(request, pk)
    plan = PlanTrabajo.objects.select_for_update().get(pk=visible.pk)
    plan.unidad = visible.unidad
    if not plan.editable:
        raise NoEditable(plan)
    return plan


def _actividad(plan, actividad_pk, *, bloquear=False):
    consulta = Actividad.objects.filter(plan=plan)
    if bloquear:
        consulta = consulta.select_for_update()
    try:
        return consulta.get(pk=actividad_pk)
    except Actividad.DoesNotExist as error:
        raise NoEncontrado from error


def _mensaje_no_editable(plan):
    if plan.estado == PlanTrabajo.Estado.APROBADO:
        return _(
            "El plan de trabajo %(anio)s está aprobado y ya no se edita. Para cambiarlo, "
            "solicite una modificación desde la página del plan."
        ) % {"anio": plan.anio}
    if plan.estado == PlanTrabajo.Estado.ENVIADO:
        return _(
            "El plan de trabajo %(anio)s se envió a revisión: podrá editarlo de nuevo si la "
            "Coordinación lo devuelve con observaciones."
        ) % {"anio": plan.anio}
    return _("El plan de trabajo %(anio)s no se puede editar en su estado actual.") % {
        "anio": plan.anio
    }


def _hora(momento):
    return date_format(timezone.localtime(momento), "H:i")


def _url_editor(plan, actividad=None):
    url = reverse("planes:editar", args=[plan.pk])
    if actividad is None:
        return url
    return f"{url}?abierta={actividad.pk}#actividad-{actividad.pk}"


# --- Progreso -------------------------------------------------------------------------------


def faltantes_del_encabezado(plan):
    return [
        str(PlanTrabajo._meta.get_field(campo).verbose_name)
        for campo in ("titular_unidad", "compromiso")
        if not getattr(plan, campo).strip()
    ]


def _resumir(faltan, cuantos=3):
    """«indicador, meta anual, fórmula y 5 datos más»: la lista del panel de avance, corta."""
    if len(faltan) <= cuantos + 1:
        return ", ".join(faltan)
    return _("%(lista)s y %(n)s datos más") % {
        "lista": ", ".join(faltan[:cuantos]),
        "n": len(faltan) - cuantos,
    }


def progreso_del_plan(plan, actividades):
    """Cuántas actividades están completas y qué falta, para el indicador del editor.

    `actividades` ya trae sus alineaciones (prefetch): no hace consultas.
    """
    filas = []
    for numero, actividad in enumerate(actividades, start=1):
        faltan = actividad.faltantes(alineaciones=list(actividad.alineaciones.all()))
        filas.append(
            {
                "numero": numero,
                "actividad": actividad,
                "faltan": faltan,
                "resumen": _resumir(faltan),
            }
        )
    incompletas = [f for f in filas if f["faltan"]]
    total = len(filas)
    completas = total - len(incompletas)
    encabezado = faltantes_del_encabezado(plan)
    return {
        "total": total,
        "completas": completas,
        "porcentaje": round(100 * completas / total) if total else 0,
        "faltan_encabezado": encabezado,
        "incompletas": incompletas,
        "listo": total > 0 and not incompletas and not encabezado,
    }


def _actividades(plan):
    # La propuesta del diagnóstico que adoptó cada actividad la muestra su tarjeta.
    return list(
        plan.actividades.select_related("propuesta")
        .prefetch_related("alineaciones")
        .order_by("orden", "pk")
    )


def _catalogo():
    return list(Alineacion.objects.order_by("tipo", "clave"))


# --- Respuestas -----------------------------------------------------------------------------


def _fragmento(request, tipo, *, status=200, **contexto):
    """La respuesta htmx de una tarjeta: el aviso para su zona de estado y, si se guardó, lo
    que cambia en el resto de la página (revisión, faltantes, progreso)."""
    respuesta = render(
        request, "planes/editor_respuesta.html", {"tipo": tipo, **contexto}, status=status
    )
    # La página del editor solo deja dibujar respuestas de error que traen esta marca.
    respuesta["X-Autoguardado"] = tipo
    return respuesta


def _aviso(request, tipo, mensaje, *, status):
    """Respuesta htmx de una acción (agregar, mover…) que no se hizo: va al aviso general."""
    respuesta = _fragmento(request, tipo, status=status, mensaje=mensaje)
    return reswap(retarget(respuesta, "#avisos-editor"), "innerHTML")


def _respuesta_sin_plan(request):
    if concurrencia.es_autoguardado(request):
        return _fragmento(request, "no_existe", status=404)
    raise Http404


def _respuesta_no_editable(request, plan):
    mensaje = _mensaje_no_editable(plan)
    if concurrencia.es_autoguardado(request):
        return _fragmento(request, "no_editable", status=403, mensaje=mensaje)
    messages.error(request, mensaje)
    return redirect(plan)


# --- Crear ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("planes.add_plantrabajo", raise_exception=True)
def plan_nuevo(request):
    usuario = request.user
    if not usuario.ve_todas_las_dependencias and usuario.dependencia_id is None:
        raise PermissionDenied
    form = PlanNuevoForm(request.POST or None, usuario=usuario)
    existente = None
    if request.method == "POST" and form.is_valid():
        dependencia = form.cleaned_data.get("dependencia") or usuario.dependencia
        unidad = Unidad.objects.filter(dependencia=dependencia).first()
        if unidad is None:
            form.add_error(None, _("La institución aún no tiene una unidad registrada."))
        else:
            try:
                plan = servicios.plan_crear(
                    unidad=unidad,
                    anio=form.cleaned_data["anio"],
                    copiar_anterior=form.cleaned_data["copiar"],
                )
            except servicios.PlanYaExiste as error:
                existente = error.plan
                form.add_error("anio", error.messages[0])
            except ValidationError as error:
                form.add_error("copiar", error.messages[0])
            else:
                copiadas = plan.actividades.count()
                if copiadas:
                    messages.success(
                        request,
                        _(
                            "Se creó el plan de trabajo %(anio)s en borrador, con %(n)s "
                            "actividades copiadas del plan de %(anterior)s. Revíselas y ajuste "
                            "sus metas."
                        )
                        % {"anio": plan.anio, "n": copiadas, "anterior": plan.anio - 1},
                    )
                else:
                    messages.success(
                        request,
                        _("Se creó el plan de trabajo %(anio)s en borrador.") % {"anio": plan.anio},
                    )
                return redirect("planes:editar", pk=plan.pk)
    planes_de_la_unidad = []
    if usuario.dependencia_id and not usuario.ve_todas_las_dependencias:
        planes_de_la_unidad = list(
            PlanTrabajo.objects.visibles_para(usuario)
            .vigentes()
            .filter(unidad__dependencia_id=usuario.dependencia_id)
            .order_by("-anio")
        )
    return render(
        request,
        "planes/editor_nuevo.html",
        {
            "form": form,
            "existente": existente,
            "existente_url": (
                (
                    reverse("planes:editar", args=[existente.pk])
                    if existente.editable
                    else existente.get_absolute_url()
                )
                if existente
                else ""
            ),
            "planes_de_la_unidad": planes_de_la_unidad,
        },
    )


# --- Editor ---------------------------------------------------------------------------------


def _tarjeta(actividad, form, *, numero, abierta, observaciones=()):
    return {
        "actividad": actividad,
        "form": form,
        "numero": numero,
        "abierta": abierta,
        "faltan": actividad.faltantes(alineaciones=list(actividad.alineaciones.all())),
        "observaciones": observaciones,
    }


def _observaciones_del_editor(plan, actividades, respuesta_form=None):
    """Las observaciones que la unidad tiene a la vista, cada una con su formulario de respuesta.

    Son las pendientes y las de la última devolución (también las ya atendidas, para que se
    vea qué se respondió): primero las del plan en general y luego por número de actividad.
    `respuesta_form` es el formulario ya enviado de una de ellas (con sus errores).
    """
    devolucion = plan.devoluciones.last()
    numeros = {a.pk: n for n, a in enumerate(actividades, start=1)}
    lista = list(
        plan.observaciones.de_la_vuelta(devolucion).select_related(
            "autor", "respondida_por", "actividad"
        )
    )
    for observacion in lista:
        observacion.numero_actividad = numeros.get(observacion.actividad_id)
        if respuesta_form is not None and respuesta_form.prefix == f"o{observacion.pk}":
            observacion.form = respuesta_form
        else:
            observacion.form = RespuestaObservacionForm(observacion=observacion)
    lista.sort(key=lambda o: (o.numero_actividad or 0, o.creada, o.pk))
    return lista


def _pagina_editor(
    request,
    plan,
    *,
    encabezado_form=None,
    actividad_form=None,
    respuesta_form=None,
    status=200,
):
    actividades = _actividades(plan)
    catalogo = _catalogo()
    # Los programas presupuestarios del año, una vez para todas las tarjetas.
    programas = programas_del_anio(plan.anio)
    observaciones = _observaciones_del_editor(plan, actividades, respuesta_form)
    por_actividad = {}
    for observacion in observaciones:
        por_actividad.setdefault(observacion.actividad_id, []).append(observacion)
    for actividad in actividades:
        # Lo lee la tarjeta («Con observación»); así no hace una consulta por actividad.
        actividad.observaciones_abiertas = [
            o for o in por_actividad.get(actividad.pk, []) if not o.atendida
        ]
    try:
        abierta = int(request.GET.get("abierta", ""))
    except ValueError:
        abierta = None
    if actividad_form is not None:
        abierta = actividad_form.instance.pk
    tarjetas = []
    for numero, actividad in enumerate(actividades, start=1):
        if actividad_form is not None and actividad_form.instance.pk == actividad.pk:
            form = actividad_form
        else:
            form = ActividadForm(instance=actividad, catalogo=catalogo, programas=programas)
        tarjetas.append(
            _tarjeta(
                actividad,
                form,
                numero=numero,
                # Una actividad con observaciones pendientes se abre: que no haya que buscarlas.
                abierta=actividad.pk == abierta
                or len(actividades) == 1
                or bool(actividad.observaciones_abiertas),
                observaciones=por_actividad.get(actividad.pk, []),
            )
        )
    return render(
        request,
        "planes/editor_plan.html",
        {
            "plan": plan,
            "dependencia": plan.unidad.dependencia,
            "encabezado_form": encabezado_form or EncabezadoForm(instance=plan),
            "tarjetas": tarjetas,
            "progreso": progreso_del_plan(plan, actividades),
            "observaciones": observaciones,
            "observaciones_atendidas": sum(1 for o in observaciones if o.atendida),
            "observaciones_sin_atender": sum(1 for o in observaciones if not o.atendida),
            "propuestas_abiertas": reglas_propuestas.abiertas_del_plan(plan),
        },
        status=status,
    )


@require_GET
@permission_required("planes.change_plantrabajo", raise_exception=True)
def plan_editar(request, pk):
    try:
        plan = _plan_visible(request, pk)
    except NoEncontrado as error:
        raise Http404 from error
    if not plan.editable:
        messages.info(request, _mensaje_no_editable(plan))
        return redirect(plan)
    return _pagina_editor(request, plan)


# --- Autoguardado ---------------------------------------------------------------------------


def _guardado(request, plan, *, objetivo, revision, momento, form, actividad=None):
    """Fragmento de un guardado correcto (o sin cambios), con lo que cambia en la página."""
    actividades = _actividades(plan)
    faltan = None
    if actividad is not None:
        actividad = next(a for a in actividades if a.pk == actividad.pk)
        faltan = actividad.faltantes(alineaciones=list(actividad.alineaciones.all()))
    respuesta = _fragmento(
        request,
        "guardado",
        objetivo=objetivo,
        revision=revision,
        hora=_hora(momento),
        form=form,
        actividad=actividad,
        faltan=faltan,
        faltan_encabezado=faltantes_del_encabezado(plan),
        progreso=progreso_del_plan(plan, actividades),
        plan=plan,
    )
    return concurrencia.marcar(respuesta, "guardado", revision=revision, momento=momento)


@sesion_o_401
@require_POST
@permission_required("planes.change_plantrabajo", raise_exception=True)
def encabezado_guardar(request, pk):
    try:
        with transaction.atomic():
            plan = _plan_bloqueado(request, pk)
            revision = concurrencia.revision_enviada(request.POST, "encabezado-revision")
            datos = {"que": _("el encabezado del plan"), "usuario": request.user}
            concurrencia.comprobar(plan, revision, **datos)
            form = EncabezadoForm(request.POST, instance=plan)
            if not form.is_valid():
                return _rechazo(request, plan, "invalido", "", status=422, encabezado_form=form)
            if form.has_changed():
                # UPDATE condicionado a la revisión: si otra petición ganó la carrera (posible
                # en SQLite, donde no hay bloqueo de fila), esta no escribe nada.
                form.instance.revision = concurrencia.avanzar(plan, revision, **datos)
                plan = form.save(commit=False)
                plan.save(update_fields=["titular_unidad", "compromiso", "revision", "actualizado"])
    except concurrencia.EdicionVieja as error:
        return _rechazo(request, error.objeto, "conflicto", error.mensaje, status=409)
    except NoEncontrado:
        return _respuesta_sin_plan(request)
    except NoEditable as error:
        return _respuesta_no_editable(request, error.plan)
    if not concurrencia.es_autoguardado(request):
        messages.success(request, _("Se guardó el encabezado del plan."))
        return redirect(f"{_url_editor(plan)}#encabezado")
    return _guardado(
        request,
        plan,
        objetivo="encabezado",
        revision=plan.revision,
        momento=plan.actualizado,
        form=form,
    )


@sesion_o_401
@require_POST
@permission_required("planes.change_actividad", raise_exception=True)
def actividad_guardar(request, pk, actividad_pk):
    try:
        with transaction.atomic():
            plan = _plan_bloqueado(request, pk)
            actividad = _actividad(plan, actividad_pk, bloquear=True)
            prefijo = f"a{actividad.pk}"
            revision = concurrencia.revision_enviada(request.POST, f"{prefijo}-revision")
            datos = {"que": _("esta actividad"), "usuario": request.user, "momento": "actualizada"}
            concurrencia.comprobar(actividad, revision, **datos)
            form = ActividadForm(request.POST, instance=actividad, catalogo=_catalogo())
            if not form.is_valid():
                return _rechazo(
                    request, plan, "invalido", "", status=422, actividad=actividad, form=form
                )
            if form.has_changed():
                form.instance.revision = concurrencia.avanzar(actividad, revision, **datos)
                actividad = form.save()
    except concurrencia.EdicionVieja as error:
        return _rechazo(
            request, plan, "conflicto", error.mensaje, status=409, actividad=error.objeto
        )
    except NoEncontrado:
        if concurrencia.es_autoguardado(request):
            return _fragmento(request, "no_existe", status=404)
        raise Http404 from None
    except NoEditable as error:
        return _respuesta_no_editable(request, error.plan)
    if not concurrencia.es_autoguardado(request):
        messages.success(request, _("Se guardó la actividad."))
        return redirect(_url_editor(plan, actividad))
    return _guardado(
        request,
        plan,
        objetivo=prefijo,
        revision=actividad.revision,
        momento=actividad.actualizada,
        form=form,
        actividad=actividad,
    )


def _rechazo(
    request, plan, tipo, mensaje, *, status, actividad=None, form=None, encabezado_form=None
):
    """Un guardado que no se hizo: por conflicto (409) o por datos inválidos (422)."""
    if concurrencia.es_autoguardado(request):
        objetivo = f"a{actividad.pk}" if actividad is not None else "encabezado"
        recargar = (
            _url_editor(plan, actividad)
            if actividad is not None
            else f"{_url_editor(plan)}#encabezado"
        )
        objeto = actividad if actividad is not None else plan
        return concurrencia.marcar(
            _fragmento(
                request,
                tipo,
                status=status,
                mensaje=mensaje,
                objetivo=objetivo,
                form=form or encabezado_form,
                recargar=recargar,
            ),
            tipo,
            revision=objeto.revision,
        )
    # Sin JavaScript se vuelve a dibujar el editor con lo que la persona escribió, para que
    # pueda corregirlo (o copiarlo, si hubo conflicto).
    if form is None and actividad is not None:
        form = ActividadForm(request.POST, instance=actividad, catalogo=_catalogo())
        form.is_valid()
    if encabezado_form is None and actividad is None:
        encabezado_form = EncabezadoForm(request.POST, instance=plan)
        encabezado_form.is_valid()
    if mensaje:
        messages.error(request, mensaje)
    else:
        messages.error(request, _("No se guardaron los cambios: corrija los campos marcados."))
    return _pagina_editor(
        request, plan, encabezado_form=encabezado_form, actividad_form=form, status=status
    )


# --- Acciones sobre actividades --------------------------------------------------------------


def _tarjeta_nueva(request, plan, actividad, aviso):
    """Respuesta htmx con la tarjeta de una actividad nueva (agregada o duplicada)."""
    actividades = _actividades(plan)
    actividad = next(a for a in actividades if a.pk == actividad.pk)
    numero = actividades.index(actividad) + 1
    form = ActividadForm(instance=actividad, catalogo=_catalogo())
    return render(
        request,
        "planes/editor_actividad.html",
        {
            "plan": plan,
            "t": _tarjeta(actividad, form, numero=numero, abierta=True),
            "recien": True,
            "oob": {
                "progreso": progreso_del_plan(plan, actividades),
                "aviso": aviso % {"numero": numero},
            },
        },
    )


def _accion(vista):
    """Convierte las excepciones comunes de las acciones en su respuesta (404, plan cerrado)."""

    @wraps(vista)
    def envoltura(request, pk, *args, **kwargs):
        try:
            plan = _plan_visible(request, pk)
            if not plan.editable:
                raise NoEditable(plan)
            return vista(request, plan, *args, **kwargs)
        except (NoEncontrado, Actividad.DoesNotExist):
            if request.htmx:
                return _aviso(
                    request,
                    "no_existe",
                    _("La actividad ya no existe: quizá alguien la eliminó. Recargue la página."),
                    status=404,
                )
            raise Http404 from None
        except NoEditable as error:
            return _accion_no_editable(request, error.plan)
        except ValidationError as error:
            # El servicio, con la fila bloqueada, vio que el plan dejó de estar en edición.
            if error.code == "no_editable":
                return _accion_no_editable(request, PlanTrabajo.objects.get(pk=pk))
            if request.htmx:
                return _aviso(request, "invalido", error.messages[0], status=422)
            messages.error(request, error.messages[0])
            return redirect("planes:editar", pk=pk)

    return envoltura


def _accion_no_editable(request, plan):
    if request.htmx:
        return _aviso(request, "no_editable", _mensaje_no_editable(plan), status=403)
    messages.error(request, _mensaje_no_editable(plan))
    return redirect(plan)


@sesion_o_401
@require_POST
@permission_required("planes.add_actividad", raise_exception=True)
@_accion
def actividad_agregar(request, plan):
    actividad = servicios.actividad_agregar(plan=plan)
    if request.htmx:
        return _tarjeta_nueva(request, plan, actividad, _("Se agregó la actividad %(numero)s."))
    messages.success(request, _("Se agregó una actividad al final del plan."))
    return redirect(_url_editor(plan, actividad))


@sesion_o_401
@require_POST
@permission_required("planes.add_actividad", raise_exception=True)
@_accion
def actividad_duplicar(request, plan, actividad_pk):
    original = _actividad(plan, actividad_pk)
    copia = servicios.actividad_duplicar(actividad=original)
    if request.htmx:
        return _tarjeta_nueva(
            request, plan, copia, _("Se duplicó la actividad; la copia es la %(numero)s.")
        )
    messages.success(request, _("Se duplicó la actividad; la copia quedó justo debajo."))
    return redirect(_url_editor(plan, copia))


@sesion_o_401
@require_POST
@permission_required("planes.delete_actividad", raise_exception=True)
@_accion
def actividad_eliminar(request, plan, actividad_pk):
    actividad = _actividad(plan, actividad_pk)
    if request.POST.get("confirmar") != "si":
        return render(
            request,
            "planes/editor_eliminar.html",
            {"plan": plan, "actividad": actividad, "dependencia": plan.unidad.dependencia},
        )
    servicios.actividad_eliminar(actividad=actividad)
    # No str(actividad): Actividad.__str__ devuelve un texto perezoso si no hay descripción.
    descripcion = actividad.descripcion[:80] or _("Actividad sin describir")
    if request.htmx:
        return _fragmento(
            request,
            "eliminada",
            plan=plan,
            progreso=progreso_del_plan(plan, _actividades(plan)),
            mensaje=_("Se eliminó la actividad «%(actividad)s».") % {"actividad": descripcion},
        )
    messages.success(
        request, _("Se eliminó la actividad «%(actividad)s».") % {"actividad": descripcion}
    )
    return redirect(f"{_url_editor(plan)}#actividades")


@sesion_o_401
@require_POST
@permission_required("planes.change_actividad", raise_exception=True)
@_accion
def actividad_mover(request, plan, actividad_pk):
    actividad = _actividad(plan, actividad_pk)
    direccion = request.POST.get("direccion", "")
    vecina = servicios.actividad_mover(actividad=actividad, direccion=direccion)
    if vecina is None:
        mensaje = (
            _("La actividad ya es la primera.")
            if direccion == "arriba"
            else _("La actividad ya es la última.")
        )
    else:
        mensaje = (
            _("Se subió la actividad un lugar.")
            if direccion == "arriba"
            else _("Se bajó la actividad un lugar.")
        )
    if request.htmx:
        respuesta = _fragmento(
            request,
            "movida",
            plan=plan,
            progreso=progreso_del_plan(plan, _actividades(plan)),
            mensaje=mensaje,
        )
        if vecina is not None:
            trigger_client_event(
                respuesta,
                "actividad-movida",
                {"id": actividad.pk, "vecina": vecina.pk, "direccion": direccion},
            )
        return respuesta
    messages.success(request, mensaje)
    return redirect(_url_editor(plan, actividad))


# --- Guía metodológica ----------------------------------------------------------------------


@require_GET
@permission_required("planes.view_plantrabajo", raise_exception=True)
def guia(request):
    return render(request, "planes/guia_metodologica.html", contexto_guia())


@require_GET
@permission_required("planes.view_plantrabajo", raise_exception=True)
def guia_pdf(request):
    contexto = {**contexto_guia(), "generado": timezone.localtime()}
    pdf = render_pdf("planes/guia_pdf.html", contexto)
    return respuesta_pdf(pdf, "guia-metodologica-plan-de-trabajo.pdf")
