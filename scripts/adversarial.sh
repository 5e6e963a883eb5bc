#!/usr/bin/env bash
# CLI benchmark on adversarial inputs: times `hoego show`, `render` and
# `export` (gatsby and jekyll) of the release binary on every shape of
# crates/hoego-core/benches/adversarial.rs at 1 MB, and on the inputs of the
# issue that asked for it (54 MB post included), with peak memory.
# Performance targets live here (at most 1 s per MB), never in timed tests.
#
# usage: bash scripts/adversarial.sh [--only NAME,...]   (HOEGO=path/to/hoego to time another build)
#        TIMEOUT=30 caps each command (a quadratic build prints "> 30 s").
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
TIMEOUT="${TIMEOUT:-60}"
if [ -z "${HOEGO:-}" ]; then
  cargo build -q --release -p hoego-cli
  HOEGO="$ROOT/target/release/hoego"
fi
dir="$(mktemp -d)"
out="$(mktemp -d)"
trap 'rm -rf "$dir" "$out"' EXIT
# The benchmark binary writes the inputs (one generator for both benchmarks).
cargo bench -q -p hoego-core --bench adversarial -- --write "$dir" --sizes 1048576 "$@" >/dev/null

run() { # run ARGS...: prints "seconds, peak MB" or "> TIMEOUT s" (hoego's own exit code does not matter)
  local rc=0
  /usr/bin/time -o "$out/time" -f '%e %M' timeout "$TIMEOUT" "$HOEGO" "$@" >/dev/null 2>&1 || rc=$?
  if [ "$rc" = 124 ]; then
    printf '> %s s' "$TIMEOUT"
  else
    awk '{ printf "%.2f s %5.0f MB", $1, $2 / 1024 }' <(tail -1 "$out/time")
  fi
}

printf '%-28s %8s  %-17s %-17s %-17s %-17s\n' input size show render "export gatsby" "export jekyll"
for f in "$dir"/*.md; do
  name="$(basename "$f" .md)"
  size="$(stat -c %s "$f" | awk '{ printf "%.2fM", $1 / 1048576 }')"
  printf '%-28s %8s  %-17s %-17s %-17s %-17s\n' "$name" "$size" \
    "$(run show "$f")" "$(run render "$f")" \
    "$(run export --to gatsby --now 2026-11-22T10:00:00+09:00 --out "$out" "$f")" \
    "$(run export --to jekyll --now 2026-11-22T10:00:00+09:00 --out "$out" "$f")"
done
