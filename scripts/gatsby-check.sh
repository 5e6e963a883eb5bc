#!/usr/bin/env bash
# Real Gatsby 5 build of every Gatsby export (fixtures + synthetic cases), then check
# that Gatsby read each post's title, date, tags and HTML. Kept out of the main test
# command because its npm install (~2 min, ~600 MB) and cold build (~30 s) are heavy;
# the main command already checks every export with gray-matter, which is what
# gatsby-transformer-remark uses to read front matter.
source "$(dirname "$0")/lib.sh"
ensure_node_modules
G="$ROOT/tests/generators/gatsby"
cd "$ROOT" && cargo build -q --release -p hoego-cli
rm -rf "$G/content" "$G/public" "$G/.cache"
mkdir -p "$G/content"
files=("$ROOT"/../shared/fixtures/posts/*.md "$ROOT"/tests/generators/cases/*.md)
"$ROOT/target/release/hoego" export --to gatsby --offset +09:00 --out "$G" "${files[@]}" 2>/dev/null
if [ ! -d "$G/node_modules/gatsby" ]; then
  log "npm install gatsby 5 (--ignore-scripts: sharp's install script downloads from the network)"
  (cd "$G" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$ROOT/target/gatsby-tmp"
(cd "$G" && CI=1 GATSBY_TELEMETRY_DISABLED=1 GATSBY_ADAPTERS_MANIFEST='module.exports=[]' TMPDIR="$ROOT/target/gatsby-tmp" \
  npx gatsby build)
node "$G/check.mjs"
