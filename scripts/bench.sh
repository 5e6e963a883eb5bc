#!/usr/bin/env bash
# Benchmarks that print figures (performance targets live here, not in timed tests):
#   1. criterion: parse, one-key edit, render+sanitize, stats, incremental preview (MB/s)
#   2. first-load transfer of the release build (wasm + js + css, raw and gzip -9)
#   3. keystroke-to-preview latency on a 235 KB post in Chromium
source "$(dirname "$0")/lib.sh"
ensure_wasm_target; ensure_wasm_bindgen; ensure_trunk; ensure_node_modules
apt_ensure chromium
cd "$ROOT"
cargo bench -p hoego-core --bench core 2>&1 | grep -E '^[a-z1-9 +(),.-]+/|time:|thrpt:' || true
trunk build --release >/dev/null 2>&1
echo; echo "first-load transfer (dist/):"
total=0
for f in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c); total=$((total + gz))
  printf '  %-44s %8d B raw %8d B gzip\n' "$(basename "$f")" "$raw" "$gz"
done
echo "  total gzip: $total B ($((total / 1024)) KiB)"
echo
node e2e/bench.mjs
