"""El instrumento con que arranca el portal: «Diagnóstico institucional de igualdad de género», v1.

Solo datos y una función que los siembra con los modelos que se le pasen (los de la migración
0002 o los vivos), sin métodos de modelo ni managers propios, para que la migración no dependa
del código que cambie después. Las pruebas que vacían la base (navegador, `transaction=True`)
pueden volver a llamar `asegurar_instrumento_predeterminado()`.

Estructura (reactivos tomados de `shared/reference/domain.md` §2.5, §2.8 y §2.9): datos de la
institución (no se califican), las tres líneas del plan de trabajo (igualdad y no discriminación,
vida libre de violencia, presupuesto con perspectiva de género) y capacitación y cultura
institucional. Los requisitos críticos de la NMX-R-025-SCFI-2015 pesan el doble; las preguntas
abiertas (obstáculos, buenas prácticas) no dan puntos.
"""

from decimal import Decimal

NOMBRE = "Diagnóstico institucional de igualdad de género"
DESCRIPCION = (
    "Cuestionario de línea base que contesta cada institución por medio de su Unidad de Igualdad "
    "de Género: datos de la institución, igualdad y no discriminación, acceso de las mujeres a una "
    "vida libre de violencia, presupuesto público con perspectiva de género, y capacitación y "
    "cultura institucional. Cada respuesta cuantitativa da puntos; cada sección tiene un índice "
    "de 0 a 100 y la institución un índice general."
)
NOTAS_VERSION = "Versión inicial del instrumento, con los reactivos de referencia."
UMBRAL_EN_DESARROLLO = Decimal("40")
UMBRAL_CONSOLIDADO = Decimal("70")

# --- Constructores de reactivos (solo dicts) ---------------------------------------------------

EVIDENCIA_OFICIAL = "Suba como evidencia el documento firmado o el oficio que lo acredite (PDF)."


def _pregunta(
    codigo,
    tipo,
    texto,
    ayuda="",
    *,
    obligatoria=True,
    condicion=None,
    peso="1",
    regla="",
    meta=None,
    minimo=None,
    maximo=None,
    evidencia=False,
    opciones=(),
):
    return {
        "codigo": codigo,
        "tipo": tipo,
        "texto": texto,
        "ayuda": ayuda,
        "obligatoria": obligatoria,
        "condicion": condicion or {},
        "peso": Decimal(peso),
        "regla": regla,
        "meta": None if meta is None else Decimal(meta),
        "minimo": None if minimo is None else Decimal(minimo),
        "maximo": None if maximo is None else Decimal(maximo),
        "admite_evidencia": evidencia,
        # (valor, etiqueta, puntos o None)
        "opciones": [
            (valor, etiqueta, None if puntos is None else Decimal(puntos))
            for valor, etiqueta, puntos in opciones
        ],
    }


def si_no(codigo, texto, ayuda="", *, peso="1", evidencia=True, **opciones):
    """Sí / parcial / no / no aplica: la mayoría de los reactivos calificados."""
    return _pregunta(codigo, "si_no", texto, ayuda, peso=peso, evidencia=evidencia, **opciones)


def entero(codigo, texto, ayuda="", *, peso="0", **opciones):
    return _pregunta(codigo, "entero", texto, ayuda, peso=peso, **opciones)


def decimal(codigo, texto, ayuda="", *, peso="0", **opciones):
    return _pregunta(codigo, "decimal", texto, ayuda, peso=peso, **opciones)


def porcentaje(codigo, texto, ayuda="", **opciones):
    return _pregunta(codigo, "porcentaje", texto, ayuda, **opciones)


def abierta(codigo, texto, ayuda=""):
    """Pregunta cualitativa: no da puntos ni impide enviar."""
    return _pregunta(codigo, "texto", texto, ayuda, obligatoria=False, peso="0")


def nota(codigo, texto):
    return _pregunta(codigo, "nota", texto, obligatoria=False, peso="0")


def si(codigo, operador, valor):
    """Condición de una sola regla sobre una pregunta anterior."""
    return {"union": "y", "reglas": [{"pregunta": codigo, "operador": operador, "valor": valor}]}


def alguna(*reglas):
    """Condición que se cumple si se cumple cualquiera de las reglas (pregunta, operador, valor)."""
    return {
        "union": "o",
        "reglas": [{"pregunta": p, "operador": o, "valor": v} for p, o, v in reglas],
    }


SI_O_PARCIAL = ["si", "parcial"]
ULTIMO_ANIO = "Considere los últimos doce meses."

# --- Las secciones ---------------------------------------------------------------------------

DATOS = {
    "codigo": "datos",
    "titulo": "Datos de la institución",
    "descripcion": (
        "Datos de contexto para interpretar los resultados: la plantilla de personal por sexo y "
        "nivel, y la situación y los recursos de la Unidad de Igualdad de Género. No se califican."
    ),
    "peso": Decimal("0"),
    "preguntas": [
        nota(
            "datos_nota",
            "Anote la plantilla vigente al 31 de diciembre del año anterior, con todas las personas "
            "servidoras públicas con nombramiento o contrato (base, confianza, eventuales y "
            "honorarios). La fuente es la plantilla o la nómina del área de recursos humanos.",
        ),
        entero(
            "mando_superior_mujeres",
            "Mujeres en puestos de mando superior",
            "Titular, subsecretarías, direcciones generales y puestos equivalentes.",
        ),
        entero(
            "mando_superior_hombres",
            "Hombres en puestos de mando superior",
            "Titular, subsecretarías, direcciones generales y puestos equivalentes.",
        ),
        entero(
            "mando_medio_mujeres",
            "Mujeres en puestos de mando medio",
            "Direcciones de área, subdirecciones, jefaturas de departamento y equivalentes.",
        ),
        entero(
            "mando_medio_hombres",
            "Hombres en puestos de mando medio",
            "Direcciones de área, subdirecciones, jefaturas de departamento y equivalentes.",
        ),
        entero(
            "operativo_mujeres",
            "Mujeres en puestos operativos",
            "Personal técnico, administrativo, de apoyo y de servicios.",
        ),
        entero(
            "operativo_hombres",
            "Hombres en puestos operativos",
            "Personal técnico, administrativo, de apoyo y de servicios.",
        ),
        _pregunta(
            "uig_instalada",
            "opcion_unica",
            "¿La institución tiene instalada su Unidad de Igualdad de Género?",
            "Una institución pequeña puede tener una persona enlace de igualdad en lugar de una "
            "Unidad completa. Evidencia: el acta de instalación o el oficio de designación.",
            peso="0",
            evidencia=True,
            opciones=[
                ("si", "Sí, instalada con acta", None),
                ("enlace", "Se designó una persona enlace de igualdad", None),
                ("en_proceso", "En proceso de instalación", None),
                ("no", "No", None),
            ],
        ),
        _pregunta(
            "uig_fecha_instalacion",
            "fecha",
            "Fecha de instalación de la Unidad",
            "La fecha que aparece en el acta de instalación.",
            peso="0",
            condicion=si("uig_instalada", "igual", "si"),
        ),
        entero(
            "uig_personal",
            "¿Cuántas personas integran la Unidad, incluida la persona titular o enlace?",
            "Cuente a quienes tienen funciones asignadas en la Unidad por escrito, aunque las "
            "compartan con otras tareas.",
            condicion=si("uig_instalada", "distinto", "no"),
            maximo="500",
        ),
        decimal(
            "uig_presupuesto",
            "Presupuesto asignado a la Unidad para el ejercicio en curso (pesos)",
            "Escriba 0 si la Unidad no tiene presupuesto propio. Fuente: el presupuesto de egresos "
            "autorizado de la institución.",
            condicion=si("uig_instalada", "distinto", "no"),
        ),
    ],
}

IGUALDAD = {
    "codigo": "igualdad",
    "titulo": "Igualdad y no discriminación",
    "descripcion": (
        "Política de igualdad laboral y no discriminación, con base en la NMX-R-025-SCFI-2015 y "
        "el Programa de Cultura Institucional: vigilancia, reclutamiento, clima laboral, "
        "corresponsabilidad y participación de las mujeres en los mandos."
    ),
    "peso": Decimal("1"),
    "preguntas": [
        nota(
            "igualdad_nota",
            "Los cinco requisitos críticos de la NMX-R-025-SCFI-2015 (política, comité de "
            "vigilancia, reclutamiento sin discriminación, auditoría interna y clima laboral) "
            "valen el doble en el índice de esta sección.",
        ),
        si_no(
            "politica_igualdad",
            "¿La institución tiene una política de igualdad laboral y no discriminación firmada "
            "por la persona titular y difundida entre el personal?",
            "Evidencia: la política firmada y una prueba de su difusión (circular, correo "
            "masivo, publicación en intranet o estrados). Responda «Parcialmente» si está "
            "elaborada pero sin firma o sin difundir.",
            peso="2",
        ),
        si_no(
            "comite_vigilancia",
            "¿Existe un comité, comisión o grupo de vigilancia de la igualdad laboral y no "
            "discriminación en funciones?",
            "Evidencia: el acta de integración del comité y la minuta de su sesión más reciente.",
            peso="2",
        ),
        si_no(
            "reclutamiento_sin_discriminacion",
            "¿Los procesos de reclutamiento, selección y promoción están libres de requisitos "
            "discriminatorios (prueba de embarazo, estado civil, edad, sexo o apariencia)?",
            "Evidencia: el procedimiento de reclutamiento y selección, y dos o tres convocatorias "
            "recientes.",
            peso="2",
        ),
        si_no(
            "auditoria_interna",
            "¿Se realizó una auditoría interna o un diagnóstico de igualdad laboral en los últimos "
            "dos años?",
            "Evidencia: el informe de la auditoría o del diagnóstico, con su fecha.",
            peso="2",
        ),
        si_no(
            "clima_laboral",
            "¿Se aplicó al personal un cuestionario de clima laboral y no discriminación en los "
            "últimos dos años?",
            "Evidencia: el informe de resultados, con el número de personas que respondieron.",
            peso="2",
        ),
        si_no(
            "lenguaje_incluyente",
            "¿Los documentos, comunicados y materiales de difusión de la institución usan lenguaje "
            "incluyente y no sexista, con base en una guía o lineamiento?",
            "Evidencia: la guía o el lineamiento adoptado y ejemplos de comunicados recientes.",
        ),
        _pregunta(
            "corresponsabilidad",
            "opcion_multiple",
            "¿Qué medidas de corresponsabilidad entre la vida laboral, familiar y personal ofrece "
            "la institución a su personal?",
            "Marque todas las que estén vigentes. Evidencia: la circular, el acuerdo o el "
            "reglamento que las establece.",
            peso="1",
            evidencia=True,
            opciones=[
                ("paternidad", "Licencia de paternidad con goce de sueldo", "20"),
                ("horario_flexible", "Horarios flexibles o escalonados", "20"),
                ("lactario", "Sala de lactancia (lactario) en funcionamiento", "20"),
                (
                    "cuidados",
                    "Permisos para el cuidado de hijas, hijos o personas dependientes, para "
                    "mujeres y hombres por igual",
                    "15",
                ),
                ("distancia", "Trabajo a distancia o semipresencial", "15"),
                ("estancia", "Convenio o servicio de estancia infantil", "10"),
                ("ninguna", "Ninguna de las anteriores", None),
            ],
        ),
        si_no(
            "igualdad_salarial",
            "¿La institución revisó que mujeres y hombres en el mismo puesto y nivel reciban el "
            "mismo salario y las mismas prestaciones?",
            "Evidencia: el tabulador de sueldos o el análisis de remuneraciones por sexo.",
        ),
        porcentaje(
            "mujeres_mando_superior_pct",
            "¿Qué porcentaje de los puestos de mando superior ocupan mujeres?",
            "Mujeres en mando superior ÷ total de personas en mando superior × 100, con los datos "
            "de la primera sección. Entre 40 % y 60 % hay paridad y vale 100 puntos.",
            regla="paridad",
            condicion=alguna(
                ("mando_superior_mujeres", "mayor", 0),
                ("mando_superior_hombres", "mayor", 0),
            ),
        ),
        porcentaje(
            "mujeres_mando_medio_pct",
            "¿Qué porcentaje de los puestos de mando medio ocupan mujeres?",
            "Mujeres en mando medio ÷ total de personas en mando medio × 100. Entre 40 % y 60 % "
            "hay paridad y vale 100 puntos.",
            regla="paridad",
            condicion=alguna(
                ("mando_medio_mujeres", "mayor", 0),
                ("mando_medio_hombres", "mayor", 0),
            ),
        ),
        _pregunta(
            "nmx025_situacion",
            "opcion_unica",
            "¿En qué situación está la institución respecto de la certificación en la Norma "
            "Mexicana NMX-R-025-SCFI-2015 en Igualdad Laboral y No Discriminación?",
            "Evidencia: el certificado vigente o el registro del proceso ante el organismo de "
            "certificación.",
            evidencia=True,
            opciones=[
                ("certificada", "Certificada, con certificado vigente", "100"),
                ("en_proceso", "En proceso de certificación (registro o auditoría en curso)", "60"),
                ("preparacion", "Preparando los requisitos, sin registro", "30"),
                ("no", "No ha iniciado", "0"),
            ],
        ),
        _pregunta(
            "nmx025_nivel",
            "opcion_unica",
            "¿Qué nivel de certificación obtuvo?",
            "El nivel que indica el certificado. Oro exige cuatro de las cinco medidas de "
            "nivelación, inclusión y acciones afirmativas.",
            peso="0",
            condicion=si("nmx025_situacion", "igual", "certificada"),
            opciones=[
                ("simple", "Certificación simple", None),
                ("bronce", "Bronce", None),
                ("plata", "Plata", None),
                ("oro", "Oro", None),
            ],
        ),
        _pregunta(
            "compromiso_direccion",
            "escala",
            "La alta dirección de la institución muestra compromiso con la igualdad de género: "
            "asigna tiempo, personal y recursos a la Unidad y participa en sus acciones.",
            "Responda según la experiencia de la Unidad en el último año.",
        ),
        abierta(
            "igualdad_obstaculos",
            "¿Qué obstáculos ha enfrentado la institución para avanzar en la igualdad y la no "
            "discriminación?",
            "Por ejemplo: falta de presupuesto, rotación de personal, resistencias, falta de datos.",
        ),
        abierta(
            "igualdad_buenas_practicas",
            "Describa una buena práctica de igualdad o no discriminación que la institución quiera "
            "compartir con otras.",
            "Qué se hizo, con quién, qué resultados tuvo y qué se necesitó para lograrlo.",
        ),
    ],
}

VIOLENCIA = {
    "codigo": "violencia",
    "titulo": "Acceso de las mujeres a una vida libre de violencia",
    "descripcion": (
        "Prevención, atención y sanción del hostigamiento y acoso sexual en la institución, "
        "campañas y participación en las acciones de la Alerta de Violencia de Género contra "
        "las Mujeres."
    ),
    "peso": Decimal("1"),
    "preguntas": [
        si_no(
            "protocolo_hostigamiento",
            "¿La institución adoptó un protocolo para prevenir, atender y sancionar el hostigamiento "
            "sexual y el acoso sexual, con un pronunciamiento de «cero tolerancia» firmado por la "
            "persona titular?",
            "Evidencia: el protocolo o acuerdo de adhesión y el pronunciamiento firmado. Responda "
            "«Parcialmente» si hay protocolo pero no pronunciamiento, o al revés.",
            peso="2",
        ),
        entero(
            "personas_consejeras",
            "¿Cuántas personas consejeras están designadas para orientar y acompañar a las "
            "presuntas víctimas?",
            "Evidencia: los nombramientos. Se espera al menos una mujer y un hombre; dos o más "
            "personas valen 100 puntos.",
            peso="1",
            regla="meta",
            meta="2",
            maximo="200",
            evidencia=True,
            condicion=si("protocolo_hostigamiento", "uno_de", SI_O_PARCIAL),
        ),
        si_no(
            "consejeras_capacitadas",
            "¿Las personas consejeras recibieron capacitación para su función?",
            "Evidencia: las constancias de los cursos que tomaron.",
            condicion=si("personas_consejeras", "mayor", 0),
        ),
        si_no(
            "difusion_protocolo",
            "¿Se difundió el protocolo y la forma de presentar una queja entre todo el personal?",
            f"{ULTIMO_ANIO} Evidencia: carteles, correos masivos o publicaciones en intranet.",
        ),
        entero(
            "quejas_recibidas",
            "¿Cuántas quejas por hostigamiento o acoso sexual recibió la institución?",
            f"{ULTIMO_ANIO} Escriba 0 si no se recibió ninguna. No anote datos de las personas.",
        ),
        entero(
            "quejas_atendidas",
            "De esas quejas, ¿cuántas se atendieron conforme al protocolo?",
            "Se atendió una queja si se dio primer contacto, orientación y se canalizó o investigó.",
            condicion=si("quejas_recibidas", "mayor", 0),
        ),
        entero(
            "quejas_sancionadas",
            "¿Cuántas quejas terminaron con una sanción a la persona responsable?",
            "Cuente las resoluciones firmes del órgano interno de control o del área competente.",
            condicion=si("quejas_recibidas", "mayor", 0),
        ),
        entero(
            "campanas_prevencion",
            "¿Cuántas campañas de prevención de la violencia contra las mujeres realizó la "
            "institución?",
            f"{ULTIMO_ANIO} Cuatro o más campañas valen 100 puntos. Evidencia: materiales y "
            "fotografías de cada campaña.",
            peso="1",
            regla="meta",
            meta="4",
            maximo="365",
            evidencia=True,
        ),
        porcentaje(
            "personal_capacitado_protocolo_pct",
            "¿Qué porcentaje del personal recibió capacitación sobre el protocolo de hostigamiento "
            "y acoso sexual?",
            f"{ULTIMO_ANIO} Personas capacitadas ÷ plantilla total × 100. Evidencia: listas de "
            "asistencia o constancias.",
            regla="directa",
            evidencia=True,
        ),
        si_no(
            "ruta_canalizacion",
            "¿Existe una ruta para canalizar a las mujeres en situación de violencia a instancias "
            "especializadas (Centro de Justicia para las Mujeres, SEMUJER, Fiscalía)?",
            "Evidencia: el directorio o el procedimiento de canalización.",
        ),
        si_no(
            "avgm",
            "¿La institución cumple las acciones que le corresponden en la Alerta de Violencia de "
            "Género contra las Mujeres (AVGM) en Zacatecas?",
            "Responda «No aplica» si la declaratoria no le asigna medidas. Evidencia: el informe "
            "de acciones enviado al mecanismo de seguimiento.",
        ),
        abierta(
            "violencia_obstaculos",
            "¿Qué dificultades tiene la institución para prevenir y atender la violencia contra "
            "las mujeres?",
            "Por ejemplo: temor a presentar quejas, falta de personas consejeras, procesos lentos.",
        ),
    ],
}

PRESUPUESTO = {
    "codigo": "presupuesto",
    "titulo": "Presupuesto público con perspectiva de género",
    "descripcion": (
        "Programas presupuestarios (Pp) con acciones para la igualdad entre mujeres y hombres, sus "
        "montos, sus indicadores y la población que atienden."
    ),
    "peso": Decimal("1"),
    "preguntas": [
        nota(
            "presupuesto_nota",
            "Responda sobre los programas presupuestarios a cargo de la institución en el "
            "ejercicio fiscal en curso. Las cifras están en el presupuesto de egresos y en la "
            "Matriz de Indicadores para Resultados (MIR) de cada programa.",
        ),
        si_no(
            "pp_con_acciones",
            "¿Alguno de los programas presupuestarios de la institución incluye acciones para la "
            "igualdad entre mujeres y hombres?",
            "Evidencia: el anexo transversal de igualdad o la ficha del programa presupuestario.",
            peso="2",
        ),
        _pregunta(
            "pp_lista",
            "texto",
            "Escriba la clave y el nombre de cada programa presupuestario con acciones para la "
            "igualdad, uno por renglón.",
            "Por ejemplo: «E012 Atención a mujeres en situación de violencia».",
            peso="0",
            condicion=si("pp_con_acciones", "uno_de", SI_O_PARCIAL),
        ),
        decimal(
            "pp_monto_aprobado",
            "Monto aprobado para acciones de igualdad en el ejercicio (pesos)",
            "La suma de lo aprobado en los programas anteriores para acciones de igualdad.",
            condicion=si("pp_con_acciones", "uno_de", SI_O_PARCIAL),
        ),
        decimal(
            "pp_monto_ejercido",
            "Monto ejercido a la fecha en esas acciones (pesos)",
            "Según el último reporte de avance financiero.",
            condicion=si("pp_con_acciones", "uno_de", SI_O_PARCIAL),
        ),
        si_no(
            "mir_desagregada",
            "¿Los indicadores de la MIR que se refieren a personas están desagregados por sexo?",
            "Evidencia: la MIR vigente. «Parcialmente» si solo algunos lo están.",
        ),
        si_no(
            "poblacion_por_sexo",
            "¿Se registra la población atendida o beneficiaria de los programas desagregada por "
            "sexo?",
            "Evidencia: el padrón o el reporte de población atendida.",
        ),
        si_no(
            "marco_logico_peg",
            "¿Se usó la metodología de marco lógico con perspectiva de género (árbol de problemas "
            "con datos desagregados por sexo) para diseñar o revisar algún programa?",
            "Evidencia: el árbol de problemas o el diagnóstico del programa.",
        ),
        si_no(
            "seguimiento_trimestral",
            "¿Se informa cada trimestre el avance físico y financiero de las acciones para la "
            "igualdad?",
            "Evidencia: el reporte trimestral más reciente.",
        ),
        si_no(
            "uig_en_presupuestacion",
            "¿La Unidad de Igualdad de Género participa en la programación y presupuestación anual "
            "de la institución?",
            "Evidencia: la invitación, la minuta o el oficio con las propuestas de la Unidad.",
        ),
        abierta(
            "presupuesto_obstaculos",
            "¿Qué obstáculos encuentra la institución para etiquetar y ejercer presupuesto para la "
            "igualdad?",
            "Por ejemplo: reglas de operación, falta de datos por sexo, recortes.",
        ),
    ],
}

CAPACITACION = {
    "codigo": "capacitacion",
    "titulo": "Capacitación y cultura institucional",
    "descripcion": (
        "Formación del personal en igualdad de género, certificación en estándares de competencia "
        "y medición de la cultura institucional."
    ),
    "peso": Decimal("1"),
    "preguntas": [
        entero(
            "capacitadas_mujeres",
            "Mujeres capacitadas en igualdad de género, derechos humanos o no discriminación",
            f"{ULTIMO_ANIO} Cuente a cada persona una vez aunque haya tomado varios cursos.",
        ),
        entero(
            "capacitados_hombres",
            "Hombres capacitados en igualdad de género, derechos humanos o no discriminación",
            f"{ULTIMO_ANIO} Cuente a cada persona una vez aunque haya tomado varios cursos.",
        ),
        decimal(
            "horas_por_persona",
            "Horas de capacitación en igualdad por persona capacitada, en promedio",
            "Total de horas-persona ÷ personas capacitadas. Veinte horas o más valen 100 puntos.",
            peso="1",
            regla="meta",
            meta="20",
            maximo="1000",
            condicion=alguna(
                ("capacitadas_mujeres", "mayor", 0),
                ("capacitados_hombres", "mayor", 0),
            ),
        ),
        porcentaje(
            "personal_capacitado_pct",
            "¿Qué porcentaje del personal recibió al menos una capacitación en igualdad de género?",
            f"{ULTIMO_ANIO} Personas capacitadas ÷ plantilla total × 100.",
            regla="directa",
        ),
        si_no(
            "programa_capacitacion",
            "¿El programa anual de capacitación de la institución incluye cursos de igualdad de "
            "género, no discriminación y prevención de la violencia?",
            "Evidencia: el programa anual de capacitación aprobado.",
        ),
        entero(
            "certificadas_ec0308",
            "¿Cuántas personas servidoras públicas de la institución están certificadas en el "
            "estándar EC0308?",
            "EC0308: capacitación presencial a servidoras y servidores públicos en y desde el "
            "enfoque de igualdad entre mujeres y hombres, nivel básico. Dos o más personas valen "
            "100 puntos. Evidencia: los certificados de CONOCER.",
            peso="1",
            regla="meta",
            meta="2",
            maximo="10000",
            evidencia=True,
        ),
        si_no(
            "sensibilizacion_mandos",
            "¿Las personas titulares y de mando superior recibieron sensibilización en igualdad de "
            "género?",
            f"{ULTIMO_ANIO} Evidencia: lista de asistencia o constancias.",
        ),
        si_no(
            "cultura_institucional",
            "¿Se aplicó al personal el Cuestionario de Cultura Institucional con perspectiva de "
            "género?",
            "Evidencia: el informe de resultados. «Parcialmente» si se aplicó solo en algunas "
            "áreas.",
        ),
        porcentaje(
            "cultura_tasa_respuesta",
            "¿Qué porcentaje del personal contestó el cuestionario de cultura institucional?",
            "Personas que respondieron ÷ plantilla total × 100 en la aplicación más reciente. "
            "La mitad o más vale 100 puntos.",
            regla="meta",
            meta="50",
            condicion=si("cultura_institucional", "uno_de", SI_O_PARCIAL),
        ),
        abierta(
            "capacitacion_necesidades",
            "¿Qué temas de capacitación necesita la institución para avanzar en la igualdad?",
            "Por ejemplo: presupuesto con perspectiva de género, atención de quejas, lenguaje "
            "incluyente.",
        ),
    ],
}

SECCIONES = [DATOS, IGUALDAD, VIOLENCIA, PRESUPUESTO, CAPACITACION]


# --- La siembra ----------------------------------------------------------------------------


def asegurar_instrumento_predeterminado(apps=None):
    """Crea el cuestionario con su versión 1 si no existe; devuelve el Cuestionario.

    `apps` es el registro de modelos de una migración (modelos históricos) o None para los
    modelos vivos. Si el cuestionario ya existe no se toca: la Coordinación pudo editarlo. Al
    crearlo siembra también sus textos de propuesta (`propuestas_predeterminadas`).
    """
    from django.apps import apps as registro
    from django.db import transaction

    apps = apps or registro

    Cuestionario = apps.get_model("diagnosticos", "Cuestionario")
    Version = apps.get_model("diagnosticos", "Version")
    Seccion = apps.get_model("diagnosticos", "Seccion")
    Pregunta = apps.get_model("diagnosticos", "Pregunta")
    Opcion = apps.get_model("diagnosticos", "Opcion")

    existente = Cuestionario.objects.filter(nombre=NOMBRE).first()
    if existente is not None:
        return existente
    with transaction.atomic():
        cuestionario = Cuestionario.objects.create(
            nombre=NOMBRE,
            descripcion=DESCRIPCION,
            umbral_en_desarrollo=UMBRAL_EN_DESARROLLO,
            umbral_consolidado=UMBRAL_CONSOLIDADO,
        )
        version = Version.objects.create(cuestionario=cuestionario, numero=1, notas=NOTAS_VERSION)
        opciones = []
        for orden_seccion, datos_seccion in enumerate(SECCIONES, start=1):
            seccion = Seccion.objects.create(
                version=version,
                orden=orden_seccion,
                codigo=datos_seccion["codigo"],
                titulo=datos_seccion["titulo"],
                descripcion=datos_seccion["descripcion"],
                peso=datos_seccion["peso"],
            )
            for orden, datos in enumerate(datos_seccion["preguntas"], start=1):
                campos = {k: v for k, v in datos.items() if k != "opciones"}
                pregunta = Pregunta.objects.create(seccion=seccion, orden=orden, **campos)
                opciones.extend(
                    Opcion(pregunta=pregunta, orden=n, valor=valor, etiqueta=etiqueta, puntos=pts)
                    for n, (valor, etiqueta, pts) in enumerate(datos["opciones"], start=1)
                )
        Opcion.objects.bulk_create(opciones)
        # Los textos de propuesta de la versión 1 (con los modelos de la 0002 no hay tabla
        # todavía: los siembra la migración 0006).
        from diagnosticos.propuestas_predeterminadas import sembrar_textos_predeterminados

        sembrar_textos_predeterminados(apps)
    return cuestionario
