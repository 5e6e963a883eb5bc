// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules, run from node_modules,
// never a CDN) over every view and state, in both themes and both languages.
// A serious or critical violation fails the test; every state's count is printed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page; returns the serious and critical violations. */
export async function axeScan(page) {
  // page.evaluate runs through the DevTools protocol, so the page's CSP does not block it.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  }, TAGS);
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export default async function (h) {
  const { test, fresh, assert, importFiles, openDraft, fixturesDir, titles, tmp } = h;

  await test('a11y: axe-core finds no serious or critical violation in any view, theme or language', async () => {
    const report = [];
    const failures = [];
    for (const [lang, theme] of [['ko', 'light'], ['ko', 'dark'], ['en', 'light'], ['en', 'dark']]) {
      const { context, page } = await fresh();
      const scan = async (state) => {
        const v = await axeScan(page);
        report.push(`${lang}/${theme} ${state}: ${v.length}`);
        for (const x of v) failures.push(`${lang}/${theme} ${state}: ${x.id} (${x.impact}) at ${x.nodes.join(' | ')}`);
      };
      if (lang === 'en') {
        await page.click('[data-testid=toggle-lang]');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
      if (theme === 'dark') {
        await page.click('[data-testid=toggle-theme]');
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      }
      // Editor, form mode (the first visit opens the sample retrospective).
      await page.waitForSelector('[data-testid=preview] h2');
      // The export plan too, which on a first visit waits for the lazy wasm (src/lazy.rs).
      await page.waitForSelector('[data-testid=export-path]');
      await scan('editor (form)');
      // Raw front matter mode.
      await page.click('[data-testid=mode-raw]');
      await page.waitForSelector('[data-testid=raw-front-matter]');
      await scan('editor (raw front matter)');
      await page.click('[data-testid=mode-form]');
      await page.waitForSelector('[data-testid=field-title]');
      // Library with drafts and notices (import), then search.
      await page.click('[data-testid=back]');
      const f = 'minimal-mistakes-jekyll-2022-07-28.md';
      const broken = path.join(tmp, `a11y-broken-${lang}-${theme}.md`);
      fs.writeFileSync(broken, '---\ntitle: [oops\n---\n\n본문\n');
      await importFiles(page, [path.join(fixturesDir, f), broken]);
      await page.waitForSelector('[data-testid=notices]');
      await scan('library (drafts, notices)');
      await page.fill('[data-testid=search]', '회고');
      await scan('library (search)');
      await page.fill('[data-testid=search]', '');
      // Export panel with warnings (Liquid and kramdown lines exported to Gatsby).
      await openDraft(page, titles[f]);
      await page.selectOption('[data-testid=export-target]', 'gatsby');
      await page.waitForSelector('[data-testid=export-warnings]', { state: 'attached' });
      await page.click('[aria-controls=Hoego-export-warnings]');
      await page.waitForSelector('[data-testid=export-warnings]', { state: 'visible' });
      await scan('editor (export panel with warnings)');
      // A draft in raw mode because its front matter is broken.
      await page.click('[data-testid=back]');
      await page.locator('[data-testid=draft-item]', { hasText: 'raw' }).first().locator('.draft-open').click();
      await page.waitForSelector('[data-testid=body]');
      await scan('editor (draft in raw mode)');
      // Recovery view of an unreadable stored value.
      await page.evaluate(() => localStorage.setItem('hoego/v1/draft/a11y-corrupt', '{"schema":1, "text": "반쯤'));
      await h.reloadToLibrary(page);
      await page.click('text=hoego/v1/draft/a11y-corrupt');
      await page.waitForSelector('[data-testid=recovery]');
      await scan('recovery view');
      // Empty library: delete every draft (the undo notice stays on screen).
      await page.click('[data-testid=back]');
      await page.evaluate(() => localStorage.removeItem('hoego/v1/draft/a11y-corrupt'));
      while (await page.locator('[data-testid=delete-draft]').count()) {
        const n = await page.locator('[data-testid=delete-draft]').count();
        await page.locator('[data-testid=delete-draft]').first().click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid=delete-draft]').length < n, n);
      }
      await scan('library (empty, undo notice)');
      await context.close();
    }
    console.log(`  axe (serious+critical) per state:\n    ${report.join('\n    ')}`);
    assert(failures.length === 0, `axe violations:\n${failures.join('\n')}`);
  });

  await test('a11y: the preview names task boxes in the UI language, after a switch and after typing in their item', async () => {
    const { page } = await fresh();
    // The first visit opens the sample retrospective, whose goals are task items.
    await page.waitForSelector('[data-testid=preview] input[type=checkbox]');
    const named = (open, done) => page.waitForFunction(([o, d]) => {
      const boxes = [...document.querySelectorAll('[data-testid=preview] input[type=checkbox]')];
      return boxes.length > 0 && boxes.every((b) => b.getAttribute('aria-label') === (b.checked ? d : o));
    }, [open, done]);
    await named('남은 할 일', '완료한 할 일');
    await page.click('[data-testid=toggle-lang]');
    await named('Open task', 'Done task');
    // A key in a task item's text changes only that text node (src/preview_dom.rs): the box it
    // keeps must still carry the English name.
    await page.evaluate(() => {
      const ta = document.querySelector('[data-testid=body]');
      const at = ta.value.indexOf('\n', ta.value.indexOf('- [ ] ')) ;
      ta.focus();
      ta.setSelectionRange(at, at);
    });
    await page.keyboard.type(' 더');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=preview] li')].some((li) => li.querySelector('input[type=checkbox]') && li.textContent.endsWith(' 더')));
    await named('Open task', 'Done task');
  });

  await test('a11y: a block too large to preview is noted in the UI language, after a switch too', async () => {
    const { page } = await fresh();
    await page.click('[data-testid=back]');
    const file = path.join(tmp, 'omitted-note.md');
    fs.writeFileSync(file, `---\ntitle: "긴 목록"\n---\n문단\n\n${'- 항목\n'.repeat(2100)}`);
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=preview-omitted]');
    const note = () => page.textContent('[data-testid=preview-omitted]');
    assert((await note()).startsWith('미리보기 생략'), `Korean note: ${await note()}`);
    await page.click('[data-testid=toggle-lang]');
    await page.waitForFunction(() => document.querySelector('[data-testid=preview-omitted]').textContent.startsWith('Not previewed'));
    assert((await note()).includes('2,101 HTML elements'), `English note keeps its numbers: ${await note()}`);
  });

  // A screen reader lists form fields by name: two called "Offset" (the date's and the
  // export's) could not be told apart. And a control a finger taps is 24 px at least
  // (WCAG 2.5.8): a tag's remove button was 22 x 13 px.
  await test('a11y: the editor\'s fields have distinct names in both languages, and tag remove buttons are 24 px', async () => {
    const { context, page } = await fresh({ viewport: { width: 390, height: 844 } });
    await page.waitForSelector('[data-testid=export-path]');
    for (const lang of ['ko', 'en']) {
      const dupes = await page.evaluate(() => {
        const name = (el) => (el.getAttribute('aria-label') || [...(el.labels || [])].map((l) => l.textContent).join(' ')
          || (el.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent || '').join(' ')).trim();
        const seen = new Map();
        for (const el of document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')) {
          // (The preview's task boxes are named by their state, one per item, as they should be.)
          if (!el.getClientRects().length || el.closest('.markdown')) continue;
          const n = name(el);
          seen.set(n, (seen.get(n) || 0) + 1);
        }
        return [...seen].filter(([n, c]) => c > 1 || !n);
      });
      assert(dupes.length === 0, `${lang}: fields without a name of their own: ${JSON.stringify(dupes)}`);
      const small = await page.$$eval('[data-testid=field-tags] .chip-x, [data-testid=field-categories] .chip-x', (els) => els
        .map((e) => e.getBoundingClientRect()).filter((r) => r.width < 24 || r.height < 24).map((r) => `${r.width}x${r.height}`));
      const count = await page.locator('.chip-x').count();
      assert(count > 0 && small.length === 0, `${lang}: ${count} remove buttons, too small: ${small.join(', ')}`);
      if (lang === 'ko') {
        await page.click('[data-testid=toggle-lang]');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
    }
    await context.close();
  });
}
