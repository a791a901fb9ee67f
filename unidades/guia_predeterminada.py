"""Los pasos del protocolo de instalación con que arranca la guía; la Coordinación los edita.

Solo datos (sin modelos), para que la migración que los siembra no importe código vivo.
"""

#: Pasos que el portal mismo registra (ver `unidades.pasos_del_portal`): clave del paso →
#: registro que lo cumple. Van aparte de `PASOS` porque la migración que siembra la guía es
#: anterior al campo `registro_automatico`.
REGISTROS_AUTOMATICOS = {
    "asesoria": "asesoria",
    "diagnostico": "diagnostico",
    "plan": "plan",
    "informe": "informe",
}

PASOS = [
    {
        "orden": 1,
        "clave": "oficio",
        "titulo": "Oficio a la persona titular de la institución",
        "explicacion": (
            "La Coordinación de Unidades de Igualdad de Género envía un oficio a la persona titular "
            "de la dependencia o entidad en el que la exhorta a instalar su Unidad de Igualdad de "
            "Género conforme al Decreto de Creación de las Unidades de Igualdad de Género, y le pide "
            "designar a la persona que la encabezará. Con el acuse de recibo la instalación queda en "
            "gestión."
        ),
        "documentos": "Oficio firmado con el acuse de recibo de la institución.",
        "requerido_para": "en_gestion",
        "aplica_a_enlace": True,
        "plantilla": "oficio",
    },
    {
        "orden": 2,
        "clave": "designacion",
        "titulo": "Designación de la persona titular de la unidad",
        "explicacion": (
            "La persona titular de la institución designa a quien encabezará la Unidad de Igualdad "
            "de Género, de preferencia con nivel de subdirección o equivalente y con formación en "
            "derechos humanos, igualdad de género, no discriminación y cultura institucional. En una "
            "entidad pequeña, en lugar de una unidad completa se designa un enlace de igualdad que "
            "se coordina con la unidad de su sector."
        ),
        "documentos": (
            "Oficio de designación firmado por la persona titular de la institución, con nombre, "
            "cargo, nivel, correo y teléfono de la persona designada."
        ),
        "requerido_para": "titular_designada",
        "aplica_a_enlace": True,
        "plantilla": "designacion",
    },
    {
        "orden": 3,
        "clave": "acta",
        "titulo": "Acta de instalación firmada",
        "explicacion": (
            "En un acto protocolario se instala la unidad: sus integrantes rinden protesta y firman "
            "el acta la persona titular de la institución, la persona titular de la unidad y dos "
            "personas testigos. El portal genera el acta con los datos de la institución para "
            "imprimirla y firmarla."
        ),
        "documentos": (
            "Acta de instalación firmada por la persona titular de la institución, la persona "
            "titular de la unidad y dos personas testigos. Puede agregar fotografías de la toma de "
            "protesta como evidencia adicional."
        ),
        "requerido_para": "instalada",
        "aplica_a_enlace": True,
        "plantilla": "acta",
    },
    {
        "orden": 4,
        "clave": "estructura",
        "titulo": "Estructura de la unidad",
        "explicacion": (
            "Se define quiénes integran la unidad y qué hace cada área (por ejemplo: secretaría "
            "técnica; cultura institucional con perspectiva de género; seguimiento, evaluación y "
            "estadística; política pública con perspectiva de género) y a qué área se adscribe. Se "
            "recomienda que dependa directamente de la persona titular de la institución."
        ),
        "documentos": "Organigrama o documento de integración de la unidad.",
        "requerido_para": "instalada",
        "aplica_a_enlace": False,
        "plantilla": "",
    },
    {
        "orden": 5,
        "clave": "asesoria",
        "titulo": "Asesoría de la Coordinación",
        "explicacion": (
            "La Coordinación asesora a la unidad para contestar su diagnóstico y construir su plan "
            "de trabajo anual con el formato estándar."
        ),
        "documentos": "",
        "requerido_para": "operando",
        "aplica_a_enlace": True,
        "plantilla": "",
    },
    {
        "orden": 6,
        "clave": "diagnostico",
        "titulo": "Diagnóstico inicial",
        "explicacion": (
            "La unidad contesta el cuestionario diagnóstico; sus resultados son la línea base de la "
            "institución contra la que se medirán los avances de los años siguientes."
        ),
        "documentos": "",
        "requerido_para": "operando",
        "aplica_a_enlace": True,
        "plantilla": "",
    },
    {
        "orden": 7,
        "clave": "plan",
        "titulo": "Plan de trabajo aprobado",
        "explicacion": (
            "A partir del diagnóstico, la unidad elabora su plan de trabajo anual y la Coordinación "
            "lo revisa y lo aprueba. Con el plan aprobado, la unidad está operando."
        ),
        "documentos": "",
        "requerido_para": "operando",
        "aplica_a_enlace": True,
        "plantilla": "",
    },
    {
        "orden": 8,
        "clave": "informe",
        "titulo": "Primer informe de seguimiento",
        "explicacion": (
            "La unidad entrega su primer informe trimestral de avance del plan de trabajo, con sus "
            "evidencias."
        ),
        "documentos": "",
        "requerido_para": "",
        "aplica_a_enlace": True,
        "plantilla": "",
    },
]
