#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing headerlens; skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
