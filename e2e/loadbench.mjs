// First load (network) vs repeat load (from the service worker), in Debian Chromium.
// "Ready" = the app has read storage and drawn its main area: the preview's first
// heading (a first visit's sample draft) or the library's list, timed inside the page
// from the navigation's start; on the first load also "plan", the export plan drawn
// beside the sample draft (on a first visit it waits for the lazy half of a split wasm:
// src/lazy.rs). Each row is the median of RUNS fresh profiles; the repeat load is a reload of the same profile once the worker
// controls it. Network profiles use Chromium's own throttling (CDP); a response from
// the worker's cache never touches the network, so throttling does not slow it.
// Served gzip-compressed under /hoego/, as GitHub Pages serves a project site.
// usage: node e2e/loadbench.mjs   (expects dist/ built by `bash scripts/build.sh`; LOADBENCH_DIST=dir for another)
import { chromium } from 'playwright-core';
import path from 'node:path';
import { serve, CHROMIUM } from './serve.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RUNS = 5;
const PROFILES = [
  { name: 'localhost, no throttling', net: null },
  { name: '10 Mbit/s, 40 ms RTT', net: { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 } },
  { name: '1.6 Mbit/s, 150 ms RTT', net: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } },
];

const { server, url } = await serve(process.env.LOADBENCH_DIST || path.join(root, 'dist'), { prefix: '/hoego/', gzip: true });
const browser = await chromium.launch(CHROMIUM);

async function measure(page) {
  await page.waitForFunction(() => window.__hoegoReady !== undefined, null, { timeout: 60000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const bytes = [nav, ...res].reduce((n, e) => n + (e.transferSize || 0), 0);
    return { ms: window.__hoegoReady, bytes, fromWorker: nav.workerStart > 0 };
  });
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`first load vs repeat load from the service worker (${url}, median of ${RUNS}; ready = the preview or the library drawn)`);
for (const { name, net } of PROFILES) {
  const first = [], repeat = [], plan = [];
  let firstBytes = 0, repeatBytes = 0, allFromWorker = true;
  for (let r = 0; r < RUNS; r++) {
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } });
    await context.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (window.__hoegoReady === undefined && document.querySelector('[data-testid=preview] h2, [data-testid=draft-list]')) {
          window.__hoegoReady = performance.now();
        }
        if (document.querySelector('[data-testid=export-path]')) {
          window.__hoegoPlan = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (net) await cdp.send('Network.emulateNetworkConditions', net);
    await page.goto(url);
    const a = await measure(page);
    await page.waitForFunction(() => window.__hoegoPlan !== undefined, null, { timeout: 120000 });
    plan.push(await page.evaluate(() => window.__hoegoPlan));
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 120000 });
    await page.reload();
    const b = await measure(page);
    first.push(a.ms); repeat.push(b.ms);
    firstBytes = a.bytes; repeatBytes = b.bytes; allFromWorker &&= b.fromWorker;
    await context.close();
  }
  console.log(`  ${name.padEnd(26)} first load ${median(first).toFixed(0).padStart(5)} ms, plan ${median(plan).toFixed(0).padStart(5)} ms (${(firstBytes / 1000).toFixed(1)} KB over the network)   repeat load ${median(repeat).toFixed(0).padStart(5)} ms (${(repeatBytes / 1000).toFixed(1)} KB; ${allFromWorker ? 'served by the worker' : 'NOT from the worker'})`);
}
server.close();
await browser.close();
