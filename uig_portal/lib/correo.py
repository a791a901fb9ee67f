"""Avisos por correo: a quién se escribe y cómo se envía sin arriesgar lo ya guardado.

Cada aviso arma su texto dentro de la transacción (con los datos que se acaban de guardar) y
se envía con `transaction.on_commit`: si la transacción se revierte, no sale ningún correo, y
si el servidor de correo falla, el cambio ya guardado no se pierde (el error queda en el log).

Los avisos a las personas responsables de varias instituciones (una ronda, una reunión, un
evento) pasan por `avisar_a_responsables`, que devuelve un `Reparto`: qué instituciones
reciben el correo y cuáles no tienen a nadie a quien avisar. Con él, `informar_reparto` le
dice a la persona que hizo el cambio, con la verdad, a quién le llegó. Este módulo no conoce
los modelos de las apps: recibe las instituciones (o los objetos de cada una) ya consultadas.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from uig_portal.models import Usuario
from uig_portal.roles import Rol

PREFIJO = "[Portal UIG]"


def correos_coordinacion():
    """Correos de las personas activas del grupo Coordinación."""
    return _correos(Usuario.objects.filter(groups__name=Rol.COORDINACION.value))


def correos_responsables(dependencia):
    """Correos de las personas responsables de UIG activas de una institución."""
    return _correos(
        Usuario.objects.filter(groups__name=Rol.RESPONSABLE.value, dependencia=dependencia)
    )


def _correos(usuarios):
    return sorted(
        set(
            usuarios.filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
    )


def enlace(nombre, *args):
    return settings.SITE_URL.rstrip("/") + reverse(nombre, args=args)


def enviar_al_confirmar(asunto, plantilla, contexto, destinatarios):
    if not destinatarios:
        return
    cuerpo = render_to_string(plantilla, contexto)
    asunto = f"{PREFIJO} {asunto}"

    def enviar():
        send_mail(asunto, cuerpo, None, destinatarios)

    # robust: un fallo del correo se registra, pero no convierte en error un cambio ya guardado.
    transaction.on_commit(enviar, robust=True)


# --- Avisos a las personas responsables de varias instituciones ------------------------------

#: Instituciones sin nadie a quien avisar que se nombran en un mensaje; de las demás, solo
#: cuántas son (una ronda puede tener miles).
SIN_CUENTA_A_LA_VISTA = 30


def _responsables_con_correo():
    return (
        Usuario.objects.filter(groups__name=Rol.RESPONSABLE.value, is_active=True)
        .exclude(email="")
        .exclude(dependencia__isnull=True)
    )


def correos_por_dependencia(dependencia_ids):
    """{pk de institución: [correos de sus responsables activas]} en una consulta.

    Las instituciones sin persona responsable activa con correo no aparecen.
    """
    resultado = {}
    dependencia_ids = list(dependencia_ids)
    if not dependencia_ids:
        return resultado
    filas = (
        _responsables_con_correo()
        .filter(dependencia_id__in=dependencia_ids)
        .values_list("dependencia_id", "email")
        .distinct()
    )
    for dependencia_id, correo in filas:
        resultado.setdefault(dependencia_id, set()).add(correo)
    return {pk: sorted(correos) for pk, correos in resultado.items()}


def con_responsable_con_correo(campo="pk"):
    """Expresión para anotar o filtrar: ¿la institución en `campo` tiene a quién avisar?

    `campo` es la ruta a la institución desde el modelo de la consulta («pk» en un queryset
    de instituciones, «dependencia» en uno de respuestas).
    """
    return Exists(_responsables_con_correo().filter(dependencia=OuterRef(campo)))


def _la_misma(elemento):
    return elemento


@dataclass
class Reparto:
    """A quién le llega un aviso a las personas responsables de varias instituciones.

    `enviados`: los elementos (instituciones, respuestas…) cuya institución tiene al menos una
    persona responsable activa con correo; `sin_cuenta`: las instituciones (sin repetir, en el
    orden en que llegaron) que no tienen a nadie a quien avisar. `correos` da los destinatarios
    de cada institución. Los correos salen al confirmar la transacción (ver arriba): «enviado»
    quiere decir que tiene destinatarios reales y se entrega al servidor de correo; si el
    servidor falla, el error queda en el log.
    """

    enviados: list = field(default_factory=list)
    sin_cuenta: list = field(default_factory=list)
    correos: dict = field(default_factory=dict)


def repartir(elementos, dependencia_de=_la_misma):
    """Separa `elementos` en los que tienen a quién avisar y las instituciones sin nadie.

    `dependencia_de(elemento)` da la institución de cada elemento (por omisión, el elemento
    es la institución). Una consulta; no envía nada.
    """
    elementos = list(elementos)
    dependencias = [dependencia_de(e) for e in elementos]
    correos = correos_por_dependencia({d.pk for d in dependencias})
    reparto = Reparto(correos=correos)
    vistas = set()
    for elemento, dependencia in zip(elementos, dependencias, strict=True):
        if dependencia.pk in correos:
            reparto.enviados.append(elemento)
        elif dependencia.pk not in vistas:
            vistas.add(dependencia.pk)
            reparto.sin_cuenta.append(dependencia)
    return reparto


def enviar_varios_al_confirmar(mensajes):
    """Envía [(asunto, cuerpo, destinatarios)] por una sola conexión al confirmar."""
    correos = [
        EmailMessage(f"{PREFIJO} {asunto}", cuerpo, settings.DEFAULT_FROM_EMAIL, destinatarios)
        for asunto, cuerpo, destinatarios in mensajes
        if destinatarios
    ]
    if not correos:
        return

    def enviar():
        get_connection().send_messages(correos)

    transaction.on_commit(enviar, robust=True)


def avisar_a_responsables(elementos, armar, dependencia_de=_la_misma, *, reparto=None):
    """Un correo por elemento a las personas responsables de su institución; devuelve el
    `Reparto` (quién lo recibe y qué instituciones no tienen a nadie).

    `armar(elemento)` devuelve `(asunto, cuerpo)`; solo se llama para los elementos con
    destinatarios. Cada institución recibe su propio correo: nadie ve las direcciones de otra.
    Todos salen juntos, por una conexión, al confirmar la transacción. Si ya se tiene el
    reparto (p. ej., para bloquear o contar antes), se pasa en `reparto`.
    """
    if reparto is None:
        reparto = repartir(elementos, dependencia_de)
    mensajes = []
    for elemento in reparto.enviados:
        asunto, cuerpo = armar(elemento)
        mensajes.append((asunto, cuerpo, reparto.correos[dependencia_de(elemento).pk]))
    enviar_varios_al_confirmar(mensajes)
    return reparto


def _nombre_corto(dependencia):
    return getattr(dependencia, "siglas", "") or str(dependencia)


def lista_de_instituciones(dependencias, limite=SIN_CUENTA_A_LA_VISTA):
    """«SEDUC, SSZ y SEFIN»; si son más que `limite`, las primeras y «y 12 más»."""
    return lista_de_nombres([_nombre_corto(d) for d in dependencias], limite)


def lista_de_nombres(nombres, limite=SIN_CUENTA_A_LA_VISTA):
    """«Ana, Luis y Rosa»; si son más que `limite`, los primeros y «y 12 más»."""
    nombres = [str(n) for n in nombres]
    if len(nombres) > limite:
        resto = len(nombres) - limite
        return _("%(lista)s y %(n)s más") % {"lista": ", ".join(nombres[:limite]), "n": resto}
    if len(nombres) <= 1:
        return "".join(nombres)
    return _("%(lista)s y %(ultima)s") % {"lista": ", ".join(nombres[:-1]), "ultima": nombres[-1]}


def texto_avisadas(n):
    """«Se avisó por correo a las personas responsables de N instituciones.»"""
    if not n:
        return _("No se avisó por correo a ninguna institución.")
    return ngettext(
        "Se avisó por correo a las personas responsables de %(n)s institución.",
        "Se avisó por correo a las personas responsables de %(n)s instituciones.",
        n,
    ) % {"n": n}


def texto_sin_cuenta(dependencias):
    """Cuántas instituciones no tienen a quién avisar, y cuáles; vacío si no hay ninguna."""
    n = len(dependencias)
    if not n:
        return ""
    return ngettext(
        "%(n)s institución no tiene una persona responsable con cuenta activa y correo en el "
        "portal, así que no se le pudo avisar: %(lista)s.",
        "%(n)s instituciones no tienen una persona responsable con cuenta activa y correo en "
        "el portal, así que no se les pudo avisar: %(lista)s.",
        n,
    ) % {"n": n, "lista": lista_de_instituciones(dependencias)}


def informar_reparto(request, reparto, encabezado="", *, avisadas=None):
    """Dice a la persona, con `django.contrib.messages`, a quién llegó el aviso y a quién no.

    Un mensaje de éxito con `encabezado` y cuántas instituciones recibieron el correo, y, si
    hay instituciones sin nadie a quien avisar, una advertencia que las nombra. `avisadas`
    cambia la frase de las que sí lo recibieron (p. ej., para hablar de recordatorios).
    """
    n = len(reparto.enviados)
    frase = avisadas(n) if avisadas else texto_avisadas(n)
    texto = f"{encabezado} {frase}".strip()
    if n or not reparto.sin_cuenta:
        messages.success(request, texto)
    else:
        messages.warning(request, texto)
    if reparto.sin_cuenta:
        messages.warning(request, texto_sin_cuenta(reparto.sin_cuenta))
