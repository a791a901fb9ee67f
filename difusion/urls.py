"""URL de materiales."""

from django.urls import path

from difusion import views

app_name = "difusion"
urlpatterns = [
    path("", views.MaterialListView.as_view(), name="material_lista"),
    path("nuevo/", views.MaterialCreateView.as_view(), name="material_nuevo"),
    path("<int:pk>/", views.MaterialDetailView.as_view(), name="material_detalle"),
    path("<int:pk>/editar/", views.MaterialUpdateView.as_view(), name="material_editar"),
    path("<int:pk>/eliminar/", views.material_eliminar, name="material_eliminar"),
    path("<int:pk>/descargar/", views.material_descargar, name="material_descargar"),
]
