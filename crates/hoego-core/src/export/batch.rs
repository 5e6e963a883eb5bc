//! One export of many posts: every output path is unique (a later post that
//! maps to a taken path becomes `slug-2`, `slug-3`… in input order, with a
//! warning naming both sources), and `post_url` links follow posts to their
//! new places. The CLI's `--out`/`--zip` and the app's batch zip all go
//! through here, so they make the same files.

use std::collections::{HashMap, HashSet};

use super::changes::{change_warning, changes};
use super::links::{stem_of, LinkTarget, Links};
use super::placement::{self, post_path};
use super::plan::{apply, plan, PlanContext, SlugRewrite};
use super::{gatsby, jekyll, to_yaml_post};
use super::{ExportOptions, Exported, Flavor, Target};
use crate::date::PostDate;
use crate::error::{Warning, WarningCode};
use crate::post::Post;

/// One post of a batch.
#[derive(Debug, Clone)]
pub struct BatchPost<'a> {
    /// The post.
    pub post: &'a Post,
    /// Its file name or path (`_posts/2022-12-31-x.md`), for slug, date and messages.
    pub source_name: Option<String>,
    /// Image references (as written) the caller has a file for.
    pub available: Vec<String>,
}

/// A post made ready: YAML front matter, slug and date decided.
struct Prepared {
    post: Post,
    opts: ExportOptions,
    slug: String,
    date: PostDate,
    /// Its `date` is written as it is (`placement::date_kept`).
    date_kept: bool,
    /// Its date is its file name's (`placement::dated_by_file_name`).
    dated_by_file_name: bool,
    draft: bool,
    slug_rewrite: Option<SlugRewrite>,
    warnings: Vec<Warning>,
    source: super::Reader,
}

fn prepare(b: &BatchPost, opts: &ExportOptions) -> Prepared {
    let mut warnings = Vec::new();
    let opts = ExportOptions { source_name: b.source_name.clone(), ..opts.clone() };
    // The generator the post was written for, read once: its YAML reader and its dates.
    let dialect = crate::dialect::detect(b.post).dialect;
    let source = super::Reader::for_dialect(dialect);
    let mut post = to_yaml_post(b.post, &mut warnings);
    for key in post.merge_duplicate_keys() {
        let msg = format!("`{key}` was set more than once; kept the last value (what Jekyll reads)");
        warnings.push(Warning::new(WarningCode::DuplicateKeyMerged, msg, None));
    }
    let (slug, _) = placement::resolve_slug(&post, &opts, &mut warnings);
    let date_kept = placement::date_kept(&post, &opts, || dialect);
    let dated_by_file_name = placement::dated_by_file_name(&post, &opts);
    let date = placement::resolve_date(&post, &opts, date_kept, &mut warnings);
    // Jekyll's `_drafts/`: only for a `draft` key that was true where the post came from.
    let draft = super::plan::read_bool(&post, "draft", source) == Some(true);
    if draft && opts.target == Target::Gatsby(Flavor::StarterBlog) {
        // Lumen's queries leave drafts out; gatsby-starter-blog's read no `draft` key.
        let msg = "`draft: true`: gatsby-starter-blog publishes every post in content/blog; keep this one out of it \
                   until it is ready";
        warnings.push(Warning::new(WarningCode::DraftPublished, msg.to_string(), None));
    }
    let slug_rewrite = if placement::slug_key_escapes(&post) {
        Some(SlugRewrite::Unsafe)
    } else {
        placement::slug_key_not_url(&post, opts.target).then_some(SlugRewrite::NotUrl)
    };
    Prepared { post, opts, slug, date, date_kept, dated_by_file_name, draft, slug_rewrite, warnings, source }
}

fn label(b: &BatchPost, i: usize) -> String {
    b.source_name.clone().unwrap_or_else(|| format!("post {}", i + 1))
}

/// Give each prepared post a path no earlier post has (case-insensitively:
/// macOS and Windows would make `HTTP.md` and `http.md` one file).
fn make_unique(prepared: &mut [Prepared], posts: &[BatchPost], target: Target) {
    // Lowercased path → the post that has it. A list searched per try made
    // n posts of one slug ~n³.
    let mut taken: HashMap<String, usize> = HashMap::new();
    // Lowercased first path → the next `-N` to try: every smaller one is
    // taken already (a path is prefix + slug + suffix, so one first path has
    // one series of `-N` paths), and `taken` only grows.
    let mut next_n: HashMap<String, usize> = HashMap::new();
    for i in 0..prepared.len() {
        let p = &prepared[i];
        let path_of = |slug: &str| post_path(target, slug, &p.date, p.draft, &p.opts);
        let first = path_of(&p.slug);
        let (slug, path) = match taken.get(&first.to_lowercase()) {
            None => (p.slug.clone(), first),
            Some(&j) => {
                let n = next_n.entry(first.to_lowercase()).or_insert(2);
                let mut slug = format!("{}-{n}", p.slug);
                while taken.contains_key(&path_of(&slug).to_lowercase()) {
                    *n += 1;
                    slug = format!("{}-{n}", p.slug);
                }
                *n += 1;
                let path = path_of(&slug);
                let msg = format!(
                    "`{first}` is also where `{}` goes (earlier in this export); `{}` was written as `{path}`",
                    label(&posts[j], j),
                    label(&posts[i], i)
                );
                prepared[i].warnings.push(Warning::new(WarningCode::PathCollision, msg, None));
                prepared[i].slug_rewrite = Some(SlugRewrite::Collision);
                (slug, path)
            }
        };
        taken.insert(path.to_lowercase(), i);
        prepared[i].slug = slug;
    }
}

fn links_of(prepared: &[Prepared], posts: &[BatchPost], target: Target) -> Links {
    let targets = prepared
        .iter()
        .zip(posts)
        .filter_map(|(p, b)| {
            let source_stem = stem_of(b.source_name.as_deref()?).to_string();
            let path = post_path(target, &p.slug, &p.date, p.draft, &p.opts);
            let file = path.rsplit('/').next().unwrap_or("");
            let jekyll_stem = file.strip_suffix(".md").unwrap_or(file).to_string();
            Some(LinkTarget { source_stem, jekyll_stem, url: format!("/{}/", p.slug) })
        })
        .collect();
    Links::new(targets)
}

/// Export `posts` in order as one site. Every returned path (posts and
/// images) is distinct and a safe relative site path.
pub fn export_batch(posts: &[BatchPost], opts: &ExportOptions) -> Vec<Exported> {
    let mut prepared: Vec<Prepared> = posts.iter().map(|b| prepare(b, opts)).collect();
    make_unique(&mut prepared, posts, opts.target);
    let links = links_of(&prepared, posts, opts.target);
    let mut taken: HashSet<String> =
        prepared.iter().map(|p| post_path(opts.target, &p.slug, &p.date, p.draft, &p.opts).to_lowercase()).collect();
    prepared.into_iter().zip(posts).map(|(p, b)| finish(p, b, &links, &mut taken)).collect()
}

fn finish(mut p: Prepared, b: &BatchPost, links: &Links, taken: &mut HashSet<String>) -> Exported {
    let cx = PlanContext {
        target: p.opts.target,
        slug: &p.slug,
        slug_rewrite: p.slug_rewrite,
        date: &p.date,
        source: p.source,
        date_kept: p.date_kept,
        dated_by_file_name: p.dated_by_file_name,
    };
    let liquid_intended = crate::dialect::liquid_is_intended(&p.post);
    let fixes = plan(&p.post, &cx);
    apply(&mut p.post, &fixes, &mut p.warnings);
    let path = post_path(p.opts.target, &p.slug, &p.date, p.draft, &p.opts);
    let mut body = super::BodyContext {
        slug: &p.slug,
        available: &b.available,
        links,
        site: &p.opts.site,
        taken,
        liquid_intended,
    };
    let assets = match p.opts.target {
        Target::Jekyll => jekyll::body(&mut p.post, &mut body, &mut p.warnings),
        Target::Gatsby(_) => gatsby::body(&mut p.post, &mut body, &mut p.warnings),
    };
    let changes = changes(b.post, &p.post);
    p.warnings.extend(changes.iter().filter_map(change_warning));
    Exported { path, text: p.post.to_text(), warnings: p.warnings, changes, assets, fixes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Offset;

    fn opts(target: Target) -> ExportOptions {
        ExportOptions::new(target, Offset::KST, PostDate::parse("2026-11-22T10:00:00+09:00").unwrap())
    }

    #[test]
    fn colliding_posts_get_numbered_slugs_in_input_order_with_both_sources_named() {
        let a = Post::parse("---\ntitle: A\ndate: 2022-12-31 10:00:00 +0900\n---\na\n").unwrap();
        let b = Post::parse("---\ntitle: B\n---\nb\n").unwrap();
        let c = Post::parse("---\ntitle: C\ndate: 2022-12-31\nslug: 2022-Retrospect\n---\nc\n").unwrap();
        let posts = [
            BatchPost {
                post: &a,
                source_name: Some("one/_posts/2022-12-31-2022-retrospect.md".into()),
                available: vec![],
            },
            BatchPost {
                post: &b,
                source_name: Some("two/_posts/2022-12-31-2022-retrospect.md".into()),
                available: vec![],
            },
            BatchPost { post: &c, source_name: Some("three/post.md".into()), available: vec![] },
        ];
        for target in [Target::Jekyll, Target::Gatsby(super::super::Flavor::StarterBlog)] {
            let out = export_batch(&posts, &opts(target));
            let paths: Vec<&str> = out.iter().map(|e| e.path.as_str()).collect();
            let want: [&str; 3] = match target {
                Target::Jekyll => [
                    "_posts/2022-12-31-2022-retrospect.md",
                    "_posts/2022-12-31-2022-retrospect-2.md",
                    "_posts/2022-12-31-2022-Retrospect-3.md",
                ],
                Target::Gatsby(_) => [
                    "content/blog/2022-retrospect/index.md",
                    "content/blog/2022-retrospect-2/index.md",
                    "content/blog/2022-Retrospect-3/index.md",
                ],
            };
            assert_eq!(paths, want);
            let w = out[1].warnings.iter().find(|w| w.code == WarningCode::PathCollision).unwrap();
            assert!(w.message.contains("one/_posts/") && w.message.contains("two/_posts/"), "{}", w.message);
            // A renamed post that has a `slug:` key gets the new slug written into it.
            assert!(out[2].text.contains("slug: \"2022-Retrospect-3\"\n"), "{}", out[2].text);
            assert!(out[0].warnings.iter().all(|w| w.code != WarningCode::PathCollision));
        }
    }

    /// Many posts of one slug, some already `-N`-named, keep the old
    /// numbering: each takes the smallest `-N` no earlier post has.
    #[test]
    fn same_slug_posts_take_the_smallest_free_number() {
        let post = |t: &str| Post::parse(&format!("---\ntitle: {t}\ndate: 2022-12-31\n---\n")).unwrap();
        let titles = ["a", "a-3", "A", "a", "a-2", "a", "a"];
        let parsed: Vec<Post> = titles.iter().map(|t| post(t)).collect();
        let posts: Vec<BatchPost> =
            parsed.iter().map(|p| BatchPost { post: p, source_name: None, available: vec![] }).collect();
        let out = export_batch(&posts, &opts(Target::Jekyll));
        let slugs: Vec<&str> =
            out.iter().map(|e| e.path.trim_start_matches("_posts/2022-12-31-").trim_end_matches(".md")).collect();
        assert_eq!(slugs, ["a", "a-3", "a-2", "a-4", "a-2-2", "a-5", "a-6"]);
    }
}
