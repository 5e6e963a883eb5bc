//! What must still hold on adversarial inputs once they are linear (their
//! speed is measured by `benches/adversarial.rs`, never asserted here): the
//! nesting cap yields sanitized, bounded output that the incremental preview
//! reproduces exactly; duplicate keys, warnings and their line numbers are
//! reported as before; batched edits equal one-by-one edits.

use hoego_core::error::WarningCode;
use hoego_core::export::{export, liquid::resolve_for_gatsby, ExportOptions, Flavor, Target};
use hoego_core::markdown::blocks::{render_blocks, BlockCache};
use hoego_core::markdown::sanitize::Ammonia;
use hoego_core::markdown::{render, render_unsanitized, Sanitizer, MAX_NESTING};
use hoego_core::{FieldValue, Offset, Post, PostDate};

struct Id;
impl Sanitizer for Id {
    fn sanitize(&self, h: &str) -> String {
        h.to_string()
    }
}

/// Deepest element nesting of well-formed HTML (our sanitizer's output).
fn depth(html: &str) -> usize {
    let (mut d, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        let void = matches!(name, "br" | "hr" | "img" | "input" | "col" | "wbr");
        if tag.starts_with('/') {
            d = d.saturating_sub(1);
        } else if !void && !tag.ends_with('/') && !tag.starts_with('!') {
            d += 1;
            max = max.max(d);
        }
        rest = &rest[end..];
    }
    max
}

/// The issue's deep inputs (smaller: correctness, not speed), each ending in a marker.
fn deep_bodies() -> Vec<(&'static str, String)> {
    let n = 3_000;
    vec![
        ("- ", format!("{}END\n", "- ".repeat(n))),
        ("> - ", format!("{}END\n", "> - ".repeat(n))),
        ("> ", format!("{}END\n", "> ".repeat(n))),
        ("1. ", format!("{}END\n", "1. ".repeat(n))),
        ("<ul><li>", format!("{}END\n", "<ul><li>".repeat(n))),
        ("<div> blocks", format!("{}END\n", "<div>\n\n".repeat(n))),
        ("<div><b>", format!("{}END\n", (0..n).map(|i| format!("<div><b title={i}></div>\n")).collect::<String>())),
        ("* run", format!("{}END{}\n", "*".repeat(n), "*".repeat(n))),
        ("<table>", format!("{}END\n", "<table><tr><td>".repeat(n))),
        ("mixed", format!("{}END\n", "> - <div>*a ".repeat(n))),
    ]
}

#[test]
fn deep_input_is_capped_sanitized_and_keeps_its_text() {
    let ammonia = Ammonia::default();
    for (name, body) in deep_bodies() {
        let html = render(&body, &ammonia);
        assert!(html.contains("END"), "{name}: text lost");
        let d = depth(&html);
        // The cap, plus what the parser adds (li/p inside a list, tbody/tr in tables)
        // and, for raw HTML left open across blocks, one more cap's worth at a cut.
        assert!(d <= 3 * MAX_NESTING, "{name}: sanitized output nested {d} deep");
        assert!(!html.contains("<script") && !html.contains("onerror"), "{name}");
    }
}

#[test]
fn escaped_tags_stay_inert() {
    // Start tags past the cap are shown as text; what passes (end tags, void
    // elements such as `<img>`, which never nest) still goes through the sanitizer.
    let body = format!("{}<script>alert(1)</script><img src=x onerror=alert(1)>\n", "<div>".repeat(MAX_NESTING + 5));
    let html = render(&body, &Ammonia::default());
    let tail = &html[html.len().saturating_sub(200)..];
    assert!(!html.contains("<script") && !html.contains("onerror") && html.contains("<img src=\"x\">"), "{tail}");
    assert!(html.contains("&lt;script&gt;alert(1)"), "{}", &html[html.len().saturating_sub(200)..]);
}

#[test]
fn deep_input_renders_the_same_incrementally_and_in_slices() {
    for (name, body) in deep_bodies() {
        let full = render_unsanitized(&body);
        let blocks: String = render_blocks(&body).into_iter().map(|b| b.html).collect();
        assert_eq!(blocks, full, "{name}: blocks");
        let mut cache = BlockCache::default();
        cache.update(&body, &Id);
        let incremental: String = cache.blocks().iter().map(|b| b.html.as_str()).collect();
        assert_eq!(incremental, full, "{name}: incremental");
        // Typing at the end, then the same post imported in slices.
        let edited = format!("{body}more\n");
        cache.update(&edited, &Id);
        let mut sliced = BlockCache::default();
        while !sliced.update_sliced(&edited, &Id, 4_096).1 {}
        assert_eq!(sliced.blocks(), cache.blocks(), "{name}: sliced");
        let html: String = cache.blocks().iter().map(|b| b.html.as_str()).collect();
        assert_eq!(html, render_unsanitized(&edited), "{name}: after an edit");
    }
}

#[test]
fn shallow_html_and_markdown_render_as_before() {
    // Under the cap nothing changes, sloppy-but-valid HTML included (unclosed li/p/td).
    let body = "<div align=\"center\">\n\n![a](a.png)\n\n</div>\n\n<ul><li>a<li>b</ul>\n\n<table><tr><td>1<td>2</table>\n\n- a\n  - b\n    > c *d* **e**\n";
    let html = render_unsanitized(body);
    assert!(!html.contains("&lt;"), "{html}");
    let mut plain = String::new();
    pulldown_cmark::html::push_html(&mut plain, pulldown_cmark::Parser::new_ext(body, hoego_core::markdown::options()));
    assert_eq!(html, plain);
}

#[test]
fn duplicate_keys_among_100k_are_reported_at_their_lines() {
    let mut fm = String::from("---\n");
    for i in 0..100_000 {
        fm.push_str(&format!("k{i}: v{i}\n"));
    }
    // Repeats of k7 (twice) and k99999, after all the others.
    fm.push_str("k7: again\nk99999: last\nk7: third\n---\nbody\n");
    let post = Post::parse(&fm).unwrap();
    let dups: Vec<(Option<usize>, &str)> = post
        .warnings()
        .iter()
        .filter(|w| w.code == WarningCode::DuplicateKey)
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(dups.len(), 3);
    // Line 1 is `---`, k0 is line 2, so the repeats are lines 100,002..100,004.
    assert_eq!(dups.iter().map(|d| d.0).collect::<Vec<_>>(), [Some(100_002), Some(100_003), Some(100_004)]);
    assert!(dups[0].1.starts_with("`k7` is set more than once"), "{}", dups[0].1);
    // A repeated key stays where first written, with its last value.
    assert_eq!(post.fields().len(), 100_000);
    assert_eq!(post.fields()[7].0, "k7");
    assert_eq!(post.field("k7").and_then(|v| v.as_text()).as_deref(), Some("third"));
    assert_eq!(post.yaml_entries()[99_999].line, 100_001);
    // Export keeps the last occurrence of each (what Jekyll reads).
    let mut p = post.clone();
    assert_eq!(p.merge_duplicate_keys(), ["k7", "k99999"]);
    assert!(p.to_text().contains("k7: third\n") && !p.to_text().contains("k7: v7\n") && !p.to_text().contains("again"));
    assert_eq!(p.fields().len(), 100_000);
}

#[test]
fn liquid_warnings_keep_their_line_numbers() {
    let lines = 80_000;
    let mut body = String::new();
    for i in 0..lines {
        body.push_str(if i % 3 == 0 { "{% include x.html %}\n" } else { "text {{ site.url }}/a\n" });
    }
    let path = |n: &str| format!("/{n}/");
    let mut w = Vec::new();
    resolve_for_gatsby(&body, 5, &path, &mut w);
    let got: Vec<usize> = w.iter().filter(|w| w.code == WarningCode::LiquidLeft).filter_map(|w| w.line).collect();
    let want: Vec<usize> = (0..lines).filter(|i| i % 3 == 0).map(|i| 5 + i).collect();
    assert_eq!(got, want);
}

#[test]
fn set_many_equals_one_by_one() {
    let text = "---\ntitle: a # c\ndraft: yes\nlist:\n  - x\ncomments: off\nz: 1\n---\nbody\n";
    let edits: Vec<(String, FieldValue)> = vec![
        ("draft".into(), FieldValue::Bool(true)),
        ("comments".into(), FieldValue::Bool(false)),
        ("new".into(), FieldValue::Str("값".into())),
        ("other".into(), FieldValue::List(vec!["a".into(), "b".into()])),
        ("title".into(), FieldValue::Str("b: c".into())),
        ("list".into(), FieldValue::List(vec!["y".into()])),
    ];
    let mut one = Post::parse(text).unwrap();
    for (k, v) in &edits {
        one.set(k, v).unwrap();
    }
    let mut many = Post::parse(text).unwrap();
    assert!(many.set_many(&edits).is_empty());
    assert_eq!(many.to_text(), one.to_text());
}

#[test]
fn many_tags_and_yes_keys_export_as_before() {
    let tags: String = (0..40_000).map(|i| format!("  - t{}\n", i % 30_000)).collect();
    let bools: String = (0..2_000).map(|i| format!("b{i}: yes\n")).collect();
    let text = format!("---\ntitle: t\ndate: 2026-11-22 10:00:00 +0900\ntags:\n{tags}{bools}---\nbody\n");
    let post = Post::parse(&text).unwrap();
    // Unique, in order of first appearance.
    assert_eq!(post.view().tags.len(), 30_000);
    assert_eq!(post.view().tags[29_999], "t29999");
    let opts = ExportOptions::new(
        Target::Gatsby(Flavor::StarterBlog),
        Offset::KST,
        PostDate::parse("2026-11-22T10:00:00+09:00").unwrap(),
    );
    let e = export(&post, &opts, &[]);
    assert_eq!(e.warnings.iter().filter(|w| w.code == WarningCode::BoolNormalized).count(), 2_000);
    assert!(e.text.contains("\nb0: true\n") && e.text.contains("\nb1999: true\n") && !e.text.contains(": yes"));
    assert_eq!(e.changes.iter().filter(|c| c.key.starts_with('b')).count(), 2_000);
}
