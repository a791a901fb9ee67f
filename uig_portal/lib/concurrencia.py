"""Una sola forma de rechazar una edición vieja, y el contrato del autoguardado.

Cada registro que se edita en una página (el encabezado y las actividades del plan, cada
respuesta del diagnóstico, el informe trimestral) lleva un número entero de revisión que sube
en 1 con cada guardado. La página lo manda de vuelta al guardar; si ya no es el vigente,
alguien guardó en medio y el guardado se rechaza con `EdicionVieja` y un mismo aviso:

    «Alguien más guardó cambios en el encabezado del plan a las 10:42; recargue para verlos.
    Lo que usted escribió no se perdió: sigue en esta página y, al recargar, podrá
    recuperarlo.»

`avanzar()` hace la comparación y el incremento en un solo `UPDATE … WHERE pk = … AND
revision = …`: aunque la base no bloquee filas (SQLite), de dos guardados con la misma
revisión solo uno escribe.

Contrato del autoguardado (el cliente es static/js/autoguardado.js)
---------------------------------------------------------------------
Petición: POST con los campos del formulario (application/x-www-form-urlencoded), incluido el
campo de revisión que la página recibió (su nombre lo dice el formulario: «revision»,
«encabezado-revision», «p12-revision»…), el token CSRF en `X-CSRFToken` y la cabecera
`X-Autoguardado: 1` (`es_autoguardado()`).

Respuestas (todas con `X-Autoguardado: <tipo>`; ver `marcar()`); el cuerpo es un fragmento
HTML para la zona de estado del formulario, y sus elementos con `hx-swap-oob` reemplazan al
elemento de la página con el mismo id (avance, faltantes…):

- 200 `guardado`: se guardó (o no había cambios). `X-Revision` trae la revisión nueva, que
  el cliente pone en el campo de revisión; `X-Guardado-Hora`, la hora «HH:MM».
- 409 `conflicto`: la revisión enviada es vieja; nada se guardó. El cuerpo trae el aviso de
  `mensaje()`. `X-Revision` trae la vigente. El cliente deja de guardar ese formulario y
  conserva lo escrito en el navegador para ofrecerlo al recargar.
- 400 o 422 `invalido`: algún dato no es válido; nada se guardó. El cuerpo explica qué
  corregir; el cliente vuelve a intentar con el siguiente cambio.
- 401 `sesion`, 403 `no_editable`, 404 `no_existe`: nada se guardó; el cuerpo lo explica.

Cualquier otra respuesta (error del servidor, sin conexión) no trae `X-Autoguardado`: el
cliente avisa «No se pudo guardar» y reintenta solo.
"""

from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

#: Cabecera que distingue una petición del autoguardado y el tipo de su respuesta.
CABECERA = "X-Autoguardado"


class EdicionVieja(Exception):
    """El guardado traía una revisión que ya no es la vigente: alguien guardó en medio.

    `mensaje` es el aviso para la persona; `revision` la revisión vigente; `objeto` el
    registro tal como está guardado ahora.
    """

    def __init__(self, mensaje, *, revision=None, objeto=None):
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.revision = revision
        self.objeto = objeto


def hora(momento):
    """«HH:MM» en la hora local del portal."""
    return date_format(timezone.localtime(momento), "H:i") if momento else ""


def mensaje(que, momento, *, autor=None, usuario=None):
    """El aviso de una edición vieja: quién guardó `que` y a qué hora, y que nada se perdió.

    Si quien guardó es la misma persona (otra pestaña o ventana), se le dice así.
    """
    if autor is not None and usuario is not None and autor.pk == usuario.pk:
        quien = _("Usted, desde otra pestaña o ventana,")
    elif autor is not None:
        quien = _("Alguien más (%(nombre)s)") % {"nombre": str(autor)}
    else:
        quien = _("Alguien más")
    return _(
        "%(quien)s guardó cambios en %(que)s a las %(hora)s; recargue para verlos. Lo que "
        "usted escribió no se perdió: sigue en esta página y, al recargar, podrá recuperarlo."
    ) % {"quien": quien, "que": que, "hora": hora(momento)}


def _autor(objeto):
    """Quién guardó el registro por última vez, según su historial (si lo tiene)."""
    historial = getattr(objeto, "history", None)
    if historial is None:
        return None
    ultimo = historial.select_related("history_user").first()
    return ultimo.history_user if ultimo is not None else None


def edicion_vieja(
    objeto, *, que, usuario=None, campo="revision", momento="actualizado", autor=None
):
    """La `EdicionVieja` para `objeto` tal como está guardado ahora.

    `momento` es el nombre del campo con la hora del último guardado, o esa hora; `autor`,
    quien guardó (si falta, el último del historial del registro).
    """
    if autor is None:
        autor = _autor(objeto)
    if isinstance(momento, str):
        momento = getattr(objeto, momento, None)
    return EdicionVieja(
        mensaje(que, momento, autor=autor, usuario=usuario),
        revision=getattr(objeto, campo),
        objeto=objeto,
    )


def revision_enviada(datos, nombre="revision"):
    """La revisión que mandó la página (None si falta o no es un número)."""
    try:
        return int(datos.get(nombre, ""))
    except (TypeError, ValueError):
        return None


def comprobar(objeto, enviada, **datos):
    """Lanza `EdicionVieja` si `enviada` no es la revisión vigente de `objeto`.

    `datos`: `que` (lo que se edita, para el aviso: «esta actividad»), `usuario` (quien
    guarda), `campo` (el de la revisión; «revision»), `momento` (el campo con la hora del
    último guardado, «actualizado», o esa hora) y `autor` (quien guardó; por omisión, según
    el historial).
    """
    if enviada is None or enviada != getattr(objeto, datos.get("campo", "revision")):
        raise edicion_vieja(objeto, **datos)


def avanzar(objeto, enviada, **datos):
    """Comprueba la revisión y la sube en 1 en un solo UPDATE condicionado; devuelve la nueva.

    Si otra petición ganó la carrera (el UPDATE no encontró la fila con esa revisión), relee
    el registro y lanza `EdicionVieja`. Debe llamarse dentro de la transacción que después
    guarda los demás campos, para que revisión y contenido cambien juntos.
    """
    campo = datos.get("campo", "revision")
    comprobar(objeto, enviada, **datos)
    filas = (
        type(objeto)
        ._default_manager.filter(pk=objeto.pk, **{campo: enviada})
        .update(**{campo: F(campo) + 1})
    )
    if not filas:
        objeto.refresh_from_db()
        raise edicion_vieja(objeto, **datos)
    setattr(objeto, campo, enviada + 1)
    return enviada + 1


def es_autoguardado(request):
    """¿La petición es del autoguardado (static/js/autoguardado.js) o de htmx?"""
    return request.headers.get(CABECERA) == "1" or bool(getattr(request, "htmx", False))


def marcar(respuesta, tipo, *, revision=None, momento=None):
    """Pone en la respuesta las cabeceras del contrato: tipo, revisión y hora del guardado."""
    respuesta[CABECERA] = tipo
    if revision is not None:
        respuesta["X-Revision"] = str(revision)
    if momento is not None:
        respuesta["X-Guardado-Hora"] = hora(momento)
    return respuesta
