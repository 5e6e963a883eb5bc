//! Liquid site variables (`{{ site.X }}`) from the source blog's
//! `_config.yml`: a Jekyll post that uses them cannot be moved to Gatsby
//! without knowing their values, and they cannot be guessed.

use std::collections::{HashMap, HashSet};

use crate::error::{ParseError, Warning, WarningCode};
use crate::value::Value;

/// The top-level settings of a Jekyll `_config.yml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteConfig {
    /// In order of each key's first appearance.
    fields: Vec<(String, Value)>,
    /// Key → its place in `fields` (a search per key was quadratic).
    index: HashMap<String, usize>,
}

impl SiteConfig {
    /// Read a `_config.yml` (front-matter-style YAML: anchors and tags are refused).
    /// A key given twice keeps its first place and its last value.
    pub fn parse(text: &str) -> Result<SiteConfig, ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let entries = crate::yaml::parse_entries(text, 0..text.len(), 1)?;
        let mut config = SiteConfig::default();
        for e in entries {
            match config.index.get(&e.key) {
                Some(&i) => config.fields[i].1 = e.value,
                None => {
                    config.index.insert(e.key.clone(), config.fields.len());
                    config.fields.push((e.key, e.value));
                }
            }
        }
        Ok(config)
    }

    /// The scalar at a dotted path (`url`, `author.name`), if the config defines one.
    pub fn get(&self, path: &str) -> Option<String> {
        let mut parts = path.split('.');
        let first = parts.next()?;
        let mut v = &self.fields[*self.index.get(first)?].1;
        for p in parts {
            v = v.get(p)?;
        }
        v.as_text()
    }

    /// No settings (no `--site-config`).
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// `site.X` inside `{{ … }}` with nothing else (no filters), if that is what `inner` is.
fn site_path(inner: &str) -> Option<&str> {
    let path = inner.trim_matches(|c: char| c == '-' || c.is_whitespace()).strip_prefix("site.")?;
    let ok = !path.is_empty()
        && path.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'));
    ok.then_some(path)
}

/// Replace every `{{ site.X }}` that `site` defines with its value. One pass,
/// linear in the body; undefined variables stay for the Liquid resolver.
pub fn resolve_site_variables(body: &str, site: &SiteConfig, warnings: &mut Vec<Warning>) -> String {
    if site.is_empty() || !body.contains("{{") {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    // Paths resolved, in order of first use, each with its value (one warning each).
    let mut used: Vec<(&str, String)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some(i) = rest.find("{{") {
        let Some(len) = rest[i + 2..].find("}}") else { break };
        let inner = &rest[i + 2..i + 2 + len];
        out.push_str(&rest[..i]);
        match site_path(inner).and_then(|p| site.get(p).map(|v| (p, v))) {
            Some((p, v)) => {
                out.push_str(&v);
                if seen.insert(p) {
                    used.push((p, v));
                }
            }
            None => out.push_str(&rest[i..i + 4 + len]),
        }
        rest = &rest[i + 4 + len..];
    }
    out.push_str(rest);
    for (p, v) in used {
        let msg = format!("`{{{{ site.{p} }}}}` resolved from the site configuration: `{v}`");
        warnings.push(Warning::new(WarningCode::SiteVariable, msg, None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_variables_table() {
        let site = SiteConfig::parse("url: \"https://blog.example.dev\"\nbaseurl: ''\nimg_cdn: https://cdn.example/img\nauthor:\n  name: 김개발\n").unwrap();
        let cases: &[(&str, &str, usize)] = &[
            ("![a]({{ site.url }}/a.png)", "![a](https://blog.example.dev/a.png)", 1),
            ("{{site.img_cdn}}/x.png by {{ site.author.name }}", "https://cdn.example/img/x.png by 김개발", 2),
            ("{{ site.baseurl }}/p", "/p", 1),
            (
                "{{ site.missing }} {{ site.url | relative_url }} {{ page.title }}",
                "{{ site.missing }} {{ site.url | relative_url }} {{ page.title }}",
                0,
            ),
            ("{{ site.url", "{{ site.url", 0),
        ];
        for (body, want, n) in cases {
            let mut w = Vec::new();
            assert_eq!(resolve_site_variables(body, &site, &mut w), *want, "{body}");
            assert_eq!(w.len(), *n, "{body}: {w:?}");
        }
        let mut w = Vec::new();
        assert_eq!(resolve_site_variables("{{ site.url }}", &SiteConfig::default(), &mut w), "{{ site.url }}");
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let site = SiteConfig::parse("a: 1\nb: 2\na: 3\nc:\n  d: 4\nc:\n  e: 5\n").unwrap();
        let keys: Vec<&str> = site.fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        let got: Vec<Option<String>> = ["a", "b", "c.d", "c.e", "z"].iter().map(|p| site.get(p)).collect();
        assert_eq!(got, [Some("3".into()), Some("2".into()), None, Some("5".into()), None]);
        let mut w = Vec::new();
        let out = resolve_site_variables("{{ site.a }} {{ site.b }} {{ site.a }}", &site, &mut w);
        assert_eq!(out, "3 2 3");
        let msgs: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "`{{ site.a }}` resolved from the site configuration: `3`",
                "`{{ site.b }}` resolved from the site configuration: `2`"
            ]
        );
    }
}
