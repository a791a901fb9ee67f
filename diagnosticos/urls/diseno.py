"""URL del diseño de cuestionarios: cuestionarios, versiones, secciones y preguntas."""

from django.urls import path

from diagnosticos.views import diseno as views

urlpatterns = [
    path("cuestionarios/", views.cuestionario_lista, name="cuestionario_lista"),
    path("cuestionarios/nuevo/", views.cuestionario_nuevo, name="cuestionario_nuevo"),
    path("cuestionarios/<int:pk>/", views.cuestionario_detalle, name="cuestionario_detalle"),
    path("cuestionarios/<int:pk>/editar/", views.cuestionario_editar, name="cuestionario_editar"),
    path("versiones/<int:pk>/", views.version_detalle, name="version_detalle"),
    path("versiones/<int:pk>/nueva-version/", views.version_nueva, name="version_nueva"),
    path("versiones/<int:pk>/secciones/nueva/", views.seccion_nueva, name="seccion_nueva"),
    path("secciones/<int:pk>/editar/", views.seccion_editar, name="seccion_editar"),
    path("secciones/<int:pk>/eliminar/", views.seccion_eliminar, name="seccion_eliminar"),
    path("secciones/<int:pk>/mover/", views.seccion_mover, name="seccion_mover"),
    path("secciones/<int:pk>/preguntas/nueva/", views.pregunta_nueva, name="pregunta_nueva"),
    path("preguntas/<int:pk>/editar/", views.pregunta_editar, name="pregunta_editar"),
    path("preguntas/<int:pk>/eliminar/", views.pregunta_eliminar, name="pregunta_eliminar"),
    path("preguntas/<int:pk>/mover/", views.pregunta_mover, name="pregunta_mover"),
]
