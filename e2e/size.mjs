// First-load transfer budget of the release build: every .wasm, .js and .css
// file under dist/ (wasm-bindgen snippets included), gzipped, but the lazy half of the
// wasm (`*_lazy.wasm`, scripts/lazy-wasm.mjs): the page fetches it only after the app
// has started and shown its draft (e2e/specs/lazy.mjs holds it back until then to prove
// it), so it is listed with its own total, not counted. Two gzip
// implementations disagree by ~2 % on wasm, so both are measured and the
// larger must fit: GNU `gzip -9` (the figure BENCHMARKS.md reports) and Node's
// zlib at level 9 (Chromium's zlib). sw.js is counted (it is JS fetched on the first
// visit, though only after the app runs). index.html, the manifest and the icons are
// listed but not counted: HTML and JSON of ~1 KB, and PNGs the browser fetches only
// for its install UI and the favicon (the worker precaches them after the app runs).
// Fails above 300 KB (300,000 bytes), issue 11's budget (see the end of this note for how
// it got back under it). The history: the budget was 300 KB at first; the drafts safety
// work (revisions, conflicts, migration, backup: ~27 KB), batch export and safe
// export (~12 KB), the goal workflow (~17 KB), the service worker (~4 KB) and
// accessibility (~4 KB) took the first load to ~353 KB in one session. Rather
// than drop those, the limit was raised to keep a guard against growth; getting
// back under 300 KB (moving export/backup/migration into a wasm loaded on demand)
// is open work, see BENCHMARKS.md. Raised again to 395 KB when the series view
// (~9 KB), the writing aids (~13 KB) and the sliced preview with the typing
// delta path (~7 KB) landed together at 388.6 KB: a guard against growth, not
// the target. Raised to 405 KB when paging a long body and the preview's
// per-block limits, with their review fixes (~6.4 KB, notes in two languages
// included), took it to 399.2 KB. Raised to 410 KB when the 1 MB work of issue 9 (one
// deferred job per frame, re-reading only edited front matter entries, the export's
// change list by key, the preview's blank-line limit, imports parsed ahead, the review
// fixes; ~5.3 KB) took it to 404.6 KB: again a guard, not the target. Raised to 415 KB
// when the typing work of issue 13 (the editor view's show/hide sections without
// <details>, the preview chunks' observer, the form and export view drawn only when
// what they show changes, plain markdown passed by DOMPurify; ~4.9 KB) took it to
// 409.6 KB. Raised to 420 KB when typing's text-node path (a key that changes one run of
// a block's text sets that node's data: hoego-core's `markdown/text_run.rs` and a JS
// helper), the block cache's word-at-a-time compare and footnote check near the change,
// and the setext heading id fix (~1.8 KB) took it to 414.9 KB, 0.1 KB under the guard.
// Raised to 430 KB when the review and trial fixes of the fifth typing session took it
// to 428.2 KB (+9.6 KB): the export's image references found by the markdown parser and
// rewritten in place, with maps for its per-name look-ups (~6 KB), link reference
// definitions kept between keys and blocks around them rendered as the whole (~1 KB),
// and the editor's undoable shortcuts, unapplied-box guard and date fixes (~2.6 KB).
// Raised to 435 KB when the sixth session's review and trial fixes took it to 431.9 KB
// (+2.6 KB net): front matter text typed and not applied held by the editor across mode
// switches and changes underneath, with the library's confirm; links that follow an
// exported image; `<img src>` character references; the date-only-later warning; the
// slug key rewrite; the body editor's echo flag and the draft made from parts; the
// shortcut fixes. Typed i18n keys (-1.8 KB) and a sort replaced by two passes (-1.8 KB)
// paid for part of it. Lowered to 410 KB when the release build began rebuilding the
// standard library for size (scripts/lib.sh `trunk_release`: panic=immediate-abort drops
// std's panic formatting, which prints nowhere on wasm32-unknown-unknown): 402.9 KB,
// -31 KB, with the Korean headlines of the export warnings (+0.7 KB) in it. Raised to
// 412 KB when imported images began to be kept across reloads (Cache Storage through a JS
// snippet, one ordered queue of store steps, backups that carry them, the library's line
// and "forget" button; ~9 KB) took it to 412.0 KB, less the 2.4 KB saved by minifying the
// JS snippets and 0.4 KB by making the small helpers one module (src/page.js); the guard
// went to 414 KB, so that it is not passed by 9 bytes: a guard against growth, not the
// 300 KB target. Raised to 416 KB when images kept by their path as imported (a folder's
// two `shot.png`, each Gatsby post's own `cover.png`), other tabs following a tab's image
// changes (a BroadcastChannel), the Gatsby slug and backslash fixes and their reviews' fixes
// (~7.2 KB) took it to 419.1 KB, less 4.4 KB for building the wasm with -Zfmt-debug=none
// (no `{:?}` in text a user reads: tests/no_debug_text.rs): 414.7 KB. Raised to 420 KB when
// two trials' and a review's fixes (Gatsby dates shown on their own day and the warning for
// an offset that moves it, Jekyll dates that keep published URLs, `post_url` kept for Jekyll,
// UTF-16 import, the other-fields box refusing form keys and repeated keys, the export
// target following the open draft, the draft-published warning, the library's unsaved
// badge, restore not doubling the sample; ~2.4 KB) took it to 417.8 KB, and the second trial's
// and review's fixes (the raw-mode download, the form's offset-less dates, the library's
// site zip following its selection, Korean other-fields messages) to 418.9 KB.
// Lowered to 335 KB when the build began splitting the wasm (scripts/lazy-wasm.mjs): the
// functions a first visit runs to draw its first screen (the editor with the sample draft,
// in Korean and English, on a normal and a slow CPU) stay in the first load, ~118 KB zlib
// of the rest moved to the lazy module, and the first load went from 418.9 KB to 325.3 KB
// (Node zlib). Every later visit loads both modules before starting (from the service
// worker's cache, normally), so only a first visit runs on the primary alone. The split
// follows a profile recorded in Chromium at build time, so it may move a little between
// builds of the same code. Still above the 300 KB target: the code the first screen runs,
// and the data segment (~64 KB gzip, which wasm-split leaves in the primary), are most of it.
// Back to 300 KB when a first visit stopped running two things before its first screen:
// the library's view (drawn for one render before the sample draft opened) and the export
// plan, whose panel shows its heading until the lazy module is here (src/lazy.rs). Their
// code and hoego-core's export moved to the lazy module: 325.4 → 278.4 KB. The profile
// then took in a writer's first input (a click, a Tab, keys in the body and the title),
// and a switch to another tab, which had loaded the lazy module on the spot: 288.8 KB.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 300_000;
const dist = process.argv[2] || 'dist';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(wasm|js|css|html|webmanifest|png)$/.test(name)) files.push(p);
  }
};
walk(dist);
let gnu = 0;
let node = 0;
let lazyGnu = 0;
const LAZY = /_lazy\.wasm$/;
for (const p of files) {
  const raw = readFileSync(p);
  const g = execFileSync('gzip', ['-9c', p], { maxBuffer: 1 << 26 }).length;
  const z = gzipSync(raw, { level: 9 }).length;
  const lazy = LAZY.test(p);
  const counted = /\.(wasm|js|css)$/.test(p) && !lazy;
  if (counted) {
    gnu += g;
    node += z;
  }
  if (lazy) lazyGnu += g;
  const note = lazy ? ' (after start, not counted)' : counted ? '' : ' (not counted)';
  console.log(`  ${relative(dist, p).padEnd(48)} ${String(raw.length).padStart(8)} B raw ${String(g).padStart(8)} B gzip -9 ${String(z).padStart(8)} B zlib-9${note}`);
}
const worst = Math.max(gnu, node);
const ok = gnu > 0 && worst <= BUDGET;
console.log(`  first-load total (wasm + js + css): ${gnu} B gzip -9 (${(gnu / 1000).toFixed(1)} KB), ${node} B Node zlib -9 (${(node / 1000).toFixed(1)} KB); budget ${BUDGET / 1000} KB`);
console.log(`  fetched after the app starts (lazy wasm): ${lazyGnu} B gzip -9 (${(lazyGnu / 1000).toFixed(1)} KB)`);
console.log(`${ok ? 'ok' : 'FAIL'} first-load transfer ${worst} B <= ${BUDGET} B`);
console.log(`size: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
