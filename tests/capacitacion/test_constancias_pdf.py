"""El PDF de una constancia se lee de vuelta (pypdf) y su QR lleva a la página de verificación;
el ZIP del evento trae un PDF de una página por persona."""

import io
import zipfile

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from capacitacion import constancias as servicios
from capacitacion.models import Constancia, Evento
from tests.factories import ConstanciaFactory, EventoFactory, InscripcionFactory, SesionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evento():
    evento = EventoFactory(
        nombre="Seminario de cultura institucional con perspectiva de género",
        estado=Evento.Estado.CONCLUIDO,
        facilitacion="Mtra. Laura Ríos Delgado",
    )
    SesionFactory(evento=evento)
    SesionFactory(evento=evento)
    evento.refresh_from_db()
    return evento


def constancia_de(evento, nombre, dependencia=None, **kwargs):
    extra = {"dependencia": dependencia} if dependencia else {}
    inscripcion = InscripcionFactory(
        evento=evento, participante__nombre=nombre, acreditada=True, horas_asistidas=4, **extra
    )
    return ConstanciaFactory(inscripcion=inscripcion, **kwargs)


def texto(contenido):
    return " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(contenido)).pages)


def qr_de(contenido, pagina=0):
    """El texto del primer código QR de la imagen incrustada en la página."""
    imagenes = PdfReader(io.BytesIO(contenido)).pages[pagina].images
    assert imagenes, "la página no tiene imágenes"
    for imagen in imagenes:
        codigos = zxingcpp.read_barcodes(imagen.image)
        if codigos:
            return codigos[0].text
    raise AssertionError("ningún QR legible en la página")


def test_el_pdf_dice_nombre_evento_horas_codigo_y_el_qr_lleva_a_la_verificacion(evento):
    constancia = constancia_de(evento, "María Fernanda Ortiz Luna")
    contenido = servicios.pdf([constancia])

    lector = PdfReader(io.BytesIO(contenido))
    assert len(lector.pages) == 1
    caja = lector.pages[0].mediabox
    assert caja.width > caja.height  # carta horizontal
    leido = " ".join(texto(contenido).split())
    assert "Constancia de participación" in leido
    assert "María Fernanda Ortiz Luna" in leido
    assert "Seminario de cultura institucional con perspectiva de género" in leido
    assert "con una duración de 4 horas" in leido
    assert "Mtra. Laura Ríos Delgado" in leido
    assert constancia.codigo in leido
    assert "Coordinación de Unidades de Igualdad de Género" in leido
    assert "REVOCADA" not in leido

    url = servicios.url_verificacion(constancia)
    assert url.endswith(reverse("capacitacion:verificar_codigo", args=[constancia.codigo]))
    assert qr_de(contenido) == url
    assert f"Verifique esta constancia en {url}" in leido.replace("\n", " ")


def test_la_fecha_va_en_letra(evento):
    constancia = constancia_de(evento, "Ana")
    Constancia.objects.filter(pk=constancia.pk).update(fecha="2025-03-05")
    constancia.refresh_from_db()
    assert "5 de marzo de 2025" in " ".join(texto(servicios.pdf([constancia])).split())


def test_una_revocada_se_descarga_con_la_marca(evento):
    constancia = constancia_de(evento, "Rosa Elena Gil", revocada_en=timezone.now())
    leido = texto(servicios.pdf([constancia]))
    assert "REVOCADA" in leido


def test_varias_constancias_una_por_pagina(evento):
    constancias = [constancia_de(evento, f"Persona {i}") for i in range(3)]
    lector = PdfReader(
        io.BytesIO(servicios.pdf(Constancia.objects.filter(pk__in=[c.pk for c in constancias])))
    )
    assert len(lector.pages) == 3


def test_un_nombre_y_un_evento_larguisimos_caben_en_una_pagina(evento):
    # Al límite del campo (250), como lo aceptaría PostgreSQL.
    evento.nombre = ("Taller " + "de igualdad sustantiva y no discriminación " * 6)[:250]
    evento.save()
    nombre = "María de los Ángeles Guadalupe " * 6
    constancia = constancia_de(evento, nombre[:200], evento_nombre=evento.nombre[:250])
    archivos = list(servicios.pdfs_separados([constancia, constancia_de(evento, "Otra")]))
    for _nombre, contenido in archivos:
        assert len(PdfReader(io.BytesIO(contenido)).pages) == 1


def test_el_zip_trae_un_pdf_de_una_pagina_por_constancia(evento):
    constancias = [constancia_de(evento, f"José Pérez {i}") for i in range(3)]
    contenido = servicios.zip_del_evento(evento, constancias)

    with zipfile.ZipFile(io.BytesIO(contenido)) as archivo:
        nombres = sorted(archivo.namelist())
        assert nombres == sorted(
            f"jose-perez-{i}-{c.codigo}.pdf" for i, c in enumerate(constancias)
        )
        for constancia in constancias:
            nombre = servicios.nombre_archivo(constancia)
            pdf = archivo.read(nombre)
            lector = PdfReader(io.BytesIO(pdf))
            assert len(lector.pages) == 1
            leido = lector.pages[0].extract_text()
            assert constancia.nombre in leido
            assert constancia.codigo in leido
            # Solo su QR: WeasyPrint comparte los recursos del lote entre páginas, y el PDF de
            # una persona no debe llevar dentro los códigos de las demás.
            assert len(lector.pages[0].images) == 1
            assert qr_de(pdf) == servicios.url_verificacion(constancia)


def test_el_zip_de_un_evento_no_lleva_constancias_de_otro(evento):
    ajena = constancia_de(EventoFactory(estado=Evento.Estado.CONCLUIDO), "De otro evento")
    with pytest.raises(ValueError):
        servicios.zip_del_evento(evento, [constancia_de(evento, "Propia"), ajena])


def test_el_zip_parte_en_lotes(evento, settings, monkeypatch):
    """Con lotes de 2, cinco constancias se componen en tres documentos y cada PDF es el suyo."""
    monkeypatch.setattr(servicios, "LOTE_PDF", 2)
    constancias = [constancia_de(evento, f"Lote {i}") for i in range(5)]
    archivos = dict(servicios.pdfs_separados(constancias))
    assert len(archivos) == 5
    for constancia in constancias:
        leido = PdfReader(io.BytesIO(archivos[servicios.nombre_archivo(constancia)])).pages[0]
        assert constancia.codigo in leido.extract_text()


def test_la_vista_del_zip_descarga_las_vigentes(client, coordinacion, evento):
    vigente = constancia_de(evento, "Vigente Uno")
    constancia_de(evento, "Revocada Dos", revocada_en=timezone.now())
    client.force_login(coordinacion)
    respuesta = client.get(reverse("capacitacion:constancias_zip", args=[evento.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/zip"
    assert "attachment" in respuesta["Content-Disposition"]
    assert "seminario-de-cultura-institucional" in respuesta["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(respuesta.content)) as archivo:
        assert archivo.namelist() == [servicios.nombre_archivo(vigente)]


def test_el_zip_de_una_responsable_solo_trae_las_de_su_institucion(
    client, responsable, dependencia, otra_dependencia, evento
):
    propias = [constancia_de(evento, f"Propia {i}", dependencia) for i in range(2)]
    constancia_de(evento, "Ajena", otra_dependencia)
    client.force_login(responsable)
    respuesta = client.get(reverse("capacitacion:constancias_zip", args=[evento.pk]))
    assert respuesta.status_code == 200
    with zipfile.ZipFile(io.BytesIO(respuesta.content)) as archivo:
        assert sorted(archivo.namelist()) == sorted(servicios.nombre_archivo(c) for c in propias)
        assert not any("ajena" in nombre for nombre in archivo.namelist())


def test_sin_constancias_el_zip_avisa_y_regresa(client, responsable_ajena, dependencia, evento):
    constancia_de(evento, "Propia", dependencia)
    client.force_login(responsable_ajena)
    respuesta = client.get(reverse("capacitacion:constancias_zip", args=[evento.pk]), follow=False)
    assert respuesta.status_code == 302
    assert respuesta.url == reverse("capacitacion:evento_detalle", args=[evento.pk])


def test_el_pdf_de_la_vista_es_en_linea_con_el_codigo(client, responsable, dependencia, evento):
    constancia = constancia_de(evento, "Propia", dependencia)
    client.force_login(responsable)
    respuesta = client.get(reverse("capacitacion:constancia_pdf", args=[constancia.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    assert (
        respuesta["Content-Disposition"] == f'inline; filename="constancia-{constancia.codigo}.pdf"'
    )
    assert "Propia" in texto(respuesta.content)


def test_el_pdf_de_otra_institucion_es_404(client, responsable_ajena, dependencia, evento):
    constancia = constancia_de(evento, "Propia", dependencia)
    client.force_login(responsable_ajena)
    respuesta = client.get(reverse("capacitacion:constancia_pdf", args=[constancia.pk]))
    assert respuesta.status_code == 404
