// Conformance against the real generators: export every fixture post and the
// synthetic cases with `hoego export`, build them with Jekyll 4.3 and read
// them with gray-matter (what gatsby-transformer-remark uses), and compare
// title, instant, tags and categories with what the author meant.
//
// usage: node tests/generators/check.mjs HOEGO_BIN WORK_DIR
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const matter = require('gray-matter');
const [hoego, work] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const fixtures = path.resolve(root, 'tests/fixtures/posts');
const expected = JSON.parse(fs.readFileSync(path.join(here, 'expected.json'), 'utf8'));

let passed = 0, failed = 0;
const results = [];
function check(name, cond, detail) {
  if (cond) passed++; else { failed++; console.log(`  FAIL ${name}: ${detail}`); }
  return cond;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.join(work, 'src'), { recursive: true });
// Sources: the fixtures, the synthetic cases, and a post written one minute ago in KST
// with a floating time (the case Jekyll hides as "future" on a UTC server).
const sources = [];
for (const dir of [fixtures, path.join(here, 'cases')]) {
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    fs.copyFileSync(path.join(dir, f), path.join(work, 'src', f));
    sources.push(f);
  }
}
// Five seconds back: a post dated in the very second Jekyll builds is an edge we do not test here.
const nowMs = Date.now() - 5000;
const kst = (ms) => new Date(ms + 9 * 3600e3).toISOString().slice(0, 19);
const oneMinAgo = nowMs - 60e3;
fs.writeFileSync(path.join(work, 'src', 'kst-one-minute-ago.md'),
  `---\ntitle: 방금 쓴 글\ndate: ${kst(oneMinAgo).replace('T', ' ')}\ntags: [now]\n---\n\n방금 쓴 회고.\n`);
sources.push('kst-one-minute-ago.md');
const nowArg = `${kst(nowMs)}+09:00`;
const instantOf = (name) => {
  const e = expected[name].instant;
  if (e === 'KST_MINUS_1') return new Date(Math.floor(oneMinAgo / 1000) * 1000).toISOString();
  if (e === 'NOW') return new Date(Math.floor(nowMs / 1000) * 1000).toISOString();
  return e;
};

function exportTo(args, outDir) {
  const files = sources.map((f) => path.join(work, 'src', f));
  const r = execFileSync(hoego, ['export', ...args, '--offset', '+09:00', '--now', nowArg, '--out', outDir, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const paths = r.trim().split('\n');
  check('export prints one path per file', paths.length === files.length, `${paths.length} vs ${files.length}`);
  return Object.fromEntries(sources.map((s, i) => [s, paths[i]]));
}

// ---------- Jekyll ----------
const site = path.join(work, 'jekyll');
fs.cpSync(path.join(here, 'jekyll-site'), site, { recursive: true });
const jpaths = exportTo(['--to', 'jekyll'], site);
let built = false;
try {
  execFileSync('jekyll', ['build', '--quiet', '-s', site, '-d', path.join(site, '_site')], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  built = check('jekyll build succeeds', true);
} catch (e) {
  check('jekyll build succeeds', false, e.message);
}
if (built) {
  const posts = JSON.parse(fs.readFileSync(path.join(site, '_site', 'posts.json'), 'utf8'));
  for (const src of sources) {
    const exp = expected[src];
    const post = posts.find((p) => p.path === jpaths[src]);
    const ok = [];
    if (!check(`jekyll ${src}: built and listed in site.posts`, !!post, `${jpaths[src]} missing (hidden as future or failed)`)) { results.push(['jekyll', src, 'MISSING']); continue; }
    ok.push(check(`jekyll ${src}: title`, post.title === exp.title, `${post.title}`));
    ok.push(check(`jekyll ${src}: instant`, new Date(post.date).toISOString() === instantOf(src), `${post.date} vs ${instantOf(src)}`));
    ok.push(check(`jekyll ${src}: tags`, same(post.tags, exp.tags), JSON.stringify(post.tags)));
    ok.push(check(`jekyll ${src}: categories`, same(post.categories, exp.categories), JSON.stringify(post.categories)));
    for (const s of exp.jekyllContentIncludes || []) ok.push(check(`jekyll ${src}: content keeps ${s}`, post.content.includes(s), post.content.slice(0, 300)));
    results.push(['jekyll', src, ok.every(Boolean) ? 'ok' : 'FAIL', post.date]);
  }
}

// ---------- Gatsby (gray-matter, as gatsby-transformer-remark reads files) ----------
for (const flavor of ['starter-blog', 'lumen']) {
  const out = path.join(work, `gatsby-${flavor}`);
  const gpaths = exportTo(['--to', 'gatsby', '--flavor', flavor], out);
  for (const src of sources) {
    const exp = expected[src];
    const file = path.join(out, gpaths[src]);
    let fm;
    try {
      fm = matter(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      check(`gatsby/${flavor} ${src}: parses (no duplicate keys)`, false, e.message);
      results.push([`gatsby/${flavor}`, src, 'PARSE ERROR']);
      continue;
    }
    const d = fm.data;
    const ok = [];
    ok.push(check(`gatsby/${flavor} ${src}: path`, /^content\/blog\/[a-z0-9-]+\/index\.md$/.test(gpaths[src]), gpaths[src]));
    ok.push(check(`gatsby/${flavor} ${src}: title`, d.title === exp.title, d.title));
    ok.push(check(`gatsby/${flavor} ${src}: date is a quoted ISO string with offset`, typeof d.date === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(d.date), JSON.stringify(d.date)));
    ok.push(check(`gatsby/${flavor} ${src}: instant`, new Date(d.date).toISOString() === instantOf(src), `${d.date} vs ${instantOf(src)}`));
    ok.push(check(`gatsby/${flavor} ${src}: tags are strings`, same(d.tags ?? [], exp.tags) && (d.tags ?? []).every((t) => typeof t === 'string'), JSON.stringify(d.tags)));
    if (flavor === 'lumen') {
      ok.push(check(`lumen ${src}: template/slug/category`, d.template === 'post' && typeof d.slug === 'string' && typeof d.category === 'string', JSON.stringify([d.template, d.slug, d.category])));
    }
    for (const s of exp.gatsbyBodyExcludes || []) ok.push(check(`gatsby/${flavor} ${src}: body has no ${s}`, !fm.content.includes(s), fm.content.slice(0, 300)));
    for (const s of exp.gatsbyBodyIncludes || []) ok.push(check(`gatsby/${flavor} ${src}: body has ${s}`, fm.content.includes(s), fm.content.slice(0, 300)));
    results.push([`gatsby/${flavor}`, src, ok.every(Boolean) ? 'ok' : 'FAIL', d.date]);
  }
}

// ---------- Zip bundle: a Gatsby post with co-located images ----------
const zipSrc = path.join(work, 'zipcase');
fs.mkdirSync(zipSrc, { recursive: true });
fs.copyFileSync(path.join(fixtures, 'lumen-gatsby-2023-review.md'), path.join(zipSrc, 'lumen-gatsby-2023-review.md'));
for (const img of ['cover.png', 'organize.jpeg']) fs.writeFileSync(path.join(zipSrc, img), `fake ${img}`);
const zipFile = path.join(work, 'bundle.zip');
execFileSync(hoego, ['export', '--to', 'jekyll', '--now', nowArg, '--zip', zipFile, path.join(zipSrc, 'lumen-gatsby-2023-review.md')], { stdio: ['ignore', 'pipe', 'pipe'] });
const listing = execFileSync('python3', ['-c', 'import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist())); print(z.read("_posts/2023-12-30-2023-review.md").decode())', zipFile], { encoding: 'utf8' });
check('zip: valid, post and images at Jekyll site paths', listing.includes('"_posts/2023-12-30-2023-review.md"') && listing.includes('"assets/images/2023-review/cover.png"') && listing.includes('"assets/images/2023-review/organize.jpeg"'), listing.slice(0, 300));
check('zip: links rewritten to the exported images', listing.includes('![정리](/assets/images/2023-review/organize.jpeg)') && listing.includes("cover : '/assets/images/2023-review/cover.png'"), listing.slice(0, 600));

console.log('\nconformance per source post:');
for (const r of results) console.log(`  ${r[0].padEnd(20)} ${r[1].padEnd(42)} ${r[2]}${r[3] ? '  date=' + r[3] : ''}`);
console.log(`generators: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
