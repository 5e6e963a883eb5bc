// Batch export in the app (issue 10): select drafts from several blogs in the library and
// download one site-shaped zip. It must be the same bytes as `hoego export --zip` over the
// same drafts in the same order (same collision numbering, `post_url` links, `{{ site.X }}`
// from an imported `_config.yml`), for Jekyll, Gatsby and Lumen.
import fs from 'node:fs';
import path from 'node:path';
import { bound } from '../slowdown.mjs';

// YAML posts the browser build reads (TOML posts open in raw mode there). Two pairs collide,
// two link each other with `post_url`, one uses `{{ site.url }}` (the kramdown-jekyll blog's `_config.yml`).
const POSTS = [
  'chirpy-diary/_posts/2022-12-31-2022-retrospect.md',
  'poole-hyde/_posts/2022-12-31-2022-retrospect.md',
  'chirpy-til/_posts/2022-02-11-retro-tdd-currency-1.md',
  'chirpy-til/_posts/2022-02-11-tdd-currency-1.md',
  'kramdown-jekyll/_posts/2020-12-31-2020-retrospective.md',
  'basic-jekyll/_posts/2020-12-31-2020-retrospective.md',
  'jekyll-wowthemes/_posts/2023-01-03-reminiscence1.md',
  'gatsby-casper/src/content/2021.md',
];

/** Entry names of a zip, from its central directory. */
function zipNames(buf) {
  const eocd = buf.length - 22;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const n = buf.readUInt16LE(at + 28), extra = buf.readUInt16LE(at + 30), comment = buf.readUInt16LE(at + 32);
    names.push(buf.subarray(at + 46, at + 46 + n).toString('utf8'));
    at += 46 + n + extra + comment;
  }
  return names;
}

export default async function (h) {
  const { test, fresh, assert, cli, saved, root, tmp } = h;
  const blogs = path.join(root, 'tests/fixtures/blogs');
  const config = path.join(blogs, 'kramdown-jekyll/_config.yml');

  await test('batch export: selected drafts download as one site zip, byte-identical to `hoego export --zip`', async () => {
    const { context, page } = await fresh();
    await page.click('text=← 보관함');
    const before = await page.locator('[data-testid=draft-item]').count();
    await page.setInputFiles('[data-testid=import-file]', POSTS.map((p) => path.join(blogs, p)));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before + POSTS.length);
    await page.setInputFiles('[data-testid=import-file]', [config]);
    await page.waitForFunction(() => document.querySelector('[data-testid=notices]')?.textContent.includes('_config.yml'));
    await saved(page);
    // The drafts as the app holds them (import fills a Jekyll file name's date/slug in), in library order.
    // Each draft's current revision is read through the storage index (hoego/v2).
    const drafts = await page.evaluate(() => {
      const index = JSON.parse(localStorage.getItem('hoego/v2/index') || '{"drafts":[]}');
      const rev = new Map(index.drafts.map((e) => [e.id, e.rev]));
      return [...document.querySelectorAll('[data-testid=draft-item]')].map((li) => {
        const v = JSON.parse(localStorage.getItem(`hoego/v2/draft/${li.dataset.id}/${rev.get(li.dataset.id)}`));
        return { id: li.dataset.id, name: v.name, text: v.text };
      });
    });
    const ours = drafts.filter((d) => d.name && POSTS.some((p) => path.basename(p) === d.name));
    assert(ours.length === POSTS.length, `imported ${ours.length} of ${POSTS.length}`);
    for (const d of ours) await page.locator(`[data-testid=draft-item][data-id="${d.id}"] [data-testid=draft-select]`).check();
    await page.waitForFunction((n) => document.querySelector('[data-testid=batch-count]').textContent === String(n), ours.length);
    // The same drafts as files, same names, in library order (two share a name: one folder each).
    const dir = fs.mkdtempSync(path.join(tmp, 'batch-'));
    const files = ours.map((d, i) => {
      const f = path.join(dir, String(i), d.name);
      fs.mkdirSync(path.dirname(f));
      fs.writeFileSync(f, d.text);
      return f;
    });
    // Page coordinates (a click may scroll the button into view; that is not a move).
    const box = () => page.evaluate(() => { const r = document.querySelector("[data-testid=batch-download]").getBoundingClientRect(); return JSON.stringify([r.left + scrollX, r.top + scrollY, r.width, r.height]); });
    const place = await box();
    for (const [value, args] of [['jekyll', ['--to', 'jekyll']], ['gatsby', ['--to', 'gatsby']], ['lumen', ['--to', 'gatsby', '--flavor', 'lumen']]]) {
      await page.selectOption('[data-testid=batch-target]', value);
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: bound(30000) }), page.click('[data-testid=batch-download]', { noWaitAfter: true })]);
      const got = fs.readFileSync(await dl.path());
      const zip = path.join(dir, `${value}.zip`);
      cli(['export', ...args, '--offset', '+09:00', '--site-config', config, '--zip', zip, ...files]);
      const want = fs.readFileSync(zip);
      const names = zipNames(got);
      assert(Buffer.compare(got, want) === 0, `${value}: app zip differs from CLI zip\n app: ${names.join(' ')}\n cli: ${zipNames(want).join(' ')}`);
      assert(new Set(names).size === names.length && names.length === POSTS.length, `${value}: ${names.length} unique entries: ${names.join(' ')}`);
      assert(names.some((n) => n.includes('2022-retrospect-2')), `${value}: the second 2022-retrospect is numbered: ${names.join(' ')}`);
      if (value !== 'jekyll') assert(got.includes('https://blog.example.dev/assets/images/'), `${value}: {{ site.url }} resolved from the imported _config.yml`);
      assert(await box() === place, `${value}: the download button moved`);
    }
    await context.close();
  });

  // Images travel with the post: imported beside it, they go into the post's .zip and
  // the site zip at their site paths, and a link to one (a clickable thumbnail) follows
  // it there. The same bytes as the CLI's zip of the same folder.
  await test('export with images: the .zip and the site zip carry them, byte-identical to `hoego export --zip`', async () => {
    const { context, page } = await fresh();
    const dir = fs.mkdtempSync(path.join(tmp, 'img-'));
    const png = (n) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, n)]);
    // a.png a real 1×1 PNG (the preview must show it), b b.png only PNG-shaped.
    fs.writeFileSync(path.join(dir, 'a.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    fs.writeFileSync(path.join(dir, 'b b.png'), png(2));
    const post = path.join(dir, 'photos.md');
    fs.writeFileSync(post, '---\ntitle: "사진 회고"\ndate: 2026-11-20 10:00:00 +0900\n---\n[![a](./a.png)](./a.png)\n\n![b](<./b b.png>) [원본][b]\n\n[b]: <./b b.png>\n');
    await page.click('[data-testid=back]');
    await page.setInputFiles('[data-testid=import-file]', [path.join(dir, 'a.png'), path.join(dir, 'b b.png')]);
    await page.setInputFiles('[data-testid=import-file]', [post]);
    await page.waitForSelector('[data-testid=body]');
    // The preview shows the imported images (a blob: URL each; `./a.png` means nothing
    // to the page), the one with a space in its name too.
    await page.waitForFunction(() => {
      const a = document.querySelector('[data-testid=preview] img[alt=a]');
      const b = document.querySelector('[data-testid=preview] img[alt=b]');
      return a && a.src.startsWith('blob:') && a.complete && a.naturalWidth === 1 && b && b.src.startsWith('blob:');
    });
    for (const [target, args] of [['jekyll', ['--to', 'jekyll']], ['gatsby', ['--to', 'gatsby']]]) {
      await page.selectOption('[data-testid=export-target]', target);
      // The .md links to the bundled images' new places: the panel says they are in the .zip only.
      const only = await page.textContent('[data-testid=export-md-images]');
      assert(only.startsWith('이미지 2개는 .zip에만'), `${target}: zip-only hint: ${only}`);
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: bound(30000) }), page.click('[data-testid=export-zip]')]);
      const got = fs.readFileSync(await dl.path());
      const zip = path.join(dir, `${target}.zip`);
      cli(['export', ...args, '--offset', '+09:00', '--zip', zip, post]);
      const names = zipNames(got);
      assert(Buffer.compare(got, fs.readFileSync(zip)) === 0, `${target}: app zip differs from CLI zip\n app: ${names.join(' ')}\n cli: ${zipNames(fs.readFileSync(zip)).join(' ')}`);
      assert(names.length === 3 && names.some((n) => n.endsWith('/a.png')), `${target}: post and both images: ${names.join(' ')}`);
      if (target === 'jekyll') assert(!got.includes('(./a.png)') && !got.includes('./b b.png'), `${target}: every link follows its image`);
    }
    // The site zip of the library selection: the same images at the same paths.
    await page.click('[data-testid=back]');
    const item = page.locator('[data-testid=draft-item]', { hasText: '사진 회고' });
    await item.locator('[data-testid=draft-select]').check();
    await page.selectOption('[data-testid=batch-target]', 'jekyll');
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: bound(30000) }), page.click('[data-testid=batch-download]', { noWaitAfter: true })]);
    const site = zipNames(fs.readFileSync(await dl.path()));
    const one = zipNames(fs.readFileSync(path.join(dir, 'jekyll.zip')));
    assert(JSON.stringify(site) === JSON.stringify(one), `site zip ${site.join(' ')} vs ${one.join(' ')}`);
    await context.close();
  });

  await test('a blog folder\'s images are told apart by path (two shot.png, each post\'s own cover.png), as `hoego export --zip` does', async () => {
    const { context, page } = await fresh();
    const blog = path.join(fs.mkdtempSync(path.join(tmp, 'paths-')), 'blog');
    const onePx = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    // Four different images of two names (a decoder stops at IEND: the bytes after tell them apart).
    const png = (tag) => Buffer.concat([onePx, Buffer.from(tag)]);
    const files = {
      '_config.yml': 'title: t\n',
      '_posts/2024-07-01-folder.md': '---\ntitle: "폴더 사진"\ndate: 2024-07-01 10:00:00 +0900\n---\n![first](/assets/a/shot.png)\n\n![second](/assets/b/shot.png)\n\n![root](/shot.png)\n',
      'shot.png': png('shot-root'),
      'assets/a/shot.png': png('shot-a'),
      'assets/b/shot.png': png('shot-b'),
      'content/blog/one/index.md': '---\ntitle: "하나"\ndate: 2024-01-01 10:00:00 +0900\n---\n![c](./cover.png)\n',
      'content/blog/one/cover.png': png('cover-one'),
      'content/blog/two/index.md': '---\ntitle: "둘"\ndate: 2024-02-01 10:00:00 +0900\n---\n![c](./cover.png)\n',
      'content/blog/two/cover.png': png('cover-two'),
    };
    for (const [rel, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(blog, rel)), { recursive: true });
      fs.writeFileSync(path.join(blog, rel), data);
    }
    await page.click('[data-testid=back]');
    const before = await page.locator('[data-testid=draft-item]').count();
    await page.setInputFiles('[data-testid=import-folder]', blog);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=draft-item]').length === n, before + 3);
    await page.waitForSelector('[data-testid=storage-images][data-count="5"]', { state: 'attached' });
    const zipOf = async (title, target, post, want) => {
      if (await page.locator('[data-testid=body]').count()) await page.click('[data-testid=back]');
      await page.locator('[data-testid=draft-item]', { hasText: title }).locator('.draft-open').click();
      await page.selectOption('[data-testid=export-target]', target);
      await page.waitForFunction((n) => document.querySelector('[data-testid=export-md-images]')?.textContent.startsWith(`이미지 ${n}개`), want.length);
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: bound(30000) }), page.click('[data-testid=export-zip]')]);
      const got = fs.readFileSync(await dl.path());
      const cliZip = path.join(path.dirname(blog), `${title}.zip`);
      cli(['export', '--to', target, '--offset', '+09:00', '--zip', cliZip, path.join(blog, post)]);
      assert(Buffer.compare(got, fs.readFileSync(cliZip)) === 0, `${title}: app zip differs from CLI zip: ${zipNames(got).join(' ')} vs ${zipNames(fs.readFileSync(cliZip)).join(' ')}`);
      for (const w of want) assert(got.includes(Buffer.from(w)), `${title}: carries ${w}`);
      return got;
    };
    // `/shot.png` is the blog's root one, not assets/a's or assets/b's.
    const shots = await zipOf('폴더 사진', 'jekyll', '_posts/2024-07-01-folder.md', ['shot-a', 'shot-b', 'shot-root']);
    assert(shots.indexOf('shot-a') < shots.indexOf('shot-b'), 'each reference keeps its own image, in order');
    // The preview shows each its own (two blob: URLs, both drawn).
    await page.waitForFunction(() => {
      const [a, b] = ['first', 'second'].map((alt) => document.querySelector(`[data-testid=preview] img[alt=${alt}]`));
      return a && b && a.src.startsWith('blob:') && b.src.startsWith('blob:') && a.src !== b.src && a.naturalWidth === 1 && b.naturalWidth === 1;
    });
    const one = await zipOf('하나', 'gatsby', 'content/blog/one/index.md', ['cover-one']);
    assert(!one.includes(Buffer.from('cover-two')) && zipNames(one)[0] === 'content/blog/one/index.md', `the bundle's own cover and folder: ${zipNames(one).join(' ')}`);
    const two = await zipOf('둘', 'gatsby', 'content/blog/two/index.md', ['cover-two']);
    assert(!two.includes(Buffer.from('cover-one')), 'the other post\'s own cover');
    await context.close();
  });

  await test('imported images are kept across a reload (Cache Storage) and in backups until forgotten', async () => {
    const { context, page } = await fresh();
    const dir = fs.mkdtempSync(path.join(tmp, 'keep-'));
    // A real 1×1 PNG, named in Hangul with a space (the cache key is percent-encoded).
    const name = '사진 1.png';
    const pngBytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const post = path.join(dir, 'kept.md');
    fs.writeFileSync(post, '---\ntitle: "남는 사진"\ndate: 2026-11-20 10:00:00 +0900\n---\n![p](<./사진 1.png>)\n');
    const stored = (state, n) => page.waitForSelector(`[data-testid=storage-images][data-state=${state}][data-count="${n}"]`, { state: 'attached' });
    const shown = () => page.waitForFunction(() => {
      const img = document.querySelector('[data-testid=preview] img[alt=p]');
      return img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 1;
    });
    await page.click('[data-testid=back]');
    await page.setInputFiles('[data-testid=import-file]', [post]);
    await page.waitForSelector('[data-testid=body]');
    assert(await page.getAttribute('[data-testid=preview] img[alt=p]', 'src') === './%EC%82%AC%EC%A7%84%201.png', 'not imported yet: the reference as written');
    // The image dropped while the draft is open: the preview follows without an edit.
    await page.evaluate(([n, bytes]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], n, { type: 'image/png' }));
      dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, [name, [...pngBytes]]);
    await shown();
    await saved(page);
    await page.click('[data-testid=back]');
    await stored('stored', 1);

    await page.reload();
    await stored('stored', 1);
    assert((await page.textContent('[data-testid=storage-images]')).includes('1개'), 'count said in Korean');
    await page.locator('[data-testid=draft-item]', { hasText: '남는 사진' }).locator('.draft-open').click();
    // The preview shows the stored image (its bytes, as a blob: URL), not a request for ./사진 1.png.
    await shown();
    await page.selectOption('[data-testid=export-target]', 'jekyll');
    await page.waitForFunction(() => document.querySelector('[data-testid=export-md-images]')?.textContent.startsWith('이미지 1개'));
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: bound(30000) }), page.click('[data-testid=export-zip]')]);
    const zip = fs.readFileSync(await dl.path());
    const names = zipNames(zip);
    assert(names.length === 2 && names.some((n) => n.endsWith('.png')), `post and the kept image after a reload: ${names.join(' ')}`);
    assert(zip.includes(pngBytes), 'the image bytes are the imported ones');

    // A backup carries the image: restored in another browser profile, it is kept there.
    await page.click('[data-testid=back]');
    const [backup] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-all]')]);
    const backupPath = path.join(dir, 'backup.zip');
    fs.copyFileSync(await backup.path(), backupPath);
    const other = await fresh();
    await saved(other.page);
    await other.page.click('[data-testid=back]');
    await other.page.setInputFiles('[data-testid=restore-file]', backupPath);
    await other.page.waitForSelector('[data-testid=storage-images][data-state=stored][data-count="1"]');
    const there = await other.page.evaluate(async (n) => {
      const hit = await (await caches.open('hoego.images.v1')).match(`hoego-images/${encodeURIComponent(n)}`);
      return hit ? [...new Uint8Array(await hit.arrayBuffer())] : null;
    }, name);
    assert(there && Buffer.from(there).equals(pngBytes), 'the restored image is stored byte for byte');
    await other.context.close();

    // Forgetting asks first; a "no" keeps them (still stored after a reload).
    page.once('dialog', (d) => d.dismiss());
    await page.click('[data-testid=images-forget]');
    await page.reload();
    await stored('stored', 1);
    page.once('dialog', (d) => d.accept());
    await page.click('[data-testid=images-forget]');
    await stored('stored', 0);
    await page.reload();
    // Read back at start (the state leaves `unknown`): nothing there.
    await stored('stored', 0);
    assert(await page.evaluate(async () => (await (await caches.open('hoego.images.v1')).keys()).length) === 0, 'cache emptied');
    await page.locator('[data-testid=draft-item]', { hasText: '남는 사진' }).locator('.draft-open').click();
    await page.waitForSelector('[data-testid=export-path]');
    assert(await page.locator('[data-testid=export-md-images]').count() === 0, 'no image to bundle once forgotten');
    await context.close();
  });

  await test('a second tab follows the images another tab imports and forgets, without a reload', async () => {
    const { context, page: a } = await fresh();
    const dir = fs.mkdtempSync(path.join(tmp, 'tabs-'));
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const post = path.join(dir, 'tabs.md');
    fs.writeFileSync(post, '---\ntitle: "두 탭"\n---\n![p](./dot.png)\n');
    await a.click('[data-testid=back]');
    await a.setInputFiles('[data-testid=import-file]', [post]);
    await a.waitForSelector('[data-testid=body]');
    await saved(a);
    const b = await context.newPage();
    await b.goto(a.url());
    await b.locator('[data-testid=draft-item]', { hasText: '두 탭' }).locator('.draft-open').click();
    const img = '[data-testid=preview] img[alt=p]';
    await b.waitForSelector(img);
    assert(await b.getAttribute(img, 'src') === './dot.png', 'no image yet in the second tab');
    // The first tab imports it; the second previews it from the store.
    await a.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dot.png', { type: 'image/png' }));
      dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, [...png]);
    await b.waitForFunction((sel) => {
      const i = document.querySelector(sel);
      return i && i.src.startsWith('blob:') && i.complete && i.naturalWidth === 1;
    }, img);
    await b.click('[data-testid=back]');
    await b.waitForSelector('[data-testid=storage-images][data-state=stored][data-count="1"]', { state: 'attached' });
    // The first tab forgets it; the second drops it too (a reload would not find it).
    await a.click('[data-testid=back]');
    a.once('dialog', (d) => d.accept());
    await a.click('[data-testid=images-forget]');
    await b.waitForSelector('[data-testid=storage-images][data-state=stored][data-count="0"]', { state: 'attached' });
    await b.locator('[data-testid=draft-item]', { hasText: '두 탭' }).locator('.draft-open').click();
    await b.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('src') === './dot.png', img);
    await context.close();
  });

  await test('an imported SVG is drawn in the preview (its blob: URL is typed image/svg+xml)', async () => {
    const { context, page } = await fresh();
    const dir = fs.mkdtempSync(path.join(tmp, 'svg-'));
    fs.writeFileSync(path.join(dir, 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="7" height="5"><rect width="7" height="5" fill="red"/></svg>');
    const post = path.join(dir, 'svg.md');
    fs.writeFileSync(post, '---\ntitle: "그림"\n---\n![s](./dot.svg)\n');
    await page.click('[data-testid=back]');
    await page.setInputFiles('[data-testid=import-file]', [path.join(dir, 'dot.svg'), post]);
    await page.waitForSelector('[data-testid=body]');
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid=preview] img[alt=s]');
      return img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 7;
    });
    await context.close();
  });
}
