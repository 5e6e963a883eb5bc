//! Liquid in bodies: protect it for Jekyll when it was not meant as Liquid,
//! resolve or remove it for Gatsby (which would print it as text).

use crate::error::{Warning, WarningCode};

/// The site variables a path may be prefixed with.
const SITE_PREFIXES: [&str; 2] = ["site.url", "site.baseurl"];

/// Drop `{{ site.url }}` / `{{ site.baseurl }}` prefixes (any spacing).
pub fn strip_site_prefixes(s: &str) -> String {
    let mut out = tighten_site_prefixes(s);
    for var in SITE_PREFIXES {
        out = out.replace(&format!("{{{{{var}}}}}"), "");
    }
    out
}

/// `{{ site.url }}` / `{{ site.baseurl }}` (any spacing) written `{{site.url}}`,
/// `{{site.baseurl}}`: with spaces, a link destination is no markdown link.
pub fn tighten_site_prefixes(s: &str) -> String {
    let mut out = s.to_string();
    for var in SITE_PREFIXES {
        for (open, close) in [("{{ ", " }}"), ("{{ ", "}}"), ("{{", " }}")] {
            out = out.replace(&format!("{open}{var}{close}"), &format!("{{{{{var}}}}}"));
        }
    }
    out
}

/// Kramdown inline attribute lists: whole lines removed, trailing ones
/// (`![](x){:.align-center}`) cut. Returns the text and how many were removed.
pub fn strip_kramdown_ials(body: &str) -> (String, usize) {
    let mut out = String::with_capacity(body.len());
    let mut count = 0;
    let mut fence = false;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        let ending = &line[content.len()..];
        let t = content.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        }
        if !fence && crate::markdown::render::is_ial(t) {
            count += 1;
            continue;
        }
        // Trailing spaces after the list (a markdown hard break) stay after the text.
        let before_spaces = content.trim_end();
        if !fence && before_spaces.ends_with('}') {
            if let Some(i) = before_spaces.rfind("{:") {
                if crate::markdown::render::is_ial(&before_spaces[i..]) && i > 0 {
                    count += 1;
                    out.push_str(content[..i].trim_end());
                    out.push_str(&content[before_spaces.len()..]);
                    out.push_str(ending);
                    continue;
                }
            }
        }
        out.push_str(line);
    }
    (out, count)
}

/// Does the body contain anything Liquid would process?
pub fn has_liquid(body: &str) -> bool {
    body.contains("{{") || body.contains("{%")
}

/// Does `body` hold an `endraw` tag in any spelling Liquid closes a raw
/// block on: `{%`, an optional `-`, any whitespace, `endraw` as a whole
/// word, anything, `%}` (`{%endraw%}`, `{%-endraw-%}`, `{% endraw x %}`:
/// Liquid's raw block matches the tag's first word only)? Wrapped in
/// `{% raw %}`, any of them would end the block early.
fn has_endraw(body: &str) -> bool {
    let mut rest = body;
    while let Some(i) = rest.find("{%") {
        rest = &rest[i + 2..];
        let t = rest.strip_prefix('-').unwrap_or(rest).trim_start();
        let Some(t) = t.strip_prefix("endraw") else { continue };
        // Ruby's `\w` (Liquid's tag name) is ASCII: `{% endraw한 %}` closes it too.
        if t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        // No `%}` after this one: none after a later one either.
        return t.contains("%}");
    }
    false
}

/// Wrap a body whose `{{ }}`/`{% %}` were not meant as Liquid in
/// `{% raw %}…{% endraw %}` so Jekyll prints them as written.
pub fn protect_for_jekyll(body: &str, le: &str, warnings: &mut Vec<Warning>) -> String {
    if has_endraw(body) {
        warnings.push(Warning::new(
            WarningCode::LiquidEndraw,
            "the body contains `{% endraw %}`, which cannot be protected; check it renders as intended",
            None,
        ));
        return body.to_string();
    }
    warnings.push(Warning::new(
        WarningCode::LiquidProtected,
        "`{{ }}`/`{% %}` in the body wrapped in `{% raw %}` so Jekyll shows them as written",
        None,
    ));
    let (lead, rest) = body.split_at(body.len() - body.trim_start_matches(['\r', '\n']).len());
    let end_nl = if rest.ends_with('\n') { "" } else { le };
    format!("{lead}{{% raw %}}{le}{rest}{end_nl}{{% endraw %}}{le}")
}

/// Resolve Liquid for Gatsby: site prefixes and `relative_url` filters
/// dropped, `post_url` turned into a path by `post_path`, `highlight` blocks
/// turned into fenced code, raw markers removed; anything else is kept and
/// warned about with its line.
pub fn resolve_for_gatsby(
    body: &str,
    line_base: usize,
    post_path: &dyn Fn(&str) -> String,
    warnings: &mut Vec<Warning>,
) -> String {
    let body = strip_site_prefixes(body);
    let mut out = String::with_capacity(body.len());
    let mut rest = body.as_str();
    let mut consumed = 0usize;
    let mut in_raw = false;
    // Warnings come in order: count line breaks once, from the previous
    // warning on (recounting from the start made 80,000 warnings quadratic).
    let mut counted = (0usize, line_base);
    let mut line_of = |offset: usize| {
        counted.1 += body.as_bytes()[counted.0..offset].iter().filter(|&&b| b == b'\n').count();
        counted.0 = offset;
        counted.1
    };
    while let Some(i) = rest.find(['{']) {
        let tail = &rest[i..];
        let (open, close) = if tail.starts_with("{%") {
            ("{%", "%}")
        } else if tail.starts_with("{{") {
            ("{{", "}}")
        } else {
            out.push_str(&rest[..i + 1]);
            consumed += i + 1;
            rest = &rest[i + 1..];
            continue;
        };
        // The closer is searched after the opener: `{%}` must not close itself.
        let Some(end) = tail[open.len()..].find(close).map(|e| e + open.len()) else {
            break;
        };
        let inner = tail[open.len()..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let word = inner.split_whitespace().next().unwrap_or("");
        out.push_str(&rest[..i]);
        let whole = &tail[..end + close.len()];
        let replacement: Option<String> = if in_raw && !(open == "{%" && word == "endraw") {
            Some(whole.to_string())
        } else if open == "{%" {
            match word {
                "raw" => {
                    in_raw = true;
                    Some(String::new())
                }
                "endraw" => {
                    in_raw = false;
                    Some(String::new())
                }
                "post_url" => Some(post_path(inner.split_whitespace().nth(1).unwrap_or(""))),
                "highlight" => Some(format!("```{}", inner.split_whitespace().nth(1).unwrap_or(""))),
                "endhighlight" => Some("```".into()),
                _ => None,
            }
        } else if inner.contains("relative_url") || inner.contains("absolute_url") {
            let lit = inner.split('|').next().unwrap_or("").trim().trim_matches(['"', '\'']);
            Some(lit.to_string())
        } else {
            None
        };
        match replacement {
            Some(r) => out.push_str(&r),
            None => {
                warnings.push(Warning::new(
                    WarningCode::LiquidLeft,
                    format!(
                        "Liquid `{}` has no Gatsby equivalent; left as text",
                        whole.chars().take(60).collect::<String>()
                    ),
                    Some(line_of(consumed + i)),
                ));
                out.push_str(whole);
            }
        }
        let step = i + end + close.len();
        consumed += step;
        rest = &rest[step..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gatsby_resolution_table() {
        let path = |name: &str| format!("/{}/", crate::export::parse_source_name(name).1.unwrap_or_default());
        let cases: &[(&str, &str, usize)] = &[
            ("![a]({{ site.baseurl }}/assets/a.png)", "![a](/assets/a.png)", 0),
            ("[x]({% post_url 2020-01-02-hello %})", "[x](/hello/)", 0),
            ("{% raw %}{{ keep }}{% endraw %}", "{{ keep }}", 0),
            ("{% highlight rust %}\nfn x(){}\n{% endhighlight %}", "```rust\nfn x(){}\n```", 0),
            ("{{ \"/a.png\" | relative_url }}", "/a.png", 0),
            ("{% include toc.html %}", "{% include toc.html %}", 1),
            ("plain {braces} text", "plain {braces} text", 0),
            ("{%}}ndr#cw %}\n", "{%}}ndr#cw %}\n", 1),
            ("{{}", "{{}", 0),
        ];
        for (input, want, nwarn) in cases {
            let mut w = Vec::new();
            assert_eq!(resolve_for_gatsby(input, 1, &path, &mut w), *want, "{input}");
            assert_eq!(w.len(), *nwarn, "{input}: {w:?}");
        }
    }

    #[test]
    fn every_endraw_spelling_is_refused_not_wrapped() {
        // (body, wrapped in `{% raw %}`?)
        let cases: &[(&str, bool)] = &[
            ("{{ a }} {% endraw %}", false),
            ("{{ a }} {%endraw%}", false),
            ("{{ a }} {%  endraw %}", false),
            ("{{ a }} {% endraw -%}", false),
            ("{{ a }} {%-endraw-%}", false),
            ("{{ a }} {%- endraw %}", false),
            ("{{ a }} {%\tendraw\n%}", false),
            ("{{ a }} {% endraw x %}", false),
            ("{{ a }} {% endraw한 %}", false),
            ("{{ a }} {% endrawé %}", false),
            ("{{ a }} {% endrawx %}", true),
            ("{{ a }} {% endraw_ %}", true),
            ("{{ a }} {% endraw9 %}", true),
            ("{{ a }} {% endraw", true),
            ("{{ a }} {% raw %}", true),
            ("{{ a }} endraw %}", true),
        ];
        for (body, wrapped) in cases {
            let mut w = Vec::new();
            let out = protect_for_jekyll(body, "\n", &mut w);
            assert_eq!(out.starts_with("{% raw %}"), *wrapped, "{body:?}: {out}");
            let code = if *wrapped { WarningCode::LiquidProtected } else { WarningCode::LiquidEndraw };
            assert_eq!(w.iter().map(|w| w.code).collect::<Vec<_>>(), [code], "{body:?}");
        }
    }

    #[test]
    fn ial_lines() {
        let (out, n) = strip_kramdown_ials("![](/a.png){:.align-center}\ntext\n{: .captionC}\n\n```\n{: .keep}\n```\n");
        assert_eq!(out, "![](/a.png)\ntext\n\n```\n{: .keep}\n```\n");
        assert_eq!(n, 2);
    }
}
