//! Goal scoreboard throughput on adversarial shapes, at two sizes so a
//! quadratic path shows as a falling MB/s. Figures go to BENCHMARKS.md.
//! Run: `cargo bench -p hoego-core --bench goals`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hoego_core::goals::scoreboard;

/// `head` once, then `unit` until the text is `size` bytes.
fn shape(head: &str, unit: &str, size: usize) -> String {
    let mut s = String::from(head);
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

fn bench(c: &mut Criterion) {
    let shapes: [(&str, &str, &str); 6] = [
        ("task items with fractions", "## 목표 점검\n\n", "- [x] AWS 자격증 취득하기 (1/3 성공) — 아쉽다.\n"),
        ("numbered goal headings", "# 상반기 회고\n\n", "## 1. CKA 취득하기 (성공)\n\n본문 한 줄.\n\n"),
        ("one item, unclosed brackets", "## goals\n\n- ", "(((( [[ （ "),
        ("one item, separators and sentences", "## goals\n\n- ", "done. — half: 1/ 9/1 100.5% → "),
        ("headings inside list items", "## 목표\n\n", "- # 1. 성공\n"),
        ("deeply nested lists", "## 목표\n\n", "- a\n  - b\n    - c (실패)\n"),
    ];
    let mut g = c.benchmark_group("goal scoreboard");
    for (name, head, unit) in shapes {
        for size in [256 << 10, 1 << 20] {
            let body = shape(head, unit, size);
            g.throughput(Throughput::Bytes(body.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, format!("{} KB", size >> 10)), &body, |b, body| {
                b.iter(|| scoreboard(black_box(body), None))
            });
        }
    }
    g.finish();
    // Finding the summary block (run after each pause in typing): opening markers in
    // table rows with no closing one, and many markers on one line.
    let mut g = c.benchmark_group("summary block");
    let markers = [
        ("markers in table rows", "x\n", "|<!-- hoego:goals -->\n"),
        ("markers on one line", "x\n", "<!-- hoego:goals -->"),
        ("opening markers over rows", "x\n", "<!-- hoego:goals -->\n| a |\n| b |\n"),
        ("markers in a fence", "```\n", "<!-- hoego:goals -->\n| a |\n<!-- /hoego:goals -->\n"),
    ];
    for (name, head, unit) in markers {
        for size in [256 << 10, 1 << 20] {
            let body = shape(head, unit, size);
            g.throughput(Throughput::Bytes(body.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, format!("{} KB", size >> 10)), &body, |b, body| {
                b.iter(|| hoego_core::goals::summary::find(black_box(body)))
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
