from django.urls import path

from unidades.views import actividad as views

urlpatterns = [
    path("<int:pk>/actividad/", views.actividad, name="actividad"),
]
