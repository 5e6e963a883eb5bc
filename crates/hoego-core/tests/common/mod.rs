//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `tests/fixtures/posts` in the repository (copied from the shared fixtures so a bare clone tests itself).
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/posts")
}

/// Every fixture post: (file name, text). Panics if the folder is missing so
/// CI can never pass vacuously.
pub fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/posts in the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    out.sort();
    assert!(out.len() >= 3, "expected the shared fixture posts");
    out
}

/// Synthetic variants of a post: CRLF, BOM, no trailing newline, and all three.
pub fn variants(text: &str) -> Vec<(&'static str, String)> {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let trimmed = text.trim_end_matches(['\r', '\n']).to_string();
    vec![
        ("as-is", text.to_string()),
        ("crlf", crlf.clone()),
        ("bom", format!("\u{feff}{text}")),
        ("no-newline", trimmed),
        ("bom-crlf-no-newline", format!("\u{feff}{}", crlf.trim_end_matches(['\r', '\n']))),
    ]
}
