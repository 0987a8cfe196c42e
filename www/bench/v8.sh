#!/usr/bin/env bash
# V8 benchmark of the shipped wasm build: www/build.sh (trunk build --release), then www/bench/v8.mjs in Node.
# Usage: bash www/bench/v8.sh [--no-trunk]   (--no-trunk reuses dist/ as it is)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--no-trunk" ]]; then
  bash www/build.sh
fi
node www/bench/v8.mjs dist
