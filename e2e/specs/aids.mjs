// Writing aids (issue 12): a per-draft length target in the status bar, stored
// in the draft's record (never in the text), and "Save as my template" with a
// preview before creating, stored under hoego/v2/templates and in backups.
import fs from 'node:fs';
import path from 'node:path';

const TEMPLATES = 'hoego/v2/templates';

export default async function (h) {
  const { test, fresh, assert, saved, storedDrafts, openDraft, tmp } = h;

  const templates = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || '{"templates":[]}').templates, TEMPLATES);
  const label = (page) => page.textContent('[data-testid=target-label]');
  const progress = (page) => page.evaluate(() => {
    const p = document.querySelector('[data-testid=target-progress]');
    return { value: p.value, max: p.max, aria: p.getAttribute('aria-label') };
  });
  const nums = (text) => text.match(/[\d,]+/g).map((n) => Number(n.replace(/,/g, '')));

  await test('writing aids: a length target follows the typing, is stored beside the text and survives reload', async () => {
    const { context, page } = await fresh();
    await saved(page);
    const title = await page.inputValue('[data-testid=field-title]');
    // Choosing a unit sets a target with the default goal; the goal box then changes it.
    await page.selectOption('[data-testid=target-unit]', 'chars-no-spaces');
    await page.waitForFunction(() => document.querySelector('[data-testid=target-label]')?.textContent.includes('/ 3,000자'));
    await page.fill('[data-testid=target-goal]', '100000');
    await page.press('[data-testid=target-goal]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=target-label]')?.textContent.includes('/ 100,000자'));
    const [before, goal] = nums(await label(page));
    assert(goal === 100000, `goal shown: ${await label(page)}`);
    assert(/^[\d,]+ \/ 100,000자 \(공백 제외\)$/.test(await label(page)), `Korean label: ${await label(page)}`);
    const p0 = await progress(page);
    assert(p0.aria === await label(page) && p0.max === 100000 && p0.value === before, `progress: ${JSON.stringify(p0)}`);
    assert(await page.getAttribute('[data-testid=target]', 'data-reached') === 'false', 'not reached yet');
    // Type: the (debounced) count moves.
    await page.locator('[data-testid=body]').press('Control+End');
    await page.keyboard.type('\n목표를향해열글자더');
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid=target-progress]').value) === b + 9, before);
    await saved(page);
    const stored = (await storedDrafts(page)).find((d) => d.text.includes('목표를향해열글자더'));
    assert(JSON.stringify(stored.target) === '{"unit":"chars-no-spaces","goal":100000}', `stored target: ${JSON.stringify(stored.target)}`);
    assert(!stored.text.includes('100000') && !stored.text.includes('target'), 'the target is not in the post text');
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') await page.click('[data-testid=toggle-theme]');
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      await page.screenshot({ path: path.join(h.out, `aids-target-${theme}.png`) });
    }
    await page.click('[data-testid=toggle-theme]');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    // A goal below the count: reached, said in words as well as shown.
    await page.fill('[data-testid=target-goal]', String(before));
    await page.press('[data-testid=target-goal]', 'Tab');
    await page.waitForSelector('[data-testid=target-reached]');
    assert((await page.textContent('[data-testid=target-reached]')).includes('목표 달성'), 'reached is said in words');
    await saved(page);
    // Reload: the target comes back with the draft; in English the label reads so.
    await h.reloadToLibrary(page);
    await page.click('[data-testid=toggle-lang]');
    await openDraft(page, title);
    await page.waitForSelector('[data-testid=target-progress]');
    assert(new RegExp(`^[\\d,]+ / ${before.toLocaleString('en-US')} characters \\(no spaces\\)$`).test(await label(page)), `after reload: ${await label(page)}`);
    assert(await page.getAttribute('[data-testid=target]', 'data-reached') === 'true', 'still reached');
    // Clear it ("no target"): gone from the bar and from the record.
    await page.selectOption('[data-testid=target-unit]', '');
    await page.waitForSelector('[data-testid=target-progress]', { state: 'detached' });
    await page.waitForFunction(() => {
      const i = JSON.parse(localStorage.getItem('hoego/v2/index'));
      return i.drafts.every((e) => !('target' in JSON.parse(localStorage.getItem(`hoego/v2/draft/${e.id}/${e.rev}`))));
    });
    await context.close();
  });

  await test('writing aids: save a draft as my template, preview it, create from it, back up, restore, rename, delete', async () => {
    const { context, page } = await fresh();
    await saved(page);
    // Named after the draft's title; renamed in the library's preview.
    await page.fill('[data-testid=field-title]', '내 연간 회고 틀');
    await page.waitForFunction(() => document.querySelector('.card-title').textContent === '내 연간 회고 틀');
    await page.click('[data-testid=tpl-save]');
    await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('내 연간 회고 틀'), TEMPLATES);
    const [tpl] = await templates(page);
    assert(!tpl.text.includes('내 연간 회고 틀'), 'the title is not kept in the template text');
    assert(tpl.text.includes('title: ""') && tpl.text.includes('\n## ') && tpl.text.includes('- [ ]'), `structure kept: ${tpl.text}`);
    assert(!tpl.text.includes('- [x]'), 'tasks unchecked');
    const raw = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), TEMPLATES));
    assert(raw.schema === 1, 'the templates value carries its schema');
    // The library's menu lists it beside the built-in ones; choosing it previews first.
    await page.click('[data-testid=back]');
    const before = (await storedDrafts(page)).length;
    await page.selectOption('[data-testid=template-select]', `user:${tpl.id}`);
    await page.waitForSelector('[data-testid=tpl-preview]');
    const preview = await page.textContent('[data-testid=tpl-preview-text]');
    await page.screenshot({ path: path.join(h.out, 'aids-template-light.png') });
    assert(preview.includes('내 연간 회고 틀') && preview.includes('## '), `preview: ${preview}`);
    assert((await storedDrafts(page)).length === before, 'nothing created by previewing');
    await page.click('[data-testid=tpl-create]');
    await page.waitForSelector('[data-testid=field-title]');
    assert(await page.inputValue('[data-testid=field-title]') === '내 연간 회고 틀', 'titled with the template name');
    await saved(page);
    assert((await storedDrafts(page)).length === before + 1, 'one draft created');
    await page.click('[data-testid=back]');
    // Reload: the template is still there.
    await page.reload();
    await page.waitForSelector('[data-testid=draft-list]');
    const option = page.locator(`[data-testid=template-select] option[value="user:${tpl.id}"]`);
    assert(await option.textContent() === '내 연간 회고 틀', 'listed after reload');
    // Backup → restore in another browser profile brings the template.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-all]')]);
    const zipPath = path.join(tmp, 'aids-backup.zip');
    fs.copyFileSync(await dl.path(), zipPath);
    const other = await fresh();
    await saved(other.page);
    await other.page.click('[data-testid=back]');
    await other.page.setInputFiles('[data-testid=restore-file]', zipPath);
    await other.page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('내 연간 회고 틀'), TEMPLATES);
    const restored = await templates(other.page);
    assert(restored.length === 1 && restored[0].id === tpl.id && restored[0].text === tpl.text, 'restored exactly');
    await other.context.close();
    // Rename, then delete.
    await page.selectOption('[data-testid=template-select]', `user:${tpl.id}`);
    await page.fill('[data-testid=tpl-rename]', '바뀐 이름');
    await page.press('[data-testid=tpl-rename]', 'Tab');
    await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('바뀐 이름'), TEMPLATES);
    await page.waitForFunction(() => document.querySelector('[data-testid=tpl-preview] h2').textContent.includes('바뀐 이름'));
    await page.click('[data-testid=tpl-delete]');
    await page.waitForSelector('[data-testid=tpl-preview]', { state: 'detached' });
    assert((await templates(page)).length === 0, 'deleted from storage');
    assert(await page.locator('[data-testid=template-select] option[value^="user:"]').count() === 0, 'gone from the menu');
    await context.close();
  });
}
