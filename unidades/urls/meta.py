from django.urls import path

from unidades.views import meta as views

urlpatterns = [
    path("meta/", views.meta, name="meta"),
    path("meta.xlsx", views.meta_xlsx, name="meta_xlsx"),
    path("meta.pdf", views.meta_pdf, name="meta_pdf"),
]
