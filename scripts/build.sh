#!/usr/bin/env bash
# Build the deployable app into dist/ with the pinned tools (installs what is missing):
# a release `trunk build`, then scripts/postbuild.mjs (Trunk hook) adds the CSP and
# sw.js. All URLs in dist/ are relative: the same dist/ works at a site root and under
# any sub-path (https://USER.github.io/hoego/), no flag needed.
source "$(dirname "$0")/lib.sh"
build_dist
log "dist/ ready: $(find "$ROOT/dist" -type f | wc -l) files; serve it from any static host"
