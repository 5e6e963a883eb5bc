// Series and history (issue 12) and "importing one file opens it" (issue 13):
// a whole blog folder imported at once is grouped by its `series` value in
// date order with a chart whose labelled values are the goal scoreboards'
// rates (`hoego show`); one imported file opens in the editor; two stay in
// the library, highlighted until the next action.
import fs from 'node:fs';
import path from 'node:path';

export default async function (h) {
  const { test, fresh, assert, cli, saved, storedDrafts, root } = h;
  const blog = path.join(root, 'tests/fixtures/series/blog');
  const postsDir = path.join(blog, '_posts');
  // File names start with the date, so name order is date order.
  const posts = fs.readdirSync(postsDir).filter((f) => f.endsWith('.md')).sort();
  const shown = Object.fromEntries(posts.map((f) => [f, JSON.parse(cli(['show', path.join(postsDir, f)]).toString())]));
  const series = posts.filter((f) => fs.readFileSync(path.join(postsDir, f), 'utf8').includes('series:'));
  const perMille = (f) => (shown[f].goals.rate == null ? null : Math.round(shown[f].goals.rate * 1000));
  const percent = (r) => `${Math.floor(r / 10)}.${r % 10}%`;

  const library = async (page) => {
    await page.click('[data-testid=back]');
    await page.waitForSelector('[data-testid=draft-list]');
  };

  await test('series: a blog folder imported at once is grouped in date order, charted with the scoreboard rates', async () => {
    const { context, page } = await fresh();
    await library(page);
    const before = await page.locator('[data-testid=draft-item]').count();
    await page.setInputFiles('[data-testid=import-folder]', blog);
    // Only the posts come in (the Gemfile and the layout are left out), and the library stays.
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before + posts.length);
    assert(await page.locator('[data-testid=body]').count() === 0, 'several imported: still in the library');
    assert(await page.locator('.draft-item.imported [data-testid=imported-badge]').count() === posts.length, 'every imported row highlighted');
    const notices = await page.textContent('[data-testid=notices]');
    assert(!notices.includes('Gemfile') && !notices.includes('post.html'), `non-posts skipped: ${notices}`);
    // The series view opens by itself with the history.
    const group = page.locator('[data-testid=series-group][data-name="반기 회고"]');
    await group.waitFor();
    assert(await page.locator('[data-testid=series-group]').count() === 1, 'one series');
    const members = await group.locator('[data-testid=series-member]').evaluateAll((lis) => lis.map((li) => ({
      title: li.querySelector('.title').textContent,
      period: li.querySelector('.period').textContent,
      rate: li.querySelector('.rate').dataset.rate,
      rateText: li.querySelector('.rate').textContent,
      lit: li.classList.contains('imported'),
    })));
    const want = series.map((f) => shown[f].title);
    assert(JSON.stringify(members.map((m) => m.title)) === JSON.stringify(want), `date order: ${members.map((m) => m.title)} vs ${want}`);
    assert(members.map((m) => m.period).join('|') === '2023 H1|2023 H2|2024 H1|2024 H2', `periods: ${members.map((m) => m.period)}`);
    assert(members.every((m) => m.lit), 'members highlighted too');
    for (const [i, f] of series.entries()) {
      const r = perMille(f);
      assert(members[i].rate === (r == null ? '' : String(r)), `${f}: listed rate ${members[i].rate} vs hoego show ${r}`);
      if (r != null) assert(members[i].rateText === percent(r), `${f}: ${members[i].rateText}`);
    }
    // The chart: one labelled dot per scored post, in order; the label lists them all.
    const scored = series.filter((f) => perMille(f) != null);
    assert(scored.length >= 3, 'fixtures have three scored posts');
    const chart = group.locator('[data-testid=series-chart]');
    const dots = await chart.locator('circle').evaluateAll((cs) => cs.map((c) => Number(c.dataset.rate)));
    assert(JSON.stringify(dots) === JSON.stringify(scored.map(perMille)), `chart ${dots} vs scoreboards ${scored.map(perMille)}`);
    const label = await chart.getAttribute('aria-label');
    const periods = members.filter((m) => m.rate !== '').map((m) => m.period);
    const values = scored.map((f, i) => `${periods[i]} ${percent(perMille(f))}`).join(', ');
    assert(label.endsWith(values), `aria-label "${label}" lists ${values}`);
    assert(await chart.locator('title').first().textContent() === label, 'title repeats the label');
    await page.screenshot({ path: path.join(h.out, 'series-light.png'), fullPage: true });
    await page.click('[data-testid=toggle-theme]');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.screenshot({ path: path.join(h.out, 'series-dark.png'), fullPage: true });
    await page.click('[data-testid=toggle-theme]');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    // Group by a tag instead: every post tagged 회고; one tagged rust has no goals, so no chart.
    await page.selectOption('[data-testid=series-by]', 'tag:회고');
    await page.locator('[data-testid=series-group][data-name="회고"]').waitFor();
    const tagged = await page.locator('[data-testid=series-group][data-name="회고"] [data-testid=series-member] .title').allTextContents();
    assert(want.every((t) => tagged.includes(t)) && !tagged.includes(shown[posts.find((f) => !series.includes(f))].title), `tag group: ${tagged}`);
    await page.selectOption('[data-testid=series-by]', 'tag:rust');
    const rust = page.locator('[data-testid=series-group][data-name="rust"]');
    await rust.waitFor();
    assert(await rust.locator('[data-testid=series-chart]').count() === 0, 'no goals: no chart');
    // English.
    await page.click('[data-testid=toggle-lang]');
    await page.waitForFunction(() => document.querySelector('[data-testid=series] summary').textContent === 'Series and history');
    // A member opens its draft.
    await page.selectOption('[data-testid=series-by]', '');
    await group.locator('[data-testid=series-member] button').nth(1).click();
    await page.waitForSelector('[data-testid=field-title]');
    assert(await page.inputValue('[data-testid=field-title]') === want[1], 'opened the clicked post');
    await context.close();
  });

  await test('series: importing one file opens it in the editor', async () => {
    const { context, page } = await fresh();
    await library(page);
    const f = series[2];
    await page.setInputFiles('[data-testid=import-file]', path.join(postsDir, f));
    await page.waitForSelector('[data-testid=field-title]');
    assert(await page.inputValue('[data-testid=field-title]') === shown[f].title, 'the imported post is open');
    await saved(page);
    assert((await storedDrafts(page)).some((d) => d.name === f), 'and stored');
    await context.close();
  });

  await test('series: importing two files stays in the library with both highlighted until the next action', async () => {
    const { context, page } = await fresh();
    await library(page);
    const two = [posts[0], posts[2]];
    await page.setInputFiles('[data-testid=import-file]', two.map((f) => path.join(postsDir, f)));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=draft-item].imported').length === 2);
    assert(await page.locator('[data-testid=body]').count() === 0, 'still in the library');
    await saved(page);
    const stored = await storedDrafts(page);
    const lit = await page.locator('[data-testid=draft-item].imported').evaluateAll((lis) => lis.map((li) => li.dataset.id).sort());
    const ids = stored.filter((d) => two.includes(d.name)).map((d) => d.id).sort();
    assert(JSON.stringify(lit) === JSON.stringify(ids), `highlighted ${lit} vs imported ${ids}`);
    assert(await page.locator('[data-testid=draft-item].imported').count() === 2, 'an autosave keeps the highlight');
    await page.fill('[data-testid=search]', '회고');
    await page.waitForFunction(() => document.querySelectorAll('.imported').length === 0);
    await context.close();
  });
}
