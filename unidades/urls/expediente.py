from django.urls import path

from unidades.views import expediente as views

urlpatterns = [
    path("", views.DependenciaListView.as_view(), name="dependencia_lista"),
    path("<int:pk>/", views.DependenciaDetailView.as_view(), name="dependencia_detalle"),
]
