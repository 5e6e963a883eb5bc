//! Text typed into a front matter box (the raw front matter, the form's other
//! keys) and not applied yet. Those boxes apply on a button, so a half-typed
//! key never reaches the post; until then the text is in no draft and no
//! storage, only here. The editor holds it (not the box, which a mode switch
//! removes), keeps showing it when the front matter changes underneath (a form
//! field, another tab's save), and asks before anything would drop it.

use yew::prelude::*;

use hoego_core::line_endings::to_lf;

/// What was typed into one box.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    /// The draft it was typed in.
    pub draft: AttrValue,
    /// What the box showed when typing began.
    pub base: String,
    /// The box's text (a textarea's: `\n` lines only).
    pub text: String,
}

/// The held text of one box, shared by the editor and the box.
pub type Held = UseStateHandle<Option<Typed>>;

/// One box as drawn now, from what it holds and what it would show (`shown`:
/// the post's text for it).
#[derive(Debug, Clone, PartialEq)]
pub struct BoxState {
    /// The textarea's key: a new key is a new textarea, with [`Self::text`] as
    /// its default. It changes when the box starts afresh (another draft, text
    /// applied), not while typed text is held.
    pub key: AttrValue,
    /// What the box holds.
    pub text: String,
    /// Typed and not applied.
    pub pending: bool,
    /// Typed before the front matter changed underneath: Apply would replace
    /// that change with this text.
    pub stale: bool,
}

/// The box of `draft` showing `shown`, given what is held.
pub fn box_state(held: &Option<Typed>, draft: &str, shown: &str) -> BoxState {
    match held.as_ref().filter(|t| t.draft == draft) {
        Some(t) => BoxState {
            key: box_key(draft, &t.base),
            text: t.text.clone(),
            pending: t.text != to_lf(shown),
            stale: t.base != shown,
        },
        None => BoxState { key: box_key(draft, shown), text: shown.to_string(), pending: false, stale: false },
    }
}

/// Whether the box holds text typed and not applied. Cheaper than
/// [`box_state`] when nothing is held: `shown` is made only then.
pub fn is_pending(held: &Option<Typed>, draft: &str, shown: impl FnOnce() -> String) -> bool {
    held.as_ref().filter(|t| t.draft == draft).is_some_and(|t| t.text != to_lf(&shown()))
}

/// What a key typed into the box holds: its text, on the base it was typed on.
pub fn typed(held: &Option<Typed>, draft: &str, shown: &str, text: String) -> Typed {
    let base = held.as_ref().filter(|t| t.draft == draft).map_or_else(|| shown.to_string(), |t| t.base.clone());
    Typed { draft: AttrValue::from(draft.to_string()), base, text }
}

/// The key of a front matter box: its draft and the text it started from.
fn box_key(draft_id: &str, base: &str) -> AttrValue {
    AttrValue::from(format!("{draft_id}\u{1}{base}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(draft: &str, base: &str, text: &str) -> Option<Typed> {
        Some(Typed { draft: AttrValue::from(draft.to_string()), base: base.into(), text: text.into() })
    }

    #[test]
    fn held_text_stays_shown_until_applied_even_when_the_front_matter_changes() {
        // (held, draft, shown) → (text, pending, stale, same key as the fresh box)
        let cases = [
            (None, "a", "t: 1\n", ("t: 1\n", false, false, true)),
            (held("a", "t: 1\n", "t: 1\nx: 2\n"), "a", "t: 1\n", ("t: 1\nx: 2\n", true, false, true)),
            // The title changed in the form: the typed text is still there, and stale.
            (held("a", "t: 1\n", "t: 1\nx: 2\n"), "a", "t: 9\n", ("t: 1\nx: 2\n", true, true, false)),
            // Applied (the post now shows what was typed): nothing pending.
            (held("a", "t: 1\n", "t: 1\nx: 2\n"), "a", "t: 1\nx: 2\n", ("t: 1\nx: 2\n", false, true, false)),
            // A CRLF post shows `\r\n`; the textarea has `\n`.
            (held("a", "t: 1\r\n", "t: 1\n"), "a", "t: 1\r\n", ("t: 1\n", false, false, true)),
            // Another draft's text is not this box's.
            (held("b", "t: 1\n", "x: 2\n"), "a", "t: 1\n", ("t: 1\n", false, false, true)),
        ];
        for (h, draft, shown, (text, pending, stale, fresh_key)) in cases {
            let s = box_state(&h, draft, shown);
            assert_eq!((s.text.as_str(), s.pending, s.stale), (text, pending, stale), "{h:?} / {shown:?}");
            assert_eq!(s.key == box_state(&None, draft, shown).key, fresh_key, "{h:?} / {shown:?}");
            assert_eq!(is_pending(&h, draft, || shown.to_string()), pending, "{h:?} / {shown:?}");
        }
    }

    #[test]
    fn typing_keeps_the_base_it_started_on() {
        let first = typed(&None, "a", "t: 1\n", "t: 1\nx".into());
        assert_eq!(first.base, "t: 1\n");
        // The front matter changed underneath; typing on keeps the old base (still stale).
        let next = typed(&Some(first), "a", "t: 9\n", "t: 1\nxy".into());
        assert_eq!((next.base.as_str(), next.text.as_str()), ("t: 1\n", "t: 1\nxy"));
        let other = typed(&Some(next), "b", "z: 0\n", "z: 0\n!".into());
        assert_eq!(other.base, "z: 0\n");
    }
}
