// Typing latency with real key events in headless Chromium: Hoego (dist/) beside
// EasyMDE 2.21 (e2e/peer/, served locally from node_modules) on the same text.
// Prints figures; asserts nothing about time (targets live in BENCHMARKS.md).
//
// usage: node e2e/bench.mjs            (expects dist/ from `bash scripts/build.sh`)
//   BENCH_ROUNDS=3   rounds; each round types in every editor × size × place, interleaved
//   BENCH_KEYS=30    measured keys per place (after 5 unmeasured warm-up keys)
//   BENCH_SIZES=60,235,1024   body sizes in KB
//   BENCH_TEXT=hangul   type Korean syllables instead of ASCII (each one key with its text)
//   BENCH_TEXT=ime      compose the same syllables through an IME (a jamo at a time)
//   BENCH_DEFS=1     end the body with link reference definitions
//   BENCH_EDITORS=hoego,easymde,textarea   add LABEL=DIR to also time another Hoego build (e.g. before=/tmp/dist-main)
//   BENCH_CSS='…' / BENCH_JS='…'   (diagnosis) a style sheet added to, or a script run in, each Hoego
//     page once the post is open: e.g. BENCH_CSS='.side-pane{display:none}' to see what a part costs
//   BENCH_METRICS=1  (diagnosis) also print Chromium's main-thread time per key: script, style, layout, all tasks
//   BENCH_CSS_FOR=label,…   only those editors get BENCH_CSS / BENCH_JS (default: every Hoego build), so
//     `BENCH_EDITORS=hoego,css=dist BENCH_CSS_FOR=css` times one build with and without them in one run
//
// The measure, per key: keydown → preview mutated → that frame painted.
//   t0    the keydown event's timeStamp (when the browser took the key in);
//   input the `input` event reaches the document (the editor's text already changed);
//   mut   the first mutation of the preview element after it (MutationObserver);
//   paint the frame holding that mutation has been rendered on the main thread: a
//         requestAnimationFrame callback registered after the mutation runs at the start
//         of that frame, and a message posted from it is handled after the frame's style,
//         layout, paint and commit (the next task after "update the rendering").
// The key is the CDP Input.dispatchKeyEvent keyDown (text included), its keyUp comes after
// the frame, then a 60 ms pause (a brisk typist). Chromium runs with its frame-rate limit
// off, so the figure is the work, not the phase of a 60 Hz clock: on a real 60 Hz screen
// add 0–16.7 ms for vsync. A key whose preview does not change (a trailing space renders the
// same HTML) is timed to the first frame after its input event and counted apart.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serve, CHROMIUM } from './serve.mjs';
import { editorText, firstPage, turnPage } from './specs/adversarial.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const KEYS = Number(process.env.BENCH_KEYS || 30);
const WARMUP = 5;
const SIZES = (process.env.BENCH_SIZES || '60,235,1024').split(',').map(Number);
// Editors: `hoego` is dist/, `easymde` the peer, `textarea` the browser's floor (a bare
// textarea with the same text, e2e/peer/textarea.html), `LABEL=DIR` another Hoego build.
const EDITORS = (process.env.BENCH_EDITORS || 'hoego,easymde,textarea').split(',').map((e) => {
  const [label, dir] = e.includes('=') ? e.split('=') : [e, e === 'hoego' ? path.join(root, 'dist') : null];
  return { label, kind: dir ? 'hoego' : label, dir: dir && path.resolve(dir) };
});
const PLACES = ['end', 'top'];
// BENCH_TEXT=hangul types Korean syllables (each one key with its text, as an IME commits
// it) instead: Chromium's cost for them grows with the textarea's lines (src/paging.rs).
// BENCH_TEXT=ime sends the same syllables through a real IME composition instead (CDP
// Input.imeSetComposition for each jamo step, then Input.insertText: what a Korean keyboard
// does), timed from the first composition update to the preview's painted frame. Its cost
// grows with the square of the lines before the caret (src/paging.rs).
const IME = process.env.BENCH_TEXT === 'ime';
const TYPED = ['hangul', 'ime'].includes(process.env.BENCH_TEXT)
  ? '올해는 작은 습관이 큰 변화를 만든 해였다 매일 아침 글을 쓰고 운동도 했다 '
  : 'a quick brown fox jumps over the lazy dog and types on ';

// ---- the posts: deterministic, from the repository's fixtures and samples ----
const stripFrontMatter = (t) => t.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
const sources = [
  ...fs.readdirSync(path.join(root, 'tests/fixtures/posts')).filter((f) => f.endsWith('.md')).sort()
    .map((f) => path.join(root, 'tests/fixtures/posts', f)),
  path.join(root, 'assets/sample-ko.md'),
  path.join(root, 'assets/sample-en.md'),
];
// Top-level blocks of every source (none has a blank line inside a fence or table).
const blocks = sources.flatMap((f) => stripFrontMatter(fs.readFileSync(f, 'utf8')).split(/\n{2,}/).map((b) => b.trim()).filter(Boolean));

/** A body of about `kb` KB: whole blocks of the sources in order, cycled, each cycle under its own heading. */
function makeBody(kb) {
  const out = [];
  let bytes = 0, i = 0;
  while (bytes < kb * 1024) {
    const b = i % blocks.length === 0 ? `## 파트 ${i / blocks.length + 1}\n\n${blocks[0]}` : blocks[i % blocks.length];
    out.push(b);
    bytes += Buffer.byteLength(b) + 2;
    i++;
  }
  return out.join('\n\n') + '\n';
}

/** Where to type: the end of the last paragraph, or the end of the first long paragraph line. */
function places(body) {
  const lines = body.split('\n');
  let at = 0, top = -1;
  for (const l of lines) {
    if (l.length > 40 && /^[^#>|!<\-*\d\s`]/.test(l)) { top = at + l.length; break; }
    at += l.length + 1;
  }
  return { end: body.trimEnd().length, top };
}

const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN; };
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');

// ---- the page-side probe (installed after the editor is ready) ----
function installProbe({ preview, maxFrames }) {
  const el = document.querySelector(preview);
  let cur = null;
  const afterFrame = (c, key) => new Promise((resolve) => requestAnimationFrame(() => {
    c[key + 'Raf'] = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { c[key] = performance.now(); resolve(); };
    ch.port2.postMessage(null);
  }));
  new MutationObserver(() => {
    if (!cur || cur.input == null || cur.mut != null) return;
    // A composed syllable: only the preview's change after the composition ends counts.
    if (cur.ime && cur.ended == null) return;
    cur.mut = performance.now();
    afterFrame(cur, 'paint').then(cur.resolve);
  }).observe(el, { childList: true, subtree: true, characterData: true });
  document.addEventListener('keydown', (e) => { if (cur && cur.t0 == null) { cur.t0 = e.timeStamp; cur.kd = performance.now(); } }, true);
  document.addEventListener('compositionend', () => { if (cur && cur.ime) cur.ended = performance.now(); }, true);
  document.addEventListener('input', () => {
    if (!cur || cur.input != null) return;
    const c = cur;
    c.input = performance.now();
    // Fallback for a key that changes nothing in the preview: the first frame after the input.
    if (c.ime) return; // no fallback: every editor changes its preview after the composition
    afterFrame(c, 'first').then(async () => {
      for (let n = 1; c.mut == null && n < maxFrames; n++) await new Promise((r) => requestAnimationFrame(r));
      if (c.mut == null) { c.unchanged = true; c.resolve(); }
    });
  }, true);
  window.__probe = {
    // `now`: the key has no keydown (an IME composition): time from here.
    arm(now) { cur = now ? { t0: performance.now(), ime: true } : {}; cur.done = new Promise((r) => { cur.resolve = r; }); },
    async wait() {
      await cur.done;
      const c = cur;
      const end = c.unchanged ? c.first : c.paint;
      return { total: end - c.t0, editing: c.input - c.t0, update: c.unchanged ? 0 : c.mut - c.input, frame: c.unchanged ? end - c.input : end - c.mut, unchanged: !!c.unchanged };
    },
  };
}

const KEYCODES = { ' ': ['Space', 32] };
const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
/** The composition steps of a Hangul syllable as a 2-set keyboard shows them: 한 → ㅎ, 하, 한. */
function compositionSteps(ch) {
  const s = ch.charCodeAt(0) - 0xac00;
  const l = Math.floor(s / 588), v = Math.floor((s % 588) / 28), t = s % 28;
  const lv = String.fromCharCode(0xac00 + l * 588 + v * 28);
  return t ? [CHOSEONG[l], lv, ch] : [CHOSEONG[l], lv];
}
async function typeKey(cdp, page, ch) {
  if (IME && ch >= '가' && ch <= '힣') {
    await page.evaluate(() => window.__probe.arm(true));
    for (const t of compositionSteps(ch)) await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
    await cdp.send('Input.insertText', { text: ch });
    const r = await page.evaluate(() => window.__probe.wait());
    await new Promise((res) => setTimeout(res, 60));
    return r;
  }
  // A syllable an IME commits arrives as key 229 ("Process") with its text.
  const [code, vk] = KEYCODES[ch] || (ch.charCodeAt(0) > 127 ? ['', 229] : [`Key${ch.toUpperCase()}`, ch.toUpperCase().charCodeAt(0)]);
  await page.evaluate(() => window.__probe.arm());
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code, windowsVirtualKeyCode: vk, text: ch, unmodifiedText: ch });
  const r = await page.evaluate(() => window.__probe.wait());
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code, windowsVirtualKeyCode: vk });
  await new Promise((res) => setTimeout(res, 60));
  return r;
}

// BENCH_TRACE=prefix writes a Chrome trace of the keys (warm-up included) of each editor, size and place
// (open in chrome://tracing or the Performance panel) to prefix-EDITOR-KB-PLACE.json.
const TRACE = process.env.BENCH_TRACE;
// BENCH_PROFILE=prefix writes a JS/wasm CPU profile of the measured keys (.cpuprofile).
const PROFILE = process.env.BENCH_PROFILE;
// BENCH_METRICS=1 prints Chromium's own main-thread time per measured key (CDP Performance
// metrics: script, style, layout, and all tasks), which varies far less between runs than
// the latency does: the way to compare two builds' or two style sheets' costs.
const METRICS = process.env.BENCH_METRICS;
async function metrics(cdp) {
  await cdp.send('Performance.enable');
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}
function printMetrics(label, a, b, keys) {
  const ms = (k) => (((b[k] - a[k]) * 1000) / keys).toFixed(2);
  const n = (k) => ((b[k] - a[k]) / keys).toFixed(1);
  console.log(`  metrics ${label}: per key task ${ms('TaskDuration')} ms, script ${ms('ScriptDuration')}, style ${ms('RecalcStyleDuration')} (${n('RecalcStyleCount')}×), layout ${ms('LayoutDuration')} (${n('LayoutCount')}×)`);
}
async function startTrace(cdp) {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['devtools.timeline', 'blink', 'v8.execute', 'disabled-by-default-devtools.timeline', 'cc', 'viz', 'gpu', 'toplevel'] } });
}
async function endTrace(cdp, file) {
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64') : Buffer.from(data));
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  fs.writeFileSync(file, Buffer.concat(chunks));
}

/** On a paged body, turn to the page holding offset `at` of the body and return
 * the offset within that page (the body is the pages joined); else `at`. */
async function toPage(page, at) {
  if (!(await page.$('[data-testid=body-pages]'))) return at;
  await firstPage(page);
  let start = 0;
  for (;;) {
    const len = await page.evaluate(() => document.querySelector('[data-testid=body]').value.length);
    if (at <= start + len || await page.isDisabled('[data-testid=page-next]')) return at - start;
    start += len + 1; // the newline between two pages belongs to neither
    await turnPage(page, 'next');
  }
}

// ---- editors: open a post, put the caret at a place ----
const editors = {
  async hoego(page, post, body, title, url) {
    await page.goto(url);
    await page.click('text=← 보관함');
    await page.setInputFiles('[data-testid=import-file]', post);
    // One imported file may open by itself; otherwise open it from the library.
    await page.waitForFunction((t) => document.querySelector('[data-testid=body]')
      || [...document.querySelectorAll('[data-testid=draft-item]')].some((e) => e.textContent.includes(t)), title);
    if (!(await page.$('[data-testid=body]'))) {
      await page.locator('[data-testid=draft-item]', { hasText: title }).first().locator('.draft-open').click();
    }
    // A body over PAGED_OVER lines is edited a page at a time (src/paging.rs): its first page shows.
    await page.waitForFunction((n) => {
      const ta = document.querySelector('[data-testid=body]');
      const whole = ta && (ta.value.length === n || document.querySelector('[data-testid=body-pages]'));
      return whole && document.querySelector('[data-testid=preview] .blk');
    }, body.length, { timeout: 120000 });
    // The import's autosave has run (it writes the whole post once).
    await page.waitForSelector('[data-testid=save-status].saved', { timeout: 120000 });
    return {
      preview: '[data-testid=preview]',
      under: '[data-testid=body]',
      caret: async (at) => page.evaluate((at) => {
        const ta = document.querySelector('[data-testid=body]');
        ta.focus();
        ta.setSelectionRange(at, at);
        const ratio = at / ta.value.length;
        ta.scrollTop = ratio * (ta.scrollHeight - ta.clientHeight);
      }, await toPage(page, at)),
      text: () => editorText(page),
    };
  },
  async easymde(page, post, body, title, url) {
    await page.goto(`${url}easymde.html`);
    await page.evaluate((b) => window.peerLoad(b), body);
    await page.waitForFunction(() => document.querySelector('.editor-preview-side').children.length > 0);
    return {
      preview: '.editor-preview-side',
      under: '.CodeMirror',
      caret: (at) => page.evaluate((at) => {
        const cm = window.peer.codemirror;
        cm.focus();
        cm.setCursor(cm.posFromIndex(at));
        cm.scrollIntoView(null, 200);
      }, at),
      text: () => page.evaluate(() => window.peer.value()),
    };
  },
  async textarea(page, post, body, title, url) {
    await page.goto(`${url}textarea.html`);
    await page.evaluate((b) => window.peerLoad(b), body);
    return {
      preview: '#count',
      under: '#peer',
      caret: (at) => page.evaluate((at) => {
        const ta = document.getElementById('peer');
        ta.focus();
        ta.setSelectionRange(at, at);
        ta.scrollTop = (at / ta.value.length) * (ta.scrollHeight - ta.clientHeight);
      }, at),
      text: () => page.evaluate(() => document.getElementById('peer').value),
    };
  },
};

async function measure(browser, editor, kb, post, body, title) {
  const name = editor.label;
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1600, height: 1000 } });
  let offline = 0;
  await context.route('**/*', (r) => (r.request().url().startsWith('http://127.0.0.1:') ? r.continue() : (offline++, r.abort())));
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [${name}] pageerror ${e.message}`));
  const ed = await editors[editor.kind](page, post, body, title, editor.url);
  const tweaked = editor.kind === 'hoego'
    && (!process.env.BENCH_CSS_FOR || process.env.BENCH_CSS_FOR.split(',').includes(name));
  if (tweaked && process.env.BENCH_CSS) {
    // A constructed sheet: the page's CSP refuses inline <style>.
    await page.evaluate((css) => { const s = new CSSStyleSheet(); s.replaceSync(css); document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }, process.env.BENCH_CSS);
  }
  if (tweaked && process.env.BENCH_JS) await page.evaluate(process.env.BENCH_JS);
  await page.evaluate(installProbe, { preview: ed.preview, maxFrames: 8 });
  const cdp = await context.newCDPSession(page);
  const res = {};
  for (const place of PLACES) {
    const at = places(body)[place]; // 'end' is typed first, so 'top' has not moved
    await ed.caret(at);
    // The pointer rests over the text, as after a click into it: the browser then
    // re-checks what is under it after each layout (hover), in every editor alike.
    const box = await page.locator(ed.under).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
    // Let the page go quiet (load, autosave, first analysis) before the first key.
    await new Promise((r) => setTimeout(r, 1000));
    const keys = TYPED.repeat(4).slice(0, WARMUP + KEYS);
    const samples = [];
    let before = null;
    for (let k = 0; k < keys.length; k++) {
      if (k === WARMUP && METRICS) before = await metrics(cdp);
      if (k === 0 && TRACE) await startTrace(cdp);
      if (k === WARMUP && PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.setSamplingInterval', { interval: 100 })).then(() => cdp.send('Profiler.start'));
      const r = await typeKey(cdp, page, keys[k]);
      // In IME mode the spaces between syllables are typed but not counted.
      if (k >= WARMUP && !(IME && keys[k] === ' ')) samples.push(r);
    }
    if (METRICS) printMetrics(`${name} ${kb} KB ${place}`, before, await metrics(cdp), KEYS);
    if (TRACE) await endTrace(cdp, `${TRACE}-${name}-${kb}-${place}.json`);
    if (PROFILE) fs.writeFileSync(`${PROFILE}-${name}-${kb}-${place}.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    res[place] = samples;
  }
  // The keys must have landed where we meant (both places), or the figures mean nothing.
  const text = await ed.text();
  const typed = TYPED.repeat(4).slice(0, WARMUP + KEYS);
  const ok = text.length === body.length + 2 * typed.length && text.includes(typed.trimEnd());
  if (!ok || offline) console.log(`  [${name} ${kb} KB] WARNING: text ok=${ok}, blocked non-local requests=${offline}`);
  await context.close();
  return res;
}

const summary = (samples) => {
  const t = samples.map((s) => s.total);
  return {
    n: t.length, median: q(t, 0.5), p90: q(t, 0.9),
    editing: q(samples.map((s) => s.editing), 0.5),
    update: q(samples.filter((s) => !s.unchanged).map((s) => s.update), 0.5),
    frame: q(samples.map((s) => s.frame), 0.5),
    unchanged: samples.filter((s) => s.unchanged).length,
  };
};

// The posts' images (`./organize.jpeg`, `/assets/images/…`) resolve to one tiny PNG that the
// browser may cache, for both editors alike: a preview that rebuilds its images per key pays
// what it would on a site whose images load, not a broken-image fallback.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
async function benchServe(dir) {
  const inner = await serve(dir);
  const images = http.createServer((req, res) => {
    if (/\.(png|jpe?g|gif|webp|svg)$/i.test(new URL(req.url, 'http://x').pathname)) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=86400' });
      res.end(PNG);
    } else {
      inner.server.emit('request', req, res);
    }
  });
  await new Promise((r) => images.listen(0, '127.0.0.1', r));
  return { server: { close: () => { images.close(); inner.server.close(); } }, url: `http://127.0.0.1:${images.address().port}/` };
}

// ---- run ----
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hoego-bench-'));
const peerDir = path.join(tmp, 'peer');
fs.mkdirSync(peerDir);
for (const f of ['easymde.html', 'textarea.html']) fs.copyFileSync(path.join(root, 'e2e/peer', f), path.join(peerDir, f));
for (const f of ['easymde.min.js', 'easymde.min.css']) fs.copyFileSync(path.join(root, 'node_modules/easymde/dist', f), path.join(peerDir, f));
const peerVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/easymde/package.json'), 'utf8')).version;
const servers = [];
for (const e of EDITORS) {
  const s = await benchServe(e.dir || peerDir);
  servers.push(s.server);
  e.url = s.url;
}

const posts = SIZES.map((kb) => {
  // BENCH_DEFS=1 ends the body with link reference definitions, as many posts do
  // (references resolve across blocks: the preview must still patch one block a key).
  const body = makeBody(kb) + (process.env.BENCH_DEFS ? '\n[hoego]: https://example.com "Hoego"\n[회고]: /retro\n' : '');
  const title = `타이핑 벤치마크 ${kb} KB`;
  const file = path.join(tmp, `typing-${kb}kb.md`);
  fs.writeFileSync(file, `---\ntitle: "${title}"\ndate: 2026-11-25 09:00:00 +0900\ntags: [bench]\n---\n${body}`);
  return { kb, body, title, file };
});

const browser = await chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
console.log(`typing latency, ${new Date().toISOString()}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; ${browser.version()}`);
console.log(`EasyMDE ${peerVersion}; ${ROUNDS} round(s) × ${KEYS} keys per editor, size and place ("${TYPED.slice(0, 20)}…")`);
const all = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (const p of posts) {
    // Each round starts with another editor, so a burst of load on the shared machine
    // does not always land on the same one.
    for (const editor of EDITORS.map((_, i) => EDITORS[(i + round - 1) % EDITORS.length])) {
      const name = editor.label;
      const res = await measure(browser, editor, p.kb, p.file, p.body, p.title);
      for (const place of PLACES) {
        const key = `${p.kb}|${place}|${name}`;
        (all[key] ||= []).push(...res[place]);
        const s = summary(res[place]);
        if (process.env.BENCH_RAW) console.log(res[place].map((r) => `${f1(r.total)}(${f1(r.editing)}/${f1(r.update)}/${f1(r.frame)})`).join(" "));
        console.log(`  round ${round}: ${name.padEnd(7)} ${String(p.kb).padStart(4)} KB ${place.padEnd(3)}  median ${f1(s.median).padStart(6)} ms  p90 ${f1(s.p90).padStart(6)} ms`);
      }
    }
  }
}
console.log(`load at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('\nkeydown → preview mutated → frame painted, all rounds pooled (ms; median of the parts beside):');
console.log('| body | place | editor | median | p90 | p90/median | keydown→input | input→preview mutated | mutated→painted | ÷ Hoego |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const p of posts) {
  const size = `${(Buffer.byteLength(p.body) / 1024).toFixed(0)} KB`;
  for (const place of PLACES) {
    const h = all[`${p.kb}|${place}|hoego`] && summary(all[`${p.kb}|${place}|hoego`]);
    for (const { label: name, kind } of EDITORS) {
      const s = summary(all[`${p.kb}|${place}|${name}`]);
      const ratio = name !== 'hoego' && h ? `${(s.median / h.median).toFixed(2)}×` : '';
      const note = s.unchanged ? ` (${s.unchanged} of ${s.n} keys left the preview unchanged)` : '';
      console.log(`| ${size} | ${place} | ${{ easymde: `EasyMDE ${peerVersion}`, textarea: 'bare textarea' }[kind] || (name === 'hoego' ? 'Hoego' : `Hoego (${name})`)} | ${f1(s.median)} | ${f1(s.p90)} | ${(s.p90 / s.median).toFixed(2)} | ${f1(s.editing)} | ${f1(s.update)} | ${f1(s.frame)} | ${ratio} |${note}`);
    }
  }
}
await browser.close();
for (const s of servers) s.close();
