//! Adversarial input shapes, timed per MB on every core path a post goes
//! through (`hoego show`, `render`, `export`, the app's preview and stats).
//!
//! Each shape is generated at growing sizes (64 KB, 256 KB, 1 MB by default);
//! a step that takes longer than the budget stops the larger sizes of that
//! row, so a quadratic path is reported (with its growth factor) instead of
//! hanging the run. Target: at most 1 s for any 1 MB input (BENCHMARKS.md,
//! "Adversarial inputs").
//!
//! Run: `cargo bench -p hoego-core --bench adversarial [-- [--sizes 65536,262144] [--budget 5] [--only NAME] [--write DIR]]`
//! `--write DIR` writes each shape at the largest size to `DIR/NAME.md`, and
//! the issue's own inputs to `DIR/issue-NAME.md` (the CLI benchmark
//! `scripts/adversarial.sh` times the `hoego` binary on them).
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use hoego_core::export::{export, image_refs, ExportOptions, Flavor, SiteConfig, Target};
use hoego_core::markdown::blocks::BlockCache;
use hoego_core::markdown::sanitize::Ammonia;
use hoego_core::markdown::{render, render_unsanitized};
use hoego_core::report::report;
use hoego_core::stats::analyze;
use hoego_core::{FieldValue, Offset, Post, PostDate};

const FM: &str = "---\ntitle: \"adversarial\"\ndate: 2026-11-22 10:00:00 +0900\n---\n";

/// `head` then `unit(i)` repeated until the text reaches `size` bytes, then `tail`.
fn fill(head: &str, size: usize, tail: &str, unit: impl Fn(usize) -> String) -> String {
    let mut s = String::with_capacity(size + tail.len() + 64);
    s.push_str(head);
    let mut i = 0;
    while s.len() + tail.len() < size {
        s.push_str(&unit(i));
        i += 1;
    }
    s.push_str(tail);
    s
}

/// A realistic post (the Korean sample's body) repeated.
fn sample_repeated(size: usize) -> String {
    let sample = include_str!("../../../assets/sample-ko.md");
    let body_at = sample[4..].find("\n---\n").map(|i| i + 4 + 5).unwrap_or(0);
    fill(sample, size, "", |i| format!("\n\n## 섹션 {i}\n{}", &sample[body_at..]))
}

type Gen = fn(usize) -> String;

/// Every shape: (name, what it is, generator).
const SHAPES: &[(&str, &str, Gen)] = &[
    ("list-dash", "`- ` repeated, then `a` (one line)", |n| fill(FM, n, "a\n", |_| "- ".into())),
    ("quote-list", "`> - ` repeated", |n| fill(FM, n, "a\n", |_| "> - ".into())),
    ("quote", "`> ` repeated", |n| fill(FM, n, "a\n", |_| "> ".into())),
    ("ordered", "`1. ` repeated", |n| fill(FM, n, "a\n", |_| "1. ".into())),
    ("html-ul-li", "`<ul><li>` repeated", |n| fill(FM, n, "a\n", |_| "<ul><li>".into())),
    ("html-div-blocks", "`<div>` blocks left open, one per paragraph", |n| fill(FM, n, "", |_| "<div>\n\n".into())),
    ("html-b-inline", "`a<b>` repeated in one paragraph", |n| fill(FM, n, "\n", |_| "a<b>".into())),
    ("html-div-b", "`<div><b title=N></div>`: formatting left open across blocks", |n| {
        fill(FM, n, "t\n", |i| format!("<div><b title={i}></div>\n"))
    }),
    ("html-table", "`<table><tr><td>` repeated", |n| fill(FM, n, "a\n", |_| "<table><tr><td>".into())),
    ("liquid-include", "lines `{% include x.html %}`", |n| fill(FM, n, "", |_| "{% include x.html %}\n".into())),
    ("ref-defs", "a link reference definition over each `<br/>` line, no blank lines", |n| {
        fill(FM, n, "", |i| format!("[r{i}]: /u\n<br/>\n"))
    }),
    ("dup-ref-defs", "one label defined again over each line, no blank lines", |n| {
        fill(FM, n, "", |i| format!("[r]: /u{i}\n    t [r]\n"))
    }),
    ("defs-no-blank-lines", "a heading, a definition, a paragraph using it, no blank lines", |n| {
        fill(FM, n, "", |i| format!("## S {i}\n[s{i}]: /u{i}\nText [s{i}].\n"))
    }),
    ("no-blank-lines", "a heading and a line, repeated with no blank line", |n| {
        fill(FM, n, "", |i| format!("# h{i}\nt\n"))
    }),
    ("fm-keys", "front matter with distinct keys", |n| {
        let mut s = fill("---\ntitle: t\n", n.saturating_sub(8), "", |i| format!("k{i}: v\n"));
        s.push_str("---\nbody\n");
        s
    }),
    ("fm-dup-keys", "front matter with one key repeated", |n| {
        let mut s = fill("---\n", n.saturating_sub(8), "", |i| format!("title: t{i}\n"));
        s.push_str("---\nbody\n");
        s
    }),
    ("fm-yes-keys", "front matter keys set to `yes` (YAML 1.1 booleans)", |n| {
        let mut s = fill("---\ntitle: t\n", n.saturating_sub(8), "", |i| format!("k{i}: yes\n"));
        s.push_str("---\nbody\n");
        s
    }),
    ("fm-nested-keys", "one nested mapping with many keys", |n| {
        let mut s = fill("---\ntitle: t\nm:\n", n.saturating_sub(8), "", |i| format!("  k{i}: v\n"));
        s.push_str("---\nbody\n");
        s
    }),
    ("tags-block", "`tags:` block list", |n| {
        let mut s = fill("---\ntitle: t\ntags:\n", n.saturating_sub(8), "", |i| format!("  - t{i}\n"));
        s.push_str("---\nbody\n");
        s
    }),
    ("tags-flow", "`tags: [...]` on one line", |n| {
        let mut s = fill("---\ntitle: t\ntags: [t", n.saturating_sub(12), "", |i| format!(", t{i}"));
        s.push_str("]\n---\nbody\n");
        s
    }),
    ("fm-block-scalar", "`description: |` with many lines", |n| {
        let mut s = fill("---\ntitle: t\ndescription: |\n", n.saturating_sub(8), "", |i| format!("  line {i}\n"));
        s.push_str("---\nbody\n");
        s
    }),
    ("images", "distinct local images", |n| fill(FM, n, "", |i| format!("![](img/i{i}.png)\n"))),
    ("images-same-name", "`image.png` in a folder of its own, repeated", |n| {
        fill(FM, n, "", |i| format!("![](d{i}/image.png)\n"))
    }),
    ("images-one-file", "one image written three ways, repeated", |n| {
        fill(FM, n, "", |i| format!("![{i}](a.png) ![](./a.png) <img src=\"a.png?v={i}\">\n"))
    }),
    ("post-url-lines", "`{% post_url %}` lines to posts outside the export", |n| {
        fill(FM, n, "", |i| format!("[p]({{% post_url 2020-01-01-p{i} %}})\n"))
    }),
    ("site-vars", "front matter keys (the `-site` ops' `_config.yml`) each used as `{{ site.kN }}`", |n| {
        let half = n / 2;
        let mut s = fill("---\ntitle: t\n", half, "", |i| format!("k{i}: v{i}\n"));
        s.push_str("---\n");
        fill(&s, n, "", |i| format!("{{{{ site.k{i} }}}} and {{{{ site.k0 }}}}\n"))
    }),
    ("headings", "`# heading` lines", |n| fill(FM, n, "", |i| format!("# h{i}\n"))),
    ("table-wide", "a 2,000-column table header, then one-cell rows", |n| {
        let cols = 2000;
        let head = format!("{FM}{}|\n{}|\n", "|a".repeat(cols), "|-".repeat(cols));
        fill(&head, n, "", |_| "x\n".into())
    }),
    ("brackets", "`[` repeated", |n| fill(FM, n, "\n", |_| "[".into())),
    ("link-open", "`[a](` repeated", |n| fill(FM, n, "\n", |_| "[a](".into())),
    ("emphasis", "`*a` repeated", |n| fill(FM, n, "\n", |_| "*a".into())),
    ("emphasis-mixed", "`**a*_` repeated", |n| fill(FM, n, "\n", |_| "**a*_".into())),
    ("emphasis-nested", "`*` run, `a`, `*` run: strong inside strong", |n| {
        let k = n.saturating_sub(FM.len() + 2) / 2;
        format!("{FM}{}a{}\n", "*".repeat(k), "*".repeat(k))
    }),
    ("backticks", "growing backtick runs", |n| fill(FM, n, "\n", |i| format!("{}a", "`".repeat(i % 64 + 1)))),
    ("angle", "`<a` repeated", |n| fill(FM, n, "\n", |_| "<a".into())),
    ("refdefs", "link reference definitions and uses", |n| fill(FM, n, "", |i| format!("[r{i}]: /u{i}\n[r{i}]\n\n"))),
    ("footnotes", "footnote references and definitions", |n| {
        fill(FM, n, "", |i| format!("a[^f{i}]\n\n[^f{i}]: n\n\n"))
    }),
    ("ial", "kramdown `{: .c}` lines", |n| fill(FM, n, "", |_| "a\n{: .c}\n".into())),
    ("blank-lines", "empty lines", |n| fill(FM, n, "", |_| "\n".into())),
    ("long-line", "one line of words", |n| fill(FM, n, "\n", |_| "word ".into())),
    // One text node with many characters the sanitizer's serializer escapes (`&`,
    // U+0080–U+00BF): see `markdown/text_split.rs`.
    ("fence-ampersands", "a code fence of `a && b` lines", |n| {
        let mut s =
            fill(&format!("{FM}```sh\n"), n.saturating_sub(4), "", |_| "cd a && make && ./run --a=1&b=2\n".into());
        s.push_str("```\n");
        s
    }),
    ("middle-dots", "a Korean paragraph of `·` lists", |n| fill(FM, n, "", |_| "서울·부산·대구 회고\n".into())),
    ("entities-line", "one line of `&amp;&#12;&nbsp;`", |n| fill(FM, n, "\n", |_| "&amp;&#12;&nbsp;".into())),
    ("title-ampersands", "one link title of `a&` repeated", |n| {
        let mut s = fill(&format!("{FM}[a](u \""), n.saturating_sub(3), "", |_| "a&".into());
        s.push_str("\")\n");
        s
    }),
    ("sample", "the Korean sample post repeated (a normal post)", sample_repeated),
];

/// A named input generator.
type Input = (&'static str, fn() -> String);

/// The inputs of the issue that asked for this benchmark, at its sizes
/// (written by `--write` as `issue-NAME.md` for the CLI benchmark).
const ISSUE_INPUTS: &[Input] = &[
    ("list-dash-20k", || format!("{FM}{}a\n", "- ".repeat(20_000))),
    ("quote-list-20k", || format!("{FM}{}a\n", "> - ".repeat(20_000))),
    ("quote-100k", || format!("{FM}{}a\n", "> ".repeat(100_000))),
    ("ordered-20k", || format!("{FM}{}a\n", "1. ".repeat(20_000))),
    ("ul-li-20k", || format!("{FM}{}a\n", "<ul><li>".repeat(20_000))),
    ("include-80k-lines", || format!("{FM}{}", "{% include x.html %}\n".repeat(80_000))),
    ("keys-100k", || {
        let keys: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect();
        format!("---\ntitle: t\n{keys}---\nbody\n")
    }),
    ("tags-40k", || {
        let tags: String = (0..40_000).map(|i| format!("  - t{i}\n")).collect();
        format!("---\ntitle: t\ndate: 2026-11-22\ntags:\n{tags}---\nbody\n")
    }),
    ("post-54mb", || sample_repeated(54 << 20)),
];

/// What is timed on each shape.
/// `-avail` exports have a file for every image the post references (the
/// plain ones have none, so images are only warned about); `-site` reads
/// the post's own front matter as the site's `_config.yml`.
const OPS: &[&str] = &[
    "parse",
    "report",
    "render-raw",
    "render",
    "preview",
    "stats",
    "export-jekyll",
    "export-gatsby",
    "export-jekyll-avail",
    "export-gatsby-avail",
    "export-gatsby-site",
    "set-title",
];

fn opts(target: Target) -> ExportOptions {
    ExportOptions {
        source_name: Some("2026-11-22-adversarial.md".into()),
        ..ExportOptions::new(target, Offset::KST, PostDate::parse("2026-11-22T10:00:00+09:00").expect("now"))
    }
}

/// Run `op` once (`post` is `text` parsed, when it parses); returns a size
/// of the result so nothing is optimized away.
fn run(op: &str, text: &str, post: Option<&Post>) -> usize {
    let sanitizer = Ammonia::default();
    let Some(p) = post else {
        return usize::from(op == "parse" && Post::parse(text).is_err());
    };
    match op {
        "parse" => Post::parse(text).map_or(0, |p| p.fields().len()),
        "report" => report(p).warnings.len(),
        "render-raw" => render_unsanitized(p.body()).len(),
        "render" => render(p.body(), &sanitizer).len(),
        "preview" => BlockCache::default().update(p.body(), &sanitizer).inserted.len(),
        "stats" => analyze(p.body()).0.chars,
        "export-jekyll" => export(p, &opts(Target::Jekyll), &[]).text.len(),
        "export-gatsby" => export(p, &opts(Target::Gatsby(Flavor::StarterBlog)), &[]).text.len(),
        "export-jekyll-avail" | "export-gatsby-avail" => {
            let target = if op == "export-jekyll-avail" { Target::Jekyll } else { Target::Gatsby(Flavor::StarterBlog) };
            let all: Vec<String> = image_refs(p).into_iter().map(|r| r.reference).collect();
            export(p, &opts(target), &all).assets.len()
        }
        "export-gatsby-site" => {
            let site = SiteConfig::parse(p.front_matter_text()).unwrap_or_default();
            export(p, &ExportOptions { site, ..opts(Target::Gatsby(Flavor::StarterBlog)) }, &[]).text.len()
        }
        "set-title" => p.clone().set("title", &FieldValue::Str("새 제목".into())).map_or(0, |_| 1),
        _ => unreachable!("unknown op {op}"),
    }
}

struct Args {
    sizes: Vec<usize>,
    budget: Duration,
    only: Vec<String>,
    ops: Vec<String>,
    write: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        sizes: vec![64 << 10, 256 << 10, 1 << 20],
        budget: Duration::from_secs(5),
        only: Vec::new(),
        ops: Vec::new(),
        write: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = || it.next().expect("a value after the flag");
        match x.as_str() {
            "--sizes" => a.sizes = val().split(',').map(|s| s.parse().expect("size in bytes")).collect(),
            "--budget" => a.budget = Duration::from_secs_f64(val().parse().expect("seconds")),
            "--only" => a.only = val().split(',').map(str::to_string).collect(),
            "--ops" => a.ops = val().split(',').map(str::to_string).collect(),
            "--write" => a.write = Some(val()),
            _ => {} // `--bench` and filters passed by cargo
        }
    }
    a
}

fn main() {
    let a = args();
    let shapes: Vec<_> = SHAPES.iter().filter(|(n, _, _)| a.only.is_empty() || a.only.iter().any(|o| o == n)).collect();
    if let Some(dir) = &a.write {
        let size = *a.sizes.last().expect("a size");
        std::fs::create_dir_all(dir).expect("create dir");
        for (name, _, gen) in &shapes {
            std::fs::write(format!("{dir}/{name}.md"), gen(size)).expect("write input");
        }
        for (name, gen) in ISSUE_INPUTS {
            let name = format!("issue-{name}");
            if a.only.is_empty() || a.only.contains(&name) {
                std::fs::write(format!("{dir}/{name}.md"), gen()).expect("write input");
            }
        }
        return;
    }
    let sizes: Vec<String> = a.sizes.iter().map(|s| format!("{} KB", s >> 10)).collect();
    println!("adversarial inputs: time per call at {} (budget {:?} per call)", sizes.join(", "), a.budget);
    println!("{:<16} {:<14} {:>40}  {:>10}  growth", "shape", "op", "times", "per MB");
    let mut worst: (f64, String) = (0.0, String::new());
    for (name, _, gen) in shapes {
        let inputs: Vec<String> = a.sizes.iter().map(|&s| gen(s)).collect();
        // Parsed once per size, untimed (parsing is its own row); a parse over
        // budget stops the larger sizes of every row of this shape.
        let mut posts: Vec<Option<Post>> = Vec::new();
        for text in &inputs {
            let t = Instant::now();
            posts.push(Post::parse(text).ok());
            let next_ratio = a.sizes.get(posts.len()).map_or(1.0, |n| *n as f64 / text.len() as f64);
            if t.elapsed().as_secs_f64() * next_ratio * next_ratio > 4.0 * a.budget.as_secs_f64() {
                break;
            }
        }
        for op in OPS.iter().filter(|o| a.ops.is_empty() || a.ops.iter().any(|x| x == *o)) {
            let mut times: Vec<(usize, f64)> = Vec::new();
            for (text, post) in inputs.iter().zip(&posts) {
                // Best of up to 3 runs, but never more than the budget in total.
                let mut best = f64::MAX;
                let started = Instant::now();
                for _ in 0..3 {
                    let t = Instant::now();
                    black_box(run(op, black_box(text), post.as_ref()));
                    best = best.min(t.elapsed().as_secs_f64());
                    if started.elapsed() * 2 > a.budget || best > 0.5 {
                        break;
                    }
                }
                times.push((text.len(), best));
                // Stop before a size that a quadratic path would take far over budget.
                let next_ratio = inputs.get(times.len()).map_or(1.0, |n| n.len() as f64 / text.len() as f64);
                if best * next_ratio * next_ratio > 4.0 * a.budget.as_secs_f64() {
                    break;
                }
            }
            let shown: Vec<String> = times.iter().map(|(_, t)| format!("{:.1} ms", t * 1e3)).collect();
            let (len, t) = *times.last().expect("one size");
            let per_mb = t / (len as f64 / (1 << 20) as f64);
            let growth = match times.len() {
                n if n >= 2 => {
                    let (l0, t0) = times[n - 2];
                    // Exponent k in t ∝ size^k between the last two sizes (1 = linear, 2 = quadratic).
                    format!("k={:.2}", (t / t0.max(1e-9)).ln() / (len as f64 / l0 as f64).ln())
                }
                _ => "-".into(),
            };
            let stopped = if times.len() < inputs.len() { " (larger sizes skipped: over budget)" } else { "" };
            println!("{name:<16} {op:<14} {:>40}  {:>7.0} ms  {growth}{stopped}", shown.join(" / "), per_mb * 1e3);
            if times.len() == inputs.len() && per_mb > worst.0 {
                worst = (per_mb, format!("{name} {op}"));
            }
            if !stopped.is_empty() {
                worst = (f64::INFINITY, format!("{name} {op} (over budget)"));
            }
        }
    }
    println!("worst per MB: {} ({:.0} ms)", worst.1, worst.0 * 1e3);
}
