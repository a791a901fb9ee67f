"""Lo que la barra de navegación necesita en cada página del piso de arriba."""

from django.utils.functional import cached_property

from panorama import por_revisar


class AsuntosPorRevisar:
    """La cifra de la campana, perezosa: nada se consulta hasta que la plantilla la pide."""

    def __init__(self, usuario):
        self._usuario = usuario

    @cached_property
    def tipos(self):
        return por_revisar.tipos_para(self._usuario)

    @cached_property
    def total(self):
        return por_revisar.total(self._usuario, self.tipos)

    @cached_property
    def primeros(self):
        return por_revisar.primeros(self._usuario, self.tipos)

    def __bool__(self):
        # `{% if asuntos_por_revisar %}`: la persona atiende algún tipo (no consulta la base).
        return bool(self.tipos)


def asuntos_por_revisar(request):
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {}
    return {"asuntos_por_revisar": AsuntosPorRevisar(usuario)}
