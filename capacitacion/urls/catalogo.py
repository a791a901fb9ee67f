"""URL del catálogo de capacitación: programas y estándares de competencia."""

from django.urls import path

from capacitacion.views import catalogo as views

urlpatterns = [
    path("programas/", views.ProgramaListView.as_view(), name="programa_lista"),
    path("programas/nuevo/", views.ProgramaCreateView.as_view(), name="programa_nuevo"),
    path("programas/<int:pk>/", views.ProgramaDetailView.as_view(), name="programa_detalle"),
    path("programas/<int:pk>/editar/", views.ProgramaUpdateView.as_view(), name="programa_editar"),
    path("estandares/", views.EstandarListView.as_view(), name="estandar_lista"),
    path("estandares/nuevo/", views.EstandarCreateView.as_view(), name="estandar_nuevo"),
    path("estandares/<int:pk>/editar/", views.EstandarUpdateView.as_view(), name="estandar_editar"),
]
