#!/usr/bin/env bash
# Fuzz split+parse+edit+render+export for N seconds (default 600) with cargo-fuzz,
# seeded with the fixture posts. cargo-fuzz needs nightly flags; on the stable
# toolchain here RUSTC_BOOTSTRAP=1 enables them for this build only.
source "$(dirname "$0")/lib.sh"
secs="${1:-600}"
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked
F="$ROOT/crates/hoego-core/fuzz"
mkdir -p "$F/corpus/post"
cp "$ROOT"/tests/fixtures/posts/*.md "$ROOT"/tests/generators/cases/*.md "$ROOT"/assets/*.md "$F/corpus/post/"
cd "$ROOT/crates/hoego-core"
RUSTC_BOOTSTRAP=1 cargo fuzz run post "$F/corpus/post" -- -max_total_time="$secs" -max_len=65536 -print_final_stats=1
