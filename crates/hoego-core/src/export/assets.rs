//! Local images a post references, and rewriting those references when the
//! images are exported alongside the post.

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag};

use crate::field::FieldValue;
use crate::markdown::options::parser;
use crate::post::Post;

/// A local image reference.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImageRef {
    /// As written in the post (front matter or body).
    pub reference: String,
    /// The path to look for on disk: Liquid prefixes, query and fragment removed.
    pub path: String,
    /// The file's name.
    pub file_name: String,
}

fn is_local(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    !(u.is_empty()
        || u.starts_with("//")
        || u.starts_with('#')
        || u.contains("://")
        || u.starts_with("data:")
        || u.starts_with("mailto:")
        || u.starts_with("javascript:"))
}

fn to_ref(reference: &str) -> Option<ImageRef> {
    let path = super::liquid::strip_site_prefixes(reference);
    let path = path.split(['?', '#']).next().unwrap_or("").to_string();
    if !is_local(&path) || path.contains("{{") || path.contains("{%") {
        return None;
    }
    let file_name = path.rsplit('/').next().unwrap_or("").to_string();
    if file_name.is_empty() {
        return None;
    }
    Some(ImageRef { reference: reference.to_string(), path, file_name })
}

/// `src` values of `<img>` tags in an HTML fragment.
fn img_srcs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<img") {
        let start = at + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        let tag_l = &lower[start..end];
        if let Some(s) = tag_l.find("src=") {
            let rest = &tag[s + 4..];
            let (q, rest) = match rest.chars().next() {
                Some(c @ ('"' | '\'')) => (Some(c), &rest[1..]),
                _ => (None, rest),
            };
            let v = match q {
                Some(q) => rest.split(q).next().unwrap_or(""),
                None => rest.split([' ', '/', '>']).next().unwrap_or(""),
            };
            out.push(v.to_string());
        }
        at = end;
    }
    out
}

/// Every local image the post references (cover/image field and body), in
/// order of first appearance, without duplicates.
pub fn image_refs(post: &Post) -> Vec<ImageRef> {
    let mut refs: Vec<String> = Vec::new();
    if let Some(c) = &post.view().cover {
        refs.push(c.clone());
    }
    // The view keeps one cover (`cover` wins); a different `image` is an image too.
    if let Some(i) = post.field("image").and_then(|v| v.as_text()) {
        refs.push(i);
    }
    for e in parser(post.body()) {
        match e {
            Event::Start(Tag::Image { dest_url, .. }) => refs.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => refs.extend(img_srcs(&h)),
            _ => {}
        }
    }
    let mut out: Vec<ImageRef> = Vec::new();
    // A set of references seen: scanning `out` per image was quadratic.
    let mut seen: HashSet<String> = HashSet::new();
    for r in refs {
        if let Some(i) = to_ref(&r) {
            if seen.insert(i.reference.clone()) {
                out.push(i);
            }
        }
    }
    out
}

/// Replace image references in `body`: markdown `](ref` and `src="ref"`.
pub(crate) fn rewrite_body(body: &str, from: &str, to: &str) -> String {
    body.replace(&format!("]({from}"), &format!("]({to}"))
        .replace(&format!("src=\"{from}\""), &format!("src=\"{to}\""))
        .replace(&format!("src='{from}'"), &format!("src='{to}'"))
}

/// Point `cover`/`image` keys that name `reference` at the exported file.
pub(crate) fn relink_cover(p: &mut Post, reference: &str, link: &str) {
    if reference == link {
        return;
    }
    for key in ["cover", "image"] {
        if p.field(key).and_then(|v| v.as_text()).as_deref() == Some(reference) {
            let _ = p.set(key, &FieldValue::Str(link.to_string()));
        }
    }
}

/// Unique file names for the refs that are available: (ref, file name).
pub(crate) fn placed_names(refs: &[ImageRef], available: &[String]) -> Vec<(ImageRef, String)> {
    let mut used: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for r in refs.iter().filter(|r| available.contains(&r.reference)) {
        let mut name = r.file_name.clone();
        let mut n = 2;
        while used.contains(&name) {
            name = format!("{n}-{}", r.file_name);
            n += 1;
        }
        used.push(name.clone());
        out.push((r.clone(), name));
    }
    out
}
