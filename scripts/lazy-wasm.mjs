// Splits the app's wasm in two after Trunk's release build (scripts/postbuild.mjs calls
// splitApp): a primary module with every function a first visit runs to show its first
// screen, and a lazy module with the rest (the library, export, import, templates...).
// The first load needs only the primary; the glue starts fetching the lazy module as
// soon as the app has started, so by the time the writer clicks anything it is there.
//
// How (Binaryen's wasm-split, profile-guided):
//   1. `wasm-split --instrument` makes a copy of the build that records which functions run.
//   2. That copy is loaded in headless Chromium as a first visit (the sample draft in
//      the editor) until its first screen is drawn and has settled (e2e/first-screen.mjs),
//      then given a writer's first input and the export panel's failure line (see
//      recordProfiles), in Korean and in English, and in Korean again on a slow CPU. Only
//      a first visit runs on the primary alone: every later visit loads both before the
//      app starts.
//   3. `wasm-split --profile` keeps the functions that ran in the primary and moves the
//      rest to the lazy module. Each moved function's table slot holds a placeholder
//      import until the lazy module is instantiated and fills the slots with the real ones.
//   4. The glue is patched: placeholders that load the lazy module synchronously if
//      it is not there yet (a click before the prefetch finished, or a path the profile
//      did not take at start); on a page the service worker controls, a load from its
//      cache before the app starts (the synchronous path goes around the worker, so it
//      fails offline); on a first visit, the prefetch after `__wbindgen_start`.
//      The two modules are linked in Node before anything is written (checkLinks).
//   5. Files are renamed by the hash of their new contents and index.html follows, so a
//      host's HTTP cache never pairs a primary with another build's lazy module.
//
// The only wasm-split on Debian is Binaryen 108's. Two of its limits are worked around
// and checked: it cannot read `table.fill` (lowered first: wasm-bytes.mjs), and it writes
// every table export as table 0 (the externref table's export is pointed back; linking
// the two modules in Node, checkLinks, refuses a table of the wrong type).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeAtomic } from './write-atomic.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setIntegrity } from './integrity.mjs';
import { KIND, exports, lowerTableFill, setTableExport, tableTypes } from './wasm-bytes.mjs';

/** The features rustc and wasm-opt use for this build (Binaryen 108's names for them). */
const FEATURES = ['-mvp', '--enable-reference-types', '--enable-bulk-memory', '--enable-multivalue',
  '--enable-sign-ext', '--enable-mutable-globals', '--enable-nontrapping-float-to-int'];
/** Prefix of the primary's exports that the lazy module imports (short: they are in the first load). */
const EXPORT_PREFIX = '%';
const LAZY = /^hoego-app-[0-9a-f]+_lazy\.wasm$/;
const WASM = /^hoego-app-[0-9a-f]+_bg\.wasm$/;
const GLUE = /^hoego-app-[0-9a-f]+\.js$/;

const hex16 = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** `{ bin }`, the wasm-split to run ($WASM_SPLIT, else `wasm-split` on PATH), or `{ why }` it cannot run. */
export function findWasmSplit() {
  const bin = process.env.WASM_SPLIT || 'wasm-split';
  try {
    execFileSync(bin, ['--version'], { stdio: 'pipe' });
    return { bin };
  } catch (e) {
    return { why: `${bin}: ${e.code || e.message}` };
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
  const originalTypes = tableTypes(original);
  for (const e of exports(original).filter((x) => x.kind === KIND.table)) {
    setTableExport(out, e.name, e.index);
    if (types[e.index] !== originalTypes[e.index]) throw new Error(`table export ${e.name} changed type`);
  }
}

/** What the profile is recorded on: each a language and a CPU slowdown. */
const PROFILE_RUNS = [
  { locale: 'ko-KR', slowdown: 1 },
  { locale: 'en-US', slowdown: 1 },
  // On a CPU four times slower, what the first screen runs only when a frame is late
  // (frames.rs's fallback timer) runs too.
  { locale: 'ko-KR', slowdown: 4 },
];

/**
 * How long the page must be quiet (no DOM change) before its profile is read: longer
 * than every timer the first screen sets (the autosave's 400 ms, frames.rs's 1 s
 * fallback for a late frame), so what they run is in the primary even when a slow
 * frame let the quiet start before they fired.
 */
const SETTLE_MS = 2500;

/** The instrumented module's profile so far, read out of its memory. */
async function readProfile(page) {
  return Buffer.from(await page.evaluate(() => {
    const w = window.__hoegoWasm;
    const size = 1 << 20;
    const ptr = w.__wbindgen_malloc(size, 4);
    const len = w.__write_profile(ptr, size);
    if (len > size) throw new Error('profile larger than its buffer');
    return Array.from(new Uint8Array(w.memory.buffer, ptr, len));
  }));
}

/**
 * Runs the instrumented build in headless Chromium (PROFILE_RUNS): a first visit up to
 * its first screen (the sample draft in the editor); a writer's first input (a click, a
 * Tab, keys typed and an IME composition in the body and the title, taken back, a switch
 * to another tab); then the export panel saying the lazy module failed to come. Each of
 * the three is followed by 2.5 s of quiet. Only a first visit runs on the primary alone (every later one loads both modules before starting:
 * see `loader`). Returns the profiles' files. A page error fails the build: the profile
 * would be cut short.
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
    for (const { locale, slowdown } of PROFILE_RUNS) {
      const context = await browser.newContext({ locale, viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', (e) => { window.__hoegoWasm = e.detail.wasm; });
        // As the loader says on a first visit, and never takes back here: what the app
        // holds back until the lazy module arrives (src/lazy.rs) is not profiled.
        globalThis.__hoegoLazyPending = true;
      });
      await page.goto(url);
      await firstScreen(page, { quietMs: SETTLE_MS });
      // What a writer does first, before a slow link has brought the lazy module: a click,
      // a Tab, a key typed and taken back in the body and in the title (each is handled
      // by code that would otherwise load it on the spot: a pause of a second or more).
      await page.click('.card-title');
      await page.keyboard.press('Tab');
      const cdp = await context.newCDPSession(page);
      for (const field of ['[data-testid=body]', '[data-testid=field-title]']) {
        await page.click(field);
        await page.keyboard.press('End');
        await page.keyboard.type('a ');
        // A Hangul syllable composed as an IME does (composition events), then committed.
        for (const text of ['ㅎ', '하', '한']) await cdp.send('Input.imeSetComposition', { text, selectionStart: 1, selectionEnd: 1 });
        await cdp.send('Input.insertText', { text: '한' });
        for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
      }
      // Switching to another tab (the autosave's flush on visibilitychange and pagehide).
      await page.evaluate(() => {
        document.dispatchEvent(new Event('visibilitychange'));
        dispatchEvent(new Event('pagehide'));
      });
      await firstScreen(page, { quietMs: SETTLE_MS });
      // Then as the loader says when its prefetch fails: the export panel says so
      // without the lazy module (the one it would need is what failed to come).
      await page.evaluate(() => {
        globalThis.__hoegoLazyFailed = true;
        dispatchEvent(new Event('hoego-lazy-failed'));
      });
      await page.waitForSelector('[data-testid=export-pending][aria-busy=false]');
      await firstScreen(page, { quietMs: SETTLE_MS });
      files.push(join(work, `first-${locale}-${slowdown}.prof`));
      writeFileSync(files.at(-1), await readProfile(page));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (errors.length) throw new Error(`the instrumented build failed while profiling: ${[...new Set(errors)].join('; ')}`);
  return files;
}

/** The loader added to wasm-bindgen's glue (unminified here; postbuild.mjs minifies it). */
function loader(lazyName) {
  return `
// Added by scripts/lazy-wasm.mjs: the lazy half of the app's wasm. Only a first visit
// (no Hoego data in localStorage) in a secure context starts with the primary alone and
// fetches the lazy module right after; a moved function called before it arrived loads it
// on the spot, synchronously. Every other visit loads it beside the primary, before the
// app starts: from the service worker's cache on a page the worker controls (Chromium
// sends a synchronous XHR around the worker, so offline that path would fail), and
// otherwise from the network, since a returning visit's first screen (a raw-mode draft,
// a migration, a refused localStorage...) or an insecure origin's (no Cache Storage) may
// run moved code.
const __lazyUrl = new URL('./${lazyName}', import.meta.url);
let __lazyReady = false;
let __lazyEarly = null;
let __lazyFailed = false;
function __lazyInstall(module, exports, how) {
    if (__lazyReady) return;
    // Its active element segment replaces the primary's placeholders in the table.
    new WebAssembly.Instance(module, { primary: exports });
    __lazyReady = true;
    // A retry waiting for its timer or an event has nothing left to do.
    if (__lazyRetry) { __lazyRetry.abort(); __lazyRetry = null; }
    // For e2e/specs/lazy.mjs (and anyone wondering): how the lazy module arrived.
    globalThis.__hoegoLazy = how;
    if (globalThis.__hoegoLazyPending) {
        // What waits for it may be drawn now (src/lazy.rs); told in a task of its own,
        // since a load on demand runs inside a wasm call.
        globalThis.__hoegoLazyPending = false;
        globalThis.__hoegoLazyFailed = false;
        setTimeout(() => dispatchEvent(new Event('hoego-lazy-ready')));
    }
}
// A fetch that neither answers nor fails would hold back a returning visit's start, or a
// first visit's export panel, for good: it fails after a minute (~16 kbit/s for the
// module), and is then tried again like any failure.
const __LAZY_DEADLINE_MS = 60000;
/** The lazy module compiled, or null if it arrived another way meanwhile. */
function __lazyCompile() {
    const signal = AbortSignal.timeout ? AbortSignal.timeout(__LAZY_DEADLINE_MS) : undefined;
    return fetch(__lazyUrl, { signal })
        .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
        .then((b) => (__lazyReady ? null : WebAssembly.compile(b)));
}
function __lazyFail(e) {
    // The call that needed it cannot go on: say so once, in the page's language, and
    // throw (the app's state past this point cannot be trusted; storage is untouched).
    if (!__lazyFailed) {
        __lazyFailed = true;
        const note = document.createElement('div');
        note.className = 'lazy-failed';
        note.setAttribute('role', 'alert');
        note.textContent = document.documentElement.lang === 'en'
            ? 'Part of Hoego could not be loaded (offline?). Your saved drafts are safe, but edits made from now on may not be saved: reload once you are online.'
            : 'Hoego의 일부를 불러오지 못했습니다(오프라인인가요?). 저장된 초안은 안전하지만, 지금부터 고친 내용은 저장되지 않을 수 있습니다. 연결된 뒤 새로 고침하세요.';
        document.body.append(note);
    }
    throw e;
}
function __lazyLoadNow() {
    // A placeholder must return its function's result, so this load is synchronous.
    // A document's synchronous XHR cannot ask for an ArrayBuffer: bytes come as a
    // binary string.
    try {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', __lazyUrl, false);
        xhr.overrideMimeType('text/plain; charset=x-user-defined');
        xhr.send();
        if (xhr.status !== 200) throw new Error('could not load ' + __lazyUrl + ': HTTP ' + xhr.status);
        const text = xhr.responseText;
        const bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
        __lazyInstall(new WebAssembly.Module(bytes), wasm, 'on demand');
    } catch (e) {
        __lazyFail(e);
    }
}
let __lazyInFlight = 0;
let __lazyRetry = null;
let __lazyWait = 1000;
function __lazyStart() {
    if (__lazyReady) return;
    // The worker's cache has the module once it controls the page, offline too: try it
    // then, even while the first fetch is on its way (it may never answer).
    if (navigator.serviceWorker) navigator.serviceWorker.addEventListener('controllerchange', () => __lazyPrefetch(true), { once: true });
    __lazyPrefetch();
}
function __lazyPrefetch(evenInFlight = false) {
    if (__lazyReady || (__lazyInFlight && !evenInFlight)) return;
    __lazyInFlight++;
    __lazyCompile()
        .finally(() => { __lazyInFlight--; })
        .then((m) => m && __lazyInstall(m, wasm, 'prefetch'))
        .catch((e) => {
            // Another attempt is still on its way, or the module came another way.
            if (__lazyReady || __lazyInFlight > 0) return;
            console.warn('hoego: the lazy module will load when first needed:', e);
            if (globalThis.__hoegoLazyPending && !globalThis.__hoegoLazyFailed) {
                // What waits for it says so (src/lazy.rs) until a retry brings it.
                globalThis.__hoegoLazyFailed = true;
                dispatchEvent(new Event('hoego-lazy-failed'));
            }
            // Try again once the service worker controls the page (its cache has the
            // module, offline too) or the network is back, and after a wait that doubles
            // up to a minute (a blip may have failed the worker's precache as well, and
            // then neither event comes). The synchronous path can use none of them. One
            // retry waits at a time; whichever comes first takes the others away.
            if (__lazyRetry) return;
            const retry = (__lazyRetry = new AbortController());
            const signal = retry.signal;
            const again = () => {
                retry.abort();
                if (__lazyRetry === retry) __lazyRetry = null;
                __lazyPrefetch();
            };
            __lazyWait = Math.min(__lazyWait * 2, 60000);
            const timer = setTimeout(again, __lazyWait);
            signal.addEventListener('abort', () => clearTimeout(timer));
            if (navigator.serviceWorker) navigator.serviceWorker.addEventListener('controllerchange', again, { signal });
            addEventListener('online', again, { signal });
        });
}
function __lazyFirstVisit() {
    if (!globalThis.isSecureContext || !('caches' in globalThis)) return false;
    try {
        for (let i = 0; i < localStorage.length; i++) if (localStorage.key(i).startsWith('hoego/')) return false;
        return true;
    } catch (e) {
        return false;
    }
}
function __lazyImports(imports) {
    const controlled = globalThis.navigator && navigator.serviceWorker && navigator.serviceWorker.controller;
    if (controlled || !__lazyFirstVisit()) {
        __lazyEarly = __lazyCompile().catch((e) => { console.warn('hoego: the lazy module could not be loaded before start:', e); return null; });
    } else {
        // The app holds back what is not on a first visit's first screen (src/lazy.rs).
        globalThis.__hoegoLazyPending = true;
    }
    imports.placeholder = new Proxy({}, {
        get: (_, slot) => (...args) => {
            if (!__lazyReady) __lazyLoadNow();
            return wasm['${EXPORT_PREFIX}table'].get(Number(slot))(...args);
        },
    });
    return imports;
}
async function __lazyBeforeStart(exports) {
    const module = __lazyEarly && await __lazyEarly;
    if (module) __lazyInstall(module, exports, 'before start');
}
`;
}

/** `text` with `from` replaced by `to`, which must occur exactly `n` times. */
function replaceCounted(text, from, to, n) {
  const found = text.split(from).length - 1;
  if (found !== n) throw new Error(`glue: expected ${n} of \`${from}\`, found ${found}`);
  return text.replaceAll(from, to);
}

function patchGlue(glue, lazyName) {
  let out = glue;
  // Both init paths (Trunk's async one and initSync) get the placeholders.
  out = replaceCounted(out, 'const imports = __wbg_get_imports();', 'const imports = __lazyImports(__wbg_get_imports());', 2);
  const load = 'const { instance, module } = await __wbg_load(await module_or_path, imports);';
  out = replaceCounted(out, load, `${load}\n    await __lazyBeforeStart(instance.exports);`, 1);
  out = replaceCounted(out, 'wasm.__wbindgen_start();', 'wasm.__wbindgen_start();\n    __lazyStart();', 1);
  return out + loader(lazyName);
}

function replaceAllChecked(html, from, to) {
  if (!html.includes(from)) throw new Error(`index.html does not name ${from}`);
  return html.replaceAll(from, to);
}

/**
 * Instantiates both modules in Node (V8, as Chromium) with stub imports for the primary:
 * the lazy module links against the primary's exports (function signatures, globals,
 * tables, memory), and every placeholder slot holds another function afterwards.
 */
function checkLinks(primary, lazy) {
  const P = new WebAssembly.Module(primary);
  const stubs = new Proxy({}, { get: () => new Proxy({}, { get: () => () => { throw new Error('stub import called'); } }) });
  const p = new WebAssembly.Instance(P, stubs);
  const table = p.exports[`${EXPORT_PREFIX}table`];
  if (!(table instanceof WebAssembly.Table)) throw new Error(`the primary does not export ${EXPORT_PREFIX}table`);
  const slots = WebAssembly.Module.imports(P).filter((i) => i.module === 'placeholder').map((i) => Number(i.name));
  const before = slots.map((slot) => table.get(slot));
  new WebAssembly.Instance(new WebAssembly.Module(lazy), { primary: p.exports });
  const unfilled = slots.filter((slot, k) => table.get(slot) === before[k]);
  if (slots.length === 0 || unfilled.length) throw new Error(`${unfilled.length} of ${slots.length} placeholder slots not filled by the lazy module`);
}

/** wasm-split over `input` (profiled in Chromium): `{ primary, lazy }`, both checked. */
async function split(input, dir, wasmName, wasmSplit, work) {
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
  checkLinks(primary, lazy);
  return { primary, lazy };
}

/**
 * Splits dir's wasm (see the top of this file). `log` gets one line of figures.
 * Throws on anything unexpected, before dir is touched: a build that cannot be split
 * is not shipped half-split.
 */
export async function splitApp(dir, wasmSplit, log) {
  const wasmName = only(dir, WASM, 'app wasm');
  const glueName = only(dir, GLUE, 'wasm-bindgen glue');
  const original = new Uint8Array(readFileSync(join(dir, wasmName)));
  const input = original.slice();
  // wasm-bindgen emits one; more would be bytes this pattern was not written for.
  if (lowerTableFill(input) > 1) throw new Error('more than one table.fill: check wasm-bytes.mjs lowerTableFill still fits');
  const work = mkdtempSync(join(tmpdir(), 'hoego-split-'));
  try {
    const { primary, lazy } = await split(input, dir, wasmName, wasmSplit, work);
    const lazyName = `hoego-app-${hex16(lazy)}_lazy.wasm`;
    const primaryName = `hoego-app-${hex16(primary)}_bg.wasm`;
    const glue = patchGlue(readFileSync(join(dir, glueName), 'utf8'), lazyName);
    const newGlueName = `hoego-app-${hex16(glue)}.js`;
    const indexFile = join(dir, 'index.html');
    let html = readFileSync(indexFile, 'utf8');
    html = replaceAllChecked(html, wasmName, primaryName);
    html = replaceAllChecked(html, glueName, newGlueName);
    // The wasm's preload link carries its integrity hash (the glue's is redone by minifyGlue).
    html = setIntegrity(html, primaryName, primary);
    // New files first, index.html naming them next, the old files last.
    writeAtomic(join(dir, lazyName), lazy);
    writeAtomic(join(dir, primaryName), primary);
    writeAtomic(join(dir, newGlueName), glue);
    writeAtomic(indexFile, html);
    rmSync(join(dir, wasmName));
    rmSync(join(dir, glueName));
    const kb = (b) => (b.length / 1024).toFixed(1);
    log(`lazy wasm: ${kb(original)} KB → primary ${kb(primary)} KB + lazy ${kb(lazy)} KB (raw)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
