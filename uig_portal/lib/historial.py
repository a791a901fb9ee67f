"""Historial legible: qué cambió, quién y cuándo, a partir de django-simple-history."""

from dataclasses import dataclass, field


@dataclass
class Entrada:
    fecha: object
    usuario: object
    tipo: str
    objeto: str
    cambios: list = field(default_factory=list)


TIPOS = {"+": "creación", "~": "cambio", "-": "eliminación"}


def _valor(registro, campo):
    if campo.choices:
        return dict(campo.flatchoices).get(
            getattr(registro, campo.attname), getattr(registro, campo.attname)
        )
    valor = getattr(registro, campo.attname)
    if valor is None or valor == "":
        return "—"
    if hasattr(valor, "strftime"):
        return valor.strftime("%d/%m/%Y")
    return valor


def entradas(
    registros, etiqueta="", omitir=("id", "version", "actualizada", "actualizado", "creada")
):
    """Convierte registros históricos (de más nuevo a más viejo) en entradas con sus cambios.

    Cada registro se compara con el anterior del mismo objeto que esté en la lista, así que no
    hace consultas adicionales; el más viejo de la ventana se muestra sin detalle.
    """
    registros = list(registros)
    resultado = []
    for posicion, registro in enumerate(registros):
        anterior = next((r for r in registros[posicion + 1 :] if r.id == registro.id), None)
        # Las llaves foráneas se omiten: mostrarlas exigiría una consulta por cambio, y quién
        # hizo el cambio ya aparece en su propia columna.
        # Solo los campos que el historial guarda (p. ej. nunca la contraseña).
        guardados = {f.attname for f in registro._meta.fields}
        campos = [
            c
            for c in registro.instance_type._meta.concrete_fields
            if c.attname in guardados and c.attname not in omitir and not c.is_relation
        ]
        cambios = []
        if anterior is not None and registro.history_type == "~":
            for campo in campos:
                antes, despues = _valor(anterior, campo), _valor(registro, campo)
                if antes != despues:
                    cambios.append((campo.verbose_name, antes, despues))
        resultado.append(
            Entrada(
                fecha=registro.history_date,
                usuario=registro.history_user,
                tipo=TIPOS.get(registro.history_type, registro.history_type),
                objeto=etiqueta or str(registro.instance_type._meta.verbose_name),
                cambios=cambios,
            )
        )
    return resultado


def combinar(*listas, limite=30):
    """Une varias listas de entradas, de la más reciente a la más antigua."""
    todas = [e for lista in listas for e in lista]
    return sorted(todas, key=lambda e: e.fecha, reverse=True)[:limite]
