"""Los roles del portal: grupos de Django con sus permisos.

Esta tabla es la fuente de verdad; `manage.py sincronizar_roles` deja los grupos de la base
igual a ella (crea lo que falta y quita lo que sobra), tantas veces como se corra.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    # El valor es el nombre del grupo de Django.
    COORDINACION = "Coordinación", _("Coordinación")
    RESPONSABLE = "Responsable de UIG", _("Responsable de UIG")
    CONSULTA = "Consulta", _("Consulta")
    ADMINISTRACION = "Administración", _("Administración")

    @classmethod
    def de_grupos(cls, nombres):
        """El rol de mayor alcance entre los grupos dados."""
        for rol in PRIORIDAD:
            if rol.value in nombres:
                return rol
        return None


PRIORIDAD = [Rol.ADMINISTRACION, Rol.COORDINACION, Rol.RESPONSABLE, Rol.CONSULTA]

#: Roles cuyas personas no pertenecen a una institución y ven todas.
ROLES_GLOBALES = {Rol.ADMINISTRACION, Rol.COORDINACION}

#: Permisos de cada rol como "app_label.codename"; "app_label.*" son todos los de la app.
PERMISOS = {
    Rol.COORDINACION: [
        "uig_portal.ver_todas_las_dependencias",
        "uig_portal.view_usuario",
        "unidades.view_dependencia",
        "unidades.add_dependencia",
        "unidades.change_dependencia",
        "unidades.view_unidad",
        "unidades.change_unidad",
        "unidades.cambiar_estado_unidad",
        "unidades.view_integrante",
        "unidades.add_integrante",
        "unidades.change_integrante",
        "unidades.view_pasoguia",
        "unidades.change_pasoguia",
        "unidades.view_evidencia",
        "unidades.add_evidencia",
        "unidades.revisar_evidencia",
        "unidades.view_asesoria",
        "unidades.add_asesoria",
        "unidades.change_asesoria",
        "unidades.view_reunion",
        "unidades.add_reunion",
        "unidades.change_reunion",
        "unidades.view_acuerdo",
        "unidades.add_acuerdo",
        "unidades.change_acuerdo",
        "planes.view_plantrabajo",
        "planes.revisar_plan",
        "planes.view_actividad",
        "planes.view_observacion",
        "planes.add_observacion",
        "planes.change_observacion",
        "planes.view_informetrimestral",
        "planes.view_seguimiento",
        "planes.change_seguimiento",
        "planes.view_evidenciaseguimiento",
        "planes.view_alineacion",
        "planes.add_alineacion",
        "planes.change_alineacion",
        "diagnosticos.view_cuestionario",
        "diagnosticos.add_cuestionario",
        "diagnosticos.change_cuestionario",
        "diagnosticos.view_version",
        "diagnosticos.add_version",
        "diagnosticos.change_version",
        "diagnosticos.view_seccion",
        "diagnosticos.add_seccion",
        "diagnosticos.change_seccion",
        "diagnosticos.delete_seccion",
        "diagnosticos.view_pregunta",
        "diagnosticos.add_pregunta",
        "diagnosticos.change_pregunta",
        "diagnosticos.delete_pregunta",
        "diagnosticos.view_opcion",
        "diagnosticos.add_opcion",
        "diagnosticos.change_opcion",
        "diagnosticos.delete_opcion",
        "diagnosticos.view_aplicacion",
        "diagnosticos.add_aplicacion",
        "diagnosticos.change_aplicacion",
        "diagnosticos.revisar_respuesta",
        "diagnosticos.ver_resultados",
        "diagnosticos.view_respuesta",
        "diagnosticos.view_valor",
        "diagnosticos.view_evidenciarespuesta",
    ],
    Rol.RESPONSABLE: [
        "unidades.view_dependencia",
        "unidades.view_unidad",
        "unidades.change_unidad",
        "unidades.view_integrante",
        "unidades.add_integrante",
        "unidades.change_integrante",
        "unidades.view_pasoguia",
        "unidades.view_evidencia",
        "unidades.add_evidencia",
        "unidades.view_asesoria",
        "unidades.view_reunion",
        "unidades.view_acuerdo",
        "unidades.change_acuerdo",
        "planes.view_plantrabajo",
        "planes.add_plantrabajo",
        "planes.change_plantrabajo",
        "planes.enviar_plan",
        "planes.view_actividad",
        "planes.add_actividad",
        "planes.change_actividad",
        "planes.delete_actividad",
        "planes.view_observacion",
        "planes.view_informetrimestral",
        "planes.add_informetrimestral",
        "planes.change_informetrimestral",
        "planes.view_seguimiento",
        "planes.add_seguimiento",
        "planes.change_seguimiento",
        "planes.view_evidenciaseguimiento",
        "planes.add_evidenciaseguimiento",
        "planes.view_alineacion",
        "diagnosticos.view_aplicacion",
        "diagnosticos.view_respuesta",
        "diagnosticos.change_respuesta",
        "diagnosticos.view_valor",
        "diagnosticos.add_valor",
        "diagnosticos.change_valor",
        "diagnosticos.view_evidenciarespuesta",
        "diagnosticos.add_evidenciarespuesta",
        "diagnosticos.delete_evidenciarespuesta",
    ],
    Rol.CONSULTA: [
        "unidades.view_dependencia",
        "unidades.view_unidad",
        "unidades.view_integrante",
        "unidades.view_pasoguia",
        "unidades.view_evidencia",
        "unidades.view_asesoria",
        "unidades.view_reunion",
        "unidades.view_acuerdo",
        "planes.view_plantrabajo",
        "planes.view_actividad",
        "planes.view_observacion",
        "planes.view_informetrimestral",
        "planes.view_seguimiento",
        "planes.view_evidenciaseguimiento",
        "planes.view_alineacion",
        "diagnosticos.view_aplicacion",
        "diagnosticos.view_respuesta",
        "diagnosticos.view_valor",
        "diagnosticos.view_evidenciarespuesta",
    ],
    Rol.ADMINISTRACION: [
        "uig_portal.*",
        "unidades.*",
        "planes.*",
        "diagnosticos.*",
        "capacitacion.*",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
    ],
}
