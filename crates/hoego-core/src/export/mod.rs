//! Export profiles: turn posts into files a real Jekyll or Gatsby site
//! builds with no hand fixes, and say exactly what had to change.
//!
//! Plan, then apply: [`placement`] decides each post's slug and path (and
//! [`batch`] makes paths unique across one export), [`plan::plan`] lists the
//! front matter changes as data ([`plan::Fix`]), [`plan::apply`] makes them
//! through [`Post::set`]/[`Post::unset`] (every line the target does not
//! require changing stays byte-identical) and turns a refused edit into a
//! warning; the profile then rewrites the body (images, Liquid, links).

mod assets;
pub mod batch;
mod bools;
#[cfg(feature = "zip")]
pub mod bundle;
mod changes;
mod gatsby;
mod jekyll;
pub(crate) mod links;
pub mod liquid;
pub mod placement;
pub mod plan;
pub mod site;
mod sites;
#[cfg(feature = "zip")]
pub mod unzip;
mod url;

pub use assets::{image_ref, image_refs, is_image, is_image_name, pick_image, ImageRef};
pub use batch::{export_batch, BatchPost};
pub use bools::Reader;
pub use site::SiteConfig;
pub use url::post_url;

use crate::date::{Offset, PostDate};
use crate::error::{Warning, WarningCode};
use crate::field::FieldValue;
use crate::post::Post;
use crate::slug::SlugStyle;
use crate::split::FrontMatterKind;
use crate::yaml::emit::emit_mapping;

/// Which generator to export for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Jekyll: `_posts/YYYY-MM-DD-slug.md`.
    Jekyll,
    /// Gatsby: `content/blog/<slug>/index.md`.
    Gatsby(Flavor),
}

/// Gatsby starter flavour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    /// gatsby-starter-blog.
    #[default]
    StarterBlog,
    /// Lumen: also `template: "post"`, `slug`, `category`.
    Lumen,
}

impl Target {
    /// Parse `--to` and `--flavor` values.
    pub fn parse(to: &str, flavor: Option<&str>) -> Option<Target> {
        match (to, flavor) {
            ("jekyll", None) => Some(Target::Jekyll),
            ("gatsby", None | Some("starter-blog")) => Some(Target::Gatsby(Flavor::StarterBlog)),
            ("gatsby", Some("lumen")) => Some(Target::Gatsby(Flavor::Lumen)),
            _ => None,
        }
    }
}

/// Export settings. `now` is passed in: there is no clock in the core.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The target generator.
    pub target: Target,
    /// Offset given to floating times and used for the filename date.
    pub offset: Offset,
    /// "Now", for posts with no date (must have time and offset).
    pub now: PostDate,
    /// How slugs made from a title (or remade with `reslug`) treat Hangul.
    pub slug_style: SlugStyle,
    /// The imported file's name (`2022-06-29-my-post.md`, `my-post/index.md`),
    /// which supplies the slug and date when the post lacks them. Ignored by
    /// [`export_batch`], which takes one per post.
    pub source_name: Option<String>,
    /// Remake every slug in `slug_style`, even one the post already has
    /// (by default an existing slug is kept byte-for-byte: it is the URL).
    pub reslug: bool,
    /// The source blog's `_config.yml`, for `{{ site.X }}` (Gatsby).
    pub site: SiteConfig,
}

impl ExportOptions {
    /// Options for `target` at `offset` with the defaults: romanized title
    /// slugs, existing slugs kept, no site configuration.
    pub fn new(target: Target, offset: Offset, now: PostDate) -> ExportOptions {
        ExportOptions {
            target,
            offset,
            now,
            slug_style: SlugStyle::Romanize,
            source_name: None,
            reslug: false,
            site: SiteConfig::default(),
        }
    }
}

/// One front matter change an export made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldChange {
    /// The key.
    pub key: String,
    /// Its text before (the whole entry), if it existed.
    pub before: Option<String>,
    /// Its text after, if it still exists.
    pub after: Option<String>,
}

/// A local image the post references, with where it goes in the site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlacedAsset {
    /// The reference as written in the source post.
    pub reference: String,
    /// The path in the site (relative to the site root) it is written to.
    pub site_path: String,
}

/// The result of exporting one post.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Exported {
    /// Where the file goes, relative to the site root.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// Every change and anything the user should check.
    pub warnings: Vec<Warning>,
    /// Front matter changes, entry by entry.
    pub changes: Vec<FieldChange>,
    /// Images to write alongside (only those the caller said exist).
    pub assets: Vec<PlacedAsset>,
    /// The front matter plan that was applied.
    pub fixes: Vec<plan::Fix>,
}

/// `YYYY-MM-DD-slug.md` → (date, slug); `slug/index.md` → slug; `slug.md` → slug.
pub fn parse_source_name(name: &str) -> (Option<PostDate>, Option<String>) {
    let name = name.replace('\\', "/");
    let mut parts = name.rsplit('/');
    let file = parts.next().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = if stem == "index" { parts.next().unwrap_or("") } else { stem };
    if let Some((d, slug)) = dated_stem(stem) {
        return (Some(d), Some(slug.to_string()).filter(|s| !s.is_empty()));
    }
    (None, Some(stem.to_string()).filter(|s| !s.is_empty()))
}

/// `2022-07-08-slug` or `2022-7-8-slug` → (date, `slug`): a four-digit year and a
/// month and day of one or two digits, as Jekyll's post reader matches a name
/// (`\d{2,4}-\d{1,2}-\d{1,2}-`; two- and three-digit years Ruby reads its own way).
fn dated_stem(stem: &str) -> Option<(PostDate, &str)> {
    // Dashes only: `date_part` also reads the dots and slashes a `date:` may have.
    if stem.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let rest = crate::date::date_part(stem)?.3;
    let slug = rest.strip_prefix('-')?;
    Some((PostDate::parse(&stem[..stem.len() - rest.len()])?, slug))
}

/// The slug `post` would get on its own (before collisions with other posts).
pub fn resolve_slug(post: &Post, opts: &ExportOptions) -> String {
    placement::resolve_slug(post, opts, &mut Vec::new()).0
}

/// The body after its first line and the blank lines after it, when that
/// first line (blank lines before it aside) is the `# heading` that reads as `title`.
fn after_leading_h1<'b>(body: &'b str, title: &str) -> Option<&'b str> {
    let blank = |l: &str| l.trim().is_empty();
    let mut at = 0;
    let mut lines = body.split_inclusive('\n').map(|l| {
        at += l.len();
        (l, at)
    });
    let (first, end) = lines.by_ref().find(|(l, _)| !blank(l))?;
    if crate::post::h1_text(first.trim_end_matches(['\n', '\r']))? != title {
        return None;
    }
    let rest = lines.take_while(|(l, _)| blank(l)).last().map_or(end, |(_, at)| at);
    Some(&body[rest..])
}

/// Convert a TOML (or missing) front matter to YAML so both targets can read it.
fn to_yaml_post(post: &Post, warnings: &mut Vec<Warning>) -> Post {
    match post.kind() {
        FrontMatterKind::Yaml => post.clone(),
        FrontMatterKind::Toml => {
            let le = post.line_ending().as_str();
            let text = format!("---{le}{}---{le}{}", emit_mapping(post.fields(), le), post.body());
            match Post::parse(&text) {
                Ok(p) => {
                    let msg = "TOML front matter (`+++`) converted to YAML (`---`)";
                    warnings.push(Warning::new(WarningCode::TomlConverted, msg, Some(1)));
                    p
                }
                Err(e) => {
                    let msg = format!("TOML front matter could not be converted to YAML ({e}); exported as it was");
                    warnings.push(Warning::new(WarningCode::EditFailed, msg, Some(1)));
                    post.clone()
                }
            }
        }
        FrontMatterKind::None => {
            let mut p = post.clone();
            // `set` on a post without front matter creates one.
            if let Some(t) = post.view().title.clone() {
                // A file that starts with its `# title` (Notion, Obsidian, Typora): a
                // theme prints `title` above the body, so the heading would show twice.
                match p.set("title", &FieldValue::Str(t.clone())) {
                    // Moved only once the title holds it.
                    Ok(()) => {
                        if let Some(rest) = after_leading_h1(post.body(), &t) {
                            p.set_body(rest);
                            let msg = format!(
                                "the first line `# {t}` became `title` and left the body, where the theme shows the title"
                            );
                            warnings.push(Warning::new(WarningCode::TitleFromHeading, msg, Some(1)));
                        }
                    }
                    Err(e) => {
                        let msg = format!("could not add a front matter with the title ({e})");
                        warnings.push(Warning::new(WarningCode::EditFailed, msg, None));
                    }
                }
            }
            p
        }
    }
}

/// Export one `post` on its own. `available` says which image references
/// (as written in the post) have a file the caller can write alongside.
/// The same as a batch of one: `post_url` links to other posts are warned about.
pub fn export(post: &Post, opts: &ExportOptions, available: &[String]) -> Exported {
    let one = BatchPost { post, source_name: opts.source_name.clone(), available: available.to_vec() };
    export_batch(std::slice::from_ref(&one), opts).pop().unwrap_or_default()
}

/// What a profile's body pass needs from the batch.
pub(crate) struct BodyContext<'a> {
    /// The post's slug in the export.
    pub slug: &'a str,
    /// Image references the caller has a file for.
    pub available: &'a [String],
    /// Where every post of the export went.
    pub links: &'a links::Links,
    /// The source blog's `_config.yml`.
    pub site: &'a SiteConfig,
    /// Every path of the export so far, lowercased (images must not reuse one).
    pub taken: &'a mut std::collections::HashSet<String>,
    /// Was the body's Liquid meant as Liquid? Judged on the post as it came,
    /// before the export added Jekyll keys such as `layout`.
    pub liquid_intended: bool,
}

/// The source's YAML reader, from its dialect.
#[cfg(test)]
mod tests;
