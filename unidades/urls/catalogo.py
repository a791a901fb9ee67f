from django.urls import path

from unidades.views import catalogo as views

urlpatterns = [
    path("nueva/", views.DependenciaCreateView.as_view(), name="dependencia_nueva"),
    path("<int:pk>/editar/", views.DependenciaUpdateView.as_view(), name="dependencia_editar"),
    path("<int:pk>/desactivar/", views.dependencia_desactivar, name="dependencia_desactivar"),
    path("<int:pk>/reactivar/", views.dependencia_reactivar, name="dependencia_reactivar"),
    path("exportar/", views.dependencia_exportar, name="dependencia_exportar"),
    path("importar/", views.DependenciaImportarView.as_view(), name="dependencia_importar"),
    path(
        "importar/confirmar/",
        views.dependencia_importar_confirmar,
        name="dependencia_importar_confirmar",
    ),
]
