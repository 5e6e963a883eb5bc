// A phone's width (390 px): the library's controls wrap between each other, never
// inside a label ("Select all" / "모두 선택" had one letter a line), in both languages.
export default async function (h) {
  const { test, fresh, assert } = h;

  await test('phone width: no button label in the library wraps', async () => {
    const { context, page } = await fresh({ viewport: { width: 390, height: 844 } });
    await page.click('text=← 보관함');
    await page.waitForSelector('[data-testid=batch-bar]');
    for (const lang of ['ko', 'en']) {
      // A label on one line is one line box tall: at most ~1.6 of its line height plus padding.
      const wrapped = await page.$$eval('[data-testid=batch-bar] button, [data-testid=batch-bar] select', (els) => els
        .map((el) => {
          const cs = getComputedStyle(el);
          const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
          const inner = el.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)
            - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
          return { text: el.textContent.trim().slice(0, 30), lines: inner / line };
        })
        .filter((b) => b.lines > 1.6));
      assert(wrapped.length === 0, `${lang}: labels wrapped: ${JSON.stringify(wrapped)}`);
      if (lang === 'ko') {
        await page.click('[data-testid=toggle-lang]');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
    }
    await context.close();
  });
}
