"""La guía metodológica del plan: la misma ayuda que el formulario, un ejemplo válido y su PDF."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from planes.ayuda import AYUDA, CADENA, EJEMPLO
from planes.forms.editor import CAMPOS_ACTIVIDAD, METAS_TRIMESTRALES, ActividadForm, EncabezadoForm
from planes.models import Actividad, Alineacion
from tests.factories import ActividadFactory, PlanFactory
from tests.planes.test_editor import catalogo_de_alineacion  # noqa: F401

pytestmark = pytest.mark.django_db


def test_cada_campo_del_formulario_tiene_su_ayuda_con_ejemplo():
    for campo in CAMPOS_ACTIVIDAD:
        clave = "metas_trimestrales" if campo in METAS_TRIMESTRALES else campo
        assert AYUDA[clave].texto and AYUDA[clave].ejemplo, campo
    en_la_cadena = {c for _t, _p, campos in CADENA for c in campos}
    assert {("metas_trimestrales" if c in METAS_TRIMESTRALES else c) for c in CAMPOS_ACTIVIDAD} == (
        en_la_cadena
    )


def test_el_formulario_usa_los_textos_de_la_guia(dependencia):
    actividad = ActividadFactory(plan=PlanFactory(unidad=dependencia.unidad))
    form = ActividadForm(instance=actividad, catalogo=list(Alineacion.objects.all()))
    assert form.fields["formula"].help_text == AYUDA["formula"].texto
    assert form.fields["formula"].ejemplo == AYUDA["formula"].ejemplo
    assert form.ayuda_metas == AYUDA["metas_trimestrales"]
    encabezado = EncabezadoForm(instance=actividad.plan)
    assert encabezado.fields["compromiso"].help_text == AYUDA["compromiso"].texto


def test_el_plan_de_ejemplo_cumple_las_reglas_y_esta_completo():
    for datos in EJEMPLO["actividades"]:
        campos = {
            c: datos[c]
            for c in CAMPOS_ACTIVIDAD
            if c not in METAS_TRIMESTRALES and c != "alineaciones"
        }
        for numero in ("linea_base", "meta_anual"):
            campos[numero] = Decimal(campos[numero])
        for nombre, meta in zip(METAS_TRIMESTRALES, datos["metas"], strict=True):
            campos[nombre] = Decimal(meta)
        actividad = Actividad(**campos)
        actividad.clean()
        alineaciones = [Alineacion.objects.get(tipo=t, clave=c) for t, c in datos["alineaciones"]]
        assert actividad.faltantes(alineaciones=alineaciones) == [], datos["descripcion"]
        assert ("ped", "2.10.2") in datos["alineaciones"]
    atribuciones = {c for d in EJEMPLO["actividades"] for t, c in d["alineaciones"] if t != "ped"}
    assert atribuciones == {"III", "VII"}


def test_la_guia_explica_la_cadena_cada_campo_y_el_ejemplo(client, responsable):
    client.force_login(responsable)
    r = client.get(reverse("planes:guia"))
    html = r.content.decode()
    assert r.status_code == 200
    assert "La cadena del marco lógico" in html
    for ayuda in AYUDA.values():
        assert str(ayuda.texto) in html and str(ayuda.ejemplo) in html
    assert "Un plan de ejemplo: Secretaría de Administración, 2026" in html
    for actividad in EJEMPLO["actividades"]:
        assert str(actividad["descripcion"]) in html
    assert "Fortalecer la coordinación interinstitucional" in html  # 2.10.2, del catálogo
    assert reverse("planes:guia_pdf") in html
    assert reverse("planes:nuevo") in html


def test_la_guia_en_pdf(client, consulta):
    client.force_login(consulta)
    r = client.get(reverse("planes:guia_pdf"))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "guia-metodologica-plan-de-trabajo.pdf" in r["Content-Disposition"]
    lector = PdfReader(BytesIO(r.content))
    assert lector.pages[0].mediabox.width == 612  # carta
    texto = " ".join(" ".join(p.extract_text().split()) for p in lector.pages)
    for clave in (
        "Guía metodológica del plan de trabajo",
        "La cadena del marco lógico",
        "Medio de verificación",
        "Secretaría de Administración",
        "2.10.2",
        "Personas servidoras públicas capacitadas en igualdad sustantiva",
        "Página 1 de",
    ):
        assert clave in texto, clave
