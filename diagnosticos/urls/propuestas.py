"""URL de las propuestas: los textos de una versión y la revisión de la Coordinación."""

from django.urls import path

from diagnosticos.views import propuestas as views

urlpatterns = [
    path(
        "versiones/<int:pk>/textos-de-propuesta/",
        views.textos_propuesta,
        name="textos_propuesta",
    ),
    path(
        "versiones/<int:pk>/textos-de-propuesta/nuevo/",
        views.texto_propuesta_nuevo,
        name="texto_propuesta_nuevo",
    ),
    path(
        "textos-de-propuesta/<int:pk>/editar/",
        views.texto_propuesta_editar,
        name="texto_propuesta_editar",
    ),
    path(
        "textos-de-propuesta/<int:pk>/eliminar/",
        views.texto_propuesta_eliminar,
        name="texto_propuesta_eliminar",
    ),
    path("respuestas/<int:pk>/propuestas/", views.propuestas_revision, name="propuestas"),
    path(
        "respuestas/<int:pk>/propuestas/redactar/",
        views.propuestas_redactar,
        name="propuestas_redactar",
    ),
    path(
        "respuestas/<int:pk>/propuestas/agregar/",
        views.propuesta_agregar,
        name="propuesta_agregar",
    ),
    path(
        "respuestas/<int:pk>/propuestas/todas-listas/",
        views.propuestas_listas,
        name="propuestas_listas",
    ),
    path("propuestas/<int:pk>/editar/", views.propuesta_editar, name="propuesta_editar"),
    path("propuestas/<int:pk>/eliminar/", views.propuesta_eliminar, name="propuesta_eliminar"),
    path("propuestas/<int:pk>/lista/", views.propuesta_lista, name="propuesta_lista"),
    path("propuestas/<int:pk>/revisar/", views.propuesta_revisar, name="propuesta_revisar"),
]
