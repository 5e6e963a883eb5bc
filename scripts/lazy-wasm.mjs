// Splits the app's wasm in two after Trunk's release build (scripts/postbuild.mjs calls
// splitApp): a primary module with every function the app runs to show its first screen,
// and a lazy module with the rest (export, backup, import, templates, most dialogs...).
// The first load needs only the primary; the glue starts fetching the lazy module as
// soon as the app has started, so by the time the writer clicks anything it is there.
//
// How (Binaryen's wasm-split, profile-guided):
//   1. `wasm-split --instrument` makes a copy of the build that records which functions run.
//   2. That copy is loaded in headless Chromium as a first visit (the sample draft in
//      the editor) and a returning visit (the library), each until its first screen is
//      drawn and has settled (e2e/first-screen.mjs); then both again with a slow CPU.
//   3. `wasm-split --profile` keeps the functions that ran in the primary and moves the
//      rest to the lazy module. Each moved function's table slot holds a placeholder
//      import until the lazy module is instantiated and fills the slots with the real ones.
//   4. The glue is patched: placeholders that load the lazy module synchronously if
//      it is not there yet (a click before the prefetch finished, or a path the profile
//      did not take at start), and the prefetch after `__wbindgen_start`.
//   5. Files are renamed by the hash of their new contents and index.html follows, so a
//      host's HTTP cache never pairs a primary with another build's lazy module.
//
// The only wasm-split on Debian is Binaryen 108's. Two of its limits are worked around
// and checked: it cannot read `table.fill` (lowered first: wasm-bytes.mjs), and it writes
// every table export as table 0 (the externref table's export is pointed back, and each
// table the lazy module imports is checked against the primary's table of that name).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND, exports, imports, lowerTableFill, setTableExport, tableTypes } from './wasm-bytes.mjs';

/** The features rustc and wasm-opt use for this build (Binaryen 108's names for them). */
const FEATURES = ['-mvp', '--enable-reference-types', '--enable-bulk-memory', '--enable-multivalue',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int'];
/** Prefix of the primary's exports that the lazy module imports (short: they are in the first load). */
const EXPORT_PREFIX = '%';
const LAZY = /^hoego-app-[0-9a-f]+_lazy\.wasm$/;
const WASM = /^hoego-app-[0-9a-f]+_bg\.wasm$/;
const GLUE = /^hoego-app-[0-9a-f]+\.js$/;

const hex16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The wasm-split binary, or null: $WASM_SPLIT, else `wasm-split` on PATH. */
export function findWasmSplit() {
  const bin = process.env.WASM_SPLIT || 'wasm-split';
  try {
    execFileSync(bin, ['--version'], { stdio: 'pipe' });
    return bin;
  } catch {
    return null;
  }
}

/** The Chromium that records the profile: $HOEGO_CHROMIUM, else Debian's (e2e/serve.mjs). */
export function chromiumPath() {
  return process.env.HOEGO_CHROMIUM || '/usr/bin/chromium';
}

/** True once `dir` holds a split build (postbuild.mjs runs again on built dirs). */
export function isSplit(dir) {
  return readdirSync(dir).some((f) => LAZY.test(f));
}

function only(dir, re, what) {
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${found.length}`);
  return found[0];
}

function run(bin, args) {
  execFileSync(bin, [...FEATURES, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Points each table export of `out` at the table `original` exported under that name
 * (Binaryen 108 writes them all as table 0).
 */
function restoreTableExports(original, out) {
  const types = tableTypes(out);
  for (const e of exports(original).filter((x) => x.kind === KIND.table)) {
    setTableExport(out, e.name, e.index);
    if (types[e.index] !== tableTypes(original)[e.index]) throw new Error(`table export ${e.name} changed type`);
  }
}

/** Every table the lazy module imports must be the primary's table of that name and type. */
function checkTables(primary, lazy) {
  const types = tableTypes(primary);
  const byName = new Map(exports(primary).filter((e) => e.kind === KIND.table).map((e) => [e.name, e.index]));
  for (const imp of imports(lazy).filter((i) => i.kind === KIND.table)) {
    const index = byName.get(imp.name);
    if (index === undefined) throw new Error(`the primary does not export table ${imp.name}`);
    if (types[index] !== imp.table) throw new Error(`table ${imp.name}: the primary's is ${types[index]}, the lazy module wants ${imp.table}`);
  }
}

/**
 * Runs the instrumented build in headless Chromium: a first visit, then a reload with
 * the draft it saved, each up to its first screen (e2e/first-screen.mjs); then both
 * again on a CPU four times slower, so that what the first screen runs only when a frame
 * is late (frames.rs's fallback timer) is in the primary too. Returns the profiles' files.
 */
async function recordProfiles(dir, wasmName, instrumented, work) {
  const { chromium } = await import('playwright-core');
  const { serve, CHROMIUM } = await import('../e2e/serve.mjs');
  const { firstScreen } = await import('../e2e/first-screen.mjs');
  const site = join(work, 'site');
  cpSync(dir, site, { recursive: true });
  writeFileSync(join(site, wasmName), instrumented);
  // Its Subresource Integrity hash is the real build's: drop it for this copy.
  const index = join(site, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace(/ integrity="?sha384-[A-Za-z0-9+/=]+"?( rel="?preload)/, '$1'));
  const { server, url } = await serve(site);
  const browser = await chromium.launch({ ...CHROMIUM, executablePath: chromiumPath() });
  const files = [];
  const errors = [];
  try {
    for (const slowdown of [1, 4]) {
      const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', (e) => { window.__hoegoWasm = e.detail.wasm; });
      });
      for (const visit of ['first', 'return']) {
        if (visit === 'first') await page.goto(url);
        else await page.reload();
        await firstScreen(page);
        const bytes = await page.evaluate(() => {
          const w = window.__hoegoWasm;
          const size = 1 << 20;
          const ptr = w.__wbindgen_malloc(size, 4);
          const len = w.__write_profile(ptr, size);
          if (len > size) throw new Error('profile larger than its buffer');
          return Array.from(new Uint8Array(w.memory.buffer, ptr, len));
        });
        const file = join(work, `${visit}-${slowdown}.prof`);
        writeFileSync(file, Buffer.from(bytes));
        files.push(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  // Reported, not fatal: the profile only decides where functions go. (This copy has no
  // sw.js yet, so registering the worker fails here.)
  for (const e of new Set(errors)) console.warn(`postbuild: while profiling: ${e}`);
  return files;
}

/** The loader added to wasm-bindgen's glue (unminified here; postbuild.mjs minifies it). */
function loader(lazyName) {
  return `
// Added by scripts/lazy-wasm.mjs: the lazy half of the app's wasm.
const __lazyUrl = new URL('./${lazyName}', import.meta.url);
let __lazyReady = false;
function __lazyInstall(module) {
    if (__lazyReady) return;
    // Its active element segment replaces the primary's placeholders in the table.
    new WebAssembly.Instance(module, { primary: wasm });
    __lazyReady = true;
    // For e2e/specs/lazy.mjs (and anyone wondering): how the lazy module arrived.
    globalThis.__hoegoLazy = __lazyHow;
}
let __lazyHow = 'prefetch';
function __lazyLoadNow() {
    // A placeholder must return its function's result, so this load is synchronous.
    // A document's synchronous XHR cannot ask for an ArrayBuffer: bytes come as a
    // binary string. The service worker answers it offline like any other request.
    __lazyHow = 'on demand';
    const xhr = new XMLHttpRequest();
    xhr.open('GET', __lazyUrl, false);
    xhr.overrideMimeType('text/plain; charset=x-user-defined');
    xhr.send();
    if (xhr.status !== 200) throw new Error('could not load ' + __lazyUrl + ': HTTP ' + xhr.status);
    const text = xhr.responseText;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    __lazyInstall(new WebAssembly.Module(bytes));
}
function __lazyPrefetch() {
    fetch(__lazyUrl)
        .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
        .then((b) => WebAssembly.compile(b))
        .then(__lazyInstall)
        .catch((e) => console.warn('hoego: the lazy module will load when first needed:', e));
}
function __lazyImports(imports) {
    const table = () => wasm['${EXPORT_PREFIX}table'];
    imports.placeholder = new Proxy({}, {
        get: (_, slot) => (...args) => {
            if (!__lazyReady) __lazyLoadNow();
            return table().get(Number(slot))(...args);
        },
    });
    return imports;
}
`;
}

function patchGlue(glue, lazyName) {
  let out = glue;
  const calls = out.split('const imports = __wbg_get_imports();').length - 1;
  if (calls < 1) throw new Error('glue: no `const imports = __wbg_get_imports();`');
  out = out.replaceAll('const imports = __wbg_get_imports();', 'const imports = __lazyImports(__wbg_get_imports());');
  if (out.split('wasm.__wbindgen_start();').length !== 2) throw new Error('glue: expected one `wasm.__wbindgen_start();`');
  out = out.replace('wasm.__wbindgen_start();', 'wasm.__wbindgen_start();\n    __lazyPrefetch();');
  return out + loader(lazyName);
}

function replaceAllChecked(html, from, to) {
  if (!html.includes(from)) throw new Error(`index.html does not name ${from}`);
  return html.replaceAll(from, to);
}

/**
 * Splits dir's wasm (see the top of this file). `log` gets one line of figures.
 * Throws on anything unexpected: a build that cannot be split is not shipped half-split.
 */
export async function splitApp(dir, wasmSplit, log) {
  const wasmName = only(dir, WASM, 'app wasm');
  const glueName = only(dir, GLUE, 'wasm-bindgen glue');
  const original = new Uint8Array(readFileSync(join(dir, wasmName)));
  const input = original.slice();
  lowerTableFill(input);
  const work = mkdtempSync(join(tmpdir(), 'hoego-split-'));
  try {
    const inFile = join(work, 'in.wasm');
    writeFileSync(inFile, input);
    run(wasmSplit, ['--instrument', inFile, '-o', join(work, 'instrumented.wasm')]);
    const instrumented = new Uint8Array(readFileSync(join(work, 'instrumented.wasm')));
    restoreTableExports(input, instrumented);
    const profiles = await recordProfiles(dir, wasmName, instrumented, work);
    const merged = join(work, 'merged.prof');
    run(wasmSplit, ['--merge-profiles', ...profiles, '-o', merged]);
    const p1 = join(work, 'primary.wasm'), p2 = join(work, 'lazy.wasm');
    run(wasmSplit, [inFile, `--profile=${merged}`, '-o1', p1, '-o2', p2, `--export-prefix=${EXPORT_PREFIX}`]);
    const primary = new Uint8Array(readFileSync(p1));
    const lazy = new Uint8Array(readFileSync(p2));
    restoreTableExports(input, primary);
    checkTables(primary, lazy);
    // Both must at least compile (Node's engine is V8, as Chromium's).
    new WebAssembly.Module(primary);
    new WebAssembly.Module(lazy);

    const lazyName = `hoego-app-${hex16(lazy)}_lazy.wasm`;
    const primaryName = `hoego-app-${hex16(primary)}_bg.wasm`;
    const glue = patchGlue(readFileSync(join(dir, glueName), 'utf8'), lazyName);
    const newGlueName = `hoego-app-${hex16(glue)}.js`;
    rmSync(join(dir, wasmName));
    rmSync(join(dir, glueName));
    writeFileSync(join(dir, primaryName), primary);
    writeFileSync(join(dir, lazyName), lazy);
    writeFileSync(join(dir, newGlueName), glue);

    const indexFile = join(dir, 'index.html');
    let html = readFileSync(indexFile, 'utf8');
    html = replaceAllChecked(html, wasmName, primaryName);
    html = replaceAllChecked(html, glueName, newGlueName);
    // The wasm's preload link carries its integrity hash (the glue's is redone by minifyGlue).
    const tag = new RegExp(`<link[^>]*href="?\\./${primaryName.replace(/[.]/g, '\\.')}"?[^>]*>`);
    const link = html.match(tag);
    if (!link) throw new Error(`index.html has no <link> for ${primaryName}`);
    html = html.replace(tag, link[0].replace(/integrity="?sha384-[A-Za-z0-9+/=]+"?/, `integrity=${sri(primary)}`));
    writeFileSync(indexFile, html);
    const kb = (b) => (b.length / 1024).toFixed(1);
    log(`lazy wasm: ${kb(original)} KB → primary ${kb(primary)} KB + lazy ${kb(lazy)} KB (raw)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
