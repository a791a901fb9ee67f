from django.urls import path

from unidades.views import reuniones as views

urlpatterns = [
    path("asesorias/", views.AsesoriaListView.as_view(), name="asesoria_lista"),
    path("asesorias/nueva/", views.AsesoriaCreateView.as_view(), name="asesoria_nueva"),
    path("asesorias/<int:pk>/", views.AsesoriaDetailView.as_view(), name="asesoria_detalle"),
    path("asesorias/<int:pk>/editar/", views.AsesoriaUpdateView.as_view(), name="asesoria_editar"),
    path("asesorias/<int:pk>/documento/", views.asesoria_documento, name="asesoria_documento"),
    path("reuniones/", views.ReunionListView.as_view(), name="reunion_lista"),
    path("reuniones/nueva/", views.ReunionCreateView.as_view(), name="reunion_nueva"),
    path("reuniones/<int:pk>/", views.ReunionDetailView.as_view(), name="reunion_detalle"),
    path("reuniones/<int:pk>/editar/", views.ReunionUpdateView.as_view(), name="reunion_editar"),
    path(
        "reuniones/<int:pk>/asistencia/",
        views.ReunionAsistenciaView.as_view(),
        name="reunion_asistencia",
    ),
    path("reuniones/<int:pk>/documento/", views.reunion_documento, name="reunion_documento"),
    path("acuerdos/", views.AcuerdoListView.as_view(), name="acuerdo_lista"),
    path("acuerdos/<int:pk>/actualizar/", views.acuerdo_actualizar, name="acuerdo_actualizar"),
]
