//! Snapshot tests (insta) of what users see for each real fixture post: the
//! `show` report and both export profiles with their warnings.

mod common;

use hoego_core::export::{export, ExportOptions, Flavor, Target};
use hoego_core::slug::SlugStyle;
use hoego_core::{Offset, Post, PostDate};

fn opts(target: Target, name: &str) -> ExportOptions {
    ExportOptions {
        target,
        offset: Offset::KST,
        now: PostDate::parse("2026-11-22T10:00:00+09:00").unwrap(),
        slug_style: SlugStyle::Romanize,
        source_name: Some(name.to_string()),
        reslug: false,
        site: Default::default(),
    }
}

#[test]
fn fixture_reports() {
    for (name, text) in common::fixtures() {
        let post = Post::parse(&text).unwrap();
        let json = serde_json::to_string_pretty(&hoego_core::report::report(&post)).unwrap();
        insta::assert_snapshot!(format!("report-{name}"), json);
    }
}

#[test]
fn fixture_exports() {
    for (name, text) in common::fixtures() {
        let post = Post::parse(&text).unwrap();
        for (label, target) in [
            ("jekyll", Target::Jekyll),
            ("gatsby", Target::Gatsby(Flavor::StarterBlog)),
            ("lumen", Target::Gatsby(Flavor::Lumen)),
        ] {
            let e = export(&post, &opts(target, &name), &[]);
            let head_end = e.text.match_indices("\n---").next().map_or(0, |(i, _)| i + 4);
            let warnings: Vec<String> = e.warnings.iter().map(|w| format!("- [{}] {}", w.code, w.message)).collect();
            let shown = format!("path: {}\n\n{}\n\nwarnings:\n{}\n", e.path, &e.text[..head_end], warnings.join("\n"));
            insta::assert_snapshot!(format!("export-{label}-{name}"), shown);
            // The export re-reads cleanly with no warnings of its own.
            let back = Post::parse(&e.text).unwrap();
            assert!(back.warnings().is_empty(), "{label} {name}: {:?}", back.warnings());
            assert_eq!(back.view().title, post.view().title);
        }
    }
}
