# Los modelos de esta app llegan con su issue; la app ya existe para que la
# estructura del proyecto, los roles y la administración la contemplen desde el inicio.
