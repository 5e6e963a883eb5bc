//! The URL a post gets on its site, for the form's hint and `hoego url`.
//!
//! Gatsby's starters serve `content/blog/<slug>/index.md` at `/<slug>/`.
//! Jekyll builds it from a permalink template (the post's own `permalink`,
//! else the site's, else the `date` style), filled in the way Jekyll 4's
//! `UrlDrop` does, with the date in the export's offset (the site's
//! `timezone:`, which the export assumes). A template with a placeholder not
//! known here gives `None`: no URL rather than a wrong one. The URL is
//! returned as people read it, not percent-encoded (`/회고/2022/…`).

use std::collections::HashSet;

use super::{placement, resolve_slug, ExportOptions, Target};
use crate::post::Post;

/// The post's URL path on the site `opts` describes (see the module's notes).
pub fn post_url(post: &Post, opts: &ExportOptions) -> Option<String> {
    match opts.target {
        Target::Gatsby(_) => Some(format!("/{}/", resolve_slug(post, opts))),
        Target::Jekyll => jekyll_url(post, opts),
    }
}

/// Jekyll's permalink styles (`permalink: pretty` in `_config.yml`).
fn style(name: &str) -> Option<&'static str> {
    Some(match name {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        _ => return None,
    })
}

fn jekyll_url(post: &Post, opts: &ExportOptions) -> Option<String> {
    let own = post.field("permalink").and_then(|v| v.as_text());
    let template = own.or_else(|| opts.site.get("permalink")).unwrap_or_else(|| "date".into());
    let template = template.trim();
    let template = style(template).map_or(template.to_string(), str::to_string);
    if !template.starts_with('/') && !template.starts_with(':') {
        return None;
    }
    // As the export writes it: a date kept as written (`KST`) is read as Jekyll reads it.
    let kept = placement::date_kept(post, opts, || crate::dialect::detect(post).dialect);
    let date = placement::resolve_date(post, opts, kept, &mut Vec::new());
    let local = date.at_offset(opts.offset).unwrap_or(date);
    let time = local.time.clone();
    let (h, mi, s) = time.map_or((0, 0, 0), |t| (t.hour, t.minute, t.second));
    let slug = resolve_slug(post, opts);
    let y_day = crate::date::days_from_civil(local.year, local.month, local.day)
        - crate::date::days_from_civil(local.year, 1, 1)
        + 1;
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "year" => format!("{:04}", local.year),
            "short_year" => format!("{:02}", local.year.rem_euclid(100)),
            "month" => format!("{:02}", local.month),
            "i_month" => local.month.to_string(),
            "day" => format!("{:02}", local.day),
            "i_day" => local.day.to_string(),
            "y_day" => format!("{y_day:03}"),
            "hour" => format!("{h:02}"),
            "minute" => format!("{mi:02}"),
            "second" => format!("{s:02}"),
            "title" => slugify_pretty(&slug),
            "slug" => slugify_default(&slug),
            "categories" => categories(&post.view().categories),
            "output_ext" => ".html".into(),
            _ => return None,
        })
    };
    Some(sanitize(&fill(&template, value)?))
}

/// `template` with each `:name` replaced by `value(name)`; `None` if one is unknown.
/// Longest names first, as Jekyll does (`:y_day` is not `:y` + `_day`).
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        // `:title:output_ext` — the name stops at the next colon.
        out.push_str(&value(&after[..end])?);
        rest = &after[end..];
    }
    out.push_str(rest);
    Some(out)
}

/// Jekyll's `categories` placeholder: each category downcased, once, joined by `/`.
/// (A set, not a search of the list: this runs on every render of the form, and a
/// post may have thousands of categories.)
fn categories(list: &[String]) -> String {
    let mut seen = HashSet::new();
    let kept: Vec<String> = list.iter().map(|c| c.to_lowercase()).filter(|c| seen.insert(c.clone())).collect();
    kept.join("/")
}

/// Jekyll's `slugify(mode: "pretty", cased: true)`: runs of anything but
/// letters, digits and `._~!$&'()+,;=@` become `-`, trimmed at the ends.
fn slugify_pretty(s: &str) -> String {
    slugify_with(s, |c| c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c))
}

/// Jekyll's default `slugify`: runs of anything but letters and digits become
/// `-`, trimmed, downcased.
fn slugify_default(s: &str) -> String {
    slugify_with(s, char::is_alphanumeric).to_lowercase()
}

fn slugify_with(s: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Jekyll's `URL#sanitize_url`: no empty segments (`//` from no categories),
/// no `.` runs before a `/`, one leading `/`.
fn sanitize(url: &str) -> String {
    let parts: Vec<&str> = url.split('/').map(|p| p.trim_end_matches('.')).filter(|p| !p.is_empty()).collect();
    let mut out = format!("/{}", parts.join("/"));
    // A trailing `/` in the template stays.
    if url.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::{Offset, PostDate};

    fn opts(site: &str) -> ExportOptions {
        let now = PostDate::parse("2026-11-27T10:00:00+09:00").expect("now");
        let mut o = ExportOptions::new(Target::Jekyll, Offset::KST, now);
        o.site = super::super::SiteConfig::parse(site).expect("site");
        o
    }

    #[test]
    fn jekyll_urls() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("title: Hello World\ndate: 2022-07-28\n", "", Some("/2022/07/28/hello-world.html")),
            (
                "title: Hello\ndate: 2022-06-29 06:00:00 +0900\ncategories: [Devlog, devlog, 회고]\n",
                "",
                Some("/devlog/회고/2022/06/29/hello.html"),
            ),
            // In UTC it is the 28th; the site's zone (the export's offset) has the 29th.
            ("title: Hello\ndate: 2022-06-28T21:00:00Z\n", "", Some("/2022/06/29/hello.html")),
            ("title: Hello\ndate: 2022-07-28\n", "permalink: pretty\n", Some("/2022/07/28/hello/")),
            ("title: Hello\ndate: 2022-02-01\n", "permalink: ordinal\n", Some("/2022/032/hello.html")),
            (
                "title: Hello\ndate: 2022-07-28\n",
                "permalink: /:year/:i_month/:i_day/:title/\n",
                Some("/2022/7/28/hello/"),
            ),
            ("title: Hello\ndate: 2022-07-28\npermalink: /about-me/\n", "permalink: pretty\n", Some("/about-me/")),
            ("title: Hello\ndate: 2022-07-28\n", "permalink: /:year/:nonsense/:title/\n", None),
            ("title: Hello\ndate: 2022-07-28\n", "permalink: relative\n", None),
        ];
        for (fm, site, want) in cases {
            let post = Post::parse(&format!("---\n{fm}---\nbody\n")).expect("post");
            assert_eq!(post_url(&post, &opts(site)).as_deref(), *want, "{fm} / {site}");
        }
        // `KST` kept as written: Jekyll reads the wall clock, whatever the export's offset.
        let kst = Post::parse("---\ntitle: Hello\ndate: 2022-06-29 06:00:00 KST # 서울\n---\nbody\n").expect("post");
        for offset in [Offset::UTC, Offset::KST, Offset(-300)] {
            let o = ExportOptions { offset, ..opts("") };
            assert_eq!(post_url(&kst, &o).as_deref(), Some("/2022/06/29/hello.html"), "{offset:?}");
        }
    }

    #[test]
    fn placeholders_and_slugs() {
        assert_eq!(fill("/:a:b/", |n| Some(n.to_uppercase())).as_deref(), Some("/AB/"));
        assert_eq!(slugify_pretty("--a b@c--"), "a-b@c");
        assert_eq!(slugify_default("A b_C"), "a-b-c");
        assert_eq!(sanitize("//2022/./x.html"), "/2022/x.html");
        assert_eq!(sanitize("/a//b/"), "/a/b/");
    }
}
