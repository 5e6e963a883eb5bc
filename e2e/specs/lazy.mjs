// The split wasm (scripts/lazy-wasm.mjs): the first screen needs only the primary
// module, and the lazy one arrives either by the prefetch after start or, if that
// failed or has not finished, synchronously when a moved function is first called.
import fs from 'node:fs';
import path from 'node:path';
import { firstScreen } from '../first-screen.mjs';

const LAZY = /_lazy\.wasm$/;

export default async function (h) {
  const { test, browser, url, root, assert, watchCsp, cspViolations } = h;
  const lazyFile = fs.readdirSync(path.join(root, 'dist')).find((f) => LAZY.test(f));

  /** A context whose page's requests for the lazy module go through `route(r, kind)`. */
  async function open(route, storageState) {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'ko-KR', viewport: { width: 1600, height: 1000 }, storageState });
    await watchCsp(context, cspViolations);
    const requests = []; // 'fetch' (the prefetch) or 'xhr' (a load on demand), in order
    await context.route(LAZY, (r) => {
      // The service worker precaches every file, this one too: not the page's own load.
      if (r.request().serviceWorker()) return r.continue();
      const kind = r.request().resourceType();
      requests.push(kind);
      return route(r, kind);
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, requests, errors };
  }

  await test('lazy wasm: the build is split, and the first screen draws while the lazy module is held back', async () => {
    assert(lazyFile, 'dist/ has no *_lazy.wasm: the release build did not split its wasm');
    let release;
    const held = new Promise((r) => { release = r; });
    // The prefetch waits until released. A load on demand (a synchronous XHR, which
    // would block the page while held) is let through and fails the test below.
    const { context, page, requests, errors } = await open(async (r, kind) => {
      if (kind === 'fetch') await held;
      await r.continue();
    });
    await page.goto(url);
    // The sample draft in the editor, its preview, export plan and stats, then quiet
    // (the autosave ran): the whole first screen.
    await firstScreen(page);
    const title = await page.textContent('.card-title');
    assert(title && title.includes('2026'), `preview title: ${title}`);
    assert(await page.locator('[data-testid=preview] h2').count() > 3, 'the preview shows the sample body');
    assert(JSON.stringify(requests) === '["fetch"]', `lazy requests before release: ${requests.join(', ')} (an xhr: the first screen needed the lazy module)`);
    assert(await page.evaluate(() => globalThis.__hoegoLazy) === undefined, 'the lazy module was installed while held');
    // A returning visit's first screen (the library) likewise: the saved draft in a new
    // context (its own page load; in this one the service worker would answer).
    const back = await open(async (r, kind) => {
      if (kind === 'fetch') await held;
      await r.continue();
    }, await context.storageState());
    await back.page.goto(url);
    await firstScreen(back.page);
    assert(await back.page.locator('[data-testid=draft-item]').count() === 1, 'the library shows the saved sample');
    assert(JSON.stringify(back.requests) === '["fetch"]', `returning: lazy requests before release: ${back.requests.join(', ')}`);
    assert(await back.page.evaluate(() => globalThis.__hoegoLazy) === undefined, 'returning: installed while held');
    release();
    for (const p of [page, back.page]) await p.waitForFunction(() => globalThis.__hoegoLazy === 'prefetch');
    await back.page.locator('[data-testid=draft-item] .draft-open').first().click();
    await back.page.waitForSelector('[data-testid=export-zip]');
    const [zip] = await Promise.all([back.page.waitForEvent('download'), back.page.click('[data-testid=export-zip]')]);
    assert((await zip.suggestedFilename()).endsWith('.zip'), await zip.suggestedFilename());
    assert(errors.length + back.errors.length === 0, `page errors: ${[...errors, ...back.errors].join('; ')}`);
    await back.context.close();
    await context.close();
  });

  await test('lazy wasm: when the prefetch fails, the first call into the lazy module loads it on the spot', async () => {
    const { context, page, requests, errors } = await open((r, kind) => (kind === 'fetch' ? r.abort() : r.continue()));
    await page.goto(url);
    await firstScreen(page);
    assert(await page.evaluate(() => globalThis.__hoegoLazy) === undefined, 'installed though the prefetch failed');
    // The library's site zip: its zip writer is not on the first screen's path.
    await page.click('text=← 보관함');
    await page.locator('[data-testid=draft-item] [data-testid=draft-select]').first().check();
    await page.waitForFunction(() => document.querySelector('[data-testid=batch-count]').textContent === '1');
    const [zip] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=batch-download]')]);
    assert((await zip.suggestedFilename()).endsWith('.zip'), await zip.suggestedFilename());
    assert(await page.evaluate(() => globalThis.__hoegoLazy) === 'on demand', `lazy: ${await page.evaluate(() => globalThis.__hoegoLazy)}`);
    assert(JSON.stringify(requests) === '["fetch","xhr"]', `lazy requests: ${requests.join(', ')} (the failed prefetch, then the load on demand)`);
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    await context.close();
  });
}
