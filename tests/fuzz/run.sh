#!/usr/bin/env bash
# Runs the fuzz targets. Usage: bash tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# analyze_bytes and container_walk are seeded with ../shared/corpus (when present) and tests/fixtures,
# msg_read with the .msg files of ../shared/msg and www/e2e/fixtures; analyze_headerish
# maps each byte to a header token, so it starts from short inputs of its own. Crashes land in
# tests/fuzz/artifacts/<target>/ and must become fixtures in tests/fixtures/regressions/.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The core forbids unsafe code,
# so the default is no sanitizer (several times faster); FUZZ_SANITIZER=address brings ASan back.
# FUZZ_CORPUS names the corpus directory (default tests/fuzz/corpus, kept between runs).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(analyze_bytes analyze_headerish container_walk msg_read)
failed=()
corpus="${FUZZ_CORPUS:-corpus}"
for target in "${targets[@]}"; do
  mkdir -p "$corpus/$target"
  max_len=65536
  if [ "$target" = analyze_bytes ] || [ "$target" = container_walk ]; then
    for dir in ../../../shared/corpus ../fixtures; do
      [ -d "$dir" ] || continue
      find "$dir" -type f \( -name '*.txt' -o -name '*.eml' \) -size -64k -print0 |
        while IFS= read -r -d '' f; do
          cp "$f" "$corpus/$target/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
        done
    done
  elif [ "$target" = msg_read ]; then
    # Outlook files: the project's own and the shared real ones (cut to max_len by libFuzzer).
    max_len=131072
    for dir in ../../../shared/msg ../../www/e2e/fixtures; do
      [ -d "$dir" ] || continue
      find "$dir" -type f -name '*.msg' -print0 |
        while IFS= read -r -d '' f; do
          cp "$f" "$corpus/$target/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
        done
    done
  else
    max_len=4096
  fi
  cargo +nightly fuzz run --fuzz-dir . -s "${FUZZ_SANITIZER:-none}" "$target" "$corpus/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ||
    failed+=("$target")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]} (see tests/fuzz/artifacts/)" >&2
  exit 1
fi
