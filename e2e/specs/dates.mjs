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
    await context.close();
  });
}
