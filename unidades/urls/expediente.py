from django.urls import path

from unidades.views import expediente as views

urlpatterns = [
    path("", views.DependenciaListView.as_view(), name="dependencia_lista"),
    path("<int:pk>/", views.DependenciaDetailView.as_view(), name="dependencia_detalle"),
    path("<int:pk>/unidad/avanzar/", views.unidad_avanzar, name="unidad_avanzar"),
    path("<int:pk>/unidad/modalidad/", views.unidad_modalidad, name="unidad_modalidad"),
    path("<int:pk>/unidad/contacto/", views.unidad_contacto, name="unidad_contacto"),
    path("<int:pk>/integrantes/nuevo/", views.integrante_nuevo, name="integrante_nuevo"),
    path(
        "<int:pk>/integrantes/<int:integrante_pk>/baja/",
        views.integrante_baja,
        name="integrante_baja",
    ),
    path("<int:pk>/pasos/<int:paso_pk>/evidencias/", views.evidencia_subir, name="evidencia_subir"),
    path("evidencias/<int:pk>/", views.evidencia_descargar, name="evidencia_descargar"),
    path("evidencias/<int:pk>/revisar/", views.evidencia_revisar, name="evidencia_revisar"),
]
