// A phone's width (390 px, and 320 px, the narrowest WCAG's reflow asks for): controls
// wrap between each other, never inside a label ("Select all" / "모두 선택" had one
// letter a line; "← Librar/y", "Fo/rm", "Hoeg/o" and "English" a letter a line at
// 320 px), and nothing pushes the page wider than the screen, in both languages.
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

  // On a desktop the export bar is one row: the target menu took the whole line (a
  // form's select is 100% wide), which put its download button on a line of its own.
  await test('desktop width: the library export bar is one row', async () => {
    const { context, page } = await fresh({ viewport: { width: 1280, height: 800 } });
    await page.click('text=← 보관함');
    await page.waitForSelector('[data-testid=batch-bar]');
    const rows = await page.$$eval('[data-testid=batch-bar] > *', (els) => [...new Set(els.map((el) => {
      const r = el.getBoundingClientRect();
      return Math.round(r.top + r.height / 2);
    }))]);
    assert(rows.length === 1 || Math.max(...rows) - Math.min(...rows) <= 4, `rows at ${JSON.stringify(rows)}`);
    await context.close();
  });

  // Words of the page's chrome (buttons, labels, headings, the brand) that a line
  // break cuts in two, and how far the page scrolls sideways. The preview's text,
  // the draft titles and the export's paths (long tokens, broken on purpose) are
  // not chrome.
  const cutWords = (page) => page.evaluate(() => {
    const cut = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) {
      const el = n.parentElement;
      if (!el.closest('button, label, summary, h1, h2, h3, .brand, [role=status]') || el.closest('.markdown, .draft-open, code, .sr-only')) continue;
      const words = /[\p{L}\p{N}]{2,}/gu;
      for (let m; (m = words.exec(n.data));) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
        if (tops.size > 1) cut.push(`${m[0]} (${el.tagName.toLowerCase()}.${el.className})`);
      }
    }
    return { cut, sideways: document.scrollingElement.scrollWidth - innerWidth };
  });

  await test('phone width: scrolled to the end, the last controls of the editor are above the fixed status bar (it wraps to several lines, more with a writing target)', async () => {
    for (const [width, target] of [[390, false], [320, false], [320, true]]) {
      const { context, page } = await fresh({ viewport: { width, height: 700 } });
      await page.waitForSelector('[data-testid=export-path]');
      if (target) {
        // A writing target adds a meter and its label: the bar grows a line or two,
        // and main's padding below (styles/app.css) must still clear it.
        await page.selectOption('[data-testid=target-unit]', { index: 1 });
        await page.waitForSelector('[data-testid=target-progress]');
      }
      const foot = await page.evaluate(() => {
        scrollTo(0, 0);
        return [document.querySelector('.statusbar').getBoundingClientRect().bottom, innerHeight];
      });
      assert(Math.abs(foot[0] - foot[1]) <= 1, `${width} px: at the top of the page the status bar ends at ${foot[0]}, not the screen's foot ${foot[1]}`);
      const got = await page.evaluate(() => {
        scrollTo(0, document.scrollingElement.scrollHeight);
        const bar = document.querySelector('.statusbar').getBoundingClientRect();
        const controls = [...document.querySelectorAll('main button, main summary, main select, main input, main a')]
          .filter((e) => e.getClientRects().length && !e.closest('.statusbar'));
        const last = controls.reduce((a, e) => (e.getBoundingClientRect().bottom > a.getBoundingClientRect().bottom ? e : a));
        return { bar: bar.top, last: last.getBoundingClientRect().bottom, what: last.textContent.trim().slice(0, 40) || last.tagName };
      });
      assert(got.last <= got.bar, `${width} px: "${got.what}" ends at ${got.last}, under the status bar from ${got.bar}`);
      await context.close();
    }
  });

  await test('phone width: the editor and the library keep words whole and fit the screen at 390 and 320 px, long words included', async () => {
    for (const width of [390, 320]) {
      const { context, page } = await fresh({ viewport: { width, height: 844 } });
      for (const lang of ['ko', 'en']) {
        await page.waitForSelector('[data-testid=export-path]');
        const editor = await cutWords(page);
        await page.click('[data-testid=back]');
        await page.waitForSelector('[data-testid=draft-item]');
        const library = await cutWords(page);
        for (const [view, got] of [['editor', editor], ['library', library]]) {
          assert(got.cut.length === 0, `${width} px, ${lang}, ${view}: words cut: ${got.cut.join(', ')}`);
          assert(got.sideways <= 0, `${width} px, ${lang}, ${view}: the page scrolls ${got.sideways} px sideways`);
        }
        await page.locator('[data-testid=draft-item] .draft-open').first().click();
        if (lang === 'ko') {
          await page.click('[data-testid=toggle-lang]');
          await page.waitForFunction(() => document.documentElement.lang === 'en');
        }
      }
      // What people write may hold words longer than the screen: a title, a tag, a
      // category, a heading, a URL. They break anywhere rather than widen the page.
      const long = 'Supercalifragilisticexpialidociouslylongwordwithoutanyspaces';
      const post = `---\ntitle: "${'아주긴제목'.repeat(8)} ${long}"\ndate: 2024-01-01\ntags: [${long}, 짧은태그]\n`
        + `categories: [${'카테고리'.repeat(10)}]\nseries: ${long}\n---\n\n## ${long}${long}\n\nhttps://example.com/${'a/very/long/path/'.repeat(6)}\n`;
      await page.click('[data-testid=back]');
      await page.setInputFiles('[data-testid=import-file]', { name: 'long-words.md', mimeType: 'text/markdown', buffer: Buffer.from(post) });
      await page.waitForFunction((l) => document.querySelector('[data-testid=preview] h2')?.textContent.includes(l), long);
      await page.waitForSelector('[data-testid=export-path]');
      const editor = await cutWords(page);
      await page.click('[data-testid=back]');
      await page.waitForFunction((l) => [...document.querySelectorAll('[data-testid=draft-item]')].some((e) => e.textContent.includes(l)), long);
      const library = await cutWords(page);
      // A second post of the same series (a Korean title of one word under keep-all),
      // and the series view open: its members' titles are buttons too.
      const second = `---\ntitle: "${'올해의회고와내년의목표를정리하며'.repeat(3)}"\ndate: 2025-01-01\nseries: ${long}\n---\n\n본문\n`;
      await page.setInputFiles('[data-testid=import-file]', { name: 'long-words-2.md', mimeType: 'text/markdown', buffer: Buffer.from(second) });
      await page.waitForSelector('[data-testid=body]');
      await page.click('[data-testid=back]');
      await page.click('[data-testid=series] > summary');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=series-member]').length >= 2);
      const series = await cutWords(page);
      assert(editor.sideways <= 0 && library.sideways <= 0 && series.sideways <= 0,
        `${width} px, long words: the page scrolls sideways (editor ${editor.sideways} px, library ${library.sideways} px, series ${series.sideways} px)`);
      await context.close();
    }
  });
}
