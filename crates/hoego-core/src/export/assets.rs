//! Local images a post references, and rewriting those references when the
//! images are exported alongside the post.

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag};

use crate::error::{Warning, WarningCode};
use crate::field::FieldValue;
use crate::markdown::options::parser;
use crate::post::Post;
use crate::slug::{is_safe_component, is_windows_reserved};

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
    // An image needs `![` or `<img` (any case) in the text. Without either, skip
    // the parse: one pass of pulldown-cmark over a 1 MB body was ~200 ms in the tab.
    let body = post.body();
    let may_have = body.contains("![") || body.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"<img"));
    for e in parser(if may_have { body } else { "" }) {
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

/// Point `cover`/`image` keys that name `reference` at the exported file;
/// a key the post refuses to change becomes a warning.
pub(crate) fn relink_cover(p: &mut Post, reference: &str, link: &str, warnings: &mut Vec<Warning>) {
    if reference == link {
        return;
    }
    for key in ["cover", "image"] {
        if p.field(key).and_then(|v| v.as_text()).as_deref() == Some(reference) {
            if let Err(e) = p.set(key, &FieldValue::Str(link.to_string())) {
                let msg =
                    format!("could not point `{key}` at the exported image `{link}` ({e}); it was left as it was");
                warnings.push(Warning::new(WarningCode::EditFailed, msg, None));
            }
        }
    }
}

/// Unique file names for the refs that are available: (ref, file name).
/// A name is never `reserved` (the post's own `index.md`) nor a path
/// another file of the export already has (`taken`, lowercased; the new
/// paths are added to it).
pub(crate) fn placed_names(
    refs: &[ImageRef],
    available: &[String],
    dir: &str,
    reserved: Option<&str>,
    taken: &mut Vec<String>,
) -> Vec<(ImageRef, String)> {
    let mut out = Vec::new();
    for r in refs.iter().filter(|r| available.contains(&r.reference) && is_safe_component(&r.file_name)) {
        let mut name = r.file_name.clone();
        let mut n = 2;
        let free = |name: &str, taken: &[String]| {
            let low = format!("{dir}/{name}").to_lowercase();
            Some(name) != reserved && !is_windows_reserved(name) && !taken.contains(&low)
        };
        while !free(&name, taken) {
            name = format!("{n}-{}", r.file_name);
            n += 1;
        }
        taken.push(format!("{dir}/{name}").to_lowercase());
        out.push((r.clone(), name));
    }
    out
}

/// File name extensions of the images an export bundles.
const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp"];

/// Does `name` end in an image extension (any case)?
pub fn is_image_name(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    IMAGE_EXTENSIONS.contains(&ext.as_str())
}

/// Is `bytes` really an image of the kind `name`'s extension says? (The
/// magic numbers of each format; SVG is XML text with an `<svg` element.)
/// An export bundles only files that pass both checks.
pub fn is_image(name: &str, bytes: &[u8]) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let at = |i: usize, m: &[u8]| bytes.get(i..i + m.len()) == Some(m);
    match ext.as_str() {
        "png" => at(0, b"\x89PNG\r\n\x1a\n"),
        "jpg" | "jpeg" => at(0, &[0xFF, 0xD8, 0xFF]),
        "gif" => at(0, b"GIF87a") || at(0, b"GIF89a"),
        "webp" => at(0, b"RIFF") && at(8, b"WEBP"),
        "avif" => at(4, b"ftypavif") || at(4, b"ftypavis"),
        "bmp" => at(0, b"BM"),
        "svg" => {
            let head = &bytes[..bytes.len().min(4096)];
            let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
            let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
            let t = &head[start..];
            (t.starts_with(b"<?xml") || t.starts_with(b"<svg") || t.starts_with(b"<!--"))
                && head.windows(4).any(|w| w == b"<svg")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_checks_need_extension_and_magic_bytes() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let cases: &[(&str, &[u8], bool)] = &[
            ("a.png", png, true),
            ("A.PNG", png, true),
            ("a.jpg", &[0xFF, 0xD8, 0xFF, 0xE0], true),
            ("a.gif", b"GIF89a....", true),
            ("a.webp", b"RIFF\0\0\0\0WEBPVP8 ", true),
            ("a.svg", b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", true),
            ("passwd", b"root:x:0:0:root:/root:/bin/bash\n", false),
            ("passwd.png", b"root:x:0:0:root:/root:/bin/bash\n", false),
            ("a.png", b"\x89PNG fake", false),
            ("a.jpg", png, false),
            ("index.md", b"---\ntitle: x\n---\n", false),
            ("a.svg", b"<html><script>alert(1)</script></html>", false),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(is_image(name, bytes), *want, "{name}");
        }
        assert!(is_image_name("x.JPEG") && !is_image_name("x.md") && !is_image_name("png"));
    }

    #[test]
    fn placed_names_never_reuse_a_taken_path_or_the_post_file() {
        let refs = vec![
            ImageRef { reference: "./index.md".into(), path: "./index.md".into(), file_name: "index.md".into() },
            ImageRef { reference: "./a.png".into(), path: "./a.png".into(), file_name: "a.png".into() },
            ImageRef { reference: "../b/a.png".into(), path: "../b/a.png".into(), file_name: "a.png".into() },
            ImageRef { reference: "x/..".into(), path: "x/..".into(), file_name: "..".into() },
            ImageRef { reference: "./nul.png".into(), path: "./nul.png".into(), file_name: "nul.png".into() },
        ];
        let all: Vec<String> = refs.iter().map(|r| r.reference.clone()).collect();
        let mut taken = vec!["content/blog/s/a.png".to_string()];
        let names: Vec<String> = placed_names(&refs, &all, "content/blog/s", Some("index.md"), &mut taken)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["2-index.md", "2-a.png", "3-a.png", "2-nul.png"]);
    }
}
