//! The sanitizer seam. The CLI uses ammonia; the browser plugs in DOMPurify,
//! which parses HTML exactly as the page will (no parser differential) and
//! costs 12 KB gzip instead of ammonia's ~260 KB of wasm.

/// Removes everything dangerous from an HTML fragment.
pub trait Sanitizer {
    /// Return a safe version of `html`.
    fn sanitize(&self, html: &str) -> String;
}

/// How many elements an HTML fragment builds, counted from its start tags (`<`
/// then a letter). Text never counts: the renderer writes a literal `<` as `&lt;`.
pub fn start_tags(html: &str) -> usize {
    html.as_bytes().windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count()
}

/// A [`Sanitizer`] for a live preview, with a budget per fragment: one that
/// would build more than `limit` elements (a 256 KB line of `<ul><li>` is
/// 32,000 list items, ~0.7 s of the browser's style and layout however it is
/// sliced, since it is one block) is not sanitized nor shown; the preview gets
/// `placeholder(elements, bytes)` instead. The placeholder is trusted HTML: the
/// caller writes it, never from the post's text.
pub struct Budgeted<'a, S: Sanitizer + ?Sized> {
    inner: &'a S,
    limit: usize,
    placeholder: &'a dyn Fn(usize, usize) -> String,
}

impl<'a, S: Sanitizer + ?Sized> Budgeted<'a, S> {
    /// Sanitize with `inner` up to `limit` elements per fragment.
    pub fn new(inner: &'a S, limit: usize, placeholder: &'a dyn Fn(usize, usize) -> String) -> Self {
        Budgeted { inner, limit, placeholder }
    }
}

impl<S: Sanitizer + ?Sized> Sanitizer for Budgeted<'_, S> {
    fn sanitize(&self, html: &str) -> String {
        match start_tags(html) {
            n if n > self.limit => (self.placeholder)(n, html.len()),
            _ => self.inner.sanitize(html),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    struct Upper;
    impl Sanitizer for Upper {
        fn sanitize(&self, html: &str) -> String {
            html.to_uppercase()
        }
    }

    #[test]
    fn start_tags_count_elements_not_text() {
        // (html, start tags)
        let table = [
            ("", 0),
            ("<p>a</p>", 1),
            ("<ul><li>a<li>b</ul>", 3),
            ("<p>&lt;ul&gt; 1 < 2, a<b</p>", 2),
            ("<!-- c --><br/><img src=x>", 2),
            ("<", 0),
        ];
        for (html, n) in table {
            assert_eq!(start_tags(html), n, "{html:?}");
        }
    }

    #[test]
    fn over_budget_fragments_get_the_placeholder_unsanitized() {
        let placeholder = |n: usize, bytes: usize| format!("<p>{n} elements, {bytes} B</p>");
        let b = Budgeted::new(&Upper, 3, &placeholder);
        assert_eq!(b.sanitize("<ul><li>a<li>b</ul>"), "<UL><LI>A<LI>B</UL>");
        let big = "<ul><li>a".repeat(2);
        assert_eq!(b.sanitize(&big), format!("<p>4 elements, {} B</p>", big.len()));
    }
}
