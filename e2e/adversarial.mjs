// The browser half of the adversarial-input benchmark: imports, opens and
// pastes each shape of e2e/specs/adversarial.mjs in Chromium and prints the
// longest main-thread task of each step (the limit: 200 ms).
// usage: node e2e/adversarial.mjs [KB]   (expects dist/ built by `bash scripts/build.sh`; default 1024 KB)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, CHROMIUM } from './serve.mjs';
import { inputs, run } from './specs/adversarial.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const kb = Number(process.argv[2] || 1024);
const only = process.argv[3] ? process.argv[3].split(',') : null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hoego-adv-'));
const { server, url } = await serve(path.join(root, process.env.DIST || 'dist'));
const browser = await chromium.launch(CHROMIUM);
console.log(`longest main-thread task / longest frame per step, ${kb} KB inputs (Chromium, ${process.env.DIST || 'dist'}/):`);
console.log('(task: a script task; frame: a long animation frame, its tasks plus the style, layout and paint they caused)');
console.log(`${'input'.padEnd(18)} ${'import+open'.padStart(13)} ${'open+preview'.padStart(13)} ${'paste'.padStart(13)}  checks`);
for (const [name, text, mark] of inputs(kb)) {
  if (only && !only.includes(name)) continue;
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=save-status]');
  try {
    const r = await run(page, { name, text, mark, tmp });
    const ok = r.stored === text && r.editor && r.pastedStored ? 'ok' : 'LOST TEXT';
    const both = (s) => `${s.max} / ${s.frame}`.padStart(13);
    console.log(`${name.padEnd(18)} ${both(r.imported)} ${both(r.open)} ${both(r.pasted)}  ${ok}, preview depth ${r.depth}`);
  } catch (e) {
    console.log(`${name.padEnd(18)} failed: ${String(e.message).split('\n')[0]}`);
  }
  await context.close();
}
await browser.close();
server.close();
