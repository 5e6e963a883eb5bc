#!/usr/bin/env bash
# Real Gatsby 5 build of every Gatsby export (fixtures + synthetic cases), then check
# that Gatsby read each post's title, date, tags and HTML. Part of scripts/test.sh;
# the first run installs Gatsby (~2-4 min, ~600 MB of node_modules), later runs
# only build (~30 s).
source "$(dirname "$0")/lib.sh"
ensure_node_modules
G="$ROOT/tests/generators/gatsby"
cd "$ROOT" && cargo build -q --release -p hoego-cli
rm -rf "$G/content" "$G/public" "$G/.cache"
mkdir -p "$G/content"
# One batch: the fixtures, the synthetic cases and every post of tests/fixtures/blogs (synthetic
# posts laid out as eleven blogs, two of them colliding: the export numbers the second `slug-2`).
mapfile -t blogs < <(find "$ROOT/tests/fixtures/blogs" -name '*.md' | LC_ALL=C sort)
files=("$ROOT"/tests/fixtures/posts/*.md "$ROOT"/tests/generators/cases/*.md "${blogs[@]}")
"$ROOT/target/release/hoego" export --to gatsby --offset +09:00 --out "$G" "${files[@]}" 2>/dev/null
exported=$(find "$G/content/blog" -name index.md | wc -l)
if [ "$exported" -ne "${#files[@]}" ]; then
  echo "FAIL export: $exported posts written for ${#files[@]} sources"; echo "gatsby: 0 passed, 1 failed"; exit 1
fi
if [ ! -d "$G/node_modules/gatsby" ]; then
  log "npm install gatsby 5 (--ignore-scripts: sharp's install script downloads from the network)"
  (cd "$G" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$ROOT/target/gatsby-tmp"
(cd "$G" && CI=1 GATSBY_TELEMETRY_DISABLED=1 GATSBY_ADAPTERS_MANIFEST='module.exports=[]' TMPDIR="$ROOT/target/gatsby-tmp" \
  npx gatsby build)
node "$G/check.mjs"
