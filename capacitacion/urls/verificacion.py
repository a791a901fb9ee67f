"""URL públicas de verificación de constancias (/verificar/); no piden sesión."""

from django.urls import path

from capacitacion.views import verificacion as views

urlpatterns = [
    path("", views.verificar, name="verificar"),
    path("<str:codigo>/", views.verificar_codigo, name="verificar_codigo"),
]
