// Regression (issue: "a click on Download .md right after changing the flavor
// produced no download"): the export controls never move under the pointer,
// and a click straight after a settings change downloads those settings.
import fs from 'node:fs';
import path from 'node:path';
import { bound } from '../slowdown.mjs';

export default async function (h) {
  const { test, fresh, assert, cli, importFiles, openDraft, fixturesDir, titles, tmp } = h;

  await test('export: buttons keep their place across targets; a click right after a change downloads the new settings', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const f = 'lumen-gatsby-2023-review.md';
    await importFiles(page, [path.join(fixturesDir, f)]);
    await openDraft(page, titles[f]);
    // Page coordinates (not viewport ones, which change when a click scrolls the button into view).
    const box = () => page.evaluate(() => JSON.stringify(['md', 'zip'].map((k) => {
      const r = document.querySelector(`[data-testid=export-${k}]`).getBoundingClientRect();
      return [r.left + scrollX, r.top + scrollY, r.width, r.height];
    })));
    const before = await box();
    const settings = [['gatsby', 'lumen'], ['jekyll', null], ['gatsby', 'starter-blog'], ['gatsby', 'lumen'], ['jekyll', null]];
    for (const [target, flavor] of settings) {
      // No waiting between the change and the click: the click must see the new settings.
      await page.selectOption('[data-testid=export-target]', target);
      if (flavor) await page.selectOption('[data-testid=export-flavor]', flavor);
      const [md] = await Promise.all([page.waitForEvent('download', { timeout: bound(30000) }), page.click('[data-testid=export-md]', { noWaitAfter: true })]);
      const dir = fs.mkdtempSync(path.join(tmp, 'stable-'));
      const args = ['export', '--to', target, ...(flavor ? ['--flavor', flavor] : []), '--offset', '+09:00', '--out', dir, path.join(fixturesDir, f)];
      const rel = cli(args).toString().trim();
      assert(md.suggestedFilename() === path.basename(rel), `${target}/${flavor}: got ${md.suggestedFilename()}, CLI wrote ${rel}`);
      const got = fs.readFileSync(await md.path(), 'utf8');
      const want = fs.readFileSync(path.join(dir, rel), 'utf8');
      // The date line may differ only if a minute ticks between the two exports; everything else must match.
      const strip = (s) => s.replace(/^date:.*$/m, 'date:');
      assert(strip(got) === strip(want), `${target}/${flavor}: downloaded text is not the current settings' export`);
      const now = await box();
      assert(now === before, `${target}/${flavor}: buttons moved ${before} -> ${now}`);
    }
    await context.close();
  });

  await test('export warnings: the Korean UI leads each English detail with a Korean headline for its code', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const f = 'minimal-mistakes-jekyll-2022-07-28.md';
    await importFiles(page, [path.join(fixturesDir, f)]);
    await openDraft(page, titles[f]);
    // Its `{:.align-center}` lines are kramdown, which Gatsby cannot read: the export removes them.
    await page.selectOption('[data-testid=export-target]', 'gatsby');
    await page.waitForSelector('[data-testid=export-warnings] li >> text=kramdown 속성', { state: 'attached' });
    const items = await page.$$eval('[data-testid=export-warnings] li', (lis) => lis.map((li) => ({
      title: li.querySelector('strong')?.textContent ?? '',
      detail: li.querySelector('span[lang=en]')?.textContent ?? '',
    })));
    assert(items.length > 0, 'no warnings listed');
    // The headline is the one for the detail's code, not one shown in its place.
    const kramdown = items.find((i) => i.title.includes('kramdown'));
    assert(/^4 kramdown attribute list\(s\)/.test(kramdown.detail), `kramdown headline over ${JSON.stringify(kramdown.detail)}`);
    for (const { title, detail } of items) {
      assert(/[가-힣]/.test(title), `headline not Korean: ${JSON.stringify(title)}`);
      assert(detail.trim().length > 0, `no detail under ${title}`);
    }
    await context.close();
  });

  await test('export: the URL hint under the slug is the URL the target gives the post (Jekyll: categories, date, .html; Gatsby: /slug/), and follows the title', async () => {
    const { context, page } = await fresh();
    const hint = () => page.textContent('[data-testid=url-hint]').then((t) => t.trim());
    const pathText = () => page.textContent('[data-testid=export-path]');
    await page.selectOption('[data-testid=export-target]', 'jekyll');
    await page.waitForFunction(() => document.querySelector('[data-testid=export-path]')?.textContent.includes('_posts/'));
    // The sample: `categories: [retrospective]`, `date: 2026-12-31T21:00:00+09:00`, the export's offset +09:00.
    const jekyll = async () => {
      const slug = (await pathText()).match(/_posts\/2026-12-31-([^/]+)\.md/)[1];
      await page.waitForFunction((want) => document.querySelector('[data-testid=url-hint]').textContent.trim() === want, `주소: /retrospective/2026/12/31/${slug}.html`, { timeout: bound(10000) });
      return slug;
    };
    const first = await jekyll();
    await page.selectOption('[data-testid=export-target]', 'gatsby');
    await page.waitForFunction(() => document.querySelector('[data-testid=export-path]')?.textContent.includes('content/blog/'));
    const slug = (await pathText()).match(/content\/blog\/([^/]+)\/index\.md/)[1];
    assert(slug === first, `one slug for both targets: ${slug} vs ${first}`);
    assert(await hint() === `주소: /${slug}/`, `Gatsby hint: ${await hint()}`);
    // A new title is a new slug (the post has no `slug` key), in the hint too.
    await page.selectOption('[data-testid=export-target]', 'jekyll');
    await page.fill('[data-testid=field-title]', 'New Title');
    await page.waitForFunction(() => document.querySelector('[data-testid=export-path]')?.textContent.includes('_posts/2026-12-31-new-title.md'));
    assert(await jekyll() === 'new-title', 'the hint follows the title');
    await context.close();
  });
}
