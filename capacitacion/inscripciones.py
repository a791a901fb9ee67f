"""Inscripción de personas en eventos, su revisión por la Coordinación y los registros duplicados
de personas participantes.

Cada operación corre en una transacción y bloquea la fila que decide (`select_for_update`): el
evento al inscribir (el cupo no se rebasa aunque dos personas inscriban a la vez), la inscripción
al revisarla o cancelarla (un doble clic no la procesa dos veces) y las personas al fusionarlas.
Cuando la operación ya se había hecho se lanza `SinCambios` (la vista lo muestra como aviso);
cuando no está permitida, `ValidationError` con un mensaje para la persona usuaria.

Nada de aquí revela a una persona responsable los registros de otra institución: la búsqueda de
una persona ya registrada se hace solo dentro de la institución que inscribe.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import CharField, Count, Exists, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, Replace
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from capacitacion import notificaciones
from capacitacion.models import (
    Asistencia,
    Certificacion,
    Constancia,
    Evento,
    Inscripcion,
    Participante,
)

Estado = Inscripcion.Estado

#: Campos de la persona que una inscripción o una fusión llenan si estaban vacíos.
CAMPOS_COMPLEMENTABLES = ["cargo", "correo", "curp"]

#: Estados del evento en los que la Coordinación inscribe personas.
ESTADOS_INSCRIPCION_COORDINACION = {Evento.Estado.ABIERTO, Evento.Estado.CERRADO}
#: Estados del evento en los que se revisan inscripciones.
ESTADOS_REVISION = {Evento.Estado.ABIERTO, Evento.Estado.CERRADO, Evento.Estado.CONCLUIDO}
#: Estados del evento en los que una inscripción todavía se cancela.
ESTADOS_CANCELACION = {Evento.Estado.ABIERTO, Evento.Estado.CERRADO}


class SinCambios(Exception):
    """La operación ya se había hecho (un doble clic, otra pestaña): no se repitió nada."""

    def __init__(self, mensaje):
        super().__init__(mensaje)
        self.mensaje = mensaje


def es_coordinacion(usuario):
    """Quien confirma inscripciones inscribe en cualquier institución y sin revisión."""
    return usuario.has_perm("capacitacion.confirmar_inscripcion")


# --- Inscribir ---------------------------------------------------------------------------------


@dataclass
class Resultado:
    inscripcion: Inscripcion
    #: La persona no estaba registrada en la institución y se creó su registro.
    persona_nueva: bool
    #: Ya tenía una inscripción cancelada o no aceptada en el evento y se reabrió.
    reabierta: bool = False
    #: Solo para la Coordinación: otros registros con el mismo correo o CURP (en otras
    #: instituciones), que aparecerán en «Posibles duplicados».
    otros_registros: int = 0


def inscribir(evento, datos, usuario, dependencia=None):
    """Inscribe a una persona en `evento` y devuelve un `Resultado`.

    `datos` trae `participante` (una persona ya registrada) o los datos de una persona:
    `nombre`, `sexo`, `correo`, `cargo` y, si se conoce, `curp`. Si en la institución ya hay una
    persona con ese correo o esa CURP, se usa ese registro y solo se llenan sus campos vacíos.

    Una persona responsable inscribe solo a personas de su institución, en eventos abiertos a
    ella y con lugares disponibles; su inscripción queda por confirmar. La Coordinación elige la
    institución (`dependencia`), inscribe mientras el evento esté abierto o cerrado y su
    inscripción queda confirmada.
    """
    coordinacion = es_coordinacion(usuario)
    existente = datos.get("participante")
    if coordinacion:
        dependencia = existente.dependencia if existente else dependencia
        if dependencia is None:
            raise ValidationError(_("Elija la institución de la persona."))
    else:
        if usuario.dependencia_id is None:
            raise PermissionDenied
        if dependencia is not None and dependencia.pk != usuario.dependencia_id:
            raise PermissionDenied
        if existente is not None and existente.dependencia_id != usuario.dependencia_id:
            raise PermissionDenied
        dependencia = usuario.dependencia

    with transaction.atomic():
        # El bloqueo del evento ordena las inscripciones simultáneas: el cupo se cuenta con las
        # anteriores ya guardadas, y dos envíos del mismo formulario encuentran a la persona
        # que creó el primero en vez de crearla dos veces.
        evento = Evento.objects.select_for_update().get(pk=evento.pk)
        _revisar_periodo(evento, dependencia, coordinacion)
        if existente is not None:
            persona, nueva = Participante.objects.filter(pk=existente.pk).first(), False
            if persona is None:
                raise ValidationError(_("Ese registro de persona ya no existe; elija otra vez."))
            if not coordinacion and persona.dependencia_id != usuario.dependencia_id:
                # La Coordinación la cambió de institución después de que se cargó la página.
                raise ValidationError(_("Esa persona ya no está registrada en su institución."))
        else:
            persona, nueva = _persona(datos, dependencia, usuario)
        previa = Inscripcion.objects.filter(evento=evento, participante=persona).first()
        if previa is not None and previa.estado in Inscripcion.OCUPAN_LUGAR:
            raise ValidationError(
                _("La persona %(nombre)s ya está inscrita en este evento (%(estado)s).")
                % {"nombre": persona.nombre, "estado": previa.get_estado_display()}
            )
        _revisar_cupo(evento)
        inscripcion = previa or Inscripcion(evento=evento, participante=persona)
        inscripcion.dependencia_id = persona.dependencia_id
        inscripcion.inscrita_por = usuario
        inscripcion.motivo = ""
        if coordinacion:
            inscripcion.estado = Estado.CONFIRMADA
            inscripcion.revisada_por = usuario
            inscripcion.revisada_en = timezone.now()
        else:
            inscripcion.estado = Estado.SOLICITADA
            inscripcion.revisada_por = None
            inscripcion.revisada_en = None
        inscripcion._history_user = usuario
        inscripcion._change_reason = (
            _("Inscripción reabierta") if previa is not None else _("Inscripción")
        )
        inscripcion.save()
        if previa is not None and coordinacion:
            # Pudo tener asistencia registrada antes de cancelarse.
            evento.recalcular_acreditacion()

    otros = 0
    if coordinacion and (persona.correo or persona.curp):
        otros = (
            Participante.objects.con_correo_o_curp(persona.correo, persona.curp)
            .exclude(pk=persona.pk)
            .count()
        )
    return Resultado(inscripcion, nueva, reabierta=previa is not None, otros_registros=otros)


def _revisar_periodo(evento, dependencia, coordinacion):
    if coordinacion:
        if evento.estado not in ESTADOS_INSCRIPCION_COORDINACION:
            raise ValidationError(
                _(
                    "Solo se inscriben personas mientras el evento está abierto o cerrado; este "
                    "evento está en «%(estado)s»."
                )
                % {"estado": evento.get_estado_display()}
            )
    elif not evento.abierto_a(dependencia.pk):
        raise ValidationError(
            _("La inscripción a este evento no está abierta para su institución.")
        )


def _revisar_cupo(evento):
    if evento.cupo is None:
        return
    ocupados = Inscripcion.objects.filter(
        evento=evento, estado__in=Inscripcion.OCUPAN_LUGAR
    ).count()
    if ocupados >= evento.cupo:
        raise ValidationError(
            _("Ya no hay lugares disponibles: el cupo de %(cupo)s personas está completo.")
            % {"cupo": evento.cupo}
        )


def _persona(datos, dependencia, usuario):
    """La persona de la institución con ese correo o CURP, o una nueva; (persona, es_nueva)."""
    correo = (datos.get("correo") or "").strip().lower()
    curp = (datos.get("curp") or "").strip().upper()
    candidatas = list(
        Participante.objects.filter(dependencia=dependencia)
        .con_correo_o_curp(correo, curp)
        .select_for_update()
        .order_by("pk")
    )
    por_correo = next((p for p in candidatas if correo and p.correo == correo), None)
    por_curp = next((p for p in candidatas if curp and p.curp == curp), None)
    if por_correo and curp and por_correo.curp and por_correo.curp != curp:
        raise ValidationError(
            {
                "curp": _(
                    "En su institución ya hay una persona con ese correo y otra CURP. Revise "
                    "los datos o elija a la persona en «Persona ya registrada»."
                )
            }
        )
    persona = por_correo or por_curp
    if persona is None:
        persona = Participante(
            nombre=datos["nombre"],
            sexo=datos["sexo"],
            dependencia=dependencia,
            cargo=datos.get("cargo") or "",
            correo=correo,
            curp=curp,
            creado_por=usuario,
        )
        persona._history_user = usuario
        persona.save()
        return persona, True
    nuevos = {"cargo": (datos.get("cargo") or "").strip(), "correo": correo, "curp": curp}
    if _complementar(persona, nuevos):
        persona._history_user = usuario
        persona._change_reason = _("Datos completados al inscribir")
        persona.save()
    return persona, False


def _complementar(persona, valores):
    """Llena los campos vacíos de `persona` con `valores`; True si cambió alguno."""
    cambio = False
    for campo in CAMPOS_COMPLEMENTABLES:
        if not getattr(persona, campo) and valores.get(campo):
            setattr(persona, campo, valores[campo])
            cambio = True
    return cambio


# --- Revisar y cancelar ---------------------------------------------------------------------


@dataclass
class Confirmadas:
    """Las inscripciones que se confirmaron y a quién se avisó por correo."""

    inscripciones: list
    avisadas: list
    sin_correo: list

    def __len__(self):
        return len(self.inscripciones)

    @property
    def texto_del_aviso(self):
        return notificaciones.texto_confirmacion(self.avisadas, self.sin_correo)


def revisar(inscripcion, confirmar, usuario, motivo=""):
    """La Coordinación confirma o no acepta (con motivo) una inscripción por confirmar."""
    motivo = (motivo or "").strip()
    if not confirmar and not motivo:
        raise ValidationError(_("Escriba el motivo por el que no se acepta la inscripción."))
    with transaction.atomic():
        inscripcion = (
            Inscripcion.objects.select_for_update(of=("self",))
            .select_related("evento", "participante")
            .get(pk=inscripcion.pk)
        )
        destino = Estado.CONFIRMADA if confirmar else Estado.RECHAZADA
        if inscripcion.estado == destino:
            raise SinCambios(
                _("La inscripción de %(nombre)s ya estaba en «%(estado)s».")
                % {"nombre": inscripcion.participante.nombre, "estado": destino.label}
            )
        if inscripcion.estado != Estado.SOLICITADA:
            raise ValidationError(
                _("La inscripción de %(nombre)s ya no está por confirmar: está en «%(estado)s».")
                % {
                    "nombre": inscripcion.participante.nombre,
                    "estado": inscripcion.get_estado_display(),
                }
            )
        evento = inscripcion.evento
        if evento.estado not in ESTADOS_REVISION:
            raise ValidationError(
                _("El evento está en «%(estado)s»: sus inscripciones ya no se revisan.")
                % {"estado": evento.get_estado_display()}
            )
        inscripcion.estado = destino
        inscripcion.motivo = "" if confirmar else motivo
        inscripcion.revisada_por = usuario
        inscripcion.revisada_en = timezone.now()
        inscripcion._history_user = usuario
        inscripcion._change_reason = destino.label
        inscripcion.save()
        # Solo una confirmada acredita: si ya tenía asistencia, hay que recalcular.
        if confirmar and inscripcion.asistencias.exists():
            evento.recalcular_acreditacion()
        # La persona confirmada recibe el aviso; la vista dice si tenía correo.
        inscripcion.confirmacion = (
            Confirmadas([inscripcion], *notificaciones.avisar_confirmacion([inscripcion]))
            if confirmar
            else None
        )
    return inscripcion


def confirmar_varias(evento, usuario, ids=None):
    """Confirma las inscripciones por confirmar del evento (todas o las de `ids`) y avisa por
    correo a cada persona.

    Devuelve las `Confirmadas` (su `len` es cuántas); las que ya no estaban por confirmar se
    dejan como están.
    """
    with transaction.atomic():
        evento = Evento.objects.select_for_update().get(pk=evento.pk)
        if evento.estado not in ESTADOS_REVISION:
            raise ValidationError(
                _("El evento está en «%(estado)s»: sus inscripciones ya no se revisan.")
                % {"estado": evento.get_estado_display()}
            )
        pendientes = (
            Inscripcion.objects.select_for_update()
            .filter(evento=evento, estado=Estado.SOLICITADA)
            .order_by("pk")
        )
        if ids is not None:
            pendientes = pendientes.filter(pk__in=ids)
        pendientes = list(pendientes)
        if not pendientes:
            raise SinCambios(_("No había inscripciones por confirmar entre las elegidas."))
        ahora = timezone.now()
        for inscripcion in pendientes:
            inscripcion.estado = Estado.CONFIRMADA
            inscripcion.motivo = ""
            inscripcion.revisada_por = usuario
            inscripcion.revisada_en = ahora
        bulk_update_with_history(
            pendientes,
            Inscripcion,
            ["estado", "motivo", "revisada_por", "revisada_en"],
            batch_size=500,
            default_user=usuario,
            default_change_reason=Estado.CONFIRMADA.label,
        )
        if Asistencia.objects.filter(inscripcion__in=[i.pk for i in pendientes]).exists():
            evento.recalcular_acreditacion()
        aviso = notificaciones.avisar_confirmacion(
            Inscripcion.objects.filter(pk__in=[i.pk for i in pendientes]).select_related(
                "evento__programa", "participante"
            )
        )
    return Confirmadas(pendientes, *aviso)


def motivo_para_no_cancelar(inscripcion, asistio=None, con_constancia=None):
    """Por qué ya no se puede cancelar la inscripción, o "" si se puede.

    `asistio` y `con_constancia` evitan consultas cuando la lista ya los trae anotados.
    """
    if inscripcion.estado not in Inscripcion.OCUPAN_LUGAR:
        return _("La inscripción ya está en «%(estado)s».") % {
            "estado": inscripcion.get_estado_display()
        }
    if inscripcion.evento.estado not in ESTADOS_CANCELACION:
        return _("El evento está en «%(estado)s»: ya no se cancelan inscripciones.") % {
            "estado": inscripcion.evento.get_estado_display()
        }
    if con_constancia is None:
        con_constancia = Constancia.objects.filter(inscripcion=inscripcion).exists()
    if con_constancia:
        return _("La persona ya tiene constancia de este evento.")
    if asistio is None:
        asistio = inscripcion.asistencias.filter(presente=True).exists()
    if asistio:
        # Una falta registrada no impide cancelar; una asistencia sí, porque cuenta horas.
        return _("Ya hay asistencia registrada de esta persona en el evento.")
    return ""


def cancelar(inscripcion, usuario):
    """Cancela una inscripción por confirmar o confirmada mientras nadie haya asistido."""
    if not es_coordinacion(usuario) and inscripcion.dependencia_id != usuario.dependencia_id:
        raise PermissionDenied
    with transaction.atomic():
        inscripcion = (
            Inscripcion.objects.select_for_update(of=("self",))
            .select_related("evento", "participante")
            .get(pk=inscripcion.pk)
        )
        if inscripcion.estado == Estado.CANCELADA:
            raise SinCambios(
                _("La inscripción de %(nombre)s ya estaba cancelada.")
                % {"nombre": inscripcion.participante.nombre}
            )
        motivo = motivo_para_no_cancelar(inscripcion)
        if motivo:
            raise ValidationError(motivo)
        inscripcion.estado = Estado.CANCELADA
        inscripcion.acreditada = False
        inscripcion._history_user = usuario
        inscripcion._change_reason = Estado.CANCELADA.label
        inscripcion.save()
    return inscripcion


# --- Posibles duplicados -------------------------------------------------------------------

#: Letras que se igualan al comparar nombres.
SIN_ACENTO = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n"}

MOTIVOS = {
    "curp": gettext_lazy("Misma CURP"),
    "correo": gettext_lazy("Mismo correo"),
    "nombre": gettext_lazy("Mismo nombre en la misma institución"),
}


class ClaveNombre(Func):
    """El nombre en minúsculas y sin acentos, para agrupar nombres iguales en la base.

    En PostgreSQL es un solo TRANSLATE sobre LOWER (que ya convierte las mayúsculas
    acentuadas); SQLite no tiene TRANSLATE y su LOWER solo convierte ASCII, así que ahí se
    encadenan REPLACE también para las mayúsculas acentuadas.
    """

    function = "TRANSLATE"
    output_field = CharField()

    def __init__(self, expresion="nombre"):
        super().__init__(Lower(expresion))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(
            compiler,
            connection,
            template="%(function)s(%(expressions)s, %%s, %%s)",
            **extra_context,
        )
        return sql, (*params, "".join(SIN_ACENTO), "".join(SIN_ACENTO.values()))

    def as_sqlite(self, compiler, connection, **extra_context):
        expresion = self.source_expressions[0]
        for con, sin in SIN_ACENTO.items():
            expresion = Replace(expresion, Value(con), Value(sin))
            expresion = Replace(expresion, Value(con.upper()), Value(sin))
        return expresion.as_sql(compiler, connection)


def clave_nombre():
    return ClaveNombre("nombre")


def _clave_nombre_python(nombre):
    """Lo mismo que `ClaveNombre`, en Python (para repartir las personas en sus grupos)."""
    return nombre.lower().translate(str.maketrans(SIN_ACENTO))


@dataclass
class Grupo:
    motivo: str
    valor: str
    dependencia_id: int | None = None
    miembros: list = field(default_factory=list)

    @property
    def motivo_display(self):
        return MOTIVOS[self.motivo]

    @property
    def clave(self):
        """Identifica al grupo en el formulario (sin datos personales)."""
        return f"{self.motivo}-{self.miembros[0].pk}" if self.miembros else self.motivo


def claves_duplicados():
    """Las claves de los grupos de posibles duplicados, ordenadas (3 consultas agrupadas).

    Se agrupa en la base (GROUP BY … HAVING COUNT > 1) para no traer las 100,000 personas.
    """
    claves = []
    for motivo in ("curp", "correo"):
        valores = (
            Participante.objects.exclude(**{motivo: ""})
            .order_by()
            .values(motivo)
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values_list(motivo, flat=True)
        )
        claves.extend((motivo, v, None) for v in sorted(valores))
    nombres = (
        Participante.objects.order_by()
        .annotate(clave=clave_nombre())
        .values("dependencia_id", "clave")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("clave", "dependencia_id")
    )
    claves.extend(("nombre", clave, dep) for clave, dep in sorted(nombres))
    return claves


def grupos_duplicados(pagina=1, por_pagina=20):
    """Una página de grupos de posibles duplicados, cada uno con sus personas.

    Devuelve un `Page` cuya `object_list` son objetos `Grupo`; cada persona trae su
    institución, `num_inscripciones` y `estandares` (claves de sus procesos de certificación).
    Hace un número fijo de consultas, sin importar cuántas personas haya.
    """
    pagina = Paginator(claves_duplicados(), por_pagina).get_page(pagina)
    grupos = [Grupo(motivo, valor, dep) for motivo, valor, dep in pagina.object_list]
    if not grupos:
        pagina.object_list = []
        return pagina
    correos = [g.valor for g in grupos if g.motivo == "correo"]
    curps = [g.valor for g in grupos if g.motivo == "curp"]
    nombres = [g for g in grupos if g.motivo == "nombre"]
    condicion = Q(correo__in=correos) | Q(curp__in=curps)
    if nombres:
        condicion |= Q(
            dependencia_id__in={g.dependencia_id for g in nombres},
            clave__in={g.valor for g in nombres},
        )
    personas = list(
        Participante.objects.annotate(
            clave=clave_nombre(),
            num_inscripciones=_contar(Inscripcion),
        )
        .filter(condicion)
        .select_related("dependencia")
        .order_by("nombre", "pk")
    )
    estandares = {}
    certificaciones = (
        Certificacion.objects.filter(participante__in=[p.pk for p in personas])
        .order_by("estandar__clave")
        .values_list("participante_id", "estandar__clave", "estado")
    )
    for participante_id, clave, estado in certificaciones:
        etapa = Certificacion.Estado(estado).label
        estandares.setdefault(participante_id, []).append(f"{clave} ({etapa})")
    for persona in personas:
        persona.estandares = estandares.get(persona.pk, [])
    for grupo in grupos:
        if grupo.motivo == "nombre":
            grupo.miembros = [
                p
                for p in personas
                if p.dependencia_id == grupo.dependencia_id
                and _clave_nombre_python(p.nombre) == grupo.valor
            ]
        else:
            grupo.miembros = [p for p in personas if getattr(p, grupo.motivo) == grupo.valor]
    for grupo in grupos:
        # Primero el registro con más historia: el que la página propone conservar.
        grupo.miembros.sort(key=lambda p: (-len(p.estandares), -p.num_inscripciones, p.pk))
    pagina.object_list = [g for g in grupos if len(g.miembros) > 1]
    return pagina


def _contar(modelo):
    filas = (
        modelo.objects.filter(participante=OuterRef("pk"))
        .order_by()
        .values("participante")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(filas), 0)


# --- Fusionar ------------------------------------------------------------------------------

#: Qué inscripción se queda cuando dos registros de la misma persona están en el mismo evento.
PRIORIDAD = {Estado.CONFIRMADA: 3, Estado.SOLICITADA: 2, Estado.RECHAZADA: 1, Estado.CANCELADA: 0}


@dataclass
class Fusion:
    conservada: Participante
    eliminadas: int
    inscripciones_movidas: int
    inscripciones_unidas: int
    certificaciones_movidas: int


def fusionar(conservar, otros, usuario):
    """Une en `conservar` los registros `otros` de la misma persona y los elimina.

    Mueve sus inscripciones (si dos están en el mismo evento queda la mejor: la que tiene
    constancia, luego la confirmada, y se unen sus asistencias), sus procesos de certificación
    y sus constancias, y llena los campos vacíos del registro que se conserva. Se niega si dos
    registros tienen proceso en el mismo estándar, CURP distintas o constancia en el mismo
    evento. Todo o nada.
    """
    ids_otros = {getattr(o, "pk", o) for o in otros}
    if not ids_otros:
        raise ValidationError(_("Elija al menos otro registro para unirlo al que se conserva."))
    if conservar.pk in ids_otros:
        raise ValidationError(_("Un registro no se puede fusionar consigo mismo."))
    with transaction.atomic():
        bloqueadas = {
            p.pk: p
            for p in Participante.objects.select_for_update().filter(
                pk__in=[conservar.pk, *ids_otros]
            )
        }
        if len(bloqueadas) != len(ids_otros) + 1:
            raise ValidationError(
                _(
                    "Alguno de los registros ya no existe (quizá ya se fusionó en otra pestaña). "
                    "Revise la lista de nuevo."
                )
            )
        conservada = bloqueadas.pop(conservar.pk)
        eliminar = sorted(bloqueadas.values(), key=lambda p: p.pk)
        todos = [conservada, *eliminar]
        _revisar_fusion(todos)

        certificaciones = list(Certificacion.objects.filter(participante__in=eliminar))
        for certificacion in certificaciones:
            certificacion.participante = conservada
            certificacion._history_user = usuario
            certificacion._change_reason = _("Fusión de registros de la persona")
            certificacion.save()

        movidas, unidas, eventos = _mover_inscripciones(conservada, eliminar, usuario)

        _complementar(
            conservada,
            {
                campo: next((getattr(p, campo) for p in eliminar if getattr(p, campo)), "")
                for campo in CAMPOS_COMPLEMENTABLES
            },
        )
        conservada._history_user = usuario
        conservada._change_reason = _("Fusión: se le unieron los registros %(ids)s") % {
            "ids": ", ".join(f"#{p.pk}" for p in eliminar)
        }
        conservada.save()
        for persona in eliminar:
            persona._history_user = usuario
            persona._change_reason = _("Fusionado en el registro #%(pk)s") % {"pk": conservada.pk}
            persona.delete()
        for evento in eventos:
            evento.recalcular_acreditacion()
    return Fusion(conservada, len(eliminar), movidas, unidas, len(certificaciones))


def _revisar_fusion(todos):
    curps = {p.curp for p in todos if p.curp}
    if len(curps) > 1:
        raise ValidationError(
            _(
                "Los registros tienen CURP distintas (%(curps)s): no parecen ser la misma "
                "persona. Corrija la CURP equivocada antes de fusionarlos."
            )
            % {"curps": ", ".join(sorted(curps))}
        )
    repetidos = (
        Certificacion.objects.filter(participante__in=todos)
        .order_by()
        .values("estandar__clave")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("estandar__clave", flat=True)
    )
    if repetidos := sorted(repetidos):
        raise ValidationError(
            _(
                "Más de uno de estos registros tiene un proceso de certificación en %(claves)s. "
                "Un registro solo puede tener un proceso por estándar: revise esos procesos "
                "antes de fusionar."
            )
            % {"claves": ", ".join(repetidos)}
        )
    dobles = (
        Constancia.objects.filter(inscripcion__participante__in=todos)
        .order_by()
        .values("inscripcion__evento__nombre")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("inscripcion__evento__nombre", flat=True)
    )
    if dobles := sorted(dobles):
        raise ValidationError(
            _(
                "Más de uno de estos registros tiene constancia del evento «%(eventos)s». "
                "Revoque la que sobra y pida ayuda a Administración para fusionarlos."
            )
            % {"eventos": "», «".join(dobles)}
        )


def _mover_inscripciones(conservada, eliminar, usuario):
    """Pasa las inscripciones a `conservada`; une las que coinciden en un evento.

    Devuelve (movidas, unidas, eventos cuyas acreditaciones hay que recalcular).
    """
    todas = list(
        Inscripcion.objects.filter(participante__in=[conservada, *eliminar])
        .annotate(con_constancia=Exists(Constancia.objects.filter(inscripcion=OuterRef("pk"))))
        .select_related("evento")
        .order_by("pk")
    )
    por_evento = {}
    for inscripcion in todas:
        por_evento.setdefault(inscripcion.evento_id, []).append(inscripcion)
    movidas = unidas = 0
    eventos = []
    for grupo in por_evento.values():
        # La que se queda: con constancia, luego por estado, luego la del registro conservado.
        mejor = max(
            grupo,
            key=lambda i: (
                i.con_constancia,
                PRIORIDAD[Estado(i.estado)],
                i.horas_asistidas,
                i.participante_id == conservada.pk,
            ),
        )
        sobran = [i for i in grupo if i is not mejor]
        for otra in sobran:
            _unir_asistencias(mejor, otra)
            otra._history_user = usuario
            otra._change_reason = _("Unida a la inscripción #%(pk)s al fusionar registros") % {
                "pk": mejor.pk
            }
            otra.delete()
            unidas += 1
        if sobran:
            eventos.append(grupo[0].evento)
        if mejor.participante_id != conservada.pk:
            mejor.participante = conservada
            mejor._history_user = usuario
            mejor._change_reason = _("Fusión de registros de la persona")
            mejor.save()
            movidas += 1
    return movidas, unidas, eventos


def _unir_asistencias(destino, origen):
    """Lleva a `destino` las asistencias de `origen`: en cada sesión cuenta haber asistido."""
    propias = {a.sesion_id: a for a in destino.asistencias.all()}
    for asistencia in origen.asistencias.all():
        actual = propias.get(asistencia.sesion_id)
        if actual is None:
            asistencia.inscripcion = destino
            asistencia.save(update_fields=["inscripcion"])
        elif asistencia.presente and not actual.presente:
            actual.presente = True
            actual.save(update_fields=["presente"])
