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

#[wasm_bindgen(inline_js = r#"
const WS = /^[\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/;
let seg;
export function count_graphemes(s) {
  if (seg === undefined) {
    try { seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' }); } catch (e) { seg = null; }
  }
  const parts = seg ? Array.from(seg.segment(s), (x) => x.segment) : Array.from(s.replace(/\r\n/g, '\n'));
  let n = 0, m = 0;
  for (const g of parts) { n++; if (!WS.test(g)) m++; }
  return [n, m];
}
"#)]
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
