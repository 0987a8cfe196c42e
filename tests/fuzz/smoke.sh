#!/usr/bin/env bash
# A short fuzz run for CI (default 15 s per target, 4 targets). Skips, with a note, when the nightly toolchain
# or cargo-fuzz is missing; .ci/install.sh installs cargo-fuzz where the nightly toolchain is.
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
# A fresh corpus of seeds only: the long runs' corpus grows to thousands of inputs, and replaying it
# alone would take longer than the smoke run.
FUZZ_CORPUS="$(mktemp -d)"
export FUZZ_CORPUS
trap 'rm -rf "$FUZZ_CORPUS"' EXIT
start=$(date +%s)
set +e
bash run.sh "${1:-15}" >"$FUZZ_CORPUS/log" 2>&1
status=$?
set -e
grep -E -A3 '^(Done|thread .* panicked)|ERROR: libFuzzer|^fuzz:|Test unit written' "$FUZZ_CORPUS/log" || tail -20 "$FUZZ_CORPUS/log"
echo "fuzz smoke: $(($(date +%s) - start)) s in all, exit status $status"
exit "$status"
