// The form's date keeps a post's own form: a time written without an offset stays without
// one when it is changed (the export decides it: Gatsby shows the wall clock's day, Jekyll
// keeps a published URL), the offset box shows none, and emptying it takes one away.
import path from 'node:path';

export default async function (h) {
  const { test, fresh, assert, importFiles, openDraft, storedText, fixturesDir, titles } = h;

  await test('form date: a time without an offset keeps none when changed; the offset box says so', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const f = 'zoomkoding-gatsby-2022-06-29.md';
    await importFiles(page, [path.join(fixturesDir, f)]);
    await openDraft(page, titles[f]);
    const offset = page.locator('.date-row input.offset');
    assert(await offset.inputValue() === '' && /^[+-]\d\d:\d\d$/.test(await offset.getAttribute('placeholder')), 'no offset shown');
    await page.fill('[data-testid=field-date]', '2022-06-30T07:00:00');
    await page.dispatchEvent('[data-testid=field-date]', 'change');
    await page.waitForFunction(() => document.querySelector('[data-testid=field-date]').value.startsWith('2022-06-30T07:00'));
    // Waits for the stored draft (its current revision through the index) to hold `line`.
    const wait = async (line) => {
      await page.waitForFunction(([name, line]) => {
        const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
        const e = index.drafts.find((d) => JSON.parse(localStorage.getItem(`hoego/v2/draft/${d.id}/${d.rev}`))?.name === name);
        return e && JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`)).text.includes(line);
      }, [f, line]);
      assert((await storedText(page, f)).includes(line), line);
    };
    await wait("date: '2022-06-30 07:00:00'\n");
    // Typed, an offset is written; emptied, it is taken away again.
    await page.fill('.date-row input.offset', '+09:00');
    await page.dispatchEvent('.date-row input.offset', 'change');
    await wait("date: '2022-06-30 07:00:00 +0900'\n");
    await page.fill('.date-row input.offset', '');
    await page.dispatchEvent('.date-row input.offset', 'change');
    await wait("date: '2022-06-30 07:00:00'\n");
    // What is no offset stays in the box, marked and said so, and changes nothing;
    // a zone name the posts use is read (the box went back to its offset in silence).
    const typeOffset = async (sel, text) => {
      await page.fill(sel, text);
      await page.dispatchEvent(sel, 'change');
    };
    const tagsAt = () => page.evaluate(() => document.querySelector('[data-testid=field-tags]').getBoundingClientRect().top);
    const tagsBefore = await tagsAt();
    await typeOffset('.date-row input.offset', '+25:00');
    await page.waitForSelector('.date-row input.offset[aria-invalid=true]');
    // The message moves nothing: a click on its way to the next field lands where it was aimed.
    assert(await tagsAt() === tagsBefore, `the tags field moved from ${tagsBefore} to ${await tagsAt()}`);
    const why = await page.locator('#f-offset-bad').textContent();
    assert(/\+09:00/.test(why) && await offset.inputValue() === '+25:00', `message: ${why}`);
    // Nothing was set: a set date would have made a save pending in the same render.
    assert(!/pending/.test(await page.getAttribute('[data-testid=save-status]', 'class')), 'the date kept (no save pending)');
    await typeOffset('.date-row input.offset', 'KST');
    await wait("date: '2022-06-30 07:00:00 +0900'\n");
    await page.waitForFunction(() => !document.querySelector('.date-row input.offset[aria-invalid]') && !document.querySelector('#f-offset-bad'));
    assert(await offset.inputValue() === '+09:00', `box shows ${await offset.inputValue()}`);
    // The same offset typed by another name is shown as it is written, though nothing changed.
    await typeOffset('.date-row input.offset', 'jst');
    await page.waitForFunction(() => document.querySelector('.date-row input.offset').value === '+09:00');
    // The export's offset: an empty box is no offset either; `-5` is -05:00.
    await typeOffset('[data-testid=export-offset]', '');
    await page.waitForSelector('[data-testid=export-offset][aria-invalid=true]');
    await typeOffset('[data-testid=export-offset]', '-5');
    await page.waitForFunction(() => document.querySelector('[data-testid=export-offset]').value === '-05:00'
      && !document.querySelector('[data-testid=export-offset][aria-invalid]'));
    await context.close();
  });
  await selectionSpec(h);
}

export async function selectionSpec(h) {
  const { test, fresh, assert, importFiles, fixturesDir, titles } = h;
  await test('library: the site zip is for what the selection was written for, until a target is picked', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const [zoom, lumen, mm] = ['zoomkoding-gatsby-2022-06-29.md', 'lumen-gatsby-2023-review.md', 'minimal-mistakes-jekyll-2022-07-28.md'];
    await importFiles(page, [zoom, lumen, mm].map((f) => path.join(fixturesDir, f)));
    if (await page.locator('[data-testid=back]').count()) await page.click('[data-testid=back]');
    const box = (f) => page.locator('[data-testid=draft-item]', { hasText: titles[f] }).locator('[data-testid=draft-select]');
    // Ticks or unticks one draft and waits until the library shows the new selection.
    const tick = async (f) => {
      const was = await box(f).isChecked();
      await box(f).click();
      await page.waitForFunction(([t, on]) => [...document.querySelectorAll('[data-testid=draft-item]')]
        .find((li) => li.textContent.includes(t))?.querySelector('[data-testid=draft-select]').checked === on, [titles[f], !was]);
    };
    const target = (want) => page.waitForFunction((w) => document.querySelector('[data-testid=batch-target]').value === w, want);
    await tick(zoom);
    await target('gatsby');
    await tick(lumen);
    await target('jekyll'); // starter-blog and Lumen: no one flavor
    await tick(zoom);
    await target('lumen');
    await tick(mm);
    await target('jekyll'); // a Jekyll post among them
    await tick(mm);
    await target('lumen');
    // Picked: Jekyll stays where following would give starter-blog.
    await page.selectOption('[data-testid=batch-target]', 'jekyll');
    await tick(lumen);
    await tick(zoom);
    assert(await page.inputValue('[data-testid=batch-target]') === 'jekyll', 'picked stays');
    await context.close();
  });
}
