//! Which blog generator a post was written for, with the reasons, from its
//! keys, delimiters and body signs.

use serde::Serialize;

use crate::post::Post;
use crate::split::FrontMatterKind;

/// A blog generator family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Jekyll (GitHub Pages).
    Jekyll,
    /// Gatsby (gatsby-transformer-remark starters).
    Gatsby,
    /// Hugo.
    Hugo,
    /// No generator-specific signs.
    Plain,
}

impl Dialect {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Jekyll => "jekyll",
            Dialect::Gatsby => "gatsby",
            Dialect::Hugo => "hugo",
            Dialect::Plain => "plain",
        }
    }
}

/// The verdict and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DialectReport {
    /// The most likely dialect.
    pub dialect: Dialect,
    /// Human-readable reasons, strongest first.
    pub reasons: Vec<String>,
}

const JEKYLL_KEYS: &[(&str, u32)] = &[
    ("layout", 2),
    ("permalink", 2),
    ("published", 1),
    ("category", 1),
    ("toc", 1),
    ("toc_sticky", 2),
    ("header", 1),
    ("excerpt_separator", 2),
    ("sitemap", 1),
    ("last_modified_at", 2),
];
const GATSBY_KEYS: &[(&str, u32)] = &[("template", 2), ("emoji", 2), ("cover", 1), ("socialImage", 2)];
const HUGO_KEYS: &[(&str, u32)] =
    &[("lastmod", 2), ("weight", 2), ("aliases", 2), ("publishDate", 2), ("expiryDate", 2)];

/// Liquid that only Jekyll gives meaning to (site variables, Jekyll tags and filters).
const JEKYLL_LIQUID: &[&str] = &[
    "{{ site.",
    "{{site.",
    "{{ page.",
    "{{page.",
    "{% post_url",
    "{% include",
    "{% raw",
    "{% highlight",
    "{% link",
    "relative_url",
    "absolute_url",
    "{{ post.",
    "{{ content",
];

/// Was the Liquid in this body meant as Liquid? Yes when it uses Jekyll's own
/// tags, or when everything else about the post (keys, kramdown) says Jekyll.
/// Liquid-looking text alone is not evidence: it is how Vue, Jinja or Go
/// templates in a code block look too.
pub fn liquid_is_intended(post: &Post) -> bool {
    let body = post.body();
    if JEKYLL_LIQUID.iter().any(|s| body.contains(s)) {
        return true;
    }
    let without_liquid = detect_with(post, false);
    without_liquid.dialect == Dialect::Jekyll
}

/// Detect the dialect of `post`.
pub fn detect(post: &Post) -> DialectReport {
    detect_with(post, true)
}

fn detect_with(post: &Post, count_liquid: bool) -> DialectReport {
    let mut score = [0u32; 3]; // jekyll, gatsby, hugo
    let mut reasons: Vec<(u32, String)> = Vec::new();
    let mut add = |i: usize, w: u32, why: String| {
        score[i] += w;
        reasons.push((w, why));
    };
    if post.kind() == FrontMatterKind::Toml {
        add(2, 3, "TOML front matter (`+++`) is Hugo's".into());
    }
    for (keys, i, name) in [(JEKYLL_KEYS, 0, "Jekyll"), (GATSBY_KEYS, 1, "Gatsby"), (HUGO_KEYS, 2, "Hugo")] {
        for (k, w) in keys {
            if post.field(k).is_some() {
                add(i, *w, format!("`{k}` key is typical of {name}"));
            }
        }
    }
    let body = post.body();
    if count_liquid && (body.contains("{%") || body.contains("{{ site.") || body.contains("{{site.")) {
        add(0, 2, "Liquid tags in the body".into());
    }
    if body.lines().any(|l| crate::markdown::render::is_ial(l) || l.trim_end().ends_with('}') && l.contains("){:")) {
        add(0, 2, "kramdown attribute lines (`{: .class}`)".into());
    }
    if body.contains("{{<") || body.contains("{{%") {
        add(2, 3, "Hugo shortcodes in the body".into());
    }
    if body.contains("](./") {
        add(1, 1, "images co-located with the post (`./file`)".into());
    }
    // Strongest evidence first, ties in the order found (weights are small).
    let top = reasons.iter().map(|r| r.0).max().unwrap_or(0);
    let reasons: Vec<String> =
        (0..=top).rev().flat_map(|w| reasons.iter().filter(move |r| r.0 == w).map(|r| r.1.clone())).collect();
    let best = (0..3).max_by_key(|&i| (score[i], std::cmp::Reverse(i))).unwrap_or(0);
    let dialect =
        if score[best] == 0 { Dialect::Plain } else { [Dialect::Jekyll, Dialect::Gatsby, Dialect::Hugo][best] };
    DialectReport { dialect, reasons }
}
