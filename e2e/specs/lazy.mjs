// The split wasm (scripts/lazy-wasm.mjs). A first visit's first screen needs only the
// primary module, in Korean and in English. The lazy module then arrives by the prefetch,
// or, if that failed, synchronously when a moved function is first called. Every later
// visit loads it before the app starts: from the service worker's cache on a page the
// worker controls (offline too), else from the network.
import fs from 'node:fs';
import path from 'node:path';
import { drawn, firstScreenDrawn, fixturePosts, importPosts } from '../first-screen.mjs';
import { bound } from '../slowdown.mjs';

const LAZY = /_lazy\.wasm$/;

export default async function (h) {
  const { test, browser, url, root, assert, watchCsp, cspViolations, serve } = h;
  const lazyFile = fs.readdirSync(path.join(root, 'dist')).find((f) => LAZY.test(f));
  const posts = fixturePosts(root);
  const how = (page) => page.evaluate(() => globalThis.__hoegoLazy ?? 'not loaded');
  const contexts = [];

  /**
   * A context whose page's requests for the lazy module go through `route(r, kind)`,
   * kind 'fetch' (the prefetch) or 'xhr' (a load on demand), recorded in order.
   * (Chromium sends a page's synchronous XHR around the service worker, so the route
   * sees it even on a controlled page.) The worker's own request for it (its precache)
   * goes through if `worker` is true, fails if false, else goes to `worker(r)`.
   */
  async function open(locale, route, storageState, prepare, worker = true) {
    const context = await browser.newContext({ acceptDownloads: true, locale, viewport: { width: 1600, height: 1000 }, storageState });
    contexts.push(context);
    if (prepare) await prepare(context);
    context.setDefaultTimeout(bound(30000));
    await watchCsp(context, cspViolations);
    const requests = [];
    await context.route(LAZY, (r) => {
      // The service worker precaches every file, this one too: not the page's own load.
      if (r.request().serviceWorker()) {
        if (typeof worker === 'function') return worker(r);
        return worker ? r.continue() : r.abort();
      }
      const kind = r.request().resourceType();
      requests.push(kind);
      return route(r, kind);
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, requests, errors };
  }

  /**
   * Holds every request for the lazy module until the page's first screen is drawn (the
   * page says so through a binding, checked each frame), so whatever the first screen
   * runs must be in the primary. A load on demand before that (a synchronous XHR, which
   * would block the page for good if held) is let through and reported instead.
   */
  async function holdUntilFirstScreen(context) {
    let release;
    const held = new Promise((r) => { release = r; });
    let told;
    const seen = { state: null, xhrBefore: false, told: new Promise((r) => { told = r; }) };
    await context.exposeBinding('hoegoFirstScreen', (_source, state) => {
      seen.state = state;
      release();
      told();
    });
    // Injected by Playwright, not by the page: the page's CSP does not apply to it.
    await context.addInitScript({ content: `(() => {
      const drawn = ${firstScreenDrawn.toString()};
      const tick = () => drawn() ? window.hoegoFirstScreen({
        lazy: globalThis.__hoegoLazy ?? 'not loaded',
        // The export panel waits for the lazy module (src/lazy.rs): its heading alone, busy.
        pending: !!document.querySelector('[data-testid=export-pending][aria-busy=true] h2'),
        plan: !!document.querySelector('[data-testid=export-path]'),
      }) : requestAnimationFrame(tick);
      requestAnimationFrame(tick);
    })();` });
    const route = async (r, kind) => {
      if (seen.state === null && kind === 'xhr') {
        seen.xhrBefore = true;
        release();
      }
      await held;
      await r.continue();
    };
    return { route, seen };
  }

  /**
   * A route for `open` that holds the page's prefetch until `release()`. A load on demand
   * goes through (to be seen and fail the test) rather than freeze the page.
   */
  function holdPrefetch() {
    let release = () => {};
    const held = new Promise((r) => { release = r; });
    const hold = async (r, kind) => {
      if (kind !== 'xhr') await held;
      await r.continue();
    };
    return { hold, release: () => release() };
  }

  /**
   * `open` with the lazy module held back until the first screen is drawn: the page's
   * requests, and the worker's too (once it controls the page, the loader tries its cache).
   */
  async function openHeld(locale, storageState) {
    let hold;
    const opened = await open(locale, (r, kind) => hold.route(r, kind), storageState,
      async (context) => { hold = await holdUntilFirstScreen(context); }, (r) => hold.route(r, 'worker'));
    return { ...opened, seen: hold.seen };
  }

  async function closeAll() {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  }

  for (const [locale, title] of [['ko-KR', '2026년 회고'], ['en-US', '2026 in review']]) {
    await test(`lazy wasm (${locale}): a first visit's first screen draws while the lazy module is held back; a returning visit loads it before starting`, async () => {
      try {
        assert(lazyFile, 'dist/ has no *_lazy.wasm: the release build did not split its wasm');
        const a = await openHeld(locale);
        await a.page.goto(url);
        // The sample draft in the editor, its preview, stats and waiting export panel.
        await drawn(a.page, bound(60000));
        await a.seen.told; // the binding's message, which may come after the page's own answer
        assert(!a.seen.xhrBefore, 'first visit: the first screen called into the lazy module (a load on demand before it was drawn)');
        assert(a.seen.state.lazy === 'not loaded', `first visit: lazy module ${a.seen.state.lazy} when the first screen was drawn`);
        const shown = await a.page.textContent('.card-title');
        assert(shown && shown.includes(title), `preview title: ${shown}`);
        assert(await a.page.locator('[data-testid=preview] h2').count() > 3, 'the preview shows the sample body');
        assert(a.seen.state.pending && !a.seen.state.plan, `first screen: the export panel did not wait for the lazy module: ${JSON.stringify(a.seen.state)}`);
        // Once the prefetch has it, the plan replaces the heading, with no load on demand.
        await a.page.waitForSelector('[data-testid=export-path]', { timeout: bound(60000) });
        assert(await how(a.page) === 'prefetch', `first visit: lazy module ${await how(a.page)}`);
        assert(a.requests.join() === 'fetch', `first visit: lazy requests ${a.requests.join(', ')}`);
        await importPosts(a.page, posts, bound(120000));
        // A returning visit (a new session, not controlled by a service worker): the
        // library of example posts, with the lazy module loaded before the app started,
        // never on demand.
        const b = await open(locale, (r) => r.continue(), await a.context.storageState());
        await b.page.goto(url);
        await drawn(b.page, bound(60000));
        const listed = await b.page.locator('[data-testid=draft-item]').count();
        assert(listed > posts.length / 2, `the library lists the imported posts: ${listed}`);
        assert(await how(b.page) === 'before start', `returning: lazy module ${await how(b.page)}`);
        assert(b.requests.join() === 'fetch', `returning: lazy requests ${b.requests.join(', ')}`);
        await b.page.locator('[data-testid=draft-item] .draft-open').first().click();
        const [zip] = await Promise.all([b.page.waitForEvent('download'), b.page.click('[data-testid=export-zip]')]);
        assert((await zip.suggestedFilename()).endsWith('.zip'), await zip.suggestedFilename());
        assert(a.errors.length + b.errors.length === 0, `page errors: ${[...a.errors, ...b.errors].join('; ')}`);
      } finally {
        await closeAll();
      }
    });
  }

  await test('lazy wasm: when the prefetch fails, the first call into the lazy module loads it on the spot', async () => {
    try {
      // The worker cannot cache it either: once it controlled the page, the prefetch
      // would be tried again through it, and succeed.
      const { page, requests, errors } = await open('ko-KR', (r, kind) => (kind === 'fetch' ? r.abort() : r.continue()), undefined, undefined, false);
      await page.goto(url);
      await drawn(page, bound(60000));
      assert(await how(page) === 'not loaded', `installed though the prefetch failed: ${await how(page)}`);
      // The export panel says it could not be loaded (no longer busy), rather than wait on.
      await page.waitForSelector('[data-testid=export-pending][aria-busy=false] [role=status]');
      // The raw front matter box is not on the first screen: it loads the module on the
      // spot, inside a wasm call, and the panel, still on screen, draws the plan after.
      await page.click('[data-testid=mode-raw]');
      await page.waitForSelector('[data-testid=export-path]');
      assert(await how(page) === 'on demand', `lazy: ${await how(page)}`);
      // The library's site zip: its zip writer is not on the first screen's path.
      await page.click('[data-testid=back]');
      await page.locator('[data-testid=draft-item] [data-testid=draft-select]').first().check();
      await page.waitForFunction(() => document.querySelector('[data-testid=batch-count]').textContent === '1');
      const [zip] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=batch-download]')]);
      assert((await zip.suggestedFilename()).endsWith('.zip'), await zip.suggestedFilename());
      assert(await how(page) === 'on demand', `lazy: ${await how(page)}`);
      // The loader's timer may have tried the prefetch again (aborted too) meanwhile.
      const xhrs = requests.filter((k) => k === 'xhr').length;
      assert(requests[0] === 'fetch' && xhrs === 1, `lazy requests: ${requests.join(', ')} (the failed prefetch, then one load on demand)`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    } finally {
      await closeAll();
    }
  });

  await test("lazy wasm: a writer's first input on a first visit, before the lazy module has come, loads nothing on the spot", async () => {
    const { hold, release } = holdPrefetch();
    try {
      // The worker gets no copy either.
      const { page, requests, errors } = await open('ko-KR', hold, undefined, undefined, false);
      await page.goto(url);
      await drawn(page, bound(60000));
      await page.click('.card-title');
      await page.keyboard.press('Tab');
      await page.click('[data-testid=body]');
      await page.keyboard.press('End');
      await page.keyboard.type(' 끝.');
      // A Hangul syllable composed as an IME does, then committed.
      const cdp = await page.context().newCDPSession(page);
      for (const text of ['ㄱ', '그', '글']) await cdp.send('Input.imeSetComposition', { text, selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.insertText', { text: '글' });
      await page.click('[data-testid=field-title]');
      await page.keyboard.press('End');
      await page.keyboard.type(' 초안');
      // Switching to another tab, and leaving the page, flush the autosave.
      await page.evaluate(() => {
        document.dispatchEvent(new Event('visibilitychange'));
        dispatchEvent(new Event('pagehide'));
      });
      // Both edits stored by the autosave.
      await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('hoego/')
        && localStorage.getItem(k).includes('초안') && localStorage.getItem(k).includes(' 끝.글')));
      assert(!requests.includes('xhr'), `a load on demand before the prefetch came: ${requests.join(', ')}`);
      assert(await page.locator('[data-testid=export-pending][aria-busy=true]').count() === 1, 'the export panel does not wait for the held module');
      release();
      await page.waitForSelector('[data-testid=export-path]');
      const shown = await page.textContent('[data-testid=export-path]');
      assert(shown.includes('choan'), `the export plan follows the edited title: ${shown}`);
      assert(await how(page) === 'prefetch', `lazy: ${await how(page)}`);
      assert(requests.join() === 'fetch', `lazy requests: ${requests.join(', ')}`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    } finally {
      release();
      await closeAll();
    }
  });

  await test("lazy wasm: after a blip failed the prefetch and the worker's copy, it is tried again and the export plan comes with no action", async () => {
    let said = () => {};
    const seen = new Promise((r) => { said = r; });
    try {
      let fetches = 0;
      // The worker's precache fails (so it never controls the page), the network stays
      // up (so no 'online'): only the loader's own timer can try again. Its retry is held
      // until the test has seen the panel say the first fetch failed.
      const { page, requests, errors } = await open('en-US', async (r, kind) => {
        if (kind === 'fetch' && ++fetches === 1) return r.abort();
        if (kind === 'fetch') await seen;
        return r.continue();
      }, undefined, undefined, false);
      await page.goto(url);
      await drawn(page, bound(60000));
      await page.waitForSelector('[data-testid=export-pending][aria-busy=false] [role=status]');
      said();
      await page.waitForSelector('[data-testid=export-path]', { timeout: bound(60000) });
      assert(await how(page) === 'prefetch', `lazy: ${await how(page)}`);
      assert(requests.join() === 'fetch,fetch', `lazy requests: ${requests.join(', ')} (the failed prefetch, then the retry)`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    } finally {
      said();
      await closeAll();
    }
  });

  await test('lazy wasm: a prefetch that never answers is overtaken through the service worker once it controls the page', async () => {
    const { hold, release } = holdPrefetch();
    try {
      const { page, requests, errors } = await open('ko-KR', hold);
      await page.goto(url);
      await drawn(page, bound(60000));
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
      await page.waitForSelector('[data-testid=export-path]', { timeout: bound(60000) });
      assert(await how(page) === 'prefetch', `lazy: ${await how(page)}`);
      assert(requests.join() === 'fetch', `lazy requests: ${requests.join(', ')} (only the held prefetch reached the network)`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    } finally {
      release();
      await closeAll();
    }
  });

  await test('lazy wasm: a failed prefetch is tried again through the service worker once it controls the page, then works offline', async () => {
    const site = await serve(path.join(root, 'dist'));
    try {
      const { context, page, requests, errors } = await open('ko-KR', (r) => r.abort());
      await page.goto(site.url);
      await drawn(page, bound(60000));
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
      await page.waitForFunction(() => globalThis.__hoegoLazy === 'prefetch');
      assert(requests[0] === 'fetch', `the page's own prefetch was made (and failed): ${requests.join(', ')}`);
      site.setOffline(true);
      await context.setOffline(true);
      await page.fill('[data-testid=field-title]', '오프라인에서 고친 제목');
      const [md] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-md]')]);
      assert(fs.readFileSync(await md.path(), 'utf8').includes('오프라인에서 고친 제목'), 'the offline edit is exported');
      assert(!requests.includes('xhr'), `a load on demand: ${requests.join(', ')}`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    } finally {
      await closeAll();
      site.server.close();
    }
  });

  await test('lazy wasm: when it cannot be loaded at all, the page says so in its language', async () => {
    try {
      const { page, requests, errors } = await open('en-US', (r) => r.abort(), undefined, undefined, false);
      await page.goto(url);
      await drawn(page, bound(60000));
      // Going to the library, or at the latest its site zip, needs the lazy module,
      // which every request for fails.
      await page.click('[data-testid=back]');
      await page.waitForSelector('.lazy-failed[role=alert], [data-testid=draft-select]');
      if (await page.locator('.lazy-failed').count() === 0) {
        await page.locator('[data-testid=draft-item] [data-testid=draft-select]').first().check();
        await page.click('[data-testid=batch-download]');
        await page.waitForSelector('.lazy-failed[role=alert]');
      }
      const note = await page.textContent('.lazy-failed');
      assert(note.includes('could not be loaded') && note.includes('saved drafts are safe') && note.includes('may not be saved'), `notice: ${note}`);
      // The failed prefetch, then loads on demand (a failed load leaves the module missing,
      // so a later call may try again), and maybe the loader's timed retries, failed too.
      assert(requests[0] === 'fetch' && requests.includes('xhr'), `lazy requests: ${requests.join(', ')}`);
      assert(errors.some((e) => e.includes('_lazy.wasm')), `the failed call throws: ${errors.join('; ')}`);
      assert(await page.locator('.lazy-failed').count() === 1, 'said once');
    } finally {
      await closeAll();
    }
  });

  await test('lazy wasm: a page the service worker controls loads it from the cache before starting, offline too', async () => {
    const site = await serve(path.join(root, 'dist'));
    try {
      const { context, page, requests, errors } = await open('en-US', (r) => r.continue());
      await page.goto(site.url);
      await drawn(page, bound(60000));
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
      await importPosts(page, posts, bound(120000));
      site.setOffline(true);
      await context.setOffline(true);
      await page.reload();
      await drawn(page, bound(60000));
      assert(await how(page) === 'before start', `offline reload: lazy module ${await how(page)}`);
      // Everything works offline, the moved functions included: open a post, export it.
      await page.locator('[data-testid=draft-item] .draft-open').first().click();
      const [zip] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-zip]')]);
      assert((await zip.suggestedFilename()).endsWith('.zip'), await zip.suggestedFilename());
      assert(!requests.includes('xhr'), `a load on demand on a controlled page: ${requests.join(', ')}`);
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    } finally {
      await closeAll();
      site.server.close();
    }
  });
}
