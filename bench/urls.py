"""Las URL del portal más una vista mínima que sirve de línea base."""

from django.http import HttpResponse
from django.urls import path

from uig_portal.urls import urlpatterns as urlpatterns_del_portal


def minimo(request):
    """Lo menos que puede costar una página con sesión: todo el middleware y nada más."""
    return HttpResponse("ok")


urlpatterns = [
    path("bench/minimo/", minimo, name="bench_minimo"),
    *urlpatterns_del_portal,
]
