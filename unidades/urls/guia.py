from django.urls import path

from unidades.views import guia as views

urlpatterns = [
    path("", views.PasoGuiaListView.as_view(), name="guia"),
    path("pasos/<int:pk>/editar/", views.PasoGuiaUpdateView.as_view(), name="paso_editar"),
    path("formatos/<int:pk>/<slug:clave>.pdf", views.plantilla_pdf, name="plantilla_pdf"),
]
