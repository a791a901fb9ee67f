from django.conf import settings

NOMBRE_PORTAL = "Portal de las Unidades de Igualdad de Género"


def portal(request):
    return {
        "NOMBRE_PORTAL": NOMBRE_PORTAL,
        "SITE_URL": settings.SITE_URL,
    }
