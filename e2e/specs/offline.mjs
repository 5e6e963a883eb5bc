// Issue "Offline and deployable": the service worker (pwa/sw.js, written into dist/ by
// scripts/postbuild.mjs), the update notice, the manifest, launchQueue and the CSP,
// at the site root and under a sub-path (/hoego/ as on a GitHub Pages project site).
//
// "Offline" is both Playwright's context.setOffline(true) and a server that drops
// every request (and records it): whatever still loads came from the worker. A "newer
// deployment" is a copy of dist/ with a changed index.html and the post-build step run
// again (a new content hash, so a new worker), served from the same origin: no second
// trunk build.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { axeScan } from './a11y.mjs';
import { bound } from '../slowdown.mjs';

const MARK = 'meta[name=hoego-deployment]';

/** dist/ as deployed (A) and a newer deployment of it (B): its index.html differs (the
 *  other files are pinned by SRI hashes in index.html, so that is where a change shows). */
function deployments(root, tmp) {
  const a = fs.mkdtempSync(path.join(tmp, 'deploy-a-'));
  const b = fs.mkdtempSync(path.join(tmp, 'deploy-b-'));
  fs.cpSync(path.join(root, 'dist'), a, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), b, { recursive: true });
  const mark = (d, name, script = '') => {
    const index = path.join(d, 'index.html');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<title>', `<meta name=hoego-deployment content=${name}>${script}<title>`));
    execFileSync('node', [path.join(root, 'scripts/postbuild.mjs'), d], { stdio: 'pipe' });
  };
  mark(b, 'B');
  // What `trunk serve` makes: its autoreload script is inline in the page.
  const dev = fs.mkdtempSync(path.join(tmp, 'deploy-dev-'));
  fs.cpSync(path.join(root, 'dist'), dev, { recursive: true });
  mark(dev, 'dev', "<script>/* stands in for Trunk's autoreload: '.well-known/trunk/ws' */ window.__devScriptRan = true;</script>");
  const version = (d) => /const VERSION = "([0-9a-f]{16}|dev)"/.exec(fs.readFileSync(path.join(d, 'sw.js'), 'utf8'))[1];
  return { a, b, dev, va: version(a), vb: version(b), vdev: version(dev) };
}

/** Every hoego/ localStorage entry: drafts, index, prefs. */
const stored = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('hoego/')).sort().map((k) => [k, localStorage.getItem(k)])));
const cacheKeys = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('hoego-')).sort());
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: bound(30000) });
/** Poll an async page condition (waitForFunction would take the Promise for true). */
async function until(page, what, fn, arg) {
  const end = Date.now() + bound(30000);
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  }
}
const deployment = (page) => page.evaluate((m) => document.querySelector(m)?.content ?? 'A', MARK);

export default async function (h) {
  const { test, assert, browser, serve, watchCsp, cspViolations, saved, openDraft, root, tmp, CHROMIUM } = h;
  const deploy = deployments(root, tmp);

  async function visit(prefix) {
    const site = await serve(deploy.a, { prefix });
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(bound(30000));
    await watchCsp(context, cspViolations);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`  [pageerror] ${e.message}`));
    await page.goto(site.url);
    await page.waitForSelector('[data-testid=save-status]');
    await controlled(page);
    return { site, context, page };
  }

  async function offline(site, context, on) {
    site.setOffline(on);
    await context.setOffline(on);
  }

  async function offlineThenUpdate(prefix) {
    const { site, context, page } = await visit(prefix);
    try {
      const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
      assert(csp && csp.includes("'wasm-unsafe-eval'") && !/https?:|\*/.test(csp), `CSP meta: ${csp}`);
      assert((await cacheKeys(page)).join() === `hoego-${deploy.va}`, `precached as ${deploy.va}: ${await cacheKeys(page)}`);
      // The first visit opened the sample retrospective: give it a title of its own.
      await page.fill('[data-testid=field-title]', '오프라인 회고');
      await saved(page);
      // An imported image is kept in its own cache, which no update deletes.
      const png = path.join(fs.mkdtempSync(path.join(tmp, 'offline-img-')), 'cover.png');
      fs.writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
      await page.click('[data-testid=back]');
      await page.setInputFiles('[data-testid=import-file]', png);
      await page.waitForSelector('[data-testid=storage-images][data-state=stored][data-count="1"]');

      await offline(site, context, true);
      // Reload offline: the app and the draft come back.
      await page.reload();
      await page.waitForSelector('[data-testid=draft-list]');
      assert(await page.locator('[data-testid=draft-item]', { hasText: '오프라인 회고' }).count() === 1, 'draft listed offline');
      // Reload the library itself, then edit offline.
      await page.reload();
      await openDraft(page, '오프라인 회고');
      const body = page.locator('[data-testid=body]');
      await body.fill(`${await body.inputValue()}\n\n비행기 안에서 덧붙인 문단.\n`);
      await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('비행기 안에서'));
      await saved(page);
      // Reloaded with the draft open, the tab comes back to it (src/storage/open.rs).
      await page.reload();
      await page.waitForSelector('[data-testid=body]');
      assert(await page.inputValue('[data-testid=field-title]') === '오프라인 회고', 'the open draft comes back');
      assert((await page.inputValue('[data-testid=body]')).includes('비행기 안에서 덧붙인 문단.'), 'offline edit found after an offline reload');
      const leaked = site.site.offlineHits.filter((u) => !u.endsWith('/sw.js'));
      assert(leaked.length === 0, `requests that needed the network while offline: ${leaked.join(', ')}`);

      // Back online, a newer deployment is on the server: the notice offers it.
      await offline(site, context, false);
      const before = await stored(page);
      assert(Object.keys(before).some((k) => k.startsWith('hoego/v2/draft/')), 'drafts stored');
      site.setDir(deploy.b);
      await page.reload();
      await page.waitForSelector('[data-testid=update-notice]', { timeout: bound(30000) });
      assert((await page.textContent('[data-testid=update-notice]')).includes('새 버전'), 'notice in Korean');
      const axe = await axeScan(page);
      console.log(`  axe (serious+critical) update notice: ${axe.length}`);
      assert(axe.length === 0, `axe with the update notice: ${JSON.stringify(axe)}`);
      assert(await deployment(page) === 'A', 'still running deployment A until the user agrees');
      await Promise.all([page.waitForEvent('load'), page.click('[data-testid=update-reload]')]);
      await page.waitForSelector('[data-testid=save-status]');
      assert(await deployment(page) === 'B', 'deployment B runs after the reload');
      await until(page, 'only the new cache', async (v) => (await caches.keys()).filter((k) => k.startsWith('hoego-')).join() === `hoego-${v}`, deploy.vb);
      assert(await page.locator('[data-testid=update-notice]').count() === 0, 'no notice once updated');
      const after = await stored(page);
      assert(JSON.stringify(after) === JSON.stringify(before), `drafts changed by the update:\n${JSON.stringify(before).slice(0, 300)}\n${JSON.stringify(after).slice(0, 300)}`);
      await page.waitForSelector('[data-testid=field-title]');
      assert(await page.inputValue('[data-testid=field-title]') === '오프라인 회고', 'the update\'s reload comes back to the open draft');
      await page.click('[data-testid=back]');
      await page.waitForSelector('[data-testid=storage-images][data-state=stored][data-count="1"]');

      // Deployment B works offline too, with the edit.
      await offline(site, context, true);
      await page.reload();
      await openDraft(page, '오프라인 회고');
      assert((await page.inputValue('[data-testid=body]')).includes('비행기 안에서 덧붙인 문단.'), 'edit intact offline on B');
      assert(await deployment(page) === 'B', 'B served offline');
    } finally {
      await context.close();
      site.server.close();
    }
  }

  await test('offline at the site root: reload library and open draft, edit, reload; newer deployment offered, drafts intact', () => offlineThenUpdate('/'));
  await test('offline under /hoego/: the same flow from a sub-path', () => offlineThenUpdate('/hoego/'));

  await test('under `trunk serve` the worker caches nothing and clears what a production build cached', async () => {
    assert(deploy.vdev === 'dev', `dev worker version: ${deploy.vdev}`);
    const { site, context, page } = await visit('/');
    try {
      assert((await cacheKeys(page)).length === 1, 'production worker cached the app');
      site.setDir(deploy.dev);
      await page.reload();
      await until(page, 'caches cleared', async () => (await caches.keys()).filter((k) => k.startsWith('hoego-')).length === 0);
      await until(page, 'worker unregistered', async () => (await navigator.serviceWorker.getRegistrations()).length === 0);
      await page.reload();
      await page.waitForSelector('[data-testid=save-status]');
      assert(await deployment(page) === 'dev', 'the dev server answers, not a cache');
      assert(await page.evaluate(() => window.__devScriptRan === true), "the dev server's inline script runs");
      assert(await page.locator('meta[http-equiv=Content-Security-Policy]').count() === 0, 'no CSP in dev (trunk serve rewrites its inline script)');
      assert(await page.evaluate(() => navigator.serviceWorker.controller === null), 'no worker controls the dev page');
      assert((await cacheKeys(page)).length === 0, 'nothing cached in dev');
    } finally {
      await context.close();
      site.server.close();
    }
  });

  await test('installable at / and /hoego/: no installability errors, manifest parsed with maskable icon and .md file handler', async () => {
    // Chromium never offers installation in an incognito profile (Playwright's
    // newContext): this one test uses a real, persistent profile.
    const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(tmp, 'profile-')), { ...CHROMIUM, locale: 'ko-KR' });
    await watchCsp(context, cspViolations);
    try {
      for (const prefix of ['/', '/hoego/']) {
        const site = await serve(deploy.a, { prefix });
        const page = await context.newPage();
        try {
          await page.goto(site.url);
          await page.waitForSelector('[data-testid=save-status]');
          await controlled(page);
          const cdp = await context.newCDPSession(page);
          const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
          assert(installabilityErrors.length === 0, `${prefix}: ${JSON.stringify(installabilityErrors)}`);
          const m = await cdp.send('Page.getAppManifest');
          assert(m.errors.length === 0, `${prefix}: manifest errors ${JSON.stringify(m.errors)}`);
          assert(m.url === `${site.url}manifest.webmanifest`, `${prefix}: manifest at ${m.url}`);
          const manifest = JSON.parse(m.data);
          assert(manifest.start_url === './' && manifest.scope === './', 'relative start_url and scope');
          assert(manifest.icons.some((i) => i.purpose === 'maskable'), 'maskable icon');
          assert(manifest.theme_color && manifest.user_preferences.color_scheme.dark.theme_color, 'light and dark theme colours');
          assert(/[가-힣]/.test(manifest.description) && /[a-z]{4}/.test(manifest.description), 'Korean and English description');
          const metas = await page.$$eval('meta[name=theme-color]', (ms) => ms.map((m) => m.media).sort().join());
          assert(metas === '(prefers-color-scheme: dark),(prefers-color-scheme: light)', `theme-color metas: ${metas}`);
          assert(manifest.file_handlers[0].accept['text/markdown'].includes('.md'), '.md file handler');
          for (const icon of manifest.icons) {
            const size = await page.evaluate(async (src) => {
              const img = new Image();
              img.src = src;
              await img.decode();
              return `${img.naturalWidth}x${img.naturalHeight}`;
            }, icon.src);
            assert(size === icon.sizes, `${prefix}${icon.src}: ${size} declared ${icon.sizes}`);
          }
        } finally {
          await page.close();
          site.server.close();
        }
      }
    } finally {
      await context.close();
    }
  });

  await test('files the OS opens with the installed app (launchQueue) become drafts', async () => {
    const site = await serve(deploy.a, { prefix: '/hoego/' });
    const context = await browser.newContext({ locale: 'ko-KR' });
    context.setDefaultTimeout(bound(30000));
    await watchCsp(context, cspViolations);
    // Stand in for the browser's launch: capture the consumer the app sets.
    await context.addInitScript(() => {
      const fake = { setConsumer(fn) { window.__hoegoLaunch = fn; } };
      if (window.LaunchQueue) window.LaunchQueue.prototype.setConsumer = fake.setConsumer;
      else Object.defineProperty(window, 'launchQueue', { value: fake });
    });
    const page = await context.newPage();
    try {
      await page.goto(site.url);
      await page.waitForFunction(() => typeof window.__hoegoLaunch === 'function');
      await page.evaluate(() => window.__hoegoLaunch({
        files: [
          { getFile: async () => new File(['---\ntitle: "OS에서 연 회고"\n---\n\n본문\n'], 'opened.md', { type: 'text/markdown' }) },
          { getFile: async () => { throw new DOMException('gone', 'NotFoundError'); } },
        ],
      }));
      // The imported draft is stored: read every draft's current revision through the index.
      await page.waitForFunction(() => {
        const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
        return index.drafts.some((e) => (localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`) || '').includes('OS에서 연 회고'));
      });
      const names = (await h.storedDrafts(page)).map((d) => d.name);
      assert(names.includes('opened.md'), `imported under its file name: ${names}`);
    } finally {
      await context.close();
      site.server.close();
    }
  });

  await test('CSP: an inline script the build did not hash and a remote image are blocked, and the check sees both', async () => {
    const site = await serve(deploy.a);
    const context = await browser.newContext({ locale: 'ko-KR' });
    context.setDefaultTimeout(bound(30000));
    const seen = [];
    await watchCsp(context, seen);
    const page = await context.newPage();
    try {
      await page.goto(site.url);
      await page.waitForSelector('[data-testid=save-status]');
      const own = await page.evaluate(() => window.__hoegoCspSeen || []);
      assert(own.length === 0, `the app itself violates its CSP: ${own}`);
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.head.append(s);
        const img = new Image();
        img.src = 'https://tracker.invalid/pixel.png';
        document.body.append(img);
      });
      await page.waitForFunction(() => (window.__hoegoCspSeen || []).length >= 2);
      assert(!(await page.evaluate(() => window.__injected)), 'the injected inline script did not run');
      const got = await page.evaluate(() => window.__hoegoCspSeen);
      assert(got.some((v) => v.includes('script-src')), `inline script reported: ${got}`);
      assert(got.some((v) => v.includes('img-src') && v.includes('tracker.invalid')), `remote image reported: ${got}`);
      // ...and reached the harness's sink, the one that fails a test (binding calls are async).
      await page.evaluate(() => new Promise(requestAnimationFrame));
      assert(seen.length >= 1, 'harness sink saw the violations');
    } finally {
      await context.close();
      site.server.close();
    }
  });
}
