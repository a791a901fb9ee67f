"""Avisos por correo de las unidades: la convocatoria a una reunión de planeación operativa y
el rechazo de una evidencia de instalación (ver `uig_portal.lib.correo`).

Como en el resto del portal, los correos se arman dentro de la transacción y salen al
confirmarla; los avisos a varias instituciones devuelven el `Reparto` (a cuáles les llegó y
cuáles no tienen una persona responsable con correo) para decírselo a quien hizo el cambio.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from uig_portal.lib.correo import avisar_a_responsables, enlace

#: Datos de la reunión que, si cambian, se avisan a las instituciones ya convocadas.
CAMPOS_DE_LA_CITA = ("fecha", "modalidad", "lugar", "enlace")


def avisar_convocatoria(reunion, nuevas, ya_convocadas=()):
    """La convocatoria a las instituciones `nuevas` y, si se pasan, el aviso de que la cita
    cambió a las `ya_convocadas`. Devuelve el `Reparto` de todas."""
    nuevas = list(nuevas)
    pks_nuevas = {d.pk for d in nuevas}
    fecha = date_format(timezone.localtime(reunion.fecha), "j \\d\\e F \\d\\e Y, H:i")
    contexto = {
        "reunion": reunion,
        "fecha": fecha,
        "enlace_reunion": enlace("unidades:reunion_detalle", reunion.pk),
    }

    def armar(dependencia):
        cambio = dependencia.pk not in pks_nuevas
        if cambio:
            asunto = _("Cambió la reunión «%(titulo)s»")
        else:
            asunto = _("Convocatoria: «%(titulo)s»")
        cuerpo = render_to_string(
            "unidades/correo_reunion_convocatoria.txt",
            {**contexto, "dependencia": dependencia, "cambio": cambio},
        )
        return asunto % {"titulo": reunion.titulo}, cuerpo

    return avisar_a_responsables(nuevas + list(ya_convocadas), armar)


def avisar_evidencia_rechazada(evidencia):
    """El motivo del rechazo de una evidencia, a las personas responsables de su institución.

    Devuelve el `Reparto`: si la institución no tiene a nadie a quien avisar, viene en
    `reparto.sin_cuenta` y no sale ningún correo.
    """
    dependencia = evidencia.unidad.dependencia

    def armar(_dependencia):
        cuerpo = render_to_string(
            "unidades/correo_evidencia_rechazada.txt",
            {
                "evidencia": evidencia,
                "paso": evidencia.paso,
                "dependencia": dependencia,
                "enlace": enlace("unidades:dependencia_detalle", dependencia.pk)
                + f"#paso-{evidencia.paso_id}",
            },
        )
        return _("Se rechazó la evidencia de «%(paso)s»") % {"paso": evidencia.paso.titulo}, cuerpo

    return avisar_a_responsables([dependencia], armar)
