"""Fábrica de materiales y archivos de Office armados a mano para las pruebas de difusión."""

import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from difusion.models import Material
from tests.factories import pdf_minimo

OOXML = "application/vnd.openxmlformats-officedocument"
TIPO_DOCX = f"{OOXML}.wordprocessingml.document"
TIPO_XLSX = f"{OOXML}.spreadsheetml.sheet"
TIPO_PPTX = f"{OOXML}.presentationml.presentation"


def ooxml(tipo_principal, parte):
    """Un paquete OOXML mínimo: índice de tipos, relaciones y la parte principal declarada."""
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as comprimido:
        comprimido.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{parte}" ContentType="{tipo_principal}"/>'
            "</Types>",
        )
        comprimido.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/officeDocument" Target="{parte}"/></Relationships>',
        )
        comprimido.writestr(parte, '<?xml version="1.0" encoding="UTF-8"?><documento/>')
    return salida.getvalue()


def docx_minimo():
    return ooxml(f"{TIPO_DOCX}.main+xml", "word/document.xml")


def pptx_minimo():
    return ooxml(f"{TIPO_PPTX}.main+xml", "ppt/presentation.xml")


def archivo(nombre, contenido, tipo="application/octet-stream"):
    return SimpleUploadedFile(nombre, contenido, content_type=tipo)


class MaterialFactory(factory.django.DjangoModelFactory):
    """Un material publicado con un PDF real."""

    class Meta:
        model = Material

    titulo = factory.Sequence(lambda n: f"Guía {n:03d}")
    tema = Material.Tema.INSTALACION
    descripcion = "Material de prueba."
    extension = ".pdf"
    tipo_contenido = "application/pdf"
    nombre_original = "guia.pdf"
    archivo = factory.LazyFunction(lambda: archivo("guia.pdf", pdf_minimo()))
    tamano = factory.LazyAttribute(lambda o: o.archivo.size)
    publicado = True
