#!/usr/bin/env bash
# The project's two entry points on a fresh machine (see README):
#   bash scripts/run.sh start   install everything, then build and start the app
#   bash scripts/run.sh test    install everything, then run every test (unit, integration, e2e)
# It installs what the project needs and the machine lacks: on Debian/Ubuntu the system packages
# (libsecret for the keychain; Chromium, gnome-keyring and D-Bus for the tests), a Node >= 22.12
# from the npm registry when the system one is older, and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
command="${1:-start}"

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0 # macOS / Windows / other Linux: see README requirements
  local wanted=(libsecret-1-dev python3 make g++)
  if [ "$command" != start ]; then wanted+=(chromium gnome-keyring dbus); fi
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing system packages: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_node_modules() {
  # npm ci only when the lockfile changed since the last install (node_modules/.package-lock.json).
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

install_system_packages
# shellcheck source=scripts/toolchain.sh
. scripts/toolchain.sh
install_node_modules

case "$command" in
  install) ;;
  start) exec npm start ;;
  test) exec scripts/with-keyring.sh node scripts/test-all.mjs ;;
  *) echo "usage: bash scripts/run.sh start|test|install" >&2; exit 2 ;;
esac
