# Portal UIG: los dos comandos de siempre son `make run` y `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check bench carga sistema clean help

help:  ## muestra esta ayuda
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

# El entorno se reinstala solo cuando cambian los requirements.
.venv/instalado: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# Configuración local de desarrollo (no se versiona): DEBUG y una clave secreta propia.
.env:
	@echo "Creando .env para desarrollo local (DEBUG=True, SECRET_KEY aleatoria)"
	@printf 'DEBUG=True\nSECRET_KEY=%s\n' "$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

run: .venv/instalado .env  ## instala lo necesario, migra, carga datos de demostración y sirve en http://127.0.0.1:8000
	@bash bin/paquetes-sistema.sh --para-ejecutar
	DEBUG=True $(PY) manage.py migrate --noinput
	DEBUG=True $(PY) manage.py cargar_demo
	@echo "Portal en http://$(HOST):$(PORT)/  (Ctrl+C para detener)"
	DEBUG=True $(PY) manage.py runserver $(HOST):$(PORT)

# Un proceso de pruebas por núcleo (pytest-xdist): cada uno con su propia base de prueba.
test: .venv/instalado  ## corre toda la batería de pruebas (DATABASE_URL=postgres://… para PostgreSQL)
	@bash bin/paquetes-sistema.sh --para-probar
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

check: .venv/instalado  ## ruff, migraciones pendientes, collectstatic y check --deploy con ajustes de producción
	$(PY) -m ruff check .
	DEBUG=True $(PY) manage.py makemigrations --check --dry-run
	bash bin/check-produccion.sh

bench: .venv/instalado  ## mide tiempos y consultas de las páginas clave sobre un conjunto grande de datos
	$(PY) bench/medir.py $(BENCH_ARGS)

carga: .venv/instalado  ## 200 personas autoguardando a la vez contra gunicorn y PostgreSQL (base del bench); escribe docs/carga.md
	$(PY) bench/carga_diagnostico.py $(CARGA_ARGS)

clean:  ## borra el entorno virtual, la base SQLite y los archivos generados
	rm -rf .venv var/portal.sqlite3 var/static
