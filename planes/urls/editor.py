"""URL del editor del plan de trabajo y de la guía metodológica."""

from django.urls import path

from planes.views import editor, observaciones

urlpatterns = [
    path("nuevo/", editor.plan_nuevo, name="nuevo"),
    path("guia/", editor.guia, name="guia"),
    path("guia/pdf/", editor.guia_pdf, name="guia_pdf"),
    path("<int:pk>/editar/", editor.plan_editar, name="editar"),
    path("<int:pk>/encabezado/guardar/", editor.encabezado_guardar, name="encabezado_guardar"),
    path("<int:pk>/actividades/agregar/", editor.actividad_agregar, name="actividad_agregar"),
    path(
        "<int:pk>/actividades/<int:actividad_pk>/guardar/",
        editor.actividad_guardar,
        name="actividad_guardar",
    ),
    path(
        "<int:pk>/actividades/<int:actividad_pk>/duplicar/",
        editor.actividad_duplicar,
        name="actividad_duplicar",
    ),
    path(
        "<int:pk>/actividades/<int:actividad_pk>/eliminar/",
        editor.actividad_eliminar,
        name="actividad_eliminar",
    ),
    path(
        "<int:pk>/observaciones/<int:observacion_pk>/responder/",
        observaciones.observacion_responder,
        name="observacion_responder",
    ),
    path(
        "<int:pk>/actividades/<int:actividad_pk>/mover/",
        editor.actividad_mover,
        name="actividad_mover",
    ),
]
