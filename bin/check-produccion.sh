#!/usr/bin/env bash
# Comprueba la configuración de producción: collectstatic con manifiesto y `check --deploy`
# sin un solo aviso, con los ajustes que tendría el servidor real.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DEBUG=False
export SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=uig.ejemplo.gob.mx
export CSRF_TRUSTED_ORIGINS=https://uig.ejemplo.gob.mx
export STATIC_ROOT="$tmp/static"
export MEDIA_ROOT="$tmp/media"
export BEHIND_PROXY=True

.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py check --deploy --fail-level WARNING
echo "Configuración de producción: sin avisos; collectstatic con manifiesto correcto."
