"""Acceso: cada URL es pública a propósito o pide iniciar sesión, y cada rol ve lo que le toca.

Si se agrega una URL sin declararla en alguna matriz (`tests/**/test_permisos*.py`),
`test_cada_url_esta_en_alguna_matriz` falla: ninguna página nueva queda sin regla pensada.
"""

import uuid

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter, StringConverter, UUIDConverter

from tests.permisos import Caso, mundo, probar_matriz, todas_las_matrices  # noqa: F401

#: Nombres de URL públicos a propósito (sin sesión). Todo lo demás exige iniciar sesión.
PUBLICAS = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "aviso_de_privacidad",
    "salud",
    "capacitacion:verificar",
    "capacitacion:verificar_codigo",
    "avances:pagina",
    "avances:datos_csv",
    "avances:datos_json",
}

#: Rutas fuera de nuestro URLconf propio: la administración de Django tiene su propio acceso.
PREFIJOS_AJENOS = ("admin:",)


def nombres_de_url(patrones=None, prefijo="", camino=()):
    """(nombre con espacio de nombres, patrones desde la raíz) de cada URL del proyecto."""
    patrones = get_resolver().url_patterns if patrones is None else patrones
    for patron in patrones:
        if isinstance(patron, URLResolver):
            ns = f"{prefijo}{patron.namespace}:" if patron.namespace else prefijo
            yield from nombres_de_url(patron.url_patterns, ns, (*camino, patron))
        elif isinstance(patron, URLPattern) and patron.name:
            yield f"{prefijo}{patron.name}", (*camino, patron)


def argumentos_de_relleno(camino):
    """Un valor de relleno por cada parámetro de la ruta completa, según su convertidor."""
    relleno = {
        IntConverter: 1,
        StringConverter: "x",
        SlugConverter: "x",
        UUIDConverter: uuid.uuid4(),
    }
    return [
        relleno.get(type(convertidor), "x")
        for patron in camino
        for convertidor in patron.pattern.converters.values()
    ]


MATRIZ = [
    Caso("inicio", "get", {"anonimo": 302, "coordinacion": 200, "administracion": 200,
                           "responsable": 200, "consulta": 200, "sin_rol": 200}),
    Caso("usuario_lista", "get", {"anonimo": 302, "coordinacion": 200, "administracion": 200,
                                  "responsable": 403, "consulta": 403, "sin_rol": 403}),
    Caso("usuario_detalle", "get", {"anonimo": 302, "coordinacion": 200, "administracion": 200,
                                    "responsable": 403, "consulta": 403, "sin_rol": 403},
         args=lambda m: [m.responsable.pk]),
    Caso("password_change", "get", {"anonimo": 302, "coordinacion": 200, "responsable": 200,
                                    "sin_rol": 200}),
    Caso("password_change_done", "get", {"anonimo": 302, "responsable": 200}),
    Caso("logout", "post", {"anonimo": 302, "responsable": 302}),
    Caso("logout", "get", {"responsable": 405}),
    Caso("login", "get", {"anonimo": 200, "responsable": 302}),
    Caso("password_reset", "get", {"anonimo": 200}),
    Caso("password_reset_done", "get", {"anonimo": 200}),
    Caso("password_reset_confirm", "get", {"anonimo": 200},
         args=lambda m: ["MQ", "token-invalido"]),
    Caso("password_reset_complete", "get", {"anonimo": 200}),
    Caso("aviso_de_privacidad", "get", {"anonimo": 200, "responsable": 200}),
    Caso("aviso_de_privacidad", "post", {"anonimo": 405}),
    Caso("salud", "get", {"anonimo": 200}),
    Caso("salud", "post", {"anonimo": 405}),
]  # fmt: skip

test_matriz = probar_matriz(MATRIZ)


def test_cada_url_esta_en_alguna_matriz():
    en_matrices = {caso.nombre for caso in todas_las_matrices()}
    sin_regla = [
        nombre
        for nombre, _ in nombres_de_url()
        if not nombre.startswith(PREFIJOS_AJENOS) and nombre not in en_matrices
    ]
    assert not sin_regla, f"URLs sin caso en ninguna matriz de permisos: {sin_regla}"


def test_toda_url_no_publica_manda_al_login(client, db):
    """Recorre el URLconf entero: sin sesión, solo las URL públicas responden sin redirigir.

    El middleware decide antes que la vista, así que basta un argumento cualquiera del tipo
    correcto para cada parámetro de la URL.
    """
    for nombre, camino in nombres_de_url():
        if nombre.startswith(PREFIJOS_AJENOS):
            continue
        url = reverse(nombre, args=argumentos_de_relleno(camino))
        respuesta = client.get(url)
        if nombre in PUBLICAS:
            # Un código de relleno no existe: la verificación pública responde 404, no login.
            assert respuesta.status_code in (200, 404, 405), nombre
        else:
            assert respuesta.status_code == 302, nombre
            assert respuesta.url.startswith(reverse("login") + "?next="), nombre


def test_la_administracion_pide_sesion_de_personal(client, responsable):
    assert client.get("/admin/").status_code == 302
    client.force_login(responsable)
    respuesta = client.get("/admin/")
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta.url


def test_quitar_un_permiso_aplica_en_la_siguiente_peticion(client, coordinacion):
    from django.contrib.auth.models import Group

    client.force_login(coordinacion)
    assert client.get(reverse("usuario_lista")).status_code == 200
    grupo = Group.objects.get(name="Coordinación")
    grupo.permissions.remove(*grupo.permissions.filter(codename="view_usuario"))
    assert client.get(reverse("usuario_lista")).status_code == 403
