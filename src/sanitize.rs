//! The browser's sanitizer: DOMPurify (pinned in package.json, copied into
//! dist/ by Trunk, loaded before the wasm). It parses with the page's own HTML
//! parser, so what it approves is what the page renders. If it is missing we
//! fail closed and show escaped text.

use hoego_core::markdown::Sanitizer;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = DOMPurify, js_name = sanitize, catch)]
    fn purify(html: &str, cfg: &JsValue) -> Result<JsValue, JsValue>;
}

// GFM table alignment arrives as `style="text-align: …"` on th/td. `style` is
// forbidden in general (it can hide or overlay content), so this hook keeps
// exactly the three alignments on table cells, as the CLI's ammonia filter does.
#[wasm_bindgen(module = "/src/page.js")]
extern "C" {
    fn keep_table_alignment();
}

/// DOMPurify with the tags/attributes the issue forbids removed even where
/// its defaults would allow them.
pub struct DomPurify {
    cfg: JsValue,
}

impl Default for DomPurify {
    fn default() -> Self {
        let cfg = js_sys::Object::new();
        let forbid_tags = js_sys::Array::new();
        for t in [
            "style", "form", "base", "meta", "iframe", "object", "embed", "script", "link", "frame", "frameset", "svg",
            "math", "template", "button", "textarea", "select",
        ] {
            forbid_tags.push(&t.into());
        }
        let forbid_attr = js_sys::Array::new();
        // `popover`: a popover opens in the top layer, over the whole app, where
        // the preview's `contain: paint` cannot hold it.
        for a in
            ["style", "formaction", "action", "srcdoc", "xlink:href", "popover", "popovertarget", "popovertargetaction"]
        {
            forbid_attr.push(&a.into());
        }
        keep_table_alignment();
        let set = |k: &str, v: &JsValue| {
            // Setting a property on a fresh plain object cannot fail; say so if it ever does.
            if js_sys::Reflect::set(&cfg, &k.into(), v).is_err() {
                web_sys::console::error_1(&format!("DOMPurify config: {k}").into());
            }
        };
        set("FORBID_TAGS", &forbid_tags);
        set("FORBID_ATTR", &forbid_attr);
        set("ALLOW_DATA_ATTR", &false.into());
        DomPurify { cfg: cfg.into() }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl Sanitizer for DomPurify {
    fn sanitize(&self, html: &str) -> String {
        match purify(html, &self.cfg) {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(_) => format!("<pre>{}</pre>", escape(html)),
        }
    }

    /// Markup the renderer wrote itself, every text escaped, no raw HTML and
    /// no URL scheme but http(s) or mailto (`hoego_core`'s `markdown::plain`):
    /// nothing in it for DOMPurify to remove, so it is not sent there (the usual
    /// key typed in a paragraph: ~0.3–0.45 ms of DOMPurify saved). Except an
    /// `id`: DOMPurify drops ids that name a property of `document`. Heading and
    /// footnote ids start with `user-content-` and never do; blocks with an id
    /// still go, in case.
    fn sanitize_plain(&self, html: &str) -> String {
        if html.contains(" id=\"") {
            return self.sanitize(html);
        }
        html.to_string()
    }
}
