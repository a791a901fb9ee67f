"""URL de las rondas de aplicación: lista, abrir, editar, seguimiento, recordatorios y revisión."""

from django.urls import path

from diagnosticos.views import aplicaciones as views

urlpatterns = [
    path("rondas/", views.aplicacion_lista, name="aplicacion_lista"),
    path("rondas/nueva/", views.aplicacion_nueva, name="aplicacion_nueva"),
    path("rondas/<int:pk>/", views.aplicacion_detalle, name="aplicacion_detalle"),
    path("rondas/<int:pk>/editar/", views.aplicacion_editar, name="aplicacion_editar"),
    path("rondas/<int:pk>/recordar/", views.aplicacion_recordar, name="aplicacion_recordar"),
    path("respuestas/<int:pk>/devolver/", views.respuesta_devolver, name="respuesta_devolver"),
    path("respuestas/<int:pk>/aceptar/", views.respuesta_aceptar, name="respuesta_aceptar"),
]
