"""La página del plan, su flujo de revisión, su PDF y la lista de la Coordinación."""

from django.urls import path

from planes.views import flujo

urlpatterns = [
    path("", flujo.PlanListView.as_view(), name="lista"),
    path("exportar/actividades/", flujo.exportar_actividades, name="exportar_actividades"),
    path("exportar/seguimiento/", flujo.exportar_seguimiento, name="exportar_seguimiento"),
    path("<int:pk>/", flujo.PlanDetailView.as_view(), name="detalle"),
    path("<int:pk>/pdf/", flujo.plan_pdf, name="pdf"),
    path("<int:pk>/enviar/confirmar/", flujo.plan_enviar_confirmar, name="enviar_confirmar"),
    path("<int:pk>/enviar/", flujo.plan_enviar, name="enviar"),
    path("<int:pk>/observar/", flujo.plan_observar, name="observar"),
    path("<int:pk>/devolver/", flujo.plan_devolver, name="devolver"),
    path("<int:pk>/aprobar/confirmar/", flujo.plan_aprobar_confirmar, name="aprobar_confirmar"),
    path("<int:pk>/aprobar/", flujo.plan_aprobar, name="aprobar"),
    path("<int:pk>/modificar/", flujo.plan_modificar, name="modificar"),
]
