"""El formulario de filtros de las estadísticas de capacitación (por GET)."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capacitacion.estadisticas import ANIOS_MAXIMOS, Filtros, periodo_predeterminado
from capacitacion.models import Programa
from uig_portal.lib.widgets import FechaInput, SelectRapido
from unidades.models import Dependencia
from unidades.models.instalacion import Sexo


class EstadisticasForm(forms.Form):
    """Periodo y filtros. Los de institución y sector solo existen para quien ve todas las
    instituciones; a las demás personas se les quitan y su alcance no cambia."""

    desde = forms.DateField(label=_("Desde"), required=False, widget=FechaInput())
    hasta = forms.DateField(label=_("Hasta"), required=False, widget=FechaInput())
    programa = forms.ModelChoiceField(
        label=_("Programa"),
        queryset=Programa.objects.order_by("nombre"),
        required=False,
        empty_label=_("Todos los programas"),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    dependencia = forms.ModelChoiceField(
        label=_("Institución"),
        queryset=Dependencia.objects.only("pk", "nombre").order_by("nombre"),
        required=False,
        empty_label=_("Todas las instituciones"),
        widget=SelectRapido,
    )
    sexo = forms.ChoiceField(
        label=_("Sexo"), required=False, choices=[("", _("Todos")), *Sexo.choices]
    )

    def __init__(self, *args, usuario, hoy: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hoy = hoy or timezone.localdate()
        if usuario.ve_todas_las_dependencias:
            sectores = (
                Dependencia.objects.exclude(sector="")
                .order_by("sector")
                .values_list("sector", flat=True)
                .distinct()
            )
            self.fields["sector"].choices = [
                ("", _("Todos los sectores")),
                *((s, s) for s in sectores),
            ]
        else:
            del self.fields["sector"]
            del self.fields["dependencia"]

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta:
            if desde > hasta:
                self.add_error(
                    "hasta",
                    _("La fecha final no puede ser anterior a la inicial (%(desde)s).")
                    % {"desde": f"{desde:%d/%m/%Y}"},
                )
            elif hasta.year - desde.year > ANIOS_MAXIMOS:
                self.add_error(
                    "hasta",
                    _("El periodo puede abarcar a lo más %(n)s años.") % {"n": ANIOS_MAXIMOS},
                )
        return datos

    @property
    def periodo_con_error(self) -> bool:
        return self.is_bound and ("desde" in self.errors or "hasta" in self.errors)

    def filtros(self) -> Filtros:
        """Los filtros válidos. Un periodo con error se cambia por el año en curso; un filtro
        con error (p. ej. un programa que no existe) se ignora. El error se muestra igual."""
        if not self.is_bound:
            filtros = Filtros.predeterminados(self.hoy)
            self.initial = {"desde": filtros.desde, "hasta": filtros.hasta}
            return filtros
        self.is_valid()
        datos = self.cleaned_data
        if self.periodo_con_error:
            desde, hasta = periodo_predeterminado(self.hoy)
        else:
            desde, hasta = datos.get("desde"), datos.get("hasta")
            # Con una sola fecha, el periodo es el resto (o el inicio) de ese año.
            if desde is None and hasta is None:
                desde, hasta = periodo_predeterminado(self.hoy)
            elif desde is None:
                desde = date(hasta.year, 1, 1)
            elif hasta is None:
                hasta = date(desde.year, 12, 31)
        # Las fechas que se usaron se muestran en el formulario.
        self.data = self.data.copy()
        self.data["desde"] = desde.isoformat()
        self.data["hasta"] = hasta.isoformat()
        return Filtros(
            desde=desde,
            hasta=hasta,
            programa=datos.get("programa"),
            sector=datos.get("sector", ""),
            dependencia=datos.get("dependencia"),
            sexo=datos.get("sexo", ""),
        )
