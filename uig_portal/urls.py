from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from uig_portal import views
from uig_portal.forms import EntrarForm

admin.site.site_header = "Administración del Portal de las Unidades de Igualdad de Género"
admin.site.site_title = "Portal UIG"
admin.site.index_title = "Administración del portal"
admin.site.site_url = "/"

cuenta = [
    path(
        "entrar/",
        auth_views.LoginView.as_view(
            authentication_form=EntrarForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("salir/", views.SalirView.as_view(), name="logout"),
    path("contrasena/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "contrasena/cambiada/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "restablecer/",
        auth_views.PasswordResetView.as_view(
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "restablecer/enviado/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "restablecer/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "restablecer/listo/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", include("panorama.urls")),
    path("cuenta/", include(cuenta)),
    path("personas-usuarias/", views.UsuarioListView.as_view(), name="usuario_lista"),
    path("personas-usuarias/<int:pk>/", views.UsuarioDetailView.as_view(), name="usuario_detalle"),
    path("", include("unidades.urls")),
    path("planes/", include("planes.urls")),
    path("diagnosticos/", include("diagnosticos.urls")),
    path("", include("capacitacion.urls")),
    path("materiales/", include("difusion.urls")),
    path("avances/", include("difusion.urls_publicas")),
    path("informe-anual/", include("difusion.urls_informes")),
    path("aviso-de-privacidad/", views.aviso_de_privacidad, name="aviso_de_privacidad"),
    path("salud/", views.salud, name="salud"),
    path("admin/", admin.site.urls),
]
# MEDIA_ROOT nunca se sirve directamente, ni en desarrollo: las evidencias tienen datos
# personales y se descargan solo por vistas que revisan la sesión y la institución.
