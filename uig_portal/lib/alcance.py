"""Alcance de los datos: cada persona ve solo lo de su institución, salvo quien ve todo.

Las vistas obtienen los objetos con `Modelo.objects.visibles_para(usuario)`; un objeto de otra
institución no existe para ellas (404), y la falta de permiso se resuelve aparte (403).
"""

from django.db import models


class AlcanceQuerySet(models.QuerySet):
    #: Ruta del ORM desde el modelo hasta su Dependencia ("pk" para la propia Dependencia).
    campo_dependencia = "dependencia"

    def visibles_para(self, usuario):
        if not usuario.is_authenticated or not usuario.is_active:
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self
        if usuario.dependencia_id is None:
            return self.none()
        return self.filter(**{self.campo_dependencia: usuario.dependencia_id})
