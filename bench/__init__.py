"""Medición de rendimiento del portal (`make bench`); no forma parte de las pruebas."""
