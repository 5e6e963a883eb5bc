//! `{% post_url NAME %}` across one export: a link to a post in the same
//! export follows it to its new place; a link to a post outside it gets a
//! warning naming the target (and, since neither generator can resolve it,
//! the URL Hoego would give that post).

use std::collections::HashMap;

use crate::error::{Warning, WarningCode};

/// Where one post of an export went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// Its source file name without extension (`2022-02-11-retro-tdd-currency-1`): what `post_url` names.
    pub source_stem: String,
    /// Its new Jekyll file name without `.md` (`2022-02-11-retro-tdd-currency-1-2`).
    pub jekyll_stem: String,
    /// Its new URL path in a Gatsby site (`/retro-tdd-currency-1/`).
    pub url: String,
}

/// Every post of one export, for `post_url`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// In export order.
    targets: Vec<LinkTarget>,
    /// Source stem → the first target with it (a search per tag was
    /// quadratic: posts × `post_url` tags).
    by_stem: HashMap<String, usize>,
}

impl Links {
    /// The posts of an export, in export order.
    pub fn new(targets: Vec<LinkTarget>) -> Links {
        let mut by_stem = HashMap::new();
        for (i, t) in targets.iter().enumerate() {
            by_stem.entry(t.source_stem.clone()).or_insert(i);
        }
        Links { targets, by_stem }
    }

    /// The post a `post_url` NAME (possibly `dir/NAME`) points to, if it is
    /// in this export (the first of that name in export order).
    pub fn find(&self, name: &str) -> Option<&LinkTarget> {
        self.by_stem.get(stem_of(name)).map(|&i| &self.targets[i])
    }
}

/// `dir/2020-01-02-name.md` → `2020-01-02-name`.
pub fn stem_of(name: &str) -> &str {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.strip_suffix(".md").or_else(|| file.strip_suffix(".markdown")).unwrap_or(file)
}

/// The URL Hoego gives a post it is not exporting (`2020-01-02-hello` → `/hello/`).
pub fn guessed_url(name: &str) -> String {
    let stem = stem_of(name);
    let slug = match super::parse_source_name(stem) {
        (_, Some(s)) => s,
        _ => stem.to_string(),
    };
    format!("/{slug}/")
}

/// Each `{% post_url NAME %}` tag in `body`: (byte range of the whole tag, NAME).
pub fn post_url_tags(body: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = body[at..].find("{%").map(|i| at + i) {
        let Some(end) = body[i + 2..].find("%}").map(|e| i + 2 + e + 2) else { break };
        let inner = body[i + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let mut words = inner.split_whitespace();
        if words.next() == Some("post_url") {
            if let Some(name) = words.next() {
                out.push((i..end, name));
            }
        }
        at = end;
    }
    out
}

/// Does a Jekyll export keep `{% post_url NAME %}` to a post not in it? When
/// NAME is a post's (`2025-12-31-2025-review`): the writer's site has it (the
/// link back "Start next retrospective" writes to last year's post, which is
/// downloaded alone), and Jekyll builds its real URL, where a guess is a 404
/// under most permalinks. Jekyll stops the build if the site has no such post,
/// which the warning says.
///
/// Only a name Jekyll can look up: no `.md` (it looks for `NAME.md.md`), no `\`
/// and no empty, `.` or `..` folder (it refuses those names); a leading `/` it
/// drops.
fn kept_for_jekyll(name: &str) -> bool {
    let lookable = !name.contains('\\')
        && !name.ends_with(".md")
        && !name.ends_with(".markdown")
        && name.strip_prefix('/').unwrap_or(name).split('/').all(|p| !p.is_empty() && p != "." && p != "..");
    lookable && matches!(super::parse_source_name(stem_of(name)), (Some(_), Some(_)))
}

/// A warning for each `post_url` whose target is not in this export.
pub fn outside_warnings(body: &str, links: &Links, line_base: usize, warnings: &mut Vec<Warning>) {
    outside(body, links, line_base, warnings, |_| false);
}

fn outside(body: &str, links: &Links, line_base: usize, warnings: &mut Vec<Warning>, kept: fn(&str) -> bool) {
    // Tags come in order: count line breaks from the previous tag on
    // (counting from the start for each tag was quadratic).
    let (mut counted, mut line) = (0, line_base);
    for (range, name) in post_url_tags(body) {
        if links.find(name).is_none() {
            line += body.as_bytes()[counted..range.start].iter().filter(|&&b| b == b'\n').count();
            counted = range.start;
            let msg = if kept(name) {
                format!(
                    "`{{% post_url {name} %}}` links to `{name}`, which is not in this export; kept: Jekyll stops \
                     the build if the site has no such post"
                )
            } else {
                format!(
                    "`{{% post_url {name} %}}` links to `{name}`, which is not in this export; linked to {} (check it)",
                    guessed_url(name)
                )
            };
            warnings.push(Warning::new(WarningCode::PostUrlOutside, msg, Some(line)));
        }
    }
}

/// Jekyll: a link to a post of this export names its new file; a link to
/// any other post is kept when it names a post ([`kept_for_jekyll`]), else
/// becomes the URL Hoego would give it (an unknown `post_url` stops the
/// whole Jekyll build).
pub fn rewrite_for_jekyll(body: &str, links: &Links, line_base: usize, warnings: &mut Vec<Warning>) -> String {
    let tags = post_url_tags(body);
    if tags.is_empty() {
        return body.to_string();
    }
    outside(body, links, line_base, warnings, kept_for_jekyll);
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (range, name) in tags {
        out.push_str(&body[last..range.start]);
        match links.find(name) {
            Some(t) if t.jekyll_stem == stem_of(name) => out.push_str(&body[range.clone()]),
            Some(t) => {
                let msg = format!("`{{% post_url {name} %}}` now names `{}` (that post was renamed)", t.jekyll_stem);
                warnings.push(Warning::new(WarningCode::PostUrlRelinked, msg, None));
                out.push_str(&format!("{{% post_url {} %}}", t.jekyll_stem));
            }
            None if kept_for_jekyll(name) => out.push_str(&body[range.clone()]),
            None => out.push_str(&guessed_url(name)),
        }
        last = range.end;
    }
    out.push_str(&body[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new(vec![LinkTarget {
            source_stem: "2022-02-11-tdd-currency-1".into(),
            jekyll_stem: "2022-02-11-tdd-currency-1-2".into(),
            url: "/tdd-currency-1-2/".into(),
        }])
    }

    #[test]
    fn jekyll_post_url_table() {
        let cases: &[(&str, &str, &[WarningCode])] = &[
            (
                "[a]({% post_url 2022-02-11-tdd-currency-1 %})",
                "[a]({% post_url 2022-02-11-tdd-currency-1-2 %})",
                &[WarningCode::PostUrlRelinked],
            ),
            (
                "[b]({%- post_url 2022-02-12-tdd-currency-2 -%})",
                "[b]({%- post_url 2022-02-12-tdd-currency-2 -%})",
                &[WarningCode::PostUrlOutside],
            ),
            (
                "[b](<{% post_url til/2025-12-31-2025-review %}>)",
                "[b](<{% post_url til/2025-12-31-2025-review %}>)",
                &[WarningCode::PostUrlOutside],
            ),
            ("[c]({% post_url about %})", "[c](/about/)", &[WarningCode::PostUrlOutside]),
            // Names Jekyll cannot look up: the URL Hoego would give the post.
            ("[d]({% post_url 2022-01-01-x.md %})", "[d](/x/)", &[WarningCode::PostUrlOutside]),
            ("[e]({% post_url ..\\2022-01-01-x %})", "[e](/x/)", &[WarningCode::PostUrlOutside]),
            ("[f]({% post_url ../2022-01-01-x %})", "[f](/x/)", &[WarningCode::PostUrlOutside]),
            (
                "[g]({% post_url /2021-01-01-old %})",
                "[g]({% post_url /2021-01-01-old %})",
                &[WarningCode::PostUrlOutside],
            ),
            ("{% include x.html %} {% post_url %}", "{% include x.html %} {% post_url %}", &[]),
            ("no tags", "no tags", &[]),
        ];
        for (body, want, codes) in cases {
            let mut w = Vec::new();
            assert_eq!(rewrite_for_jekyll(body, &links(), 1, &mut w), *want, "{body}");
            assert_eq!(w.iter().map(|w| w.code).collect::<Vec<_>>(), *codes, "{body}");
        }
    }

    #[test]
    fn outside_warning_names_the_target_and_line() {
        let mut w = Vec::new();
        outside_warnings("x\n[b]({% post_url sub/2022-04-05-tdd-currency-3 %})", &links(), 10, &mut w);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("2022-04-05-tdd-currency-3") && w[0].line == Some(11), "{w:?}");
        // Lines counted from one tag to the next, across a tag that is in the export.
        let body = "{% post_url a %}\n\n{% post_url 2022-02-11-tdd-currency-1 %}\n{% post_url b %} {% post_url c %}\nx\n{% post_url d %}";
        let mut w = Vec::new();
        outside_warnings(body, &links(), 5, &mut w);
        assert_eq!(w.iter().map(|w| w.line).collect::<Vec<_>>(), [Some(5), Some(8), Some(8), Some(10)]);
    }
}
