# Pinned tool versions: the one place they are set. Sourced by the other scripts.
# WASM_BINDGEN_VERSION must equal the `wasm-bindgen = "=…"` pin in Cargo.toml and
# `[tools] wasm_bindgen` in Trunk.toml; keep the three equal when upgrading.
WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
# wasm-opt comes from npm `binaryen` (package.json); Debian's binaryen 108 cannot read current wasm.
# wasm-split (scripts/lazy-wasm.mjs) is Debian's binaryen package, unpacked under
# target/tools rather than installed: its wasm-opt 108 must not shadow npm's. Only
# wasm-split is used, on the wasm after wasm-opt, with two of its limits worked around.
BINARYEN_DEB_VERSION=108-1
