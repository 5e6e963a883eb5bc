// A very long body (over 20,000 lines: src/paging.rs) is edited a page of
// 5,000 lines at a time, so the textarea never lays out 75,000 lines at once
// (0.5 s of Chromium's layout, a frozen tab). What must hold: the pages put
// together are the body byte for byte; an edit on a page is saved at its place
// in the whole body; the page buttons never move under the pointer; a real
// post is never paged.
import fs from 'node:fs';
import path from 'node:path';
import { editorText } from './adversarial.mjs';

const LINES = 23_456;
const head = '---\ntitle: "긴 글"\n---\n';
const body = Array.from({ length: LINES }, (_, i) => `${i % 7 === 0 ? '' : `줄 ${i} 회고`}`).join('\n') + '\nEND\n';

export default async function (h) {
  const { test, fresh, assert, tmp, importFiles, fixturesDir } = h;

  await test('long body: edited 5,000 lines a page; pages join to the body; an edit lands in place; buttons stay put', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const file = path.join(tmp, 'long-body.md');
    fs.writeFileSync(file, head + body);
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=body-pages]');
    const pos = () => page.textContent('[data-testid=page-pos]');
    assert((await pos()).includes('1–5,000') && (await pos()).includes('23,457'), `first page: ${await pos()}`);
    assert(await page.isDisabled('[data-testid=page-prev]'), 'no page before the first');
    const text = await editorText(page);
    assert(text === body, `pages join to the body (${text.length} vs ${body.length} chars)`);

    // editorText ends on the first page. Go to the second, note where the buttons are, type at its start.
    const boxes = () => page.evaluate(() => JSON.stringify(['prev', 'next'].map((k) => {
      const r = document.querySelector(`[data-testid=page-${k}]`).getBoundingClientRect();
      return [r.left + scrollX, r.top + scrollY, r.width, r.height];
    })));
    const before = await boxes();
    await page.click('[data-testid=page-next]');
    await page.waitForFunction(() => document.querySelector('[data-testid=page-pos]').textContent.includes('5,001'));
    assert(await boxes() === before, `page buttons moved: ${before} -> ${await boxes()}`);
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('새 줄\n');
    await page.waitForFunction(() => document.querySelector('[data-testid=page-pos]').textContent.includes('23,458'));
    await page.waitForSelector('[data-testid=save-status].saved');
    const lines = body.split('\n');
    const want = head + [...lines.slice(0, 5000), '새 줄', ...lines.slice(5000)].join('\n');
    const stored = await page.evaluate(() => {
      const index = JSON.parse(localStorage.getItem('hoego/v2/index'));
      return index.drafts.map((e) => JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`))).find((d) => d.name === 'long-body.md').text;
    });
    assert(stored === want, 'the edit is saved at line 5,001 of the whole body, nothing else changed');
    // The preview shows the whole post, its end included.
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]')?.lastElementChild?.textContent.includes('END'));
    await context.close();
  });

  await test('long body: a real post is edited whole (no page bar)', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    await page.setInputFiles('[data-testid=import-file]', path.join(fixturesDir, 'zoomkoding-gatsby-2022-06-29.md'));
    await page.waitForSelector('[data-testid=body]');
    assert(await page.locator('[data-testid=body-pages]').count() === 0, 'a real post shows no page bar');
    await context.close();
  });
}
