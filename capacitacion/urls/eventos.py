"""URL de los eventos de capacitación y sus sesiones; la lista de eventos es el inicio de la app."""

from django.urls import path

from capacitacion.views import eventos as views

urlpatterns = [
    path("", views.evento_lista, name="evento_lista"),
    path("eventos/nuevo/", views.evento_nuevo, name="evento_nuevo"),
    path("eventos/<int:pk>/", views.evento_detalle, name="evento_detalle"),
    path("eventos/<int:pk>/editar/", views.evento_editar, name="evento_editar"),
    path("eventos/<int:pk>/estado/", views.evento_estado, name="evento_estado"),
    path("eventos/<int:pk>/sesiones/nueva/", views.sesion_nueva, name="sesion_nueva"),
    path("sesiones/<int:pk>/editar/", views.sesion_editar, name="sesion_editar"),
    path("sesiones/<int:pk>/eliminar/", views.sesion_eliminar, name="sesion_eliminar"),
]
