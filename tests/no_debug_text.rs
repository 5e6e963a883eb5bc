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

/// Does a line of code hold a `Debug` placeholder (`{:?}`, `{e:?}`,
/// `{:#?}`, `{:x?}`, `{0:>10?}`…)? `{{` is a literal brace, and a `//`
/// comment after the code is not code.
fn debug_placeholders(line: &str) -> bool {
    let code = line.trim_start();
    if code.starts_with("//") {
        return false;
    }
    // A trailing comment: `//` after whitespace, outside a string (an even
    // number of `"` before it).
    let code = match code.match_indices(" //").find(|(i, _)| code[..*i].matches('"').count() % 2 == 0) {
        Some((i, _)) => &code[..i],
        None => code,
    };
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' if b.get(i + 1) == Some(&b'{') => i += 2,
            b'{' => {
                let inner = code[i + 1..].split(['}', '{']).next().unwrap_or("");
                if inner.contains(':') && inner.ends_with('?') && code[i + 1 + inner.len()..].starts_with('}') {
                    return true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    false
}

/// Lines of `text` outside test code. A `#[cfg(test)]` (or `cfg(all(test…`)
/// module ends the file (clippy's `items_after_test_module` keeps them last);
/// `mod x;` and a one-line item end at their line; any other item runs to the
/// line that closes it at the attribute's indentation.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let t = l.trim_start();
        if !(t.starts_with("#[cfg(test)]") || t.starts_with("#[cfg(all(test")) {
            out.push((i + 1, l));
            i += 1;
            continue;
        }
        let indent = &l[..l.len() - t.len()];
        // The item: past any further attributes.
        i += 1;
        while lines.get(i).is_some_and(|n| n.trim_start().starts_with("#[")) {
            i += 1;
        }
        let Some(item) = lines.get(i).map(|n| n.trim_end()) else { break };
        if item.trim_start().starts_with("mod ") && item.ends_with('{') {
            break;
        }
        if !(item.ends_with(';') || item.ends_with(',') || item.ends_with('}')) {
            while i < lines.len() && !(lines[i].starts_with(indent) && lines[i][indent.len()..].starts_with('}')) {
                i += 1;
            }
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
        (r#"format!("{:x?} {:#x?}")"#, true),
        (r#"format!("{0:>10?}") {:.1?}"#, true),
        (r#"format!("{a_very_long_name_for_a_value_that_is_long:?}")"#, true),
        (r#"format!("{}", a)"#, false),
        (r#"format!("{{:?}}")"#, false),
        (r#"// format!("{e:?}")"#, false),
        (r#"let a = b; // was {e:?}"#, false),
        (r#"format!("// {e:?}")"#, true),
        (r#"let m = HashMap::<u8, u8>::new(); if a { b } else { c }"#, false),
    ];
    for (line, want) in cases {
        assert_eq!(debug_placeholders(line), want, "{line}");
    }
    let text = "a\n#[cfg(test)]\nmod x;\nb\n#[cfg(test)]\nfn t() {\n    x\n}\nc\n#[cfg(test)]\nuse y;\n\
                d\n    #[cfg(test)]\n    field: u8,\ne\n#[cfg(test)]\n#[allow(x)]\nmod tests {\n    f\n}\ng\n";
    let kept: Vec<&str> = code_lines(text).into_iter().map(|(_, l)| l).collect();
    assert_eq!(kept, ["a", "b", "c", "d", "e"]);
}
