"""URL de la página pública «Avances y retos» (montadas en /avances/)."""

from django.urls import path

from difusion import views_publicas

app_name = "avances"
urlpatterns = [
    path("", views_publicas.avances_pagina, name="pagina"),
    path("datos.csv", views_publicas.avances_csv, name="datos_csv"),
    path("datos.json", views_publicas.avances_json, name="datos_json"),
    path("textos/", views_publicas.TextoAvancesUpdateView.as_view(), name="textos"),
]
