"""Las URL del portal más una vista mínima que sirve de línea base."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from uig_portal.urls import urlpatterns as urlpatterns_del_portal


def minimo(request):
    """Lo menos que puede costar una página con sesión: todo el middleware y nada más."""
    return HttpResponse("ok")


def vacia(request):
    """Una página vacía con base.html: el armazón (menú, campana de «Por revisar», pie)."""
    return render(request, "bench/vacia.html")


urlpatterns = [
    path("bench/minimo/", minimo, name="bench_minimo"),
    path("bench/vacia/", vacia, name="bench_vacia"),
    *urlpatterns_del_portal,
]
