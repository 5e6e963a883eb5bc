//! Local images a post references, and rewriting those references when the
//! images are exported alongside the post.

use std::collections::{HashMap, HashSet};

use super::sites::{body_images, rewrite_sites, BodyImages, Site};
use super::{BodyContext, PlacedAsset};
use crate::error::{Warning, WarningCode};
use crate::field::FieldValue;
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

/// The local image one reference names, as the export looks it up (Liquid
/// site prefixes, query and fragment removed, `\` read as `/`, `%XX`
/// decoded); `None` for a remote or templated one. The app's preview finds
/// imported images by it too.
pub fn image_ref(reference: &str) -> Option<ImageRef> {
    let path = super::liquid::strip_site_prefixes(reference);
    let path = path.split(['?', '#']).next().unwrap_or("");
    // Posts written on Windows have `![](\assets\images\a.jpg)`. kramdown passes the
    // backslashes through and browsers read them as `/` in an http(s) URL (the
    // WHATWG URL parser), so on the old site it was `/assets/images/a.jpg`; read
    // it so, or the file is never found (remark escapes them as `%5C` instead, so
    // on Gatsby the reference only works once the export rewrites it). `\\host`
    // becomes `//host`: remote, like the browser's reading.
    let path = path.replace('\\', "/");
    let path = percent_decoded(&path).unwrap_or(path);
    // The preview's `<img src>` has the Liquid prefix escaped by the HTML writer
    // (`%7B%7Bsite.baseurl%7D%7D/a.png`): decoded, it is stripped like the written one.
    let path = if path.contains("{{") { super::liquid::strip_site_prefixes(&path) } else { path };
    if !is_local(&path) || path.contains("{{") || path.contains("{%") {
        return None;
    }
    let file_name = path.rsplit('/').next().unwrap_or("").to_string();
    if file_name.is_empty() {
        return None;
    }
    Some(ImageRef { reference: reference.to_string(), path, file_name })
}

/// Which of the imported images `keys` a reference names. A key is the
/// image's path as it was imported: from a folder, its path in it
/// (`blog/assets/a/shot.png`), else its file name alone. `post` is the post's
/// own path as imported (`blog/_posts/x.md`; a file name alone, or `None`,
/// when it came without a folder).
///
/// Paths are compared inside the imported folder: its own name (a path's first
/// part) says nothing of the site, and a renamed copy of a blog is the same
/// site. A key must agree with the path the reference resolves to (from the
/// post's folder; `/…` from the site's root): read from the end, one is a tail
/// of the other, and for a `/…` reference the folders above the match must be
/// a root the post is in (`/shot.png` is `blog/shot.png`, not
/// `blog/assets/a/shot.png`). So `assets/a/shot.png` and `assets/b/shot.png`,
/// or two posts' own `cover.png`, are told apart, an image imported alone
/// (`shot.png`) agrees with any path, and another folder's image of the same
/// name never stands in for a missing one. Of those that agree, the one
/// sharing the most of the path wins, then the one nearest the post (most
/// leading folders in common, the imported folder's name included); a tie is
/// no answer: the export then says the image is missing, rather than bundle a
/// guess.
pub fn pick_image<'k>(keys: impl IntoIterator<Item = &'k str>, post: Option<&str>, r: &ImageRef) -> Option<&'k str> {
    let post: Vec<&str> = post.unwrap_or("").split('/').filter(|s| !s.is_empty()).collect();
    let folder = &post[..post.len().saturating_sub(1)];
    // The post's folder inside the imported one (none for a post imported alone).
    let site_folder = if post.len() > 1 { &folder[1..] } else { &[][..] };
    let absolute = r.path.starts_with('/');
    let want = resolved(if absolute { &[] } else { site_folder }, &r.path);
    let mut best: Option<((usize, usize), &str)> = None;
    let mut tied = false;
    let from_folder = post.len() > 1;
    // A root the site is served from, for a `/…` reference: the post's own
    // folders (a blog inside the imported one), or its `static/` (Gatsby, Hugo);
    // never a `_` folder (Jekyll serves none of them).
    let root_ok = |above: &[&str]| {
        let root = above.strip_suffix(&["static"]).unwrap_or(above);
        site_folder.starts_with(root) && !root.iter().any(|s| s.starts_with('_'))
    };
    for key in keys {
        let parts: Vec<&str> = key.split('/').collect();
        if parts.last() != Some(&r.file_name.as_str()) {
            continue;
        }
        let inside = if parts.len() > 1 { &parts[1..] } else { &parts[..] };
        let tail = |p: &[&str]| p.iter().rev().zip(want.iter().rev()).take_while(|(a, b)| a == b).count();
        // The whole key (its folder's name too) ends the path: an image imported
        // alone, or from a folder such as `images/` picked on its own.
        let shared = if parts.len() <= want.len() && tail(&parts) == parts.len() {
            parts.len()
        } else if inside.len() >= want.len() && tail(inside) == want.len() {
            // The path ends the key inside its imported folder: what is above it
            // must be nothing (a relative reference of a post from a folder names
            // the whole path) or a root the site is served from.
            let above = &inside[..inside.len() - want.len()];
            let fits = above.is_empty() || !from_folder || (absolute && root_ok(above));
            if !fits {
                continue;
            }
            want.len()
        } else {
            continue;
        };
        let near = parts.iter().zip(folder).take_while(|(a, b)| a == b).count();
        let score = (shared, near);
        match best {
            Some((b, _)) if score < b => {}
            Some((b, _)) if score == b => tied = true,
            _ => {
                best = Some((score, key));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, k)| k)
}

/// The segments of the path `path` names, read from the folder `from`, with
/// `.` and `..` resolved (a `..` past the top is dropped; a `/…` path is read
/// from the top).
fn resolved<'a>(from: &[&'a str], path: &'a str) -> Vec<&'a str> {
    let mut out: Vec<&str> = if path.starts_with('/') { Vec::new() } else { from.to_vec() };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out
}

/// `path` with its `%XX` escapes decoded, as the site's server reads it
/// (Typora and VS Code write `스크린샷 1.png` as `%EC%8A%A4…%201.png`, and a
/// file `a#b.png` must be linked as `a%23b.png`); `None` where there are none,
/// or decoding would not give a name to look for: an escape that is not one,
/// text that is not UTF-8, a control character, or an escaped `/` or `\` (a
/// folder the path did not have). The result is contained like any path; the
/// export names its file with [`link_safe_name`].
fn percent_decoded(path: &str) -> Option<String> {
    if !path.contains('%') {
        return None;
    }
    let b = path.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    let separators = |t: &str| t.chars().filter(|c| matches!(c, '/' | '\\')).count();
    let same_shape = separators(&decoded) == separators(path) && !decoded.chars().any(char::is_control);
    same_shape.then_some(decoded)
}

/// Every local image the post references (cover/image field and body), in
/// order of first appearance, without duplicates. `{{ site.baseurl }}/a.png`
/// with spaces is no markdown image until Liquid runs (Jekyll's order): those
/// are also read as the Gatsby export reads them, tightened to
/// `{{site.baseurl}}/a.png`, so the image can be found and bundled there.
pub fn image_refs(post: &Post) -> Vec<ImageRef> {
    let mut refs = post_images(post).0;
    let body = post.body();
    if !body.contains("{{") {
        return refs;
    }
    let tight = super::liquid::tighten_site_prefixes(body);
    // A second parse only when tightening changed the text.
    if tight != body {
        let seen: HashSet<String> = refs.iter().map(|r| r.reference.clone()).collect();
        let more = post_images_in(post, &tight).0;
        refs.extend(more.into_iter().filter(|r| !seen.contains(&r.reference)));
    }
    refs
}

/// The post's local images, and where the body writes them.
pub(crate) fn post_images(post: &Post) -> (Vec<ImageRef>, Vec<Site>) {
    post_images_in(post, post.body())
}

/// [`post_images`] with `body` read for the post's body.
fn post_images_in(post: &Post, body: &str) -> (Vec<ImageRef>, Vec<Site>) {
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
    let may_have = body.contains("![") || body.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"<img"));
    let found = if may_have { body_images(body) } else { BodyImages::default() };
    refs.extend(found.references);
    let mut out: Vec<ImageRef> = Vec::new();
    // A set of references seen: scanning `out` per image was quadratic.
    let mut seen: HashSet<String> = HashSet::new();
    for r in refs {
        if let Some(i) = image_ref(&r) {
            if seen.insert(i.reference.clone()) {
                out.push(i);
            }
        }
    }
    (out, found.sites)
}

/// The file a path names, as far as text can tell: `./a.png`, `a.png` and
/// `x/../a.png` are one file (`a.png?v=1` already lost its query).
fn source_key(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "." => {}
            ".." if parts.last().is_some_and(|p| !p.is_empty() && *p != "..") => {
                parts.pop();
            }
            _ => parts.push(seg),
        }
    }
    parts.join("/")
}

/// Where a post's available images went.
pub(crate) struct Placed {
    /// The body with every reference to a placed image pointing at it.
    pub body: String,
    /// One per source file.
    pub assets: Vec<PlacedAsset>,
    /// The references no file was written for (none was available, or its
    /// name is not safe to write): each gets a warning.
    pub missing: Vec<ImageRef>,
}

/// Place the post's available images under `dir` (one output file per
/// source file, named by [`placed_names`]), rewrite the body's references
/// in one pass and point `cover`/`image` at them. `link` makes a
/// reference's new text from the file's name; the body's links start with
/// `body_prefix` too (a Jekyll site's `{{site.baseurl}}`: a theme prefixes
/// `cover` itself).
pub(crate) fn place_images(
    p: &mut Post,
    cx: &mut BodyContext,
    (dir, reserved): (&str, Option<&str>),
    link: impl Fn(&str) -> String,
    body_prefix: &str,
    warnings: &mut Vec<Warning>,
) -> Placed {
    let (refs, sites) = post_images(p);
    let available: HashSet<&str> = cx.available.iter().map(String::as_str).collect();
    let mut links: HashMap<String, String> = HashMap::new();
    let mut assets = Vec::new();
    for (group, name) in placed_names(&refs, &available, dir, reserved, cx.taken) {
        let l = link(&name);
        assets.push(PlacedAsset { reference: group[0].reference.clone(), site_path: format!("{dir}/{name}") });
        links.extend(group.into_iter().map(|r| (r.reference.clone(), l.clone())));
    }
    let body = if body_prefix.is_empty() {
        rewrite_sites(p.body(), &sites, &links)
    } else {
        let prefixed = links.iter().map(|(r, l)| (r.clone(), format!("{body_prefix}{l}"))).collect();
        rewrite_sites(p.body(), &sites, &prefixed)
    };
    relink_covers(p, &links, warnings);
    // Not exported: no file, or a name not safe to write (`x:y.png`), which has one.
    let missing = refs.into_iter().filter(|r| !links.contains_key(&r.reference)).collect();
    Placed { body, assets, missing }
}

/// Point `cover`/`image` keys that name a placed reference at its exported
/// file; a key the post refuses to change becomes a warning.
fn relink_covers(p: &mut Post, links: &HashMap<String, String>, warnings: &mut Vec<Warning>) {
    for key in ["cover", "image"] {
        let Some(reference) = p.field(key).and_then(|v| v.as_text()) else { continue };
        let Some(link) = links.get(&reference).filter(|l| **l != reference) else { continue };
        if let Err(e) = p.set(key, &FieldValue::Str(link.clone())) {
            let msg = format!("could not point `{key}` at the exported image `{link}` ({e}); it was left as it was");
            warnings.push(Warning::new(WarningCode::EditFailed, msg, None));
        }
    }
}

/// Unique file names for the refs that are available, one per source file
/// ([`source_key`]): (the refs to that file, its name), in order of first
/// reference. A name is never `reserved` (the post's own `index.md`) nor a
/// path another file of the export already has (`taken`, lowercased; the
/// new paths are added to it).
pub(crate) fn placed_names<'r>(
    refs: &'r [ImageRef],
    available: &HashSet<&str>,
    dir: &str,
    reserved: Option<&str>,
    taken: &mut HashSet<String>,
) -> Vec<(Vec<&'r ImageRef>, String)> {
    let mut out: Vec<(Vec<&ImageRef>, String)> = Vec::new();
    let mut by_source: HashMap<String, usize> = HashMap::new();
    // The next `N-` to try for a (lowercased) file name: every smaller one
    // was found taken, and `taken` only grows. Trying from 2 each time was
    // quadratic in the images of one name (cubic with a list for `taken`).
    let mut next_n: HashMap<String, usize> = HashMap::new();
    for r in refs.iter().filter(|r| available.contains(r.reference.as_str())) {
        let base = link_safe_name(&r.file_name);
        if !is_safe_component(&base) {
            continue;
        }
        let key = source_key(&r.path);
        if let Some(&i) = by_source.get(&key) {
            out[i].0.push(r);
            continue;
        }
        let free = |name: &str, taken: &HashSet<String>| {
            Some(name) != reserved
                && !is_windows_reserved(name)
                && !taken.contains(&format!("{dir}/{name}").to_lowercase())
        };
        let mut name = base.clone();
        if !free(&name, taken) {
            let n = next_n.entry(base.to_lowercase()).or_insert(2);
            name = format!("{n}-{base}");
            while !free(&name, taken) {
                *n += 1;
                name = format!("{n}-{base}");
            }
            *n += 1;
        }
        taken.insert(format!("{dir}/{name}").to_lowercase());
        by_source.insert(key, out.len());
        out.push((vec![r], name));
    }
    out
}

/// `name` for an exported file: `#`, `?`, `%` and `&` become `-`. The export
/// writes the file's name into links as it is, where they would read as a
/// fragment, a query, an escape or (in markdown too) a character reference
/// (`a#b.png`, linked `a%23b.png` on the old site, is exported as `a-b.png`;
/// `d&amp;x.png` would be asked for as `d&x.png`).
pub(crate) fn link_safe_name(name: &str) -> String {
    name.chars().map(|c| if matches!(c, '#' | '?' | '%' | '&') { '-' } else { c }).collect()
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
    fn percent_escapes_are_decoded_to_the_file_name() {
        let cases: &[(&str, Option<&str>)] = &[
            ("%EC%8A%A4%ED%81%AC%EB%A6%B0%EC%83%B7%201.png", Some("스크린샷 1.png")),
            ("/assets/sp%20ace.png", Some("/assets/sp ace.png")),
            ("plain.png", None),
            ("100%.png", None),
            ("a%2Fb.png", None),
            ("a/b%2Fc.png", None),
            ("%FF.png", None),
            ("a%0A.png", None),
            ("a%23b.png", Some("a#b.png")),
            ("100%25.png", Some("100%.png")),
            ("d%26amp%3Bx.png", Some("d&amp;x.png")),
            ("e%3Ff.png", Some("e?f.png")),
        ];
        for (path, want) in cases {
            assert_eq!(percent_decoded(path).as_deref(), *want, "{path}");
        }
        let r = image_ref("%EC%8A%A4%ED%81%AC%EB%A6%B0%EC%83%B7%201.png?v=2").expect("local");
        assert_eq!((r.path.as_str(), r.file_name.as_str()), ("스크린샷 1.png", "스크린샷 1.png"));
        // As the preview's HTML writes `{{site.baseurl}}/assets/a.png`.
        let r = image_ref("%7B%7Bsite.baseurl%7D%7D/assets/a.png").expect("local");
        assert_eq!(r.path, "/assets/a.png");
    }

    #[test]
    fn backslashes_are_read_as_slashes_as_a_browser_does() {
        // (reference, path and file name looked for; None: not a local image)
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("\\assets\\images\\cake.jpg", Some(("/assets/images/cake.jpg", "cake.jpg"))),
            ("img\\a.png?v=1", Some(("img/a.png", "a.png"))),
            ("..\\..\\etc\\passwd.png", Some(("../../etc/passwd.png", "passwd.png"))),
            ("C:\\Users\\me\\shot.png", Some(("C:/Users/me/shot.png", "shot.png"))),
            ("\\\\server\\share\\a.png", None),
            // An escaped backslash is no folder: the name stays as written.
            ("a%5Cb.png", Some(("a%5Cb.png", "a%5Cb.png"))),
            ("dir\\", None),
        ];
        for (reference, want) in cases {
            let got = image_ref(reference);
            let got = got.as_ref().map(|r| (r.path.as_str(), r.file_name.as_str()));
            assert_eq!(got, *want, "{reference}");
        }
    }

    #[test]
    fn the_imported_image_a_reference_names_is_the_one_at_its_path() {
        let keys = [
            "blog/assets/a/shot.png",
            "blog/assets/b/shot.png",
            "blog/content/blog/one/cover.png",
            "blog/content/blog/two/cover.png",
            "loose.png",
            "x/only.png",
        ];
        // (post path, reference, key picked)
        let cases: &[(Option<&str>, &str, Option<&str>)] = &[
            (Some("blog/_posts/2024-07-01-a.md"), "/assets/a/shot.png", Some("blog/assets/a/shot.png")),
            (Some("blog/_posts/2024-07-01-a.md"), "/assets/b/shot.png", Some("blog/assets/b/shot.png")),
            (Some("blog/_posts/2024-07-01-a.md"), "../assets/b/shot.png", Some("blog/assets/b/shot.png")),
            (
                Some("blog/_posts/2024-07-01-a.md"),
                "{{ site.baseurl }}/assets/b/shot.png",
                Some("blog/assets/b/shot.png"),
            ),
            (Some("blog/content/blog/two/index.md"), "./cover.png", Some("blog/content/blog/two/cover.png")),
            (Some("blog/content/blog/one/index.md"), "cover.png", Some("blog/content/blog/one/cover.png")),
            // Without the post's folder: the reference's own folders decide; a tie is no answer.
            (None, "/assets/b/shot.png", Some("blog/assets/b/shot.png")),
            (Some("index.md"), "./cover.png", None),
            (None, "/assets/shot.png", None),
            // An image imported alone matches by name, from anywhere.
            (Some("blog/_posts/a.md"), "/images/2020/loose.png", Some("loose.png")),
            (None, "../../only.png", Some("x/only.png")),
            (None, "/assets/missing.png", None),
            (None, "shot.png.zip", None),
        ];
        for (post, reference, want) in cases {
            let r = image_ref(reference).expect("local");
            assert_eq!(pick_image(keys, *post, &r), *want, "{post:?} {reference}");
        }
        // Another folder's image never stands in for a missing one; one imported alone does.
        let keys = ["blog/content/blog/one/cover.png", "cover.png", "sites/b1/assets/a.png", "sites/b2/assets/a.png"];
        let cases: &[(Option<&str>, &str, Option<&str>)] = &[
            (Some("blog/content/blog/two/index.md"), "./cover.png", Some("cover.png")),
            (Some("blog/content/blog/one/index.md"), "./cover.png", Some("blog/content/blog/one/cover.png")),
            // A folder above two blogs: the post's own blog's image.
            (Some("sites/b2/_posts/x.md"), "/assets/a.png", Some("sites/b2/assets/a.png")),
            (Some("sites/b1/_posts/x.md"), "../assets/a.png", Some("sites/b1/assets/a.png")),
            (Some("sites/b1/_posts/x.md"), "/img/a.png", None),
        ];
        for (post, reference, want) in cases {
            let r = image_ref(reference).expect("local");
            assert_eq!(pick_image(keys, *post, &r), *want, "{post:?} {reference}");
        }
        // `/shot.png` is the site's root's, not another folder's; a renamed copy of a
        // blog is the same site (the post keeps the path it was first imported with).
        let keys = ["kblog/shot.png", "kblog/assets/a/shot.png", "kblog/posts/img/a.png", "kblog/img/a.png"];
        let renamed = ["gblog-main/content/blog/one/cover.png", "blog-a/assets/x.png", "blog-b/assets/x.png"];
        type Case<'a> = (&'a [&'a str], Option<&'a str>, &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            (&keys, Some("kblog/_posts/r.md"), "/shot.png", Some("kblog/shot.png")),
            (&keys, Some("kblog/_posts/r.md"), "/assets/a/shot.png", Some("kblog/assets/a/shot.png")),
            (&keys, Some("kblog/_posts/r.md"), "/img/a.png", Some("kblog/img/a.png")),
            (&keys, Some("kblog/r.md"), "shot.png", Some("kblog/shot.png")),
            (
                &renamed,
                Some("gblog/content/blog/one/index.md"),
                "./cover.png",
                Some("gblog-main/content/blog/one/cover.png"),
            ),
            (&renamed, Some("blog-b/_posts/p.md"), "/assets/x.png", Some("blog-b/assets/x.png")),
            (&renamed, None, "/assets/x.png", None),
            // An image at the imported folder's top is no stand-in for one elsewhere.
            (&["kblog/shot.png"], Some("kblog/_posts/r.md"), "/assets/a/shot.png", None),
            (&["kblog/img/a.png"], Some("kblog/_posts/r.md"), "/posts/img/a.png", None),
            (&["gblog/cover.png"], Some("gblog/content/blog/two/index.md"), "./cover.png", None),
            (&["blog/hello.png"], Some("blog/sub/x.md"), "./hello.png", None),
            (&["kblog/a.png"], Some("x.md"), "/assets/a.png", None),
            // `_posts` and `images` picked as two folders: `images/` is the site's.
            (&["images/a.png", "images/2023/a.png"], Some("_posts/2023/x.md"), "/images/2024/a.png", None),
            (
                &["images/a.png", "images/2023/a.png"],
                Some("_posts/2023/x.md"),
                "/images/2023/a.png",
                Some("images/2023/a.png"),
            ),
            (&["assets/a/shot.png"], Some("_posts/x.md"), "/assets/a/shot.png", Some("assets/a/shot.png")),
            // Gatsby's and Hugo's `static/` is served at `/`; Jekyll serves no `_` folder.
            (
                &["gblog/static/img/a.png"],
                Some("gblog/content/blog/x/index.md"),
                "/img/a.png",
                Some("gblog/static/img/a.png"),
            ),
            (
                &["hblog/static/images/a.png"],
                Some("hblog/content/posts/x.md"),
                "/images/a.png",
                Some("hblog/static/images/a.png"),
            ),
            (
                &["kblog/images/a.png", "kblog/_posts/images/a.png"],
                Some("kblog/_posts/x.md"),
                "/images/a.png",
                Some("kblog/images/a.png"),
            ),
        ];
        for (keys, post, reference, want) in cases {
            let r = image_ref(reference).expect("local");
            assert_eq!(pick_image(keys.iter().copied(), *post, &r), *want, "{post:?} {reference}");
        }
    }

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
        let all: HashSet<&str> = refs.iter().map(|r| r.reference.as_str()).collect();
        let mut taken = HashSet::from(["content/blog/s/a.png".to_string()]);
        let names: Vec<String> = placed_names(&refs, &all, "content/blog/s", Some("index.md"), &mut taken)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["2-index.md", "2-a.png", "3-a.png", "2-nul.png"]);
    }
}
