// Compare what Gatsby built (public/posts.json) with the exported sources: every
// post present, same title, instant and tags, HTML rendered, and no Jekyll-only
// Liquid or kramdown attribute lists left (Liquid-looking text that was content,
// like a Vue template in a code block, stays).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const matter = require(path.join(here, '../../../node_modules/gray-matter'));
const built = JSON.parse(fs.readFileSync(path.join(here, 'public/posts.json'), 'utf8'));
let passed = 0, failed = 0;
const dir = path.join(here, 'content/blog');
for (const slug of fs.readdirSync(dir).sort()) {
  const file = path.join(dir, slug, 'index.md');
  const src = matter(fs.readFileSync(file, 'utf8'));
  const node = built.find((n) => n.fileAbsolutePath === file);
  const ok = node && node.frontmatter.title === src.data.title
    && new Date(node.frontmatter.date).getTime() === new Date(src.data.date).getTime()
    && JSON.stringify(node.frontmatter.tags ?? []) === JSON.stringify(src.data.tags ?? [])
    && node.html.length > 0 && !/\{% ?(raw|endraw|post_url|highlight)|\{\{ ?site\.|\{:/.test(node.html);
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${slug}  ${node ? node.frontmatter.date : 'missing'}`);
}
console.log(`gatsby: ${passed} passed, ${failed} failed`);
process.exit(failed || !passed ? 1 : 0);
