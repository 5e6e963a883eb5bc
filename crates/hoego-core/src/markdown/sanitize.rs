//! The sanitizer seam. The CLI uses ammonia; the browser plugs in DOMPurify,
//! which parses HTML exactly as the page will (no parser differential) and
//! costs 12 KB gzip instead of ammonia's ~260 KB of wasm.

/// Removes everything dangerous from an HTML fragment.
pub trait Sanitizer {
    /// Return a safe version of `html`.
    fn sanitize(&self, html: &str) -> String;
}

/// ammonia with an allowlist fit for blog posts (images, tables, details,
/// code classes for highlighting, `id` for heading anchors).
#[cfg(feature = "ammonia")]
#[derive(Debug)]
pub struct Ammonia(ammonia::Builder<'static>);

#[cfg(feature = "ammonia")]
impl Default for Ammonia {
    fn default() -> Self {
        let mut b = ammonia::Builder::default();
        b.add_tags(["details", "summary", "figure", "figcaption", "input", "mark", "kbd", "section"])
            .add_generic_attributes(["id", "class", "title", "align"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("img", ["src", "alt", "width", "height", "loading"])
            .add_tag_attributes("a", ["href", "name"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"))
            .url_relative(ammonia::UrlRelative::PassThrough)
            .attribute_filter(|_, attr, value| {
                if attr == "style" {
                    // Only table alignment survives; everything else could hide content or phish.
                    let v = value.trim().to_ascii_lowercase();
                    return ["text-align: left", "text-align: right", "text-align: center"]
                        .contains(&v.trim_end_matches(';'))
                        .then(|| value.into());
                }
                Some(value.into())
            });
        Ammonia(b)
    }
}

#[cfg(feature = "ammonia")]
impl Sanitizer for Ammonia {
    fn sanitize(&self, html: &str) -> String {
        self.0.clean(html).to_string()
    }
}
