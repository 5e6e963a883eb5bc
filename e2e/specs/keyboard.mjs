// Keyboard alone: the whole flow from template to export and back, with no
// mouse. Every control is reached with Tab (never clicked or focused by
// script), and every stop it makes on the way shows a visible focus ring.

/** Presses Tab until `selector` has focus; checks each stop shows its focus. */
async function tabTo(page, assert, selector, { back = false, max = 200 } = {}) {
  const trail = [];
  for (let i = 0; i < max; i++) {
    const at = await page.evaluate((sel) => {
      const a = document.activeElement;
      if (!a || a === document.body) return { here: false, visible: true, what: 'body' };
      // Focus inside a control's own shadow parts (the date input's picker button) is drawn by the browser.
      if (!a.matches(':focus')) return { here: false, visible: true, what: 'inside a native control', body: false };
      const cs = getComputedStyle(a);
      const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
      return { here: a.matches(sel), visible: ring, what: a.outerHTML.slice(0, 120), body: a.id === 'body' };
    }, selector);
    if (i > 0) assert(at.visible, `focus not visible on ${at.what}`);
    trail.push(at.what.slice(0, 60));
    if (at.here) return;
    // The body editor keeps Tab for list indent: Escape then Tab leaves it (documented in its hint).
    if (at.body) await page.keyboard.press('Escape');
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reachable with Tab; stops: ${trail.slice(-12).join(' → ')}`);
}

/** How much of the focused control the sticky top bar or the fixed status bar hides:
 *  the px of its height left visible between them, and of what it needs (up to 20 px). */
const focusShown = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body || a.closest('.topbar, .statusbar')) return null;
  const r = a.getBoundingClientRect();
  const top = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
  const bar = document.querySelector('.statusbar');
  const bottom = bar && getComputedStyle(bar).position === 'fixed' ? bar.getBoundingClientRect().top : innerHeight;
  const shown = Math.min(r.bottom, bottom) - Math.max(r.top, top);
  return { shown, needs: Math.min(r.height, 20) - 1, what: a.outerHTML.slice(0, 80) };
});

export default async function (h) {
  const { test, fresh, assert } = h;

  // WCAG 2.4.11: a control the keyboard moves to is scrolled clear of the bars that
  // stay on screen (the draft checkbox under the slug sat wholly under the status bar).
  await test('keyboard: each control Tab reaches in the editor is scrolled clear of the top and status bars', async () => {
    for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
      const { context, page } = await fresh({ viewport });
      await page.waitForSelector('[data-testid=export-path]');
      let checked = 0;
      for (let i = 0; i < 90; i++) {
        await page.keyboard.press('Tab');
        // The body editor keeps Tab for list indent: Escape then Tab leaves it.
        if (await page.evaluate(() => document.activeElement?.id === 'body')) await page.keyboard.press('Escape');
        const got = await focusShown(page);
        if (!got) continue;
        checked++;
        assert(got.shown >= got.needs, `${viewport.width} px: ${got.what} shows ${got.shown.toFixed(1)} px between the bars`);
      }
      assert(checked > 30, `only ${checked} stops checked`);
      await context.close();
    }
  });

  await test('keyboard only: template → title/date/tags → body → raw mode and back → export → library → delete → undo', async () => {
    const { context, page } = await fresh();
    const active = () => page.evaluate(() => document.activeElement?.dataset?.testid || document.activeElement?.id || document.activeElement?.tagName);
    await page.waitForSelector('[data-testid=body]');
    // Back to the library.
    await tabTo(page, assert, '[data-testid=back]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=draft-list]');
    const before = await page.locator('[data-testid=draft-item]').count();
    // A new draft from the first template: arrow keys pick it on the focused select.
    await tabTo(page, assert, '[data-testid=template-select]');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid=field-title]');
    // Title.
    await tabTo(page, assert, '[data-testid=field-title]');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('키보드로 쓴 회고');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.querySelector('.card-title').textContent === '키보드로 쓴 회고');
    // Date: step the focused first segment up by one with the arrow key.
    await tabTo(page, assert, '[data-testid=field-date]');
    const dateBefore = await page.inputValue('[data-testid=field-date]');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await page.waitForFunction((d) => document.querySelector('[data-testid=field-date]').value !== d, dateBefore);
    // Tags: type and Enter makes a chip whose remove button is named for it.
    await tabTo(page, assert, '[data-testid=field-tags]');
    await page.keyboard.type('키보드');
    await page.keyboard.press('Enter');
    await page.waitForSelector('button[aria-label="태그 삭제: 키보드"]');
    // Body: type, then leave with Escape, Tab.
    await tabTo(page, assert, '[data-testid=body]');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n- 키보드만으로 썼다');
    await page.keyboard.press('Tab');
    assert((await page.inputValue('[data-testid=body]')).endsWith('\n  - 키보드만으로 썼다'), 'Tab indents the list item');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert(await active() !== 'body', 'Escape then Tab leaves the body editor');
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('키보드만으로 썼다'));
    // Raw front matter mode and back.
    await tabTo(page, assert, '[data-testid=mode-raw]', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=raw-front-matter]');
    assert((await page.inputValue('[data-testid=raw-front-matter]')).includes('키보드로 쓴 회고'), 'raw front matter shows the title');
    await tabTo(page, assert, '[data-testid=mode-form]', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=field-title]');
    // Export a file.
    await tabTo(page, assert, '[data-testid=export-md]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert(download.suggestedFilename().endsWith('.md'), download.suggestedFilename());
    // Back to the library, delete the new draft, undo.
    await tabTo(page, assert, '[data-testid=back]', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=draft-list]');
    assert(await page.locator('[data-testid=draft-item]').count() === before + 1, 'new draft listed');
    const id = await page.locator('[data-testid=draft-item]', { hasText: '키보드로 쓴 회고' }).getAttribute('data-id');
    await tabTo(page, assert, `[data-id="${id}"] [data-testid=delete-draft]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before);
    await tabTo(page, assert, '[data-testid=undo-delete]', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before + 1);
    assert(await page.locator('[data-testid=draft-item]', { hasText: '키보드로 쓴 회고' }).count() === 1, 'undo restored the draft');
    // Escape closes what was opened: the paste box, with focus back on its summary.
    await tabTo(page, assert, '.paste > summary');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('details.paste').open);
    await tabTo(page, assert, '[data-testid=paste-text]');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('details.paste').open && document.activeElement.matches('.paste > summary'));
    await context.close();
  });
}
