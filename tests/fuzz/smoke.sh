#!/usr/bin/env bash
# A short fuzz run for CI (default 15 s per target). Skips, with a note, when the nightly toolchain or
# cargo-fuzz is missing: installing them takes minutes, so CI never does it for this.
set -euo pipefail
cd "$(dirname "$0")"
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz smoke: skipped (no nightly toolchain)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz smoke: skipped (cargo-fuzz not installed: cargo install cargo-fuzz)"
  exit 0
fi
exec bash run.sh "${1:-15}"
