"""Acceso: cada URL es pública a propósito o pide iniciar sesión, y cada rol ve lo que le toca.

Si se agrega una URL sin declararla aquí, `test_cada_url_esta_en_la_matriz` falla: así ninguna
página nueva queda sin una regla de acceso pensada.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

#: Nombres de URL públicos a propósito (sin sesión). Todo lo demás exige iniciar sesión.
PUBLICAS = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "aviso_de_privacidad",
    "salud",
}

#: Rutas fuera de nuestro URLconf propio: la administración de Django tiene su propio acceso.
PREFIJOS_AJENOS = ("admin:",)


def nombres_de_url(patrones=None, prefijo=""):
    """Todos los nombres de URL del proyecto, con su espacio de nombres."""
    patrones = get_resolver().url_patterns if patrones is None else patrones
    for patron in patrones:
        if isinstance(patron, URLResolver):
            ns = f"{prefijo}{patron.namespace}:" if patron.namespace else prefijo
            yield from nombres_de_url(patron.url_patterns, ns)
        elif isinstance(patron, URLPattern) and patron.name:
            yield f"{prefijo}{patron.name}"


def argumentos_de_ejemplo(nombre, dependencia, usuario):
    """Argumentos válidos para construir cada URL que los necesita."""
    return {
        "unidades:dependencia_detalle": [dependencia.pk],
        "usuario_detalle": [usuario.pk],
        "password_reset_confirm": ["MQ", "token-invalido"],
    }.get(nombre, [])


ROLES = [
    "anonimo",
    "coordinacion",
    "administracion",
    "responsable",
    "consulta",
    "sin_rol",
    "responsable_ajena",
]

# (nombre de URL, método, {rol: código esperado}). Los objetos de ejemplo pertenecen a la
# institución de `responsable` y `consulta`; `responsable_ajena` es de otra institución.
MATRIZ = [
    (
        "inicio",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 200,
            "consulta": 200,
            "sin_rol": 200,
        },
    ),
    (
        "unidades:dependencia_lista",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 200,
            "consulta": 200,
            "sin_rol": 403,
        },
    ),
    (
        "unidades:dependencia_detalle",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 200,
            "consulta": 200,
            "sin_rol": 403,
            "responsable_ajena": 404,
        },
    ),
    (
        "usuario_lista",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 403,
            "consulta": 403,
            "sin_rol": 403,
        },
    ),
    (
        "usuario_detalle",
        "get",
        {
            "anonimo": 302,
            "coordinacion": 200,
            "administracion": 200,
            "responsable": 403,
            "consulta": 403,
            "sin_rol": 403,
        },
    ),
    (
        "password_change",
        "get",
        {"anonimo": 302, "coordinacion": 200, "responsable": 200, "sin_rol": 200},
    ),
    ("password_change_done", "get", {"anonimo": 302, "responsable": 200}),
    ("logout", "post", {"anonimo": 302, "responsable": 302}),
    ("logout", "get", {"responsable": 405}),
    ("login", "get", {"anonimo": 200, "responsable": 302}),
    ("password_reset", "get", {"anonimo": 200}),
    ("password_reset_done", "get", {"anonimo": 200}),
    ("password_reset_confirm", "get", {"anonimo": 200}),
    ("password_reset_complete", "get", {"anonimo": 200}),
    ("aviso_de_privacidad", "get", {"anonimo": 200, "responsable": 200}),
    ("aviso_de_privacidad", "post", {"anonimo": 405}),
    ("salud", "get", {"anonimo": 200}),
    ("salud", "post", {"anonimo": 405}),
]


def test_cada_url_esta_en_la_matriz():
    en_matriz = {nombre for nombre, _, _ in MATRIZ}
    sin_regla = [
        n for n in nombres_de_url() if not n.startswith(PREFIJOS_AJENOS) and n not in en_matriz
    ]
    assert not sin_regla, f"URLs sin fila en la matriz de permisos: {sin_regla}"


def test_toda_url_no_publica_manda_al_login(client, dependencia, responsable):
    """Recorre el URLconf entero: sin sesión, solo las URL públicas responden sin redirigir."""
    for nombre in nombres_de_url():
        if nombre.startswith(PREFIJOS_AJENOS):
            continue
        url = reverse(nombre, args=argumentos_de_ejemplo(nombre, dependencia, responsable))
        respuesta = client.get(url)
        if nombre in PUBLICAS:
            assert respuesta.status_code in (200, 405), nombre
        else:
            assert respuesta.status_code == 302, nombre
            assert respuesta.url.startswith(reverse("login") + "?next="), nombre


def test_la_administracion_pide_sesion_de_personal(client, responsable):
    assert client.get("/admin/").status_code == 302
    client.force_login(responsable)
    respuesta = client.get("/admin/")
    assert respuesta.status_code == 302 and "/admin/login/" in respuesta.url


CASOS = [
    pytest.param(nombre, metodo, rol, esperado, id=f"{nombre}-{metodo}-{rol}")
    for nombre, metodo, esperados in MATRIZ
    for rol, esperado in esperados.items()
]


@pytest.mark.parametrize("nombre,metodo,rol,esperado", CASOS)
def test_matriz(client, request, dependencia, responsable, nombre, metodo, rol, esperado):
    if rol != "anonimo":
        client.force_login(request.getfixturevalue(rol))
    url = reverse(nombre, args=argumentos_de_ejemplo(nombre, dependencia, responsable))
    respuesta = getattr(client, metodo)(url)
    assert respuesta.status_code == esperado


def test_quitar_un_permiso_aplica_en_la_siguiente_peticion(client, coordinacion):
    from django.contrib.auth.models import Group

    client.force_login(coordinacion)
    assert client.get(reverse("usuario_lista")).status_code == 200
    grupo = Group.objects.get(name="Coordinación")
    grupo.permissions.remove(*grupo.permissions.filter(codename="view_usuario"))
    assert client.get(reverse("usuario_lista")).status_code == 403
