//! The `tests/fixtures/blogs` batch (synthetic posts laid out as eleven blogs) exported
//! as one site: unique paths, collisions named, `post_url` followed, tags
//! the same in `show` and in the export, and the front matter plan as a
//! snapshot (data only, no post text).

use std::path::{Path, PathBuf};

use hoego_core::export::{export_batch, BatchPost, ExportOptions, Flavor, Target};
use hoego_core::{Offset, Post, PostDate, WarningCode};

fn blogs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/blogs")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// (path relative to `blogs/`, post), sorted by path.
fn posts() -> Vec<(String, Post)> {
    let mut files = Vec::new();
    walk(&blogs_dir(), &mut files);
    files.sort();
    assert!(files.len() >= 10, "expected the blogs batch, found {}", files.len());
    files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(blogs_dir()).unwrap().to_string_lossy().into_owned();
            (rel, Post::parse(&std::fs::read_to_string(f).unwrap()).unwrap())
        })
        .collect()
}

fn opts(target: Target) -> ExportOptions {
    ExportOptions::new(target, Offset::KST, PostDate::parse("2026-11-22T10:00:00+09:00").unwrap())
}

fn run(target: Target) -> (Vec<String>, Vec<hoego_core::export::Exported>) {
    let all = posts();
    let batch: Vec<BatchPost> =
        all.iter().map(|(n, p)| BatchPost { post: p, source_name: Some(n.clone()), available: vec![] }).collect();
    (all.iter().map(|(n, _)| n.clone()).collect(), export_batch(&batch, &opts(target)))
}

const TARGETS: [Target; 3] = [Target::Jekyll, Target::Gatsby(Flavor::StarterBlog), Target::Gatsby(Flavor::Lumen)];

#[test]
fn one_site_from_every_blog_has_unique_paths_and_names_each_collision() {
    for target in TARGETS {
        let (names, out) = run(target);
        let mut paths: Vec<String> = out.iter().map(|e| e.path.to_lowercase()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), out.len(), "{target:?}: {:?}", out.iter().map(|e| &e.path).collect::<Vec<_>>());
        let collisions: Vec<(&String, &str)> = names
            .iter()
            .zip(&out)
            .flat_map(|(n, e)| {
                e.warnings
                    .iter()
                    .filter(|w| w.code == WarningCode::PathCollision && w.message.contains("is also where"))
                    .map(move |w| (n, w.message.as_str()))
            })
            .collect();
        // chirpy-diary and poole-hyde both have `_posts/2022-12-31-2022-retrospect.md`;
        // basic-jekyll and kramdown-jekyll both `_posts/2020-12-31-2020-retrospective.md`;
        // for Gatsby (no date in the path) gatsby-starter-blog's `2020-retrospective/index.md`
        // joins those two, and gatsby-casper's `2021.md` and hugo-coder's `slug = "2021"`
        // share a folder.
        let want = match target {
            Target::Jekyll => vec!["kramdown-jekyll/", "poole-hyde/"],
            Target::Gatsby(_) => vec!["gatsby-starter-blog/", "hugo-coder/", "kramdown-jekyll/", "poole-hyde/"],
        };
        assert_eq!(collisions.len(), want.len(), "{target:?}: {collisions:#?}");
        for ((name, msg), w) in collisions.iter().zip(want) {
            assert!(name.starts_with(w), "{name} vs {w}");
            assert!(msg.contains(name.as_str()), "names this post: {msg}");
        }
        let u = names.iter().position(|n| n.starts_with("poole-hyde/")).unwrap();
        let k = names.iter().position(|n| n.starts_with("chirpy-diary/")).unwrap();
        let (first, second) = match target {
            Target::Jekyll => ("_posts/2022-12-31-2022-retrospect.md", "_posts/2022-12-31-2022-retrospect-2.md"),
            Target::Gatsby(_) => ("content/blog/2022-retrospect/index.md", "content/blog/2022-retrospect-2/index.md"),
        };
        assert_eq!((out[k].path.as_str(), out[u].path.as_str()), (first, second));
    }
}

#[test]
fn post_url_links_inside_the_batch_follow_and_outside_ones_are_named() {
    let (names, out) = run(Target::Gatsby(Flavor::StarterBlog));
    let i = names.iter().position(|n| n.ends_with("2022-02-11-retro-tdd-currency-1.md")).unwrap();
    let retro = &out[i];
    assert!(retro.text.contains("]({% post_url").then_some(()).is_none(), "no Liquid left");
    assert!(retro.text.contains("](/tdd-currency-1/)"), "in-batch link: {}", &retro.text[..600.min(retro.text.len())]);
    let outside: Vec<&str> =
        retro.warnings.iter().filter(|w| w.code == WarningCode::PostUrlOutside).map(|w| w.message.as_str()).collect();
    assert_eq!(outside.len(), 2, "{outside:?}");
    assert!(outside[0].contains("2022-02-12-tdd-currency-2") && outside[1].contains("2022-04-05-tdd-currency-3"));
    let j = names.iter().position(|n| n.ends_with("2022-02-11-tdd-currency-1.md")).unwrap();
    assert!(out[j].text.contains("[회고](/retro-tdd-currency-1/)"), "back link");
    assert!(out[j].warnings.iter().all(|w| w.code != WarningCode::PostUrlOutside));
    let (_, jk) = run(Target::Jekyll);
    assert!(jk[j].text.contains("{% post_url 2022-02-11-retro-tdd-currency-1 %}"), "Jekyll keeps tags of the batch");
    // One to a post of the site outside the batch is kept too: Jekyll builds its real URL.
    assert!(jk[i].text.contains("{% post_url 2022-02-12-tdd-currency-2 %}"), "a post of the site is linked by Jekyll");
}

#[test]
fn show_and_export_agree_on_tags_and_categories() {
    for target in TARGETS {
        let (names, out) = run(target);
        for ((name, post), e) in posts().iter().zip(&out) {
            let back = Post::parse(&e.text).unwrap();
            assert_eq!(back.view().tags, post.view().tags, "{target:?} {name}");
            if target != Target::Gatsby(Flavor::Lumen) {
                assert_eq!(back.view().categories, post.view().categories, "{target:?} {name}");
            }
            if matches!(target, Target::Gatsby(_)) {
                assert!(back.field("tag").is_none(), "{name}: Gatsby reads `tags` only");
            }
            assert!(back.warnings().is_empty(), "{name}: {:?}", back.warnings());
        }
        assert_eq!(names.len(), out.len());
    }
}

#[test]
fn front_matter_plans_snapshot() {
    for (label, target) in [("jekyll", TARGETS[0]), ("gatsby", TARGETS[1])] {
        let (names, out) = run(target);
        let plans: Vec<(String, &Vec<hoego_core::export::plan::Fix>)> =
            names.into_iter().zip(out.iter().map(|e| &e.fixes)).collect();
        insta::assert_json_snapshot!(format!("plans-{label}"), plans);
    }
}
