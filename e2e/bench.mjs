// Keystroke-to-preview latency on a 235 KB post, in Debian Chromium.
// Prints median and p95 for (a) input event → preview DOM patched and (b) → next frame.
// usage: node e2e/bench.mjs   (expects dist/ built by `trunk build --release`)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, CHROMIUM } from './serve.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sample = fs.readFileSync(path.join(root, 'assets/sample-ko.md'), 'utf8');
const bodyStart = sample.indexOf('\n---\n', 4) + 5;
let post = sample.replace(/^title: .*$/m, 'title: "235KB 벤치마크 회고"');
let i = 0;
while (Buffer.byteLength(post) < 235 * 1024) post += `\n\n## 섹션 ${++i}\n` + sample.slice(bodyStart);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoego-bench-')), 'long-review.md');
fs.writeFileSync(file, post);

const { server, url } = await serve(path.join(root, 'dist'));
const browser = await chromium.launch(CHROMIUM);
const page = await (await browser.newContext({ locale: 'ko-KR', viewport: { width: 1600, height: 1000 } })).newPage();
page.on('console', (m) => { if (m.text().startsWith('PROF')) console.log(m.text()); });
await page.goto(url);
await page.click('text=← 보관함');
await page.setInputFiles('[data-testid=import-file]', file);
await page.locator('[data-testid=draft-item]', { hasText: '235KB 벤치마크' }).first().locator('.draft-open').click().catch(() => {});
await page.waitForSelector('[data-testid=body]');
const result = await page.evaluate(async () => {
  const ta = document.querySelector('[data-testid=body]');
  const enc = new TextEncoder();
  const settle = (len) => new Promise((r) => { const f = () => (window.__hoegoPreviewRev === len ? r() : setTimeout(f, 0)); f(); });
  const patched = [], framed = [], app = [];
  let pos = Math.floor(ta.value.length / 2);
  for (let k = 0; k < 60; k++) {
    const ch = k % 2 ? '가' : ' ';
    const t0 = performance.now();
    ta.setRangeText(ch, pos, pos, 'end');
    pos += 1;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: ch }));
    await settle(enc.encode(ta.value).length);
    const t1 = performance.now();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const t2 = performance.now();
    if (k >= 10) { patched.push(t1 - t0); framed.push(t2 - t0); app.push(window.__hoegoPatchedAt - window.__hoegoInputAt); }
  }
  const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
    // The same edits in a bare textarea (no app): the browser's own cost.
  const bare = document.createElement('textarea');
  bare.className = ta.className; bare.value = ta.value; ta.parentNode.appendChild(bare); ta.style.display = 'none';
  const bareT = [];
  for (let k = 0; k < 30; k++) {
    const t0 = performance.now();
    bare.setRangeText('가', pos, pos, 'end'); pos++;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    bareT.push(performance.now() - t0);
  }
  return { appMedian: q(app, 0.5), appP95: q(app, 0.95), bareMedian: q(bareT, 0.5), size: enc.encode(ta.value).length, n: patched.length, patchedMedian: q(patched, 0.5), patchedP95: q(patched, 0.95), frameMedian: q(framed, 0.5), frameP95: q(framed, 0.95), blocks: document.querySelector('[data-testid=preview]').children.length };
});
console.log(`post body: ${(result.size / 1024).toFixed(0)} KB in ${result.blocks} preview blocks, ${result.n} keystrokes measured`);
console.log(`app share (input event → preview DOM patched, measured inside the app): median ${result.appMedian.toFixed(1)} ms, p95 ${result.appP95.toFixed(1)} ms`);
console.log(`bare <textarea> with the same text, no app (browser layout only): median ${result.bareMedian.toFixed(1)} ms per keystroke`);
console.log(`keystroke → preview DOM patched: median ${result.patchedMedian.toFixed(1)} ms, p95 ${result.patchedP95.toFixed(1)} ms`);
console.log(`keystroke → next frame:          median ${result.frameMedian.toFixed(1)} ms, p95 ${result.frameP95.toFixed(1)} ms`);
await browser.close();
server.close();
