#!/usr/bin/env bash
# Benchmarks that print figures (performance targets live here, not in timed tests):
#   1. criterion: parse, one-key edit, render+sanitize, stats, incremental preview (MB/s)
#   2. first-load transfer of the release build (wasm + js + css, raw and gzip -9)
#   3. typing latency with real key events (60 KB, 235 KB, 1 MB): Hoego, EasyMDE 2.21, a bare textarea
#   4. first load vs repeat load from the service worker, three network profiles
#   5. adversarial inputs: time per MB of every core path (benches/adversarial.rs),
#      the release CLI on them (scripts/adversarial.sh), and the longest
#      main-thread task when Chromium imports, opens and pastes them (e2e/adversarial.mjs)
source "$(dirname "$0")/lib.sh"
ensure_build_tools
apt_ensure chromium
ensure_split_tools
export HOEGO_SPLIT=require # the figures are the split build's
cd "$ROOT"
cargo bench -p hoego-core --bench core 2>&1 | grep -E '^[a-z1-9 +(),.-]+/|time:|thrpt:' || true
cargo bench -p hoego-core --bench goals 2>&1 | grep -E '^goal scoreboard/|time:|thrpt:' || true
trunk_release build >/dev/null 2>&1
echo; echo "first-load transfer (dist/):"
node e2e/size.mjs dist || true
echo
node e2e/bench.mjs
echo
node e2e/loadbench.mjs
echo; cargo bench -q -p hoego-core --bench adversarial
echo; bash scripts/adversarial.sh
echo; node e2e/adversarial.mjs 1024
