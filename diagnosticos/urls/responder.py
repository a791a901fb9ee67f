"""URL de responder del diagnóstico (y la vista previa de una versión)."""

from django.urls import path

from diagnosticos.views import responder as vistas

urlpatterns = [
    path("respuestas/", vistas.mis_diagnosticos, name="mis_diagnosticos"),
    path("respuestas/<int:pk>/", vistas.responder, name="responder"),
    path(
        "respuestas/<int:pk>/secciones/<slug:codigo>/",
        vistas.responder_seccion,
        name="responder_seccion",
    ),
    path(
        "respuestas/<int:pk>/preguntas/<int:pregunta_pk>/guardar/",
        vistas.guardar_pregunta,
        name="guardar_pregunta",
    ),
    path(
        "respuestas/<int:pk>/preguntas/<int:pregunta_pk>/evidencias/",
        vistas.evidencia_subir,
        name="evidencia_subir",
    ),
    path("evidencias/<int:pk>/", vistas.evidencia_descargar, name="evidencia_descargar"),
    path("evidencias/<int:pk>/eliminar/", vistas.evidencia_eliminar, name="evidencia_eliminar"),
    path("respuestas/<int:pk>/enviar/", vistas.respuesta_enviar, name="respuesta_enviar"),
    path(
        "versiones/<int:pk>/vista-previa/",
        vistas.version_vista_previa,
        name="version_vista_previa",
    ),
]
