from django.utils.cache import add_never_cache_headers, patch_cache_control


class SinCacheAutenticadoMiddleware:
    """Evita que el navegador o un proxy guarden páginas con datos de una sesión iniciada.

    Sin esto, tras cerrar sesión el botón «Atrás» mostraría datos personales desde la caché.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
