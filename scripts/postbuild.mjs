// Trunk post-build hook (Trunk.toml `[[hooks]] stage = "post_build"`): makes dist/ an
// offline, installable app that any static host can serve.
//   1. Writes a Content-Security-Policy <meta> into index.html: no remote origin, no
//      inline script except the build's own (Trunk's wasm loader), allowed by sha256.
//   -1. Splits the wasm in two: what the first screen runs, and a lazy module the glue
//      fetches once the app has started (scripts/lazy-wasm.mjs; needs Binaryen's wasm-split).
//   0. Minifies wasm-bindgen's JS glue with terser (Trunk's own minifier fails on it)
//      and rewrites that file's Subresource Integrity hash in index.html.
//   2. Writes sw.js from pwa/sw.js with the list of every file in the build and a
//      version that hashes their contents, so a new deployment is a new worker.
// Usage: node scripts/postbuild.mjs [DIR]   (DIR defaults to $TRUNK_STAGING_DIR).
// Idempotent: running it again on a built dir replaces its own output, which is how
// e2e/specs/offline.mjs makes a "newer deployment" without a second trunk build.
// Under `trunk serve` (its autoreload script is in the page) or with HOEGO_SW=off it
// writes a worker that only removes old Hoego caches and unregisters, so dev never
// sees stale files, and no CSP: `trunk serve` rewrites its inline autoreload script
// on every response, so no hash made here could match it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeAtomic } from './write-atomic.mjs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { setIntegrity } from './integrity.mjs';
import { chromiumPath, findWasmSplit, isSplit, splitApp } from './lazy-wasm.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/postbuild.mjs DIR (or run as a Trunk hook)');
  process.exit(2);
}
const SW = 'sw.js';
const sha256 = (data, enc) => createHash('sha256').update(data).digest(enc);

/** The policy: everything from the page's own origin; scripts also by hash. */
function policy(scriptHashes) {
  const scripts = ["'self'", "'wasm-unsafe-eval'", ...scriptHashes.map((h) => `'sha256-${h}'`)];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self'",
    // Style *attributes* only, never <style>: post HTML carries them (table alignment,
    // <img style=…>). DOMPurify parses post HTML in an inert document of this page,
    // which Chromium checks against this policy, then strips every style attribute
    // (src/sanitize.rs), so none ever reaches the page.
    "style-src-attr 'unsafe-inline'",
    // data:/blob: are not origins: a post may embed a data: image. Remote images are blocked.
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

const CSP_META = /<meta http-equiv="?Content-Security-Policy"?[^>]*>/i;

function writeCsp(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || m[2].length === 0) continue;
    hashes.push(sha256(m[2], 'base64'));
  }
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}">`;
  if (CSP_META.test(html)) return { html: html.replace(CSP_META, meta), hashes };
  // Right after <meta charset> (Trunk's minifier drops the optional <head> tag): a meta
  // CSP covers only what comes after it, and nothing before the charset loads anything.
  const anchor = html.match(/<meta charset=[^>]*>/i) || html.match(/<head[^>]*>/i);
  if (!anchor) throw new Error('index.html has neither <meta charset> nor <head>');
  const at = anchor.index + anchor[0].length;
  return { html: html.slice(0, at) + meta + html.slice(at), hashes };
}

/**
 * wasm-bindgen's glue (`hoego-app-HASH.js`) ships unminified because Trunk's
 * minifier rejects it; terser takes it from ~52 KB to ~24 KB (2 KB of gzip of
 * the first load). The JS snippets beside it (`snippets/**.js`: the `src/*.js`
 * modules) keep their comments in the repository and lose them here. Each file's `integrity` in index.html must then be the new file's.
 * Idempotent: minifying minified code gives the same code.
 */
async function minifyGlue(base, indexFile) {
  let html = readFileSync(indexFile, 'utf8');
  const glue = readdirSync(base).filter((f) => /^hoego-app-[0-9a-f]+\.js$/.test(f));
  const snippets = listFiles(base).filter((f) => f.startsWith('snippets/') && f.endsWith('.js'));
  for (const name of [...glue, ...snippets]) {
    const file = join(base, name);
    const { code } = await minify(readFileSync(file, 'utf8'), { module: true, compress: { passes: 2 }, mangle: true });
    if (!code) throw new Error(`terser returned nothing for ${name}`);
    writeAtomic(file, code);
    html = setIntegrity(html, name, code);
  }
  writeAtomic(indexFile, html);
}

/**
 * Splits the wasm into the first load's part and a lazy part (scripts/lazy-wasm.mjs).
 * HOEGO_SPLIT=off skips it; =require (the test command) fails the build when Binaryen's
 * wasm-split is missing, where a plain build only warns and ships the whole wasm.
 * A dir that is already split (this hook run again) is left as it is.
 */
async function splitWasm(base) {
  const mode = process.env.HOEGO_SPLIT || 'auto';
  if (!['auto', 'off', 'require'].includes(mode)) throw new Error(`HOEGO_SPLIT=${mode}: expected auto, off or require`);
  if (mode === 'off' || isSplit(base)) return;
  const found = findWasmSplit();
  const missing = found.why ? `wasm-split (scripts/lib.sh ensure_wasm_split; ${found.why})`
    : !existsSync(chromiumPath()) ? `Chromium (${chromiumPath()}; set HOEGO_CHROMIUM)` : null;
  if (missing) {
    const msg = `${missing} not found: the wasm is not split, all of it is in the first load`;
    if (mode === 'require') throw new Error(msg);
    console.warn(`postbuild: WARNING: ${msg}`);
    return;
  }
  await splitApp(base, found.bin, (line) => console.log(`postbuild: ${line}`));
}

function listFiles(base) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(base, p).split(sep).join('/'));
    }
  };
  walk(base);
  // No dot file or folder anywhere in a path: a leftover of `writeAtomic` is one.
  return out.filter((f) => f !== SW && !f.split('/').some((part) => part.startsWith('.')));
}

const indexPath = join(dir, 'index.html');
const dev0 = process.env.HOEGO_SW === 'off' || readFileSync(indexPath, 'utf8').includes('.well-known/trunk/ws');
if (!dev0) await splitWasm(dir);
if (!dev0) await minifyGlue(dir, indexPath);
const source = readFileSync(indexPath, 'utf8');
const dev = process.env.HOEGO_SW === 'off' || source.includes('.well-known/trunk/ws');
const { html, hashes } = dev ? { html: source.replace(CSP_META, ''), hashes: [] } : writeCsp(source);
writeAtomic(indexPath, html);

const files = listFiles(dir);
const template = readFileSync(join(root, 'pwa', 'sw.js'), 'utf8');
// The version covers every file and the worker's own code: any change is a new cache.
const version = createHash('sha256').update(template);
for (const f of files) version.update(`\0${f}\0`).update(readFileSync(join(dir, f)));
const hex = version.digest('hex').slice(0, 16);
// The template's comments explain it in the repository; dist/ gets the code only
// (sw.js counts toward the first-load budget, see e2e/size.mjs).
const code = template.split('\n').filter((l) => !/^\s*\/\//.test(l)).join('\n').replace(/\n{3,}/g, '\n\n');
const worker = code
  .replace("'__HOEGO_VERSION__'", JSON.stringify(dev ? 'dev' : hex))
  .replace("'__HOEGO_FILES__'", JSON.stringify(dev ? [] : ['./', ...files.filter((f) => f !== 'index.html')]))
  .replace("'__HOEGO_DEV__'", String(dev));
if (worker.includes('__HOEGO_')) throw new Error(`pwa/${SW}: a placeholder was not filled in`);
writeAtomic(join(dir, SW), worker);
console.log(`postbuild: ${dev ? 'dev: no CSP, sw.js caches nothing' : `CSP with ${hashes.length} inline script hash(es); ${SW} version ${hex}, ${files.length} files`}`);
