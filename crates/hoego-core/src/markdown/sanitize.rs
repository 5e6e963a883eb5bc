//! The sanitizer seam. The CLI uses ammonia; the browser plugs in DOMPurify,
//! which parses HTML exactly as the page will (no parser differential) and
//! costs 12 KB gzip instead of ammonia's ~260 KB of wasm.

/// Removes everything dangerous from an HTML fragment.
pub trait Sanitizer {
    /// Return a safe version of `html`.
    fn sanitize(&self, html: &str) -> String;

    /// Return a safe version of `html`, which the markdown renderer wrote with
    /// no raw HTML in it and no link or image URL but relative, `http(s):` or
    /// `mailto:` ones: all its text and attributes are escaped, so a sanitizer
    /// may return it unchanged. By default it is sanitized like any HTML.
    fn sanitize_plain(&self, html: &str) -> String {
        self.sanitize(html)
    }

    /// Trusted HTML to show instead of a block too large to show here, or `None`
    /// to show it (the default): asked before rendering the block's `markdown_bytes`
    /// (`html` is `None`) and again with its rendered, unsanitized `html`.
    fn stand_in(&self, _markdown_bytes: usize, _html: Option<&str>) -> Option<String> {
        None
    }
}

/// How many elements an HTML fragment builds, counted from its start tags (`<`
/// then a letter). Text never counts: the renderer writes a literal `<` as `&lt;`.
pub(crate) fn start_tags(html: &str) -> usize {
    html.as_bytes().windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count()
}

/// What a live preview left out of one block, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Omitted {
    /// The elements it would build, when that was the reason (else its markdown was too long).
    pub elements: Option<usize>,
    /// Its size: the markdown's when too long, the rendered HTML's when too many elements.
    pub bytes: usize,
}

/// How much one block may be in a live preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Elements its HTML may build.
    pub elements: usize,
    /// Bytes of markdown it may have.
    pub bytes: usize,
}

/// A [`Sanitizer`] for a live preview, with a budget per block (see
/// [`Sanitizer::stand_in`]; a body with footnotes, which the preview renders
/// as one block, has none): one with more than `limits.bytes` of markdown is
/// not rendered (1 MB of `- - - …` is one
/// block: parsing and sanitizing it took ~300 ms in the tab however the
/// preview is sliced), and one whose HTML would build more than
/// `limits.elements` elements (a 256 KB line of `<ul><li>` is 32,000 list
/// items, ~0.7 s of the browser's style and layout) is not sanitized nor
/// shown. The preview gets `placeholder(what was omitted)` instead: trusted
/// HTML the caller writes, never from the post's text.
pub struct Budgeted<'a, S: Sanitizer + ?Sized> {
    inner: &'a S,
    limits: Limits,
    placeholder: &'a dyn Fn(Omitted) -> String,
}

impl<'a, S: Sanitizer + ?Sized> Budgeted<'a, S> {
    /// Sanitize with `inner` within `limits` per block.
    pub fn new(inner: &'a S, limits: Limits, placeholder: &'a dyn Fn(Omitted) -> String) -> Self {
        Budgeted { inner, limits, placeholder }
    }
}

impl<S: Sanitizer + ?Sized> Sanitizer for Budgeted<'_, S> {
    fn sanitize(&self, html: &str) -> String {
        self.inner.sanitize(html)
    }

    fn sanitize_plain(&self, html: &str) -> String {
        self.inner.sanitize_plain(html)
    }

    fn stand_in(&self, markdown_bytes: usize, html: Option<&str>) -> Option<String> {
        let omitted = match html {
            None => (markdown_bytes > self.limits.bytes).then_some(Omitted { elements: None, bytes: markdown_bytes }),
            Some(h) => Some(start_tags(h))
                .filter(|&n| n > self.limits.elements)
                .map(|n| Omitted { elements: Some(n), bytes: h.len() }),
        };
        omitted.map(self.placeholder)
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
                // html5ever writes a value in time quadratic in its `&`s (see
                // `text_split`), and no value can be cut: one this long is no
                // post's (a 1 MB link title took 7 s), and is not written.
                if value.len() > ATTRIBUTE_MAX {
                    return None;
                }
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

/// The longest attribute value ammonia writes.
#[cfg(feature = "ammonia")]
const ATTRIBUTE_MAX: usize = 64 << 10;

#[cfg(feature = "ammonia")]
impl Sanitizer for Ammonia {
    fn sanitize(&self, html: &str) -> String {
        self.0.clean(&super::text_split::split_long_text(html)).to_string()
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
    fn over_budget_blocks_get_the_placeholder_unsanitized() {
        let placeholder = |o: Omitted| format!("<p>{:?} elements, {} B</p>", o.elements, o.bytes);
        let b = Budgeted::new(&Upper, Limits { elements: 3, bytes: 10 }, &placeholder);
        assert_eq!(b.sanitize("<ul><li>a<li>b</ul>"), "<UL><LI>A<LI>B</UL>");
        assert_eq!(b.stand_in(5, Some("<ul><li>a<li>b</ul>")), None);
        let big = "<ul><li>a".repeat(2);
        assert_eq!(b.stand_in(5, Some(&big)), Some(format!("<p>Some(4) elements, {} B</p>", big.len())));
        assert_eq!(b.stand_in(10, None), None);
        assert_eq!(b.stand_in(11, None).as_deref(), Some("<p>None elements, 11 B</p>"));
        assert_eq!(Upper.stand_in(usize::MAX, Some(&big)), None);
    }
}
