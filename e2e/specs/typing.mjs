// Typing with real keys: the body editor sends only what each key changed
// (src/text_delta.rs) and falls back to the whole value when it cannot tell.
// Whatever the edit, the stored body must be exactly the textarea's value.

export default async function (h) {
  const { test, fresh, assert, saved, storedDrafts } = h;

  await test('typing, deleting, replacing a selection, emoji, paste and undo keep the stored body equal to the textarea', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    await page.click('[data-testid=new-draft]');
    const body = page.locator('[data-testid=body]');
    await body.click();
    const cdp = await context.newCDPSession(page);
    // The most recently changed stored draft's text, once the autosave has run.
    const stored = async () => {
      await saved(page);
      const drafts = await storedDrafts(page);
      return drafts.sort((a, b) => b.updated - a.updated)[0].text;
    };
    const head = (await stored()).slice(0, -(await body.inputValue()).length || undefined);
    const steps = [
      ['type at the end', async () => { await page.keyboard.press('Control+End'); await page.keyboard.type('abc def'); }],
      ['Enter twice, a new paragraph', async () => { await page.keyboard.press('Enter'); await page.keyboard.press('Enter'); await page.keyboard.type('new para'); }],
      ['Backspace', async () => { for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace'); }],
      ['type at the start, then Delete', async () => { await page.keyboard.press('Control+Home'); await page.keyboard.type('X'); await page.keyboard.press('Delete'); }],
      ['replace a selection', async () => { for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight'); await page.keyboard.type('Y'); }],
      ['Hangul and an emoji (insertText), then Backspace over the emoji', async () => {
        await page.keyboard.press('Control+End');
        await cdp.send('Input.insertText', { text: '회고😀' });
        await page.keyboard.press('Backspace');
      }],
      ['a multi-line paste in the middle', async () => {
        await page.keyboard.press('Control+Home');
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        await cdp.send('Input.insertText', { text: '줄 하나\n\n## 줄 둘\n' });
      }],
      ['undo', async () => { await page.keyboard.press('Control+z'); }],
      ['a selection replaced by a longer text', async () => {
        await page.keyboard.press('Control+End');
        for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
        await cdp.send('Input.insertText', { text: '바뀐 글 😀' });
      }],
    ];
    let before = await body.inputValue();
    for (const [name, act] of steps) {
      await act();
      const value = await body.inputValue();
      assert(value !== before || name === 'undo', `${name}: the textarea changed`);
      const text = await stored();
      assert(text === head + value, `${name}: stored body ${JSON.stringify(text.slice(head.length).slice(-60))} ≠ textarea ${JSON.stringify(value.slice(-60))}`);
      before = value;
    }
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('바뀐 글'));
    await context.close();
  });
}
