"""Verificación pública de constancias: cualquiera, sin cuenta, confirma con el código impreso
(o el QR) que una constancia existe y sigue vigente.

La página muestra solo lo que la constancia impresa ya dice (nombre, evento, horas, fecha) o,
si fue revocada, desde cuándo; nunca institución, correo, CURP, sexo, cargo, motivo ni
identificadores internos. No hay límite de intentos a propósito: el código tiene 60 bits
aleatorios (32^12 combinaciones), así que adivinar uno válido probando es inviable, y la
respuesta no revela nada que el documento impreso no muestre.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from capacitacion.forms.constancias import VerificarForm
from capacitacion.models import Constancia
from capacitacion.models.constancias import normalizar_codigo

CODIGO_MAL_ESCRITO = _("Revise el código: tiene 12 letras y números, como 7KQ2-MX9P-4TZR.")


def _pagina(request, plantilla, contexto, status=200):
    respuesta = render(request, plantilla, contexto, status=status)
    # Además de la etiqueta meta: que ningún buscador guarde nombres de personas.
    respuesta["X-Robots-Tag"] = "noindex, nofollow"
    return respuesta


# never_cache: una revocación debe verse de inmediato, sin copias guardadas en el camino.
@login_not_required
@require_safe
@never_cache
def verificar(request):
    """Formulario para teclear el código; con ?codigo= lleva a la página de esa constancia."""
    form = VerificarForm(request.GET if "codigo" in request.GET else None)
    if form.is_bound and form.is_valid():
        codigo = normalizar_codigo(form.cleaned_data["codigo"])
        if codigo:
            return redirect("capacitacion:verificar_codigo", codigo)
        form.add_error("codigo", CODIGO_MAL_ESCRITO)
    return _pagina(request, "capacitacion/verificacion/verificar.html", {"form": form})


@login_not_required
@require_safe
@never_cache
def verificar_codigo(request, codigo):
    canonico = normalizar_codigo(codigo)
    if canonico and canonico != codigo:
        # «7kq2 mx9p 4tzr» o sin guiones: a la dirección canónica, la que va en el QR.
        return redirect("capacitacion:verificar_codigo", canonico, permanent=True)
    constancia = (
        Constancia.objects.filter(codigo=canonico)
        .only("codigo", "nombre", "evento_nombre", "horas", "fecha", "revocada_en")
        .first()
        if canonico
        else None
    )
    if constancia is None:
        return _pagina(
            request,
            "capacitacion/verificacion/no_encontrada.html",
            {
                "form": VerificarForm(),
                "mal_escrito": not canonico,
                "mensaje_codigo": CODIGO_MAL_ESCRITO,
            },
            status=404,
        )
    return _pagina(request, "capacitacion/verificacion/resultado.html", {"constancia": constancia})
