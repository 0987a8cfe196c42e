#!/usr/bin/env bash
# Installs what is missing, builds the web site and serves it on 127.0.0.1 (loopback only).
# Usage: bash www/serve.sh [PORT]     (default 8080, or the next free port)
set -euo pipefail
cd "$(dirname "$0")/.."
bash www/build.sh
port="${1:-${PORT:-8080}}"
port="$(python3 - "$port" <<'PY'
import socket, sys
start = int(sys.argv[1])
for p in range(start, start + 100):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            continue
        print(p)
        break
PY
)"
echo
echo "headerlens is served at http://127.0.0.1:$port/  (Ctrl-C to stop)"
echo
exec python3 -m http.server --bind 127.0.0.1 "$port" --directory dist
