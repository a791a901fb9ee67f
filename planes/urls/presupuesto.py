"""El presupuesto para la igualdad: catálogo de programas presupuestarios y sumas del año."""

from django.urls import path

from planes.views import presupuesto as views

urlpatterns = [
    path("presupuesto/", views.presupuesto, name="presupuesto"),
    path("presupuesto/xlsx/", views.presupuesto_xlsx, name="presupuesto_xlsx"),
    path("programas/", views.ProgramaListView.as_view(), name="programa_lista"),
    path("programas/nuevo/", views.ProgramaCreateView.as_view(), name="programa_nuevo"),
    path("programas/exportar/", views.programa_exportar, name="programa_exportar"),
    path("programas/importar/", views.ProgramaImportarView.as_view(), name="programa_importar"),
    path(
        "programas/importar/confirmar/",
        views.programa_importar_confirmar,
        name="programa_importar_confirmar",
    ),
    path("programas/<int:pk>/", views.programa_detalle, name="programa_detalle"),
    path("programas/<int:pk>/editar/", views.ProgramaUpdateView.as_view(), name="programa_editar"),
    path("programas/<int:pk>/desactivar/", views.programa_desactivar, name="programa_desactivar"),
    path("programas/<int:pk>/reactivar/", views.programa_reactivar, name="programa_reactivar"),
    path(
        "programas/<int:pk>/mejoras/", views.programa_mejora_agregar, name="programa_mejora_agregar"
    ),
    path(
        "programas/<int:pk>/mejoras/<int:mejora_pk>/eliminar/",
        views.programa_mejora_eliminar,
        name="programa_mejora_eliminar",
    ),
]
