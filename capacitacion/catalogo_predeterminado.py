"""El catálogo con que arranca el portal: los estándares de competencia relacionados con la
igualdad de género y los tres programas de la línea VII del programa de la Coordinación.

Los títulos de los estándares son los que usan las instituciones que los certifican; conviene
cotejarlos con su ficha en el RENEC antes de imprimirlos en documentos oficiales.
"""

ESTANDARES = [
    (
        "EC0308",
        "Capacitación presencial a servidoras y servidores públicos en y desde el enfoque de "
        "igualdad entre mujeres y hombres. Nivel básico",
        2,
    ),
    (
        "EC0076",
        "Evaluación de la competencia de candidatos con base en estándares de competencia",
        3,
    ),
    ("EC0497", "Orientación telefónica a mujeres y víctimas de violencia basada en el género", 3),
    (
        "EC0539",
        "Atención presencial de primer contacto a mujeres víctimas de violencia de género",
        3,
    ),
    (
        "EC0779",
        "Transversalización de la perspectiva de género en la administración pública municipal",
        3,
    ),
    ("EC0943", "Promoción de la igualdad y no discriminación en el ámbito laboral", 3),
]

PROGRAMAS = [
    (
        "Promoción de la certificación EC0308",
        "certificacion",
        "EC0308",
        "Alineación y evaluación de personas servidoras públicas en el estándar EC0308 para "
        "que impartan capacitación presencial con enfoque de igualdad entre mujeres y hombres.",
    ),
    (
        "Seminario de cultura institucional con perspectiva de género",
        "seminario",
        None,
        "Seminario para las Unidades de Igualdad de Género y el personal de las dependencias "
        "y entidades sobre cultura institucional, igualdad y no discriminación.",
    ),
    (
        "Capacitación interna de la Coordinación",
        "interna",
        None,
        "Formación del personal de la Coordinación de Unidades de Igualdad de Género.",
    ),
]


def asegurar_catalogo(EstandarCompetencia=None, Programa=None):
    """Crea lo que falte del catálogo sin tocar lo que la Coordinación ya editó."""
    if EstandarCompetencia is None:
        from capacitacion.models import EstandarCompetencia, Programa
    estandares = {}
    for clave, titulo, nivel in ESTANDARES:
        estandares[clave], _ = EstandarCompetencia.objects.get_or_create(
            clave=clave, defaults={"titulo": titulo, "nivel": nivel}
        )
    for nombre, tipo, clave, descripcion in PROGRAMAS:
        Programa.objects.get_or_create(
            nombre=nombre,
            defaults={
                "tipo": tipo,
                "estandar": estandares.get(clave),
                "descripcion": descripcion,
            },
        )
