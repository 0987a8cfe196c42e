#!/usr/bin/env bash
# What the browser downloads: raw and gzip -9 bytes of every file of dist/ (trunk's release output; the
# browser fetches all of them), then where the wasm bytes go, from the cargo output trunk started from
# (release-wasm profile, with function names; before wasm-bindgen and wasm-opt, so larger than shipped).
# Usage: bash www/bench/size.sh [--no-trunk]   (--no-trunk reuses dist/ as it is)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" != "--no-trunk" ]]; then
  bash www/build.sh
fi
total_raw=0
total_gz=0
printf '%-48s %10s %10s\n' file bytes gzip
for f in dist/*; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done
printf '%-48s %10d %10d  (%d KB gzip; goal 250 KB)\n\n' total "$total_raw" "$total_gz" $((total_gz / 1024))
node www/bench/wasm-sizes.mjs "$(ls dist/*_bg.wasm)" 0 | head -8
echo
node www/bench/wasm-sizes.mjs target/wasm32-unknown-unknown/release-wasm/headerlens-web.wasm 25
