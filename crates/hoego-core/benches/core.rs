//! Criterion benchmarks: split+typed view, one-key edit, render+sanitize and
//! stats, on the fixture posts and on a 1 MB post. Figures go to BENCHMARKS.md.
//! Run: `cargo bench -p hoego-core --bench core`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hoego_core::markdown::{blocks::BlockCache, render, sanitize::Ammonia};
use hoego_core::stats::analyze;
use hoego_core::{FieldValue, Post};

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/posts");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixtures")
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}

/// A post of about `size` bytes: the first fixture's front matter and its body repeated.
fn big(size: usize) -> String {
    let (_, text) = &fixtures()[0];
    let body_at = text.find("\n---\n").unwrap() + 5;
    let mut s = text.clone();
    while s.len() < size {
        s.push_str("\n\n");
        s.push_str(&text[body_at..]);
    }
    s
}

fn inputs() -> Vec<(String, String)> {
    let mut v = fixtures();
    v.push(("1MB".into(), big(1 << 20)));
    v
}

fn bench(c: &mut Criterion) {
    let sanitizer = Ammonia::default();
    for (what, f) in [
        ("parse (split + typed view)", 0),
        ("render + sanitize", 1),
        ("stats + outline", 2),
        ("incremental preview, 1 block changed", 3),
    ] {
        let mut g = c.benchmark_group(what);
        for (name, text) in inputs() {
            g.throughput(Throughput::Bytes(text.len() as u64));
            let post = Post::parse(&text).unwrap();
            let body = post.body().to_string();
            g.bench_with_input(BenchmarkId::from_parameter(&name), &text, |b, text| match f {
                0 => b.iter(|| Post::parse(black_box(text)).unwrap()),
                1 => b.iter(|| render(black_box(&body), &sanitizer)),
                2 => b.iter(|| analyze(black_box(&body))),
                _ => {
                    let mut cache = BlockCache::default();
                    cache.update(&body, &sanitizer);
                    let mut edited = body.clone();
                    let mut toggle = false;
                    let at = body.len() / 2;
                    let at = (0..=at).rev().find(|i| body.is_char_boundary(*i)).unwrap();
                    b.iter(|| {
                        // Alternately insert and remove one syllable: every iteration
                        // re-renders exactly the block containing `at`.
                        toggle = !toggle;
                        if toggle {
                            edited.insert(at, '가');
                        } else {
                            edited.replace_range(at..at + '가'.len_utf8(), "");
                        }
                        cache.update(black_box(&edited), &sanitizer)
                    })
                }
            });
        }
        g.finish();
    }
    // Editing one key must cost the same whatever the body size.
    let mut g = c.benchmark_group("one-key edit (title)");
    for (name, text) in
        [("small body", fixtures()[1].1.clone()), ("1MB body", big(1 << 20)), ("8MB body", big(8 << 20))]
    {
        let post = Post::parse(&text).unwrap();
        g.bench_function(name, |b| {
            b.iter_batched_ref(
                || post.clone(),
                |p| p.set("title", &FieldValue::Str(black_box("새 제목: 2026년 회고".into()))).unwrap(),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2)).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
