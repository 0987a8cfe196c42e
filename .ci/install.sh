#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing headerlens; skips what is present.
# Usage: bash .ci/install.sh [site]   ("site": only what building and serving the web site needs)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  echo "install.sh: installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "install.sh: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

command -v python3 >/dev/null || apt_install python3
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
# Node packages: wasm-opt (npm binaryen) for the build, playwright-core for the browser tests.
if [ ! -x www/e2e/node_modules/.bin/wasm-opt ] || [ ! -d www/e2e/node_modules/playwright-core ] \
  || [ www/e2e/package-lock.json -nt www/e2e/node_modules/.package-lock.json ]; then
  (cd www/e2e && npm ci --no-audit --no-fund)
fi

if [ "$what" = all ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
  # The fuzz smoke step (tests/fuzz/smoke.sh) needs cargo-fuzz; only useful where the nightly toolchain is.
  if cargo +nightly --version >/dev/null 2>&1 && ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "install.sh: installing cargo-fuzz (a few minutes on 2 cores)"
    cargo install cargo-fuzz --locked
  fi
fi
