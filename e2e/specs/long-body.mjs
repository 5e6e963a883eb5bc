// A long body (over PAGED_OVER lines, src/paging.rs) is edited a page of
// PAGE_LINES lines at a time: Chromium's textarea freezes the tab laying out
// 75,000 lines at once, and a Hangul key in a textarea of thousands of lines
// costs hundreds of milliseconds. What must hold: the pages put
// together are the body byte for byte; an edit on a page is saved at its place
// in the whole body; the page buttons never move under the pointer; a real
// post is never paged.
import fs from 'node:fs';
import path from 'node:path';
import { editorText, turnPage } from './adversarial.mjs';
import { bound } from '../slowdown.mjs';

/** PAGED_OVER and PAGE_LINES in src/paging.rs. */
const PAGED_OVER = 400;
const PAGE_LINES = 200;
const LINES = 5_456;
const head = '---\ntitle: "긴 글"\n---\n';
const HEADING_AT = 4321;
const body = Array.from({ length: LINES }, (_, i) => (i === HEADING_AT ? '## 마지막 장' : i % 7 === 0 ? '' : `줄 ${i} 회고`)).join('\n') + '\nEND\n';

/** Lines `줄 1` … `줄 n`. */
const numbered = (n) => Array.from({ length: n }, (_, i) => `줄 ${i + 1}`);

/** Wait until the stored draft named `name` holds `text` (read through the index, as
 * run.mjs's storedText does, but polled in the page: the save follows the key). */
function storedIs(page, name, text) {
  return page.waitForFunction(({ name, text }) => {
    const index = JSON.parse(localStorage.getItem('hoego/v2/index'));
    return index.drafts.map((e) => JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`))).find((d) => d.name === name)?.text === text;
  }, { name, text });
}

/** Another tab of `context` opens the draft "긴 글", types `text` at the top of
 * its body and waits until that is saved. */
async function otherTabTypesAtTop(context, url, text) {
  const b = await context.newPage();
  await b.goto(url);
  await b.waitForSelector('[data-testid=draft-list]');
  await b.locator('[data-testid=draft-item]', { hasText: '긴 글' }).first().locator('.draft-open').click();
  await b.waitForSelector('[data-testid=body]');
  await b.focus('[data-testid=body]');
  await b.evaluate(() => document.querySelector('[data-testid=body]').setSelectionRange(0, 0));
  await b.keyboard.type(text);
  await b.waitForSelector('[data-testid=save-status].saved');
}

export default async function (h) {
  const { test, fresh, assert, tmp, importFiles, fixturesDir, storedText, url } = h;

  /** A new tab with `text` imported as `name`: opened in pages, its import saved. */
  const openPaged = async (name, text) => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=body-pages]');
    await page.waitForSelector('[data-testid=save-status].saved');
    return { context, page };
  };

  /** `got` is `want`; if not, say at which line they part. */
  const sameLines = (got, want, what) => {
    const gl = got.split('\n'), wl = want.split('\n');
    const i = wl.findIndex((l, k) => gl[k] !== l);
    assert(got === want, `${what}: differs at line ${i + 1}: ${JSON.stringify(gl[i])} vs ${JSON.stringify(wl[i])} (${gl.length} vs ${wl.length} lines)`);
  };

  await test('long body: edited a page of lines at a time; pages join to the body; an edit lands in place; buttons stay put', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const file = path.join(tmp, 'long-body.md');
    fs.writeFileSync(file, head + body);
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=body-pages]');
    const pos = () => page.textContent('[data-testid=page-pos]');
    assert((await pos()).includes(`1–${PAGE_LINES.toLocaleString('en')}`) && (await pos()).includes('5,457'), `first page: ${await pos()}`);
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
    await page.waitForFunction((s) => document.querySelector('[data-testid=page-pos]').textContent.includes(s), `${(PAGE_LINES + 1).toLocaleString('en')}–`);
    assert(await boxes() === before, `page buttons moved: ${before} -> ${await boxes()}`);
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('새 줄\n');
    await page.waitForFunction(() => document.querySelector('[data-testid=page-pos]').textContent.includes('5,458'));
    await page.waitForSelector('[data-testid=save-status].saved');
    const lines = body.split('\n');
    const want = head + [...lines.slice(0, PAGE_LINES), '새 줄', ...lines.slice(PAGE_LINES)].join('\n');
    sameLines(await storedText(page, 'long-body.md'), want, `the edit is saved at line ${PAGE_LINES + 1} of the whole body, nothing else changed`);
    // Typing at the very end of a page stays on its last line (it never runs into the next page's first).
    await page.click('[data-testid=page-prev]');
    await page.waitForFunction(() => document.querySelector('[data-testid=page-pos]').textContent.startsWith('1–'));
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' 끝');
    await page.waitForFunction((w) => document.querySelector('[data-testid=body]').value.endsWith(w), `${lines[PAGE_LINES - 1]} 끝`);
    await page.waitForSelector('[data-testid=save-status].saved');
    const want2 = head + [...lines.slice(0, PAGE_LINES - 1), `${lines[PAGE_LINES - 1]} 끝`, '새 줄', ...lines.slice(PAGE_LINES)].join('\n');
    sameLines(await storedText(page, 'long-body.md'), want2, `text typed at the end of page 1 stays on line ${PAGE_LINES}`);
    // Hangul through a real IME composition at the end of page 2 lands on that page's last line.
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+End');
    const cdp = await context.newCDPSession(page);
    for (const [steps, final] of [[['ㅎ', '하', '한'], '한'], [['ㄱ', '그', '글'], '글']]) {
      for (const t of steps) await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
      await cdp.send('Input.insertText', { text: final });
    }
    const l3 = want2.slice(head.length).split('\n');
    l3[2 * PAGE_LINES - 1] += '한글';
    const want3 = head + l3.join('\n');
    await storedIs(page, 'long-body.md', want3);
    // The outline's link to a heading on another page turns to it and puts the caret there.
    await page.click('nav.outline a:has-text("마지막 장")');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.startsWith('## 마지막 장'));
    assert(await page.evaluate(() => document.activeElement?.id === 'body' && document.activeElement.selectionStart === 0), 'caret on the heading');
    assert((await pos()).startsWith(`${(HEADING_AT + 2).toLocaleString('en')}–`), `heading page: ${await pos()}`);
    // The preview shows the whole post, its end included.
    await page.waitForFunction(() => document.querySelector('[data-testid=preview]')?.lastElementChild?.textContent.includes('END'));
    await context.close();
  });

  await test('long body: an arrow key at a page\'s edge turns the page; a selection does not; typing lands in place', async () => {
    // Three pages: lines 1–200, 201–400 and 401–500.
    const lines = numbered(500);
    const { context, page } = await openPaged('arrows.md', head + lines.join('\n') + '\n');
    const pos = () => page.textContent('[data-testid=page-pos]');
    const posIs = (s) => page.waitForFunction((p) => document.querySelector('[data-testid=page-pos]').textContent.startsWith(p), s);
    const caret = () => page.evaluate(() => {
      const ta = document.querySelector('[data-testid=body]');
      return { start: ta.selectionStart, end: ta.selectionEnd, len: ta.value.length, first: ta.value.split('\n')[0], focused: document.activeElement === ta };
    });
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowDown');
    await posIs(`${PAGE_LINES + 1}–`);
    // A screen reader is told where the turn went (a live region that speaks on turns only),
    // and the field is described by the hint that says how pages turn.
    await page.waitForFunction((p) => document.querySelector('[data-testid=page-said]').textContent.startsWith(p), `${PAGE_LINES + 1}–`);
    const described = await page.getAttribute('[data-testid=body]', 'aria-describedby');
    assert(described.split(' ').includes('body-pages-why') && (await page.textContent('#body-pages-why')).includes('↓'), `described by: ${described}`);
    let c = await caret();
    assert(c.start === 0 && c.end === 0 && c.first === `줄 ${PAGE_LINES + 1}` && c.focused, `↓ at the end of page 1: caret at the start of page 2: ${JSON.stringify(c)}`);
    await page.keyboard.press('ArrowUp');
    await posIs('1–');
    c = await caret();
    assert(c.start === c.len && c.end === c.len && c.focused, `↑ at the start of page 2: caret at the end of page 1: ${JSON.stringify(c)}`);
    await page.keyboard.press('ArrowRight');
    await posIs(`${PAGE_LINES + 1}–`);
    await page.keyboard.press('ArrowLeft');
    await posIs('1–');
    // Shift extends a selection within the page (here, at its end, nothing): no turn, and
    // the key after it is typed on page 1.
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.type('!');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.endsWith('!'));
    assert((await pos()).startsWith('1–'), `Shift+↓ turned the page: ${await pos()}`);
    // A key typed and ↓ at once (no wait between them): the key stays on page 1, then the
    // page turns; typing at the new page's start lands on line 201 of the whole body.
    await page.keyboard.type('?');
    await page.keyboard.press('ArrowDown');
    await posIs(`${PAGE_LINES + 1}–`);
    await page.keyboard.type('새 ');
    await page.waitForSelector('[data-testid=save-status].saved');
    const want = [...lines];
    want[PAGE_LINES - 1] += '!?';
    want[PAGE_LINES] = `새 ${want[PAGE_LINES]}`;
    sameLines(await storedText(page, 'arrows.md'), head + want.join('\n') + '\n', 'stored');
    // Back to page 1; at its start there is nowhere to turn: ↑ moves nothing.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowUp');
    await posIs('1–');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('^');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.startsWith('^줄 1\n'));
    assert((await pos()).startsWith('1–'), `↑ at the body's start: ${await pos()}`);
    // A turn by the button from the textarea's top (no scroll event: it stays at 0) still
    // moves the preview to the new page's place in the post.
    const previewTop = () => page.evaluate(() => document.getElementById('preview-scroll').scrollTop);
    await page.waitForFunction(() => {
      const p = document.getElementById('preview-scroll');
      return p.scrollHeight > p.clientHeight + 100;
    });
    // Both to their tops (the textarea's scroll event, if any, follows with 0 too).
    await page.evaluate(() => {
      document.querySelector('[data-testid=body]').scrollTop = 0;
      document.getElementById('preview-scroll').scrollTop = 0;
    });
    await page.waitForFunction(() => document.getElementById('preview-scroll').scrollTop === 0);
    await page.click('[data-testid=page-next]');
    await posIs(`${PAGE_LINES + 1}–`);
    await page.waitForFunction(() => document.getElementById('preview-scroll').scrollTop > 0);
    assert(await previewTop() > 0, 'the preview followed the turn');
    await context.close();
  });

  await test('long body: Backspace at a page\'s start and Delete at its end join the lines across the pages; Ctrl+Z takes it back', async () => {
    const lines = numbered(700);
    const text = head + lines.join('\n') + '\n';
    const { context, page } = await openPaged('join.md', text);
    const state = () => page.evaluate(() => {
      const ta = document.querySelector('[data-testid=body]');
      const line = ta.value.slice(0, ta.selectionStart).split('\n').pop();
      return { pos: document.querySelector('[data-testid=page-pos]').textContent, before: line, after: ta.value.slice(ta.selectionStart).split('\n')[0], collapsed: ta.selectionStart === ta.selectionEnd };
    });
    // Page 2 (lines 201–400), caret at its start: Backspace joins line 200 and line 201.
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.includes('줄 200줄 201'));
    let s = await state();
    assert(s.before === `줄 ${PAGE_LINES}` && s.after === `줄 ${PAGE_LINES + 1}` && s.collapsed, `caret at the join: ${JSON.stringify(s)}`);
    // The join's line is page 1's last: a screen reader is told the page changed.
    await page.waitForFunction(() => document.querySelector('[data-testid=page-said]').textContent.startsWith('1–'));
    // Ctrl+Z puts the line break back, and the writer back where they were: page 2, its start.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-testid=body]').value.includes('줄 200줄 201'));
    s = await state();
    assert(s.pos.startsWith(`${PAGE_LINES + 1}–`) && s.before === '' && s.after === `줄 ${PAGE_LINES + 1}` && s.collapsed, `after Ctrl+Z: ${JSON.stringify(s)}`);
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.includes('줄 200줄 201'));
    // Typing there lands at the join.
    await page.keyboard.type('+');
    await page.waitForSelector('[data-testid=save-status].saved');
    const joined = [...lines.slice(0, PAGE_LINES - 1), `줄 ${PAGE_LINES}+줄 ${PAGE_LINES + 1}`, ...lines.slice(PAGE_LINES + 1)];
    sameLines(await storedText(page, 'join.md'), head + joined.join('\n') + '\n', 'joined by Backspace');
    // Delete at the end of the page that holds the join joins its last line with the next page's first.
    await page.keyboard.press('Control+End');
    const last = (await state()).before;
    await page.keyboard.press('Delete');
    await page.waitForFunction((l) => {
      const ta = document.querySelector('[data-testid=body]');
      return ta.value.slice(0, ta.selectionStart).endsWith(l) && !ta.value.slice(ta.selectionStart).startsWith('\n');
    }, last);
    await page.waitForSelector('[data-testid=save-status].saved');
    const k = joined.indexOf(last);
    const joined2 = [...joined.slice(0, k), `${last}${joined[k + 1]}`, ...joined.slice(k + 2)];
    sameLines(await storedText(page, 'join.md'), head + joined2.join('\n') + '\n', 'joined by Delete');
    // Ctrl+Z right after takes the join back.
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-testid=save-status].saved');
    await storedIs(page, 'join.md', head + joined.join('\n') + '\n');
    await context.close();
  });

  await test('long body: Ctrl+Backspace at a page\'s start and Ctrl+Delete at its end join too (the browser\'s word deletions)', async () => {
    const lines = numbered(700);
    const { context, page } = await openPaged('join-word.md', head + lines.join('\n') + '\n');
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    // A word deletion at a page's start deletes the line break before it, as in one text.
    await page.keyboard.press('Control+Backspace');
    await page.waitForFunction(() => document.querySelector('[data-testid=body]').value.includes('줄 200줄 201'));
    await page.waitForSelector('[data-testid=save-status].saved');
    const joined = [...lines.slice(0, PAGE_LINES - 1), `줄 ${PAGE_LINES}줄 ${PAGE_LINES + 1}`, ...lines.slice(PAGE_LINES + 1)];
    await storedIs(page, 'join-word.md', head + joined.join('\n') + '\n');
    await page.keyboard.press('Control+z');
    await storedIs(page, 'join-word.md', head + lines.join('\n') + '\n');
    // And a word deletion forward at a page's end (page 2 ends with line 400).
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Delete');
    await page.waitForFunction((n) => document.querySelector('[data-testid=body]').value.includes(`줄 ${n}줄 ${n + 1}`), 2 * PAGE_LINES);
    const joined2 = [...lines.slice(0, 2 * PAGE_LINES - 1), `줄 ${2 * PAGE_LINES}줄 ${2 * PAGE_LINES + 1}`, ...lines.slice(2 * PAGE_LINES + 1)];
    await storedIs(page, 'join-word.md', head + joined2.join('\n') + '\n');
    await context.close();
  });

  await test('long body: a join that takes the body to the limit keeps its pages; Ctrl+Shift+Z and Ctrl+Y redo what Ctrl+Z took back', async () => {
    // One line break over the limit: a join leaves exactly PAGED_OVER.
    const lines = numbered(PAGED_OVER + 1);
    const whole = head + lines.join('\n') + '\n';
    const { context, page } = await openPaged('join-limit.md', whole);
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    const joinedLines = [...lines.slice(0, PAGE_LINES - 1), `줄 ${PAGE_LINES}줄 ${PAGE_LINES + 1}`, ...lines.slice(PAGE_LINES + 1)];
    const joined = head + joinedLines.join('\n') + '\n';
    const atJoin = () => page.waitForFunction((n) => {
      const ta = document.querySelector('[data-testid=body]');
      return ta.value.slice(0, ta.selectionStart).endsWith(`줄 ${n}`) && ta.value.slice(ta.selectionStart).startsWith(`줄 ${n + 1}`);
    }, PAGE_LINES);
    await page.keyboard.press('Backspace');
    await storedIs(page, 'join-limit.md', joined);
    await atJoin();
    // Still in pages (it used to end paging here, and the next Enter began it again).
    assert(await page.$('[data-testid=body-pages]'), 'the page bar stays after a join to the limit');
    assert((await page.inputValue('[data-testid=body]')).split('\n').length <= PAGE_LINES + PAGE_LINES / 4 + 1, 'the textarea holds a page');
    for (const redo of ['Control+Shift+Z', 'Control+y']) {
      await page.keyboard.press('Control+z');
      await storedIs(page, 'join-limit.md', whole);
      await page.keyboard.press(redo);
      await storedIs(page, 'join-limit.md', joined);
      await atJoin();
      assert(await page.$('[data-testid=body-pages]'), `still paged after ${redo}`);
    }
    // Typing there lands at the join, and a second redo has nothing to redo.
    await page.keyboard.press('Control+Shift+Z');
    await page.keyboard.type('+');
    const pair = `줄 ${PAGE_LINES}줄 ${PAGE_LINES + 1}`;
    await storedIs(page, 'join-limit.md', joined.replace(pair, `줄 ${PAGE_LINES}+줄 ${PAGE_LINES + 1}`));
    // After another edit the join is no longer ours to undo: Ctrl+Z takes back the typing only.
    await page.keyboard.press('Control+z');
    await storedIs(page, 'join-limit.md', joined);
    // Delete at the page's end joins the next page's first line; after Ctrl+Z and
    // a key typed, Ctrl+Shift+Z has nothing of ours to redo: the key stays, unjoined.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Delete');
    await storedIs(page, 'join-limit.md', joined.replace(`${pair}\n`, pair));
    await page.keyboard.press('Control+z');
    await storedIs(page, 'join-limit.md', joined);
    await page.keyboard.type('x');
    await page.keyboard.press('Control+Shift+Z');
    await storedIs(page, 'join-limit.md', joined.replace(pair, `${pair}x`));
    await context.close();
  });

  await test('long body: the browser\'s undo never puts a page\'s old text into another page (a page emptied, then a turn; a join that left the page\'s text as it was)', async () => {
    const lines = numbered(650);
    const { context, page } = await openPaged('stale-undo.md', head + lines.join('\n') + '\n');
    // Page 2 emptied (select all, Delete), then page 3: Ctrl+Z there has nothing of page 2's
    // to undo (Chromium's undo of the Delete would put lines 201–400 into page 3's text).
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    const emptied = [...lines.slice(0, PAGE_LINES), '', ...lines.slice(2 * PAGE_LINES)];
    await storedIs(page, 'stale-undo.md', head + emptied.join('\n') + '\n');
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+z');
    await page.keyboard.type('k');
    const typed = emptied.map((l) => (l === `줄 ${2 * PAGE_LINES + 1}` ? `k${l}` : l));
    await storedIs(page, 'stale-undo.md', head + typed.join('\n') + '\n');
    // The same after a whole page replaced through Ctrl+B (typed by execCommand, which
    // sends no beforeinput): page 3 (lines 401–600) wrapped in **, then the page before.
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+b');
    const start = typed.indexOf(`k줄 ${2 * PAGE_LINES + 1}`), end = typed.indexOf(`줄 ${3 * PAGE_LINES}`);
    const bold = typed.map((l, i) => (i === start ? `**${l}` : i === end ? `${l}**` : l));
    await storedIs(page, 'stale-undo.md', head + bold.join('\n') + '\n');
    await turnPage(page, 'prev');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+z');
    await page.keyboard.type('q');
    bold[0] = `q${bold[0]}`;
    await storedIs(page, 'stale-undo.md', head + bold.join('\n') + '\n');
    await context.close();

    // A blank line joined away at a page's end leaves the page's text as it was: the
    // browser's redo of a key undone before the join must not come back with Ctrl+Y.
    const blank = lines.slice(0, 450);
    blank[PAGE_LINES] = '';
    const second = await openPaged('stale-redo.md', head + blank.join('\n') + '\n');
    const p2 = second.page;
    await p2.focus('[data-testid=body]');
    await p2.keyboard.press('Control+End');
    await p2.keyboard.type('x');
    await p2.keyboard.press('Control+z');
    await p2.keyboard.press('Delete');
    const joined = [...blank.slice(0, PAGE_LINES), ...blank.slice(PAGE_LINES + 1)];
    await storedIs(p2, 'stale-redo.md', head + joined.join('\n') + '\n');
    await p2.keyboard.press('Control+y');
    await p2.keyboard.type('E');
    joined[PAGE_LINES - 1] += 'E';
    await storedIs(p2, 'stale-redo.md', head + joined.join('\n') + '\n');
    await second.context.close();
  });

  await test('long body: a cancelable beforeinput deletion at a page\'s start joins (an input method\'s delete); one the browser will not cancel does not', async () => {
    const lines = numbered(700);
    const { context, page } = await openPaged('join-input.md', head + lines.join('\n') + '\n');
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+Home');
    // What an Android keyboard's delete looks like to the page: no Backspace keydown, only the input events.
    const send = (cancelable) => page.evaluate((cancelable) => {
      const ta = document.querySelector('[data-testid=body]');
      const e = new InputEvent('beforeinput', { inputType: 'deleteContentBackward', cancelable, bubbles: true });
      ta.dispatchEvent(e);
      return e.defaultPrevented;
    }, cancelable);
    assert(!(await send(false)), 'a deletion that cannot be cancelled is left to the browser');
    assert((await page.inputValue('[data-testid=body]')).startsWith(`줄 ${PAGE_LINES + 1}\n`), 'and nothing joined');
    assert(await send(true), 'a cancelable one is taken');
    const joined = [...lines.slice(0, PAGE_LINES - 1), `줄 ${PAGE_LINES}줄 ${PAGE_LINES + 1}`, ...lines.slice(PAGE_LINES + 1)];
    await storedIs(page, 'join-input.md', head + joined.join('\n') + '\n');
    await context.close();
  });

  await test('long body: Ctrl+Z of a paste at a page\'s end that paged the body anew shows that page again, caret where the paste began', async () => {
    const lines = numbered(500);
    const { context, page } = await openPaged('undo-page.md', head + lines.join('\n') + '\n');
    await turnPage(page, 'next');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+End');
    // A real paste of a line break and 300 lines at the end of page 2's last line: the page
    // grows past 400 lines and is cut anew where the caret is.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    /** Paste `text`, wait until the textarea shows `shown`, Ctrl+Z, wait until `mark` is
     * gone, check the stored body is the one from before, and say where the editor is. */
    const pasteThenUndo = async (text, shown, mark) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.keyboard.press('Control+v');
      await page.waitForFunction((s) => document.querySelector('[data-testid=body]').value.includes(s), shown);
      await page.keyboard.press('Control+z');
      await page.waitForFunction((m) => !document.querySelector('[data-testid=body]').value.includes(m), mark);
      await page.waitForSelector('[data-testid=save-status].saved');
      assert(await storedText(page, 'undo-page.md') === head + lines.join('\n') + '\n', `the body from before the paste of ${mark}`);
      return page.evaluate(() => {
        const ta = document.querySelector('[data-testid=body]');
        const v = ta.value.split('\n');
        return { pos: document.querySelector('[data-testid=page-pos]').textContent, at: ta.selectionStart, len: ta.value.length, first: v[0], last: v.pop() };
      });
    };
    // 800 lines, the grown page cut from its start (201–400, 401–600, 601–800): the caret,
    // at the paste's end (line 700), is on the last.
    const c = await pasteThenUndo(Array.from({ length: 300 }, (_, i) => `\n붙임 ${i}`).join(''), '붙임 299\n줄 401', '붙임');
    assert(c.pos.startsWith(`${PAGE_LINES + 1}–`) && c.at === c.len && c.last === `줄 ${2 * PAGE_LINES}`, `page 2 again, caret at its end: ${JSON.stringify(c)}`);
    // At page 2's start, a paste whose first 60 lines repeat the lines after it (a block
    // copied above itself) and 240 more: Ctrl+Z puts the caret back at the page's start,
    // not where the old and new text first differ (60 lines down).
    await page.keyboard.press('Control+Home');
    const repeated = [...lines.slice(PAGE_LINES, PAGE_LINES + 60), ...Array.from({ length: 240 }, (_, i) => `새 ${i}`)].join('\n') + '\n';
    const c2 = await pasteThenUndo(repeated, '새 239', '새 ');
    assert(c2.pos.startsWith(`${PAGE_LINES + 1}–`) && c2.at === 0 && c2.first === `줄 ${PAGE_LINES + 1}`, `page 2 again, caret at its start: ${JSON.stringify(c2)}`);
    await context.close();
  });

  await test('long body: another tab saves an edit above this tab\'s page; the page and caret stay, typing lands in place', async () => {
    const { context, page: a } = await openPaged('two-tabs-long.md', head + body);
    // A: page 2, caret after the first line's text.
    await turnPage(a, 'next');
    const firstOfPage2 = await a.evaluate(() => document.querySelector('[data-testid=body]').value.split('\n')[0]);
    await a.focus('[data-testid=body]');
    await a.evaluate((n) => document.querySelector('[data-testid=body]').setSelectionRange(n, n), firstOfPage2.length);
    const posBefore = await a.textContent('[data-testid=page-pos]');
    await a.waitForSelector('[data-testid=stats]');
    const statsBefore = await a.textContent('[data-testid=stats]');
    // B: the same draft, a word added to its first line (page 1), saved.
    await otherTabTypesAtTop(context, url, 'B: ');
    // A takes B's save (A had nothing unsaved): same page, same caret; then A types.
    // (A's character count is the sign: B added two non-space characters above A's page.)
    await a.waitForFunction((s) => document.querySelector('[data-testid=stats]').textContent !== s, statsBefore);
    await a.bringToFront();
    await a.keyboard.type(' A');
    await a.waitForSelector('[data-testid=save-status].saved');
    assert(await a.textContent('[data-testid=page-pos]') === posBefore, `A's page moved: ${posBefore} -> ${await a.textContent('[data-testid=page-pos]')}`);
    const lines = body.split('\n');
    lines[0] = `B: ${lines[0]}`;
    lines[PAGE_LINES] = `${lines[PAGE_LINES]} A`;
    const want = head + lines.join('\n');
    sameLines(await storedText(a, 'two-tabs-long.md'), want, 'stored');
    await context.close();
  });

  await test('long body: another tab takes a body past the limit; this tab pages where its caret is and types there', async () => {
    const { context, page: a } = await fresh();
    await a.click('text=← 보관함');
    const file = path.join(tmp, 'crossing.md');
    const short = Array.from({ length: PAGED_OVER - 5 }, (_, i) => `줄 ${i}`).join('\n') + '\n';
    fs.writeFileSync(file, head + short);
    await a.setInputFiles('[data-testid=import-file]', file);
    await a.waitForSelector('[data-testid=save-status].saved');
    assert(await a.locator('[data-testid=body-pages]').count() === 0, 'not paged yet');
    // A: caret at the end of line CARET + 1 ("줄 CARET"), past the first page.
    const CARET = Math.round(PAGED_OVER * 0.75);
    const at = short.indexOf(`줄 ${CARET}\n`) + `줄 ${CARET}`.length;
    await a.focus('[data-testid=body]');
    await a.evaluate((n) => document.querySelector('[data-testid=body]').setSelectionRange(n, n), at);
    await a.waitForSelector('[data-testid=stats]');
    const statsBefore = await a.textContent('[data-testid=stats]');
    // B adds ten lines at the top: the body now has more than PAGED_OVER line breaks.
    await otherTabTypesAtTop(context, url, 'B\n'.repeat(10));
    await a.waitForFunction((s) => document.querySelector('[data-testid=stats]').textContent !== s, statsBefore);
    await a.waitForSelector('[data-testid=body-pages]');
    await a.bringToFront();
    await a.keyboard.type(' A');
    await a.waitForSelector('[data-testid=save-status].saved');
    const lines = short.split('\n');
    lines[CARET] += ' A';
    const want = head + 'B\n'.repeat(10) + lines.join('\n');
    sameLines(await storedText(a, 'crossing.md'), want, 'stored');
    await context.close();
  });

  await test('long body: a real post, and a body of exactly PAGED_OVER lines, are edited whole (no page bar)', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    // Exactly PAGED_OVER lines, the limit: edited whole.
    const file = path.join(tmp, 'under-limit.md');
    fs.writeFileSync(file, head + '줄\n'.repeat(PAGED_OVER));
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForFunction((n) => document.querySelector('[data-testid=body]')?.value.length === n, 2 * PAGED_OVER);
    // The bar would come with the editor's next render; the saved state and the preview come after it.
    await page.waitForSelector('[data-testid=save-status].saved');
    await page.waitForSelector('[data-testid=preview] .blk');
    assert(await page.locator('[data-testid=body-pages]').count() === 0, `a body of ${PAGED_OVER} lines shows no page bar`);
    await page.click('[data-testid=back]');
    await page.setInputFiles('[data-testid=import-file]', path.join(fixturesDir, 'zoomkoding-gatsby-2022-06-29.md'));
    await page.waitForSelector('[data-testid=body]');
    assert(await page.locator('[data-testid=body-pages]').count() === 0, 'a real post shows no page bar');
    // A real post wraps; a line over 16 KB (UNWRAPPED_OVER, src/components/body.rs) turns wrapping off.
    const wrap = () => page.getAttribute('[data-testid=body]', 'wrap');
    assert(await wrap() === 'soft', `a real post's wrapping: ${await wrap()}`);
    await page.click('[data-testid=back]');
    const wide = path.join(tmp, 'one-long-line.md');
    fs.writeFileSync(wide, head + '*'.repeat(20_000) + '\n');
    await page.setInputFiles('[data-testid=import-file]', wide);
    await page.waitForFunction(() => document.querySelector('[data-testid=body]')?.value.length === 20_001);
    assert(await wrap() === 'off', `a 20 KB line's wrapping: ${await wrap()}`);
    await context.close();
  });

  // MAX_BREAKS in src/components/preview.rs: the preview draws up to the 40,000th blank line.
  await test('long body: the preview stops after 40,000 blank lines and says so; the post keeps the rest', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const many = 'b\n\n'.repeat(39_998) + 'LAST-SHOWN\n\nx\n\nNOT-SHOWN\n';
    const file = path.join(tmp, 'many-blocks.md');
    fs.writeFileSync(file, '---\ntitle: "블록 많은 글"\n---\n' + many);
    await page.setInputFiles('[data-testid=import-file]', file);
    const note = await page.waitForSelector('[data-testid=preview-rest]', { timeout: bound(120000) });
    // The preview is drawn in slices: wait until its last block is there.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview] .blk').length >= 40000, null, { timeout: bound(120000), polling: 200 });
    const shown = await page.evaluate(() => {
      const p = document.querySelector('[data-testid=preview]');
      return { blocks: p.querySelectorAll('.blk').length, last: p.textContent.includes('LAST-SHOWN'), cut: p.textContent.includes('NOT-SHOWN') };
    });
    assert(shown.blocks === 40000 && shown.last && !shown.cut, `preview: ${JSON.stringify(shown)}`);
    const text = await note.textContent();
    assert(text.includes('40,000') && text.includes('1 KB'), `note: ${text}`);
    await page.waitForSelector('[data-testid=save-status].saved');
    assert(await storedText(page, 'many-blocks.md') === '---\ntitle: "블록 많은 글"\n---\n' + many, 'the post keeps every block');
    await context.close();
  });

  await test('long body: a paste that takes the body, then its page, past the limit pages it anew where the caret is; typing lands in place', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const file = path.join(tmp, 'grows.md');
    const short = Array.from({ length: PAGED_OVER - 100 }, (_, i) => `줄 ${i}`).join('\n');
    fs.writeFileSync(file, head + short);
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('[data-testid=save-status].saved');
    assert(await page.locator('[data-testid=body-pages]').count() === 0, 'not paged yet');
    await page.focus('[data-testid=body]');
    await page.keyboard.press('Control+End');
    // A real paste (Control+V from the clipboard: one input event, insertFromPaste) of 600 lines at the end.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const pasted = (tag, n) => Array.from({ length: n }, (_, i) => `\n${tag} ${i}`).join('');
    const paste = async (text) => {
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.keyboard.press('Control+v');
    };
    await paste(pasted('붙임', 600));
    await page.waitForSelector('[data-testid=body-pages]');
    const caret = () => page.evaluate(() => {
      const ta = document.querySelector('[data-testid=body]');
      return { at: ta.selectionStart, len: ta.value.length, focused: document.activeElement === ta, inView: ta.scrollTop + ta.clientHeight >= ta.scrollHeight - 40, last: ta.value.split('\n').pop() };
    });
    let c = await caret();
    assert(c.at === c.len && c.focused && c.last === '붙임 599', `caret stays at the end of the paste, on its page: ${JSON.stringify(c)}`);
    assert(c.inView, `the caret's line is scrolled into view: ${JSON.stringify(c)}`);
    // Writing the new page emptied the browser's undo: Ctrl+Z still takes the paste back.
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => !document.querySelector('[data-testid=body-pages]'));
    await page.waitForSelector('[data-testid=save-status].saved');
    assert(await storedText(page, 'grows.md') === head + short, 'Ctrl+Z after the new page restores the body from before the paste');
    c = await caret();
    assert(c.at === c.len && c.focused && c.last === `줄 ${PAGED_OVER - 101}`, `caret back where the paste began: ${JSON.stringify(c)}`);
    await paste(pasted('붙임', 600));
    await page.waitForSelector('[data-testid=body-pages]');
    await page.keyboard.type(' 끝');
    await page.waitForSelector('[data-testid=save-status].saved');
    let want = head + short + pasted('붙임', 600) + ' 끝';
    assert(await storedText(page, 'grows.md') === want, 'the paste and the typing are saved in place');
    // The last page grows past two pages' lines: it is cut again, the caret still at its end.
    // The caret's page was lines 801–900 (the body's 900 lines in pages of 200, the last of
    // 100); with 400 more it holds 500, past two pages: cut again from its start, in pages of
    // 200 (801–1,000, 1,001–1,200, 1,201–1,300), and the caret is on the one from line 1,201.
    await paste(pasted('더', 2 * PAGE_LINES));
    await page.waitForFunction((s) => document.querySelector('[data-testid=page-pos]').textContent.startsWith(s), `${(6 * PAGE_LINES + 1).toLocaleString('en')}–`);
    const lines = await page.evaluate(() => document.querySelector('[data-testid=body]').value.split('\n').length);
    assert(lines <= PAGE_LINES + PAGE_LINES / 4, `the page was cut again: it holds ${lines} lines`);
    c = await caret();
    assert(c.at === c.len && c.focused && c.last === `더 ${2 * PAGE_LINES - 1}` && c.inView, `caret at the end: ${JSON.stringify(c)}`);
    await page.keyboard.type('!');
    await page.waitForSelector('[data-testid=save-status].saved');
    want += pasted('더', 2 * PAGE_LINES) + '!';
    assert(await storedText(page, 'grows.md') === want, 'the second paste and the typing are saved in place');
    await context.close();
  });

  // MAX_POST_BYTES in src/components/library.rs (1.1 MB): a larger file or paste is not opened, and says why.
  await test('a post over 1.1 MB is not opened (file or paste); a notice says why; nothing is added', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const before = await page.locator('[data-testid=draft-item]').count();
    const big = head + 'x\n'.repeat(1_100_000); // 2.2 MB
    const file = path.join(tmp, 'too-big.md');
    fs.writeFileSync(file, big);
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForFunction(() => /too-big\.md.*2\.1 MB/.test(document.querySelector('[data-testid=notices]')?.textContent || ''));
    // A paste of it says the same; a file just under the limit opens.
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, big);
    await page.waitForFunction(() => (document.querySelector('[data-testid=notices]')?.textContent.match(/2\.1 MB/g) || []).length >= 2);
    assert(await page.locator('[data-testid=draft-item]').count() === before, 'no draft added');
    const fits = path.join(tmp, 'just-fits.md');
    fs.writeFileSync(fits, head + 'y\n'.repeat(560_000)); // 1.07 MiB
    await page.setInputFiles('[data-testid=import-file]', fits);
    await page.waitForSelector('[data-testid=body-pages]', { timeout: bound(120000) });
    await context.close();
  });
}
