"""Catálogos de alineación con que arranca el portal, tomados de los documentos fuente.

Solo datos (sin modelos), para que la migración que los siembra no importe código vivo.
"""

#: Atribuciones I–IX de la Coordinación de Unidades de Igualdad de Género (Plan de trabajo 2021).
ATRIBUCIONES = [
    (
        "I",
        "El monitoreo de la institucionalización y transversalidad de la igualdad de género, a través de las Unidades de Género.",
    ),
    (
        "II",
        "El diseño para promocionar los programas en materia de políticas públicas con igualdad de género a las o los Responsables de la Unidades de Género.",
    ),
    (
        "III",
        "El diseño para promocionar la cultura de la igualdad entre géneros a las o los Responsables de las Unidades de Género.",
    ),
    (
        "IV",
        "La elaboración de diagnósticos situacionales para la igualdad de género y presentación de propuestas a las o a los titulares de los organismos públicos.",
    ),
    (
        "V",
        "El seguimiento y evaluación de las estrategias, acciones y metas públicas que se implanten.",
    ),
    (
        "VI",
        "Mantener coordinación con los organismos de promoción, defensa y observancia de los derechos de las personas con el fin de promover y procurar la igualdad en la vida civil de mujeres y hombres.",
    ),
    (
        "VII",
        "Brindar la capacitación y formación a los Responsables de las Unidades de Género de manera sistemática y permanente en materia de igualdad entre mujeres y hombres, violencia y no discriminación, entre otros.",
    ),
    (
        "VIII",
        "Proponer mejoras a los Programas Presupuestarios, formular y proponer proyectos que contribuyan a la igualdad de género, revisar y rediseñar los existentes para fortalecer los indicadores de resultados que permitan hacer eficiente la transversalidad presupuestaria con perspectiva de género;",
    ),
    (
        "IX",
        "Implementar dentro de las dependencias y entidades, a través de las Unidades de Género, las políticas y el Programa Estatal de Igualdad que emita el Sistema Estatal para la Igualdad, así como observar los demás lineamientos que se aprueben al interior de dicho sistema a fin de dar cumplimiento a las disposiciones de la ley en la materia para el desarrollo de las políticas de igualdad.",
    ),
]

#: Estrategias de la política pública 2.10 del Plan Estatal de Desarrollo 2022–2027.
ESTRATEGIAS_PED = [
    (
        "2.10.1",
        "Impulsar mecanismos para el empoderamiento socioeconómico, cultural y político de las mujeres, con el fin de potenciar su propio desarrollo y como agente de cambio para la transformación estatal.",
    ),
    (
        "2.10.2",
        "Fortalecer la coordinación interinstitucional en los tres órdenes de gobierno, y promover la perspectiva de género en la administración pública.",
    ),
    (
        "2.10.3",
        "Promover y aplicar acciones de protección para prevenir y atender a mujeres víctimas de violencia, sus hijas e hijos.",
    ),
    (
        "2.10.4",
        "Establecer y operar un programa de capacitación que contribuya a fomentar procesos de reeducación.",
    ),
    (
        "2.10.5",
        "Promover la armonización legislativa en materia de los derechos humanos de las mujeres.",
    ),
    (
        "2.10.6",
        "Crear mecanismos de participación ciudadana para incrementar la sensibilización e incorporación de liderazgos comprometidos en las políticas públicas con perspectiva de género.",
    ),
]
