"""Los textos de propuesta con que arranca el instrumento predeterminado (versión 1).

Solo datos y una función que los siembra con los modelos que se le pasen (los de la migración
0006 o los vivos), como `diagnosticos.instrumento_predeterminado`: la migración no depende de
métodos de modelo ni de managers propios que cambien después.

Para cada reactivo con puntos de las cuatro secciones temáticas hay una propuesta, con su
objetivo y su indicador sugeridos, y para cada sección una propuesta que responde a su índice.
Algunos reactivos tienen un texto para el nivel «inicial» (falta lo básico) y otro para «en
desarrollo» (hay avance que completar). Los ejes son los de las líneas del plan de trabajo
(`uig_portal.lib.ejes.Eje`); capacitación, lenguaje incluyente y corresponsabilidad son de
cultura institucional. La redacción sigue la de los instrumentos oficiales (NMX-R-025-SCFI-2015,
Programa de Cultura Institucional, protocolo de hostigamiento y acoso sexual, presupuesto con
perspectiva de género) con palabras propias (`shared/reference/propuestas-y-presupuesto.md` §1.3).
"""

from diagnosticos.instrumento_predeterminado import NOMBRE

INICIAL = "inicial"
EN_DESARROLLO = "en_desarrollo"
CUALQUIERA = ""


def propuesta(texto, objetivo, indicador, *, nivel=CUALQUIERA, eje=None):
    """Un texto de propuesta; sin `eje`, el de su sección."""
    return {
        "texto": texto,
        "objetivo": objetivo,
        "indicador": indicador,
        "nivel": nivel,
        "eje": eje,
    }


# --- Igualdad y no discriminación -----------------------------------------------------------

IGUALDAD = {
    "eje": "igualdad",
    "seccion": propuesta(
        "Elaborar con las áreas de recursos humanos y jurídica un programa de trabajo anual de "
        "igualdad laboral y no discriminación que atienda los requisitos críticos de la "
        "NMX-R-025-SCFI-2015 (política, comité de vigilancia, reclutamiento sin discriminación, "
        "auditoría interna y clima laboral), con responsables y fechas.",
        "Cerrar las brechas de la institución en igualdad laboral y no discriminación con un "
        "programa de trabajo verificable.",
        "Porcentaje de requisitos críticos de la NMX-R-025-SCFI-2015 cumplidos con evidencia",
    ),
    "reactivos": {
        "politica_igualdad": [
            propuesta(
                "Elaborar y emitir una política institucional de igualdad laboral y no "
                "discriminación, firmada por la persona titular, que nombre a la persona o el "
                "área responsable de su seguimiento.",
                "Contar con una política de igualdad laboral y no discriminación vigente y con "
                "responsable de su seguimiento.",
                "Política de igualdad laboral y no discriminación firmada por la persona "
                "titular (sí/no)",
                nivel=INICIAL,
            ),
            propuesta(
                "Recabar la firma de la persona titular en la política de igualdad laboral y no "
                "discriminación y difundirla entre todo el personal por los medios "
                "institucionales (circular, intranet y estrados).",
                "Que todo el personal conozca la política de igualdad laboral y no discriminación.",
                "Porcentaje del personal que recibió la política por un medio institucional",
                nivel=EN_DESARROLLO,
            ),
        ],
        "comite_vigilancia": [
            propuesta(
                "Integrar un comité o grupo de vigilancia de la igualdad laboral y no "
                "discriminación, con mujeres y hombres de distintas áreas y niveles, que sesione "
                "al menos cada trimestre y levante actas de sus acuerdos.",
                "Dar seguimiento colegiado a las prácticas de igualdad laboral y no "
                "discriminación de la institución.",
                "Sesiones del comité de vigilancia con acta en el año",
            )
        ],
        "reclutamiento_sin_discriminacion": [
            propuesta(
                "Revisar los perfiles de puesto, las convocatorias y el procedimiento de "
                "reclutamiento, selección y promoción para eliminar requisitos discriminatorios "
                "(sexo, edad, estado civil, embarazo o apariencia) e integrar comités de "
                "selección mixtos.",
                "Garantizar procesos de ingreso y promoción libres de discriminación.",
                "Porcentaje de convocatorias publicadas sin requisitos discriminatorios",
            )
        ],
        "auditoria_interna": [
            propuesta(
                "Realizar una auditoría interna o un diagnóstico de igualdad laboral con base en "
                "la NMX-R-025-SCFI-2015 y presentar sus hallazgos y acciones de mejora a la "
                "persona titular.",
                "Conocer con evidencia el grado de cumplimiento de la institución en igualdad "
                "laboral y no discriminación.",
                "Auditoría interna de igualdad laboral realizada en los últimos dos años (sí/no)",
            )
        ],
        "clima_laboral": [
            propuesta(
                "Aplicar cada año a todo el personal un cuestionario de clima laboral y no "
                "discriminación, con resultados desagregados por sexo, y atender sus hallazgos "
                "en el programa de trabajo de la Unidad de Igualdad de Género.",
                "Medir la percepción del personal sobre la igualdad y la no discriminación y "
                "dar seguimiento a su evolución.",
                "Porcentaje del personal que respondió el cuestionario de clima laboral",
            )
        ],
        "lenguaje_incluyente": [
            propuesta(
                "Adoptar una guía de comunicación incluyente y no sexista y revisar con ella los "
                "formatos, oficios, comunicados y materiales de difusión de la institución.",
                "Que la comunicación institucional nombre a mujeres y hombres y evite "
                "estereotipos de género.",
                "Porcentaje de formatos y materiales institucionales revisados con la guía",
                eje="cultura",
            )
        ],
        "corresponsabilidad": [
            propuesta(
                "Establecer medidas básicas de corresponsabilidad entre la vida laboral, "
                "familiar y personal —horarios escalonados o flexibles, permisos de cuidados "
                "para mujeres y hombres por igual y licencia de paternidad— y evitar reuniones "
                "fuera del horario laboral.",
                "Que el personal concilie el trabajo con sus responsabilidades familiares y de "
                "cuidados, sin distinción por sexo.",
                "Medidas de corresponsabilidad vigentes",
                nivel=INICIAL,
                eje="cultura",
            ),
            propuesta(
                "Ampliar las medidas de corresponsabilidad vigentes (por ejemplo, habilitar un "
                "lactario o el trabajo a distancia), difundirlas y registrar su uso por sexo.",
                "Que mujeres y hombres usen por igual las medidas de corresponsabilidad.",
                "Personas que usaron alguna medida de corresponsabilidad en el año, por sexo",
                nivel=EN_DESARROLLO,
                eje="cultura",
            ),
        ],
        "igualdad_salarial": [
            propuesta(
                "Elaborar un análisis anual de remuneraciones y prestaciones desagregado por "
                "sexo y nivel de puesto, y corregir las diferencias que no se justifiquen por "
                "las funciones del puesto.",
                "Asegurar igual salario y prestaciones por trabajo de igual valor.",
                "Brecha salarial entre mujeres y hombres por nivel de puesto (%)",
            )
        ],
        "mujeres_mando_superior_pct": [
            propuesta(
                "Establecer una meta anual de integración paritaria (entre 40 % y 60 % de cada "
                "sexo) de los puestos de mando superior, reportar su avance e impulsar el "
                "desarrollo profesional del sexo subrepresentado.",
                "Avanzar hacia la paridad en los puestos de mando superior.",
                "Porcentaje de puestos de mando superior ocupados por mujeres",
            )
        ],
        "mujeres_mando_medio_pct": [
            propuesta(
                "Establecer una meta anual de integración paritaria (entre 40 % y 60 % de cada "
                "sexo) de los puestos de mando medio, reportar su avance por nivel y favorecer "
                "la capacitación y la promoción desde los puestos operativos.",
                "Avanzar hacia la paridad en los puestos de mando medio.",
                "Porcentaje de puestos de mando medio ocupados por mujeres",
            )
        ],
        "nmx025_situacion": [
            propuesta(
                "Iniciar la preparación para la certificación en la NMX-R-025-SCFI-2015: "
                "integrar el expediente de evidencias de los requisitos críticos y programar la "
                "auditoría interna.",
                "Preparar a la institución para certificarse en igualdad laboral y no "
                "discriminación.",
                "Porcentaje de requisitos de la norma con evidencia integrada",
                nivel=INICIAL,
            ),
            propuesta(
                "Concluir el proceso de certificación en la NMX-R-025-SCFI-2015 ante el "
                "organismo de certificación, con un plan para atender las no conformidades de "
                "la auditoría.",
                "Obtener la certificación en igualdad laboral y no discriminación.",
                "Certificado vigente en la NMX-R-025-SCFI-2015 (sí/no)",
                nivel=EN_DESARROLLO,
            ),
        ],
        "compromiso_direccion": [
            propuesta(
                "Presentar a la persona titular y a los mandos superiores el programa de "
                "trabajo de la Unidad de Igualdad de Género y acordar el tiempo, el personal y "
                "los recursos que le asignan, con una reunión de seguimiento cada semestre.",
                "Fortalecer el respaldo de la alta dirección a la Unidad de Igualdad de Género.",
                "Reuniones de seguimiento con la persona titular en el año",
            )
        ],
    },
}

# --- Acceso de las mujeres a una vida libre de violencia ------------------------------------

VIOLENCIA = {
    "eje": "violencia",
    "seccion": propuesta(
        "Integrar un programa anual de prevención y atención del hostigamiento sexual y el "
        "acoso sexual que incluya el protocolo, personas consejeras capacitadas, campañas de "
        "difusión y un registro confidencial de casos (recibidos, atendidos, turnados y "
        "resueltos) desagregado por sexo.",
        "Que la institución prevenga, atienda y sancione el hostigamiento sexual y el acoso "
        "sexual conforme al protocolo.",
        "Porcentaje de acciones del programa anual de prevención cumplidas",
    ),
    "reactivos": {
        "protocolo_hostigamiento": [
            propuesta(
                "Adoptar el protocolo para prevenir, atender y sancionar el hostigamiento sexual "
                "y el acoso sexual, y publicar el pronunciamiento de «cero tolerancia» firmado "
                "por la persona titular.",
                "Contar con un marco institucional para prevenir, atender y sancionar el "
                "hostigamiento sexual y el acoso sexual.",
                "Protocolo adoptado y pronunciamiento de cero tolerancia publicado (sí/no)",
                nivel=INICIAL,
            ),
            propuesta(
                "Completar la adopción del protocolo o la publicación del pronunciamiento de "
                "«cero tolerancia», según lo que falte, y asignar por escrito sus funciones a "
                "las instancias que lo aplican.",
                "Que el protocolo funcione con todas sus piezas: pronunciamiento, personas "
                "consejeras e instancias de atención.",
                "Elementos del protocolo en funcionamiento, de los previstos",
                nivel=EN_DESARROLLO,
            ),
        ],
        "personas_consejeras": [
            propuesta(
                "Designar al menos dos personas consejeras, una mujer y un hombre, y difundir "
                "sus datos de contacto en todas las áreas y centros de trabajo.",
                "Que toda persona que viva hostigamiento o acoso sexual tenga a quién acudir.",
                "Personas consejeras designadas",
            )
        ],
        "consejeras_capacitadas": [
            propuesta(
                "Capacitar a las personas consejeras en primer contacto, acompañamiento, "
                "confidencialidad y perspectiva de género, e incluir su actualización en el "
                "programa anual de capacitación.",
                "Que las personas consejeras acompañen con perspectiva de género y sin "
                "revictimizar.",
                "Porcentaje de personas consejeras con constancia de capacitación vigente",
            )
        ],
        "difusion_protocolo": [
            propuesta(
                "Realizar campañas semestrales sobre el protocolo y la ruta para presentar una "
                "queja, incluida la denuncia anónima, por medios impresos y electrónicos que "
                "lleguen a todo el personal.",
                "Que todo el personal sepa cómo presentar una queja y a quién acudir.",
                "Campañas de difusión del protocolo realizadas en el año",
            )
        ],
        "campanas_prevencion": [
            propuesta(
                "Programar al menos cuatro campañas al año de prevención de la violencia contra "
                "las mujeres, vinculadas a fechas como el 8 de marzo y el 25 de noviembre, con "
                "materiales para todo el personal.",
                "Sensibilizar al personal sobre la violencia contra las mujeres y su prevención.",
                "Campañas de prevención realizadas en el año",
            )
        ],
        "personal_capacitado_protocolo_pct": [
            propuesta(
                "Capacitar en el protocolo de hostigamiento sexual y acoso sexual a todo el "
                "personal, empezando por los mandos y por quienes intervienen en su aplicación.",
                "Que el personal identifique el hostigamiento y el acoso sexual y sepa cómo "
                "actuar.",
                "Porcentaje del personal capacitado en el protocolo",
            )
        ],
        "ruta_canalizacion": [
            propuesta(
                "Elaborar y difundir una ruta de canalización a las instancias especializadas "
                "(Centro de Justicia para las Mujeres, SEMUJER y Fiscalía), con un directorio "
                "actualizado y un formato de primer contacto.",
                "Que las mujeres en situación de violencia reciban atención especializada a "
                "tiempo.",
                "Ruta de canalización y directorio publicados (sí/no)",
            )
        ],
        "avgm": [
            propuesta(
                "Revisar las medidas que la declaratoria de Alerta de Violencia de Género contra "
                "las Mujeres asigna a la institución, programar su cumplimiento e informar sus "
                "avances al mecanismo de seguimiento.",
                "Cumplir las medidas de la Alerta de Violencia de Género contra las Mujeres que "
                "corresponden a la institución.",
                "Porcentaje de medidas de la alerta asignadas a la institución con avance "
                "informado",
            )
        ],
    },
}

# --- Presupuesto público con perspectiva de género ------------------------------------------

PRESUPUESTO = {
    "eje": "presupuesto",
    "seccion": propuesta(
        "Acordar con el área de planeación y finanzas un programa para incorporar la "
        "perspectiva de género en la programación, la presupuestación y el seguimiento de los "
        "programas presupuestarios de la institución.",
        "Que el presupuesto de la institución identifique, financie y dé seguimiento a "
        "acciones para la igualdad entre mujeres y hombres.",
        "Porcentaje de programas presupuestarios con acciones para la igualdad identificadas",
    ),
    "reactivos": {
        "pp_con_acciones": [
            propuesta(
                "Identificar con el área de planeación los programas presupuestarios y las "
                "acciones que contribuyen a la igualdad entre mujeres y hombres, y asignar a la "
                "Unidad de Igualdad de Género una actividad con monto aprobado.",
                "Contar con recursos identificados para la igualdad en el presupuesto de la "
                "institución.",
                "Monto aprobado para acciones de igualdad en el ejercicio (pesos)",
                nivel=INICIAL,
            ),
            propuesta(
                "Registrar las acciones para la igualdad de los programas presupuestarios en el "
                "anexo transversal estatal y extenderlas a los programas que atienden a "
                "personas.",
                "Ampliar y hacer visibles los recursos de la institución para la igualdad.",
                "Programas presupuestarios con acciones para la igualdad registradas en el "
                "anexo transversal",
                nivel=EN_DESARROLLO,
            ),
        ],
        "mir_desagregada": [
            propuesta(
                "Desagregar por sexo los indicadores de Propósito y Componente de la Matriz de "
                "Indicadores para Resultados (MIR) de los programas con personas beneficiarias, "
                "e incorporar al menos un indicador que mida la brecha entre mujeres y hombres.",
                "Medir los resultados de los programas para las mujeres y para los hombres.",
                "Porcentaje de indicadores de la MIR referidos a personas desagregados por sexo",
            )
        ],
        "poblacion_por_sexo": [
            propuesta(
                "Registrar desagregadas por sexo la población objetivo y la población atendida "
                "de cada programa, en sus padrones y reportes.",
                "Saber a cuántas mujeres y a cuántos hombres atiende cada programa.",
                "Porcentaje de programas con población atendida desagregada por sexo",
            )
        ],
        "marco_logico_peg": [
            propuesta(
                "Revisar al menos un programa presupuestario con la metodología de marco lógico "
                "con perspectiva de género, con un árbol de problemas que use datos "
                "desagregados por sexo.",
                "Diseñar los programas a partir de las desigualdades entre mujeres y hombres "
                "que buscan atender.",
                "Programas revisados con marco lógico con perspectiva de género",
            )
        ],
        "seguimiento_trimestral": [
            propuesta(
                "Reportar cada trimestre el monto aprobado, modificado y ejercido de las "
                "acciones para la igualdad, junto con sus metas programadas y alcanzadas.",
                "Dar seguimiento oportuno al ejercicio de los recursos para la igualdad.",
                "Reportes trimestrales de avance físico y financiero entregados en el año",
            )
        ],
        "uig_en_presupuestacion": [
            propuesta(
                "Incluir a la Unidad de Igualdad de Género en el proceso anual de programación "
                "y presupuestación, con un oficio que establezca su participación y el plazo "
                "para presentar sus propuestas.",
                "Que las propuestas de la Unidad lleguen a tiempo al anteproyecto de presupuesto.",
                "Propuestas de la Unidad incorporadas al anteproyecto de presupuesto",
            )
        ],
    },
}

# --- Capacitación y cultura institucional ---------------------------------------------------

CAPACITACION = {
    "eje": "cultura",
    "seccion": propuesta(
        "Elaborar un programa anual de capacitación y sensibilización en igualdad de género, no "
        "discriminación y prevención de la violencia para todo el personal, con prioridad a los "
        "mandos, y medir cada año la cultura institucional.",
        "Fortalecer una cultura institucional con perspectiva de género.",
        "Porcentaje del personal capacitado en igualdad de género en el año",
    ),
    "reactivos": {
        "horas_por_persona": [
            propuesta(
                "Ofrecer cursos de igualdad de género de al menos veinte horas por persona, con "
                "contenidos que avancen de la sensibilización a la aplicación en el trabajo "
                "diario.",
                "Profundizar la formación del personal en igualdad de género.",
                "Horas promedio de capacitación en igualdad por persona capacitada",
            )
        ],
        "personal_capacitado_pct": [
            propuesta(
                "Programar capacitación obligatoria en igualdad de género y no discriminación "
                "para todo el personal, empezando por los mandos y por el personal que atiende "
                "al público.",
                "Que todo el personal reciba al menos una capacitación en igualdad de género.",
                "Porcentaje del personal con al menos una capacitación en igualdad en el año",
                nivel=INICIAL,
            ),
            propuesta(
                "Llevar la capacitación en igualdad de género a las áreas y los turnos que aún "
                "no la reciben, en modalidades presencial y en línea, y registrar la cobertura "
                "por sexo y por área.",
                "Alcanzar la cobertura total del personal en capacitación en igualdad.",
                "Porcentaje del personal capacitado en igualdad, por sexo y área",
                nivel=EN_DESARROLLO,
            ),
        ],
        "programa_capacitacion": [
            propuesta(
                "Incluir en el programa anual de capacitación cursos de igualdad de género, no "
                "discriminación y prevención de la violencia, con presupuesto y calendario.",
                "Que la capacitación en igualdad sea permanente y planeada.",
                "Cursos de igualdad incluidos en el programa anual de capacitación",
            )
        ],
        "certificadas_ec0308": [
            propuesta(
                "Promover la certificación de al menos dos personas servidoras públicas en el "
                "estándar EC0308 para que impartan capacitación en igualdad dentro de la "
                "institución.",
                "Contar con personal certificado que replique la capacitación en igualdad.",
                "Personas certificadas en el estándar EC0308",
            )
        ],
        "sensibilizacion_mandos": [
            propuesta(
                "Realizar al menos una vez al año sesiones de sensibilización en igualdad de "
                "género para la persona titular y los mandos superiores.",
                "Que quienes toman decisiones incorporen la perspectiva de género en su gestión.",
                "Porcentaje de mandos superiores sensibilizados en el año",
            )
        ],
        "cultura_institucional": [
            propuesta(
                "Aplicar cada año el Cuestionario de Cultura Institucional con perspectiva de "
                "género en todas las áreas y comparar sus resultados con los de años "
                "anteriores.",
                "Medir la cultura institucional y su avance.",
                "Cuestionario de cultura institucional aplicado en todas las áreas (sí/no)",
            )
        ],
        "cultura_tasa_respuesta": [
            propuesta(
                "Promover la participación del personal en el cuestionario de cultura "
                "institucional con avisos de las personas titulares de área, tiempo dentro de "
                "la jornada para contestarlo y garantía de confidencialidad.",
                "Que los resultados de cultura institucional representen a todo el personal.",
                "Porcentaje del personal que contestó el cuestionario de cultura institucional",
            )
        ],
    },
}

#: {código de sección: textos} de la versión 1 del instrumento predeterminado.
TEXTOS = {
    "igualdad": IGUALDAD,
    "violencia": VIOLENCIA,
    "presupuesto": PRESUPUESTO,
    "capacitacion": CAPACITACION,
}


# --- La siembra ----------------------------------------------------------------------------


def sembrar_textos_predeterminados(apps=None):
    """Siembra los textos en la versión 1 del instrumento predeterminado; devuelve cuántos.

    No hace nada si esa versión no existe o ya tiene textos (la Coordinación pudo editarlos),
    ni con los modelos de una migración anterior a los textos de propuesta (la 0002, que
    siembra el instrumento, corre antes de que exista la tabla; la 0006 los siembra después).
    Una sección o un reactivo que ya no está en la versión se salta.
    """
    from django.apps import apps as registro

    apps = apps or registro
    try:
        TextoPropuesta = apps.get_model("diagnosticos", "TextoPropuesta")
    except LookupError:
        return 0
    Version = apps.get_model("diagnosticos", "Version")
    Seccion = apps.get_model("diagnosticos", "Seccion")
    Pregunta = apps.get_model("diagnosticos", "Pregunta")

    version = Version.objects.filter(cuestionario__nombre=NOMBRE, numero=1).first()
    if version is None or TextoPropuesta.objects.filter(version=version).exists():
        return 0
    secciones = {s.codigo: s for s in Seccion.objects.filter(version=version)}
    preguntas = {
        (p.seccion_id, p.codigo): p for p in Pregunta.objects.filter(seccion__version=version)
    }
    nuevos = []
    for codigo, datos in TEXTOS.items():
        seccion = secciones.get(codigo)
        if seccion is None:
            continue
        destinos = [(None, [datos["seccion"]])]
        destinos += [
            (preguntas.get((seccion.pk, reactivo)), textos)
            for reactivo, textos in datos["reactivos"].items()
        ]
        for indice, (pregunta, textos) in enumerate(destinos):
            if indice and pregunta is None:
                continue  # el reactivo ya no está en la versión
            nuevos.extend(
                TextoPropuesta(
                    version=version,
                    seccion=seccion,
                    pregunta=pregunta,
                    nivel=texto["nivel"],
                    eje=texto["eje"] or datos["eje"],
                    texto=texto["texto"],
                    objetivo=texto["objetivo"],
                    indicador=texto["indicador"],
                    orden=orden,
                )
                for orden, texto in enumerate(textos, start=1)
            )
    TextoPropuesta.objects.bulk_create(nuevos)
    return len(nuevos)
