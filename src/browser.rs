//! Small browser effects: clock, ids, the browser's offset and language,
//! downloads, and reading dropped or picked files. The reducer never calls
//! these; components call them and pass results into actions.

use hoego_core::templates::Lang;
use hoego_core::{Offset, PostDate};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// ms since epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The browser's current UTC offset.
pub fn browser_offset() -> Offset {
    // getTimezoneOffset is minutes *behind* UTC.
    Offset(-(js_sys::Date::new_0().get_timezone_offset() as i32))
}

/// "Now" as a post date at `offset`.
pub fn now_date(offset: Offset) -> PostDate {
    PostDate::from_unix((now_ms() / 1000.0).floor() as i64, offset)
}

/// A fresh draft id: time plus randomness, base 36.
pub fn new_id() -> String {
    let t = now_ms() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{}{}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    const D: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut s = Vec::new();
    loop {
        s.push(D[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The browser's preferred language.
pub fn browser_lang() -> Lang {
    let l = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    if l.to_ascii_lowercase().starts_with("ko") {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// `HH:MM:SS` local time of `ms`.
pub fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// `YYYY-MM-DD HH:MM` local time of `ms`.
pub fn date_time(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Save `bytes` as a file called `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.style().set_property("display", "none")?;
    doc.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    // The browser fetches the blob after click() returns, so the URL must stay
    // valid until then (and some browsers want the link still in the page).
    // Both are freed a minute later.
    gloo_timers::callback::Timeout::new(60_000, move || {
        a.remove();
        if web_sys::Url::revoke_object_url(&url).is_err() {
            web_sys::console::warn_1(&"could not revoke a download URL".into());
        }
    })
    .forget();
    Ok(())
}

/// The bytes of a picked or dropped file.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Why a file's bytes are not a post's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes where text has none: an image, an archive.
    Binary,
    /// Neither UTF-8 nor EUC-KR/CP949; UTF-8 breaks at this byte offset.
    NotText {
        /// Offset of the first byte that is not UTF-8.
        at: usize,
    },
    /// The browser has no EUC-KR decoder.
    NoDecoder,
}

impl DecodeError {
    /// What to tell the user, in `lang`.
    pub fn describe(self, lang: hoego_core::templates::Lang) -> String {
        use crate::i18n::{t, Key};
        match self {
            DecodeError::Binary => t(lang, Key::ImportBinary).to_string(),
            // Counted from 1, as a person counts bytes.
            DecodeError::NotText { at } => t(lang, Key::ImportNotText).replace("{at}", &(at + 1).to_string()),
            DecodeError::NoDecoder => t(lang, Key::ImportBad).to_string(),
        }
    }
}

/// Decode a post file: UTF-16 with a byte order mark, UTF-8, else EUC-KR/CP949
/// through the browser's own `TextDecoder` (no bundle cost). NUL bytes mean binary.
pub fn decode_post(bytes: &[u8]) -> Result<(String, bool), DecodeError> {
    // Notepad's "Unicode" (UTF-16 after a byte order mark) is text, not binary.
    match hoego_core::utf16::decode_utf16(bytes) {
        Some(Ok(text)) => return Ok((text, false)),
        Some(Err(hoego_core::utf16::Utf16Error::Nul { .. })) => return Err(DecodeError::Binary),
        Some(Err(hoego_core::utf16::Utf16Error::Broken { at })) => return Err(DecodeError::NotText { at }),
        None => {}
    }
    let utf8 = std::str::from_utf8(bytes);
    // A few NULs in UTF-8 text (a damaged file) import as text, which opens in
    // raw mode as a paste of it does ("bad files never lose data"); a binary
    // file (an image named .md, UTF-16) is not UTF-8, or is NULs in large part.
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if nuls > 0 && (utf8.is_err() || nuls * 100 > bytes.len()) {
        return Err(DecodeError::Binary);
    }
    let at = match utf8 {
        Ok(s) => return Ok((s.to_string(), false)),
        Err(e) => e.valid_up_to(),
    };
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let dec = web_sys::TextDecoder::new_with_label_and_options("euc-kr", &opts).map_err(|_| DecodeError::NoDecoder)?;
    dec.decode_with_u8_array(bytes).map(|s| (s, true)).map_err(|_| DecodeError::NotText { at })
}

/// Is this file name an image we can bundle?
pub fn is_image_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"].iter().any(|e| l.ends_with(e))
}

/// Say in the console that a DOM call failed, `what` naming it. For calls whose
/// failure leaves nothing for the user to do (a caret not placed, a listener not
/// removed from a page going away): the app goes on, and the cause is on record.
pub fn warn_on_err<T>(result: Result<T, JsValue>, what: &str) {
    if let Err(e) = result {
        web_sys::console::warn_2(&format!("hoego: {what} failed:").into(), &e);
    }
}

/// Add an event listener; the returned function removes it.
pub fn listen(target: &web_sys::EventTarget, name: &str, f: impl FnMut(web_sys::Event) + 'static) -> impl FnOnce() {
    listen_in(target, name, false, f)
}

/// [`listen`] in the capture phase: on `window`, it hears an event before the
/// page's nodes do, and (at the window itself) before listeners added by [`listen`].
pub fn listen_first(
    target: &web_sys::EventTarget,
    name: &str,
    f: impl FnMut(web_sys::Event) + 'static,
) -> impl FnOnce() {
    listen_in(target, name, true, f)
}

fn listen_in(
    target: &web_sys::EventTarget,
    name: &str,
    capture: bool,
    f: impl FnMut(web_sys::Event) + 'static,
) -> impl FnOnce() {
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let f = cb.as_ref().unchecked_ref();
    warn_on_err(target.add_event_listener_with_callback_and_bool(name, f, capture), "adding a listener");
    let target = target.clone();
    let name = name.to_string();
    move || {
        let f = cb.as_ref().unchecked_ref();
        warn_on_err(target.remove_event_listener_with_callback_and_bool(&name, f, capture), "removing a listener");
        drop(cb);
    }
}

/// Was a composition open (`composing`) and then dropped by the input method
/// without a `compositionend` (Backspace mid-syllable can)? Told by a key that is
/// outside any composition and not one the input method takes (key code 229,
/// `Process`, or `Unidentified` from an Android keyboard): a key's `isComposing` is whether a
/// composition is open, where an `input`'s is only whether it was a
/// composition's edit. Then it is over: `composing` is cleared, and the caller
/// sends the field's text, or nothing typed after it would be.
pub fn composition_dropped(e: &web_sys::KeyboardEvent, composing: &std::cell::RefCell<bool>) -> bool {
    let ime_key = e.key_code() == 229 || matches!(e.key().as_str(), "Process" | "Unidentified");
    end_dropped(composing, !e.is_composing() && !ime_key)
}

/// A composition open in `composing` and a sign it was `dropped`: it is over
/// (`composing` cleared), said by the answer.
fn end_dropped(composing: &std::cell::RefCell<bool>, dropped: bool) -> bool {
    let dropped = *composing.borrow() && dropped;
    if dropped {
        *composing.borrow_mut() = false;
    }
    dropped
}

/// [`composition_dropped`] told by an `input` no composition can make: a paste
/// or undo from the context menu, a drop, a spelling fix. Text put in without a
/// key after a dropped composition would otherwise wait for the next key to be
/// saved. (`insertFromComposition` is Safari's composition edit: not one of them.)
pub fn composition_dropped_by_input(e: &web_sys::InputEvent, composing: &std::cell::RefCell<bool>) -> bool {
    let kind = e.input_type();
    let outside = (kind.starts_with("insertFrom") && kind != "insertFromComposition")
        || kind.starts_with("history")
        || matches!(kind.as_str(), "deleteByCut" | "deleteByDrag" | "insertReplacementText");
    end_dropped(composing, outside)
}

/// Record `performance.now()` under `window[name]` (read by e2e/bench.mjs to
/// measure the app's own share of keystroke-to-preview latency).
pub fn mark(name: &str) {
    if let Some(w) = web_sys::window() {
        let now = w.performance().map_or(0.0, |p| p.now());
        warn_on_err(js_sys::Reflect::set(&w, &name.into(), &now.into()), "a timing mark");
    }
}

/// While `active`, leaving the page (reload, close, another address) asks
/// first: text typed into a box and not applied is in no draft yet.
#[yew::hook]
pub fn use_leave_guard(active: bool) {
    yew::use_effect_with(active, |&active| {
        let target = web_sys::window().map(web_sys::EventTarget::from).filter(|_| active);
        // `preventDefault` on `beforeunload` is what makes the browser ask.
        let stop = target.map(|w| listen(&w, "beforeunload", |e| e.prevent_default()));
        move || stop.into_iter().for_each(|stop| stop())
    });
}
