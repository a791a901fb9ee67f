"""URL de importación y exportación de XLSForm."""

from django.urls import path

from diagnosticos.views import xlsform

urlpatterns = [
    path("versiones/<int:pk>/xlsform.xlsx", xlsform.version_xlsform, name="version_xlsform"),
    path(
        "cuestionarios/<int:pk>/importar-xlsform/",
        xlsform.xlsform_importar,
        name="xlsform_importar",
    ),
]
