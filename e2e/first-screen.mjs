// "The first screen is drawn": what the split wasm's profile is recorded up to
// (scripts/lazy-wasm.mjs) and what e2e/specs/lazy.mjs proves needs no lazy module.
// A first visit shows the sample draft in the editor (preview, stats, export panel);
// a returning visit shows the library.
import fs from 'node:fs';
import path from 'node:path';

/**
 * In the page: true once the library, or the editor with its preview, stats and export
 * panel, is drawn. On a first visit of a split build the export panel shows only its
 * heading until the lazy module arrives (src/lazy.rs): that is its first screen.
 */
export function firstScreenDrawn() {
  const q = (s) => document.querySelector(s);
  if (!q('[data-testid=save-status]')) return false;
  if (q('[data-testid=draft-list]')) return true;
  const preview = q('[data-testid=preview]');
  return !!preview && !!preview.querySelector('h1, h2, p')
    && !q('[data-testid=preview][aria-busy], [data-testid=preview] [aria-busy]')
    && (!!q('[data-testid=export-path]')?.textContent.trim() || !!q('[data-testid=export-pending]'))
    && !!q('[data-testid=stats]')?.textContent.trim();
}

/** Waits for the first screen to be drawn (a state, for tests). */
export async function drawn(page, timeout) {
  await page.waitForFunction(firstScreenDrawn, null, { timeout });
}

/**
 * For the build's profile, not for tests (it waits for time, which a test must not):
 * waits for the first screen, then until the page's DOM has not changed for `quietMs`
 * (the autosave, the export panel and the stats each run on a short timer after a
 * change; at most `maxMs`).
 */
export async function firstScreen(page, { quietMs = 1000, maxMs = 20000, timeout = 120000 } = {}) {
  await page.waitForFunction(firstScreenDrawn, null, { timeout });
  await page.evaluate(([quiet, max]) => new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    const watch = new MutationObserver(() => { last = performance.now(); });
    watch.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const tick = () => {
      const now = performance.now();
      if (now - last >= quiet || now - start >= max) {
        watch.disconnect();
        resolve();
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), [quietMs, maxMs]);
}

/** The repository's example posts (tests/fixtures: posts, blogs, series), as files to import. */
export function fixturePosts(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  for (const d of ['posts', 'blogs', 'series']) walk(path.join(root, 'tests', 'fixtures', d));
  return out;
}

/**
 * From the editor of a first visit: back to the library, import `files`, and wait until
 * every one is a draft and saved (a file already there by name and text is not added twice).
 */
export async function importPosts(page, files, timeout = 120000) {
  await page.click('[data-testid=back]');
  await page.waitForSelector('[data-testid=draft-list]', { timeout });
  const before = await page.locator('[data-testid=draft-item]').count();
  const distinct = new Set(files.map((f) => `${path.basename(f)}\0${fs.readFileSync(f, 'utf8')}`)).size;
  await page.setInputFiles('[data-testid=import-file]', files);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before + distinct, { timeout });
  await page.waitForFunction(() => document.querySelector('[data-testid=save-status]')?.classList.contains('saved'), null, { timeout });
}
