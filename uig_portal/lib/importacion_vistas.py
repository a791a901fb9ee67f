"""Las vistas de la importación de un catálogo: subir, ver la vista previa y confirmar.

El archivo subido se revisa sin escribir nada. Si trae cambios, se guarda en la carpeta privada
de `importacion_temporal` y la sesión recuerda su clave, su nombre y la huella de lo que se va a
escribir. Al confirmar, el archivo se reclama (un doble clic no importa dos veces), se lee y se
revisa otra vez con el catálogo bloqueado, y solo se escribe si la huella no cambió; si cambió,
se muestra una vista previa nueva.

Cada catálogo hace una subclase de `ImportacionDeCatalogo` con sus nombres (sesión, formulario,
plantillas, URL, mensaje final) y el módulo con sus tres pasos (`leer`, `revisar`, `aplicar`);
sus plantillas extienden `includes/_importacion_subir.html` e
`includes/_importacion_vista_previa.html`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from uig_portal.lib.importacion_temporal import borrar_temporal, guardar_temporal, reclamar_temporal

#: Filas de cada tipo que la vista previa enumera; del resto solo da la cuenta.
LIMITE_VISTA_PREVIA = 200


class ImportacionDeCatalogo:
    """Subir → vista previa → confirmar, para un catálogo; las subclases dan lo propio."""

    #: El módulo del catálogo con `leer(archivo)`, `revisar(hoja, *, bloquear)` y
    #: `aplicar(revision, usuario)`; una subclase cambia el método que reciba otra cosa.
    pasos = None
    #: Llave de la sesión con el archivo que espera confirmación.
    sesion = None
    form_class = None
    #: La página para subir el archivo, que también lista sus errores.
    plantilla = None
    plantilla_vista_previa = None
    #: Nombres de URL: la página para subir, la confirmación y la lista del catálogo.
    url_importar = url_confirmar = url_lista = None
    #: Se completa con el resumen que devuelve `aplicar`.
    mensaje_exito = None
    limite = LIMITE_VISTA_PREVIA

    # Los pasos se buscan en el módulo en cada llamada, no al definir la clase: así una prueba
    # puede sustituir uno (p. ej. `leer`) en el módulo del catálogo.
    def leer(self, archivo):
        """La hoja del archivo, o ValidationError."""
        return self.pasos.leer(archivo)

    def revisar(self, request, hoja, *, bloquear=False):
        """La revisión de la hoja; con `bloquear`, el catálogo queda bloqueado hasta el fin de
        la transacción."""
        return self.pasos.revisar(hoja, bloquear=bloquear)

    def aplicar(self, request, revision):
        """Escribe una revisión sin errores y devuelve el resumen para `mensaje_exito`."""
        return self.pasos.aplicar(revision, request.user)

    def contexto(self, **extra):
        """Lo que las dos páginas necesitan además de la revisión: a dónde confirmar y volver."""
        return {
            "url_confirmar": reverse(self.url_confirmar),
            "url_lista": reverse(self.url_lista),
            **extra,
        }

    def pagina(self, request, form, revision):
        """La página para subir, con todos los errores de la revisión."""
        return render(request, self.plantilla, self.contexto(form=form, revision=revision))

    def subido(self, request, form):
        """Revisa un archivo recién subido: la vista previa o la lista de sus errores."""
        revision = self.revisar(request, form.hoja)
        if revision.errores:
            return self.pagina(request, form, revision)
        return self.vista_previa(request, revision, form.cleaned_data["archivo"])

    def vista_previa(self, request, revision, archivo, aviso=None):
        """Guarda el archivo para confirmarlo después y muestra qué pasará con cada fila."""
        anterior = request.session.pop(self.sesion, None)
        if anterior:
            borrar_temporal(anterior["clave"])
        clave = None
        if revision.hay_cambios:
            clave = guardar_temporal(archivo)
            request.session[self.sesion] = {
                "clave": clave,
                "nombre": revision.hoja.nombre,
                "huella": revision.huella(),
            }
        limite = self.limite
        return render(
            request,
            self.plantilla_vista_previa,
            self.contexto(
                revision=revision,
                clave=clave,
                aviso=aviso,
                limite=limite,
                nuevas=revision.nuevas[:limite],
                actualizadas=revision.actualizadas[:limite],
                sin_cambios=revision.sin_cambios[:limite],
            ),
        )

    def confirmar(self, request):
        """Aplica el archivo de la vista previa: todas sus filas o ninguna, y una sola vez.

        La vista que llama es POST y pide los permisos de importar.
        """
        pendiente = request.session.get(self.sesion)
        clave = request.POST.get("clave", "")
        ruta = reclamar_temporal(clave) if pendiente and pendiente["clave"] == clave else None
        if ruta is None:
            messages.warning(
                request,
                _(
                    "Esa importación ya se aplicó, se canceló o caducó; no se volvió a aplicar. "
                    "Revise el catálogo y, si hace falta, suba el archivo de nuevo."
                ),
            )
            return redirect(self.url_lista)
        del request.session[self.sesion]
        try:
            if "cancelar" in request.POST:
                messages.info(request, _("Se canceló la importación; no se guardó nada."))
                return redirect(self.url_importar)
            with open(ruta, "rb") as abierto:
                return self._aplicar(request, File(abierto, name=pendiente["nombre"]), pendiente)
        finally:
            ruta.unlink(missing_ok=True)

    def _aplicar(self, request, archivo, pendiente):
        try:
            hoja = self.leer(archivo)
            with transaction.atomic():
                # Se revisa de nuevo, con el catálogo bloqueado: pudo cambiar desde la vista previa.
                revision = self.revisar(request, hoja, bloquear=True)
                if revision.errores:
                    return self.pagina(request, self.form_class(), revision)
                if revision.huella() != pendiente["huella"]:
                    aviso = _(
                        "El catálogo cambió desde la vista previa. Revise de nuevo lo que se va "
                        "a importar y confirme."
                    )
                    return self.vista_previa(request, revision, archivo, aviso=aviso)
                resumen = self.aplicar(request, revision)
        except ValidationError as error:
            # El archivo se leyó bien en la vista previa; si ahora no, se pide de nuevo.
            messages.error(request, " ".join(error.messages))
            return redirect(self.url_importar)
        except IntegrityError:
            messages.error(
                request,
                _(
                    "Otra persona cambió el catálogo al mismo tiempo y la importación no se "
                    "aplicó; no se guardó nada. Suba el archivo de nuevo."
                ),
            )
            return redirect(self.url_importar)
        messages.success(request, self.mensaje_exito % resumen)
        return redirect(self.url_lista)


class ImportarView(FormView):
    """Sube el archivo de `flujo` y muestra su vista previa (o todos sus errores); no escribe."""

    #: La `ImportacionDeCatalogo` de la página.
    flujo = None

    def get_form_class(self):
        return self.flujo.form_class

    def get_template_names(self):
        return [self.flujo.plantilla]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.flujo.contexto(**kwargs))

    def form_valid(self, form):
        return self.flujo.subido(self.request, form)
