#!/usr/bin/env bash
# Instala los paquetes de Debian que el portal necesita y que falten; no hace nada si ya están.
#   --para-ejecutar  bibliotecas de WeasyPrint y fuentes (PDF)
#   --para-probar    lo anterior, más Chromium para las pruebas de navegador y poppler-utils
set -euo pipefail

paquetes=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-liberation2)
if [ "${1:-}" = "--para-probar" ]; then
  paquetes+=(chromium poppler-utils)
fi

faltan=()
for p in "${paquetes[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || faltan+=("$p")
done
[ ${#faltan[@]} -eq 0 ] && exit 0

echo "Instalando paquetes de Debian: ${faltan[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends "${faltan[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -qq
  $sudo apt-get install -y --no-install-recommends "${faltan[@]}"
}
