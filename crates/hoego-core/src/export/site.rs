//! Liquid site variables (`{{ site.X }}`) from the source blog's
//! `_config.yml`: a Jekyll post that uses them cannot be moved to Gatsby
//! without knowing their values, and they cannot be guessed.

use crate::error::{ParseError, Warning, WarningCode};
use crate::value::Value;

/// The top-level settings of a Jekyll `_config.yml`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteConfig {
    fields: Vec<(String, Value)>,
}

impl SiteConfig {
    /// Read a `_config.yml` (front-matter-style YAML: anchors and tags are refused).
    pub fn parse(text: &str) -> Result<SiteConfig, ParseError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let entries = crate::yaml::parse_entries(text, 0..text.len(), 1)?;
        let mut fields: Vec<(String, Value)> = Vec::new();
        for e in entries {
            match fields.iter_mut().find(|(k, _)| *k == e.key) {
                Some(slot) => slot.1 = e.value,
                None => fields.push((e.key, e.value)),
            }
        }
        Ok(SiteConfig { fields })
    }

    /// The scalar at a dotted path (`url`, `author.name`), if the config defines one.
    pub fn get(&self, path: &str) -> Option<String> {
        let mut parts = path.split('.');
        let first = parts.next()?;
        let mut v = self.fields.iter().find(|(k, _)| k == first).map(|(_, v)| v)?;
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
    let mut used: Vec<String> = Vec::new();
    while let Some(i) = rest.find("{{") {
        let Some(len) = rest[i + 2..].find("}}") else { break };
        let inner = &rest[i + 2..i + 2 + len];
        out.push_str(&rest[..i]);
        match site_path(inner).and_then(|p| site.get(p).map(|v| (p, v))) {
            Some((p, v)) => {
                out.push_str(&v);
                if !used.iter().any(|u| u == p) {
                    used.push(p.to_string());
                }
            }
            None => out.push_str(&rest[i..i + 4 + len]),
        }
        rest = &rest[i + 4 + len..];
    }
    out.push_str(rest);
    for p in used {
        let msg = format!(
            "`{{{{ site.{p} }}}}` resolved from the site configuration: `{}`",
            site.get(&p).unwrap_or_default()
        );
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
}
