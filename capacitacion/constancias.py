"""Constancias de participación: emitirlas, revocarlas y producir su PDF, su código QR y el ZIP
con todas las de un evento.

Qué dice una constancia: el nombre de la persona, el evento, **las horas totales del evento**
(«con una duración de N horas», como dicen las constancias de participación; las horas que la
persona asistió sirven para acreditar, no se imprimen) y la fecha de término del evento. Esos
cuatro datos se copian a la constancia al emitirla, para que la verificación pública confirme
exactamente lo que se imprimió aunque después se corrija el evento o el nombre de la persona.

Una constancia revocada sigue descargándose (por quien puede verla) con una marca «REVOCADA»
en cada página: así la Coordinación conserva el documento como prueba de lo que se revocó. El
ZIP del evento, que sirve para repartir constancias, solo lleva las vigentes.
"""

import io
import re
import zipfile
from base64 import b64encode

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject
from simple_history.utils import bulk_create_with_history
from weasyprint import HTML

from capacitacion.models import Constancia, Evento, Inscripcion
from capacitacion.models.constancias import nuevo_codigo
from uig_portal.lib.correo import enlace
from uig_portal.lib.pdf import RAIZ_ESTATICOS, BuscadorLocal, render_pdf

PLANTILLA_PDF = "capacitacion/constancias/constancia_pdf.html"
#: Constancias por documento de WeasyPrint al armar el ZIP. Cada documento cuesta ~0.2 s de
#: preparación (sobre todo el subconjunto de fuentes); uno de 100 páginas se arma en ~2 s y se
#: parte en PDF de una persona con pypdf, en vez de 100 documentos de ~0.2 s cada uno.
LOTE_PDF = 100
#: Los códigos se revisan contra la base en grupos de este tamaño (límite de parámetros).
LOTE_CODIGOS = 500


# --- Emisión y revocación ------------------------------------------------------------------


def _codigos_nuevos(cantidad):
    """`cantidad` códigos distintos que no usa ninguna constancia (una consulta por cada 500)."""
    codigos = set()
    while len(codigos) < cantidad:
        candidatos = set()
        while len(candidatos) < cantidad - len(codigos):
            codigo = nuevo_codigo()
            if codigo not in codigos:
                candidatos.add(codigo)
        lista = sorted(candidatos)
        usados = set()
        for i in range(0, len(lista), LOTE_CODIGOS):
            usados.update(
                Constancia.objects.filter(codigo__in=lista[i : i + LOTE_CODIGOS]).values_list(
                    "codigo", flat=True
                )
            )
        # Con 60 bits una colisión es casi imposible; si ocurre, el ciclo pide otro código.
        codigos |= candidatos - usados
    return list(codigos)


@transaction.atomic
def emitir(evento, usuario):
    """Emite una constancia por cada inscripción acreditada del evento que aún no tiene una.

    Devuelve cuántas se emitieron. El evento se bloquea mientras tanto: dos clics (o dos
    pestañas) emiten una sola vez, porque el segundo espera y ya no encuentra pendientes.
    """
    evento = Evento.objects.select_for_update().get(pk=evento.pk)
    if evento.estado != Evento.Estado.CONCLUIDO:
        raise ValidationError(
            _("Las constancias se emiten cuando el evento está concluido; este está en «%(e)s».")
            % {"e": evento.get_estado_display()}
        )
    pendientes = list(
        Inscripcion.objects.filter(
            evento=evento,
            acreditada=True,
            estado=Inscripcion.Estado.CONFIRMADA,
            constancia__isnull=True,
        )
        .select_related("participante")
        .order_by("participante__nombre", "pk")
    )
    if not pendientes:
        return 0
    codigos = _codigos_nuevos(len(pendientes))
    ahora = timezone.now()
    constancias = [
        Constancia(
            inscripcion=inscripcion,
            codigo=codigo,
            nombre=inscripcion.participante.nombre,
            evento_nombre=evento.nombre,
            horas=evento.horas_totales,
            fecha=evento.fecha_fin,
            emitida_en=ahora,
            emitida_por=usuario,
        )
        for inscripcion, codigo in zip(pendientes, codigos, strict=True)
    ]
    bulk_create_with_history(
        constancias,
        Constancia,
        batch_size=500,
        default_user=usuario,
        default_change_reason=_("Emitida"),
    )
    return len(constancias)


@transaction.atomic
def revocar(constancia, usuario, motivo):
    """Revoca una constancia vigente; si otra persona ya la revocó, lo dice."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError(_("Escriba el motivo de la revocación."))
    constancia = Constancia.objects.select_for_update().get(pk=constancia.pk)
    if not constancia.vigente:
        raise ValidationError(
            _("La constancia %(codigo)s ya estaba revocada desde el %(fecha)s.")
            % {
                "codigo": constancia.codigo,
                "fecha": timezone.localtime(constancia.revocada_en).strftime("%d/%m/%Y"),
            }
        )
    constancia.revocada_en = timezone.now()
    constancia.revocada_por = usuario
    constancia.motivo_revocacion = motivo
    constancia._change_reason = _("Revocada")
    constancia.save(update_fields=["revocada_en", "revocada_por", "motivo_revocacion"])
    return constancia


# --- Código QR y PDF ---------------------------------------------------------------------


def url_verificacion(constancia):
    """La dirección pública que confirma la constancia (va impresa y en el QR)."""
    return enlace("capacitacion:verificar_codigo", constancia.codigo)


def qr_png(url):
    """El código QR de `url` como PNG (bytes); corrección de errores media, tolera manchas."""
    salida = io.BytesIO()
    segno.make(url, error="m").save(salida, kind="png", scale=4, border=2)
    return salida.getvalue()


def _con_datos_del_evento(constancias):
    """Las constancias con su evento y programa cargados (una consulta si no lo estaban)."""
    if isinstance(constancias, list | tuple):
        return list(constancias)
    return list(constancias.select_related("inscripcion__evento__programa"))


def _contexto(constancias):
    paginas = []
    for constancia in constancias:
        url = url_verificacion(constancia)
        paginas.append(
            {
                "constancia": constancia,
                "evento": constancia.inscripcion.evento,
                "url": url,
                "qr": "data:image/png;base64," + b64encode(qr_png(url)).decode("ascii"),
                "ancla": f"constancia-{constancia.pk}",
            }
        )
    return {"paginas": paginas}


def pdf(constancias):
    """Un PDF con una página por constancia."""
    return render_pdf(PLANTILLA_PDF, _contexto(_con_datos_del_evento(constancias)))


def _paginas_por_constancia(documento, paginas):
    """Índices de las páginas de cada constancia en un documento ya compuesto.

    Cada constancia empieza con un ancla; si un nombre larguísimo la hiciera ocupar dos
    páginas, las dos van a su PDF en vez de descuadrar las siguientes.
    """
    inicio = {}
    for indice, pagina in enumerate(documento.pages):
        for ancla in pagina.anchors:
            inicio.setdefault(ancla, indice)
    comienzos = [inicio[p["ancla"]] for p in paginas]
    finales = comienzos[1:] + [len(documento.pages)]
    return [range(a, b) for a, b in zip(comienzos, finales, strict=True)]


def nombre_archivo(constancia):
    """`<nombre-en-minúsculas>-<código>.pdf`: el código basta para que no se repita."""
    nombre = slugify(constancia.nombre)[:60].strip("-") or "constancia"
    return f"{nombre}-{constancia.codigo}.pdf"


#: `/Nombre Do` en un flujo de contenido PDF: dibuja la imagen o el formulario «Nombre».
DIBUJA = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def _solo_sus_recursos(pagina):
    """Deja a la página solo las imágenes que dibuja.

    WeasyPrint comparte un diccionario de recursos entre todas las páginas de un documento;
    sin esto, el PDF de cada persona llevaría dentro los códigos QR (y con ellos los códigos
    de verificación) de las otras 99 del lote. Los formularios de WeasyPrint (grupos con
    transparencia) usan ese mismo diccionario: se revisan y se apuntan a la copia también.
    """
    compartidos = pagina["/Resources"].get_object()
    xobjetos = compartidos.get("/XObject")
    if not xobjetos:
        return
    xobjetos = xobjetos.get_object()
    propios = DictionaryObject(compartidos)
    usados = DictionaryObject()
    propios[NameObject("/XObject")] = usados
    flujos = [pagina.get_contents().get_data()]
    while flujos:
        for nombre in DIBUJA.findall(flujos.pop()):
            clave = NameObject("/" + nombre.decode("latin-1"))
            if clave in usados or clave not in xobjetos:
                continue
            usados[clave] = xobjetos.raw_get(clave)
            objeto = xobjetos[clave].get_object()
            if objeto.get("/Subtype") == "/Form":
                if "/Resources" not in objeto or objeto["/Resources"].get_object() is compartidos:
                    objeto[NameObject("/Resources")] = propios
                flujos.append(objeto.get_data())
    pagina[NameObject("/Resources")] = propios


def pdfs_separados(constancias):
    """(nombre de archivo, bytes del PDF) de cada constancia, componiendo lotes de 100."""
    constancias = _con_datos_del_evento(constancias)
    for i in range(0, len(constancias), LOTE_PDF):
        lote = constancias[i : i + LOTE_PDF]
        contexto = _contexto(lote)
        html = render_to_string(PLANTILLA_PDF, contexto)
        documento = HTML(
            string=html, base_url=str(RAIZ_ESTATICOS) + "/", url_fetcher=BuscadorLocal()
        ).render()
        grupos = _paginas_por_constancia(documento, contexto["paginas"])
        lector = PdfReader(io.BytesIO(documento.write_pdf()))
        for constancia, paginas in zip(lote, grupos, strict=True):
            escritor = PdfWriter()
            for indice in paginas:
                pagina = lector.pages[indice]
                _solo_sus_recursos(pagina)
                escritor.add_page(pagina)
            escritor.add_metadata(
                {
                    "/Title": _("Constancia de participación %(codigo)s")
                    % {"codigo": constancia.codigo}
                }
            )
            salida = io.BytesIO()
            escritor.write(salida)
            yield nombre_archivo(constancia), salida.getvalue()


def zip_del_evento(evento, constancias):
    """Un ZIP con un PDF por constancia del evento y nada más (ni listas ni correos)."""
    constancias = _con_datos_del_evento(constancias)
    if any(c.inscripcion.evento_id != evento.pk for c in constancias):
        raise ValueError("El ZIP de un evento solo lleva constancias de ese evento.")
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", compression=zipfile.ZIP_DEFLATED) as archivo:
        for nombre, contenido in pdfs_separados(constancias):
            archivo.writestr(nombre, contenido)
    return salida.getvalue()


def nombre_zip(evento):
    return f"constancias-{slugify(evento.nombre)[:80].strip('-') or evento.pk}.zip"
