"""La línea de tiempo de actividad de una institución."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from panorama.actividad import LIMITE, TIPOS, linea_de_tiempo
from unidades.models import Dependencia

#: Tope de «ver más»: la página nunca pide más eventos que esto.
LIMITE_MAXIMO = 500


class FiltroActividadForm(forms.Form):
    tipos = forms.MultipleChoiceField(
        label=_("Qué mostrar"),
        choices=[(clave, etiqueta) for clave, (etiqueta, _icono) in TIPOS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    desde = forms.DateField(
        label=_("Desde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label=_("Hasta"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    limite = forms.IntegerField(
        required=False, min_value=1, max_value=LIMITE_MAXIMO, widget=forms.HiddenInput
    )

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and hasta < desde:
            self.add_error("hasta", _("La fecha final no puede ser anterior a la inicial."))
        return datos


def _inicio_del_dia(fecha):
    return timezone.make_aware(datetime.combine(fecha, time.min))


@permission_required("unidades.view_dependencia", raise_exception=True)
def actividad(request, pk):
    dependencia = get_object_or_404(Dependencia.objects.visibles_para(request.user), pk=pk)
    form = FiltroActividadForm(request.GET or None)
    tipos, desde, hasta, limite = None, None, None, LIMITE
    if form.is_bound and form.is_valid():
        datos = form.cleaned_data
        tipos = datos["tipos"] or None
        desde = _inicio_del_dia(datos["desde"]) if datos["desde"] else None
        # «Hasta» incluye el día completo.
        hasta = _inicio_del_dia(datos["hasta"] + timedelta(days=1)) if datos["hasta"] else None
        limite = datos["limite"] or LIMITE
    elif form.is_bound:
        # Con un filtro inválido se muestran los errores y la línea de tiempo sin filtro de
        # fechas, pero con los tipos que sí se entendieron.
        tipos = [t for t in request.GET.getlist("tipos") if t in TIPOS] or None
    # Un evento de más indica si hay más que mostrar.
    eventos = linea_de_tiempo(dependencia, desde, hasta, tipos, limite=limite + 1)
    hay_mas = len(eventos) > limite and limite < LIMITE_MAXIMO
    eventos = eventos[:limite]
    meses = []
    for evento in eventos:
        local = timezone.localtime(evento.fecha)
        mes = local.date().replace(day=1)
        if not meses or meses[-1][0] != mes:
            meses.append((mes, []))
        meses[-1][1].append((local, evento))
    siguiente = request.GET.copy()
    siguiente["limite"] = min(limite + LIMITE, LIMITE_MAXIMO)
    return render(
        request,
        "panorama/actividad.html",
        {
            "dependencia": dependencia,
            "form": form,
            "meses": meses,
            "total": len(eventos),
            "hay_mas": hay_mas,
            "ver_mas": siguiente.urlencode(),
            "tipos": TIPOS,
        },
    )
