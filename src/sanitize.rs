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
        for a in ["style", "formaction", "action", "srcdoc", "xlink:href"] {
            forbid_attr.push(&a.into());
        }
        let _ = js_sys::Reflect::set(&cfg, &"FORBID_TAGS".into(), &forbid_tags);
        let _ = js_sys::Reflect::set(&cfg, &"FORBID_ATTR".into(), &forbid_attr);
        let _ = js_sys::Reflect::set(&cfg, &"ALLOW_DATA_ATTR".into(), &false.into());
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
}
