"""Materiales para las unidades: la Coordinación los publica y todas las personas con rol los ven.

Las personas responsables y de consulta solo ven los materiales publicados; un material sin
publicar no existe para ellas (404), tampoco su descarga. Quien puede editarlos (la
Coordinación) ve todos, con la marca «No publicado».
"""

from datetime import timedelta
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from difusion.forms import MaterialForm
from difusion.models import Material
from uig_portal.lib.archivos import EXTENSIONES, respuesta_descarga
from uig_portal.lib.historial import entradas

#: Un material igual (mismo título y tema, misma persona) guardado hace menos que esto se
#: toma como un doble envío del mismo formulario.
VENTANA_DUPLICADO = timedelta(minutes=2)


def puede_editar(usuario):
    return usuario.has_perm("difusion.change_material")


def materiales_visibles(usuario):
    """Los materiales que `usuario` puede ver: todos si los edita; si no, los publicados."""
    if puede_editar(usuario):
        return Material.objects.all()
    return Material.objects.publicados()


def _borrar_archivo(campo):
    """Borra el archivo del almacenamiento cuando la transacción ya se confirmó."""
    if campo:
        almacenamiento, nombre = campo.storage, campo.name
        transaction.on_commit(lambda: almacenamiento.delete(nombre))


#: Materiales por página en la lista.
POR_PAGINA = 25


class MaterialListView(PermissionRequiredMixin, ListView):
    permission_required = "difusion.view_material"
    template_name = "difusion/material_lista.html"
    context_object_name = "materiales"
    paginate_by = POR_PAGINA

    def paginate_queryset(self, queryset, page_size):
        # Como las demás listas del portal: una página que no existe o no es número muestra
        # la más cercana en vez de un 404.
        paginator = self.get_paginator(queryset, page_size)
        pagina = paginator.get_page(self.request.GET.get("page"))
        return paginator, pagina, pagina.object_list, pagina.has_other_pages()

    def get_queryset(self):
        # "pk" al final: con títulos repetidos, cada material cae siempre en la misma página.
        materiales = materiales_visibles(self.request.user).order_by(
            "tema", "-destacado", "titulo", "pk"
        )
        self.busqueda = self.request.GET.get("q", "").strip()[:100]
        if self.busqueda:
            materiales = materiales.filter(titulo__icontains=self.busqueda)
        self.tema = self.request.GET.get("tema", "")
        if self.tema in Material.Tema.values:
            materiales = materiales.filter(tema=self.tema)
        else:
            self.tema = ""
        # Sin el texto de la descripción completa ni datos de quién lo subió: la lista no los usa.
        return materiales.defer("descripcion")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        por_tema = {}
        for material in context["materiales"]:
            por_tema.setdefault(material.tema, []).append(material)
        # Los temas en el orden del catálogo, no el alfabético de sus claves.
        context["grupos"] = [
            (valor, etiqueta, por_tema[valor])
            for valor, etiqueta in Material.Tema.choices
            if valor in por_tema
        ]
        context["temas"] = Material.Tema.choices
        context["busqueda"] = self.busqueda
        context["tema"] = self.tema
        context["puede_editar"] = puede_editar(self.request.user)
        return context


class MaterialDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "difusion.view_material"
    template_name = "difusion/material_detalle.html"
    context_object_name = "material"

    def get_queryset(self):
        return materiales_visibles(self.request.user).select_related("creado_por")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["puede_editar"] = puede_editar(self.request.user)
        if context["puede_editar"]:
            context["historial"] = entradas(
                self.object.history.select_related("history_user")[:20], _("Material")
            )
        return context


class MaterialFormMixin(SuccessMessageMixin):
    model = Material
    form_class = MaterialForm
    template_name = "difusion/material_form.html"

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, hay_errores=True))


class MaterialCreateView(PermissionRequiredMixin, MaterialFormMixin, CreateView):
    permission_required = "difusion.add_material"
    success_message = gettext_lazy("Se publicó el material «%(titulo)s».")

    def form_valid(self, form):
        usuario = self.request.user
        with transaction.atomic():
            # Se bloquea la fila de quien publica: dos envíos del mismo formulario (doble
            # clic, reintento del navegador) se atienden uno tras otro y el segundo encuentra
            # el material que guardó el primero.
            get_user_model().objects.select_for_update().filter(pk=usuario.pk).first()
            repetido = (
                Material.objects.filter(
                    creado_por=usuario,
                    titulo=form.cleaned_data["titulo"],
                    tema=form.cleaned_data["tema"],
                    creado__gte=timezone.now() - VENTANA_DUPLICADO,
                )
                .order_by("-pk")
                .first()
            )
            if repetido is not None:
                messages.info(
                    self.request,
                    _("El material «%(titulo)s» ya se había guardado; no se duplicó.")
                    % {"titulo": repetido.titulo},
                )
                return redirect(repetido)
            form.instance.creado_por = usuario
            return super().form_valid(form)


class MaterialUpdateView(PermissionRequiredMixin, MaterialFormMixin, UpdateView):
    permission_required = "difusion.change_material"
    success_message = gettext_lazy("Se guardaron los cambios del material «%(titulo)s».")

    def get_queryset(self):
        if self.request.method == "POST":
            # Bloqueado hasta guardar: la comparación de `marca` y el guardado no se cruzan
            # con otra edición simultánea.
            return Material.objects.select_for_update()
        return Material.objects.all()

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        anterior = Material.objects.get(pk=self.object.pk).archivo
        respuesta = super().form_valid(form)
        if anterior and anterior.name != self.object.archivo.name:
            # Se reemplazó o quitó el archivo: el anterior ya no lo descarga nadie.
            _borrar_archivo(anterior)
        return respuesta


@require_POST
@permission_required("difusion.delete_material", raise_exception=True)
def material_eliminar(request, pk):
    material = get_object_or_404(Material, pk=pk)
    titulo = material.titulo
    with transaction.atomic():
        _borrar_archivo(material.archivo)
        material.delete()
    messages.success(request, _("Se eliminó el material «%(titulo)s».") % {"titulo": titulo})
    return redirect("difusion:material_lista")


def nombre_descarga(material):
    """El nombre con que se subió, sin ruta ni caracteres de control, y la extensión real.

    La extensión es la del tipo reconocido por el contenido, no la que traía el nombre.
    """
    base = "".join(c for c in PurePath(material.nombre_original).stem if c.isprintable())
    base = base.strip().strip(".") or f"material-{material.pk}"
    # respuesta_descarga agrega la extensión de PDF, PNG y JPG; las de Office, aquí.
    if material.tipo_contenido in EXTENSIONES:
        return base
    return f"{base}{material.extension}"


@require_GET
@permission_required("difusion.view_material", raise_exception=True)
def material_descargar(request, pk):
    material = get_object_or_404(materiales_visibles(request.user), pk=pk)
    return respuesta_descarga(material.archivo, material.tipo_contenido, nombre_descarga(material))
