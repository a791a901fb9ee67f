import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unidades.models import Dependencia


class DependenciaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="buscar")
    tipo = django_filters.ChoiceFilter(
        label=_("Tipo"), choices=Dependencia.Tipo.choices, empty_label=_("Todos los tipos")
    )
    sector = django_filters.ChoiceFilter(label=_("Sector"), empty_label=_("Todos los sectores"))
    vigente = django_filters.BooleanFilter(label=_("Vigente"))

    class Meta:
        model = Dependencia
        fields = ["q", "tipo", "sector", "vigente"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sectores = self.queryset.order_by("sector").values_list("sector", flat=True).distinct()
        self.filters["sector"].extra["choices"] = [(s, s) for s in sectores]

    def buscar(self, queryset, name, value):
        return queryset.filter(Q(nombre__icontains=value) | Q(siglas__icontains=value))
