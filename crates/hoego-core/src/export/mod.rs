//! Export profiles: turn a post into a file a real Jekyll or Gatsby site
//! builds with no hand fixes, and say exactly what had to change.
//!
//! Front matter changes go through [`Post::set`]/[`Post::unset`], so every
//! line the target does not require changing stays byte-identical.

mod assets;
#[cfg(feature = "zip")]
pub mod bundle;
mod fix;
mod gatsby;
mod jekyll;
pub mod liquid;

pub use assets::{image_refs, ImageRef};

use std::collections::{HashMap, HashSet};

use crate::date::{Offset, PostDate};
use crate::error::Warning;
use crate::field::FieldValue;
use crate::post::Post;
use crate::slug::{clean_slug, slugify, SlugStyle};
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
    /// How Hangul titles become slugs.
    pub slug_style: SlugStyle,
    /// The imported file's name (`2022-06-29-my-post.md`, `index.md` in
    /// `my-post/`), which supplies the slug and date when the post lacks them.
    pub source_name: Option<String>,
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
}

/// `YYYY-MM-DD-slug.md` → (date, slug); `slug/index.md` → slug; `slug.md` → slug.
pub fn parse_source_name(name: &str) -> (Option<PostDate>, Option<String>) {
    let name = name.replace('\\', "/");
    let mut parts = name.rsplit('/');
    let file = parts.next().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = if stem == "index" { parts.next().unwrap_or("") } else { stem };
    if stem.len() > 11 && stem.is_char_boundary(10) && stem.as_bytes()[10] == b'-' {
        if let Some(d) = PostDate::parse(&stem[..10]) {
            return (Some(d), Some(stem[11..].to_string()).filter(|s| !s.is_empty()));
        }
    }
    (None, Some(stem.to_string()).filter(|s| !s.is_empty()))
}

/// The slug: `slug` key, else the source file name, else the title.
pub fn resolve_slug(post: &Post, opts: &ExportOptions) -> String {
    let from_key = post.view().slug.as_deref().map(|s| s.trim_matches('/').rsplit('/').next().unwrap_or(s).to_string());
    let from_name = opts.source_name.as_deref().and_then(|n| parse_source_name(n).1);
    match from_key.or(from_name) {
        Some(s) => clean_slug(&s, opts.slug_style),
        None => {
            let s = slugify(post.view().title.as_deref().unwrap_or(""), opts.slug_style);
            if s.is_empty() {
                "post".into()
            } else {
                s
            }
        }
    }
}

/// The post's instant for export: its date (floating → `opts.offset`), else
/// the file name's date, else `now`. Returns the date and whether a fallback
/// was used (for a warning).
fn resolve_date(post: &Post, opts: &ExportOptions, warnings: &mut Vec<Warning>) -> PostDate {
    if let Some(d) = &post.view().date {
        if d.offset.is_none() {
            warnings.push(Warning::new(
                "date-offset-added",
                format!("`date` had no offset; exported with {} (set the offset to change this)", opts.offset.colon()),
                None,
            ));
        }
        return d.with_default_offset(opts.offset);
    }
    if let Some(d) = opts.source_name.as_deref().and_then(|n| parse_source_name(n).0) {
        warnings.push(Warning::new(
            "date-from-filename",
            format!("no `date`: using {} from the file name", d.ymd()),
            None,
        ));
        return d.with_default_offset(opts.offset);
    }
    let now = opts.now.with_default_offset(opts.offset);
    warnings.push(Warning::new("date-now", format!("no valid `date`: using now ({})", now.to_iso()), None));
    now
}

/// Convert a TOML (or missing) front matter to YAML so both targets can read it.
fn to_yaml_post(post: &Post, warnings: &mut Vec<Warning>) -> Post {
    match post.kind() {
        FrontMatterKind::Yaml => post.clone(),
        FrontMatterKind::Toml => {
            warnings.push(Warning::new(
                "toml-converted",
                "TOML front matter (`+++`) converted to YAML (`---`)",
                Some(1),
            ));
            let le = post.line_ending().as_str();
            let text = format!("---{le}{}---{le}{}", emit_mapping(post.fields(), le), post.body());
            Post::parse(&text).unwrap_or_else(|_| post.clone())
        }
        FrontMatterKind::None => {
            let mut p = post.clone();
            // `set` on a post without front matter creates one.
            if let Some(t) = post.view().title.clone() {
                let _ = p.set("title", &FieldValue::Str(t));
            }
            p
        }
    }
}

/// Entry texts by key (last occurrence), for the change list.
fn entry_texts(post: &Post) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // Keys by hash, not by scanning `out`: 100,000 keys made that quadratic.
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for e in post.yaml_entries() {
        let text = post.head()[e.range.clone()].trim_end_matches(['\r', '\n']);
        match slot.get(e.key.as_str()) {
            Some(&i) => {
                out[i].1.push('\n');
                out[i].1.push_str(text);
            }
            None => {
                slot.insert(&e.key, out.len());
                out.push((e.key.clone(), text.to_string()));
            }
        }
    }
    out
}

fn diff(before: &[(String, String)], after: &[(String, String)]) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let after_by_key: HashMap<&str, &str> = after.iter().map(|(k, a)| (k.as_str(), a.as_str())).collect();
    let before_keys: HashSet<&str> = before.iter().map(|(k, _)| k.as_str()).collect();
    for (k, b) in before {
        match after_by_key.get(k.as_str()) {
            Some(a) if a == b => {}
            Some(a) => {
                changes.push(FieldChange { key: k.clone(), before: Some(b.clone()), after: Some(a.to_string()) })
            }
            None => changes.push(FieldChange { key: k.clone(), before: Some(b.clone()), after: None }),
        }
    }
    for (k, a) in after {
        if !before_keys.contains(k.as_str()) {
            changes.push(FieldChange { key: k.clone(), before: None, after: Some(a.clone()) });
        }
    }
    changes
}

/// Export `post`. `available` says which image references (as written in the
/// post) have a file the caller can write alongside.
pub fn export(post: &Post, opts: &ExportOptions, available: &[String]) -> Exported {
    let mut warnings = Vec::new();
    let before = entry_texts(post);
    let mut p = to_yaml_post(post, &mut warnings);
    for key in p.merge_duplicate_keys() {
        warnings.push(Warning::new(
            "duplicate-key-merged",
            format!("`{key}` was set more than once; kept the last value (what Jekyll reads)"),
            None,
        ));
    }
    let slug = resolve_slug(&p, opts);
    let date = resolve_date(&p, opts, &mut warnings);
    let (path, assets) = match opts.target {
        Target::Jekyll => jekyll::apply(&mut p, &slug, &date, opts, available, &mut warnings),
        Target::Gatsby(flavor) => gatsby::apply(&mut p, &slug, &date, flavor, available, &mut warnings),
    };
    let changes = diff(&before, &entry_texts(&p));
    for c in &changes {
        let msg = match (&c.before, &c.after) {
            (Some(b), Some(a)) => {
                format!("front matter `{}` changed: `{}` → `{}`", c.key, b.replace('\n', "⏎"), a.replace('\n', "⏎"))
            }
            (None, Some(a)) => format!("front matter `{}` added: `{}`", c.key, a.replace('\n', "⏎")),
            (Some(b), None) => format!("front matter `{}` removed: `{}`", c.key, b.replace('\n', "⏎")),
            (None, None) => continue,
        };
        warnings.push(Warning::new("front-matter-changed", msg, None));
    }
    Exported { path, text: p.to_text(), warnings, changes, assets }
}

#[cfg(test)]
mod tests;
