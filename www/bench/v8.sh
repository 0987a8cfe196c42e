#!/usr/bin/env bash
# V8 benchmark of the wasm build: the site's build (www/build.sh: trunk build --release) for the MHA samples,
# and the same build with the bench-only `bareParse` export (cargo feature `bench`: a bare mail-parser parse
# compiled into the same module; wasm-bindgen and wasm-opt -Oz as trunk runs them) in target/v8-bench/ for
# the ratio analyze/parse over the shared corpus. Then www/bench/v8.mjs in Node.
# Usage: bash www/bench/v8.sh [--no-trunk]   (--no-trunk reuses dist/ and target/v8-bench/ as they are)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/www/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [[ "${1:-}" != "--no-trunk" ]]; then
  bash www/build.sh
  cargo build -p headerlens-web --bin headerlens-web --target wasm32-unknown-unknown --profile release-wasm \
    --features bench
  mkdir -p target/v8-bench
  wasm-bindgen --target=web --out-dir=target/v8-bench --out-name=headerlens-web \
    target/wasm32-unknown-unknown/release-wasm/headerlens-web.wasm
  wasm-opt -Oz --output=target/v8-bench/headerlens-web_bg.wasm target/v8-bench/headerlens-web_bg.wasm
fi
node www/bench/v8.mjs dist target/v8-bench
