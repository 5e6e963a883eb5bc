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
// The URL the app's form shows and `hoego url` prints: the one Jekyll gives the post.
const urls = execFileSync(hoego, ['url', '--to', 'jekyll', '--offset', '+09:00', '--now', nowArg, ...sources.map((f) => path.join(work, 'src', f))], { encoding: 'utf8' }).split('\n');
if (built) {
  const posts = JSON.parse(fs.readFileSync(path.join(site, '_site', 'posts.json'), 'utf8'));
  for (const src of sources) {
    const exp = expected[src];
    const post = posts.find((p) => p.path === jpaths[src]);
    const ok = [];
    if (!check(`jekyll ${src}: built and listed in site.posts`, !!post, `${jpaths[src]} missing (hidden as future or failed)`)) { results.push(['jekyll', src, 'MISSING']); continue; }
    ok.push(check(`jekyll ${src}: title`, post.title === exp.title, `${post.title}`));
    ok.push(check(`jekyll ${src}: the URL hoego url gives`, decodeURI(post.url) === urls[sources.indexOf(src)], `${decodeURI(post.url)} vs ${urls[sources.indexOf(src)]}`));
    ok.push(check(`jekyll ${src}: instant`, new Date(post.date).toISOString() === instantOf(src), `${post.date} vs ${instantOf(src)}`));
    ok.push(check(`jekyll ${src}: tags`, same(post.tags, exp.tags), JSON.stringify(post.tags)));
    ok.push(check(`jekyll ${src}: categories`, same(post.categories, exp.categories), JSON.stringify(post.categories)));
    for (const s of exp.jekyllContentIncludes || []) ok.push(check(`jekyll ${src}: content keeps ${s}`, post.content.includes(s), post.content.slice(0, 300)));
    // A theme prints `title` above the content: a heading made the title must not print twice.
    for (const s of exp.jekyllContentExcludes || []) ok.push(check(`jekyll ${src}: content has no ${s}`, !post.content.includes(s), post.content.slice(0, 300)));
    results.push(['jekyll', src, ok.every(Boolean) ? 'ok' : 'FAIL', post.date]);
  }
}

// ---------- Jekyll on a UTC build (no `timezone:`, as on GitHub Pages) ----------
// A date without a time is read as midnight in the build's zone, and that date is
// in the post's URL: the export must keep it, or every existing link moves a day.
// So must a time without an offset that has passed in UTC (read as UTC there): the
// export's offset would date `06:00` a day earlier in UTC.
{
  const utc = path.join(work, 'jekyll-utc');
  fs.cpSync(path.join(here, 'jekyll-site'), utc, { recursive: true });
  const cfg = path.join(utc, '_config.yml');
  fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace(/^timezone:.*\n/m, ''));
  const upaths = exportTo(['--to', 'jekyll'], utc);
  execFileSync('jekyll', ['build', '--quiet', '-s', utc, '-d', path.join(utc, '_site')], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  const uposts = JSON.parse(fs.readFileSync(path.join(utc, '_site', 'posts.json'), 'utf8'));
  let dateOnly = 0;
  let timeNoOffset = 0;
  for (const src of sources) {
    const m = fs.readFileSync(path.join(work, 'src', src), 'utf8')
      .match(/^date:\s*['"]?(\d{4})(?:-(\d\d?)-(\d\d?)|\/(\d\d?)\/(\d\d?)|\. ?(\d\d?)\. ?(\d\d?)\.?)(?:[ T](\d\d:\d\d(?::\d\d)?)(?: [KJ]ST)?)?['"]?\s*$/m);
    if (!m) continue;
    // `2022-7-8` is July 8 to Ruby, as to the author; `06:00:00 KST` is 06:00 in the build's zone to Ruby.
    // (Month and day are in the groups of whichever separator was written: -, / or `. `.)
    const [mo, da] = [m[2] ?? m[4] ?? m[6], m[3] ?? m[5] ?? m[7]];
    m.splice(1, 7, `${m[1]}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}`);
    if (m[2] && Date.parse(`${m[1]}T${m[2]}Z`) > nowMs) continue;
    if (m[2]) timeNoOffset++; else dateOnly++;
    const post = uposts.find((p) => p.path === upaths[src]);
    check(`jekyll (UTC build) ${src}: the URL's date stays ${m[1]}`, !!post && post.date.slice(0, 10) === m[1], post ? post.date : `${upaths[src]} missing`);
  }
  check('jekyll (UTC build): some fixture has a date-only `date`', dateOnly > 0, 'none: the check above tested nothing');
  check('jekyll (UTC build): some fixture has a time with no offset', timeNoOffset > 0, 'none: the check above tested nothing');
}

// ---------- Jekyll with a permalink style of the site's (`--site-config`) ----------
// The URL `hoego url` (the app's form) gives must follow the site's `permalink:`, here
// a template with placeholders the default style has not (`:i_month`, `:y_day`).
{
  const pl = path.join(work, 'jekyll-permalink');
  fs.cpSync(path.join(here, 'jekyll-site'), pl, { recursive: true });
  const cfg = path.join(pl, '_config.yml');
  fs.writeFileSync(cfg, `${fs.readFileSync(cfg, 'utf8')}permalink: /blog/:year/:i_month/:y_day/:title/\n`);
  const ppaths = exportTo(['--to', 'jekyll', '--site-config', cfg], pl);
  execFileSync('jekyll', ['build', '--quiet', '-s', pl, '-d', path.join(pl, '_site')], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  const pposts = JSON.parse(fs.readFileSync(path.join(pl, '_site', 'posts.json'), 'utf8'));
  const purls = execFileSync(hoego, ['url', '--to', 'jekyll', '--site-config', cfg, '--offset', '+09:00', '--now', nowArg, ...sources.map((f) => path.join(work, 'src', f))], { encoding: 'utf8' }).split('\n');
  for (const [i, src] of sources.entries()) {
    const post = pposts.find((p) => p.path === ppaths[src]);
    check(`jekyll (permalink template) ${src}: the URL hoego url gives`, !!post && decodeURI(post.url) === purls[i], post ? `${decodeURI(post.url)} vs ${purls[i]}` : `${ppaths[src]} missing`);
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
    // Gatsby formats dates in UTC: a date written without an offset (or supplied by the
    // export) is written as its wall clock at +09:00 with none, shown on its own day.
    const iso = typeof d.date === 'string' && d.date.match(/^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d([+-]\d\d:\d\d)?)?$/);
    ok.push(check(`gatsby/${flavor} ${src}: date is a quoted ISO string`, !!iso, JSON.stringify(d.date)));
    if (iso && iso[2]) {
      ok.push(check(`gatsby/${flavor} ${src}: instant`, new Date(d.date).toISOString() === instantOf(src), `${d.date} vs ${instantOf(src)}`));
    } else if (iso) {
      const wall = kst(Date.parse(instantOf(src)));
      const want = iso[1] ? wall : wall.endsWith('T00:00:00') && wall.slice(0, 10);
      ok.push(check(`gatsby/${flavor} ${src}: wall clock of the instant at +09:00, shown on its day`, d.date === want, `${d.date} vs ${wall}`));
    }
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
// Real image headers: an export bundles only files that are images by extension and content.
const magic = { 'cover.png': Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'organize.jpeg': Buffer.from('ffd8ffe000104a464946', 'hex') };
for (const img of ['cover.png', 'organize.jpeg']) fs.writeFileSync(path.join(zipSrc, img), magic[img]);
const zipFile = path.join(work, 'bundle.zip');
execFileSync(hoego, ['export', '--to', 'jekyll', '--now', nowArg, '--zip', zipFile, path.join(zipSrc, 'lumen-gatsby-2023-review.md')], { stdio: ['ignore', 'pipe', 'pipe'] });
const listing = execFileSync('python3', ['-c', 'import zipfile,sys,json; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist())); print(z.read("_posts/2023-12-30-2023-review.md").decode())', zipFile], { encoding: 'utf8' });
check('zip: valid, post and images at Jekyll site paths', listing.includes('"_posts/2023-12-30-2023-review.md"') && listing.includes('"assets/images/2023-review/cover.png"') && listing.includes('"assets/images/2023-review/organize.jpeg"'), listing.slice(0, 300));
check('zip: links rewritten to the exported images', listing.includes('![정리](/assets/images/2023-review/organize.jpeg)') && listing.includes("cover : '/assets/images/2023-review/cover.png'"), listing.slice(0, 600));

// ---------- A project site (`baseurl: /blog`, as GitHub Pages serves user.github.io/blog) ----------
// `/assets/…` is not this site's: every image the built posts show must be under /blog and
// exist in the build, for a Jekyll post (Liquid meant) and a Gatsby one (its `{{ }}` text).
{
  const ps = path.join(work, 'jekyll-project');
  fs.cpSync(path.join(here, 'jekyll-site'), ps, { recursive: true });
  const cfg = path.join(ps, '_config.yml');
  fs.writeFileSync(cfg, `${fs.readFileSync(cfg, 'utf8')}baseurl: /blog\n`);
  const jpost = path.join(zipSrc, 'project-jekyll.md');
  fs.writeFileSync(jpost, '---\ntitle: 프로젝트 사이트\ndate: 2023-12-30\nlayout: post\n---\n\n{{ site.title }}\n\n![표지](./cover.png)\n\n<img src="./organize.jpeg" alt="정리">\n');
  const posts = [jpost, path.join(zipSrc, 'lumen-gatsby-2023-review.md')];
  execFileSync(hoego, ['export', '--to', 'jekyll', '--site-config', cfg, '--now', nowArg, '--out', ps, ...posts], { stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync('jekyll', ['build', '--quiet', '-s', ps, '-d', path.join(ps, '_site')], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  const built = JSON.parse(fs.readFileSync(path.join(ps, '_site', 'posts.json'), 'utf8'));
  check('project site: both posts built', built.length === 2, JSON.stringify(built.map((b) => b.path)));
  for (const b of built) {
    // (The Gatsby post names more images than the two it is given: those stay as written, warned about.)
    const srcs = [...b.content.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => decodeURI(m[1]))
      .filter((src) => /\/(cover\.png|organize\.jpeg)$/.test(src));
    // (The Jekyll post shows both in its body; the Gatsby one has its cover in front matter.)
    const want = /project-jekyll/.test(b.path) ? 2 : 1;
    check(`project site ${b.path}: shows its ${want} images`, srcs.length === want, b.content.slice(0, 300));
    for (const src of srcs) {
      const inSite = src.startsWith('/blog/') && fs.existsSync(path.join(ps, '_site', src.slice('/blog/'.length)));
      check(`project site ${b.path}: image ${src} is under /blog and built`, inSite, b.content.slice(0, 400));
    }
  }
}

// ---------- The blogs batch: synthetic posts laid out as eleven blogs, exported as ONE site ----------
// Two pairs collide on their Jekyll path, one post links another with `post_url`, a Hugo
// post uses singular `tag`/`category`. Every post must be built, under its own path, with the
// title, tags and categories `hoego show` reports for its source.
const blogsDir = path.resolve(root, 'tests/fixtures/blogs');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.md') ? [path.join(d, e.name)] : []);
const blogPosts = walk(blogsDir).sort();
const shown = Object.fromEntries(blogPosts.map((f) => [f, JSON.parse(execFileSync(hoego, ['show', f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))]));
function exportBlogs(args, outDir) {
  const r = execFileSync(hoego, ['export', ...args, '--offset', '+09:00', '--now', nowArg, '--out', outDir, ...blogPosts], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const paths = r.trim().split('\n');
  check('blogs batch: one path per post', paths.length === blogPosts.length, `${paths.length} vs ${blogPosts.length}`);
  check('blogs batch: every path distinct', new Set(paths).size === paths.length, paths.join(' '));
  return Object.fromEntries(blogPosts.map((f, i) => [f, paths[i]]));
}
const bsite = path.join(work, 'jekyll-blogs');
fs.cpSync(path.join(here, 'jekyll-site'), bsite, { recursive: true });
const bj = exportBlogs(['--to', 'jekyll'], bsite);
// The rest of the writer's site: the posts chirpy-til's retrospective links to with
// `post_url` that are not in the batch. The export keeps those tags (Jekyll builds
// their real URLs; a guessed one is a 404 under this site's permalinks).
const restOfSite = ['2022-02-12-tdd-currency-2', '2022-04-05-tdd-currency-3'];
for (const stem of restOfSite) {
  fs.writeFileSync(path.join(bsite, '_posts', `${stem}.md`), `---\ntitle: ${stem}\n---\nstub\n`);
}
let bbuilt = false;
try {
  execFileSync('jekyll', ['build', '--quiet', '-s', bsite, '-d', path.join(bsite, '_site')], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
  bbuilt = check('blogs batch: jekyll build succeeds', true);
} catch (e) {
  check('blogs batch: jekyll build succeeds', false, e.message);
}
if (bbuilt) {
  const posts = JSON.parse(fs.readFileSync(path.join(bsite, '_site', 'posts.json'), 'utf8'));
  check('blogs batch: jekyll lists every post', posts.length === blogPosts.length + restOfSite.length, `${posts.length} of ${blogPosts.length} + ${restOfSite.length}`);
  for (const f of blogPosts) {
    const name = path.relative(blogsDir, f);
    const post = posts.find((p) => p.path === bj[f]);
    const want = shown[f];
    const ok = [check(`jekyll blogs ${name}: built`, !!post, bj[f])];
    if (post) {
      ok.push(check(`jekyll blogs ${name}: title`, post.title === want.title, `${post.title} vs ${want.title}`));
      ok.push(check(`jekyll blogs ${name}: tags as hoego show`, same(post.tags, want.tags), `${JSON.stringify(post.tags)} vs ${JSON.stringify(want.tags)}`));
      ok.push(check(`jekyll blogs ${name}: categories as hoego show`, same(post.categories, want.categories), `${JSON.stringify(post.categories)} vs ${JSON.stringify(want.categories)}`));
      ok.push(check(`jekyll blogs ${name}: no unresolved post_url`, !/post_url/.test(post.content), post.content.slice(0, 200)));
    }
    results.push(['jekyll/blogs', name, ok.every(Boolean) ? 'ok' : 'FAIL', post && post.date]);
  }
  const retro = posts.find((p) => /retro-tdd-currency-1/.test(p.path));
  check('blogs batch: post_url to a post of the batch resolved by Jekyll', retro && retro.content.includes('href="/til/tdd/2022/02/11/tdd-currency-1.html"'), retro && retro.content.slice(0, 300));
  check('blogs batch: post_url to a post of the site outside the batch kept, resolved by Jekyll', retro && retro.content.includes('href="/2022/02/12/tdd-currency-2.html"') && retro.content.includes('href="/2022/04/05/tdd-currency-3.html"'), retro && retro.content.slice(0, 600));
}
const bg = exportBlogs(['--to', 'gatsby'], path.join(work, 'gatsby-blogs'));
for (const f of blogPosts) {
  const name = path.relative(blogsDir, f);
  const fm = matter(fs.readFileSync(path.join(work, 'gatsby-blogs', bg[f]), 'utf8'));
  const want = shown[f];
  const ok = [
    check(`gatsby blogs ${name}: title`, fm.data.title === want.title, fm.data.title),
    check(`gatsby blogs ${name}: tags as hoego show`, same(fm.data.tags ?? [], want.tags), JSON.stringify(fm.data.tags)),
    check(`gatsby blogs ${name}: categories as hoego show`, same(fm.data.categories ?? [], want.categories), JSON.stringify(fm.data.categories)),
    check(`gatsby blogs ${name}: date is a quoted ISO string`, typeof fm.data.date === 'string' && !Number.isNaN(Date.parse(fm.data.date)), JSON.stringify(fm.data.date)),
    check(`gatsby blogs ${name}: no Jekyll Liquid or kramdown attribute list left`, !/\{% ?(post_url|raw|endraw|highlight)|\{\{ ?site\.|\{:[ .#]/.test(fm.content), fm.content.slice(0, 200)),
  ];
  results.push(['gatsby/blogs', name, ok.every(Boolean) ? 'ok' : 'FAIL', fm.data.date]);
}

// ---------- Values of several lines set on a literal block (`hoego set`, the form) ----------
// A `description: |` edited in the form is written back as a literal block where one can
// hold the text (`|`, `|-`, `|+`, an indentation indicator), else double-quoted. Psych (the
// YAML Jekyll reads front matter with, by Jekyll's own front matter pattern), gray-matter
// (js-yaml) and `hoego show` must all read back the text set, and the keys around it stay.
{
  const olds = { '|': '  old\n  two\n', '|-': '  old\n', '|+': '  old\n\n', '|2': '   old\n  x\n', '| # 요약': '    old\n   \n\n', '>': '  old\n  folded\n', '|  # empty': '',
    // A tab before the header or its comment (a second review found these read short).
    '\t|': '  old\n     \n\n', '|+\t# c': '  old\n\n\n' };
  const texts = ['한 줄', 'a\nb', 'a\nb\n', 'a\nb\n\n', 'a\nb\n\n\n', ' a\nb', '\ta\nb\n', '  \nb\n', 'a\n  \nb', 'a\n ', '\n\na\n',
    '# 제목\n---\n...\n', 'a:\n b: c\n', '- 항목\n  - 중첩\n', 'a\u2028b\n', 'a\u2029\n', '😀\n한글\n', 'a\n \n\n'];
  const dir = path.join(work, 'literal');
  fs.mkdirSync(dir, { recursive: true });
  const cases = [];
  for (const [header, old] of Object.entries(olds)) {
    for (const text of texts) {
      const file = path.join(dir, `case-${cases.length}.md`);
      fs.writeFileSync(file, `---\ntitle: t\ndescription: ${header}\n${old}tags: [a]\n---\nbody\n`);
      fs.writeFileSync(file, execFileSync(hoego, ['set', file, `description=${text}`], { encoding: 'utf8' }));
      cases.push({ header, text, file });
    }
  }
  // Last in the front matter, where gray-matter cuts at the closing `\n---` (a `|+`
  // block there would lose a line break to it: written double-quoted instead).
  for (const text of ['a\nb', 'a\nb\n', 'a\nb\n\n', 'a\n\n\n', ' a\n\n', 'a\n ']) {
    const file = path.join(dir, `case-${cases.length}.md`);
    fs.writeFileSync(file, '---\ntitle: t\ntags: [a]\ndescription: |\n  old\n---\nbody\n');
    fs.writeFileSync(file, execFileSync(hoego, ['set', file, `description=${text}`], { encoding: 'utf8' }));
    cases.push({ header: '| (last)', text, file });
  }
  const psych = 'puts JSON.generate(ARGV.map { |f| File.read(f) =~ /\\A(---\\s*\\n.*?\\n?)^((---|\\.\\.\\.)\\s*$\\n?)/m ? YAML.safe_load($1) : nil })';
  const read = JSON.parse(execFileSync('ruby', ['-ryaml', '-rjson', '-e', psych, ...cases.map((c) => c.file)], { encoding: 'utf8' }));
  cases.forEach(({ header, text, file }, i) => {
    const name = `literal block ${header} set to ${JSON.stringify(text)}`;
    const written = fs.readFileSync(file, 'utf8');
    const fm = matter(written).data;
    const shown = JSON.parse(execFileSync(hoego, ['show', file], { encoding: 'utf8' })).fields;
    const ok = [
      check(`${name}: Psych reads it`, read[i]?.description === text && read[i]?.title === 't' && same(read[i]?.tags, ['a']), `${JSON.stringify(read[i])}\n${written}`),
      check(`${name}: gray-matter reads it`, fm.description === text && fm.title === 't' && same(fm.tags, ['a']), `${JSON.stringify(fm)}\n${written}`),
      check(`${name}: hoego show reads it`, shown.description === text, JSON.stringify(shown.description)),
    ];
    if (!ok.every(Boolean)) results.push(['literal', name, 'FAIL']);
  });
  results.push(['literal', `${cases.length} multi-line values set`, 'checked']);
}

console.log('\nconformance per source post:');
for (const r of results) console.log(`  ${r[0].padEnd(20)} ${r[1].padEnd(42)} ${r[2]}${r[3] ? '  date=' + r[3] : ''}`);
console.log(`generators: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
