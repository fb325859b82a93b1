#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so keytar talks
# to a real Secret Service without touching (or needing) the user's own keyring.
#   scripts/with-keyring.sh npm test
set -euo pipefail
if [ -z "${MD_KEYRING_INNER:-}" ]; then
  exec env MD_KEYRING_INNER=1 dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
# A password on stdin creates and unlocks the login keyring (an empty one makes it prompt).
eval "$(printf 'margin-desk-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
