// Typing with real keys: the body editor sends only what each key changed
// (src/text_delta.rs) and falls back to the whole value when it cannot tell.
// Whatever the edit, the stored body must be exactly the textarea's value.

import fs from 'node:fs';
import path from 'node:path';
import { bound } from '../slowdown.mjs';

/** Waits until a stored draft's current revision holds `text` (its JSON: the autosave has run). */
const storedHolds = (page, text) => page.waitForFunction((t) => {
  const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
  return index.drafts.some((e) => (localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`) || '').includes(t));
}, text);

/** Waits until a stored draft's current revision has `text` in its text (line breaks as they are). */
const storedTextHolds = (page, text) => page.waitForFunction((t) => {
  const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
  return index.drafts.some((e) => (JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`) || '{}').text || '').includes(t));
}, text);

/** Writes `text` to the file `name` in `tmp` and imports it from the library; its path. */
async function importPost(page, tmp, name, text) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  await page.setInputFiles('[data-testid=import-file]', file);
  return file;
}

/** A new tab with a new draft open in the editor, from the library. */
async function freshDraft(fresh) {
  const { context, page } = await fresh();
  await page.click('text=← 보관함');
  await page.click('[data-testid=new-draft]');
  return { context, page };
}

/** An IME composition of 하 (ㅎ, then 하) left open, through CDP. */
async function composeHa(cdp) {
  for (const t of ['ㅎ', '하']) await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
}

export default async function (h) {
  const { test, fresh, assert, saved, storedText, openDraft, tmp } = h;

  await test('typing, deleting, replacing a selection, emoji, paste and undo keep the stored body equal to the textarea', async () => {
    const { context, page } = await freshDraft(fresh);
    const body = page.locator('[data-testid=body]');
    await body.click();
    const cdp = await context.newCDPSession(page);
    // The most recently changed stored draft's text, once the autosave has run.
    const stored = async () => {
      await saved(page);
      // Current revisions, read through the storage index (hoego/v2).
      const drafts = await h.storedDrafts(page);
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
      // An input method may drop a syllable with no compositionend (here: Backspace
      // mid-syllable through CDP); the keys after it must still be saved.
      ['a composition dropped without its end, then keys', async () => {
        await page.evaluate(() => { window.ends = 0; document.addEventListener('compositionend', () => window.ends++, true); });
        await composeHa(cdp);
        await page.keyboard.press('Backspace');
        // The premise: if Chromium ever sends compositionend here, this step tests nothing.
        assert(await page.evaluate(() => window.ends) === 0, 'the composition ended with no compositionend');
        await page.keyboard.type(' xyz');
      }],
      // Ctrl+B on a layout whose key for B is not a Latin letter (a Korean input
      // source on a Mac gives key "ㅠ"): the shortcut goes by the key's place.
      ['Ctrl+B on a Korean layout (key ㅠ, code KeyB)', async () => {
        const key = { key: 'ㅠ', code: 'KeyB', windowsVirtualKeyCode: 66, modifiers: 2 };
        await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
        assert((await body.inputValue()).includes('**굵게**'), 'Ctrl+ㅠ wraps bold');
      }],
      // AltGr is Ctrl+Alt on Windows: AltGr+I types "í" on US-International, not italics.
      // (Chromium on Linux inserts no text for Ctrl+Alt; the key must only not be ours.)
      ['AltGr+I on US-International (Ctrl+Alt, key í, code KeyI) and Ctrl+ç on Turkish F are no shortcuts', async () => {
        await page.keyboard.press('End');
        const key = { key: 'í', code: 'KeyI', windowsVirtualKeyCode: 73, modifiers: 3 };
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: 'í', unmodifiedText: 'i', ...key });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
        assert(!(await body.inputValue()).includes('*기울임*'), 'AltGr+I made no italics');
        // Turkish F has ç where B is: Ctrl+ç is no Ctrl+B (a Latin letter goes by itself).
        const bold = (v) => v.split('**').length;
        const before = bold(await body.inputValue());
        const cedilla = { key: 'ç', code: 'KeyB', windowsVirtualKeyCode: 66, modifiers: 2 };
        await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...cedilla });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...cedilla });
        assert(bold(await body.inputValue()) === before, 'Ctrl+ç made no bold');
        await page.keyboard.type(' altgr');
      }],
    ];
    let before = await body.inputValue();
    for (const [name, act] of steps) {
      await act();
      const value = await body.inputValue();
      assert(value !== before || name === 'undo', `${name}: the textarea changed`);
      // Wait for the state (the autosave catching up), not for time. A body that
      // never reaches storage fails the assertion below with what was stored.
      const reached = await page.waitForFunction((want) => {
        const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
        return index.drafts.some((e) => JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`) || '{}').text === want);
      }, head + value, { timeout: bound(15000) }).then(() => true, () => false);
      const text = await stored();
      assert(text === head + value, `${name}: ${reached ? '' : 'not stored within 15 s: '}stored body ${JSON.stringify(text.slice(head.length).slice(-60))} ≠ textarea ${JSON.stringify(value.slice(-60))}`);
      before = value;
    }
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('바뀐 글'));
    await context.close();
  });

  await test('typing: a syllable being composed when the page is reloaded is saved with the text before it', async () => {
    const { context, page } = await freshDraft(fresh);
    const body = page.locator('[data-testid=body]');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('reload ');
    await saved(page);
    const cdp = await context.newCDPSession(page);
    await composeHa(cdp);
    assert((await body.inputValue()).includes('reload 하'), 'the syllable is in the textarea');
    await h.reloadToLibrary(page);
    const texts = (await h.storedDrafts(page)).map((d) => d.text);
    assert(texts.some((t) => t.includes('reload 하')), `stored with its syllable: ${JSON.stringify(texts.map((t) => t.slice(-40)))}`);
    await context.close();
  });

  // Chromium's undo of an edit that deleted a textarea's whole text puts that text back
  // into whatever the textarea holds later, a new value included (see forget_undo).
  await test('typing: Ctrl+Z in a draft dropped onto the editor never brings back the last draft\'s text (its whole text was deleted)', async () => {
    const { context, page } = await fresh();
    const body = page.locator('[data-testid=body]');
    const sample = (await body.inputValue()).slice(0, 20);
    await body.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await saved(page);
    // A file dropped on the page while the editor is open opens in the same editor.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['---\ntitle: "second"\n---\nsecond draft body\n'], '2026-11-28-second.md', { type: 'text/markdown' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('[data-testid=body]')?.value.includes('second draft body'));
    await body.click();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Control+z');
      const value = await body.inputValue();
      assert(value === 'second draft body\n' && !value.includes(sample), `undo ${i + 1} left the draft as it came: ${JSON.stringify(value.slice(0, 60))}`);
    }
    await context.close();
  });

  // Chromium makes each key typed in a textarea walk the ancestors of all its lines
  // while any display lock in the page is locked (a closed <details>, an off-screen
  // `content-visibility: auto` box): 2.4 ms a key at the end of 235 KB instead of 0.8.
  // The editor view has none; far preview chunks are empty boxes instead
  // (src/preview_chunks.js), drawn when scrolled or jumped to.
  await test('typing: the editor view holds no display lock; far preview chunks are empty boxes, drawn when scrolled or jumped to', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const sections = Array.from({ length: 60 }, (_, i) => `## 장 ${i + 1}\n${'올해 돌아본 일을 적은 문단입니다. '.repeat(30)}\n\n- 항목 하나, 항목 둘\n`).join('\n');
    await importPost(page, tmp, 'chunks.md', `---\ntitle: "조각 미리보기"\n---\n${sections}`);
    await page.waitForSelector('[data-testid=body]');
    const chunks = () => page.evaluate(() => [...document.querySelectorAll('[data-testid=preview] .chunk')].map((c) => ({
      off: c.classList.contains('off'), height: c.getBoundingClientRect().height, drawn: c.firstElementChild.getBoundingClientRect().height > 0,
    })));
    await page.waitForFunction(() => {
      const cs = document.querySelectorAll('[data-testid=preview] .chunk');
      const p = document.querySelector('[data-testid=preview]');
      return cs.length >= 5 && !cs[0].classList.contains('off') && p.textContent.includes('장 60') && !p.hasAttribute('aria-busy');
    });
    // 300 lines, and 381 after the paste below: edited whole (src/paging.rs pages past 400).
    assert(await page.locator('[data-testid=body-pages]').count() === 0, 'the body is edited whole');
    // Export warnings shown (a closed section) and the draft fully drawn: still no lock.
    const locks = await page.evaluate(() => [...document.querySelectorAll('*')]
      .filter((e) => e.tagName === 'DETAILS' || getComputedStyle(e).contentVisibility !== 'visible')
      .map((e) => `${e.tagName}.${e.className}`));
    assert(locks.length === 0, `no display lock in the editor view: ${locks.join(', ')}`);
    // Every chunk is drawn once, then the observer makes the far ones boxes of that height.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=preview] .chunk')].pop().classList.contains('off'));
    let cs = await chunks();
    assert(cs[0].drawn && !cs[0].off, `the first chunk is drawn: ${JSON.stringify(cs[0])}`);
    const last = cs[cs.length - 1];
    assert(last.off && !last.drawn && last.height > 100, `the last chunk is an empty box with a height: ${JSON.stringify(last)}`);
    // Each box is as tall as its chunk drawn (blocks that land in a chunk after it was
    // hidden, or after its height was taken, once left boxes short). `wrongBoxes`
    // draws each hidden chunk for a moment (within one task: nothing is painted).
    await page.evaluate(() => {
      window.wrongBoxes = () => [...document.querySelectorAll('[data-testid=preview] .chunk.off')].flatMap((c) => {
        const box = c.getBoundingClientRect().height;
        const style = c.style.cssText;
        c.classList.remove('off');
        c.style.cssText = '';
        const drawn = c.getBoundingClientRect().height;
        c.classList.add('off');
        c.style.cssText = style;
        return Math.abs(box - drawn) > 1 ? [`${box} ≠ ${drawn}`] : [];
      });
    });
    const wrong = await page.evaluate(() => window.wrongBoxes());
    assert(wrong.length === 0, `boxes of the chunks' drawn heights: ${wrong.join(', ')}`);
    // ...and the preview as long as when all is drawn (margins that collapsed through a
    // chunk were outside its measured height, so each box was short by them).
    const lengths = await page.evaluate(() => {
      const scroller = document.getElementById('preview-scroll');
      const boxed = scroller.scrollHeight;
      const off = [...document.querySelectorAll('[data-testid=preview] .chunk.off')];
      const styles = off.map((c) => c.style.cssText);
      off.forEach((c) => { c.classList.remove('off'); c.style.cssText = ''; });
      const drawn = scroller.scrollHeight;
      off.forEach((c, i) => { c.classList.add('off'); c.style.cssText = styles[i]; });
      return { boxed, drawn, off: off.length };
    });
    assert(lengths.off > 2 && Math.abs(lengths.boxed - lengths.drawn) <= 1, `preview length with boxes = drawn: ${JSON.stringify(lengths)}`);
    // Straight to the end: the boxes have the chunks' real heights, so the end is in view
    // once they are drawn (with guessed heights it was pushed out of view).
    await page.evaluate(() => { const s = document.getElementById('preview-scroll'); s.scrollTop = s.scrollHeight; });
    await page.waitForFunction(() => {
      const view = document.getElementById('preview-scroll').getBoundingClientRect();
      const r = [...document.querySelectorAll('[data-testid=preview] li')].pop().getBoundingClientRect();
      return r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
    });
    // The outline's jump to the last heading draws its chunk and shows the heading.
    await page.locator('.outline a', { hasText: /^장 60$/ }).click();
    await page.waitForFunction(() => {
      const h = [...document.querySelectorAll('[data-testid=preview] h2')].find((e) => e.textContent === '장 60');
      const view = document.getElementById('preview-scroll').getBoundingClientRect();
      const r = h && h.getBoundingClientRect();
      // In the preview's box, and not under the page's sticky top bar.
      const seen = r && h.contains(document.elementFromPoint(r.left + 4, r.top + r.height / 2));
      return r && r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1 && seen;
    });
    // ...and the editor's caret is on that heading, in view: its line is found in a copy of
    // the textarea's text laid out alike (the paragraphs above wrap over many lines).
    const caret = await page.evaluate(() => {
      const ta = document.getElementById('body');
      const cs = getComputedStyle(ta);
      const copy = document.createElement('div');
      for (const k of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'wordBreak', 'overflowWrap', 'tabSize', 'paddingTop', 'paddingLeft', 'paddingRight'])
        copy.style[k] = cs[k];
      Object.assign(copy.style, { position: 'absolute', top: '0', left: '-9999px', whiteSpace: 'pre-wrap', boxSizing: 'content-box',
        width: `${ta.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}px` });
      copy.textContent = ta.value.slice(0, ta.selectionStart);
      const mark = document.createElement('span');
      mark.textContent = '|';
      copy.append(mark);
      document.body.append(copy);
      const y = mark.offsetTop;
      copy.remove();
      return { y, top: ta.scrollTop, height: ta.clientHeight, heading: ta.value.startsWith('## 장 60', ta.selectionStart) };
    });
    assert(caret.heading && caret.y >= caret.top && caret.y < caret.top + caret.height,
      `the editor's caret is on the heading, in view: ${JSON.stringify(caret)}`);
    // Back at the top: the first chunk is drawn again, the last one is a box again.
    await page.evaluate(() => { document.getElementById('preview-scroll').scrollTop = 0; });
    await page.waitForFunction(() => {
      const cs = [...document.querySelectorAll('[data-testid=preview] .chunk')];
      return !cs[0].classList.contains('off') && cs[cs.length - 1].classList.contains('off');
    });
    cs = await chunks();
    assert(cs[0].drawn && !cs[cs.length - 1].drawn, 'drawn near the view only');
    // A paste at the top splits the first chunk: the blocks moved out of it stay drawn
    // in the frame after (no empty box in view before the observer has run), and a
    // screen reader is told the preview draws only the part near view.
    const described = await page.evaluate(() => {
      const region = document.getElementById('preview-scroll');
      const note = document.getElementById(region.getAttribute('aria-describedby'));
      return note && note.textContent.length > 20;
    });
    assert(described, 'the preview region is described');
    // New chunks (here split from the first) start drawn: no empty box of a guessed height.
    const offAfterSplit = page.evaluate(() => new Promise((resolve) => {
      const p = document.querySelector('[data-testid=preview]');
      const before = new Set(p.querySelectorAll('.chunk'));
      const mo = new MutationObserver(() => {
        const fresh = [...p.querySelectorAll('.chunk')].filter((c) => !before.has(c));
        if (fresh.length === 0) return;
        mo.disconnect();
        resolve(fresh.filter((c) => c.classList.contains('off')).length);
      });
      mo.observe(p, { childList: true });
    }));
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.insertText', { text: Array.from({ length: 40 }, (_, i) => `붙인 문단 ${i}`).join('\n\n') + '\n\n' });
    assert(await offAfterSplit === 0, 'new chunks start drawn (no empty box of a guessed height)');
    // Printing draws every chunk; afterwards the far ones are boxes again.
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('붙인 문단 39'));
    // (In one task, as the browser prints right after `beforeprint`.)
    const offForPrint = await page.evaluate(() => {
      window.dispatchEvent(new Event('beforeprint'));
      return document.querySelectorAll('[data-testid=preview] .chunk.off').length;
    });
    assert(offForPrint === 0, `all drawn for print (${offForPrint} not)`);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview] .chunk.off').length > 0);
    // A box keeps its chunk's height as the preview's width changes (the window
    // narrowed) and as an image in a hidden chunk finishes loading.
    await page.setViewportSize({ width: 1000, height: 1000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview] .chunk.off').length > 0 && window.wrongBoxes().length === 0);
    // (One image loads; one fails, and its alt text shows instead.)
    await page.evaluate(() => {
      const [other, far] = [...document.querySelectorAll('[data-testid=preview] .chunk.off')].slice(-2);
      const loaded = new Image();
      loaded.src = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="700"/>')}`;
      far.querySelector('.blk').append(loaded);
      const broken = new Image();
      broken.alt = '없는 그림의 대체 텍스트 '.repeat(30);
      broken.src = './no-such-image.png';
      other.querySelector('.blk').append(broken);
      window.imageLoaded = Promise.all([
        new Promise((resolve) => loaded.addEventListener('load', resolve)),
        new Promise((resolve) => broken.addEventListener('error', resolve)),
      ]);
    });
    await page.evaluate(() => window.imageLoaded);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview] .chunk.off').length > 0 && window.wrongBoxes().length === 0);
    // Typing still reaches the preview, and its text is whole.
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('마지막 한 줄');
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('마지막 한 줄'));
    await context.close();
  });

  // A post written on Windows: the textarea holds `\n` endings only, and one key once
  // sent the whole body back with them (every line of the post rewritten in its diff).
  await test('typing: a CRLF post keeps CRLF line endings through keys, Enter, a paste, an outline jump and raw front matter', async () => {
    const { context, page } = await fresh();
    await page.click('[data-testid=back]');
    const para = `${'윈도에서 쓴 문단입니다. '.repeat(30)}\r\n\r\n`;
    const text = `---\r\ntitle: "crlf"\r\n---\r\n# 제목\r\n\r\n문단 하나\r\n둘째 줄\r\n\r\n${para.repeat(3)}## 끝 장\r\n\r\n${para.repeat(3)}## 끝 장\r\n\r\n- 목록\r\n`;
    await importPost(page, tmp, 'crlf.md', text);
    await page.waitForFunction(() => document.querySelectorAll('.outline a').length === 3);
    await page.waitForFunction(() => {
      const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
      return index.drafts.some((e) => JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`) || '{}').name === 'crlf.md');
    });
    const imported = await storedText(page, 'crlf.md');
    assert(imported === text, `imported as written: ${JSON.stringify(imported)}`);
    const caretAfter = (t) => page.evaluate((t) => {
      const ta = document.getElementById('body');
      const at = ta.value.indexOf(t) + t.length;
      ta.focus();
      ta.setSelectionRange(at, at);
    }, t);
    await caretAfter('문단 하나');
    await page.keyboard.type('x');
    await page.keyboard.press('Enter');
    await page.keyboard.type('새 줄');
    await caretAfter('- 목록');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.insertText', { text: '\n- 붙임\n\n끝' });
    // Stored once the autosave has run (waiting on the stored text, not on time).
    await storedHolds(page, '끝\\r\\n');
    const want = text.replace('문단 하나\r\n', '문단 하나x\r\n새 줄\r\n').replace('- 목록\r\n', '- 목록\r\n- 붙임\r\n\r\n끝\r\n');
    const got = await storedText(page, 'crlf.md');
    assert(got === want, `stored: ${JSON.stringify(got.slice(0, 120))}… lone LF: ${(got.match(/(?<!\r)\n/g) || []).length}`);
    // The outline's offsets are in the post's bytes; the textarea's lines have no `\r`. The
    // second of two headings of one text: an offset not mapped lands off its line, and the
    // editor then goes to the first.
    await page.locator('.outline a', { hasText: /^끝 장$/ }).nth(1).click();
    const line = await page.evaluate(() => {
      const ta = document.getElementById('body');
      return ta.value.slice(0, ta.selectionStart).split('\n').length;
    });
    const want_line = want.split('---\r\n')[2].split('\r\n').lastIndexOf('## 끝 장') + 1;
    assert(line === want_line, `the jump to 끝 장: line ${line}, want ${want_line}`);
    // The raw front matter's textarea has `\n` lines too: a key added there keeps the post's CRLF.
    await page.click('[data-testid=mode-raw]');
    await page.waitForSelector('[data-testid=raw-front-matter]');
    await page.evaluate(() => {
      const ta = document.querySelector('[data-testid=raw-front-matter]');
      ta.value = `${ta.value.trimEnd()}\ntags: [회고]\n`;
    });
    await page.click('.raw-fm ~ button');
    await storedHolds(page, 'tags: [회고]');
    const withTags = await storedText(page, 'crlf.md');
    assert(withTags === want.replace('title: "crlf"\r\n', 'title: "crlf"\r\ntags: [회고]\r\n'), `front matter: ${JSON.stringify(withTags.slice(0, 60))}`);
    // A CRLF post with an empty body: the lines typed take the post's ending, not the (empty) body's.
    await page.click('[data-testid=back]');
    await importPost(page, tmp, 'crlf-empty.md', '---\r\ntitle: "빈 본문"\r\n---\r\n');
    await page.waitForSelector('[data-testid=body]');
    await page.focus('[data-testid=body]');
    await page.keyboard.type('첫 줄');
    await page.keyboard.press('Enter');
    await page.keyboard.type('다음 행');
    await storedHolds(page, '다음 행');
    const typed = await storedText(page, 'crlf-empty.md');
    assert(typed === '---\r\ntitle: "빈 본문"\r\n---\r\n첫 줄\r\n다음 행', `empty body typed: ${JSON.stringify(typed)}`);
    await context.close();
  });

  // A NUL makes a file binary to git and to the import: one pasted into the body
  // once saved, and the draft reopened in raw mode ("looks like a binary file").
  await test('typing: a NUL pasted into the body shows as U+FFFD, and the draft reopens as a post', async () => {
    const { context, page } = await fresh();
    await page.waitForSelector('[data-testid=field-title]');
    const title = await page.textContent('.editor-name');
    await page.evaluate(() => { const ta = document.getElementById('body'); ta.focus(); ta.setSelectionRange(0, 0); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.insertText', { text: 'a\u0000b' });
    await page.waitForFunction(() => document.getElementById('body').value.startsWith('a\uFFFDb'));
    await storedHolds(page, 'a\uFFFDb');
    await h.reloadToLibrary(page);
    await openDraft(page, title);
    await page.waitForSelector('[data-testid=field-title]');
    const body = await page.inputValue('[data-testid=body]');
    assert(body.startsWith('a\uFFFDb'), `reopened body: ${JSON.stringify(body.slice(0, 20))}`);
    await context.close();
  });

  await test('form: a composition dropped without its end in the title (Backspace mid-syllable) does not stop what is typed after from being saved', async () => {
    const { context, page } = await freshDraft(fresh);
    await page.fill('[data-testid=field-title]', '제목');
    await storedHolds(page, '제목');
    const cdp = await context.newCDPSession(page);
    await page.click('[data-testid=field-title]');
    await page.keyboard.press('End');
    await composeHa(cdp);
    await page.keyboard.press('Backspace');
    await page.keyboard.type(' typed after');
    assert(await page.inputValue('[data-testid=field-title]') === '제목 typed after', 'the field shows the keys');
    await storedHolds(page, '제목 typed after');
    await context.close();
  });

  await test('form: a syllable being composed in the title when the page is reloaded is saved with it', async () => {
    const { context, page } = await freshDraft(fresh);
    await page.fill('[data-testid=field-title]', '새로고침');
    await storedHolds(page, '새로고침');
    const cdp = await context.newCDPSession(page);
    await page.click('[data-testid=field-title]');
    await page.keyboard.press('End');
    await composeHa(cdp);
    assert(await page.inputValue('[data-testid=field-title]') === '새로고침하', 'the syllable is in the field');
    await h.reloadToLibrary(page);
    const texts = (await h.storedDrafts(page)).map((d) => d.text);
    assert(texts.some((t) => t.includes('새로고침하')), `stored with its syllable: ${JSON.stringify(texts.map((t) => t.slice(0, 60)))}`);
    await context.close();
  });

  // Tab A composes a syllable in the title; tab B changes the title meanwhile. A's field
  // still shows the old title (never written mid-composition): reloading A must not send it.
  await test('form: a title being composed when another tab changed it is not sent over theirs at a reload', async () => {
    const { context, page: a } = await freshDraft(fresh);
    await a.fill('[data-testid=field-title]', '원래 제목');
    await storedHolds(a, '원래 제목');
    const b = await context.newPage();
    await b.goto(h.url);
    await openDraft(b, '원래 제목');
    const cdp = await context.newCDPSession(a);
    await a.click('[data-testid=field-title]');
    await a.keyboard.press('End');
    await composeHa(cdp);
    await b.fill('[data-testid=field-title]', 'B가 고친 제목');
    await storedHolds(b, 'B가 고친 제목');
    // A has taken B's save (its state; the field waits for the composition to end).
    await a.waitForFunction(() => document.querySelector('.card-title')?.textContent.includes('B가 고친 제목'));
    await h.reloadToLibrary(a);
    const texts = (await h.storedDrafts(a)).map((d) => d.text);
    assert(texts.some((t) => t.includes('B가 고친 제목')) && !texts.some((t) => t.includes('원래 제목하')), `B's title kept: ${JSON.stringify(texts.map((t) => t.slice(0, 50)))}`);
    await context.close();
  });

  // Text dragged into the body is the browser's to insert (the app's drop handler,
  // there for files, cancelled it), and after a composition dropped without its end,
  // that drop (no key) is saved at once, not at the next key.
  await test('typing: text dropped into the body is inserted and saved, after a dropped composition too', async () => {
    const { context, page } = await freshDraft(fresh);
    const body = page.locator('[data-testid=body]');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('drop ');
    await storedHolds(page, 'drop ');
    const cdp = await context.newCDPSession(page);
    const box = await body.boundingBox();
    const drop = async (text) => {
      const at = { x: box.x + 20, y: box.y + 20, data: { items: [{ mimeType: 'text/plain', data: text }], dragOperationsMask: 1 } };
      for (const type of ['dragEnter', 'dragOver', 'drop']) await cdp.send('Input.dispatchDragEvent', { type, ...at });
    };
    await drop('끌어온글');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.includes('끌어온글'), null, { timeout: bound(5000) })
      .catch(() => { throw new Error('the dropped text is not in the body'); });
    await storedHolds(page, '끌어온글');
    await page.keyboard.press('Control+End');
    await composeHa(cdp);
    await page.keyboard.press('Backspace');
    await drop('두번째');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.includes('두번째'));
    await storedHolds(page, '두번째');
    // A file dropped onto the body is still imported (opened as its own draft), not typed in.
    const file = path.join(tmp, '2026-11-28-dropped-file.md');
    fs.writeFileSync(file, '---\ntitle: "끌어온 파일"\n---\n파일 본문\n');
    for (const type of ['dragEnter', 'dragOver', 'drop']) {
      await cdp.send('Input.dispatchDragEvent', { type, x: box.x + 20, y: box.y + 20, data: { items: [], files: [file], dragOperationsMask: 1 } });
    }
    await page.waitForFunction(() => document.querySelector('[data-testid=body]')?.value === '파일 본문\n');
    assert(await page.inputValue('[data-testid=field-title]') === '끌어온 파일', 'the dropped file is the open draft');
    await context.close();
  });

  // jekyll-seo-tag's `author:` is a map (name, twitter): its one-line field showed empty,
  // and one key typed there replaced the whole map.
  await test('form: a list or map in a one-line field (author: name, twitter) is shown as written and cannot be typed over', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    await importPost(page, tmp, 'author-map.md', '---\ntitle: "작가 묶음"\nauthor:\n  name: 김철수\n  twitter: kim\ncover: [a.png, b.png]\n---\n본문\n');
    await page.waitForSelector('#f-author');
    const author = await page.evaluate(() => { const el = document.querySelector('#f-author'); return { disabled: el.disabled, value: el.value }; });
    assert(author.disabled && author.value === 'name: 김철수 twitter: kim', `shown, not editable: ${JSON.stringify(author)}`);
    assert(await page.evaluate(() => document.querySelector('#f-cover').disabled), 'a list is not typed over either');
    await page.fill('[data-testid=field-title]', '작가 묶음 고침');
    await storedTextHolds(page, 'title: "작가 묶음 고침"\nauthor:\n  name: 김철수\n  twitter: kim\ncover: [a.png, b.png]\n');
    await context.close();
  });

  // An <input> drops line breaks from its value: a `description: |` of two lines showed
  // glued, and the first key saved it as one line.
  await test('form: a description of several lines (`|`) is edited in a box of lines and stays a literal block', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    await importPost(page, tmp, 'multi-line-description.md', '---\ntitle: "여러 줄 설명"\ndescription: | # 요약\n  첫 줄입니다\n  둘째 줄입니다\ntags: [회고]\n---\n본문\n');
    await page.waitForSelector('#f-description');
    const field = () => page.evaluate(() => { const el = document.querySelector('#f-description'); return { tag: el.tagName, value: el.value }; });
    const before = await field();
    assert(before.tag === 'TEXTAREA' && before.value === '첫 줄입니다\n둘째 줄입니다\n', `a box of lines holding both: ${JSON.stringify(before)}`);
    assert(await page.evaluate(() => document.querySelector('#f-title').tagName) === 'INPUT', 'a one-line title stays an input');
    await page.click('#f-description');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(' 추가');
    await storedTextHolds(page, 'description: | # 요약\n  첫 줄입니다 추가\n  둘째 줄입니다\ntags: [회고]\n');
    // A new paragraph: Enter at the end (two line breaks there for a moment, which only
    // `|+` holds), then its text. Still a block, its comment kept.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await storedTextHolds(page, 'description: |+ # 요약\n  첫 줄입니다 추가\n  둘째 줄입니다\n\ntags: [회고]\n');
    await page.keyboard.type('셋째 문단');
    await storedTextHolds(page, 'description: |- # 요약\n  첫 줄입니다 추가\n  둘째 줄입니다\n\n  셋째 문단\ntags: [회고]\n');
    // A file with a one-line description opened over it: the field is one line again.
    const one = path.join(tmp, 'one-line-description.md');
    fs.writeFileSync(one, '---\ntitle: "한 줄 설명"\ndescription: 한 줄\n---\n본문\n');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'one-line-description.md', { type: 'text/markdown' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, fs.readFileSync(one, 'utf8'));
    await page.waitForFunction(() => document.querySelector('#f-description')?.tagName === 'INPUT');
    assert((await field()).value === '한 줄', 'the one-line field shows its value');
    await page.click('#f-description');
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await storedTextHolds(page, 'description: 한 줄!\n');
    await context.close();
  });

  // The form's box for the keys it has no field for: each key there re-renders the form
  // (its error check), which wrote the box's text back and undid what was typed.
  await test('form: keys typed into the other-keys box stay, show their error while invalid, and apply', async () => {
    const { context, page } = await fresh();
    await page.waitForSelector('#f-other');
    await page.focus('#f-other');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n새_키: [열림');
    await page.waitForFunction(() => document.querySelector('#f-other').value.endsWith('새_키: [열림'));
    await page.waitForSelector('#f-other ~ .hint.error');
    // Drawn afresh after a mode switch, the box still says why its text is not valid.
    await page.click('[data-testid=mode-raw]');
    await page.click('[data-testid=mode-form]');
    await page.waitForSelector('#f-other ~ .hint.error');
    assert(await page.locator('#f-other ~ button').isDisabled(), 'Apply stays off for invalid text');
    await page.focus('#f-other');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(']');
    await page.waitForFunction(() => !document.querySelector('#f-other ~ .hint.error'));
    const box = await page.inputValue('#f-other');
    assert(box.endsWith('\n새_키: [열림]'), `the box holds what was typed: ${JSON.stringify(box.slice(-30))}`);
    await page.click('#f-other ~ button');
    await storedHolds(page, '새_키: [열림]');
    await context.close();
  });

  // Outline jumps go to the heading clicked: a yearly post repeats "마치며" in every
  // section (they once all went to the first), and heading ids start with
  // `user-content-`, so `Links` keeps its id through DOMPurify (a `document`
  // property) and `x-target` does not take the export panel's select's id.
  await test('outline: a repeated heading, `Links` and `x-target` each jump to their own place in preview and editor', async () => {
    const { context, page } = await fresh();
    await page.click('[data-testid=back]');
    const para = `${'한 해를 돌아보는 긴 문단입니다. '.repeat(40)}\n\n`;
    const section = (i) => `## 장 ${i}\n\n${para.repeat(3)}### 마치며\n\n끝 ${i}\n\n`;
    // Last, a setext heading of two lines with markup: no line of it holds the outline's text.
    const body = `${[1, 2, 3, 4].map(section).join('')}## Links\n\n${para.repeat(3)}## x-target\n\n${para}첫 줄\n둘째 **줄**\n---\n\n${para}`;
    await importPost(page, tmp, 'repeated.md', `---\ntitle: "되풀이"\n---\n${body}`);
    await page.waitForFunction(() => document.querySelectorAll('.outline a').length === 11
      && !document.querySelector('[data-testid=preview]').hasAttribute('aria-busy'));
    // The heading shown at the preview's top, and the line the editor's caret is on.
    const where = () => page.evaluate(() => {
      const view = document.getElementById('preview-scroll').getBoundingClientRect();
      const seen = [...document.querySelectorAll('[data-testid=preview] h2, [data-testid=preview] h3')]
        .filter((h) => { const r = h.getBoundingClientRect(); return r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1; });
      const next = seen[0] && seen[0].parentElement.nextElementSibling;
      const ta = document.getElementById('body');
      const line = ta.value.slice(0, ta.selectionStart).split('\n').length;
      return { heading: seen[0]?.textContent, after: next?.textContent.trim(), line };
    });
    const lines = body.split('\n');
    const lineOf = (text, nth) => lines.map((l, i) => [l, i + 1]).filter(([l]) => l === text)[nth][1];
    for (const nth of [2, 0, 3]) {
      await page.locator('.outline a', { hasText: /^마치며$/ }).nth(nth).click();
      await page.waitForFunction((n) => {
        const h = [...document.querySelectorAll('[data-testid=preview] h3')][n];
        const view = document.getElementById('preview-scroll').getBoundingClientRect();
        const r = h.getBoundingClientRect();
        return r.height > 0 && Math.abs(r.top - view.top) < 120;
      }, nth);
      const w = await where();
      assert(w.heading === '마치며' && w.after === `끝 ${nth + 1}`, `마치며 #${nth + 1} in the preview: ${JSON.stringify(w)}`);
      assert(w.line === lineOf('### 마치며', nth), `마치며 #${nth + 1} in the editor: line ${w.line}, want ${lineOf('### 마치며', nth)}`);
    }
    for (const text of ['Links', 'x-target']) {
      await page.locator('.outline a', { hasText: new RegExp(`^${text}$`) }).click();
      await page.waitForFunction((t) => {
        const h = [...document.querySelectorAll('[data-testid=preview] h2')].find((e) => e.textContent === t);
        const view = document.getElementById('preview-scroll').getBoundingClientRect();
        const r = h.getBoundingClientRect();
        return h.id !== '' && r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
      }, text);
      assert((await where()).line === lineOf(`## ${text}`, 0), `${text} in the editor`);
    }
    await page.locator('.outline a', { hasText: /^첫 줄 둘째 줄$/ }).click();
    await page.waitForFunction(() => {
      const h = [...document.querySelectorAll('[data-testid=preview] h2')].find((e) => e.textContent.startsWith('첫 줄'));
      const view = document.getElementById('preview-scroll').getBoundingClientRect();
      const r = h.getBoundingClientRect();
      return r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
    });
    const setext = await where();
    assert(setext.line === lineOf('첫 줄', 0), `the two-line setext heading in the editor: line ${setext.line}, want ${lineOf('첫 줄', 0)}`);
    const target = await page.evaluate(() => document.getElementById('x-target')?.tagName);
    assert(target === 'SELECT', `the export target's label still names its select: ${target}`);
    await context.close();
  });

  // A footnote's id is `user-content-fn-` + its label, which a heading's id can equal
  // ("## Fn 1"): the outline's jump must go to the heading, not to the footnote.
  await test('outline: a heading whose id equals a footnote\'s is jumped to, not the footnote', async () => {
    const { context, page } = await fresh();
    await page.click('[data-testid=back]');
    const para = `${'각주가 있는 긴 문단입니다. '.repeat(40)}\n\n`;
    await importPost(page, tmp, 'footnote-heading.md', `---\ntitle: "각주"\n---\n본문[^1]\n\n[^1]: 각주 내용\n\n${para.repeat(6)}## Fn 1\n\n${para}`);
    await page.waitForFunction(() => document.querySelectorAll('.outline a').length === 1
      && document.querySelector('[data-testid=preview] .footnote-definition'));
    await page.locator('.outline a', { hasText: /^Fn 1$/ }).click();
    await page.waitForFunction(() => {
      const h = [...document.querySelectorAll('[data-testid=preview] h2')].find((e) => e.textContent === 'Fn 1');
      const view = document.getElementById('preview-scroll').getBoundingClientRect();
      const r = h.getBoundingClientRect();
      return r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
    });
    const ids = await page.evaluate(() => [document.querySelector('[data-testid=preview] h2').id, document.querySelector('[data-testid=preview] .footnote-definition').id]);
    assert(ids[0] === ids[1], `the heading and the footnote share the id: ${ids}`);
    await context.close();
  });

  // The form is not drawn again for body keys, but what it shows from the body is:
  // with no `title` key the title, and so the URL hint's slug, come from the first heading.
  await test('typing: the form\'s URL hint follows a title taken from the body\'s first heading', async () => {
    const { context, page } = await freshDraft(fresh);
    await page.click('[data-testid=mode-raw]');
    await page.fill('[data-testid=raw-front-matter]', 'date: 2026-11-25 09:00:00 +0900\n');
    await page.locator('[data-testid=raw-front-matter] ~ button').click();
    await page.click('[data-testid=mode-form]');
    const hint = page.locator('[data-testid=url-hint]');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('# Hello World\n\n');
    // The URL the export's target gives it (a new draft is a Jekyll one).
    await page.waitForFunction(() => document.querySelector('[data-testid=url-hint]')?.textContent.includes('hello-world'));
    assert((await hint.textContent()).trim() === '주소: /2026/11/25/hello-world.html', `URL hint: ${await hint.textContent()}`);
    await context.close();
  });

  // A paste larger than a preview slice, whose first character shares its leading UTF-8
  // bytes with the one it lands before (다, 나: EB …), once cut the text inside a
  // character and stopped the app (hoego-core blocks.rs `Edit::between`).
  await test('typing: a long Korean paste before Korean text renders, and typing goes on', async () => {
    const { context, page } = await fresh();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text().slice(0, 400)); });
    await page.click('text=← 보관함');
    await page.click('[data-testid=new-draft]');
    await page.fill('[data-testid=body]', '제목\n\n나의 한 해\n');
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('나의 한 해'));
    // The caret right before 나.
    await page.evaluate(() => { const ta = document.querySelector('[data-testid=body]'); ta.focus(); ta.setSelectionRange(4, 4); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.insertText', { text: `다${'문단 '.repeat(1000)}\n\n붙인 끝\n\n` });
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('붙인 끝'));
    await page.keyboard.press('Control+End');
    await page.keyboard.type('더 씀');
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]').textContent.includes('더 씀'));
    assert(errors.length === 0, `page errors: ${errors.join(' | ')}`);
    await context.close();
  });
}
