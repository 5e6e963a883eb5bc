#!/usr/bin/env bash
# Install whatever is missing, then serve the app at http://127.0.0.1:8080
source "$(dirname "$0")/lib.sh"
ensure_wasm_target; ensure_wasm_bindgen; ensure_trunk; ensure_node_modules
cd "$ROOT" && cargo fetch -q
log "serving http://127.0.0.1:8080 (Ctrl+C to stop)"
exec trunk serve --release
