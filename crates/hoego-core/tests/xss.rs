//! Every vector of an OWASP-style XSS list, alone and all together, must come
//! out of render+sanitize (ammonia) with no script, event handler, dangerous
//! URL or forbidden element. The browser test runs the same list through
//! DOMPurify in Chromium and checks that nothing executes.

use hoego_core::markdown::{render, sanitize::Ammonia};

fn vectors() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/xss-vectors.txt");
    let text = std::fs::read_to_string(path).expect("xss vector list");
    let v: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    assert!(v.len() >= 100, "a broad list, not a handful: {}", v.len());
    v
}

/// Decode numeric and a few named entities and drop whitespace/controls, the
/// way a browser reads a URL attribute.
fn normalize_url(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail.find(|c: char| c == ';' || !(c.is_ascii_alphanumeric() || c == '#')).unwrap_or(tail.len());
        let ent = &tail[..end];
        let decoded = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
            u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
        } else if let Some(d) = ent.strip_prefix('#') {
            d.parse().ok().and_then(char::from_u32)
        } else {
            match ent {
                "colon" => Some(':'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                "amp" => Some('&'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..i + 1 + end]),
        }
        rest = tail[end..].strip_prefix(';').unwrap_or(&tail[end..]);
    }
    out.push_str(rest);
    out.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase()
}

/// Problems found in sanitized HTML: every real tag is inspected.
fn problems(html: &str) -> Vec<String> {
    const FORBIDDEN: &[&str] = &[
        "script", "iframe", "object", "embed", "form", "base", "meta", "style", "link", "frame", "frameset", "svg",
        "math", "template", "button", "textarea", "select",
    ];
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tail = &rest[i + 1..];
        let end = tail.find('>').unwrap_or(tail.len());
        let tag = &tail[..end];
        rest = &tail[end..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if FORBIDDEN.contains(&name.as_str()) {
            found.push(format!("forbidden <{name}>"));
        }
        // Attributes: name="value" pairs (ammonia always quotes).
        let mut attrs = &tag[name.len().min(tag.len())..];
        while let Some(eq) = attrs.find("=\"") {
            let attr_name = attrs[..eq].rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_ascii_lowercase();
            let after = &attrs[eq + 2..];
            let close = after.find('"').unwrap_or(after.len());
            let value = &after[..close];
            if attr_name.starts_with("on") {
                found.push(format!("event handler {attr_name}"));
            }
            if ["href", "src", "action", "formaction", "background", "dynsrc", "lowsrc", "data", "xlink:href", "style"]
                .contains(&attr_name.as_str())
            {
                let v = normalize_url(value);
                for bad in ["javascript:", "vbscript:", "data:text/html", "expression(", "-moz-binding"] {
                    if v.contains(bad) {
                        found.push(format!("{attr_name}={value}"));
                    }
                }
            }
            attrs = &after[(close + 1).min(after.len())..];
        }
    }
    found
}

#[test]
fn checker_catches_what_it_should() {
    // The checker itself must be able to fail.
    assert!(!problems("<img src=\"x\" onerror=\"alert(1)\">").is_empty());
    assert!(!problems("<a href=\"jav&#x09;ascript:alert(1)\">x</a>").is_empty());
    assert!(!problems("<script>").is_empty());
    assert!(problems("<p>&lt;script&gt; is text</p>").is_empty());
}

#[test]
fn every_vector_is_neutralized() {
    let s = Ammonia::default();
    let mut failures = Vec::new();
    for v in vectors() {
        for doc in [v.clone(), format!("text\n\n{v}\n\nmore"), format!("- item {v}"), format!("> {v}")] {
            let html = render(&doc, &s);
            let p = problems(&html);
            if !p.is_empty() {
                failures.push(format!("{v}\n  -> {html}\n  {p:?}"));
            }
        }
    }
    let all = vectors().join("\n\n");
    let p = problems(&render(&all, &s));
    assert!(p.is_empty(), "all vectors together: {p:?}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn safe_content_survives_sanitizing() {
    let s = Ammonia::default();
    let html = render("# 제목\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![alt](./a.png)\n\n<br/>\n<img src=\"/assets/x.jpg\" width=\"300\">\n\n[link](https://example.com)\n", &s);
    for want in [
        "<h1 id=\"user-content-제목\">",
        "type=\"checkbox\"",
        "<table>",
        "src=\"./a.png\"",
        "<br>",
        "src=\"/assets/x.jpg\"",
        "href=\"https://example.com\"",
    ] {
        assert!(html.contains(want), "{want} missing in {html}");
    }
}
