from io import StringIO

import factory
from django.contrib.auth.models import Group
from django.core.management import call_command

from uig_portal.models import Usuario
from uig_portal.roles import Rol
from unidades.models import Dependencia

CONTRASENA = "una-frase-larga-de-prueba"


class DependenciaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dependencia

    nombre = factory.Sequence(lambda n: f"Secretaría de Prueba {n}")
    siglas = factory.Sequence(lambda n: f"SP{n}")
    tipo = Dependencia.Tipo.CENTRALIZADA
    sector = factory.LazyAttribute(lambda o: o.nombre)


class UsuarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Usuario
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"persona{n}")
    first_name = factory.Faker("first_name", locale="es_MX")
    last_name = factory.Faker("last_name", locale="es_MX")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ejemplo.gob.mx")
    password = factory.django.Password(CONTRASENA)

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        """UsuarioFactory(rol=Rol.COORDINACION) la agrega al grupo del rol."""
        if create and extracted:
            grupo = Group.objects.filter(name=Rol(extracted).value).first()
            if grupo is None:
                # Una prueba transaccional anterior vació la base: se vuelven a crear los roles.
                call_command("sincronizar_roles", verbosity=0, stdout=StringIO())
                grupo = Group.objects.get(name=Rol(extracted).value)
            self.groups.add(grupo)
