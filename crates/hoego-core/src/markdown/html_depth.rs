//! How deep raw HTML nests, estimated from above.
//!
//! HTML parsers (html5ever in ammonia, the browser's in DOMPurify) spend time
//! proportional to the depth of open elements on many tags ("has an element
//! in scope" walks the stack), so `<ul><li>` × 20,000 costs them quadratic
//! time. [`OpenElements`] follows the tree-building rules closely enough to
//! never count *fewer* open elements than the real parser has (up to a small
//! constant factor for elements the parser adds on its own, such as `tbody`
//! or re-opened formatting elements), so capping its depth caps the
//! parser's:
//!
//! - an end tag closes only what the standard lets it close (up to a scope
//!   boundary; an ordinary end tag never past a "special" element; a
//!   formatting end tag only its own element or ordinary ones above it);
//! - implied closes (`<li>` after `<li>`, `<p>` before a block) are applied
//!   only when the element is on top, where the parser surely applies them;
//! - formatting elements closed implicitly stay counted (the parser may
//!   re-open them), until their own end tag.
//!
//! Where it differs from the parser it counts more, never less: sloppy HTML
//! can only reach the cap sooner.

use super::html_tags::{
    bounds_scope, closes_p, end_is_implied, is_formatting, is_special, is_void, leaves_foreign, Tag,
};

/// The raw HTML elements open at a point, as [`super::html_tags::Tag`]s arrive.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct OpenElements {
    stack: Vec<Box<str>>,
    /// Formatting elements closed implicitly, which the parser may re-open.
    dangling: Vec<Box<str>>,
    /// How many `svg`/`math` elements are open (there `<x/>` is complete).
    foreign: usize,
}

impl OpenElements {
    /// Open elements, counted from above.
    pub fn depth(&self) -> usize {
        self.stack.len() + self.dangling.len()
    }

    fn top_is(&self, names: &[&str]) -> bool {
        self.stack.last().is_some_and(|t| names.contains(&&**t))
    }

    /// How many elements on top a start tag `name` closes for sure.
    fn implied_closes(&self, name: &str) -> usize {
        let n = self.stack.len();
        let at = |k: usize| n.checked_sub(k + 1).map(|i| &*self.stack[i]);
        match name {
            "li" | "dd" | "dt" => {
                let p = usize::from(at(0) == Some("p"));
                let same: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                p + usize::from(at(p).is_some_and(|t| same.contains(&t)))
            }
            "td" | "th" | "tr" => {
                // Through implied-end elements down to the cell (or row) they close.
                let mut k = 0;
                while at(k).is_some_and(|t| end_is_implied(t) || (name == "tr" && matches!(t, "td" | "th"))) {
                    k += 1;
                }
                let closes: &[&str] = if name == "tr" { &["tr"] } else { &["td", "th"] };
                match at(k) {
                    Some(t) if closes.contains(&t) => k + 1,
                    _ => 0,
                }
            }
            "option" => usize::from(at(0) == Some("option")),
            "optgroup" => {
                let o = usize::from(at(0) == Some("option"));
                o + usize::from(at(o) == Some("optgroup"))
            }
            _ if closes_p(name) => usize::from(self.top_is(&["p"])),
            _ => 0,
        }
    }

    fn pop(&mut self) -> Option<Box<str>> {
        let t = self.stack.pop()?;
        if matches!(&*t, "svg" | "math") {
            self.foreign -= 1;
        }
        Some(t)
    }

    /// A start tag. Returns `false`, changing nothing, when it would make the
    /// depth exceed `limit` (the caller then shows the tag as text).
    pub fn start(&mut self, name: &str, self_closing: bool, limit: usize) -> bool {
        if is_void(name) || (self_closing && self.foreign > 0 && !leaves_foreign(name)) {
            return true;
        }
        let closes = self.implied_closes(name);
        if self.depth() - closes + 1 > limit {
            return false;
        }
        for _ in 0..closes {
            self.pop();
        }
        if matches!(name, "svg" | "math") {
            self.foreign += 1;
        }
        self.stack.push(name.into());
        true
    }

    /// Can the end tag `end` close elements past `node` to reach its own?
    fn passes(node: &str, end: &str) -> bool {
        if end == "form" {
            // `</form>` removes only the form element itself.
            return false;
        }
        if is_special(end) {
            !bounds_scope(node, end)
        } else {
            // Ordinary and formatting end tags stop at a special element.
            !is_special(node)
        }
    }

    /// An end tag: close its element and what it closes implicitly, if the
    /// parser surely would; otherwise nothing (or forget a dangling element).
    pub fn end(&mut self, name: &str) {
        if is_void(name) {
            return;
        }
        let mut target = None;
        for (i, node) in self.stack.iter().enumerate().rev() {
            if &**node == name {
                target = Some(i);
                break;
            }
            if !Self::passes(node, name) {
                break;
            }
        }
        let Some(i) = target else {
            if is_formatting(name) {
                if let Some(d) = self.dangling.iter().rposition(|d| &**d == name) {
                    self.dangling.remove(d);
                }
            }
            return;
        };
        while self.stack.len() > i + 1 {
            if let Some(t) = self.pop().filter(|t| is_formatting(t)) {
                self.dangling.push(t);
            }
        }
        self.pop();
    }

    /// Apply a tag (no limit).
    pub fn apply(&mut self, tag: &Tag) {
        match tag {
            Tag::Start { name, self_closing } => {
                self.start(name, *self_closing, usize::MAX);
            }
            Tag::End { name } => self.end(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::html_tags::tags;
    use super::*;

    fn depth_after(html: &str) -> usize {
        let mut o = OpenElements::default();
        for (_, t) in tags(html) {
            o.apply(&t);
        }
        o.depth()
    }

    #[test]
    fn depth_table() {
        // (html, open elements afterwards, counted from above)
        let cases: &[(&str, usize)] = &[
            ("<div><p>a</p></div>", 0),
            ("<ul><li>a<li>b<li>c</ul>", 0),
            ("<ul><li><p>a<li><p>b</ul>", 0),
            ("<dl><dt>a<dd>b<dt>c</dl>", 0),
            ("<table><tr><td>a<td>b<tr><td>c</table>", 0),
            ("<p>a<div>b</div>", 0),
            ("<div><p>a</div>", 0),
            ("<p><span>a</p>", 0),
            ("<br><img src=x><hr>", 0),
            ("<svg><path d=x/><g/></svg>", 0),
            ("<svg><div/>", 2),
            ("<div/>", 1),
            ("<ul><li><ul><li>", 4),
            // An ordinary end tag stops at a special element: the parser ignores it.
            ("<span><div></span>", 2),
            // `</form>` removes only the form.
            ("<form><div></form>", 2),
            // Formatting elements closed by a block stay counted (they may be re-opened)…
            ("<div><b title=1></div>", 1),
            // …until their own end tag.
            ("<div><b title=1></div></b>", 0),
            ("<b><span>a</b>", 0),
            // An end tag inside a cell does not close past it.
            ("<ul><li><table><tr><td></ul>", 5),
            ("<!-- <div> --><div>", 1),
        ];
        for (html, want) in cases {
            assert_eq!(depth_after(html), *want, "{html}");
        }
    }

    #[test]
    fn start_refuses_past_the_limit_and_changes_nothing() {
        let mut o = OpenElements::default();
        assert!(o.start("div", false, 2));
        assert!(o.start("div", false, 2));
        assert!(!o.start("div", false, 2));
        assert_eq!(o.depth(), 2);
        // A start tag that closes the one on top keeps the depth: allowed at the limit.
        let mut o = OpenElements::default();
        assert!(o.start("ul", false, 2) && o.start("li", false, 2) && o.start("li", false, 2));
        assert_eq!(o.depth(), 2);
    }
}
