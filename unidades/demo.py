"""Avance de demostración de algunas unidades, hecho con las mismas operaciones del portal.

Solo lo usa `manage.py cargar_demo`. Cada evidencia es un PDF real y cada paso del ciclo se da
con `Unidad.avanzar`, así que el demo respeta las mismas reglas que la gente. La asesoría se
registra como asesoría (el portal cumple su paso); el diagnóstico aceptado y el plan aprobado
los crean `diagnosticos.demo` y `planes.demo`, que corren después (ver `_avanzar`).
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from uig_portal.lib.pdf import render_pdf
from unidades import services
from unidades.models import Asesoria, Dependencia, Integrante, PasoGuia, Sexo, Unidad
from unidades.pasos_del_portal import Registro

#: siglas: (modalidad, [fechas de cada paso del ciclo], titular, pasos con evidencia pendiente)
AVANCE = {
    "SEMUJER": (
        "unidad",
        [date(2026, 2, 10), date(2026, 3, 5), date(2026, 4, 20), date(2026, 8, 14)],
        ("Gabriela Reveles Torres", Sexo.MUJER),
        [],
    ),
    "SEDIF": (
        "unidad",
        [date(2026, 1, 20), date(2026, 2, 25), date(2026, 5, 29)],
        ("Verónica Escobedo Márquez", Sexo.MUJER),
        ["asesoria"],
    ),
    "SEFIN": (
        "unidad",
        [date(2026, 3, 2), date(2026, 4, 10), date(2026, 6, 18)],
        ("María Elena Ortiz Salas", Sexo.MUJER),
        [],
    ),
    "C5": (
        "enlace",
        [date(2026, 4, 1), date(2026, 5, 12), date(2026, 9, 9)],
        ("Mónica Félix Carrillo", Sexo.MUJER),
        [],
    ),
    "SEDUZAC": (
        "unidad",
        [date(2026, 5, 4), date(2026, 7, 1)],
        ("Ana Lucía Herrera Pinedo", Sexo.MUJER),
        ["acta"],
    ),
    "COBAEZ": (
        "enlace",
        [date(2026, 6, 8), date(2026, 9, 22)],
        ("Luis Fernando Dávila Romo", Sexo.HOMBRE),
        [],
    ),
    "SSALUD": ("unidad", [date(2026, 8, 3)], None, ["designacion"]),
    "IZEA": ("unidad", [], None, ["oficio"]),
}


def cargar_avance(coordinacion):
    """Deja a cada unidad de AVANCE en su estado; no hace nada con las que ya avanzaron."""
    pasos = {p.clave: p for p in PasoGuia.objects.activos()}
    evidencia_pdf = None
    hechas = 0
    for siglas, (modalidad, fechas, titular, pendientes) in AVANCE.items():
        unidad = Unidad.objects.filter(dependencia__siglas=siglas).first()
        if (
            unidad is None
            or unidad.estado != Unidad.Estado.SIN_INICIAR
            or unidad.evidencias.exists()
        ):
            continue
        if evidencia_pdf is None:
            evidencia_pdf = render_pdf("unidades/demo_evidencia_pdf.html", {})
        with transaction.atomic():
            unidad.modalidad = modalidad
            unidad.save(update_fields=["modalidad"])
            for numero, fecha in enumerate(fechas):
                estado = Unidad.ORDEN[numero + 1]
                if estado == Unidad.Estado.TITULAR_DESIGNADA and titular:
                    services.integrante_designar(
                        unidad=unidad,
                        datos={
                            "cargo_en_unidad": Integrante.Cargo.ENLACE
                            if modalidad == "enlace"
                            else Integrante.Cargo.TITULAR,
                            "nombre": titular[0],
                            "sexo": titular[1],
                            "puesto": "Directora de Planeación"
                            if titular[1] == Sexo.MUJER
                            else "Director de Planeación",
                            "fecha_designacion": fecha,
                        },
                    )
                for paso in pasos.values():
                    if not paso.exigido_para(unidad, estado):
                        continue
                    if paso.registro_automatico == Registro.ASESORIA:
                        _asesoria(unidad, fecha - timedelta(days=21), coordinacion)
                    elif not paso.registro_automatico:
                        _evidencia(unidad, paso, evidencia_pdf, coordinacion, validar=True)
                _avanzar(unidad, fecha)
            for clave in pendientes:
                if pasos[clave].registro_automatico == Registro.ASESORIA:
                    _asesoria(unidad, fechas[-1] + timedelta(days=14), coordinacion)
                    continue
                rechazar = clave == "designacion"
                evidencia = _evidencia(
                    unidad, pasos[clave], evidencia_pdf, coordinacion, validar=None
                )
                if rechazar:
                    evidencia.revisar(
                        usuario=coordinacion,
                        validar=False,
                        comentario="El oficio no está firmado por la persona titular. Súbalo firmado.",
                    )
        hechas += 1
    Unidad.objects.asegurar_para(Dependencia.objects.all())
    return hechas


def _asesoria(unidad, fecha, coordinacion):
    """Una asesoría de la Coordinación: con ella el portal cumple su paso de la guía."""
    return Asesoria.objects.create(
        dependencia=unidad.dependencia,
        fecha=fecha,
        modalidad="presencial",
        tema="Cómo contestar el diagnóstico y construir el plan de trabajo",
        notas="Se revisaron el cuestionario diagnóstico y el formato estándar del plan anual.",
        registrada_por=coordinacion,
    )


def _avanzar(unidad, fecha):
    """`Unidad.avanzar`, salvo cuando solo faltan pasos que registran planes o diagnosticos.

    El diagnóstico aceptado y el plan aprobado de la demostración los crean `diagnosticos.demo`
    y `planes.demo`, que `cargar_demo` corre después de este módulo: el ciclo no los espera.
    """
    estado = unidad.siguiente_estado
    faltan = unidad.pasos_que_faltan(estado)
    if not faltan or not all(p.registro_automatico for p in faltan):
        return unidad.avanzar(fecha=fecha)
    campo = Unidad.CAMPO_FECHA[estado]
    unidad.estado = estado
    setattr(unidad, campo, fecha)
    unidad.version += 1
    unidad.save(update_fields=["estado", campo, "version", "actualizada"])
    return estado


def _evidencia(unidad, paso, contenido, coordinacion, validar):
    archivo = SimpleUploadedFile(f"{paso.clave}-{unidad.dependencia.siglas.lower()}.pdf", contenido)
    evidencia = services.evidencia_subir(
        unidad=unidad, paso=paso, archivo=archivo, usuario=coordinacion
    )
    if validar:
        evidencia.revisar(usuario=coordinacion, validar=True)
    return evidencia
