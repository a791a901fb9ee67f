"""La página pública «Avances y retos», sus datos abiertos y la edición de sus textos.

La página y los datos no piden sesión: muestran solo totales de todo el estado, con las
cifras pequeñas reservadas (ver `difusion.avances`). Los textos los edita la Coordinación.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import UpdateView

from difusion import avances
from difusion.forms_avances import TextoAvancesForm
from difusion.models import TextoAvances
from panorama import ejercicio
from uig_portal.lib.graficas import (
    Barra,
    formato_entero,
    grafica_barras_horizontales,
)
from uig_portal.lib.historial import entradas
from uig_portal.lib.hojas import respuesta_csv

#: Cuánto pueden guardar la página los navegadores y los cachés compartidos (segundos).
CACHE_PUBLICO = 300
LICENCIA = "Datos abiertos"
FUENTE = "Coordinación de Unidades de Igualdad de Género · Secretaría de las Mujeres"


def _con_cache(request, respuesta):
    """Anónimos: cacheable por cualquiera unos minutos; con sesión, solo por su navegador
    (la cabecera de la página lleva el menú de la persona)."""
    if request.user.is_authenticated:
        patch_cache_control(respuesta, private=True, max_age=0)
    else:
        patch_cache_control(respuesta, public=True, max_age=CACHE_PUBLICO)
    patch_vary_headers(respuesta, ["Cookie"])
    return respuesta


def _cifras(request):
    anio, valido = ejercicio.anio_valido(request.GET.get("anio"))
    return avances.cifras(anio), valido


def _formato_indice(valor):
    return f"{valor:.1f}"


def _graficas(datos):
    avance = grafica_barras_horizontales(
        [
            Barra(
                _("Unidades instaladas"),
                datos.porcentaje_instaladas,
                _("%(n)s de %(total)s") % {"n": datos.instaladas, "total": datos.instituciones},
            ),
            Barra(
                _("Planes de trabajo aprobados"),
                datos.porcentaje_planes,
                _("%(n)s de %(total)s")
                % {"n": datos.planes_aprobados, "total": datos.instituciones},
            ),
            Barra(
                _("Respuesta al diagnóstico"),
                datos.tasa_respuesta,
                _("%(n)s de %(total)s") % {"n": datos.respondidas, "total": datos.en_la_ronda},
            ),
        ],
        titulo=_("Avance de las instituciones en %(anio)s") % {"anio": datos.anio},
        descripcion=_(
            "Porcentaje de instituciones con unidad instalada, con plan de trabajo aprobado y "
            "que respondieron el diagnóstico."
        ),
        etiqueta_arriba=True,
    )
    temas = [t for t in [datos.indice_general, *datos.temas] if t and t.promedio is not None]
    indices = None
    if temas:
        indices = grafica_barras_horizontales(
            [Barra(t.titulo, float(t.promedio)) for t in temas],
            titulo=_("Índice promedio por tema: %(ronda)s") % {"ronda": datos.ronda},
            descripcion=_(
                "Promedio de 0 a 100 de las instituciones con respuesta aceptada, por tema."
            ),
            formato=_formato_indice,
            etiqueta_arriba=True,
        )
    # Las celdas reservadas no se grafican: una barra en cero diría «cero».
    publicadas = [
        (etiqueta, celda.valor)
        for _clave, etiqueta, celda, _cert in datos.por_sexo
        if celda.valor is not None
    ]
    maximo = max([valor for _etiqueta, valor in publicadas] + [1])
    sexo = grafica_barras_horizontales(
        [Barra(etiqueta, valor) for etiqueta, valor in publicadas],
        titulo=_("Personas capacitadas en %(anio)s por sexo") % {"anio": datos.anio},
        descripcion=_(
            "Personas distintas que acreditaron al menos una capacitación en el año. Las cifras "
            "reservadas (menos de 3 personas) no se grafican; están en la tabla."
        ),
        maximo=maximo,
        formato=formato_entero,
        etiqueta_arriba=True,
    )
    return {"grafica_avance": avance, "grafica_indices": indices, "grafica_sexo": sexo}


@login_not_required
@require_GET
def avances_pagina(request):
    datos, valido = _cifras(request)
    contexto = {
        "datos": datos,
        "anio_invalido": not valido,
        "anios": ejercicio.anios_disponibles(),
        "textos": TextoAvances.actual(),
        "puede_editar": request.user.has_perm("difusion.change_textoavances"),
        "umbral": avances.UMBRAL,
        **_graficas(datos),
    }
    return _con_cache(request, render(request, "difusion/avances.html", contexto))


def _metadatos(datos):
    return {
        "titulo": "Avances y retos de las Unidades de Igualdad de Género",
        "fuente": FUENTE,
        "fecha_de_corte": datos.corte.isoformat(),
        "anio": datos.anio,
        "licencia": LICENCIA,
        "ronda_diagnostico": datos.ronda or None,
        "ronda_linea_base": datos.ronda_base or None,
        "nota": "Cifras agregadas de todo el estado; sin datos personales ni por institución.",
        "umbral": avances.UMBRAL,
        "cifras_reservadas": (
            "Un valor null con suprimido=true no se publica. Motivos: "
            f"{avances.MENOS_DE_UMBRAL}: 1 o 2 personas; "
            f"{avances.RESERVADA}: se reserva para que no se deduzca otra cifra restándola "
            "de un total; "
            f"{avances.POCAS_INSTITUCIONES}: promedio (o su línea base) de menos de "
            f"{avances.UMBRAL} instituciones. El cero se publica como cero."
        ),
    }


@login_not_required
@require_GET
def avances_csv(request):
    datos, _valido = _cifras(request)
    filas = [(indicador, valor, unidad, periodo, motivo) for _c, indicador, valor, unidad, periodo,
             motivo in datos.indicadores()]  # fmt: skip
    respuesta = respuesta_csv(
        ["indicador", "valor", "unidad", "periodo", "motivo_sin_cifra"],
        filas,
        f"avances-uig-{datos.anio}.csv",
    )
    return _con_cache(request, respuesta)


@login_not_required
@require_GET
def avances_json(request):
    datos, _valido = _cifras(request)
    contenido = {
        "metadatos": _metadatos(datos),
        "indicadores": [
            {
                "clave": c,
                "indicador": i,
                "valor": v,
                "unidad": u,
                "periodo": p,
                "suprimido": bool(m),
                "motivo": m or None,
            }
            for c, i, v, u, p, m in datos.indicadores()
        ],
    }
    respuesta = JsonResponse(contenido, json_dumps_params={"ensure_ascii": False, "indent": 1})
    respuesta["Content-Disposition"] = f'inline; filename="avances-uig-{datos.anio}.json"'
    return _con_cache(request, respuesta)


class TextoAvancesUpdateView(PermissionRequiredMixin, UpdateView):
    permission_required = "difusion.change_textoavances"
    form_class = TextoAvancesForm
    template_name = "difusion/avances_textos.html"
    http_method_names = ["get", "post"]

    def get_object(self, queryset=None):
        if self.request.method == "POST":
            # Bloqueada hasta guardar: la comparación de `marca` y el guardado no se cruzan
            # con otra edición simultánea.
            textos = TextoAvances.objects.select_for_update().filter(pk=TextoAvances.PK).first()
            if textos is None:
                # Aún sin textos: quien editaba vio la página vacía, no una versión anterior.
                textos = TextoAvances(pk=TextoAvances.PK)
                textos.sin_version_previa = True
            return textos
        return TextoAvances.actual()

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        form.instance.actualizado_por = self.request.user
        form.instance._change_reason = _("Edición de los textos públicos")
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            # Dos personas guardaron los primeros textos al mismo tiempo: gana la primera.
            form.add_error(None, TextoAvancesForm.MENSAJE_MARCA)
            return self.form_invalid(form)
        messages.success(self.request, _("Se guardaron los textos de «Avances y retos»."))
        return redirect("avances:textos")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, hay_errores=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["historial"] = entradas(
            TextoAvances.history.select_related("history_user")[:20], _("Textos")
        )
        context["url_publica"] = reverse("avances:pagina")
        return context
