#!/usr/bin/env bash
# Install whatever is missing, then serve the app at http://127.0.0.1:8080
source "$(dirname "$0")/lib.sh"
ensure_build_tools
cd "$ROOT" && cargo fetch -q
log "serving http://127.0.0.1:8080 (Ctrl+C to stop)"
# HOEGO_SW=off: the post-build hook writes a worker that caches nothing (it also notices
# Trunk's autoreload script by itself), so dev never serves stale files.
export HOEGO_SW=off
release_env
# Into its own folder: dist/ stays the deployable build the test command and
# scripts/build.sh leave (with the CSP and the caching service worker).
exec env "${RELEASE_ENV[@]}" trunk serve --release --dist target/serve-dist
