#!/usr/bin/env bash
# Builds the two wiki-friendly forms of headerlens from one release build of the site:
#   dist-single/headerlens.html  one self-contained page (wasm, JS and CSS inlined; strict CSP with hashes)
#   dist-embed/headerlens.js + headerlens_bg.wasm  the mount API for pages that host the script themselves
# Usage: bash www/embed/build.sh            (runs `trunk build --release` first)
#        bash www/embed/build.sh --no-trunk (reuses dist/ as it is)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--no-trunk" ]]; then
  bash www/build.sh
fi
node www/embed/build.mjs dist dist-single dist-embed
