//! The browser build formats no `Debug`: `scripts/lib.sh` builds it with
//! `-Zfmt-debug=none` (~4 KB off the first load), so there `{:?}` prints
//! nothing. Text a user may read must say what it means through `Display`,
//! `hoego_core::quoted` or `storage::js_error` instead. This test keeps
//! `{:?}` out of the code the browser runs: the app's `src/` and hoego-core's
//! `src/`, tests excepted (a `#[cfg(test)]` item, and `tests.rs` files).
//! Clippy's `use_debug` would not do: it looks at `print!`/`write!` only.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, but test files.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).expect("source folder") {
        let p = e.expect("entry").path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            sources(&p, out);
        } else if name.ends_with(".rs") && name != "tests.rs" && !name.ends_with("_tests.rs") {
            out.push(p);
        }
    }
}

/// The `{…:?}` and `{…:#?}` placeholders of a line of code (comments skipped).
fn debug_placeholders(line: &str) -> bool {
    let code = line.trim_start();
    if code.starts_with("//") {
        return false;
    }
    let mut rest = code;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let inner = rest.split('}').next().unwrap_or("");
        if inner.len() < 40 && (inner.ends_with(":?") || inner.ends_with(":#?")) && !inner.contains(['{', ' ', '"']) {
            return true;
        }
    }
    false
}

/// Lines of `text` outside test code: a `#[cfg(test)]` module ends the file
/// (clippy's `items_after_test_module` keeps them last); on a single item it
/// skips that item up to its closing brace at the attribute's indentation.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if l.trim_start().starts_with("#[cfg(test)]") || l.trim_start().starts_with("#[cfg(all(test") {
            let indent = &l[..l.len() - l.trim_start().len()];
            if lines.get(i + 1).is_some_and(|n| n.trim_start().starts_with("mod ")) {
                break;
            }
            i += 1;
            while i < lines.len() && !(lines[i].starts_with(indent) && lines[i][indent.len()..].starts_with('}')) {
                i += 1;
            }
        } else {
            out.push((i + 1, l));
        }
        i += 1;
    }
    out
}

#[test]
fn no_debug_formatting_in_code_the_browser_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("crates/hoego-core/src"), &mut files);
    assert!(files.len() > 50, "found the sources: {}", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).expect("read");
        for (n, l) in code_lines(&text) {
            if debug_placeholders(l) {
                found.push(format!("{}:{n}: {}", f.strip_prefix(root).unwrap_or(f).display(), l.trim()));
            }
        }
    }
    assert!(found.is_empty(), "`{{:?}}` in code the browser runs (prints nothing there):\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_placeholders_and_skips_tests() {
    let cases = [
        (r#"format!("{e:?}")"#, true),
        (r#"format!("{:?} and {}", a, b)"#, true),
        (r#"format!("{x.y:#?}")"#, true),
        (r#"format!("{}", a)"#, false),
        (r#"// format!("{e:?}")"#, false),
        (r#"let m = HashMap::<u8, u8>::new(); if a { b } else { c:? }"#, false),
    ];
    for (line, want) in cases {
        assert_eq!(debug_placeholders(line), want, "{line}");
    }
    let text = "a\n#[cfg(test)]\nfn t() {\n    x\n}\nb\n#[cfg(test)]\nmod tests {\n    c\n}\nd\n";
    let kept: Vec<&str> = code_lines(text).into_iter().map(|(_, l)| l).collect();
    assert_eq!(kept, ["a", "b"]);
}
