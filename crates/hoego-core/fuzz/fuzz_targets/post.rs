//! Fuzz split + parse + edit + render + export: never panic, and the
//! round-trip and minimal-edit invariants hold for every input.
#![no_main]

use hoego_core::export::{export, ExportOptions, Flavor, Target};
use hoego_core::markdown::blocks::BlockCache;
use hoego_core::markdown::{render, sanitize::Ammonia};
use hoego_core::{FieldValue, Offset, Post, PostDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(post) = Post::parse(text) else { return };
    assert_eq!(post.to_text(), text, "round trip");
    let _ = hoego_core::report::report(&post);
    // Edits: on success the result parses and reads back; on failure nothing changed.
    for (k, v) in [
        ("title", FieldValue::Str(text.chars().take(12).collect())),
        ("tags", FieldValue::List(text.split_whitespace().take(3).map(str::to_string).collect())),
        ("draft", FieldValue::Bool(true)),
    ] {
        let mut p = post.clone();
        match p.set(k, &v) {
            Ok(()) => {
                let back = Post::parse(&p.to_text()).expect("edited post parses");
                assert_eq!(back.body(), post.body());
            }
            Err(_) => assert_eq!(p.to_text(), text),
        }
    }
    if text.len() < 20_000 {
        let s = Ammonia::default();
        let _ = render(post.body(), &s);
        let mut cache = BlockCache::default();
        cache.update(post.body(), &s);
        // An edit in the middle (the input's first bytes as the inserted text):
        // the windowed block-boundary parse must agree with a full parse.
        let body = post.body();
        let mut at = body.len() / 2;
        while !body.is_char_boundary(at) {
            at -= 1;
        }
        let ins: String = text.chars().take(3).collect();
        let edited = format!("{}{ins}{}", &body[..at], &body[at..]);
        cache.update(&edited, &s);
        let ranges: Vec<_> = cache.blocks().iter().map(|b| b.range.clone()).collect();
        assert_eq!(ranges, hoego_core::markdown::blocks::block_ranges(&edited), "windowed block ranges");
        let now = PostDate::parse("2026-11-22T10:00:00+09:00").unwrap();
        for target in [Target::Jekyll, Target::Gatsby(Flavor::Lumen)] {
            let opts = ExportOptions::new(target, Offset::KST, now.clone());
            let e = export(&post, &opts, &[]);
            let _ = Post::parse(&e.text);
        }
    }
});
