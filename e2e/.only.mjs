// End-to-end tests of the built app (dist/) in Debian Chromium via
// playwright-core. usage: node e2e/run.mjs HOEGO_BIN
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, CHROMIUM } from './serve.mjs';
import { watchCsp } from './csp.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
const hoego = process.argv[2] || path.join(root, 'target/release/hoego');
const fixturesDir = path.resolve(root, 'tests/fixtures/posts');
const fixtures = fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.md')).sort();
const out = path.join(here, 'out');
fs.mkdirSync(out, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hoego-e2e-'));

const { server, url } = await serve(path.join(root, 'dist'));
const browser = await chromium.launch(CHROMIUM);
let passed = 0, failed = 0;
const cspViolations = []; // filled by watchCsp for every context fresh() makes; any entry fails the test

function assert(cond, msg) { if (!cond) throw new Error(msg); }
function cli(args) { return execFileSync(hoego, args, { stdio: ['ignore', 'pipe', 'pipe'] }); }

async function fresh(opts = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'ko-KR', viewport: { width: 1600, height: 1000 }, ...opts });
  await watchCsp(context, cspViolations);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('[data-testid=save-status]');
  return { context, page };
}

async function test(name, fn) {
  const t0 = Date.now();
  cspViolations.length = 0;
  try {
    await fn();
    if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n  ${cspViolations.join('\n  ')}`);
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.stack || e}`);
  }
}

const saved = (page) => page.waitForFunction(() => {
  const s = document.querySelector('[data-testid=save-status]');
  return s && s.classList.contains('saved');
}, null, { timeout: 5000 });

async function importFiles(page, files) {
  await page.setInputFiles('[data-testid=import-file]', files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length >= n, files.length);
}

async function openDraft(page, titleText) {
  await page.locator('[data-testid=draft-item]', { hasText: titleText }).first().locator('.draft-open').click();
  await page.waitForSelector('[data-testid=body]');
}

async function storedText(page, name) {
  return page.evaluate((name) => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k.startsWith('hoego/v1/draft/')) continue;
      const v = JSON.parse(localStorage.getItem(k));
      if (v.name === name) return v.text;
    }
    return null;
  }, name);
}

const titles = {};
for (const f of fixtures) titles[f] = JSON.parse(cli(['show', path.join(fixturesDir, f)]).toString()).title;

// Further suites live one topic a file in e2e/specs/ (so parallel work on
// different topics never edits one file); each exports `default async (h)`
// and registers its tests with `h.test`, using the same helpers as above.
const specsDir = path.join(here, 'specs');
const harness = { test, fresh, assert, cli, saved, importFiles, openDraft, storedText, browser, url, root, here, fixturesDir, fixtures, titles, tmp, out, serve, CHROMIUM, watchCsp, cspViolations };
for (const f of fs.existsSync(specsDir) ? fs.readdirSync(specsDir).filter((f) => f.endsWith('.mjs') && (!process.env.ONLY || f.includes(process.env.ONLY))).sort() : []) {
  const spec = await import(path.join(specsDir, f));
  await spec.default(harness);
}

server.close();
await browser.close();
console.log(`screenshots: ${out}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
