//! Character counts in the browser: grapheme clusters by `Intl.Segmenter`.
//!
//! hoego-core counts the fast-path text itself (ASCII, Hangul syllables, CJK
//! ideographs) and hands everything else (emoji, accents, other scripts) to a
//! [`Graphemes`] counter. Natively that is unicode-segmentation; here it is the
//! browser's own UAX #29 segmenter, so the wasm does not carry a second copy of
//! the Unicode tables (~11 KB gzip of the first load). `tests/browser.rs`
//! checks it against unicode-segmentation. Browsers without `Intl.Segmenter`
//! (Firefox before 125) fall back to code points, CRLF counted once.

use hoego_core::stats::Graphemes;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/page.js")]
extern "C" {
    fn count_graphemes(s: &str) -> js_sys::Array;
}

/// Grapheme clusters by the browser's `Intl.Segmenter`; whitespace as Rust's
/// `char::is_whitespace` (the `WS` class above lists exactly those chars).
#[derive(Debug, Default, Clone, Copy)]
pub struct IntlGraphemes;

impl Graphemes for IntlGraphemes {
    fn count(&self, text: &str) -> (usize, usize) {
        let r = count_graphemes(text);
        let at = |i| r.get(i).as_f64().unwrap_or(0.0) as usize;
        (at(0), at(1))
    }
}
