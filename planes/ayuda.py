"""La guía metodológica del plan de trabajo: qué pide cada campo, con un ejemplo.

Es la única fuente de estos textos: el formulario del plan los muestra junto a cada campo y la
guía (página y PDF) los reúne con la cadena del marco lógico y un plan de ejemplo completo.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from planes.models import MESES, Actividad, Alineacion, PlanTrabajo


@dataclass(frozen=True)
class Ayuda:
    texto: str
    ejemplo: str = ""


#: Ayuda de cada campo del plan, por nombre de campo del modelo. Las cuatro metas trimestrales
#: comparten la de «metas_trimestrales».
AYUDA = {
    "titular_unidad": Ayuda(
        _(
            "Nombre completo de la persona titular de la Unidad de Igualdad de Género (o del "
            "enlace de igualdad), que responde por el plan ante la Coordinación."
        ),
        _("Mtra. Itzel Ramírez Núñez."),
    ),
    "compromiso": Ayuda(
        _(
            "En una o dos frases: a qué se compromete la institución con la igualdad, qué cultura "
            "institucional busca y con qué instrumentos se alinea (Plan Estatal de Desarrollo, "
            "PROIGUALDADEZ)."
        ),
        _(
            "Promover una cultura institucional basada en el respeto a los derechos humanos, "
            "incluyente y libre de violencia, con igualdad de oportunidades entre mujeres y hombres, "
            "de acuerdo con el PROIGUALDADEZ."
        ),
    ),
    "eje": Ayuda(
        _(
            "El gran tema al que contribuye la actividad: igualdad y no discriminación, vida libre "
            "de violencia, presupuesto con perspectiva de género o cultura institucional."
        ),
        _("Cultura institucional con perspectiva de género."),
    ),
    "area_oportunidad": Ayuda(
        _(
            "El problema o la brecha que la actividad atiende, de preferencia tomado del "
            "diagnóstico de la institución. Describe la situación de hoy, no la solución."
        ),
        _(
            "Solo 18 de cada 100 personas servidoras públicas han recibido capacitación en "
            "igualdad de género (diagnóstico 2025)."
        ),
    ),
    "alineaciones": Ayuda(
        _(
            "Las estrategias del Plan Estatal de Desarrollo y las atribuciones de la Coordinación "
            "a las que contribuye la actividad. Marque al menos una estrategia del PED y una "
            "atribución; si aplica, también el PROIGUALDADEZ o un programa."
        ),
        _("Estrategia 2.10.2 del PED y atribución VII (capacitación)."),
    ),
    "objetivo": Ayuda(
        _(
            "Lo que se quiere lograr, en una frase que empiece con un verbo en infinitivo. "
            "Responde a «¿para qué?»."
        ),
        _("Fortalecer las capacidades del personal para aplicar la perspectiva de género."),
    ),
    "estrategia": Ayuda(
        _("El camino general para alcanzar el objetivo: cómo se va a abordar."),
        _("Capacitación continua en igualdad sustantiva y no discriminación."),
    ),
    "linea_accion": Ayuda(
        _("La acción concreta y sostenida con que se pone en marcha la estrategia."),
        _("Impartir cursos de igualdad de género a todas las áreas de la institución."),
    ),
    "descripcion": Ayuda(
        _(
            "La tarea de este año, concreta y verificable: qué se hará, para quién y cuánto. "
            "Una actividad por tarjeta."
        ),
        _(
            "Impartir 4 cursos de 10 horas sobre igualdad sustantiva a 120 personas servidoras públicas."
        ),
    ),
    "indicador": Ayuda(
        _("El nombre de la medida con que se sabrá si la actividad se cumplió."),
        _("Personas servidoras públicas capacitadas en igualdad sustantiva."),
    ),
    "formula": Ayuda(
        _("Cómo se calcula el indicador, con sus variables escritas con palabras."),
        _("(Personas que concluyeron el curso / personas programadas) × 100."),
    ),
    "unidad_medida": Ayuda(
        _("En qué se expresa el valor del indicador."),
        _("Personas, porcentaje, cursos, materiales."),
    ),
    "linea_base": Ayuda(
        _(
            "El valor del indicador antes de empezar (el del año anterior o el del diagnóstico). "
            "Si no hay antecedente, escriba 0."
        ),
        _("35 (personas capacitadas en 2025)."),
    ),
    "meta_anual": Ayuda(
        _("El valor que se quiere alcanzar al cierre del año, en la misma unidad de medida."),
        _("120."),
    ),
    "metas_trimestrales": Ayuda(
        _(
            "Lo que se espera lograr en cada trimestre. Si el indicador es acumulativo, las cuatro "
            "metas deben sumar la meta anual; si no, cada una es el valor esperado al cierre del "
            "trimestre. Escriba 0 en los trimestres sin avance programado."
        ),
        _("Meta anual 120: 0, 40, 40 y 40."),
    ),
    "acumulativa": Ayuda(
        _(
            "Márquelo si lo logrado en cada trimestre se suma a lo anterior. Desmárquelo si cada "
            "trimestre se mide por separado, como un porcentaje."
        ),
        _("Personas capacitadas: sí se suman. Porcentaje de registros actualizados: no."),
    ),
    "desagregado_por_sexo": Ayuda(
        _(
            "Márquelo si el avance se reportará por separado para mujeres y para hombres. Conviene "
            "siempre que el indicador cuente personas."
        ),
        _("120 personas capacitadas: 70 mujeres y 50 hombres."),
    ),
    "medio_verificacion": Ayuda(
        _(
            "El documento o la fuente que prueba el avance: lo que se subirá como evidencia en el "
            "seguimiento trimestral."
        ),
        _("Listas de asistencia firmadas, constancias y memoria fotográfica."),
    ),
    "mes_inicio": Ayuda(
        _("El mes del año en que empieza la actividad."),
        _("Marzo."),
    ),
    "mes_fin": Ayuda(
        _("El mes en que termina; no puede ser anterior al de inicio."),
        _("Noviembre."),
    ),
    "area_responsable": Ayuda(
        _("El área de la institución que realiza la actividad y responde por ella."),
        _("Dirección de Recursos Humanos, con la Unidad de Igualdad de Género."),
    ),
    "recursos": Ayuda(
        _(
            "Lo que se necesita: personas, materiales y presupuesto. Si no requiere gasto "
            "adicional, dígalo."
        ),
        _("Dos personas facilitadoras y una sala de capacitación; sin costo adicional."),
    ),
    "programa": Ayuda(
        _(
            "El programa presupuestario (Pp) del Estado del que sale el dinero de la actividad, "
            "elegido del catálogo del año del plan. Déjelo en «Sin programa presupuestario» si "
            "la actividad no usa presupuesto propio; si el programa no aparece, pida a la "
            "Coordinación que lo agregue al catálogo."
        ),
        _("E045 Desarrollo del personal de la administración pública."),
    ),
    "monto_aprobado": Ayuda(
        _(
            "Cuánto del programa se destina a esta actividad en el año, en pesos. Escríbalo con "
            "o sin comas de miles y con punto para los centavos. El monto ejercido se reporta "
            "en el seguimiento trimestral."
        ),
        _("150,000.00"),
    ),
    "tipo_contribucion": Ayuda(
        _(
            "Cómo contribuye ese gasto a la igualdad: si va dirigido a mujeres, si es una "
            "acción afirmativa que cierra una brecha, si incorpora la igualdad en la operación "
            "de un programa o si es un gasto universal sin enfoque de género."
        ),
        _("Acción afirmativa para cerrar una brecha."),
    ),
    "resultado_esperado": Ayuda(
        _("El cambio que se espera ver al terminar la actividad: el efecto, no la tarea."),
        _("El personal identifica y evita prácticas discriminatorias en su trabajo diario."),
    ),
}

#: La cadena del marco lógico en el orden en que se llena cada actividad: (título, pregunta,
#: campos que la responden).
CADENA = [
    (_("Eje y área de oportunidad"), _("¿Qué problema o brecha se atiende?"),
     ["eje", "area_oportunidad"]),
    (_("Alineación"), _("¿A qué estrategia del PED y a qué atribución contribuye?"),
     ["alineaciones"]),
    (_("Objetivo"), _("¿Para qué se hace?"), ["objetivo"]),
    (_("Estrategia"), _("¿Por qué camino general?"), ["estrategia"]),
    (_("Línea de acción"), _("¿Con qué acción sostenida?"), ["linea_accion"]),
    (_("Actividad"), _("¿Qué se hará este año, para quién y cuánto?"), ["descripcion"]),
    (_("Indicador y metas"), _("¿Cómo se mide y cuánto se quiere lograr?"),
     ["indicador", "formula", "unidad_medida", "linea_base", "meta_anual", "metas_trimestrales",
      "acumulativa", "desagregado_por_sexo"]),
    (_("Medio de verificación"), _("¿Con qué se comprueba?"), ["medio_verificacion"]),
    (_("Periodo de ejecución"), _("¿Cuándo?"), ["mes_inicio", "mes_fin"]),
    (_("Responsables y recursos"), _("¿Quién lo hace y con qué?"),
     ["area_responsable", "recursos", "programa", "monto_aprobado", "tipo_contribucion"]),
    (_("Resultado esperado"), _("¿Qué cambia al terminar?"), ["resultado_esperado"]),
]  # fmt: skip

#: Un plan completo de ejemplo para la guía. Las alineaciones van como (catálogo, clave).
EJEMPLO = {
    "institucion": _("Secretaría de Administración"),
    "anio": 2026,
    "titular_unidad": _("Mtra. Itzel Ramírez Núñez"),
    "compromiso": _(
        "Promover una cultura institucional basada en el respeto a los derechos humanos, "
        "incluyente, libre de violencia y con igualdad de oportunidades entre mujeres y hombres "
        "adscritos(as) a la Secretaría de Administración, de acuerdo con el Modelo para la "
        "Igualdad y el Programa para la Igualdad del Estado de Zacatecas (PROIGUALDADEZ)."
    ),
    "actividades": [
        {
            "eje": "cultura",
            "area_oportunidad": _(
                "Solo 18 de cada 100 personas servidoras públicas de la Secretaría han recibido "
                "capacitación en igualdad de género (diagnóstico institucional 2025)."
            ),
            "alineaciones": [("ped", "2.10.2"), ("atribucion", "VII")],
            "objetivo": _(
                "Fortalecer las capacidades del personal de la Secretaría para incorporar la "
                "perspectiva de género en su trabajo."
            ),
            "estrategia": _("Capacitación continua en igualdad sustantiva y no discriminación."),
            "linea_accion": _(
                "Impartir cursos de sensibilización en igualdad de género a todas las áreas de la "
                "Secretaría."
            ),
            "descripcion": _(
                "Impartir 4 cursos de 10 horas sobre igualdad sustantiva y lenguaje incluyente a "
                "120 personas servidoras públicas."
            ),
            "indicador": _("Personas servidoras públicas capacitadas en igualdad sustantiva"),
            "formula": _("Número de personas que concluyeron el curso"),
            "unidad_medida": _("Personas"),
            "linea_base": "35",
            "meta_anual": "120",
            "metas": ["0", "40", "40", "40"],
            "acumulativa": True,
            "desagregado_por_sexo": True,
            "medio_verificacion": _(
                "Listas de asistencia firmadas, constancias de participación y memoria fotográfica."
            ),
            "mes_inicio": 3,
            "mes_fin": 11,
            "area_responsable": _(
                "Dirección de Recursos Humanos, con la Unidad de Igualdad de Género"
            ),
            "recursos": _(
                "Dos personas facilitadoras certificadas en el estándar EC0308, sala de "
                "capacitación y materiales impresos; sin costo adicional."
            ),
            "programa": None,
            "monto_aprobado": None,
            "tipo_contribucion": "",
            "resultado_esperado": _(
                "Personal sensibilizado que identifica y evita prácticas discriminatorias y usa "
                "lenguaje incluyente en documentos y en el trato."
            ),
        },
        {
            "eje": "violencia",
            "area_oportunidad": _(
                "4 de cada 10 personas encuestadas no saben a dónde acudir ante un caso de "
                "hostigamiento o acoso sexual (encuesta de clima laboral 2025)."
            ),
            "alineaciones": [("ped", "2.10.2"), ("atribucion", "III")],
            "objetivo": _(
                "Promover una cultura institucional libre de violencia, hostigamiento y acoso "
                "sexual."
            ),
            "estrategia": _("Difusión permanente de los mecanismos de prevención y atención."),
            "linea_accion": _(
                "Difundir el protocolo para prevenir, atender y sancionar el hostigamiento y el "
                "acoso sexual."
            ),
            "descripcion": _(
                "Realizar una campaña interna con 8 materiales (carteles, infografías y mensajes "
                "por correo) sobre cómo identificar y denunciar el hostigamiento y el acoso sexual."
            ),
            "indicador": _("Materiales de la campaña difundidos"),
            "formula": _("Número de materiales difundidos"),
            "unidad_medida": _("Materiales"),
            "linea_base": "2",
            "meta_anual": "8",
            "metas": ["2", "2", "2", "2"],
            "acumulativa": True,
            "desagregado_por_sexo": False,
            "medio_verificacion": _(
                "Materiales publicados, capturas de los correos enviados y fotografías de los "
                "carteles colocados."
            ),
            "mes_inicio": 2,
            "mes_fin": 11,
            "area_responsable": _(
                "Unidad de Igualdad de Género, con la Coordinación de Comunicación Social"
            ),
            "recursos": _("Diseño gráfico del personal propio e impresión de 40 carteles."),
            "programa": None,
            "monto_aprobado": None,
            "tipo_contribucion": "",
            "resultado_esperado": _(
                "El personal sabe identificar el hostigamiento y el acoso sexual y a qué instancia "
                "acudir."
            ),
        },
        {
            "eje": "igualdad",
            "area_oportunidad": _(
                "Los registros de personal no permiten saber cuántas mujeres y cuántos hombres "
                "ocupan cada nivel de puesto."
            ),
            "alineaciones": [("ped", "2.10.2"), ("atribucion", "III")],
            "objetivo": _(
                "Contar con información desagregada por sexo para tomar decisiones con "
                "perspectiva de género."
            ),
            "estrategia": _("Estadísticas de personal con perspectiva de género."),
            "linea_accion": _(
                "Desagregar por sexo los registros administrativos de recursos humanos."
            ),
            "descripcion": _(
                "Actualizar la plantilla de personal para que todos los registros indiquen sexo y "
                "nivel de puesto, y publicar un informe de brechas."
            ),
            "indicador": _("Porcentaje de registros de personal desagregados por sexo"),
            "formula": _("(Registros con sexo y nivel de puesto / total de registros) × 100"),
            "unidad_medida": _("Porcentaje"),
            "linea_base": "60",
            "meta_anual": "100",
            "metas": ["70", "85", "100", "100"],
            "acumulativa": False,
            "desagregado_por_sexo": False,
            "medio_verificacion": _(
                "Reporte del sistema de nómina e informe de brechas publicado."
            ),
            "mes_inicio": 1,
            "mes_fin": 9,
            "area_responsable": _("Dirección de Recursos Humanos"),
            "recursos": _(
                "Personal de la Dirección de Recursos Humanos y el sistema de nómina; sin costo "
                "adicional."
            ),
            "programa": None,
            "monto_aprobado": None,
            "tipo_contribucion": "",
            "resultado_esperado": _(
                "La Secretaría conoce sus brechas de género en la ocupación de puestos y puede "
                "proponer acciones afirmativas."
            ),
        },
    ],
}


# --- Lo que muestran la guía y su PDF -------------------------------------------------------


def _etiqueta(campo):
    if campo == "metas_trimestrales":
        return _("Metas trimestrales")
    if campo in ("titular_unidad", "compromiso"):
        return str(PlanTrabajo._meta.get_field(campo).verbose_name)
    return str(Actividad._meta.get_field(campo).verbose_name)


def _valor_de_ejemplo(actividad, campo, alineaciones):
    meses = dict(MESES)
    si_no = {True: _("Sí"), False: _("No")}
    if campo == "eje":
        return Actividad.Eje(actividad["eje"]).label
    if campo == "alineaciones":
        return [
            alineaciones.get(clave, {"clave": clave[1], "descripcion": "", "tipo": ""})
            for clave in actividad["alineaciones"]
        ]
    if campo == "metas_trimestrales":
        return " · ".join(
            f"T{numero}: {meta}" for numero, meta in enumerate(actividad["metas"], start=1)
        )
    if campo in ("acumulativa", "desagregado_por_sexo"):
        return si_no[actividad[campo]]
    if campo in ("mes_inicio", "mes_fin"):
        return str(meses[actividad[campo]]).capitalize()
    return actividad[campo] or "—"


def contexto_guia():
    """Lo que muestran la guía y su PDF: la cadena del marco lógico con la ayuda de cada campo
    y el plan de ejemplo, con la descripción de cada alineación tomada del catálogo."""
    alineaciones = {
        (a.tipo, a.clave): {
            "clave": a.clave,
            "descripcion": a.descripcion,
            "tipo": a.get_tipo_display(),
        }
        for a in Alineacion.objects.all()
    }
    cadena = [
        {
            "titulo": titulo,
            "pregunta": pregunta,
            "campos": [{"nombre": c, "etiqueta": _etiqueta(c), "ayuda": AYUDA[c]} for c in campos],
        }
        for titulo, pregunta, campos in CADENA
    ]
    encabezado = [
        {"nombre": c, "etiqueta": _etiqueta(c), "ayuda": AYUDA[c]}
        for c in ("titular_unidad", "compromiso")
    ]
    actividades = [
        {
            "descripcion": actividad["descripcion"],
            "secciones": [
                {
                    "titulo": titulo,
                    "filas": [
                        {
                            "nombre": c,
                            "etiqueta": _etiqueta(c),
                            "valor": _valor_de_ejemplo(actividad, c, alineaciones),
                        }
                        for c in campos
                    ],
                }
                for titulo, _pregunta, campos in CADENA
            ],
        }
        for actividad in EJEMPLO["actividades"]
    ]
    return {
        "cadena": cadena,
        "encabezado": encabezado,
        "ejemplo": {**EJEMPLO, "actividades": actividades},
        "campos_obligatorios": [_etiqueta(c) for c in Actividad.OBLIGATORIOS],
    }
