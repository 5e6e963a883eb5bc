# Shared helpers for the setup scripts. Every install step checks first, so a
# rerun on a machine that has everything goes straight to work.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.sh
source "$ROOT/scripts/versions.sh"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Telemetry and update checks off: nothing here may reach the network at run time.
export GATSBY_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

log() { printf '\033[1m[hoego]\033[0m %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_ensure() { # apt_ensure PKG... : install the Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    || { log "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
}

ensure_rust_components() { # clippy and rustfmt are in rustup's default profile, but not the minimal one
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (~3 min)"
    # Not --locked: its lockfile pins crates that no longer build on current rustc.
    cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    log "cargo install trunk $TRUNK_VERSION (~8 min)"
    cargo install -q trunk --version "$TRUNK_VERSION" --locked --force
  fi
}

ensure_node_modules() {
  # Reinstall only when package.json changed since the last install.
  local stamp="$ROOT/node_modules/.hoego-stamp"
  if [ ! -f "$stamp" ] || [ "$(sha256sum "$ROOT/package.json" | cut -d' ' -f1)" != "$(cat "$stamp")" ]; then
    log "npm install (binaryen, dompurify, playwright-core, gray-matter)"
    (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
    sha256sum "$ROOT/package.json" | cut -d' ' -f1 > "$stamp"
  fi
}

ensure_rust_src() { # the standard library's source, which trunk_release rebuilds for size
  rustup component list --installed 2>/dev/null | grep -q '^rust-src' \
    || { log "rustup component add rust-src"; rustup component add rust-src; }
}

# Binaryen's wasm-split, which splits the release wasm (scripts/lazy-wasm.mjs). Debian's
# binaryen package is unpacked into target/tools, not installed: installing it would put
# its wasm-opt 108 on PATH, and the build's wasm-opt is npm's 132.
export WASM_SPLIT="$ROOT/target/tools/binaryen/usr/bin/wasm-split"
ensure_wasm_split() {
  "$WASM_SPLIT" --version >/dev/null 2>&1 && return 0
  log "unpacking Debian binaryen $BINARYEN_DEB_VERSION (wasm-split) into target/tools"
  local tmp ok=0; tmp="$(mktemp -d)"
  # The pinned version where the archive has it (Debian 12); another release's binaryen
  # (Ubuntu's, on GitHub's runners) otherwise: lazy-wasm.mjs checks what it writes.
  # Empty package lists (a fresh container) are fetched once if the first try fails.
  if (cd "$tmp" && { apt-get download -qq "binaryen=$BINARYEN_DEB_VERSION" \
        || { $SUDO apt-get update -qq && { apt-get download -qq "binaryen=$BINARYEN_DEB_VERSION" \
          || apt-get download -qq binaryen; }; }; }) \
     && rm -rf "$ROOT/target/tools/binaryen" && mkdir -p "$ROOT/target/tools" \
     && dpkg-deb -x "$tmp"/binaryen_*.deb "$ROOT/target/tools/binaryen" \
     && "$WASM_SPLIT" --version >/dev/null; then ok=1; fi
  rm -rf "$tmp"
  [ "$ok" = 1 ] || { log "could not unpack binaryen's wasm-split into target/tools"; return 1; }
}

ensure_build_tools() { # everything a release trunk build needs
  ensure_wasm_target; ensure_rust_src; ensure_wasm_bindgen; ensure_trunk; ensure_node_modules
}

# What the release build's wasm split needs besides: wasm-split, and Chromium to record
# which functions the first screen runs (scripts/lazy-wasm.mjs). `trunk serve` does not split.
ensure_split_tools() {
  ensure_wasm_split || return 1
  if [ -z "${HOEGO_CHROMIUM:-}" ] || [ ! -x "$HOEGO_CHROMIUM" ]; then apt_ensure chromium || return 1; fi
}

# The release build rebuilds the standard library for size. On wasm32-unknown-unknown a
# panic prints nowhere (there is no stderr) and already aborts (panic = "abort"), yet the
# prebuilt std still links the code that formats panic messages and their locations.
# Rebuilding std with panic=immediate-abort drops it: ~31 KB gzip off the first load
# (BENCHMARKS.md). `-Zfmt-debug=none` makes `{:?}` print nothing (~4 KB more): text a
# user reads never uses it (tests/no_debug_text.rs keeps it out of src/ and hoego-core).
# Both are unstable on the stable toolchain, so RUSTC_BOOTSTRAP=1 is set
# for the release build's commands only; native builds, clippy and the wasm tests never
# see it. (Under it, a few build scripts, proc-macro2's and thiserror's, detect a
# "nightly" compiler and take their unstable paths: the e2e layer tests that artifact.)
# The flags are scoped to the wasm target: host build scripts and proc macros build as
# usual. RELEASE_ENV is the environment for it, or empty where the toolchain refuses the
# flags (another rustc than the pinned machine's 1.95): then the build is plain and ~31 KB
# larger, which the size layer's 420 KB guard reports.
release_env() {
  RELEASE_ENV=()
  if RUSTC_BOOTSTRAP=1 rustc -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none --target wasm32-unknown-unknown \
       --print cfg >/dev/null 2>&1 && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
    RELEASE_ENV=(RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none")
    # Trunk runs cargo --offline (Trunk.toml offline = true), and std's own crates.io
    # dependencies are in the sysroot's lockfile, not ours: fetch them first (a no-op
    # once they are in ~/.cargo).
    (cd "$ROOT" && env "${RELEASE_ENV[@]}" cargo fetch -q --target wasm32-unknown-unknown)
  else
    log "WARNING: this toolchain cannot rebuild std for size: plain release build, ~31 KB gzip more (over the size guard)"
  fi
}

# trunk_release build|serve [ARGS]: Trunk's release build of the app (see release_env).
trunk_release() {
  local cmd="$1"; shift
  release_env
  # wasm-bindgen adds its JS snippets to this folder and never removes one the code no
  # longer has; Trunk then preloads and ships every file in it (and the worker caches them).
  rm -rf "${CARGO_TARGET_DIR:-$ROOT/target}/wasm-bindgen/release/snippets"
  env "${RELEASE_ENV[@]}" trunk "$cmd" --release "$@"
}

build_dist() {
  ensure_build_tools
  # A host's build image may have no apt (Netlify): the build then ships the wasm whole,
  # and says so (scripts/postbuild.mjs). The test command requires the split.
  ensure_split_tools || log "WARNING: wasm-split or Chromium missing: the wasm will not be split"
  (cd "$ROOT" && cargo fetch -q && trunk_release build)
}
